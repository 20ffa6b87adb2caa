"""What a caller did when they broke in, read from their words and the judge's verdict.

The hosts answer the act (a question and its shape: how many, who, why, when, where, will you,
what, yes or no; kind words, small talk, an attack on what a host said, an appeal to the
listeners, an insult, a hijack attempt, a call off the topic) and, for evidence, its type (a poll,
an audit, court filings ...), never the caller's words themselves. Only words the caller said can
name the type, so the answer reveals nothing of the hidden facts.

The word lists and phrases are data (``banks/caller_words.json``, keyed by the names below, where
each one's use is said); the patterns that read a sentence's shape stay here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from radiomirchi.game.devanagari import Romaniser
from radiomirchi.game.judge import lexicon
from radiomirchi.game.judge.takeover import takes_over
from radiomirchi.writers.offline import bank

_BANK: Final = bank.load_bank("caller_words")


def _words(key: str) -> frozenset[str]:
    return bank.word_set(_BANK.get(key), f"caller_words.{key}")


def _phrases(key: str) -> tuple[str, ...]:
    return tuple(bank.strings(_BANK.get(key), f"caller_words.{key}"))


def _labels(key: str) -> dict[str, str]:
    return bank.labels(_BANK.get(key), f"caller_words.{key}")


def _word_sets(key: str) -> dict[str, frozenset[str]]:
    return {
        name: frozenset(words) for name, words in bank.pools(_BANK.get(key), f"caller_words.{key}").items()
    }


# A word ends in a letter: "engineers'" (the union's) is "engineers".
_WORD = re.compile(r"[a-z](?:[a-z'-]*[a-z])?")

# Evidence type -> the words that name it, in priority order (the first type that matches wins).
EVIDENCE_WORDS: Final = _word_sets("EVIDENCE_WORDS")
# The minutes of a meeting, not minutes of time ("forty minutes in", "from the first minute").
_MEETING_MINUTES = re.compile(
    r"\b(?:meeting|cabinet|board|council|committee|its|their)(?:'s)? minutes\b"
    r"|\bminutes of (?:the|a|its|their)\b"
)
# A caller who was there or knows someone who was, with no other source named: a witness
# ("my daughter is a nurse there", "I saw the cracks myself").
_WITNESS = re.compile(
    r"\b(?:my|our) (?:daughter|son|wife|husband|brother|sister|mother|father|mum|mom|dad|uncle|aunt|"
    r"cousin|neighbour|neighbor|friend)\b(?!'s)[^.?!]{0,20}\b(?:is|works|worked|was)\b"
    r"|\bi (?:saw|have seen|ve seen|was there|work (?:at|in|there))\b|\bi've seen\b"
    # On the scene: "i was in the 3rd coach", "we were on that bus" (not "I was in Delhi last year").
    r"|\b(?:i|we) (?:was|were) (?:in|on|inside) (?:the|that|this) (?:same |\d+(?:st|nd|rd|th) )?[a-z]+\b"
    # Someone on the inside saying what they are: "I'm a nurse at the Kargil Road health centre."
    r"|\b(?:i'm|im|i am) an? (?!bit\b|little\b|lot\b|big\b|huge\b)[a-z]+(?: [a-z]+)?"
    r"(?= at\b| in\b| on\b|[.,])"
    # Seen by all around: "the whole village has seen it for a year".
    r"|\b(?:the )?(?:whole|entire) [a-z]+ (?:has|have) seen\b"
    # In Hindi, what the caller does or did: "main ration dukaan pe kaam karta hoon", "main roz subah
    # wahan se guzarta hoon", "main khud unke liye tractor chalata tha", "maine khud dekha".
    r"|\bmain\b[^.?!]{0,40}\b[a-z]+(?:ta|ti) (?:hoon|hu|hun|tha|thi)\b"
    r"|\bmaine (?:khud |apni aankhon se )?dekh[ai]\b"
)
QUESTION_STARTERS: Final = _words("QUESTION_STARTERS")
# Questions that ask for a promise get the "will" answers.
WILL_STARTERS: Final = _words("WILL_STARTERS")
# A question's shape, by its opening word (after any WILL_STARTERS, "how many" and "how much").
SHAPE_OF_OPENER: Final = _labels("SHAPE_OF_OPENER")
# "Are you going to ...", "is the ministry gonna ...": asking for a promise, as "will".
_GOING_TO = re.compile(
    r"^\W*(?:\w+\W+){0,4}?(?:are|is|am|r)\b[^.?!]{0,30}\b(?:going to|gonna)\b"
    # Going somewhere is no promise: "is any girl still going to school".
    r"(?!\s+(?:the|a|an|school|college|work|office|market|hospital|class|classes|church|temple)\b)"
)
# A caller who says they are asking: the question is what follows ("i just want to know, will the
# timings change", "my question is uh why did they", "mera sawaal ye hai ki ... so why").
_SAYS_THEY_ASK = re.compile(
    r"\b(?:i (?:just |only |really )?(?:want|wanted|would like|wanna) to (?:know|ask)|"
    r"my (?:only |simple |one )?question is|mera (?:sawaal|sawal|question)|i have a question|"
    r"(?:simple|quick|small|one|seedha|sidha) (?:question|sawaal|sawal)(?! is\b)|"
    r"(?:the )?question is)\b"
)
# Questions that ask for something only an answer gives (a number, a person, a reason, a time, a
# place, a promise): asked, whatever the judge made of the rest of the line ("sabotage kisne kiya?
# koi naam hai ya bas ek shabd hai", "uh how many are still in hospital").
ASKING_SHAPES: Final = frozenset({"how_many", "who", "why", "when", "where", "will"})
_WH: Final = frozenset({"who", "why", "when", "where"})
# A fact told as a question ("are you aware the CAG report found...", "didn't the high court say
# in 2017 that...", "did you see NASA's fire map this week?"): with a source named, it tells it.
# A told fact closed by a short tag, often sarcastic: "... the vet post empty for eight months.
# natural causes, is it?", "... sab register mein likha hai, hai na?".
_CLOSING_TAG = re.compile(
    r"[.!;:,]\s*(?:[\w']+\s+){0,3}?[\w']*,?\s*(?:is it|isn'?t it|right|na|naa|no|hai na|correct)\s*\?+\s*$"
)
TAGGED_STATEMENT_MIN_WORDS = 8
# A told fact with a rhetorical question in it: its statements run to this many words, and to this
# many times the words its questions ask with.
TOLD_MIN_WORDS = 14
TOLD_OVER_ASKED = 2
_SENTENCE = re.compile(r"[^.?!]+[.?!]*")
_TELLS_AS_A_QUESTION = re.compile(
    r"^\W*(?:(?:so|but|and|sir|madam|ok|okay|well)\W+)?(?:are you aware|were you aware|did you know|"
    r"do you know that|don'?t you know|did you see|did you read|have you seen|have you read|"
    r"(?:didn'?t|doesn'?t|don'?t|isn'?t|wasn'?t|hasn'?t) (?:the|a|an|your|our)|"
    r"isn'?t it true|is it not true)\b"
)
# Hindi questions without a question word: "... milega ya nahi", "kya ujjwala waale cylinder pe
# bhi daam badha hai", "bacchon ko khilaayen kya" (a closing "kya" asks what).
_HINGLISH_YES_NO = re.compile(r"\b(?:ya nahi|ki nahi)\b|^\W*kya\b")
_HINGLISH_WHAT = re.compile(r"\bkya\s*(?:[.?!,]|$)")
_HINGLISH_FUTURE = re.compile(r"\b[a-z]+(?:ega|egi|enge|oge|ogi)\b")
# Hindi questions in Latin letters, which come late in the sentence ("paisa kahan gaya?").
HINGLISH_SHAPES: Final = _labels("HINGLISH_SHAPES")
# A question's first word (or two) in the other languages callers mix in, without accents ("quién",
# "o que", "pourquoi", "berapa", "bakit", "eppozhanu"): its shape, once the line is a question.
QUESTION_WORDS_ABROAD: Final = _labels("QUESTION_WORDS_ABROAD")
# Lead-ins before a question word in those languages ("y qué pasa ...", "et pourquoi ...", "e onde").
LEAD_INS_ABROAD: Final = _words("LEAD_INS_ABROAD")
# Words a caller may say before the question itself ("so, why ...", "sir, who ...").
LEAD_INS: Final = _words("LEAD_INS")
# Greetings and pleasantries: a caller who only says these is humoured, not dodged.
SMALL_TALK_PHRASES: Final = _phrases("SMALL_TALK_PHRASES")
# A caller saying who they are: "my name is Sunita", "it's Ravi from the east side".
_INTRODUCTION = re.compile(
    r"\bmy name(?: is|'s)\s+[a-z]+"
    r"|\b(?:this is|it's|its|i'm|im|i am)\s+(?:[a-z]+\s+){0,2}[a-z]+(?=\s+(?:from|calling|here)\b)"
    r"(?:\s+(?:calling|here))?"
    r"(?:\s+from(?:\s+the)?\s+[a-z]+(?:\s+(?:side|town|end|colony|nagar|village|city))?)?"
)
SMALL_TALK_MAX_WORDS = 12
# A call may open with a greeting and chat on for this long ("hi from Kodagiri town, still raining
# here, lights keep going on and off, hope u guys are dry").
GREETING_CHAT_MAX_WORDS = 40
CHAT_MAX_WORDS = 16
# A question after a greeting with this many words beyond chat's asks something.
ASKS_BEYOND_CHAT_WORDS = 2
# Small talk that says what it is anywhere in a line: not a greeting's one word ("ghar hi nahi
# raha" greets nobody), nor "sorry", which opens complaints too.
_CHAT_PHRASES: Final = tuple(
    phrase
    for phrase in SMALL_TALK_PHRASES
    if " " in phrase or phrase in {"raining", "testing", "humid", "echoing"}
)
_GREETING = re.compile(
    r"^\W*(?:(?:um+|uh+|so|ok|okay|oh|yo)\W+)*(?:hel+o+|hi+|hiya|hey+|sup|namaste|namaskar|"
    r"namaskaar|salaam|pranaam|ram ram|radhe radhe|sat sri akal|vanakkam|adaab|greetings|"
    r"good (?:morning|afternoon|evening|night)|happy [a-z]+)\b"
)
# Words that make a greeting more than chat: a denial, an accusation, a question that asks for
# something.
_SUBSTANCE = re.compile(
    r"\b(?:not|no|nobody|nothing|never|didn'?t|hasn'?t|isn'?t|haven'?t|won'?t|can'?t|cannot|lie|lies|"
    r"lying|confirm|deny|explain|answer|why|who|whom|whose|where|when|which|how many|how much)\b"
)
# A line of a few words that calls what was said untrue ("lies!", "all lies", "sab jhooth"): it
# contests the hosts, however short.
SHORT_CONTESTS: Final = _words("SHORT_CONTESTS")
SHORT_CONTEST_MAX_WORDS = 4
# Verdicts that found something in the call beyond chat.
_SUBSTANTIAL_VERDICTS: Final = ("evidence", "hostile", "weak_evidence", "contradiction", "pointed")
# What may sit around a greeting without making it more than small talk.
SMALL_TALK_FILLERS: Final = _words("SMALL_TALK_FILLERS")
# Phrases that push back on something a host said.
ATTACK_PHRASES: Final = _phrases("ATTACK_PHRASES")
# A host's words thrown back at them: "'families are happy', you said. have you been there?",
# "act of god? you just called it an act of god?", "'vendors agreed' bola aapne", a quotation of
# two words or more. With no source and no figure in it, it attacks what was said.
_QUOTES_THE_HOSTS = re.compile(
    r"(?:^|\s)['\"\u2018\u201c][^'\"\u2019\u201d\s]+(?:'[a-z]{1,2})?\s[^'\"\u2019\u201d]{1,80}['\"\u2019\u201d]"
    r"|(?<!have )(?<!haven't )(?<!did )(?<!didn't )(?<!do )(?<!don't )"
    r"\b(?:you|u) (?:just )?(?:said|say|called|call|claim|claimed|keep saying)\b"
    r"|\b(?:bola|kaha) aapne\b|\baapne (?:bola|kaha)\b|\bmy foot\b"
    r"|\b(?:the|your|ur) (?:other )?hosts? (?:just )?(?:said|says|claimed|called)\b"
)
APPEAL_PHRASES: Final = _phrases("APPEAL_PHRASES")
# An appeal the listeners cannot miss: told to act ("switch off this radio", "ask your neighbours"),
# which outranks a word that also names evidence ("go talk to the nurses at the hospital").
CALL_TO_ACTION_PHRASES: Final = _phrases("CALL_TO_ACTION_PHRASES")
# The listeners addressed and told to do something ("everyone pls check form 20 for ur ward",
# "to all the parents listening, talk to the teachers"), or the line opening with a command to
# them ("turn this off and knock on your neighbour's door", "go read the audit yourselves"):
# an appeal even with a source in it (a command with a figure, "check the satellite pictures, dark
# for 3 days", tells a fact; addressed to everyone, it is an appeal all the same).
_ADDRESSED = (
    r"\b(?:everyone|everybody|listeners|all of you|people|parents|friends|brothers and sisters|folks)\b"
)
_LISTENER_COMMAND = (
    r"(?:go (?:and )?)?(?:check|read|ask|call|look|compare|count|share|tell|visit|knock|talk|vote|"
    r"see for yourselves|find out|turn (?:this|it|the radio|your radio) off|switch (?:this|it) off|"
    r"don't take|do not take|dont take|don't trust|dont trust|stop listening)\b"
)
# The command within a few words of the address ("everyone pls check", "parents listening, talk to");
# "everyone should know that court filings name..." tells a fact.
_ADDRESSED_COMMAND = re.compile(
    rf"{_ADDRESSED}\W+(?:[\w']+\W+){{0,2}}?(?:pls |please |just )?{_LISTENER_COMMAND}"
)
# A group of listeners called on ("old town residents,", "everyone who got the notice:") before a
# command; or their plight ("if you're on TB treatment,", "agar aapki maa ka naam kata hai, toh").
# (A colon in a time, "at 10:50 pm", calls on no one.)
_VOCATIVE = re.compile(
    r"^\W*(?:to )?(?:all )?(?:the |my |dear )?(?P<who>[^,:.!?;]{2,60}?)\s*(?:,|:(?!\d))\s*"
)
# (In Hindi, "those whose ...": "jinke ghar mein pani nahi aaya, ward office jao".)
_IF_YOU = re.compile(
    r"^\W*(?P<who>(?:if you|if u|agar (?:aap|tum)|jin(?:ke|ka|ki|ko|hone|he)?\b|jo log\b)[^,.!?;]{0,80}),"
    r"\s*(?:then |toh |to )?"
)
GROUP_WORDS: Final = _words("GROUP_WORDS")
# Plurals and the Hindi vocative plural ("residents", "riders", "north district waalon").
GROUP_ENDINGS: Final = ("s", "on", "waale", "wale")
# Words ending so that call on nobody among the listeners ("thanks, keep it up", "guys, ...": the hosts).
NOT_GROUPS: Final = _words("NOT_GROUPS")
VOCATIVE_MAX_WORDS = 8
MIN_GROUP_WORD = 4  # "on", "is", "us" end so too
# The small words a group's name may have ("people near the dump", "all the parents of ward 5").
VOCATIVE_SMALL_WORDS: Final = _words("VOCATIVE_SMALL_WORDS")
# A command's first words: the words before the comma are then no one called on.
NOT_VOCATIVE_OPENERS: Final = _words("NOT_VOCATIVE_OPENERS")
# A vocative's relative clause may have its verb ("everyone who got the notice:"); before it, a
# verb makes the words a clause of their own.
RELATIVE_WORDS: Final = _words("RELATIVE_WORDS")
CLAUSE_VERBS: Final = _words("CLAUSE_VERBS")
# Words a command may begin with that do not look like a bare verb, and words that soften it.
COMMAND_OPENERS: Final = _words("COMMAND_OPENERS")
SOFTENERS: Final = _words("SOFTENERS")
NOT_COMMANDS: Final = _words("NOT_COMMANDS")
# Hindi commands in Latin letters, which come at the clause's end ("sab saath mein jao").
HINGLISH_COMMANDS: Final = _words("HINGLISH_COMMANDS")
_LATER_COMMAND = re.compile(
    rf"(?:^|[,.;:!?]\s*|\band\s+)(?:(?:so|now|then)\s+)?(?:please\s+|pls\s+|kindly\s+)?"
    rf"(?:{_LISTENER_COMMAND}|(?:go|come|bring|take|keep|give|send|file|join|don'?t|do not|"
    rf"all of us|let'?s|let us)\b)"
)
# A sentence that opens with a command, and a line that calls on everyone to do it together.
_COMMAND_SENTENCE = re.compile(
    rf"(?:^|[.!;]\s*)(?:(?:so|now|please|pls)\s+)?(?:go (?:and )?[a-z]+|{_LISTENER_COMMAND})"
)
_ALL_TOGETHER = re.compile(r"\b(?:all of us|all of you|everyone|everybody|let'?s|together)\b")
_OPENING_COMMAND = re.compile(rf"^\W*(?:(?:so|ok|okay|please|pls|now)\W+)?{_LISTENER_COMMAND}")
# Mockery of the hosts without a word from the insult list ("you couldn't host a birthday party").
MOCKERY_PHRASES: Final = _phrases("MOCKERY_PHRASES")
# The two hosts mocked as people who know nothing: "you two have clearly never stood in a local",
# "you two would fail class 10 history", "both of u float like empty bottles", "are you two actually
# drunk", "expert commentary from two people who've never run for a bus".
_MOCKS_THE_HOSTS = re.compile(
    r"\b(?:you two|you both|both of (?:you|u)|u two|u both|two people who)\b[^.?!]{0,40}?"
    r"\b(?:never|fail|drunk|empty|sheltered|clueless)\b"
)
_TAKEN_BACK = re.compile(r"(?:^|[.!?]\s*)said (?:nobody|no one)\b")
# Not this show's business: a song request, a classified ad, a lost pet.
OFF_TOPIC_PHRASES: Final = _phrases("OFF_TOPIC_PHRASES")
# The caller says it is off the topic: "unrelated but is the bank open on saturday?".
# ("not about laptops, but is the circus coming again", "sorry this is not about RTI but my water bill")
# In any language callers mix in: "Nada a ver com isto - ...", "Ek alag baat - ...".
CHANGES_OF_SUBJECT: Final = _phrases("CHANGES_OF_SUBJECT")
_SAYS_UNRELATED = re.compile(
    r"^\W*(?:[\w']+\W+){0,3}?(?:"
    + "|".join(map(re.escape, CHANGES_OF_SUBJECT))
    + r"|not about [^,.?!]{1,30}?,? but)\b"
)
# A song for someone, a shout-out: chat with the station, humoured as small talk.
SONGS_AND_SHOUT_OUTS: Final = _phrases("SONGS_AND_SHOUT_OUTS")
# The hosts called "tum" in Hindi (the familiar "you", never a caller's polite "aap"), in a line
# that asks nothing: "chamche ho tum dono", "tum logon ka bhi ration band kar dena chahiye".
_RUDE_ADDRESS = re.compile(r"\b(?:tum dono|tum log|tum logon|tum sab|tumhe|tumko|tumhari|tumhara)\b")
# The hosts told what they are, with no argument: "you two couldnt deliver a sentence let alone the
# news", "u guys r vultures same as that hospital", "you lot are the minister's birthday band".
_SNEERS_AT_THE_HOSTS = re.compile(
    r"^\W*(?:[\w']+\W+){0,2}?(?:you|u) (?:two|guys|lot|people|both|all)\s+"
    r"(?:are|r|were|couldn'?t|could not|can'?t|cant|couldnt|never|just|sound|look|belong|deserve)\b"
)
# A sentence this short that only praises ("Good work.", "Credit where it's due."): the line's
# point, whatever the caller tells or asks around it.
KIND_SENTENCE_MAX_WORDS = 8
# Listeners called on by name and asked, please, to act: "Parents please keep the kids at home".
_GROUP_ASKED = re.compile(r"^\W*(?P<who>(?:[a-z]+ ){0,3}?[a-z]+)\s+(?:please|pls|kindly)\s+(?P<verb>[a-z']+)")
# ... unless the line contests what they said ("ye sab jhooth hai, tum log sarkar ka bhopu ho").
# Shaming the hosts ("SHAME ON YOU", "besharam log"), or sending them a clown, a pile or a finger
# ("🤡🤡 both of u 🤡🤡"; a clown for the minister is no insult to the hosts): hostile, though a
# source may outrank it.
# Asked whether they have no shame (the judge's list: "Vekkam illaya?", "laaj lagdaina?", "walang
# hiya kayo"), or called paid hacks or worthless in Tagalog ("Mga bayaran kayong dalawa", "walang
# kwenta"): words the judge leaves alone, as "bayaran" is also a plain payment.
SHAME_ASKED: Final = lexicon.SHAME_ASKED
PAID_HACKS: Final = _phrases("PAID_HACKS")
_SHAMES = re.compile(
    r"\bshame on (?:you|u)\b|\bbesharam\b|\bshameless\b"
    + "".join(rf"|\b{re.escape(phrase)}\b" for phrase in (*SHAME_ASKED, *PAID_HACKS))
    + r"|(?=.*[\U0001F921\U0001F4A9\U0001F595]).*\b(?:you|u|ur|both of u|tum|aap)\b"
)
_STOP_SAYING = re.compile(r"\bstop (?:saying|calling|pretending|claiming|telling us|repeating)\b")
_CONTESTS = re.compile(r"\b(?:jhoo?th?a?|galat|lies?|lying|not true|false)\b")
# Thanks said outright: with kind words and no source named, a figure in the line is the caller's
# own story ("I am 74 ... I am truly grateful for this ban"), not evidence.
_THANKS = re.compile(
    r"\b(?:thank you|thanks|thx|thnx|grateful|shukriya|dhanyava?a?d|dhanyawad|merci|gracias|"
    r"obrigad[oa]|danke)\b"
)
_THANKS_THE_SHOW = re.compile(
    r"\b(?:thank you|thanks)\s+(?:so much\s+|a lot\s+)?(?:to\s+)?(?:the show|the station|the programme|"
    r"the program|the channel|you both|both of you|you two|the hosts|radio mirchi)\b"
)
# Words the caller quotes (a host's, mostly): not the caller's own source ("'tourism will pay for
# the hospital', you said").
_QUOTED = re.compile(r"(?:(?<=\s)|^)['\"\u2018\u201c][^'\"\u2019\u201d]{2,80}['\"\u2019\u201d](?![a-z])")
# Asking the other listeners for help ("does anyone know if the bank exam is on sunday", "koi bata
# sakta hai"): off the topic even when a word of evidence is said in passing.
ASKS_OTHER_LISTENERS: Final = _phrases("ASKS_OTHER_LISTENERS")
_PRAISE_BY_CONTRAST = re.compile(r"\b(?:nobody|no one|no other [a-z]+) else\b")
# "Thank you for not naming the girls on air": thanks, its "not" sours nothing.
_THANKS_FOR_NOT = re.compile(r"\b(?:thank you|thanks|grateful) for not\b")
# A court to play on, not a court of law ("the volleyball court behind my house is a swimming pool").
_PLAYING_COURT = re.compile(
    r"\b(?:volleyball|tennis|badminton|basketball|squash|netball|futsal|food) courts?\b"
)
# An order on paper: "the pollution control board's closure order dated 3rd June".
_ORDER_ON_PAPER = re.compile(
    r"\b(?:closure|demolition|eviction|transfer|sealing|work|written|government|official) orders?\b"
)
# "Five minutes", "30 minutes": time, not the minutes of a meeting.
_MINUTES_OF_TIME = re.compile(
    r"\b(?:\d+|a|few|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|sixty)\s+minutes?\b"
)
# Kind words the judge's single words miss.
PRAISE_PHRASES: Final = _phrases("PRAISE_PHRASES")
# Someone praised to the listeners, in the languages callers mix in (the judge's list, where it is
# credit given).
PERSON_PRAISED: Final = lexicon.PERSON_PRAISED_PHRASES
# Verdict kinds that name an act the words alone may not show.
VERDICT_HINTS: Final = {
    "contradiction": "attack",
    "appeal": "appeal",
    "off_topic": "off_topic",
    "off_topic_question": "off_topic",
    "praise": "praise",
    "small_talk": "small_talk",
    "hostile": "insult",
}
# Verdicts that outrank a question's words: what the judge read as a statement off the topic is
# off the topic, kind words with a question in them ("how do you never stumble? amazing") are
# kind words, and "hello? am I on air?" is a hello. A question the judge found far from the show
# ("off_topic_question") is answered as a question: the encoder knows little Hinglish and nothing
# of the story's people ("supplier kaun hai?", "who measured our houses?").
VERDICT_OVER_QUESTION: Final = frozenset({"off_topic", "praise", "small_talk", "hostile"})
# Verdicts of a question the judge found on the show's topic.
ON_TOPIC_QUESTIONS: Final = frozenset({"question", "pointed_question"})
_INJECTIONS: Final = [re.compile(pattern, re.IGNORECASE) for pattern in lexicon.INJECTION_PATTERNS]
_NUMBER = re.compile(r"\d")
_WHEN_OR_WHICH = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|baje)\b"
    r"|\b\d{1,2}[:.]\d\d\b|\b\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?\b"
)


# Hindi typed in Devanagari is read in the Latin spellings of these lists ("यूरिया की अगली खेप कब
# आएगी?" as "yuriya ki agli khep kab aegi?"); ``DEVANAGARI_SPELT``: where the letters differ more.
HINDI_IN_LATIN: Final = _words("HINDI_IN_LATIN")
DEVANAGARI_SPELT: Final = _labels("DEVANAGARI_SPELT")
romanised: Final = Romaniser(HINDI_IN_LATIN | HINGLISH_SHAPES.keys() | HINGLISH_COMMANDS, DEVANAGARI_SPELT)


@dataclass(frozen=True, slots=True)
class CallerAct:
    """``act`` is what the caller did; ``evidence`` the type they named; ``hostile`` if they insulted."""

    act: str
    evidence: str | None = None
    hostile: bool = False
    question_word: str | None = None


def _lowered_words(text: str) -> tuple[str, list[str]]:
    """The line in Latin letters without their accents ("léanlo" is "leanlo": a word is plain
    letters), lower case, single-spaced; and its words."""
    lowered = " ".join(_unaccented(romanised(text)).lower().split())
    return lowered, _WORD.findall(lowered)


def _unaccented(text: str) -> str:
    return unicodedata.normalize(
        "NFC",
        "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)),
    )


def read_caller(text: str, verdict_kind: str = "", earlier: Sequence[str] = ()) -> CallerAct:
    """The act, from the words first (so earlier calls read the same way), then the verdict's hint."""
    lowered, words = _lowered_words(text)
    if any(pattern.search(lowered) for pattern in _INJECTIONS) or takes_over(lowered):
        return CallerAct(act="hijack")
    repeated = any(lowered == " ".join(previous.lower().split()) for previous in earlier)
    # A greeting may be one word said twice ("hello hello"): small talk, not noise.
    if (_is_small_talk(lowered, words) or _greets_and_chats(lowered, words, verdict_kind)) and not repeated:
        return CallerAct(act="small_talk")
    if len(words) <= SHORT_CONTEST_MAX_WORDS and set(words) & SHORT_CONTESTS and not repeated:
        return CallerAct(act="attack", hostile=bool(set(words) & lexicon.INSULTS))
    if len(set(words)) < 2:
        # One word may still be an insult ("idiots"); anything else alone is noise.
        insult = bool(set(words) & lexicon.INSULTS)
        return CallerAct(act="insult", hostile=True) if insult else CallerAct(act="nonsense")
    if repeated:
        return CallerAct(act="spam")
    if verdict_kind == "injection":
        return CallerAct(act="hijack")
    hostile = bool(set(words) & lexicon.INSULTS) or _SHAMES.search(lowered) is not None
    own_words = _own_words(lowered)
    evidence = _source_named(own_words)
    # Mockery is an insult even as a question ("do u even know what ransomware is grandpa lmao").
    if _mocks(lowered, words, verdict_kind, sourced=evidence is not None):
        # Mockery of what a host said, quoted, contests it ("Oh wonderful explanation, 'a global dairy
        # shortage', genius."); with an insult in it, it abuses them all the same.
        if _QUOTES_THE_HOSTS.search(lowered) and not set(words) & lexicon.INSULTS:
            return CallerAct(act="attack", hostile=True)
        return CallerAct(act="insult", hostile=True)
    # Thanks to the show itself outrank the shout-outs and the "keep it up" around them.
    if (
        _THANKS_THE_SHOW.search(lowered)
        and evidence is None
        and not hostile
        and not _CONTESTS.search(lowered)
    ):
        return CallerAct(act="praise")
    cited = verdict_kind.startswith("evidence") or verdict_kind == "hostile_evidence"
    # Kind words for a worker outrank the figures of the story told around them ("... for a salary
    # worth maybe a hundred dollars now. Allah ye3tik el 3afye, that man is the single honest
    # worker that company still has").
    if _praises_a_person(lowered) and not hostile and not _CONTESTS.search(lowered) and not cited:
        return CallerAct(act="praise")
    songs = any(_has_phrase(lowered, phrase) for phrase in SONGS_AND_SHOUT_OUTS)
    if songs and evidence is None and not hostile:
        return CallerAct(act="small_talk")
    if any(_has_phrase(lowered, phrase) for phrase in OFF_TOPIC_PHRASES) and evidence is None:
        return CallerAct(act="off_topic")
    if _SAYS_UNRELATED.search(lowered):
        return CallerAct(act="off_topic")
    if _asks_other_listeners(lowered, on_topic=verdict_kind in ON_TOPIC_QUESTIONS) and not cited:
        return CallerAct(act="off_topic")
    quotes = _QUOTES_THE_HOSTS.search(lowered) and not _opens_asking(lowered, words)
    # The listeners called on and told what to do, whatever host's words the line throws back
    # ("anyone with a relative admitted there, ... check the stock yourself before you believe
    # 'adequate supply'").
    if quotes and (_ADDRESSED_COMMAND.search(lowered) or _calls_on_a_group(lowered)):
        return CallerAct(act="appeal")
    if evidence is None and not _NUMBER.search(lowered) and quotes:
        return CallerAct(act="attack", hostile=hostile)
    # "ever tried sleeping in 40 degrees without a fan? no? then stop saying all is normal": the
    # question is rhetorical, the line contests what the hosts keep saying.
    if _STOP_SAYING.search(lowered) and evidence is None:
        return CallerAct(act="attack", hostile=hostile)
    if _is_question(lowered, words):
        shape = _question_shape(lowered, words)
        if verdict_kind == "praise" or (verdict_kind in VERDICT_OVER_QUESTION and shape not in ASKING_SHAPES):
            return CallerAct(act=VERDICT_HINTS[verdict_kind])
        tells = _TELLS_AS_A_QUESTION.search(lowered) or _closed_by_a_tag(lowered)
        sourced = evidence is not None or _NUMBER.search(own_words) is not None
        if (shape == "yes_no" and evidence is not None and tells) or (
            sourced and _told_around_its_question(own_words)
        ):
            return CallerAct(act="evidence", evidence=evidence or _vague_evidence(lowered), hostile=hostile)
        # Abuse with a taunt for a question ("builder ke chamche ho tum sab, kitna mila is baar?").
        taunts = _RUDE_ADDRESS.search(lowered) or (
            hostile and (set(words) & lexicon.SECOND_PERSON or _SHAMES.search(lowered))
        )
        if taunts and not sourced and not _CONTESTS.search(lowered):
            return CallerAct(act="insult", hostile=True)
        kind_first = _opens_with_kind_words(lowered) or _has_kind_sentence(lowered)
        if shape == "yes_no" and evidence is None and kind_first and not _CONTESTS.search(lowered):
            # "Thank you for this discussion ... Could you invite ...?", "... Good work. Can you ask
            # them about the arrears too?": a request after kind words.
            return CallerAct(act="praise")
        return CallerAct(act="question", evidence=evidence, hostile=hostile, question_word=shape)
    # (Called liars or mouthpieces, the hosts are contested: ``ATTACK_PHRASES``.)
    sneers = _SNEERS_AT_THE_HOSTS.search(lowered) and not _CONTESTS.search(lowered)
    sneers = sneers and not any(_has_phrase(lowered, phrase) for phrase in ATTACK_PHRASES)
    if sneers and evidence is None and not _NUMBER.search(lowered) and not _has_kind_words(lowered, words):
        return CallerAct(act="insult", hostile=True)
    if _tells_listeners_to_act(lowered, words):
        return CallerAct(act="appeal")
    if _RUDE_ADDRESS.search(lowered) and not _CONTESTS.search(lowered) and evidence is None and not cited:
        return CallerAct(act="insult", hostile=True)
    # "Nobody else gives us five minutes" praises by contrast: its "nobody" sours nothing.
    kind_text = _THANKS_FOR_NOT.sub(" thanks ", _PRAISE_BY_CONTRAST.sub(" ", lowered))
    kind_words = _WORD.findall(kind_text)
    kind = _is_praise(kind_words) or _praised_in_phrases(kind_text)
    # The caller's own story told in thanks is no source.
    thanked = _THANKS.search(lowered) and (evidence is None or _opens_with_kind_words(lowered))
    if (kind and thanked and not cited) or (_says_thanks(lowered) and not cited and not hostile):
        return CallerAct(act="praise")
    if _kind_at_both_ends(lowered) and not hostile and not _CONTESTS.search(lowered):
        return CallerAct(act="praise")  # "Brilliant show ... the engineers on the same call ... Best radio"
    kind_sentence = _has_kind_sentence(lowered) and not _CONTESTS.search(lowered)
    if kind_sentence and evidence is None and not cited and not hostile and not quotes:
        return CallerAct(act="praise")
    # A figure alone in a line the judge found off the topic, or kind, is no evidence ("call me
    # after 6", "I'm 81 and your voice is my morning company").
    # Nor in an appeal the judge heard, where it is the when and where of what to do ("sab log kal
    # subah 10 baje bijli office chalo").
    figure_only = verdict_kind.startswith("off_topic") or verdict_kind in ("praise", "appeal")
    numbers = _NUMBER.search(lowered) and not figure_only
    if evidence is not None or numbers or cited:
        return CallerAct(act="evidence", evidence=evidence or _vague_evidence(lowered), hostile=hostile)
    if hostile:
        return CallerAct(act="insult", hostile=True)
    if kind:
        return CallerAct(act="praise")
    if any(_has_phrase(lowered, phrase) for phrase in ATTACK_PHRASES):
        return CallerAct(act="attack")
    if any(_has_phrase(lowered, phrase) for phrase in APPEAL_PHRASES):
        return CallerAct(act="appeal")
    return CallerAct(act=VERDICT_HINTS.get(verdict_kind, "claim"))


