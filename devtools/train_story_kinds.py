"""``python -m devtools.train_story_kinds [--check]``: train the model that reads a topic's story
kind (``radiomirchi/writers/story_kind.py``) on the labelled topic rounds, and write it beside that
module. Never on the held-out part of the newest round (``writer_heldout.KIND_HELD_OUT``), which is
how the bench scores the kinds.

Each topic is read as the game reads it (its story and the whole topic as speakable English). First
it reports how well the model reads a round it was not trained on (leave one round out).
``--check`` reports and writes nothing. About a minute on two cores.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from devtools.bench.writer_heldout import KIND_HELD_OUT, KIND_TRAINING_ROUNDS
from radiomirchi.writers.story_kind import KindModel, shipped_model_path, story_features
from radiomirchi.writers.topic_text import speakable_parts
from radiomirchi.writers.topics import story_of

# The inverse of the weights' penalty: leave one round out over rounds 1-5 read 82.3 / 82.1 /
# 82.1% of the topics right at 0.5 / 1 / 2.
INVERSE_PENALTY = 1.0

Row = tuple[np.ndarray, str]


def _rows(path: Path) -> list[Row]:
    """A round's topics the model may learn from (of the held-out round, its tune part only), each
    with its features and its label."""
    topics = json.loads(path.read_text(encoding="utf-8"))["topics"]
    usable = [row for row in topics if path != KIND_HELD_OUT or row["split"] == "tune"]
    return [(_features(row["topic"]), row["kind"]) for row in usable]


def _features(topic: str) -> np.ndarray:
    return story_features(story_of(topic) or topic, " ".join(speakable_parts(topic)))


def fit(rows: Sequence[Row]) -> KindModel:
    classifier = LogisticRegression(C=INVERSE_PENALTY, max_iter=5000)
    classifier.fit(np.stack([features for features, _ in rows]), [kind for _, kind in rows])
    return KindModel(
        kinds=tuple(str(kind) for kind in classifier.classes_),
        weights=classifier.coef_.T.astype(np.float32),
        bias=classifier.intercept_.astype(np.float32),
    )


def accuracy(model: KindModel, rows: Sequence[Row]) -> float:
    """The model's own reading (without the kind words it defers to when unsure)."""
    return sum(model.likeliest(features) == kind for features, kind in rows) / len(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report only; write no model")
    args = parser.parse_args(argv)
    rounds = {path: _rows(path) for path in (*KIND_TRAINING_ROUNDS, KIND_HELD_OUT)}
    print("kinds read right on a round left out of training:")
    scores = []
    for held, rows in rounds.items():
        if held == KIND_HELD_OUT:
            continue  # only its tune part is here: too few to score
        model = fit([row for path, kept in rounds.items() if path != held for row in kept])
        scores.append(accuracy(model, rows))
        print(f"  {held.stem} ({len(rows)} topics): {scores[-1]:.1%}")
    print(f"  mean: {np.mean(scores):.1%}")
    if args.check:
        return 0
    model = fit([row for kept in rounds.values() for row in kept])
    path = shipped_model_path()
    model.save(path)
    print(f"wrote {path} ({len(model.kinds)} kinds, {sum(len(kept) for kept in rounds.values())} topics)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
