"""The page beside the API: mounted at "/" without shadowing a route, offline (no third-party
request in its HTML or theme), its actions on the same core as REST, its ICE and host settings."""

from __future__ import annotations

import asyncio
import io
import json
import time
import wave
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from app import listen_host
from radiomirchi.config import Settings
from radiomirchi.schemas import new_mission_id
from radiomirchi.services import Services
from radiomirchi.ui.actions import PageActions, PageProblem, Visitor
from radiomirchi.ui.board import ShowBoards
from radiomirchi.ui.ice import IceConfigError, ice_config, parse_ice_servers, track_constraints
from radiomirchi.ui.listen_only import LEAD_CHUNKS, listen_only
from radiomirchi.ui.rewrites import strip_external_tags, tighten_target_duration

# --- mounted beside the API ---


async def test_the_page_is_served_at_the_root_and_the_api_still_answers(
    shared_client: httpx.AsyncClient,
) -> None:
    page = await shared_client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "Radio Mirchi" in page.text
    assert int(page.headers["content-length"]) == len(page.content)
    assert (await shared_client.get("/health")).status_code == 200
    assert (await shared_client.get("/docs")).status_code == 200
    paths = (await shared_client.get("/openapi.json")).json()["paths"]
    assert "/api/v1/create_mission" in paths and "/api/v1/leaderboard" in paths
    created = await shared_client.post(
        "/api/v1/create_mission", json={"topic": "rail fares", "user_id": "p1"}
    )
    assert created.status_code == 201
    assert (await shared_client.get(f"/api/v1/mission_status/{new_mission_id()}")).status_code == 404


async def test_nothing_on_the_page_reaches_a_third_party(shared_client: httpx.AsyncClient) -> None:
    page = (await shared_client.get("/")).text
    assert "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page
    assert "cdnjs.cloudflare.com" not in page
    theme = (await shared_client.get("/theme.css")).text
    assert "googleapis" not in theme and "@import" not in theme
    config = (await shared_client.get("/config")).json()
    assert config["analytics_enabled"] is False
    ids = {c.get("props", {}).get("elem_id") for c in config["components"]}
    assert {"rm-create", "rm-webrtc", "rm-listen", "rm-captions", "rm-plot", "rm-evidence"} <= ids
    webrtc = next(c for c in config["components"] if c.get("props", {}).get("elem_id") == "rm-webrtc")
    props = webrtc["props"]
    assert props["rtc_configuration"] == {"iceServers": []}
    assert props["track_constraints"]["echoCancellation"] is True  # players keep echo cancellation


def test_strip_external_tags_leaves_everything_else() -> None:
    page = (
        b'<head><link rel="preconnect" href="https://fonts.googleapis.com" />\n'
        b'<link\n rel="preconnect"\n href="https://fonts.gstatic.com"\n crossorigin="anonymous"\n/>'
        b'<script\n src="https://cdnjs.cloudflare.com/ajax/libs/x.js"\n async\n></script>'
        b'<script type="module" src="./assets/index.js"></script></head>'
    )
    assert (
        strip_external_tags(page) == b'<head>\n<script type="module" src="./assets/index.js"></script></head>'
    )


def test_the_listen_only_playlist_keeps_a_tight_target_duration() -> None:
    # What Gradio 5.50 serves after 20 one-second segments: a target of 25 s.
    playlist = (
        b"#EXTM3U\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-TARGETDURATION:25\n#EXT-X-VERSION:4\n"
        + b"".join(b"#EXTINF:1.000,\nseg%d.aac\n" % i for i in range(20))
    )
    fixed = tighten_target_duration(playlist)
    assert b"#EXT-X-TARGETDURATION:1\n" in fixed
    assert fixed.replace(b"TARGETDURATION:1\n", b"TARGETDURATION:25\n") == playlist
    assert (
        tighten_target_duration(b"#EXTM3U\n#EXT-X-TARGETDURATION:5\n")
        == b"#EXTM3U\n#EXT-X-TARGETDURATION:5\n"
    )


# --- the actions behind the buttons ---


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    services = Services.from_settings(settings)
    await services.start()
    try:
        yield services
    finally:
        await services.stop()


VISITOR = Visitor("127.0.0.1")


async def test_creating_a_mission_reports_progress_and_waits_for_the_briefing(services: Services) -> None:
    actions = PageActions(services, ShowBoards())
    steps: list[tuple[float, str]] = []
    view = await actions.create(
        "the new water tax", "  page_player ", VISITOR, lambda f, d: steps.append((f, d))
    )
    assert [f for f, _ in steps] == [0.1, 0.5]
    assert view.mission.status.value == "stage2" and view.mission.user_id == "page_player"
    speakers = view.mission.generation_result.speakers
    assert set(view.voices) == {s.name for s in speakers}
    assert len({v.label for v in view.voices.values()}) == len(speakers)
    joined = await actions.join(str(view.mission.id), VISITOR)
    assert joined.mission.id == view.mission.id and joined.voices == view.voices


