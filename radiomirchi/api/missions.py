"""REST routes for missions: create one, read its status (both compat with the seed plan)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, status

from radiomirchi.api.deps import ServicesDep
from radiomirchi.missions import NoWriterAvailable
from radiomirchi.schemas import CreateMissionRequest, PropagandaMission

router = APIRouter(prefix="/api/v1", tags=["missions"])

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No mission with that id (also for a string that is not a UUID)."}
}
_UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"description": "No writer or no database can serve right now."}
}


@router.post(
    "/create_mission",
    status_code=status.HTTP_201_CREATED,
    response_model=PropagandaMission,
    responses={**_UNAVAILABLE},
)
async def create_mission(body: CreateMissionRequest, services: ServicesDep) -> PropagandaMission:
    """Stage 1: invent the station for a topic; Stage 2 (the show briefing) follows in the background."""
    try:
        return await services.missions.create_mission(body.topic, body.user_id)
    except NoWriterAvailable as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"No writer can serve: {exc}") from exc


@router.get("/mission_status/{mission_id}", response_model=PropagandaMission, responses={**_NOT_FOUND})
async def mission_status(mission_id: str, services: ServicesDep) -> PropagandaMission:
    """The full mission; poll until ``status`` is ``stage2`` (ready) or ``failed``."""
    mission = await services.missions.get_mission(parse_mission_id(mission_id))
    if mission is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Mission not found")
    return mission


def parse_mission_id(raw: str) -> UUID:
    """A mission id from a path; anything that is not a UUID is simply a mission that does not exist."""
    try:
        return UUID(raw)
    except ValueError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Mission not found") from None
