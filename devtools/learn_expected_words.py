"""``python -m devtools.learn_expected_words [--check]``: learn, for each story kind, the share of
labelled topics of that kind whose listener-written words (tests/data/topic_vocabulary*.json) hold
each word, by its singular, and write ``radiomirchi/writers/expected_words.json``
(``writers.show_things`` leans a show's things towards them). Never from the held-out part of the
newest round (``writer_heldout.KIND_HELD_OUT``), by which the bench scores the shows' words.
``--check`` writes nothing and fails when the shipped table differs from what the rounds give.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from devtools.bench.writer_heldout import KIND_HELD_OUT, LABELLED, LATER_ROUNDS, VOCABULARY, vocabularies
from radiomirchi.writers.show_things import expected_words_path, singular

# (labels, the words listeners expect for its held-out topics): round 2's words are in the first file.
ROUNDS_WITH_WORDS = ((LABELLED, VOCABULARY), *((labels, words) for _, labels, words, _ in LATER_ROUNDS))


def _rows(labels: Path, words: Path) -> list[tuple[str, set[str]]]:
    kinds = {row["topic"]: row["kind"] for row in json.loads(labels.read_text(encoding="utf-8"))["topics"]}
    return [
        (kinds[topic], {singular(word) for word in expected})
        for topic, expected in vocabularies(words).items()
        if topic in kinds
    ]


def learn() -> dict[str, Any]:
    topics: Counter[str] = Counter()
    words: defaultdict[str, Counter[str]] = defaultdict(Counter)
    used = [(labels, vocabulary) for labels, vocabulary in ROUNDS_WITH_WORDS if labels != KIND_HELD_OUT]
    for labels, vocabulary in used:
        for kind, expected in _rows(labels, vocabulary):
            topics[kind] += 1
            words[kind].update(expected)
    return {
        "about": (
            "Learnt by python -m devtools.learn_expected_words: for each story kind, the share of "
            "its labelled topics whose listener-written words hold each word (by its singular)."
        ),
        "learnt_from": sorted(labels.name for labels, _ in used),
        "topics": dict(sorted(topics.items())),
        "kinds": {
            kind: {word: round(count / topics[kind], 3) for word, count in sorted(words[kind].items())}
            for kind in sorted(words)
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped table; write nothing")
    args = parser.parse_args(argv)
    table = learn()
    path = expected_words_path()
    if args.check:
        same = path.exists() and json.loads(path.read_text(encoding="utf-8")) == table
        print(f"{path}: {'as learnt' if same else 'differs from what the rounds give: run without --check'}")
        return 0 if same else 1
    path.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(table['kinds'])} kinds, {sum(table['topics'].values())} topics)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
