"""Resident memory of one process that creates and warms several apps (as the test suite does).

``python -m devtools.bench.apps_memory [--apps 3]`` prints one JSON row per app: the process's
resident memory once that app has started (its lifespan ran) and its speech recogniser has loaded.
The benchmark suite ``apps`` runs it in a fresh process, so nothing loaded before skews it.
Every app is offline (no provider keys) with its own data directory, and all stay open until the
last one has warmed, then close.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


async def _warm_apps(count: int, root: Path) -> list[dict[str, Any]]:
    from radiomirchi.config import Settings
    from radiomirchi.server import create_app

    rows: list[dict[str, Any]] = []
    async with AsyncExitStack() as apps:
        for index in range(1, count + 1):
            app = create_app(Settings(data_dir=root / f"app-{index}", _env_file=None))
            await apps.enter_async_context(app.router.lifespan_context(app))
            await app.state.services.stt.warm_up()  # start-up leaves Whisper loading in the background
            rows.append({"apps": index, "rss_mb": round(_rss_mb()), "peak_mb": round(_peak_mb())})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--apps", type=int, default=3)
    args = parser.parse_args()
    for name in [name for name in os.environ if name.startswith("RADIOMIRCHI_")]:
        del os.environ[name]
    for name in ("GEMINI_API_KEY", "GOOGLE_API_KEY", "DEEPGRAM_API_KEY", "MONGODB_URI"):
        os.environ.pop(name, None)
    with tempfile.TemporaryDirectory(prefix="apps-memory-") as root:
        rows = asyncio.run(_warm_apps(args.apps, Path(root)))
    for row in rows:
        print(json.dumps(row), flush=True)


def run(count: int | None = None, **_: Any) -> list[dict[str, Any]]:
    """The suite: ``count`` apps (default 3) in a fresh interpreter."""
    done = subprocess.run(  # noqa: S603 (this interpreter, this module, an int)
        [sys.executable, "-m", "devtools.bench.apps_memory", "--apps", str(count or 3)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


if __name__ == "__main__":
    main()
