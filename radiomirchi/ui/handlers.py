"""What the page does when something happens on it: one method per event, in Gradio's terms.

Each handler takes the inputs the page wires to it and returns updates for ``PageParts``, the
components it may change. The work itself is ``actions`` (no Gradio there); the words and
pictures are ``render``. ``page.build_page`` lays the page out and wires these to its events.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from radiomirchi.door import client_address
from radiomirchi.schemas import MissionId, MissionStatus
from radiomirchi.services import Services
from radiomirchi.ui import render, texts
from radiomirchi.ui.actions import MissionView, PageActions, PageProblem, Visitor, parse_mission_id
from radiomirchi.ui.board import ShowBoards
from radiomirchi.ui.listen_only import listen_only
from radiomirchi.ui.show import WarmShows

Updates = dict[Any, Any]


@dataclass(frozen=True)
class Seen:
    """What a browser tab has already been sent (kept in its gr.State)."""

    version: int = -1
    plot_version: int = -1
    result_shown: bool = False


@dataclass(frozen=True)
class PageParts:
    """The components the handlers update, as ``page.build_page`` made them."""

    setup: gr.Column
    status: gr.Markdown
    broadcast: gr.Column
    station: gr.HTML
    console: gr.Column
    evidence: gr.Markdown
    mission_state: gr.State
    timer: gr.Timer
    result: gr.HTML
    share: gr.HTML
    end: gr.Button
    transcript_file: gr.DownloadButton
    episode_file: gr.DownloadButton
    seen_state: gr.State
    offer: gr.Markdown
    meter: gr.HTML
    captions: gr.HTML
    plot: gr.LinePlot

    def loaded(self) -> list[Any]:
        """What a newly loaded mission updates (the outputs of create and join)."""
        return [
            self.setup,
            self.status,
            self.broadcast,
            self.station,
            self.console,
            self.evidence,
            self.mission_state,
            self.timer,
            self.result,
            self.share,
            self.end,
            self.transcript_file,
            self.episode_file,
            self.seen_state,
            self.offer,
            self.meter,
            self.captions,
            self.plot,
        ]

    def refreshed(self) -> list[Any]:
        """What the refresh timer updates."""
        return [
            self.meter,
            self.captions,
            self.plot,
            self.offer,
            self.result,
            self.console,
            self.share,
            self.end,
            self.transcript_file,
            self.episode_file,
            self.seen_state,
            self.timer,
        ]

    def left(self) -> list[Any]:
        """What leaving a mission for a new one updates."""
        return [self.setup, self.broadcast, self.mission_state, self.timer, self.status]


class PageHandlers:
    def __init__(
        self,
        services: Services,
        actions: PageActions,
        boards: ShowBoards,
        warm: WarmShows,
        parts: PageParts,
    ) -> None:
        self._services = services
        self._actions = actions
        self._boards = boards
        self._warm = warm
        self._parts = parts

    async def on_create(
        self,
        topic_text: str,
        user_id: str,
        key: str | None,
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - how Gradio hands out progress
    ) -> Updates:
        try:
            view = await self._actions.create(
                topic_text, user_id, self._visitor(request, key), lambda f, d: progress(f, desc=d)
            )
        except PageProblem as problem:
            return {self._parts.status: f"⚠️ {problem}"}
        return await self._mission_loaded(view)

    async def on_join(self, raw_id: str, key: str | None, request: gr.Request) -> Updates:
        try:
            view = await self._actions.join(raw_id, self._visitor(request, key))
        except PageProblem as problem:
            return {self._parts.status: f"⚠️ {problem}"}
        return await self._mission_loaded(view)

    async def on_refresh(self, raw_id: str, seen: Seen, clicked_at: float) -> Updates:
        parts = self._parts
        try:
            board = self._boards.find(parse_mission_id(raw_id))
        except PageProblem:
            return {}
        if board is None:
            return {}
        updates: Updates = {parts.meter: render.meter_html(board)}
        if board.version != seen.version:
            updates[parts.captions] = render.captions_html(board)
        if board.plot_version != seen.plot_version:
            updates[parts.plot] = render.plot_frame(board)
        connecting = clicked_at > 0 and (board.audio_started_at or 0) < clicked_at
        stuck = connecting and time.time() - clicked_at > texts.WEBRTC_CONNECT_SECONDS
        updates[parts.offer] = gr.update(visible=stuck and board.transport != "listen")
        result_shown = seen.result_shown
        if board.result is not None and not result_shown:
            try:
                place = await self._actions.place(board.mission_id)
            except PageProblem:
                place = None
            replay = self._actions.share_paths(board.mission_id).replay
            updates[parts.result] = gr.update(value=render.result_html(board, place, replay), visible=True)
            updates.update(self._ended())
            updates.update(await self._downloads(board.mission_id))
            result_shown = True
        updates[parts.seen_state] = Seen(board.version, board.plot_version, result_shown)
        return updates

    def on_listen_click(self) -> tuple[Any, Any]:
        """Show the listen-only player (and hide the offer of it)."""
        return gr.update(visible=True), gr.update(visible=False)

    async def on_listen(self, raw_id: str) -> AsyncIterator[bytes]:
        try:
            mission_id = parse_mission_id(raw_id)
        except PageProblem as problem:
            raise gr.Error(str(problem)) from None
        chunk_seconds = self._services.settings.listen_chunk_seconds
        async for chunk in listen_only(self._services, self._boards, mission_id, chunk_seconds):
            yield chunk

    async def on_interject(self, raw_id: str, text: str) -> tuple[str, str]:
        try:
            await self._actions.interject(raw_id, text)
        except PageProblem as problem:
            gr.Warning(str(problem))
            return text, f"⚠️ {problem}"  # kept, to send once the show is on
        return "", ""

    async def on_end(self, raw_id: str) -> None:
        try:
            await self._actions.end(raw_id)
        except PageProblem as problem:
            gr.Warning(str(problem))

    async def on_leaderboard(self) -> str:
        try:
            rows = await self._actions.leaderboard()
        except PageProblem as problem:
            return f'<p class="rm-system">{problem}</p>'
        return render.leaderboard_html(rows, lambda mission_id: self._actions.share_paths(mission_id).replay)

    def on_new_mission(self) -> Updates:
        """Back to the mission form; a live show of the old mission stops when its call is left."""
        parts = self._parts
        return {
            parts.setup: gr.update(visible=True),
            parts.broadcast: gr.update(visible=False),
            parts.mission_state: "",
            parts.timer: gr.Timer(active=False),
            parts.status: texts.NOT_READY,
        }

    async def on_click_start(self, raw_id: str) -> float:
        # The show starts now, while the call connects: its first line is ready when it is up.
        with contextlib.suppress(PageProblem):
            self._warm.warm(parse_mission_id(raw_id))
        return time.time()

    # --- internals ---

    async def _mission_loaded(self, view: MissionView) -> Updates:
        parts = self._parts
        mission = view.mission
        board = self._boards.get(mission.id)
        over = mission.status in (MissionStatus.won, MissionStatus.lost)
        links = self._actions.share_paths(mission.id)
        updates: Updates = {
            parts.setup: gr.update(visible=False),
            parts.status: "",
            parts.broadcast: gr.update(visible=True),
            parts.station: render.station_html(mission, view.voices),
            parts.console: gr.update(visible=not over),
            parts.evidence: render.evidence_markdown(mission),
            parts.mission_state: str(mission.id),
            parts.timer: gr.Timer(active=not over),
            parts.result: gr.update(value="", visible=False),
            parts.share: gr.update(value=render.share_html(links.listen), visible=not over),
            parts.end: gr.update(visible=not over),
            parts.transcript_file: gr.update(visible=False),
            parts.episode_file: gr.update(visible=False),
            parts.seen_state: Seen(),
            parts.offer: gr.update(visible=False),
            parts.meter: render.meter_html(board),
            parts.captions: render.captions_html(board),
            parts.plot: render.plot_frame(board),
        }
        if over:
            updates.update(await self._downloads(mission.id))
            ending = render.past_result_html(mission, links.replay)
            updates[parts.result] = gr.update(value=ending, visible=True)
        return updates

    def _ended(self) -> Updates:
        """The show is over: its controls go (they would no longer act), the timer stops."""
        parts = self._parts
        return {
            parts.console: gr.update(visible=False),
            parts.share: gr.update(visible=False),
            parts.end: gr.update(visible=False),
            parts.timer: gr.Timer(active=False),
        }

    async def _downloads(self, mission_id: MissionId) -> Updates:
        return {
            self._parts.transcript_file: gr.update(
                value=str(await self._actions.transcript_file(mission_id)), visible=True
            ),
            self._parts.episode_file: gr.update(
                value=str(await self._actions.episode_file(mission_id)), visible=True
            ),
        }

    def _visitor(self, request: gr.Request, key: str | None) -> Visitor:
        peer = request.client.host if request.client is not None else None
        address = client_address(
            peer,
            request.headers.get("x-forwarded-for"),
            trust_forwarded=self._services.settings.trusts_forwarded_for,
        )
        return Visitor(address, (key or "").strip() or None)
