"""How a mission looks to clients written for the original backend, in REST replies and in MongoDB.

The production front end knows two statuses: ``stage1`` (preparing) and ``stage2`` (join it). The
game has more phases than that (ready, then live), so clients read ``status`` in the original's
meaning and the game's own phase in ``phase``. This mapping happens only here, at the doors out of
the app (the REST routes and the stored documents); inside, ``PropagandaMission.status`` keeps the
richer value.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from radiomirchi.schemas import MissionId, MissionStatus, PropagandaMission


class MissionPhase(StrEnum):
    preparing = "preparing"
    ready = "ready"
    live = "live"
    won = "won"
    lost = "lost"
    failed = "failed"


_PHASE_OF_STATUS = {
    MissionStatus.stage1: MissionPhase.preparing,
    MissionStatus.stage2: MissionPhase.ready,
    MissionStatus.live: MissionPhase.live,
    MissionStatus.won: MissionPhase.won,
    MissionStatus.lost: MissionPhase.lost,
    MissionStatus.failed: MissionPhase.failed,
}
_STATUS_OF_PHASE = {phase: status for status, phase in _PHASE_OF_STATUS.items()}
_JOINABLE = frozenset({MissionStatus.stage2, MissionStatus.live})


def client_status(status: MissionStatus) -> MissionStatus:
    """The status in the original's meaning: ``stage2`` for every mission that can be joined."""
    return MissionStatus.stage2 if status in _JOINABLE else status


def phase_of(status: MissionStatus) -> MissionPhase:
    return _PHASE_OF_STATUS[status]


def status_of(phase: MissionPhase | str) -> MissionStatus:
    return _STATUS_OF_PHASE[MissionPhase(phase)]


class MissionReply(PropagandaMission):
    """A mission as ``create_mission`` and ``mission_status`` return it."""

    object_id: MissionId = Field(
        serialization_alias="_id",
        description="The same as id: the original backend's field, which the front end reads.",
    )
    status: MissionStatus = Field(
        description="stage1 while preparing, stage2 while it can be joined (ready or live), then "
        "won, lost or failed. Never live: that is in phase."
    )
    phase: MissionPhase = Field(description="The game's phase: preparing, ready, live, won, lost, failed.")

    @classmethod
    def of(cls, mission: PropagandaMission) -> MissionReply:
        fields: dict[str, Any] = dict(mission)
        fields.update(
            object_id=mission.id, status=client_status(mission.status), phase=phase_of(mission.status)
        )
        return cls.model_validate(fields)
