"""Properties of the offline procedural writer over many topics (docs/GAME.md §8)."""

from __future__ import annotations

import random
import re
from itertools import combinations

import pytest

from radiomirchi.schemas import Gender, MissionId, new_mission_id
from radiomirchi.writers.offline import OfflineWriter, write_mission
from radiomirchi.writers.offline.show import _sentences
from radiomirchi.writers.offline.station import read_station, spoken_places
from radiomirchi.writers.topics import read_topic

# Each topic with the key words a reader would expect the station to talk about.
TOPICS: list[tuple[str, list[str]]] = [
    ("the new water tax", ["water", "tax"]),
    ("Mandatory smart meters in every home", ["smart", "meters", "home"]),
    ("the national vaccination drive", ["vaccination", "drive"]),
    ("Rail privatisation", ["rail", "privatisation"]),
    ("The bread ration for pensioners", ["bread", "ration", "pensioners"]),
    ("the moon mission", ["moon", "mission"]),
    ("Internet shutdown during exams", ["internet", "shutdown", "exams"]),
    ("the border wall", ["border", "wall"]),
    ("Election results in the capital", ["election", "results", "capital"]),
    ("the river dam project", ["river", "dam", "project"]),
    ("School uniform law", ["school", "uniform", "law"]),
    ("fuel subsidy cuts", ["fuel", "subsidy", "cuts"]),
    ("the state lottery", ["state", "lottery"]),
    ("Pension reform", ["pension", "reform"]),
    ("Air pollution from the chemical plant", ["pollution", "chemical", "plant"]),
    ("the new surveillance cameras", ["surveillance", "cameras"]),
    ("Housing towers in the old quarter", ["housing", "towers", "quarter"]),
    ("Record wheat harvest", ["wheat", "harvest"]),
    ("The bridge that collapsed", ["bridge", "collapsed"]),
    ("Free hospital care for everyone", ["hospital", "care"]),
    ("Nuclear power plant safety", ["nuclear", "power", "safety"]),
    ("Mandatory loyalty app", ["loyalty", "app"]),
    ("Newspaper licensing rules", ["newspaper", "licensing", "rules"]),
    ("Curfew for teenagers", ["curfew", "teenagers"]),
    ("Cholera outbreak in the river villages", ["cholera", "outbreak"]),
    ("Power grid blackout", ["power", "grid", "blackout"]),
]
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DETAIL = re.compile(rf"\d|{MONTHS}|Report|Register|Minute|Memo|memo|Ledger|Annex|Directive|Order")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def _mission_id(index: int) -> MissionId:
    return f"{0xC0FFEE * (index + 1) + index:024x}"


@pytest.mark.parametrize(("index", "topic", "keywords"), [(i, t, k) for i, (t, k) in enumerate(TOPICS)])
def test_topic_key_words_reach_the_summary_and_every_proof(
    index: int, topic: str, keywords: list[str]
) -> None:
    written = write_mission(topic, _mission_id(index))
    result = written.result
    summary_words = _words(result.summary)
    for keyword in keywords:
        assert keyword in summary_words, f"{keyword!r} missing from summary: {result.summary}"
        for proof in result.proof_sentences:
            assert keyword in _words(proof), f"{keyword!r} missing from proof: {proof}"


@pytest.mark.parametrize(("index", "topic"), [(i, t) for i, (t, _) in enumerate(TOPICS)])
def test_proofs_are_concrete_and_distinct_and_hosts_are_unique(index: int, topic: str) -> None:
    result = write_mission(topic, _mission_id(index)).result
    assert 3 <= len(result.proof_sentences) <= 5
    for proof in result.proof_sentences:
        assert DETAIL.search(proof), f"no concrete detail in: {proof}"
    subject_words = _words(topic)
    for first, second in combinations(result.proof_sentences, 2):
        # Alike means they share most of their words beyond the topic's own.
        a, b = _words(first) - subject_words, _words(second) - subject_words
        overlap = len(a & b) / len(a | b)
        assert overlap < 0.5, f"too alike ({overlap:.2f}):\n{first}\n{second}"
    names = [speaker.name for speaker in result.speakers]
    assert len(set(names)) == len(names)
    assert len({name.split()[0] for name in names}) == len(names), "hosts share a first name"
    assert 2 <= len(result.speakers) <= 4
    assert 50_000 <= result.initial_listeners <= 250_000


