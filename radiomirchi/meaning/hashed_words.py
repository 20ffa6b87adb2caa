"""A line's words as a fixed-length vector, for the small trained models beside the sentence vector:
each word (and, where asked, each pair of neighbouring words) counted in one of ``buckets`` slots by
a stable hash, then scaled to unit length. No vocabulary is shipped, so a word the training lines
never had costs nothing and lands in a slot like any other.

Why beside MiniLM's vector: a fact's source is often one plain word the sentence vector blurs
("passbook", "register", "Google Earth"); leaving one round out over the training rounds, the source
model read 74.0% of sources right from the vector alone and 83.8% with the words beside it.
"""

from __future__ import annotations

import itertools
import re
import zlib
from functools import lru_cache
from typing import Final

import numpy as np
from anyascii import anyascii

_TOKEN: Final = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1024)
def hashed_words(text: str, buckets: int, pairs: bool) -> np.ndarray:
    """Unit-length counts of the line's words (lower-cased, other scripts transliterated) in
    ``buckets`` slots; with ``pairs``, each two neighbouring words counted too."""
    words = _TOKEN.findall(anyascii(text).lower())
    grams = words + ([f"{first} {second}" for first, second in itertools.pairwise(words)] if pairs else [])
    counts = np.zeros(buckets, dtype=np.float32)
    for gram in grams:
        # crc32, not hash(): the slot of a word must be the same in every process.
        counts[zlib.crc32(gram.encode("utf-8")) % buckets] += 1.0
    length = float(np.linalg.norm(counts))
    counts = counts / length if length else counts
    counts.setflags(write=False)
    return counts
