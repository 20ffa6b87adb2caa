"""Settings: conventional names for keys and serving, RADIOMIRCHI_ for the rest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devtools.testing.apps import AppFactory
from radiomirchi.config import DEFAULT_DIALOGUE_MODEL, DEFAULT_MISSION_MODEL, Settings
from radiomirchi.store import SQLiteMissionStore, build_store
from radiomirchi.writers import FallbackWriter, OfflineWriter, build_writer

REPO = Path(__file__).resolve().parents[1]


def _settings() -> Settings:
    return Settings(_env_file=None)


def test_defaults_need_no_keys() -> None:
    settings = _settings()
    assert (settings.host, settings.port) == ("127.0.0.1", 7860)
    assert settings.gemini_api_key is None and settings.mongodb_uri is None
    assert settings.mission_model == DEFAULT_MISSION_MODEL and "flash" in DEFAULT_MISSION_MODEL
    assert settings.dialogue_model == DEFAULT_DIALOGUE_MODEL and "flash-lite" in DEFAULT_DIALOGUE_MODEL
    assert isinstance(build_writer(settings), OfflineWriter)
    assert isinstance(build_store(settings), SQLiteMissionStore)


def test_conventional_names_and_prefixed_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "9001")
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("GOOGLE_API_KEY", "g-key")
    monkeypatch.setenv("DEEPGRAM_API_KEY", "d-key")
    monkeypatch.setenv("RADIOMIRCHI_DATA_DIR", "/srv/rm-data")
    monkeypatch.setenv("RADIOMIRCHI_MISSION_MODEL", "gemini-custom")
    monkeypatch.setenv("RADIOMIRCHI_SHOW_SECONDS", "60")
    settings = _settings()
    assert (settings.host, settings.port) == ("0.0.0.0", 9001)
    assert settings.gemini_api_key is not None and settings.gemini_api_key.get_secret_value() == "g-key"
    assert settings.deepgram_api_key is not None
    assert settings.data_dir == Path("/srv/rm-data")
    assert settings.mission_model == "gemini-custom"
    assert settings.show_seconds == 60
    assert isinstance(build_writer(settings), FallbackWriter)
    assert "g-key" not in repr(settings)


def test_gemini_api_key_wins_over_google_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOOGLE_API_KEY", "google")
    monkeypatch.setenv("GEMINI_API_KEY", "gemini")
    key = _settings().gemini_api_key
    assert key is not None and key.get_secret_value() == "gemini"


def test_blank_keys_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", "")
    monkeypatch.setenv("MONGODB_URI", "  ")
    settings = _settings()
    assert settings.gemini_api_key is None and settings.mongodb_uri is None


def test_env_example_documents_every_setting() -> None:
    documented = {
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in (REPO / "env.example").read_text().splitlines()
        if "=" in line and not line.startswith("##")
    }
    expected = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        choices = getattr(alias, "choices", None)
        expected |= {str(c) for c in choices} if choices else {f"RADIOMIRCHI_{name.upper()}"}
    missing = expected - documented
    assert not missing, f"env.example lacks {sorted(missing)}"


def test_apps_of_the_tests_never_read_the_developers_provider_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module's shared app is built before the per-test fixture hides these: the factory must
    hide them itself, and give them back."""
    monkeypatch.setenv("GEMINI_API_KEY", "a-real-key")
    monkeypatch.setenv("DEEPGRAM_API_KEY", "a-real-key")
    monkeypatch.setenv("MONGODB_URI", "mongodb://127.0.0.1:9/real")
    monkeypatch.setenv("RADIOMIRCHI_SHOW_SECONDS", "5")
    settings = AppFactory(tmp_path).settings(max_live_sessions=3)
    assert settings.gemini_api_key is None and settings.deepgram_api_key is None
    assert settings.mongodb_uri is None
    assert settings.show_seconds == Settings.model_fields["show_seconds"].default
    assert settings.max_live_sessions == 3 and settings.data_dir.is_relative_to(tmp_path)
    assert os.environ["GEMINI_API_KEY"] == "a-real-key"
