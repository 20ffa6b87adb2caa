"""The default store: one SQLite file in the data directory.

sqlite3 is blocking, so every statement runs on one dedicated worker thread. One thread also
serialises writes, which makes each read-modify-write update atomic without extra locking.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from radiomirchi.schemas import (
    AudioClip,
    LeaderboardRow,
    MissionId,
    MissionStatus,
    PropagandaMission,
    TranscriptEntry,
)
from radiomirchi.store.base import (
    ENTRY_ADAPTER,
    DuplicateEntry,
    StoreUnavailable,
    TypedMissionUpdates,
    encode_changes,
)

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS missions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS missions_by_user ON missions (user_id, created_at DESC);
CREATE INDEX IF NOT EXISTS missions_by_status ON missions (status, created_at DESC);
CREATE TABLE IF NOT EXISTS entries (
    mission_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (mission_id, seq)
);
CREATE TABLE IF NOT EXISTS audio_clips (
    mission_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    sample_rate INTEGER NOT NULL,
    pcm BLOB NOT NULL,
    PRIMARY KEY (mission_id, seq)
);
CREATE TABLE IF NOT EXISTS results (
    mission_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    score INTEGER NOT NULL,
    won INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS players (
    user_id TEXT PRIMARY KEY,
    best_score INTEGER NOT NULL,
    missions_played INTEGER NOT NULL,
    missions_won INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS players_by_best ON players (best_score DESC, missions_won DESC);
"""


