"""The ``MissionStore`` Protocol and the document encoding both stores share."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import TypeAdapter, ValidationError

from radiomirchi.schemas import (
    AudioClip,
    LeaderboardRow,
    MissionId,
    MissionStatus,
    PropagandaMission,
    ShowOutcome,
    ShowProgress,
    TranscriptEntry,
    utc_now,
)


class StoreUnavailable(Exception):
    """The database cannot be reached right now; callers answer 503 and try again later."""


class MissionStore(Protocol):
    @property
    def name(self) -> str: ...

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def ping(self) -> None:
        """Raise ``StoreUnavailable`` when the database cannot be reached."""
        ...

    async def insert_mission(self, mission: PropagandaMission) -> None: ...

    async def get_mission(self, mission_id: MissionId) -> PropagandaMission | None: ...

    async def update_mission(
        self, mission_id: MissionId, changes: Mapping[str, Any]
    ) -> PropagandaMission | None:
        """Set top-level fields (validated), bump ``updated_at``; ``None`` for an unknown id."""
        ...

    async def set_status(self, mission_id: MissionId, status: MissionStatus) -> PropagandaMission | None: ...

    async def save_progress(self, mission_id: MissionId, progress: ShowProgress) -> None:
        """A live show's progress: listeners, strikes, time and lines broadcast, the summary."""
        ...

    async def save_outcome(self, mission_id: MissionId, outcome: ShowOutcome) -> None:
        """How the show ended (won or lost, why, the score); sets the final status too."""
        ...

    async def list_missions(
        self,
        *,
        status: MissionStatus | None = None,
        user_id: str | None = None,
        limit: int = 100,
    ) -> list[PropagandaMission]:
        """Newest first."""
        ...

    async def append_entry(self, mission_id: MissionId, entry: TranscriptEntry) -> None:
        """Add a transcript entry; ``seq`` is unique per mission (a duplicate raises ``DuplicateEntry``)."""
        ...

    async def list_entries(self, mission_id: MissionId) -> list[TranscriptEntry]:
        """The mission's transcript, in ``seq`` order."""
        ...

    async def append_audio(self, mission_id: MissionId, seq: int, pcm: bytes, sample_rate: int) -> None:
        """Keep the audio of transcript entry ``seq`` as it was heard, for the episode file."""
        ...

    async def list_audio(self, mission_id: MissionId) -> list[AudioClip]:
        """The mission's audio clips in ``seq`` order."""
        ...

    async def record_result(self, mission_id: MissionId, user_id: str, score: int, won: bool) -> bool:
        """Count a finished mission once on the user's leaderboard row; False if already counted."""
        ...

    async def leaderboard(self, limit: int = 10) -> list[LeaderboardRow]:
        """Users by best score (then wins), with missions played and won."""
        ...


class TypedMissionUpdates:
    """The typed updates, written once for every store on top of its ``update_mission``."""

    async def update_mission(
        self, mission_id: MissionId, changes: Mapping[str, Any]
    ) -> PropagandaMission | None:
        raise NotImplementedError

    async def set_status(self, mission_id: MissionId, status: MissionStatus) -> PropagandaMission | None:
        return await self.update_mission(mission_id, {"status": status})

    async def save_progress(self, mission_id: MissionId, progress: ShowProgress) -> None:
        await self.update_mission(mission_id, progress.model_dump())

    async def save_outcome(self, mission_id: MissionId, outcome: ShowOutcome) -> None:
        await self.update_mission(mission_id, {"status": outcome.status, **outcome.model_dump()})


class DuplicateEntry(Exception):
    """A transcript entry with that ``seq`` already exists (another process wrote it first)."""


ENTRY_ADAPTER: TypeAdapter[TranscriptEntry] = TypeAdapter(TranscriptEntry)


_FIELD_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(field.annotation) for name, field in PropagandaMission.model_fields.items()
}
_NATIVE_FIELDS = frozenset({"id", "created_at", "updated_at"})


def encode_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validate an update's fields and encode them as JSON-ready values (datetimes kept native)."""
    unknown = set(changes) - set(_FIELD_ADAPTERS)
    if unknown:
        raise ValueError(f"unknown mission fields: {sorted(unknown)}")
    if "id" in changes:
        raise ValueError("a mission's id cannot change")
    encoded: dict[str, Any] = {}
    for name, value in {**changes, "updated_at": changes.get("updated_at", utc_now())}.items():
        adapter = _FIELD_ADAPTERS[name]
        try:
            validated = adapter.validate_python(value)
        except ValidationError as exc:
            raise ValueError(f"invalid value for mission field {name!r}: {exc.errors()[0]['msg']}") from exc
        encoded[name] = validated if name in _NATIVE_FIELDS else adapter.dump_python(validated, mode="json")
    return encoded


def mission_to_document(mission: PropagandaMission) -> dict[str, Any]:
    """JSON-ready fields, with the timestamps left as native datetime values."""
    document = mission.model_dump(mode="json")
    document["id"] = mission.id
    document["created_at"] = mission.created_at
    document["updated_at"] = mission.updated_at
    return document


def ensure_aware(moment: datetime) -> datetime:
    """MongoDB servers other than MongoDB itself may hand back naive datetimes; they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
