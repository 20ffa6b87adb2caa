"""The fleet's MongoDB pieces on a real MongoDB-compatible server, each "process" with its own
client: the create counters, seat leases (with ``LeasedSeats`` on top) and model cool-downs.

Clocks are injected where expiry matters, so nothing here waits for a lease to run out.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from devtools.testing.apps import AppFactory
from devtools.testing.show_client import create_ready_mission, open_show, play, read_until_closed
from radiomirchi.config import Settings
from radiomirchi.fleet import FleetCreateLimits, LeasedSeats
from radiomirchi.fleet.mongo import Database, MongoCooldowns, MongoRateCounter, MongoSeatLeases
from radiomirchi.game.registry import RegistryFull, SessionRegistry
from radiomirchi.schemas import new_mission_id
from radiomirchi.store.mongo import open_database

pytestmark = pytest.mark.mongo

LEASE_SECONDS = 5.0


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def two_databases(mongodb_settings: Settings) -> AsyncIterator[tuple[Database, Database]]:
    """One database, reached through two clients, as two processes would."""
    assert mongodb_settings.mongodb_uri is not None
    uri = mongodb_settings.mongodb_uri.get_secret_value()
    databases = [
        open_database(uri, database=mongodb_settings.mongodb_database, timeout_seconds=5.0) for _ in range(2)
    ]
    yield databases[0], databases[1]
    for database in databases:
        await database.client.close()


async def test_a_counter_shared_by_two_clients_admits_exactly_the_limit(
    two_databases: tuple[Database, Database],
) -> None:
    clock = Clock(6_000_030.0)  # 30 s into a minute
    counters = [MongoRateCounter(database, clock) for database in two_databases]
    waits = await asyncio.gather(*(counters[n % 2].take("user:flooder", 10, 60.0) for n in range(30)))
    assert sorted(waits)[:10] == [0.0] * 10 and all(wait > 0 for wait in sorted(waits)[10:])
    assert {round(wait, 6) for wait in waits if wait > 0} == {30.0}  # until the next minute
    assert await counters[0].take("user:someone-else", 10, 60.0) == 0.0
    clock.now += 30.0  # the next window starts empty
    assert await counters[1].take("user:flooder", 10, 60.0) == 0.0


async def test_a_newer_holder_supersedes_the_older_which_is_not_renewed(
    two_databases: tuple[Database, Database],
) -> None:
    clock = Clock()
    here, there = (MongoSeatLeases(db, lease_seconds=LEASE_SECONDS, clock=clock) for db in two_databases)
    mission = new_mission_id()
    taken_at = clock.now
    older = await here.acquire(mission, "older", max_live=1)
    assert older is not None
    clock.now -= 1.0  # the newer one's clock is a second behind: the order of arrival still decides
    newer = await there.acquire(mission, "newer", max_live=1)
    assert newer is not None, "a takeover must not count the mission twice"
    assert await there.predecessors(newer) == 1
    assert await here.renew([older]) == {mission}
    clock.now = taken_at + 4.0
    assert await there.renew([newer]) == set()
    # The superseded lease was not extended: it runs out on its first expiry, even if never released.
    clock.now = taken_at + LEASE_SECONDS + 0.01
    assert await there.predecessors(newer) == 0
    assert await there.live_missions() == 1


async def test_the_cap_counts_every_holder_and_a_refused_seat_leaves_nothing(
    two_databases: tuple[Database, Database],
) -> None:
    clock = Clock()
    here, there = (MongoSeatLeases(db, lease_seconds=LEASE_SECONDS, clock=clock) for db in two_databases)
    first, second = new_mission_id(), new_mission_id()
    held = await here.acquire(first, "a", max_live=1)
    assert held is not None
    assert await there.acquire(second, "b", max_live=1) is None
    assert await there.live_missions() == 1
    await here.release(held)
    assert await there.acquire(second, "b", max_live=1) is not None
    # A holder that stops renewing (its process died) frees its seat when the lease runs out.
    clock.now += LEASE_SECONDS + 0.01
    assert await here.acquire(first, "c", max_live=1) is not None


def _seats_of_two_processes(databases: tuple[Database, Database]) -> list[LeasedSeats]:
    return [
        LeasedSeats(
            SessionRegistry(),
            MongoSeatLeases(db, lease_seconds=LEASE_SECONDS),
            lease_seconds=LEASE_SECONDS,
            renew_seconds=0.1,
        )
        for db in databases
    ]


async def test_leased_seats_evict_a_superseded_show_and_wait_for_it_to_let_go(
    two_databases: tuple[Database, Database],
) -> None:
    seats = _seats_of_two_processes(two_databases)
    mission = new_mission_id()
    seated, evicted = asyncio.Event(), asyncio.Event()
    order: list[str] = []

    async def evict_older() -> None:
        order.append("older evicted")
        evicted.set()

    async def never() -> None:
        raise AssertionError("the newer holder was evicted")

    async def older_show() -> None:
        async with seats[0].seat(mission, evict_older, max_sessions=1):
            seated.set()
            await evicted.wait()
            await asyncio.sleep(0.3)  # the show takes a moment to stop and store its last line
            order.append("older let go")

    async def newer_show(evict: Callable[[], Awaitable[None]]) -> None:
        async with seats[1].seat(mission, evict, max_sessions=1):
            order.append("newer plays")

    older = asyncio.create_task(older_show())
    async with asyncio.timeout(20):
        await seated.wait()
        await newer_show(never)
        await older
    assert order == ["older evicted", "older let go", "newer plays"]
    for seat in seats:
        await seat.aclose()


async def test_the_fleet_cap_refuses_a_seat_on_another_process(
    two_databases: tuple[Database, Database],
) -> None:
    seats = [
        LeasedSeats(
            SessionRegistry(),
            MongoSeatLeases(db, lease_seconds=LEASE_SECONDS),
            lease_seconds=LEASE_SECONDS,
            renew_seconds=0.1,
        )
        for db in two_databases
    ]

    async def nothing() -> None:
        return None

    async with seats[0].seat(new_mission_id(), nothing, max_sessions=1):
        with pytest.raises(RegistryFull):
            async with seats[1].seat(new_mission_id(), nothing, max_sessions=1):
                pass
    async with seats[1].seat(new_mission_id(), nothing, max_sessions=1):
        pass
    for seat in seats:
        await seat.aclose()


async def test_a_cool_down_written_through_one_client_is_seen_through_the_other(
    two_databases: tuple[Database, Database],
) -> None:
    clock = Clock()
    here, there = (MongoCooldowns(db, clock) for db in two_databases)
    assert await there.current("gemini-x") is None
    await here.cool_down("gemini-x", 53.0, "rate limited")
    seen = await there.current("gemini-x")
    assert (
        seen is not None and seen.until == pytest.approx(clock.now + 53.0) and seen.reason == "rate limited"
    )
    # A shorter one never shortens it.
    kept = await there.cool_down("gemini-x", 5.0, "brief")
    assert kept.until == pytest.approx(clock.now + 53.0)
    assert await here.current("gemini-other") is None
    clock.now += 53.5
    assert await here.current("gemini-x") is None


@pytest.mark.slow
async def test_one_process_on_mongodb_still_takes_over_its_own_missions(
    apps: AppFactory, mongodb_settings: Settings
) -> None:
    """The local registry evicts at once; the new lease waits for the old one's show to let go."""
    capped = mongodb_settings.model_copy(update={"max_live_sessions": 1})
    with apps.running(capped) as server:
        mission = await create_ready_mission(server.base_url)
        first = await open_show(server.base_url, mission["id"])
        heard = await play(first, max_lines=1)
        async with await open_show(server.base_url, mission["id"]) as second:
            assert (await read_until_closed(first)).code == 4409
            again = await play(second, max_lines=1)
    assert again.lines[0].line_id > heard.lines[0].line_id


async def test_with_mongodb_away_each_process_counts_and_cools_down_for_itself(settings: Settings) -> None:
    nowhere = open_database("mongodb://127.0.0.1:9/", database="away", timeout_seconds=0.2)  # nothing listens
    try:
        limits = FleetCreateLimits.from_settings(
            MongoRateCounter(nowhere),
            settings.model_copy(update={"create_missions_per_user_per_minute": 2}),
        )
        answers = [await limits.check("p", "10.0.0.1") for _ in range(3)]
        assert [wait > 0 for wait, _ in answers] == [False, False, True]
        assert "for one user" in answers[2][1]
        cooldowns = MongoCooldowns(nowhere)
        await cooldowns.cool_down("gemini-x", 53.0, "rate limited")
        cooling = await cooldowns.current("gemini-x")
        assert cooling is not None and cooling.reason == "rate limited"
    finally:
        await nowhere.client.close()
