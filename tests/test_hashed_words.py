"""A line's words as the caller models read them beside its meaning (radiomirchi/meaning/hashed_words.py):
the same slots in every process, unit length, case and script folded."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from radiomirchi.meaning.hashed_words import hashed_words


def test_the_counts_are_unit_length_and_count_each_word() -> None:
    counts = hashed_words("my passbook, my passbook shows it", 4096, False)
    assert np.isclose(np.linalg.norm(counts), 1.0)
    # "my" and "passbook" twice, "shows" and "it" once (unless two of them share a slot).
    assert sorted(counts[counts > 0] / counts[counts > 0].min())[-2:] == [2.0, 2.0]


def test_case_punctuation_and_script_are_folded() -> None:
    assert np.array_equal(
        hashed_words("The REGISTER!", 4096, False), hashed_words("the register", 4096, False)
    )
    # Devanagari is read in Latin letters, so it has words too.
    assert hashed_words("रजिस्टर में लिखा है", 4096, False).any()


def test_pairs_add_the_neighbouring_words() -> None:
    alone = hashed_words("google earth", 4096, False)
    paired = hashed_words("google earth", 4096, True)
    assert np.count_nonzero(paired) == np.count_nonzero(alone) + 1


def test_an_empty_line_has_no_words() -> None:
    assert not hashed_words("?!", 64, True).any()


def test_a_word_lands_in_the_same_slot_in_another_process() -> None:
    here = int(np.argmax(hashed_words("passbook", 4096, False)))
    there = subprocess.run(
        [
            sys.executable,
            "-c",
            "import numpy; from radiomirchi.meaning.hashed_words import hashed_words;"
            "print(int(numpy.argmax(hashed_words('passbook', 4096, False))))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(there.stdout) == here
