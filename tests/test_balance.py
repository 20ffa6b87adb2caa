"""Balance, measured (GAME.md §7): the evidence player wins, the silent and insulting players lose."""

from __future__ import annotations

import random
import statistics

import pytest

from devtools.testing.balance import simulate
from devtools.testing.players import EvidencePlayer, InsultingPlayer, SilentPlayer
from radiomirchi.schemas import PropagandaMission
from radiomirchi.writers.offline import write_mission

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


def _mission(index: int, topic: str) -> PropagandaMission:
    mission_id = f"{0xBA1A * (index + 7):024x}"
    written = write_mission(topic, mission_id)
    return PropagandaMission(
        id=mission_id, user_id="sim", topic=written.topic, generation_result=written.result, writer="offline"
    )


MISSIONS = [_mission(i, topic) for i, topic in enumerate(TOPICS)]


def test_the_evidence_player_wins_on_at_least_nine_of_ten_topics_well_inside_the_limit() -> None:
    outcomes = [simulate(m, EvidencePlayer(m, seed=i)) for i, m in enumerate(MISSIONS)]
    wins = [o for o in outcomes if o.result == "won"]
    assert len(wins) >= 9, [o for o in outcomes if o.result != "won"]
    median = statistics.median(o.seconds for o in wins)
    print(f"evidence player: {len(wins)}/10 wins, median time to win {median:.1f} s of 180")
    assert median <= 120, f"median time to win {median:.1f} s is not well inside the limit"


def test_the_silent_player_loses_on_time() -> None:
    for mission in MISSIONS:
        outcome = simulate(mission, SilentPlayer())
        assert (outcome.result, outcome.reason) == ("lost", "time")
        assert outcome.seconds >= 180


def test_the_insulting_player_loses_and_never_gets_near_the_target() -> None:
    for mission in MISSIONS:
        outcome = simulate(mission, InsultingPlayer())
        assert outcome.result == "lost"
        assert outcome.peak < 0.1 * outcome.target


@pytest.mark.parametrize("spacing", [2, 4])
def test_balance_holds_when_the_player_breaks_in_more_or_less_often(spacing: int) -> None:
    wins = sum(
        simulate(m, EvidencePlayer(m, seed=i), lines_between_break_ins=spacing).result == "won"
        for i, m in enumerate(MISSIONS)
    )
    assert wins >= 9


def test_repeating_one_proof_is_not_enough() -> None:
    """Diminishing returns: hammering the same point should not win."""

    class OneNote:
        def __init__(self, mission: PropagandaMission) -> None:
            self._proof = mission.generation_result.proof_sentences[0]
            self._rng = random.Random(3)

        def interjection(self, turn: int) -> str | None:
            from devtools.testing.players import paraphrase

            return paraphrase(self._proof, self._rng)

    results = [simulate(m, OneNote(m)).result for m in MISSIONS]
    assert results.count("won") <= 2
