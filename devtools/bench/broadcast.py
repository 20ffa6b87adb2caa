"""Live-broadcast benchmarks (offline voices unless said): time to first audio against the bare
synthesis floor, gaps between lines, concurrent sessions without underruns, and the Deepgram path.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from typing import Any

import httpx

from devtools.bench.app_process import AppProcess
from devtools.bench.stats import percentile, summarise_ms
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.show_client import HeardLine, open_show, play
from radiomirchi.schemas import MissionId, Speaker, new_mission_id
from radiomirchi.speech.audio import pcm_seconds
from radiomirchi.speech.tts.deepgram import DeepgramTTS
from radiomirchi.speech.tts.offline import OfflineTTS
from radiomirchi.speech.tts.pieces import split_for_streaming

JOIN_SPACING_SECONDS = 0.25


async def create_mission(http: httpx.AsyncClient, topic: str) -> dict[str, Any]:
    response = await http.post("/api/v1/create_mission", json={"topic": topic, "user_id": "bench"})
    response.raise_for_status()
    mission = dict(response.json())
    for _ in range(400):  # 20 s: a realistic Gemini takes 2-4 s to brief
        status = (await http.get(f"/api/v1/mission_status/{mission['id']}")).json()["status"]
        if status == "stage2":
            return mission
        await asyncio.sleep(0.05)
    raise RuntimeError("the mission was not prepared in time")


async def create_missions(base_url: str, topics: list[str], *, at_once: int) -> list[dict[str, Any]]:
    """A prepared mission per topic, ``at_once`` being created at a time."""
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as http:
        gate = asyncio.Semaphore(at_once)

        async def prepared(topic: str) -> dict[str, Any]:
            async with gate:
                return await create_mission(http, topic)

        return await asyncio.gather(*(prepared(topic) for topic in topics))


async def ttfa(base_url: str, sessions: int) -> dict[str, Any]:
    """First line of fresh sessions (nothing written or voiced ahead) against the bare floor."""
    samples: list[float] = []
    firsts: list[tuple[str, Speaker, MissionId]] = []
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        for index in range(sessions):
            mission = await create_mission(http, f"the new water tax number {index}")
            async with await open_show(base_url, mission["id"]) as ws:
                record = await play(ws, max_lines=1)
            line = record.lines[0]
            assert line.first_frame_at is not None
            samples.append(line.first_frame_at - line.requested_at)
            speakers = [Speaker.model_validate(s) for s in mission["generation_result"]["speakers"]]
            speaker = next(s for s in speakers if s.name == line.speaker)
            firsts.append((line.text, speaker, mission["id"]))
    floor = await _synthesis_floor(firsts)
    result = {"metric": "TTFA, first line of a fresh session", **summarise_ms(samples)}
    floor_row = {"metric": "floor: bare synthesis of the same first clauses", **summarise_ms(floor)}
    ratio = statistics.median(samples) / statistics.median(floor)
    return {"rows": [result, floor_row], "ttfa_over_floor_p50": round(ratio, 2)}


async def _synthesis_floor(firsts: list[tuple[str, Speaker, MissionId]]) -> list[float]:
    tts = OfflineTTS()
    await tts.warm_up()
    floor = []
    try:
        for text, speaker, mission_id in firsts:
            voice = tts.cast_voices([speaker], mission_id)[speaker.name]
            clause = split_for_streaming(text)[0].text
            started = time.perf_counter()
            await tts.synthesize(clause, voice)
            floor.append(time.perf_counter() - started)
    finally:
        await tts.aclose()
    return floor


async def gaps(base_url: str, lines: int) -> dict[str, Any]:
    """ready_for_next to the next line's first frame, the client answering each dialogue_end at once."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        mission = await create_mission(http, "rail privatisation")
    async with await open_show(base_url, mission["id"]) as ws:
        record = await play(ws, max_lines=lines, within=lines * 20)
    later = [line.first_frame_at - line.requested_at for line in record.lines[1:] if line.first_frame_at]
    return {"rows": [{"metric": f"gap between lines (lines 2-{len(record.lines)})", **summarise_ms(later)}]}


