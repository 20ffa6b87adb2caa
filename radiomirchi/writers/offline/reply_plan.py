"""What the offline hosts say back when the caller breaks in: which reactions, follow-ups and
return line a reply batch draws, and how many lines it has.

Each reaction pool is used once a show, then left out; how much of it earlier replies used is
recounted from what the caller said before, so nothing depends on remembering the show.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from radiomirchi.game.writer_port import DialogueContext
from radiomirchi.writers.dialogue import MAX_REPLY_LINES, MIN_BATCH_LINES
from radiomirchi.writers.offline import reply_templates as replies
from radiomirchi.writers.offline.caller_acts import CallerAct
from radiomirchi.writers.offline.caller_meaning import understood_caller
from radiomirchi.writers.offline.draws import Draw, batch_size, pool, rattle_level, walk
from radiomirchi.writers.offline.station import Station

# Reactions only a verdict can trigger: earlier calls cannot be recounted for them.
_VERDICT_KEYS = frozenset(
    [*(f"act:{act}" for act in ("off_topic", "attack", "appeal", "praise")), "evidence:generic"]
)
_LAST_RESORT = ("act:claim", "act:dodge")
# A reply opens on at most this many reactions (the act's, then a hostile call's).
REACTIONS = 2
# Question shapes whose own dodge comes before one about the question's subject.
_SHAPED = frozenset({"how_many", "who", "why", "when", "where", "will"})


def prior_calls(context: DialogueContext) -> tuple[str, ...]:
    """What the caller said before the break-in being answered now."""
    said = context.caller_said
    current = context.interjection
    if current is not None and said and said[-1].strip() == current.text.strip():
        return said[:-1]
    return said


def _prior_verdicts(context: DialogueContext, prior: Sequence[str]) -> tuple[str, ...]:
    """The verdict on each earlier call ("" each where the context does not carry them)."""
    verdicts = context.caller_verdicts
    if len(verdicts) < len(prior):
        return ("",) * len(prior)
    return tuple(verdicts[: len(prior)])


def plan_reply(seed: int, context: DialogueContext, station: Station, act: CallerAct) -> list[Draw]:
    """Reactions to the call (each pool used once a show, then left out), the follow-ups this
    reply's size leaves room for, and a line back to the programme if room remains."""
    prior = prior_calls(context)
    number = len(prior) if context.caller_said else context.batch_index
    text = context.interjection.text if context.interjection else ""
    draws = _reaction_draws(seed, prior, _prior_verdicts(context, prior), act, text, number)
    size = _reply_size(seed, number)
    # Every reply takes size - 2 follow-ups, so the ones used before are known exactly.
    used = sum(_reply_size(seed, earlier) - 2 for earlier in range(number))
    followups = pool(replies.FOLLOWUPS, station)
    for position in range(size - 2):
        rattled: list[Draw] = []
        if position == 0 and rattle_level(context) == 2:
            rattled = walk(
                seed, "followup_rattled", pool(replies.FOLLOWUPS_RATTLED, station), number, 1, wrap=False
            )
        # A follow-up only takes an opener when the hosts are nervous: a habit there reads oddly.
        nervous = rattle_level(context) > 0
        draws += rattled or walk(seed, "followup", followups, used + position, 1, opener_ok=nervous)
    if len(draws) < size:
        returns = pool(replies.RETURNS, station)
        draws += walk(seed, "return", returns, number, 1, opener_ok=False, wrap=False)
    return draws


def _reply_size(seed: int, number: int) -> int:
    return batch_size(seed ^ 0xCA11, number, MIN_BATCH_LINES, MAX_REPLY_LINES)


def _reaction_draws(
    seed: int, prior: Sequence[str], verdicts: Sequence[str], act: CallerAct, text: str, number: int
) -> list[Draw]:
    """The reply's opening reactions: per slot, the first of its pools not yet used up this show.

    Earlier calls are read again as they were when answered (their words, their verdicts), in
    order, to count what each pool has given; a pool only a verdict can choose is walked by reply
    number instead."""
    uses: Counter[str] = Counter()
    for index, (earlier, verdict_kind) in enumerate(zip(prior, verdicts, strict=True)):
        reading = understood_caller(earlier, verdict_kind, earlier=prior[:index])
        for slot in _reaction_slots(reading, earlier)[:REACTIONS]:
            open_key = next((key for key in slot if _has_room(key, uses, index)), None)
            if open_key is not None:
                uses[open_key] += 1
    draws: list[Draw] = []
    for slot in _reaction_slots(act, text)[:REACTIONS]:
        for key in slot:
            if not _has_room(key, uses, number):
                continue
            entries = [("any", body) for body in _reaction_pool(key)]
            found = walk(seed, key, entries, _position(key, uses, number), 1, opener_ok=False, wrap=False)
            if found:
                draws += found
                break
    return draws


def _position(key: str, uses: Counter[str], number: int) -> int:
    """Where reply ``number`` stands in the pool ``key``: a pool only a verdict chooses is walked by
    reply number, the others by their own uses."""
    return number if key in _VERDICT_KEYS else uses[key]


def _has_room(key: str, uses: Counter[str], number: int) -> bool:
    """Whether the pool ``key`` has a reaction left for reply ``number``. The recount and the draw
    ask the same, or a pool the draw found used up counts as open and its fallback's uses go
    uncounted (the fallback then repeats)."""
    return _position(key, uses, number) < len(_reaction_pool(key))


def _reaction_slots(act: CallerAct, text: str) -> list[list[str]]:
    """What the reply reacts to, each with fallbacks once its own pool is used up."""
    slots: list[list[str]] = []
    if act.act == "question":
        words = set(re.findall(r"[a-z]+", text.lower()))
        shape = act.question_word if act.question_word in replies.QUESTION_WORD_ANSWERS else "yes_no"
        focus = [f"focus:{i}" for i, (names, _) in enumerate(replies.QUESTION_FOCUS) if words & names][:1]
        # A question that asks for something (a number, a name, a reason, a time, a place, a
        # promise) is dodged in its own shape first; an open one, by what it is about.
        if shape in _SHAPED:
            slots.append([f"question:{shape}", *focus, "question:yes_no"])
        elif shape == "yes_no" and words & replies.GOOD_STATE_WORDS:
            slots.append(["question:yes_no_good", *focus, "question:yes_no"])
        else:
            slots.append([*focus, f"question:{shape}", "question:yes_no"])
        if act.evidence is not None:
            slots.append([f"evidence:{act.evidence}", "evidence:generic"])
    elif act.act == "evidence":
        slots.append([f"evidence:{act.evidence or 'generic'}", "evidence:generic"])
    else:
        slots.append([f"act:{act.act}", "act:claim"])
    # When a caller keeps doing the same thing, the hosts fall back on their all-purpose brush-offs.
    slots[0] += [key for key in _LAST_RESORT if key not in slots[0]]
    if act.hostile and act.act != "insult":
        slots.append(["hostile"])
    return slots


def _reaction_pool(key: str) -> list[str]:
    family, _, name = key.partition(":")
    if family == "focus":
        return replies.QUESTION_FOCUS[int(name)][1]
    if family == "question":
        return replies.QUESTION_WORD_ANSWERS[name]
    if family == "evidence":
        return replies.EVIDENCE_REACTIONS.get(name, replies.EVIDENCE_REACTIONS["generic"])
    if family == "act":
        return replies.ACT_REACTIONS.get(name, replies.ACT_REACTIONS["claim"])
    return replies.HOSTILE_TAGS
