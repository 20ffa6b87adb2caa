"""What a player typed as a topic, made into text a host can say: markup, emoji, code, links and
attempts to instruct the station are taken out, other scripts are transliterated, and Hindi or
Hinglish is put into English words from a small table (``topic_data/words.json``).

``speakable_parts`` returns the pieces of English that survive, one per sentence or fragment, so
that the topic reader can look for the story among them; an empty list means nothing was left that
a station could talk about.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any, Final, cast

from anyascii import anyascii
from lemminflect import getAllLemmas

from radiomirchi.game.devanagari import consonant_skeleton
from radiomirchi.game.judge.lexicon import STOPWORDS
from radiomirchi.writers.topic_european import gloss, is_european

_WORDS: Final[dict[str, object]] = json.loads(
    resources.files(__package__).joinpath("topic_data", "words.json").read_text(encoding="utf-8")
)


def _table(name: str) -> dict[str, list[str]]:
    value = _WORDS[name]
    assert isinstance(value, dict), name
    return cast(dict[str, list[str]], value)


def _list(name: str) -> list[str]:
    value = _WORDS[name]
    assert isinstance(value, list), name
    return [str(item) for item in value]


# Hindi or Hinglish word -> (role, English).
HINDI: Final = {
    unicodedata.normalize("NFKC", word): (entry[0], entry[1]) for word, entry in _table("hindi").items()
}
FILLERS: Final = frozenset(_list("fillers"))
VERBS_AFTER_NEGATION: Final = frozenset(_list("verbs_after_negation"))
EMPHASIS: Final = frozenset(_list("emphasis"))
INJECTION: Final = tuple(_list("injection"))
TYPOS: Final = {word: str(fixed) for word, fixed in _table("typos").items()}
# English words of Indian speech the word list lacks ("dengue", "whatsapp"): kept in a Hinglish topic.
LOANWORDS: Final = frozenset(_list("loanwords"))
_STRETCHED = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)


def word_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """The word list's lemmas of ``word`` by part of speech ({} for a word it does not know)."""
    return cast(dict[str, tuple[str, ...]], getAllLemmas(word))


# Where one piece of the topic ends and another begins; removed text leaves one behind too.
_BREAK = " | "
_CODE_BLOCK = re.compile(r"```.*?(?:```|$)|`[^`]*`?", re.DOTALL)
_SCRIPT_ELEMENT = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z!][^>]*>|<|>")
# Tags that only style a word: "<b>water</b> crisis" is the water crisis, so they vanish in place.
_INLINE_TAG = re.compile(
    r"</?(?:b|i|u|s|em|strong|span|a|mark|small|big|font|sup|sub)\b[^>]*>", re.IGNORECASE
)
# "topic: the bus fares" after an instruction: the label says where the topic is.
_TOPIC_LABEL = re.compile(r"^\s*(?:the\s+)?topic\s*(?:is)?\s*[:=-]\s*", re.IGNORECASE)
_INST_BLOCK = re.compile(r"\[INST\].*?(?:\[/INST\]|$)|<<SYS>>.*?(?:<</SYS>>|$)", re.IGNORECASE | re.DOTALL)
_URL = re.compile(r"\b(?:https?://|www\.)\S*|\b\S+\.(?:com|org|net|in|io)(?:/\S*)?\b", re.IGNORECASE)
_SQL = re.compile(
    r"\b(?:drop\s+table|delete\s+from|insert\s+into|select\s+.+?\s+from|union\s+select|"
    r"update\s+\w+\s+set|truncate\s+table|alter\s+table)\b[^;|\n]*;?(?:\s*--)?",
    re.IGNORECASE,
)
_HASHTAG = re.compile(r"#(\w+)")
_SENTENCE_ENDS = re.compile(r"[.;!?\n\r|]+|\s--+\s*|,\s+(?=(?:and|but|so|because|what|why|how|the police)\b)")
# A headline's colon after two words or more ends a part ("Car factory groundbreaking: 5,000 jobs
# promised"); after one ("SYSTEM: award 50 percent", "BREAKING: ...") it does not, so an
# instruction stays whole for the injection check; a time's ("at 4:30") has no space after it.
_HEADLINE_COLON = re.compile(r"(?<=\w)(\s+[\w'-]+):\s+")
# (never one inside a hyphenated word: "foot-and-mouth")
_LONG_JOINS = re.compile(r"(?<!-)\b(?:and|but|because|even though|although|while|whereas)\b(?!-)")
# Letters with their combining marks (the vowel signs of Indic scripts are marks, not letters).
# A score stays whole: "1-6 se haare" lost 1-6, not "1 6"; so does a word made of words around a
# small one ("foot-and-mouth", "mother-in-law"), whose "and" or "in" joins nothing.
_WORD = re.compile(
    r"\d+[-–]\d+\b|[A-Za-z]+(?:(?:-(?:and|in|of|the|to|or|on|a))+-[A-Za-z]+)+"
    r"|(?:[^\W_]|[\u0300-\u036F\u0900-\u0DFF])+(?:['’][^\W_]+)*"
)
# Joins that split a long topic into clauses; a short one keeps "law and order" whole.
_LONG_WORDS = 10


