"""Write-behind persistence for one show: every write is issued at once, in order; while the store
is down the writes wait in a backlog that a background task retries, so the show never waits on a
dead store and nothing is lost when it comes back."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from radiomirchi.game import timing
from radiomirchi.game.tasks import TaskSet
from radiomirchi.schemas import MissionId, MissionStatus, ShowOutcome, ShowProgress, TranscriptEntry
from radiomirchi.store import DuplicateEntry, MissionStore, StoreUnavailable

log = logging.getLogger(__name__)
Write = Callable[[], Awaitable[Any]]


class StoreWriter:
    def __init__(self, store: MissionStore, mission_id: MissionId, tasks: TaskSet) -> None:
        self._store = store
        self._mission_id = mission_id
        self._tasks = tasks
        self._backlog: list[Write] = []
        self._lock = asyncio.Lock()  # one writer at a time keeps the backlog in order
        self._retrying: asyncio.Task[None] | None = None
        self._closing = False

    # --- typed writes ---

    async def entry(self, entry: TranscriptEntry, pcm: bytes | None = None, sample_rate: int = 0) -> None:
        """A transcript entry, and the audio that was heard with it."""
        await self._issue(lambda: self._store.append_entry(self._mission_id, entry))
        if pcm:
            await self._issue(lambda: self._store.append_audio(self._mission_id, entry.seq, pcm, sample_rate))

    async def progress(self, progress: ShowProgress) -> None:
        await self._issue(lambda: self._store.save_progress(self._mission_id, progress))

    async def status(self, status: MissionStatus) -> None:
        await self._issue(lambda: self._store.set_status(self._mission_id, status))

    async def outcome(self, outcome: ShowOutcome, user_id: str) -> None:
        """The result, then the leaderboard row (counted once even if written twice)."""
        await self._issue(lambda: self._store.save_outcome(self._mission_id, outcome))
        await self._issue(
            lambda: self._store.record_result(
                self._mission_id, user_id, outcome.score, outcome.result == "won"
            )
        )

    async def close(self) -> None:
        """The show is over: stop retrying in the background and make one last attempt."""
        self._closing = True  # the retry loop's own stop: a cancel alone can be lost (3.11)
        if self._retrying is not None:
            self._retrying.cancel()
            await asyncio.gather(self._retrying, return_exceptions=True)
            self._retrying = None
        if not self._backlog:
            return
        async with self._lock:
            if not await self._write_backlog():
                log.error(
                    "Mission %s: the show ended with the store still down; %d write(s) are lost",
                    self._mission_id,
                    len(self._backlog),
                )

    # --- the backlog ---

    async def _issue(self, write: Write) -> None:
        self._backlog.append(write)
        if self._retrying is not None:
            return  # the store is down: the retry task writes this in its turn
        # Shielded: a write that has started finishes even if the show is being stopped.
        await asyncio.shield(self._write_now())

    async def _write_now(self) -> None:
        async with self._lock:
            if self._retrying is None and not await self._write_backlog():
                self._retrying = self._tasks.spawn(self._retry(), "store-retry")

    async def _write_backlog(self) -> bool:
        """Write the backlog in order; False (the rest kept) when the store is unavailable."""
        while self._backlog:
            try:
                await self._backlog[0]()
            except DuplicateEntry:
                pass  # an earlier attempt did land before its reply was lost
            except StoreUnavailable as exc:
                log.warning(
                    "Mission %s: %d write(s) waiting for the store: %s",
                    self._mission_id,
                    len(self._backlog),
                    exc,
                )
                return False
            self._backlog.pop(0)
        return True

    async def _retry(self) -> None:
        try:
            while not self._closing:
                # The wall clock, not the show's: a database comes back in real seconds.
                await asyncio.sleep(timing.STORE_RETRY_SECONDS)
                if self._closing:
                    return
                async with self._lock:
                    if await self._write_backlog():
                        log.info("Mission %s: the store is back; the backlog is written", self._mission_id)
                        return
        finally:
            if self._retrying is asyncio.current_task():
                self._retrying = None
