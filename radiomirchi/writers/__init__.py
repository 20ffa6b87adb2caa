"""Script writers: a Protocol, the offline procedural writer, Gemini, and the fallback between them."""

from __future__ import annotations

from radiomirchi.config import Settings
from radiomirchi.writers.base import Briefing, ScriptWriter, WriterError
from radiomirchi.writers.fallback import FallbackWriter
from radiomirchi.writers.offline import OfflineWriter

__all__ = ["Briefing", "FallbackWriter", "OfflineWriter", "ScriptWriter", "WriterError", "build_writer"]


def build_writer(settings: Settings) -> ScriptWriter:
    """Gemini (with the offline writer behind it) when a key is set, else the offline writer."""
    if settings.gemini_api_key is None:
        return OfflineWriter()
    from radiomirchi.writers.gemini import GeminiWriter  # the SDK is only imported when used

    return FallbackWriter(GeminiWriter(settings), OfflineWriter())