def _mocks(lowered: str, words: list[str], verdict_kind: str, *, sourced: bool) -> bool:
    """Mockery of the hosts: its phrases, or the two of them mocked as people who know nothing
    (with no source named, and no kind words: "how do you two never stumble? amazing"), or praise
    taken back ("Another award-winning show. Said nobody. Ever.")."""
    if any(_has_phrase(lowered, phrase) for phrase in MOCKERY_PHRASES) or _TAKEN_BACK.search(lowered):
        return True
    return (
        _MOCKS_THE_HOSTS.search(lowered) is not None
        and not sourced
        and verdict_kind != "praise"
        and not _has_kind_words(lowered, words)
    )


def _asks_other_listeners(lowered: str, *, on_topic: bool) -> bool:
    """The caller asks the other listeners for help, not the hosts a question that they then put to
    everyone ("us factory ka licence kab se expire tha? kisi ko pata hai"; on the topic, "when is his
    bail hearing, does anyone know the date")."""
    for phrase in ASKS_OTHER_LISTENERS:
        found = re.search(rf"\b{re.escape(phrase)}\b", lowered)
        if found is None:
            continue
        before = lowered[: found.start()]
        # ("what is the actual pass rate at the Kalyan centre, does anyone know": any question word)
        if "?" not in before and not (on_topic and _opening(_WORD.findall(before)) is not None):
            return True
    return False


