"""The offline writer as a listener hears it: repeats within a show, and boilerplate across shows.

Simulated 180 s shows (``devtools.testing.show_sim``: lookahead, break-ins that throw the queue
away, replies) on eight topics of different kinds, silent and with a caller breaking in every 2
or 4 lines. Per show: sentences heard twice (goal 0), host sentences that leak a hidden detail
the caller had not said (goal 0), and reply sentences that paste four or more of the caller's
words in a row (goal 0). Across shows: the share of line frames heard in at least 3 of 4 shows on
different topics (goal <= 20%), where a frame is either the body template a line came from, or
the line's text with the mission's own names masked (station, hosts, subject, institution,
places, claims), which counts the host's opener as part of the frame.
"""

from __future__ import annotations

import itertools
import random
import re
import statistics
from collections import Counter
from typing import Any

from devtools.testing.show_lines import offline_mission
from devtools.testing.show_sim import Show, run_show, varied_caller
from radiomirchi.game.leak_guard import hidden_details, leaks, public_texts
from radiomirchi.writers.offline import kinds as offline_kinds
from radiomirchi.writers.offline.station import read_station

TOPICS = [
    "the Halden dam collapse",
    "the Orsk copper mining accident",
    "the new water tax",
    "Election results in the capital",
    "bread prices",
    "the national vaccination drive",
    "why my cat hates Mondays",
    "the giant purple banana statue in Vask Bay",
]
LEGS = {"silent": 0, "break-in every 4 lines": 4, "break-in every 2 lines": 2}
SHARED_IN = 3
GROUP = 4


def _sentences(text: str) -> list[str]:
    return [" ".join(part.lower().split()).strip(" .!?") for part in re.split(r"(?<=[.!?])\s+", text) if part]


def repeated_sentences(show: Show) -> int:
    counts = Counter(sentence for heard in show.heard for sentence in _sentences(heard.text))
    return sum(n - 1 for n in counts.values() if n > 1)


def leaked_lines(show: Show) -> int:
    proofs = show.mission.generation_result.proof_sentences
    public = public_texts(show.mission)
    return sum(
        leaks(heard.text, hidden_details(proofs, caller_said=show.calls[: heard.calls_before], public=public))
        for heard in show.heard
    )


def pasted_lines(show: Show) -> int:
    """Replies that say four or more of the caller's words in a row, but for the mission's own names
    (the caller and the host may both name "the Ministry of Mines and Industry")."""
    names = mission_names(show)
    pasted = 0
    for heard in show.heard:
        if heard.answering is None:
            continue
        words = re.findall(r"[a-z']+", _masked(heard.answering, names).lower())
        said = " ".join(re.findall(r"[a-z']+", _masked(heard.text, names).lower()))
        pasted += any(" ".join(words[i : i + 4]) in said for i in range(len(words) - 3))
    return pasted


def mission_names(show: Show) -> list[str]:
    """The mission's own names as its lines say them (station, subject, institution, expert,
    places, hosts' first names, the station's claims, the listeners' count), longest first."""
    mission = show.mission
    result = mission.generation_result
    station = read_station(mission.topic, random.Random(0))
    fills = [
        result.station_name,
        station.subject,
        station.subject[:1].upper() + station.subject[1:],
        station.domain["institution"],
        station.domain["expert"],
        *station.places,
        *(speaker.name.split()[0] for speaker in result.speakers),
        *(claim for claims in offline_kinds.CLAIMS.values() for claim in claims),
        f"{result.initial_listeners:,}",
    ]
    return sorted(fills, key=len, reverse=True)


def _masked(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "#")
    return text


def text_frames(show: Show) -> set[str]:
    """Each line's text with this mission's own names masked: what stays is the template's wording."""
    names = mission_names(show)
    return {_masked(heard.text, names) for heard in show.heard}


def shared_share(frame_sets: list[set[str]]) -> float:
    heard_in = Counter(frame for frames in frame_sets for frame in frames)
    union = len(heard_in)
    return sum(n >= SHARED_IN for n in heard_in.values()) / union if union else 0.0


def run(count: int = 4, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    """``count`` missions per topic and leg."""
    rows: list[dict[str, Any]] = []
    for leg, every in LEGS.items():
        shows = {
            topic: [
                run_show(
                    offline_mission(topic, 0xBE7C + 97 * t + seed),
                    caller=varied_caller(seed),
                    break_in_every=every,
                )
                for seed in range(count)
            ]
            for t, topic in enumerate(TOPICS)
        }
        every_show = [show for topic_shows in shows.values() for show in topic_shows]
        repeats = [repeated_sentences(show) for show in every_show]
        # Groups of 4 shows on 4 different topics: each seed, each way of picking 4 of the topics.
        template_shares, text_shares = [], []
        for seed in range(count):
            for group in itertools.combinations(TOPICS, GROUP):
                picked = [shows[topic][seed] for topic in group]
                template_shares.append(shared_share([{h.frame for h in show.heard} for show in picked]))
                text_shares.append(shared_share([text_frames(show) for show in picked]))
        rows.append(
            {
                "leg": leg,
                "shows": len(every_show),
                "lines_per_show": round(statistics.mean(len(show.heard) for show in every_show), 1),
                "repeated_sentences_mean": round(statistics.mean(repeats), 2),
                "repeated_sentences_max": max(repeats),
                "leaking_lines": sum(leaked_lines(show) for show in every_show),
                "pasting_replies": sum(pasted_lines(show) for show in every_show),
                "templates_in_3_of_4_mean": f"{statistics.mean(template_shares):.1%}",
                "templates_in_3_of_4_max": f"{max(template_shares):.1%}",
                "text_frames_in_3_of_4_mean": f"{statistics.mean(text_shares):.1%}",
                "text_frames_in_3_of_4_max": f"{max(text_shares):.1%}",
            }
        )
    # The topics nobody tuned on, with the goals beside each figure (imported here: that
    # section reuses this module's masking).
    from devtools.bench import writer_heldout

    return rows + writer_heldout.run()
