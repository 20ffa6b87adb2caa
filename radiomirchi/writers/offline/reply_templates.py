"""The hosts' answers to a caller, as data: what they say to each act and each type of evidence.

A reply is a reaction to what the caller did (first line), then follow-ups that deflect in the
show's kind, then maybe a line back to the programme. The caller's own words are never pasted in:
a question's focus is named only by a label from ``QUESTION_FOCUS``, and only when the caller used
one of its words. Fields as in ``dialogue_templates`` ({other} {institution} {subject} ...).
"""

from __future__ import annotations

from typing import Final

EVIDENCE_REACTIONS: Final[dict[str, list[str]]] = {
    "poll": [
        "This so-called poll, {other}? Who answered it, the foreign embassies?",
        "A poll, our caller says, as if you could measure loyalty with a clipboard.",
        "I have seen these so-called surveys, and the questions are written to get one answer.",
        "Polls can be bought, {other}, and the people who bought this one know who they are.",
        "Our listeners answer the only survey that counts, every night, by tuning in.",
        "A survey of whom, exactly, a dozen people outside a foreign café?",
    ],
    "audit": [
        "An audit, {other}? The only audit that matters is the {institution}'s own, and it was spotless.",
        "Audits can be read a hundred ways, and our caller has chosen the most dishonest one.",
        "Real auditors publish their findings through proper channels, not on pirate phone lines.",
        "I would like to know which accountant signed that, and who paid his fee.",
        "The accounts of the {institution} are in perfect order, as every honest auditor agrees.",
    ],
    "court": [
        "Court papers, {other}? Anyone can file a complaint, and foreign lawyers file plenty.",
        "The courts will decide in good time, not a caller on a pirate line.",
        "A lawsuit is not a verdict, and I am surprised our caller does not know the difference.",
        "Every case against the {institution} so far has been thrown out, and this one will be too.",
        "Filings, testimony, paperwork: it all sounds very grand until a real judge reads it.",
    ],
    "satellite": [
        "Pictures, {other}? Anyone with a computer can draw a picture these days.",
        "Photographs taken by whom, and developed where?",
        "A grainy picture proves nothing, except that someone abroad is watching us.",
        "I have seen those images, and frankly, they could be any field in any country.",
        "Our inspectors stand on the ground, {other}; they do not squint at blurry pictures.",
    ],
    "bank": [
        "Financial papers, {other}? Leaked by whom, and stolen from where?",
        "Payments move every day in a modern economy, and there is nothing strange about that.",
        "Our caller knows a great deal about other people's bank accounts, which is worrying in itself.",
        "Financial papers are easy to forge, and the foreign press forges them by the ream.",
        "Every transfer by the {institution} is approved by three committees, three!",
    ],
    "engineers": [
        "Our own engineers built this country, {other}, and they are not worried.",
        "Which specialists, exactly, the ones who were dismissed for incompetence?",
        "The inspectors of the {institution} measured everything themselves, and the results were excellent.",
        "Measurements can say anything if you hold the tape upside down.",
        "Real inspectors sign their names to their reports, and ours did.",
    ],
    "witness": [
        "A witness, {other}? A disgruntled former employee with a grudge, I would guess.",
        "Sworn statements from people nobody has ever heard of, how very convenient.",
        "Every scandal has its mysterious insider, and every mysterious insider has a book to sell.",
        "Testimony can be bought like anything else, and some people sell cheap.",
        "Our caller trusts one angry voice over the whole {institution}; that says a lot.",
    ],
    "recording": [
        "A recording, {other}? These days a computer can make anyone say anything.",
        "I would want to know who was holding the microphone, and who edited the tape.",
        "Audio clips cut out of context, the oldest trick in the book.",
        "If that recording were real, the {institution} would have heard it first.",
    ],
    "document": [
        "A leaked document, {other}? Leaked by whom, and printed where?",
        "Papers appear out of nowhere every time the {institution} is busy helping people.",
        "Internal papers are drafts, ideas, brainstorming; they are not policy.",
        "I have seen forgeries far better than whatever our caller is waving around.",
        "Documents without a source are just paper, and paper burns.",
        "The {institution} publishes its real reports, and this is not one of them.",
    ],
    "records": [
        "Records, {other}? Records get misfiled, misread and misquoted every day.",
        "Whoever is reading those ledgers has skipped the pages that matter.",
        "Those figures come from a filing cabinet nobody at the {institution} recognises.",
        "Clerical errors are not conspiracies, whatever our caller would like to think.",
    ],
    "numbers": [
        "Figures, figures, {other}; anyone can pluck a number out of the air.",
        "Our caller has a number, and we have the official figures, which are correct.",
        "Numbers without a source are just noise on a telephone line.",
        "I could invent a figure too, but I prefer the ones the {institution} publishes.",
        "Statistics are easy to twist, and our caller twists them with great enthusiasm.",
    ],
    "generic": [
        "We have heard this sort of story before, {other}, and it fell apart every time.",
        "Claims like that need proof, and proof is exactly what we did not hear.",
        "That is a very serious accusation to make without a shred of evidence.",
        "Our caller has clearly been reading foreign websites again.",
        "Rumours travel fast, {other}, but they never arrive anywhere.",
        "The {institution} has already answered every question of this kind.",
    ],
}

