"""The offline writer on topics it was never tuned on: the held-out part of
``tests/data/topics_labelled.json`` (odd ones included: Hinglish, Devanagari, markup, rambles).

One silent simulated show per topic (``devtools.testing.show_sim``). Reported, each with its goal
(issue 18): the kind read right; sentences heard in 3 or more shows with the mission's names,
places, numbers and topic words masked; host lines that ask another host a question or answer one;
host lines with a word of the subject beyond the topic's own words (the kind's prototype words
stand in for "the subject's words"); lines where a parser finds a subject and verb that disagree
(devtools.testing.agreement); raw topic text in a line (markup, non-Latin script).
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Final

from devtools.bench.writer import text_frames
from devtools.testing.agreement import agreement_errors
from devtools.testing.show_lines import offline_mission
from devtools.testing.show_sim import Show, run_show
from radiomirchi.game.judge.lexicon import STOPWORDS
from radiomirchi.game.topic_kinds import story_kind
from radiomirchi.writers.show_things import singular
from radiomirchi.writers.story_kind import PROTOTYPES
from radiomirchi.writers.topics import read_topic

LABELLED = Path(__file__).resolve().parents[2] / "tests" / "data" / "topics_labelled.json"
# A second round by other hands, written after the kind reader's first tuning (first held-out
# score 71.0%); its held-out part is read for the kind only.
LABELLED_ROUND2 = LABELLED.with_name("topics_labelled_round2.json")
LABELLED_ROUND3 = LABELLED.with_name("topics_labelled_round3.json")
# A fourth round (100 topics, 70 held out) with its own words a listener expects, both written by
# other hands before the fourteenth session changed the writer (first scores: docs/PERFORMANCE.md).
LABELLED_ROUND4 = LABELLED.with_name("topics_labelled_round4.json")
# For every held-out topic of both rounds, the words a listener would expect in a show about it,
# written by other hands without sight of the writer: the independent measure of subject words.
VOCABULARY = LABELLED.with_name("topic_vocabulary.json")
# The same for round 3's held-out topics, written later by other hands (first score 22.1%, before
# any change made with it in hand): one show each, as round 2.
VOCABULARY_ROUND3 = LABELLED.with_name("topic_vocabulary_round3.json")
VOCABULARY_ROUND4 = LABELLED.with_name("topic_vocabulary_round4.json")
# A fifth round (100 topics, 70 held out, with their words), by other hands before the fifteenth
# session changed the writer.
LABELLED_ROUND5 = LABELLED.with_name("topics_labelled_round5.json")
VOCABULARY_ROUND5 = LABELLED.with_name("topic_vocabulary_round5.json")
# The later rounds: (ordinal, labels, the words a listener expects, the seed of their one show
# each). Round 2's words are in the first vocabulary file.
# A sixth round (100 topics, 70 held out, with their words), by other hands at the start of the
# eighteenth session, before it changed the kind reader or the things a show names.
LABELLED_ROUND6 = LABELLED.with_name("topics_labelled_round6.json")
VOCABULARY_ROUND6 = LABELLED.with_name("topic_vocabulary_round6.json")
# A seventh round (100 topics, 70 held out, with their words), by other hands at the start of the
# nineteenth session. First scores, on the code before it (30c7e64): kind 48/70 (68.6%), subject
# words 18.7%, raw topic text 0, one line the parser finds disagreeing.
LABELLED_ROUND7 = LABELLED.with_name("topics_labelled_round7.json")
VOCABULARY_ROUND7 = LABELLED.with_name("topic_vocabulary_round7.json")
# An eighth round (100 topics, 70 held out, with their words), by other hands at the start of the
# twentieth session. First scores, on the code before it (c88fd93): kind 46/70 (65.7%), subject
# words 20.1% (23.7% in either number), raw topic text 0, one line the parser finds disagreeing.
LABELLED_ROUND8 = LABELLED.with_name("topics_labelled_round8.json")
VOCABULARY_ROUND8 = LABELLED.with_name("topic_vocabulary_round8.json")
# A ninth round (100 topics, 70 held out, with their words), by other hands at the start of the
# twenty-first session. First scores, on the code before it (0ce819e): kind 42/70 (60.0%), subject
# words 18.9% (23.4% in either number), raw topic text 0, two lines the parser finds disagreeing.
LABELLED_ROUND9 = LABELLED.with_name("topics_labelled_round9.json")
VOCABULARY_ROUND9 = LABELLED.with_name("topic_vocabulary_round9.json")
# A tenth round (100 topics, 70 held out, with their words), by other hands at the start of the
# twenty-second session. First scores, on the code before it (9d0a9fc): kind 47/70 (67.1%), subject
# words 18.1% (22.3% in either number), raw topic text 0, two lines the parser finds disagreeing.
LABELLED_ROUND10 = LABELLED.with_name("topics_labelled_round10.json")
VOCABULARY_ROUND10 = LABELLED.with_name("topic_vocabulary_round10.json")
# An eleventh round (100 topics, 70 held out, with their words), by other hands at the start of the
# twenty-third session. First scores, on the code before it (36fd6e9): kind 46/70 (65.7%), subject
# words 21.8% (26.7% in either number), raw topic text 0, three lines the parser finds disagreeing.
LABELLED_ROUND11 = LABELLED.with_name("topics_labelled_round11.json")
VOCABULARY_ROUND11 = LABELLED.with_name("topic_vocabulary_round11.json")
# A twelfth round (100 topics, 70 held out, with their words), by other hands at the start of the
# twenty-fourth session. First scores, on the code before it (5f27c6c): kind 55/70 (78.6%), subject
# words 20.2% (24.8% in either number), raw topic text 0, no line the parser finds disagreeing.
LABELLED_ROUND12 = LABELLED.with_name("topics_labelled_round12.json")
VOCABULARY_ROUND12 = LABELLED.with_name("topic_vocabulary_round12.json")
# The story kind model (writers/story_kind.py) learns from every round but round 12's held-out
# part, by which the bench scores the kinds; the other rounds' held-out kind figures are of
# training data.
KIND_HELD_OUT: Final = LABELLED_ROUND12
LATER_ROUNDS: Final = (
    ("second", LABELLED_ROUND2, VOCABULARY, 0x52D2),
    ("third", LABELLED_ROUND3, VOCABULARY_ROUND3, 0x53D3),
    ("fourth", LABELLED_ROUND4, VOCABULARY_ROUND4, 0x54D4),
    ("fifth", LABELLED_ROUND5, VOCABULARY_ROUND5, 0x55D5),
    ("sixth", LABELLED_ROUND6, VOCABULARY_ROUND6, 0x56D6),
    ("seventh", LABELLED_ROUND7, VOCABULARY_ROUND7, 0x57D7),
    ("eighth", LABELLED_ROUND8, VOCABULARY_ROUND8, 0x58D8),
    ("ninth", LABELLED_ROUND9, VOCABULARY_ROUND9, 0x59D9),
    ("tenth", LABELLED_ROUND10, VOCABULARY_ROUND10, 0x5ADA),
    ("eleventh", LABELLED_ROUND11, VOCABULARY_ROUND11, 0x5BDB),
    ("twelfth", LABELLED_ROUND12, VOCABULARY_ROUND12, 0x5CDC),
)
KIND_TRAINING_ROUNDS: Final = tuple(
    labels for labels in (LABELLED, *(labels for _, labels, _, _ in LATER_ROUNDS)) if labels != KIND_HELD_OUT
)
SHARED_IN = 3
_NUMBER = re.compile(r"\d[\d,.]*")
_RAW = re.compile(r"[<>*_`#{}\[\]|\\]|[^\x00-\u024F\u2018-\u201F\u2026]")
_WORD = re.compile(r"[a-z]+")


def _sentences(text: str) -> list[str]:
    return [part.strip(" .!?") for part in re.split(r"(?<=[.!?])\s+", text) if part.strip(" .!?")]


def shared_sentence_share(shows: list[Show]) -> float:
    """Of all distinct masked sentences, the share heard in ``SHARED_IN`` or more shows."""
    per_show = []
    for show in shows:
        masked = {
            _NUMBER.sub("#", sentence.lower())
            for frame in text_frames(show)
            for sentence in _sentences(frame)
        }
        per_show.append(masked)
    heard_in = Counter(sentence for sentences in per_show for sentence in sentences)
    return sum(n >= SHARED_IN for n in heard_in.values()) / len(heard_in) if heard_in else 0.0


def interplay_share(show: Show) -> float:
    """Host lines that ask another host a question, or answer the question just asked."""
    lines = show.heard
    asking = answering = 0
    for before, line in itertools.pairwise(lines):
        if before.text.rstrip().endswith("?") and before.speaker != line.speaker:
            asking += 1
            answering += 1
    return (asking + answering) / len(lines) if lines else 0.0


def subject_word_share(show: Show, kind: str) -> float:
    """Host lines with a word of the story's kind (from its prototypes) beyond the topic's words."""
    kind_words = frozenset(
        word
        for phrase in PROTOTYPES.get(kind, [])
        for word in _WORD.findall(phrase.lower())
        if word not in STOPWORDS
    )
    return vocabulary_share(show, kind_words)


def vocabulary_share(show: Show, vocabulary: frozenset[str], any_number: bool = False) -> float:
    """Host lines with a word of ``vocabulary`` (the labels', or the kind's) beyond the topic's own;
    with ``any_number``, in the singular or the plural ("the rackets" for "racket")."""

    def form(word: str) -> str:
        return singular(word) if any_number else word

    words = {form(word) for word in vocabulary} - {
        form(word) for word in _WORD.findall(show.mission.topic.lower())
    }
    lines = show.heard
    return (
        sum(bool({form(word) for word in _WORD.findall(line.text.lower())} & words) for line in lines)
        / len(lines)
        if lines
        else 0.0
    )


def _line_faults(show: Show) -> tuple[int, int]:
    """Lines with raw topic text in them, and lines the parser finds disagreeing."""
    raw = sum(bool(_RAW.search(line.text)) for line in show.heard)
    return raw, sum(bool(agreement_errors(line.text)) for line in show.heard)


def vocabularies(path: Path = VOCABULARY) -> dict[str, frozenset[str]]:
    """Each topic's words a listener expects (lower case), from a vocabulary file."""
    rows = json.loads(path.read_text(encoding="utf-8"))["topics"]
    return {row["topic"]: frozenset(word.lower() for word in row["words"]) for row in rows}


