"""Voice benchmarks, every offline voice in one run: how intelligible (per-voice WER of Whisper
tiny.en on one thread over show lines from the offline writer), how fast (real-time factor and
time to first audio through the streaming API, one synthesis thread) and how pitched (median F0).
Then, if asked, concurrent shows without underruns per tier (the broadcast benchmark's own leg).

Goal (issue 12): every default female voice within 1.3x of Piper's WER in the same run, and <= 10%.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from devtools.bench import broadcast
from devtools.bench.app_process import AppProcess
from devtools.testing.intelligibility import Listener, normalise, word_errors
from devtools.testing.show_lines import show_lines
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, bytes_to_int16, pcm_seconds
from radiomirchi.speech.pitch import median_f0
from radiomirchi.speech.tts import kokoro
from radiomirchi.speech.tts.base import Voice
from radiomirchi.speech.tts.offline import CLEAR_TIER, NATURAL_TIER, OfflineTTS, VoiceTier
from radiomirchi.speech.tts.piper import PIPER_ENGINE

LINES = 40
GOAL_RATIO_TO_PIPER = 1.3
GOAL_WER = 0.10
# Concurrent-show levels tried per tier (stopping at the first with an underrun), and seconds each.
CONCURRENCY_LEVELS: dict[VoiceTier, list[int]] = {CLEAR_TIER: [8, 16, 20, 24], NATURAL_TIER: [1, 2, 3, 4]}
CONCURRENCY_SECONDS = 30.0
LINE_GAP_SECONDS = 0.3  # between two lines of a show, about what the broadcast leaves


@dataclass
class VoiceResult:
    voice: Voice
    cast: bool  # cast by its tier by default (False: available, e.g. eSpeak NG)
    errors: int
    words: int
    synthesis_seconds: float
    audio_seconds: float
    first_audio: list[float]
    f0: float
    # Per line, in show order: (seconds of audio, seconds to synthesise it).
    timings: list[tuple[float, float]]

    @property
    def wer(self) -> float:
        return self.errors / max(self.words, 1)


async def measure_voice(
    tts: OfflineTTS, voice: Voice, lines: list[str], listener: Listener, cast: bool
) -> VoiceResult:
    errors = words = 0
    synthesis = audio = 0.0
    first_audio: list[float] = []
    f0s: list[float] = []
    timings: list[tuple[float, float]] = []
    for text in lines:
        started = time.perf_counter()
        chunks: list[bytes] = []
        async for chunk in tts.stream(text, voice):
            if not chunks:
                first_audio.append(time.perf_counter() - started)
            chunks.append(chunk)
        took = time.perf_counter() - started
        pcm = b"".join(chunks)
        timings.append((pcm_seconds(len(pcm)), took))
        synthesis += took
        audio += pcm_seconds(len(pcm))
        f0s.append(median_f0(bytes_to_int16(pcm).astype(float) / 32768.0, WIRE_SAMPLE_RATE))
        said = normalise(text)
        errors += word_errors(said, normalise(await listener.hear(pcm)))
        words += len(said)
    return VoiceResult(
        voice, cast, errors, words, synthesis, audio, first_audio, statistics.median(f0s), timings
    )


def waits_with_lookahead(
    timings: list[tuple[float, float]], depth: int, gap: float = LINE_GAP_SECONDS
) -> float:
    """Seconds the listener waits, after the first line, when lines are voiced one after another on
    one thread and at most ``depth`` lines are voiced ahead of the one playing.

    A line plays once it is wholly voiced (a conservative stand-in for streaming) and right after
    the previous one (plus ``gap``) if it is ready by then.
    """
    synth_end = 0.0
    play_starts: list[float] = []
    play_end = 0.0
    waited = 0.0
    for index, (seconds, took) in enumerate(timings):
        allowed = play_starts[index - depth] if index >= depth else 0.0
        synth_end = max(synth_end, allowed) + took
        due = play_end + gap if index else synth_end
        start = max(due, synth_end)
        if index:
            waited += start - due
        play_starts.append(start)
        play_end = start + seconds
    return waited


def lookahead_rows(results: list[VoiceResult]) -> list[dict[str, Any]]:
    """The shallowest lookahead at which no line waits, per natural voice, from this run's timings."""
    rows = []
    for result in results:
        if result.voice.engine != kokoro.KOKORO_ENGINE:
            continue
        waits = {depth: waits_with_lookahead(result.timings, depth) for depth in range(1, 7)}
        enough = next((depth for depth, waited in waits.items() if waited == 0.0), None)
        rows.append(
            {
                "voice": result.voice.id,
                "metric": "lookahead lines needed (no line waits)",
                "depth": enough if enough is not None else "> 6",
                "wait_s_at_depth_1": round(waits[1], 2),
                "wait_s_at_depth_2": round(waits[2], 2),
            }
        )
    return rows


