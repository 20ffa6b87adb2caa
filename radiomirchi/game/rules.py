"""The game's arithmetic (docs/GAME.md §5, §6): listeners, drift, the target, time and score.

The numbers live in ``balance``; this module only computes with them.
"""

from __future__ import annotations

import math

from radiomirchi.game.balance import (
    CHANGE_MAX_POINTS,
    CHANGE_MIN_POINTS,
    DRIFT_POINTS_PER_LINE,
    TIME_BONUS_PER_SECOND,
)
from radiomirchi.speech.speaking_rate import WORDS_PER_SECOND


def target_listeners(initial_listeners: int, win_fraction: float) -> int:
    return math.ceil(initial_listeners * win_fraction)


def apply_change(awakened: int, initial: int, change_points: float) -> int:
    """``clamp(previous + round(change / 100 * initial), 0, initial)``."""
    return max(0, min(initial, awakened + round(change_points / 100 * initial)))


def drift(awakened: int, initial: int) -> int:
    return apply_change(awakened, initial, -DRIFT_POINTS_PER_LINE)


def clamp_change(points: float) -> float:
    if not math.isfinite(points):
        return 0.0
    return max(CHANGE_MIN_POINTS, min(CHANGE_MAX_POINTS, points))


def score(awakened: int, won: bool, seconds_left: float) -> int:
    bonus = round(max(0.0, seconds_left) * TIME_BONUS_PER_SECOND) if won else 0
    return awakened + bonus


def heard_text(text: str, heard_seconds: float, total_seconds: float | None) -> str:
    """The words of a cut-off line that were played, estimated from the audio actually heard."""
    words = text.split()
    estimated_total = total_seconds or len(words) / WORDS_PER_SECOND
    if estimated_total <= 0:
        return ""
    share = min(1.0, heard_seconds / estimated_total)
    return " ".join(words[: round(len(words) * share)])
