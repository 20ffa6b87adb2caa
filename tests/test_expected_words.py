"""The words a show leans towards were learnt from the labelled rounds, never from the held-out one
by which the bench scores the shows' words (devtools/learn_expected_words.py)."""

from __future__ import annotations

import json

from devtools.bench.writer_heldout import KIND_HELD_OUT
from devtools.learn_expected_words import learn
from radiomirchi.game.topic_kinds import STORY_KINDS
from radiomirchi.writers.show_things import expected_words_path


def test_the_shipped_table_is_what_the_training_rounds_give() -> None:
    shipped = json.loads(expected_words_path().read_text(encoding="utf-8"))
    assert KIND_HELD_OUT.name not in shipped["learnt_from"]
    assert shipped == learn(), "run python -m devtools.learn_expected_words"


def test_every_kind_of_the_taxonomy_has_expected_words() -> None:
    shipped = json.loads(expected_words_path().read_text(encoding="utf-8"))
    assert set(shipped["kinds"]) == set(STORY_KINDS)
    assert all(0 < share <= 1 for words in shipped["kinds"].values() for share in words.values())