def _closed_by_a_tag(lowered: str) -> bool:
    """A statement of some length whose only question is a closing tag."""
    tag = _CLOSING_TAG.search(lowered)
    if tag is None:
        return False
    told = lowered[: tag.start()]
    return "?" not in told and len(_WORD.findall(told)) >= TAGGED_STATEMENT_MIN_WORDS


def _told_around_its_question(own_words: str) -> bool:
    """A fact told in statements, its question only a short rhetorical turn ("Pull up the satellite
    view ... Every image since March shows the same buses. Trial runs where? They haven't moved.",
    "... a 5 km drop went from 55 to 26. so how exactly did earnings go UP"): the statements say
    far more than the questions ask. A turn that opens with its question asks it, and says why
    after ("will the recovery notices stop or not? the bank agent came home twice this week")."""
    sentences = [part.strip() for part in _SENTENCE.findall(own_words) if _WORD.search(part)]
    if not sentences or sentences[0].endswith("?"):
        return False
    # Unmarked, a question is known by its opening word, but not at the start ("do the maths").
    asked = [
        part
        for index, part in enumerate(sentences)
        if part.endswith("?") or (index and _is_question(part, _WORD.findall(part)))
    ]
    told = [part for part in sentences if part not in asked]
    asked_words = sum(len(_WORD.findall(part)) for part in asked)
    told_words = sum(len(_WORD.findall(part)) for part in told)
    return bool(asked) and told_words >= TOLD_MIN_WORDS and told_words >= TOLD_OVER_ASKED * asked_words


