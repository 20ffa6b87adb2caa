"""Turning missions and show boards into what the page displays (Markdown, HTML, table rows).

Pure functions: everything shown is escaped here, so a topic or a transcript can't inject markup.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from radiomirchi.game.balance import MAX_STRIKES
from radiomirchi.schemas import LeaderboardRow, MissionId, MissionStatus, PropagandaMission
from radiomirchi.speech.tts.base import Voice
from radiomirchi.ui import texts
from radiomirchi.ui.board import Caption, ShowBoard

LEADERBOARD_COLUMNS = ["#", "Player", "Best", "Played", "Won", "Replay"]


def _md(text: str) -> str:
    """Plain text safe inside Markdown: no markup, no HTML."""
    escaped = html.escape(text, quote=False)
    for char in "\\`*_{}[]()#+-!|>~":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def station_html(mission: PropagandaMission, voices: Mapping[str, Voice]) -> str:
    """The station's identity: its name, the topic it spins, its story, and the hosts as cards."""
    result = mission.generation_result
    cards = "".join(
        '<div class="rm-card">'
        f'<div class="rm-card-name">{html.escape(s.name)}</div>'
        f'<div class="rm-card-role">{html.escape(s.role)}</div>'
        f'<div class="rm-card-voice">{html.escape(voices[s.name].label if s.name in voices else "")}</div>'
        "</div>"
        for s in result.speakers
    )
    return (
        '<div class="rm-station">'
        f'<div class="rm-station-name">{html.escape(result.station_name)}</div>'
        f'<div class="rm-station-topic">Tonight: {html.escape(mission.topic)}</div>'
        f'<p class="rm-station-story">{html.escape(result.summary)}</p>'
        f'<div id="rm-hosts" class="rm-cards">{cards}</div></div>'
    )


def evidence_markdown(mission: PropagandaMission) -> str:
    items = "\n".join(f"{i}. {_md(p)}" for i, p in enumerate(mission.generation_result.proof_sentences, 1))
    return items


# The show's state in the player's words (the board's own names stay internal).
_ON_AIR_BADGE = {
    "idle": ('<span class="rm-badge rm-ready">READY</span>', "Not on air yet: start the broadcast."),
    "preparing": ('<span class="rm-badge rm-ready">GOING ON AIR</span>', "The hosts are taking their seats…"),
    "live": ('<span class="rm-badge rm-live">● ON AIR</span>', ""),
    "over": ('<span class="rm-badge rm-off">OFF AIR</span>', "The broadcast is over."),
    "failed": ('<span class="rm-badge rm-off">OFF AIR</span>', "The broadcast stopped: start it again."),
}


def meter_html(board: ShowBoard) -> str:
    """The station's state, the listeners won over, the time and strikes, and the line on air."""
    target = max(board.target, 1)
    share = min(1.0, board.awakened / target)
    badge, note = _ON_AIR_BADGE[board.status]
    speaking = '<span class="rm-you-on">🎙 you are on air</span>' if board.speaking else ""
    minutes, seconds = divmod(round(board.seconds_left), 60)
    strikes = (
        f'<span id="rm-strikes" title="Insults and nonsense earn strikes; at {MAX_STRIKES} the station '
        f'cuts you off.">{board.strikes} of {MAX_STRIKES} strikes</span>'
    )
    return (
        '<div class="rm-meter">'
        f'<div class="rm-meter-top">{badge}{speaking}'
        f'<span class="rm-clock">⏱ <span id="rm-time-left">{minutes}:{seconds:02d}</span> left</span></div>'
        f'<div class="rm-count"><span id="rm-awake">{board.awakened:,}</span> awake '
        f'<small>of <span id="rm-target">{board.target:,}</span> needed to win '
        f"· {board.initial:,} listening</small></div>"
        f'<div class="rm-bar"><div class="rm-fill" style="width:{share * 100:.1f}%"></div></div>'
        f'<div class="rm-meter-foot">{strikes}{f" · {html.escape(note)}" if note else ""}</div>'
        f"{_now_on_air(board)}</div>"
    )


