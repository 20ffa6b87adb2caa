"""What the small trained models beside the writers share (the caller's act and source, the story's
kind): a softmax over linear scores, and a saved model's check that it was trained on the features
the code reads now."""

from __future__ import annotations

from pathlib import Path

import numpy as np


class ModelMismatch(RuntimeError):
    """A model file trained on other features than the code reads: retrain it."""


def softmax(scores: np.ndarray) -> np.ndarray:
    exponentials = np.exp(scores - scores.max())
    return np.asarray(exponentials / exponentials.sum())


def load_checked(path: Path, key: str, expected: tuple[str, ...], command: str) -> dict[str, np.ndarray]:
    """A saved model's arrays, once its ``key`` array (what it was trained on) is ``expected``;
    otherwise ``ModelMismatch``, naming the ``python -m`` command that retrains it."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    trained_on = tuple(str(name) for name in arrays[key])
    if trained_on != expected:
        raise ModelMismatch(
            f"{path.name} was trained on the {key.replace('_', ' ')} {trained_on}, the code reads "
            f"{expected}: run python -m {command}"
        )
    return arrays
