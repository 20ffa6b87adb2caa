"""What makes a claim, besides its meaning: the fact's amounts, names and codes, and a sentence.

Meaning (the encoder) says *what happened*; the details say *how much* and *whose*. The
institution and the topic are everywhere in the show, so naming them is not a detail of any fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from radiomirchi.game import balance
from radiomirchi.game.judge.lexicon import FUNCTION_WORDS, STOPWORDS
from radiomirchi.game.judge.quantities import Amount, agree, amounts, codes

_WORD = re.compile(r"[a-z0-9][a-z0-9']*")
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'.-]*)(?:\s+(?:of|and|the|for)?\s*[A-Z][\w'.-]*)*")
_INSTITUTION_WORDS = frozenset(
    "ministry office agency treasury authority council bureau department commission service".split()
)
# Capitalised words that name a kind of thing, not this fact's thing.
_GENERIC = frozenset(
    """
    the a an minister former deputy head internal court bank page customs independent satellite
    leaked only great tonight every official loyal state national lake bay valley district
    province junction reserve quarter annex report register minute order directive circular
    memo ledger inspection file list log protocol dossier tender review january february march
    april may june july august september october november december
    """.split()
)


def stem(word: str) -> str:
    word = word.strip("'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if len(w) > 2 and w not in STOPWORDS}


_DATE = re.compile(
    r",?\s*(?:dated\s+|on\s+|of\s+)?\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d{4},?"
)
_MONTH_YEAR = re.compile(
    r"\s+in\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{4}"
)
_PLACE = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w'.-]*\s?)+(?=[\s,.])")
_ASIDE = re.compile(r",\s*a number [^,.]* never published")


def core_claim(proof: str) -> str:
    """The fact without its date, its place and its asides: what happened, said plainly. Callers
    who remember the claim but not where and when should still be near it."""
    core = _ASIDE.sub("", _PLACE.sub(" ", _DATE.sub(" ", _MONTH_YEAR.sub("", proof))))
    return " ".join(core.split()).replace(" ,", ",")


def institution_of(summary: str, proofs: list[str]) -> str:
    """The body the station speaks for ("Ministry of Water Security"), if it can be told."""
    for text in (summary, *proofs):
        for run in _CAPITALISED_RUN.findall(text):
            run_words = run.split()
            if _INSTITUTION_WORDS & {w.lower() for w in run_words}:
                while run_words and run_words[0].lower() in _GENERIC | {"tonight", "today", "news"}:
                    run_words.pop(0)
                return " ".join(run_words)
    return ""


@dataclass(frozen=True)
class FactDetails:
    amounts: tuple[Amount, ...]
    codes: frozenset[str]
    names: tuple[frozenset[str], ...]  # each name's distinctive words: {"ferreira"}, {"marrow"}


def fact_details(proof: str, common: set[str]) -> FactDetails:
    """``common``: words of the topic and the institution, which no fact owns."""
    names: list[frozenset[str]] = []
    for run in _CAPITALISED_RUN.findall(proof):
        distinctive = frozenset(
            stem(w)
            for w in words(run)
            if w.isalpha()
            and len(w) > 2
            and w not in _GENERIC
            and w not in STOPWORDS
            and stem(w) not in common
        )
        if distinctive:
            names.append(distinctive)
    return FactDetails(
        amounts=tuple(amounts(proof)), codes=frozenset(codes(proof)), names=tuple(dict.fromkeys(names))
    )


@dataclass(frozen=True)
class DetailMatch:
    score: float  # 0..1: how much of the fact's "how much" and "whose" the caller gave
    wrong: bool  # the caller gave an amount that is none of the fact's
    specific: bool  # the fact's amount or code, or two of its names: enough to pin it down
    said: str  # the caller's own words for the matched detail (for the verdict's reason)


def match_details(text: str, said_amounts: list[Amount], fact: FactDetails) -> DetailMatch:
    stems = {stem(w) for w in words(text)}
    amount_hit = next((a for a in said_amounts if any(agree(a, f) for f in fact.amounts)), None)
    # Each amount is checked on its own: a right "four times" does not excuse 250 million for 520.
    wrong = any(
        any(a.percent == f.percent for f in fact.amounts) and not any(agree(a, f) for f in fact.amounts)
        for a in said_amounts
    )
    named = [name for name in fact.names if name & stems]
    # One of a fact's names (a person, a place, a document) already says whose or where.
    name_share = max(len(named) / len(fact.names), balance.ONE_NAME_SHARE) if named else 0.0
    code_hit = bool(fact.codes & codes(text))
    score = min(
        1.0,
        (1.0 if amount_hit else 0.0)
        + balance.NAME_WEIGHT * name_share
        + (balance.CODE_WEIGHT if code_hit else 0.0),
    )
    specific = amount_hit is not None or code_hit or len(named) >= 2
    return DetailMatch(score=score, wrong=wrong, specific=specific, said=_quote(text, named))


def _quote(text: str, named: list[frozenset[str]]) -> str:
    """A short quote of the caller's own detail: a name they said, else nothing."""
    for word in text.split():
        clean = word.strip(".,;:!?'\"()")
        if clean[:1].isupper() and any(stem(clean.lower()) in name for name in named):
            return clean
    return ""


def sentence_factor(text: str) -> float:
    """1 for a sentence, down to SALAD_FLOOR for a string of keywords (few function words)."""
    tokens = words(text)
    if not tokens:
        return balance.SALAD_FLOOR
    share = sum(token in FUNCTION_WORDS for token in tokens) / len(tokens)
    ramp = min(1.0, share / balance.SALAD_FUNCTION_SHARE) ** 2  # a word or two of glue is not a sentence
    return balance.SALAD_FLOOR + (1.0 - balance.SALAD_FLOOR) * ramp
