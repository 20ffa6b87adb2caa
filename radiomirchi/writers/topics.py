"""Reading a free-text topic: whether to invent one, its key words, and a subject phrase."""

from __future__ import annotations

import re

from radiomirchi.writers import offline_templates as data

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_SUBJECT_MAX_WORDS = 10
_INVENT_WORDS = frozenset({"", "any", "anything", "random", "surprise me"})


def wants_invented_topic(topic: str | None) -> bool:
    return normalise_topic(topic).casefold() in _INVENT_WORDS


def normalise_topic(topic: str | None) -> str:
    text = re.sub(r"\s+", " ", topic or "").strip()
    return text.strip(" .!?;:,\"'")


def topic_keywords(topic: str) -> list[str]:
    """Content words of the topic, in order, without duplicates (case-insensitive)."""
    seen: set[str] = set()
    keywords: list[str] = []
    for word in _WORD.findall(topic):
        folded = word.casefold()
        if len(folded) < 3 or folded in data.STOPWORDS or folded in seen:
            continue
        seen.add(folded)
        keywords.append(word)
    return keywords


def subject_phrase(topic: str) -> str:
    """A noun phrase that can stand after "about": the topic itself, or its key words if long."""
    words = topic.split()
    if len(words) > _SUBJECT_MAX_WORDS:
        words = topic_keywords(topic)[:_SUBJECT_MAX_WORDS] or words[:_SUBJECT_MAX_WORDS]
    first = words[0]
    # "Mandatory meters" reads "about mandatory meters"; acronyms such as "NASA" keep their case.
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        words = [first.lower(), *words[1:]]
    return " ".join(words)
