"""What a mission left behind: its transcript, its episode as one WAV, and the leaderboard."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from radiomirchi.api.deps import ServicesDep
from radiomirchi.api.missions import FORBIDDEN, NOT_FOUND, UNAUTHORIZED, UNAVAILABLE, owned_mission
from radiomirchi.api.security import PrincipalDep
from radiomirchi.api.sharing import replay_page
from radiomirchi.episode import assemble_episode
from radiomirchi.schemas import LeaderboardRow, TranscriptEntry

router = APIRouter(prefix="/api/v1", tags=["results"])

_ONE_MISSION: dict[int | str, dict[str, Any]] = {**UNAUTHORIZED, **FORBIDDEN, **NOT_FOUND, **UNAVAILABLE}


@router.get("/missions/{mission_id}/transcript", response_model=list[TranscriptEntry], responses=_ONE_MISSION)
async def transcript(
    mission_id: str, services: ServicesDep, principal: PrincipalDep
) -> list[TranscriptEntry]:
    """What was actually broadcast and said, in order: host lines (cut where they were cut) and
    the player's interjections with their verdicts."""
    mission = await owned_mission(services, mission_id, principal)
    return await services.store.list_entries(mission.id)


@router.get(
    "/missions/{mission_id}/episode.wav",
    response_class=Response,
    responses={**_ONE_MISSION, 200: {"content": {"audio/wav": {}}, "description": "PCM16 mono 24 kHz WAV"}},
)
async def episode(mission_id: str, services: ServicesDep, principal: PrincipalDep) -> Response:
    """The broadcast as heard: host lines (interruptions cut where they were cut) and the
    player's own speech, in order, as one WAV file."""
    mission = await owned_mission(services, mission_id, principal)
    clips = await services.store.list_audio(mission.id)
    wav = await assemble_episode(clips)
    return Response(
        wav,
        media_type="audio/wav",
        headers={"Content-Disposition": f'attachment; filename="radiomirchi-{mission.id}.wav"'},
    )


@router.get("/leaderboard", response_model=list[LeaderboardRow], responses={**UNAUTHORIZED, **UNAVAILABLE})
async def leaderboard(
    services: ServicesDep, limit: Annotated[int, Query(ge=1, le=100)] = 10
) -> list[LeaderboardRow]:
    """Users by best score, with missions played and won, and where their best show replays."""
    rows = await services.store.leaderboard(limit)
    for row in rows:
        if row.best_mission_id is not None:
            row.replay_page = replay_page(services.door.api_keys, row.best_mission_id)
    return rows
