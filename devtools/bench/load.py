"""Load: many concurrent game sessions against fake Gemini and fake Deepgram with set latencies,
the app in its own process; then a burst of create_mission calls against the rate limiter.

- sessions: N players (default 50) join over a few seconds and listen for 60 s, each answering
  every ``dialogue_end`` with ``ready_for_next`` once the line has played in real time, as the
  front end does. Reported: errors (any error reply, unexpected close or client failure; the goal
  is zero), the gap before each line (ready_for_next to first frame), how late frames arrive
  against the playback clock, and the app's memory per session (RSS delta / sessions; goal
  <= 5 MB).
- burst: 200 create_mission calls within one second from one address: only 201s and 429s may
  come back (the default limits: 30 a minute per address, 10 per user), never a 5xx.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from devtools.bench.app_process import AppProcess
from devtools.bench.broadcast import create_missions
from devtools.bench.stats import percentile
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.fake_gemini import FakeGemini
from devtools.testing.show_client import HeardLine, ShowRecord, open_show, play
from radiomirchi.config import Settings
from radiomirchi.speech.audio import pcm_seconds

SECONDS = 60.0
JOIN_SPACING_SECONDS = 0.1
GEMINI_LATENCY_SECONDS = 0.4
DEEPGRAM_TTFB_SECONDS = 0.15
DEEPGRAM_CHUNK_INTERVAL_SECONDS = 0.02
BURST_CALLS = 200
BURST_WINDOW_SECONDS = 1.0
RSS_SAMPLE_SECONDS = 1.0


@dataclass
class SessionResult:
    lines: list[HeardLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def frame_lateness(line: HeardLine) -> list[float]:
    """For each frame after the first: how long after its playback time it arrived (0 if early)."""
    if not line.frame_times:
        return []
    start = line.frame_times[0]
    played = 0.0
    late = []
    for arrived, size in zip(line.frame_times, line.frame_sizes, strict=True):
        late.append(max(0.0, arrived - start - played))
        played += pcm_seconds(size)
    return late[1:]


async def _player(base_url: str, mission_id: str, seconds: float, delay: float) -> SessionResult:
    await asyncio.sleep(delay)
    result = SessionResult()
    record = ShowRecord()
    try:
        async with await open_show(base_url, mission_id) as ws:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                await play(ws, max_lines=len(record.lines) + 1, record=record, within=30)
                if record.mission_end is not None:
                    result.errors.append(f"the show ended early: {record.mission_end}")
                    break
                line = record.lines[-1]
                if line.first_frame_at is not None:  # play it out in real time
                    remaining = line.first_frame_at + line.seconds - time.monotonic()
                    if remaining > 0:
                        await asyncio.sleep(remaining)
    except Exception as exc:  # counted, not raised: one failing player must not hide the others
        result.errors.append(f"{type(exc).__name__}: {exc}")
    result.lines = record.lines
    result.errors += [f"error reply: {error}" for error in record.errors]
    return result


async def _sample_rss(app: AppProcess, samples: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(app.rss_bytes())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), RSS_SAMPLE_SECONDS)


async def sessions_under_load(app: AppProcess, sessions: int, seconds: float) -> list[dict[str, Any]]:
    topics = [f"the curfew, district {index}" for index in range(sessions)]
    missions = await create_missions(app.base_url, topics, at_once=10)
    await asyncio.sleep(2.0)  # Stage 2 and start-up work settle before the baseline
    baseline = app.rss_bytes()
    samples: list[int] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(app, samples, stop))
    started = time.monotonic()
    results = await asyncio.gather(
        *(_player(app.base_url, m["id"], seconds, JOIN_SPACING_SECONDS * i) for i, m in enumerate(missions))
    )
    elapsed = time.monotonic() - started
    stop.set()
    await sampler
    lines = [line for result in results for line in result.lines]
    errors = [error for result in results for error in result.errors]
    first_gaps = [_gap(line) for line in lines if line.first_frame_at and line.line_id == 0]
    gaps = [_gap(line) for line in lines if line.first_frame_at and line.line_id > 0]
    lateness = [late for line in lines for late in frame_lateness(line)]
    peak = max(samples) if samples else baseline
    # Steady state: the samples taken once every player has joined.
    joined = int(JOIN_SPACING_SECONDS * sessions / RSS_SAMPLE_SECONDS) + 2
    steady = statistics.median(samples[joined:]) if len(samples) > joined else peak
    return [
        {
            "metric": f"{sessions} sessions for {seconds:.0f} s "
            f"(fake Gemini {GEMINI_LATENCY_SECONDS * 1000:.0f} ms, "
            f"fake Deepgram TTFB {DEEPGRAM_TTFB_SECONDS * 1000:.0f} ms)",
            "sessions": sessions,
            "seconds": round(elapsed, 1),
            "lines": len(lines),
            "errors": len(errors),
            "first_errors": "; ".join(errors[:3]),
        },
        {"metric": "first line of a session: ready_for_next to first frame", **_summary(first_gaps)},
        {"metric": "gap before each later line: ready_for_next to first frame", **_summary(gaps)},
        {"metric": "frame delay: arrival after its playback time", **_summary(lateness)},
        {
            "metric": "app memory per live session: (steady RSS - baseline) / sessions",
            "baseline_mb": round(baseline / 2**20, 1),
            "steady_mb": round(steady / 2**20, 1),
            "peak_mb": round(peak / 2**20, 1),
            "per_session_mb": round((steady - baseline) / sessions / 2**20, 2),
            "per_session_peak_mb": round((peak - baseline) / sessions / 2**20, 2),
        },
    ]


def _gap(line: HeardLine) -> float:
    assert line.first_frame_at is not None
    return line.first_frame_at - line.requested_at


def _summary(seconds: list[float]) -> dict[str, Any]:
    if not seconds:
        return {"n": 0}
    return {
        "n": len(seconds),
        "p50_ms": round(statistics.median(seconds) * 1000, 1),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1),
    }


async def create_burst(base_url: str, calls: int, window: float) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=calls, max_keepalive_connections=calls)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as http:

        async def one(index: int) -> int:
            await asyncio.sleep(window * index / calls)
            response = await http.post(
                "/api/v1/create_mission", json={"topic": "the bread ration", "user_id": f"burst{index % 40}"}
            )
            return response.status_code

        started = time.monotonic()
        statuses = await asyncio.gather(*(one(i) for i in range(calls)))
        elapsed = time.monotonic() - started
    counts = Counter(statuses)
    return {
        "metric": f"burst: {calls} create_mission in {window:.0f} s from one address",
        "seconds": round(elapsed, 2),
        **{f"http_{code}": count for code, count in sorted(counts.items())},
        "only_201_and_429": set(counts) <= {201, 429},
    }


def run(count: int = 50, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri  # SQLite: storage is not what this measures
    rows: list[dict[str, Any]] = []
    with (
        FakeGemini(latency_seconds=GEMINI_LATENCY_SECONDS) as gemini,
        FakeDeepgram(
            ttfb_seconds=DEEPGRAM_TTFB_SECONDS, chunk_interval_seconds=DEEPGRAM_CHUNK_INTERVAL_SECONDS
        ) as deepgram,
        tempfile.TemporaryDirectory(prefix="rm-bench-") as data_dir,
    ):
        providers = {
            "GEMINI_API_KEY": "bench-not-a-key",
            "RADIOMIRCHI_GEMINI_BASE_URL": gemini.base_url,
            "DEEPGRAM_API_KEY": "bench-not-a-key",
            "RADIOMIRCHI_DEEPGRAM_BASE_URL": deepgram.base_url,
            "RADIOMIRCHI_DATA_DIR": data_dir,
            "RADIOMIRCHI_SHOW_SECONDS": "900",
        }
        with AppProcess({**providers, "RADIOMIRCHI_MAX_LIVE_SESSIONS": str(max(count, 32))}) as app:
            rows += asyncio.run(sessions_under_load(app, count, SECONDS))
        fields = Settings.model_fields
        limits = {  # the defaults, as shipped
            "RADIOMIRCHI_CREATE_MISSIONS_PER_USER_PER_MINUTE": str(
                fields["create_missions_per_user_per_minute"].default
            ),
            "RADIOMIRCHI_CREATE_MISSIONS_PER_IP_PER_MINUTE": str(
                fields["create_missions_per_ip_per_minute"].default
            ),
        }
        with AppProcess({**providers, **limits}) as app:
            rows.append(asyncio.run(create_burst(app.base_url, BURST_CALLS, BURST_WINDOW_SECONDS)))
    return rows
