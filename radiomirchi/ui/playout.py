"""Show audio on its way to the player, and what happens when playback reaches a point in it.

The session pushes a line's PCM (s16le mono 24 kHz) a little ahead of real time; a transport
(WebRTC, the listen-only player) takes it at its own pace. Markers fire when playback reaches
them: a caption appears as its line starts to be heard, and the next line is asked for once this
one has been played out, which is what paces the show.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable

from radiomirchi.speech.audio import BYTES_PER_SAMPLE

Marker = Callable[[], None]


class Playout:
    def __init__(self) -> None:
        self._buffer = bytearray()
        self._read = 0  # bytes of show audio taken so far
        self._written = 0  # bytes of show audio pushed so far
        self._played_to = 0  # where playback has reached, on the same count (a flush skips, not plays)
        self._markers: deque[tuple[int, Marker]] = deque()
        self._flush_hooks: list[Callable[[], None]] = []
        self._changed = asyncio.Event()
        self._over = False
        # Set at the first show audio, or when the show ends without any.
        self.started = asyncio.Event()

    # --- the show side ---

    def push(self, pcm: bytes) -> None:
        self._buffer += pcm
        self._written += len(pcm)
        self.started.set()
        self._changed.set()

    def mark(self, marker: Marker) -> None:
        """Run ``marker`` when playback reaches everything pushed so far (now, if it already has)."""
        if self._written <= self._read:
            marker()
        else:
            self._markers.append((self._written, marker))

    def flush(self) -> None:
        """A break-in: drop what has not been played; markers in the dropped audio fire now."""
        self._read = self._written
        del self._buffer[:]
        self._fire_reached()
        for hook in self._flush_hooks:
            with contextlib.suppress(Exception):
                hook()
        self._changed.set()

    def finish(self) -> None:
        """Nothing more will be pushed; what is buffered still plays out."""
        self._over = True
        self.started.set()
        self._changed.set()

    def on_flush(self, hook: Callable[[], None]) -> None:
        """Also drop audio the transport holds downstream (e.g. frames queued for WebRTC)."""
        self._flush_hooks.append(hook)

    # --- the transport side ---

    @property
    def buffered_bytes(self) -> int:
        return len(self._buffer)

    @property
    def played_to(self) -> int:
        """How far into the audio pushed so far playback has really got (not moved by a flush)."""
        return self._played_to

    @property
    def written_bytes(self) -> int:
        return self._written

    async def until_buffered_at_most(self, size: int) -> None:
        """Wait until no more than ``size`` bytes wait to be played (or the show is over)."""
        while len(self._buffer) > size and not self._over:
            self._changed.clear()
            await self._changed.wait()

    @property
    def drained(self) -> bool:
        """The show is over and every byte and marker has been played."""
        return self._over and not self._buffer and not self._markers

    def take(self, size: int) -> bytes:
        """Up to ``size`` bytes (sample-aligned) of show audio, firing markers they pass."""
        size -= size % BYTES_PER_SAMPLE
        chunk = bytes(self._buffer[:size])
        del self._buffer[:size]
        self._read += len(chunk)
        self._played_to = self._read
        self._fire_reached()
        if chunk:
            self._changed.set()
        return chunk

    def take_frame(self, size: int) -> bytes:
        """Exactly ``size`` bytes: show audio, then silence where there is none (real time waits)."""
        chunk = self.take(size)
        return chunk + bytes(size - len(chunk))

    async def take_chunk(self, size: int, max_wait: float) -> bytes | None:
        """A ``size``-byte chunk, filled as audio arrives (so a line's end marker fires, and the
        next line is asked for, the moment its last byte is taken); padded with silence after
        ``max_wait`` seconds (on the wall clock) or at the end; None once the show is over and drained."""
        if self.drained:
            return None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max_wait
        chunk = bytearray()
        while len(chunk) < size:
            if self._buffer:
                chunk += self.take(size - len(chunk))
                continue
            left = deadline - loop.time()
            if self._over or left <= 0:
                break
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)
        return bytes(chunk) + bytes(size - len(chunk))

    def _fire_reached(self) -> None:
        while self._markers and self._markers[0][0] <= self._read:
            _, marker = self._markers.popleft()
            marker()
