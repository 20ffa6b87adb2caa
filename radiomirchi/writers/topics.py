"""Reading a free-text topic: whether to invent one, its key words, its kind, and its grammar.

``read_topic`` tells the writer what sort of story the topic is (a tax, a project, a disaster, an
election ...), the noun phrase to use for it, whether that phrase is plural, and any place the
topic names, so that every template can be filled grammatically. A topic it cannot place falls back
to the generic kind, whose templates only ever use the subject after "about" or "on".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from radiomirchi.game.judge.lexicon import STOPWORDS
from radiomirchi.game.topic_kinds import detect_kind
from radiomirchi.writers.offline import kinds

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_SUBJECT_MAX_WORDS = 10
_INVENT_WORDS = frozenset({"", "any", "anything", "random", "surprise me"})
# Words that end the head noun phrase: "bread prices in the capital", "the bridge that collapsed".
_PHRASE_BREAKS = frozenset(
    "in at on of for from by with without during after before near under over that which who "
    "where when since against across to into".split()
)
_DETERMINERS = frozenset("the a an this that these those our their my your his her its every".split())
# Singular heads that read well without "the": "pension reform", "rail privatisation".
_MASS_SUFFIXES = ("tion", "sion", "ism", "ment", "ance", "ence", "ity", "ing", "ship", "ness", "cy", "ure")
_MASS_NOUNS = frozenset(
    "reform care safety pollution inflation housing healthcare welfare conscription surveillance "
    "censorship unemployment austerity rationing water power electricity food bread".split()
)
_PRONOUNS = frozenset("we they you i it he she people".split())
_ON_AIR_PRONOUNS = {
    "my": "a listener's",
    "our": "the nation's",
    "i": "a listener",
    "me": "a listener",
    "we": "people",
}
_NOT_PLACES = frozenset(
    "monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday "
    "saturdays sunday sundays january february march april may june july august september october "
    "november december christmas easter".split()
)
_NOT_PLURAL = frozenset("news series species gas bus lens status census chaos crisis analysis".split())
_PLACE_AFTER = re.compile(
    r"\b(?:in|at|near|outside|across)\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
_CAPITAL_RUN = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)*")


@dataclass(frozen=True, slots=True)
class TopicReading:
    """What the writer knows about a topic before it writes a word."""

    topic: str
    kind: str
    subject: str
    plural: bool
    place: str | None
    # A question or clause ("why the buses are late"): the station cannot brag about it.
    clause: bool = False
    # How a host refers to it the second time: "the collapse" for "the Halden dam collapse".
    short: str = ""


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
        if len(folded) < 3 or folded in STOPWORDS or folded in seen:
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


def read_topic(topic: str) -> TopicReading:
    subject = subject_phrase(topic)
    words = subject.split()
    if words[0].casefold() in kinds.CLAUSE_STARTERS:
        # "why the buses are late" is no noun phrase; "the question of why the buses are late" is.
        return TopicReading(
            topic=topic,
            kind=kinds.GENERIC_KIND,
            subject=f"the question of {_as_indirect_question(_third_person(words))}",
            plural=False,
            place=topic_place(topic),
            clause=True,
            short="the question",
        )
    head = _head_noun(words)
    plural = _is_plural(head)
    subject = " ".join(_third_person(words))
    if words[0].casefold() not in _DETERMINERS and not plural and not _is_mass(head):
        subject = f"the {subject}"
    # A short name only for a long subject whose head is a plain noun: "the tax", "the results".
    shortens = len(subject.split()) >= 3 and head.isalpha() and not _is_mass(head)
    short = f"the {head}" if shortens and head != words[0].casefold() else subject
    return TopicReading(
        topic=topic,
        kind=detect_kind(topic),
        subject=subject,
        plural=plural,
        place=topic_place(topic),
        short=short,
    )


def topic_place(topic: str) -> str | None:
    """A place the topic names: "in Orsk", "at the Halden Dam", or a capitalised name inside it."""
    match = _PLACE_AFTER.search(topic)
    if match and match.group(1).split()[-1].casefold() not in _NOT_PLACES:
        return match.group(1)
    for run in _CAPITAL_RUN.finditer(topic):
        # The first word may just be capitalised ("Rail privatisation"); names further in are places.
        name = run.group(0).casefold()
        if run.start() > 0 and name not in STOPWORDS and name.split()[0] not in _NOT_PLACES:
            return run.group(0)
    return None


def _third_person(words: list[str]) -> list[str]:
    """The player's "my cat" is, on air, "a listener's cat"."""
    return [_ON_AIR_PRONOUNS.get(word.casefold(), word) for word in words]


def _as_indirect_question(words: list[str]) -> str:
    """ "should we ban cars" -> "whether we should ban cars"; "why ..." stays as it is."""
    if words[0].casefold() in kinds.QUESTION_WORDS or len(words) < 2:
        return " ".join(words)
    if words[1].casefold() in _PRONOUNS:
        return " ".join(["whether", words[1], words[0], *words[2:]])
    return "whether " + " ".join(words[1:]) if words[0].casefold() == "whether" else " ".join(words)


def _head_noun(words: list[str]) -> str:
    """The last word before the first preposition or relative word: "prices" in "bread prices in Orsk"."""
    head = words[0]
    for word in words[1:]:
        if word.casefold() in _PHRASE_BREAKS:
            break
        head = word
    return head.casefold().strip(".,;:'\"")


def _is_plural(head: str) -> bool:
    if head in _NOT_PLURAL or head.endswith(("ss", "us", "is", "'s")):
        return False
    return len(head) > 3 and head.endswith("s")


def _is_mass(head: str) -> bool:
    return head in _MASS_NOUNS or head.endswith(_MASS_SUFFIXES)