async def measure_all(count: int) -> list[VoiceResult]:
    lines = show_lines(count)
    listener = Listener(cpu_threads=1)
    results: list[VoiceResult] = []
    tiers = [CLEAR_TIER] + ([NATURAL_TIER] if kokoro.missing() is None else [])
    try:
        for tier in tiers:
            tts = OfflineTTS(max_workers=1, tier=tier)
            await tts.warm_up()
            cast = {voice.id for voice in tts.voices()}
            voices = tts.all_voices() if tier == CLEAR_TIER else tts.voices()
            try:
                for voice in voices:
                    results.append(await measure_voice(tts, voice, lines, listener, voice.id in cast))
            finally:
                await tts.aclose()
    finally:
        await listener.aclose()
    return results


def _tier_of(result: VoiceResult) -> str:
    if not result.cast:
        return "not cast"
    return NATURAL_TIER if result.voice.engine == kokoro.KOKORO_ENGINE else CLEAR_TIER


def voice_rows(results: list[VoiceResult]) -> list[dict[str, Any]]:
    piper = [result for result in results if result.voice.engine == PIPER_ENGINE]
    piper_wer = sum(r.errors for r in piper) / max(sum(r.words for r in piper), 1)
    rows = []
    for result in results:
        ratio = result.wer / piper_wer if piper_wer else float("inf")
        row: dict[str, Any] = {
            "voice": result.voice.id,
            "gender": result.voice.gender.value,
            "tier": _tier_of(result),
            "lines": len(result.first_audio),
            "WER_%": round(100 * result.wer, 1),
            "x_piper": round(ratio, 2),
            "RTF": round(result.synthesis_seconds / result.audio_seconds, 3),
            "first_audio_p50_ms": round(1000 * statistics.median(result.first_audio), 1),
            "first_audio_max_ms": round(1000 * max(result.first_audio), 1),
            "F0_Hz": round(result.f0, 1),
        }
        if row["tier"] == CLEAR_TIER and result.voice.gender.value == "female":
            row["goal"] = "met" if result.wer <= GOAL_WER and ratio <= GOAL_RATIO_TO_PIPER else "MISSED"
        rows.append(row)
    rows.append({"voice": "Piper, all variants pooled", "WER_%": round(100 * piper_wer, 1)})
    return rows


def concurrency_rows(tier: VoiceTier) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="rm-bench-voices-") as data_dir:
        env = {
            "RADIOMIRCHI_DATA_DIR": data_dir,
            "RADIOMIRCHI_SHOW_SECONDS": "900",
            "RADIOMIRCHI_VOICES": tier,
        }
        with AppProcess(env) as app:
            load = asyncio.run(
                broadcast.concurrency(app.base_url, CONCURRENCY_LEVELS[tier], seconds=CONCURRENCY_SECONDS)
            )
    rows = [{"tier": tier, **row} for row in load["rows"]]
    rows.append(
        {
            "tier": tier,
            "metric": "largest N with zero underruns",
            "sessions": load["max_sessions_without_underrun"],
        }
    )
    return rows


def run(count: int = LINES, mongodb_uri: str | None = None, concurrency: bool = True) -> list[dict[str, Any]]:
    del mongodb_uri  # voices never touch the store
    results = asyncio.run(measure_all(count))
    rows = voice_rows(results) + lookahead_rows(results)
    if concurrency:
        for tier in [CLEAR_TIER] + ([NATURAL_TIER] if kokoro.missing() is None else []):
            rows += concurrency_rows(tier)
    return rows
