"""RADIOMIRCHI_SHARE=1 offline: the app serves locally, logs that no link could be made, and
never waits on the network longer than the set timeout. The "internet" here is a proxy on
127.0.0.1 that refuses, or one that accepts and never answers: no request leaves the machine."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from radiomirchi.config import Settings
from radiomirchi.ui.share import request_share_link

pytestmark = pytest.mark.slow  # the app in a process of its own

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_proxy() -> Iterator[str]:
    """A proxy that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


def _offline(monkeypatch: pytest.MonkeyPatch, proxy: str) -> None:
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.delenv("GRADIO_SHARE_SERVER_ADDRESS", raising=False)


def test_a_refused_share_request_is_logged_quickly(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, settings: Settings
) -> None:
    _offline(monkeypatch, f"http://127.0.0.1:{_free_port()}")  # nothing listens there
    with caplog.at_level(logging.INFO, logger="radiomirchi.ui.share"):
        started = time.monotonic()
        request_share_link(settings, 7860).join(10)
    assert time.monotonic() - started < 10
    assert "No public share link could be made" in caplog.text


def test_a_share_request_that_hangs_is_given_up_after_the_timeout(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    settings: Settings,
    silent_proxy: str,
) -> None:
    _offline(monkeypatch, silent_proxy)
    quick = settings.model_copy(update={"share_timeout_seconds": 1.0})
    with caplog.at_level(logging.INFO, logger="radiomirchi.ui.share"):
        started = time.monotonic()
        request_share_link(quick, 7860).join(5)
        elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 3, elapsed
    assert "no answer within 1 s" in caplog.text


def test_python_app_py_with_share_on_serves_offline(tmp_path: Path, silent_proxy: str) -> None:
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("RADIOMIRCHI_") and "proxy" not in k.lower()
    }
    env.update(
        {
            "PORT": str(port),
            "RADIOMIRCHI_DATA_DIR": str(tmp_path / "data"),
            "RADIOMIRCHI_SHARE": "1",
            "RADIOMIRCHI_SHARE_TIMEOUT_SECONDS": "2",
            "HTTPS_PROXY": silent_proxy,
        }
    )
    env.pop("SPACE_ID", None)
    server = subprocess.Popen(
        [sys.executable, "app.py"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if (
                    httpx.get(f"http://127.0.0.1:{port}/health", timeout=1, trust_env=False).status_code
                    == 200
                ):
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stdout.read() if server.stdout else "server exited"
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.1)
        time.sleep(3)  # past the share timeout: the app must still serve
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5, trust_env=False).status_code == 200
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "No public share link could be made" in output, output[-2000:]
