"""A topic's story kind by meaning: the MiniLM encoder (shared per process) places the topic's story
near the prototype phrases of one kind (``kind_prototypes.json``), so "stray dogs at the metro
station" is a petty local matter, not a building project, and "a cyberattack on the power grid" an
attack on a service, whatever words the player used.

A kind's score is the mean of its two nearest prototypes (one lucky phrase does not carry a kind),
plus a little for the kinds of the family the topic's telling keywords name, and for each kind one
of whose own words it uses (``kind_words.json``). Where no kind is near
enough, the topic's telling keywords decide (``game.topic_kinds``), through the kind that family
stands for; failing those, the generic kind.

The reading is cached per story: a show reads its topic for every batch, and one encoding costs a
few milliseconds once the model is loaded (the judge's warm-up loads it at start).
"""

from __future__ import annotations

import asyncio
import json
import re
from functools import cache
from importlib import resources
from typing import Final

import numpy as np

from radiomirchi.game.topic_kinds import GENERIC_KIND, STORY_KINDS, StoryKind, detect_kind
from radiomirchi.meaning.onnx_minilm import MINILM

# Below this similarity to its nearest kind, a story's meaning is too vague to trust.
MIN_SIMILARITY: Final = 0.30
# What a telling keyword ("collapse", "bribe") adds to the kinds of its family: the event a topic
# names outweighs the place it happened ("a bridge collapse" is a disaster, not a building project).
KEYWORD_BONUS: Final = 0.06
# What a word that tells one kind ("dharna", "nipah", "cess": ``kind_words.json``) adds to that kind:
# on rounds 1-3's held-out topics 92.4/78.3/78.6% read right without it, 93.9/79.7/81.4% with it.
KIND_WORD_BONUS: Final = 0.04
# The keyword families' stand-ins, for a story whose meaning is vague but whose words are telling.
FAMILY_STAND_INS: Final = {
    "disaster": "disaster_accident",
    "scandal": "scandal",
    "election": "election",
    "prices": "prices",
    "tax": "tax_fee",
    "ban": "ban_law",
    "health": "health",
    "event": "festival",
    "project": "construction",
}


def _per_kind(file_name: str, key: str) -> dict[str, list[str]]:
    """``{kind: [phrase, ...]}`` under ``key`` of a data file beside this module; every kind named
    must be one of the taxonomy's."""
    text = resources.files(__package__).joinpath(file_name).read_text(encoding="utf-8")
    lists: dict[str, list[str]] = json.loads(text)[key]
    unknown = set(lists) - set(STORY_KINDS)
    if unknown:
        raise ValueError(f"{file_name} names kinds the taxonomy lacks: {sorted(unknown)}")
    return lists


PROTOTYPES: Final = _per_kind("kind_prototypes.json", "prototypes")
KIND_WORDS: Final = {kind: frozenset(words) for kind, words in _per_kind("kind_words.json", "words").items()}
_STORY_WORD = re.compile(r"[a-z][a-z'-]*")


@cache
def _prototype_vectors() -> tuple[tuple[str, ...], np.ndarray]:
    kinds = tuple(kind for kind, phrases in PROTOTYPES.items() for _ in phrases)
    phrases = [phrase for phrase_list in PROTOTYPES.values() for phrase in phrase_list]
    return kinds, MINILM.get().encode(phrases)


def warm_up() -> None:
    """Encode the prototypes now (a few hundred milliseconds), not at the first topic."""
    _prototype_vectors()


def kind_scores(story: str) -> dict[str, float]:
    """Each kind's similarity to the story: the mean of its two nearest prototypes."""
    kinds, vectors = _prototype_vectors()
    similarity = vectors @ MINILM.get().encode([story])[0]
    scores: dict[str, float] = {}
    for kind in PROTOTYPES:
        mine = [float(score) for owner, score in zip(kinds, similarity, strict=True) if owner == kind]
        nearest = sorted(mine, reverse=True)[:2]
        scores[kind] = sum(nearest) / len(nearest)
    return scores


@cache
def kind_of(story: str) -> str:
    """The story's kind (a key of ``story_kinds.json``)."""
    if not story.strip():
        return GENERIC_KIND
    scores = kind_scores(story)
    family = detect_kind(story)
    words = set(_STORY_WORD.findall(story.lower()))
    named = [kind for kind in scores if words & KIND_WORDS.get(kind, frozenset())]
    for kind in scores:
        if STORY_KINDS[kind].family == family != GENERIC_KIND:
            scores[kind] += KEYWORD_BONUS
    for kind in named:
        scores[kind] += KIND_WORD_BONUS
    best = max(scores, key=scores.__getitem__)
    if scores[best] >= MIN_SIMILARITY:
        return best
    # Too vague to trust by meaning, but naming a kind's own word ("dharna", "cess", "chhath"): the
    # nearest of the kinds it names.
    if named:
        return max(named, key=scores.__getitem__)
    return FAMILY_STAND_INS.get(family, GENERIC_KIND)


async def story_kind_of(story: str) -> StoryKind:
    """The story's kind, read off the event loop (the encoder may run)."""
    return STORY_KINDS[await asyncio.to_thread(kind_of, story)]