class SQLiteMissionStore(TypedMissionUpdates):
    def __init__(self, path: Path) -> None:
        self._path = path
        self._executor: ThreadPoolExecutor | None = None
        self._connection: sqlite3.Connection | None = None

    @property
    def name(self) -> str:
        return "sqlite"

    @property
    def path(self) -> Path:
        return self._path

    async def open(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-store")
        self._connection = await self._run(self._connect)

    async def close(self) -> None:
        if self._executor is None:
            return
        if self._connection is not None:
            await self._run(self._connection.close)
            self._connection = None
        self._executor.shutdown(wait=True)
        self._executor = None

    async def ping(self) -> None:
        await self._run(lambda: self._db().execute("SELECT 1").fetchone())

    async def insert_mission(self, mission: PropagandaMission) -> None:
        row = (
            str(mission.id),
            mission.user_id,
            mission.status.value,
            mission.created_at.isoformat(),
            mission.updated_at.isoformat(),
            mission.model_dump_json(),
        )
        await self._run(
            lambda: self._db().execute(
                "INSERT INTO missions (id, user_id, status, created_at, updated_at, doc)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                row,
            )
        )

    async def get_mission(self, mission_id: MissionId) -> PropagandaMission | None:
        row = await self._run(
            lambda: self._db().execute("SELECT doc FROM missions WHERE id = ?", (str(mission_id),)).fetchone()
        )
        return None if row is None else PropagandaMission.model_validate_json(row[0])

    async def update_mission(
        self, mission_id: MissionId, changes: Mapping[str, Any]
    ) -> PropagandaMission | None:
        encoded = encode_changes(changes)

        def update() -> PropagandaMission | None:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")  # one transaction: read, merge, validate, write
            try:
                row = db.execute("SELECT doc FROM missions WHERE id = ?", (str(mission_id),)).fetchone()
                if row is None:
                    db.execute("ROLLBACK")
                    return None
                document = json.loads(row[0])
                document.update({k: _jsonable(v) for k, v in encoded.items()})
                mission = PropagandaMission.model_validate(document)
                db.execute(
                    "UPDATE missions SET status = ?, updated_at = ?, doc = ? WHERE id = ?",
                    (
                        mission.status.value,
                        mission.updated_at.isoformat(),
                        mission.model_dump_json(),
                        str(mission_id),
                    ),
                )
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return mission

        return await self._run(update)

    async def list_missions(
        self,
        *,
        status: MissionStatus | None = None,
        user_id: str | None = None,
        limit: int = 100,
    ) -> list[PropagandaMission]:
        clauses, params = [], []
        if status is not None:
            clauses.append("status = ?")
            params.append(status.value)
        if user_id is not None:
            clauses.append("user_id = ?")
            params.append(user_id)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        query = f"SELECT doc FROM missions {where} ORDER BY created_at DESC LIMIT ?"  # noqa: S608
        rows = await self._run(lambda: self._db().execute(query, (*params, limit)).fetchall())
        return [PropagandaMission.model_validate_json(row[0]) for row in rows]

    async def append_entry(self, mission_id: MissionId, entry: TranscriptEntry) -> None:
        row = (str(mission_id), entry.seq, entry.kind, entry.model_dump_json())

        def insert() -> None:
            try:
                self._db().execute(
                    "INSERT INTO entries (mission_id, seq, kind, doc) VALUES (?, ?, ?, ?)", row
                )
            except sqlite3.IntegrityError as exc:
                raise DuplicateEntry(f"entry {entry.seq} of mission {mission_id} exists") from exc

        await self._run(insert)

    async def list_entries(self, mission_id: MissionId) -> list[TranscriptEntry]:
        rows = await self._run(
            lambda: (
                self._db()
                .execute("SELECT doc FROM entries WHERE mission_id = ? ORDER BY seq", (str(mission_id),))
                .fetchall()
            )
        )
        return [ENTRY_ADAPTER.validate_json(row[0]) for row in rows]

    async def append_audio(self, mission_id: MissionId, seq: int, pcm: bytes, sample_rate: int) -> None:
        await self._run(
            lambda: self._db().execute(
                "INSERT OR REPLACE INTO audio_clips (mission_id, seq, sample_rate, pcm) VALUES (?, ?, ?, ?)",
                (str(mission_id), seq, sample_rate, pcm),
            )
        )

    async def list_audio(self, mission_id: MissionId) -> list[AudioClip]:
        rows = await self._run(
            lambda: (
                self._db()
                .execute(
                    "SELECT seq, sample_rate, pcm FROM audio_clips WHERE mission_id = ? ORDER BY seq",
                    (str(mission_id),),
                )
                .fetchall()
            )
        )
        return [AudioClip(seq=seq, sample_rate=rate, pcm=bytes(pcm)) for seq, rate, pcm in rows]

    async def record_result(self, mission_id: MissionId, user_id: str, score: int, won: bool) -> bool:
        def record() -> bool:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                inserted = db.execute(
                    "INSERT OR IGNORE INTO results (mission_id, user_id, score, won) VALUES (?, ?, ?, ?)",
                    (str(mission_id), user_id, score, int(won)),
                ).rowcount
                if inserted:
                    db.execute(
                        "INSERT INTO players (user_id, best_score, missions_played, missions_won)"
                        " VALUES (?, ?, 1, ?) ON CONFLICT (user_id) DO UPDATE SET"
                        " best_score = max(best_score, excluded.best_score),"
                        " missions_played = missions_played + 1,"
                        " missions_won = missions_won + excluded.missions_won",
                        (user_id, score, int(won)),
                    )
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return bool(inserted)

        return await self._run(record)

    async def leaderboard(self, limit: int = 10) -> list[LeaderboardRow]:
        rows = await self._run(
            lambda: (
                self._db()
                .execute(
                    "SELECT user_id, best_score, missions_played, missions_won,"
                    " (SELECT mission_id FROM results WHERE results.user_id = players.user_id"
                    "  ORDER BY score DESC, mission_id LIMIT 1)"
                    " FROM players ORDER BY best_score DESC, missions_won DESC, user_id LIMIT ?",
                    (limit,),
                )
                .fetchall()
            )
        )
        return [
            LeaderboardRow(
                user_id=user,
                best_score=best,
                missions_played=played,
                missions_won=won,
                best_mission_id=mission,
            )
            for user, best, played, won, mission in rows
        ]

    def _connect(self) -> sqlite3.Connection:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA busy_timeout=5000")
        connection.executescript(_SCHEMA)
        return connection

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            raise StoreUnavailable("the SQLite store is not open")
        return self._connection

    async def _run(self, work: Callable[[], T]) -> T:
        if self._executor is None:
            raise StoreUnavailable("the SQLite store is not open")
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, work)
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"SQLite: {exc}") from exc


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
