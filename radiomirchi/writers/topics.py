"""Reading a free-text topic: whether to invent one, its story, its kind, and its grammar.

``story_of`` keeps the part of what the player typed that a host can say (``topic_text`` takes out
markup, code and instructions and puts Hindi into English), the first clause of a ramble that names
a story. ``read_topic`` tells the writer what sort of story it is (a tax, a project, a disaster, an
election ...), the noun phrase to use for it, its head noun and whether that is plural (from the
word classes of ``lemminflect``), and any place the topic names, so that every template can be
filled grammatically. A topic it cannot place falls back to the generic kind, whose templates only
ever use the subject after "about" or "on".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from radiomirchi.game.judge.lexicon import STOPWORDS
from radiomirchi.game.topic_kinds import KIND_KEYWORDS, story_kind
from radiomirchi.writers.offline import kinds
from radiomirchi.writers.story_kind import kind_of
from radiomirchi.writers.topic_parse import (
    FAILURE_HEADS,
    FAILURE_STATES,
    MONEY_SUBJECTS,
    headline_event_kind,
    headline_subject,
    served_verb,
    subject_end,
)
from radiomirchi.writers.topic_text import FILLERS, hashtag_parts, speakable_parts, word_lemmas

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
# Bodies and places whose ending sounds abstract: "the city corporation", "the junction".
_COUNTED_DESPITE_SUFFIX = frozenset(
    "corporation station nation institution federation association organisation organization "
    "foundation commission mission division delegation junction section intersection "
    # Projects and works one can point at: "the airport runway extension", "the flyover demolition".
    "extension expansion demolition renovation installation excavation inspection closure".split()
)
_MASS_NOUNS = frozenset(
    "reform care safety pollution inflation housing healthcare welfare conscription surveillance "
    "censorship unemployment austerity rationing water power electricity food bread".split()
)
_PRONOUNS = frozenset("we they you i it he she people".split())
BAN_KIND = "ban_law"
# The kinds of an event that may be called off, cancelled or postponed by an order (a disaster too:
# the model reads "marathon called off" as one).
_CALLED_OFF_KINDS: Final = frozenset(
    {"festival", "sport_win", "sport_defeat", "generic", "disaster_accident"}
)
_ORDER: Final = "order"
# A ban or cancellation said of a thing that is not itself a law: the station defends the order.
_MEASURES: tuple[tuple[frozenset[str], tuple[str, str]], ...] = (
    (
        frozenset("ban bans banned banning outlaw outlawed prohibit prohibited forbid forbidden".split()),
        ("ban", "the ban on {subject}"),
    ),
    (
        frozenset("postpone postponed postponing delay delayed".split()),
        (_ORDER, "the order postponing {subject}"),
    ),
    (
        frozenset(
            "cancel cancels cancelled canceled cancelling canceling scrap scrapped scrapping axe axed".split()
        )
        | frozenset({"call off", "called off", "calls off", "calling off"}),
        (_ORDER, "the order cancelling {subject}"),
    ),
)
# Heads that are already the measure: "the new parking rule" needs no "ban on".
_LAW_NOUNS = frozenset(
    "ban bans law laws rule rules order orders act bill decree regulation regulations policy curfew "
    "restriction restrictions tax fee fees fine fines cancellation postponement".split()
)
# Who acts in a question's clause ("why did they...", "who let them..."): its object is the thing.
_ACTORS = _PRONOUNS | frozenset("them us him me someone somebody".split())
_KEEPS = frozenset("keeps keep kept".split())
# A comma followed within this many words by "and" or "or" is a list's.
_LIST_REACH = 3
_LIST_JOINS = frozenset({"and", "or"})
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
# A name that ends so is a prize, an event or a law, not a place ("the Nehru Trophy", "the Ujjwala
# Yojana"): the weather is never in it.
_NAMED_THINGS = frozenset(
    "trophy cup award awards prize medal championship championships league games open tournament "
    "yojana scheme act bill day week festival mela marathon race series final finals".split()
)
# Nouns with no singular, which the word lists give as their own lemma ("the arrears are").
_ALWAYS_PLURAL = frozenset(
    "people police cattle arrears dues savings earnings outskirts proceeds premises goods clothes "
    "belongings surroundings remains riches wages".split()
)
_IRREGULAR_PLURALS = frozenset("children men women teeth feet mice geese data media criteria".split())
# Nouns that date a story but are never what it is about: "for three weeks now the water ...".
_TIME_NOUNS = frozenset(
    "week weeks day days month months year years time times hour hours minute minutes once today "
    "tonight yesterday tomorrow morning evening night now".split()
) | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays "
    "fridays saturdays sundays".split()
)
# After "the government says", the story is what it says.
_REPORTING_VERBS = frozenset(
    "says said claims claimed announces announced promises promised insists insisted denies denied "
    "admits admitted wants plans planned reports reported".split()
)
# The longest "that ..." clause the subject keeps, counting "that": "the bridge that collapsed".
_RELATIVE_CLAUSE_WORDS = 5
# A prepositional phrase these open stays with the subject: "stray dogs at the metro station".
_ATTACHED_PREPOSITIONS = frozenset(
    "on in at near for of from over against across outside during after before under with without "
    "between among inside by".split()
)
# Verbs that take another verb after a noun: "the goat keeps eating", never "goat keeps".
_CATENATIVE_VERBS = frozenset(
    "keeps starts stops continues begins needs wants tries goes comes gets seems refuses".split()
)
# Said after a noun, these tell where or when, not what: "parking fees downtown".
_TRAILING_ADVERBS = frozenset("downtown uptown nationwide overseas abroad locally today tonight".split())
_QUESTION_WORDS = frozenset("why how what whether who when where which".split())
_AUXILIARIES = frozenset(
    "is are was were did does do has have had will would can could should shall may might must am".split()
)
_DO_AUXILIARIES = frozenset("did does do will would can could should shall may might must".split())
_BE_FORMS = frozenset("is are was were am".split())
# Words no subject phrase runs through.
_STOPS = (
    _QUESTION_WORDS
    | _AUXILIARIES
    | _PHRASE_BREAKS
    | frozenset(
        "and or but nor so not no there here again up down out off very too just really always never "
        "even still already also to into onto about than as if because".split()
    )
)
# How much of a story a clause must name (a noun counts 1, a kind's telling word its weight).
_STORY_SCORE = 2.0
# What a station talks about when the player typed nothing it could read.
_NOTHING_SAID = "the news"
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
    # The subject's head noun, whose number the verbs agree with: "prices" in "bread prices in Orsk".
    head: str = ""


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


def story_of(topic: str) -> str:
    """The piece of the topic that holds its story, as English a host can say ("" if none):
    "where did the cyclone relief money go" stays; "petrol ka daam badh gaya" is "petrol price
    rise"; of a long ramble, the first clause that names enough of a story; markup and code never."""
    parts = speakable_parts(topic)
    if not parts:
        return ""
    # A ramble names its story early: the first clause that names some of one.
    scores = [_story_score(part.split()) for part in parts]
    telling = [(part, score) for part, score in zip(parts, scores, strict=True) if score >= _STORY_SCORE]
    if not telling:
        return parts[scores.index(max(scores))]
    # A hashtag labels the story the words beside it tell: "#DragonBoat Kochi women row to gold at
    # the Hong Kong races" is the race won, not a boat (which had been read as a disaster).
    tags = hashtag_parts(topic)
    told_in_words = [(part, score) for part, score in telling if part not in tags]
    telling = told_in_words or telling
    first, first_score = telling[0]
    # A label before a headline's colon made only of names and words English does not know
    # ("Seoul banjiha: semi-basement flats still rented out ...") tags the story that follows it.
    after_label = _after_a_label(topic, first, parts)
    if after_label:
        return after_label
    # ... unless it only tells of the caller's own life, and a later clause tells more ("so my
    # daughter goes to the government school in Rampur and ... they have not served the mid day meal").
    later = max(telling[1:], key=lambda told: told[1], default=None)
    if _tells_own_life(first) and later is not None and later[1] > first_score:
        return later[0]
    return first


