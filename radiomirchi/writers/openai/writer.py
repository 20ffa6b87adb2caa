"""The script writer on an OpenAI-compatible server: the four calls of ``writers.llm_calls``, each
with ``response_format`` built from its pydantic schema and validated on return.

Every call runs within the deadline its caller set (``writers.deadline``) and has its own short
retry loop: a 429 whose ``Retry-After`` fits the deadline is waited out, a longer one (or one with
no delay) cools the model down for every session and fails the call at once; a bad key (401, 403),
an unknown model (404) or a request the server rejects (400) fail at once and are noted for
``/health``. A reply that ignored the schema is read where its JSON can be found (``replies``);
otherwise, like a malformed, truncated or invalid one, it counts as a failed attempt.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any

import httpx
from pydantic import ValidationError

from radiomirchi.config import Settings
from radiomirchi.schemas import (
    DialogueBatch,
    InterjectionTurn,
    MissionId,
    PropagandaMission,
    Verdict,
    WrittenMission,
)
from radiomirchi.writers.base import (
    Briefing,
    WriterCoolingDown,
    WriterError,
    WriterMisconfigured,
    short_error,
)
from radiomirchi.writers.cooldown import CooldownStore, InProcessCooldowns
from radiomirchi.writers.deadline import RETRY_DELAY_SLACK_SECONDS, CallKind, attempt_seconds, time_for
from radiomirchi.writers.dialogue import DialogueContext
from radiomirchi.writers.llm_calls import (
    LLMCall,
    ReplyT,
    ResultT,
    asked_topic,
    briefing_call,
    dialogue_call,
    interjection_call,
    mission_call,
    mission_story,
    story_for,
)
from radiomirchi.writers.openai.client import (
    ChatCompletionError,
    ChatCompletionsClient,
    Completion,
    MalformedCompletion,
)
from radiomirchi.writers.openai.replies import json_object_text
from radiomirchi.writers.openai.response_format import response_format, schema_text
from radiomirchi.writers.topics import normalise_topic

log = logging.getLogger(__name__)

# Statuses worth another attempt: a timeout, an overloaded or restarting server, a proxy between.
_RETRYABLE_STATUS = frozenset({408, 409, 500, 502, 503, 504})
# The server refuses the request itself: a bad request (a response_format it cannot take), a bad
# key, or a model it does not have. Retrying cannot help; the operator must be told.
_MISCONFIGURED_STATUS = frozenset({400, 401, 403, 404, 422})
# Tokens each reply may take: enough for its schema with room to spare, and a cap on how long a
# slow CPU server can spend on a reply that has run away.
MAX_TOKENS: dict[CallKind, int] = {
    CallKind.mission: 1200,
    CallKind.briefing: 1500,
    CallKind.dialogue: 600,
    CallKind.judge: 700,
}
TEMPERATURE = 0.9
# Added to the system prompt, for servers that take ``response_format`` as a hint or not at all.
SCHEMA_HINT = "Reply with one JSON object, and nothing else, that matches this JSON schema:\n{schema}"


class OpenAIWriter:
    def __init__(
        self,
        settings: Settings,
        cooldowns: CooldownStore | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if settings.llm_base_url is None or settings.llm_model is None:
            raise ValueError("OpenAIWriter needs RADIOMIRCHI_LLM_BASE_URL and RADIOMIRCHI_LLM_MODEL")
        self._settings = settings
        self._model: str = settings.llm_model
        self._client = ChatCompletionsClient(
            settings.llm_base_url,
            settings.llm_api_key,
            timeout_seconds=settings.llm_timeout_seconds,
            transport=transport,
        )
        # Shared by every session using this writer: a model cooling down gets no request from any.
        self.cooldowns: CooldownStore = cooldowns if cooldowns is not None else InProcessCooldowns()
        self._problem: str | None = None  # what the server said when it last refused outright

    @property
    def name(self) -> str:
        return f"openai:{self._model}"

    @property
    def dialogue_name(self) -> str:
        return self.name

    def problems(self) -> list[str]:
        """What the server said when it last refused a request outright (bad key, unknown model)."""
        return [self._problem] if self._problem is not None else []

    async def generate_initial_propaganda(self, topic: str, mission_id: MissionId) -> WrittenMission:
        story = await story_for(topic)
        reply = await self.generate_structured(mission_call(topic, story))
        resolved_topic = asked_topic(topic) or normalise_topic(reply.topic)
        if not resolved_topic:
            raise WriterError(f"{self.name} invented no topic")
        return WrittenMission(
            topic=resolved_topic, result=reply.result, writer=self.name, story_kind=story.name
        )

    async def generate_unified_dialogue_prompt(self, mission: PropagandaMission) -> Briefing:
        story = await mission_story(mission)
        return Briefing(
            text=await self.generate_structured(briefing_call(mission, story)),
            writer=self.name,
        )

    async def generate_dialogue(self, mission: PropagandaMission, context: DialogueContext) -> DialogueBatch:
        story = await mission_story(mission)
        return await self.generate_structured(dialogue_call(mission, context, self.dialogue_name, story))

    async def answer_interjection(
        self, mission: PropagandaMission, context: DialogueContext, verdict: Verdict
    ) -> InterjectionTurn:
        story = await mission_story(mission)
        return await self.generate_structured(interjection_call(mission, context, self.dialogue_name, story))

    async def generate_structured(self, call: LLMCall[ReplyT, ResultT]) -> ResultT:
        """One call with retries, within the caller's deadline; returns ``call.validate(reply)``."""
        messages = [
            {
                "role": "system",
                "content": f"{call.system}\n\n{SCHEMA_HINT.format(schema=schema_text(call.schema))}",
            },
            {"role": "user", "content": call.prompt},
        ]
        request: dict[str, Any] = {
            "model": self._model,
            "messages": messages,
            "response_format": response_format(call.schema),
            "max_tokens": MAX_TOKENS[call.kind],
            "temperature": TEMPERATURE,
        }
        attempts = self._settings.llm_max_attempts
        last_problem = "no attempt made"
        for attempt in range(1, attempts + 1):
            cooling = await self.cooldowns.current(self._cooldown_key)
            if cooling is not None:
                raise WriterCoolingDown(f"{self.name} is cooling down: {cooling.reason}")
            wait = self._backoff(attempt)
            try:
                async with asyncio.timeout(attempt_seconds(self._settings.llm_timeout_seconds)):
                    completion = await self._client.complete(**request)
                result = call.validate(_parse(call, completion))
            except ChatCompletionError as exc:
                last_problem = self._redact(str(exc))
                wait = await self._after_refusal(exc, last_problem, wait)
            except (MalformedCompletion, ValidationError, ValueError) as exc:
                last_problem = f"invalid reply: {short_error(exc)}"
            except TimeoutError:
                last_problem = "timed out"
            except (httpx.HTTPError, OSError) as exc:
                last_problem = f"connection failed ({type(exc).__name__})"
            else:
                self._problem = None
                return result
            log.warning(
                "%s %s attempt %d/%d failed: %s", self.name, call.kind, attempt, attempts, last_problem
            )
            if attempt < attempts:
                if not time_for(wait):
                    raise WriterError(f"{self.name} has no time left for a retry ({last_problem})")
                await asyncio.sleep(wait)
        raise WriterError(f"{self.name} failed after {attempts} attempts ({last_problem})")

    @property
    def _cooldown_key(self) -> str:
        # Its own key in a store shared with other writers: a Gemini model may share no name.
        return f"{self._client.url} {self._model}"

    async def _after_refusal(self, exc: ChatCompletionError, problem: str, backoff: float) -> float:
        """How long to wait before retrying an error status; raises when a retry cannot help."""
        if exc.status == 429:
            delay = exc.retry_after
            if delay is None:
                seconds = self._settings.llm_rate_limit_cooldown_seconds
                await self._cool_down(seconds, f"rate limited ({problem})")
                raise WriterCoolingDown(f"{self.name} is rate limited; cooling down {seconds:.0f} s")
            await self._cool_down(delay, f"rate limited ({problem})")
            if delay > self._settings.llm_max_retry_delay_seconds or not time_for(delay):
                raise WriterCoolingDown(f"{self.name} asks to wait {delay:.1f} s; cooling down")
            return delay + RETRY_DELAY_SLACK_SECONDS
        if exc.status in _MISCONFIGURED_STATUS:
            self._note_problem(f"{self.name} at {self._client.url} refuses requests: {problem}")
            raise WriterMisconfigured(f"{self.name} refused the request ({problem})") from exc
        if exc.status not in _RETRYABLE_STATUS:
            raise WriterError(f"{self.name} refused the request ({problem})") from exc
        if exc.retry_after is not None:  # a 503 "loading model" may say when to come back
            return max(backoff, exc.retry_after + RETRY_DELAY_SLACK_SECONDS)
        return backoff

    async def _cool_down(self, seconds: float, reason: str) -> None:
        cooldown = await self.cooldowns.cool_down(self._cooldown_key, seconds, reason)
        log.warning(
            "%s cools down for %.0f s: no requests until then; the offline writer answers (%s)",
            self.name,
            cooldown.seconds_left(time.time()),
            reason,
        )

    def _note_problem(self, problem: str) -> None:
        if self._problem != problem:
            log.error("%s; the offline writer answers until this is fixed", problem)
        self._problem = problem

    def _redact(self, text: str) -> str:
        key = self._settings.llm_api_key
        return text.replace(key.get_secret_value(), "***") if key is not None else text

    def _backoff(self, attempt: int) -> float:
        base: float = self._settings.llm_backoff_seconds * 2.0 ** (attempt - 1)
        return base * random.uniform(0.8, 1.2)


def _parse(call: LLMCall[ReplyT, ResultT], completion: Completion) -> ReplyT:
    """The reply's JSON in the call's shape. A reply cut off at ``max_tokens`` is still read: a
    grammar-bound model may close its object and then pad with whitespace up to the limit."""
    try:
        return call.schema.model_validate_json(json_object_text(completion.content))
    except ValueError as exc:
        if completion.finish_reason == "length":
            raise ValueError(f"the reply ran out of tokens ({short_error(exc)})") from exc
        raise
