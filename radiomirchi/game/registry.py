"""The registry of live sessions (the seed plan's ConnectionManager).

One live connection per mission per process. The rule when a second connection arrives for the
same mission: the newer one takes over, and the older one is closed (close code 4409), because
the common case is a player reconnecting before the old socket noticed it was dead.

A process plays at most ``max_sessions`` missions at once; a connection for one more is refused
(``RegistryFull``; the socket closes with 1013, try again later). Taking over a mission that is
already live does not count twice. The rule and the cap hold per process: two processes behind
a load balancer each keep their own.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from radiomirchi.schemas import MissionId

REPLACED_CLOSE_CODE = 4409


class RegistryFull(Exception):
    """The process already plays as many missions as it may."""


@dataclass(eq=False)
class _Seat:
    evict: Callable[[], Awaitable[None]]


class SessionRegistry:
    def __init__(self) -> None:
        self._seats: dict[MissionId, _Seat] = {}
        self._lock = asyncio.Lock()

    def __len__(self) -> int:
        return len(self._seats)

    def is_live(self, mission_id: MissionId) -> bool:
        return mission_id in self._seats

    @asynccontextmanager
    async def seat(
        self,
        mission_id: MissionId,
        evict: Callable[[], Awaitable[None]],
        *,
        max_sessions: int | None = None,
    ) -> AsyncIterator[None]:
        """Hold the mission's seat while a connection plays it; an earlier holder is evicted first.

        Raises ``RegistryFull`` when ``max_sessions`` other missions are already live.
        """
        seat = _Seat(evict)
        async with self._lock:
            previous = self._seats.get(mission_id)
            if previous is None and max_sessions is not None and len(self._seats) >= max_sessions:
                raise RegistryFull(f"this server is already playing {len(self._seats)} live shows")
            if previous is not None:
                await previous.evict()
            self._seats[mission_id] = seat
        try:
            yield
        finally:
            if self._seats.get(mission_id) is seat:
                del self._seats[mission_id]

    async def aclose(self) -> None:
        for seat in list(self._seats.values()):
            await seat.evict()
