"""What the page's buttons do, on the same core as the REST API, with no Gradio in sight.

Problems a player can fix (a bad name, an unknown mission id) are raised as ``PageProblem`` with
a readable message; the page shows it. A ``Refusal`` from the door or the game becomes one here:
its message, or the page's own words for its code (``_PAGE_WORDS``).
"""

from __future__ import annotations

import asyncio
import json
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from radiomirchi.door import Caller
from radiomirchi.episode import assemble_episode
from radiomirchi.game.playability import why_unplayable
from radiomirchi.game.refusal import Refusal
from radiomirchi.game.rules import target_listeners
from radiomirchi.game.session import InterjectionRefused
from radiomirchi.missions import wait_until_prepared
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
# The page's words for a refusal code, where they are not the refusal's own message.
_PAGE_WORDS = {"not_found": "No mission with that id."}
_ENTRIES = TypeAdapter(list[TranscriptEntry])

Progress = Callable[[float, str], None]


class PageProblem(Exception):
    """Something the player can fix or should know; the message is shown as is."""


@dataclass(frozen=True)
class Visitor:
    """Who uses the page: their address (for the limits) and the API key they typed, if any."""

    address: str
    api_key: str | None = None


@dataclass(frozen=True)
class MissionView:
    mission: PropagandaMission
    voices: dict[str, Voice]


@dataclass(frozen=True)
class SharePaths:
    listen: str
    replay: str


def parse_mission_id(raw: str | None) -> MissionId:
    mission_id = parse_id(raw or "")
    if mission_id is None:
        raise PageProblem("That is not a mission id.")
    return mission_id


def page_problem(refusal: Refusal) -> PageProblem:
    """A refusal in the page's words."""
    return PageProblem(_PAGE_WORDS.get(refusal.code, str(refusal)))


def _shown(mission: PropagandaMission | None) -> PropagandaMission:
    """The mission, if the page can show it: one it cannot play for being over shows its result."""
    refusal = why_unplayable(mission)
    if refusal is not None and refusal.code != "mission_over":
        raise page_problem(refusal)
    if mission is None:  # refused above; this tells the type checker
        raise PageProblem(_PAGE_WORDS["not_found"])
    return mission


def player_name(typed: str | None) -> str:
    """The leaderboard name for what the player typed: spaces become underscores ("Asha Rao" is
    Asha_Rao); nothing typed is a guest name of its own, so the name box is optional."""
    name = "_".join((typed or "").split())
    return name or f"{texts.GUEST_PREFIX}{secrets.token_hex(2)}"


class PageActions:
    def __init__(self, services: Services, boards: ShowBoards) -> None:
        self._services = services
        self._boards = boards
        self._files = Path(tempfile.gettempdir()) / "radiomirchi-downloads"
        self._win_fraction = services.settings.win_fraction

    async def create(
        self, topic: str | None, user_id: str | None, visitor: Visitor, progress: Progress
    ) -> MissionView:
        """Stage 1 through the door (the same limits as REST), then wait for Stage 2."""
        try:
            request = CreateMissionRequest(topic=topic, user_id=player_name(user_id))
        except ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0]) if exc.errors() else ""
            if field == "user_id":
                raise PageProblem("Your name must be 1-64 letters, digits or _ . @ -") from None
            raise PageProblem("The topic must be at most 200 characters.") from None
        door = self._services.door
        caller = Caller(self._principal(visitor), visitor.address)
        progress(0.1, texts.CREATING)
        try:
            mission = await door.create(request.topic, request.user_id, caller)
        except Refusal as refusal:
            raise page_problem(refusal) from None
        progress(0.5, texts.BRIEFING)
        return self._view(await self._until_prepared(mission.id, caller.principal))

    async def join(self, raw_id: str | None, visitor: Visitor) -> MissionView:
        principal = self._principal(visitor)
        mission = await self._get(parse_mission_id(raw_id), principal)
        if mission.status is MissionStatus.stage1:
            mission = await self._until_prepared(mission.id, principal)
        return self._view(_shown(mission))

    async def interject(self, raw_id: str | None, text: str | None) -> None:
        board = self._boards.find(parse_mission_id(raw_id))
        session = board.session if board is not None else None
        if board is None or session is None or board.status != "live":
            raise PageProblem(texts.NOT_STARTED)
        try:
            await session.interject_text(text or "")
        except InterjectionRefused as refusal:
            raise page_problem(refusal) from None
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

    def share_paths(self, mission_id: MissionId) -> SharePaths:
        """The show's listen page and replay page, with the listen token when keys are on (the
        same links as ``GET /api/v1/missions/{id}/listen``)."""
        query = self._services.door.api_keys.listen_query(mission_id)
        return SharePaths(listen=f"/listen/{mission_id}{query}", replay=f"/replay/{mission_id}{query}")

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

    def _principal(self, visitor: Visitor) -> str | None:
        """The visitor's principal; with API keys on, the page needs one unless it is public."""
        door = self._services.door
        if not door.keys_required or (self._services.settings.page_public and not visitor.api_key):
            return None
        try:
            return door.principal(visitor.api_key)
        except Refusal:
            raise PageProblem(texts.KEY_NEEDED) from None

    async def _get(self, mission_id: MissionId, principal: str | None = None) -> PropagandaMission:
        try:
            return await self._services.door.mission(mission_id, principal)
        except Refusal as refusal:
            raise page_problem(refusal) from None

    async def _until_prepared(self, mission_id: MissionId, principal: str | None) -> PropagandaMission:
        try:
            mission = await wait_until_prepared(self._services.store, mission_id)
        except TimeoutError:
            raise PageProblem("The show took too long to prepare; join it again later by its id.") from None
        return _shown(mission)

    def _view(self, mission: PropagandaMission) -> MissionView:
        voices = self._services.tts.cast_voices(mission.generation_result.speakers, mission.id)
        board = self._boards.get(mission.id)
        target = target_listeners(mission.generation_result.initial_listeners, self._win_fraction)
        board.preset(mission, target, self._services.settings.show_seconds - mission.broadcast_seconds)
        return MissionView(mission, voices)

    def _write(self, name: str, data: bytes) -> Path:
        self._files.mkdir(parents=True, exist_ok=True)
        path = self._files / name
        path.write_bytes(data)
        return path
