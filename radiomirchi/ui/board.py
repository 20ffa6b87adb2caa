"""What the page shows about a live show, and the ``ShowSink`` that keeps it up to date.

A ``ShowBoard`` per mission collects the session's messages (captions, listener counts, verdicts,
the result) as plain data; the page polls it. ``PageSink`` is the session's sink for both page
transports: audio goes to a ``Playout``, messages to the board, with host captions timed to the
moment their audio starts to play.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from radiomirchi.game import events
from radiomirchi.game.session import GameSession
from radiomirchi.schemas import MissionId, PropagandaMission
from radiomirchi.speech.audio import pcm_seconds, seconds_to_bytes
from radiomirchi.speech.pacing import LEAD_SECONDS
from radiomirchi.ui.playout import Playout

CaptionKind = Literal["host", "you", "verdict", "system"]
Transport = Literal["webrtc", "listen"]
# A point on the listener plot at least this often, and whenever the count moves.
PLOT_EVERY_SECONDS = 2.0
MAX_CAPTIONS = 200
MAX_BOARDS = 256


@dataclass
class Caption:
    kind: CaptionKind
    text: str
    speaker: str = ""
    detail: str = ""
    line_id: int | None = None
    cut: bool = False
    change: float | None = None


class Microphone(Protocol):
    """The player's microphone on a live call: the Break-in control presses and releases it."""

    async def press(self) -> None: ...

    async def release(self) -> None: ...


@dataclass
class ShowBoard:
    mission_id: MissionId
    status: Literal["idle", "preparing", "live", "over", "failed"] = "idle"
    speakers: list[dict[str, str]] = field(default_factory=list)
    captions: deque[Caption] = field(default_factory=lambda: deque(maxlen=MAX_CAPTIONS))
    awakened: int = 0
    initial: int = 0
    target: int = 0
    seconds_left: float = 0.0
    strikes: int = 0
    # (seconds of broadcast, awakened listeners)
    history: list[tuple[float, int]] = field(default_factory=list)
    result: dict[str, Any] | None = None
    problem: str | None = None
    speaking: bool = False
    transport: Transport | None = None
    # Wall-clock time (time.time()) of the first show audio handed to a transport.
    audio_started_at: float | None = None
    session: GameSession | None = None
    # The live call's microphone, while a WebRTC call plays this show.
    microphone: Microphone | None = None
    # Verdicts (and refused utterances) so far: the Break-in control waits for the next one.
    verdicts: int = 0
    # Bumped whenever captions, the result or the status change (the plot has its own).
    version: int = 0
    plot_version: int = 0
    _show_seconds: float = 0.0
    _outcome_event: asyncio.Event | None = None

    # --- from the session ---

    def apply(self, event: events.ShowEvent) -> None:
        match event:
            case events.Problem():
                self._caption(Caption("system", event.message))
                self._outcome()
            case events.Preparing():
                self._set_status("preparing")
            case events.ShowLive():
                self.speakers = [
                    {"name": h.name, "gender": h.gender, "role": h.role, "voice": h.voice}
                    for h in event.hosts
                ]
                self._set_status("live")
            case events.Heard():
                self._caption(Caption("you", event.text.strip() or "(nothing intelligible)", speaker="You"))
            case events.VerdictGiven():
                detail = "strike" if event.strike else ""
                self._caption(Caption("verdict", event.reason, detail=detail, change=event.change))
                self._outcome()
                self._listeners(event.awakened, self.initial, event.target, event.strikes, None)
            case events.LineInterrupted():
                for caption in self.captions:
                    if caption.kind == "host" and caption.line_id == event.line_id:
                        caption.cut = True
                        self.version += 1
            case events.MissionEnded():
                self.result = {"result": event.result, "reason": event.reason, "score": event.score}
                self._set_status("over")
            case events.ListenersTick():
                self._listeners(
                    event.awakened, event.initial, event.target, event.strikes, event.seconds_left
                )
            case events.LineStarted() | events.LineEnded():
                pass  # captions follow playback: see PageSink

    def host_line(self, line: events.LineStarted) -> None:
        """A host line has started to play."""
        self._caption(Caption("host", line.text, speaker=line.speaker, line_id=line.line_id))

    def preset(self, mission: PropagandaMission, target: int, seconds_left: float) -> None:
        """Before the show starts: the mission's own audience, target and time, not "0 of 0"."""
        if self.session is None and self.status in ("idle", "failed"):
            self.awakened = mission.awakened_listeners
            self.initial = mission.generation_result.initial_listeners
            self.target = target
            self.strikes = mission.strikes
            self.seconds_left = max(0.0, seconds_left)

    # --- from the page and the transports ---

    def typed(self, text: str) -> None:
        self._caption(Caption("you", text, speaker="You (typed)"))

    def note(self, text: str) -> None:
        self._caption(Caption("system", text))

    def fail(self, problem: str) -> None:
        self.problem = problem
        self._caption(Caption("system", problem))
        if self.status != "over":
            self._set_status("failed")

    def attach(self, session: GameSession, transport: Transport) -> None:
        self.session = session
        self.transport = transport
        self.problem = None
        self.audio_started_at = None
        if self.status == "failed":
            self._set_status("idle")

    def detach(self, session: GameSession) -> None:
        if self.session is session:
            self.session = None
            self.speaking = False
            if self.status in ("preparing", "live"):
                self._set_status("idle")

    def first_audio(self) -> None:
        if self.audio_started_at is None:
            self.audio_started_at = time.time()

    def set_speaking(self, speaking: bool) -> None:
        if self.speaking != speaking:
            self.speaking = speaking
            self.version += 1

    async def next_outcome(self, after: int) -> Caption | None:
        """The first verdict or refusal after the ``after``-th: its caption, once it comes."""
        while self.verdicts <= after:
            self._outcome_event = self._outcome_event or asyncio.Event()
            await self._outcome_event.wait()
        return next((c for c in reversed(self.captions) if c.kind in ("verdict", "system")), None)

    # --- internals ---

    def _outcome(self) -> None:
        self.verdicts += 1
        if self._outcome_event is not None:
            self._outcome_event.set()
            self._outcome_event = None

    def _listeners(
        self, awakened: int, initial: int, target: int, strikes: int, seconds_left: float | None
    ) -> None:
        self.awakened, self.initial, self.target, self.strikes = awakened, initial, target, strikes
        if seconds_left is not None:
            self.seconds_left = seconds_left
        if not self._show_seconds:
            # The first count tells how much show is left from here: the plot's zero.
            self._show_seconds = self.seconds_left
        last = self.history[-1] if self.history else None
        # A verdict carries no time of its own (the clock is the last tick's) and a tick may trail
        # one: the plot's time never runs back.
        elapsed = round(max(0.0, self._show_seconds - self.seconds_left, last[0] if last else 0.0), 1)
        if last is not None and last[1] != self.awakened and elapsed > last[0]:
            self.history.append((elapsed, last[1]))  # a step: the count held until the change
        if last is None or last[1] != self.awakened or elapsed - last[0] >= PLOT_EVERY_SECONDS:
            self.history.append((elapsed, self.awakened))
            self.plot_version += 1

    def _caption(self, caption: Caption) -> None:
        self.captions.append(caption)
        self.version += 1

    def _set_status(self, status: Literal["idle", "preparing", "live", "over", "failed"]) -> None:
        if self.status != status:
            self.status = status
            self.version += 1


