"""Game benchmarks: voice to voice, text to voice, and barge-in, on three sets of providers.

- offline: the procedural writer, Piper/eSpeak voices, Whisper tiny.en;
- realistic providers: the app on Gemini and Deepgram, through fakes that answer like the real
  services (``fake_gemini.REALISTIC``: ~0.6 s a dialogue turn, ~0.75 s a verdict, 2-4 s a mission;
  ``FakeDeepgram.realistic()``: first audio byte after 250 ms, 2x real time, transcripts in 300 ms);
- Gemini rate-limited: every Gemini call answers a real 53 s 429 (the offline writer takes over
  at once), with the realistic Deepgram.

- voice to voice: from ``stop_speech`` to the first audio frame of the hosts' reply, over spoken
  utterances of 2-5 s (the offline TTS speaks a paraphrased proof, resampled to 16 kHz);
- text to voice: from ``user_dialogue`` to the first reply frame;
- barge-in: from a typed interjection leaving the client to the last frame of the interrupted line
  (measured on typed break-ins, where no microphone audio shares the socket).
The client answers every ``dialogue_end`` at once with ``ready_for_next``, as the front end does.
"""

from __future__ import annotations

import asyncio
import json
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from websockets.asyncio.connection import Connection

from devtools.bench.app_process import AppProcess
from devtools.bench.broadcast import create_mission
from devtools.bench.stats import summarise_ms
from devtools.testing.caller_voice import speak_as_caller
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.fake_gemini import REALISTIC, FakeGemini, rate_limited
from devtools.testing.players import paraphrase
from devtools.testing.show_client import open_show, play
from radiomirchi.game.judge import proof_handle
from radiomirchi.speech.audio import (
    MIC_SAMPLE_RATE,
    int16_to_bytes,
    pcm_seconds,
)

BREAK_INS_PER_MISSION = 3


async def _utterances(texts: list[str]) -> list[bytes]:
    return [int16_to_bytes(await speak_as_caller(text, MIC_SAMPLE_RATE)) for text in texts]


async def _into_a_line(ws: Connection, frames: int = 10) -> None:
    """Ask for a line and wait until some of its audio has arrived."""
    await ws.send(json.dumps({"action": "ready_for_next"}))
    got = 0
    async with asyncio.timeout(30):
        while got < frames:
            if isinstance(await ws.recv(), bytes):
                got += 1


async def _reply_after(ws: Connection, sent_at: float) -> tuple[float, float | None]:
    """Read on: (barge-in: last frame of the cut line after sent_at, first reply frame after sent_at)."""
    last_cut_frame = sent_at
    in_reply = False
    async with asyncio.timeout(60):
        while True:
            message = await ws.recv()
            now = time.perf_counter()
            if isinstance(message, bytes):
                if in_reply:
                    return last_cut_frame - sent_at, now - sent_at
                last_cut_frame = now
                continue
            payload = json.loads(message)
            status = payload.get("status")
            if status == "dialogue_end":
                await ws.send(json.dumps({"action": "ready_for_next"}))
            elif status == "dialogue_start":
                in_reply = True
            elif status == "mission_end":
                return last_cut_frame - sent_at, None


