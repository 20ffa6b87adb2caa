"""Choosing the TTS engine from settings: Deepgram Aura-2 (offline behind it) when keyed, else offline."""

from __future__ import annotations

from radiomirchi.config import Settings
from radiomirchi.speech.tts.base import TextToSpeech
from radiomirchi.speech.tts.offline import CLEAR_TIER, OfflineTTS


def build_tts(settings: Settings) -> tuple[TextToSpeech, OfflineTTS]:
    """The engine to use, and the offline engine (always present: it is every fallback).

    The voice tier setting picks the offline voices that speak the show. Behind Deepgram the
    offline voices only finish lines Deepgram failed, within a second, so they are the clear tier:
    the natural tier's first audio takes one to two seconds.
    """
    if settings.deepgram_api_key is None:
        offline = OfflineTTS(tier=settings.voices)
        return offline, offline
    from radiomirchi.speech.tts.deepgram import DeepgramTTS
    from radiomirchi.speech.tts.fallback import FallbackTTS

    offline = OfflineTTS(tier=CLEAR_TIER)
    return FallbackTTS.from_settings(DeepgramTTS.from_settings(settings), offline, settings), offline
