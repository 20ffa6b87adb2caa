"""The judge's hand-written corpus (tests/data/judge_corpus.json): missions and labeled lines.

Each mission's facts are stored in the corpus, so it does not change when the writer's templates do.
A line's band is what the verdict must fall in: evidence, small (a little credit), nothing, strike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from radiomirchi.schemas import PropagandaGenerationResult, PropagandaMission, Speaker, Verdict

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
            id=UUID(record["id"]), user_id="corpus", topic=record["topic"], generation_result=result, writer="corpus"
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
                )
            )
    return lines