async def measure(
    base_url: str, missions: int, hears: Callable[[str], None] | None = None
) -> dict[str, list[float]]:
    """``hears`` is told what the caller is about to say (a fake speech-to-text then hears it)."""
    results: dict[str, list[float]] = {"voice": [], "text": [], "barge_in": []}
    rng = random.Random(7)
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        for index in range(missions):
            mission = await create_mission(http, f"the bread ration number {index}")
            proofs = mission["generation_result"]["proof_sentences"]
            texts = [short_claim(proofs[i % len(proofs)], rng) for i in range(BREAK_INS_PER_MISSION)]
            spoken = await _utterances(texts)
            async with await open_show(base_url, mission["id"]) as ws:
                await play(ws, max_lines=1)
                for turn, (text, pcm) in enumerate(zip(texts, spoken, strict=True)):
                    await _into_a_line(ws)
                    if turn % 2 == 0:
                        sent_at = time.perf_counter()
                        await ws.send(
                            json.dumps({"action": "user_dialogue", "dialogue": f"Listeners! {text}"})
                        )
                        barge, reply = await _reply_after(ws, sent_at)
                        results["barge_in"].append(max(0.0, barge))
                        kind = "text"
                    else:
                        if hears is not None:
                            hears(f"Listeners! {text}")
                        await ws.send(json.dumps({"action": "start_speech"}))
                        step = int(MIC_SAMPLE_RATE * 0.1) * 2
                        for start in range(0, len(pcm), step):
                            await ws.send(pcm[start : start + step])
                        sent_at = time.perf_counter()
                        await ws.send(json.dumps({"action": "stop_speech"}))
                        _, reply = await _reply_after(ws, sent_at)
                        kind = "voice"
                    if reply is None:
                        break  # the mission ended
                    if kind == "text" or 2.0 <= pcm_seconds(len(pcm), MIC_SAMPLE_RATE) <= 5.0:
                        results[kind].append(reply)
    return results


def short_claim(proof: str, rng: random.Random) -> str:
    """A 2-5 s spoken break-in about a proof: its handle and a few of its words."""
    words = [w.strip(".,;:") for w in paraphrase(proof, rng).split() if not w.endswith(":")]
    return f"Listeners, check {proof_handle(proof)}. " + " ".join(words[-6:]) + "."


@contextmanager
def _realistic_providers(*, rate_limited_gemini: bool) -> Iterator[tuple[dict[str, str], FakeDeepgram]]:
    with FakeGemini(profile=REALISTIC) as gemini, FakeDeepgram.realistic() as deepgram:
        if rate_limited_gemini:
            gemini.always = lambda: rate_limited(53.0)
        env = {
            "GEMINI_API_KEY": "bench-not-a-key",
            "RADIOMIRCHI_GEMINI_BASE_URL": gemini.base_url,
            "DEEPGRAM_API_KEY": "bench-not-a-key",
            "RADIOMIRCHI_DEEPGRAM_BASE_URL": deepgram.base_url,
        }
        yield env, deepgram


def _leg(
    providers: str, env: dict[str, str], count: int, deepgram: FakeDeepgram | None = None
) -> list[dict[str, Any]]:
    def hears(text: str) -> None:
        if deepgram is not None:
            deepgram.next_transcript = text

    with tempfile.TemporaryDirectory(prefix="rm-bench-") as data_dir:
        game_env = {
            "RADIOMIRCHI_DATA_DIR": data_dir,
            "RADIOMIRCHI_SHOW_SECONDS": "900",
            "RADIOMIRCHI_WIN_FRACTION": "1.0",
            **env,
        }
        with AppProcess(game_env) as app:
            results = asyncio.run(measure(app.base_url, count, hears))
    return [
        {
            "providers": providers,
            "metric": "voice to voice: stop_speech to first reply frame (2-5 s utterances)",
            **summarise_ms(results["voice"]),
        },
        {
            "providers": providers,
            "metric": "text to voice: user_dialogue to first reply frame",
            **summarise_ms(results["text"]),
        },
        {
            "providers": providers,
            "metric": "barge-in: interjection to last frame of the cut line",
            **summarise_ms(results["barge_in"]),
        },
    ]


def run(count: int = 12, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri
    rows = _leg("offline", {}, count)
    with _realistic_providers(rate_limited_gemini=False) as (env, deepgram):
        rows += _leg("Gemini + Deepgram fakes, realistic latency", env, count, deepgram)
    with _realistic_providers(rate_limited_gemini=True) as (env, deepgram):
        rows += _leg("Gemini always 429 (53 s) + realistic Deepgram", env, count, deepgram)
    return rows
