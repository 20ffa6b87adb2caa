"""Subject-verb agreement in the offline hosts' lines, as spaCy's parser reads them."""

from __future__ import annotations

import pytest

from devtools.testing.agreement import agreement_errors
from devtools.testing.show_lines import offline_mission
from devtools.testing.show_sim import run_show
from radiomirchi.writers.topics import read_topic


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("The strikers is back at work.", ["strikers is"]),
        ("The cameras only worries the guilty.", ["cameras worries"]),
        ("Tickets for the chess team takes gold were snapped up.", ["Tickets takes"]),
        ("The critics of the plan have never built anything.", []),
        ("Every stage of the bridge has finished early.", []),
        ("Zara, are there any problems at all?", []),
        ("She has watched the housing office improve every year.", []),
        ("She said the workers leaves early.", ["workers leaves"]),
        ("Plenty of you have asked about the fans, Arjun.", []),
        ("The Ministry of Public Harmony's engineers say it was contained.", []),
        ("The Ministry of Public Harmony's engineer say it was contained.", ["Ministry say"]),
        ("Since the curfew, the streets of the capital's Old Quarter have never been quieter.", []),
        ("Why not open tonight, Clara, with a few plain words about the bus stops?", []),
        ("The words about the bus stops.", []),
        ("The buses stops.", ["buses stops"]),
    ],
)
def test_the_checker_finds_disagreements_and_only_those(text: str, errors: list[str]) -> None:
    assert agreement_errors(text) == errors


@pytest.mark.parametrize(
    ("topic", "subject"),
    [
        ("the junior chess team takes gold", "the junior chess team"),
        ("my neighbour's rooster wakes everyone at 4am", "a listener's neighbour's rooster"),
        ("the children's ward is full of coughing kids", "the children's ward"),
        ("the Halden dam collapse", "the Halden dam collapse"),
        # A headline's verb is kept, not dropped as a hashtag's chant word.
        ("doctors boycott all hospitals in Rampur after nurse attacked", "the doctors' boycott"),
    ],
)
def test_a_headline_with_a_verb_is_about_its_subject(topic: str, subject: str) -> None:
    assert read_topic(topic).subject == subject


@pytest.mark.parametrize(
    "topic",
    [
        "One Rank One Pension arrears still not paid to ex-servicemen",
        "pension dues of retired teachers",
        "the savings of small depositors frozen",
    ],
)
def test_a_noun_with_no_singular_is_plural(topic: str) -> None:
    assert read_topic(topic).plural


@pytest.mark.parametrize(
    "topic",
    [
        "One Rank One Pension arrears still not paid to ex-servicemen",
        "the junior chess team takes gold",
        "my neighbour's rooster wakes everyone at 4am",
        "sadak pe gaddhe hi gaddhe",
        "digital ID for every newborn",
        "Diwali mela in the main square",
        "bread prices doubled",
        "the flood relief fund was never paid out",
        "farmers block the highway with tractors",
    ],
)
def test_a_whole_show_has_no_line_the_parser_finds_disagreeing(topic: str) -> None:
    show = run_show(offline_mission(topic, 0xA6E))
    assert {
        line.text: agreement_errors(line.text) for line in show.heard if agreement_errors(line.text)
    } == {}
