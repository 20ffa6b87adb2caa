"""The Gemini script writer, through ``google-genai``'s async client with structured output.

Every call runs within the deadline its caller set (``writers.deadline``) and has its own retry
loop (the SDK's retries are off): a 429 whose ``retryDelay`` fits the deadline is waited out, a
longer one (or a quota with no delay at all) cools the model down for every session and fails the
call at once; a blocked prompt, a bad key or an unknown model fail at once too, the last two noted
for ``/health``. Every reply is validated by the strict domain models; an empty, malformed,
blocked or schema-invalid reply counts as a failed attempt. Transport errors of any kind (httpx,
httpx2, aiohttp, OSError) count as failed attempts, whichever transport the SDK runs on.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import time

from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import ValidationError

from radiomirchi.config import Settings
from radiomirchi.game.writer_port import Briefing, DialogueContext
from radiomirchi.schemas import (
    DialogueBatch,
    InterjectionTurn,
    MissionId,
    PropagandaMission,
    Verdict,
    WrittenMission,
)
from radiomirchi.writers.base import WriterCoolingDown, WriterError, WriterMisconfigured, short_error
from radiomirchi.writers.cooldown import CooldownStore, InProcessCooldowns
from radiomirchi.writers.deadline import RETRY_DELAY_SLACK_SECONDS, CallKind, attempt_seconds, time_for
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
from radiomirchi.writers.topics import normalise_topic

# The package's name, as before the writer moved into it: logs (and tests) know the writer by it.
log = logging.getLogger("radiomirchi.writers.gemini")

_RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})
# The provider refuses the request itself: a bad key (400 API_KEY_INVALID, 401, 403) or an unknown
# model (404). Retrying cannot help; the operator must be told.
_MISCONFIGURED_STATUS = frozenset({400, 401, 403, 404})
# Packages whose exceptions are transport failures, whichever HTTP stack the SDK runs on.
_TRANSPORT_PACKAGES = frozenset({"httpx", "httpx2", "httpcore", "httpcore2", "aiohttp", "h11", "anyio"})
_BLOCKING_FINISH_REASONS = frozenset(
    {
        types.FinishReason.SAFETY,
        types.FinishReason.BLOCKLIST,
        types.FinishReason.PROHIBITED_CONTENT,
        types.FinishReason.SPII,
        types.FinishReason.RECITATION,
    }
)
_DURATION = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*s\s*$")


class InvalidReply(Exception):
    """The model answered, but with nothing usable (blocked, empty, malformed or invalid)."""


class PromptBlocked(Exception):
    """``promptFeedback.blockReason``: the same prompt would be blocked the same way again."""


class GeminiWriter:
    def __init__(
        self,
        settings: Settings,
        client: genai.Client | None = None,
        cooldowns: CooldownStore | None = None,
    ) -> None:
        if client is None:
            if settings.gemini_api_key is None:
                raise ValueError("GeminiWriter needs GEMINI_API_KEY (or GOOGLE_API_KEY)")
            client = genai.Client(
                api_key=settings.gemini_api_key.get_secret_value(),
                http_options=types.HttpOptions(
                    base_url=settings.gemini_base_url,
                    timeout=int(settings.gemini_timeout_seconds * 1000),
                ),
            )
        self._client = client
        self._settings = settings
        # Shared by every session using this writer: a model cooling down gets no request from any.
        self.cooldowns: CooldownStore = cooldowns if cooldowns is not None else InProcessCooldowns()
        self._thinking = {
            CallKind.mission: settings.thinking_mission,
            CallKind.briefing: settings.thinking_briefing,
            CallKind.dialogue: settings.thinking_dialogue,
            CallKind.judge: settings.thinking_judge,
        }
        self._problems: dict[str, str] = {}  # model -> what its last refusal said

    @property
    def name(self) -> str:
        return f"gemini:{self._settings.mission_model}"

    async def generate_initial_propaganda(self, topic: str, mission_id: MissionId) -> WrittenMission:
        story = await story_for(topic)
        reply = await self.generate_structured(mission_call(topic, story), model=self._settings.mission_model)
        resolved_topic = asked_topic(topic) or normalise_topic(reply.topic)
        if not resolved_topic:
            raise WriterError("Gemini invented no topic")
        return WrittenMission(
            topic=resolved_topic, result=reply.result, writer=self.name, story_kind=story.name
        )

    async def generate_unified_dialogue_prompt(self, mission: PropagandaMission) -> Briefing:
        story = await mission_story(mission)
        reply = await self.generate_structured(
            briefing_call(mission, story), model=self._settings.mission_model
        )
        return Briefing(text=reply, writer=self.name)

    async def generate_dialogue(self, mission: PropagandaMission, context: DialogueContext) -> DialogueBatch:
        story = await mission_story(mission)
        return await self.generate_structured(
            dialogue_call(mission, context, self.dialogue_name, story),
            model=self._settings.dialogue_model,
        )

    async def answer_interjection(
        self, mission: PropagandaMission, context: DialogueContext, verdict: Verdict
    ) -> InterjectionTurn:
        story = await mission_story(mission)
        return await self.generate_structured(
            interjection_call(mission, context, self.dialogue_name, story),
            model=self._settings.dialogue_model,
        )

    @property
    def dialogue_name(self) -> str:
        return f"gemini:{self._settings.dialogue_model}"

    def problems(self) -> list[str]:
        """What the provider said when it last refused a request outright (bad key, unknown model)."""
        return list(self._problems.values())

    async def generate_structured(self, call: LLMCall[ReplyT, ResultT], *, model: str) -> ResultT:
        """One call to ``model`` with retries, within the caller's deadline; returns
        ``call.validate(reply)``, where a reply that breaks a rule counts as a failed attempt."""
        config = types.GenerateContentConfig(
            system_instruction=call.system,
            response_mime_type="application/json",
            response_schema=call.schema,
            temperature=1.0,
            thinking_config=thinking_config(self._thinking[call.kind]),
        )
        attempts = self._settings.gemini_max_attempts
        last_problem = "no attempt made"
        for attempt in range(1, attempts + 1):
            cooling = await self.cooldowns.current(model)
            if cooling is not None:
                raise WriterCoolingDown(f"Gemini {model} is cooling down: {cooling.reason}")
            wait = self._backoff(attempt)
            try:
                async with asyncio.timeout(attempt_seconds(self._settings.gemini_timeout_seconds)):
                    response = await self._client.aio.models.generate_content(
                        model=model, contents=call.prompt, config=config
                    )
                result = call.validate(_parse_reply(response, call.schema))
            except genai_errors.APIError as exc:
                last_problem = f"HTTP {exc.code}: {exc.message or exc.status}"
                wait = await self._after_refusal(model, exc, last_problem, wait)
            except PromptBlocked as exc:
                raise WriterError(f"Gemini blocked the prompt ({exc})") from exc
            except (InvalidReply, ValidationError, ValueError) as exc:
                last_problem = f"invalid reply: {short_error(exc)}"
            except TimeoutError as exc:
                last_problem = f"timed out ({type(exc).__name__})"
            except Exception as exc:
                if not is_transport_failure(exc):
                    raise
                last_problem = f"connection failed ({_error_name(exc)})"
            else:
                self._problems.pop(model, None)
                return result
            log.warning("Gemini %s attempt %d/%d failed: %s", model, attempt, attempts, last_problem)
            if attempt < attempts:
                if not time_for(wait):
                    raise WriterError(f"Gemini has no time left for a retry ({last_problem})")
                await asyncio.sleep(wait)
        raise WriterError(f"Gemini failed after {attempts} attempts ({last_problem})")

    async def _after_refusal(
        self, model: str, exc: genai_errors.APIError, problem: str, backoff: float
    ) -> float:
        """How long to wait before retrying an HTTP error; raises when a retry cannot help."""
        if exc.code == 429:
            delay = _retry_delay(exc)
            if delay is None or _is_daily_quota(exc):
                seconds = self._settings.gemini_quota_cooldown_seconds
                await self._cool_down(model, seconds, f"quota exhausted ({problem})")
                raise WriterCoolingDown(f"Gemini {model} is out of quota; cooling down {seconds:.0f} s")
            await self._cool_down(model, delay, f"rate limited ({problem})")
            if delay > self._settings.gemini_max_retry_delay_seconds or not time_for(delay):
                raise WriterCoolingDown(f"Gemini {model} asks to wait {delay:.1f} s; cooling down")
            return delay + RETRY_DELAY_SLACK_SECONDS
        if exc.code in _MISCONFIGURED_STATUS:
            self._note_problem(model, f"Gemini {model} refuses requests: {problem}")
            raise WriterMisconfigured(f"Gemini refused the request ({problem})") from exc
        if exc.code not in _RETRYABLE_STATUS:
            raise WriterError(f"Gemini refused the request ({problem})") from exc
        return backoff

    async def _cool_down(self, model: str, seconds: float, reason: str) -> None:
        cooldown = await self.cooldowns.cool_down(model, seconds, reason)
        log.warning(
            "Gemini %s cools down for %.0f s: no requests until then; the offline writer answers (%s)",
            model,
            cooldown.seconds_left(time.time()),
            reason,
        )

    def _note_problem(self, model: str, problem: str) -> None:
        problem = self._redact(problem)
        if self._problems.get(model) != problem:
            log.error("%s; the offline writer answers until this is fixed", problem)
        self._problems[model] = problem

    def _redact(self, text: str) -> str:
        key = self._settings.gemini_api_key
        return text.replace(key.get_secret_value(), "***") if key is not None else text

    def _backoff(self, attempt: int) -> float:
        base: float = self._settings.gemini_backoff_seconds * 2.0 ** (attempt - 1)
        return base * random.uniform(0.8, 1.2)


def thinking_config(setting: str) -> types.ThinkingConfig | None:
    """``minimal``/``low``/``medium``/``high`` -> a thinking level; a number -> a token budget."""
    value = setting.strip().lower()
    if value == "default":
        return None
    if value.lstrip("-").isdigit():
        return types.ThinkingConfig(thinking_budget=int(value))
    return types.ThinkingConfig(thinking_level=types.ThinkingLevel(value.upper()))


def is_transport_failure(exc: BaseException) -> bool:
    """A connection, TLS, protocol or timeout error from any HTTP stack (or the OS)."""
    if isinstance(exc, (OSError, TimeoutError, ConnectionError)):
        return True
    for cls in type(exc).__mro__:
        module = cls.__module__ or ""
        if module.split(".")[0] in _TRANSPORT_PACKAGES or module.startswith("google.auth"):
            return True
    return False


def _error_name(exc: BaseException) -> str:
    """``httpx2.ConnectError``: the transport's package shows which HTTP stack failed."""
    package = (type(exc).__module__ or "").split(".")[0]
    return type(exc).__name__ if package == "builtins" else f"{package}.{type(exc).__name__}"


