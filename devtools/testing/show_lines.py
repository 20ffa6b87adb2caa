"""Host lines as the offline writer writes them, for voice benchmarks and intelligibility tests."""

from __future__ import annotations

from radiomirchi.game.writer_port import DialogueContext
from radiomirchi.schemas import PropagandaMission
from radiomirchi.writers.offline import write_dialogue, write_mission

TOPICS = (
    "the new water tax",
    "the Halden dam collapse",
    "bread prices",
    "the election results",
    "rail privatisation",
    "the curfew",
)


def offline_mission(topic: str, seed: int) -> PropagandaMission:
    """The offline writer's mission on ``topic``, its id from ``seed`` (the same mission every time)."""
    mission_id = f"{seed:024x}"
    written = write_mission(topic, mission_id)
    return PropagandaMission(
        id=mission_id,
        user_id="bench",
        topic=written.topic,
        story_kind=written.story_kind,
        generation_result=written.result,
        writer="offline",
    )


def show_lines(count: int, topics: tuple[str, ...] = TOPICS, seed: int = 1) -> list[str]:
    """``count`` distinct host lines from shows on ``topics`` (deterministic for a seed)."""
    lines: list[str] = []
    batch = 0
    while len(lines) < count:
        for index, topic in enumerate(topics):
            mission = offline_mission(topic, seed * 1000 + index)
            for line in write_dialogue(mission, DialogueContext(batch_index=batch)).lines:
                if line.text not in lines:
                    lines.append(line.text)
        batch += 1
        if batch > 50:
            break
    return lines[:count]
