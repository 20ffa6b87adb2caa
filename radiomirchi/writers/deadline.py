"""The deadline of the writer call in progress, set by the fallback policy, read by the providers.

``FallbackWriter`` gives every call a deadline that fits where it is made (creation, briefing, a
batch during a live show, an interjection turn) and enforces it. A provider reads what is left,
so that it never starts a wait (a retry, a 429's delay) that the call cannot afford.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from enum import StrEnum

_DEADLINE: ContextVar[float | None] = ContextVar("writer_call_deadline", default=None)
# Another attempt is only worth starting with at least this much of the call's deadline left.
MIN_ATTEMPT_SECONDS = 0.5
# Slack on top of a 429's retry delay, so that the retry lands after the cool-down has ended.
RETRY_DELAY_SLACK_SECONDS = 0.05


class CallKind(StrEnum):
    """Where a writer call is made; each has its own deadline and thinking setting."""

    mission = "mission"
    briefing = "briefing"
    dialogue = "dialogue"
    judge = "judge"


@contextlib.contextmanager
def call_deadline(seconds: float) -> Iterator[None]:
    """Mark the enclosed writer call as due ``seconds`` from now (event-loop time)."""
    token = _DEADLINE.set(asyncio.get_running_loop().time() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def seconds_left() -> float | None:
    """Seconds until the current call's deadline; None when the caller set none."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return None
    return deadline - asyncio.get_running_loop().time()


def time_for(wait: float) -> bool:
    """Whether the call's deadline leaves room to wait ``wait`` s and then make an attempt."""
    left = seconds_left()
    return left is None or wait + MIN_ATTEMPT_SECONDS <= left


def attempt_seconds(timeout_seconds: float) -> float:
    """One attempt's timeout: the HTTP timeout (and a little), or what is left of the deadline."""
    per_attempt = timeout_seconds + 1
    left = seconds_left()
    return per_attempt if left is None else max(0.0, min(per_attempt, left))
