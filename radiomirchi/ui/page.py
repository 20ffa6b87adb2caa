"""The page's layout and wiring: ``build_page`` makes the Blocks, ``mount_page`` puts it at "/".

What each event does lives in ``handlers`` (on top of ``actions``), what is shown in ``render``,
the live show in ``webrtc`` and ``listen_only``. The page refreshes the live panel from the
mission's board with a timer (``texts.REFRESH_SECONDS``); each refresh only sends what changed.
"""

from __future__ import annotations

from typing import Any

import gradio as gr
from fastapi import FastAPI
from fastrtc import WebRTC

from radiomirchi.services import Services
from radiomirchi.ui import render, texts
from radiomirchi.ui.actions import PageActions
from radiomirchi.ui.board import ShowBoards
from radiomirchi.ui.breakin import SPACE_KEY_JS, BreakInControl
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
from radiomirchi.ui.webrtc import BroadcastHandler

# System font stacks: no web font is fetched from anywhere.
SANS = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Arial", "sans-serif"]
MONO = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]
CSS = """
.rm-meter { font-size: 1.05rem; }
.rm-count #rm-awake { font-size: 1.6rem; font-weight: 700; }
.rm-bar { height: 12px; border-radius: 6px; background: var(--neutral-200); overflow: hidden; margin: 6px 0; }
.rm-fill { height: 100%; background: var(--primary-500); transition: width 0.4s; }
.rm-onair { color: #d33; font-weight: 700; margin-left: 8px; }
.rm-captions { max-height: 340px; overflow-y: auto; }
.rm-captions p { margin: 4px 0; }
.rm-you { color: var(--primary-600); }
.rm-verdict { font-style: italic; }
.rm-system { color: var(--neutral-500); }
.rm-cut { color: var(--neutral-500); font-size: 0.9em; }
/* Gradio dims an HTML output while an event for it runs: the refresh timer would make it flicker. */
#rm-meter .pending, #rm-captions .pending { opacity: 1 !important; }
/* A hidden status tracker is only transparent: its timer text ("0.0s") would still be read out. */
#rm-meter .wrap.hide, #rm-captions .wrap.hide { display: none !important; }
"""

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


def build_page(services: Services) -> gr.Blocks:
    """The page's Blocks: its layout, and each event wired to its handler in ``handlers``."""
    settings = services.settings
    boards = ShowBoards()
    warm = WarmShows(services, boards)
    ice = ice_config(settings)
    limit = settings.rtc_concurrency_limit
    theme = gr.themes.Soft(primary_hue="orange", neutral_hue="zinc", font=SANS, font_mono=MONO)

    breakin = BreakInControl(boards)
    head = HEAD + SPACE_KEY_JS
    page = gr.Blocks(title=texts.TITLE, theme=theme, css=CSS, head=head, analytics_enabled=False)
    with page:
        mission_state = gr.State("")
        clicked_state = gr.State(0.0)
        seen_state = gr.State(Seen())
        gr.Markdown(f"# 📻 {texts.TITLE}\n{texts.TAGLINE}")
        with gr.Tabs():
            with gr.Tab("Mission", id="mission"):
                with gr.Row():
                    with gr.Column(scale=1, min_width=280):
                        topic = gr.Textbox(
                            label="Topic",
                            placeholder=texts.TOPIC_PLACEHOLDER,
                            max_length=200,
                            elem_id="rm-topic",
                        )
                        gr.Examples(
                            [[t] for t in texts.EXAMPLE_TOPICS], inputs=[topic], label="Example topics"
                        )
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
                        create = gr.Button("Create mission", variant="primary", elem_id="rm-create")
                        with gr.Accordion("Join a mission by its id", open=False):
                            join_id = gr.Textbox(label="Mission id", elem_id="rm-join-id")
                            join = gr.Button("Join mission", elem_id="rm-join")
                        status = gr.Markdown(texts.NOT_READY, elem_id="rm-status")
                    with gr.Column(scale=2):
                        station = gr.Markdown(elem_id="rm-station")
                        hosts = gr.Dataframe(
                            headers=render.HOST_COLUMNS,
                            interactive=False,
                            visible=False,
                            label="The hosts",
                            elem_id="rm-hosts",
                        )
                        evidence = gr.Markdown(elem_id="rm-evidence")
                with gr.Column(visible=False) as broadcast, gr.Row():
                    with gr.Column(scale=1):
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
                        offer = gr.Markdown(texts.LISTEN_ONLY_OFFER, visible=False, elem_id="rm-offer")
                        listen = gr.Button(texts.LISTEN_ONLY, size="sm", elem_id="rm-listen")
                        player = gr.Audio(
                            label="Listen-only broadcast",
                            streaming=True,
                            autoplay=True,
                            interactive=False,
                            visible=False,
                            elem_id="rm-player",
                        )
                        with gr.Row():
                            said = gr.Textbox(
                                label="Break in by text",
                                placeholder=texts.INTERJECT_PLACEHOLDER,
                                max_length=500,
                                scale=4,
                                elem_id="rm-say",
                            )
                            send = gr.Button("Break in", scale=1, elem_id="rm-send")
                        said_note = gr.Markdown(elem_id="rm-say-note")
                        breakin.render()
                        end = gr.Button(texts.END_MISSION, variant="stop", size="sm", elem_id="rm-end")
                    with gr.Column(scale=1):
                        meter = gr.HTML(elem_id="rm-meter")
                        plot = gr.LinePlot(
                            x="seconds",
                            y="listeners",
                            color="series",
                            x_title="seconds of broadcast",
                            y_title="listeners",
                            title="Awake listeners",
                            height=220,
                            elem_id="rm-plot",
                        )
                        captions = gr.HTML(render.NO_CAPTIONS, elem_id="rm-captions")
                result = gr.Markdown(elem_id="rm-result")
                with gr.Row():
                    transcript_file = gr.DownloadButton(
                        "Download transcript", visible=False, size="sm", elem_id="rm-transcript"
                    )
                    episode_file = gr.DownloadButton(
                        "Download episode", visible=False, size="sm", elem_id="rm-episode"
                    )
            with gr.Tab("Leaderboard", id="leaderboard") as leaderboard_tab:
                leaderboard = gr.Dataframe(
                    headers=render.LEADERBOARD_COLUMNS, interactive=False, elem_id="rm-leaderboard"
                )
                refresh_board = gr.Button("Refresh", size="sm")
        timer = gr.Timer(texts.REFRESH_SECONDS, active=False)

        parts = PageParts(
            status=status,
            station=station,
            hosts=hosts,
            evidence=evidence,
            broadcast=broadcast,
            mission_state=mission_state,
            timer=timer,
            result=result,
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
        # Gradio's own progress text shows in the status line only, never over the meter or captions.
        loading: dict[str, Any] = {"concurrency_limit": None, "show_progress_on": [status]}
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
