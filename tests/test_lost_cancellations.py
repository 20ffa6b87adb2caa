"""Background loops that stop even when a cancellation is lost in the store's client.

On Python 3.11 ``asyncio.wait_for`` returns its operation's result, and drops the cancellation,
when the cancel arrives as the operation completes; PyMongo's async client sends every message
through it. A loop stopped by a cancel alone then runs on, and whoever awaits it hangs (CI hung
on the seat-lease renewer's ``aclose`` so). The fakes below lose the first cancel the same way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import cast

from radiomirchi.fleet import LeasedSeats
from radiomirchi.fleet.seats import Lease
from radiomirchi.game import timing
from radiomirchi.game.registry import SessionRegistry
from radiomirchi.game.store_writer import StoreWriter
from radiomirchi.game.tasks import TaskSet
from radiomirchi.schemas import MissionId, MissionStatus, new_mission_id
from radiomirchi.store import MissionStore, StoreUnavailable


class Calls:
    def __init__(self) -> None:
        self.made = 0
        self._made = asyncio.Condition()

    async def until(self, count: int) -> None:
        async with self._made:
            await self._made.wait_for(lambda: self.made >= count)

    async def one(self) -> None:
        async with self._made:
            self.made += 1
            self._made.notify_all()


async def _a_call_that_loses_a_cancel(calls: Calls) -> None:
    await calls.one()
    try:
        await asyncio.sleep(0.05)
    except asyncio.CancelledError:
        return  # as wait_for does when the operation finished at the same moment


class LeasesThatLoseACancel:
    def __init__(self) -> None:
        self.calls = Calls()

    async def acquire(self, mission_id: MissionId, holder: str, *, max_live: int) -> Lease | None:
        return Lease(mission_id, holder, 1)

    async def predecessors(self, lease: Lease) -> int:
        return 0

    async def renew(self, leases: Sequence[Lease]) -> set[MissionId]:
        await _a_call_that_loses_a_cancel(self.calls)
        return set()

    async def release(self, lease: Lease) -> None:
        return None

    async def live_missions(self) -> int:
        return 0

    async def is_live(self, mission_id: MissionId) -> bool:
        return False


async def test_the_seat_renewer_stops_when_its_cancel_is_lost_in_a_renewal() -> None:
    leases = LeasesThatLoseACancel()
    seats = LeasedSeats(SessionRegistry(), leases, lease_seconds=5.0, renew_seconds=0.01)
    mission = new_mission_id()

    async def nothing() -> None:
        return None

    async with seats.seat(mission, nothing):
        async with asyncio.timeout(5):
            await leases.calls.until(1)  # the renewer is in a renewal
            await seats.aclose()
    renewals = leases.calls.made
    await asyncio.sleep(0.1)
    assert leases.calls.made == renewals, "the renewer runs on after aclose"


class StoreAwayThatLosesACancel:
    """Only what a status write calls: the database is away, and a cancel during a write is lost."""

    def __init__(self) -> None:
        self.calls = Calls()

    async def set_status(self, mission_id: MissionId, status: MissionStatus) -> None:
        await _a_call_that_loses_a_cancel(self.calls)
        raise StoreUnavailable("the database is away")


async def test_the_store_retry_stops_when_its_cancel_is_lost_in_a_write() -> None:
    store = StoreAwayThatLosesACancel()
    tasks = TaskSet("test")
    writer = StoreWriter(cast(MissionStore, store), new_mission_id(), tasks)
    await writer.status(MissionStatus.live)  # fails: the retry task takes over
    async with asyncio.timeout(10):
        await store.calls.until(2)  # the retry task is in a write
        await writer.close()
    writes = store.calls.made
    await asyncio.sleep(timing.STORE_RETRY_SECONDS + 0.2)
    assert store.calls.made == writes, "the retry task runs on after close"
    await tasks.cancel_all()
