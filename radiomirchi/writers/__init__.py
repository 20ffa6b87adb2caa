"""Script writers: a Protocol, the offline procedural writer, Gemini, any OpenAI-compatible server,
and the fallback between them."""

from __future__ import annotations

from radiomirchi.config import Settings
from radiomirchi.game.writer_port import Briefing, ScriptWriter
from radiomirchi.writers.base import WriterError
from radiomirchi.writers.cooldown import CooldownStore
from radiomirchi.writers.fallback import FallbackWriter, deadlines_from
from radiomirchi.writers.offline import OfflineWriter

__all__ = ["Briefing", "FallbackWriter", "OfflineWriter", "ScriptWriter", "WriterError", "build_writer"]


def build_writer(settings: Settings, cooldowns: CooldownStore | None = None) -> ScriptWriter:
    """The configured LLM writer with the offline writer behind it, else the offline writer alone.

    An OpenAI-compatible server (``RADIOMIRCHI_LLM_BASE_URL``) takes precedence over Gemini (a
    key): an operator who points the game at their own model means it to write. ``cooldowns`` is
    where rate-limited models are marked; by default this process's memory (one writer serves
    every session of the process). A fleet can pass a shared store.
    """
    primary: ScriptWriter
    if settings.llm_base_url is not None:
        from radiomirchi.writers.openai import OpenAIWriter

        primary = OpenAIWriter(settings, cooldowns=cooldowns)
    elif settings.gemini_api_key is not None:
        from radiomirchi.writers.gemini import GeminiWriter  # the SDK is only imported when used

        primary = GeminiWriter(settings, cooldowns=cooldowns)
    else:
        return OfflineWriter()
    return FallbackWriter(primary, OfflineWriter(), deadlines_from(settings))
