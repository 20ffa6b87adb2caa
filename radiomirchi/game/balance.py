"""Every number of the game's balance and pacing, in one home (GAME.md §4-§7).

Rules, the judge, the writers' prompts and the show loop read their numbers from here; a prompt
that states a range formats it from these values, so the text and the code cannot drift apart.
"""

from __future__ import annotations

# --- rules: listeners, strikes, score ---

# While nobody interjects, each host line wins back this share of the audience (percentage points).
DRIFT_POINTS_PER_LINE = 0.4
# A verdict moves the audience by this many percentage points at most, either way.
CHANGE_MIN_POINTS = -5.0
CHANGE_MAX_POINTS = 20.0
MAX_STRIKES = 3
# Bonus per second of broadcast left when the player wins, in listeners' worth of points.
TIME_BONUS_PER_SECOND = 250
# The hosts sound uneasy once this share of the audience is awake, rattled from the second.
UNEASY_FRACTION = 0.12
RATTLED_FRACTION = 0.28
# An LLM's ruling may be at most this many points kinder than the offline judge's.
LLM_MAX_EXTRA_KINDNESS_POINTS = 8.0

# --- speech ---

# How fast hosts speak: for estimating how much of a cut-off line was heard, and line lengths.
WORDS_PER_SECOND = 2.6
MAX_UTTERANCE_SECONDS = 30.0
MAX_INTERJECTION_CHARS = 500
# Shorter than this, an utterance is taken as no speech at all.
MIN_UTTERANCE_SECONDS = 0.2

# --- the show loop ---

TICK_SECONDS = 0.5
# Audio may run this far ahead of real time: enough to ride out jitter, little enough that an
# interruption silences the hosts at once and "what was heard" is close to "what was sent".
LEAD_SECONDS = 0.4
# Frames go out at 40 ms: inside the protocol's 20-100 ms, few enough messages to stay cheap.
FRAME_SECONDS = 0.040
# Write the next batch when this few written lines remain unvoiced.
LOW_WATER_LINES = 2
# A batch of dialogue holds this many lines (the writers' prompts say the same).
MIN_BATCH_LINES = 3
MAX_BATCH_LINES = 6
# A reply to a caller is shorter: the caller is waiting to hear it, and may break in again.
MAX_REPLY_LINES = 4
# After a win, the closing line waits this long for the client's ready_for_next.
CLOSING_WAIT_SECONDS = 5.0
# While the store is down, the writes waiting for it are retried this often, off the show's path.
STORE_RETRY_SECONDS = 1.0
# A mission still being prepared is looked at this often, for at most this long.
PREPARE_POLL_SECONDS = 0.2
PREPARE_TIMEOUT_SECONDS = 120.0
# The running summary the writer keeps is cut to this many characters.
SUMMARY_MAX_CHARS = 600