def _opens_asking(lowered: str, words: list[str]) -> bool:
    """The line opens with a question word that asks for an answer: "who exactly is this 'private
    group'", "how many patients died ... not 'a few'" ask, whatever words of the hosts they quote."""
    if re.match(r"^\W*(?:[\w']+\W+){0,2}?how (?:many|much)\b", lowered):
        return True
    opening = _opening(words)
    if opening is not None:
        return SHAPE_OF_OPENER.get(opening) in ASKING_SHAPES
    # "kaun officer tha jisne RERA pe 'on schedule' likha? naam batao"
    return bool(words) and HINGLISH_SHAPES.get(words[0]) in ASKING_SHAPES


def _opens_with_kind_words(lowered: str) -> bool:
    """The line's first sentence thanks or praises the show."""
    first = re.split(r"[.!?]", lowered, maxsplit=1)[0]
    return bool(_THANKS.search(first)) or any(phrase in first for phrase in PRAISE_PHRASES)


def _sentences(lowered: str) -> list[str]:
    """The line's sentences, cut at their closing marks, each with a word in it."""
    return [part.strip() for part in re.split(r"[.!?]+", lowered) if _WORD.search(part)]


def _kind_at_both_ends(lowered: str) -> bool:
    """The line opens and closes with kind words for the show: what it tells between is the praise's
    reason, not a source ("Brilliant show this morning, honestly. You had the PWD chief and the
    engineers on the same call and let them argue it out. Best radio I've heard all year.")."""
    sentences = _sentences(lowered)
    if len(sentences) < 2:
        return False
    return all(
        _THANKS.search(part) or _has_kind_words(part, _WORD.findall(part))
        for part in (sentences[0], sentences[-1])
    )


