"""The fleet's shared limits in MongoDB: create_mission counters, seat leases, model cool-downs.

Every write here is either the insert of a document with a unique ``_id`` or a change to a
document only its own process writes. No two processes ever update one document: FerretDB v1
(our test server) runs ``$inc`` and ``findAndModify`` as an unlocked read-modify-write (two
processes doing 100 ``$inc`` each on one counter ended at 7), while a duplicate ``_id`` is refused
exactly, there and in MongoDB. A mission's holders are ordered by the generation each claims, so
clocks only time expiry and windows (the show clock's ``now()``, the wall clock when serving, see
``radiomirchi.clock``): the processes' clocks should agree to well under a second (NTP); a skew of
s seconds moves expiries by s. The cool-downs stay on the wall clock: a provider's quota is real time.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, PyMongoError

from radiomirchi.fleet.seats import Lease
from radiomirchi.schemas import MissionId
from radiomirchi.store.base import StoreUnavailable
from radiomirchi.writers.cooldown import Cooldown, InProcessCooldowns

log = logging.getLogger(__name__)
Clock = Callable[[], float]
Database = AsyncDatabase[dict[str, Any]]


class MongoRateCounter:
    """Fixed windows of numbered slots: the n-th call of a window inserts slot n, so two processes
    racing for the last slot cannot both have it."""

    def __init__(self, database: Database, clock: Clock = time.time) -> None:
        self._slots = database["rate_slots"]
        self._clock = clock
        self._indexed = False
        self._swept_window = -1

    async def take(self, key: str, limit: int, window_seconds: float) -> float:
        now = self._clock()
        window = int(now // window_seconds)
        window_ends = (window + 1) * window_seconds
        try:
            await self._prepare(window, now - window_seconds)
            used = await self._slots.count_documents({"key": key, "window": window})
            # ``used`` is where the free slots start: slots are taken in order, each one only
            # after everything below it was seen taken.
            for slot in range(used, limit):
                try:
                    await self._slots.insert_one(
                        {"_id": f"{key}|{window}|{slot}", "key": key, "window": window, "ends": window_ends}
                    )
                    return 0.0
                except DuplicateKeyError:
                    continue
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB (rate limits): {type(exc).__name__}") from exc
        return max(window_ends - now, 0.001)

    async def _prepare(self, window: int, stale_before: float) -> None:
        if not self._indexed:
            await self._slots.create_index([("key", ASCENDING), ("window", ASCENDING)])
            self._indexed = True
        if window != self._swept_window:  # once a window per process: forget the old windows
            self._swept_window = window
            await self._slots.delete_many({"ends": {"$lt": stale_before}})


class MongoSeatLeases:
    """One document per holder. A mission's holders are ordered by a generation number each claims
    with a unique ``_id`` (``mission:generation``), not by clocks: the highest unexpired one holds
    the mission. Clocks only time the expiry."""

    def __init__(self, database: Database, *, lease_seconds: float, clock: Clock = time.time) -> None:
        self._leases = database["seat_leases"]
        self._lease_seconds = lease_seconds
        self._clock = clock
        self._indexed = False

    async def acquire(self, mission_id: MissionId, holder: str, *, max_live: int) -> Lease | None:
        now = self._clock()
        try:
            await self._prepare(now)
            lease = await self._claim(mission_id, holder, now + self._lease_seconds)
            # Counted after our own insert: two arrivals for the last seat may both be told to
            # try again, but the fleet never plays more than ``max_live``.
            live = await self._live(now)
            others = {other for other in live if other != mission_id}
            if live.get(mission_id, 0) > 1 or len(others) < max_live:  # a takeover counts once
                return lease
            await self._leases.delete_one({"holder": holder})
            return None
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB (seat leases): {type(exc).__name__}") from exc

    async def _claim(self, mission_id: MissionId, holder: str, expires_at: float) -> Lease:
        newest = await self._leases.find_one(
            {"mission_id": mission_id}, {"generation": True}, sort=[("generation", DESCENDING)]
        )
        generation = 0 if newest is None else int(newest["generation"]) + 1
        for _ in range(_MAX_CLAIMS):
            lease = Lease(mission_id, holder, generation)
            try:
                await self._leases.insert_one(_lease_document(lease, expires_at))
                return lease
            except DuplicateKeyError:
                generation += 1  # another holder claimed it a moment ago: it is older than us
        raise StoreUnavailable(f"MongoDB (seat leases): {_MAX_CLAIMS} holders raced for one mission")

    async def predecessors(self, lease: Lease) -> int:
        now = self._clock()
        try:
            return await self._leases.count_documents(
                {
                    "mission_id": lease.mission_id,
                    "generation": {"$lt": lease.generation},
                    "expires_at": {"$gt": now},
                }
            )
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB (seat leases): {type(exc).__name__}") from exc

    async def renew(self, leases: Sequence[Lease]) -> set[MissionId]:
        now = self._clock()
        try:
            cursor = self._leases.find(
                {"mission_id": {"$in": [lease.mission_id for lease in leases]}, "expires_at": {"$gt": now}},
                {"mission_id": True, "generation": True},
            )
            newest: dict[MissionId, int] = {}
            async for document in cursor:
                mission, generation = document["mission_id"], int(document["generation"])
                newest[mission] = max(newest.get(mission, generation), generation)
            superseded = {
                lease.mission_id for lease in leases if newest.get(lease.mission_id, -1) > lease.generation
            }
            current = [lease for lease in leases if lease.mission_id not in superseded]
            expires_at = now + self._lease_seconds
            holders = [lease.holder for lease in current]
            result = await self._leases.update_many(
                {"holder": {"$in": holders}}, {"$set": {"expires_at": expires_at}}
            )
            if result.matched_count < len(current):
                superseded |= await self._restore(current, expires_at)
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB (seat leases): {type(exc).__name__}") from exc
        return superseded

    async def _restore(self, leases: Sequence[Lease], expires_at: float) -> set[MissionId]:
        """This process stalled past some leases and another swept them: put them back, unless a
        newer holder has their generation by now (then they are superseded)."""
        present = {
            document["holder"]
            async for document in self._leases.find(
                {"holder": {"$in": [lease.holder for lease in leases]}}, {"holder": True}
            )
        }
        superseded: set[MissionId] = set()
        for lease in leases:
            if lease.holder in present:
                continue
            try:
                await self._leases.insert_one(_lease_document(lease, expires_at))
            except DuplicateKeyError:
                superseded.add(lease.mission_id)
        return superseded

    async def release(self, lease: Lease) -> None:
        try:
            await self._leases.delete_one({"holder": lease.holder})
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB (seat leases): {type(exc).__name__}") from exc

    async def live_missions(self) -> int:
        try:
            return len(await self._live(self._clock()))
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB (seat leases): {type(exc).__name__}") from exc

    async def is_live(self, mission_id: MissionId) -> bool:
        try:
            live = {"mission_id": mission_id, "expires_at": {"$gt": self._clock()}}
            return await self._leases.find_one(live, {"_id": True}) is not None
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB (seat leases): {type(exc).__name__}") from exc

    async def _live(self, now: float) -> dict[MissionId, int]:
        """Live holders per mission."""
        holders: dict[MissionId, int] = defaultdict(int)
        async for document in self._leases.find({"expires_at": {"$gt": now}}, {"mission_id": True}):
            holders[document["mission_id"]] += 1
        return holders

    async def _prepare(self, now: float) -> None:
        if not self._indexed:
            await self._leases.create_index([("mission_id", ASCENDING), ("generation", ASCENDING)])
            await self._leases.create_index([("holder", ASCENDING)])
            await self._leases.create_index([("expires_at", ASCENDING)])
            self._indexed = True
        # Leases of processes that died; long enough past expiry that a slow renewer is not swept.
        await self._leases.delete_many({"expires_at": {"$lt": now - self._lease_seconds}})


# A claim lost to another holder is retried with the next generation, this many times at most.
_MAX_CLAIMS = 64


def _lease_document(lease: Lease, expires_at: float) -> dict[str, Any]:
    return {
        "_id": f"{lease.mission_id}:{lease.generation}",
        "mission_id": lease.mission_id,
        "holder": lease.holder,
        "generation": lease.generation,
        "expires_at": expires_at,
    }


class MongoCooldowns:
    """A ``CooldownStore`` for the fleet: each cool-down is its own document, the longest wins.

    If MongoDB cannot be reached, this process's own memory answers (and is written too), so a
    429 still cools the model down here.
    """

    def __init__(self, database: Database, clock: Clock = time.time) -> None:
        self._cooldowns = database["model_cooldowns"]
        self._clock = clock
        self._local = InProcessCooldowns(clock)

    async def current(self, model: str) -> Cooldown | None:
        now = self._clock()
        try:
            document = await self._cooldowns.find_one(
                {"model": model, "until": {"$gt": now}}, sort=[("until", DESCENDING)]
            )
        except PyMongoError as exc:
            log.warning(
                "Cool-downs: MongoDB unavailable (%s); this process's own are used", type(exc).__name__
            )
            return await self._local.current(model)
        if document is None:
            return await self._local.current(model)
        return Cooldown(model=model, until=document["until"], reason=document["reason"])

    async def cool_down(self, model: str, seconds: float, reason: str) -> Cooldown:
        local = await self._local.cool_down(model, seconds, reason)
        now = self._clock()
        try:
            await self._cooldowns.delete_many({"until": {"$lt": now}})
            await self._cooldowns.insert_one({"model": model, "until": now + seconds, "reason": reason})
        except PyMongoError as exc:
            log.warning(
                "Cool-downs: MongoDB unavailable (%s); cooling %s in this process only",
                type(exc).__name__,
                model,
            )
            return local
        return await self.current(model) or local
