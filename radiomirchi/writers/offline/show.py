"""The offline writer's show: which lines each batch says, so that a show never repeats a sentence.

Each pool of line bodies is shuffled once per mission. A show walks through it: a regular batch
takes the next bodies of its beat's pool (how many came before is known from the batch index and
how many replies the caller has had), and a reply takes the next reaction for what the caller did
(counted over everything the caller said). So nothing depends on remembering the show beyond the
context, and a mission still replays the same way.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from radiomirchi.game.leak_guard import public_texts
from radiomirchi.game.story_things import is_a_place, story_things
from radiomirchi.game.topic_kinds import story_kind
from radiomirchi.game.writer_port import SUMMARY_MAX_CHARS, DialogueContext
from radiomirchi.schemas import DialogueBatch, DialogueLine, HostLineEntry, PropagandaMission, mission_seed
from radiomirchi.writers.dialogue import MAX_BATCH_LINES, MIN_BATCH_LINES, clean_batch
from radiomirchi.writers.offline import dialogue_templates as show
from radiomirchi.writers.offline import interview, kinds, templates
from radiomirchi.writers.offline.caller_meaning import understood_caller
from radiomirchi.writers.offline.draws import PHI, Draw, batch_size, pool, rattle_level, shuffled, walk
from radiomirchi.writers.offline.reply_plan import plan_reply, prior_calls
from radiomirchi.writers.offline.station import Station, grammar, read_station, spoken_places
from radiomirchi.writers.show_things import things_for_show
from radiomirchi.writers.topic_parse import FAILURE_HEADS

WRITER_NAME = "offline"
# How often a line opens with a host's verbal habit, per rattle level (draws.rattle_level).
OPENER_ODDS = (0.3, 0.45, 0.6)
# Where a rattled station slips its unprompted defences into a regular batch, per rattle level.
DEFENSIVE_POSITIONS = ((), (2,), (1, 3))
# A body may take an opener ("Honestly, the ...") only when it starts with one of these words.
_OPENER_READY = frozenset(
    "the every our nobody people most within ordinary abroad if a an some those there it one order "
    "what whatever nothing everything anyone tickets since thanks paying experts independent "
    "professors economists historians investigators foreign real measurements claims rumours".split()
)
# Beats where a host gives an opinion, and so may open with a verbal habit ("Honestly, ...").
_OPINION_BEATS = frozenset({"claim", "experts", "critics", "pep_talk"})
# A mail segment reads this many letters at most; the rest of it is the hosts reacting.
MAIL_LETTERS_MAX = 2
_LETTER = re.compile(r"\b(?:writes?|wrote|letters?|message|messages|texts|texted|thanks us)\b", re.IGNORECASE)
# The beat in which one host asks another about the story (banks/interview.json).
INTERVIEW_BEAT = "interview"
# A show's running order opens on the headline, and reaches the interview within this many beats.
HEADLINE_BEAT = "claim"
INTERVIEW_WITHIN = 3
_STAMMERED = re.compile(r"\b(\w+), \1\b", re.IGNORECASE)
# A sentence runs to its full stop, but not through a number's point: "Patriot Wave 97.4 FM." is one
# sentence (split at the point, its "4 FM" was "said already" once the intro named the station, and
# every later line with the station's name was dropped).
_SENTENCE = re.compile(r"(?:[^.!?]|(?<=\d)\.(?=\d))+[.!?]*")
_WORDS = re.compile(r"[a-z][a-z'-]*")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
# "A shopkeeper in {place}": a site ("the Vask River bridge") takes "near".
_IN_A_PLACE = re.compile(r"\bin \{place\}")
_WITHIN = re.compile(r" (?:in|of|at|on) ")
# (or its staff, or reports out of it: "the staff of the commuters" is no one)
# The subject is said in full at most once in this many lines; its short name in between.
FULL_NAME_EVERY = 6
# A name of two words or more: "the National Health Authority", "the Ministry of Public Harmony".
_NAME = re.compile(r"\b[A-Z][a-z]+(?: (?:of |for |and )?[A-Z][a-z]+)+")
_THING_AS_A_PLACE = re.compile(r"\b(?:near|at|past|the staff of|out of) \{thing\}")
# A line that is proud of its thing, thanks it or toasts it: never of a shortage or a blackout
# ("Say a word of thanks for the shortages at dinner tonight" was heard).
_THING_CELEBRATED = re.compile(
    r"\b(?:thanks for|proud of|glasses to|achieved around|pride we feel tonight around|story of|"
    r"feel about|children about|proud note about) \{thing\}"
)


def write_dialogue(
    mission: PropagandaMission, context: DialogueContext, verdict_kind: str = ""
) -> DialogueBatch:
    lines, note = compose(mission, context, verdict_kind)
    return DialogueBatch(
        lines=[line for line, _ in lines], summary=_next_summary(context, note), writer=WRITER_NAME
    )


def compose(
    mission: PropagandaMission, context: DialogueContext, verdict_kind: str = ""
) -> tuple[list[tuple[DialogueLine, str]], str]:
    """The batch's lines, each with its frame, and the note for the running summary."""
    seed = mission_seed(mission.id)
    station = read_station(mission.topic, random.Random(seed ^ 0x57A7), kind=mission.story_kind)
    beat = choose_beat(context, _regular_index(context), seed)
    if beat == "closing":
        draws = [Draw(random.Random(seed ^ context.batch_index).choice(show.CLOSING_LINES), "closing", False)]
        note = "closing"
    elif beat == "reply":
        assert context.interjection is not None
        act = understood_caller(
            context.interjection.text,
            verdict_kind or context.interjection.verdict_kind,
            earlier=prior_calls(context),
        )
        draws = plan_reply(seed, context, station, act)
        note = "claim_call" if act.act == "claim" else act.act
    else:
        draws = _plan_regular(seed, context, station, beat)
        note = beat
    return _voice(mission, context, station, draws), note


