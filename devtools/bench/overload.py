"""Overload: shows join 0.3 s apart on the embedded defaults until the server refuses one for lack
of headroom (close 4503), and each admitted show plays in real time over the player's socket.

Reported: how many were admitted, what the refused ones were told, and the admitted shows' gaps
(a frame arriving after its playback time, or a line's first frame after ``ready_for_next``), while
shows were still joining and after; the goal is no gap over 1 s. The app runs with the headroom
gate as shipped (``RADIOMIRCHI_MAX_SYNTHESIS_LOAD`` and friends at their defaults).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

from websockets.exceptions import ConnectionClosed

from devtools.bench.app_process import AppProcess
from devtools.bench.broadcast import create_missions
from devtools.bench.load import frame_lateness
from devtools.bench.stats import percentile, summarise_ms
from devtools.testing.show_client import HeardLine, ShowRecord, open_show, play

JOIN_SPACING_SECONDS = 0.3
MAX_SHOWS = 60
HOLD_SECONDS = 40.0  # every admitted show keeps playing this long after the last join
REFUSALS_TO_CONFIRM = 3  # after the first refusal, a few more tries show it holds
GAP_GOAL_SECONDS = 1.0
TOPICS = ("the bread ration", "the new water tax", "the metro fare rise", "the dam inspection")


@dataclass
class Joined:
    index: int
    admitted: bool = False
    close_code: int | None = None
    reason: str = ""
    lines: list[HeardLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def _show(base_url: str, mission_id: str, joined: Joined, until: asyncio.Event) -> None:
    record = ShowRecord()
    try:
        async with await open_show(base_url, mission_id) as ws:
            while not until.is_set():
                await play(ws, max_lines=len(record.lines) + 1, record=record, within=30)
                joined.admitted = joined.admitted or bool(record.lines)
                if record.mission_end is not None:
                    break
                line = record.lines[-1]
                if line.first_frame_at is not None:  # the player hears it out in real time
                    remaining = line.first_frame_at + line.seconds - time.monotonic()
                    if remaining > 0:
                        await asyncio.sleep(remaining)
    except ConnectionClosed as closed:
        received = closed.rcvd
        joined.close_code = received.code if received else None
        joined.reason = received.reason if received else ""
    except Exception as exc:  # counted: one failing player must not hide the others
        joined.errors.append(f"{type(exc).__name__}: {exc}")
    joined.lines = record.lines


def _gaps(lines: list[HeardLine]) -> list[tuple[float, float]]:
    """(when, how long) for every wait a listener heard once the show was on: late frames and late
    line starts (the first line's wait is the show's start, not a gap in it)."""
    gaps = []
    for number, line in enumerate(lines):
        if line.first_frame_at is None:
            continue
        if number:
            gaps.append((line.first_frame_at, line.first_frame_at - line.requested_at))
        gaps += list(zip(line.frame_times[1:], frame_lateness(line), strict=True))
    return gaps


async def overload(app: AppProcess) -> list[dict[str, Any]]:
    topics = [f"{TOPICS[index % len(TOPICS)]}, district {index}" for index in range(MAX_SHOWS)]
    missions = await create_missions(app.base_url, topics, at_once=8)
    until = asyncio.Event()
    joined: list[Joined] = []
    tasks: list[asyncio.Task[None]] = []
    refusals = 0
    started = time.monotonic()
    for index, mission in enumerate(missions):
        entry = Joined(index)
        joined.append(entry)
        tasks.append(asyncio.create_task(_show(app.base_url, mission["id"], entry, until)))
        await asyncio.sleep(JOIN_SPACING_SECONDS)
        refusals = sum(1 for j in joined if j.close_code == 4503)
        if refusals > REFUSALS_TO_CONFIRM:
            break
    last_join = time.monotonic()
    await asyncio.sleep(HOLD_SECONDS)
    until.set()
    await asyncio.gather(*tasks)
    admitted = [j for j in joined if j.admitted and j.close_code != 4503]
    refused = [j for j in joined if j.close_code == 4503]
    settle = last_join + 5.0  # the last starts' own first lines
    during = [gap for j in admitted for at, gap in _gaps(j.lines) if at <= settle]
    after = [gap for j in admitted for at, gap in _gaps(j.lines) if at > settle]
    errors = [error for j in joined for error in j.errors]
    starts = [
        j.lines[0].first_frame_at - j.lines[0].requested_at
        for j in admitted
        if j.lines and j.lines[0].first_frame_at
    ]
    return [
        {
            "metric": f"shows joining {JOIN_SPACING_SECONDS} s apart until refused (of {MAX_SHOWS})",
            "joined": len(joined),
            "admitted": len(admitted),
            "refused_4503": len(refused),
            "first_refusal_after_s": round(
                min((JOIN_SPACING_SECONDS * j.index for j in refused), default=time.monotonic() - started), 1
            ),
            "refusal_reason": refused[0].reason if refused else "",
            "errors": len(errors),
            "first_errors": "; ".join(errors[:3]),
        },
        {"metric": "admitted shows' start: ready_for_next to the first frame", **_figures(starts)},
        _gap_row("admitted shows' gaps while shows joined", during),
        _gap_row(f"admitted shows' gaps after the last join ({HOLD_SECONDS:.0f} s)", after),
    ]


def _figures(seconds: list[float]) -> dict[str, Any]:
    return dict(summarise_ms(seconds)) if seconds else {"n": 0}


def _gap_row(metric: str, gaps: list[float]) -> dict[str, Any]:
    if not gaps:
        return {"metric": metric, "n": 0}
    return {
        "metric": metric,
        "n": len(gaps),
        "p95_ms": round(percentile(gaps, 0.95) * 1000, 1),
        "max_ms": round(max(gaps) * 1000, 1),
        f"over_{GAP_GOAL_SECONDS:.0f}s": sum(1 for gap in gaps if gap > GAP_GOAL_SECONDS),
        "goal": f"none over {GAP_GOAL_SECONDS:.0f} s",
    }


def run(count: int = MAX_SHOWS, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri, count  # SQLite; the number of shows is found, not set
    with tempfile.TemporaryDirectory(prefix="rm-bench-") as data_dir:
        env = {"RADIOMIRCHI_DATA_DIR": data_dir, "RADIOMIRCHI_SHOW_SECONDS": "900"}
        with AppProcess(env, headroom_gate=True) as app:
            return asyncio.run(overload(app))