@pytest.mark.parametrize(
    ("topic", "user", "message"),
    [("tax", "bad name!", "Your name"), ("tax", "x" * 65, "Your name"), ("x" * 201, "ok", "200 characters")],
)
async def test_bad_input_is_explained(services: Services, topic: str, user: str, message: str) -> None:
    with pytest.raises(PageProblem, match=message):
        await PageActions(services, ShowBoards()).create(topic, user, VISITOR, lambda f, d: None)


@pytest.mark.parametrize(
    ("typed", "expected"), [("Asha  Rao ", "Asha_Rao"), ("", "guest-"), ("  ", "guest-")]
)
async def test_a_name_is_optional_and_spaces_are_kept_readable(
    services: Services, typed: str, expected: str
) -> None:
    view = await PageActions(services, ShowBoards()).create("tax", typed, VISITOR, lambda f, d: None)
    assert view.mission.user_id.startswith(expected)
    assert expected != "guest-" or len(view.mission.user_id) == len("guest-") + 4


async def test_joining_and_breaking_in_need_a_real_live_mission(services: Services) -> None:
    actions = PageActions(services, ShowBoards())
    with pytest.raises(PageProblem, match="not a mission id"):
        await actions.join("nope", VISITOR)
    with pytest.raises(PageProblem, match="No mission"):
        await actions.join(new_mission_id(), VISITOR)
    view = await actions.create("curfew", "p2", VISITOR, lambda f, d: None)
    with pytest.raises(PageProblem, match="not started"):
        await actions.interject(str(view.mission.id), "The curfew cost 3 million.")


@pytest.mark.slow
async def test_listen_only_plays_the_show_in_wav_chunks_and_takes_typed_break_ins(services: Services) -> None:
    boards = ShowBoards()
    actions = PageActions(services, boards)
    view = await actions.create("the new water tax", "listener", VISITOR, lambda f, d: None)
    mission_id = view.mission.id
    stream = listen_only(services, boards, mission_id, chunk_seconds=0.5)
    chunks = [await anext(stream) for _ in range(3)]
    board = boards.get(mission_id)
    for chunk in chunks:
        with wave.open(io.BytesIO(chunk)) as wav:
            assert (wav.getframerate(), wav.getnchannels(), wav.getnframes()) == (24_000, 1, 12_000)
    assert any(c.kind == "host" for c in board.captions)
    await actions.interject(
        str(mission_id), "Listeners: " + view.mission.generation_result.proof_sentences[0]
    )
    for _ in range(40):
        await anext(stream)
        if any(c.kind == "verdict" for c in board.captions):
            break
    assert any(c.kind == "verdict" for c in board.captions)
    assert any(c.kind == "you" for c in board.captions)
    await stream.aclose()
    assert not services.sessions.is_live(mission_id)
    transcript = await actions.transcript_file(mission_id)
    entries = json.loads(await asyncio.to_thread(Path(transcript).read_text))
    assert any(e["kind"] == "interjection" and e["source"] == "text" for e in entries)
    episode = await actions.episode_file(mission_id)
    with wave.open(str(episode)) as wav:
        assert wav.getframerate() == 24_000 and wav.getnframes() > 24_000


async def test_in_real_time_listen_only_streams_at_a_listener_s_pace(services: Services) -> None:
    """The listen-only transport's real-time test: chunks never come faster than they play, less
    the lead (``LEAD_CHUNKS``); how slow they may come is only bounded loosely (a loaded machine)."""
    boards = ShowBoards()
    view = await PageActions(services, boards).create("the bread price", "pacer", VISITOR, lambda f, d: None)
    chunk_seconds = 0.5
    stream = listen_only(services, boards, view.mission.id, chunk_seconds=chunk_seconds)
    try:
        await anext(stream)  # the first chunk: the show has started
        started = time.monotonic()
        for _ in range(6):
            await anext(stream)
        elapsed = time.monotonic() - started
    finally:
        await stream.aclose()
    audio = 6 * chunk_seconds
    assert audio - (LEAD_CHUNKS + 1) * chunk_seconds - 0.05 <= elapsed <= 10 * audio, elapsed


# --- settings ---


