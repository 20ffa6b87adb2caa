"""The seed plan's test client: ``python -m radiomirchi.client``.

Creates a mission (or joins one by id), prints the station, hosts and your evidence, then plays
the show: through the speakers when the optional ``sounddevice`` extra is installed, otherwise
into a WAV file. Type a line and press Enter to break in.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import wave
from pathlib import Path
from typing import Any, Protocol

import httpx
from websockets.asyncio.client import connect

from radiomirchi.speech.audio import BYTES_PER_SAMPLE, WIRE_SAMPLE_RATE


class AudioOut(Protocol):
    async def play(self, pcm: bytes) -> None: ...

    async def drain(self) -> None: ...

    def close(self) -> None: ...


class SpeakerOut:
    """Plays through the sound card; ``drain`` waits until the buffered audio has been heard."""

    def __init__(self) -> None:
        import sounddevice

        self._stream = sounddevice.RawOutputStream(samplerate=WIRE_SAMPLE_RATE, channels=1, dtype="int16")
        self._stream.start()

    async def play(self, pcm: bytes) -> None:
        await asyncio.to_thread(self._stream.write, pcm)

    async def drain(self) -> None:
        await asyncio.sleep(self._stream.latency)

    def close(self) -> None:
        self._stream.stop()
        self._stream.close()


class WavOut:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._wav = wave.open(str(path), "wb")  # noqa: SIM115 - closed in close()
        self._wav.setnchannels(1)
        self._wav.setsampwidth(BYTES_PER_SAMPLE)
        self._wav.setframerate(WIRE_SAMPLE_RATE)

    async def play(self, pcm: bytes) -> None:
        self._wav.writeframes(pcm)

    async def drain(self) -> None:
        return None

    def close(self) -> None:
        self._wav.close()


def ws_url(base_url: str, mission_id: str) -> str:
    """The game socket's address for a mission on the server at ``base_url``."""
    return (
        base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1) + f"/api/v1/ws/{mission_id}"
    )


def open_audio(wav_path: Path, force_wav: bool) -> AudioOut:
    if not force_wav:
        try:
            return SpeakerOut()
        except Exception as exc:  # no sounddevice, no PortAudio or no sound card
            print(f"(no audio device: {exc}; writing {wav_path} instead)")
    return WavOut(wav_path)


async def create_or_load(http: httpx.AsyncClient, args: argparse.Namespace) -> dict[str, Any]:
    if args.mission:
        response = await http.get(f"/api/v1/mission_status/{args.mission}")
    else:
        response = await http.post("/api/v1/create_mission", json={"topic": args.topic, "user_id": args.user})
    if response.status_code >= 400:
        raise SystemExit(f"The server said {response.status_code}: {response.text}")
    return dict(response.json())


def print_briefing(mission: dict[str, Any]) -> None:
    result = mission["generation_result"]
    print(f"\n=== {result.get('station_name', 'Radio Mirchi')} — {mission['topic']} ===")
    print(f"Official line: {result['summary']}")
    print("Hosts:")
    for speaker in result["speakers"]:
        print(f"  - {speaker['name']} ({speaker['gender']}, {speaker['role']})")
    print("Your evidence:")
    for proof in result["proof_sentences"]:
        print(f"  * {proof}")
    print(f"Listeners: {result['initial_listeners']:,}. Type a line and press Enter to break in.\n")


async def forward_typed_lines(ws: Any) -> None:
    while True:
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line:
            return
        if line.strip():
            await ws.send(json.dumps({"action": "user_dialogue", "dialogue": line.strip()}))


async def play_show(args: argparse.Namespace) -> int:
    async with httpx.AsyncClient(base_url=args.server, timeout=30) as http:
        mission = await create_or_load(http, args)
    print_briefing(mission)
    audio = open_audio(Path(args.wav), args.wav_only)
    lines_played = 0
    async with connect(ws_url(args.server, mission["id"]), max_size=2**22) as ws:
        typing = asyncio.create_task(forward_typed_lines(ws)) if sys.stdin.isatty() else None
        try:
            await ws.send(json.dumps({"action": "ready_for_next"}))
            async for message in ws:
                if isinstance(message, bytes):
                    await audio.play(message)
                    continue
                payload = json.loads(message)
                status = payload.get("status")
                if status == "dialogue_start":
                    print(f"[{payload['speaker']}] {payload['text']}")
                elif status == "dialogue_end":
                    lines_played += 1
                    await audio.drain()
                    if args.lines and lines_played >= args.lines:
                        break
                    await ws.send(json.dumps({"action": "ready_for_next"}))
                elif status in ("transcript", "verdict", "interrupted", "preparing"):
                    print(f"  ({status}: {payload.get('text') or payload.get('reason') or ''})")
                elif status == "mission_end":
                    print(
                        f"\n*** Mission {payload['result']}: {payload['reason']} Score: {payload['score']:,}"
                    )
                    break
                elif "error" in payload:
                    print(f"  (server: {payload['error']})")
        finally:
            if typing is not None:
                typing.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await typing
            audio.close()
    if isinstance(audio, WavOut):
        print(f"Saved the show to {audio.path} ({lines_played} lines).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m radiomirchi.client", description=__doc__)
    parser.add_argument("--server", default="http://127.0.0.1:7860", help="the app's base URL")
    parser.add_argument("--topic", default="any", help="the mission's topic (default: invent one)")
    parser.add_argument("--user", default="cli_player", help="your user id")
    parser.add_argument("--mission", help="join an existing mission by id instead of creating one")
    parser.add_argument("--lines", type=int, default=0, help="stop after this many lines (0: whole show)")
    parser.add_argument(
        "--wav", default="radiomirchi-show.wav", help="where to write audio without a sound card"
    )
    parser.add_argument("--wav-only", action="store_true", help="always write the WAV, never play")
    args = parser.parse_args(argv)
    try:
        return asyncio.run(play_show(args))
    except KeyboardInterrupt:
        return 130
    except (httpx.TransportError, OSError) as exc:
        print(f"Cannot reach {args.server}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