def _after_a_label(topic: str, first: str, parts: list[str]) -> str:
    """The part after ``first`` when ``first`` stands before a colon in the topic and is only names
    and words English does not know (a place, an acronym, a word of another language); "" otherwise."""
    at = parts.index(first)
    if at + 1 >= len(parts) or not re.search(rf"{re.escape(first)}\s*:", topic):
        return ""
    # Only a bare tag: "Timket in Gondar" or "Ropeway from Dehradun to Mussoorie" is a subject
    # phrase with its place, and what follows it tells less of the kind ("first pillars rising").
    words = [word.casefold() for word in _WORD.findall(first)]
    if any(word in STOPWORDS or word_lemmas(word) for word in words):
        return ""
    following = parts[at + 1]
    return following if _story_score(following.split()) >= _STORY_SCORE else ""


def _first_plain_verb(folded: list[str], start: int) -> int | None:
    """Where the first word from ``start`` on is a verb in its plain form ("why did the Mumbai
    local run 40 mins late": run), which the parse took for a noun ("the local run"); None if none."""
    return next(
        (at for at in range(start, len(folded)) if folded[at] in word_lemmas(folded[at]).get("VERB", ())),
        None,
    )


def _tells_own_life(clause: str) -> bool:
    """The caller, or one of their family, doing what they do: "my daughter goes to the government
    school", "we moved to Balia last year" (not "my kid's school bus has not shown up")."""
    words = [word.casefold() for word in clause.split()[:2]]
    if not words:
        return False
    return words[0] in _OWN_LIFE or (words[0] in ("my", "our") and words[1:] != [] and words[1] in _FAMILY)


