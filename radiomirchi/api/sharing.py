"""Sharing a show: its listen link (for its owner), and what a replay needs (the timeline and the
episode), readable with the link's token. With API keys off, everything here is open."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from radiomirchi.access import ApiKeys
from radiomirchi.api.deps import ServicesDep
from radiomirchi.api.missions import (
    FORBIDDEN,
    NOT_FOUND,
    UNAUTHORIZED,
    UNAVAILABLE,
    http_refusal,
    owned_mission,
)
from radiomirchi.api.security import PrincipalDep
from radiomirchi.episode import assemble_episode, episode_seconds, episode_timeline
from radiomirchi.game import rules
from radiomirchi.game.refusal import Refusal
from radiomirchi.schemas import ListenLink, PropagandaMission, ReplayHost, Timeline
from radiomirchi.services import Services

router = APIRouter(prefix="/api/v1", tags=["sharing"])

_ONE_MISSION: dict[int | str, dict[str, Any]] = {**UNAUTHORIZED, **FORBIDDEN, **NOT_FOUND, **UNAVAILABLE}
TokenQuery = Annotated[
    str | None, Query(description="The listen link's token (or the owner's API key), when keys are on.")
]


@router.get("/missions/{mission_id}/listen", response_model=ListenLink, responses=_ONE_MISSION)
async def listen_link(mission_id: str, services: ServicesDep, principal: PrincipalDep) -> ListenLink:
    """The mission's listen link, for its owner to share: whoever opens it hears the show live
    (and, once it is over, its replay), and can change nothing."""
    mission = await owned_mission(services, mission_id, principal)
    keys = services.door.api_keys
    token = keys.listen_token(mission.id)
    query = keys.listen_query(mission.id)
    return ListenLink(
        mission_id=mission.id,
        token=token,
        page=f"/listen/{mission.id}{query}",
        socket=f"/api/v1/ws/{mission.id}/listen{query}",
        replay_page=replay_page(keys, mission.id),
    )


def replay_page(keys: ApiKeys, mission_id: str) -> str:
    """The replay page's path for a mission, with its token when keys are on."""
    return f"/replay/{mission_id}{keys.listen_query(mission_id)}"


@router.get("/missions/{mission_id}/timeline", response_model=Timeline, responses=_ONE_MISSION)
async def timeline(mission_id: str, services: ServicesDep, token: TokenQuery = None) -> Timeline:
    """Every entry of the show placed in its episode (``replay.wav``): the captions and the verdicts
    in time, and the outcome."""
    mission = await _listened(services, mission_id, token)
    entries = await services.store.list_entries(mission.id)
    clips = await services.store.list_audio(mission.id)
    items = episode_timeline(entries, clips)
    result = mission.generation_result
    return Timeline(
        mission_id=mission.id,
        station_name=result.station_name,
        topic=mission.topic,
        hosts=[ReplayHost(name=s.name, role=s.role) for s in result.speakers],
        initial_listeners=result.initial_listeners,
        target_listeners=rules.target_listeners(result.initial_listeners, services.settings.win_fraction),
        awakened_listeners=mission.awakened_listeners,
        result=mission.result,
        end_reason=mission.end_reason,
        score=mission.score,
        episode_seconds=round(episode_seconds(clips), 3),
        items=items,
    )


@router.get(
    "/missions/{mission_id}/replay.wav",
    response_class=Response,
    responses={**_ONE_MISSION, 200: {"content": {"audio/wav": {}}, "description": "PCM16 mono 24 kHz WAV"}},
)
async def replay_audio(mission_id: str, services: ServicesDep, token: TokenQuery = None) -> Response:
    """The episode for a replay page to play (the same audio as ``episode.wav``, served inline)."""
    mission = await _listened(services, mission_id, token)
    wav = await assemble_episode(await services.store.list_audio(mission.id))
    return Response(wav, media_type="audio/wav")


async def _listened(services: Services, mission_id: str, token: str | None) -> PropagandaMission:
    try:
        return await services.door.listen(mission_id, token)
    except Refusal as refusal:
        raise http_refusal(refusal) from None
