"""Every number of the game's balance, in one home (docs/GAME.md §4-§7): listeners, strikes, score,
what a caller may say, the show's rhythm, and what the judge pays for each kind of claim.

Rules, the judge and the writers' prompts read their numbers from here; a prompt that states a
range formats it from these values, so the text and the code cannot drift apart. Timings of the
show loop live in ``game.timing``; transport and speech numbers with their owners (``speech``,
``ui.webrtc``).
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
# An LLM's ruling may be at most this many points kinder than the offline judge's; on a question,
# an appeal or plain on-topic talk less, so that it stays below what evidence earns.
LLM_MAX_EXTRA_KINDNESS_POINTS = 8.0
LLM_MAX_SMALL_CREDIT_KINDNESS_POINTS = 6.0

# --- the caller ---

# A break-in is at most this long when spoken, this many characters when typed.
MAX_UTTERANCE_SECONDS = 30.0
MAX_INTERJECTION_CHARS = 500
# Shorter than this, an utterance is taken as no speech at all.
MIN_UTTERANCE_SECONDS = 0.2

# --- the show's rhythm ---

# A batch of dialogue holds this many lines (the writers' prompts say the same).
MIN_BATCH_LINES = 3
MAX_BATCH_LINES = 6
# A reply to a caller is shorter: the caller is waiting to hear it, and may break in again.
MAX_REPLY_LINES = 4

# --- judge ---
# How the offline judge (radiomirchi/game/judge/offline.py) turns meaning and details into points.
# Change is in percentage points of initial_listeners; rules.clamp_change bounds it to [-5, +20].

# A caller's amount agrees with a fact's within this share of it ("four and a half thousand" for
# 4,647), or within this many points for a percentage ("almost half" for 47%).
AMOUNT_TOLERANCE = 0.16
PERCENT_TOLERANCE_POINTS = 8.0

# Meaning: the cosine between the interjection and a fact, mapped to 0..1 between these two.
MEANING_FLOOR = 0.38
MEANING_FULL = 0.68
# The line is also read in the show's context ("<topic>: <line>"), worth this much less.
CONTEXT_DISCOUNT = 0.05
# Name-dropping: a line must mean a fact more than it means "the institution and the topic";
# the floor rises to (its cosine to that baseline - this margin).
BASELINE_MARGIN = 0.05
# How much a fact's own details (amount, names, code) add to meaning when weighing a claim.
MEANING_WEIGHT = 0.55
DETAIL_WEIGHT = 0.45
# Details: the fact's amount counts 1, its names up to NAME_WEIGHT (one name of several counts as
# ONE_NAME_SHARE of them), its code CODE_WEIGHT; the sum is capped at 1.
NAME_WEIGHT = 0.6
ONE_NAME_SHARE = 0.7
CODE_WEIGHT = 0.6
# A line that is not a sentence (few function words: "31% February orsk fishing") is keywords, not
# a claim: its strength is scaled down to this floor at worst.
SALAD_FUNCTION_SHARE = 0.25
SALAD_FLOOR = 0.3
# A claim with an amount that is none of the fact's is paid this share, and never more than
# EVIDENCE_MIN_POINTS (what a right claim without its numbers earns at least).
WRONG_AMOUNT_FACTOR = 0.5

# Strength at or above EVIDENCE_STRENGTH is evidence: EVIDENCE_MIN_POINTS, rising to
# EVIDENCE_MAX_POINTS at FULL_STRENGTH. Between PARTIAL_STRENGTH and EVIDENCE_STRENGTH it is a
# partial claim worth PARTIAL_POINTS at most.
EVIDENCE_STRENGTH = 0.5
FULL_STRENGTH = 0.8
EVIDENCE_MIN_POINTS = 10.0
EVIDENCE_MAX_POINTS = 20.0
PARTIAL_STRENGTH = 0.17
PARTIAL_MIN_POINTS = 1.5
PARTIAL_MAX_POINTS = 3.0
# The same proof point used again counts this much of what it would, per earlier use.
REPEAT_FACTOR = 0.25
# Small credit (a half-claim, a question, an appeal) said again in nearly the same words (cosine to
# one of the caller's last ECHO_LOOKBACK lines) counts REPEAT_FACTOR as much.
ECHO_SIMILARITY = 0.75
ECHO_LOOKBACK = 8
# Insults cost evidence this much (and an insult without evidence is a strike).
HOSTILE_EVIDENCE_PENALTY = 4.0

# Questions: a pointed one (asks for a number, a name, a document) earns a little; any question
# about the show earns at least nothing and is never a strike.
POINTED_QUESTION_POINTS = 2.0
PLAIN_QUESTION_POINTS = 0.5
APPEAL_POINTS = 2.0
CONTRADICTION_POINTS = 4.0
ON_TOPIC_POINTS = 0.0
# Kind words for the hosts wake nobody, and are no offence either; nor does small talk.
PRAISE_POINTS = 0.0
SMALL_TALK_POINTS = 0.0
# A greeting is only a greeting with at most this many words beyond it and no question word
# ("hello ji, namaste", "hi Meera, hi Rustam, am I on air?"); more, and the caller is saying something.
GREETING_MAX_OTHER_WORDS = 1
# A line far from the show is struck only when it names something else: with at most this many
# words of substance ("namaskar sir, main Pune se bol raha hoon", "ok bye", "we have been suffering
# for months now") it is small talk, and costs nothing. "My cat is orange and I like pizza" has
# three, "The cricket match last night was a thriller, what a finish" six.
SMALL_TALK_MAX_CONTENT_WORDS = 2
# A question about "this" may name a little more and still ask about the story ("who decided
# this? name the officer").
REFERS_BACK_MAX_CONTENT_WORDS = 3
# Penalties.
OFF_TOPIC_POINTS = -2.0
HOSTILE_POINTS = -4.0
INJECTION_POINTS = -3.0
NONSENSE_POINTS = -2.0
SPAM_POINTS = -2.0

# On topic: the best cosine to the topic, the summary, the facts or the hosts' recent lines.
ON_TOPIC_SIMILARITY = 0.25
# A caller telling what happened to them or their own ("I was in the third coach...", "my mother
# was stuck inside for two hours") is on the topic from nearer: the encoder knows nothing of the
# story's coaches and doors, and a strike for an honest witness costs the game. A wedding or a
# market day stays far below it.
ACCOUNT_ON_TOPIC_SIMILARITY = 0.18
# A question put to the hosts ("will you ...", "your station ...") is about the show, however far
# from the facts, and so is an appeal to the listeners (judge/verdicts.py).
# An appeal by meaning: the cosine to the nearest appeal prototype.
APPEAL_SIMILARITY = 0.55
# Hostility by meaning: the cosine to the nearest insult prototype, and how far it must beat the
# nearest civil prototype.
HOSTILE_SIMILARITY = 0.3
HOSTILE_MARGIN = 0.09
# A clause of a longer line ("..., you spineless worms"), or a question, must be nearer still.
HOSTILE_CLAUSE_SIMILARITY = 0.5
# Praise is spared: its cosine to the nearest warm prototype, and its margin over the nearest insult.
WARM_SIMILARITY = 0.6
WARM_MARGIN = 0.12
# Talk about the hosts themselves (never off-topic): the cosine to the nearest such line. The
# off-topic lines of the corpus reach 0.33; talk about the hosts 0.36 and more.
ABOUT_HOSTS_SIMILARITY = 0.4
# Spoken to the hosts ("you", "your"), kind words need less ("hats off to you two").
WARM_ADDRESSED_SIMILARITY = 0.45
# Praise by its words must still read a little like praise ("happy birthday, love you!" does not).
PRAISE_WORDS_SIMILARITY = 0.35
# A word that means an insult, said to the hosts: its cosine to the nearest insult word, and its
# margin over the nearest plain word (0.2: just above the fairest line of the tuning set, 0.17).
INSULT_WORD_SIMILARITY = 0.5
INSULT_WORD_MARGIN = 0.2
# A hijack attempt by meaning (beyond the patterns): cosine to the nearest order, and its margin
# over the nearest fair request.
INJECTION_SIMILARITY = 0.6
INJECTION_MARGIN = 0.1
# A rebuttal answers a host line when its cosine to that line reaches this (it must also take up
# the line's own words and say the contrary).
REBUTTAL_SIMILARITY = 0.3
