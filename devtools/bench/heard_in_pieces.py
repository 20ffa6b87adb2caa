"""A spoken turn heard whole at its end against heard in pieces while it is spoken.

Proof sentences of offline missions on 12 topics (half with a caller's opening words), each voiced
by the benchmark's caller voices in turn and fed to the page's speech detector as a microphone
would. The detector's pauses drive ``RunningTranscript`` as the session does; the whole turn is
also heard in one pass, as before. Reported: the word error rate of each, and how long the last
step takes after the turn ends (the whole turn, or what is left after the last kept piece).
"""

from __future__ import annotations

import asyncio
import time
from statistics import median
from typing import Any

import numpy as np

from devtools.bench.breakins import caller_voices, voiced_by_caller
from devtools.testing.intelligibility import word_error_rate
from radiomirchi.game.running_transcript import RunningTranscript
from radiomirchi.game.tasks import TaskSet
from radiomirchi.game.vocabulary import spoken_vocabulary
from radiomirchi.schemas import MissionId, PropagandaMission
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, WIRE_SAMPLE_RATE, bytes_to_int16, resample_int16
from radiomirchi.speech.stt.whisper import WhisperSTT
from radiomirchi.ui.vad import SpeechDetector
from radiomirchi.writers import OfflineWriter

TOPICS = [
    "the new water tax",
    "metro fares doubled",
    "the stadium collapse",
    "teachers strike in Pune",
    "bird flu on poultry farms",
    "missing cyclone relief money",
    "power cuts in summer",
    "the mango festival cancelled",
    "exam paper leak",
    "river poisoned by a factory",
    "stray dogs at the metro station",
    "pension delays",
]
OPENERS = ["Listeners, ", "Hello, this is Meera calling. ", "Wait, hear this: "]
FRAME = 320  # 20 ms at 16 kHz


async def _corpus() -> list[tuple[str, tuple[str, ...]]]:
    writer = OfflineWriter()
    said = []
    for index, topic in enumerate(TOPICS):
        written = await writer.generate_initial_propaganda(topic, MissionId(f"6b15{index:020x}"))
        mission = PropagandaMission(
            user_id="u", topic=written.topic, generation_result=written.result, writer="offline"
        )
        names = spoken_vocabulary(mission)
        for number, proof in enumerate(written.result.proof_sentences[:4]):
            opener = OPENERS[(index + number) % len(OPENERS)]
            said.append((proof if number % 2 == 0 else opener + proof[0].lower() + proof[1:], names))
    return said


Heard = tuple[str, float, str, float]


async def _heard(stt: WhisperSTT, speech: np.ndarray, names: tuple[str, ...]) -> Heard:
    """(whole, its seconds, in pieces, the last step's seconds) for one spoken turn."""
    tasks = TaskSet("bench")

    async def transcribe(pcm: bytes, context: str) -> str:
        return await stt.transcribe(pcm, names, context=context)

    running = RunningTranscript(transcribe, tasks)
    detector = SpeechDetector(MIC_SAMPLE_RATE)
    silence = np.zeros(MIC_SAMPLE_RATE // 2, dtype=np.int16)
    audio = np.concatenate([silence, speech, silence, silence, silence])
    turn = bytearray()
    for start in range(0, len(audio), FRAME):
        # The recogniser works while the turn is spoken, in real time, as in a show.
        await asyncio.sleep(0)
        ended = False
        for event in detector.feed(audio[start : start + FRAME]):
            if event.kind in ("start", "audio", "stop"):
                turn += event.pcm
            if event.kind == "pause":
                running.paused(bytes(turn))
            elif event.kind == "resume":
                running.resumed()
            ended = ended or event.kind == "stop"
        if ended:
            break
        await asyncio.sleep(FRAME / MIC_SAMPLE_RATE)
    began = time.perf_counter()
    pieces = await running.text(bytes(turn))
    last_step = time.perf_counter() - began
    began = time.perf_counter()
    whole = await stt.transcribe(bytes(turn), names)
    whole_seconds = time.perf_counter() - began
    await tasks.cancel_all()
    return whole, whole_seconds, pieces, last_step


async def _run() -> dict[str, Any]:
    said = await _corpus()
    voices = caller_voices()
    stt = WhisperSTT()
    await stt.warm_up()
    wholes, pieced, whole_seconds, last_steps = [], [], [], []
    try:
        for index, (sentence, names) in enumerate(said):
            pcm = await voiced_by_caller(sentence, voices[index % len(voices)])
            speech = resample_int16(bytes_to_int16(pcm), WIRE_SAMPLE_RATE, MIC_SAMPLE_RATE)
            whole, seconds, pieces, last_step = await _heard(stt, speech, names)
            wholes.append(whole)
            pieced.append(pieces)
            whole_seconds.append(seconds)
            last_steps.append(last_step)
    finally:
        await stt.aclose()
    references = [sentence for sentence, _ in said]
    return {
        "turns": len(said),
        "wer_whole": round(word_error_rate(references, wholes), 3),
        "wer_in_pieces": round(word_error_rate(references, pieced), 3),
        "whole_after_the_turn_median_ms": round(median(whole_seconds) * 1000),
        "pieces_last_step_median_ms": round(median(last_steps) * 1000),
    }


def run(**_: Any) -> list[dict[str, Any]]:
    return [asyncio.run(_run())]
