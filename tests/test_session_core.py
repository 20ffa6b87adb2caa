"""The live show's core with no server: a real session, store, writer and judge, an in-memory sink.

A player who breaks in with the winning fact and leaves at once keeps the win; a player who leaves
while the writer is still answering keeps the verdict; nothing is left running after a stop; a line
that fails ends the show with its error, logged once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import pytest

from devtools.testing.judge_corpus import shared_judge
from devtools.testing.memory_show import MemorySink, ToneTTS
from radiomirchi.config import Settings
from radiomirchi.game import events
from radiomirchi.game.judge.ruling import Judge
from radiomirchi.game.session import GameSession, SessionDeps
from radiomirchi.game.writer_port import DialogueContext
from radiomirchi.missions import MissionService
from radiomirchi.schemas import (
    Gender,
    InterjectionEntry,
    InterjectionTurn,
    MissionStatus,
    PropagandaMission,
    Speaker,
    Verdict,
)
from radiomirchi.speech.audio import (
    MIC_SAMPLE_RATE,
    WIRE_SAMPLE_RATE,
    bytes_to_int16,
    int16_to_bytes,
    resample_int16,
    seconds_to_bytes,
)
from radiomirchi.speech.stt.base import SpeechToText
from radiomirchi.speech.stt.factory import build_stt
from radiomirchi.speech.tts.offline import OfflineTTS
from radiomirchi.store import SQLiteMissionStore
from radiomirchi.writers import OfflineWriter

JUDGE = Judge(shared_judge())


@dataclass
class Show:
    store: SQLiteMissionStore
    deps: SessionDeps
    mission: PropagandaMission


class StalledAnswers(OfflineWriter):
    """The offline writer, except that answering a caller never finishes (a provider that hangs)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = asyncio.Event()

    async def answer_interjection(
        self, mission: PropagandaMission, context: DialogueContext, verdict: Verdict
    ) -> InterjectionTurn:
        self.asked.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


class SinkBroke(Exception):
    """What the broken sink raises: a bug in a transport, not a listener who left."""


class BrokenSink(MemorySink):
    """An in-memory sink that fails to play any audio: every line breaks as it starts."""

    async def play(self, pcm: bytes) -> None:
        raise SinkBroke("the sink broke while playing a line")


async def _show(settings: Settings, writer: OfflineWriter | None = None) -> AsyncIterator[Show]:
    store = SQLiteMissionStore(settings.sqlite_path)
    await store.open()
    writer = writer or OfflineWriter()
    missions = MissionService(store, writer)
    mission = await missions.create_mission("the new water tax", "core_tester")
    await missions.wait_for_preparations()
    deps = SessionDeps(
        store=store,
        writer=writer,
        backup_writer=OfflineWriter(),
        tts=ToneTTS(),
        stt=build_stt(settings),
        settings=settings,
        judge=JUDGE,
    )
    try:
        yield Show(store, deps, mission)
    finally:
        await store.close()


@pytest.fixture
async def show(settings: Settings) -> AsyncIterator[Show]:
    async for value in _show(settings.model_copy(update={"win_fraction": 0.05})):
        yield value


async def _on_air(show: Show) -> tuple[MemorySink, GameSession, asyncio.Task[None]]:
    """A session playing the show to an in-memory sink, once its first line has started."""
    sink = MemorySink()
    session = GameSession(show.mission.id, show.deps)
    run = asyncio.create_task(session.run(sink))
    await sink.until(events.LineStarted)
    return sink, session, run


def _leftover_tasks(mission: PropagandaMission) -> list[str]:
    return [
        t.get_name() for t in asyncio.all_tasks() if f"mission-{mission.id}" in t.get_name() and not t.done()
    ]


async def test_the_server_speaks_first_and_the_show_goes_on_unasked(show: Show) -> None:
    sink = MemorySink()
    session = GameSession(show.mission.id, show.deps)
    run = asyncio.create_task(session.run(sink))
    await sink.until(events.LineEnded, count=4)  # nobody ever sent ready_for_next
    run.cancel()
    await asyncio.gather(run, return_exceptions=True)
    started = [e for e in sink.emitted if isinstance(e, events.LineStarted)]
    assert [e.line_id for e in started[:4]] == [0, 1, 2, 3]
    assert isinstance(sink.emitted[0], events.ShowLive)
    assert _leftover_tasks(show.mission) == []