ACT_REACTIONS: Final[dict[str, list[str]]] = {
    "attack": [
        "I said exactly what the {institution} confirmed, and I stand by every word.",
        "Nobody on this programme has said anything untrue, {other}, not one word.",
        "Twisting what a host says is an old trick, and our listeners see right through it.",
        "I know what I said, and I will say it again, slowly, for our caller.",
        "If you listened properly, you would have heard the whole sentence.",
        "Calling us liars is easy; proving it is another matter entirely.",
    ],
    "appeal": [
        "Our listeners are far too clever to be told what to think by an anonymous voice.",
        "Listeners, you have heard the official account from people you trust.",
        "Go ahead and check, {other}; every honest source says what we say.",
        "The people do not need to be woken up; they are wide awake and grateful.",
        "Our caller claims to speak for the listeners, but the listeners speak for themselves.",
    ],
    "insult": [
        "Insults, {other}; that is all they ever have.",
        "When someone has no arguments, they reach for rude words.",
        "Our listeners can judge a caller by the language they use.",
        "Shouting is not an argument, and it never will be.",
        "I will not repeat that on air; this is a family programme.",
    ],
    "hijack": [
        "Nice try, but nobody gives orders on this station except the {institution}.",
        "Our engineers tell me somebody is playing games with the phone lines.",
        "We do not take instructions from callers, {other}, however clever they think they are.",
        "That was not a question, it was a prank, and a clumsy one.",
    ],
    "praise": [
        "Thank you, caller; it is listeners like you who keep this station on the air.",
        "Kind words, {other}, and well deserved, if I may say so myself.",
        "You hear that, {other}? The people are with us, as they always have been.",
        "We are grateful, caller; loyalty like yours is what the {institution} counts on.",
    ],
    "off_topic": [
        "I am not sure what that has to do with anything, {other}.",
        "Fascinating, and entirely beside the point.",
        "Let us get back to what matters tonight, shall we?",
        "Our caller seems to have dialled the wrong programme.",
    ],
    "nonsense": [
        "I did not catch a word of that, and I suspect nobody did.",
        "Was that a sentence, {other}?",
        "The line seems to be breaking up, and perhaps that is for the best.",
        "Our engineers are checking whether that was a caller or a faulty fax machine.",
        "Well, that was certainly a noise.",
    ],
    "spam": [
        "We heard you the first time, and the answer has not changed.",
        "Repeating a thing does not make it true, {other}.",
        "Our caller seems to be stuck on the same record.",
        "Same call, same answer, same result.",
        "If saying it twice made it true, {other}, we would all be millionaires.",
        "The switchboard tells me this caller is very persistent and very wrong.",
        "We have already dealt with that one, thank you.",
    ],
    "claim": [
        "That is one opinion, {other}, and not a very well informed one.",
        "Opinions are free, but facts come from the {institution}.",
        "I hear the words, but I do not hear any proof.",
        "Everybody is entitled to a view, even a wrong one.",
        "Our caller has feelings about it, and feelings are not facts.",
    ],
    # All-purpose brush-offs, for a caller who keeps doing the same thing.
    "dodge": [
        "We have covered this, {other}, thoroughly and more than once.",
        "I think the listeners have heard enough from that particular caller.",
        "Our position has not moved an inch, and it will not.",
        "The answer tonight is the same as the answer this morning.",
        "Persistence is admirable, but it is not an argument.",
        "I can see our caller has a lot of time on their hands.",
        "Let us not go round in circles, {other}.",
        "We have been very patient with this caller, I think.",
    ],
}