def read_topic(topic: str) -> TopicReading:
    story = story_of(topic) or _NOTHING_SAID
    # The kind reads the story in the light of the whole topic ("... and they are still sitting
    # there" tells a sit-in of a ramble whose story is a notice on a mill's gate).
    whole = " ".join(speakable_parts(topic))
    # "the junior chess team takes gold": the story is the team's, not "the team takes gold"'s.
    words = (headline_subject(story) or story).split()
    span = _subject_span(words)
    words = [word.removesuffix(",") for word in words]  # (the commas have marked where clauses end)
    if span is None:
        return _clause_reading(story, words, whole)
    start, head_at, end = span
    # "metro line stuck in a tunnel": the subject ends where its failure is told.
    told = next((at for at in range(start + 1, end) if words[at].casefold() in FAILURE_STATES), end)
    if told < end:
        end, head_at = told, min(head_at, told - 1)
    head = words[head_at].casefold()
    plural = _is_plural(head)
    phrase = _third_person(words[start:end])
    # "Mandatory meters" reads "about mandatory meters"; acronyms such as "NASA" and names the word
    # list does not know ("India", "Bangladesh") keep their case.
    if (
        start == 0
        and len(phrase[0]) > 1
        and phrase[0][0].isupper()
        and phrase[0][1:].islower()
        and not _is_name(phrase[0])
    ):
        phrase[0] = phrase[0].lower()
    subject = " ".join(phrase)
    first = subject.split()[0].casefold()
    possessive_name = first.endswith("'s") and phrase[0][:1].isupper()
    # A name alone takes no article: "India", not "the India".
    only_names = all(_is_name(word) for word in phrase)
    bare = (
        first not in _DETERMINERS
        and not possessive_name
        and not only_names
        and not (plural and not first.endswith("'s"))
    )
    if bare and (first.endswith("'s") or not _is_mass(head)):
        subject = f"the {subject}"
    # A short name only for a long subject whose head is a plain noun: "the tax", "the results".
    shortens = len(subject.split()) >= 3 and head.isalpha() and not _is_mass(head)
    # An acronym keeps its capitals: "the ID", not "the id".
    head_said = words[head_at] if words[head_at].isupper() and len(words[head_at]) > 1 else head
    short = f"the {head_said}" if shortens and head != first else subject
    kind = headline_event_kind(story) or kind_of(story, whole)
    measure = _measure_against(story.split(), words[start:end]) if head not in _LAW_NOUNS else None
    if measure is not None and measure[0] == _ORDER and kind in _CALLED_OFF_KINDS:
        # "why did they cancel the kite festival", "city marathon called off": the story is the
        # order, which the station defends, not a festival to celebrate or a race to cheer.
        kind = BAN_KIND
    if kind != BAN_KIND:
        measure = None
    boastful = story_kind(kind).stance in _BOASTFUL
    if head in FAILURE_HEADS and boastful:
        # A station that boasts of hospitals boasts of the response to a shortage, never of the
        # shortage ("who should we thank for the oxygen shortage?").
        subject, short, head, plural = f"the response to {subject}", "the response", "response", False
    elif boastful and _told_failing(words[end:]):
        # Nor of a machine "broken for two years": of the response to the trouble with it.
        subject = f"the response to the trouble with {subject}"
        short, head, plural = "the response", "response", False
    if measure is not None:
        # "why did they cancel the kite festival": the story is the order, and the station defends
        # it ("arrested under the order cancelling the kite festival", not "under the kite festival").
        measure_head, wording = measure
        subject, short, head, plural = (
            wording.format(subject=subject),
            f"the {measure_head}",
            measure_head,
            False,
        )
    return TopicReading(
        topic=story,
        kind=kind,
        subject=subject,
        plural=plural,
        place=topic_place(story),
        short=short,
        head=head,
    )


