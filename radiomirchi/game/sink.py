"""Where a show goes (a WebSocket, a WebRTC track, a test harness), and what it must tell back.

The sink knows playback: it paces the audio it is given, reports how much of the current line the
listener has really heard, drops what is unplayed on a barge-in, and says when everything sent
has been played (which is when a client that never asks gets its next line).
"""

from __future__ import annotations

from typing import Protocol

from radiomirchi.game.events import ShowEvent


class ShowSink(Protocol):
    async def emit(self, event: ShowEvent) -> None:
        """Announce an event. Never raises because the listener has gone."""
        ...

    async def play(self, pcm: bytes) -> None:
        """Audio of the current line (PCM s16le mono 24 kHz); may wait, to keep pace with playback."""
        ...

    def heard_seconds(self) -> float:
        """How much of the current line the listener has heard so far."""
        ...

    def clear(self) -> float:
        """A barge-in: stop playing now and drop what is unplayed; returns the current line's heard
        seconds."""
        ...

    async def played_out(self) -> None:
        """Return once everything sent so far has been played to the listener."""
        ...
