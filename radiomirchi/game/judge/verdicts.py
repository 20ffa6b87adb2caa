"""From what the judge read in an interjection to its verdict: the ruling, as a ladder of kinds.

The numbers live in radiomirchi/game/balance.py; the kinds are listed in radiomirchi/game/judge/offline.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from radiomirchi.game import balance
from radiomirchi.game.judge import lexicon
from radiomirchi.game.rules import clamp_change
from radiomirchi.schemas import Verdict

# Kinds of small credit, which diminish when the caller says nearly the same thing again.
SMALL_CREDIT_KINDS = frozenset({"weak_evidence", "pointed_question", "question", "appeal", "contradiction"})


@dataclass(frozen=True)
class Reading:
    """What the judge made of an interjection, before it becomes points (kept for tuning)."""

    fact: int
    strength: float
    similarity: float
    detail: float
    specific: bool
    wrong: bool
    sentence: float
    on_topic: float
    hostile: bool
    warm: bool  # praise for the hosts or the show
    greets: bool  # opens with a hello, or checks the line ("am I on air?")
    small_talk: bool  # a hello or a line check, and next to nothing else
    slight: bool  # next to no words of substance: nothing in it names another subject
    chats: bool  # where the caller is, the weather, a song asked for, a shout-out: no other subject
    cites: bool  # names a kind of source: a video, a report, documents
    refers_back: bool  # says "this" or "it" of the story and names nothing else ("who decided this?")
    speaks_of_the_show: bool  # names the show or quotes it ("aapka show", "you said the same last year")
    orders: bool  # a hijack attempt, by meaning
    question: bool
    addressed: bool  # speaks to the hosts or of the show ("you", "your station"; not "tonight")
    pointed: bool
    accounting: bool  # a question that asks why: the station is asked to account for something
    about_hosts: bool  # talk about the hosts themselves
    thanks: bool  # thanks said to the hosts ("thank you for ...", "shukriya")
    account: bool  # the caller tells what happened to them or their own ("I was ...", "my son ...")
    appeal: bool
    rebuts: bool
    quote: str


def rule(reading: Reading, used_proofs: Counter[int]) -> Verdict:
    quote = f" ({reading.quote})" if reading.quote else ""
    # A question that does not pin a fact down asks for the evidence; it does not give it. One
    # that carries the whole claim and one of its names ("can you confirm that Minister N. ...?")
    # gives it, whatever its question mark.
    carries_fact = reading.specific or (reading.detail > 0 and reading.strength >= balance.FULL_STRENGTH)
    asks_only = reading.question and not carries_fact
    if reading.strength >= balance.EVIDENCE_STRENGTH and not asks_only:
        uses = used_proofs[reading.fact]
        ramp = (reading.strength - balance.EVIDENCE_STRENGTH) / (
            balance.FULL_STRENGTH - balance.EVIDENCE_STRENGTH
        )
        points = balance.EVIDENCE_MIN_POINTS + (
            balance.EVIDENCE_MAX_POINTS - balance.EVIDENCE_MIN_POINTS
        ) * min(1.0, ramp)
        points *= balance.REPEAT_FACTOR**uses
        kind = "hostile_evidence" if reading.hostile else "evidence_repeat" if uses else "evidence"
        if reading.wrong:
            # The listeners check the number and find another: the claim lands, but it is not paid
            # in full, and a right claim without any number earns at least as much.
            points = min(points * balance.WRONG_AMOUNT_FACTOR, balance.EVIDENCE_MIN_POINTS)
        if reading.hostile:
            points -= balance.HOSTILE_EVIDENCE_PENALTY
        return verdict_of(kind, points, detail=quote, proof_index=reading.fact)
    if reading.hostile:
        return verdict_of("hostile", balance.HOSTILE_POINTS, strike=True)
    if reading.warm and not reading.question:
        return verdict_of("praise", balance.PRAISE_POINTS)
    if reading.small_talk and not reading.rebuts and reading.strength < balance.PARTIAL_STRENGTH:
        return verdict_of("small_talk", balance.SMALL_TALK_POINTS)
    # Kind words to the hosts, or talk about them, are about the show, whatever else they mention.
    near = balance.ACCOUNT_ON_TOPIC_SIMILARITY if reading.account else balance.ON_TOPIC_SIMILARITY
    about_show = (
        reading.on_topic >= near
        or reading.appeal
        or reading.warm
        or reading.about_hosts
        # Thanks are said to the show: praise is never struck, even when the encoder finds what
        # is thanked for far from the story ("thank you for at least saying the hospitals' names").
        or reading.thanks
        # A question put to the hosts ("will you apologise on air?") asks the show to account for
        # itself: it may earn nothing, but it is never struck as off the topic.
        or (reading.question and reading.addressed)
        # A caller naming a source ("a video on youtube shows everything") tells of the evidence.
        or reading.cites
        # "who decided this? name the officer": a short question about "this" asks about the story.
        or (reading.question and reading.refers_back)
        # Doubting "this" is pushback at the story; talk of the show itself is about the show.
        or (reading.refers_back and not reading.question)
        or reading.speaks_of_the_show
    )
    if reading.rebuts:
        return verdict_of("contradiction", balance.CONTRADICTION_POINTS)
    if not about_show:
        if reading.accounting:
            # Far from the facts, so it earns nothing, but a caller asking why is not struck.
            return verdict_of("question", balance.ON_TOPIC_POINTS)
        if reading.question:
            # A question is never struck: one that seems far from the show ("supplier kaun hai?",
            # "how many are still missing?" read by an encoder that knows little Hinglish and
            # nothing of the story's people) earns nothing, and costs nothing.
            return verdict_of("off_topic_question", balance.ON_TOPIC_POINTS)
        if reading.slight or reading.chats:
            # Far from the show but about nothing else either: chat, a farewell, a sigh.
            return verdict_of("small_talk", balance.SMALL_TALK_POINTS)
        return verdict_of("off_topic", balance.OFF_TOPIC_POINTS, strike=True)
    if reading.strength >= balance.PARTIAL_STRENGTH and not asks_only:
        ramp = min(
            1.0,
            (reading.strength - balance.PARTIAL_STRENGTH)
            / (balance.EVIDENCE_STRENGTH - balance.PARTIAL_STRENGTH),
        )
        points = balance.PARTIAL_MIN_POINTS + (balance.PARTIAL_MAX_POINTS - balance.PARTIAL_MIN_POINTS) * ramp
        return verdict_of("weak_evidence", points, detail=quote)
    if reading.pointed:
        return verdict_of("pointed_question", balance.POINTED_QUESTION_POINTS)
    if reading.question:
        return verdict_of("question", balance.PLAIN_QUESTION_POINTS)
    if reading.appeal:
        return verdict_of("appeal", balance.APPEAL_POINTS)
    return verdict_of("on_topic", balance.ON_TOPIC_POINTS)


def verdict_of(
    kind: str, points: float, *, strike: bool = False, detail: str = "", proof_index: int | None = None
) -> Verdict:
    reason = lexicon.REASONS[kind].format(detail=detail)
    return Verdict(
        change=round(clamp_change(points), 2),
        reason=reason,
        strike=strike,
        kind=kind,
        proof_index=proof_index,
    )
