"""The one rule for whether a mission can be played, and the sentence each state gets."""

from __future__ import annotations

import pytest

from devtools.testing.show_lines import offline_mission
from radiomirchi.game.playability import Unplayable, playable, why_unplayable
from radiomirchi.game.refusal import Refusal
from radiomirchi.game.turn import InterjectionRefused
from radiomirchi.schemas import MissionStatus


@pytest.mark.parametrize("status", [MissionStatus.stage1, MissionStatus.stage2, MissionStatus.live])
def test_a_mission_being_written_ready_or_live_can_be_played(status: MissionStatus) -> None:
    mission = offline_mission("the new water tax", 0x91A).model_copy(update={"status": status})
    assert why_unplayable(mission) is None
    assert playable(mission) is mission


@pytest.mark.parametrize(
    ("status", "reason", "code", "message"),
    [
        (MissionStatus.won, None, "mission_over", "This mission is over: it was won."),
        (MissionStatus.lost, None, "mission_over", "This mission is over: it was lost."),
        (
            MissionStatus.failed,
            "no writer answered",
            "mission_failed",
            "This mission could not be prepared: no writer answered",
        ),
    ],
)
def test_each_unplayable_state_has_one_code_and_one_sentence(
    status: MissionStatus, reason: str | None, code: str, message: str
) -> None:
    mission = offline_mission("the new water tax", 0x91B).model_copy(
        update={"status": status, "failure_reason": reason}
    )
    refusal = why_unplayable(mission)
    assert refusal is not None and (refusal.code, refusal.message) == (code, message)
    with pytest.raises(Unplayable, match=message) as raised:
        playable(mission)
    assert raised.value.code == code


def test_no_mission_is_not_found() -> None:
    refusal = why_unplayable(None)
    assert refusal is not None and (refusal.code, str(refusal)) == ("not_found", "Mission not found")


def test_every_refusal_is_one_family_with_a_code_and_a_message() -> None:
    refused_turn = InterjectionRefused("No speech was received.", "empty_utterance")
    for refusal in (refused_turn, Unplayable("Mission not found", "not_found")):
        assert isinstance(refusal, Refusal) and refusal.code and refusal.message
