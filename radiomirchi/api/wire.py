"""The show's typed events as docs/PROTOCOL.md's JSON messages: the only place they become JSON."""

from __future__ import annotations

from typing import Any

from radiomirchi.game import events
from radiomirchi.game.state import LISTENER_REASONS
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE

Message = dict[str, Any]


def error(message: str, code: str) -> Message:
    return {"error": message, "code": code}


def to_listener_message(
    item: events.ShowEvent | events.CallerOnAir | events.CallerOffAir | events.OffAir,
) -> Message:
    """A listener's messages: the player's, plus the caller on air and the show off the air."""
    match item:
        case events.CallerOnAir():
            return {
                "status": "caller_start",
                "speaker": "Caller",
                "text": item.text,
                "source": item.source,
                "voice": item.voice,
                "sample_rate": WIRE_SAMPLE_RATE,
                "encoding": "pcm_s16le",
                "channels": 1,
            }
        case events.CallerOffAir():
            return {"status": "caller_end", "audio_seconds": round(item.audio_seconds, 3)}
        case events.OffAir():
            return {"status": "off_air"}
        case events.MissionEnded():
            told = to_message(item)
            told["reason"] = LISTENER_REASONS.get(item.reason, item.reason)
            return told
        case _:
            return to_message(item)


def to_message(event: events.ShowEvent) -> Message:
    match event:
        case events.LineStarted():
            return {
                "status": "dialogue_start",
                "line_id": event.line_id,
                "speaker": event.speaker,
                "text": event.text,
                "voice": event.voice,
                "sample_rate": WIRE_SAMPLE_RATE,
                "encoding": "pcm_s16le",
                "channels": 1,
            }
        case events.LineEnded():
            return {
                "status": "dialogue_end",
                "line_id": event.line_id,
                "audio_seconds": round(event.audio_seconds, 3),
                "interrupted": event.interrupted,
            }
        case events.ListenersTick():
            return {
                "awakened_listeners": event.awakened,
                "initial_listeners": event.initial,
                "target": event.target,
                "seconds_left": round(max(0.0, event.seconds_left), 1),
                "strikes": event.strikes,
            }
        case events.Preparing():
            return {"status": "preparing"}
        case events.ShowLive():
            hosts = [
                {"name": h.name, "gender": h.gender, "role": h.role, "voice": h.voice} for h in event.hosts
            ]
            return {"status": "live", "speakers": hosts, "seconds_left": round(event.seconds_left, 1)}
        case events.MissionEnded():
            return {
                "status": "mission_end",
                "result": event.result,
                "reason": event.reason,
                "score": event.score,
                "awakened_listeners": event.awakened,
            }
        case events.LineInterrupted():
            return {"status": "interrupted", "line_id": event.line_id}
        case events.Heard():
            return {"status": "transcript", "text": event.text}
        case events.VerdictGiven():
            return {
                "status": "verdict",
                "change": round(event.change, 2),
                "awakened_listeners": event.awakened,
                "reason": event.reason,
                "strike": event.strike,
                "strikes": event.strikes,
                "target": event.target,
            }
        case events.Problem():
            return error(event.message, event.code)