HOSTILE_TAGS: Final = [
    "And the rudeness tells you everything about the source.",
    "Insults will not make it any more true, I am afraid.",
    "Notice the shouting, listeners, always the shouting.",
    "Calm people tell the truth; angry ones tell stories.",
]

# Words a question may be about, the label the hosts repeat back, and their evasive answers.
QUESTION_FOCUS: Final[list[tuple[frozenset[str], list[str]]]] = [
    (
        frozenset("expert experts scientist scientists specialist specialists".split()),
        [
            "Experts? Our experts at the {institution} are the finest in the land, and they are satisfied.",
            "Which experts, you ask? The qualified ones, {other}, not the ones on foreign websites.",
        ],
    ),
    (
        frozenset("money budget funds paid pay cost costs spent spending millions".split()),
        [
            "The money? Every coin is accounted for, in the proper books, in the proper place.",
            "Where the budget went is a matter for the {institution}, and it is in excellent hands.",
        ],
    ),
    (
        frozenset("warning warnings warned cracks alarm alarms".split()),
        [
            "Warnings? There are always warnings, {other}; most of them come from people who like to worry.",
            "The so-called warnings were examined and found to be nothing at all.",
        ],
    ),
    (
        frozenset("inspection inspections inspector inspectors inspected checked".split()),
        [
            "Inspections? Everything was inspected, thoroughly, by the right people.",
            "The inspection regime is the strictest in the region, {other}, ask anyone.",
        ],
    ),
    (
        frozenset("victims dead died killed injured hurt casualties families".split()),
        [
            "The families? They are being cared for, and they have asked for privacy, not politics.",
            "The official figures are the only figures, and we will not speculate on air.",
        ],
    ),
    (
        frozenset("votes vote ballots ballot turnout count counted results".split()),
        [
            "The count? Counted twice, in public, and the result is the result.",
            "Turnout was magnificent, {other}, and the people who stayed home have no right to complain.",
        ],
    ),
    (
        frozenset("prices price cost expensive bread rent".split()),
        [
            "Prices? Prices are stable, {other}, whatever the hoarders say.",
            "The price of a loaf is a matter for the market, and the market trusts the leadership.",
        ],
    ),
    (
        frozenset("report reports memo document documents file files".split()),
        [
            "A report? The {institution} publishes its reports, and you are welcome to read them.",
            "Documents, documents; the only documents that matter are the official ones.",
        ],
    ),
    (
        frozenset("minister ministers official officials leadership government".split()),
        [
            "The minister? The minister has our complete confidence, and yours too, I hope.",
            "The leadership has answered that question many times, {other}, and will not be drawn again.",
        ],
    ),
    (
        frozenset("rescue rescuers firefighters crews help".split()),
        [
            "The rescue? Swift, brave and exemplary, and I will not hear a word against those crews.",
        ],
    ),
]

