"""The names a spoken break-in's recogniser is told (radiomirchi/game/vocabulary.py)."""

from __future__ import annotations

from devtools.testing.show_lines import offline_mission
from radiomirchi.game.vocabulary import MAX_TERMS, spoken_vocabulary
from radiomirchi.speech.stt.whisper import echoes_the_prompt


def test_the_names_on_the_page_and_no_word_that_only_opens_a_sentence() -> None:
    mission = offline_mission("the new water tax", 5)
    result = mission.generation_result
    result.proof_sentences[:2] = [
        "Bank records show 366 million moved to a shell company in Lake Orsk within 11 days.",
        "Kavya Varga, former deputy head of the Ministry of Water Security, swore it under oath.",
    ]
    terms = spoken_vocabulary(mission)
    assert terms[: len(result.speakers)] == tuple(speaker.name for speaker in result.speakers)
    assert {result.station_name, "Lake Orsk", "Kavya Varga", "Ministry of Water Security"} <= set(terms)
    assert "Bank" not in terms
    assert len(terms) == len(set(terms)) <= MAX_TERMS


def test_a_transcript_that_writes_out_the_prompt_is_heard_again_without_it() -> None:
    names = ("Arjun Ilves", "Amara Costa", "Radio Freedom", "Water Quality Annex M-219")
    # Heard in the browser benchmark for a whole proof sentence, and a prompt opening a transcript.
    assert echoes_the_prompt("Arjun Ilves, Amara Costa,", names)
    assert echoes_the_prompt("Arjun Ilves, Amara Costa, the annex shows", names)
    # A player who says the names in a sentence of their own is heard as they said it.
    assert not echoes_the_prompt("The Water Quality Annex M-219 shows the ministry lied", names)
    assert not echoes_the_prompt("Amara Costa, you are lying", names)
    assert not echoes_the_prompt("", names)
