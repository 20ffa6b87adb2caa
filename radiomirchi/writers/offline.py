"""The offline procedural writer: a varied, playable station with no LLM and no network.

Every choice comes from a ``random.Random`` seeded by the mission id, so a mission replays the same
way. Templates and word pools live in ``offline_templates``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from radiomirchi.schemas import (
    MAX_LISTENERS,
    MIN_LISTENERS,
    DialogueBatch,
    DialogueLine,
    Gender,
    HostLineEntry,
    InterjectionTurn,
    MissionId,
    PropagandaGenerationResult,
    PropagandaMission,
    Speaker,
    Verdict,
    WrittenMission,
    mission_seed,
)
from radiomirchi.writers import offline_dialogue_templates as show
from radiomirchi.writers import offline_templates as data
from radiomirchi.writers.base import Briefing
from radiomirchi.writers.dialogue import DialogueContext, clean_batch
from radiomirchi.writers.topics import normalise_topic, subject_phrase, topic_keywords, wants_invented_topic

OFFLINE_WRITER_NAME = "offline"
# Most shows pair hosts of both genders, which also makes their voices easy to tell apart.
_MIXED_PAIR_PROBABILITY = 0.8


@dataclass(frozen=True, slots=True)
class _Station:
    """Everything the templates need to know about one mission's world."""

    topic: str
    subject: str
    domain: data.Domain
    places: list[str]


class OfflineWriter:
    """Fills mission, briefing and dialogue templates from the topic, seeded by the mission id."""

    @property
    def name(self) -> str:
        return OFFLINE_WRITER_NAME

    async def generate_initial_propaganda(self, topic: str, mission_id: MissionId) -> WrittenMission:
        # Pure CPU work of well under a millisecond: cheaper inline than a thread hop.
        return write_mission(topic, mission_id)

    async def generate_unified_dialogue_prompt(self, mission: PropagandaMission) -> Briefing:
        return Briefing(text=write_briefing(mission), writer=OFFLINE_WRITER_NAME)

    async def generate_dialogue(self, mission: PropagandaMission, context: DialogueContext) -> DialogueBatch:
        return write_dialogue(mission, context)

    async def answer_interjection(
        self, mission: PropagandaMission, context: DialogueContext, verdict: Verdict
    ) -> InterjectionTurn:
        return InterjectionTurn(verdict=verdict, batch=write_dialogue(mission, context))


def write_mission(topic: str, mission_id: MissionId) -> WrittenMission:
    rng = random.Random(mission_seed(mission_id))
    resolved_topic = invent_topic(rng) if wants_invented_topic(topic) else normalise_topic(topic)
    station = _read_topic(resolved_topic, rng)
    speakers = _cast_hosts(rng, station)
    result = PropagandaGenerationResult(
        station_name=f"{rng.choice(data.STATION_PREFIXES)} {rng.randint(88, 107)}.{rng.randint(1, 9)} FM",
        summary=_write_summary(rng, station),
        proof_sentences=_write_proofs(rng, station, speakers),
        speakers=speakers,
        initial_listeners=rng.randrange(MIN_LISTENERS, MAX_LISTENERS + 1, 500),
    )
    return WrittenMission(topic=resolved_topic, result=result, writer=OFFLINE_WRITER_NAME)


def invent_topic(rng: random.Random) -> str:
    parts = [
        "the",
        rng.choice(data.INVENTED_ADJECTIVES),
        rng.choice(data.INVENTED_POLICIES),
        rng.choice(data.INVENTED_SCOPES),
    ]
    return " ".join(part for part in parts if part)


def detect_domain(topic: str) -> data.Domain:
    """The domain whose key words the topic uses most; the generic ministry when none match."""
    words = {word.casefold() for word in topic_keywords(topic)}
    best, best_hits = data.DEFAULT_DOMAIN, 0
    for domain in data.DOMAINS.values():
        hits = len(words & domain["keywords"])
        if hits > best_hits:
            best, best_hits = domain, hits
    return best


def _read_topic(topic: str, rng: random.Random) -> _Station:
    domain = detect_domain(topic)
    generic = rng.sample(data.GENERIC_PLACES, k=3)
    places = [*domain["places"], *generic]
    rng.shuffle(places)
    return _Station(topic=topic, subject=subject_phrase(topic), domain=domain, places=places)


def _cast_hosts(rng: random.Random, station: _Station) -> list[Speaker]:
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


