"""Which of a story's candidate things (``game.story_things``) a show names: those nearest its
story in meaning, leaning towards the words listeners expect of its kind of story.

``expected_words.json`` holds, for each story kind, the share of labelled topics of that kind
whose listener-written word lists (tests/data/topic_vocabulary*.json) hold each word, by its
singular: "police" in 0.4 of strikes, "tiffin" in one. It is learnt by ``python -m
devtools.learn_expected_words`` from every labelled round but the newest held-out one. So a
teachers' strike names its picket line and its pupils before its canteen queue.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Final

import numpy as np
from lemminflect import getLemma

from radiomirchi.meaning.onnx_minilm import MINILM

EXPECTED_FILE: Final = "expected_words.json"
# How many of its candidate things a show names, the nearest its story in meaning: of the frames'
# and the kind's some 25-35, 10 is enough for a show and keeps it on its subject. Host lines with a
# word the labels expect, topic rounds 1-5 (one silent show each): all candidates 26.4 / 23.3 /
# 24.6 / 18.9 / 17.7%; the nearest 12: 28.7 / 26.6 / 26.9 / 19.8 / 22.5%; 10: 28.9 / 26.4 / 27.8 /
# 20.5 / 24.3%; 8: 30.5 / 27.1 / 28.2 / 20.9 / 23.8%.
SHOW_THINGS: Final = 10
# How much a thing's expected share weighs beside its nearness (cosine, mostly 0.1-0.6). Leaving
# one round out of the table over rounds 1-6, host lines with a word the labels expect (mean of
# the six rounds, one silent show per held-out topic): nearness alone 24.6%; each word counted
# every time, 0.3: 29.0%, 0.5: 29.2%, 1.0: 29.6%, but a weavers' strike named the union four times
# ("the union", "the union hall", "the union bosses", "the union leaders"); each expected word
# counted once, 0.5: 27.7%, 1.0: 27.5%.
EXPECTED_WEIGHT: Final = 0.5
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=16384)
def singular(word: str) -> str:
    """A noun's singular ("rackets" -> "racket"); any other word as it is."""
    lemmas = getLemma(word, upos="NOUN")
    return lemmas[0] if lemmas else word


def expected_words_path() -> Path:
    return Path(str(resources.files(__package__).joinpath(EXPECTED_FILE)))


@cache
def _expected() -> dict[str, dict[str, float]]:
    shares: dict[str, dict[str, float]] = json.loads(expected_words_path().read_text(encoding="utf-8"))[
        "kinds"
    ]
    return shares


def expected_share(thing: str, kind: str) -> float:
    """The largest expected share of the thing's words ("the picket line": picket, line) for the
    kind; 0 for a kind the table does not know."""
    shares = _expected().get(kind, {})
    return max((shares.get(singular(word), 0.0) for word in _WORD.findall(thing.casefold())), default=0.0)


# A show asks for its things at every batch of lines: chosen once per story (an encoding of some 30
# phrases takes 0.1-0.2 s on two cores).
@lru_cache(maxsize=256)
def things_for_show(
    story: str, kind: str, things: tuple[str, ...], keep: int = SHOW_THINGS
) -> tuple[str, ...]:
    """Of a story's candidate things, the ``keep`` nearest it in meaning and most expected of its
    kind, the story's own first. A word listeners expect counts once: a second thing of the union
    (the union hall after the union bosses) is chosen for its nearness alone. Encodes (a tenth of a
    second once the encoder is loaded): call it off the event loop."""
    if len(things) <= keep:
        return things
    vectors = MINILM.get().encode([story, *things])
    nearness = vectors[1:] @ vectors[0]
    shares = _expected().get(kind, {})
    words = [{singular(word) for word in _WORD.findall(thing.casefold())} & set(shares) for thing in things]
    chosen: list[int] = []
    covered: set[str] = set()
    while len(chosen) < keep:
        score = [
            -np.inf
            if index in chosen
            else nearness[index]
            + EXPECTED_WEIGHT * max((shares[w] for w in words[index] - covered), default=0.0)
            for index in range(len(things))
        ]
        best = int(np.argmax(score))
        chosen.append(best)
        covered |= words[best]
    return tuple(things[index] for index in sorted(chosen, key=lambda index: -nearness[index]))
