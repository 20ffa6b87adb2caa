"""The speech-to-text Protocol: transcribe one utterance of PCM s16le mono 16 kHz."""

from __future__ import annotations

from typing import Protocol


class TranscriptionError(Exception):
    """No transcript could be made (the engine failed, not "nothing was said")."""


class SpeechToText(Protocol):
    @property
    def name(self) -> str: ...

    async def transcribe(self, pcm: bytes) -> str:
        """The words in one utterance; "" when nothing intelligible was said."""
        ...

    async def warm_up(self) -> None: ...

    async def aclose(self) -> None: ...
