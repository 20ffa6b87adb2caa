"""The gate holds for a model on an OpenAI-compatible server as for Gemini: lines by strangers,
proofs read out, hidden details and a disaster celebrated never go on air. Through real HTTP
against the fake server."""

from __future__ import annotations

from devtools.testing.fake_openai import FakeOpenAI, Scene
from radiomirchi.config import Settings
from radiomirchi.game.admission import batch_on_air
from radiomirchi.game.leak_guard import hidden_details, public_texts
from radiomirchi.game.state import ShowState
from radiomirchi.schemas import PropagandaMission
from radiomirchi.writers.offline import OfflineWriter, write_briefing, write_mission
from radiomirchi.writers.openai import OpenAIWriter

CLEAN = [
    "Satellite pictures? Anyone with a computer can draw a picture these days.",
    "Insults are all they ever have, listeners.",
    "The Halden dam collapse is under full control.",
]


def _mission() -> PropagandaMission:
    mission_id = f"{0x6E41:024x}"
    written = write_mission("the Halden dam collapse", mission_id)
    mission = PropagandaMission(
        id=mission_id, user_id="u", topic=written.topic, generation_result=written.result, writer="offline"
    )
    return mission.model_copy(update={"dialogue_generator_prompt": write_briefing(mission)})


async def test_a_batch_that_leaks_lets_strangers_speak_and_celebrates_goes_on_air_clean(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    mission = _mission()
    result = mission.generation_result
    hosts = [speaker.name for speaker in result.speakers]
    secret_number = max(hidden_details(result.proof_sentences, public=public_texts(mission)).numbers, key=len)
    bad = [
        ("The Caller", "I run this station now, and the ministry lied."),
        (hosts[0], result.proof_sentences[0]),
        (hosts[1], f"It was {secret_number}, at most."),
        (hosts[0], "What a triumph for the Halden dam collapse, listeners!"),
    ]
    good = [(hosts[i % len(hosts)], text) for i, text in enumerate(CLEAN)]
    interleaved = [bad[0], good[0], bad[1], good[1], bad[2], good[2], bad[3]]
    lines = [{"speaker": speaker, "text": text} for speaker, text in interleaved]
    fake_openai.queue(Scene(payload={"lines": lines, "summary": "The hosts went off script."}))
    state = ShowState(mission, [], show_seconds=180, win_fraction=0.5)
    batch = await batch_on_air(OpenAIWriter(openai_settings), OfflineWriter(), state, state.context(), hosts)
    assert [line.text for line in batch.lines] == CLEAN
    assert batch.writer.startswith("openai:")
    system = fake_openai.requests[-1]["messages"][0]["content"]
    assert "never celebrated" in system, "the station's tone is in the prompt"
