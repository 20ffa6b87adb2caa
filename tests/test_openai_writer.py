"""The OpenAI-compatible writer through real HTTP, against a fake llama.cpp / Ollama server: the
wire format, the four calls, replies that ignore the schema, retries, 429s, refusals and the
fallback to the offline writer."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel, SecretStr, ValidationError

from devtools.testing.fake_gemini import mission_payload
from devtools.testing.fake_openai import (
    DEFAULT_MODEL,
    FakeOpenAI,
    Scene,
    prose,
    rate_limited,
    server_error,
    slow_stream,
)
from radiomirchi.config import Settings
from radiomirchi.schemas import InterjectionEntry, PropagandaMission, Verdict, new_mission_id
from radiomirchi.writers import FallbackWriter, OfflineWriter, build_writer
from radiomirchi.writers.base import WriterCoolingDown, WriterError, WriterMisconfigured
from radiomirchi.writers.dialogue import build_context
from radiomirchi.writers.llm_schemas import LLMBriefing, LLMDialogue, LLMMission, LLMTurn
from radiomirchi.writers.offline import write_briefing, write_mission
from radiomirchi.writers.openai import OpenAIWriter
from radiomirchi.writers.openai.response_format import strict_schema

TOPIC = "the new water tax"


def _mission() -> PropagandaMission:
    written = write_mission(TOPIC, new_mission_id())
    mission = PropagandaMission(
        user_id="p", topic=written.topic, generation_result=written.result, writer="x"
    )
    return mission.model_copy(update={"dialogue_generator_prompt": write_briefing(mission)})


def _one_speaker() -> Scene:
    payload = mission_payload(TOPIC)
    payload["speakers"] = payload["speakers"][:1]
    return Scene(payload=payload)


FAILURES: dict[str, Callable[[], Scene]] = {
    "http_500": lambda: server_error(500),
    "http_503": lambda: server_error(503),
    "malformed_json": lambda: Scene(text='{"topic": "water", "summary": '),
    "prose_without_json": lambda: prose("I'm sorry, but I can't help with creating propaganda."),
    "empty_reply": lambda: Scene(text="  "),
    "null_content": lambda: Scene(body={"choices": [{"index": 0, "message": {"role": "assistant"}}]}),
    "not_a_completion": lambda: Scene(body={"object": "list", "data": []}),
    "invalid_mission": _one_speaker,
    "truncated_at_max_tokens": lambda: Scene(text='{"topic": "water", "sum', finish_reason="length"),
    "timeout": lambda: Scene(delay_seconds=2.0),  # the client's timeout is 1 s
    "slow_stream_past_the_timeout": lambda: slow_stream(2.0),
}


async def test_a_valid_reply_becomes_a_mission_in_the_openai_wire_format(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    written = await OpenAIWriter(openai_settings).generate_initial_propaganda(TOPIC, new_mission_id())
    assert written.topic == TOPIC
    assert written.writer == f"openai:{DEFAULT_MODEL}"
    assert fake_openai.request_count == 1
    sent = fake_openai.requests[0]
    assert sent["model"] == DEFAULT_MODEL and sent["stream"] is False
    assert [message["role"] for message in sent["messages"]] == ["system", "user"]
    assert TOPIC in sent["messages"][1]["content"]
    response_format = sent["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "LLMMission"
    assert response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert "speakers" in schema["properties"] and schema["additionalProperties"] is False
    assert "authorization" not in fake_openai.request_headers[0], "no key is set: no bearer token"


async def test_the_key_is_sent_as_a_bearer_token(openai_settings: Settings, fake_openai: FakeOpenAI) -> None:
    fake_openai.api_key = "sk-local-test"
    settings = openai_settings.model_copy(update={"llm_api_key": SecretStr("sk-local-test")})
    await OpenAIWriter(settings).generate_initial_propaganda(TOPIC, new_mission_id())
    assert fake_openai.request_headers[0]["authorization"] == "Bearer sk-local-test"


async def test_the_four_calls_each_ask_for_their_schema(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    writer = OpenAIWriter(openai_settings)
    mission = _mission()
    hosts = {speaker.name for speaker in mission.generation_result.speakers}
    briefing = await writer.generate_unified_dialogue_prompt(mission)
    batch = await writer.generate_dialogue(mission, build_context([], summary="", batch_index=0))
    caller = InterjectionEntry(seq=1, source="text", text="The water tax money went to the minister's yacht!")
    context = build_context([caller], summary="", batch_index=1, interjection=caller)
    turn = await writer.answer_interjection(mission, context, Verdict(change=2.0, reason="ok", kind="point"))
    assert "SHOW & CHARACTER BRIEFING" in briefing.text and briefing.writer == writer.name
    assert batch.lines and {line.speaker for line in batch.lines} <= hosts and batch.writer == writer.name
    assert turn.verdict.kind == "llm" and turn.verdict.change == 10.0 and len(turn.batch.lines) >= 2
    names = [request["response_format"]["json_schema"]["name"] for request in fake_openai.requests]
    assert names == ["LLMBriefing", "LLMDialogue", "LLMTurn"]
    assert caller.text in fake_openai.requests[2]["messages"][1]["content"]


@pytest.mark.parametrize("schema", [LLMMission, LLMBriefing, LLMDialogue, LLMTurn])
def test_each_schema_is_strict_closed_and_inlined(schema: type[BaseModel]) -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            assert "$ref" not in node and "title" not in node
            if node.get("type") == "object":
                assert node["additionalProperties"] is False
                assert set(node["required"]) == set(node["properties"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    built = strict_schema(schema)
    walk(built)
    assert set(built["properties"]) == set(schema.model_fields)


def test_a_field_named_like_a_keyword_stays_in_the_schema() -> None:
    class Headline(BaseModel):
        title: str
        default: bool

    built = strict_schema(Headline)
    assert built["required"] == ["title", "default"] and set(built["properties"]) == {"title", "default"}


@pytest.mark.parametrize(
    "wrap",
    [
        pytest.param(lambda body: f"```json\n{body}\n```", id="fenced"),
        pytest.param(lambda body: f"Here is the mission you asked for:\n\n{body}\n\nEnjoy!", id="prose"),
        pytest.param(lambda body: f"<think>The user wants {{a mission}}.</think>\n{body}", id="thinking"),
        pytest.param(lambda body: f"{body}\n\n\n\n", id="padded"),
    ],
)
async def test_a_reply_that_ignored_the_schema_is_read_where_its_json_is(
    wrap: Callable[[str], str], openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.queue(prose(wrap(json.dumps(mission_payload(TOPIC)))))
    written = await OpenAIWriter(openai_settings).generate_initial_propaganda(TOPIC, new_mission_id())
    assert written.writer.startswith("openai:") and written.result.speakers
    assert fake_openai.request_count == 1


async def test_content_sent_as_a_list_of_text_parts_is_read(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    text = json.dumps(mission_payload(TOPIC))
    parts = [{"type": "text", "text": text[:40]}, {"type": "text", "text": text[40:]}]
    message = {"role": "assistant", "content": parts}
    fake_openai.queue(Scene(body={"choices": [{"index": 0, "message": message, "finish_reason": "stop"}]}))
    await OpenAIWriter(openai_settings).generate_initial_propaganda(TOPIC, new_mission_id())
    assert fake_openai.request_count == 1


async def test_a_complete_object_padded_up_to_max_tokens_is_accepted(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.queue(Scene(text=json.dumps(mission_payload(TOPIC)) + "\n" * 50, finish_reason="length"))
    await OpenAIWriter(openai_settings).generate_initial_propaganda(TOPIC, new_mission_id())
    assert fake_openai.request_count == 1


@pytest.mark.slow
@pytest.mark.parametrize("failure", sorted(FAILURES))
async def test_one_failure_is_retried_then_succeeds(
    failure: str, openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.queue(FAILURES[failure]())
    written = await OpenAIWriter(openai_settings).generate_initial_propaganda(TOPIC, new_mission_id())
    assert written.writer.startswith("openai:")
    assert fake_openai.request_count == 2


@pytest.mark.slow
@pytest.mark.parametrize("failure", sorted(FAILURES))
async def test_persistent_failure_falls_back_to_the_offline_writer(
    failure: str, openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.queue(*(FAILURES[failure]() for _ in range(openai_settings.llm_max_attempts)))
    writer = build_writer(openai_settings)
    assert isinstance(writer, FallbackWriter)
    written = await writer.generate_initial_propaganda(TOPIC, new_mission_id())
    assert written.writer == "offline" and written.topic == TOPIC
    assert fake_openai.request_count == openai_settings.llm_max_attempts
    assert writer.fallbacks["mission"] == 1


async def test_a_slow_stream_within_the_timeout_is_read_whole(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.queue(slow_stream(0.4))
    written = await OpenAIWriter(openai_settings).generate_initial_propaganda(TOPIC, new_mission_id())
    assert written.writer.startswith("openai:")
    assert fake_openai.request_count == 1


async def test_a_slow_stream_past_the_calls_deadline_goes_to_the_offline_writer(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    settings = openai_settings.model_copy(update={"mission_deadline_seconds": 0.6, "llm_timeout_seconds": 30})
    fake_openai.always = lambda: slow_stream(5.0)
    writer = build_writer(settings)
    assert isinstance(writer, FallbackWriter)
    written = await writer.generate_initial_propaganda(TOPIC, new_mission_id())
    assert written.writer == "offline"
    assert fake_openai.request_count == 1, "no second attempt fits a deadline the first one used up"
    # The connection is closed, which is how llama.cpp and Ollama learn to stop generating.
    assert await asyncio.to_thread(fake_openai.disconnected.wait, 5.0), "the connection stayed open"
    assert fake_openai.disconnects == 1


async def test_a_429_waits_for_its_retry_after(openai_settings: Settings, fake_openai: FakeOpenAI) -> None:
    fake_openai.queue(rate_limited(0.6))
    await OpenAIWriter(openai_settings).generate_initial_propaganda(TOPIC, new_mission_id())
    assert fake_openai.request_count == 2
    gap = fake_openai.request_times[1] - fake_openai.request_times[0]
    assert gap >= 0.6, f"retried after {gap:.2f} s, before the requested 0.6 s"


async def test_a_long_429_cools_the_model_down_for_every_later_call(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.queue(rate_limited(30))
    writer = OpenAIWriter(openai_settings)
    with pytest.raises(WriterCoolingDown, match="30"):
        await writer.generate_initial_propaganda(TOPIC, new_mission_id())
    with pytest.raises(WriterCoolingDown):
        await writer.generate_dialogue(_mission(), build_context([], summary="", batch_index=0))
    assert fake_openai.request_count == 1, "no request while the model cools down"


async def test_a_429_without_retry_after_cools_down_for_the_configured_time(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    scene = rate_limited(1)
    scene.headers = {}
    fake_openai.queue(scene)
    writer = FallbackWriter(OpenAIWriter(openai_settings), OfflineWriter())
    first = await writer.generate_initial_propaganda(TOPIC, new_mission_id())
    second = await writer.generate_initial_propaganda(TOPIC, new_mission_id())
    assert first.writer == second.writer == "offline"
    assert fake_openai.request_count == 1
    assert writer.fallbacks["mission"] == 2


async def test_a_wrong_key_is_not_retried_and_is_reported(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.api_key = "sk-right"
    settings = openai_settings.model_copy(update={"llm_api_key": SecretStr("sk-wrong")})
    writer = FallbackWriter(OpenAIWriter(settings), OfflineWriter())
    written = await writer.generate_initial_propaganda(TOPIC, new_mission_id())
    assert written.writer == "offline" and fake_openai.request_count == 1
    [problem] = writer.problems()
    assert "401" in problem and "Incorrect API key" in problem and "sk-wrong" not in problem


async def test_llama_cpp_serves_any_model_name_and_refuses_a_wrong_key_its_way(
    openai_settings: Settings,
) -> None:
    with FakeOpenAI(flavour="llamacpp", api_key="secret") as fake:
        named = openai_settings.model_copy(
            update={
                "llm_base_url": fake.base_url,
                "llm_model": "whatever.gguf",
                "llm_api_key": SecretStr("secret"),
            }
        )
        written = await OpenAIWriter(named).generate_initial_propaganda(TOPIC, new_mission_id())
        assert written.writer == "openai:whatever.gguf"
        keyless = named.model_copy(update={"llm_api_key": None})
        with pytest.raises(WriterMisconfigured, match="401: Invalid API Key"):
            await OpenAIWriter(keyless).generate_initial_propaganda(TOPIC, new_mission_id())
    assert fake.request_count == 2


async def test_an_unknown_model_is_not_retried_and_is_reported_until_it_answers(
    openai_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    settings = openai_settings.model_copy(update={"llm_model": "llama9:70b"})
    writer = OpenAIWriter(settings)
    with pytest.raises(WriterMisconfigured, match="404"):
        await writer.generate_initial_propaganda(TOPIC, new_mission_id())
    assert fake_openai.request_count == 1
    [problem] = writer.problems()
    assert 'model "llama9:70b" not found' in problem
    fake_openai.models = None  # the operator pulled the model
    await writer.generate_initial_propaganda(TOPIC, new_mission_id())
    assert writer.problems() == []


async def test_a_client_error_is_not_retried(openai_settings: Settings, fake_openai: FakeOpenAI) -> None:
    fake_openai.queue(server_error(418))
    with pytest.raises(WriterError, match="418"):
        await OpenAIWriter(openai_settings).generate_initial_propaganda(TOPIC, new_mission_id())
    assert fake_openai.request_count == 1


async def test_a_server_that_is_not_running_fails_the_call_quickly(openai_settings: Settings) -> None:
    settings = openai_settings.model_copy(update={"llm_base_url": "http://127.0.0.1:9/v1"})
    writer = FallbackWriter(OpenAIWriter(settings), OfflineWriter())
    written = await writer.generate_initial_propaganda(TOPIC, new_mission_id())
    assert written.writer == "offline" and writer.fallbacks["mission"] == 1


def test_the_openai_server_takes_precedence_over_gemini(openai_settings: Settings) -> None:
    both = openai_settings.model_copy(update={"gemini_api_key": SecretStr("g-key")})
    writer = build_writer(both)
    assert isinstance(writer, FallbackWriter)
    assert writer.name == f"openai:{DEFAULT_MODEL} (fallback: offline)"


def test_a_base_url_needs_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RADIOMIRCHI_LLM_BASE_URL", "http://127.0.0.1:11434/v1")
    with pytest.raises(ValidationError, match="RADIOMIRCHI_LLM_MODEL"):
        Settings(_env_file=None)
    monkeypatch.setenv("RADIOMIRCHI_LLM_MODEL", "qwen2.5:3b")
    monkeypatch.setenv("RADIOMIRCHI_LLM_API_KEY", "")
    settings = Settings(_env_file=None)
    assert settings.llm_model == "qwen2.5:3b" and settings.llm_api_key is None
    monkeypatch.setenv("RADIOMIRCHI_LLM_BASE_URL", "127.0.0.1:11434/v1")
    with pytest.raises(ValidationError, match="http"):
        Settings(_env_file=None)
