"""The game's arithmetic (GAME.md §5, §6): listeners, drift, the target, time and score."""

from __future__ import annotations

import math

from radiomirchi.schemas import PropagandaMission

# While nobody interjects, each host line wins back this share of the audience (percentage points).
DRIFT_POINTS_PER_LINE = 0.4
CHANGE_MIN_POINTS = -5.0
CHANGE_MAX_POINTS = 20.0
MAX_STRIKES = 3
# Bonus per second of broadcast left when the player wins, in listeners' worth of points.
TIME_BONUS_PER_SECOND = 250
# How fast hosts speak, for estimating how much of a cut-off line was heard.
WORDS_PER_SECOND = 2.6


def target_listeners(mission: PropagandaMission, win_fraction: float) -> int:
    return math.ceil(mission.generation_result.initial_listeners * win_fraction)


def apply_change(awakened: int, initial: int, change_points: float) -> int:
    """``clamp(previous + round(change / 100 * initial), 0, initial)``."""
    return max(0, min(initial, awakened + round(change_points / 100 * initial)))


def drift(awakened: int, initial: int) -> int:
    return apply_change(awakened, initial, -DRIFT_POINTS_PER_LINE)


def clamp_change(points: float) -> float:
    return max(CHANGE_MIN_POINTS, min(CHANGE_MAX_POINTS, points))


def score(awakened: int, won: bool, seconds_left: float) -> int:
    bonus = round(max(0.0, seconds_left) * TIME_BONUS_PER_SECOND) if won else 0
    return awakened + bonus


def heard_text(text: str, heard_seconds: float, total_seconds: float | None) -> str:
    """The words of a cut-off line that went out, estimated from the audio actually sent."""
    words = text.split()
    estimated_total = total_seconds or len(words) / WORDS_PER_SECOND
    if estimated_total <= 0:
        return ""
    share = min(1.0, heard_seconds / estimated_total)
    return " ".join(words[: round(len(words) * share)])
