"""What every writer shares: its errors (and how a failed attempt words one), and the port it
fulfils (the game's ``writer_port``)."""

from __future__ import annotations

from radiomirchi.game.writer_port import Briefing as Briefing
from radiomirchi.game.writer_port import ScriptWriter as ScriptWriter


class WriterError(Exception):
    """A writer could not produce a valid result (after its own retries)."""


class WriterCoolingDown(WriterError):
    """The model is cooling down after a rate limit: no request was sent."""


class WriterMisconfigured(WriterError):
    """The provider refused the request itself (bad key, unknown model): the operator must act."""


def short_error(exc: Exception) -> str:
    """An error's message on one line and at most 200 characters, for a failed attempt's note."""
    text = str(exc).replace("\n", " ")
    return text if len(text) <= 200 else text[:197] + "..."
