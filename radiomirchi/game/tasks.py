"""One owner for a show's background tasks: spawned here, cancelled and awaited together."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class TaskSet:
    def __init__(self, owner: str) -> None:
        self._owner = owner
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Coroutine[Any, Any, T], name: str) -> asyncio.Task[T]:
        task = asyncio.create_task(work, name=f"{self._owner}:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    async def settle(self, grace_seconds: float) -> None:
        """Give the running tasks up to ``grace_seconds`` to finish on their own."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=grace_seconds)

    def __len__(self) -> int:
        return len(self._tasks)

    async def cancel_all(self) -> None:
        """Cancel every task and wait for all of them to finish."""
        while self._tasks:
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s: task %s failed", self._owner, task.get_name(), exc_info=task.exception())


async def stop_and_wait(task: asyncio.Task[Any] | None, limit_seconds: float) -> None:
    """Cancel a task once and give it up to ``limit_seconds`` to finish its (bounded) clean-up,
    without cancelling it again as ``asyncio.wait_for`` would."""
    if task is None or task.done():
        return
    if not task.cancelling():
        # Once only: a second cancel would cut short the clean-up it is already doing (another
        # stop, an eviction, may come while the first one waits).
        task.cancel()
    await asyncio.wait({task}, timeout=limit_seconds)
    if task.done() and not task.cancelled():
        task.exception()  # retrieved: its failure, if any, was the show's to report


async def cancel_and_wait(task: asyncio.Task[Any] | None) -> None:
    """Cancel one task and wait until it has stopped, whatever it raised."""
    if task is None or task.done():
        return
    task.cancel()
    # asyncio.wait neither raises the task's exception nor swallows our own cancellation.
    await asyncio.wait({task})
    if not task.cancelled():
        task.exception()  # retrieved: a failure while stopping is not worth a warning


async def first_of(*waits: Awaitable[Any], limit_seconds: float | None = None) -> None:
    """Wait until the first of ``waits`` is done (or ``limit_seconds`` pass). However this ends, even
    cancelled, the rest are cancelled and awaited: no waiter outlives the wait. A waiter left
    pending on an event of a show that has gone is destroyed with it, and asyncio logs that."""
    tasks = [asyncio.ensure_future(wait) for wait in waits]
    try:
        await asyncio.wait(tasks, timeout=limit_seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        # return_exceptions: a waiter's failure is retrieved here, the caller reads what it needs.
        await asyncio.gather(*tasks, return_exceptions=True)
