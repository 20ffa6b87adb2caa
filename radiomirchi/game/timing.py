"""The show loop's timings: how often it ticks, when it writes ahead, and how long it waits for
stragglers. Plumbing, not balance: changing them changes no score."""

from __future__ import annotations

# The listener count goes to the client this often.
TICK_SECONDS = 0.5
# Write the next batch when this few written lines remain unvoiced.
LOW_WATER_LINES = 2
# After a win, the closing line waits this long for the client's ready_for_next.
CLOSING_WAIT_SECONDS = 5.0
# When the player leaves mid-turn, the turn gets this long to store its (offline) verdict; a
# stopping show lets go of its mission (its seat) only once it has stored everything, so a show
# taking over never reads the mission half-written.
TURN_GRACE_SECONDS = 3.0
# A pause after less speech than this is not transcribed early (game/running_transcript.py).
EARLY_TRANSCRIPT_MIN_SECONDS = 0.8
# A turn is heard in pieces at its pauses while it is spoken (game/running_transcript.py); a piece
# shorter than this is heard again with what follows it (a word or two alone is often misheard).
MIN_PIECE_SECONDS = 2.0
# A turn that a silence ended in mid-sentence (game/reading_aloud.py) waits this long for the
# player to go on before it is answered: a reader's pause at a long number or for breath.
MID_SENTENCE_GRACE_SECONDS = 1.0
SHUTDOWN_WAIT_SECONDS = TURN_GRACE_SECONDS + 2.0
# While the store is down, the writes waiting for it are retried this often, off the show's path.
STORE_RETRY_SECONDS = 1.0
