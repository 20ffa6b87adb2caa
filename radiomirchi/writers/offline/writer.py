"""The offline procedural writer: a varied, playable station with no LLM and no network.

Every choice comes from a ``random.Random`` seeded by the mission id, so a mission replays the same
way. The mission's word pools live in ``templates`` and ``kinds``; the show itself
is written by ``show``.
"""

from __future__ import annotations

import asyncio
import random

from radiomirchi.game.writer_port import Briefing, DialogueContext
from radiomirchi.schemas import (
    MAX_LISTENERS,
    MAX_PROOF_SENTENCES,
    MIN_LISTENERS,
    MIN_PROOF_SENTENCES,
    DialogueBatch,
    Gender,
    InterjectionTurn,
    MissionId,
    PropagandaGenerationResult,
    PropagandaMission,
    Speaker,
    Verdict,
    WrittenMission,
    mission_seed,
)
from radiomirchi.writers.offline import kinds
from radiomirchi.writers.offline import templates as data
from radiomirchi.writers.offline.show import WRITER_NAME, write_dialogue
from radiomirchi.writers.offline.station import Station, grammar, read_station
from radiomirchi.writers.topics import read_topic, story_of, wants_invented_topic

__all__ = [
    "OfflineWriter",
    "invent_topic",
    "write_briefing",
    "write_dialogue",
    "write_mission",
]

OFFLINE_WRITER_NAME = WRITER_NAME
# Most shows pair hosts of both genders, which also makes their voices easy to tell apart.
_MIXED_PAIR_PROBABILITY = 0.8


class OfflineWriter:
    """Fills mission, briefing and dialogue templates from the topic, seeded by the mission id."""

    @property
    def name(self) -> str:
        return OFFLINE_WRITER_NAME

    async def generate_initial_propaganda(self, topic: str, mission_id: MissionId) -> WrittenMission:
        # Reading a new topic's kind runs the sentence encoder (milliseconds, more on a first use):
        # off the event loop. Later reads of the same topic are cached.
        return await asyncio.to_thread(write_mission, topic, mission_id)

    async def generate_unified_dialogue_prompt(self, mission: PropagandaMission) -> Briefing:
        return Briefing(text=write_briefing(mission), writer=OFFLINE_WRITER_NAME)

    async def generate_dialogue(self, mission: PropagandaMission, context: DialogueContext) -> DialogueBatch:
        # Off the event loop: a reply reads the caller's line with the sentence encoder.
        return await asyncio.to_thread(write_dialogue, mission, context)

    async def answer_interjection(
        self, mission: PropagandaMission, context: DialogueContext, verdict: Verdict
    ) -> InterjectionTurn:
        batch = await asyncio.to_thread(write_dialogue, mission, context, verdict_kind=verdict.kind)
        return InterjectionTurn(verdict=verdict, batch=batch)


def write_mission(topic: str, mission_id: MissionId) -> WrittenMission:
    rng = random.Random(mission_seed(mission_id))
    # What the station can say of the topic (its story, in English, with no markup or code); when
    # nothing is left of it, or the player asked for anything, the station makes one up.
    story = "" if wants_invented_topic(topic) else story_of(topic)
    resolved_topic = story or invent_topic(rng)
    # The story is what the station tells; the topic as typed, all of it, says what kind of story.
    kind = read_topic(topic).kind if story else None
    station = read_station(resolved_topic, rng, kind=kind)
    speakers = _cast_hosts(rng, station)
    result = PropagandaGenerationResult(
        station_name=f"{rng.choice(data.STATION_PREFIXES)} {rng.randint(88, 107)}.{rng.randint(1, 9)} FM",
        summary=_write_summary(rng, station),
        proof_sentences=_write_proofs(rng, station, speakers),
        speakers=speakers,
        initial_listeners=rng.randrange(MIN_LISTENERS, MAX_LISTENERS + 1, 500),
    )
    return WrittenMission(
        topic=resolved_topic, result=result, writer=OFFLINE_WRITER_NAME, story_kind=station.story_kind
    )


def invent_topic(rng: random.Random) -> str:
    parts = [
        "the",
        rng.choice(data.INVENTED_ADJECTIVES),
        rng.choice(data.INVENTED_POLICIES),
        rng.choice(data.INVENTED_SCOPES),
    ]
    return " ".join(part for part in parts if part)