def _told_failing(predicate: list[str]) -> bool:
    """The words after the subject say it has failed: "broken for two years", "not working"."""
    folded = [word.casefold() for word in predicate]
    not_working = any(first == "not" and second in _WORKING for first, second in itertools.pairwise(folded))
    return not_working or bool(set(folded) & FAILURE_STATES)


_WORKING: Final = frozenset({"working", "functioning", "running", "open", "fixed", "repaired"})
# Stances that praise the story's subject itself.
_BOASTFUL: Final = frozenset({"boast", "celebrate", "praise", "inflate"})


def _measure_against(story: list[str], phrase: list[str]) -> tuple[str, str] | None:
    """The order a ban or cancellation topic tells of, outside its noun phrase ("they cancel",
    "was called off", "banned"): its head noun and wording around the thing, or None."""
    inside = {word.casefold() for word in phrase}
    outside = [word for word in _folded(story) if word not in inside]
    for index, word in enumerate(outside):
        pair = " ".join(outside[index : index + 2])
        for forms, measure in _MEASURES:
            if word in forms or pair in forms:
                return measure
    return None


def _folded(words: list[str]) -> list[str]:
    """The words in lower case, without the punctuation typed around them."""
    return [word.casefold().strip('.,;:!?"') for word in words]


def _is_name(word: str) -> bool:
    """A capitalised word the word list does not know: a place, a country, a person ("Nurses'" is
    the word "nurses")."""
    base = word.removesuffix("'s").removesuffix("'")
    # "Foot-and-mouth" is the words it is made of.
    return (
        word[:1].isupper() and not word_lemmas(base) and not ("-" in base and word_lemmas(base.split("-")[0]))
    )


def _clause_reading(story: str, words: list[str], whole: str) -> TopicReading:
    """No noun phrase to be found: "why the buses are late" is "the question of why ..."."""
    if words[0].casefold() in kinds.CLAUSE_STARTERS:
        words = [words[0].lower(), *words[1:]]
        return TopicReading(
            topic=story,
            # "who do I even vote for in the council elections" is still a story about an election.
            kind=kind_of(story, whole),
            subject=f"the question of {_as_indirect_question(_third_person(words))}",
            plural=False,
            place=topic_place(story),
            clause=True,
            short="the question",
            head="question",
        )
    subject = " ".join(_third_person(words[:_SUBJECT_MAX_WORDS]))
    return TopicReading(
        topic=story,
        kind=kind_of(story, whole),
        subject=subject if subject.casefold().startswith("the ") else f"the matter of {subject}",
        plural=False,
        place=topic_place(story),
        short="the matter",
        head="matter",
    )


def topic_place(topic: str) -> str | None:
    """A place the topic names: "in Orsk", "at the Halden Dam", or a capitalised name inside it."""
    match = _PLACE_AFTER.search(topic)
    if match and match.group(1).split()[-1].casefold() not in _NOT_PLACES:
        return match.group(1)
    for run in _CAPITAL_RUN.finditer(topic):
        # The first word may just be capitalised ("Rail privatisation"); names further in are places.
        name = run.group(0).casefold()
        if (
            run.start() > 0
            and name not in STOPWORDS
            and name.split()[0] not in _NOT_PLACES
            and name.split()[-1] not in _NAMED_THINGS
        ):
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
    """The head of a phrase: "prices" in "bread prices in Orsk"."""
    span = _subject_span(words)
    return words[span[1]].casefold() if span else words[-1].casefold()


