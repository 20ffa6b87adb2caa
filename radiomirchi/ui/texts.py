"""Every string and small limit the page shows or uses, in one place."""

from __future__ import annotations

TITLE = "Radio Mirchi"
TAGLINE = (
    "You have broken into the call-in line of a state propaganda station. Break in by voice or "
    "text, use your evidence, and wake the listeners up before the broadcast ends."
)
EXAMPLE_TOPICS = [
    "the new water tax",
    "rail privatisation",
    "the curfew in the capital",
    "the dam that flooded three villages",
    "any",
]
TOPIC_PLACEHOLDER = "e.g. the new water tax (empty: any)"
USER_PLACEHOLDER = "letters, digits, _ . @ -"
CREATING = "Writing the station…"
BRIEFING = "Briefing the hosts…"
READY = "Ready: press **Start broadcast**, allow the microphone, and break in by speaking."
NOT_READY = "Create a mission, or join one by its id."
START_BROADCAST = "Start broadcast"
STOP_BROADCAST = "Leave broadcast"
WAITING = "Connecting…"
LISTEN_ONLY = "Listen only (no microphone)"
LISTEN_ONLY_OFFER = (
    "**The live connection did not come up.** Your network may block WebRTC. "
    "Use **Listen only**: you hear the show a few seconds late and break in by typing."
)
INTERJECT_PLACEHOLDER = "Use your evidence: numbers, names, documents"
END_MISSION = "End mission"
NO_LIVE_SHOW = "The broadcast is not live: start it first."
KEY_NEEDED = "This server needs an API key: type yours in the key box above and try again."
NOT_STARTED = "The broadcast has not started yet: press the start button, then break in."
# After a click on the WebRTC button, this long without show audio means the connection failed.
WEBRTC_CONNECT_SECONDS = 8.0
# How often the page refreshes captions, the meter and the plot while a show is live.
REFRESH_SECONDS = 0.5
# Captions kept on screen (the transcript download has them all).
CAPTION_LINES = 40
