"""The offline judge: latency of one verdict, and its accuracy on the hand-written corpus.

Latency: a 30-word interjection against a 5-fact mission, each text new (so it is encoded),
the mission's fact embeddings and the recent host lines cached as in a live show; the encoder
runs on one thread. Also the first verdict of a mission (its facts are embedded then).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from typing import Any

from devtools.bench.stats import summarise_ms
from devtools.testing.judge_corpus import load, score, summary
from devtools.testing.players import paraphrase
from devtools.testing.show_lines import offline_mission
from radiomirchi.game.judge.offline import OfflineJudge
from radiomirchi.meaning.onnx_minilm import build_encoder
from radiomirchi.schemas import PropagandaMission

_FILLER = (
    "and I want every listener tonight to ask the station why nobody in charge has ever explained it".split()
)
_HOST_LINES = [
    "Good evening, loyal listeners, and welcome back to the show.",
    "The ministry assures us that every figure has been checked twice.",
    "Only saboteurs would question such a triumph of planning.",
    "Let's take another call, shall we?",
]


def _five_fact_mission() -> PropagandaMission:
    for index in range(200):
        mission = offline_mission("the river dam", 0xBE7C + index)
        if len(mission.generation_result.proof_sentences) == 5:
            return mission
    raise RuntimeError("the offline writer wrote no 5-fact mission in 200 tries")


def _thirty_words(proof: str, rng: random.Random) -> str:
    words = paraphrase(proof, rng).split()[:30]
    return " ".join(words + _FILLER[: 30 - len(words)])


def _latency(judge: OfflineJudge, mission: PropagandaMission, count: int) -> list[float]:
    rng = random.Random(5)
    proofs = mission.generation_result.proof_sentences
    said: list[str] = []
    samples = []
    for index in range(count):
        text = f"{_thirty_words(proofs[index % len(proofs)], rng)} ({index})"
        started = time.perf_counter()
        judge.judge_now(
            text,
            mission,
            used_proofs=Counter(),
            previous_interjections=said[-8:],
            recent_host_lines=_HOST_LINES,
        )
        samples.append(time.perf_counter() - started)
        said.append(text)
    return samples


def run(count: int = 200, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri
    encoder = build_encoder()
    encoder.warm_up()
    mission = _five_fact_mission()
    judge = OfflineJudge(encoder)
    judge.warm_up()
    cold = []
    for index in range(10):
        fresh = mission.model_copy(update={"topic": f"{mission.topic} {index}"})  # new facts cache key
        started = time.perf_counter()
        judge.judge_now("Listeners, check the dam's accounts.", fresh, used_proofs=Counter())
        cold.append(time.perf_counter() - started)
    _latency(judge, mission, 10)  # warm the caches
    sentence = _thirty_words(mission.generation_result.proof_sentences[0], random.Random(1))
    alone = []
    for _ in range(count):
        started = time.perf_counter()
        encoder.encode([sentence])
        alone.append(time.perf_counter() - started)
    rows: list[dict[str, Any]] = [
        {"metric": "encoder alone: one 30-word sentence, 1 thread", **summarise_ms(alone)},
        {
            "metric": "verdict: 30-word interjection, 5 facts (cached), 1 thread",
            **summarise_ms(_latency(judge, mission, count)),
        },
        {
            "metric": "first verdict of a mission (its facts embedded; warm_up(mission) does it ahead)",
            **summarise_ms(cold),
        },
    ]
    scored = score(load(), judge)
    for name, group in (
        ("corpus, tuned on", [s for s in scored if not s.line.held_out]),
        ("corpus, held out", [s for s in scored if s.line.held_out]),
    ):
        rows.append(
            {
                "metric": f"{name}: lines in band",
                "n": len(group),
                "share": round(sum(s.in_band for s in group) / len(group), 3),
            }
        )
    for category, (ok, n, mean) in summary(scored).items():
        rows.append(
            {
                "metric": f"corpus: {category}",
                "n": n,
                "share": round(ok / n, 3),
                "mean_change": round(mean, 2),
            }
        )
    return rows
