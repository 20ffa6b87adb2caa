"""Hindi typed in Devanagari, read in a word list's Latin spellings."""

from __future__ import annotations

import pytest

from radiomirchi.game.devanagari import Romaniser, consonant_skeleton

KNOWN = ["kab", "kahan", "kaun", "kyon", "bharo", "nahi", "jhooth", "paani"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("पानी कब आएगा?", "paani kab aega?"),  # the inherent vowel put back: "kb" is "kab"
        ("पैसा कहाँ गया", "paisa kahan gya"),  # the chandrabindu is an "n", not anyascii's "m"
        ("कौन जिम्मेदार है? क्यों", "kaun jimmedar hai? kyon"),  # kaun and kyon share k-n
        ("थाने के बाहर", "thane ke bahr"),  # "bahr" has b-h-r but is not "bharo"
        ("सब झूठ है।", "sb jhooth hai."),  # spelt as the list spells it; the danda ends a sentence
        ("no Hindi here", "no Hindi here"),
    ],
)
def test_known_words_are_spelt_as_the_list_spells_them(typed: str, read: str) -> None:
    assert Romaniser(KNOWN, {"jhuth": "jhooth"})(typed) == read


def test_spellings_of_one_word_share_a_skeleton() -> None:
    assert consonant_skeleton("bijli") == consonant_skeleton("bijalii") == consonant_skeleton("bjli") == "bjl"
