"""The voices' worker threads serve shows on air before shows that are starting; the headroom
figures (theirs and the event loop's) that the door refuses new shows by."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from radiomirchi.config import Settings
from radiomirchi.headroom import Headroom, LoopLag
from radiomirchi.speech.synthesis_queue import (
    LOAD_WINDOW_SECONDS,
    PriorityWorkers,
    ShowUrgency,
    SynthesisUrgency,
    with_urgency,
)


class SteppedClock:
    """A clock the test moves by hand (the workers read it from their threads)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _blocked_worker(workers: PriorityWorkers) -> threading.Event:
    """Occupy a worker until the returned event is set."""
    release = threading.Event()
    started = threading.Event()

    def hold() -> None:
        started.set()
        release.wait(10)

    workers.submit(hold)
    assert started.wait(5)
    return release


def test_on_air_work_runs_before_starting_work_queued_earlier() -> None:
    workers = PriorityWorkers(1)
    order: list[str] = []
    release = _blocked_worker(workers)
    starting, on_air = ShowUrgency(), ShowUrgency(SynthesisUrgency.ON_AIR)
    futures = [
        with_urgency(starting, lambda: workers.submit(order.append, "new show, line 1")),
        with_urgency(starting, lambda: workers.submit(order.append, "new show, line 2")),
        with_urgency(on_air, lambda: workers.submit(order.append, "live show, next piece")),
        workers.submit(order.append, "no show at all"),
    ]
    release.set()
    for future in futures:
        future.result(timeout=5)
    assert order == ["live show, next piece", "new show, line 1", "new show, line 2", "no show at all"]
    workers.shutdown()


def test_a_show_going_on_air_raises_the_urgency_of_what_it_submits_next() -> None:
    workers = PriorityWorkers(1)
    order: list[str] = []
    release = _blocked_worker(workers)
    show, other = ShowUrgency(), ShowUrgency()
    first = with_urgency(other, lambda: workers.submit(order.append, "other show starting"))
    show.value = SynthesisUrgency.ON_AIR
    second = with_urgency(show, lambda: workers.submit(order.append, "this show, now on air"))
    release.set()
    first.result(timeout=5)
    second.result(timeout=5)
    assert order == ["this show, now on air", "other show starting"]
    workers.shutdown()


def test_load_counts_busy_time_and_on_air_waits_within_the_window() -> None:
    clock = SteppedClock()
    workers = PriorityWorkers(2, clock=clock)
    assert workers.load().busy_share == 0.0
    release = _blocked_worker(workers)  # started at t=1000
    clock.now += 5.0
    # One of two workers busy for 5 s of a 10 s window: a quarter of the capacity.
    assert workers.load().busy_share == pytest.approx(5.0 / (2 * LOAD_WINDOW_SECONDS))
    second_release = _blocked_worker(workers)
    on_air = ShowUrgency(SynthesisUrgency.ON_AIR)
    waiting = with_urgency(on_air, lambda: workers.submit(lambda: None))
    clock.now += 2.0
    assert workers.load().on_air_wait == pytest.approx(2.0)
    release.set()
    waiting.result(timeout=5)
    second_release.set()
    deadline = time.monotonic() + 5
    while workers.running and time.monotonic() < deadline:
        time.sleep(0.01)
    assert workers.running == 0
    # Long after, the window is empty again.
    clock.now += LOAD_WINDOW_SECONDS + 1
    assert workers.load().busy_share == 0.0
    assert workers.load().on_air_wait == 0.0
    workers.shutdown()


def test_shutdown_cancels_queued_work_so_nobody_waits_forever() -> None:
    workers = PriorityWorkers(1)
    release = _blocked_worker(workers)
    queued = workers.submit(lambda: "never")
    workers.shutdown(wait=False, cancel_futures=True)
    assert queued.cancelled()
    release.set()
    with pytest.raises(RuntimeError):
        workers.submit(lambda: None)


def test_a_failing_job_reports_its_error_and_the_worker_goes_on() -> None:
    workers = PriorityWorkers(1)

    def fail() -> None:
        raise ValueError("broken voice")

    with pytest.raises(ValueError, match="broken voice"):
        workers.submit(fail).result(timeout=5)
    assert workers.submit(lambda: 42).result(timeout=5) == 42
    workers.shutdown()


async def test_the_loop_lag_watch_sees_a_loop_that_is_late_again_and_again_not_one_long_step() -> None:
    lag = LoopLag()
    watch = asyncio.create_task(lag.watch())
    await asyncio.sleep(0.25)
    time.sleep(0.4)  # noqa: ASYNC251 - one long step on the loop, as creating a mission may take
    await asyncio.sleep(0.5)
    assert lag.recent() < 0.05
    for _ in range(10):  # a loop with too much to do: every wake is late
        await asyncio.sleep(0)
        time.sleep(0.3)  # noqa: ASYNC251 - on purpose
    watch.cancel()
    await asyncio.gather(watch, return_exceptions=True)
    assert lag.recent() >= 0.15


def test_a_shortfall_names_what_would_stall_the_live_shows() -> None:
    settings = Settings(
        _env_file=None, max_synthesis_load=0.8, max_on_air_wait_seconds=0.5, max_loop_lag_seconds=0.25
    )
    assert Headroom(0.5, 0.1, 0.05).shortfall(settings) is None
    assert Headroom(0.9, 0.0, 0.0).shortfall(settings) == "voices 90% busy"
    assert "waited 0.70 s" in (Headroom(0.1, 0.7, 0.0).shortfall(settings) or "")
    assert "event loop ran 0.40 s late" in (Headroom(0.1, 0.0, 0.4).shortfall(settings) or "")
