"""The Gemini script writer (``google-genai``); importing it imports the SDK."""

from __future__ import annotations

from radiomirchi.writers.deadline import MIN_ATTEMPT_SECONDS, RETRY_DELAY_SLACK_SECONDS
from radiomirchi.writers.gemini.writer import (
    GeminiWriter,
    InvalidReply,
    PromptBlocked,
    is_transport_failure,
    thinking_config,
)
from radiomirchi.writers.llm_calls import MIN_REPLY_LINES

__all__ = [
    "MIN_ATTEMPT_SECONDS",
    "MIN_REPLY_LINES",
    "RETRY_DELAY_SLACK_SECONDS",
    "GeminiWriter",
    "InvalidReply",
    "PromptBlocked",
    "is_transport_failure",
    "thinking_config",
]
