"""What the page's buttons do, on the same core as the REST API, with no Gradio in sight.

Problems a player can fix (a bad name, an unknown mission id) are raised as ``PageProblem`` with
a readable message; the page shows it.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from radiomirchi.episode import assemble_episode
from radiomirchi.game.session import InterjectionRefused
from radiomirchi.missions import STAGE2_TIMEOUT_SECONDS, NoWriterAvailable
from radiomirchi.schemas import (
    CreateMissionRequest,
    LeaderboardRow,
    MissionId,
    MissionStatus,
    PropagandaMission,
    TranscriptEntry,
)
from radiomirchi.schemas import parse_mission_id as parse_id
from radiomirchi.services import Services
from radiomirchi.speech.tts.base import Voice
from radiomirchi.store import StoreUnavailable
from radiomirchi.ui import texts
from radiomirchi.ui.board import ShowBoards

PREPARE_POLL_SECONDS = 0.1
LEADERBOARD_SIZE = 100
_ENTRIES = TypeAdapter(list[TranscriptEntry])

Progress = Callable[[float, str], None]


class PageProblem(Exception):
    """Something the player can fix or should know; the message is shown as is."""


@dataclass(frozen=True)
class MissionView:
    mission: PropagandaMission
    voices: dict[str, Voice]


def parse_mission_id(raw: str | None) -> MissionId:
    mission_id = parse_id(raw or "")
    if mission_id is None:
        raise PageProblem("That is not a mission id.")
    return mission_id


class PageActions:
    def __init__(self, services: Services, boards: ShowBoards) -> None:
        self._services = services
        self._boards = boards
        self._files = Path(tempfile.gettempdir()) / "radiomirchi-downloads"

    async def create(self, topic: str | None, user_id: str | None, progress: Progress) -> MissionView:
        """Stage 1 through the mission service (as REST does), then wait for Stage 2."""
        try:
            request = CreateMissionRequest(topic=topic, user_id=(user_id or "").strip())
        except ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0]) if exc.errors() else ""
            if field == "user_id":
                raise PageProblem("Your name must be 1-64 letters, digits or _ . @ -") from None
            raise PageProblem("The topic must be at most 200 characters.") from None
        progress(0.1, texts.CREATING)
        try:
            mission = await self._services.missions.create_mission(request.topic, request.user_id)
        except NoWriterAvailable as exc:
            raise PageProblem(f"No script writer can serve right now: {exc}") from exc
        except StoreUnavailable as exc:
            raise PageProblem("The mission database is unavailable; try again soon.") from exc
        progress(0.5, texts.BRIEFING)
        return self._view(await self._until_prepared(mission.id))

    async def join(self, raw_id: str | None) -> MissionView:
        mission_id = parse_mission_id(raw_id)
        mission = await self._get(mission_id)
        if mission.status is MissionStatus.stage1:
            mission = await self._until_prepared(mission_id)
        if mission.status is MissionStatus.failed:
            raise PageProblem(f"This mission could not be prepared: {mission.failure_reason}")
        return self._view(mission)

    async def interject(self, raw_id: str | None, text: str | None) -> None:
        board = self._boards.find(parse_mission_id(raw_id))
        session = board.session if board is not None else None
        if board is None or session is None or board.status != "live":
            raise PageProblem(texts.NO_LIVE_SHOW)
        try:
            await session.interject_text(text or "")
        except InterjectionRefused as refusal:
            raise PageProblem(str(refusal)) from None
        board.typed(" ".join((text or "").split()))

    async def end(self, raw_id: str | None) -> None:
        board = self._boards.find(parse_mission_id(raw_id))
        if board is None or board.session is None:
            raise PageProblem(texts.NO_LIVE_SHOW)
        await board.session.end_mission()

    async def leaderboard(self) -> list[LeaderboardRow]:
        try:
            return await self._services.store.leaderboard(LEADERBOARD_SIZE)
        except StoreUnavailable as exc:
            raise PageProblem("The leaderboard is unavailable right now.") from exc

    async def place(self, mission_id: MissionId) -> int | None:
        mission = await self._get(mission_id)
        rows = await self.leaderboard()
        return next((i for i, row in enumerate(rows, 1) if row.user_id == mission.user_id), None)

    async def transcript_file(self, mission_id: MissionId) -> Path:
        """The transcript endpoint's JSON, as a file to download."""
        await self._get(mission_id)
        entries = await self._services.store.list_entries(mission_id)
        data = json.dumps(json.loads(_ENTRIES.dump_json(entries)), indent=2, ensure_ascii=False)
        return await asyncio.to_thread(
            self._write, f"radiomirchi-{mission_id}-transcript.json", data.encode()
        )

    async def episode_file(self, mission_id: MissionId) -> Path:
        """The episode endpoint's WAV (the broadcast as heard), as a file to download."""
        await self._get(mission_id)
        wav = await assemble_episode(await self._services.store.list_audio(mission_id))
        return await asyncio.to_thread(self._write, f"radiomirchi-{mission_id}.wav", wav)

    # --- internals ---

    async def _get(self, mission_id: MissionId) -> PropagandaMission:
        try:
            mission = await self._services.missions.get_mission(mission_id)
        except StoreUnavailable as exc:
            raise PageProblem("The mission database is unavailable; try again soon.") from exc
        if mission is None:
            raise PageProblem("No mission with that id.")
        return mission

    async def _until_prepared(self, mission_id: MissionId) -> PropagandaMission:
        deadline = time.monotonic() + STAGE2_TIMEOUT_SECONDS + 5
        while True:
            mission = await self._get(mission_id)
            if mission.status is MissionStatus.failed:
                raise PageProblem(f"The show could not be prepared: {mission.failure_reason}")
            if mission.status is not MissionStatus.stage1:
                return mission
            if time.monotonic() > deadline:
                raise PageProblem("The show took too long to prepare; join it again later by its id.")
            await asyncio.sleep(PREPARE_POLL_SECONDS)

    def _view(self, mission: PropagandaMission) -> MissionView:
        voices = self._services.tts.cast_voices(mission.generation_result.speakers, mission.id)
        return MissionView(mission, voices)

    def _write(self, name: str, data: bytes) -> Path:
        self._files.mkdir(parents=True, exist_ok=True)
        path = self._files / name
        path.write_bytes(data)
        return path
