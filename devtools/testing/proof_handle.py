"""A short handle for a proof point ("the Treasury Risk Register 2022", "31% of"), as a scripted
caller cites its evidence in the benchmark. The game itself never says one: it names hidden details."""

from __future__ import annotations

import re

from radiomirchi.game.judge.lexicon import STOPWORDS

_DOCUMENT = re.compile(
    r"(?:[A-Z][\w'-]*\s)+(?:Report|Review|Register|Minute|Annex|Ledger|Directive|Order|File|List|Log|"
    r"Circular|Protocol|Dossier|Tender|Inspection)(?:\s[A-Z]{0,2}-?[\d/]+)?|memo [A-Z]-\d+"
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NUMBER_WITH_NOUN = re.compile(r"(\d[\d,]*%?)\s([a-z]+)")


def proof_handle(proof: str) -> str:
    """A short handle for a proof point: its document, else its first number with the word after
    it, else "the evidence". It names hidden details: never put it in front of the caller unless
    they said it (verdict reasons quote only the caller's own words)."""
    document = _DOCUMENT.search(proof)
    if document:
        return document.group(0).strip().removeprefix("The ")
    for match in _NUMBER_WITH_NOUN.finditer(proof):
        number, noun = match.group(1), match.group(2)
        if noun.lower() not in STOPWORDS:
            return f"{number} {noun}"
    numbers: list[str] = _NUMBER.findall(proof)
    return numbers[0] if numbers else "the evidence"