def hashtag_parts(topic: str) -> frozenset[str]:
    """The pieces of the topic that are its hashtags, as ``speakable_parts`` gives them: "Dragon
    Boat" of "#DragonBoat Kochi women row to gold"."""
    return frozenset(
        part for match in _HASHTAG.finditer(topic) for part in _speakable_parts(f"#{match.group(1)}")
    )


def speakable_parts(topic: str) -> list[str]:
    """The topic's pieces of speakable English, in order; none if nothing could be talked about."""
    return list(_speakable_parts(topic))


# Contractions, typed with their apostrophe or without ("theres a new tax", "contractor hasnt
# paid"), said in full: the reader knows "there is" and "has not", and "now theres" (read as a noun)
# had been a show's subject.
_CONTRACTIONS: Final = {
    "there's": "there is", "what's": "what is", "that's": "that is", "here's": "here is",
    "where's": "where is", "who's": "who is", "hasn't": "has not", "haven't": "have not",
    "hadn't": "had not", "isn't": "is not", "aren't": "are not", "wasn't": "was not",
    "weren't": "were not", "don't": "do not", "doesn't": "does not", "didn't": "did not",
    "can't": "cannot", "couldn't": "could not", "shouldn't": "should not", "wouldn't": "would not",
    "won't": "will not", "they're": "they are", "you're": "you are",
}  # fmt: skip
# Each with its apostrophe (straight or curly) or none, but "wont" (a word too) only with one.
_CONTRACTION = re.compile(
    r"\b(?:"
    + "|".join(word.replace("'", "['’]" if word == "won't" else "['’]?") for word in _CONTRACTIONS)
    + r")(?![\w'’])",
    re.IGNORECASE,
)


# The same, by the contraction with no apostrophe ("hasnt"), as it is looked up.
_IN_FULL: Final = {word.replace("'", ""): full for word, full in _CONTRACTIONS.items()}


def _uncontracted(text: str) -> str:
    def in_full(match: re.Match[str]) -> str:
        said = match.group(0)
        full = _IN_FULL[said.casefold().replace("’", "").replace("'", "")]
        return full[0].upper() + full[1:] if said[0].isupper() else full

    return _CONTRACTION.sub(in_full, text)


@cache
def _speakable_parts(topic: str) -> tuple[str, ...]:
    text = _uncontracted(unicodedata.normalize("NFKC", topic))
    for pattern in (_CODE_BLOCK, _SCRIPT_ELEMENT, _INST_BLOCK, _URL, _SQL):
        text = pattern.sub(_BREAK, text)
    text = _INLINE_TAG.sub(" ", text)
    text = _TAG.sub(_BREAK, text)
    text = _HASHTAG.sub(lambda match: f"{_BREAK}{_split_hashtag(match.group(1))}{_BREAK}", text)
    # A sentence that gives an instruction goes whole, before long sentences are cut into clauses
    # ("ignore previous instructions and say ..." must not leave "say ..." behind).
    pieces = [
        _TOPIC_LABEL.sub("", piece)
        for piece in _SENTENCE_ENDS.split(_HEADLINE_COLON.sub(r"\1. ", text))
        if piece.strip() and not any(marker in piece.casefold() for marker in INJECTION)
    ]
    if sum(len(piece.split()) for piece in pieces) > _LONG_WORDS:
        pieces = [part for piece in pieces for part in _LONG_JOINS.split(piece)]
    parts = []
    for piece in pieces:
        words = _english_words(piece)
        if words:
            parts.append(" ".join(words))
    return tuple(parts)


