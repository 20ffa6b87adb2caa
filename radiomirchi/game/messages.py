"""Every message the server sends to a client, built in one place (PROTOCOL.md)."""

from __future__ import annotations

from typing import Any

from radiomirchi.speech.audio import WIRE_SAMPLE_RATE

Message = dict[str, Any]


def dialogue_start(line_id: int, speaker: str, text: str, voice: str) -> Message:
    return {
        "status": "dialogue_start",
        "line_id": line_id,
        "speaker": speaker,
        "text": text,
        "voice": voice,
        "sample_rate": WIRE_SAMPLE_RATE,
        "encoding": "pcm_s16le",
        "channels": 1,
    }


def dialogue_end(line_id: int, audio_seconds: float, interrupted: bool = False) -> Message:
    return {
        "status": "dialogue_end",
        "line_id": line_id,
        "audio_seconds": round(audio_seconds, 3),
        "interrupted": interrupted,
    }


def listeners_tick(awakened: int, initial: int, target: int, seconds_left: float, strikes: int) -> Message:
    return {
        "awakened_listeners": awakened,
        "initial_listeners": initial,
        "target": target,
        "seconds_left": round(max(0.0, seconds_left), 1),
        "strikes": strikes,
    }


def preparing() -> Message:
    return {"status": "preparing"}


def live(speakers: list[dict[str, str]], seconds_left: float) -> Message:
    return {"status": "live", "speakers": speakers, "seconds_left": round(seconds_left, 1)}


def mission_end(result: str, reason: str, score: int) -> Message:
    return {"status": "mission_end", "result": result, "reason": reason, "score": score}


def error(message: str, code: str) -> Message:
    return {"error": message, "code": code}


def interrupted(line_id: int) -> Message:
    return {"status": "interrupted", "line_id": line_id}


def transcript(text: str) -> Message:
    return {"status": "transcript", "text": text}


def verdict(change: float, awakened: int, reason: str, strike: bool, strikes: int, target: int) -> Message:
    return {
        "status": "verdict",
        "change": round(change, 2),
        "awakened_listeners": awakened,
        "reason": reason,
        "strike": strike,
        "strikes": strikes,
        "target": target,
    }