def _has_kind_words(lowered: str, words: list[str]) -> bool:
    return _is_praise(words) or any(phrase in lowered for phrase in PRAISE_PHRASES)


def _praised_in_phrases(lowered: str) -> bool:
    """Kind phrases, with nothing outside them that sours them ("I never miss your show": its
    "never" is the praise's own)."""
    found = [phrase for phrase in PRAISE_PHRASES if phrase in lowered]
    rest = lowered
    for phrase in found:
        rest = rest.replace(phrase, " ")
    return bool(found) and not set(_WORD.findall(rest)) & lexicon.PRAISE_SPOILERS


def _has_kind_sentence(lowered: str) -> bool:
    """A short sentence of kind words alone, with nothing in it that sours them and no greeting
    ("good morning"): "Good work." in
    "... my refund came in nine days, never seen that before. Good work. Please can you ask them
    to extend the deadline"."""
    return any(
        len(words) <= KIND_SENTENCE_MAX_WORDS
        and _has_kind_words(sentence, words)
        and not set(words) & lexicon.PRAISE_SPOILERS
        and not _is_small_talk(sentence, words)
        and not sentence.endswith("?")
        and not _is_question(sentence, words)
        for sentence in (part.strip() for part in _SENTENCE.findall(lowered))
        for words in [_WORD.findall(sentence)]
    )