def test_ice_servers_come_from_settings_or_are_none(settings: Settings) -> None:
    local = ice_config(settings)
    assert local.browser == local.server == {"iceServers": []}
    turn = '{"iceServers": [{"urls": "turn:turn.example.org:3478", "username": "u", "credential": "p"}]}'
    custom = ice_config(settings.model_copy(update={"rtc_ice_servers": turn}))
    assert custom.browser == custom.server == json.loads(turn)
    assert parse_ice_servers('[{"urls": "stun:stun.example.org"}]') == {
        "iceServers": [{"urls": "stun:stun.example.org"}]
    }
    for bad in ("not json", '{"servers": []}', '{"iceServers": [{"url": "x"}]}'):
        with pytest.raises(IceConfigError):
            parse_ice_servers(bad)


def test_hugging_face_turn_only_on_a_space_with_a_token(settings: Settings) -> None:
    token_only = ice_config(settings.model_copy(update={"hf_token": SecretStr("hf_x")}))
    assert token_only.source == "none (local)"
    # On a Space the browser's credentials are fetched per call (not here: that needs the internet).
    assert ice_config(settings.model_copy(update={"space_id": "me/radio"})).source == "none (local)"


def test_microphone_processing_is_on_for_players_and_off_in_raw_mode() -> None:
    assert track_constraints(raw_mic=False)["echoCancellation"] is True
    raw = track_constraints(raw_mic=True)
    assert not (raw["echoCancellation"] or raw["noiseSuppression"] or raw["autoGainControl"])


def test_a_space_listens_on_every_interface_unless_host_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOST", raising=False)
    monkeypatch.delenv("SPACE_ID", raising=False)
    assert listen_host(Settings(_env_file=None)) == "127.0.0.1"
    monkeypatch.setenv("SPACE_ID", "someone/radio-mirchi")
    assert listen_host(Settings(_env_file=None)) == "0.0.0.0"
    monkeypatch.setenv("HOST", "127.0.0.1")
    assert listen_host(Settings(_env_file=None)) == "127.0.0.1"


# --- the page is a door like the others ---


async def test_a_flood_of_creates_through_the_page_is_refused_like_one_through_rest(
    settings: Settings,
) -> None:
    limits = {"create_missions_per_user_per_minute": 3, "create_missions_per_ip_per_minute": 5}
    services = Services.from_settings(settings.model_copy(update=limits))
    await services.start()
    try:
        actions = PageActions(services, ShowBoards())
        for _ in range(3):
            await actions.create("the new water tax", "flooder", VISITOR, lambda f, d: None)
        with pytest.raises(
            PageProblem, match="Too many new missions: at most 3 missions a minute for one user"
        ):
            await actions.create("the new water tax", "flooder", VISITOR, lambda f, d: None)
        # Per address too (5 a minute here): new names from the same visitor do not get round it.
        await actions.create("tax", "sock_0", VISITOR, lambda f, d: None)  # the address's 5th
        with pytest.raises(PageProblem, match="at most 5 missions a minute from one address"):
            await actions.create("tax", "sock_1", VISITOR, lambda f, d: None)
        # Another visitor is not held up by this one.
        await actions.create("tax", "someone_else", Visitor("10.9.8.7"), lambda f, d: None)
    finally:
        await services.stop()


@pytest.mark.slow
async def test_the_pages_shows_count_against_the_live_show_cap(settings: Settings) -> None:
    services = Services.from_settings(settings.model_copy(update={"max_live_sessions": 1}))
    await services.start()
    try:
        boards = ShowBoards()
        actions = PageActions(services, boards)
        first = await actions.create("the new water tax", "one", VISITOR, lambda f, d: None)
        second = await actions.create("the bread price", "two", VISITOR, lambda f, d: None)
        playing = listen_only(services, boards, first.mission.id, chunk_seconds=0.5)
        await anext(playing)
        refused = [
            chunk async for chunk in listen_only(services, boards, second.mission.id, chunk_seconds=0.5)
        ]
        board = boards.get(second.mission.id)
        assert board.problem is not None and "limit of 1 live shows" in board.problem
        assert len(refused) <= 1  # at most the silence of a stream that closed at once
        await playing.aclose()
    finally:
        await services.stop()


async def test_with_api_keys_on_the_page_needs_a_key_and_respects_ownership(settings: Settings) -> None:
    keyed = settings.model_copy(update={"api_keys": SecretStr("alice:alice-secret-1,bob:bob-secret-2")})
    services = Services.from_settings(keyed)
    await services.start()
    try:
        actions = PageActions(services, ShowBoards())
        with pytest.raises(PageProblem, match="needs an API key"):
            await actions.create("tax", "anon", VISITOR, lambda f, d: None)
        mine = await actions.create("tax", "alice", Visitor("127.0.0.1", "alice-secret-1"), lambda f, d: None)
        assert mine.mission.owner == "alice"
        with pytest.raises(PageProblem, match="another API key"):
            await actions.join(str(mine.mission.id), Visitor("127.0.0.1", "bob-secret-2"))
    finally:
        await services.stop()
