"""Every setting the app reads, in one pydantic-settings class.

Provider keys and serving settings use their conventional names (``GEMINI_API_KEY``, ``PORT``);
everything else is prefixed ``RADIOMIRCHI_``. ``env.example`` documents each one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Current models as of late 2026: a Flash model writes missions (quality matters, called once),
# a Flash-Lite model writes the live dialogue (latency matters, called every few lines).
DEFAULT_MISSION_MODEL = "gemini-3.8-flash"
DEFAULT_DIALOGUE_MODEL = "gemini-3.5-flash-lite"
# The original backend's database, where the production front end reads missions from.
DEFAULT_MONGODB_DB = "radio_mirchi"
THINKING_LEVELS = ("minimal", "low", "medium", "high")
_THINKING = "|".join(THINKING_LEVELS)
ThinkingSetting = Annotated[str, Field(pattern=rf"^(?i:default|{_THINKING}|-1|[0-9]+)$")]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="RADIOMIRCHI_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # --- provider keys (conventional names, no prefix) ---
    gemini_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("GEMINI_API_KEY", "GOOGLE_API_KEY")
    )
    deepgram_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DEEPGRAM_API_KEY")
    )
    mongodb_uri: SecretStr | None = Field(default=None, validation_alias=AliasChoices("MONGODB_URI"))

    # --- serving ---
    host: str = Field(default="127.0.0.1", validation_alias=AliasChoices("HOST"))
    port: int = Field(default=7860, ge=1, le=65535, validation_alias=AliasChoices("PORT"))
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    # --- storage ---
    data_dir: Path = Path("data")
    # MONGODB_DB as the original backend names it; unset: the database the URI names, else
    # DEFAULT_MONGODB_DB.
    mongodb_database: str | None = Field(
        default=None, validation_alias=AliasChoices("MONGODB_DB", "RADIOMIRCHI_MONGODB_DATABASE")
    )
    mongodb_timeout_seconds: float = Field(default=5.0, gt=0)

    # --- Gemini ---
    mission_model: str = DEFAULT_MISSION_MODEL
    dialogue_model: str = DEFAULT_DIALOGUE_MODEL
    gemini_base_url: str | None = None
    gemini_timeout_seconds: float = Field(default=20.0, gt=0)
    gemini_max_attempts: int = Field(default=3, ge=1, le=10)
    gemini_backoff_seconds: float = Field(default=0.5, ge=0)
    # A 429 asking for at most this long (and fitting the call's deadline) is waited out; a longer
    # one sends the call to the offline writer at once and cools the model down for the delay.
    gemini_max_retry_delay_seconds: float = Field(default=10.0, ge=0)
    # A 429 without a retry delay (a daily quota) cools the model down this long.
    gemini_quota_cooldown_seconds: float = Field(default=3600.0, ge=0)
    # Thinking per call type: a level (minimal, low, medium, high), a token budget (0 = off,
    # -1 = the model decides), or "default" to send nothing and leave it to the model.
    thinking_mission: ThinkingSetting = "low"
    thinking_briefing: ThinkingSetting = "low"
    thinking_dialogue: ThinkingSetting = "minimal"
    thinking_judge: ThinkingSetting = "minimal"

    # --- an OpenAI-compatible server (Ollama, llama.cpp, vLLM, ...): set, it writes instead of Gemini ---
    # The base URL that ``/chat/completions`` is appended to, e.g. http://127.0.0.1:11434/v1.
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None  # sent as a bearer token; most local servers need none
    # Per-request HTTP timeout; each call's deadline (below) cuts it shorter.
    llm_timeout_seconds: float = Field(default=120.0, gt=0)
    # Attempts per call and the backoff between them: few and short, so that a server that fails
    # every call (a 500) hands the call to the offline writer within a fraction of a second.
    llm_max_attempts: int = Field(default=2, ge=1, le=10)
    llm_backoff_seconds: float = Field(default=0.2, ge=0)
    # A 429 whose Retry-After is at most this long (and fits the call's deadline) is waited out; a
    # longer one cools the model down for that delay. A 429 with no Retry-After cools it down for
    # llm_rate_limit_cooldown_seconds.
    llm_max_retry_delay_seconds: float = Field(default=10.0, ge=0)
    llm_rate_limit_cooldown_seconds: float = Field(default=60.0, ge=0)

    # --- writer deadlines: past them the offline writer answers that call ---
    mission_deadline_seconds: float = Field(default=10.0, gt=0)
    briefing_deadline_seconds: float = Field(default=20.0, gt=0)
    # A dialogue batch during a live show (written ahead, while earlier lines play).
    dialogue_deadline_seconds: float = Field(default=4.0, gt=0)

    # --- Deepgram ---
    deepgram_base_url: str | None = None
    deepgram_timeout_seconds: float = Field(default=10.0, gt=0)

    # --- offline voices ---
    # "clear": Piper (men) and SVOX Pico (women), fast and clear. "natural": Kokoro-82M for every
    # host, installed apart (`make natural-voices`); without its files the clear voices speak.
    # Behind Deepgram the offline fallback is always clear (it must answer within a second).
    voices: Literal["clear", "natural"] = "clear"

    # --- text-to-speech fallback (primary engine -> offline voices) ---
    tts_first_byte_timeout_seconds: float = Field(default=2.0, gt=0)
    tts_chunk_timeout_seconds: float = Field(default=1.0, gt=0)

    # --- game limits ---
    show_seconds: float = Field(default=180.0, gt=0)
    win_fraction: float = Field(default=0.5, gt=0, le=1)
    # How long a break-in's verdict and reply may take before the offline writer answers instead
    # (the writer deadline of an interjection turn).
    interjection_budget_seconds: float = Field(default=2.5, gt=0)
    # Seconds of show per real second: the pacing, the sinks, the create_mission windows and the
    # seat leases run on this clock (radiomirchi/clock.py). 1 serves players; tests that check
    # what a show says (not how fast) play it at 10 or more.
    clock_speed: float = Field(default=1.0, gt=0)

    # --- security ---
    # Comma-separated; "name:secret" names the key's owner, a bare "secret" is owned by itself.
    api_keys: SecretStr | None = None
    create_missions_per_user_per_minute: int = Field(default=10, ge=0)
    create_missions_per_ip_per_minute: int = Field(default=30, ge=0)
    # With API keys on, the page asks for one; set this to keep the page open (still rate-limited).
    page_public: bool = False
    # Count a caller's address from X-Forwarded-For (its first hop): only behind a proxy that sets
    # it, such as a Hugging Face Space (on a Space this is on by default).
    trust_forwarded_for: bool = False
    max_live_sessions: int = Field(default=32, ge=1)
    # Listeners by link (WS /api/v1/ws/{id}/listen): at most this many per show, and per address
    # across shows; one that falls this many seconds of audio behind is dropped (never the show).
    max_listeners_per_show: int = Field(default=200, ge=0)
    max_listeners_per_address: int = Field(default=20, ge=1)
    listener_max_behind_seconds: float = Field(default=15.0, gt=0)
    # A listener whose show went off the air (the player's connection dropped) waits this long for
    # it to come back before its socket is closed.
    listener_off_air_wait_seconds: float = Field(default=120.0, gt=0)
    # Headroom (radiomirchi/headroom.py): a new show is refused while the offline voices' threads
    # were busier than this share of their capacity over the last 10 s (1.0 never refuses on it),
    # or while a piece for a show on air waited longer than this for a thread (a piece is voiced
    # while the one before it plays, so a wait shorter than a clause is not yet a stall) ...
    max_synthesis_load: float = Field(default=0.8, gt=0, le=1)
    max_on_air_wait_seconds: float = Field(default=1.5, gt=0)
    # ... or while the event loop wakes a sleeper this late, again and again (90th percentile): its
    # frames go out late for every show. With no show live here, a show is never refused.
    max_loop_lag_seconds: float = Field(default=0.25, gt=0)
    # With MongoDB, each live show's seat is a lease the fleet shares: it expires this long after
    # its process last renewed it (a process that dies frees its seats then), and it is renewed
    # this often (a socket taken over on another process is closed within about one renewal).
    fleet_lease_seconds: float = Field(default=5.0, gt=0)
    fleet_lease_renew_seconds: float = Field(default=1.0, gt=0)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["http://localhost:3000"])
    ws_messages_per_second: float = Field(default=20.0, gt=0)
    ws_message_burst: int = Field(default=40, ge=1)
    ws_audio_bytes_per_second: int = Field(default=128_000, ge=1)
    ws_audio_burst_bytes: int = Field(default=1_310_720, ge=1)

    # --- the web page (Gradio at "/", live show over WebRTC) ---
    # WebRTC calls (and listen-only streams) served at once; the next browser is told to come back.
    rtc_concurrency_limit: int = Field(default=8, ge=1, le=1000)
    # ICE servers for both the browser and the server, as JSON: {"iceServers": [{"urls": ...}]}.
    # Empty: none locally (host candidates only), Hugging Face TURN on a Space with HF_TOKEN.
    rtc_ice_servers: str | None = None
    # Test mode: the browser's echo cancellation, noise suppression and auto gain off (a fake
    # microphone at a steady level). Real players keep them on, so the hosts can't barge in.
    rtc_raw_mic: bool = False
    # Seconds of show audio per chunk of the listen-only player (each chunk is encoded to AAC).
    listen_chunk_seconds: float = Field(default=1.0, ge=0.2, le=5.0)
    # Ask Gradio for a public share link at start-up; gives up after the timeout (e.g. offline).
    share: bool = False
    share_timeout_seconds: float = Field(default=20.0, gt=0)
    # Set by Hugging Face Spaces: the Space's id (listen on 0.0.0.0 unless HOST says otherwise)
    # and a token that fetches TURN credentials for WebRTC.
    space_id: str | None = Field(default=None, validation_alias=AliasChoices("SPACE_ID"))
    hf_token: SecretStr | None = Field(default=None, validation_alias=AliasChoices("HF_TOKEN"))

    @field_validator(
        "gemini_api_key",
        "deepgram_api_key",
        "mongodb_uri",
        "mongodb_database",
        "gemini_base_url",
        "llm_base_url",
        "llm_model",
        "llm_api_key",
        "deepgram_base_url",
        "rtc_ice_servers",
        "space_id",
        "hf_token",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # env.example is copied with empty values; an empty key means "not configured".
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("api_keys", mode="before")
    @classmethod
    def _blank_keys_are_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip(" ,"):
            return None
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @model_validator(mode="after")
    def _renew_before_expiry(self) -> Settings:
        if self.fleet_lease_renew_seconds * 2 > self.fleet_lease_seconds:
            raise ValueError("RADIOMIRCHI_FLEET_LEASE_RENEW_SECONDS must be at most half the lease")
        return self

    @model_validator(mode="after")
    def _llm_server_names_its_model(self) -> Settings:
        if self.llm_base_url is not None and not self.llm_base_url.startswith(("http://", "https://")):
            raise ValueError(
                "RADIOMIRCHI_LLM_BASE_URL must be an http(s) URL, e.g. http://127.0.0.1:11434/v1"
            )
        if self.llm_base_url is not None and self.llm_model is None:
            raise ValueError(
                "RADIOMIRCHI_LLM_BASE_URL is set but RADIOMIRCHI_LLM_MODEL is not: name the model the "
                "server should run (e.g. llama3.2:3b for Ollama; any name for llama.cpp's server)"
            )
        return self

    @property
    def trusts_forwarded_for(self) -> bool:
        return self.trust_forwarded_for or self.space_id is not None

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "radiomirchi.sqlite3"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
