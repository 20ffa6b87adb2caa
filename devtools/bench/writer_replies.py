"""Do the offline hosts answer what the caller did? Scored on break-ins labelled by other hands
(``tests/data/breakins_labelled.json``: each with its topic, its act, and a question's shape or a
fact's evidence type where it has one).

Each break-in is the first call of a show on its topic: the judge gives its verdict, as in the
game, and the offline writer replies. A reply *fits* when the act read from the caller's words
and the verdict is the labelled one (with the question's shape or the evidence type, where
labelled) and the reply's first line comes from that act's own pool of answers. Issue 18's goal
is 85% on the held-out part. Every round but the held-out ones (``HELD_OUT_ROUNDS``) has been tuned
on and trains the act and source models (``devtools.train_caller_acts``): its figure says so.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from devtools.testing.judge_corpus import shared_judge
from devtools.testing.show_lines import offline_mission
from radiomirchi.game.writer_port import build_context
from radiomirchi.schemas import InterjectionEntry, PropagandaMission
from radiomirchi.writers.offline import reply_templates
from radiomirchi.writers.offline.caller_acts import CallerAct
from radiomirchi.writers.offline.caller_meaning import understood_caller
from radiomirchi.writers.offline.show import compose

LABELLED = Path(__file__).resolve().parents[2] / "tests" / "data" / "breakins_labelled.json"
# A second round by other hands, written without sight of the reader (first held-out score: see
# docs/PERFORMANCE.md); tuned on its tune part only until the fourteenth session.
LABELLED_ROUND2 = LABELLED.with_name("breakins_labelled_round2.json")
# A third round, 300 break-ins on 25 new topics (first held-out score 58.0%); tuned on its tune part
# until the fourteenth session.
LABELLED_ROUND3 = LABELLED.with_name("breakins_labelled_round3.json")
# A fourth round, 120 break-ins on 20 new topics, held out until its first score (63.3%), then tuned
# on whole: a tune set now.
LABELLED_ROUND4 = LABELLED.with_name("breakins_labelled_round4.json")
# A fifth round, 120 break-ins on 20 new topics, held out until its first score (52.5%), then tuned
# on whole: a tune set now.
LABELLED_ROUND5 = LABELLED.with_name("breakins_labelled_round5.json")
# A sixth round, 120 break-ins on 20 new topics, held out until its first score (57.5%), then tuned
# on whole: a tune set now.
LABELLED_ROUND6 = LABELLED.with_name("breakins_labelled_round6.json")
# A seventh round, 120 break-ins on 20 new topics, held out until its first score (68.3%) and through
# the fourteenth session (70.8%), then tuned on whole: a tune set now.
LABELLED_ROUND7 = LABELLED.with_name("breakins_labelled_round7.json")
# An eighth round, 150 break-ins on 25 new topics, held out until its first score (66.7%) and through
# the fifteenth session (70.0%), then tuned on whole: a tune set now.
LABELLED_ROUND8 = LABELLED.with_name("breakins_labelled_round8.json")
# A ninth round, 150 break-ins on 25 new topics, held out through the eighteenth session (first
# score: docs/PERFORMANCE.md; 73.3% at the end), training data since round 15 came.
LABELLED_ROUND9 = LABELLED.with_name("breakins_labelled_round9.json")
# A tenth round, 150 break-ins on 25 new topics, held out through the eighteenth session (first
# score 65.3%, 82.0% at the end), training data since round 15 came.
LABELLED_ROUND10 = LABELLED.with_name("breakins_labelled_round10.json")
# Rounds 11 and 12, 300 break-ins each on 50 new topics, written by other hands without sight of the
# reader as training data for the act model (devtools/train_caller_acts.py): every one a tune line.
LABELLED_ROUND11 = LABELLED.with_name("breakins_labelled_round11.json")
LABELLED_ROUND12 = LABELLED.with_name("breakins_labelled_round12.json")
# Rounds 13 and 14, the same again on 50 new topics each (praise and the off-topic calls a little more
# varied): training data, every one a tune line.
LABELLED_ROUND13 = LABELLED.with_name("breakins_labelled_round13.json")
LABELLED_ROUND14 = LABELLED.with_name("breakins_labelled_round14.json")
# A fifteenth round, 150 break-ins on 25 new topics (labour, land, transport, policing, telecoms,
# sport, municipal services), all held out; first score on the code before it (30c7e64): 77.3%.
# Rounds 9 and 10, held out until then, became training data when it came (80.0% after).
LABELLED_ROUND15 = LABELLED.with_name("breakins_labelled_round15.json")
# A sixteenth round, 150 break-ins on 25 new topics (culture, sport, schools, festivals, tourism,
# wildlife, science, markets, water), all held out; first score on the code before it (c88fd93):
# 73.3% (off-topic calls 1/10). Round 15 became training data when it came.
LABELLED_ROUND16 = LABELLED.with_name("breakins_labelled_round16.json")
# A seventeenth, 300 break-ins on 50 new topics written as training data (facts of every source
# type and praise of many forms weighted up): every one a tune line.
LABELLED_ROUND17 = LABELLED.with_name("breakins_labelled_round17.json")
# An eighteenth round, 150 break-ins on 25 new topics (farms, courts, hospitals, ports, telecoms,
# museums, mines, fisheries, airports, councils, banks, utilities; seven abroad), all held out;
# first score on the code before it (0ce819e): 82.7% (facts 25/36, off-topic calls 7/10). Round 16
# became training data when it came (73.3% first, 74.7% at the end).
LABELLED_ROUND18 = LABELLED.with_name("breakins_labelled_round18.json")
# A nineteenth round, 150 break-ins on 25 new topics, all held out; first score on the code before
# it (9d0a9fc): 72.0% (facts 25/36, questions 23/32, praise 8/12). Round 18 became training data
# when it came (82.7% first, 85.3% at the end). Read for its misses in the twenty-second session:
# training data since round 20 came.
LABELLED_ROUND19 = LABELLED.with_name("breakins_labelled_round19.json")
# A twentieth round, 150 break-ins on 25 new topics (fire services, bridges, power, insurance,
# stadiums, care homes, prisons, vets, mills, ration shops, universities, metro works; ten abroad),
# all held out; first score 68.0% on 9d0a9fc and 68.7% on the judge and reader of the twenty-second
# session before it was trained on round 19; 71.3% at the end of that session. Read for its misses
# and trained on in the twenty-third, when round 21 came.
LABELLED_ROUND20 = LABELLED.with_name("breakins_labelled_round20.json")
# A twenty-first round, 150 break-ins on 25 new topics (fisheries, dairy co-operatives, land records,
# sanitation, school meals, airports, bus depots, mining towns, estates, hospitals' oxygen, street
# vendors, housing lotteries; ten abroad), all held out; first score 74.0% on 36fd6e9, 75.3% at the
# end of that session. Read for its misses and trained on in the twenty-fourth, when round 22 came.
LABELLED_ROUND21 = LABELLED.with_name("breakins_labelled_round21.json")
# A twenty-second round, 150 break-ins on 25 new topics (water tankers, meters, forest rights, fishing
# bans, prisons, court backlogs, old bridges, sand mining, cold storage, cyclone shelters, ration
# shops, hostels, salt pans, ferries; ten abroad), all held out; first score 70.0% on 5f27c6c.
LABELLED_ROUND22 = LABELLED.with_name("breakins_labelled_round22.json")
ROUNDS = (
    LABELLED,
    LABELLED_ROUND2,
    LABELLED_ROUND3,
    LABELLED_ROUND4,
    LABELLED_ROUND5,
    LABELLED_ROUND6,
    LABELLED_ROUND7,
    LABELLED_ROUND8,
    LABELLED_ROUND9,
    LABELLED_ROUND10,
    LABELLED_ROUND11,
    LABELLED_ROUND12,
    LABELLED_ROUND13,
    LABELLED_ROUND14,
    LABELLED_ROUND15,
    LABELLED_ROUND16,
    LABELLED_ROUND17,
    LABELLED_ROUND18,
    LABELLED_ROUND19,
    LABELLED_ROUND20,
    LABELLED_ROUND21,
    LABELLED_ROUND22,
)
# Rounds no reader, rule or model, has been tuned or trained on (their first scores are reported).
HELD_OUT_ROUNDS = frozenset({LABELLED_ROUND22})
TUNE_ROUNDS = tuple(path for path in ROUNDS if path not in HELD_OUT_ROUNDS)
FIT_GOAL = 0.85
_TUNED = ", tuned and trained on: not held out"
# The reply is the show's fourth batch: the intro and two beats have been heard.
_REPLY_BATCH = 3
# Labelled acts as the caller reader names them.
_ACT_OF_LABEL = {"fact": "evidence"}
# Question shapes the reader has its own dodge for; the labels' "other" is any of the rest.
_SHAPED = frozenset({"how_many", "who", "why", "when", "where", "will", "what", "yes_no"})
# A fact with no named source is read as a claim, or as evidence of no particular type.
_UNSOURCED = frozenset({"none", "", None})
# The dodges that name what a question is about ("The money? Every coin is accounted for").
_FOCUS = frozenset(f"focus:{index}" for index in range(len(reply_templates.QUESTION_FOCUS)))


@dataclass(frozen=True)
class Breakin:
    topic: str
    text: str
    act: str
    question_shape: str | None
    evidence: str | None
    split: str


@dataclass(frozen=True)
class Answered:
    breakin: Breakin
    verdict_kind: str
    read: CallerAct
    first_pool: str

    @property
    def read_right(self) -> bool:
        return act_matches(self.breakin, self.read)

    @property
    def fits(self) -> bool:
        return self.read_right and self.first_pool in pools_for(self.breakin, self.read)


def load(path: Path = LABELLED) -> list[Breakin]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["breakins"] if isinstance(data, dict) else data
    return [
        Breakin(
            topic=row["topic"],
            text=row["text"],
            act=row["act"],
            question_shape=row.get("question_shape"),
            evidence=row.get("evidence"),
            split=row["split"],
        )
        for row in rows
    ]


def act_matches(breakin: Breakin, read: CallerAct) -> bool:
    """Whether the reader's act is the label's: the act, a question's shape (any unlisted shape for
    "other"), a fact's evidence type (a claim, or evidence of no type, for an unsourced fact)."""
    if breakin.act == "question":
        if read.act != "question":
            return False
        shape = breakin.question_shape
        if shape in _SHAPED:
            return read.question_word == shape
        return read.question_word not in _SHAPED - {"what", "yes_no"}
    if breakin.act == "fact":
        if breakin.evidence in _UNSOURCED:
            return read.act == "claim" or (read.act == "evidence" and read.evidence == "generic")
        return read.act == "evidence" and read.evidence == breakin.evidence
    return read.act == _ACT_OF_LABEL.get(breakin.act, breakin.act)


