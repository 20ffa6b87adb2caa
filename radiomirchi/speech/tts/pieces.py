"""How a line is cut for streaming: the first clause alone (so the first audio comes fast), then
sentence by sentence, each with the pause that goes before it."""

from __future__ import annotations

from dataclasses import dataclass

FIRST_CLAUSE_MAX_WORDS = 8
SENTENCE_PAUSE_SECONDS = 0.12
CLAUSE_PAUSE_SECONDS = 0.06

_CLAUSE_PUNCTUATION = ",;:"
_SENTENCE_PUNCTUATION = ".!?…"
_CLOSERS = "\"')]}»”’"
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "st.", "vs.", "e.g.", "i.e.", "etc.", "no.", "jr.", "sr.", "prof."}
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a line synthesised on its own, and the pause to put before it."""

    text: str
    pause_before: float


def _ending(word: str) -> str:
    """'.', ',' ... if the word ends a sentence or a clause, else ''."""
    stripped = word.rstrip(_CLOSERS)
    if not stripped or stripped.casefold() in _ABBREVIATIONS:
        return ""
    last = stripped[-1]
    if last in _SENTENCE_PUNCTUATION:
        return "."
    if last in _CLAUSE_PUNCTUATION:
        return ","
    return ""


def split_for_streaming(text: str, first_clause_max_words: int = FIRST_CLAUSE_MAX_WORDS) -> list[Piece]:
    """The first clause alone (up to , ; : . ! ? or ``first_clause_max_words`` words), then sentences."""
    words = text.split()
    if not words:
        return []
    first_end = min(first_clause_max_words, len(words))
    for index, word in enumerate(words[:first_clause_max_words]):
        if _ending(word):
            first_end = index + 1
            break
    pieces = [Piece(" ".join(words[:first_end]), 0.0)]
    pause_after = {".": SENTENCE_PAUSE_SECONDS, ",": CLAUSE_PAUSE_SECONDS}
    pause = pause_after.get(_ending(words[first_end - 1]), 0.0)
    current: list[str] = []
    for word in words[first_end:]:
        current.append(word)
        if _ending(word) == ".":
            pieces.append(Piece(" ".join(current), pause))
            current = []
            pause = SENTENCE_PAUSE_SECONDS
    if current:
        pieces.append(Piece(" ".join(current), pause))
    return pieces