def _cast_hosts(rng: random.Random, station: Station) -> list[Speaker]:
    count = rng.randint(2, 4)
    first = rng.choice(list(Gender))
    second = _opposite(first) if rng.random() < _MIXED_PAIR_PROBABILITY else first
    genders = [first, second, *(rng.choice(list(Gender)) for _ in range(count - 2))]
    pools = {
        Gender.male: rng.sample(data.MALE_FIRST_NAMES, k=count),
        Gender.female: rng.sample(data.FEMALE_FIRST_NAMES, k=count),
    }
    last_names = rng.sample(data.LAST_NAMES, k=count)
    backgrounds = rng.sample(data.BACKGROUNDS, k=count)
    speakers: list[Speaker] = []
    for slot, gender in enumerate(genders):
        taken_roles = {speaker.role for speaker in speakers}
        roles = [role.format(expert=station.domain["expert"]) for role in data.ROLES_BY_SLOT[slot]]
        role = rng.choice([role for role in roles if role not in taken_roles])
        background = backgrounds[slot].format(
            years=rng.randint(6, 31),
            institution=station.domain["institution"],
            expert=station.domain["expert"],
            place=station.places[slot % len(station.places)],
        )
        speakers.append(
            Speaker(
                name=f"{pools[gender].pop()} {last_names[slot]}",
                gender=gender,
                role=role,
                background=background,
            )
        )
    return speakers


def _opposite(gender: Gender) -> Gender:
    return Gender.female if gender is Gender.male else Gender.male


def _write_summary(rng: random.Random, station: Station) -> str:
    stance = station.kind if station.kind in kinds.DENIED_KINDS else "boast"
    return rng.choice(kinds.SUMMARY_TEMPLATES[stance]).format(
        institution=station.domain["institution"],
        claim=rng.choice(kinds.CLAIMS[station.claims_key]),
        # A defeat spun or a strike blamed is backed as such, never as a success ("helped thousands").
        support=rng.choice(kinds.SUPPORTS.get(station.stance, kinds.SUPPORTS[stance])),
        **grammar(station.reading),
    )


def _write_proofs(rng: random.Random, station: Station, hosts: list[Speaker]) -> list[str]:
    count = rng.randint(MIN_PROOF_SENTENCES, MAX_PROOF_SENTENCES)
    # The story kind's own facts where the bank has them (an outbreak's lab results, not a
    # disaster's rescue crews), else its family's.
    templates = rng.sample(kinds.PROOFS.get(station.story_kind, kinds.PROOFS[station.kind]), k=count)
    places = rng.sample(station.places, k=min(count, len(station.places)))
    host_surnames = {host.name.split()[-1] for host in hosts}
    host_first_names = {host.name.split()[0] for host in hosts}
    outsiders = [name for name in data.LAST_NAMES if name not in host_surnames]
    # A witness never shares a host's first name: the hosts say each other's names on air.
    first_names = [
        name for name in data.MALE_FIRST_NAMES + data.FEMALE_FIRST_NAMES if name not in host_first_names
    ]
    proofs = []
    for index, template in enumerate(templates):
        document = rng.choice(station.domain["documents"]).format(
            n=rng.randint(12, 987), year=rng.randint(2019, 2025), letter=rng.choice(data.DOCUMENT_LETTERS)
        )
        proofs.append(
            template.format(
                **grammar(station.reading),
                institution=station.domain["institution"],
                place=places[index % len(places)],
                document=document,
                code=f"{rng.choice(data.DOCUMENT_LETTERS)}-{rng.randint(100, 9999)}",
                amount=rng.randint(14, 940),
                small=rng.randint(15, 90),
                pct=rng.randint(3, 41),
                count=f"{rng.randint(12, 4800):,}",
                weeks=rng.randint(3, 19),
                page=rng.randint(4, 212),
                day=rng.randint(1, 28),
                month=rng.choice(data.MONTHS),
                year=rng.randint(2019, 2025),
                official=f"Minister {rng.choice(outsiders)}",
                witness=f"{rng.choice(first_names)} {rng.choice(outsiders)}",
            )
        )
    return proofs


def write_briefing(mission: PropagandaMission) -> str:
    # A separate stream from Stage 1's, still fixed by the mission id.
    rng = random.Random(mission_seed(mission.id) ^ 0xB81EF)
    station = read_station(mission.topic, rng, kind=mission.story_kind)
    result = mission.generation_result
    personalities = rng.sample(data.PERSONALITIES, k=len(result.speakers))
    hosts = []
    for speaker, personality in zip(result.speakers, personalities, strict=True):
        tactic_a, tactic_b = rng.sample(data.TACTICS, k=2)
        hosts.append(
            data.BRIEFING_HOST_TEMPLATE.format(
                name=speaker.name,
                gender=speaker.gender.value,
                role=speaker.role,
                personality=personality,
                style=rng.choice(data.SPEAKING_STYLES),
                stance=rng.choice(data.STANCES),
                tactic_a=tactic_a,
                tactic_b=tactic_b,
            ).format(institution=station.domain["institution"], place=station.places[0])
        )
    return data.BRIEFING_TEMPLATE.format(
        station_name=result.station_name,
        show_format=rng.choice(data.SHOW_FORMATS),
        summary=result.summary,
        topic=mission.topic,
        institution=station.domain["institution"],
        hosts="\n".join(hosts),
        proofs="\n".join(f"- {proof}" for proof in result.proof_sentences),
    )
