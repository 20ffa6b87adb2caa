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
import math
import random
import re
import time
from collections.abc import Callable
from typing import TypeVar

from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel, ValidationError

from radiomirchi.config import Settings
from radiomirchi.game.writer_port import Briefing, DialogueContext
from radiomirchi.schemas import (
    DialogueBatch,
    DialogueLine,
    InterjectionTurn,
    MissionId,
    PropagandaGenerationResult,
    PropagandaMission,
    Verdict,
    WrittenMission,
)
from radiomirchi.writers import prompts
from radiomirchi.writers.base import WriterCoolingDown, WriterError, WriterMisconfigured
from radiomirchi.writers.cooldown import CooldownStore, InProcessCooldowns
from radiomirchi.writers.deadline import CallKind, seconds_left
from radiomirchi.writers.dialogue import MIN_BATCH_LINES, clean_batch, describe_entry
from radiomirchi.writers.llm_schemas import LLMBriefing, LLMDialogue, LLMMission, LLMTurn
from radiomirchi.writers.topics import normalise_topic, wants_invented_topic

# The package's name, as before the writer moved into it: logs (and tests) know the writer by it.
log = logging.getLogger("radiomirchi.writers.gemini")

ReplyT = TypeVar("ReplyT", bound=BaseModel)
ResultT = TypeVar("ResultT")
_RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})
# The provider refuses the request itself: a bad key (400 API_KEY_INVALID, 401, 403) or an unknown
# model (404). Retrying cannot help; the operator must be told.
_MISCONFIGURED_STATUS = frozenset({400, 401, 403, 404})
# Packages whose exceptions are transport failures, whichever HTTP stack the SDK runs on.
_TRANSPORT_PACKAGES = frozenset({"httpx", "httpx2", "httpcore", "httpcore2", "aiohttp", "h11", "anyio"})
# Another attempt is only worth starting with at least this much of the call's deadline left.
MIN_ATTEMPT_SECONDS = 0.5
# Slack on top of a 429's retry delay, so that the retry lands after the cool-down has ended.
RETRY_DELAY_SLACK_SECONDS = 0.05
_BLOCKING_FINISH_REASONS = frozenset(
    {
        types.FinishReason.SAFETY,
        types.FinishReason.BLOCKLIST,
        types.FinishReason.PROHIBITED_CONTENT,
        types.FinishReason.SPII,
        types.FinishReason.RECITATION,
    }
)
MIN_REPLY_LINES = 2
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
        asked = "" if wants_invented_topic(topic) else normalise_topic(topic)
        reply = await self.generate_structured(
            kind=CallKind.mission,
            model=self._settings.mission_model,
            system=prompts.MISSION_SYSTEM,
            prompt=prompts.MISSION_USER.format(topic=asked or "any"),
            schema=LLMMission,
            validate=_mission_from_reply,
        )
        resolved_topic = asked or normalise_topic(reply.topic)
        if not resolved_topic:
            raise WriterError("Gemini invented no topic")
        return WrittenMission(topic=resolved_topic, result=reply.result, writer=self.name)

    async def generate_unified_dialogue_prompt(self, mission: PropagandaMission) -> Briefing:
        result = mission.generation_result
        hosts = "\n".join(
            prompts.HOST_LINE.format(name=s.name, gender=s.gender.value, role=s.role, background=s.background)
            for s in result.speakers
        )
        reply = await self.generate_structured(
            kind=CallKind.briefing,
            model=self._settings.mission_model,
            system=prompts.BRIEFING_SYSTEM,
            prompt=prompts.BRIEFING_USER.format(
                station_name=result.station_name,
                topic=mission.topic,
                summary=result.summary,
                hosts=hosts,
                proofs="\n".join(f"- {p}" for p in result.proof_sentences),
            ),
            schema=LLMBriefing,
            validate=_briefing_from_reply,
        )
        return Briefing(text=reply, writer=self.name)

    async def generate_dialogue(self, mission: PropagandaMission, context: DialogueContext) -> DialogueBatch:
        result = mission.generation_result
        minimum = 1 if context.closing else MIN_BATCH_LINES

        def validate(reply: LLMDialogue) -> DialogueBatch:
            lines = clean_batch(
                [DialogueLine(speaker=line.speaker, text=line.text) for line in reply.lines],
                result.speakers,
                result.proof_sentences,
            )
            if len(lines) < minimum:
                raise ValueError(f"only {len(lines)} usable lines of {len(reply.lines)}")
            return DialogueBatch(
                lines=lines[:1] if context.closing else lines,
                summary=reply.summary.strip(),
                writer=self.dialogue_name,
            )

        return await self.generate_structured(
            kind=CallKind.dialogue,
            model=self._settings.dialogue_model,
            system=_dialogue_system(mission),
            prompt=_dialogue_prompt(mission, context, _dialogue_instruction(context)),
            schema=LLMDialogue,
            validate=validate,
        )

    async def answer_interjection(
        self, mission: PropagandaMission, context: DialogueContext, verdict: Verdict
    ) -> InterjectionTurn:
        result = mission.generation_result

        def validate(reply: LLMTurn) -> InterjectionTurn:
            lines = clean_batch(
                [DialogueLine(speaker=line.speaker, text=line.text) for line in reply.lines],
                result.speakers,
                result.proof_sentences,
            )
            if len(lines) < MIN_REPLY_LINES:
                raise ValueError(f"only {len(lines)} usable reply lines of {len(reply.lines)}")
            batch = DialogueBatch(lines=lines, summary=reply.summary.strip(), writer=self.dialogue_name)
            return InterjectionTurn(verdict=_ruling(reply), batch=batch)

        instruction = f"{_dialogue_instruction(context)}\n\n{prompts.JUDGE_INSTRUCTION}"
        return await self.generate_structured(
            kind=CallKind.judge,
            model=self._settings.dialogue_model,
            system=_dialogue_system(mission),
            prompt=_dialogue_prompt(mission, context, instruction),
            schema=LLMTurn,
            validate=validate,
        )

    @property
    def dialogue_name(self) -> str:
        return f"gemini:{self._settings.dialogue_model}"

    def problems(self) -> list[str]:
        """What the provider said when it last refused a request outright (bad key, unknown model)."""
        return list(self._problems.values())

    async def generate_structured(
        self,
        *,
        kind: CallKind,
        model: str,
        system: str,
        prompt: str,
        schema: type[ReplyT],
        validate: Callable[[ReplyT], ResultT],
    ) -> ResultT:
        """One structured call with retries, within the caller's deadline; returns ``validate(reply)``.

        ``validate`` turns the loose LLM shape into a domain object and raises ``ValueError`` (or
        ``ValidationError``) when the reply breaks a rule, which counts as a failed attempt.
        """
        config = types.GenerateContentConfig(
            system_instruction=system,
            response_mime_type="application/json",
            response_schema=schema,
            temperature=1.0,
            thinking_config=thinking_config(self._thinking[kind]),
        )
        attempts = self._settings.gemini_max_attempts
        last_problem = "no attempt made"
        for attempt in range(1, attempts + 1):
            cooling = await self.cooldowns.current(model)
            if cooling is not None:
                raise WriterCoolingDown(f"Gemini {model} is cooling down: {cooling.reason}")
            wait = self._backoff(attempt)
            try:
                async with asyncio.timeout(self._attempt_seconds()):
                    response = await self._client.aio.models.generate_content(
                        model=model, contents=prompt, config=config
                    )
                result = validate(_parse_reply(response, schema))
            except genai_errors.APIError as exc:
                last_problem = f"HTTP {exc.code}: {exc.message or exc.status}"
                wait = await self._after_refusal(model, exc, last_problem, wait)
            except PromptBlocked as exc:
                raise WriterError(f"Gemini blocked the prompt ({exc})") from exc
            except (InvalidReply, ValidationError, ValueError) as exc:
                last_problem = f"invalid reply: {_short(exc)}"
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
                if not _time_for(wait):
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
            if delay > self._settings.gemini_max_retry_delay_seconds or not _time_for(delay):
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

    def _attempt_seconds(self) -> float:
        """This attempt's timeout: the HTTP timeout (and a little), or what is left of the deadline."""
        per_attempt = self._settings.gemini_timeout_seconds + 1
        left = seconds_left()
        return per_attempt if left is None else max(0.0, min(per_attempt, left))

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