def pools_for(breakin: Breakin, read: CallerAct) -> frozenset[str]:
    """The pools whose answer fits the labelled act (the pool is a reply frame's first part)."""
    if breakin.act == "question":
        shape = read.question_word or "yes_no"
        # An open question ("what ...", "is it ...") may be answered by what it is about.
        subject_first = shape not in _SHAPED - {"what", "yes_no"}
        # A yes-or-no question after something the state should have done is answered yes.
        affirmed = frozenset({"question:yes_no_good"}) if shape == "yes_no" else frozenset()
        return frozenset({f"question:{shape}"}) | affirmed | (_FOCUS if subject_first else frozenset())
    if breakin.act == "fact":
        if breakin.evidence in _UNSOURCED:
            return frozenset({"act:claim", "evidence:generic"})
        return frozenset({f"evidence:{breakin.evidence}"})
    return frozenset({f"act:{_ACT_OF_LABEL.get(breakin.act, breakin.act)}"})


@cache
def mission_for(topic: str) -> PropagandaMission:
    """The offline mission a labelled break-in's topic is played on (the same every run)."""
    return offline_mission(topic, 0xB4EA + sum(map(ord, topic)))


def answer(breakin: Breakin, reader: Callable[..., CallerAct] = understood_caller) -> Answered:
    """The judge's verdict on the break-in, what the reader makes of it, and the reply's first pool."""
    mission = mission_for(breakin.topic)
    verdict = shared_judge().judge_now(breakin.text, mission, used_proofs=Counter())
    call = InterjectionEntry(seq=1, source="text", text=breakin.text, verdict_kind=verdict.kind)
    context = build_context(
        [call], summary="", batch_index=_REPLY_BATCH, interjection=call, caller_said=[breakin.text]
    )
    lines, _ = compose(mission, context, verdict.kind)
    first_pool = lines[0][1].split("/")[0] if lines else ""
    return Answered(breakin, verdict.kind, reader(breakin.text, verdict.kind), first_pool)


