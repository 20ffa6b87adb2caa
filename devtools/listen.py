"""``python -m devtools.listen OUT.wav [--tier clear|natural] [--hosts 3] [--lines 10]``: the first
lines of an offline show, in the tier's voices, as one WAV to listen to; prints each line, who said
it in which voice, and what Whisper tiny.en heard, with the show's word error rate."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from devtools.testing.intelligibility import Listener, word_error_rate
from devtools.testing.show_lines import offline_mission
from radiomirchi.game.writer_port import DialogueContext
from radiomirchi.schemas import DialogueLine, Gender, MissionId, Speaker
from radiomirchi.speech.audio import wav_bytes
from radiomirchi.speech.tts.offline import CLEAR_TIER, NATURAL_TIER, OfflineTTS
from radiomirchi.speech.tts.shaping import silence
from radiomirchi.writers.offline import write_dialogue

GAP_SECONDS = 0.35  # between lines, about what the broadcast leaves


def first_lines(hosts: int, count: int, topic: str) -> tuple[MissionId, list[DialogueLine], list[Speaker]]:
    """A mission with ``hosts`` hosts of both genders (the first seed that has them, women first
    when hosts > 2, so both engines are heard) and its first ``count`` lines."""
    for seed in range(1, 1000):
        mission = offline_mission(topic, seed)
        genders = [speaker.gender for speaker in mission.generation_result.speakers]
        if len(genders) == hosts and len(set(genders)) == 2 and 2 * genders.count(Gender.female) >= hosts:
            break
    else:
        raise SystemExit(f"no mission with {hosts} hosts")
    lines: list[DialogueLine] = []
    batch = 0
    while len(lines) < count:
        lines += write_dialogue(mission, DialogueContext(batch_index=batch)).lines
        batch += 1
    return mission.id, lines[:count], list(mission.generation_result.speakers)


async def render(out: Path, tier: str, hosts: int, count: int, topic: str) -> None:
    mission_id, lines, speakers = first_lines(hosts, count, topic)
    tts = OfflineTTS(tier=NATURAL_TIER if tier == NATURAL_TIER else CLEAR_TIER)
    listener = Listener(cpu_threads=1)
    cast = tts.cast_voices(speakers, mission_id)
    pcm = b""
    heard = []
    try:
        for line in lines:
            voice = cast[line.speaker]
            spoken = await tts.synthesize(line.text, voice)
            heard.append(await listener.hear(spoken))
            print(f"{line.speaker} [{voice.id}]: {line.text}\n    heard: {heard[-1]}")
            pcm += spoken + silence(GAP_SECONDS)
    finally:
        await tts.aclose()
        await listener.aclose()
    await asyncio.to_thread(out.write_bytes, wav_bytes(pcm))
    texts = [line.text for line in lines]
    print(f"\n{tts.tier} voices, {len(lines)} lines, WER {100 * word_error_rate(texts, heard):.1f}% -> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--tier", choices=[CLEAR_TIER, NATURAL_TIER], default=CLEAR_TIER)
    parser.add_argument("--hosts", type=int, default=3)
    parser.add_argument("--lines", type=int, default=10)
    parser.add_argument("--topic", default="the Halden dam collapse")
    args = parser.parse_args()
    asyncio.run(render(args.out, args.tier, args.hosts, args.lines, args.topic))


if __name__ == "__main__":
    main()