def _time_for(wait: float) -> bool:
    """Whether the call's deadline leaves room to wait ``wait`` s and then make an attempt."""
    left = seconds_left()
    return left is None or wait + MIN_ATTEMPT_SECONDS <= left


def _dialogue_system(mission: PropagandaMission) -> str:
    return prompts.DIALOGUE_SYSTEM.format(
        briefing=mission.dialogue_generator_prompt or mission.generation_result.summary
    )


def _dialogue_prompt(mission: PropagandaMission, context: DialogueContext, instruction: str) -> str:
    return prompts.DIALOGUE_USER.format(
        hosts=", ".join(speaker.name for speaker in mission.generation_result.speakers),
        summary=context.summary or "(the show has just begun)",
        recent="\n".join(describe_entry(entry) for entry in context.recent) or "(none yet)",
        instruction=instruction,
    )


def _ruling(reply: LLMTurn) -> Verdict:
    """The model's ruling as it gave it: untrusted, the game holds it to the offline judge."""
    if not math.isfinite(reply.awakened_listeners_change):
        raise ValueError("the change is not a number")
    reason = " ".join(reply.reason.split())[:240]
    return Verdict(change=reply.awakened_listeners_change, reason=reason, strike=reply.strike, kind="llm")


def _dialogue_instruction(context: DialogueContext) -> str:
    count = random.randint(MIN_BATCH_LINES, 5)
    if context.closing:
        return prompts.DIALOGUE_CLOSING
    if context.interjection is not None:
        return prompts.DIALOGUE_ANSWER_CALLER.format(
            interjection=context.interjection.text.replace('"', "'"),
            count=count,
            mood=prompts.DIALOGUE_RATTLED if context.rattled else "",
        )
    if context.batch_index == 0:
        return prompts.DIALOGUE_OPEN.format(count=count)
    beat = prompts.DIALOGUE_BEATS[(context.batch_index - 1) % len(prompts.DIALOGUE_BEATS)]
    return prompts.DIALOGUE_CONTINUE.format(count=count, beat=beat)


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
        raise InvalidReply(f"does not match the schema: {_short(exc)}") from exc


def _mission_from_reply(reply: LLMMission) -> _ValidatedMission:
    result = PropagandaGenerationResult.model_validate(
        {
            "station_name": reply.station_name.strip() or "Radio Mirchi",
            "summary": reply.summary,
            "proof_sentences": reply.proof_sentences,
            "speakers": [speaker.model_dump() for speaker in reply.speakers],
            "initial_listeners": reply.initial_listeners,
        }
    )
    return _ValidatedMission(topic=reply.topic, result=result)


class _ValidatedMission(BaseModel):
    topic: str
    result: PropagandaGenerationResult


def _briefing_from_reply(reply: LLMBriefing) -> str:
    text = reply.briefing.strip()
    if len(text) < 80:
        raise ValueError("briefing is too short to steer a show")
    return text


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


def _short(exc: Exception) -> str:
    text = str(exc).replace("\n", " ")
    return text if len(text) <= 200 else text[:197] + "..."