def _is_plural(head: str) -> bool:
    if head in _ALWAYS_PLURAL:
        return True
    if head in _NOT_PLURAL or head.endswith(("ss", "us", "'s")):
        return False
    lemmas = word_lemmas(head).get("NOUN")
    if lemmas:
        # "taxis" (of taxi) is plural, "crisis" and "tennis" are not.
        return (head.endswith("s") and any(lemma != head for lemma in lemmas)) or head in _IRREGULAR_PLURALS
    return len(head) > 3 and head.endswith("s") and not head.endswith("is")


# --- finding the noun phrase a story is about ---


# A clause that opens so, or with one of the caller's family, tells of their own life: background
# to a ramble's story.
_OWN_LIFE: Final = frozenset({"i", "i'm", "im", "we", "we're"})
_FAMILY: Final = frozenset(
    "daughter son kid kids children child mother father mom mum dad husband wife brother sister "
    "grandmother grandfather family parents uncle aunt neighbour neighbor".split()
)


def _story_score(words: list[str]) -> float:
    """How much of a story a clause names: the kind's telling words, and its nouns."""
    folded = [word.casefold() for word in words]
    telling = sum(max(weights.get(word, 0.0) for weights in KIND_KEYWORDS.values()) for word in folded)
    nouns = sum(1 for word in folded if _word_class(word) == "noun" and word not in _TIME_NOUNS)
    personal = 1.5 if folded and folded[0] in _PRONOUNS | {"nobody", "no", "what"} else 0.0
    return telling + nouns - personal


def _subject_span(words: list[str]) -> tuple[int, int, int] | None:
    """Where the subject phrase is: (start, head, end), the end past one prepositional phrase
    ("speed cameras on every corner"); None when no noun phrase is there."""
    folded = _folded(words)
    begin = _after_lead_in(folded) or _after_a_command(folded)
    # "they banned street food stalls": a statement of what they did is about what they did it to.
    statement = begin == 0 and len(folded) > 2 and folded[0] in _ACTORS and "VERB" in word_lemmas(folded[1])
    if begin < len(folded) and folded[begin] in _ACTORS and (begin > 0 or statement):
        # "why did they cancel the kite festival": what they did it to is the thing; "should we ban
        # cars" (no article on its object) stays a question.
        acted_on = begin + 2
        if acted_on < len(folded) - 1 and folded[acted_on].endswith("ing") and folded[begin + 1] in _KEEPS:
            acted_on += 1  # "someone keeps tying balloons to the bus shelter": the balloons
        if (
            acted_on < len(folded)
            and "VERB" in word_lemmas(folded[begin + 1])
            and (folded[acted_on] in _DETERMINERS or statement)
        ):
            spans = [span for span in _noun_spans(folded, acted_on) if span[0] == acted_on]
            if spans and folded[spans[0][1]] not in _TIME_NOUNS:
                return spans[0]
        return None
    spans = [span for span in _noun_spans(folded, begin) if folded[span[1]] not in _TIME_NOUNS]
    if not spans:
        return None
    free = [span for span in spans if span[0] == begin or folded[span[0] - 1] not in _PHRASE_BREAKS]
    start, head, end = (free or spans)[0]
    reported = [span for span in spans if span[0] > end]
    if end < len(folded) and folded[end] in _REPORTING_VERBS and reported:
        start, head, end = reported[0]  # "the government says the new pipeline ...": the pipeline
    # ("at all" is no place: "they have not served the mid day meal at all")
    if (
        end < len(folded) - 1
        and folded[end] in _ATTACHED_PREPOSITIONS
        and folded[end : end + 2] != ["at", "all"]
    ):
        after = [span for span in _noun_spans(folded, end + 1) if span[0] == end + 1]
        if after and folded[after[0][1]] not in _TIME_NOUNS:
            end = _before_a_clause(folded, after[0][0], after[0][2])
    elif folded[end : end + 1] in (["that"], ["which"]) and len(folded) - end <= _RELATIVE_CLAUSE_WORDS:
        end = len(folded)  # "the bridge that collapsed": a short relative clause ending the topic stays
    # A clause's comma ends the phrase ("Hilsa at 2,200 a kilo in Kolkata, wedding caterers ..."), a
    # list's does not ("onions, tomatoes and garlic prices").
    comma = next(
        (
            at
            for at in range(start, end - 1)
            if words[at].endswith(",") and not set(folded[at + 1 : at + 1 + _LIST_REACH]) & _LIST_JOINS
        ),
        None,
    )
    if comma is not None:
        end, head = comma + 1, min(head, comma)
    return start, head, end


