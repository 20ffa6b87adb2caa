"""The Break-in control, like a call-in's "you're on air": press it (or hold Space on a desktop)
and the hosts stop at once; the player's turn, with half a second from before the press, is
captured until they press Done (or let go of Space); then the control shows the turn being judged
and the hosts' answer. Hands-free barge-in stays for players who just talk.

The press goes to the live call's microphone (``ShowBoard.microphone``, the WebRTC handler) as a
Gradio event outside the queue, so nothing waits in line before the hosts stop. Done, too, ends
the turn outside the queue (a queued event waited some 100 ms in line before the turn ended, and
the answer with it); then a queued step waits for the verdict and shows it.
"""

from __future__ import annotations

import asyncio
from typing import Any

import gradio as gr

from radiomirchi.game.turn import InterjectionRefused
from radiomirchi.schemas import parse_mission_id
from radiomirchi.ui.board import ShowBoard, ShowBoards

BREAK_IN = "🎙 Break in"
DONE = "✅ Done: judge me"
JUDGING = "Judging…"
ON_AIR = "**You're on air.** Speak now; press **Done** (or let go of Space) when you have finished."
JUDGING_NOTE = "The listeners are weighing what you said…"
NO_CALL = "Start the broadcast first: the Break-in button needs the live call and your microphone."
NO_VERDICT = "No verdict came back in time; the hosts carry on."
# The longest the control waits for a verdict after Done.
VERDICT_WAIT_SECONDS = 30.0

# Space held on a desktop presses and releases the control (never while typing in a box).
# A press also mutes the hosts in the page at once: the server stops them too, but what it sent
# in the last ~150 ms is still on its way, and while it plays the echo canceller fights the
# player's first words. Done unmutes (the server sends nothing more until the answer).
SPACE_KEY_JS = """<script>
(() => {
  const typing = (el) => el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.isContentEditable);
  const button = (id) => document.querySelector(`#${id}`);
  const visible = (el) => el && el.offsetParent !== null && !el.disabled;
  // ui/duck.py: the press holds its reason to mute the hosts; Done (the turn is over) clears all.
  const hosts = (muted) => (muted ? window.rmHosts.mute("press", true) : window.rmHosts.clear());
  document.addEventListener("click", (event) => {
    if (event.target.closest("#rm-breakin")) hosts(true);
    else if (event.target.closest("#rm-breakin-done")) hosts(false);
  }, true);
  document.addEventListener("keydown", (event) => {
    if (event.code !== "Space" || event.repeat || typing(document.activeElement)) return;
    const press = button("rm-breakin");
    if (visible(press)) { event.preventDefault(); press.click(); }
  });
  document.addEventListener("keyup", (event) => {
    if (event.code !== "Space" || typing(document.activeElement)) return;
    const done = button("rm-breakin-done");
    if (visible(done)) { event.preventDefault(); done.click(); }
  });
})();
</script>"""


class BreakInControl:
    """The control's components and handlers; ``render`` inside the page's layout, then ``wire``."""

    def __init__(self, boards: ShowBoards) -> None:
        self._boards = boards
        self.press: gr.Button
        self.done: gr.Button
        self.state: gr.Markdown

    def render(self) -> None:
        with gr.Row():
            self.press = gr.Button(BREAK_IN, variant="primary", elem_id="rm-breakin")
            self.done = gr.Button(DONE, variant="stop", visible=False, elem_id="rm-breakin-done")
        self.state = gr.Markdown(elem_id="rm-breakin-state")

    def wire(self, mission_state: gr.State) -> None:
        outputs = [self.press, self.done, self.state]
        verdicts_before = gr.State(-1)
        self.press.click(
            self.on_press, inputs=[mission_state], outputs=outputs, queue=False, show_progress="hidden"
        )
        self.done.click(
            self.on_done,
            inputs=[mission_state],
            outputs=[*outputs, verdicts_before],
            queue=False,
            show_progress="hidden",
        ).then(
            self.on_outcome,
            inputs=[mission_state, verdicts_before],
            outputs=outputs,
            concurrency_limit=None,
            show_progress="hidden",
        )

    async def on_press(self, raw_id: str) -> tuple[Any, Any, Any]:
        board = self._live_board(raw_id)
        microphone = board.microphone if board is not None else None
        if microphone is None:
            return gr.update(), gr.update(), NO_CALL
        try:
            await microphone.press()
        except InterjectionRefused as refusal:
            return gr.update(), gr.update(), str(refusal)
        return gr.update(visible=False), gr.update(visible=True), ON_AIR

    async def on_done(self, raw_id: str) -> tuple[Any, Any, Any, int]:
        """The turn ends now; returns how many verdicts the board had before it (-1: no call)."""
        board = self._live_board(raw_id)
        microphone = board.microphone if board is not None else None
        if board is None or microphone is None:
            return gr.update(visible=True), gr.update(visible=False), NO_CALL, -1
        before = board.verdicts
        await microphone.release()
        judging = gr.update(visible=True, interactive=False, value=JUDGING)
        return judging, gr.update(visible=False), JUDGING_NOTE, before

    async def on_outcome(self, raw_id: str, before: int) -> tuple[Any, Any, Any]:
        """Waits for the turn's verdict (or refusal) and shows it."""
        board = self._live_board(raw_id)
        if board is None or before < 0:
            return gr.update(visible=True, interactive=True, value=BREAK_IN), gr.update(), gr.update()
        try:
            async with asyncio.timeout(VERDICT_WAIT_SECONDS):
                outcome = await board.next_outcome(before)
        except TimeoutError:
            outcome = None
        if outcome is None:
            note = NO_VERDICT
        elif outcome.change is None:
            note = outcome.text  # the turn was refused: nothing intelligible, or off air
        else:
            note = f"**{outcome.change:+.1f} pts**: {outcome.text} The hosts answer…"
        return gr.update(visible=True, interactive=True, value=BREAK_IN), gr.update(visible=False), note

    def _live_board(self, raw_id: str) -> ShowBoard | None:
        mission_id = parse_mission_id(raw_id)
        return self._boards.find(mission_id) if mission_id is not None else None
