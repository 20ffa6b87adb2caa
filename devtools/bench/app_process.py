"""Start the real app (``python app.py``) as its own process on a free port, as a user would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]
_PROVIDER_VARIABLES = ("GEMINI_API_KEY", "GOOGLE_API_KEY", "DEEPGRAM_API_KEY", "MONGODB_URI")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AppProcess:
    def __init__(
        self, env: dict[str, str], *, headroom_gate: bool = False, log_path: Path | None = None
    ) -> None:
        self.port = free_port()
        self._log_path = log_path  # the app's log (stderr) goes here, else to the benchmark's
        base_env = {
            key: value
            for key, value in os.environ.items()
            if key not in _PROVIDER_VARIABLES and not key.startswith("RADIOMIRCHI_")
        }
        # Benchmarks measure the app, not its guard rails: no rate limit on new missions, no cap on
        # live shows and no headroom gate unless ``env`` sets them (the load benchmark's burst does).
        unguarded = {
            "RADIOMIRCHI_CREATE_MISSIONS_PER_USER_PER_MINUTE": "0",
            "RADIOMIRCHI_CREATE_MISSIONS_PER_IP_PER_MINUTE": "0",
            "RADIOMIRCHI_MAX_LIVE_SESSIONS": "10000",
        }
        if not headroom_gate:  # the overload benchmark measures the gate itself
            unguarded |= {
                "RADIOMIRCHI_MAX_SYNTHESIS_LOAD": "1.0",
                "RADIOMIRCHI_MAX_ON_AIR_WAIT_SECONDS": "3600",
                "RADIOMIRCHI_MAX_LOOP_LAG_SECONDS": "3600",
            }
        self._env = {
            **base_env,
            **unguarded,
            "PORT": str(self.port),
            "RADIOMIRCHI_LOG_LEVEL": "warning",
            **env,
        }
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        if self._process is None:
            raise RuntimeError("the app is not running")
        return self._process.pid

    def rss_bytes(self) -> int:
        """The app process's resident memory now (Linux)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("VmRSS not found")

    def kill(self) -> None:
        """Stop it the hard way (SIGKILL), as a crash would: no shutdown code runs."""
        if self._process is not None:
            self._process.kill()
            self._process.wait(timeout=30)
            self._process = None

    def start(self, timeout: float = 60.0) -> AppProcess:
        log = self._log_path.open("ab") if self._log_path is not None else None
        try:
            self._process = subprocess.Popen(
                [sys.executable, "app.py"],
                cwd=REPO_ROOT,
                env=self._env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        finally:
            if log is not None:
                log.close()  # the child has its own copy
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.base_url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if self._process.poll() is not None:
                raise RuntimeError(f"the app exited with code {self._process.returncode}")
            if time.monotonic() > deadline:
                raise TimeoutError("the app did not start in time")
            time.sleep(0.1)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=30)
            self._process = None

    def __enter__(self) -> AppProcess:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