def test_at_least_half_the_missions_mix_genders() -> None:
    mixed = 0
    for index, (topic, _) in enumerate(TOPICS):
        genders = {speaker.gender for speaker in write_mission(topic, _mission_id(index)).result.speakers}
        mixed += genders == {Gender.male, Gender.female}
    assert mixed >= len(TOPICS) / 2, f"only {mixed}/{len(TOPICS)} missions have hosts of both genders"


@pytest.mark.parametrize("asked", ["", "any", "  ANY  ", "Any."])
def test_an_empty_or_any_topic_invents_varied_topics(asked: str) -> None:
    topics = {write_mission(asked, f"{seed:024x}").topic for seed in range(1, 31)}
    assert "" not in topics and "any" not in {t.lower() for t in topics}
    assert len(topics) >= 20, f"only {len(topics)} distinct invented topics: {sorted(topics)}"


def test_the_same_mission_id_replays_the_same_mission() -> None:
    mission_id = new_mission_id()
    assert write_mission("the new water tax", mission_id) == write_mission("the new water tax", mission_id)
    other_id = new_mission_id()
    assert write_mission("the new water tax", mission_id) != write_mission("the new water tax", other_id)


def test_long_topics_keep_the_key_words_of_their_story() -> None:
    topic = (
        "Why the government says the giant northern desalination pipeline will end every drought "
        "forever while farmers in the south still queue for drinking water each morning"
    )
    result = write_mission(topic, new_mission_id()).result
    # What the government says is the story: the pipeline, not the government.
    for keyword in ("desalination", "pipeline"):
        assert keyword in _words(result.summary)
        assert all(keyword in _words(proof) for proof in result.proof_sentences)


async def test_briefing_names_every_host_and_hides_nothing_from_the_writer() -> None:
    writer = OfflineWriter()
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    from radiomirchi.schemas import PropagandaMission

    mission = PropagandaMission(
        user_id="u", topic=written.topic, generation_result=written.result, writer="offline"
    )
    briefing = await writer.generate_unified_dialogue_prompt(mission)
    assert briefing.writer == "offline"
    for speaker in written.result.speakers:
        assert speaker.name in briefing.text
    for proof in written.result.proof_sentences:
        assert proof in briefing.text, "the dialogue writer must know what never to say"
    assert "40 words" in briefing.text


KINDS = [
    ("the Halden dam collapse", "disaster_accident"),
    ("the Orsk copper mining accident", "disaster_accident"),
    ("A ferry that sank near Port Halden", "disaster_accident"),
    ("the heatwave", "disaster_accident"),
    ("Air pollution from the chemical plant", "pollution"),
    ("the missing pension fund", "missing_money"),
    ("the new water tax", "tax_fee"),
    ("Pension reform", "pensions"),
    ("Election results in the capital", "election"),
    ("the referendum on the new flag", "election"),
    ("bread prices", "prices"),
    # Rents are both kinds' (story_kinds.json: prices rising ... rents; housing ... rents).
    ("the cost of rent in the capital", "prices|housing"),
    ("the national vaccination drive", "health"),
    ("Curfew for teenagers", "ban_law"),
    ("the ban on foreign music", "ban_law"),
    ("the anniversary parade", "festival"),
    ("the river dam project", "construction"),
    ("the moon mission", "generic"),
    ("why my cat hates Mondays", "petty_local"),
    ("the giant purple banana statue", "petty_local"),  # a statue: story_kinds.json names it
]


@pytest.mark.parametrize(("topic", "kind"), KINDS)
def test_the_writer_reads_what_kind_of_story_a_topic_is(topic: str, kind: str) -> None:
    """The story's kind (game/story_kinds.json); the template banks use its coarser family."""
    assert read_topic(topic).kind in kind.split("|")


