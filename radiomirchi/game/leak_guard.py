"""The leak guard: no host line may give away a hidden fact that the caller has not said.

Whichever writer wrote them, host lines pass through ``guard_lines`` before they enter the show.
A hidden fact's details are its numbers (digits or spelled out), its document codes ("R-1944",
"2024/193"), and the names of its people, places and documents. A sentence that says one the
caller never said is dropped; a line left with no sentence is dropped. So is a line that reads a
hidden fact out nearly word for word, said or not: the hosts never confirm the evidence. The
same pass drops sentences that paste the caller's words back and sentences already said on air.
Organisations ("the Ministry of Water Security") and anything in the public texts (the topic, the
official summary, the station and host names) are not secrets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from radiomirchi.schemas import DialogueLine, PropagandaMission

# A line sharing this share of a hidden fact's distinctive words is reading it out.
PROOF_OVERLAP_LIMIT = 0.6
# A host sentence with this many of the caller's words in a row is pasting the caller.
ECHO_WORDS = 5

# A sentence ends at . ! or ? before a capital (not inside "98.3" or "No. 41" followed by digits).
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'‘“])")
_NUMBER = re.compile(r"(?<![\w-])\d[\d,]*(?:\.\d+)?")
_CODE = re.compile(r"\b(?:[A-Z]{1,4}-?\d[\d/-]*|\d+/\d+)\b")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)*")
_ORGANISATION = re.compile(
    r"(?:[A-Z][\w'’-]*\s+)*(?:Ministry|Office|Authority|Commission|Committee|Agency|Treasury|Council|"
    r"Department|Bureau|Institute|Board|Broadcaster|Service|Services)"
    r"(?:\s+(?:of|for|and|the)(?:\s+[A-Z][\w'’-]*)+)*"
)
_WORD = re.compile(r"[a-z0-9']+")
_SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_UNIT_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
# Spelled-out numbers below this are ordinary speech unless a scale or "percent" follows.
_PLAIN_SPOKEN_BELOW = 13
_TEN_WORDS = {
    word: 10 * (i + 2)
    for i, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
# Capitalised words that name no one in particular: titles, months, parts of place and document names.
_COMMON_WORDS = frozenset(
    """
    a an the of and for in on at by to with from this that these those it its our their internal
    january february march april may june july august september october november december
    minister deputy director chief head judge general doctor dr mr mrs ms sir madam president
    lake river valley bay district province old new quarter northern southern eastern western
    central upper lower north south east west port saint st hospital station centre center
    junction dam reservoir plant works mine shaft block ward school university campus college
    infirmary clinic clinics towers estate zone terminal bridge highway airport cosmodrome pad
    hangar barracks checkpoint border capital state national city town village street square
    report review register minute minutes annex ledger directive order file list log circular
    protocol dossier tender inspection memo record records audit safety water quality risk budget
    building housing allocation flight readiness mission anomaly grid stability energy health
    clinical incident harvest supply security council operational electoral count information
    blocking emissions curriculum structural transport cabinet bank court satellite customs page
    only independent leaked hospital market warehouse ticket turnout a
    """.split()
)


@dataclass(frozen=True, slots=True)
class Secrets:
    """The details of the hidden facts that nobody may say first."""

    numbers: frozenset[str]
    codes: frozenset[str]
    names: frozenset[str]
    phrases: frozenset[str]


def guard_lines(
    lines: Sequence[DialogueLine],
    *,
    proof_sentences: Sequence[str],
    caller_said: Sequence[str] = (),
    public: Sequence[str] = (),
    already_said: Sequence[str] = (),
) -> list[DialogueLine]:
    """``lines`` without any sentence that leaks a detail the caller has not said (see the module),
    pastes the caller's words back at them, or was already said on air (``already_said``: the
    show's host lines so far)."""
    secrets = hidden_details(proof_sentences, caller_said=caller_said, public=public)
    echoes = {gram for text in caller_said for gram in _word_grams(text)}
    said = {_folded(sentence) for text in already_said for sentence in _sentences(text)}
    guarded: list[DialogueLine] = []
    for line in lines:
        if reads_a_proof(line.text, proof_sentences):
            continue
        kept = []
        for sentence in _sentences(line.text):
            if leaks(sentence, secrets) or _word_grams(sentence) & echoes or _folded(sentence) in said:
                continue
            said.add(_folded(sentence))
            kept.append(sentence)
        if kept:
            guarded.append(DialogueLine(speaker=line.speaker, text=" ".join(kept)))
    return guarded


def organisations_named(text: str) -> list[str]:
    """The organisations a text names ("the Ministry of Mines and Industry"): never secrets."""
    return [match.group(0) for match in _ORGANISATION.finditer(text)]


def public_texts(mission: PropagandaMission) -> list[str]:
    """What every listener already knows: the topic, the official line, the station, the hosts."""
    result = mission.generation_result
    return [
        mission.topic,
        result.summary,
        result.station_name,
        *(speaker.name for speaker in result.speakers),
    ]


