"""Which writer lines may go on air: by this mission's hosts, in the station's tone (a disaster is
never celebrated), and through the leak guard, whoever
wrote them (and a verdict's reason, which the player hears too). A batch the guard empties is
written again by the backup writer (the offline writer, handed in by the composition root), so the
show never stalls on a writer that keeps leaking or pasting the caller's words."""

from __future__ import annotations

from collections.abc import Collection

from radiomirchi.game.leak_guard import guard_lines, hidden_details, leaks, public_texts
from radiomirchi.game.state import ShowState
from radiomirchi.game.tone_guard import celebrates_a_disaster
from radiomirchi.game.writer_port import DialogueContext, ScriptWriter
from radiomirchi.schemas import DialogueBatch, DialogueLine, InterjectionEntry, Verdict


def admit(
    lines: list[DialogueLine],
    state: ShowState,
    hosts: Collection[str],
    interjection: InterjectionEntry | None = None,
) -> list[DialogueLine]:
    topic = state.mission.topic
    return guard_lines(
        [line for line in lines if line.speaker in hosts and not celebrates_a_disaster(line.text, topic)],
        proof_sentences=state.mission.generation_result.proof_sentences,
        caller_said=state.caller_said(interjection),
        public=public_texts(state.mission),
    )


def reveals_a_secret(text: str, state: ShowState, interjection: InterjectionEntry | None = None) -> bool:
    """Whether ``text`` (a verdict's reason, say) gives away a hidden detail the caller never said."""
    secrets = hidden_details(
        state.mission.generation_result.proof_sentences,
        caller_said=state.caller_said(interjection),
        public=public_texts(state.mission),
    )
    return leaks(text, secrets)


async def batch_on_air(
    writer: ScriptWriter,
    backup: ScriptWriter,
    state: ShowState,
    context: DialogueContext,
    hosts: Collection[str],
) -> DialogueBatch:
    """The writer's next batch as it may be broadcast (the backup writer's, if nothing of it may)."""
    batch = await writer.generate_dialogue(state.mission, context)
    lines = admit(batch.lines, state, hosts)
    if not lines and batch.writer != backup.name:
        batch = await backup.generate_dialogue(state.mission, context)
        lines = admit(batch.lines, state, hosts)
    return batch.model_copy(update={"lines": lines})


async def reply_on_air(
    reply: DialogueBatch,
    state: ShowState,
    context: DialogueContext,
    verdict: Verdict,
    hosts: Collection[str],
    backup: ScriptWriter,
) -> DialogueBatch:
    """The hosts' answer to a caller as it may be broadcast (the backup writer's, if nothing of it may)."""
    interjection = context.interjection
    lines = admit(reply.lines, state, hosts, interjection)
    if not lines and reply.writer != backup.name:
        reply = (await backup.answer_interjection(state.mission, context, verdict)).batch
        lines = admit(reply.lines, state, hosts, interjection)
    return reply.model_copy(update={"lines": lines})
