"""One socket per mission and the cap on live shows, for a whole fleet: seats held as leases.

``SessionRegistry`` (``radiomirchi.game.registry``) keeps doing what it does in one process: the
newer connection for a mission evicts the older one there and then. Across processes each seat
is also a lease in a store the fleet shares (``SeatLeases``; MongoDB's is in
``radiomirchi.fleet.mongo``): one document per holder, with an expiry its process renews.

- A newer holder of a mission supersedes the older one. Before its show starts it waits until
  the older lease is released or has expired, so the two shows never write the mission at once
  and the new one resumes from the store with no line repeated or skipped.
- The older holder's renewer (every ``fleet_lease_renew_seconds``) sees that it was superseded
  and evicts its local session (its socket is closed with 4409, its show stops, its lease goes).
- A process that dies stops renewing: its leases expire after ``fleet_lease_seconds``.
- Expiry and renewal run on the show's clock (``radiomirchi.clock``), as do the store's leases.
- The cap counts the missions with a live lease anywhere. A takeover does not count twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Protocol
from uuid import uuid4

from radiomirchi.clock import REAL_CLOCK, Clock
from radiomirchi.game.registry import RegistryFull, SessionRegistry
from radiomirchi.schemas import MissionId

log = logging.getLogger(__name__)

# How often a new holder looks whether the older one has let go (it stops within a renewal).
PREDECESSOR_POLL_SECONDS = 0.1


class SeatTakenOver(RegistryFull):
    """A newer connection took the mission while this one waited for the one before it to stop
    (it was closed with 4409 already)."""


@dataclass(frozen=True, slots=True)
class Lease:
    mission_id: MissionId
    holder: str  # one per seat (unique): a process may take over its own mission, too
    generation: int  # the mission's holders in order of arrival; the highest one holds it


class SeatLeases(Protocol):
    async def acquire(self, mission_id: MissionId, holder: str, *, max_live: int) -> Lease | None:
        """Take a lease on the mission, superseding any other holder; None (and nothing held) when
        ``max_live`` other missions already hold live leases. Raises ``StoreUnavailable``."""
        ...

    async def predecessors(self, lease: Lease) -> int:
        """How many older holders of the lease's mission have neither released nor expired."""
        ...

    async def renew(self, leases: Sequence[Lease]) -> set[MissionId]:
        """Extend the leases still current; return the missions whose lease a newer holder took
        (those are not extended, so they expire even if their show fails to stop)."""
        ...

    async def release(self, lease: Lease) -> None: ...

    async def live_missions(self) -> int:
        """Missions with a live lease in the fleet."""
        ...

    async def is_live(self, mission_id: MissionId) -> bool:
        """Whether the mission has a live lease anywhere in the fleet."""
        ...


class LeasedSeats:
    """Seats for live shows: the local registry's, each backed by a fleet lease renewed here.

    Same ``seat`` as ``SessionRegistry.seat``, so the door can use either.
    """

    def __init__(
        self,
        registry: SessionRegistry,
        leases: SeatLeases,
        *,
        lease_seconds: float,
        renew_seconds: float,
        clock: Clock = REAL_CLOCK,
    ) -> None:
        self._registry = registry
        self._leases = leases
        self._lease_seconds = lease_seconds
        self._renew_seconds = renew_seconds
        self._clock = clock
        self._held: dict[Lease, Callable[[], Awaitable[None]]] = {}
        self._renewer: asyncio.Task[None] | None = None
        self._evictions: set[asyncio.Task[None]] = set()
        self._closed = False

    @asynccontextmanager
    async def seat(
        self,
        mission_id: MissionId,
        evict: Callable[[], Awaitable[None]],
        *,
        max_sessions: int | None = None,
    ) -> AsyncIterator[None]:
        """Hold the mission's seat in this process and its lease in the fleet.

        Raises ``RegistryFull`` when ``max_sessions`` other missions are live in the fleet, and
        ``StoreUnavailable`` when the lease store cannot be reached.
        """
        async with self._registry.seat(mission_id, evict):
            cap = max_sessions if max_sessions is not None else 2**31
            lease = await self._leases.acquire(mission_id, uuid4().hex, max_live=cap)
            if lease is None:
                raise RegistryFull(f"the fleet is already playing {cap} live shows")
            self._held[lease] = evict  # renewed (or superseded) while it waits, too
            self._start_renewer()
            try:
                await self._wait_for_predecessors(lease)
                yield
            finally:
                self._held.pop(lease, None)
                with contextlib.suppress(Exception):  # unreleased, it expires by itself
                    await self._leases.release(lease)

    async def _wait_for_predecessors(self, lease: Lease) -> None:
        """Until the older holder let go: it does within a renewal, or its lease expires."""
        deadline = self._clock.monotonic() + self._lease_seconds + self._renew_seconds
        while self._clock.monotonic() < deadline and await self._leases.predecessors(lease):
            await self._clock.sleep(PREDECESSOR_POLL_SECONDS)
            if lease not in self._held:
                raise SeatTakenOver(f"mission {lease.mission_id} was taken over again")

    def _start_renewer(self) -> None:
        if not self._closed and (self._renewer is None or self._renewer.done()):
            self._renewer = asyncio.create_task(self._renew_forever(), name="seat-lease-renewer")

    async def _renew_forever(self) -> None:
        # Stopped by ``_closed`` as well as by cancelling: on Python 3.11 ``asyncio.wait_for``
        # drops a cancellation that arrives as its operation completes, and the store's client
        # sends every message through it, so a cancel alone may be lost (aclose then hung).
        while not self._closed:
            await self._clock.sleep(self._renew_seconds)
            if not self._closed:
                await self.renew_once()

    async def renew_once(self) -> None:
        """Extend this process's leases; evict the local sessions another holder superseded."""
        held = list(self._held)
        if not held:
            return
        try:
            superseded = await self._leases.renew(held)
        except Exception as exc:  # the store is away: keep playing; a newer holder waits for expiry
            log.warning("Could not renew %d seat lease(s): %s", len(held), exc)
            return
        for lease in held:
            evict = self._held.pop(lease, None) if lease.mission_id in superseded else None
            if evict is not None:
                log.info("Mission %s was taken over by another process; closing here", lease.mission_id)
                task = asyncio.create_task(_run(evict), name=f"evict-{lease.mission_id}")
                self._evictions.add(task)
                task.add_done_callback(self._evictions.discard)

    async def live_missions(self) -> int:
        return await self._leases.live_missions()

    async def is_live(self, mission_id: MissionId) -> bool:
        """Whether some process of the fleet holds a live seat for the mission."""
        return await self._leases.is_live(mission_id)

    async def aclose(self) -> None:
        self._closed = True
        if self._renewer is not None:
            self._renewer.cancel()
            await asyncio.gather(self._renewer, return_exceptions=True)
        await asyncio.gather(*self._evictions, return_exceptions=True)
        for lease in list(self._held):
            with contextlib.suppress(Exception):
                await self._leases.release(lease)
        self._held.clear()


async def _run(evict: Callable[[], Awaitable[None]]) -> None:
    await evict()
