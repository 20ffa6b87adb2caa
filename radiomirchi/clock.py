"""The show's clock, handed in: what the pacing, the sinks, the rate windows and the seat leases
read and sleep on, so a test (or a demo) can play a show faster than real time.

``ScaledClock(speed)`` runs ``speed`` seconds of show per real second; ``REAL_CLOCK`` is speed 1,
what the app serves with. Every duration given to it is in show seconds.

Timeouts that guard against real I/O hanging (HTTP to a provider, a database call) do not use
this clock: a hung server takes real seconds whatever the show's speed.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds of show time, only for differences within this process."""
        ...

    def now(self) -> float:
        """Show time as seconds since the epoch, comparable across processes at the same speed
        (fleet windows and lease expiries)."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of show time."""
        ...

    def real_seconds(self, seconds: float) -> float:
        """How long ``seconds`` of show time take on the wall clock (for an ``asyncio`` timeout
        that waits on show time)."""
        ...


class ScaledClock:
    """``speed`` seconds of show pass per real second (speed 10: a 3-minute show in 18 s)."""

    def __init__(self, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError(f"a clock's speed must be above 0, not {speed}")
        self.speed = speed

    def monotonic(self) -> float:
        return time.monotonic() * self.speed

    def now(self) -> float:
        # The wall clock scaled from the epoch, not from a start: two processes at one speed
        # agree on it, as they agree on the wall clock.
        return time.time() * self.speed

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.speed)

    def real_seconds(self, seconds: float) -> float:
        """How long ``seconds`` of show time take on the wall clock."""
        return seconds / self.speed

    def __repr__(self) -> str:
        return f"ScaledClock(speed={self.speed:g})"


REAL_CLOCK = ScaledClock(1.0)


def clock_of_speed(speed: float) -> ScaledClock:
    """The real clock at speed 1, else a clock that runs ``speed`` times as fast."""
    return REAL_CLOCK if speed == 1.0 else ScaledClock(speed)
