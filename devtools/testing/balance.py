"""A deterministic, faster-than-real-time run of the game's rules with a scripted player.

It uses the real offline writer, the real offline judge (with its sentence encoder) and the real
rules; only time is simulated (a line lasts as long as its words take to say), so balance can be
tested over many topics in seconds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from devtools.testing.players import Player
from radiomirchi.game import balance, rules
from radiomirchi.game.judge.offline import OfflineJudge
from radiomirchi.game.writer_port import build_context
from radiomirchi.schemas import HostLineEntry, InterjectionEntry, PropagandaMission, TranscriptEntry
from radiomirchi.speech import speaking_rate
from radiomirchi.writers.offline import write_dialogue


@dataclass(frozen=True)
class Outcome:
    result: str
    reason: str
    seconds: float
    awakened: int
    target: int
    peak: int
    strikes: int
    interjections: int


def simulate(
    mission: PropagandaMission,
    player: Player,
    judge: OfflineJudge,
    *,
    show_seconds: float = 180.0,
    win_fraction: float = 0.5,
    lines_between_break_ins: int = 3,
) -> Outcome:
    initial = mission.generation_result.initial_listeners
    target = rules.target_listeners(mission.generation_result.initial_listeners, win_fraction)
    awakened = peak = strikes = turns = 0
    seconds = 0.0
    entries: list[TranscriptEntry] = []
    used: Counter[int] = Counter()
    said: list[str] = []
    batch_index = 0
    interjection: InterjectionEntry | None = None
    lines_since_break_in = 0

    def outcome(result: str, reason: str) -> Outcome:
        return Outcome(result, reason, round(seconds, 1), awakened, target, peak, strikes, turns)

    while True:
        context = build_context(entries, summary="", batch_index=batch_index, interjection=interjection)
        batch_index += 1
        interjection = None
        for line in write_dialogue(mission, context).lines:
            if seconds >= show_seconds:
                return outcome("lost", "time")
            duration = len(line.text.split()) / speaking_rate.WORDS_PER_SECOND
            lines_since_break_in += 1
            text = player.interjection(turns) if lines_since_break_in >= lines_between_break_ins else None
            if text is None:
                seconds += duration
                awakened = rules.drift(awakened, initial)
                entries.append(
                    HostLineEntry(
                        seq=len(entries) + 1,
                        line_id=0,
                        speaker=line.speaker,
                        text=line.text,
                        heard_text=line.text,
                        audio_seconds=duration,
                    )
                )
                continue
            # The player breaks in halfway through the line.
            seconds += duration / 2
            lines_since_break_in = 0
            turns += 1
            current = mission.model_copy(update={"awakened_listeners": awakened})
            heard = [e.heard_text for e in entries[-6:] if isinstance(e, HostLineEntry)]
            verdict = judge.judge_now(
                text, current, used_proofs=used, previous_interjections=said, recent_host_lines=heard
            )
            said.append(text)
            if verdict.proof_index is not None:
                used[verdict.proof_index] += 1
            awakened = rules.apply_change(awakened, initial, verdict.change)
            peak = max(peak, awakened)
            strikes += int(verdict.strike)
            interjection = InterjectionEntry(
                seq=len(entries) + 1, source="text", text=text, change=verdict.change
            )
            entries.append(interjection)
            if strikes >= balance.MAX_STRIKES:
                return outcome("lost", "strikes")
            if awakened >= target:
                return outcome("won", "target")
            break  # the hosts answer the break-in with a new batch