def named_thing_share(show: Show, kind: str) -> float:
    """Host lines naming one of the kind's things and people (its ``words`` in story_kinds.json,
    for the kind the writer read). Not independent of the writer, which draws on the same list:
    reported beside the prototype-word figure, which is."""
    words = story_kind(kind).words
    lines = show.heard
    return sum(any(word in line.text for word in words) for line in lines) / len(lines) if lines else 0.0


def _held_out(path: Path) -> list[dict[str, Any]]:
    return [
        row for row in json.loads(path.read_text(encoding="utf-8"))["topics"] if row["split"] == "heldout"
    ]


def _one_show_each(
    rows: list[dict[str, Any]], seed: int, vocabularies: dict[str, frozenset[str]]
) -> tuple[list[Show], list[float]]:
    """One silent show per topic, and the share of its host lines with a word the labels expect."""
    shows = [run_show(offline_mission(row["topic"], seed + 31 * index)) for index, row in enumerate(rows)]
    shares = [
        vocabulary_share(show, vocabularies[row["topic"]]) for show, row in zip(shows, rows, strict=True)
    ]
    return shows, shares


def _kind_read(topic: str) -> str:
    """The kind as the game reads it: from the topic as typed (its story, in the light of the whole)."""
    return read_topic(topic).kind


