"""The offline judge on a hand-written corpus (issue 11): people's lines, each with the band its
verdict must fall in. Three missions are held out: they were written with the rest but not used to
tune the judge, so their score says how it does on lines nobody tuned for."""

from __future__ import annotations

import pytest

from devtools.testing.judge_corpus import Scored, load, score, shared_judge, summary

pytestmark = pytest.mark.slow  # the judge reads the whole corpus first (about 15 s)

LINES = load()


@pytest.fixture(scope="module")
def scored() -> list[Scored]:
    return score(LINES, shared_judge())


def _share(group: list[Scored]) -> float:
    return sum(s.in_band for s in group) / len(group)


def _report(scored: list[Scored]) -> str:
    rows = [
        f"{cat:10} {ok:3}/{n:3} in band, mean change {mean:+.2f}"
        for cat, (ok, n, mean) in summary(scored).items()
    ]
    misses = [
        f"  {s.line.band} <- {s.verdict.kind} {s.verdict.change:+}: {s.line.text}"
        for s in scored
        if not s.in_band
    ]
    return "\n".join([*rows, "missed:", *misses])


def test_the_corpus_is_big_and_varied_enough() -> None:
    assert len(LINES) >= 200
    assert len({line.mission.id for line in LINES}) >= 12
    categories = {line.category for line in LINES}
    assert categories >= {
        "paraphrase", "loose", "verbatim", "salad", "namedrop", "question",
        "rebuttal", "appeal", "offtopic", "insult", "injection", "praise",
    }  # fmt: skip
    assert len({line.text for line in LINES}) == len(LINES), "every line is written once"
    assert sum(line.held_out for line in LINES) >= 40


def test_nine_in_ten_lines_get_the_verdict_a_person_would(scored: list[Scored]) -> None:
    print("\n" + _report(scored))
    assert _share(scored) >= 0.90, _report(scored)


@pytest.mark.parametrize("category", ["paraphrase", "question", "insult"])
def test_paraphrases_questions_and_insults_are_judged_right_nineteen_times_in_twenty(
    scored: list[Scored], category: str
) -> None:
    group = [s for s in scored if s.line.category == category]
    assert _share(group) >= 0.95, _report(group)


def test_a_keyword_salad_earns_at_most_a_third_of_a_paraphrase(scored: list[Scored]) -> None:
    table = summary(scored)
    assert table["salad"][2] <= table["paraphrase"][2] / 3, table


def test_verbatim_earns_no_more_than_a_faithful_paraphrase(scored: list[Scored]) -> None:
    table = summary(scored)
    assert table["verbatim"][2] <= table["paraphrase"][2] + 1.0, table


def test_a_question_is_never_a_strike(scored: list[Scored]) -> None:
    struck = [s for s in scored if s.line.category == "question" and s.verdict.strike]
    assert not struck, _report(struck)


def test_kind_words_for_the_hosts_are_never_a_strike(scored: list[Scored]) -> None:
    praise = [s for s in scored if s.line.category == "praise"]
    assert praise
    struck = [s for s in praise if s.verdict.strike]
    assert not struck, _report(struck)
    assert all(s.verdict.change <= 0.5 for s in praise if s.verdict.kind == "praise"), _report(praise)


def test_the_held_out_missions_score_like_the_rest(scored: list[Scored]) -> None:
    held_out = [s for s in scored if s.line.held_out]
    print(f"\nheld out: {sum(s.in_band for s in held_out)}/{len(held_out)} in band\n" + _report(held_out))
    assert _share(held_out) >= 0.90, _report(held_out)
