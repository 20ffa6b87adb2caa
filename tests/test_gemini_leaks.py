"""The Gemini writer tries to leak, paste the caller and repeat itself: the leak guard, which the game
applies to every writer's lines, lets none of it on air (issue 12). Through the real google-genai
client against the fake Gemini."""

from __future__ import annotations

from devtools.testing.fake_gemini import FakeGemini, Scene
from radiomirchi.config import Settings
from radiomirchi.game.admission import batch_on_air
from radiomirchi.game.leak_guard import guard_lines, hidden_details, leaks, public_texts
from radiomirchi.game.state import ShowState
from radiomirchi.game.writer_port import build_context
from radiomirchi.schemas import InterjectionEntry, PropagandaMission, Verdict
from radiomirchi.writers.gemini import GeminiWriter
from radiomirchi.writers.offline import OfflineWriter, write_briefing, write_mission

CALLER = "Shame on you, you spineless cowards, the satellite images show nothing at all"


def _mission() -> PropagandaMission:
    mission_id = f"{0x6E41:024x}"
    written = write_mission("the Halden dam collapse", mission_id)
    mission = PropagandaMission(
        id=mission_id, user_id="u", topic=written.topic, generation_result=written.result, writer="offline"
    )
    return mission.model_copy(update={"dialogue_generator_prompt": write_briefing(mission)})


CLEAN = [
    "Satellite pictures? Anyone with a computer can draw a picture these days.",
    "Insults are all they ever have, listeners.",
    "The Halden dam collapse is under full control.",
]
PASTED = "Our experts have reviewed claims about shame on you, you spineless cowards."


def _secrets(mission: PropagandaMission) -> tuple[str, str, str]:
    """One hidden number, document code and name (of a person, place or document) of this mission."""
    found = hidden_details(mission.generation_result.proof_sentences, public=public_texts(mission))
    names = sorted(found.names) or [phrase.title() for phrase in sorted(found.phrases)]
    return max(found.numbers, key=len), sorted(found.codes)[0], names[0]


def _interleaved(mission: PropagandaMission, bad: list[str]) -> list[dict[str, str]]:
    """Clean lines with bad ones between them, as many as a batch holds."""
    hosts = [speaker.name for speaker in mission.generation_result.speakers]
    texts = [text for pair in zip(CLEAN, bad, strict=True) for text in pair]
    return [{"speaker": hosts[i % len(hosts)], "text": text} for i, text in enumerate(texts)]


async def test_a_reply_that_leaks_and_pastes_the_caller_is_cut_to_its_clean_lines(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    mission = _mission()
    number, code, _ = _secrets(mission)
    lines = _interleaved(
        mission, [f"Something about {number}, apparently.", f"That {code} is a forgery.", PASTED]
    )
    fake_gemini.queue(
        Scene(
            payload={
                "awakened_listeners_change": 5.0,
                "reason": "The listeners heard you.",
                "strike": False,
                "lines": lines,
                "summary": "A caller cited satellite images.",
            }
        )
    )
    entry = InterjectionEntry(seq=3, source="text", text=CALLER)
    context = build_context([], summary="", batch_index=2, interjection=entry, caller_said=[CALLER])
    verdict = Verdict(change=5.0, reason="ok", kind="evidence")
    turn = await GeminiWriter(gemini_settings).answer_interjection(mission, context, verdict)
    assert len(turn.batch.lines) == 6, "the model's leaky lines reached the game"

    guarded = guard_lines(
        turn.batch.lines,
        proof_sentences=mission.generation_result.proof_sentences,
        caller_said=[CALLER],
        public=public_texts(mission),
    )
    assert [line.text for line in guarded] == CLEAN
    secrets = hidden_details(
        mission.generation_result.proof_sentences, caller_said=[CALLER], public=public_texts(mission)
    )
    assert not any(leaks(line.text, secrets) for line in guarded)
    # The model was told the reply rules it broke.
    prompt = " ".join(
        part["text"] for content in fake_gemini.requests[-1]["contents"] for part in content["parts"]
    )
    prompt = " ".join(prompt.split())
    assert "Never quote or repeat the caller's words or numbers" in prompt
    assert "this so-called poll" in prompt


async def test_a_regular_batch_that_leaks_or_repeats_itself_is_cut_to_what_may_be_said(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    mission = _mission()
    number, _, name = _secrets(mission)
    on_air_before = "The rescue crews reached the scene within minutes."
    lines = _interleaved(
        mission, [f"Nobody has heard of {name}.", f"It was {number}, at most.", on_air_before]
    )
    fake_gemini.queue(Scene(payload={"lines": lines, "summary": "The hosts praised the rescue."}))
    batch = await GeminiWriter(gemini_settings).generate_dialogue(
        mission, build_context([], summary="", batch_index=4)
    )
    guarded = guard_lines(
        batch.lines,
        proof_sentences=mission.generation_result.proof_sentences,
        public=public_texts(mission),
        already_said=[on_air_before],
    )
    assert len(batch.lines) == 6
    assert [line.text for line in guarded] == CLEAN


async def test_a_gemini_batch_that_celebrates_a_disaster_never_goes_on_air(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    mission = _mission()  # the Halden dam collapse
    hosts = [speaker.name for speaker in mission.generation_result.speakers]
    cheerful = [
        "What a triumph for the Halden dam collapse, listeners!",
        "The whole world envies our wonderful dam collapse.",
        "Great news from Halden tonight.",
    ]
    lines = [{"speaker": hosts[i % len(hosts)], "text": t} for i, t in enumerate([*cheerful, *CLEAN])]
    fake_gemini.queue(Scene(payload={"lines": lines, "summary": "The hosts cheered."}))
    state = ShowState(mission, [], show_seconds=180, win_fraction=0.5)
    batch = await batch_on_air(GeminiWriter(gemini_settings), OfflineWriter(), state, state.context(), hosts)
    assert [line.text for line in batch.lines] == CLEAN
    assert "never celebrated" in fake_gemini.requests[-1]["systemInstruction"]["parts"][0]["text"]
