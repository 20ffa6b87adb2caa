"""In-memory token buckets: create_mission per user and per client IP, and per-WebSocket floods.

These limits live in one process (SQLite: one process is the deployment). With MongoDB the
create_mission limits are counted for the whole fleet instead (``radiomirchi.fleet.limits``,
behind the same ``CreateLimiter``); the per-WebSocket budgets stay per connection.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from radiomirchi.config import Settings

Clock = Callable[[], float]
# Bounded so that a flood of made-up user ids cannot grow the table without limit: the least
# recently seen keys are forgotten first (a forgotten key starts again with a full bucket).
MAX_TRACKED_KEYS = 10_000
# Binary frames cost at least this many bytes, so that a flood of tiny frames is a flood too.
MIN_AUDIO_FRAME_COST = 1024
# A WebSocket may have this many messages dropped (refilled at FLOOD_FORGIVE_PER_SECOND) before
# it is closed with 1008: a short burst is forgiven, a flood that goes on is not.
FLOOD_PATIENCE = 50
FLOOD_FORGIVE_PER_SECOND = 5.0
# A dropped message is answered at most this often, so a flood is not answered by a flood.
RATE_LIMITED_REPLY_SECONDS = 1.0


class TokenBucket:
    """``capacity`` tokens, refilled at ``rate`` per second."""

    def __init__(self, capacity: float, rate: float, clock: Clock = time.monotonic) -> None:
        self.capacity = capacity
        self.rate = rate
        self._clock = clock
        self._tokens = capacity
        self._updated = clock()

    def take(self, cost: float = 1.0) -> float:
        """Take ``cost`` tokens and return 0, or take none and return the seconds until they exist."""
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now
        if self._tokens >= cost:
            self._tokens -= cost
            return 0.0
        return (min(cost, self.capacity) - self._tokens) / self.rate


class KeyedLimiter:
    """One bucket per key (a user id, an IP): ``per_minute`` calls a minute, as a burst or spread out."""

    def __init__(self, per_minute: int, clock: Clock = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def take(self, key: str) -> float:
        """0 when the call may go ahead; else the seconds until it may. ``per_minute == 0`` is no limit."""
        if self.per_minute <= 0:
            return 0.0
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self.per_minute, self.per_minute / 60.0, self._clock)
            self._buckets[key] = bucket
            if len(self._buckets) > MAX_TRACKED_KEYS:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        return bucket.take()


class CreateLimiter(Protocol):
    async def check(self, user_id: str, client_ip: str) -> tuple[float, str]:
        """(0, "") when a new mission may be made (and it is counted); else (seconds to wait,
        which limit said no)."""
        ...


@dataclass(frozen=True)
class CreateMissionLimits:
    per_user: KeyedLimiter
    per_ip: KeyedLimiter

    @classmethod
    def from_settings(cls, settings: Settings, clock: Clock = time.monotonic) -> CreateMissionLimits:
        return cls(
            per_user=KeyedLimiter(settings.create_missions_per_user_per_minute, clock),
            per_ip=KeyedLimiter(settings.create_missions_per_ip_per_minute, clock),
        )

    def take(self, user_id: str, client_ip: str) -> tuple[float, str]:
        """(0, "") when allowed; else (seconds to wait, which limit said no)."""
        wait = self.per_ip.take(client_ip)
        if wait > 0:
            return wait, f"at most {self.per_ip.per_minute} missions a minute from one address"
        wait = self.per_user.take(user_id)
        if wait > 0:
            return wait, f"at most {self.per_user.per_minute} missions a minute for one user"
        return 0.0, ""

    async def check(self, user_id: str, client_ip: str) -> tuple[float, str]:
        return self.take(user_id, client_ip)


def retry_after(seconds: float) -> str:
    """A Retry-After header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))


class Admission(Enum):
    ADMIT = "admit"
    DROP = "drop"  # over the limit: drop it, and say so (at most once a second)
    DROP_QUIETLY = "drop_quietly"  # over the limit, already told
    CLOSE = "close"  # the flood went on: close the connection (1008)


class ConnectionLimits:
    """One WebSocket's budgets: JSON control messages per second, microphone bytes per second."""

    def __init__(
        self,
        *,
        messages_per_second: float,
        message_burst: int,
        audio_bytes_per_second: int,
        audio_burst_bytes: int,
        clock: Clock = time.monotonic,
    ) -> None:
        self._clock = clock
        self._messages = TokenBucket(message_burst, messages_per_second, clock)
        self._audio = TokenBucket(audio_burst_bytes, audio_bytes_per_second, clock)
        self._patience = TokenBucket(FLOOD_PATIENCE, FLOOD_FORGIVE_PER_SECOND, clock)
        self._last_told = -math.inf

    @classmethod
    def from_settings(cls, settings: Settings, clock: Clock = time.monotonic) -> ConnectionLimits:
        return cls(
            messages_per_second=settings.ws_messages_per_second,
            message_burst=settings.ws_message_burst,
            audio_bytes_per_second=settings.ws_audio_bytes_per_second,
            audio_burst_bytes=settings.ws_audio_burst_bytes,
            clock=clock,
        )

    def admit_text(self) -> Admission:
        return self._judge(self._messages.take())

    def admit_audio(self, size: int) -> Admission:
        return self._judge(self._audio.take(max(size, MIN_AUDIO_FRAME_COST)))

    def _judge(self, wait: float) -> Admission:
        if wait == 0:
            return Admission.ADMIT
        if self._patience.take() > 0:
            return Admission.CLOSE
        now = self._clock()
        if now - self._last_told >= RATE_LIMITED_REPLY_SECONDS:
            self._last_told = now
            return Admission.DROP
        return Admission.DROP_QUIETLY
