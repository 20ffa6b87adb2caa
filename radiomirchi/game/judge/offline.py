"""The offline judge (docs/GAME.md §4): how much an interjection wakes listeners up, and why.

Credit is for a claim: what happened (the meaning of a fact, from a sentence encoder), about how
much and whose (the fact's amounts, names and codes, matched approximately). A string of keywords
is not a sentence and earns little; naming the institution or the topic is not a claim at all.
A question about the show is never a strike; a rebuttal counts when it answers a host line; an
insult or a hijack attempt is a strike.

Verdict kinds (``Verdict.kind``):
    evidence          a fact's claim, in any words (proof_index set)
    evidence_repeat   a fact already used: counts REPEAT_FACTOR as much per earlier use
    hostile_evidence  a fact's claim wrapped in insults: less credit, no strike
    weak_evidence     part of a claim (keywords, or too little of it): a little credit
    contradiction     turns a recent host line against the hosts: a little credit
    pointed_question  asks for a number, a name or a document: a little credit
    question          any other question about the show: nothing, never a strike
    appeal            speaks to the listeners: a little credit
    on_topic          about the show, but no claim: nothing
    praise            kind words for the hosts or the show: nothing, never a strike
    small_talk        a hello, a line check ("am I on air?") or chat that names no other subject:
                      nothing, never a strike
    hostile           insults without a claim: strike, each time it is said
    injection         tries to order the hosts or the game around: strike
    off_topic         not about this show: strike
    nonsense, spam    empty, gibberish, or said before (and no insult): a small loss, no strike
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from radiomirchi.game import balance
from radiomirchi.game.devanagari import Romaniser
from radiomirchi.game.judge import claims, lexicon
from radiomirchi.game.judge.meaning import Memory, MissionMeaning, SentenceEncoder, Vectors
from radiomirchi.game.judge.quantities import amounts
from radiomirchi.game.judge.takeover import takes_over
from radiomirchi.game.judge.verdicts import SMALL_CREDIT_KINDS, Reading, rule, verdict_of
from radiomirchi.schemas import PropagandaMission, Speaker, Verdict

__all__ = ["OfflineJudge", "Reading"]

_INJECTIONS = [re.compile(pattern, re.IGNORECASE) for pattern in lexicon.INJECTION_PATTERNS]
_LINE_CHECKS = [re.compile(pattern) for pattern in lexicon.LINE_CHECKS]
_HOST_LINES_CONSIDERED = 4


class OfflineJudge:
    def __init__(self, encoder: SentenceEncoder) -> None:
        self._memory = Memory(encoder)

    async def judge(
        self,
        text: str,
        mission: PropagandaMission,
        *,
        used_proofs: Counter[int],
        previous_interjections: Sequence[str],
        recent_host_lines: Sequence[str],
    ) -> Verdict:
        """The verdict, computed off the event loop (the encoder is CPU work)."""
        return await asyncio.to_thread(
            self.judge_now,
            text,
            mission,
            used_proofs=used_proofs,
            previous_interjections=previous_interjections,
            recent_host_lines=recent_host_lines,
        )

    def judge_now(
        self,
        text: str,
        mission: PropagandaMission,
        *,
        used_proofs: Counter[int],
        previous_interjections: Sequence[str] = (),
        recent_host_lines: Sequence[str] = (),
    ) -> Verdict:
        """The same verdict, synchronously (the balance simulation runs thousands of these)."""
        typed = _ROMANISED(" ".join(text.split()))
        cleaned = _glossed(typed)
        # A hijack by its form too ("ADMIN: ...", code, a notice "hereby directed" to be read): its
        # meaning can sound like an appeal to the listeners, and earned +2 (10 of 208 labelled hijacks).
        if any(pattern.search(cleaned) for pattern in _INJECTIONS) or takes_over(typed.lower()):
            return verdict_of("injection", balance.INJECTION_POINTS, strike=True)
        if _is_nonsense(cleaned) and not _insulting_words(claims.words(cleaned)):
            return verdict_of("nonsense", balance.NONSENSE_POINTS)
        reading = self.read(
            cleaned,
            mission,
            recent_host_lines=recent_host_lines,
            asked_in_hindi=_asks_in_hindi(text),
            as_typed=typed,
        )
        if any(_same(cleaned, previous) for previous in previous_interjections):
            # Said again, an insult is still an insult: a strike each time, so abuse is cut off.
            if reading.hostile:
                return verdict_of("hostile", balance.HOSTILE_POINTS, strike=True)
            return verdict_of("spam", balance.SPAM_POINTS)
        if reading.orders:
            return verdict_of("injection", balance.INJECTION_POINTS, strike=True)
        verdict = rule(reading, used_proofs)
        if (
            verdict.kind in SMALL_CREDIT_KINDS
            and verdict.change > 0
            and self._echoes(cleaned, previous_interjections)
        ):
            # The same half-claim or question again: small credit has diminishing returns too.
            verdict = verdict.model_copy(update={"change": round(verdict.change * balance.REPEAT_FACTOR, 2)})
        return verdict

    def _echoes(self, text: str, previous: Sequence[str]) -> bool:
        recent = [line for line in previous if line.strip()][-balance.ECHO_LOOKBACK :]
        if not recent:
            return False
        similarity = self._memory.lines(recent) @ self._memory.lines([text])[0]
        return bool(np.max(similarity) >= balance.ECHO_SIMILARITY)

    def read(
        self,
        text: str,
        mission: PropagandaMission,
        *,
        recent_host_lines: Sequence[str] = (),
        asked_in_hindi: bool = False,
        as_typed: str = "",
    ) -> Reading:
        """What the line (glossed in English) says; ``as_typed`` is the line before its Hindi words
        were glossed (in Latin letters), where chat shows in its own words ("Indore se", "ram ram")."""
        result = mission.generation_result
        institution = claims.institution_of(result.summary, result.proof_sentences)
        meaning = self._memory.mission(mission, institution)
        hosts = [line for line in recent_host_lines if line.strip()][-_HOST_LINES_CONSIDERED:]
        # An insult tacked onto a fair point ("..., you spineless worms") is heard on its own.
        parts = _clauses(text)
        vectors = self._memory.encode([text, *parts])
        vector = vectors[0]
        self._memory.remember(text, vector)
        host_vectors = self._memory.lines(hosts) if hosts else None

        common = claims.content_stems(f"{institution} {mission.topic}")
        said = amounts(text)
        sentence = claims.sentence_factor(text)
        matches = [
            claims.match_details(text, said, claims.fact_details(proof, common))
            for proof in result.proof_sentences
        ]
        similarities, meanings = _meaning(vector, meaning, discount=0.0)
        strengths = [_strength(float(m), d, sentence) for m, d in zip(meanings, matches, strict=True)]
        if max(strengths) < balance.FULL_STRENGTH:
            # "It only reached a third" means something on a moon-mission show: the line is also
            # read in the show's context (a little discounted), when its plain reading falls short.
            in_context = self._memory.encode([f"{mission.topic}: {text}"])[0]
            contextual = _meaning(in_context, meaning, discount=balance.CONTEXT_DISCOUNT)
            similarities = np.maximum(similarities, contextual[0])
            meanings = np.maximum(meanings, contextual[1])
            strengths = [_strength(float(m), d, sentence) for m, d in zip(meanings, matches, strict=True)]
        fact = int(np.argmax(strengths))
        strength, similarity, details = strengths[fact], float(similarities[fact]), matches[fact]

        words = claims.words(text)
        question = asked_in_hindi or _is_question(text, words)
        # The hosts' names are everywhere in the show too: saying one back takes up no line.
        host_names = claims.content_stems(" ".join(speaker.name for speaker in result.speakers))
        names = {word for speaker in result.speakers for word in claims.words(speaker.name)}
        greets, small_talk = _greeting(words, names)
        mission_words = common | claims.content_stems(" ".join(result.proof_sentences))
        lowered = text.casefold()
        thanks = _THANKS.search(lowered) is not None or any(pattern.search(lowered) for pattern in _CREDIT)
        typed = as_typed.casefold()
        # Hindi's rude phrases are matched as typed: glossed, "sharam hai ya nahi" is no phrase.
        typed_words = claims.words(typed) if typed else words
        hostile, warm = self._tone(
            words, vectors, mission_words, names, mild=question or greets, typed_words=typed_words
        )
        to_hosts = bool(set(words) & lexicon.SPOKEN_TO)
        if hostile and (thanks or (question and not to_hosts)) and not _insults_them(words):
            # Thanks, and questions about the story, are never struck for a tone the encoder hears
            # in them ("kab tak chalega ye sarpanch pati ka raaj?", "God bless you both") or for a
            # word that insults only when said of someone ("what are we paying the garbage fee
            # for?"). A question put to the hosts may mock them ("who hired you two, a circus?").
            hostile = False
        rebuts = host_vectors is not None and _rebuts(text, vector, host_vectors, hosts, common | host_names)
        return Reading(
            fact=fact,
            strength=strength,
            similarity=similarity,
            detail=details.score,
            specific=details.specific,
            wrong=details.wrong,
            sentence=sentence,
            on_topic=_on_topic(vector, meaning, host_vectors),
            hostile=hostile,
            warm=warm,
            greets=greets,
            small_talk=small_talk,
            slight=_is_slight(words, names),
            chats=any(pattern.search(said) for pattern in _CHAT_SIGNS for said in (lowered, typed)),
            cites=bool(set(words) & lexicon.SOURCE_WORDS),
            refers_back=_refers_back(words, names),
            speaks_of_the_show=bool(set(words) & lexicon.THE_SHOW_ITSELF) or _quotes_the_hosts(text),
            orders=self._orders(vectors),
            question=question,
            addressed=bool(set(words) & lexicon.ASKS_THE_SHOW),
            pointed=question and bool(set(words) & lexicon.POINTED_QUESTION_WORDS),
            accounting=question
            and bool(words)
            and (words[0] in lexicon.ACCOUNTING_OPENERS or bool(set(words) & lexicon.ACCOUNTING_WORDS)),
            about_hosts=_speaks_to_hosts(text, result.speakers) or self._about_hosts(vector),
            thanks=thanks,
            account=_ACCOUNT.search(lowered) is not None,
            appeal=_appeals_in_words(words, result.speakers) or self._appeals(vector),
            rebuts=rebuts,
            quote=details.said,
        )

    def _tone(
        self,
        words: list[str],
        vectors: Vectors,
        mission_words: set[str],
        names: set[str],
        *,
        mild: bool,
        typed_words: list[str],
    ) -> tuple[bool, bool]:
        """(hostile, warm). Hostile by the word lists, or by meaning: the line or one of its clauses
        is nearer an insult than anything a fair caller says, and is not praise. A question or a
        greeting (``mild``) must be plainly insulting: a question to the hosts is never struck for
        its tone alone, nor a hello ("hi Jyoti ji, can u hear me" is near "nobody wants to hear
        you"). Warm: the whole line is praise, and not hostile."""
        if _insulting_words(words) or _insulting_words(typed_words) or _insults_the_hosts(words):
            return True, False
        prototypes = self._memory.prototypes()
        nearest_insult = np.max(vectors @ prototypes.hostile.T, axis=1)
        nearest_civil = np.max(vectors @ prototypes.civil.T, axis=1)
        nearest_warm = np.max(vectors @ prototypes.warm.T, axis=1)
        warm = self._warm(words, vectors, mission_words, nearest_insult)
        # A short clause is near many things: on its own it must be plainly an insult.
        thresholds = np.full(len(vectors), balance.HOSTILE_CLAUSE_SIMILARITY)
        thresholds[0] = balance.HOSTILE_CLAUSE_SIMILARITY if mild else balance.HOSTILE_SIMILARITY
        insulting = (
            (nearest_insult >= thresholds)
            & (nearest_insult - nearest_civil >= balance.HOSTILE_MARGIN)
            # The encoder hears "your voice is soothing" and "your voice makes me sick" as near:
            # an insult is nearer the insults than any kind words, too.
            & (nearest_insult > nearest_warm)
            & ~warm
        )
        # "you have such a soothing voice": a word near an insult, in a line that is plainly kind.
        hostile = bool(np.any(insulting)) or (not warm[0] and self._calls_names(words, names))
        return hostile, not hostile and bool(warm[0])

    def _warm(
        self, words: list[str], vectors: Vectors, mission_words: set[str], nearest_insult: Vectors
    ) -> npt.NDArray[np.bool_]:
        """Per row (the line, then its clauses): praise, by its words or plainly by meaning. Kind
        words that also speak of the mission ("wonderful job hiding the money") are not praise."""
        nearest_warm = np.max(vectors @ self._memory.prototypes().warm.T, axis=1)
        present = set(words)
        if (
            present & lexicon.PRAISE_WORDS
            and not present & lexicon.PRAISE_SPOILERS
            and not claims.content_stems(" ".join(present - lexicon.SHOW_WORDS)) & mission_words
            and nearest_warm[0] >= balance.PRAISE_WORDS_SIMILARITY
        ):
            return np.ones(len(vectors), dtype=bool)
        # Kind words said to the hosts ("you", "your") or of the show itself ("good show tonight").
        spoken_to_hosts = bool(present & (lexicon.SECOND_PERSON | lexicon.SHOW_WORDS))
        threshold = balance.WARM_ADDRESSED_SIMILARITY if spoken_to_hosts else balance.WARM_SIMILARITY
        warm: npt.NDArray[np.bool_] = (nearest_warm >= threshold) & (
            nearest_warm - nearest_insult >= balance.WARM_MARGIN
        )
        return warm

    def _calls_names(self, words: list[str], names: set[str]) -> bool:
        """Speaking to the hosts with a word that means an insult, in no list ("you heartless ...").
        The hosts' own names are no such word: the encoder hears "Leela" near "leech"."""
        if not set(words) & lexicon.SECOND_PERSON:
            return False
        candidates = [
            w
            for w in dict.fromkeys(words)
            if w.isalpha() and len(w) > 2 and w not in lexicon.FUNCTION_WORDS and w not in names
        ]
        if not candidates:
            return False
        prototypes = self._memory.prototypes()
        vectors = self._memory.lines(candidates)
        nearest_insult = np.max(vectors @ prototypes.insult_words.T, axis=1)
        nearest_plain = np.max(vectors @ prototypes.plain_words.T, axis=1)
        return bool(
            np.any(
                (nearest_insult >= balance.INSULT_WORD_SIMILARITY)
                & (nearest_insult - nearest_plain >= balance.INSULT_WORD_MARGIN)
            )
        )

    def _orders(self, vectors: Vectors) -> bool:
        """A hijack attempt by meaning: the line or a clause is plainly an order to the hosts or the
        game, and nearer that than anything a fair caller says."""
        prototypes = self._memory.prototypes()
        nearest_order = np.max(vectors @ prototypes.injection.T, axis=1)
        nearest_civil = np.max(vectors @ prototypes.injection_civil.T, axis=1)
        orders = (nearest_order >= balance.INJECTION_SIMILARITY) & (
            nearest_order - nearest_civil >= balance.INJECTION_MARGIN
        )
        return bool(np.any(orders))

    def _about_hosts(self, vector: Vectors) -> bool:
        nearest = float(np.max(self._memory.prototypes().about_hosts @ vector))
        return nearest >= balance.ABOUT_HOSTS_SIMILARITY

    def _appeals(self, vector: Vectors) -> bool:
        return float(np.max(self._memory.prototypes().appeal @ vector)) >= balance.APPEAL_SIMILARITY

    def warm_up(self, mission: PropagandaMission | None = None) -> None:
        """Embeds the prototypes (once) and a mission's facts, ahead of the first break-in: call it
        at start-up, and with the mission when its show goes live."""
        self._memory.prototypes()
        if mission is not None:
            self.read("Listeners, check the facts.", mission)


def _meaning(vector: Vectors, meaning: MissionMeaning, *, discount: float) -> tuple[Vectors, Vectors]:
    """Per fact: the cosine, and 0..1 how much the line means it. The meaning must beat what
    merely naming the topic and its institution scores (read the same way), or it is name-dropping."""
    similarity = np.maximum(meaning.facts @ vector, meaning.cores @ vector) - discount
    baseline = float(np.max(meaning.baseline @ vector)) - discount
    floor = max(balance.MEANING_FLOOR, baseline - balance.BASELINE_MARGIN)
    scaled = (similarity - floor) / (balance.MEANING_FULL - balance.MEANING_FLOOR)
    return similarity, np.clip(scaled, 0.0, 1.0)


def _strength(meaning: float, details: claims.DetailMatch, sentence: float) -> float:
    """0..1: how much of a fact's claim the caller made: what happened, how much, whose."""
    strength = sentence * (balance.MEANING_WEIGHT * meaning + balance.DETAIL_WEIGHT * details.score)
    if meaning == 0.0:
        strength = min(strength, balance.PARTIAL_STRENGTH * 0.99)  # details without the claim
    return strength


def _on_topic(vector: Vectors, meaning: MissionMeaning, hosts: Vectors | None) -> float:
    rows = [meaning.facts, meaning.setting, meaning.baseline]
    if hosts is not None:
        rows.append(hosts)
    return float(np.max(np.concatenate(rows) @ vector))


def _rebuts(text: str, vector: Vectors, host_vectors: Vectors, hosts: list[str], common: set[str]) -> bool:
    """The caller turns a recent host line around: they take up its words (not just the topic's),
    refer to it (near it in meaning, or "you just said ..."), and say the contrary or echo it back
    as a question ("Under budget?")."""
    words = set(claims.words(text))
    stems = claims.content_stems(text) - common
    quotes = _quotes_the_hosts(text)
    first_sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    for line, similarity in zip(hosts, host_vectors @ vector, strict=True):
        shared = (stems & claims.content_stems(line)) - common - lexicon.SMALL_TALK
        if not shared or (similarity < balance.REBUTTAL_SIMILARITY and not quotes):
            continue
        contrary = (words & lexicon.CONTRARY_WORDS) - set(claims.words(line))
        echoed = first_sentence.endswith("?") and len(claims.content_stems(first_sentence) & shared) >= 2
        if contrary or echoed:
            return True
    return False


def _clauses(text: str) -> list[str]:
    """The clauses of a longer line that speak to the hosts ("you ..."), where an insult hides."""
    parts = [part.strip() for part in re.split(r"[,;:.!?]+|\s+and\s+", text)]
    if len(parts) < 2:
        return []
    return [p for p in parts if len(p.split()) >= 2 and set(claims.words(p)) & lexicon.SECOND_PERSON]


def _is_question(text: str, words: list[str]) -> bool:
    """Asks something ("?"), or opens like a question, after any "um", "so" or "ok" said first, and
    ends in no full stop ("what a ..." is an exclamation)."""
    ending = text.rstrip()[-1:]
    if "?" in text or _ASKING.search(text.casefold()):
        return True
    start = next((at for at, word in enumerate(words) if word not in lexicon.QUESTION_FILLERS), len(words))
    said = words[start:]
    opens = bool(said) and said[0] in lexicon.QUESTION_OPENERS and said[:2] != ["what", "a"]
    return opens and ending not in {".", "!"}


def _appeals_in_words(words: list[str], speakers: Sequence[Speaker]) -> bool:
    """A word that speaks to the audience; in a line said to a host by name, one that names them."""
    present = set(words)
    if not present & lexicon.APPEAL_WORDS:
        return False
    first_names = {claims.words(speaker.name)[0] for speaker in speakers if claims.words(speaker.name)}
    return not (words and words[0] in first_names) or bool(present & lexicon.LISTENERS_ADDRESSED)


def _quotes_the_hosts(text: str) -> bool:
    """The caller quotes the hosts back at them ("you said ...", "you told us ...")."""
    lowered = text.lower()
    return any(marker in lowered for marker in lexicon.QUOTE_MARKERS)


def _is_slight(words: list[str], names: set[str], limit: int = balance.SMALL_TALK_MAX_CONTENT_WORDS) -> bool:
    """Next to no words of substance: beyond greetings, titles, chat, feelings, kin, Hindi grammar
    and the hosts' ``names``, at most ``limit``; or an introduction ("this is Ramesh from ...")."""
    ignored = (
        lexicon.GREETINGS
        | lexicon.GREETING_COMPANY
        | lexicon.CHAT_WORDS
        | lexicon.HINDI_FUNCTION_WORDS
        | lexicon.FEELINGS
        | lexicon.KIN
        | lexicon.BELIEVING
        | names
    )
    lowered = " ".join(words)
    if any(pattern.search(lowered) for pattern in _INTRODUCTIONS):
        return True  # who is calling and from where: an introduction, not another subject
    substance = {word for word in words if word not in ignored} - lexicon.FUNCTION_WORDS
    return len(claims.content_stems(" ".join(substance))) <= limit


def _refers_back(words: list[str], names: set[str]) -> bool:
    """ "this" or "it" of the story: in a line that names nothing else, or doubted ("nobody
    believes this")."""
    present = set(words)
    if not present & lexicon.REFERS_BACK:
        return False
    return bool(present & lexicon.BELIEVING) or _is_slight(
        words, names, balance.REFERS_BACK_MAX_CONTENT_WORDS
    )


def _asks_in_hindi(text: str) -> bool:
    """A Hindi question word anywhere in the line (Hindi asks mid-line, often with no "?"), or a
    request to be told, or a yes-or-no at its end."""
    romanised = _ROMANISED(text)
    return bool(set(claims.words(romanised)) & lexicon.HINDI_QUESTION_WORDS) or bool(
        _ASKING_IN_HINDI.search(romanised.casefold())
    )


def _insulting_words(words: list[str]) -> bool:
    """An insult in any of the word lists, alone or not ("idiots", "chup karo", "gadhe ho tum")."""
    return (
        bool(set(words) & (lexicon.INSULTS | lexicon.HINDI_INSULTS))
        or _says_any(words, lexicon.HINDI_RUDE_PHRASES)
        or _asks_their_shame(words)
    )


def _asks_their_shame(words: list[str]) -> bool:
    """ "Have you no shame?" in any language callers mix in: asked of whoever is on air."""
    return _says_any(words, lexicon.SHAME_ASKED)


def _says_any(words: list[str], phrases: tuple[str, ...]) -> bool:
    """One of ``phrases`` said as whole words."""
    said = f" {' '.join(words)} "
    return any(f" {phrase} " in said for phrase in phrases)


def _insults_them(words: list[str]) -> bool:
    """An insult said to the hosts: one after "you", or any insulting word in a line that speaks to
    them ("why do you lie, idiots?")."""
    return (
        _insults_the_hosts(words)
        or _asks_their_shame(words)
        or (_insulting_words(words) and bool(set(words) & _ADDRESSED))
    )


def _insults_the_hosts(words: list[str]) -> bool:
    """A word that insults when said of the hosts, said just after "you" ("you're a disgrace")."""
    return any(
        word in lexicon.ADDRESSED_INSULTS
        and set(words[max(0, index - lexicon.ADDRESSED_INSULT_REACH) : index]) & _ADDRESSED
        for index, word in enumerate(words)
    )


def _greeting(words: list[str], names: set[str]) -> tuple[bool, bool]:
    """(greets, small talk): the line opens with a hello or checks the line; and it says little
    else (its words beyond the hello, the line check, titles and the hosts' ``names``)."""
    lowered = " ".join(words)
    checks = [pattern for pattern in _LINE_CHECKS if pattern.search(lowered)]
    opens = lowered.startswith(lexicon.GREETING_PHRASES) or (bool(words) and words[0] in lexicon.GREETINGS)
    if not (opens or checks):
        return False, False
    rest = lowered
    for pattern in checks:
        rest = pattern.sub(" ", rest)
    for phrase in lexicon.GREETING_PHRASES:
        rest = rest.replace(phrase, " ")
    others = [
        word
        for word in rest.split()
        if word not in lexicon.GREETINGS
        and word not in lexicon.GREETING_COMPANY
        and word not in lexicon.FUNCTION_WORDS
        and word not in names
    ]
    asks = bool(set(rest.split()) & lexicon.QUESTION_WORDS)
    return True, not asks and len(others) <= balance.GREETING_MAX_OTHER_WORDS


def _speaks_to_hosts(text: str, speakers: Sequence[Speaker]) -> bool:
    """Speaks to the hosts as a pair ("you two", "both of you") or calls one of them by name."""
    lowered = f" {' '.join(claims.words(text))} "
    if any(f" {phrase} " in lowered for phrase in lexicon.HOSTS_ADDRESSED):
        return True
    first_names = {claims.words(speaker.name)[0] for speaker in speakers if claims.words(speaker.name)}
    return bool(first_names & set(claims.words(text)))


# Devanagari read in Latin letters, matched to these spellings: "शो" is the show.
_ROMANISED = Romaniser(
    lexicon.HINGLISH.keys()
    | lexicon.GREETINGS
    | lexicon.SHOW_WORDS
    | lexicon.HINDI_INSULTS
    | {word for phrase in (*lexicon.HINDI_RUDE_PHRASES, *lexicon.SHAME_ASKED) for word in phrase.split()},
    lexicon.DEVANAGARI_SPELT,
)
_INTRODUCTIONS = [re.compile(pattern) for pattern in lexicon.INTRODUCTIONS]
# A caller's own story: "I was in the third coach", "I saw", "my mother was stuck", "we waited".
_ACCOUNT = re.compile(
    r"\b(?:i|we) (?:was|were|saw|have seen|waited|lost|got|had|live|work|worked|heard|watched)\b"
    r"|\bmy (?:[a-z]+ ){0,2}?(?:mother|father|son|daughter|wife|husband|brother|sister|child|children|"
    r"kids|family|neighbour|neighbor|uncle|aunt|grandmother|grandfather|friend|cousin)"
    r" (?:was|were|is|has|had|got)\b"
    # "our house is under water", "our street has had no light for a week".
    r"|\b(?:my|our) (?:house|home|street|lane|village|area|colony|building|shop|field|farm|school)\b"
)
_THANKED = (*lexicon.THANKS, *lexicon.CREDIT_GIVEN, *lexicon.PERSON_PRAISED_PHRASES)
_THANKS = re.compile(rf"\b(?:{'|'.join(map(re.escape, _THANKED))})\b")
_CHAT_SIGNS = [re.compile(pattern) for pattern in lexicon.CHAT_SIGNS]
# "you", as said and as typed ("u", "ur").
_ADDRESSED = lexicon.SECOND_PERSON | lexicon.TYPED_SECOND_PERSON
_CREDIT = [re.compile(pattern) for pattern in lexicon.CREDIT_PATTERNS]
_ASKING = re.compile(lexicon.ASKING)
_ASKING_IN_HINDI = re.compile(lexicon.ASKING_IN_HINDI)


def _glossed(romanised: str) -> str:
    """Hinglish words glossed in English (the encoder and the word lists know English), in a line
    already in Latin letters (Hindi in Devanagari read first by ``_ROMANISED``); a line with no
    Hinglish word comes back as it is."""
    tokens = re.split(r"(\W+)", romanised)
    if not any(token.lower() in lexicon.HINGLISH for token in tokens):
        return romanised
    for phrase, english in lexicon.HINGLISH_PHRASES.items():
        romanised = re.sub(rf"\b{phrase}\b", english, romanised, flags=re.IGNORECASE)
    tokens = re.split(r"(\W+)", romanised)
    return "".join(lexicon.HINGLISH.get(token.lower(), token) for token in tokens)


def _is_nonsense(text: str) -> bool:
    words = [w for w in claims.words(text) if any(c.isalpha() for c in w)]
    return len(words) < 2 or len(set(words)) == 1


def _same(text: str, previous: str) -> bool:
    return claims.words(text) == claims.words(previous)
