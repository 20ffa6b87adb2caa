"""Limits a fleet of app processes shares through MongoDB: the create_mission limits, the live-show
cap with one socket per mission (seat leases), and the writer's model cool-downs.

With SQLite there is one process and no fleet: the in-process limits, registry and cool-downs
serve as they are.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from radiomirchi.clock import Clock
from radiomirchi.config import Settings
from radiomirchi.fleet.limits import FleetCreateLimits, RateCounter
from radiomirchi.fleet.seats import Lease, LeasedSeats, SeatLeases, SeatTakenOver
from radiomirchi.game.registry import SessionRegistry
from radiomirchi.writers.cooldown import CooldownStore

__all__ = [
    "Fleet",
    "FleetCreateLimits",
    "Lease",
    "LeasedSeats",
    "RateCounter",
    "SeatLeases",
    "SeatTakenOver",
    "build_fleet",
]


@dataclass(frozen=True)
class Fleet:
    create_limits: FleetCreateLimits
    seats: LeasedSeats
    cooldowns: CooldownStore
    close: Callable[[], Awaitable[None]]  # the shared store's connection

    async def aclose(self) -> None:
        await self.seats.aclose()
        await self.close()


def build_fleet(settings: Settings, registry: SessionRegistry, clock: Clock) -> Fleet | None:
    """The shared limits when the store is MongoDB, else None (one process, in-memory limits).

    The fleet has its own client: a lease renewal that times out while the database hangs must
    not reset the connection pool the show's own writes are using.

    The create_mission windows and the seat leases run on ``clock`` (the show's). The model
    cool-downs stay on the wall clock: they wait out a provider's quota, which is real time.
    """
    if settings.mongodb_uri is None:
        return None
    from radiomirchi.fleet.mongo import MongoCooldowns, MongoRateCounter, MongoSeatLeases
    from radiomirchi.store.mongo import open_database

    database = open_database(
        settings.mongodb_uri.get_secret_value(),
        database=settings.mongodb_database,
        timeout_seconds=settings.mongodb_timeout_seconds,
        appname="radiomirchi-fleet",
    )
    leases = MongoSeatLeases(database, lease_seconds=settings.fleet_lease_seconds, clock=clock.now)
    return Fleet(
        create_limits=FleetCreateLimits.from_settings(
            MongoRateCounter(database, clock.now), settings, clock.monotonic
        ),
        seats=LeasedSeats(
            registry,
            leases,
            lease_seconds=settings.fleet_lease_seconds,
            renew_seconds=settings.fleet_lease_renew_seconds,
            clock=clock,
        ),
        cooldowns=MongoCooldowns(database),
        close=database.client.close,
    )
