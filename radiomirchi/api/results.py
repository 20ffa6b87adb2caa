"""What a mission left behind: its transcript, its episode as one WAV, and the leaderboard."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import Response

from radiomirchi.api.deps import ServicesDep
from radiomirchi.api.missions import parse_mission_id
from radiomirchi.episode import assemble_episode
from radiomirchi.schemas import LeaderboardRow, TranscriptEntry

router = APIRouter(prefix="/api/v1", tags=["results"])

_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No mission with that id."}}


@router.get("/missions/{mission_id}/transcript", response_model=list[TranscriptEntry], responses=_NOT_FOUND)
async def transcript(mission_id: str, services: ServicesDep) -> list[TranscriptEntry]:
    """What was actually broadcast and said, in order: host lines (cut where they were cut) and
    the player's interjections with their verdicts."""
    parsed = parse_mission_id(mission_id)
    if await services.store.get_mission(parsed) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Mission not found")
    return await services.store.list_entries(parsed)


@router.get(
    "/missions/{mission_id}/episode.wav",
    response_class=Response,
    responses={**_NOT_FOUND, 200: {"content": {"audio/wav": {}}, "description": "PCM16 mono 24 kHz WAV"}},
)
async def episode(mission_id: str, services: ServicesDep) -> Response:
    """The broadcast as heard: host lines (interruptions cut where they were cut) and the
    player's own speech, in order, as one WAV file."""
    parsed = parse_mission_id(mission_id)
    if await services.store.get_mission(parsed) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Mission not found")
    clips = await services.store.list_audio(parsed)
    wav = await assemble_episode(clips)
    return Response(
        wav,
        media_type="audio/wav",
        headers={"Content-Disposition": f'attachment; filename="radiomirchi-{parsed}.wav"'},
    )


@router.get("/leaderboard", response_model=list[LeaderboardRow])
async def leaderboard(
    services: ServicesDep, limit: Annotated[int, Query(ge=1, le=100)] = 10
) -> list[LeaderboardRow]:
    """Users by best score, with missions played and won."""
    return await services.store.leaderboard(limit)