class ShowBoards:
    """The boards of recent missions, by id (bounded: the oldest idle ones are forgotten)."""

    def __init__(self, limit: int = MAX_BOARDS) -> None:
        self._boards: OrderedDict[MissionId, ShowBoard] = OrderedDict()
        self._limit = limit

    def get(self, mission_id: MissionId) -> ShowBoard:
        board = self._boards.get(mission_id)
        if board is None:
            board = self._boards[mission_id] = ShowBoard(mission_id)
            self._forget_old()
        self._boards.move_to_end(mission_id)
        return board

    def find(self, mission_id: MissionId) -> ShowBoard | None:
        return self._boards.get(mission_id)

    def __len__(self) -> int:
        return len(self._boards)

    def _forget_old(self) -> None:
        for mission_id in list(self._boards):
            if len(self._boards) <= self._limit:
                return
            if self._boards[mission_id].session is None:
                del self._boards[mission_id]


class PageSink:
    """The session's ``ShowSink`` on the page: audio to the playout, events to the board.

    The playout knows what was really played: audio is handed over only a little ahead of it,
    captions appear as their line starts to be heard, the result once the closing line is over.
    """

    def __init__(self, board: ShowBoard, playout: Playout) -> None:
        self._board = board
        self._playout = playout
        self._line_start = 0  # playout bytes pushed before the current line

    async def emit(self, event: events.ShowEvent) -> None:
        board = self._board
        match event:
            case events.LineStarted():
                self._line_start = self._playout.written_bytes
                self._playout.mark(lambda: board.host_line(event))
            case events.MissionEnded():
                self._playout.mark(lambda: board.apply(event))
                self._playout.finish()
            case _:
                board.apply(event)

    async def play(self, pcm: bytes) -> None:
        await self._playout.until_buffered_at_most(seconds_to_bytes(LEAD_SECONDS))
        self._playout.push(pcm)

    def heard_seconds(self) -> float:
        return pcm_seconds(max(0, self._playout.played_to - self._line_start))

    def clear(self) -> float:
        self._playout.flush()
        return self.heard_seconds()

    async def played_out(self) -> None:
        await self._playout.until_buffered_at_most(0)
