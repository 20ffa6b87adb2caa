"""Choosing the STT engine: Deepgram Nova-3 (Whisper behind it) when keyed, else offline Whisper."""

from __future__ import annotations

from radiomirchi.config import Settings
from radiomirchi.speech.stt.base import SpeechToText
from radiomirchi.speech.stt.whisper import WhisperSTT


def build_stt(settings: Settings) -> SpeechToText:
    offline = WhisperSTT()
    if settings.deepgram_api_key is None:
        return offline
    from radiomirchi.speech.stt.deepgram import DeepgramSTT
    from radiomirchi.speech.stt.fallback import FallbackSTT

    return FallbackSTT(DeepgramSTT.from_settings(settings), offline)
