"""REST routes for missions: create one, read its status (both compat with the seed plan)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, status

from radiomirchi import schemas
from radiomirchi.api.deps import ServicesDep
from radiomirchi.api.rate_limit import CreateMissionLimits, retry_after
from radiomirchi.api.security import FORBIDDEN_MESSAGE, PrincipalDep, may_use
from radiomirchi.compat import MissionReply
from radiomirchi.missions import NoWriterAvailable
from radiomirchi.schemas import CreateMissionRequest, MissionId, PropagandaMission
from radiomirchi.services import Services

router = APIRouter(prefix="/api/v1", tags=["missions"])

Responses = dict[int | str, dict[str, Any]]
UNAUTHORIZED: Responses = {401: {"description": "API keys are on and no valid key was sent."}}
FORBIDDEN: Responses = {403: {"description": "API keys are on and the mission belongs to another key."}}
NOT_FOUND: Responses = {
    404: {"description": "No mission with that id (also for a string that is not a mission id)."}
}
UNAVAILABLE: Responses = {503: {"description": "The mission database cannot be reached right now."}}
_CREATE_RESPONSES: Responses = {
    **UNAUTHORIZED,
    429: {"description": "Over a rate limit (per user_id or per client address); see Retry-After."},
    503: {"description": "No writer or no database can serve right now."},
}


@router.post(
    "/create_mission",
    status_code=status.HTTP_201_CREATED,
    response_model=MissionReply,
    responses=_CREATE_RESPONSES,
)
async def create_mission(
    body: CreateMissionRequest, request: Request, services: ServicesDep, principal: PrincipalDep
) -> MissionReply:
    """Stage 1: invent the station for a topic; Stage 2 (the show briefing) follows in the background."""
    limits: CreateMissionLimits = request.app.state.create_limits
    client_ip = request.client.host if request.client is not None else "unknown"
    wait, which = limits.take(body.user_id, client_ip)
    if wait > 0:
        seconds = retry_after(wait)
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"Too many new missions: {which}. Try again in {seconds} s.",
            headers={"Retry-After": seconds},
        )
    try:
        mission = await services.missions.create_mission(body.topic, body.user_id, owner=principal)
    except NoWriterAvailable as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"No writer can serve: {exc}") from exc
    return MissionReply.of(mission)


@router.get(
    "/mission_status/{mission_id}",
    response_model=MissionReply,
    responses={**UNAUTHORIZED, **FORBIDDEN, **NOT_FOUND, **UNAVAILABLE},
)
async def mission_status(mission_id: str, services: ServicesDep, principal: PrincipalDep) -> MissionReply:
    """The full mission; poll until ``status`` is ``stage2`` (it can be joined) or ``failed``."""
    return MissionReply.of(await owned_mission(services, mission_id, principal))


async def owned_mission(services: Services, raw_id: str, principal: str | None) -> PropagandaMission:
    """The mission, if it exists (404) and the caller may see it (403)."""
    mission = await services.missions.get_mission(parse_mission_id(raw_id))
    if mission is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Mission not found")
    if not may_use(mission.owner, principal):
        raise HTTPException(status.HTTP_403_FORBIDDEN, FORBIDDEN_MESSAGE)
    return mission


def parse_mission_id(raw: str) -> MissionId:
    """A mission id from a path; anything that is not one is simply a mission that does not exist."""
    mission_id = schemas.parse_mission_id(raw)
    if mission_id is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Mission not found")
    return mission_id
