"""The offline writer's interview bank (``banks/interview.json``): one host asks another about the
story and the other answers, per stance (``game/story_kinds.json``): a disaster is played down, a
strike blamed on agitators, a defeat spun, a festival celebrated, a petty matter made national.

Fields: those of every show body (``dialogue_templates``), with {other} the answering host's first
name, and {thing} one of the story kind's words ("the picket line", "the stalls").
"""

from __future__ import annotations

from typing import Final

from radiomirchi.writers.offline.bank import BankError, load_bank, string_lists

_BANK = load_bank("interview")


def _pairs(value: object) -> dict[str, list[tuple[str, str]]]:
    if not isinstance(value, dict):
        raise BankError("PAIRS: expected an object")
    pairs: dict[str, list[tuple[str, str]]] = {}
    for stance, items in value.items():
        rows = string_lists(items, f"PAIRS.{stance}")
        if any(len(row) != 2 for row in rows):
            raise BankError(f"PAIRS.{stance}: every entry is a question and its answer")
        pairs[stance] = [(row[0], row[1]) for row in rows]
    return pairs


# Per stance: (question, answer) pairs, each heard at most once a show.
PAIRS: Final = _pairs(_BANK["PAIRS"])