def _before_a_clause(folded: list[str], start: int, end: int) -> int:
    """Where a place's phrase ends before a clause of its own ("stray cattle on the Delhi Jaipur
    highway causing accidents": the highway, then what the cattle do)."""
    for at in range(start + 1, end):
        word, before = folded[at], folded[at - 1]
        if word.endswith("ing") and _word_class(word) == "verb" and _word_class(before) == "noun":
            return at
    return end


def _after_a_command(folded: list[str]) -> int:
    """Past a demand's verb and its small words: "save the lake", "give me my money back", "bring
    back the old bus route" are about the lake, the money, the bus route (0 for any other topic)."""
    if (
        len(folded) < 2
        or "VERB" not in word_lemmas(folded[0])
        or word_lemmas(folded[0])["VERB"][0] != folded[0]
    ):
        return 0
    at = 1
    while at < len(folded) and folded[at] in _COMMAND_SMALL_WORDS:
        at += 1
    return at if at > 1 or folded[1] in _DETERMINERS else 0


# What may come between a demand's verb and its object: "give me", "bring back", "give us back".
_COMMAND_SMALL_WORDS: Final = frozenset({"me", "us", "back", "up", "out", "down", "off", "them"})


def _after_lead_in(folded: list[str]) -> int:
    """Past "tell me about", "why are", "who stole", "where did" (and its last verb, "go")."""
    if "about" in folded[:6] and folded.index("about") < len(folded) - 1:
        return folded.index("about") + 1
    begin = 0
    if folded and folded[0] in _QUESTION_WORDS:
        begin = 1
        if begin < len(folded) and folded[begin] not in _AUXILIARIES and _word_class(folded[begin]) == "verb":
            begin += 1  # "who stole the clock"
    if begin < len(folded) and folded[begin] in _AUXILIARIES:
        if folded[begin] in _DO_AUXILIARIES and len(folded) - begin > 2:
            # "why does a packet of sanitary pads cost 20 rupees more", "where did the money go":
            # the verb and what follows it are no part of the subject ("why did they cancel the
            # kite festival" is read for what they did it to, further on).
            verb = None
            if folded[begin + 1] not in _ACTORS:
                verb = served_verb(folded, begin)
                if verb is None:
                    verb = _first_plain_verb(folded, begin + 3)
            if verb is not None and verb > begin + 1:
                folded[verb:] = [""] * (len(folded) - verb)
            elif "VERB" in word_lemmas(folded[-1]):
                folded[-1] = ""
        elif folded[begin] in _BE_FORMS and begin + 1 < len(folded) and folded[begin + 1] not in _ACTORS:
            # "are the school buses safe": the subject ends where the parse says, before what it is.
            end = subject_end(folded, begin)
            if end is not None and end > begin + 1:
                folded[end:] = [""] * (len(folded) - end)
        begin += 1
    return begin


def _noun_spans(folded: list[str], begin: int) -> list[tuple[int, int, int]]:
    """Every run of determiner, adjectives and nouns from ``begin`` on: (start, head, end)."""
    spans: list[tuple[int, int, int]] = []
    index = begin
    while index < len(folded):
        end = index
        head = -1
        while end < len(folded) and _continues(folded, index, end):
            word = folded[end]
            # "parking fees downtown": a word that can be an adverb after a noun says where, not what.
            trailing = head >= 0 and word in _TRAILING_ADVERBS
            # A plain verb form inside a phrase is a noun there ("the dam", "the Halden dam collapse").
            plain_verb = (
                end > index and _word_class(word) == "verb" and not word.endswith(("ed", "ing", "en", "s"))
            ) or (end > index and word in _EVENT_ING_NOUNS)  # "ballot rigging": the rigging
            if (_word_class(word) == "noun" or plain_verb) and word not in _DETERMINERS and not trailing:
                head = end
            end += 1
        if head >= 0:
            # "ward 9", "bus route 56", "NH 48": a number right after the head is its label, said with it.
            labelled = head + 1 < len(folded) and _LABEL_NUMBER.fullmatch(folded[head + 1]) is not None
            spans.append((index, head, head + 2 if labelled else head + 1))
        index = max(end, index + 1)
    return spans