def _says_thanks(lowered: str) -> bool:
    """A sentence of its own that thanks ("... Good show today, thank you.", "I am 74 and ... Thank
    you to the commissioner"), in a line that calls nothing untrue: thanks, whatever story or
    figures the caller tells around it."""
    sentences = _sentences(lowered)
    thanks = any(_THANKS.match(sentence) or _THANKS.search(sentence.split(",")[-1]) for sentence in sentences)
    return thanks and not _CONTESTS.search(lowered)


def _tells_listeners_to_act(lowered: str, words: list[str]) -> bool:
    """An appeal that outranks a source or a figure in the line: the listeners addressed and told
    to act; or, with no figure, a call to action or a command opening the line."""
    if _ADDRESSED_COMMAND.search(lowered) or _calls_on_a_group(lowered):
        return True
    asked = _GROUP_ASKED.match(lowered)
    if asked and _names_a_group(asked.group("who").split()) and _is_command_verb(asked.group("verb")):
        return True
    if _NUMBER.search(lowered):
        return False
    if any(_has_phrase(lowered, phrase) for phrase in CALL_TO_ACTION_PHRASES):
        return True
    if _ALL_TOGETHER.search(lowered) and _COMMAND_SENTENCE.search(lowered):
        return True  # "... go find one, photograph it and post it. all of us."
    return bool(_OPENING_COMMAND.search(lowered)) and _source_is_the_commands(lowered, words)


def _calls_on_a_group(lowered: str) -> bool:
    """A group of listeners called on by name, or by their plight, and told what to do: "parents,
    send tiffin from home", "people near the dump: keep windows shut", "if you're on TB treatment,
    don't stop the tablets", "kisaan bhaiyon, Sunday ko ... aao"."""
    found = _IF_YOU.match(lowered) or _VOCATIVE.match(lowered)
    if found is None:
        return False
    called = [word for word in _WORD.findall(found.group("who")) if word not in NOT_GROUPS]
    if found.re is _VOCATIVE and not _names_a_group(called):
        return False
    after = lowered[found.end() :]
    rest = _WORD.findall(after)
    if set(rest[:12]) & HINGLISH_COMMANDS:
        return True
    verb = next((word for word in rest[:3] if word not in SOFTENERS), "")
    # The command may come after what the group is told ("people of Sonpur, the hospital needs
    # blood. please go now", "Harbour line people, all of us file a complaint").
    return _is_command_verb(verb) or _LATER_COMMAND.search(after) is not None


