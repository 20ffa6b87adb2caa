"""The text-to-speech Protocol every engine fulfils (offline Piper/Pico/Kokoro, Deepgram Aura-2)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from radiomirchi.schemas import Gender, MissionId, Speaker


class SpeechError(Exception):
    """An engine could not speak a line (before or during the stream)."""


@dataclass(frozen=True, slots=True)
class Voice:
    """One speaker's voice for a whole mission.

    ``engine`` names the engine that speaks it; ``id`` is that engine's voice (and variant) id;
    ``label`` is what a player is shown. ``fallback`` is the offline voice that speaks a line
    when the engine fails (only set by ``FallbackTTS``).
    """

    engine: str
    id: str
    gender: Gender
    label: str
    fallback: Voice | None = None


class TextToSpeech(Protocol):
    @property
    def name(self) -> str: ...

    def cast_voices(self, speakers: Sequence[Speaker], mission_id: MissionId) -> dict[str, Voice]:
        """One voice per speaker name: matching gender, deterministic from the mission id, all distinct."""
        ...

    def stream(self, text: str, voice: Voice) -> AsyncIterator[bytes]:
        """PCM s16le mono 24 kHz chunks, each an even number of bytes, as soon as they exist.

        Cancelling the consumer must stop the work promptly (no synthesis left running).
        """
        ...

    async def aclose(self) -> None: ...
