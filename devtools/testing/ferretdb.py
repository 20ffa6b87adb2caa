"""Start a throwaway FerretDB (MongoDB wire protocol over SQLite) on 127.0.0.1 for tests and benchmarks.

The server is built from ``tools/ferretdb`` (FerretDB v1.24.2 imported as a library) with ``go build``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

REPO_ROOT = Path(__file__).resolve().parents[2]
LAUNCHER_DIR = REPO_ROOT / "tools" / "ferretdb"
BINARY = REPO_ROOT / ".cache" / "ferretdb"


class FerretDBUnavailable(Exception):
    """FerretDB cannot be built or started here (no Go toolchain, build failure, no start)."""


def ensure_binary() -> Path:
    """Build the launcher unless an up-to-date binary exists."""
    sources = [LAUNCHER_DIR / name for name in ("main.go", "go.mod", "go.sum")]
    if BINARY.exists() and all(
        BINARY.stat().st_mtime >= src.stat().st_mtime for src in sources if src.exists()
    ):
        return BINARY
    go = shutil.which("go")
    if go is None:
        raise FerretDBUnavailable("Go is not installed, so FerretDB cannot be built")
    BINARY.parent.mkdir(parents=True, exist_ok=True)
    build = subprocess.run(
        [go, "build", "-o", str(BINARY), "."],
        cwd=LAUNCHER_DIR,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if build.returncode != 0:
        raise FerretDBUnavailable(f"go build failed: {build.stderr.strip()[-2000:]}")
    return BINARY


class FerretDB:
    """One FerretDB process with its own temporary SQLite directory."""

    def __init__(self) -> None:
        self._state = tempfile.TemporaryDirectory(prefix="ferretdb-")
        self._process: subprocess.Popen[str] | None = None
        self.address = ""
        self._stderr: list[str] = []

    @property
    def uri(self) -> str:
        return f"mongodb://{self.address}/"

    def start(self, *, listen_addr: str = "127.0.0.1:0", timeout: float = 30.0) -> FerretDB:
        binary = ensure_binary()
        self._process = subprocess.Popen(
            [str(binary), "-listen-addr", listen_addr, "-state-dir", self._state.name, "-log-level", "error"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "GOTRACEBACK": "single"},
        )
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        ready = self._wait_for_ready_line(timeout)
        self.address = ready.split()[1]
        return self

    def stop(self) -> None:
        """Stop the process; the data directory stays until ``close``."""
        if self._process is None:
            return
        self._process.send_signal(signal.SIGCONT)  # a paused process could not act on SIGTERM
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def pause(self) -> None:
        """Freeze the process (SIGSTOP): connections stay open but nothing answers, like a hung host."""
        if self._process is not None:
            self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGCONT)

    def restart(self) -> None:
        """Start again on the same address and data (for outage tests)."""
        address = self.address
        self.start(listen_addr=address)

    def close(self) -> None:
        self.stop()
        self._state.cleanup()

    def _wait_for_ready_line(self, timeout: float) -> str:
        assert self._process is not None and self._process.stdout is not None
        result: list[str] = []
        reader = threading.Thread(target=lambda: result.append(self._process.stdout.readline()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        reader.join(timeout)
        line = result[0].strip() if result else ""
        if not line.startswith("ready "):
            self.stop()
            time.sleep(0.1)
            raise FerretDBUnavailable(
                f"FerretDB did not start: {' '.join(self._stderr)[-1000:] or 'no output'}"
            )
        return line

    def _drain_stderr(self) -> None:
        process = self._process
        if process is None or process.stderr is None:
            return
        for line in process.stderr:
            self._stderr = [*self._stderr[-20:], line.strip()]

    def __enter__(self) -> FerretDB:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
