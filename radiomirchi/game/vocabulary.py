"""The words a player is likely to say that a speech recogniser cannot guess: the names on the
mission's page (its hosts, its station, and the people, places, bodies and document codes of its
proof sentences). Handed to the recogniser with each spoken break-in: Whisper tiny.en heard
"Kavya Varga" as "Kogivaga" and "Elena Demir" as "Eleanor Demer" without them (measured in
docs/PERFORMANCE.md)."""

from __future__ import annotations

import re
from typing import Final

from radiomirchi.schemas import PropagandaMission

# Enough for every name of a mission; Whisper reads at most 224 tokens of prompt.
MAX_TERMS: Final = 40
# A run of capitalised words, with the small words names keep inside them ("Ministry of Water
# Security", "Bank of the North"), or a document code ("E-5961", "R-746").
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|the|for|and|de|van|al)\s+)*[A-Z][\w'’-]*)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+)$")


def spoken_vocabulary(mission: PropagandaMission) -> tuple[str, ...]:
    """The mission's names, the hosts' first; a capitalised word that only opens a sentence ("Bank
    records show...") is not a name."""
    result = mission.generation_result
    terms = [speaker.name for speaker in result.speakers]
    terms.append(result.station_name)
    for sentence in result.proof_sentences:
        for match in _NAME.finditer(sentence):
            name = match.group(0)
            opens = _SENTENCE_START.search(sentence[: match.start()]) is not None
            if opens and " " not in name:
                continue
            terms.append(name)
    unique = list(dict.fromkeys(term.strip() for term in terms if term.strip()))
    return tuple(unique[:MAX_TERMS])
