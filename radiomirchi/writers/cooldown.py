"""Which models are cooling down after a rate limit, shared by every session that uses a writer.

A 429 whose delay the current call cannot wait out sends that call to the offline writer and
marks the model; until the delay has passed, no session sends it a request. The store is a small
Protocol: the in-process one here serves one process; a shared one (e.g. in MongoDB) can serve a
fleet behind a load balancer without changing the writer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Cooldown:
    model: str
    until: float  # wall-clock seconds (time.time()), comparable across processes
    reason: str

    def seconds_left(self, now: float) -> float:
        return max(0.0, self.until - now)


class CooldownStore(Protocol):
    async def current(self, model: str) -> Cooldown | None:
        """The model's cool-down if it has not ended yet, else None."""
        ...

    async def cool_down(self, model: str, seconds: float, reason: str) -> Cooldown:
        """Keep requests away from ``model`` for ``seconds`` (never shortens a longer cool-down)."""
        ...


class InProcessCooldowns:
    """Cool-downs in this process's memory; ``clock`` is injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._cooldowns: dict[str, Cooldown] = {}

    async def current(self, model: str) -> Cooldown | None:
        cooldown = self._cooldowns.get(model)
        if cooldown is None or cooldown.until <= self._clock():
            return None
        return cooldown

    async def cool_down(self, model: str, seconds: float, reason: str) -> Cooldown:
        proposed = Cooldown(model=model, until=self._clock() + seconds, reason=reason)
        existing = self._cooldowns.get(model)
        if existing is not None and existing.until >= proposed.until:
            return existing
        self._cooldowns[model] = proposed
        return proposed
