"""Limits a fleet of app processes shares through MongoDB: the create_mission limits, the live-show
cap with one socket per mission (seat leases), and the writer's model cool-downs.

With SQLite there is one process and no fleet: the in-process limits, registry and cool-downs
serve as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from radiomirchi.config import Settings
from radiomirchi.fleet.limits import FleetCreateLimits, RateCounter
from radiomirchi.fleet.seats import Lease, LeasedSeats, SeatLeases, SeatTakenOver
from radiomirchi.game.registry import SessionRegistry
from radiomirchi.store import MissionStore
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


def build_fleet(settings: Settings, store: MissionStore, registry: SessionRegistry) -> Fleet | None:
    """The shared limits when the store is MongoDB, else None (one process, in-memory limits)."""
    if settings.mongodb_uri is None:
        return None
    from radiomirchi.store.mongo import MongoMissionStore
    from radiomirchi.store.mongo_fleet import MongoCooldowns, MongoRateCounter, MongoSeatLeases

    if not isinstance(store, MongoMissionStore):
        raise TypeError(f"MONGODB_URI is set but the store is {store.name}")
    leases = MongoSeatLeases(store.database, lease_seconds=settings.fleet_lease_seconds)
    return Fleet(
        create_limits=FleetCreateLimits.from_settings(MongoRateCounter(store.database), settings),
        seats=LeasedSeats(
            registry,
            leases,
            lease_seconds=settings.fleet_lease_seconds,
            renew_seconds=settings.fleet_lease_renew_seconds,
        ),
        cooldowns=MongoCooldowns(store.database),
    )