def _write_summary(rng: random.Random, station: _Station) -> str:
    return rng.choice(data.SUMMARY_TEMPLATES).format(
        institution=station.domain["institution"],
        subject=station.subject,
        claim=rng.choice(data.CLAIMS),
        support=rng.choice(data.SUPPORTS),
    )


def _write_proofs(rng: random.Random, station: _Station, hosts: list[Speaker]) -> list[str]:
    count = rng.randint(3, 5)
    templates = rng.sample(data.PROOF_TEMPLATES, k=count)
    places = rng.sample(station.places, k=min(count, len(station.places)))
    host_surnames = {host.name.split()[-1] for host in hosts}
    outsiders = [name for name in data.LAST_NAMES if name not in host_surnames]
    first_names = data.MALE_FIRST_NAMES + data.FEMALE_FIRST_NAMES
    proofs = []
    for index, template in enumerate(templates):
        document = rng.choice(station.domain["documents"]).format(
            n=rng.randint(12, 987), year=rng.randint(2019, 2025), letter=rng.choice(data.DOCUMENT_LETTERS)
        )
        proofs.append(
            template.format(
                subject=station.subject,
                institution=station.domain["institution"],
                place=places[index % len(places)],
                document=document,
                code=f"{rng.choice(data.DOCUMENT_LETTERS)}-{rng.randint(100, 9999)}",
                amount=rng.randint(14, 940),
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
    station = _read_topic(mission.topic, rng)
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


def write_dialogue(mission: PropagandaMission, context: DialogueContext) -> DialogueBatch:
    """The next batch: a beat of templates, spoken in turn by the hosts, seeded by mission and batch."""
    rng = random.Random(mission_seed(mission.id) ^ 0xD1A106 ^ (context.batch_index * 0x9E3779B1))
    station = _read_topic(mission.topic, rng)
    result = mission.generation_result
    beat = _choose_beat(context)
    if beat == "closing":
        templates = [rng.choice(show.CLOSING_LINES)]
    else:
        pool = show.BEATS[beat]
        count = rng.randint(3, min(5, len(pool)))
        # Keep the beat's own order so a segment reads naturally (greeting first, and so on).
        templates = [pool[i] for i in sorted(rng.sample(range(len(pool)), k=count))]
    already_said = {entry.text for entry in context.recent if isinstance(entry, HostLineEntry)}
    speakers = result.speakers
    start = context.batch_index % len(speakers)
    point = context.caller_point or (caller_point(context.interjection.text) if context.interjection else "")
    lines = []
    for index, template in enumerate(templates):
        speaker = speakers[(start + index) % len(speakers)]
        other = speakers[(start + index + 1) % len(speakers)]
        text = template.format(
            station=result.station_name,
            subject=station.subject,
            institution=station.domain["institution"],
            claim=rng.choice(data.CLAIMS),
            place=rng.choice(station.places),
            other=other.name.split()[0],
            listeners=f"{result.initial_listeners - result.awakened_listeners:,}",
            point=point,
        )
        if text not in already_said:
            lines.append(DialogueLine(speaker=speaker.name, text=text))
    lines = clean_batch(lines, speakers, result.proof_sentences)
    return DialogueBatch(lines=lines, summary=_next_summary(context, beat, point), writer=OFFLINE_WRITER_NAME)


def _choose_beat(context: DialogueContext) -> str:
    if context.closing:
        return "closing"
    if context.interjection is not None:
        return "caller_reply_rattled" if context.rattled else "caller_reply"
    if context.batch_index == 0:
        return "intro"
    return show.BEAT_CYCLE[(context.batch_index - 1) % len(show.BEAT_CYCLE)]


def caller_point(interjection: str, max_words: int = 7) -> str:
    """The caller's point in a few words, as the hosts would repeat it back."""
    words = interjection.strip().rstrip(".!?").split()[:max_words]
    if words and len(words[0]) > 1 and words[0][0].isupper() and words[0][1:].islower():
        words[0] = words[0].lower()
    return " ".join(words).rstrip(",;:")


def _next_summary(context: DialogueContext, beat: str, point: str) -> str:
    covered = context.summary.removeprefix(f"{show.SUMMARY_PREFIX}: ").strip()
    note = f"caller raised '{point}'" if point else beat.replace("_", " ")
    summary = f"{show.SUMMARY_PREFIX}: {covered + '; ' if covered else ''}{note}"
    # Bounded: keep the newest notes.
    return summary if len(summary) <= 600 else f"{show.SUMMARY_PREFIX}: ...{summary[-560:]}"
