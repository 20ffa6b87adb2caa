"""A page's run of one mission's ``GameSession``, as the WebSocket endpoint runs it.

It takes the mission's seat in the session registry (a newer connection for the same mission
takes over, and this one stops), starts the session with a ``PageSink``, asks for the first
line, and stops all its work within a second when the player leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from radiomirchi.game.session import GameSession, SessionEnded
from radiomirchi.services import Services
from radiomirchi.ui.board import PageSink, ShowBoard, Transport
from radiomirchi.ui.playout import Playout

log = logging.getLogger(__name__)

# After the player leaves, all writer/TTS/STT work for the show stops within this.
STOP_TIMEOUT_SECONDS = 1.0


class LiveShow:
    def __init__(self, services: Services, board: ShowBoard, playout: Playout, transport: Transport) -> None:
        self._services = services
        self._board = board
        self._playout = playout
        self._transport = transport
        self.session = GameSession(board.mission_id, services.session_deps())
        self._sink = PageSink(board, playout, self.session.ready_for_next)
        self._task: asyncio.Task[None] | None = None
        self._evicted = False

    async def run(self) -> None:
        """Play the show until it ends, the player leaves (cancel this) or another page takes over."""
        board = self._board
        board.attach(self.session, self._transport)
        try:
            async with self._services.sessions.seat(board.mission_id, self._evict):
                # Like a client's first ready_for_next: the first line plays as soon as it exists.
                self.session.ready_for_next()
                self._task = asyncio.create_task(
                    self.session.run(self._sink), name=f"page-session-{board.mission_id}"
                )
                await self._wait()
        finally:
            await self.stop()
            board.detach(self.session)
            self._playout.finish()

    async def stop(self) -> None:
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(task, STOP_TIMEOUT_SECONDS)

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
        except SessionEnded as ended:
            self._board.fail(str(ended))
        except Exception:
            log.exception("Mission %s: the page's show crashed", self._board.mission_id)
            self._board.fail("The broadcast failed unexpectedly.")

    async def _evict(self) -> None:
        self._evicted = True
        await self.stop()
