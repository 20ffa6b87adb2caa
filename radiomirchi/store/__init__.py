"""Mission storage: a Protocol, SQLite (the default) and MongoDB (when ``MONGODB_URI`` is set)."""

from __future__ import annotations

from radiomirchi.config import Settings
from radiomirchi.store.base import DuplicateEntry, MissionStore, StoreUnavailable
from radiomirchi.store.sqlite import SQLiteMissionStore

__all__ = ["DuplicateEntry", "MissionStore", "SQLiteMissionStore", "StoreUnavailable", "build_store"]


def build_store(settings: Settings) -> MissionStore:
    if settings.mongodb_uri is None:
        return SQLiteMissionStore(settings.sqlite_path)
    from radiomirchi.store.mongo import MongoMissionStore

    return MongoMissionStore(
        settings.mongodb_uri.get_secret_value(),
        database=settings.mongodb_database,
        timeout_seconds=settings.mongodb_timeout_seconds,
    )