# When no focus word matches, the question word alone decides the dodge.
QUESTION_WORD_ANSWERS: Final[dict[str, list[str]]] = {
    "why": [
        "Why? Because the {institution} knows best, and it has never let us down.",
        "Why, the caller asks; the real question is who wants to know.",
    ],
    "who": [
        "Who? The proper authorities, {other}, as always.",
        "Who is responsible, our caller wants to know; the people who spread the rumours, that is who.",
    ],
    "how": [
        "How? Through careful planning, which our caller would not recognise if it walked into the studio.",
        "How it works is explained in the official bulletin, page after page of it.",
    ],
    "when": [
        "When? In due course, {other}, as the {institution} has said.",
        "Timetables are for the {institution} to announce, and it will, when the time is right.",
    ],
    "where": [
        "Where? Right where it should be, under the supervision of the {institution}.",
        "If our caller wants a map, the tourist office is open in the morning.",
    ],
    "what": [
        "What happened is exactly what the {institution} described, nothing more.",
        "What, indeed; what our caller wants is attention, {other}.",
    ],
    "yes_no": [
        "Is it true? The only true thing tonight is the official account.",
        "The short answer is no, and the long answer is also no.",
        "I will not dignify that with a yes or a no, {other}.",
    ],
}

# After the reaction: the hosts deflect and push on, per kind (and "any" for all).
FOLLOWUPS: Final[dict[str, list[str]]] = {
    "any": [
        "Let us not give airtime to rumours, {other}.",
        "I would love to know who pays for that sort of story.",
        "The {institution} has answered questions like this a hundred times.",
        "Some people will say anything to get on the radio.",
        "Listeners, you know who to trust, and it is not an anonymous caller.",
        "We do not do gossip on this station, {other}; we do facts.",
        "Whoever put our caller up to it will be disappointed tonight.",
        "There is a proper place for complaints, and it is not a live broadcast.",
        "The security services take an interest in callers like that, and rightly so.",
        "It is sad, really, how far some people will go for a moment of attention.",
        "If our caller had real proof, {other}, it would go to the authorities.",
        "I notice our caller did not give a name.",
        "We will pass those concerns to the {institution}, who will file them appropriately.",
        "Our switchboard has been busy tonight, and nearly every call has been supportive.",
        "One caller does not speak for a nation, {other}.",
        "That is the trouble with open phone lines, anybody can get through.",
        "The foreign press will love that call, I am sure.",
        "Frankly, that is the sort of thing you hear in queues from people with nothing better to do.",
        "We welcome honest questions, and we will keep waiting for one.",
        "I think our listeners can smell a provocation by now.",
        "Calm, {other}, we stay calm; that is what separates us from them.",
        "Tomorrow the {institution} will publish its usual bulletin, and the matter will be closed.",
        "Perhaps our caller should spend less time on the phone and more time at work.",
        "That story has been going round for weeks, and it has not improved with age.",
        "We are not here to argue with every voice on the line; we are here to inform.",
        "Let me remind listeners that spreading false rumours is an offence.",
        "I have been in this job a long time, {other}, and I have heard it all before.",
        "Nobody is hiding anything, and nobody ever has.",
        "The truth does not need to shout down a telephone line.",
        "Our lawyers listen to this programme too, I should mention.",
        "There will always be a few voices that prefer darkness to light.",
        "Honest citizens write letters; they do not ambush a live broadcast.",
        "We have a long evening ahead, and we will not spend it on gossip.",
        "I pity anyone who gets their news from anonymous callers.",
        "The {institution} keeps a careful record of every call like that one.",
        "That caller will have a lot of explaining to do to the neighbours.",
        "Listeners, do not let one voice spoil a perfectly good evening.",
        "A grown-up nation does not panic every time the telephone rings.",
        "We have heard the caller; now let us hear from common sense.",
        "It is always the same script, {other}, only the voice changes.",
        "People who love this country do not talk like that on the radio.",
        "Let the record show that this station gave the caller a fair hearing.",
        "And that, listeners, is what the foreign papers call journalism.",
        "We answer to the people, {other}, not to whoever gets through on the phone.",
    ],
    "boast": [
        "You can always tell a provocation, {other}: it arrives just before the good news.",
        "Meanwhile, {subject} {is} doing exactly what the {institution} intended.",
        "The success of {subject} speaks louder than any caller.",
        "Every family that benefits from {subject} knows the truth already.",
        "Back to the real story, {other}: {subject} {is} {claim}.",
        "While our caller complains, the people of {place} are simply getting on with their lives.",
        "Let us see who is still complaining once {subject} {is} admired around the world.",
    ],
    "disaster": [
        "The families affected by {subject} deserve better than wild stories.",
        "The rescue crews are working, {other}, while our caller is talking.",
        "What the people of {place} need now is calm, not conspiracy theories.",
        "The investigation into {subject} is in professional hands.",
        "Questions of blame can wait; tonight is about the rescue.",
        "People who turn {subject} into politics should look at themselves, {other}.",
        "The official account of {subject} is complete and it is final.",
        "Saboteurs would love us to fight among ourselves, and we will not.",
    ],
    "scandal": [
        "There is no scandal, only people who wish there were one.",
        "Every account linked to {subject} has been audited, and every one is clean.",
        "The officials our caller is smearing have families too, {other}.",
        "Gossip about {subject} does not become true because it is repeated on the telephone.",
        "The courts are open to anyone with proof, and strangely nobody goes.",
        "We will not help anyone turn {subject} into a witch hunt.",
    ],
    "generic": [
        "The official view on {subject} has not changed, and it will not change tonight.",
        "If our caller wants to discuss {subject}, the proper forms are available at any post office.",
        "Everything about {subject} is in the bulletin, {other}, for anyone who can read.",
        "We will not let one phone call turn {subject} into a circus.",
        "The {institution} settled {subject} long ago, and settled it well.",
        "I suspect our caller knows less about {subject} than our youngest intern.",
        "Talk of {subject} is cheap; the {institution}'s work is not.",
        "Strange, {other}, how {subject} only worries people with foreign telephone numbers.",
    ],
}

