"""The create_mission limits counted for the whole fleet: every process takes from one counter.

In one process the limits are token buckets in memory (``radiomirchi.limits``). Several processes
behind a load balancer share a ``RateCounter`` instead (MongoDB's lives in
``radiomirchi.fleet.mongo``), so a flood split across them is refused at the same total.
The counter counts fixed windows (a minute for these limits): simpler to make exact across
processes than a bucket, at the price of allowing up to twice the limit across a window's edge.
While the counter cannot be reached, each process falls back to its own buckets: the mission
could not be stored then anyway, and a flood is still held back per process.
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

from radiomirchi.config import Settings
from radiomirchi.limits import Clock, CreateMissionLimits
from radiomirchi.store.base import StoreUnavailable

log = logging.getLogger(__name__)

CREATE_LIMIT_WINDOW_SECONDS = 60.0


class RateCounter(Protocol):
    async def take(self, key: str, limit: int, window_seconds: float) -> float:
        """Count one call for ``key`` in the current window: 0 if it was under ``limit``, else the
        seconds until the next window (nothing is counted then). Raises ``StoreUnavailable``."""
        ...


class FleetCreateLimits:
    """Per address and per user, like ``CreateMissionLimits``, on a counter the fleet shares."""

    def __init__(self, counter: RateCounter, local: CreateMissionLimits) -> None:
        self._counter = counter
        self._local = local
        self.per_user_per_minute = local.per_user.per_minute
        self.per_ip_per_minute = local.per_ip.per_minute

    @classmethod
    def from_settings(
        cls, counter: RateCounter, settings: Settings, clock: Clock = time.monotonic
    ) -> FleetCreateLimits:
        """``clock`` times the fallback buckets (the counter has its own)."""
        return cls(counter, CreateMissionLimits.from_settings(settings, clock))

    async def check(self, user_id: str, client_ip: str) -> tuple[float, str]:
        """(0, "") when allowed; else (seconds to wait, which limit said no)."""
        try:
            return await self._check_fleet(user_id, client_ip)
        except StoreUnavailable as exc:
            log.warning("The fleet's rate limits are unreachable (%s); counting in this process", exc)
            return self._local.take(user_id, client_ip)

    async def _check_fleet(self, user_id: str, client_ip: str) -> tuple[float, str]:
        if self.per_ip_per_minute > 0:
            wait = await self._counter.take(
                f"ip:{client_ip}", self.per_ip_per_minute, CREATE_LIMIT_WINDOW_SECONDS
            )
            if wait > 0:
                return wait, f"at most {self.per_ip_per_minute} missions a minute from one address"
        if self.per_user_per_minute > 0:
            wait = await self._counter.take(
                f"user:{user_id}", self.per_user_per_minute, CREATE_LIMIT_WINDOW_SECONDS
            )
            if wait > 0:
                return wait, f"at most {self.per_user_per_minute} missions a minute for one user"
        return 0.0, ""
