"""Whether a mission can be played, and if not, why: one sentence for each state.

A mission that exists is playable until it is over or its preparation failed; one still being
written (stage 1) is playable too, its show waits for the briefing. The door applies the rule
when a client asks to play, the session again when its show starts (the mission may have moved
on in between), and the page when it shows a mission.
"""

from __future__ import annotations

from radiomirchi.game.refusal import Refusal
from radiomirchi.schemas import MissionStatus, PropagandaMission

NOT_FOUND_MESSAGE = "Mission not found"
PREPARE_TIMEOUT_MESSAGE = "The mission took too long to prepare."


class Unplayable(Refusal):
    """The mission cannot be played: ``not_found``, ``mission_over``, ``mission_failed`` or
    ``prepare_timeout``."""


def why_unplayable(mission: PropagandaMission | None) -> Unplayable | None:
    """Why this mission (None: no such mission) cannot be played; None when it can."""
    if mission is None:
        return Unplayable(NOT_FOUND_MESSAGE, "not_found")
    if mission.status in (MissionStatus.won, MissionStatus.lost):
        return Unplayable(f"This mission is over: it was {mission.status.value}.", "mission_over")
    if mission.status is MissionStatus.failed:
        return Unplayable(f"This mission could not be prepared: {mission.failure_reason}", "mission_failed")
    return None


def playable(mission: PropagandaMission | None) -> PropagandaMission:
    """The mission, if it can be played; otherwise ``Unplayable`` says why."""
    refusal = why_unplayable(mission)
    if refusal is not None:
        raise refusal
    if mission is None:  # refused above; this tells the type checker
        raise Unplayable(NOT_FOUND_MESSAGE, "not_found")
    return mission


def prepare_timed_out() -> Unplayable:
    """The mission's show was not prepared in time to play."""
    return Unplayable(PREPARE_TIMEOUT_MESSAGE, "prepare_timeout")
