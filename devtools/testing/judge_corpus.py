"""The judge's hand-written corpus (tests/data/judge_corpus.json): missions and labeled lines.

Each mission's facts are stored in the corpus, so it does not change when the writer's templates do.
A line's band is what the verdict must fall in: evidence, small (a little credit), nothing, strike.
A line may carry what the same caller said before it (``previous``): a repeated insult is judged so.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from radiomirchi.game.judge.offline import OfflineJudge
from radiomirchi.meaning.onnx_minilm import LoadedOnFirstUse, build_encoder
from radiomirchi.schemas import MissionId, PropagandaGenerationResult, PropagandaMission, Speaker, Verdict

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "judge_corpus.json"
SMALL_CREDIT_MIN = 1.0
EVIDENCE_KINDS = frozenset({"evidence", "evidence_repeat", "hostile_evidence"})


@dataclass(frozen=True)
class Line:
    mission: PropagandaMission
    held_out: bool
    category: str
    band: str
    text: str
    fact: int | None
    host_lines: tuple[str, ...]
    previous: tuple[str, ...] = ()
    held_out_round: int | None = None


def band_of(verdict: Verdict) -> str:
    if verdict.strike:
        return "strike"
    if verdict.kind in EVIDENCE_KINDS:
        return "evidence"
    if verdict.change >= SMALL_CREDIT_MIN:
        return "small"
    return "nothing"


def load(path: Path = CORPUS) -> list[Line]:
    data = json.loads(path.read_text(encoding="utf-8"))
    lines: list[Line] = []
    for record in data["missions"]:
        result = PropagandaGenerationResult(
            summary=record["summary"],
            proof_sentences=record["proof_sentences"],
            speakers=[Speaker.model_validate(s) for s in record["speakers"]],
            initial_listeners=record["initial_listeners"],
        )
        mission = PropagandaMission(
            id=MissionId(record["id"]),
            user_id="corpus",
            topic=record["topic"],
            generation_result=result,
            writer="corpus",
        )
        shared_host_lines = tuple(record["host_lines"])
        for item in record["interjections"]:
            rebutted = item.get("host_line")
            lines.append(
                Line(
                    mission=mission,
                    held_out=record["held_out"],
                    category=item["category"],
                    band=item["band"],
                    text=item["text"],
                    fact=item.get("fact"),
                    host_lines=(*shared_host_lines, rebutted) if rebutted else shared_host_lines,
                    previous=tuple(item.get("previous", ())),
                    held_out_round=record.get("held_out_round"),
                )
            )
    return lines


def shared_encoder() -> LoadedOnFirstUse:
    """The real ONNX encoder, warmed: the process's one model (``MINILM``), loaded by the first call."""
    encoder = build_encoder()
    encoder.warm_up()
    return encoder


@cache
def shared_judge() -> OfflineJudge:
    return OfflineJudge(shared_encoder())


@dataclass(frozen=True)
class Scored:
    line: Line
    verdict: Verdict

    @property
    def in_band(self) -> bool:
        band = band_of(self.verdict)
        right_fact = (
            self.line.fact is None or band != "evidence" or self.verdict.proof_index == self.line.fact
        )
        return band == self.line.band and right_fact


def score(lines: list[Line], judge: OfflineJudge) -> list[Scored]:
    return [
        Scored(
            line,
            judge.judge_now(
                line.text,
                line.mission,
                used_proofs=Counter(),
                previous_interjections=line.previous,
                recent_host_lines=line.host_lines,
            ),
        )
        for line in lines
    ]


def summary(scored: list[Scored]) -> dict[str, tuple[int, int, float]]:
    """Per category: (lines in band, lines, mean change)."""
    table: dict[str, tuple[int, int, float]] = {}
    for category in dict.fromkeys(s.line.category for s in scored):
        group = [s for s in scored if s.line.category == category]
        table[category] = (
            sum(s.in_band for s in group),
            len(group),
            sum(s.verdict.change for s in group) / len(group),
        )
    return table