def answered(
    split: str = "heldout", reader: Callable[..., CallerAct] = understood_caller, path: Path = LABELLED
) -> list[Answered]:
    return [answer(breakin, reader) for breakin in load(path) if breakin.split == split]


def reply_rows(split: str = "heldout", path: Path = LABELLED) -> list[tuple[str, str, str]]:
    """(label, figure, goal): the act read right, and replies that fit, on the ``split`` part."""
    results = answered(split, path=path)
    count = len(results)
    read_right = sum(a.read_right for a in results)
    fits = sum(a.fits for a in results)
    rows = [
        (
            f"labelled break-ins ({path.stem}, {split}{'' if path in HELD_OUT_ROUNDS else _TUNED})",
            str(count),
            "",
        ),
        ("caller's act read right", f"{read_right / count:.1%}", ""),
        ("replies that fit the caller's act", f"{fits / count:.1%}", f">= {FIT_GOAL:.0%}"),
    ]
    for act in sorted({a.breakin.act for a in results}):
        group = [a for a in results if a.breakin.act == act]
        rows.append((f"  fit: {act}", f"{sum(a.fits for a in group)}/{len(group)}", ""))
    return rows


def misses(split: str = "heldout", path: Path = LABELLED) -> list[str]:
    """The replies that did not fit, for reading: label, what was read, the first line's pool."""
    return [
        f"{a.breakin.act}/{a.breakin.question_shape or a.breakin.evidence or '-'} <- "
        f"{a.read.act}/{a.read.question_word or a.read.evidence or '-'} [{a.verdict_kind}] "
        f"{a.first_pool}: {a.breakin.text}"
        for a in answered(split, path=path)
        if not a.fits
    ]


def run(count: int = 1, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    """Each round's held-out part; a round tuned on whole (round 4), its tune part, marked so."""
    del count, mongodb_uri
    return [
        {"metric": label, "figure": figure, "goal": goal}
        for path in ROUNDS
        for label, figure, goal in reply_rows(_scored_split(path), path=path)
    ]


def _scored_split(path: Path) -> str:
    return "heldout" if any(breakin.split == "heldout" for breakin in load(path)) else "tune"


if __name__ == "__main__":
    for row in run():
        print(f"{row['metric']:40} {row['figure']:>8} {row['goal']}")
    print("\n".join(misses()))
