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