def hidden_details(
    proof_sentences: Sequence[str], *, caller_said: Sequence[str] = (), public: Sequence[str] = ()
) -> Secrets:
    """What the proofs say that is neither public nor already said by the caller."""
    known_text = " ".join([*caller_said, *public])
    known_numbers = numbers_in(known_text)
    known_words = {word.casefold() for word in re.findall(r"[\w'’-]+", known_text)}
    known_folded = " ".join(known_text.casefold().split())
    numbers: set[str] = set()
    codes: set[str] = set()
    names: set[str] = set()
    phrases: set[str] = set()
    for proof in proof_sentences:
        numbers |= numbers_in(proof) - known_numbers
        codes |= {code for code in _CODE.findall(proof) if not set(re.findall(r"\d+", code)) <= known_numbers}
        for run in _name_runs(proof):
            significant = _significant_words(run)
            names |= {word for word in significant if word.casefold() not in known_words}
            # A document title of plain words ("Reservoir Safety Review") is a secret as a whole.
            if len(run.split()) > 1 and not significant and run.casefold() not in known_folded:
                phrases.add(run.casefold())
    return Secrets(frozenset(numbers), frozenset(codes), frozenset(names), frozenset(phrases))


def leaks(text: str, secrets: Secrets) -> bool:
    if numbers_in(text) & secrets.numbers:
        return True
    if any(re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text) for code in secrets.codes):
        return True
    if any(re.search(rf"\b{re.escape(name)}\b", text) for name in secrets.names):
        return True
    folded = " ".join(text.casefold().split())
    return any(phrase in folded for phrase in secrets.phrases)


def reads_a_proof(text: str, proof_sentences: Sequence[str]) -> bool:
    """Whether ``text`` restates a hidden fact: most of its distinctive words, in any order."""
    words = set(_WORD.findall(text.lower()))
    for proof in proof_sentences:
        proof_words = {word for word in _WORD.findall(proof.lower()) if len(word) > 3 or word.isdigit()}
        if proof_words and len(words & proof_words) / len(proof_words) >= PROOF_OVERLAP_LIMIT:
            return True
    return False


def numbers_in(text: str) -> set[str]:
    """Every number in ``text``, as digits: "1,250" is "1250"; "forty-two" is "42"; "387 million"
    is both "387" and "387000000", so that either way of saying it is the same number."""
    found: set[str] = set()
    for match in _NUMBER.finditer(text):
        digits = match.group(0).replace(",", "").rstrip(".")
        found.add(digits)
        scale = re.match(r"\s+(thousand|million|billion)\b", text[match.end() :].lower())
        if scale and digits.isdigit():
            found.add(str(int(digits) * _SCALE_WORDS[scale.group(1)]))
    return found | _spelled_numbers(text)


def _spelled_numbers(text: str) -> set[str]:
    """Numbers in words. A small one on its own ("this one", "three committees") is just speech;
    it counts with a scale or a percentage ("eight percent", "two million")."""
    found: set[str] = set()
    words = re.findall(r"[a-z]+|[^\sa-z]", text.lower().replace("-", " "))
    total = current = 0
    active = scaled = False
    for word in [*words, ""]:
        if word in _UNIT_WORDS or word in _TEN_WORDS:
            current += _UNIT_WORDS.get(word, 0) + _TEN_WORDS.get(word, 0)
            active = True
        elif word == "hundred" and active:
            current *= 100
            scaled = True
        elif word in _SCALE_WORDS and active:
            found.add(str(current))  # "three hundred million": 300 as well as 300000000
            total += current * _SCALE_WORDS[word]
            current, scaled = 0, True
        elif word == "and" and active:
            continue
        elif active:
            value = total + current
            if scaled or value >= _PLAIN_SPOKEN_BELOW or word in ("percent", "per"):
                found.add(str(value))
            total = current = 0
            active = scaled = False
    return found


def _name_runs(proof: str) -> Iterable[str]:
    """Capitalised runs naming people, places and documents (organisations taken out first)."""
    text = _ORGANISATION.sub(" , ", proof)
    for sentence in _sentences(text):
        stripped = sentence.lstrip(" \"'(")
        start = len(sentence) - len(stripped)
        for match in _CAPITALISED_RUN.finditer(sentence):
            run = match.group(0).rstrip(".,;:'’")
            # A single capitalised word opening the sentence is only the sentence's first word.
            if match.start() == start and " " not in run:
                continue
            yield _CODE.sub("", run).strip().removeprefix("The ")


def _significant_words(run: str) -> set[str]:
    words = (word.strip(".,;:'’\"()").removesuffix("'s").removesuffix("’s") for word in run.split())
    return {
        word
        for word in words
        if len(word) > 2 and word[:1].isupper() and word.casefold() not in _COMMON_WORDS
    }


def _word_grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1)}


def _folded(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.lower()))


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_BREAK.split(text) if part.strip()]