def _parse_reply(response: types.GenerateContentResponse, schema: type[ReplyT]) -> ReplyT:
    feedback = response.prompt_feedback
    if feedback is not None and feedback.block_reason is not None:
        raise PromptBlocked(str(feedback.block_reason))
    if not response.candidates:
        raise InvalidReply("no candidates")
    finish = response.candidates[0].finish_reason
    if finish in _BLOCKING_FINISH_REASONS:
        raise InvalidReply(f"reply blocked ({finish})")
    text = response.text
    if not text or not text.strip():
        raise InvalidReply("empty reply")
    try:
        return schema.model_validate_json(text)
    except ValidationError as exc:
        raise InvalidReply(f"does not match the schema: {short_error(exc)}") from exc


def _retry_delay(exc: genai_errors.APIError) -> float | None:
    """The server's requested delay: RetryInfo.retryDelay in the body, else Retry-After."""
    for detail in _error_details(exc):
        if str(detail.get("@type", "")).endswith("RetryInfo"):
            match = _DURATION.match(str(detail.get("retryDelay", "")))
            if match:
                return float(match.group(1))
    headers = getattr(exc.response, "headers", None)
    if headers is not None:
        try:
            return float(str(headers.get("retry-after", "")))
        except ValueError:
            return None
    return None


def _is_daily_quota(exc: genai_errors.APIError) -> bool:
    """A QuotaFailure on a per-day quota: it resets in hours, whatever delay the body suggests."""
    for detail in _error_details(exc):
        if str(detail.get("@type", "")).endswith("QuotaFailure"):
            violations = detail.get("violations")
            for violation in violations if isinstance(violations, list) else []:
                if isinstance(violation, dict) and "PerDay" in str(violation.get("quotaId", "")):
                    return True
    return False


def _error_details(exc: genai_errors.APIError) -> list[dict[str, object]]:
    body = exc.details if isinstance(exc.details, dict) else {}
    error = body.get("error", body)
    details = error.get("details", []) if isinstance(error, dict) else []
    return [detail for detail in details if isinstance(detail, dict)]