def choose_beat(context: DialogueContext, regular_index: int, seed: int = 0) -> str:
    """The one place that decides what a batch is: closing, a reply, the intro or a beat."""
    if context.closing:
        return "closing"
    if context.interjection is not None:
        return "reply"
    if regular_index == 0:
        return "intro"
    cycle = beat_cycle(seed)
    return cycle[(regular_index - 1) % len(cycle)]


def beat_cycle(seed: int) -> list[str]:
    """This show's running order after the intro: the beats in an order of its own, so no two
    shows run the same way (the same mission always does)."""
    rng = random.Random(seed ^ 0x0DE5)
    rest = [beat for beat in show.BEAT_CYCLE if beat not in (HEADLINE_BEAT, INTERVIEW_BEAT)]
    rng.shuffle(rest)
    # The headline comes first, and the hosts' interview within the next three beats: a
    # three-minute show runs six or seven, and one that never got to it had no host asking another.
    rest.insert(rng.randrange(INTERVIEW_WITHIN), INTERVIEW_BEAT)
    return [HEADLINE_BEAT, *rest]


# --- regular batches ---


def _regular_index(context: DialogueContext) -> int:
    """How many regular batches came before this one: every batch that was not a reply."""
    return max(0, context.batch_index - len(prior_calls(context)))


