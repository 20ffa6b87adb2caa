"""The listen-only player: the live show as a streamed ``gr.Audio``, for where WebRTC can't connect.

Gradio encodes every chunk to AAC with ffmpeg and serves the stream as HLS, so it is seconds
behind and has no microphone; the player breaks in by typing. Chunks are WAV bytes (a numpy chunk
would be peak-normalised one by one, so loudness would jump), and at most ``LEAD_CHUNKS`` ahead of
real time, so the player's buffer never runs dry and a break-in still drops most of what is queued.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator

from radiomirchi.schemas import MissionId
from radiomirchi.services import Services
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, seconds_to_bytes, wav_bytes
from radiomirchi.speech.pacing import RealTimeClock
from radiomirchi.ui.board import ShowBoards
from radiomirchi.ui.playout import Playout
from radiomirchi.ui.show import LiveShow

LEAD_CHUNKS = 2


async def listen_only(
    services: Services, boards: ShowBoards, mission_id: MissionId, chunk_seconds: float
) -> AsyncGenerator[bytes, None]:
    """WAV chunks of the show, from its first line to its end (closing the generator stops it)."""
    board = boards.get(mission_id)
    playout = Playout()
    show = LiveShow(services, board, playout, "listen")
    task = asyncio.create_task(show.run(), name=f"listen-only-{mission_id}")
    show.play()
    chunk_bytes = seconds_to_bytes(chunk_seconds)
    clock = RealTimeClock(LEAD_CHUNKS * chunk_seconds, services.clock)
    # How long a chunk waits for audio before it is padded: a chunk's length of show time.
    chunk_wait = services.clock.real_seconds(chunk_seconds)
    try:
        await playout.started.wait()
        while True:
            pcm = await playout.take_chunk(chunk_bytes, max_wait=chunk_wait)
            if pcm is None:
                return
            board.first_audio()
            yield wav_bytes(pcm, WIRE_SAMPLE_RATE)
            await clock.pace(chunk_seconds)
    finally:
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
