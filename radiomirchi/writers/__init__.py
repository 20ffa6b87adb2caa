"""Script writers: a Protocol, the offline procedural writer, Gemini, and the fallback between them."""

from __future__ import annotations

from radiomirchi.config import Settings
from radiomirchi.writers.base import Briefing, ScriptWriter, WriterError
from radiomirchi.writers.cooldown import CooldownStore
from radiomirchi.writers.fallback import FallbackWriter, deadlines_from
from radiomirchi.writers.offline import OfflineWriter

__all__ = ["Briefing", "FallbackWriter", "OfflineWriter", "ScriptWriter", "WriterError", "build_writer"]


def build_writer(settings: Settings, cooldowns: CooldownStore | None = None) -> ScriptWriter:
    """Gemini (with the offline writer behind it) when a key is set, else the offline writer.

    ``cooldowns`` is where rate-limited models are marked; by default this process's memory
    (one writer serves every session of the process). A fleet can pass a shared store.
    """
    if settings.gemini_api_key is None:
        return OfflineWriter()
    from radiomirchi.writers.gemini import GeminiWriter  # the SDK is only imported when used

    return FallbackWriter(
        GeminiWriter(settings, cooldowns=cooldowns), OfflineWriter(), deadlines_from(settings)
    )
