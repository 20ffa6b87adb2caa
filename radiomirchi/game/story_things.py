"""The things and people a show names (``{thing}`` in the writer's lines, the words given to an LLM
writer): those of the story's own event or subject (``story_things.json``: a fire has its
firefighters and smoke, onion prices their vegetable sellers), in turn with those of its kind
(``story_kinds.json``: the rescue teams of any disaster)."""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from importlib import resources
from typing import Final

from radiomirchi.game.topic_kinds import story_kind

# At most this many of the topic's events or subjects lend their things (the file's order: events
# before subjects). The offline show keeps the nearest of them in meaning (writers.story_kind).
MAX_FRAMES: Final = 6
LEAD_THINGS: Final = 5
_WORD = re.compile(r"[a-z][a-z'-]*")
_CASED_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


_DATA: Final = json.loads(
    resources.files(__package__).joinpath("story_things.json").read_text(encoding="utf-8")
)
# (when, unless, things): a frame lends its things when the topic says one of its "when" words and
# none of its "unless" ones (a data leak or a paper leak is no chemical leak).
FRAMES: Final = tuple(
    (frozenset(frame["when"]), frozenset(frame.get("unless", ())), tuple(frame["things"]))
    for frame in _DATA["frames"]
)
# Head nouns of things no one stands near or at (abstractions, times, people): "ask anyone at the
# old-age homes" is fine, "ask anyone at the rush hour" or "at the shoppers" is not.
NOT_PLACES: Final = frozenset(_DATA["not_places"])


def is_a_place(thing: str) -> bool:
    """Whether a line may put ``thing`` somewhere ("near", "at", "past" it)."""
    head = _WORD.findall(thing.casefold())[-1:]
    return bool(head) and head[0] not in NOT_PLACES


def _common_words(topic: str) -> set[str]:
    """The topic's words but for names: a capitalised word inside a sentence typed in lower case
    ("a pandal shaped like the Parliament in Salt Lake" has no salt pans in it). A topic typed in
    title case keeps every word."""
    words = _CASED_WORD.findall(topic)
    titled = sum(word[:1].isupper() for word in words) * 2 > len(words)
    return {word.casefold() for at, word in enumerate(words) if titled or at == 0 or not word[:1].isupper()}


@cache
def story_things(topic: str, kind: str) -> tuple[str, ...]:
    """The story's own things first, in turn with its kind's; none that only repeats the topic."""
    said = set(_WORD.findall(topic.casefold()))
    common = _common_words(topic)
    named = [things for when, unless, things in FRAMES if when & common and not unless & said]
    # The first few of each frame's things, then the rest: the event leads, and the onion price
    # story names its vegetable sellers early too.
    frames = named[:MAX_FRAMES]
    own = [thing for things in frames for thing in things[:LEAD_THINGS]]
    own += [thing for things in frames for thing in things[LEAD_THINGS:]]
    kinds = list(story_kind(kind).words or story_kind("generic").words)
    # The story's own lead things come before any of the kind's: a petrol price story names its
    # pumps and fuel queues before the kind's shop shelves.
    turns = itertools.chain(
        own[:LEAD_THINGS], itertools.chain.from_iterable(itertools.zip_longest(own[LEAD_THINGS:], kinds))
    )
    chosen: list[str] = []
    for thing in turns:
        if thing is None or thing in chosen:
            continue
        if set(_WORD.findall(thing.casefold())) - {"the"} <= said:
            continue
        chosen.append(thing)
    return tuple(chosen)
