"""Choosing the TTS engine from settings: Deepgram Aura-2 (offline behind it) when keyed, else offline."""

from __future__ import annotations

from radiomirchi.config import Settings
from radiomirchi.speech.tts.base import TextToSpeech
from radiomirchi.speech.tts.offline import OfflineTTS


def build_tts(settings: Settings) -> tuple[TextToSpeech, OfflineTTS]:
    """The engine to use, and the offline engine (always present: it is every fallback)."""
    offline = OfflineTTS(tier=settings.voices)
    if settings.deepgram_api_key is None:
        return offline, offline
    from radiomirchi.speech.tts.deepgram import DeepgramTTS
    from radiomirchi.speech.tts.fallback import FallbackTTS

    return FallbackTTS.from_settings(DeepgramTTS.from_settings(settings), offline, settings), offline
