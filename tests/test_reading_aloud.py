"""A word misheard while the player read a page sentence aloud is mended (radiomirchi.game.reading_aloud.py);
what the player said differently is not."""

from __future__ import annotations

import pytest

from radiomirchi.game.reading_aloud import mend_from_page, stops_mid_sentence

PAGE = [
    "Court filings in Marrow Bay show 3,041 families fined under the new water tax for debts they "
    "never owed.",
    "Bank records show the Ministry of Water Security moved 40 million to the parade fund.",
    "Internal memo B-792, dated 22 April 2024, shows the Ministry of Water Security knew the new water "
    "tax would cost the poorest households 22 crowns a month.",
    "A recording of the cabinet meeting of 22 October 2025 has Minister Nakamura saying that the new "
    "water tax is only there to pay for the parade.",
]


@pytest.mark.parametrize(
    ("heard", "mended"),
    [
        # Heard in the browser benchmark with the echo canceller on (docs/PERFORMANCE.md).
        (
            "Port filings in Marrow Bay show 3041 families find under the new water tax.",
            "Court filings in Marrow Bay show 3041 families fined under the new water tax.",
        ),
        (
            "Thank record show the Ministry of Water Security moved 40 million.",
            "Bank records show the Ministry of Water Security moved 40 million.",
        ),
        (
            "Internal MOMO B-792, dated 22, April 2024.",
            "Internal memo B-792, dated 22, April 2024.",
        ),
        (
            "Recording of the cabinet meeting of 22 October 2025.",
            "A recording of the cabinet meeting of 22 October 2025.",
        ),
        (  # two words heard as one
            "According of the cabinet meeting of 22 October 2025.",
            "A recording of the cabinet meeting of 22 October 2025.",
        ),
        # A stretch that sounds like the page's words, further off in spelling, under a reading
        # of most of the sentence (heard in the browser benchmark, run 17).
        (
            "Copernilings in Marrow Bay show 3041 families fined under the new water tax for debts "
            "they never owed.",
            "Court filings in Marrow Bay show 3041 families fined under the new water tax for debts "
            "they never owed.",
        ),
        (
            "General Memo, B-792, dated 22 April 2024, shows the Ministry of Water Security knew the "
            "new water tax would cost the poorest households 22 crowns a month.",
            "Internal Memo, B-792, dated 22 April 2024, shows the Ministry of Water Security knew the "
            "new water tax would cost the poorest households 22 crowns a month.",
        ),
    ],
)
def test_a_near_miss_inside_a_page_sentence_is_mended(heard: str, mended: str) -> None:
    assert mend_from_page(heard, PAGE) == mended


@pytest.mark.parametrize(
    ("heard", "mended"),
    [
        # Run 35 of the browser benchmark: the lead-in and the misheard words were one stretch.
        (
            "Listeners, thank record show the Ministry of Water Security moved 40 million.",
            "Listeners, bank records show the Ministry of Water Security moved 40 million.",
        ),
        (
            "Listen to this. Port filings in Marrow Bay show 3041 families fined under the new water tax.",
            "Listen to this. Court filings in Marrow Bay show 3041 families fined under the new water tax.",
        ),
    ],
)
def test_a_reading_after_a_lead_in_is_mended_and_the_lead_in_kept(heard: str, mended: str) -> None:
    assert mend_from_page(heard, PAGE) == mended


@pytest.mark.parametrize(
    "said",
    [
        # A different figure is the player's claim, not a mishearing.
        "Court filings in Marrow Bay show 3,047 families fined under the new water tax.",
        # A negation is never mended, nor a short word.
        "Bank records show the Ministry of Water Security never moved 40 million.",
        "Internal memo B-792 shows the Ministry of Water Security now knew the tax would cost them.",
        # Words of the player's own, and a paraphrase.
        "The minister lied about the water tax and everybody knows it.",
        "The court papers say three thousand families in Marrow Bay got fined for nothing.",
        # Too far from the page's word to be a mishearing.
        "Anchor records show the Ministry of Water Security moved 40 million.",
        # Another place or ministry, read into a sentence of the page, is what the player said.
        "Court filings in Lake Geneva show 3,041 families fined under the new water tax for debts "
        "they never owed.",
        "Bank records show the Ministry of Defence moved 40 million to the parade fund.",
        # A stretch alike in sound, but only a few of the sentence's words: not a reading.
        "General memo says the tax is fine.",
        "",
    ],
)
def test_what_the_player_said_differently_is_left_alone(said: str) -> None:
    assert mend_from_page(said, PAGE) == said


def test_nothing_on_the_page_mends_nothing() -> None:
    assert mend_from_page("Port filings in Marrow Bay show it.", []) == "Port filings in Marrow Bay show it."


@pytest.mark.parametrize(
    ("heard", "unfinished"),
    [
        # A reader's pause inside "2,073" (one default voice leaves 0.6 s there).
        ("Here is the truth, court filings in Marrow Bay show 3000.", True),
        ("Listen to this.", True),  # a breath before the news
        ("The minister lied and", True),
        (
            "Court filings in Marrow Bay show 3,041 families fined under the new water tax for debts "
            "they never owed.",
            False,
        ),
        ("The minister lied about the water tax.", False),
        ("Why is nobody talking about the money?", False),
    ],
)
def test_a_turn_is_unfinished_when_it_stops_partway_through(heard: str, unfinished: bool) -> None:
    assert stops_mid_sentence(heard, PAGE) is unfinished


def test_a_lost_first_word_is_put_back_but_never_a_negation() -> None:
    page = ["Only 36% of the money from the new water tax reached the schools.", "No audit was ever done."]
    assert mend_from_page("36% of the money from the new water tax reached the schools.", page) == (
        "Only 36% of the money from the new water tax reached the schools."
    )
    assert (
        mend_from_page("audit was ever done, I am sure of it.", page)
        == "audit was ever done, I am sure of it."
    )
