"""The names a spoken break-in is likely to carry, handed to the speech-to-text engine."""

from __future__ import annotations

from devtools.testing.show_lines import offline_mission
from radiomirchi.game.vocabulary import MAX_TERMS, speech_vocabulary


def test_the_vocabulary_is_the_shows_names_and_codes_never_a_sentence_opener() -> None:
    mission = offline_mission("the new water tax", 3)
    vocabulary = speech_vocabulary(mission)
    proofs = " ".join(mission.generation_result.proof_sentences)
    assert "Ministry of Water Security" in vocabulary
    assert all(speaker.name in vocabulary for speaker in mission.generation_result.speakers)
    # Every term is written somewhere the player can read it: the page or their evidence.
    result = mission.generation_result
    hosts = [speaker.name for speaker in result.speakers]
    public = " ".join([mission.topic, result.summary, result.station_name, *hosts, proofs])
    assert all(term in public for term in vocabulary)
    assert not {"Bank", "Internal", "The", "Tonight"} & set(vocabulary)
    assert len(vocabulary) <= MAX_TERMS
