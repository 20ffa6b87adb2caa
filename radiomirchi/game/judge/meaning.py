"""Meaning for the judge: a sentence encoder behind a small protocol, and what it remembers.

The game core only knows the protocol; the engine (an ONNX model shipped in a package) lives in
``radiomirchi.meaning`` and is chosen at start-up. Embeddings of a mission's fixed texts (its
facts, topic and summary) are computed once per mission; host lines are remembered too, because
the judge sees the same recent lines again at the next break-in.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from radiomirchi.game.judge import lexicon
from radiomirchi.game.judge.claims import core_claim
from radiomirchi.schemas import PropagandaMission

# Fact embeddings are cached for this many missions.
MISSION_CACHE_SIZE = 64

Vectors = npt.NDArray[np.float32]


class SentenceEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> Vectors:
        """One unit-length row per text (cosine similarity is a dot product)."""
        ...


@dataclass(frozen=True)
class MissionMeaning:
    facts: Vectors  # one row per proof sentence
    cores: Vectors  # one row per proof sentence without its date, place and asides
    setting: Vectors  # the topic, the summary's sentences and the station's own claims
    baseline: Vectors  # the topic and its institution named, with no claim: what name-dropping says


@dataclass(frozen=True)
class Prototypes:
    hostile: Vectors
    civil: Vectors
    warm: Vectors
    appeal: Vectors
    injection: Vectors
    injection_civil: Vectors
    insult_words: Vectors
    plain_words: Vectors
    about_hosts: Vectors


K = TypeVar("K")
V = TypeVar("V")


class _Lru(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


class Memory:
    """The encoder, and the embeddings the judge needs again and again."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self._encoder = encoder
        self._missions: _Lru[tuple[str, ...], MissionMeaning] = _Lru(MISSION_CACHE_SIZE)
        self._lines: _Lru[str, Vectors] = _Lru(MISSION_CACHE_SIZE * 8)
        self._prototypes: Prototypes | None = None

    def encode(self, texts: Sequence[str]) -> Vectors:
        return self._encoder.encode(texts)

    def mission(self, mission: PropagandaMission, institution: str) -> MissionMeaning:
        result = mission.generation_result
        key = (mission.topic, result.summary, *result.proof_sentences)
        cached = self._missions.get(key)
        if cached is not None:
            return cached
        setting_texts = [mission.topic, *_sentences(result.summary)]
        baseline_texts = [mission.topic, f"{institution} and {mission.topic}".strip()]
        proofs = result.proof_sentences
        cores = [core_claim(proof) for proof in proofs]
        vectors = self._encoder.encode([*proofs, *cores, *setting_texts, *baseline_texts])
        facts_end = len(proofs)
        setting_start = 2 * facts_end
        setting_end = setting_start + len(setting_texts)
        meaning = MissionMeaning(
            facts=vectors[:facts_end],
            cores=vectors[facts_end:setting_start],
            setting=vectors[setting_start:setting_end],
            baseline=vectors[setting_end:],
        )
        self._missions.put(key, meaning)
        return meaning

    def remember(self, text: str, vector: Vectors) -> None:
        """Keeps a line already encoded (an interjection comes back as a previous one)."""
        self._lines.put(text, vector)

    def lines(self, texts: Sequence[str]) -> Vectors:
        """Embeddings of host lines, remembered (the same lines come back at the next break-in)."""
        missing = [text for text in dict.fromkeys(texts) if self._lines.get(text) is None]
        if missing:
            for text, vector in zip(missing, self._encoder.encode(missing), strict=True):
                self._lines.put(text, vector)
        rows = [self._lines.get(text) for text in texts]
        return np.stack([row for row in rows if row is not None]) if rows else np.zeros((0, 1), np.float32)

    def prototypes(self) -> Prototypes:
        if self._prototypes is None:
            groups = (
                lexicon.HOSTILE_PROTOTYPES,
                lexicon.CIVIL_PROTOTYPES,
                lexicon.WARM_PROTOTYPES,
                lexicon.APPEAL_PROTOTYPES,
                lexicon.INJECTION_PROTOTYPES,
                lexicon.INJECTION_CIVIL,
                lexicon.INSULT_WORDS_BY_MEANING,
                lexicon.PLAIN_WORDS,
                lexicon.ABOUT_HOSTS_PROTOTYPES,
            )
            vectors = self._encoder.encode([text for group in groups for text in group])
            ends = np.cumsum([len(group) for group in groups])
            parts = np.split(vectors, ends[:-1])
            self._prototypes = Prototypes(*parts)
        return self._prototypes


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in text.replace("!", ".").split(".") if part.strip()]