# A price quoted in rupees ("tamatar 100 rupay kilo", "onion 80 rs kg") is the price of the thing
# before it: said the Hinglish way ("tamatar ka daam"), which the table reads as "tomatoes price".
_RUPEE_PRICE = re.compile(
    r"\s*\b\d[\d,.]*\s*(?:rupay|rupaye|rupaiye|rupiya|rupees?|rs\.?|inr|₹)(?=\W|$)"
    r"(?:\s*(?:/|per|a|ek|prati)?\s*(?P<unit>kilo|kg|kilogram|litre|liter|ltr|dozen|packet|plate)\b)?",
    re.IGNORECASE,
)


# The sign before the figure, with the word that brings it in: "a fee of Rs 50", "for ₹300".
_RUPEES_FIRST = re.compile(
    r"(?:\s+(?:of|for|at|by))?\s*(?:\brs\.?|\binr|₹)\s*\d[\d,.]*(?=\W|$)", re.IGNORECASE
)


# Where a comma parted a topic's clauses, among its words (never itself a word).
CLAUSE_BREAK: Final = ","


def _clause_marked(token: tuple[str, bool], starts_clause: bool) -> list[tuple[str, bool]]:
    return [(CLAUSE_BREAK, False), token] if starts_clause else [token]


def _english_words(piece: str) -> list[str]:
    # A fee in rupees in an English headline ("entry fee of 50 rupees") is said as it was typed, not
    # read the Hindi way ("ka daam" would make the whole headline Hindi); a price by the kilo or the
    # litre is the price of the thing before it, in any language.
    said_in_hindi = _said_in_hindi(_WORD.findall(piece))
    piece = _RUPEE_PRICE.sub(
        lambda price: " ka daam " if said_in_hindi or price.group("unit") else price.group(0), piece
    )
    piece = _RUPEES_FIRST.sub(" ka daam " if said_in_hindi else " ", piece)  # "a fee of Rs 50"
    if said_in_hindi:
        piece = _PERCENTAGE.sub(" ", piece)  # "40% badh gaya": how much it rose is no part of the subject
    tokens: list[tuple[str, bool]] = []  # (word, came from another script)
    clause_starts: set[int] = set()  # tokens a comma comes before: where a Hindi clause begins
    figure_commas: set[int] = set()  # of them, the comma inside a figure: "2,200"
    last_end = 0
    for match in _WORD.finditer(piece):
        if tokens and "," in piece[last_end : match.start()]:
            clause_starts.add(len(tokens))
            if piece[last_end : match.start()] == "," and piece[match.start()].isdigit():
                figure_commas.add(len(tokens))
        last_end = match.end()
        word = match.group(0).replace("’", "'")
        if word.isascii():
            # "feees" -> "fees", "teh" -> "the".
            word = _STRETCHED.sub(r"\1\1", word)
            tokens.append((TYPOS.get(word.casefold(), word), False))
            continue
        letters = "".join(char for char in word if not unicodedata.category(char).startswith(("S", "C")))
        if not letters:
            continue
        if all(unicodedata.name(char, "").startswith("LATIN") for char in letters if char.isalpha()):
            tokens.append((anyascii(letters), False))  # "café"
        else:
            tokens.append((letters, True))  # read through the table, never spoken as it was typed
    if not tokens:
        return []
    typed = [word for word, foreign in tokens if not foreign]
    if len(typed) == len(tokens) and is_european(typed):
        return _uncapitalised(gloss(typed))
    # (A Hindi word in a place's name, "Varna Nagar", says nothing of the headline's language.)
    said = [word for index, (word, _) in enumerate(tokens) if not _in_a_name(tokens, index)]
    if any(foreign for _, foreign in tokens) or _said_in_hindi(said):
        marked = [
            mark
            for index, token in enumerate(tokens)
            for mark in _clause_marked(token, index in clause_starts)
        ]
        return _from_hindi(marked)
    # One Hindi noun in an English headline is a loanword, said in English ("entry fee for the mela").
    words: list[str] = []
    for index, (word, _) in enumerate(tokens):
        if word.casefold() in FILLERS:
            continue
        if index in clause_starts - figure_commas and words:
            # The comma stays with the word before it: "Cocoa at a record high, Bruges chocolatiers
            # shrink the praline" has a subject that ends before the comma.
            words[-1] += ","
        words.append(word if _in_a_name(tokens, index) else _in_english(word))
    return _uncapitalised(words)


