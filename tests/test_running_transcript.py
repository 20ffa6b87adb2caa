"""The turn heard while it is spoken: pieces at pauses, kept when the player speaks on."""

from __future__ import annotations

import asyncio

import pytest

from radiomirchi.game.running_transcript import RunningTranscript
from radiomirchi.game.tasks import TaskSet
from radiomirchi.speech.stt.base import TranscriptionError

SECOND = 32_000  # bytes of 16 kHz s16le


class Recogniser:
    """Names each piece by its span in the turn; notes what it was asked, with what context."""

    def __init__(self, turn: bytes, seconds_each: float = 0.0, figure_at: int | None = None) -> None:
        self._turn = turn
        self._seconds = seconds_each
        self._figure_at = figure_at  # a piece ending at this second ends in a figure
        self.asked: list[tuple[int, int, str]] = []

    async def __call__(self, pcm: bytes, context: str) -> str:
        start = self._turn.index(pcm) // SECOND
        self.asked.append((start, start + len(pcm) // SECOND, context))
        await asyncio.sleep(self._seconds)
        end = start + len(pcm) // SECOND
        return f"[{start}-{end}]" + (" Review 2019." if end == self._figure_at else "")


def _turn(seconds: int) -> bytes:
    # Each second distinct, so a piece can be found in the turn.
    return b"".join(bytes([n + 1]) * SECOND for n in range(seconds))


async def _running(recogniser: Recogniser) -> tuple[RunningTranscript, TaskSet]:
    tasks = TaskSet("test")
    return RunningTranscript(recogniser, tasks, min_piece_bytes=2 * SECOND), tasks


def _spoke_on_after(running: RunningTranscript, turn: bytes, *pauses: int) -> None:
    """The player paused at each of these seconds into the turn and spoke on."""
    for second in pauses:
        running.paused(turn[: second * SECOND])
        running.resumed()


async def test_a_turn_that_ends_at_its_pause_is_heard_once_from_there() -> None:
    turn = _turn(5)
    hear = Recogniser(turn)
    running, tasks = await _running(hear)
    running.paused(turn[: 4 * SECOND])
    assert await running.text(turn) == "[0-4]"
    assert hear.asked == [(0, 4, "")]
    await tasks.cancel_all()


async def test_speaking_on_keeps_the_piece_and_only_the_rest_is_heard_at_the_end() -> None:
    turn = _turn(9)
    hear = Recogniser(turn, seconds_each=0.05)
    running, tasks = await _running(hear)
    _spoke_on_after(running, turn, 3, 6)
    assert await running.text(turn) == "[0-3] [3-6] [6-9]"
    # Each piece heard after the one before it, with its words as context.
    assert hear.asked == [(0, 3, ""), (3, 6, "[0-3]"), (6, 9, "[0-3] [3-6]")]
    await tasks.cancel_all()


async def test_a_short_piece_is_dropped_and_heard_again_with_what_follows() -> None:
    turn = _turn(6)
    hear = Recogniser(turn, seconds_each=0.05)
    running, tasks = await _running(hear)
    _spoke_on_after(running, turn, 1)  # a word, a breath
    running.paused(turn[: 4 * SECOND])
    # The turn ends at the second pause: its trial, from the start, stands for all of it.
    assert await running.text(turn) == "[0-4]"
    assert hear.asked[-1] == (0, 4, "") and set(hear.asked[:-1]) <= {(0, 1, "")}
    await tasks.cancel_all()


async def test_a_turn_without_a_pause_is_heard_whole() -> None:
    turn = _turn(3)
    hear = Recogniser(turn)
    running, tasks = await _running(hear)
    assert await running.text(turn) == "[0-3]"
    assert hear.asked == [(0, 3, "")]
    await tasks.cancel_all()


async def test_cancelled_pieces_stop() -> None:
    turn = _turn(6)
    hear = Recogniser(turn, seconds_each=10)
    running, tasks = await _running(hear)
    _spoke_on_after(running, turn, 3)
    running.paused(turn[: 5 * SECOND])
    await asyncio.sleep(0)
    running.cancel()
    await tasks.settle(2.0)
    assert len(tasks) == 0, "a piece is still being heard after cancel"


async def test_a_piece_that_ends_in_a_figure_is_heard_again_with_what_follows() -> None:
    # "... Review 2019 / 244": the reader's pause inside the figure must not be a seam.
    turn = _turn(9)
    hear = Recogniser(turn, seconds_each=0.01, figure_at=3)
    running, tasks = await _running(hear)
    _spoke_on_after(running, turn, 3)
    await asyncio.sleep(0.05)  # the piece is heard meanwhile
    _spoke_on_after(running, turn, 6)
    assert await running.text(turn) == "[0-6] [6-9]"
    assert hear.asked == [(0, 3, ""), (0, 6, ""), (6, 9, "[0-6]")]
    await tasks.cancel_all()


async def test_a_figure_at_the_last_seam_is_heard_again_after_the_turn() -> None:
    turn = _turn(6)
    hear = Recogniser(turn, seconds_each=0.01, figure_at=3)
    running, tasks = await _running(hear)
    _spoke_on_after(running, turn, 3)
    running.paused(turn[: 5 * SECOND])  # the piece before is still being heard: kept for now
    assert await running.text(turn) == "[0-5]"
    assert hear.asked[0] == (0, 3, "") and hear.asked[-1] == (0, 5, "")
    await tasks.cancel_all()


async def test_a_piece_stopped_by_someone_else_is_a_failure_to_hear_not_a_lost_turn() -> None:
    turn = _turn(4)
    hear = Recogniser(turn, seconds_each=10)
    running, tasks = await _running(hear)
    running.paused(turn[: 3 * SECOND])
    text = asyncio.create_task(running.text(turn))
    await asyncio.sleep(0.05)
    await tasks.cancel_all()  # the show's tasks are stopped; the turn's own task is not
    with pytest.raises(TranscriptionError):
        await text
