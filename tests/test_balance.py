"""Balance, measured (docs/GAME.md §7) with the real offline judge and the real rules: honest callers
win, with 3 facts as with 5; keyword salad, questions alone, insults and silence do not."""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable

import pytest

from devtools.testing.balance import Outcome, simulate
from devtools.testing.judge_corpus import shared_judge
from devtools.testing.players import (
    EvidencePlayer,
    InsultingPlayer,
    Player,
    QuestionPlayer,
    SaladPlayer,
    SilentPlayer,
    SloppyPlayer,
    VerbatimPlayer,
    paraphrase,
)
from devtools.testing.show_lines import offline_mission
from radiomirchi.schemas import PropagandaMission

TOPICS = [
    "the new water tax",
    "rail privatisation",
    "the bread ration",
    "the moon mission",
    "pension reform",
    "surveillance cameras",
    "the river dam",
    "school uniform law",
    "fuel subsidy cuts",
    "the border wall",
]


MISSIONS = [offline_mission(topic, 0xBA1A * (index + 7)) for index, topic in enumerate(TOPICS)]
PERSONAS: dict[str, Callable[[PropagandaMission, int], Player]] = {
    "paraphraser": lambda m, i: EvidencePlayer(m, seed=i),
    "sloppy": lambda m, i: SloppyPlayer(m, seed=i),
    "verbatim": lambda m, i: VerbatimPlayer(m, seed=i),
    "salad": lambda m, i: SaladPlayer(m, seed=i),
    "questioner": lambda m, i: QuestionPlayer(m),
    "silent": lambda m, i: SilentPlayer(),
    "insulting": lambda m, i: InsultingPlayer(),
}


def _play(persona: str, **options: int) -> list[Outcome]:
    make = PERSONAS[persona]
    return [simulate(m, make(m, i), shared_judge(), **options) for i, m in enumerate(MISSIONS)]


def _wins(outcomes: list[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if o.result == "won"]


@pytest.mark.slow
def test_the_paraphraser_wins_nine_in_ten_with_three_facts_as_with_five_well_inside_the_time() -> None:
    outcomes = _play("paraphraser")
    wins = _wins(outcomes)
    assert len(wins) >= 9, [o for o in outcomes if o.result != "won"]
    facts = [len(m.generation_result.proof_sentences) for m in MISSIONS]
    for count in (3, 5):
        played = [o for o, n in zip(outcomes, facts, strict=True) if n == count]
        assert played, f"no {count}-fact mission among the topics"
        assert all(o.result == "won" for o in played), (count, played)
    median = statistics.median(o.seconds for o in wins)
    print(f"\nparaphraser: {len(wins)}/10 wins, median time to win {median:.1f} s of 180")
    assert median <= 120, f"median time to win {median:.1f} s is not well inside the limit"


def test_a_sloppy_but_honest_caller_mostly_wins() -> None:
    wins = _wins(_play("sloppy"))
    print(f"\nsloppy: {len(wins)}/10 wins")
    assert len(wins) >= 7


def test_verbatim_wins_no_faster_than_a_faithful_paraphrase() -> None:
    verbatim, paraphrased = _wins(_play("verbatim")), _wins(_play("paraphraser"))
    assert verbatim and paraphrased
    fastest_verbatim = statistics.median(o.seconds for o in verbatim)
    assert fastest_verbatim >= 0.9 * statistics.median(o.seconds for o in paraphrased)


@pytest.mark.slow
def test_keyword_salad_almost_never_wins() -> None:
    outcomes = _play("salad")
    print(f"\nsalad: {len(_wins(outcomes))}/10 wins, peaks {[round(o.peak / o.target, 2) for o in outcomes]}")
    assert len(_wins(outcomes)) <= 1


@pytest.mark.slow
@pytest.mark.parametrize("persona", ["questioner", "silent", "insulting"])
def test_questions_alone_silence_and_insults_never_win(persona: str) -> None:
    outcomes = _play(persona)
    assert not _wins(outcomes), outcomes
    if persona == "silent":
        assert all((o.reason, o.seconds >= 180) == ("time", True) for o in outcomes)
    if persona == "insulting":
        assert all(o.peak < 0.1 * o.target for o in outcomes)
    if persona == "questioner":
        assert all(o.strikes == 0 for o in outcomes), "a question about the show is never a strike"


@pytest.mark.parametrize("spacing", [2, 4])
def test_balance_holds_when_the_player_breaks_in_more_or_less_often(spacing: int) -> None:
    assert len(_wins(_play("paraphraser", lines_between_break_ins=spacing))) >= 9


@pytest.mark.slow
def test_repeating_one_proof_is_not_enough() -> None:
    """Diminishing returns: hammering the same point should not win."""

    class OneNote:
        def __init__(self, mission: PropagandaMission) -> None:
            self._proof = mission.generation_result.proof_sentences[0]
            self._rng = random.Random(3)

        def interjection(self, turn: int) -> str | None:
            return paraphrase(self._proof, self._rng)

    results = [simulate(m, OneNote(m), shared_judge()).result for m in MISSIONS]
    assert results.count("won") <= 2
