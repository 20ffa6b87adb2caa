"""What the page shows about a live show, and the ``ShowSink`` that keeps it up to date.

A ``ShowBoard`` per mission collects the session's messages (captions, listener counts, verdicts,
the result) as plain data; the page polls it. ``PageSink`` is the session's sink for both page
transports: audio goes to a ``Playout``, messages to the board, with host captions timed to the
moment their audio starts to play.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from radiomirchi.game.session import GameSession
from radiomirchi.schemas import MissionId
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
    # Bumped whenever captions, the result or the status change (the plot has its own).
    version: int = 0
    plot_version: int = 0
    _show_seconds: float = 0.0

    # --- from the session ---

    def apply(self, message: dict[str, Any]) -> None:
        status = message.get("status")
        if "error" in message:
            self._caption(Caption("system", str(message["error"])))
        elif status == "preparing":
            self._set_status("preparing")
        elif status == "live":
            self.speakers = list(message.get("speakers", []))
            self._set_status("live")
        elif status == "transcript":
            text = str(message.get("text", "")).strip()
            self._caption(Caption("you", text or "(nothing intelligible)", speaker="You"))
        elif status == "verdict":
            change = float(message.get("change", 0.0))
            self._caption(
                Caption(
                    "verdict",
                    str(message.get("reason", "")),
                    detail="strike" if message.get("strike") else "",
                    change=change,
                )
            )
            self._listeners(message)
        elif status == "interrupted":
            for caption in self.captions:
                if caption.kind == "host" and caption.line_id == message.get("line_id"):
                    caption.cut = True
                    self.version += 1
        elif status == "mission_end":
            self.result = dict(message)
            self._set_status("over")
        elif "awakened_listeners" in message:
            self._listeners(message)

    def host_line(self, message: dict[str, Any]) -> None:
        """A host line has started to play."""
        self._caption(
            Caption(
                "host",
                str(message.get("text", "")),
                speaker=str(message.get("speaker", "")),
                line_id=message.get("line_id"),
            )
        )

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

    # --- internals ---

    def _listeners(self, message: dict[str, Any]) -> None:
        self.awakened = int(message.get("awakened_listeners", self.awakened))
        self.initial = int(message.get("initial_listeners", self.initial))
        self.target = int(message.get("target", self.target))
        self.strikes = int(message.get("strikes", self.strikes))
        if "seconds_left" in message:
            self.seconds_left = float(message["seconds_left"])
        if not self._show_seconds:
            # The first count tells how much show is left from here: the plot's zero.
            self._show_seconds = self.seconds_left
        elapsed = max(0.0, self._show_seconds - self.seconds_left)
        last = self.history[-1] if self.history else None
        if last is None or last[1] != self.awakened or elapsed - last[0] >= PLOT_EVERY_SECONDS:
            self.history.append((round(elapsed, 1), self.awakened))
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
    """The session's ``ShowSink`` on the page: audio to the playout, messages to the board."""

    def __init__(self, board: ShowBoard, playout: Playout, line_played: Callable[[], None]) -> None:
        self._board = board
        self._playout = playout
        self._line_played = line_played

    async def send_audio(self, pcm: bytes) -> None:
        self._playout.push(pcm)

    async def send_json(self, message: dict[str, Any]) -> None:
        status = message.get("status")
        if status == "dialogue_start":
            self._playout.mark(lambda: self._board.host_line(message))
        elif status == "dialogue_end":
            # The next line is asked for once this one has actually been played out.
            self._playout.mark(self._line_played)
        elif status == "interrupted":
            self._playout.flush()
            self._board.apply(message)
        elif status == "mission_end":
            # The result shows once the closing line has been heard.
            self._playout.mark(lambda: self._board.apply(message))
            self._playout.finish()
        else:
            self._board.apply(message)