def run(count: int = 1, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri
    rows_in = _held_out(LABELLED)
    shows: list[Show] = []
    right = 0
    interplay: list[float] = []
    subject: list[float] = []
    named: list[float] = []
    expected_words = vocabularies()
    expected: list[float] = []
    for index, row in enumerate(rows_in):
        kind = _kind_read(row["topic"])
        right += kind == row["kind"]
        for seed in range(count):
            show = run_show(offline_mission(row["topic"], 0x4E1D + 31 * index + seed))
            shows.append(show)
            interplay.append(interplay_share(show))
            subject.append(subject_word_share(show, row["kind"]))
            named.append(named_thing_share(show, kind))
            expected.append(vocabulary_share(show, expected_words[row["topic"]]))
    lines = sum(len(show.heard) for show in shows)
    later_kinds: list[dict[str, Any]] = []
    later_words: list[dict[str, Any]] = []
    all_shows = list(shows)
    # The later rounds' held-out topics were never played while the writer was tuned: one show each.
    for number, (ordinal, labels, words_path, seed) in enumerate(LATER_ROUNDS, start=2):
        held = _held_out(labels)
        kinds_right = sum(_kind_read(row["topic"]) == row["kind"] for row in held)
        vocabularies_of_round = vocabularies(words_path)
        round_shows, round_expected = _one_show_each(held, seed, vocabularies_of_round)
        either_number = [
            vocabulary_share(show, vocabularies_of_round[row["topic"]], any_number=True)
            for show, row in zip(round_shows, held, strict=True)
        ]
        all_shows += round_shows
        trained = labels in KIND_TRAINING_ROUNDS
        later_kinds.append(
            {
                "metric": (
                    f"kind read right, {ordinal} round ({len(held)} "
                    f"{'topics the kind model was trained on' if trained else 'held-out topics'})"
                ),
                "figure": f"{kinds_right / len(held):.1%}",
                "goal": "(labels: tests/data)",
            }
        )
        later_words.append(
            {
                "metric": f"host lines with a word the labels expect, round {number} ({len(held)} topics)",
                "figure": f"{sum(round_expected) / len(round_expected):.1%}",
                "goal": ">= 25%",
            }
        )
        later_words.append(
            {
                "metric": f"  the same, a word in either number ('rackets' for 'racket'), round {number}",
                "figure": f"{sum(either_number) / len(either_number):.1%}",
                "goal": "(beside)",
            }
        )
    raw = disagreeing = 0
    for show in all_shows:
        show_raw, show_disagreeing = _line_faults(show)
        raw += show_raw
        disagreeing += show_disagreeing
    return [
        {
            "metric": f"held-out topics ({len(rows_in)}), {len(shows)} silent shows, {lines} lines",
            "figure": "",
            "goal": "",
        },
        {
            "metric": "kind read right (topics the kind model was trained on)",
            "figure": f"{right / len(rows_in):.1%}",
            "goal": "(labels: tests/data)",
        },
        *later_kinds,
        {
            "metric": "masked sentences heard in 3+ shows",
            "figure": f"{shared_sentence_share(shows):.1%}",
            "goal": "<= 15%",
        },
        {
            "metric": "host lines asking or answering another host",
            "figure": f"{sum(interplay) / len(interplay):.1%}",
            "goal": ">= 10%",
        },
        {
            "metric": "host lines with a subject word beyond the topic (the kind's prototype words)",
            "figure": f"{sum(subject) / len(subject):.1%}",
            "goal": ">= 25%",
        },
        {
            "metric": "host lines with a word the labels expect, round 1 (66 topics)",
            "figure": f"{sum(expected) / len(expected):.1%}",
            "goal": ">= 25%",
        },
        *later_words,
        {
            "metric": "host lines naming one of the kind's things or people (the writer's own list)",
            "figure": f"{sum(named) / len(named):.1%}",
            "goal": "(not independent)",
        },
        {
            "metric": "lines with a subject-verb disagreement the parser finds (every round's shows)",
            "figure": disagreeing,
            "goal": "0",
        },
        {
            "metric": "lines with raw topic text (markup, non-Latin script), every round",
            "figure": raw,
            "goal": "0",
        },
    ]
