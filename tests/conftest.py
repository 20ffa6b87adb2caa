"""Shared fixtures: settings in a temp dir, a fake Gemini, a fake OpenAI-compatible server, a real
MongoDB-compatible server, and the app factory (``apps`` per test, ``module_apps`` per module)
with the module's shared default app.

A test that only reads the default app, or writes what no other test reads (its own mission),
uses ``shared_server`` / ``shared_client``: one app per module. A test that needs other settings,
state of its own (a rate limit, a cap, a restart) or a fake it inspects serves its own through
``apps``."""

from __future__ import annotations

import os

for _name, _value in {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
}.items():
    os.environ.setdefault(_name, _value)

import uuid  # noqa: E402
from collections.abc import AsyncIterator, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from devtools.testing.apps import (  # noqa: E402
    AppFactory,
    hide_provider_settings,
    offline_settings,
    with_fake_gemini,
    with_fake_openai,
)
from devtools.testing.asgi_server import ThreadedServer  # noqa: E402
from devtools.testing.fake_gemini import FakeGemini  # noqa: E402
from devtools.testing.fake_openai import FakeOpenAI  # noqa: E402
from devtools.testing.ferretdb import FerretDB, FerretDBUnavailable  # noqa: E402
from radiomirchi.config import Settings  # noqa: E402

# Read once, before the per-test fixture below hides provider settings from the app.
MONGODB_URI_FROM_ENV = os.environ.get("MONGODB_URI", "").strip()
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True)
def _no_provider_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test chooses its providers explicitly; a developer's real keys never leak in.

    Module-scoped apps are built before this runs: ``offline_settings`` hides the same variables."""
    hide_provider_settings(monkeypatch)


# Shows in tests that check what is said (content, order, nothing lost, resume) play this many
# times faster than real time: mark the module or test ``@pytest.mark.clock_speed(FAST_CLOCK)``.
# How fast things happen is measured by ``make bench``, not asserted here.
FAST_CLOCK = 10.0


@pytest.fixture
def settings(tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Embedded defaults in a temp dir, on the real clock unless the test is marked
    ``clock_speed(n)``."""
    return offline_settings(tmp_path / "data", clock_speed=clock_speed_of(request))


def clock_speed_of(request: pytest.FixtureRequest) -> float:
    """The ``clock_speed(n)`` marker nearest the test (or module), else 1: the real clock."""
    marker = request.node.get_closest_marker("clock_speed")
    return float(marker.args[0]) if marker is not None else 1.0


@pytest.fixture
def fake_gemini() -> Iterator[FakeGemini]:
    fake = FakeGemini().start()
    yield fake
    fake.stop()


@pytest.fixture
def gemini_settings(settings: Settings, fake_gemini: FakeGemini) -> Settings:
    """Settings that point the real google-genai client at the fake, with quick retries."""
    return with_fake_gemini(settings, fake_gemini)


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


@pytest.fixture
def openai_settings(settings: Settings, fake_openai: FakeOpenAI) -> Settings:
    """Settings that point the OpenAI-compatible writer at the fake, with quick retries."""
    return with_fake_openai(settings, fake_openai)


@pytest.fixture(scope="session")
def mongodb_server_uri() -> Iterator[str]:
    """A MongoDB-compatible server: ``MONGODB_URI`` if set, else FerretDB started here.

    Skips (with the reason) only where neither is possible, and never under CI.
    """
    if MONGODB_URI_FROM_ENV:
        yield MONGODB_URI_FROM_ENV
        return
    try:
        server = FerretDB().start()
    except FerretDBUnavailable as exc:
        reason = f"no MongoDB-compatible server: MONGODB_URI is unset and FerretDB is unavailable ({exc})"
        if IN_CI:
            pytest.fail(f"CI must run the MongoDB leg, but {reason}")
        pytest.skip(reason)
    try:
        yield server.uri
    finally:
        server.close()


@pytest.fixture
def mongodb_settings(settings: Settings, mongodb_server_uri: str) -> Settings:
    """Settings for a fresh, uniquely named database on the shared server."""
    return settings.model_copy(
        update={
            "mongodb_uri": SecretStr(mongodb_server_uri),
            "mongodb_database": f"test_{uuid.uuid4().hex[:12]}",
        }
    )


@pytest.fixture
def apps(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[AppFactory]:
    """Apps of this test's own: stopped when it ends (on the clock its ``clock_speed`` says)."""
    factory = AppFactory(tmp_path / "apps", clock_speed=clock_speed_of(request))
    try:
        yield factory
    finally:
        factory.close()


@pytest.fixture(scope="module")
def module_apps(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[AppFactory]:
    """Apps one module's tests share: stopped after its last test (on the module's clock_speed)."""
    factory = AppFactory(tmp_path_factory.mktemp("module-apps"), clock_speed=clock_speed_of(request))
    try:
        yield factory
    finally:
        factory.close()


@pytest.fixture(scope="module")
def shared_server(module_apps: AppFactory) -> ThreadedServer:
    """The real app under uvicorn on 127.0.0.1, embedded defaults, one per module."""
    return module_apps.serve()


@pytest.fixture
async def shared_client(shared_server: ThreadedServer) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of this test's own (on its event loop) for the module's shared app."""
    async with httpx.AsyncClient(base_url=shared_server.base_url, timeout=10) as http:
        yield http