def _plan_regular(seed: int, context: DialogueContext, station: Station, beat: str) -> list[Draw]:
    index = _regular_index(context)
    count = batch_size(seed, index, MIN_BATCH_LINES, MAX_BATCH_LINES)
    if beat == "intro":
        greeting = shuffled(seed, "greeting", [("any", t) for t in show.GREETINGS])[0]
        rest = walk(seed, "intro", pool(show.BEATS["intro"], station), 0, count - 1, opener_ok=False)
        return [Draw(greeting[1], "greeting/" + greeting[0], False), *rest]
    # Bodies this beat already used: the sizes of its earlier batches, all known from the seed.
    cycle = len(show.BEAT_CYCLE)
    earlier_sizes = [
        batch_size(seed, earlier, MIN_BATCH_LINES, MAX_BATCH_LINES)
        for earlier in range(1, index)
        if (earlier - 1) % cycle == (index - 1) % cycle
    ]
    if beat == INTERVIEW_BEAT:
        pairs = _interview(seed, station, sum(size // 2 for size in earlier_sizes), count // 2)
        if pairs:
            # An odd batch ends on the official line, said by the next host.
            closing = walk(seed, "claim", pool(show.BEATS["claim"], station), 1000 + index, 1)
            return pairs + (closing if len(pairs) < count else [])
        beat = "claim"  # every question of this stance has been asked: back to the official line
    offset = sum(earlier_sizes)
    draws = walk(seed, beat, pool(show.BEATS[beat], station), offset, count, opener_ok=beat in _OPINION_BEATS)
    if beat == "mail":
        draws = _few_letters(seed, index, station, draws)
    level = rattle_level(context)
    defensive = pool(show.DEFENSIVE, station)
    for slot, position in enumerate(DEFENSIVE_POSITIONS[level]):
        extra = walk(seed, "defensive", defensive, index * 2 + slot, 1, wrap=False)
        if position < len(draws) and extra:
            draws[position] = extra[0]
    # The batch turns to what comes next on its last line (one segue a batch, in the show's order).
    draws[-1:] = walk(
        seed, show.SEGUE_BEAT, pool(show.BEATS[show.SEGUE_BEAT], station), index - 1, 1, opener_ok=False
    )
    return draws


def _few_letters(seed: int, index: int, station: Station, draws: list[Draw]) -> list[Draw]:
    """A mail segment reads one or two letters and the hosts react to them: five letters in a row
    ("A carpenter writes ... A retired postman writes ... A shop assistant writes ...") is a list
    read out, not a show. Letters past ``MAIL_LETTERS_MAX`` give way to the hosts' reactions."""
    reactions = pool(show.MAIL_REACTIONS, station)
    kept: list[Draw] = []
    letters = reacted = 0
    for draw in draws:
        letter = _LETTER.search(draw.body) is not None
        letters += letter
        if letter and letters > MAIL_LETTERS_MAX:
            kept += walk(seed, "mail_reaction", reactions, index * MAX_BATCH_LINES + reacted, 1)
            reacted += 1
        else:
            kept.append(draw)
    return kept


def _interview(seed: int, station: Station, start: int, count: int) -> list[Draw]:
    """``count`` question-and-answer pairs between two hosts, in the station's stance."""
    stance = story_kind(station.story_kind).stance
    pairs = [(stance, f"{question}\u241e{answer}") for question, answer in interview.PAIRS.get(stance, [])]
    draws = []
    for pair in walk(seed, "interview", pairs, start, count, opener_ok=False, wrap=False):
        question, answer = pair.body.split("\u241e")
        draws += [Draw(question, f"{pair.frame}/q", False), Draw(answer, f"{pair.frame}/a", False)]
    return draws


# --- voicing ---


def _voice(
    mission: PropagandaMission, context: DialogueContext, station: Station, draws: list[Draw]
) -> list[tuple[DialogueLine, str]]:
    result = mission.generation_result
    speakers = result.speakers
    start = context.batch_index % len(speakers)
    places = spoken_places(station, result.proof_sentences, public_texts(mission))
    level = rattle_level(context)
    already_said = _said_sentences(context)
    rng = random.Random(mission_seed(mission.id) ^ 0xD1A106 ^ (context.batch_index * PHI))
    fields = {
        **grammar(station.reading),
        "station": result.station_name,
        "institution": station.domain["institution"],
        "expert": station.domain["expert"],
        # Still loyal, as the station counts them: from the context, wherever the game keeps the tally.
        "listeners": f"{round(result.initial_listeners * (1 - context.awakened_share)):,}",
    }
    stammer_at = context.batch_index % max(1, len(draws)) if level == 2 else -1
    # The things and people of this kind of story ("the picket line", "the stalls"), in turn.
    candidates = story_things(station.reading.topic, station.story_kind)
    things = things_for_show(station.reading.topic, station.story_kind, candidates)
    recent_texts = [entry.text for entry in context.recent if isinstance(entry, HostLineEntry)]
    # Once the topic has been named in full, the next lines call it by its short name.
    # (Said in full in any of the last few lines: a long subject said whole in every other line wears.)
    named = any(station.subject.casefold() in text.casefold() for text in recent_texts[-FULL_NAME_EVERY:])
    short_fields = grammar(station.reading, short=True)
    planned: list[tuple[DialogueLine, str]] = []
    for position, draw in enumerate(draws):
        slot = (start + position) % len(speakers)
        speaker = speakers[slot]
        mentions = "{subject}" in draw.body or "{Subject}" in draw.body
        place = places[(context.batch_index + position) % len(places)]
        body = draw.body if is_an_area(place) else _IN_A_PLACE.sub("near {place}", draw.body)
        text = body.format(
            **{**fields, **(short_fields if named and mentions else {})},
            claim=rng.choice(kinds.CLAIMS[station.claims_key]),
            place=place,
            other=speakers[(slot + 1) % len(speakers)].name.split()[0],
            thing=_thing_for(draw.body, things, context.batch_index * MAX_BATCH_LINES + position),
        )
        if draw.opener_ok and rng.random() < OPENER_ODDS[level]:
            turn = context.batch_index * MAX_BATCH_LINES + position
            habits = not draw.frame.startswith("followup")
            heard = " ".join([*recent_texts, *(line.text for line, _ in planned)])
            opener = _opener(mission_seed(mission.id), rng, (slot, level, turn, habits), heard)
            text = _with_opener(text, opener.format(**fields))
        elif position == stammer_at:
            text = _stammer(text)
        if _sentences(text) & already_said:
            continue
        named = named or mentions
        already_said |= _sentences(text)
        planned.append((DialogueLine(speaker=speaker.name, text=text), draw.frame))
    kept = clean_batch([line for line, _ in planned], speakers, result.proof_sentences)
    frame_of = {line.text: frame for line, frame in planned}
    return [(line, frame_of.get(line.text, "")) for line in kept]


def is_an_area(place: str) -> bool:
    """A place one lives in: a district, a valley, a town by its name ("Port Halden", "Orsk"),
    not a site ("the Halden Dam", "Lindqvist Junction station", "kilometre 48 of the Northern
    Highway")."""
    head = _WITHIN.split(place, maxsplit=1)[0]  # "substation 12" of "substation 12 in Lindqvist Junction"
    words = head.split()
    if {words[0].casefold(), words[-1].casefold()} & templates.AREA_WORDS:
        return True  # "District 14", "the Kessel Valley estate"
    if words[-1].casefold() in templates.SITE_WORDS:
        return False  # "St. Brannoc Hospital"
    return words[0] != "the" and not any(char.isdigit() for char in head) and words[-1][:1].isupper()


def _thing_for(body: str, things: Sequence[str], turn: int) -> str:
    """The story's thing in turn, passing over one whose head noun the line says already ("the
    wards near the hospital wards"), and, where the line puts it somewhere, one that is no place
    ("the progress at the rush hour")."""
    said = {_stem(word) for word in _WORDS.findall(_PLACEHOLDER.sub(" ", body).casefold())}
    placed = _THING_AS_A_PLACE.search(body) is not None
    celebrated = _THING_CELEBRATED.search(body) is not None
    for step in range(len(things)):
        thing = things[(turn + step) % len(things)]
        head = _WORDS.findall(thing.casefold())[-1:]
        if (
            (not head or _stem(head[0]) not in said)
            and (not placed or is_a_place(thing))
            and not (celebrated and head and head[0] in FAILURE_HEADS)
        ):
            return thing
    return things[turn % len(things)]


def _stem(word: str) -> str:
    return word.removesuffix("s") if len(word) > 3 else word


def _opener(seed: int, rng: random.Random, where: tuple[int, int, int, bool], heard: str) -> str:
    """The host's habit, or a nervous one as listeners wake: spread over the show, and not one
    that was heard in the last few lines."""
    slot, level, turn, habits = where
    styles = [show.STYLE_BY_SLOT[slot % len(show.STYLE_BY_SLOT)]] if habits else []
    if level == 1:
        styles.append("uneasy")
    elif level == 2:
        styles = ["rattled"]
    style = rng.choice(styles)
    openers = [("any", opener) for opener in show.OPENERS[style]]
    walked = walk(seed, f"opener:{style}", openers, turn, len(openers))
    fresh = [draw.body for draw in walked if draw.body.split("{")[0] not in heard]
    return (fresh or [walked[0].body])[0]


def _with_opener(text: str, opener: str) -> str:
    first = text.split(maxsplit=1)[0].strip(",.;:").casefold()
    if first not in _OPENER_READY or any(name in text for name in _NAME.findall(opener)):
        # ("As the National Health Authority said this morning, the National Health Authority says
        # ..." was heard: an opener naming what the line names says it twice.)
        return text
    return f"{opener} {text[:1].lower()}{text[1:]}"


def _stammer(text: str) -> str:
    first, _, rest = text.partition(" ")
    if not first.isalpha() or len(first) > 6 or not rest or _STAMMERED.search(text):
        return text
    again = first if first == "I" else first.lower()
    return f"{first}, {again} {rest}"


def _sentences(text: str) -> set[str]:
    return {" ".join(part.lower().split()).strip(" .!?") for part in _SENTENCE.findall(text) if part.strip()}


def _said_sentences(context: DialogueContext) -> set[str]:
    said: set[str] = set()
    for entry in context.recent:
        if isinstance(entry, HostLineEntry):
            said |= _sentences(entry.text)
    return said


def _next_summary(context: DialogueContext, note: str) -> str:
    covered = context.summary.removeprefix(f"{show.SUMMARY_PREFIX}: ").strip()
    text = show.SUMMARY_NOTES.get(note, note.replace("_", " "))
    summary = f"{show.SUMMARY_PREFIX}: {covered + '; ' if covered else ''}{text}"
    # Bounded: keep the newest notes.
    limit = SUMMARY_MAX_CHARS
    return summary if len(summary) <= limit else f"{show.SUMMARY_PREFIX}: ...{summary[-(limit - 40) :]}"
