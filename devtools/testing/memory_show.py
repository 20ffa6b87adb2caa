"""A show without a server: an in-memory sink and a tone voice, for unit tests of the game core.

``MemorySink`` is a listener who plays everything the moment it arrives (so a show runs as fast as
its voices), and remembers every event and byte. ``ToneTTS`` speaks each word as a short tone,
streamed in pieces like a real engine, so lines have real durations without a speech model.
"""

from __future__ import annotations

import asyncio
import math
import struct
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field

from radiomirchi.game import events
from radiomirchi.schemas import MissionId, Speaker
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, pcm_seconds
from radiomirchi.speech.tts.base import Voice

WORD_SECONDS = 0.3


@dataclass
class MemorySink:
    emitted: list[events.ShowEvent] = field(default_factory=list)
    audio: bytearray = field(default_factory=bytearray)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    _line_sent: float = 0.0

    async def emit(self, event: events.ShowEvent) -> None:
        if isinstance(event, events.LineStarted):
            self._line_sent = 0.0
        self.emitted.append(event)
        self.changed.set()

    async def play(self, pcm: bytes) -> None:
        self.audio += pcm
        self._line_sent += pcm_seconds(len(pcm))
        await asyncio.sleep(0)

    def heard_seconds(self) -> float:
        return self._line_sent

    def clear(self) -> float:
        return self._line_sent

    async def played_out(self) -> None:
        return None

    def of(self, kind: type[events.ShowEvent]) -> list[events.ShowEvent]:
        return [event for event in self.emitted if isinstance(event, kind)]

    async def until(self, kind: type[events.ShowEvent], count: int = 1, within: float = 30.0) -> None:
        """Wait until ``count`` events of ``kind`` have been emitted."""
        async with asyncio.timeout(within):
            while len(self.of(kind)) < count:
                self.changed.clear()
                await self.changed.wait()


class ToneTTS:
    name = "tone"

    def __init__(self) -> None:
        self.spoken: list[str] = []  # every line it was asked to voice, in order

    def cast_voices(self, speakers: Sequence[Speaker], mission_id: MissionId) -> dict[str, Voice]:
        return {
            s.name: Voice(engine="tone", id=str(i), gender=s.gender, label=f"tone {i}")
            for i, s in enumerate(speakers)
        }

    async def stream(self, text: str, voice: Voice) -> AsyncIterator[bytes]:
        self.spoken.append(text)
        pitch = 140.0 + 40.0 * int(voice.id)
        samples = int(WORD_SECONDS * WIRE_SAMPLE_RATE)
        for _ in text.split():
            word = b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * pitch * n / WIRE_SAMPLE_RATE)))
                for n in range(samples)
            )
            yield word
            await asyncio.sleep(0)

    async def aclose(self) -> None:
        return None