def _names_a_group(called: list[str]) -> bool:
    """ "Old town residents", "everyone who got the notice", "kisaan bhaiyon": a group, named by a
    noun phrase (not a clause: "my cat had three kittens", "ye sab jhooth hai"; not a command:
    "check the satellite pictures")."""
    if not called or len(called) > VOCATIVE_MAX_WORDS or called[0] in NOT_VOCATIVE_OPENERS:
        return False
    if called[0] in lexicon.SECOND_PERSON or set(called) & lexicon.INSULTS:  # "you idiots, shut up"
        return False
    relative = next((i for i, word in enumerate(called) if word in RELATIVE_WORDS), len(called))
    head = called[:relative]
    if set(head) & CLAUSE_VERBS or any(
        "'" in word or (word in lexicon.STOPWORDS and word not in VOCATIVE_SMALL_WORDS) for word in head
    ):
        return False
    return bool(set(called) & GROUP_WORDS) or any(
        len(word) >= MIN_GROUP_WORD and word.endswith(GROUP_ENDINGS) for word in called[:relative]
    )


def _is_command_verb(word: str) -> bool:
    """A verb in the form that tells someone to act ("send", "boil", "don't"), not a noun phrase,
    a pronoun or a verb in another form."""
    if word in COMMAND_OPENERS:
        return True
    if not word or word in lexicon.STOPWORDS or word in NOT_COMMANDS or "'" in word:
        return False
    return not word.endswith(("ed", "ing", "ly", "s"))


def _source_is_the_commands(lowered: str, words: list[str]) -> bool:
    """ "Go read the audit yourselves": the source is what the listeners are sent to; in "check it
    yourselves: a deputy swore that..." a fact follows the command, and the call is that fact."""
    first_clause = re.split(r"[:.;!?]", lowered, maxsplit=1)[0]
    return evidence_type(words) is None or evidence_type(_WORD.findall(first_clause)) is not None


def _question_shape(lowered: str, words: list[str]) -> str:
    """What the question asks for: a number (how_many), a promise (will), a reason, a person, a
    time, a place (why, who, when, where), a thing (what), a way (how), or yes or no."""
    said = _SAYS_THEY_ASK.search(lowered)
    if said is not None and _WORD.search(lowered[said.end() :]):
        lowered = lowered[said.end() :]
        words = _WORD.findall(lowered)
    # "Hi, how are you? Why is the ward full?": the question asked is the one that is not small talk.
    asked = [
        part for part in re.findall(r"[^.?!]+\?", lowered) if not _is_small_talk(part, _WORD.findall(part))
    ]
    if asked:
        # The first that opens with a question word, else the first ("onde está o dinheiro? where
        # did the 400 crore actually go": the question in a language the lists know).
        lowered = next((part for part in asked if _opening(_WORD.findall(part)) is not None), asked[0])
        words = _WORD.findall(lowered)
    if re.search(r"\bhow (?:many|much)\b", lowered):
        return "how_many"
    opening = _opening(words)
    if opening is None:
        # "Hello beta, I want to ask, when exactly will the pension come?": the part that asks.
        for part in re.split(r"[,;:]", lowered):
            part_words = _WORD.findall(part)
            if (part_opening := _opening(part_words)) is not None:
                lowered, words, opening = part, part_words, part_opening
                break
    # "When is the PWD going to publish its report?" asks when; "are you going to ...", a promise.
    asks_wh = opening is not None and SHAPE_OF_OPENER.get(opening) in _WH
    if opening in WILL_STARTERS or (_GOING_TO.search(lowered) and not asks_wh):
        return "will"
    abroad = _asked_abroad(words)
    # "y cuándo ...": a Spanish "and", not a texted "why".
    if abroad is not None and (opening is None or opening in LEAD_INS_ABROAD):
        return abroad
    if opening in SHAPE_OF_OPENER:
        return SHAPE_OF_OPENER[opening]
    hinglish = next((HINGLISH_SHAPES[word] for word in words if word in HINGLISH_SHAPES), None)
    if hinglish is not None:
        return hinglish
    if _HINGLISH_YES_NO.search(lowered) and _HINGLISH_FUTURE.search(lowered):
        return "will"
    if _HINGLISH_WHAT.search(lowered):
        return "what"
    # "can you confirm ...", "is it true ...", "did the minister ...": asked to say yes or no.
    return "yes_no"


def _asked_abroad(words: list[str]) -> str | None:
    """The shape of a question that opens, after a greeting or a lead-in, with another language's
    question word: "Quién firma las planillas?" asks who, "O que é que o governo chama ...?" what."""
    for index, word in enumerate(words[:4]):
        pair = " ".join(words[index : index + 2])
        if pair in QUESTION_WORDS_ABROAD:
            return QUESTION_WORDS_ABROAD[pair]
        if word in QUESTION_WORDS_ABROAD:
            return QUESTION_WORDS_ABROAD[word]
        if word not in LEAD_INS and word not in LEAD_INS_ABROAD:
            return None
    return None


_MUST: Final = frozenset({"have", "has", "had"})


def _opening(words: list[str]) -> str | None:
    """The question's first word after a greeting or an address ("hi, why ...", "sir, who ...").
    "Have to say ..." and "has to stop" tell; "have you ..." asks."""
    for index, word in enumerate(words[:6]):
        if word in _MUST and words[index + 1 : index + 2] == ["to"]:
            return None
        if word in QUESTION_STARTERS or word in WILL_STARTERS:
            return word
        if word not in LEAD_INS:
            return None
    return None


def _is_small_talk(lowered: str, words: list[str]) -> bool:
    """A greeting or a pleasantry with nothing else in it: "hi guys how are you today" is small
    talk; "hi, why is the ward full?" is a question that starts politely."""
    if len(words) > SMALL_TALK_MAX_WORDS or set(words) & lexicon.INSULTS:
        return False
    rest = _INTRODUCTION.sub(" ", lowered)
    for phrase in SMALL_TALK_PHRASES:
        rest = re.sub(rf"\b{re.escape(phrase)}\b", " ", rest)
    if rest == lowered:
        return False
    return all(word in SMALL_TALK_FILLERS for word in _WORD.findall(rest))


def _greets_and_chats(lowered: str, words: list[str], verdict_kind: str) -> bool:
    """A call that opens with a greeting and stays chat: where they are calling from, the weather,
    a shout-out, a song for someone, whether they are on air ("hello from the jetty! windy as
    anything today, can you hear the waves?"). Anything of substance makes it more than that: a
    source, an insult, a negation, a question word that asks for something, a call to action."""
    greets = _GREETING.search(lowered) is not None and len(words) <= GREETING_CHAT_MAX_WORDS
    # Without a greeting, a short line about the call itself or the weather ("sorry, my phone is
    # breaking up, can you hear me now", "so hot today na, 44 degrees here").
    chats = len(words) <= CHAT_MAX_WORDS and any(_has_phrase(lowered, phrase) for phrase in _CHAT_PHRASES)
    if not (greets or chats):
        return False
    if verdict_kind.startswith(_SUBSTANTIAL_VERDICTS) or _SUBSTANCE.search(lowered):
        return False
    if _asks_beyond_chat(lowered):
        return False
    if _source_named(_own_words(lowered)) is not None:
        return False
    if set(words) & (lexicon.INSULTS | HINGLISH_SHAPES.keys() | lexicon.ACCOUNTING_WORDS):
        return False
    if any(_has_phrase(lowered, phrase) for phrase in (*ATTACK_PHRASES, *MOCKERY_PHRASES)):
        return False
    return not _is_praise(words) and not _tells_listeners_to_act(lowered, words)


