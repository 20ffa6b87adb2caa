"""The show's state as a pure object: lines, drift, verdicts, strikes, the ending and its score."""

from __future__ import annotations

import pytest

from radiomirchi.game import balance, rules, writer_port
from radiomirchi.game.state import STRIKES_REASON, WIN_REASON, ShowState
from radiomirchi.schemas import DialogueLine, PropagandaMission, Verdict
from radiomirchi.writers.offline import write_mission

SHOW_SECONDS = 180.0


def mission() -> PropagandaMission:
    written = write_mission("the new water tax", f"{7:024x}")
    return PropagandaMission(
        user_id="tester", topic=written.topic, generation_result=written.result, writer=written.writer
    )


def state(win_fraction: float = 0.5) -> ShowState:
    return ShowState(mission(), [], show_seconds=SHOW_SECONDS, win_fraction=win_fraction)


def test_a_heard_line_moves_time_drifts_listeners_and_numbers_lines() -> None:
    show = state()
    show.apply_verdict(show.new_interjection("x", "text"), Verdict(change=10, reason="r"), audio_seconds=0)
    awake = show.progress.awakened_listeners
    line = DialogueLine(speaker="A", text="one two three four")
    first = show.record_line(line, "offline", heard_seconds=2.0, total_seconds=2.0, interrupted=False)
    second = show.record_line(line, "offline", heard_seconds=1.0, total_seconds=2.0, interrupted=True)
    assert (first.entry.line_id, second.entry.line_id) == (0, 1)
    assert second.entry.heard_text == "one two" and first.entry.heard_text == line.text
    assert show.progress.broadcast_seconds == 3.0 and show.seconds_left() == SHOW_SECONDS - 3.0
    assert show.seconds_left(playing_seconds=0.5) == SHOW_SECONDS - 3.5
    initial = show.initial_listeners
    assert show.progress.awakened_listeners == rules.drift(rules.drift(awake, initial), initial) < awake
    assert [e.seq for e in show.entries] == [1, 2, 3]


def test_a_winning_verdict_decides_the_show_at_once_with_a_closing_line() -> None:
    show = state(win_fraction=0.05)
    applied = show.apply_verdict(
        show.new_interjection("facts", "text"),
        Verdict(change=12, reason="ok", kind="evidence"),
        audio_seconds=1.5,
    )
    assert applied.ending is not None and applied.ending.closing_line
    outcome = applied.ending.outcome
    assert (outcome.result, outcome.end_reason) == ("won", WIN_REASON)
    bonus = round(SHOW_SECONDS * balance.TIME_BONUS_PER_SECOND)
    assert outcome.score == applied.progress.awakened_listeners + bonus
    assert applied.entry.audio_seconds == 1.5 and applied.entry.change == 12
    # The first decision stands.
    assert show.finish(won=False, reason="late") is applied.ending


def test_a_line_heard_after_the_show_is_decided_leaves_the_meter_at_the_score() -> None:
    show = state()
    show.apply_verdict(show.new_interjection("x", "text"), Verdict(change=10, reason="r"), audio_seconds=0)
    ending = show.finish(won=False, reason="the player left")
    awake = show.progress.awakened_listeners
    line = DialogueLine(speaker="A", text="one two three four")
    show.record_line(line, "offline", heard_seconds=1.0, total_seconds=2.0, interrupted=True)
    assert show.progress.awakened_listeners == awake == ending.outcome.score


def test_three_strikes_lose_without_a_closing_line() -> None:
    show = state()
    strike = Verdict(change=-2, reason="off topic", strike=True, kind="off_topic")
    endings = [
        show.apply_verdict(show.new_interjection(f"chat {i}", "text"), strike, audio_seconds=0).ending
        for i in range(balance.MAX_STRIKES)
    ]
    assert endings[:-1] == [None] * (balance.MAX_STRIKES - 1)
    last = endings[-1]
    assert last is not None and not last.closing_line
    assert (last.outcome.result, last.outcome.end_reason, last.outcome.score) == ("lost", STRIKES_REASON, 0)


@pytest.mark.parametrize("change", [1e9, -1e9, float("nan"), float("inf")])
def test_a_verdict_is_clamped_to_the_balance_range(change: float) -> None:
    show = state()
    applied = show.apply_verdict(
        show.new_interjection("x", "text"), Verdict(change=change, reason="r"), audio_seconds=0
    )
    assert balance.CHANGE_MIN_POINTS <= applied.entry.change <= balance.CHANGE_MAX_POINTS
    assert 0 <= applied.progress.awakened_listeners <= show.initial_listeners


def test_the_writer_sees_queued_lines_as_said_and_a_bounded_summary() -> None:
    show = state()
    queued = [DialogueLine(speaker="A", text="coming up next")]
    context = show.context(queued=queued)
    assert context.recent[-1].text == "coming up next"
    assert show.keep_summary("x" * (writer_port.SUMMARY_MAX_CHARS + 50)) is not None
    assert len(show.progress.show_summary) == writer_port.SUMMARY_MAX_CHARS
    assert show.keep_summary(show.progress.show_summary) is None  # nothing new to store


def test_resuming_from_stored_entries_continues_their_numbering() -> None:
    first = state()
    first.record_line(
        DialogueLine(speaker="A", text="hi"), "offline", heard_seconds=1, total_seconds=1, interrupted=False
    )
    stored = first.mission.model_copy(update=first.progress.model_dump())
    again = ShowState(stored, first.entries, show_seconds=SHOW_SECONDS, win_fraction=0.5)
    recorded = again.record_line(
        DialogueLine(speaker="A", text="again"),
        "offline",
        heard_seconds=1,
        total_seconds=1,
        interrupted=False,
    )
    assert (recorded.entry.seq, recorded.entry.line_id) == (2, 1)