def _now_on_air(board: ShowBoard) -> str:
    """The latest caption, in the meter itself: on a phone the show stays in view beside the
    controls even when the full captions are further down."""
    latest = board.captions[-1] if board.captions and board.status == "live" else None
    if latest is None:
        return ""
    return f'<div class="rm-now" id="rm-now">{_caption_html(latest)}</div>'


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


def result_html(board: ShowBoard, place: int | None, replay_path: str) -> str:
    """The ending: the result and why, the score (the meter's last reading), the replay."""
    if board.result is None:
        return ""
    won = board.result.get("result") == "won"
    headline = "You won: the station has lost control." if won else "Off air: the station kept its story."
    where = f" · place <b>{place}</b> on the leaderboard" if place is not None else ""
    score = int(board.result.get("score", 0))
    return (
        f'<div class="rm-ending {"rm-won" if won else "rm-lost"}">'
        f"<h2>{html.escape(headline)}</h2>"
        f"<p>{html.escape(str(board.result.get('reason', '')))}</p>"
        f'<p class="rm-score">Score <b id="rm-score">{score:,}</b> listeners awake{where}</p>'
        f'<p><a id="rm-replay-link" href="{html.escape(replay_path)}" target="_blank">▶ Play the replay</a>'
        " · share it: anyone with the link hears the whole show with its captions.</p></div>"
    )


def past_result_html(mission: PropagandaMission, replay_path: str) -> str:
    """A finished mission joined later: its result, its score, its replay."""
    won = mission.status is MissionStatus.won
    headline = "This mission was won." if won else "This mission was lost."
    return (
        f'<div class="rm-ending {"rm-won" if won else "rm-lost"}"><h2>{headline}</h2>'
        f'<p class="rm-score">Score <b id="rm-score">{mission.score or 0:,}</b> listeners awake</p>'
        f'<p><a id="rm-replay-link" href="{html.escape(replay_path)}" target="_blank">'
        "▶ Play the replay</a></p></div>"
    )


def share_html(listen_path: str) -> str:
    """The live show's listen link, to share: whoever opens it hears the show and cannot change it."""
    path = html.escape(listen_path)
    return (
        '<div class="rm-share">📡 <b>Share the broadcast:</b> '
        f'<a id="rm-share-link" href="{path}" target="_blank">listen link</a> '
        '<button class="rm-copy" onclick="navigator.clipboard.writeText('
        "new URL(this.previousElementSibling.getAttribute('href'), location.href).href); "
        "this.textContent='Copied'\">Copy</button>"
        " <small>(listeners hear the show live and cannot break in)</small></div>"
    )


def leaderboard_html(rows: Sequence[LeaderboardRow], replay_path: Callable[[MissionId], str]) -> str:
    """The leaderboard, each player's best show linked to its replay."""
    if not rows:
        return '<p class="rm-system">No finished missions yet: be the first.</p>'
    body = "".join(
        f"<tr><td>{i}</td><td>{html.escape(row.user_id)}</td><td>{row.best_score:,}</td>"
        f"<td>{row.missions_played}</td><td>{row.missions_won}</td><td>"
        + (
            f'<a href="{html.escape(replay_path(row.best_mission_id))}" target="_blank" '
            f'title="Replay of the best show" aria-label="Replay: {html.escape(row.user_id)}">▶</a>'
            if row.best_mission_id
            else ""
        )
        + "</td></tr>"
        for i, row in enumerate(rows, 1)
    )
    head = "".join(f"<th>{name}</th>" for name in LEADERBOARD_COLUMNS)
    return (
        f'<div class="rm-board-wrap"><table class="rm-board"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def masthead_html() -> str:
    return (
        '<div class="rm-masthead"><span class="rm-logo">📻</span> '
        f'<span class="rm-title">{html.escape(texts.TITLE)}</span>'
        '<span class="rm-sub">pirate the state\'s airwaves</span></div>'
    )