def underruns(line: HeardLine) -> int:
    """Frames that arrived after the audio before them had finished playing (playback starts at frame 1)."""
    if not line.frame_times:
        return 0
    start = line.frame_times[0]
    played_before = 0.0
    late = 0
    for arrived, size in zip(line.frame_times, line.frame_sizes, strict=True):
        if arrived - start > played_before + 0.005:
            late += 1
        played_before += pcm_seconds(size)
    return late


async def _listener(base_url: str, mission_id: str, seconds: float, delay: float) -> list[HeardLine]:
    await asyncio.sleep(delay)
    async with await open_show(base_url, mission_id) as ws:
        collected: list[HeardLine] = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            record = await play(ws, max_lines=1, within=60)
            if not record.lines:
                break
            line = record.lines[0]
            collected.append(line)
            # Consume in real time: the line finishes playing before the next is asked for.
            assert line.first_frame_at is not None
            remaining = line.first_frame_at + line.seconds - time.monotonic()
            if remaining > 0:
                await asyncio.sleep(remaining)
        return collected


async def concurrency(base_url: str, levels: list[int], seconds: float) -> dict[str, Any]:
    rows = []
    best = 0
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        for level in levels:
            missions = [await create_mission(http, f"curfew number {level}-{i}") for i in range(level)]
            # Players join over a couple of seconds, not all in the same millisecond.
            results = await asyncio.gather(
                *(
                    _listener(base_url, m["id"], seconds, JOIN_SPACING_SECONDS * i)
                    for i, m in enumerate(missions)
                )
            )
            lines = [line for session in results for line in session]
            bad_lines = sum(1 for line in lines if underruns(line) > 0)
            first_gaps = [
                line.first_frame_at - line.requested_at
                for line in lines
                if line.first_frame_at and line.line_id > 0
            ]
            rows.append(
                {
                    "sessions": level,
                    "lines": len(lines),
                    "lines_with_underrun": bad_lines,
                    "first_line_underruns": sum(
                        1 for line in lines if line.line_id == 0 and underruns(line) > 0
                    ),
                    "gap_p50_ms": round(statistics.median(first_gaps) * 1000, 1),
                    "gap_p95_ms": round(percentile(first_gaps, 0.95) * 1000, 1),
                }
            )
            if bad_lines == 0:
                best = level
            else:
                break
    return {"rows": rows, "max_sessions_without_underrun": best}


async def deepgram_added_latency(requests: int = 30, ttfb: float = 0.1) -> dict[str, Any]:
    """Time to first chunk through the real SDK against the fake, minus the fake's set TTFB."""
    with FakeDeepgram(ttfb_seconds=ttfb) as fake:
        tts = DeepgramTTS("bench-not-a-key", base_url=fake.base_url)
        voice = tts.cast_voices(
            [Speaker(name="A", gender="female", role="r", background="b")], new_mission_id()
        )["A"]
        added = []
        try:
            for index in range(requests + 3):
                started = time.perf_counter()
                stream = tts.stream("Good evening and welcome to the show, loyal listeners.", voice)
                async for _ in stream:
                    if index >= 3:
                        added.append(time.perf_counter() - started - ttfb)
                    break
                await stream.aclose()  # type: ignore[attr-defined]
        finally:
            await tts.aclose()
    return {
        "rows": [
            {"metric": f"Deepgram path added latency (fake TTFB {ttfb * 1000:.0f} ms)", **summarise_ms(added)}
        ]
    }


def run(count: int = 20, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri  # the broadcast benchmarks use SQLite: storage is not on the audio path
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="rm-bench-") as data_dir:
        env = {"RADIOMIRCHI_DATA_DIR": data_dir, "RADIOMIRCHI_SHOW_SECONDS": "900"}
        with AppProcess(env) as app:
            first = asyncio.run(ttfa(app.base_url, count))
            rows += first["rows"]
            rows.append({"metric": "TTFA p50 / floor p50", "ratio": first["ttfa_over_floor_p50"]})
            rows += asyncio.run(gaps(app.base_url, 50))["rows"]
            load = asyncio.run(concurrency(app.base_url, [4, 8, 12, 16, 20, 24, 28, 32], seconds=30))
            rows += load["rows"]
            rows.append(
                {"metric": "largest N with zero underruns", "sessions": load["max_sessions_without_underrun"]}
            )
    rows += asyncio.run(deepgram_added_latency())["rows"]
    return rows
