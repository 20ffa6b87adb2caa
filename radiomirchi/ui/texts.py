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
USER_PLACEHOLDER = "for the leaderboard (optional)"
# A player who gives no name plays as this and four hex digits.
GUEST_PREFIX = "guest-"
CREATING = "Writing the station…"
BRIEFING = "Briefing the hosts…"
READY = "Allow the microphone, **Start broadcast**, then **🎙 Break in** (or hold Space) and speak."
NOT_READY = "Pick a topic (or leave it empty) and create your mission."
CREATE = "Break into a station"
JOIN = "Join a mission by its id"
NEW_MISSION = "New mission"
SEND = "Send"
TYPED_LABEL = "Or type your break-in"
EVIDENCE = "Your evidence"
OVER = "This mission is over."
START_BROADCAST = "Start broadcast"
STOP_BROADCAST = "Leave broadcast"
WAITING = "Connecting…"
LISTEN_ONLY = "Listen only (no microphone)"
LISTEN_ONLY_OFFER = (
    "**The live connection did not come up.** Your network may block WebRTC. "
    "Use **Listen only**: you hear the show a few seconds late and break in by typing."
)
INTERJECT_PLACEHOLDER = "Or type: facts, names, numbers"
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
