"""REST routes for missions: create one, read its status (both compat with the seed plan)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, status

from radiomirchi.api.deps import ServicesDep
from radiomirchi.api.security import PrincipalDep
from radiomirchi.compat import MissionReply
from radiomirchi.door import Caller, client_address
from radiomirchi.game.refusal import Refusal
from radiomirchi.limits import retry_after
from radiomirchi.schemas import CreateMissionRequest, PropagandaMission
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
    caller = Caller(principal, request_address(request, services))
    try:
        return MissionReply.of(await services.door.create(body.topic, body.user_id, caller))
    except Refusal as refusal:
        raise http_refusal(refusal) from None


@router.get(
    "/mission_status/{mission_id}",
    response_model=MissionReply,
    responses={**UNAUTHORIZED, **FORBIDDEN, **NOT_FOUND, **UNAVAILABLE},
)
async def mission_status(mission_id: str, services: ServicesDep, principal: PrincipalDep) -> MissionReply:
    """The full mission; poll until ``status`` is ``stage2`` (ready) or ``failed``."""
    return MissionReply.of(await owned_mission(services, mission_id, principal))


async def owned_mission(services: Services, raw_id: str, principal: str | None) -> PropagandaMission:
    """The mission, if it exists (404) and the caller may see it (403)."""
    try:
        return await services.door.mission(raw_id, principal)
    except Refusal as refusal:
        raise http_refusal(refusal) from None


def request_address(request: Request, services: Services) -> str:
    return client_address(
        request.client.host if request.client is not None else None,
        request.headers.get("x-forwarded-for"),
        trust_forwarded=services.settings.trusts_forwarded_for,
    )


# The REST door's form of each refusal code.
_REFUSAL_STATUS: dict[str, int] = {
    "unauthorized": status.HTTP_401_UNAUTHORIZED,
    "forbidden": status.HTTP_403_FORBIDDEN,
    "not_found": status.HTTP_404_NOT_FOUND,
    "mission_over": status.HTTP_409_CONFLICT,
    "mission_failed": status.HTTP_409_CONFLICT,
    "rate_limited": status.HTTP_429_TOO_MANY_REQUESTS,
    "server_full": status.HTTP_503_SERVICE_UNAVAILABLE,
    "no_headroom": status.HTTP_503_SERVICE_UNAVAILABLE,
    "store_unavailable": status.HTTP_503_SERVICE_UNAVAILABLE,
    "no_writer": status.HTTP_503_SERVICE_UNAVAILABLE,
    "misdirected": status.HTTP_421_MISDIRECTED_REQUEST,
}


def http_refusal(refusal: Refusal) -> HTTPException:
    headers = {"Retry-After": retry_after(refusal.retry_after)} if refusal.retry_after is not None else None
    return HTTPException(_REFUSAL_STATUS[refusal.code], str(refusal), headers=headers)
