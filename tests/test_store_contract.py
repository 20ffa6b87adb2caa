"""One contract, two stores: SQLite and MongoDB (a real MongoDB-compatible server)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from radiomirchi.config import Settings
from radiomirchi.schemas import (
    HostLineEntry,
    InterjectionEntry,
    MissionStatus,
    PropagandaMission,
    TranscriptEntry,
    new_mission_id,
    parse_mission_id,
)
from radiomirchi.store import DuplicateEntry, MissionStore, SQLiteMissionStore, build_store
from radiomirchi.writers.offline import write_mission


@pytest.fixture(params=["sqlite", "mongodb"])
async def store(request: pytest.FixtureRequest, settings: Settings) -> AsyncIterator[MissionStore]:
    if request.param == "mongodb":
        settings = request.getfixturevalue("mongodb_settings")
    chosen = build_store(settings)
    assert chosen.name == request.param
    await chosen.open()
    try:
        yield chosen
    finally:
        await chosen.close()


def _mission(user_id: str = "player_1", topic: str = "the new water tax") -> PropagandaMission:
    mission_id = new_mission_id()
    written = write_mission(topic, mission_id)
    return PropagandaMission(
        id=mission_id,
        user_id=user_id,
        topic=written.topic,
        generation_result=written.result,
        writer="offline",
    )


async def test_a_mission_round_trips_exactly(store: MissionStore) -> None:
    mission = _mission()
    await store.insert_mission(mission)
    loaded = await store.get_mission(mission.id)
    assert loaded == mission
    assert isinstance(loaded.id, str) and parse_mission_id(loaded.id) == mission.id
    assert loaded.created_at.utcoffset() == timedelta(0)


async def test_an_unknown_id_is_none(store: MissionStore) -> None:
    assert await store.get_mission(new_mission_id()) is None
    assert await store.update_mission(new_mission_id(), {"status": MissionStatus.stage2}) is None


async def test_update_sets_fields_and_bumps_updated_at(store: MissionStore) -> None:
    mission = _mission()
    await store.insert_mission(mission)
    await asyncio.sleep(0.01)
    updated = await store.update_mission(
        mission.id,
        {
            "status": MissionStatus.stage2,
            "dialogue_generator_prompt": "BRIEFING",
            "briefing_writer": "offline",
        },
    )
    assert updated is not None
    assert updated.status is MissionStatus.stage2
    assert updated.dialogue_generator_prompt == "BRIEFING"
    assert updated.updated_at > mission.updated_at
    assert updated.created_at == mission.created_at
    assert await store.get_mission(mission.id) == updated


async def test_nested_results_update_as_a_whole(store: MissionStore) -> None:
    mission = _mission()
    await store.insert_mission(mission)
    result = mission.generation_result.model_copy(update={"awakened_listeners": 1234})
    updated = await store.update_mission(mission.id, {"generation_result": result, "strikes": 2})
    assert updated is not None
    assert updated.generation_result.awakened_listeners == 1234
    assert updated.strikes == 2
    assert updated.generation_result.speakers == mission.generation_result.speakers


async def test_invalid_updates_are_refused_and_change_nothing(store: MissionStore) -> None:
    mission = _mission()
    await store.insert_mission(mission)
    with pytest.raises(ValueError, match="unknown"):
        await store.update_mission(mission.id, {"no_such_field": 1})
    with pytest.raises(ValueError, match="status"):
        await store.update_mission(mission.id, {"status": "dancing"})
    with pytest.raises(ValueError, match="id"):
        await store.update_mission(mission.id, {"id": new_mission_id()})
    assert await store.get_mission(mission.id) == mission


async def test_a_duplicate_id_is_refused(store: MissionStore) -> None:
    mission = _mission()
    await store.insert_mission(mission)
    with pytest.raises(Exception):  # noqa: B017, PT011 - each driver raises its own duplicate-key error
        await store.insert_mission(mission)


async def test_list_filters_by_status_and_user_newest_first(store: MissionStore) -> None:
    missions = []
    for user_id in ("alice", "bob", "alice"):
        missions.append(_mission(user_id=user_id))
        await store.insert_mission(missions[-1])
        await asyncio.sleep(0.005)  # distinct creation times, to the millisecond
    await store.update_mission(missions[0].id, {"status": MissionStatus.stage2})
    alice = await store.list_missions(user_id="alice")
    assert [m.id for m in alice] == [missions[2].id, missions[0].id]
    waiting = await store.list_missions(status=MissionStatus.stage1)
    assert {m.id for m in waiting} == {missions[1].id, missions[2].id}
    assert len(await store.list_missions(limit=1)) == 1


async def test_concurrent_updates_lose_nothing(store: MissionStore) -> None:
    mission = _mission()
    await store.insert_mission(mission)
    await asyncio.gather(
        store.update_mission(mission.id, {"strikes": 1}),
        store.update_mission(mission.id, {"dialogue_generator_prompt": "B"}),
        store.update_mission(mission.id, {"failure_reason": "none"}),
    )
    final = await store.get_mission(mission.id)
    assert final is not None
    assert (final.strikes, final.dialogue_generator_prompt, final.failure_reason) == (1, "B", "none")


async def test_sqlite_keeps_missions_across_reopening(settings: Settings) -> None:
    mission = _mission()
    first = SQLiteMissionStore(settings.sqlite_path)
    await first.open()
    await first.insert_mission(mission)
    await first.close()
    second = SQLiteMissionStore(settings.sqlite_path)
    await second.open()
    try:
        assert await second.get_mission(mission.id) == mission
    finally:
        await second.close()


async def test_mongodb_stores_missions_where_the_front_end_reads_them(mongodb_settings: Settings) -> None:
    """The production front end reads missions straight from MongoDB (its Mongoose model)."""
    from bson import ObjectId
    from pymongo import AsyncMongoClient

    store = build_store(mongodb_settings)
    await store.open()
    mission = _mission()
    try:
        await store.insert_mission(mission)
        await store.update_mission(mission.id, {"status": MissionStatus.live})
        rewritten = mission.generation_result.model_copy(update={"summary": "A new official story."})
        await store.update_mission(mission.id, {"generation_result": rewritten})
        live = await store.get_mission(mission.id)
        assert live is not None and live.status is MissionStatus.live, "the store keeps the game's phase"
        assert [m.id for m in await store.list_missions(status=MissionStatus.live)] == [mission.id]
        assert await store.list_missions(status=MissionStatus.stage2) == []
    finally:
        await store.close()
    assert mongodb_settings.mongodb_uri is not None
    raw: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(
        mongodb_settings.mongodb_uri.get_secret_value()
    )
    try:
        collection = raw[str(mongodb_settings.mongodb_database)]["missions"]
        document = await collection.find_one({"_id": ObjectId(mission.id)})
        assert document is not None
        assert str(document["_id"]) == mission.id
        assert (document["status"], document["phase"]) == ("stage2", "live")
        speakers = mission.generation_result.model_dump(mode="json")["speakers"]
        assert document["speakers"] == speakers
        assert document["summary"] == "A new official story."
        generation_result = document["generation_result"]
        assert isinstance(generation_result, dict)
        assert generation_result["speakers"] == speakers
        assert generation_result["initial_listeners"] == mission.generation_result.initial_listeners
        assert (document["user_id"], document["topic"]) == (mission.user_id, mission.topic)
        assert document["created_at"] == mission.created_at.replace(tzinfo=None)
        indexes = await collection.index_information()
        assert any(spec["key"][0][0] == "user_id" for spec in indexes.values())
        assert any(spec["key"][0][0] == "phase" for spec in indexes.values())
        entries = raw[str(mongodb_settings.mongodb_database)]["transcript_entries"]
        assert await entries.count_documents({}) == 0
    finally:
        await raw.close()


async def test_a_replaced_generation_result_round_trips(store: MissionStore) -> None:
    mission = _mission()
    await store.insert_mission(mission)
    rewritten = mission.generation_result.model_copy(update={"summary": "A new official story."})
    updated = await store.update_mission(mission.id, {"generation_result": rewritten})
    assert updated is not None and updated.generation_result.summary == "A new official story."
    assert await store.get_mission(mission.id) == updated


async def test_the_mongodb_database_is_mongodb_db_then_the_uri_s_then_radio_mirchi() -> None:
    from radiomirchi.store.mongo import MongoMissionStore

    for uri, database, expected in [
        ("mongodb://127.0.0.1:1/", None, "radio_mirchi"),
        ("mongodb://127.0.0.1:1/named", None, "named"),
        ("mongodb://127.0.0.1:1/named", "chosen", "chosen"),
    ]:
        store = MongoMissionStore(uri, database=database)
        assert store.database_name == expected
        await store.close()
    settings = Settings(_env_file=None, MONGODB_DB="from_env")
    assert settings.mongodb_database == "from_env"


async def test_transcript_entries_round_trip_in_order_and_refuse_duplicates(store: MissionStore) -> None:
    mission = _mission()
    await store.insert_mission(mission)
    entries: list[TranscriptEntry] = [
        HostLineEntry(seq=1, line_id=0, speaker="A", text="Hello.", heard_text="Hello.", audio_seconds=0.8),
        InterjectionEntry(seq=2, source="text", text="Memo 7 says otherwise", change=6.5, reason="evidence"),
        HostLineEntry(
            seq=3,
            line_id=1,
            speaker="B",
            text="Lies. All lies.",
            heard_text="Lies.",
            interrupted=True,
            audio_seconds=0.4,
        ),
    ]
    for entry in reversed(entries):
        await store.append_entry(mission.id, entry)
    assert await store.list_entries(mission.id) == entries
    assert await store.list_entries(new_mission_id()) == []
    with pytest.raises(DuplicateEntry):
        await store.append_entry(mission.id, entries[0])


async def test_audio_clips_come_back_in_order(store: MissionStore) -> None:
    mission = _mission()
    await store.insert_mission(mission)
    await store.append_audio(mission.id, 3, b"\x03\x00" * 10, 24000)
    await store.append_audio(mission.id, 1, b"\x01\x00" * 5, 16000)
    clips = await store.list_audio(mission.id)
    assert [(c.seq, c.sample_rate, c.pcm) for c in clips] == [
        (1, 16000, b"\x01\x00" * 5),
        (3, 24000, b"\x03\x00" * 10),
    ]


async def test_the_leaderboard_ranks_best_scores_and_counts_each_mission_once(store: MissionStore) -> None:
    first, second, third = new_mission_id(), new_mission_id(), new_mission_id()
    assert await store.record_result(first, "alice", 1000, won=False)
    assert await store.record_result(second, "alice", 90000, won=True)
    assert not await store.record_result(second, "alice", 90000, won=True), "counted twice"
    assert await store.record_result(third, "bob", 50000, won=True)
    board = await store.leaderboard(limit=10)
    assert [(r.user_id, r.best_score, r.missions_played, r.missions_won) for r in board] == [
        ("alice", 90000, 2, 1),
        ("bob", 50000, 1, 1),
    ]
    assert [r.best_mission_id for r in board] == [second, third]  # the show a replay link plays
    assert len(await store.leaderboard(limit=1)) == 1