@pytest.mark.parametrize(
    ("topic", "subject", "plural", "place"),
    [
        ("bread prices", "bread prices", True, None),
        ("India lost to Bangladesh", "India", False, "Bangladesh"),
        ("the Halden dam collapse", "the Halden dam collapse", False, "Halden"),
        ("Mandatory loyalty app", "the mandatory loyalty app", False, None),
        ("Rail privatisation", "rail privatisation", False, None),
        ("fuel subsidy cuts in Orsk", "fuel subsidy cuts in Orsk", True, "Orsk"),
        ("should we ban cars", "the question of whether people should ban cars", False, None),
    ],
)
def test_the_subject_is_a_noun_phrase_with_its_number_and_place(
    topic: str, subject: str, plural: bool, place: str | None
) -> None:
    reading = read_topic(topic)
    assert (reading.subject, reading.plural, reading.place) == (subject, plural, place)


VARIED = [topic for topic, _ in KINDS] + ["Internet shutdown during exams", "Record wheat harvest"]
# Verb agreement after the subject, and leftovers of a template.
_SINGULAR_VERBS = re.compile(r"\b(?:is|was|has)\b")
_PLURAL_VERBS = re.compile(r"\b(?:are|were|have)\b")


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("topic", VARIED)
def test_fact_sentences_are_grammatical_for_the_topic(topic: str, seed: int) -> None:
    result = write_mission(topic, _mission_id(seed)).result
    reading = read_topic(topic)
    for sentence in [*result.proof_sentences, result.summary]:
        assert "{" not in sentence and "  " not in sentence and " the the " not in sentence.lower()
        assert (sentence[0].isupper() or sentence[0].isdigit()) and sentence.endswith("."), sentence
        # Where the topic is the subject of a clause, its verb agrees with it.
        as_subject = re.search(
            rf"(?:^|\bthat |: ){re.escape(reading.subject.lower())} (\w+)", sentence.lower()
        )
        if as_subject:
            wrong = _SINGULAR_VERBS if reading.plural else _PLURAL_VERBS
            assert not wrong.fullmatch(as_subject.group(1)), sentence


# Each kind's facts are its own sort of evidence.
KIND_EVIDENCE = {
    "disaster": r"warn|inspection|repairs|injured|rescue|safety|petition",
    "tax": r"collected|raised|money|fined|closed|cost|budget|parade",
    "election": r"ballot|turnout|vote|tallies|count|margin",
    "prices": r"price|charges|stock|earned|inflation|earn|eat",
}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    ("topic", "kind"),
    [
        ("the Halden dam collapse", "disaster"),
        ("the new water tax", "tax"),
        ("Election results in the capital", "election"),
        ("bread prices", "prices"),
    ],
)
def test_facts_are_written_for_the_kind_of_story(topic: str, kind: str, seed: int) -> None:
    for proof in write_mission(topic, _mission_id(seed)).result.proof_sentences:
        assert re.search(KIND_EVIDENCE[kind], proof), proof
    if kind == "disaster":
        assert not re.search(
            r"support|over budget|capacity",
            " ".join(write_mission(topic, _mission_id(seed)).result.proof_sentences),
        )


@pytest.mark.parametrize(
    "topic", ["the chess championship cheating scandal", "corruption at the port authority"]
)
def test_a_scandal_is_denied_not_bragged_about(topic: str) -> None:
    assert read_topic(topic).kind == "scandal"
    for seed in range(4):
        result = write_mission(topic, _mission_id(seed)).result
        assert re.search(r"invention|misunderstanding|no truth|closed", result.summary), result.summary


def test_the_topics_place_is_the_hosts_first_even_when_named_outside_its_story() -> None:
    # The story is "Nipah scare"; the place is in the headline's other part.
    station = read_station("Nipah scare: 2 deaths in Kozhipuram, schools shut", random.Random(7))
    assert station.places[0] == "Kozhipuram"


@pytest.mark.parametrize(
    ("topic", "foreign"),
    [
        ("Cholera outbreak in the river villages", r"rescue|injured|safety inspector"),
        ("Power grid blackout", r"rescue|injured|safety inspector"),
        ("Toxic foam on the lake", r"rescue|injured|safety inspector"),
    ],
)
def test_an_outbreak_a_blackout_and_a_spill_have_facts_of_their_own(topic: str, foreign: str) -> None:
    for seed in range(1, 6):
        for proof in write_mission(topic, f"{seed:024x}").result.proof_sentences:
            assert not re.search(foreign, proof), proof


