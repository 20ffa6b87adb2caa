"""Mission creation latency over HTTP: offline+SQLite, offline+MongoDB, and Gemini (zero-latency fake)."""

from __future__ import annotations

import tempfile
import time
from typing import Any

import httpx

from devtools.bench.app_process import AppProcess
from devtools.bench.stats import summarise_ms
from devtools.testing.fake_gemini import FakeGemini
from devtools.testing.ferretdb import FerretDB

WARMUP = 10


def measure_creations(base_url: str, count: int) -> list[float]:
    samples = []
    with httpx.Client(base_url=base_url, timeout=30) as http:
        for index in range(WARMUP + count):
            body = {"topic": f"the new water tax number {index}", "user_id": f"bench_{index % 20}"}
            started = time.perf_counter()
            response = http.post("/api/v1/create_mission", json=body)
            elapsed = time.perf_counter() - started
            if response.status_code != 201:
                raise RuntimeError(f"create_mission answered {response.status_code}: {response.text[:200]}")
            if index >= WARMUP:
                samples.append(elapsed)
    return samples


def run(count: int = 200, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="rm-bench-") as data_dir:
        with AppProcess({"RADIOMIRCHI_DATA_DIR": f"{data_dir}/offline"}) as app:
            rows.append(
                {"leg": "offline writer + SQLite", **summarise_ms(measure_creations(app.base_url, count))}
            )

        ferret = None if mongodb_uri else FerretDB().start()
        try:
            uri = mongodb_uri or (ferret.uri if ferret else "")
            env = {"MONGODB_URI": uri, "RADIOMIRCHI_MONGODB_DATABASE": f"bench_{int(time.time())}"}
            with AppProcess(env) as app:
                server = "MONGODB_URI" if mongodb_uri else "FerretDB 1.24.2"
                rows.append(
                    {
                        "leg": f"offline writer + MongoDB ({server})",
                        **summarise_ms(measure_creations(app.base_url, count)),
                    }
                )
        finally:
            if ferret is not None:
                ferret.close()

        fake = FakeGemini(latency_seconds=0.0).start()
        try:
            env = {
                "RADIOMIRCHI_DATA_DIR": f"{data_dir}/gemini",
                "GEMINI_API_KEY": "bench-not-a-key",
                "RADIOMIRCHI_GEMINI_BASE_URL": fake.base_url,
            }
            with AppProcess(env) as app:
                rows.append(
                    {
                        "leg": "Gemini writer (zero-latency fake) + SQLite",
                        **summarise_ms(measure_creations(app.base_url, count)),
                    }
                )
        finally:
            fake.stop()
    offline, gemini = rows[0], rows[-1]
    gemini["writer_overhead_p50_ms"] = round(gemini["p50_ms"] - offline["p50_ms"], 2)
    return rows