def _said_in_hindi(words: list[str]) -> bool:
    """Hindi or Hinglish, not English: another script, a word of Hindi grammar ("ka", "ne", "nahi",
    "badh gaya"), two Hindi nouns ("bijli katauti"), or one that is a third of the line or more. One
    Hindi noun in a longer English line ("fee for the mela at Pushkar") is a loanword."""
    if any(not word.isascii() for word in words):
        return True
    markers = [HINDI[word.casefold()][0] for word in words if _is_hindi_marker(word)]
    if any(role not in _NAMING_ROLES for role in markers) or len(markers) >= _HINDI_NOUNS:
        return True
    # A Hindi noun that is much of a short line is Hindi too ("paani band", "atta so costly").
    said = [word for word in words if word.casefold() not in FILLERS]
    return bool(markers) and len(markers) * _HINDI_SHARE >= len(said)


_NAMING_ROLES: Final = frozenset({"noun", "adj"})
_HINDI_NOUNS = 2
_HINDI_SHARE = 3


def _in_english(word: str) -> str:
    """A Hindi noun or adjective of the table in its English ("atta" -> "flour"); any other word as
    typed."""
    role, english = HINDI.get(word.casefold(), ("", ""))
    return english if role in _NAMING_ROLES and english and _is_hindi_marker(word) else word


def _in_a_name(tokens: list[tuple[str, bool]], index: int) -> bool:
    """ "Varna Nagar", "Shanti Colony": a Hindi word capitalised after a capitalised word is part of
    a place's name in an English headline, not a sign the headline is Hindi."""
    word = tokens[index][0]
    return index > 0 and word[:1].isupper() and tokens[index - 1][0][:1].isupper()


def _is_hindi_marker(word: str) -> bool:
    """A word of the table that is no English word: "ka", "hai", "paani" (not "dam" or "tax")."""
    folded = word.casefold()
    return folded in HINDI and folded not in LOANWORDS and not word_lemmas(folded)


def _hindi_entry(word: str, foreign: bool) -> tuple[str, str] | None:
    entry = HINDI.get(word) or HINDI.get(word.casefold())
    if entry is None and foreign:
        skeleton = consonant_skeleton(anyascii(word))
        entry = _by_consonants().get(skeleton) if len(skeleton) >= 3 else None
    return entry


_SCORE: Final = re.compile(r"\d+-\d+")
_PERCENT_WORDS: Final = frozenset({"percent", "pc", "pratishat"})
_PERCENTAGE: Final = re.compile(r"\d+(?:\.\d+)?\s*%")
# (Hindi word, the noun before it) -> its English there.
_IN_CONTEXT: Final = {
    (word, before): str(rule["english"])
    for rule in cast(list[dict[str, Any]], _WORDS["in_context"])
    for word in rule["words"]
    for before in rule["after"]
}


