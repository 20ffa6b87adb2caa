"""One interjection's turn: hear (transcribe), judge, and have the hosts answer.

The offline judge always rules first, so that a verdict exists at once. The writer then judges
too (an LLM's ruling is untrusted, see ``ruling``) and writes the hosts' reply. When the player
is leaving, nothing waits for the writer: the offline verdict stands, so it can still be stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal

from radiomirchi.game import balance
from radiomirchi.game.admission import reply_on_air, reveals_a_secret
from radiomirchi.game.judge.ruling import Judge, reconcile
from radiomirchi.game.reading_aloud import mend_from_page
from radiomirchi.game.refusal import Refusal
from radiomirchi.game.running_transcript import RunningTranscript
from radiomirchi.game.state import ShowState, VerdictApplied
from radiomirchi.game.tasks import first_of
from radiomirchi.game.writer_port import ScriptWriter
from radiomirchi.schemas import DialogueLine, InterjectionTurn
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, pcm_seconds
from radiomirchi.speech.stt.base import SpeechToText, TranscriptionError

log = logging.getLogger(__name__)


class InterjectionRefused(Refusal):
    """A break-in the session cannot take right now; the show goes on."""


@dataclass(frozen=True)
class TurnResult:
    applied: VerdictApplied
    replies: list[DialogueLine] = field(default_factory=list)
    writer: str = ""
    summary: str = ""


def clean_typed_text(text: str) -> str:
    """A typed break-in as it is judged: whitespace folded, at most the allowed length."""
    text = " ".join(text.split())[: balance.MAX_INTERJECTION_CHARS]
    if not text:
        raise InterjectionRefused("An empty interjection has nothing to judge.", "empty_interjection")
    return text


async def hear(
    stt: SpeechToText,
    pcm: bytes,
    mission_label: str,
    vocabulary: Sequence[str] = (),
    page_sentences: Sequence[str] = (),
    running: RunningTranscript | None = None,
) -> str:
    """The player's words from their microphone audio (PCM s16le mono 16 kHz); ``vocabulary``: the
    mission's names (game.vocabulary); ``page_sentences``: what the player may read aloud from the
    page, against which a misheard word is mended (game.reading_aloud); ``running``: the turn as
    heard while it was spoken, when it was (only its rest is heard now)."""
    if pcm_seconds(len(pcm), MIC_SAMPLE_RATE) < balance.MIN_UTTERANCE_SECONDS:
        if running is not None:
            running.cancel()
        raise InterjectionRefused("No speech was received.", "empty_utterance")
    try:
        transcript = await running.text(pcm) if running is not None else await stt.transcribe(pcm, vocabulary)
    except TranscriptionError as exc:
        log.warning("Mission %s: no transcript: %s", mission_label, exc)
        raise InterjectionRefused(
            "Your words could not be transcribed; please try again or type them.", "transcription_failed"
        ) from exc
    mended = mend_from_page(transcript, page_sentences)
    if mended != transcript:
        log.info("Mission %s: heard %r, mended from the page to %r", mission_label, transcript, mended)
    return mended


async def take_turn(
    state: ShowState,
    text: str,
    source: Literal["text", "voice"],
    *,
    audio_seconds: float,
    judge: Judge,
    writer: ScriptWriter,
    backup_writer: ScriptWriter,
    leaving: asyncio.Event,
    hosts: Collection[str],
) -> TurnResult:
    """Judge the caller's words and write the hosts' answer; apply the verdict to ``state``."""
    offline = await judge.offline(text, state)
    interjection = state.new_interjection(text, source)
    context = state.context(interjection=interjection)
    answer = asyncio.ensure_future(writer.answer_interjection(state.mission, context, offline))
    # The player leaving stops the writer (the offline verdict stands); so does cancelling the turn.
    await first_of(answer, leaving.wait())
    turn: InterjectionTurn | None = None
    if not answer.cancelled():
        try:
            turn = answer.result()
        except Exception:
            # The verdict must not be lost with the reply: the offline one stands, unanswered.
            log.exception("Mission %s: the writer could not answer the caller", state.mission.id)
    verdict = reconcile(turn.verdict if turn is not None else None, offline)
    if verdict.reason != offline.reason and reveals_a_secret(verdict.reason, state, interjection):
        verdict = verdict.model_copy(update={"reason": offline.reason})
    applied = state.apply_verdict(interjection, verdict, audio_seconds=audio_seconds)
    if turn is None or applied.ending is not None:
        return TurnResult(applied)
    reply = await reply_on_air(turn.batch, state, context, offline, hosts, backup_writer)
    return TurnResult(applied, list(reply.lines), reply.writer, reply.summary)