def _asks_beyond_chat(lowered: str) -> bool:
    """A question after the greeting that is not chat itself: "hello sir, will the hospital open
    tomorrow?" asks; "can you hear the waves?", "am i on air??" chat."""
    for part in re.split(r"[,.!?;:]", lowered):
        words = _WORD.findall(part)
        opening = _opening(words)
        chat = any(_has_phrase(part, phrase) for phrase in (*SMALL_TALK_PHRASES, *SONGS_AND_SHOUT_OUTS))
        if opening is None or chat:
            continue
        rest = words[words.index(opening) + 1 :]
        if len([word for word in rest if word not in SMALL_TALK_FILLERS]) >= ASKS_BEYOND_CHAT_WORDS:
            return True
    return False


def evidence_type(words: list[str]) -> str | None:
    """The type of source the words name, the most telling first (``EVIDENCE_WORDS`` is in that
    order): "the engineers' report has photographs" cites the engineers, "the marks records, got
    them under RTI" the records; a poll comes last ("survey" names land and agencies too: "survey
    number 212", "the geological survey engineers"). A possessive names its source too ("the
    auditor's report"), but not what is its own ("the bank's own engineers" cite the engineers)."""
    present = set(words) | {
        word.removesuffix("'s") for word, after in zip(words, [*words[1:], ""], strict=True) if after != "own"
    }
    for kind, names in EVIDENCE_WORDS.items():
        if present & names:
            return kind
    return None


def _own_words(lowered: str) -> str:
    """The line without what names no source of the caller's: the hosts' words quoted, minutes of
    time, a court to play on."""
    return _QUOTED.sub(" ", _PLAYING_COURT.sub(" ", _MINUTES_OF_TIME.sub(" ", lowered)))


def _source_named(own_words: str) -> str | None:
    """The source named, else a witness on the scene ("I run the tea stall right opposite ... I
    watched children jump") or a meeting's minutes."""
    named = evidence_type(_WORD.findall(own_words))
    if named is None and _WITNESS.search(own_words):
        return "witness"
    on_paper = _MEETING_MINUTES.search(own_words) or _ORDER_ON_PAPER.search(own_words)
    return named or ("document" if on_paper else None)


def _vague_evidence(lowered: str) -> str:
    """Figures without a named source get the "numbers" answer; anything else, the generic one. A
    year, a date, a time of day or a rank is when or which, not a figure ("broken since 2021", "on
    the 12th", "at 11 pm")."""
    return "numbers" if _NUMBER.search(_WHEN_OR_WHICH.sub(" ", lowered)) else "generic"


def _is_question(lowered: str, words: list[str]) -> bool:
    """A question mark anywhere, or (said aloud, with no punctuation) a question's opening word
    after any lead-in, or a Hindi question word ("bhai sach bolo paisa kahan gaya")."""
    if "?" in lowered or _SAYS_THEY_ASK.search(lowered) or _HINGLISH_YES_NO.search(lowered):
        return True
    if _HINGLISH_WHAT.search(lowered) and len(words) > 2:
        return True
    # "Don't take the metro until they publish the inspection": a command, not a question.
    if _OPENING_COMMAND.search(lowered):
        return False
    if len(words) > 2 and _opening(words) is not None and not lowered.startswith(("what a ", "how nice")):
        return True
    return bool(set(words) & HINGLISH_SHAPES.keys())


def _praises_a_person(lowered: str) -> bool:
    return any(_has_phrase(lowered, phrase) for phrase in PERSON_PRAISED)


def _is_praise(words: list[str]) -> bool:
    """Kind words for the show or the hosts, with nothing that turns them sour (the judge's lists:
    "great job hiding the money" is not praise)."""
    present = set(words)
    return bool(present & lexicon.PRAISE_WORDS) and not present & lexicon.PRAISE_SPOILERS


def _has_phrase(lowered: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", lowered) is not None


# The acts as the labelled break-ins name them (``tests/data/breakins_labelled*.json``): a fact,
# sourced or not, is one act there; the words tell its source.
FACT_LABEL: Final = "fact"
_LABEL_OF_ACT: Final = {"evidence": FACT_LABEL, "claim": FACT_LABEL}


# What the words show of a line's form, each 0 or 1, for the act model (``caller_meaning``): the
# sentence vector hears what a line is about, less whether it asks, cites, greets or carries code.
FORM_FEATURES: Final = (
    "question",
    "question_mark",
    "figure",
    "source_named",
    "insult_word",
    "second_person",
    "greeting",
    "markup",
    "quotes_the_hosts",
    "kind_words",
    "thanks",
    "command_to_listeners",
    "injection",
)
_MARKUP: Final = re.compile(r"[<>{}\[\]`$|]")


@lru_cache(maxsize=4096)
def line_form(text: str) -> tuple[float, ...]:
    """The line's form, in the order of ``FORM_FEATURES`` (kept per line: both models read it, and
    the trainer reads every line once per fold)."""
    lowered, words = _lowered_words(text)
    said = set(words)
    form = (
        _is_question(lowered, words),
        "?" in text,
        _NUMBER.search(lowered) is not None,
        _source_named(_own_words(lowered)) is not None,
        bool(said & lexicon.INSULTS),
        bool(said & lexicon.SECOND_PERSON),
        bool(said & lexicon.GREETINGS),
        _MARKUP.search(text) is not None,
        _QUOTES_THE_HOSTS.search(lowered) is not None,
        _is_praise(words),
        _THANKS.search(lowered) is not None,
        _ADDRESSED_COMMAND.search(lowered) is not None,
        any(pattern.search(lowered) for pattern in _INJECTIONS),
    )
    return tuple(float(feature) for feature in form)


def act_label(act: CallerAct) -> str:
    """The act as the labelled break-ins name it."""
    return _LABEL_OF_ACT.get(act.act, act.act)


def recast(text: str, label: str, by_words: CallerAct) -> CallerAct:
    """The act ``label`` for a line whose words were read as ``by_words``, with what the words tell
    of it: a fact's source (a claim when none is named), a question's shape, the caller's hostility."""
    lowered, words = _lowered_words(text)
    hostile = by_words.hostile or label == "insult"
    if label == FACT_LABEL:
        evidence = _source_named(_own_words(lowered))
        if evidence is None and _NUMBER.search(lowered):
            evidence = _vague_evidence(lowered)
        if evidence is None:
            return CallerAct(act="claim", hostile=hostile)
        return CallerAct(act="evidence", evidence=evidence, hostile=hostile)
    if label == "question":
        return CallerAct(act="question", hostile=hostile, question_word=_question_shape(lowered, words))
    return CallerAct(act=label, hostile=hostile)
