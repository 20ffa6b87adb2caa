"""``python -m devtools.bench [missions] [--count N]``: run benchmark suites, print Markdown."""

from __future__ import annotations

import argparse
import json
import os
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Any

from devtools.bench import (
    apps_memory,
    broadcast,
    game,
    judge,
    listeners,
    load,
    missions,
    overload,
    timing,
    turns,
    voices,
    writer,
)
from devtools.bench.stats import markdown_table


def _breakins_run(**options: Any) -> list[dict[str, Any]]:
    # Imported on demand: it needs Playwright (a dev tool) and Chromium.
    from devtools.bench import breakins

    return breakins.run(**options)


def _pieces_run(**options: Any) -> list[dict[str, Any]]:
    # Imported on demand: it voices its callers as the break-in benchmark does (Playwright's module).
    from devtools.bench import heard_in_pieces

    return heard_in_pieces.run(**options)


def _browser_run(**options: Any) -> list[dict[str, Any]]:
    # Imported on demand: it needs Playwright (a dev tool) and Chromium.
    from devtools.bench import browser

    return browser.run(**options)


SUITES: dict[str, Callable[..., list[dict[str, Any]]]] = {
    "missions": missions.run,
    "broadcast": broadcast.run,
    "game": game.run,
    "browser": _browser_run,
    "breakins": _breakins_run,
    "pieces": _pieces_run,
    "load": load.run,
    "overload": overload.run,
    "listeners": listeners.run,
    "writer": writer.run,
    "judge": judge.run,
    "voices": voices.run,
    "apps": apps_memory.run,
    "timing": timing.run,
    "turns": turns.run,
}
RESULTS_DIR = Path("artifacts") / "bench"


def machine_description() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("suites", nargs="*", default=list(SUITES), choices=list(SUITES))
    parser.add_argument(
        "--count",
        type=int,
        help=(
            "samples per leg (missions: 200, broadcast: 20, load: 50 sessions, "
            "writer: 4 shows a topic, judge: 200, voices: 40 lines, apps: 3 apps in one process, "
            "timing: 5 fresh shows)"
        ),
    )
    args = parser.parse_args()
    print(f"Machine: {machine_description()}\n")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    for suite in args.suites:
        options: dict[str, Any] = {"mongodb_uri": os.environ.get("MONGODB_URI") or None}
        if args.count:
            options["count"] = args.count
        rows = SUITES[suite](**options)
        print(f"## {suite}\n\n{markdown_table(rows)}\n", flush=True)
        (RESULTS_DIR / f"{suite}.json").write_text(
            json.dumps({"machine": machine_description(), "rows": rows}, indent=2)
        )


if __name__ == "__main__":
    main()
