"""The offline judge (GAME.md §4): how much an interjection wakes listeners up, and why.

It matches the interjection against the mission's proof sentences (fuzzy word overlap, numbers
and names), rewards appeals and caught contradictions, and punishes insults, hijack attempts,
off-topic talk and spam. A proof point used again counts much less.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from radiomirchi.game import judge_lexicon as lexicon
from radiomirchi.game.rules import clamp_change
from radiomirchi.schemas import PropagandaMission, Verdict
from radiomirchi.writers.offline_templates import STOPWORDS
from radiomirchi.writers.topics import topic_keywords

EVIDENCE_THRESHOLD = 0.3
REPEAT_FACTOR = 0.25
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[a-z0-9][a-z0-9']*")
_DOCUMENT = re.compile(
    r"(?:[A-Z][\w'-]*\s)+(?:Report|Review|Register|Minute|Annex|Ledger|Directive|Order|File|List|Log|"
    r"Circular|Protocol|Dossier|Tender|Inspection)(?:\s[A-Z]{0,2}-?[\d/]+)?|memo [A-Z]-\d+"
)
_NUMBER_WITH_NOUN = re.compile(r"(\d[\d,]*%?)\s([a-z]+)")
_INJECTIONS = [re.compile(pattern, re.IGNORECASE) for pattern in lexicon.INJECTION_PATTERNS]


def _stem(word: str) -> str:
    word = word.strip("'")
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in STOPWORDS}


def numbers_in(text: str) -> set[str]:
    return {match.replace(",", "").rstrip(".") for match in _NUMBER.findall(text)}


def _proper_stems(sentence: str) -> set[str]:
    words = sentence.split()
    return {
        _stem(word.strip(".,;:'\"()").lower())
        for index, word in enumerate(words)
        if index > 0 and word[:1].isupper() and len(word.strip(".,;:'\"()")) > 2
    }


def proof_match(text: str, proof: str, topic_stems: set[str]) -> float:
    """0..1: how well ``text`` restates ``proof`` (the topic's own words don't count)."""
    words = content_stems(text)
    distinctive = content_stems(proof) - topic_stems
    if not distinctive:
        return 0.0
    overlap = min(1.0, 1.6 * len(words & distinctive) / len(distinctive))
    proof_numbers = numbers_in(proof)
    number_hit = len(numbers_in(text) & proof_numbers) / len(proof_numbers) if proof_numbers else 0.0
    names = _proper_stems(proof) - topic_stems
    name_hit = len(words & names) / len(names) if names else 0.0
    return 0.5 * overlap + 0.3 * number_hit + 0.2 * name_hit


def _is_nonsense(text: str) -> bool:
    words = [w for w in _WORD.findall(text.lower()) if any(c.isalpha() for c in w)]
    return len(words) < 2 or len(set(words)) == 1


def judge_interjection(
    text: str,
    mission: PropagandaMission,
    *,
    used_proofs: Counter[int],
    previous_interjections: Sequence[str] = (),
    recent_host_lines: Sequence[str] = (),
) -> Verdict:
    cleaned = " ".join(text.split())
    lowered = cleaned.lower()
    result = mission.generation_result
    if any(pattern.search(lowered) for pattern in _INJECTIONS):
        return Verdict(change=-3.0, reason=lexicon.REASONS["injection"], strike=True, kind="injection")
    if _is_nonsense(cleaned):
        return Verdict(change=-2.0, reason=lexicon.REASONS["nonsense"], strike=False, kind="nonsense")
    if any(lowered == previous.lower().strip() for previous in previous_interjections):
        return Verdict(change=-2.0, reason=lexicon.REASONS["spam"], strike=False, kind="spam")

    topic_stems = content_stems(" ".join(topic_keywords(mission.topic)))
    words = content_stems(cleaned)
    insults = len(set(_WORD.findall(lowered)) & lexicon.INSULTS)
    matches = [proof_match(cleaned, proof, topic_stems) for proof in result.proof_sentences]
    best = max(range(len(matches)), key=matches.__getitem__)
    best_score = matches[best]

    if best_score >= EVIDENCE_THRESHOLD:
        uses = used_proofs[best]
        points = (8.0 + 12.0 * min(1.0, best_score)) * REPEAT_FACTOR**uses
        detail = proof_handle(result.proof_sentences[best])
        if insults:
            points -= 3.0
            kind, reason = "hostile_evidence", lexicon.REASONS["hostile_evidence"].format(detail=detail)
        elif uses:
            kind, reason = "evidence_repeat", lexicon.REASONS["evidence_repeat"].format(detail=detail)
        else:
            kind, reason = "evidence", lexicon.REASONS["evidence"].format(detail=detail)
        return Verdict(
            change=round(clamp_change(points), 2), reason=reason, strike=False, kind=kind, proof_index=best
        )

    if insults:
        return Verdict(change=-4.0, reason=lexicon.REASONS["hostile"], strike=True, kind="hostile")

    on_topic = bool(words & topic_stems) or best_score >= 0.1 or bool(words & content_stems(result.summary))
    recent_words = content_stems(" ".join(recent_host_lines))
    contradicts = any(phrase in lowered for phrase in lexicon.CONTRADICTION_PHRASES)
    if contradicts and len(words & recent_words) >= 2:
        return Verdict(
            change=4.0, reason=lexicon.REASONS["contradiction"], strike=False, kind="contradiction"
        )
    if not on_topic:
        return Verdict(change=-2.0, reason=lexicon.REASONS["off_topic"], strike=True, kind="off_topic")
    if words & lexicon.APPEAL_WORDS:
        return Verdict(change=2.0, reason=lexicon.REASONS["appeal"], strike=False, kind="appeal")
    return Verdict(
        change=0.5, reason="On topic, but nothing the listeners can check.", strike=False, kind="weak"
    )


def proof_handle(proof: str) -> str:
    """A short handle for a proof point, as a host or a verdict names it: its document, else its
    first number with the word after it, else "the evidence"."""
    document = _DOCUMENT.search(proof)
    if document:
        return document.group(0).strip().removeprefix("The ")
    for match in _NUMBER_WITH_NOUN.finditer(proof):
        number, noun = match.group(1), match.group(2)
        if noun.lower() not in STOPWORDS:
            return f"{number} {noun}"
    numbers: list[str] = _NUMBER.findall(proof)
    return numbers[0] if numbers else "the evidence"