async def test_a_win_is_stored_when_the_player_leaves_right_after_the_winning_fact(show: Show) -> None:
    _, session, run = await _on_air(show)
    await session.interject_text(show.mission.generation_result.proof_sentences[0])
    run.cancel()  # gone before the verdict was even announced
    await asyncio.gather(run, return_exceptions=True)
    stored = await show.store.get_mission(show.mission.id)
    assert stored is not None and stored.status is MissionStatus.won
    assert (
        stored.result == "won" and stored.score is not None and stored.score > stored.awakened_listeners > 0
    )
    board = await show.store.leaderboard(5)
    assert [(row.user_id, row.missions_won) for row in board] == [("core_tester", 1)]
    entries = await show.store.list_entries(show.mission.id)
    assert [e.verdict_kind for e in entries if isinstance(e, InterjectionEntry)] == ["evidence"]
    assert _leftover_tasks(show.mission) == []


async def test_a_verdict_is_stored_when_the_player_leaves_while_the_writer_answers(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    writer = StalledAnswers()
    async for show in _show(settings, writer):
        _, session, run = await _on_air(show)
        await session.interject_text("Listeners, wake up and check the water tax figures yourselves!")
        await asyncio.wait_for(writer.asked.wait(), 10)
        with caplog.at_level(logging.WARNING):
            run.cancel()
            await asyncio.gather(run, return_exceptions=True)
        entries = await show.store.list_entries(show.mission.id)
        judged = [e for e in entries if isinstance(e, InterjectionEntry)]
        assert len(judged) == 1 and judged[0].reason, "the offline verdict was not stored"
        stored = await show.store.get_mission(show.mission.id)
        assert stored is not None and stored.awakened_listeners == judged[0].awakened_listeners
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
        assert _leftover_tasks(show.mission) == []


async def test_the_hosts_stay_quiet_while_the_player_speaks_as_the_last_answer_is_finished(
    settings: Settings,
) -> None:
    # The CI failure of 2026-12-06: a player who started speaking just after a verdict was
    # talked over, because the answer's end set the show going again while they spoke.
    async for show in _show(settings):
        sink, session, run = await _on_air(show)
        await session.interject_text("Listeners, wake up and check the water tax figures yourselves!")
        await sink.until(events.VerdictGiven)
        await session.start_speech()  # before the typed turn's answer is done with
        lines_before = len(sink.of(events.LineStarted))
        answering = [t for t in asyncio.all_tasks() if t.get_name().endswith("-turns:interjection")]
        await asyncio.wait(answering, timeout=30)
        assert all(t.done() for t in answering)
        # The show would play on at once (this sink hears every line the moment it comes).
        with pytest.raises(TimeoutError):
            await sink.until(events.LineStarted, count=lines_before + 1, within=2)
        session.speech_audio(await _spoken("Where did the water tax money go?"))
        await session.stop_speech()
        await sink.until(events.VerdictGiven, count=2, within=60)
        await sink.until(events.LineStarted, count=lines_before + 1)  # the hosts answer
        run.cancel()
        await asyncio.gather(run, return_exceptions=True)


async def test_giving_up_is_stored_at_once_as_lost(show: Show) -> None:
    sink, session, run = await _on_air(show)
    await session.end_mission()
    await asyncio.wait_for(run, 10)
    ended = sink.of(events.MissionEnded)
    assert len(ended) == 1 and isinstance(ended[0], events.MissionEnded) and ended[0].result == "lost"
    stored = await show.store.get_mission(show.mission.id)
    assert (
        stored is not None
        and stored.status is MissionStatus.lost
        and stored.score == stored.awakened_listeners
    )


async def test_a_line_that_fails_ends_the_show_and_its_error_is_logged_once(
    show: Show, caplog: pytest.LogCaptureFixture
) -> None:
    sink = BrokenSink()
    session = GameSession(show.mission.id, show.deps)
    with caplog.at_level(logging.WARNING):
        run = asyncio.create_task(session.run(sink))
        second_line = asyncio.create_task(sink.until(events.LineStarted, count=2))
        await asyncio.wait({run, second_line}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        show_ended = run.done()
        for task in (run, second_line):
            task.cancel()
        outcomes = await asyncio.gather(run, second_line, return_exceptions=True)
        gc.collect()  # a task whose failure nobody read says so when it is collected
    assert "never retrieved" not in caplog.text
    assert show_ended, "the show went on after its line failed"
    assert isinstance(outcomes[0], SinkBroke)
    logged = [r for r in caplog.records if r.exc_info is not None and isinstance(r.exc_info[1], SinkBroke)]
    assert len(logged) == 1 and str(show.mission.id) in logged[0].getMessage(), caplog.text
    assert len(sink.of(events.LineStarted)) == 1
    assert _leftover_tasks(show.mission) == []


async def test_each_break_in_logs_its_stages_up_to_the_answers_first_frame(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    async for show in _show(settings):  # the default win fraction: one fact does not end the show
        sink, session, run = await _on_air(show)
        with caplog.at_level(logging.INFO, logger="radiomirchi.game.turn_timer"):
            await session.interject_text("Where did the water tax money go?")
            await sink.until(events.VerdictGiven)
            await sink.until(events.LineEnded, count=2)  # the cut line, then the answer, played
        run.cancel()
        await asyncio.gather(run, return_exceptions=True)
    (record,) = [r for r in caplog.records if "turn timings" in r.getMessage()]
    stages = re.findall(r"(\w+) (\d+) ms", record.getMessage())
    names = [name for name, _ in stages]
    assert names == ["end_of_turn", "verdict", "stored", "reply_voiced", "first_frame"], names
    millis = [int(value) for _, value in stages]
    assert millis == sorted(millis), millis  # each stage after the one before
    answer = sink.of(events.LineStarted)[1]
    assert isinstance(answer, events.LineStarted)
    assert str(show.mission.id) in record.getMessage()
    assert f"(text, answered in {answer.voice}):" in record.getMessage(), record.getMessage()


class CountingSTT:
    """The real speech-to-text, noting the length of each utterance it is given."""

    def __init__(self, inner: SpeechToText) -> None:
        self._inner = inner
        self.heard: list[int] = []
        self.vocabularies: list[tuple[str, ...]] = []
        self.contexts: list[str] = []

    @property
    def name(self) -> str:
        return self._inner.name

    async def transcribe(self, pcm: bytes, vocabulary: Sequence[str] = (), *, context: str = "") -> str:
        self.heard.append(len(pcm))
        self.vocabularies.append(tuple(vocabulary))
        self.contexts.append(context)
        return await self._inner.transcribe(pcm, vocabulary, context=context)

    async def warm_up(self) -> None:
        await self._inner.warm_up()

    async def aclose(self) -> None:
        await self._inner.aclose()


class MishearingSTT:
    """Hears one fixed transcript whatever is said: a page sentence with one word misheard."""

    def __init__(self, inner: SpeechToText, transcript: str) -> None:
        self._inner = inner
        self._transcript = transcript

    @property
    def name(self) -> str:
        return self._inner.name

    async def transcribe(self, pcm: bytes, vocabulary: Sequence[str] = (), *, context: str = "") -> str:
        return self._transcript

    async def warm_up(self) -> None:
        await self._inner.warm_up()

    async def aclose(self) -> None:
        await self._inner.aclose()


class ScriptedSTT:
    """Hears the given transcripts in turn whatever is said, noting each utterance's length."""

    def __init__(self, inner: SpeechToText, transcripts: list[str]) -> None:
        self._inner = inner
        self._transcripts = transcripts
        self.heard: list[int] = []

    @property
    def name(self) -> str:
        return self._inner.name

    async def transcribe(self, pcm: bytes, vocabulary: Sequence[str] = (), *, context: str = "") -> str:
        self.heard.append(len(pcm))
        return self._transcripts[len(self.heard) - 1]

    async def warm_up(self) -> None:
        await self._inner.warm_up()

    async def aclose(self) -> None:
        await self._inner.aclose()


VOICE_OF = "6b13d36f85dccb65c93fc04d"  # a mission id: the voice cast for it


async def _spoken(text: str) -> bytes:
    """``text`` in an offline voice, as the microphone's 16 kHz PCM."""
    tts = OfflineTTS()
    try:
        speaker = Speaker(name="Me", gender=Gender.male, role="caller", background="-")
        # One fixed voice: what Whisper tiny makes of a sentence varies a little from voice to voice.
        pcm = await tts.synthesize(text, tts.cast_voices([speaker], VOICE_OF)["Me"])
    finally:
        await tts.aclose()
    return int16_to_bytes(resample_int16(bytes_to_int16(pcm), WIRE_SAMPLE_RATE, MIC_SAMPLE_RATE))


async def test_a_turn_that_ends_at_its_pause_is_answered_from_the_transcript_started_there(
    settings: Settings,
) -> None:
    said = "The water tax money paid for the minister's new villa."
    speech = await _spoken(said)
    silence = bytes(seconds_to_bytes(0.4, MIC_SAMPLE_RATE))
    async for show in _show(settings):
        stt = CountingSTT(show.deps.stt)
        show.deps = dataclasses.replace(show.deps, stt=stt)
        sink, session, run = await _on_air(show)
        # The turn ends at its pause: one transcription, of the speech before the pause.
        await session.start_speech()
        session.speech_audio(speech)
        session.speech_paused()
        session.speech_audio(silence)
        await session.stop_speech()
        await sink.until(events.Heard)
        (heard,) = sink.of(events.Heard)
        assert isinstance(heard, events.Heard)
        assert stt.heard == [len(speech)]
        # The recogniser is told the mission's names: its hosts' and its station's among them.
        result = show.mission.generation_result
        assert {result.station_name, *(s.name for s in result.speakers)} <= set(stt.vocabularies[0])
        # What was said before the pause is what was heard (Whisper tiny may miss a word).
        words = set(re.findall(r"[a-z]+", heard.text.lower()))
        assert len(words & {"water", "tax", "money", "paid", "minister", "villa"}) >= 4, heard.text
        await sink.until(events.VerdictGiven)
        # The player speaks on after a pause: what they add is heard too.
        await session.start_speech()
        session.speech_audio(speech)
        session.speech_paused()
        session.speech_resumed()
        session.speech_audio(speech)
        await session.stop_speech()
        await sink.until(events.Heard, count=2)
        # What was said before the pause was heard there and kept: only the rest is heard at the
        # end, with the words before it as the recogniser's context.
        assert stt.heard[1:] == [len(speech), len(speech)]
        assert stt.contexts[1:] == ["", stt.contexts[2]] and stt.contexts[2].strip()
        second = sink.of(events.Heard)[1]
        assert isinstance(second, events.Heard)
        assert set(re.findall(r"[a-z]+", stt.contexts[2].lower())) <= set(
            re.findall(r"[a-z]+", second.text.lower())
        )
        await sink.until(events.VerdictGiven, count=2, within=60)
        run.cancel()
        await asyncio.gather(run, return_exceptions=True)
        # The show's tasks stop with it; on a busy machine the last ones may take a moment to go.
        going = [
            t for t in asyncio.all_tasks() if f"mission-{show.mission.id}" in t.get_name() and not t.done()
        ]
        if going:
            await asyncio.wait(going, timeout=10)
        assert _leftover_tasks(show.mission) == []


async def test_a_word_misheard_from_a_proof_sentence_is_judged_as_the_page_has_it(
    settings: Settings,
) -> None:
    async for show in _show(settings):
        proof = show.mission.generation_result.proof_sentences[0]
        words = proof.split()
        # One long word of the sentence heard with its first letter changed ("Court" as "Port").
        at = next(i for i, word in enumerate(words) if word.isalpha() and len(word) >= 6 and i >= 2)
        original = words[at]
        letter = "d" if original[0].lower() == "b" else "b"  # another letter, whatever the case
        changed = (letter.upper() if original[0].isupper() else letter) + original[1:]
        misheard = " ".join([*words[:at], changed, *words[at + 1 :]])
        show.deps = dataclasses.replace(show.deps, stt=MishearingSTT(show.deps.stt, misheard))
        sink, session, run = await _on_air(show)
        await session.start_speech()
        session.speech_audio(await _spoken("anything at all, the recogniser hears its own sentence"))
        await session.stop_speech()
        await sink.until(events.Heard)
        (heard,) = sink.of(events.Heard)
        assert isinstance(heard, events.Heard)
        assert heard.text == proof, (misheard, heard.text)
        run.cancel()


async def test_a_pause_in_mid_sentence_does_not_cut_the_turn_in_two(settings: Settings) -> None:
    async for show in _show(settings):
        proof = show.mission.generation_result.proof_sentences[0]
        words = proof.split()
        first_half = " ".join(words[: len(words) // 2])
        stt = ScriptedSTT(show.deps.stt, [first_half, proof, proof])
        show.deps = dataclasses.replace(show.deps, stt=stt)
        sink, session, run = await _on_air(show)
        part = await _spoken("one part of what the player reads")
        # The detector ends the turn at a silence in mid-sentence; the player goes on at once.
        await session.start_speech()
        session.speech_audio(part)
        await session.stop_speech(may_go_on=True)
        await asyncio.sleep(0.2)
        await session.start_speech()
        session.speech_audio(part)
        await session.stop_speech(may_go_on=True)
        await sink.until(events.VerdictGiven)
        heard = [event.text for event in sink.of(events.Heard) if isinstance(event, events.Heard)]
        assert heard == [proof]
        assert stt.heard == [len(part), 2 * len(part)]  # the second hearing has both parts
        # A whole sentence ended by a silence is answered at once: no second hearing is waited for.
        await session.start_speech()
        session.speech_audio(part)
        await session.stop_speech(may_go_on=True)
        await sink.until(events.VerdictGiven, count=2)
        assert stt.heard[2:] == [len(part)]
        run.cancel()


async def test_a_turn_that_stops_in_mid_sentence_is_answered_when_the_player_does_not_go_on(
    settings: Settings,
) -> None:
    async for show in _show(settings):
        proof = show.mission.generation_result.proof_sentences[0]
        first_half = " ".join(proof.split()[: len(proof.split()) // 2])
        show.deps = dataclasses.replace(show.deps, stt=ScriptedSTT(show.deps.stt, [first_half]))
        sink, session, run = await _on_air(show)
        await session.start_speech()
        session.speech_audio(await _spoken("one part of what the player reads"))
        await session.stop_speech(may_go_on=True)
        await sink.until(events.Heard)
        heard = [event.text for event in sink.of(events.Heard) if isinstance(event, events.Heard)]
        assert heard == [first_half]
        run.cancel()
