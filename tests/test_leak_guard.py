"""The leak guard (radiomirchi/game/leak_guard.py): host lines never give away what the caller has
not said, never paste the caller's words, and never say a sentence twice."""

from __future__ import annotations

import pytest

from radiomirchi.game.leak_guard import guard_lines, hidden_details, numbers_in
from radiomirchi.schemas import DialogueLine

PROOFS = [
    "Internal memo R-1944 from the Ministry of Water Security, dated 12 March 2021, admits that the "
    "Halden dam was 387 million over budget.",
    "Meera Ferreira, a site engineer, testified in Marrow Bay that the warnings were erased.",
    "The Reservoir Safety Review 2024/193 shows the safety budget was cut by 17% in 2020.",
]
PUBLIC = ["the Halden dam collapse", "Radio Mirchi 98.3 FM", "Irina Volkov", "Omar Petrov"]


def _guard(*texts: str, caller_said: tuple[str, ...] = (), already_said: tuple[str, ...] = ()) -> list[str]:
    lines = [DialogueLine(speaker="Irina Volkov", text=text) for text in texts]
    kept = guard_lines(
        lines, proof_sentences=PROOFS, caller_said=caller_said, public=PUBLIC, already_said=already_said
    )
    return [line.text for line in kept]


@pytest.mark.parametrize(
    "leaky",
    [
        "Something about 387 million, apparently.",
        "Three hundred and eighty-seven million is a fantasy.",
        "That memo R-1944 is a forgery.",
        "Nobody has heard of Meera Ferreira.",
        "Ferreira is a disgruntled former employee.",
        "There is nothing wrong in Marrow Bay.",
        "The Reservoir Safety Review says no such thing.",
        "A cut of seventeen percent is nothing.",
        "That was back in 2020, and nobody remembers.",
    ],
)
def test_a_hidden_detail_the_caller_never_said_is_cut(leaky: str) -> None:
    assert _guard(leaky) == []


def test_only_the_leaking_sentence_goes_and_the_rest_of_the_line_stays() -> None:
    assert _guard("We are calm. Something about 387 million. Back to the news.") == [
        "We are calm. Back to the news."
    ]


def test_what_the_caller_said_the_hosts_may_repeat_but_not_more() -> None:
    said = ("Memo 1944 says the dam was 387 million over budget!",)
    assert _guard("That memo R-1944 is a forgery.", caller_said=said) == ["That memo R-1944 is a forgery."]
    assert _guard("Our auditors found no 387 million anywhere.", caller_said=said) != []
    # A number close to the caller's is still the hidden one.
    assert _guard("Something about 387 million.", caller_said=("like 380 million",)) == []
    # The caller named the memo, not the witness.
    assert _guard("Ask Meera Ferreira yourself.", caller_said=said) == []


def test_public_names_organisations_and_innocent_speech_pass() -> None:
    fine = [
        "The Ministry of Water Security has checked every figure.",
        "Welcome to Radio Mirchi 98.3 FM, Omar.",
        "The Halden dam collapse was an incident, not a catastrophe.",
        "This one is simple: three committees approved it.",
        "Stay with us, because 120,000 loyal listeners are tuned in right now.",
    ]
    assert _guard(*fine) == fine


def test_a_line_that_reads_a_proof_out_goes_even_if_the_caller_said_it() -> None:
    assert _guard(PROOFS[1], caller_said=(PROOFS[1],)) == []


def test_the_callers_words_are_never_pasted_back() -> None:
    said = ("shame on you, you spineless cowards, shame",)
    assert (
        _guard(
            "Our experts have reviewed claims about shame on you, you spineless cowards.", caller_said=said
        )
        == []
    )
    assert _guard("Insults, Omar; that is all they ever have.", caller_said=said) != []


def test_a_sentence_already_said_on_air_is_not_said_again() -> None:
    assert _guard("Stay tuned. Nobody is hiding anything.", already_said=("Nobody is hiding anything!",)) == [
        "Stay tuned."
    ]
    assert _guard("Stay tuned.", "Stay tuned.") == ["Stay tuned."]


def test_numbers_are_read_however_they_are_written() -> None:
    assert {"1250", "387", "387000000", "42", "98.3"} <= numbers_in(
        "1,250 and 387 million and forty-two and 98.3"
    )
    assert numbers_in("no one wants three of them") == set()
    secrets = hidden_details(PROOFS, public=PUBLIC)
    assert {"R-1944", "2024/193"} <= secrets.codes
    assert {"Ferreira", "Meera", "Marrow"} <= secrets.names
    assert "Halden" not in secrets.names, "the topic is public"
    assert not any("Ministry" in name or "Water" in name for name in secrets.names)
