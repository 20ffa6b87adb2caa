"""The CLI client (the seed's test client) against the real app: it writes the show to a WAV."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path

import pytest

from devtools.testing.asgi_server import ThreadedServer
from radiomirchi.client import main


@pytest.mark.slow
async def test_the_client_creates_a_mission_prints_captions_and_saves_audio(
    shared_server: ThreadedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wav_path = tmp_path / "show.wav"
    code = await asyncio.to_thread(
        main,
        [
            "--server",
            shared_server.base_url,
            "--topic",
            "the bread ration",
            "--lines",
            "2",
            "--wav",
            str(wav_path),
            "--wav-only",
        ],
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Your evidence:" in out and "bread ration" in out
    assert out.count("] ") >= 2, "two captions expected"
    with wave.open(str(wav_path)) as wav:
        assert wav.getframerate() == 24000
        assert wav.getnframes() / 24000 > 1.5


def test_an_unreachable_server_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--server", "http://127.0.0.1:9", "--wav-only"]) == 1
    assert "Cannot reach" in capsys.readouterr().err
