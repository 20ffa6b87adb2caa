"""The production store: MongoDB through PyMongo's async client.

Missions are stored where the production front end reads them (its Next route runs
``missions.findOne({_id: ObjectId(id)})``): ``_id`` an ObjectId, timestamps BSON dates, ``status``
in the original backend's meaning with the game's ``phase`` beside it, and ``speakers`` and
``summary`` also at the top level, as the front end's Mongoose model has them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from bson import ObjectId
from bson.binary import Binary
from pymongo import ASCENDING, DESCENDING, AsyncMongoClient, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import ConnectionFailure, DuplicateKeyError, OperationFailure, PyMongoError
from pymongo.uri_parser import parse_uri

from radiomirchi.compat import client_status, phase_of, status_of
from radiomirchi.config import DEFAULT_MONGODB_DB
from radiomirchi.schemas import (
    AudioClip,
    LeaderboardRow,
    MissionId,
    MissionStatus,
    PropagandaMission,
    TranscriptEntry,
    mission_seed,
)
from radiomirchi.store.base import (
    ENTRY_ADAPTER,
    DuplicateEntry,
    StoreUnavailable,
    TypedMissionUpdates,
    encode_changes,
    ensure_aware,
    mission_to_document,
)

_LOCK_STRIPES = 64
log = logging.getLogger(__name__)


def open_database(
    uri: str, *, database: str | None, timeout_seconds: float, appname: str = "radiomirchi"
) -> AsyncDatabase[dict[str, Any]]:
    """A client for ``uri`` and its database. As the original backend: ``database`` (MONGODB_DB);
    unset, the database the URI names (where the front end's Mongoose connection looks too), else
    the original's default."""
    timeout_ms = int(timeout_seconds * 1000)
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        uri,
        tz_aware=True,
        serverSelectionTimeoutMS=timeout_ms,
        connectTimeoutMS=timeout_ms,
        # A server that stops answering (rather than refusing) fails the operation too.
        socketTimeoutMS=timeout_ms,
        appname=appname,
    )
    return client[database or parse_uri(uri).get("database") or DEFAULT_MONGODB_DB]


