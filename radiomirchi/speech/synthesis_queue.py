"""The offline voices' worker threads, serving shows on air before shows that are starting.

A FIFO pool lets a new show's first lines (several pieces, all at once) queue in front of the next
piece of a show that is already playing, and the live show stalls mid-line. Here every job carries
an urgency read from a context variable when it is submitted: ``ON_AIR`` jobs always run before
``STARTING`` ones; within a class, in order. The workers also keep the figures the door needs to
refuse a new show before live ones would stall: how busy they have been lately, and how long the
most urgent queued job has waited.
"""

from __future__ import annotations

import contextvars
import heapq
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from enum import IntEnum
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class SynthesisUrgency(IntEnum):
    """Lower runs first."""

    ON_AIR = 0  # a show that is playing: its listeners hear a stall if this waits
    STARTING = 1  # a show's first lines, tests, warm-ups: a short wait is a slower start


@dataclass(slots=True)
class ShowUrgency:
    """One show's claim on the workers, read at each submit: it rises once the show is on air, so
    the later pieces of a line voiced while the show was starting are served on air too."""

    value: SynthesisUrgency = SynthesisUrgency.STARTING


# Set by whoever asks for speech (the show's lookahead) while it creates the tasks that ask.
SYNTHESIS_URGENCY: contextvars.ContextVar[ShowUrgency | None] = contextvars.ContextVar(
    "synthesis_urgency", default=None
)
# How far back the busy share is measured: long enough to see a burst of starts, short enough
# that a quiet minute frees the door again.
LOAD_WINDOW_SECONDS = 10.0


@dataclass(order=True)
class _Job:
    urgency: int
    sequence: int
    queued_at: float = field(compare=False)
    run: Callable[[], None] = field(compare=False)
    cancel: Callable[[], bool] = field(compare=False)


@dataclass(frozen=True, slots=True)
class SynthesisLoad:
    """``busy_share``: the workers' busy time over the last window, 0..1 of their capacity.
    ``on_air_wait``: the longest an on-air job has waited for a worker in that window (seconds)."""

    busy_share: float
    on_air_wait: float


class PriorityWorkers(Executor):
    """A fixed set of daemon threads taking jobs by urgency, then by arrival."""

    def __init__(
        self, max_workers: int, *, name: str = "synthesis", clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self._clock = clock
        self._max_workers = max_workers
        self._heap: list[_Job] = []
        self._sequence = itertools.count()
        self._ready = threading.Condition()
        self._shutdown = False
        # (finished_at, busy_seconds) per job, and (at, waited) per on-air job, within the window.
        self._busy: deque[tuple[float, float]] = deque()
        self._waits: deque[tuple[float, float]] = deque()
        self._running_since: dict[int, float] = {}
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}-{index}", daemon=True)
            for index in range(max_workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        show = SYNTHESIS_URGENCY.get()
        urgency = show.value if show is not None else SynthesisUrgency.STARTING
        future: Future[T] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as error:
                future.set_exception(error)
            else:
                future.set_result(result)

        with self._ready:
            if self._shutdown:
                raise RuntimeError("cannot schedule new work after shutdown")
            heapq.heappush(
                self._heap, _Job(int(urgency), next(self._sequence), self._clock(), run, future.cancel)
            )
            self._ready.notify()
        return future

    @property
    def running(self) -> int:
        """Jobs on a worker right now."""
        with self._ready:
            return len(self._running_since)

    def load(self) -> SynthesisLoad:
        """The workers' figures over the last ``LOAD_WINDOW_SECONDS``, jobs still running included."""
        now = self._clock()
        start = now - LOAD_WINDOW_SECONDS
        with self._ready:
            self._forget_before(start)
            busy = sum(min(seconds, finished - start) for finished, seconds in self._busy)
            busy += sum(now - max(began, start) for began in self._running_since.values())
            waits = [waited for _, waited in self._waits]
            waits += [now - job.queued_at for job in self._heap if job.urgency == SynthesisUrgency.ON_AIR]
        return SynthesisLoad(
            busy_share=min(1.0, busy / (LOAD_WINDOW_SECONDS * self._max_workers)),
            on_air_wait=max(waits, default=0.0),
        )

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._ready:
            self._shutdown = True
            if cancel_futures:
                for job in self._heap:
                    job.cancel()
                self._heap.clear()
            self._ready.notify_all()
        if wait:
            for thread in self._threads:
                thread.join()

    def _work(self) -> None:
        ident = threading.get_ident()
        while True:
            with self._ready:
                while not self._heap and not self._shutdown:
                    self._ready.wait()
                if not self._heap:
                    return
                job = heapq.heappop(self._heap)
                began = self._clock()
                if job.urgency == SynthesisUrgency.ON_AIR:
                    self._waits.append((began, began - job.queued_at))
                self._running_since[ident] = began
            try:
                job.run()
            finally:
                finished = self._clock()
                with self._ready:
                    del self._running_since[ident]
                    self._busy.append((finished, finished - began))
                    self._forget_before(finished - LOAD_WINDOW_SECONDS)

    def _forget_before(self, start: float) -> None:
        while self._busy and self._busy[0][0] < start:
            self._busy.popleft()
        while self._waits and self._waits[0][0] < start:
            self._waits.popleft()


def with_urgency(urgency: ShowUrgency, make: Callable[[], T]) -> T:
    """``make()`` with ``urgency`` set, so the tasks it creates submit their speech with it."""
    token = SYNTHESIS_URGENCY.set(urgency)
    try:
        return make()
    finally:
        SYNTHESIS_URGENCY.reset(token)


__all__ = [
    "LOAD_WINDOW_SECONDS",
    "SYNTHESIS_URGENCY",
    "PriorityWorkers",
    "ShowUrgency",
    "SynthesisLoad",
    "SynthesisUrgency",
    "with_urgency",
]
