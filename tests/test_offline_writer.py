"""Properties of the offline procedural writer over many topics (GAME.md §8)."""

from __future__ import annotations

import re
from itertools import combinations

import pytest

from radiomirchi.schemas import Gender, MissionId, new_mission_id
from radiomirchi.writers.offline import OfflineWriter, write_mission

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


def test_long_topics_keep_their_leading_key_words() -> None:
    topic = (
        "Why the government says the giant northern desalination pipeline will end every drought "
        "forever while farmers in the south still queue for drinking water each morning"
    )
    result = write_mission(topic, new_mission_id()).result
    for keyword in ("government", "desalination", "pipeline"):
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
