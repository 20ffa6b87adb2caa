"""Topics typed in Spanish, French, German or Portuguese, glossed into English word by word from a
table of headline words (``topic_data/european.json``, accents folded): "Huelga de maestros
paraliza las escuelas de Santa Irene" is read and said as "strike of teachers paralyses the
schools of Santa Irene". Names and numbers stay; a word the table lacks that is no English word is
dropped, never said as it was typed.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Final

from lemminflect import getAllLemmas

from radiomirchi.game.judge.lexicon import STOPWORDS

GLOSSES: Final[dict[str, str]] = json.loads(
    resources.files(__package__).joinpath("topic_data", "european.json").read_text(encoding="utf-8")
)["glosses"]
# A topic is read as one of these languages when it has at least this many of the table's words
# that are no English words, and no more English words than those.
MIN_FOREIGN_WORDS: Final = 2


def _english(word: str) -> bool:
    """A word the word list knows, or an English function word it has no lemma for ("the", "in":
    "the dengue outbreak in rio de janeiro" is English)."""
    folded = word.casefold()
    return folded in STOPWORDS or bool(getAllLemmas(folded))


def is_european(words: list[str]) -> bool:
    foreign = sum(word.casefold() in GLOSSES and not _english(word) for word in words)
    english = sum(word.casefold() not in GLOSSES and _english(word) for word in words)
    return foreign >= MIN_FOREIGN_WORDS and english <= foreign


def gloss(words: list[str]) -> list[str]:
    """The words in English: the table's glosses, names and numbers as typed."""
    glossed: list[str] = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        english = GLOSSES.get(word.casefold())
        if english is not None and not _in_name(words, index):
            glossed.extend(english.split())
            continue
        # A capital at the start of a headline is no name unless a capitalised word follows it.
        name = word[:1].isupper() and (index > 0 or following[:1].isupper())
        if name or word.isdigit() or _english(word):
            glossed.append(word)
    # "of the the", "the the": two function words glossed in a row; "after of 30 years"; "whole the".
    kept: list[str] = []
    for word in glossed:
        previous = kept[-1].casefold() if kept else ""
        if word.casefold() == previous or (previous == "after" and word == "of"):
            continue
        if previous == "whole" and word == "the":
            kept[-1:] = ["the", "whole"]  # "toda la ciudad", "toute la ville": the whole city
            continue
        kept.append(word)
    return kept


def _in_name(words: list[str], index: int) -> bool:
    """A capitalised word beside a capitalised word the table lacks is part of a name ("Vila Nova")."""
    if not words[index][:1].isupper():
        return False
    beside = [words[at] for at in (index - 1, index + 1) if 0 <= at < len(words)]
    return any(word[:1].isupper() and word.casefold() not in GLOSSES for word in beside)
