"""The one way tests get the real app: settings built away from the developer's environment, the
fakes wired in, the app served under uvicorn, and every app stopped when its owner finishes.

``tests/conftest.py`` hands out one ``AppFactory`` per test (``apps``) and one per module
(``module_apps``): a test that needs nothing of its own shares its module's app.
"""

from __future__ import annotations

import itertools
import os
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.fake_gemini import FakeGemini
from devtools.testing.fake_openai import DEFAULT_MODEL, FakeOpenAI
from radiomirchi.config import Settings
from radiomirchi.server import create_app

# The developer's provider settings: a test chooses its providers itself.
PROVIDER_VARIABLES = ("GEMINI_API_KEY", "GOOGLE_API_KEY", "DEEPGRAM_API_KEY", "MONGODB_URI")
SETTINGS_PREFIX = "RADIOMIRCHI_"


def hide_provider_settings(env: pytest.MonkeyPatch) -> None:
    """Remove every provider key and RADIOMIRCHI_ variable from the environment (until undone)."""
    for name in PROVIDER_VARIABLES:
        env.delenv(name, raising=False)
    for name in list(os.environ):
        if name.startswith(SETTINGS_PREFIX):
            env.delenv(name, raising=False)


def offline_settings(data_dir: Path, **fields: Any) -> Settings:
    """Settings on the embedded defaults plus ``fields``, whatever the environment holds.

    Settings read the environment only when built, so building them with the provider variables
    hidden protects a module's app as well as a test's.
    """
    # The headroom gate is off unless a test sets it: at a fast clock the voices work several
    # times faster than a real show needs, and beside a loaded machine's other tests a piece may
    # wait; either would refuse shows a test is about (tests/test_security.py tests the gate).
    fields.setdefault("max_synthesis_load", 1.0)
    fields.setdefault("max_on_air_wait_seconds", 3600.0)
    fields.setdefault("max_loop_lag_seconds", 3600.0)
    with pytest.MonkeyPatch.context() as env:
        hide_provider_settings(env)
        return Settings(data_dir=data_dir, _env_file=None, **fields)


def with_fake_gemini(settings: Settings, fake: FakeGemini) -> Settings:
    """The real google-genai client pointed at the fake, with quick retries."""
    return settings.model_copy(
        update={
            "gemini_api_key": SecretStr("test-key-not-real"),
            "gemini_base_url": fake.base_url,
            "gemini_timeout_seconds": 1.0,
            "gemini_backoff_seconds": 0.01,
            "gemini_max_attempts": 3,
        }
    )


def with_fake_openai(settings: Settings, fake: FakeOpenAI) -> Settings:
    """The OpenAI-compatible writer pointed at the fake, with quick retries."""
    return settings.model_copy(
        update={
            "llm_base_url": fake.base_url,
            "llm_model": DEFAULT_MODEL,
            "llm_timeout_seconds": 1.0,
            "llm_backoff_seconds": 0.01,
            "llm_max_attempts": 3,
        }
    )


def with_fake_deepgram(settings: Settings, fake: FakeDeepgram) -> Settings:
    """The real Deepgram client (voices and transcripts) pointed at the fake."""
    return settings.model_copy(
        update={"deepgram_api_key": SecretStr("dg-test-key-not-real"), "deepgram_base_url": fake.base_url}
    )


class AppFactory:
    """Builds settings and serves the real app on them; ``close`` stops every app ``serve`` started."""

    def __init__(self, data_root: Path, *, clock_speed: float = 1.0) -> None:
        self._data_root = data_root
        self._clock_speed = clock_speed  # the settings' default (radiomirchi/clock.py)
        self._numbers = itertools.count(1)
        self._running = ExitStack()

    def settings(
        self,
        *,
        gemini: FakeGemini | None = None,
        openai: FakeOpenAI | None = None,
        deepgram: FakeDeepgram | None = None,
        **fields: Any,
    ) -> Settings:
        """Fresh settings with a data directory of their own: embedded defaults, then ``fields``,
        then the fakes given (Gemini, an OpenAI-compatible server, Deepgram) in place of the real
        providers."""
        fields.setdefault("clock_speed", self._clock_speed)
        settings = offline_settings(self._data_root / f"app-{next(self._numbers)}", **fields)
        if gemini is not None:
            settings = with_fake_gemini(settings, gemini)
        if openai is not None:
            settings = with_fake_openai(settings, openai)
        if deepgram is not None:
            settings = with_fake_deepgram(settings, deepgram)
        return settings

    def running(self, settings: Settings | None = None, *, log_level: str = "warning") -> ThreadedServer:
        """The app on ``settings`` (default: fresh embedded defaults), to serve in a ``with`` block:
        for a test that restarts an app (the same settings again: the next app reads what this one
        stored) or whose fakes must outlive it."""
        app = create_app(settings or self.settings())
        return ThreadedServer(app, lifespan="on", log_level=log_level)

    def serve(self, settings: Settings | None = None, *, log_level: str = "warning") -> ThreadedServer:
        """The app on ``settings`` served until this factory closes (its test or module ends).

        A fixture that hands out fakes as well requests them before the factory, so that the app
        stops before its fakes do."""
        return self._running.enter_context(self.running(settings, log_level=log_level))

    def close(self) -> None:
        self._running.close()