def test_the_hosts_come_back_to_the_topics_place_every_other_time() -> None:
    station = read_station("Nipah scare: 2 deaths in Kozhipuram, schools shut", random.Random(7))
    places = spoken_places(station, proof_sentences=[], public=[])
    assert places[::2] == ["Kozhipuram"] * len(places[::2]) and "Kozhipuram" not in places[1::2], places


def test_a_line_with_the_stations_name_is_not_taken_for_a_repeat() -> None:
    # "97.4 FM" split at its point made "4 FM" a sentence said already once the intro named the
    # station, and every later line with the station's name was dropped as a repeat.
    assert _sentences("Welcome to Patriot Wave 97.4 FM.") == {"welcome to patriot wave 97.4 fm"}
    assert _sentences("Greetings from everybody here at Patriot Wave 97.4 FM.").isdisjoint(
        _sentences("Welcome, loyal listeners, to Patriot Wave 97.4 FM.")
    )


@pytest.mark.parametrize(
    ("topic", "never"),
    [
        ("Ludhiana cycle factory workers strike over unpaid bonus", "helped thousands of families"),
        ("national kabaddi team lost to Iran in the final", "helped thousands of families"),
    ],
)
def test_a_strike_or_a_defeat_is_never_backed_as_a_success(topic: str, never: str) -> None:
    for seed in range(8):
        summary = write_mission(topic, _mission_id(seed)).result.summary
        assert never not in summary and "record satisfaction" not in summary, summary


@pytest.mark.parametrize(
    ("topic", "institution"),
    [
        # The word "city" (Nagar) is the housing ministry's, but an outbreak is the health authority's.
        (
            "Zika ke 12 case Jaipur ke Shastri Nagar mein, pregnant auraton ki jaanch shuru",
            "National Health Authority",
        ),
        ("dengue cases rise across the city", "National Health Authority"),
        # A topic's own words still decide where they say more than the kind.
        ("metro fare hike", "Ministry of Transport"),
        # A factory's strike is the labour ministry's, not the environment office's (a factory).
        ("Ludhiana cycle factory workers strike over unpaid bonus", "Ministry of Labour and Employment"),
        # A defeat "at home" is the sport ministry's, not the housing ministry's.
        (
            "India lose the test series 3-0 at home, fans burn posters of the captain",
            "Ministry of Youth and Sport",
        ),
        ("the anniversary parade", "Ministry of Culture and Tourism"),
        # A currency's fall is the treasury's, though the petrol it makes dearer is energy's.
        ("rupee falls to record low against the dollar, petrol costlier", "State Treasury"),
    ],
)
def test_the_station_belongs_to_the_domain_of_its_story(topic: str, institution: str) -> None:
    assert read_station(topic, random.Random(1)).domain["institution"] == institution


async def test_a_story_told_in_part_of_a_topic_keeps_the_kind_the_whole_topic_gave_it() -> None:
    """The show reads the mission's story alone ("chemistry practicals next month", no kind of its
    own), so the kind read from the whole topic is kept with the mission: the hosts talk of a
    school's exams at the ministry of education, not of town squares at a generic ministry."""
    from devtools.testing.show_lines import offline_mission
    from radiomirchi.game.writer_port import DialogueContext
    from radiomirchi.writers.offline.show import write_dialogue

    topic = (
        "chemistry practicals next month and our school lab has nothing but an empty gas cylinder "
        "and expired acid botles"
    )
    mission = offline_mission(topic, 0x5C4001)
    assert mission.topic != topic
    assert read_topic(mission.topic).kind != "education"  # the story alone, as the show would read it
    assert mission.story_kind == read_topic(topic).kind == "education"
    said = " ".join(
        line.text
        for batch in range(4)
        for line in write_dialogue(mission, DialogueContext(batch_index=batch)).lines
    )
    assert "Ministry of Education" in " ".join(mission.generation_result.proof_sentences)
    assert re.search(r"\b(?:students|pupils|teachers|exams?|schools?|lessons)\b", said), said
