"""Deepgram first, offline Whisper when it fails; the caller hears if neither could transcribe."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence

from radiomirchi.speech.stt.base import SpeechToText, TranscriptionError

log = logging.getLogger(__name__)


class FallbackSTT:
    def __init__(self, primary: SpeechToText, fallback: SpeechToText) -> None:
        self._primary = primary
        self._fallback = fallback
        self.fallbacks: Counter[str] = Counter()

    @property
    def name(self) -> str:
        return f"{self._primary.name} (fallback: {self._fallback.name})"

    async def warm_up(self) -> None:
        await self._primary.warm_up()
        await self._fallback.warm_up()

    async def transcribe(self, pcm: bytes, vocabulary: Sequence[str] = (), *, context: str = "") -> str:
        try:
            return await self._primary.transcribe(pcm, vocabulary, context=context)
        except TranscriptionError as exc:
            self.fallbacks["stt"] += 1
            log.warning("%s failed, %s transcribes instead: %s", self._primary.name, self._fallback.name, exc)
            return await self._fallback.transcribe(pcm, vocabulary, context=context)

    async def aclose(self) -> None:
        try:
            await self._primary.aclose()
        finally:
            await self._fallback.aclose()
