"""The speech-to-text Protocol: transcribe one utterance of PCM s16le mono 16 kHz."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class TranscriptionError(Exception):
    """No transcript could be made (the engine failed, not "nothing was said")."""


class SpeechToText(Protocol):
    @property
    def name(self) -> str: ...

    async def transcribe(self, pcm: bytes, vocabulary: Sequence[str] = (), *, context: str = "") -> str:
        """The words in one utterance; "" when nothing intelligible was said. ``vocabulary``: names
        the speaker is likely to say (the engine's own way of favouring them: a prompt, key terms).
        ``context``: what the speaker said just before this audio, in the same turn (the turn is
        heard in pieces while it is spoken); an engine that cannot use it ignores it."""
        ...

    async def warm_up(self) -> None: ...

    async def aclose(self) -> None: ...
