"""Turning missions and show boards into what the page displays (Markdown, HTML, table rows).

Pure functions: everything shown is escaped here, so a topic or a transcript can't inject markup.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import pandas as pd

from radiomirchi.game.balance import MAX_STRIKES
from radiomirchi.schemas import LeaderboardRow, PropagandaMission
from radiomirchi.speech.tts.base import Voice
from radiomirchi.ui import texts
from radiomirchi.ui.board import Caption, ShowBoard

HOST_COLUMNS = ["Host", "Role", "Gender", "Voice"]
LEADERBOARD_COLUMNS = ["#", "Player", "Best score", "Played", "Won"]


def _md(text: str) -> str:
    """Plain text safe inside Markdown: no markup, no HTML."""
    escaped = html.escape(text, quote=False)
    for char in "\\`*_{}[]()#+-!|>~":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def station_markdown(mission: PropagandaMission) -> str:
    result = mission.generation_result
    return (
        f"### On air: {_md(mission.topic)}\n\n"
        f"{_md(result.summary)}\n\n"
        f"**{result.initial_listeners:,}** listeners · mission `{mission.id}` · {_md(mission.status.value)}"
    )


def host_rows(mission: PropagandaMission, voices: Mapping[str, Voice]) -> list[list[str]]:
    return [
        [s.name, s.role, s.gender.value, voices[s.name].label if s.name in voices else "—"]
        for s in mission.generation_result.speakers
    ]


def evidence_markdown(mission: PropagandaMission) -> str:
    items = "\n".join(f"{i}. {_md(p)}" for i, p in enumerate(mission.generation_result.proof_sentences, 1))
    return f"### Your evidence\n\n{items}"


def meter_html(board: ShowBoard) -> str:
    target = max(board.target, 1)
    share = min(1.0, board.awakened / target)
    speaking = '<span class="rm-onair">● you are on air</span>' if board.speaking else ""
    minutes, seconds = divmod(round(board.seconds_left), 60)
    strikes = "✖" * board.strikes + "·" * max(0, MAX_STRIKES - board.strikes)
    return (
        '<div class="rm-meter">'
        f'<div class="rm-count"><span id="rm-awake">{board.awakened:,}</span> awake of '
        f'<span id="rm-target">{board.target:,}</span> needed'
        f" <small>({board.initial:,} listening)</small> {speaking}</div>"
        f'<div class="rm-bar"><div class="rm-fill" style="width:{share * 100:.1f}%"></div></div>'
        f'<div class="rm-clock">⏱ <span id="rm-time-left">{minutes}:{seconds:02d}</span> left · '
        f'strikes <span id="rm-strikes" title="{board.strikes} of {MAX_STRIKES}">{strikes}</span> · '
        f"{html.escape(board.status)}</div></div>"
    )


def _caption_html(caption: Caption) -> str:
    text = html.escape(caption.text)
    if caption.kind == "host":
        cut = ' <span class="rm-cut">— cut off</span>' if caption.cut else ""
        return f'<p class="rm-host"><b>{html.escape(caption.speaker)}:</b> {text}{cut}</p>'
    if caption.kind == "you":
        return f'<p class="rm-you"><b>{html.escape(caption.speaker)}:</b> {text}</p>'
    if caption.kind == "verdict":
        change = caption.change or 0.0
        strike = " · strike" if caption.detail == "strike" else ""
        return f'<p class="rm-verdict"><b>{change:+.1f} pts{strike}</b> — {text}</p>'
    return f'<p class="rm-system">{text}</p>'


NO_CAPTIONS = '<div class="rm-captions"><p class="rm-system">Captions appear here.</p></div>'


def captions_html(board: ShowBoard, limit: int = texts.CAPTION_LINES) -> str:
    recent = list(board.captions)[-limit:]
    if not recent:
        return NO_CAPTIONS
    # Newest first, so the latest line is always in view.
    return '<div class="rm-captions">' + "".join(_caption_html(c) for c in reversed(recent)) + "</div>"


def plot_frame(board: ShowBoard) -> pd.DataFrame | None:
    """Awake listeners over the broadcast, and the target as a flat line; None before the first
    count (Gradio 5.50's LinePlot never recovers from an empty frame, so it gets none)."""
    if not board.history:
        return None
    points = [(t, awake, "awake") for t, awake in board.history]
    if board.target:
        points += [(0.0, board.target, "target"), (board.history[-1][0], board.target, "target")]
    return pd.DataFrame(
        {
            "seconds": pd.Series([p[0] for p in points], dtype="float64"),
            "listeners": pd.Series([p[1] for p in points], dtype="int64"),
            "series": pd.Series([p[2] for p in points], dtype="object"),
        }
    )


def result_markdown(board: ShowBoard, place: int | None) -> str:
    if board.result is None:
        return ""
    won = board.result.get("result") == "won"
    headline = "## You won: the station lost control." if won else "## The broadcast is over: you lost."
    where = f" · place **{place}** on the leaderboard" if place is not None else ""
    return (
        f"{headline}\n\n{_md(str(board.result.get('reason', '')))}\n\n"
        f"Score **{int(board.result.get('score', 0)):,}**{where}"
    )


def leaderboard_rows(rows: Sequence[LeaderboardRow]) -> list[list[object]]:
    return [
        [i, row.user_id, row.best_score, row.missions_played, row.missions_won]
        for i, row in enumerate(rows, 1)
    ]
