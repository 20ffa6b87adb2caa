"""The page's layout and wiring: ``build_page`` makes the Blocks, ``mount_page`` puts it at "/".

What each event does lives in ``handlers`` (on top of ``actions``), what is shown in ``render``,
the live show in ``webrtc`` and ``listen_only``. The page refreshes the live panel from the
mission's board with a timer (``texts.REFRESH_SECONDS``); each refresh only sends what changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI
from fastrtc import WebRTC

from radiomirchi.services import Services
from radiomirchi.ui import render, texts
from radiomirchi.ui.actions import PageActions
from radiomirchi.ui.board import ShowBoards
from radiomirchi.ui.breakin import SPACE_KEY_JS, BreakInControl
from radiomirchi.ui.duck import DUCK_ON_VOICE_JS
from radiomirchi.ui.handlers import PageHandlers, PageParts, Seen
from radiomirchi.ui.ice import ice_config, track_constraints
from radiomirchi.ui.rewrites import (
    RewriteResponses,
    is_page,
    is_playlist,
    strip_external_tags,
    tighten_target_duration,
)
from radiomirchi.ui.show import WarmShows
from radiomirchi.ui.webrtc import CLOSING_MESSAGE, BroadcastHandler

# System font stacks: no web font is fetched from anywhere.
SANS = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Arial", "sans-serif"]
MONO = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]
CSS = (Path(__file__).parent / "page.css").read_text(encoding="utf-8")

# fastrtc's component preloads a sound effect from huggingface.co when it mounts; the game never
# plays it, and offline it is a request to the internet. Audio() from another origin gets no source.
HEAD = """<script>
(() => {
  const Native = window.Audio;
  const Local = function (src) {
    const foreign = typeof src === "string" && /^https?:/.test(src) && !src.startsWith(location.origin);
    return foreign ? new Native() : new Native(src);
  };
  Local.prototype = Native.prototype;
  window.Audio = Local;
})();
</script>"""

# The live call's component says why it closed as a warning toast. At the show's end the page's
# own ending says it: that toast would only muddle it, so it is dismissed as it appears.
DISMISS_CLOSING_TOAST = f"""<script>
(() => {{
  const closing = {json.dumps(CLOSING_MESSAGE)};
  new MutationObserver(() => {{
    for (const toast of document.querySelectorAll(".toast-body")) {{
      if (toast.textContent.includes(closing)) toast.querySelector(".toast-close")?.click();
    }}
  }}).observe(document.documentElement, {{ childList: true, subtree: true }});
}})();
</script>"""


def build_page(services: Services) -> gr.Blocks:
    """The page's Blocks: its layout, and each event wired to its handler in ``handlers``."""
    settings = services.settings
    boards = ShowBoards()
    warm = WarmShows(services, boards)
    ice = ice_config(settings)
    limit = settings.rtc_concurrency_limit
    theme = gr.themes.Soft(primary_hue="orange", neutral_hue="zinc", font=SANS, font_mono=MONO)

    breakin = BreakInControl(boards)
    head = HEAD + DISMISS_CLOSING_TOAST + DUCK_ON_VOICE_JS + SPACE_KEY_JS
    page = gr.Blocks(title=texts.TITLE, theme=theme, css=CSS, head=head, analytics_enabled=False)
    with page:
        mission_state = gr.State("")
        clicked_state = gr.State(0.0)
        seen_state = gr.State(Seen())
        gr.HTML(render.masthead_html(), elem_id="rm-masthead")
        with gr.Tabs():
            with gr.Tab("Mission", id="mission"):
                with gr.Column(elem_id="rm-setup") as setup:
                    gr.Markdown(texts.TAGLINE, elem_id="rm-tagline")
                    with gr.Row():
                        with gr.Column(scale=3, min_width=280):
                            topic = gr.Textbox(
                                label="Topic",
                                placeholder=texts.TOPIC_PLACEHOLDER,
                                max_length=200,
                                elem_id="rm-topic",
                            )
                            gr.Examples(
                                [[t] for t in texts.EXAMPLE_TOPICS], inputs=[topic], label="Example topics"
                            )
                        with gr.Column(scale=2, min_width=240):
                            user = gr.Textbox(
                                label="Your name",
                                placeholder=texts.USER_PLACEHOLDER,
                                max_length=64,
                                elem_id="rm-user",
                            )
                            api_key = gr.Textbox(
                                label="API key",
                                type="password",
                                visible=services.door.keys_required and not settings.page_public,
                                elem_id="rm-api-key",
                            )
                            create = gr.Button(texts.CREATE, variant="primary", elem_id="rm-create")
                            with gr.Accordion(texts.JOIN, open=False):
                                join_id = gr.Textbox(label="Mission id", elem_id="rm-join-id")
                                join = gr.Button("Join", elem_id="rm-join")
                    status = gr.Markdown(texts.NOT_READY, elem_id="rm-status")
                with gr.Column(visible=False, elem_id="rm-stage") as broadcast:
                    station = gr.HTML(elem_id="rm-station")
                    result = gr.HTML(visible=False, elem_id="rm-result")
                    with gr.Row(equal_height=False):
                        with gr.Column(scale=1, min_width=320, elem_id="rm-console") as console:
                            meter = gr.HTML(elem_id="rm-meter")
                            webrtc = WebRTC(
                                label="Live broadcast",
                                modality="audio",
                                mode="send-receive",
                                full_screen=False,
                                rtc_configuration=ice.browser,
                                server_rtc_configuration=ice.server,
                                track_constraints=track_constraints(settings.rtc_raw_mic),
                                button_labels={
                                    "start": texts.START_BROADCAST,
                                    "stop": texts.STOP_BROADCAST,
                                    "waiting": texts.WAITING,
                                },
                                elem_id="rm-webrtc",
                            )
                            gr.Markdown(texts.READY, elem_id="rm-ready")
                            offer = gr.Markdown(texts.LISTEN_ONLY_OFFER, visible=False, elem_id="rm-offer")
                            breakin.render()
                            with gr.Row(equal_height=True):
                                said = gr.Textbox(
                                    label=texts.TYPED_LABEL,
                                    show_label=False,
                                    container=False,
                                    placeholder=texts.INTERJECT_PLACEHOLDER,
                                    max_length=500,
                                    lines=1,
                                    scale=4,
                                    elem_id="rm-say",
                                )
                                send = gr.Button(texts.SEND, scale=1, min_width=80, elem_id="rm-send")
                            said_note = gr.Markdown(elem_id="rm-say-note")
                            with gr.Accordion(texts.EVIDENCE, open=True):
                                evidence = gr.Markdown(elem_id="rm-evidence")
                            listen = gr.Button(texts.LISTEN_ONLY, size="sm", elem_id="rm-listen")
                            player = gr.Audio(
                                label="Listen-only broadcast",
                                streaming=True,
                                autoplay=True,
                                interactive=False,
                                visible=False,
                                elem_id="rm-player",
                            )
                        with gr.Column(scale=1, min_width=320):
                            captions = gr.HTML(render.NO_CAPTIONS, elem_id="rm-captions")
                            plot = gr.LinePlot(
                                x="seconds",
                                y="listeners",
                                color="series",
                                x_title="seconds of broadcast",
                                y_title="listeners",
                                title="Listeners awake",
                                height=200,
                                elem_id="rm-plot",
                            )
                    share = gr.HTML(visible=False, elem_id="rm-share")
                    with gr.Row():
                        transcript_file = gr.DownloadButton(
                            "Download transcript", visible=False, size="sm", elem_id="rm-transcript"
                        )
                        episode_file = gr.DownloadButton(
                            "Download episode", visible=False, size="sm", elem_id="rm-episode"
                        )
                        end = gr.Button(texts.END_MISSION, variant="stop", size="sm", elem_id="rm-end")
                        new_mission = gr.Button(texts.NEW_MISSION, size="sm", elem_id="rm-new")
            with gr.Tab("Leaderboard", id="leaderboard") as leaderboard_tab:
                leaderboard = gr.HTML(elem_id="rm-leaderboard")
                refresh_board = gr.Button("Refresh", size="sm")
        timer = gr.Timer(texts.REFRESH_SECONDS, active=False)

        parts = PageParts(
            setup=setup,
            status=status,
            broadcast=broadcast,
            station=station,
            console=console,
            evidence=evidence,
            mission_state=mission_state,
            timer=timer,
            result=result,
            share=share,
            end=end,
            transcript_file=transcript_file,
            episode_file=episode_file,
            seen_state=seen_state,
            offer=offer,
            meter=meter,
            captions=captions,
            plot=plot,
        )
        on = PageHandlers(services, PageActions(services, boards), boards, warm, parts)
        quick: dict[str, Any] = {"concurrency_limit": None, "show_progress": "hidden"}
        # Gradio's progress shows on the button that started the work, never over the show.
        loading: dict[str, Any] = {"concurrency_limit": None, "show_progress_on": [create, join]}
        create.click(on.on_create, inputs=[topic, user, api_key], outputs=parts.loaded(), **loading)
        join.click(on.on_join, inputs=[join_id, api_key], outputs=parts.loaded(), **loading)
        join_id.submit(on.on_join, inputs=[join_id, api_key], outputs=parts.loaded(), **loading)
        webrtc.stream(
            BroadcastHandler(services, boards, warm),
            inputs=[webrtc, mission_state],
            outputs=[webrtc],
            concurrency_limit=limit,
            # The mission id is read when a call starts; a change of mission is no new input then.
            send_input_on="submit",
        )
        webrtc.start_recording(on.on_click_start, inputs=[mission_state], outputs=[clicked_state], **quick)
        timer.tick(
            on.on_refresh,
            inputs=[mission_state, seen_state, clicked_state],
            outputs=parts.refreshed(),
            **quick,
        )
        listen.click(on.on_listen_click, outputs=[player, offer]).then(
            on.on_listen,
            inputs=[mission_state],
            outputs=[player],
            concurrency_limit=limit,
            show_progress="hidden",
        )
        send.click(on.on_interject, inputs=[mission_state, said], outputs=[said, said_note], **quick)
        said.submit(on.on_interject, inputs=[mission_state, said], outputs=[said, said_note], **quick)
        end.click(on.on_end, inputs=[mission_state], **quick)
        new_mission.click(on.on_new_mission, outputs=parts.left(), **quick)
        breakin.wire(mission_state)
        leaderboard_tab.select(on.on_leaderboard, outputs=[leaderboard], **quick)
        refresh_board.click(on.on_leaderboard, outputs=[leaderboard], **quick)
        page.load(on.on_leaderboard, outputs=[leaderboard], **quick)
    return page


def mount_page(app: FastAPI, services: Services) -> None:
    """Mount the page at "/": call after every API route is added (later routes would be shadowed)."""
    page = build_page(services)
    app.add_middleware(RewriteResponses, matches=is_playlist, rewrite=tighten_target_duration)
    if not services.settings.space_id:
        # On a Space the page is embedded in an iframe and wants its resizer script.
        app.add_middleware(RewriteResponses, matches=is_page, rewrite=strip_external_tags)
    gr.mount_gradio_app(app, page, path="/", show_api=False)