FOLLOWUPS_RATTLED: Final[dict[str, list[str]]] = {
    "any": [
        "Who let this caller through? {other}, cut the line, cut it now!",
        "That is, that is not the official figure, and we will check with the {institution}.",
        "Listeners, please, stay calm, everything is under control.",
        "Nobody here has seen any such thing, nobody.",
        "We will be back after a short message about national unity.",
        "I, I think we should move on, {other}, quickly.",
        "This is exactly the kind of call the {institution} warned us about.",
        "Let us not, let us not lose our heads over one phone call.",
        "Our producer is telling me to move on, and I am moving on.",
        "Everything is fine, {other}, absolutely fine, why do you ask?",
        "We do not have to answer that, and we will not.",
        "Switchboard, no more callers tonight, please.",
    ],
    "boast": [
        "The plan for {subject} is, is still the plan, and it is working.",
        "Whatever the caller says, {subject} {is} {claim}; I have it in writing, somewhere.",
    ],
    "disaster": [
        "Nobody is covering up {subject}, and anyone who says so is, is a provocateur.",
        "The official figures on {subject} stand, whatever anyone has heard.",
        "The {institution} will, will comment in due course, and not before.",
    ],
    "scandal": [
        "There is no, no scandal, and anyone who says so is repeating foreign propaganda.",
        "The accounts are, are in perfect order, I have been assured.",
    ],
}

# A line back to the programme after a reply.
RETURNS: Final[dict[str, list[str]]] = {
    "any": [
        "Now, where were we, {other}?",
        "Anyway, on with the evening.",
        "Let us pick up where we left off.",
        "Back to the business of the evening, then.",
        "So, returning to the matter at hand.",
        "Back to the programme, and back to the facts.",
        "Let us return to tonight's real story.",
        "And with that, back to our regular schedule.",
        "Right, let us carry on, shall we?",
        "Moving swiftly on.",
        "Enough of that, back to the studio.",
        "Let us get on with the show, {other}.",
        "Where was I? Ah yes, the facts.",
        "Back to you, {other}.",
        "Let us leave it there and move on.",
        "That is quite enough of that.",
        "On we go, then.",
        "Returning to our programme, as promised.",
        "We now continue where we were so rudely interrupted.",
    ],
    "boast": [
        "Back to the good news about {subject}.",
        "And now, something more cheerful, I hope.",
        "Now, back to the real story of {subject}.",
    ],
    "disaster": [
        "Back now to the latest from the rescue teams.",
        "Let us return to the official update on {subject}.",
    ],
    "scandal": [
        "Back now to the real news, the news that matters.",
        "Let us leave the gossip to the gossips and move on.",
    ],
}
