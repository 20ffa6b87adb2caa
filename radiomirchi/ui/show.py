"""A page's run of one mission's ``GameSession``, as the WebSocket endpoint runs it.

``LiveShow`` takes the mission's seat in the session registry (a newer connection for the same
mission takes over, and this one stops), runs the session with a ``PageSink``, and stops all its
work within a second when the player leaves. The first line plays on ``play()``, the page's
first ready_for_next.

``WarmShows`` starts a show at the click on "Start broadcast", before the WebRTC call is up: the
session loads, writes and voices its first line while ICE and DTLS are negotiated, and the
call's handler takes it over. One nobody claims stops after ``CLAIM_SECONDS``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from radiomirchi.game.playability import Unplayable
from radiomirchi.game.refusal import Refusal
from radiomirchi.game.session import GameSession
from radiomirchi.game.tasks import stop_and_wait
from radiomirchi.game.timing import SHUTDOWN_WAIT_SECONDS
from radiomirchi.schemas import MissionId
from radiomirchi.services import Services
from radiomirchi.ui.board import PageSink, ShowBoard, ShowBoards, Transport
from radiomirchi.ui.playout import Playout

log = logging.getLogger(__name__)

# A show warmed at the click waits this long for its call to connect and claim it.
CLAIM_SECONDS = 15.0


class LiveShow:
    """The page's run of a mission the page has admitted through the door (see ``actions``)."""

    def __init__(self, services: Services, board: ShowBoard, playout: Playout, transport: Transport) -> None:
        self._services = services
        self._board = board
        self._playout = playout
        self._transport = transport
        self.session: GameSession | None = None
        self._sink = PageSink(board, playout)
        self._task: asyncio.Task[None] | None = None
        self._evicted = False
        self._started = False  # play() was called (perhaps before the session existed)

    async def run(self) -> None:
        """Play the show until it ends, the player leaves (cancel this) or another page takes over."""
        board = self._board
        try:
            async with self._services.door.show(board.mission_id, self._evict, speaks_first=False) as session:
                self.session = session
                board.attach(session, self._transport)
                if self._started:
                    session.ready_for_next()
                self._task = asyncio.create_task(
                    session.run(self._sink), name=f"page-session-{board.mission_id}"
                )
                try:
                    await self._wait()
                finally:
                    await self.stop()  # before the seat is let go: everything is stored by then
        except Refusal as refusal:
            board.fail(str(refusal))
        finally:
            await self.stop()
            if self.session is not None:
                board.detach(self.session)
            self._playout.finish()

    def play(self) -> None:
        """The player is listening: the first line plays as soon as it exists."""
        self._started = True
        if self.session is not None:
            self.session.ready_for_next()

    async def stop(self) -> None:
        await stop_and_wait(self._task, SHUTDOWN_WAIT_SECONDS)

    async def _wait(self) -> None:
        task = self._task
        assert task is not None
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # the player left: run()'s finally stops the session
            if self._evicted:
                self._board.note("The broadcast went on in another window or player.")
        except Unplayable as refusal:  # playable at the door, no longer as the show started
            self._board.fail(str(refusal))
        except Exception:
            log.exception("Mission %s: the page's show crashed", self._board.mission_id)
            self._board.fail("The broadcast failed unexpectedly.")

    async def _evict(self) -> None:
        self._evicted = True
        await self.stop()


@dataclass
class WarmShow:
    show: LiveShow
    playout: Playout
    task: asyncio.Task[None] | None = None
    deadline: asyncio.Timeout | None = None
    claimed: bool = False


class WarmShows:
    def __init__(self, services: Services, boards: ShowBoards) -> None:
        self._services = services
        self._boards = boards
        self._warm: dict[MissionId, WarmShow] = {}

    def warm(self, mission_id: MissionId) -> None:
        """Start the mission's show for a call about to connect (unless it is playing already)."""
        board = self._boards.get(mission_id)
        if mission_id in self._warm or board.session is not None:
            return
        playout = Playout()
        warm = WarmShow(LiveShow(self._services, board, playout, "webrtc"), playout)
        warm.task = asyncio.create_task(self._run(mission_id, warm), name=f"warm-show-{mission_id}")
        self._warm[mission_id] = warm

    def claim(self, mission_id: MissionId) -> WarmShow | None:
        """The warmed show for this mission, if it is still running; the caller owns it now."""
        warm = self._warm.pop(mission_id, None)
        if warm is None or warm.task is None or warm.task.done():
            return None
        warm.claimed = True
        if warm.deadline is not None:
            warm.deadline.reschedule(None)
        return warm

    async def _run(self, mission_id: MissionId, warm: WarmShow) -> None:
        try:
            async with asyncio.timeout(None if warm.claimed else CLAIM_SECONDS) as deadline:
                warm.deadline = deadline
                await warm.show.run()
        except TimeoutError:
            log.info("Mission %s: no call claimed the show started for it; stopped", mission_id)
        finally:
            if self._warm.get(mission_id) is warm:
                del self._warm[mission_id]
