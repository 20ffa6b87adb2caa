"""The judge as a game service: a writer's ruling is held to the offline judge's."""

from __future__ import annotations

import pytest

from radiomirchi.game import balance
from radiomirchi.game.judge.ruling import VETO_KINDS, reconcile
from radiomirchi.schemas import Verdict


@pytest.mark.parametrize("kind", sorted(VETO_KINDS))
def test_a_writer_is_never_kinder_to_hostility_hijacking_or_off_topic_talk(kind: str) -> None:
    offline = Verdict(change=-3.0, reason="offline says no", strike=True, kind=kind)
    generous = Verdict(change=20.0, reason="Great point!", strike=False, kind="llm")
    ruled = reconcile(generous, offline)
    assert ruled.change == -3.0 and ruled.strike and ruled.reason == "offline says no"


def test_a_writer_may_be_harsher_than_the_offline_judge() -> None:
    offline = Verdict(change=-2.0, reason="off topic", strike=True, kind="off_topic")
    assert reconcile(Verdict(change=-5.0, reason="no", kind="llm"), offline).change == -5.0


def test_kindness_elsewhere_is_bounded_and_small_credit_stays_below_evidence() -> None:
    weak = Verdict(change=2.0, reason="half a claim", kind="weak_evidence")
    ruled = reconcile(Verdict(change=20.0, reason="Brilliant!", kind="llm"), weak)
    assert ruled.change == 2.0 + balance.LLM_MAX_EXTRA_KINDNESS_POINTS
    assert ruled.kind == "weak_evidence" and ruled.reason == "Brilliant!"
    appeal = Verdict(change=2.0, reason="an appeal", kind="appeal")
    lifted = reconcile(Verdict(change=20.0, reason="Moving!", kind="llm"), appeal)
    assert lifted.change == 2.0 + balance.LLM_MAX_SMALL_CREDIT_KINDNESS_POINTS < 10.0


@pytest.mark.parametrize(
    "kind", ["question", "pointed_question", "appeal", "contradiction", "evidence", "praise"]
)
def test_a_writer_cannot_strike_a_fair_line(kind: str) -> None:
    fair = Verdict(change=2.0, reason="fair", kind=kind)
    assert not reconcile(Verdict(change=-5.0, reason="Rude!", strike=True, kind="llm"), fair).strike


def test_a_writer_may_strike_talk_with_no_claim() -> None:
    chatter = Verdict(change=0.5, reason="on topic", kind="on_topic")
    assert reconcile(Verdict(change=-2.0, reason="Waffle.", strike=True, kind="llm"), chatter).strike


def test_no_ruling_or_a_nonsense_number_leaves_the_offline_verdict() -> None:
    offline = Verdict(change=12.0, reason="evidence", kind="evidence", proof_index=1)
    assert reconcile(None, offline) is offline
    ruled = reconcile(Verdict(change=float("nan"), reason="", kind="llm"), offline)
    assert ruled.change == 0.0 and ruled.proof_index == 1 and ruled.reason == "evidence"
