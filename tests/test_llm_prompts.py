"""What the LLM writers ask for: the story's kind and the station's stance on it, the story's own
things and people, the shared segments in an order of each show's own, and hosts who ask and
answer each other (the same taxonomy and segments as the offline writer, from the game's data)."""

from __future__ import annotations

import asyncio

import pytest

from radiomirchi.game.show_segments import SEGMENTS
from radiomirchi.game.topic_kinds import STORY_KINDS
from radiomirchi.game.writer_port import DialogueContext
from radiomirchi.schemas import PropagandaMission
from radiomirchi.writers.llm_calls import briefing_call, dialogue_call, mission_call, story_for
from radiomirchi.writers.offline import write_mission


def _mission(topic: str, number: int = 7) -> PropagandaMission:
    written = write_mission(topic, f"{number:024x}")
    return PropagandaMission(
        id=f"{number:024x}",
        user_id="tester",
        topic=written.topic,
        generation_result=written.result,
        writer=written.writer,
    )


@pytest.mark.parametrize(
    ("topic", "stance_words", "story_word"),
    [
        ("India lost the cricket world cup final to Bangladesh", "turn the loss into a win", "the captain"),
        ("the mango festival in Lucknow", "celebrate it", "the stalls"),
        ("a cyberattack knocked out the power grid", "play it down", "the substations"),
    ],
)
def test_every_call_knows_the_story_and_the_stations_line_on_it(
    topic: str, stance_words: str, story_word: str
) -> None:
    story = asyncio.run(story_for(topic))
    mission = _mission(topic)
    dialogue = dialogue_call(mission, DialogueContext(batch_index=2), "llm", story)
    briefing = briefing_call(mission, story)
    asked = mission_call(topic, story)
    for text in (dialogue.system, briefing.prompt, asked.prompt):
        assert stance_words in text, text
    assert story_word in dialogue.system and story_word in briefing.prompt
    assert "segue to another piece of good news" not in dialogue.prompt + dialogue.system


def test_a_topic_to_invent_gets_the_generic_story() -> None:
    story = asyncio.run(story_for("any"))
    assert story == STORY_KINDS["generic"]
    assert "good news for ordinary families" in mission_call("any", story).prompt


def test_a_show_runs_every_segment_in_an_order_of_its_own_with_the_hosts_talking_to_each_other() -> None:
    story = STORY_KINDS["festival"]
    orders = []
    for number in (1, 2, 3):
        mission = _mission("the mango festival", number)
        prompts = [
            dialogue_call(mission, DialogueContext(batch_index=index), "llm", story).prompt
            for index in range(1, len(SEGMENTS.descriptions) + 1)
        ]
        assert all(SEGMENTS.interplay in prompt for prompt in prompts)
        order = [
            next(name for name, text in SEGMENTS.descriptions.items() if text.split("{")[0] in prompt)
            for prompt in prompts
        ]
        assert sorted(order) == sorted(SEGMENTS.descriptions)  # each segment once a round
        orders.append(order)
    assert len({tuple(order) for order in orders}) > 1  # not one running order for every show
    opening = dialogue_call(_mission("the mango festival"), DialogueContext(batch_index=0), "llm", story)
    assert SEGMENTS.interplay in opening.prompt
