"""Headroom: whether this process can start one more show without stalling the ones on air.

Two things starve a live show: the voices' threads falling behind (its next piece waits behind
other work), and the event loop falling behind (its frames go out late, whatever the voices do).
The gauge reads both: the voices' figures from their workers, and the loop's lateness from a
watcher task that sleeps a tenth of a second at a time and notes how late it wakes. The door asks
before a new show takes a seat.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from radiomirchi.config import Settings
from radiomirchi.speech.synthesis_queue import LOAD_WINDOW_SECONDS, SynthesisLoad

WATCH_INTERVAL_SECONDS = 0.1
LAG_PERCENTILE = 0.9


@dataclass(frozen=True, slots=True)
class Headroom:
    """``voices_busy_share`` (0..1) and ``on_air_wait`` (s) over the last 10 s, from the voices;
    ``loop_lag`` (s): how late the event loop woke a sleeper in that time (its 90th percentile)."""

    voices_busy_share: float
    on_air_wait: float
    loop_lag: float

    def shortfall(self, settings: Settings) -> str | None:
        """Why one more show would stall the live ones, or None if there is room."""
        if self.voices_busy_share > settings.max_synthesis_load:
            return f"voices {100 * self.voices_busy_share:.0f}% busy"
        if self.on_air_wait > settings.max_on_air_wait_seconds:
            return f"an on-air piece waited {self.on_air_wait:.2f} s for a voice"
        if self.loop_lag > settings.max_loop_lag_seconds:
            return f"the event loop ran {self.loop_lag:.2f} s late"
        return None


class LoopLag:
    """How late the event loop wakes a sleeper, over the last ``LOAD_WINDOW_SECONDS``: the 90th
    percentile, so that one long step (a mission being created) does not close the door, while a
    loop that is late again and again does. The lateness is wall time whatever the show's clock
    runs at: it is what frames going out suffer."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._late: deque[tuple[float, float]] = deque()

    async def watch(self) -> None:
        """Runs until cancelled (its owner is the app's services)."""
        while True:
            asleep = self._now()
            await asyncio.sleep(WATCH_INTERVAL_SECONDS)
            woke = self._now()
            self._late.append((woke, max(0.0, woke - asleep - WATCH_INTERVAL_SECONDS)))
            while self._late and self._late[0][0] < woke - LOAD_WINDOW_SECONDS:
                self._late.popleft()

    def recent(self) -> float:
        start = self._now() - LOAD_WINDOW_SECONDS
        late = sorted(late for at, late in self._late if at >= start)
        return late[int(LAG_PERCENTILE * (len(late) - 1))] if late else 0.0


class HeadroomGauge:
    """The process's headroom, from its voices (absent behind a network voice) and its loop."""

    def __init__(self, voices: Callable[[], SynthesisLoad] | None, loop_lag: LoopLag) -> None:
        self._voices = voices
        self._loop_lag = loop_lag

    def read(self) -> Headroom:
        voices = self._voices() if self._voices is not None else SynthesisLoad(0.0, 0.0)
        return Headroom(
            voices_busy_share=voices.busy_share,
            on_air_wait=voices.on_air_wait,
            loop_lag=self._loop_lag.recent(),
        )
