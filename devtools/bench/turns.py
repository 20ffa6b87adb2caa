"""Spoken break-ins over the player's socket, stage by stage (issue: no dead air): one show on the
embedded defaults played in real time; the player speaks a proof sentence (the offline voice as a
microphone, streamed at real time in 100 ms chunks), then ``stop_speech``. Measured at the client
from ``stop_speech`` (the end of the turn): the transcript back, the verdict, the reply's
``dialogue_start`` and its first audio frame. The server logs the same stages
(``turn timings`` at INFO); the goal for the whole is a reply audible within 1.2 s.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from typing import Any

from devtools.bench.app_process import AppProcess
from devtools.bench.broadcast import create_missions
from devtools.bench.stats import summarise_ms
from devtools.testing.caller_voice import speak_as_caller
from devtools.testing.show_client import open_show, play
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, int16_to_bytes

TURNS = 10
CHUNK_SECONDS = 0.1
REPLY_GOAL_SECONDS = 1.2


async def _turn(ws: Any, pcm: bytes) -> dict[str, float]:
    await ws.send(json.dumps({"action": "start_speech"}))
    step = int(MIC_SAMPLE_RATE * CHUNK_SECONDS) * 2
    for start in range(0, len(pcm), step):
        await ws.send(pcm[start : start + step])
        await asyncio.sleep(CHUNK_SECONDS)  # a microphone speaks in real time
    await ws.send(json.dumps({"action": "stop_speech"}))
    ended = time.monotonic()
    marks: dict[str, float] = {}
    async with asyncio.timeout(60):
        while "reply_end" not in marks:
            message = await ws.recv()
            at = time.monotonic() - ended
            if isinstance(message, bytes):
                if "reply_start" in marks and "first_reply_frame" not in marks:
                    marks["first_reply_frame"] = at
                continue
            payload = json.loads(message)
            status = payload.get("status")
            if status == "transcript":
                marks["transcript"] = at
            elif status == "verdict":
                marks["verdict"] = at
            elif status == "dialogue_start" and "verdict" in marks:
                marks["reply_start"] = at
            elif status == "dialogue_end" and "reply_start" in marks:
                marks["reply_end"] = at
            elif "error" in payload:
                raise RuntimeError(payload)
    return marks


async def turns(app: AppProcess, count: int) -> list[dict[str, Any]]:
    (mission,) = await create_missions(app.base_url, ["the new water tax"], at_once=1)
    proofs = mission["generation_result"]["proof_sentences"]
    speech = [
        int16_to_bytes(await speak_as_caller(proofs[i % len(proofs)], MIC_SAMPLE_RATE)) for i in range(count)
    ]
    marks: list[dict[str, float]] = []
    async with await open_show(app.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        for pcm in speech:
            marks.append(await _turn(ws, pcm))
            await play(ws, max_lines=1)  # the reply plays out before the next turn
    rows = []
    for stage, label in (
        ("transcript", "end of turn → transcript"),
        ("verdict", "end of turn → verdict"),
        ("reply_start", "end of turn → reply's dialogue_start"),
        ("first_reply_frame", "end of turn → reply's first audio frame"),
    ):
        values = [m[stage] for m in marks if stage in m]
        row: dict[str, Any] = {"metric": label, **summarise_ms(values)}
        if stage == "first_reply_frame":
            row["goal"] = f"median ≤ {REPLY_GOAL_SECONDS * 1000:.0f} ms"
        rows.append(row)
    return rows


def run(count: int = TURNS, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri
    with tempfile.TemporaryDirectory(prefix="rm-bench-") as data_dir:
        # The whole audience to win: ten turns of evidence must not end the show early.
        env = {
            "RADIOMIRCHI_DATA_DIR": data_dir,
            "RADIOMIRCHI_SHOW_SECONDS": "900",
            "RADIOMIRCHI_WIN_FRACTION": "1.0",
        }
        with AppProcess(env) as app:
            return asyncio.run(turns(app, count))