_LABEL_NUMBER: Final = re.compile(r"\d{1,4}[a-z]?")


def _continues(folded: list[str], start: int, at: int) -> bool:
    if at >= len(folded):
        return False
    word = folded[at]
    following = folded[at + 1] if at + 1 < len(folded) else ""
    if not word or word in _STOPS or word in _PRONOUNS or word in FILLERS:
        return False
    if word in _DETERMINERS or word.endswith("'s"):
        return at == start or word.endswith("'s")  # a determiner starts a phrase, never sits inside one
    kind = _word_class(word)
    if kind == "verb" and at > start and word in _EVENT_ING_NOUNS:
        return True  # "ballot rigging in ward 5": the rigging
    if kind == "verb":
        # "the flooded underpass", "waiting lists": a participle before a noun; "the Halden dam
        # collapse": a plain form before a noun is a noun the word list only knows as a verb.
        participle = word.endswith(("ed", "ing", "en"))
        plain = at > start and not word.endswith("s") and word == word_lemmas(word)["VERB"][0]
        if plain and folded[at - 1] in _DETERMINERS:
            return True  # "the dam": after "the", a noun whatever the word list says
        return (participle or plain) and _word_class(following) == "noun"
    if kind == "adverb":
        return False
    before = folded[at - 1] if at > start else ""
    if (
        at > start
        and kind == "noun"
        and word.endswith("ing")
        and (_word_class(following) != "noun" or following in _STOPS)
    ):
        # "the water coming out of the tank"; an event's noun stays one ("river poisoning near the
        # tannery", "flooding in the old town").
        return "VERB" not in word_lemmas(word) or word in _EVENT_ING_NOUNS
    noun_before = bool(before) and _word_class(before) == "noun"
    if noun_before and word in MONEY_SUBJECTS:
        return True  # "onion prices through the roof", "bus fares sky high": the prices, the fares
    if noun_before and word in _CATENATIVE_VERBS:
        return False  # "the goat keeps eating"
    if noun_before and following == "to" and "ADJ" in word_lemmas(word):
        return False  # "is the tap water safe to drink"
    if noun_before and "VERB" in word_lemmas(word) and not following.endswith("ing"):
        # "the price rises again", "the goat eats my flowers": a verb, not a noun, when what
        # follows cannot follow a noun (a verb after it makes it the noun: "the team lost").
        adverb_follows = _word_class(following) == "adverb" and following not in _PHRASE_BREAKS | _AUXILIARIES
        if following and (following in _DETERMINERS or following in _PRONOUNS or adverb_follows):
            return False
    return True


# The event nouns of the story kinds' key words that end in "-ing" (poisoning, flooding, rigging).
_EVENT_ING_NOUNS = frozenset(
    word for words in KIND_KEYWORDS.values() for word in words if word.endswith("ing") and word != "missing"
)


@cache
def _word_class(word: str) -> str:
    """noun, adjective, verb or adverb, as far as a word alone tells (an unknown word is a noun)."""
    if not word:
        return ""
    if word in _DETERMINERS or word.endswith("'s") or word.isdigit():
        return "noun" if word.endswith("'s") else "determiner"
    lemmas = word_lemmas(word)
    if not lemmas or "NOUN" in lemmas or "PROPN" in lemmas:
        return "noun"
    if "ADJ" in lemmas:
        return "adjective"
    if "VERB" in lemmas or "AUX" in lemmas:
        return "verb"
    return "adverb"


def _is_mass(head: str) -> bool:
    return head in _MASS_NOUNS or (head.endswith(_MASS_SUFFIXES) and head not in _COUNTED_DESPITE_SUFFIX)