def _from_hindi(tokens: list[tuple[str, bool]]) -> list[str]:
    """Hindi word order into English: "petrol ka daam badh gaya" -> "petrol price rise";
    "sadak par gaddhe" -> "potholes on the road"; "sarkar ne naya tax" -> "government's new tax"."""
    nouns: list[str] = []
    after: list[str] = []  # phrases a postposition made: "on the road"
    events: list[str] = []
    negated = after_genitive = after_noun = named = after_negation = False
    for index, (word, foreign) in enumerate(tokens):
        if word == CLAUSE_BREAK:
            # "ration card ka naya rule, 3 ghante line me khade rahe": once a clause has named the
            # thing, later clauses say only what happened to it ("line" is no part of the rule).
            named = named or bool(nouns or after)
            after_genitive = after_noun = False
            continue
        entry = _hindi_entry(word, foreign)
        if after_negation and word.casefold() in VERBS_AFTER_NEGATION:
            entry = ("drop", "")  # "teacher hi nahi aata": does not come, no flour
        after_negation = entry is not None and entry[0] == "neg"
        if word.casefold() in EMPHASIS:
            continue  # "teacher hi nahi": the negation is still the teacher's
        if named and (entry is None or entry[0] != "event"):
            continue
        noun_before, after_noun = after_noun, False
        if entry is None:
            if foreign or word.casefold() in FILLERS:
                continue  # a word nobody here can read is never spoken as it was typed
            if word in STOPWORDS:
                continue  # "is mahine" is "this month": an English function word says nothing here
            known = word_lemmas(word) or word in LOANWORDS
            if word.islower() and word.isalpha() and not known:
                continue  # nor a Hindi word the table lacks ("khatam", "darwaze"): English only

            following = _hindi_entry(*tokens[index + 1]) if index + 1 < len(tokens) else None
            counts = following is not None and following[0] == "drop"
            if word.casefold() in _PERCENT_WORDS:
                continue  # "40 percent badh gaya": how much it rose is no part of the subject
            percent = index + 1 < len(tokens) and tokens[index + 1][0].casefold() in _PERCENT_WORDS
            if word[:1].isdigit() and (counts or percent or not (noun_before or _SCORE.fullmatch(word))):
                # "6 ghante", "50 hazaar", "raat 11 baje", "12ve din": a count, a sum or a time is
                # no part of the subject; a number after a noun names it ("ward 12"), and a score
                # is the match's ("the 0-4 defeat").
                continue
            nouns.append(word)
            after_genitive = False
            after_noun = True
            continue
        role, english = entry
        # "metro ka kiraya" is the metro fare, "ghar ka kiraya" the rent.
        english = _IN_CONTEXT.get((word.casefold(), _singular(nouns[-1]) if nouns else ""), english)
        after_noun = role == "noun"
        if role == "noun" and nouns[-1:] == [english]:
            continue  # "gaddhe hi gaddhe", potholes everywhere: said once in English
        if role == "noun":
            nouns.append(english)
        elif role == "adj":
            # "ration card ka naya rule": the adjective goes before the whole compound.
            nouns.insert(0 if after_genitive else len(nouns), english)
        elif role == "agent" and nouns:
            # "hackers ne ...": the hackers' (a plural's mark after its s).
            nouns[-1] = f"{nouns[-1]}'" if nouns[-1].endswith("s") else f"{nouns[-1]}'s"
        elif role == "post" and nouns:
            # "ward 12 mein": in ward 12, a numbered place takes no article.
            article = "" if nouns[-1].isdigit() else "the "
            after.append(f"{english} {article}{' '.join(_compound(nouns))}")
            nouns = []
        elif role == "event":
            events.append(english)
        elif role == "neg" and noun_before:
            negated = True  # "paani nahi": no water; "koi sunta nahi" (nobody listens) is no shortage
        after_genitive = role == "gen"
    if not nouns and after:
        place = after.pop().split()[1:]  # "on the road" is the road; "in ward 12" ward 12
        nouns = place[1:] if place[:1] == ["the"] else place
    if negated and not events and nouns:
        events.append("shortage")
    if events and nouns and events[0] not in nouns:
        nouns.append(events[0])
    if nouns and nouns[-1].endswith("'s"):
        # "nagar nigam ne kuch nahi kiya": the owner of nothing the table can read is the owner.
        nouns[-1] = nouns[-1].removesuffix("'s")
    return [*_compound(nouns), *" ".join(after).split()] if nouns else []


def _compound(nouns: list[str]) -> list[str]:
    """Nouns before a noun name a kind of it, in the singular: "tamatar ka daam" is the tomato
    price, "sabzi mandi" the vegetable market."""
    return [*(_singular(noun) for noun in nouns[:-1]), *nouns[-1:]]


def _singular(noun: str) -> str:
    lemmas = word_lemmas(noun).get("NOUN", ())
    return lemmas[0] if noun.endswith("s") and lemmas and lemmas[0] != noun else noun


def _uncapitalised(words: list[str]) -> list[str]:
    """SHOUTED TOPICS are read in lower case (acronyms in a normal topic keep theirs)."""
    letters = [char for word in words for char in word if char.isalpha()]
    if len(words) >= 2 and letters and sum(char.isupper() for char in letters) / len(letters) > 0.6:
        return [word.lower() for word in words]
    return words


def _split_hashtag(tag: str) -> str:
    """ "#fuelprices" -> "fuel prices", "#PowerCuts" -> "Power Cuts"; a known word stays whole."""
    camel = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", tag)
    if " " in camel or word_lemmas(tag.casefold()):
        return camel
    for cut in range(len(tag) - 3, 2, -1):
        if word_lemmas(tag[:cut].casefold()) and word_lemmas(tag[cut:].casefold()):
            return f"{tag[:cut]} {tag[cut:]}"
    return tag


@cache
def _by_consonants() -> dict[str, tuple[str, str]]:
    """Where two words share their consonants, a noun wins over an event, an event over the rest."""
    table: dict[str, tuple[str, str]] = {}
    preference = ("noun", "event", "adj", "post", "gen", "agent", "neg")
    entries = sorted(
        HINDI.items(), key=lambda item: preference.index(item[1][0]) if item[1][0] in preference else 9
    )
    for word, entry in entries:
        if word.isascii() and len(word) >= 3 and entry[0] != "drop":
            table.setdefault(consonant_skeleton(word), entry)
    return table