class MongoMissionStore(TypedMissionUpdates):
    def __init__(self, uri: str, *, database: str | None = None, timeout_seconds: float = 5.0) -> None:
        db = open_database(uri, database=database, timeout_seconds=timeout_seconds)
        self.database_name: str = db.name
        self._client = db.client
        self._missions = db["missions"]
        self._entries = db["transcript_entries"]
        self._audio = db["audio_clips"]
        self._results = db["results"]
        self._players = db["players"]
        # FerretDB v1 (our test server) applies findAndModify as read-modify-write without a lock,
        # so concurrent updates of one mission can lose fields. MongoDB is atomic per document;
        # serialising updates per mission in-process (striped locks, bounded) keeps both right.
        self._update_locks = [asyncio.Lock() for _ in range(_LOCK_STRIPES)]
        self._indexes_ready = False
        self._indexes_lock = asyncio.Lock()

    @property
    def name(self) -> str:
        return "mongodb"

    async def open(self) -> None:
        """Create the indexes; if MongoDB is away, start anyway and create them on first use
        (the app serves 503s until it is back instead of failing to start)."""
        try:
            await self._ensure_indexes()
        except StoreUnavailable as exc:
            log.warning("%s at start-up; the indexes are created once it is back", exc)

    async def _ensure_indexes(self) -> None:
        if self._indexes_ready:
            return
        async with self._indexes_lock:
            if self._indexes_ready:
                return
            try:
                await self._missions.create_index([("user_id", ASCENDING), ("created_at", DESCENDING)])
                await self._missions.create_index([("phase", ASCENDING), ("created_at", DESCENDING)])
                await self._entries.create_index([("mission_id", ASCENDING), ("seq", ASCENDING)], unique=True)
                await self._audio.create_index([("mission_id", ASCENDING), ("seq", ASCENDING)], unique=True)
                await self._players.create_index([("best_score", DESCENDING), ("missions_won", DESCENDING)])
            except PyMongoError as exc:
                raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc
            self._indexes_ready = True

    async def close(self) -> None:
        await self._client.close()

    async def ping(self) -> None:
        try:
            await self._client.admin.command("ping")
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc

    async def insert_mission(self, mission: PropagandaMission) -> None:
        await self._ensure_indexes()
        document = _mission_to_document(mission)
        try:
            await self._missions.insert_one(document)
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc

    async def get_mission(self, mission_id: MissionId) -> PropagandaMission | None:
        await self._ensure_indexes()
        try:
            document = await self._missions.find_one({"_id": ObjectId(mission_id)})
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc
        return None if document is None else _mission_from_document(document)

    async def update_mission(
        self, mission_id: MissionId, changes: Mapping[str, Any]
    ) -> PropagandaMission | None:
        await self._ensure_indexes()
        encoded = encode_changes(changes)
        try:
            async with self._update_locks[mission_seed(mission_id) % _LOCK_STRIPES]:
                document = await self._missions.find_one_and_update(
                    {"_id": ObjectId(mission_id)},
                    {"$set": {**encoded, **_front_end_fields(encoded)}},
                    return_document=ReturnDocument.AFTER,
                )
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc

        return None if document is None else _mission_from_document(document)

    async def list_missions(
        self,
        *,
        status: MissionStatus | None = None,
        user_id: str | None = None,
        limit: int = 100,
    ) -> list[PropagandaMission]:
        await self._ensure_indexes()
        query: dict[str, Any] = {}
        if status is not None:
            query["phase"] = phase_of(status).value
        if user_id is not None:
            query["user_id"] = user_id
        try:
            cursor = self._missions.find(query).sort("created_at", DESCENDING).limit(limit)
            return [_mission_from_document(document) async for document in cursor]
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc

    async def append_entry(self, mission_id: MissionId, entry: TranscriptEntry) -> None:
        await self._ensure_indexes()
        document = {"mission_id": ObjectId(mission_id), **entry.model_dump(mode="json"), "at": entry.at}
        try:
            await self._entries.insert_one(document)
        except DuplicateKeyError as exc:
            raise DuplicateEntry(f"entry {entry.seq} of mission {mission_id} exists") from exc
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc

    async def list_entries(self, mission_id: MissionId) -> list[TranscriptEntry]:
        await self._ensure_indexes()
        try:
            cursor = self._entries.find(
                {"mission_id": ObjectId(mission_id)}, {"_id": False, "mission_id": False}
            )
            documents = [document async for document in cursor.sort("seq", ASCENDING)]
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc
        for document in documents:
            document["at"] = ensure_aware(document["at"])
        return [ENTRY_ADAPTER.validate_python(document) for document in documents]

    async def append_audio(self, mission_id: MissionId, seq: int, pcm: bytes, sample_rate: int) -> None:
        await self._ensure_indexes()
        try:
            await self._audio.replace_one(
                {"mission_id": ObjectId(mission_id), "seq": seq},
                {
                    "mission_id": ObjectId(mission_id),
                    "seq": seq,
                    "sample_rate": sample_rate,
                    "pcm": Binary(pcm),
                },
                upsert=True,
            )
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc

    async def list_audio(self, mission_id: MissionId) -> list[AudioClip]:
        await self._ensure_indexes()
        try:
            cursor = self._audio.find({"mission_id": ObjectId(mission_id)}).sort("seq", ASCENDING)
            return [
                AudioClip(seq=doc["seq"], sample_rate=doc["sample_rate"], pcm=bytes(doc["pcm"]))
                async for doc in cursor
            ]
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc

    async def record_result(self, mission_id: MissionId, user_id: str, score: int, won: bool) -> bool:
        await self._ensure_indexes()
        try:
            # The result document's unique _id makes counting idempotent across processes.
            await self._results.insert_one(
                {"_id": ObjectId(mission_id), "user_id": user_id, "score": score, "won": won}
            )
        except DuplicateKeyError:
            return False
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc
        try:
            await self._players.update_one(
                {"_id": user_id},
                {
                    "$max": {"best_score": score},
                    "$inc": {"missions_played": 1, "missions_won": int(won)},
                },
                upsert=True,
            )
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc
        return True

    async def leaderboard(self, limit: int = 10) -> list[LeaderboardRow]:
        await self._ensure_indexes()
        try:
            cursor = (
                self._players.find({})
                .sort([("best_score", DESCENDING), ("missions_won", DESCENDING), ("_id", ASCENDING)])
                .limit(limit)
            )
            rows = [
                LeaderboardRow(
                    user_id=doc["_id"],
                    best_score=doc["best_score"],
                    missions_played=doc["missions_played"],
                    missions_won=doc["missions_won"],
                )
                async for doc in cursor
            ]
            for row in rows:
                best = await self._results.find_one(
                    {"user_id": row.user_id}, {"_id": True}, sort=[("score", DESCENDING), ("_id", ASCENDING)]
                )
                row.best_mission_id = str(best["_id"]) if best is not None else None
            return rows
        except PyMongoError as exc:
            raise StoreUnavailable(f"MongoDB: {_describe(exc)}") from exc


def _mission_to_document(mission: PropagandaMission) -> dict[str, Any]:
    fields = mission_to_document(mission)
    mission_id = fields.pop("id")
    return {"_id": ObjectId(mission_id), **fields, **_front_end_fields(fields)}


def _front_end_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """What the stored document shows other clients, derived from the mission's own fields."""
    shown: dict[str, Any] = {}
    if "status" in fields:
        status = MissionStatus(fields["status"])
        shown["status"] = client_status(status).value
        shown["phase"] = phase_of(status).value
    if "generation_result" in fields:
        shown["speakers"] = fields["generation_result"]["speakers"]
        shown["summary"] = fields["generation_result"]["summary"]
    return shown


def _mission_from_document(document: dict[str, Any]) -> PropagandaMission:
    document = dict(document)
    document["id"] = str(document.pop("_id"))
    for shown_only in ("speakers", "summary"):
        document.pop(shown_only, None)
    if "phase" in document:
        document["status"] = status_of(document.pop("phase"))
    for field in ("created_at", "updated_at"):
        document[field] = ensure_aware(document[field])
    return PropagandaMission.model_validate(document)


def _describe(exc: PyMongoError) -> str:
    if isinstance(exc, ConnectionFailure):
        return "the database cannot be reached"
    if isinstance(exc, OperationFailure):
        return f"operation failed (code {exc.code})"
    return type(exc).__name__
