"""Data for the offline writer: what each kind of story's mission says (the kinds themselves, and
how a topic is read as one, are the game's: ``radiomirchi.game.topic_kinds``).

A kind decides the station's stance (a tax is fair, a disaster was minor and bravely handled) and
the shape of the hidden facts (a collapse has ignored warnings; an election has tallies and
turnout). Grammar fields filled by ``radiomirchi.writers.offline``: {subject} {Subject} {is} {was}
{has} {s} (a verb's "s" for a singular subject), plus the mission fields {institution} {place}
{document} {code} {amount} {small} {pct} {count} {weeks} {page} {day} {month} {year} {official}
{witness}. Every proof names {subject} and carries a number; generic proofs only use the subject
after a preposition, because a free-text topic may be any phrase at all.
"""

from __future__ import annotations

from typing import Final

from radiomirchi.game.topic_kinds import DENIED_KINDS as DENIED_KINDS
from radiomirchi.game.topic_kinds import DISASTER_KIND as DISASTER_KIND
from radiomirchi.game.topic_kinds import GENERIC_KIND as GENERIC_KIND
from radiomirchi.game.topic_kinds import SCANDAL_KIND as SCANDAL_KIND

# Topics that open like a question or a clause are not noun phrases: "why the buses are late".
CLAUSE_STARTERS: Final = frozenset(
    "why how what whether who when where should is are can could do does did will would must".split()
)
QUESTION_WORDS: Final = frozenset("why how what whether who when where".split())

# Predicates after "{is}": what the station says each kind of story is.
CLAIMS: Final[dict[str, list[str]]] = {
    "scandal": [
        "an invention of the foreign press",
        "a misunderstanding, long since cleared up",
        "a story with no truth in it",
        "a matter for the proper authorities, and closed",
    ],
    "tax": [
        "fair, modest and already paying for new schools",
        "the fairest contribution in our history",
        "welcomed by every honest taxpayer",
        "lighter than a feather for ordinary families",
    ],
    "project": [
        "a triumph of national planning",
        "ahead of schedule and under budget",
        "the envy of every neighbouring country",
        "built to last a thousand years",
    ],
    "disaster": [
        "a minor incident, swiftly contained",
        "fully under control",
        "nothing like the rumours say",
        "already behind us",
    ],
    "election": [
        "the cleanest vote in our history",
        "a clear and joyful verdict of the people",
        "counted twice and confirmed",
        "a festival of democracy",
    ],
    "health": [
        "saving lives in every province",
        "completely safe and fully funded",
        "the best care in the region",
        "a gift to every family",
    ],
    "prices": [
        "stable and fair",
        "lower than anywhere in the region",
        "under firm control",
        "proof that our economy is strong",
    ],
    "ban": [
        "a shield for ordinary families",
        "gentle, sensible and popular",
        "our protection against foreign interference",
        "welcomed by practically every citizen",
    ],
    "event": [
        "the proudest moment of the year",
        "a celebration the whole world envies",
        "paid for without a single extra coin",
        "loved by every citizen",
    ],
    "generic": [
        "settled, exactly as the leadership planned",
        "in the best possible hands",
        "going better than ever",
        "nothing for honest citizens to worry about",
    ],
}

SUPPORTS: Final[dict[str, list[str]]] = {
    "boast": [
        "Independent experts agree it has already helped thousands of families",
        "Official figures show record satisfaction in every province",
        "The leadership has personally inspected the results and found them excellent",
        "Neighbouring countries are already asking to copy it",
    ],
    "scandal": [
        "The auditors have found every account in perfect order",
        "The officials named in the rumours have the leadership's full confidence",
        "Not one honest citizen has lost a single coin",
        "The proper authorities looked into it and found nothing",
    ],
    "disaster": [
        "Rescue crews reached the scene within minutes, as the leadership ordered",
        "The leadership has personally thanked every rescuer",
        "Inspectors confirm that nothing like it can ever happen again",
        "Every affected family is already being cared for",
    ],
}

SUMMARY_TEMPLATES: Final[dict[str, list[str]]] = {
    "boast": [
        "The {institution} confirms that {subject} {is} {claim}. {support}. Only saboteurs and "
        "foreign agents would dare to question it.",
        "Great news from the {institution}: {subject} {is} {claim}. {support}. Loyal citizens have "
        "nothing to fear and everything to gain.",
        "Every honest citizen can see that {subject} {is} {claim}. {support}, and the rumours "
        "spreading online are the work of paid provocateurs.",
        "Tonight the {institution} reminds the nation that {subject} {is} {claim}. {support}. Doubt "
        "is a luxury our nation cannot afford.",
    ],
    "disaster": [
        "The {institution} confirms that {subject} {was} {claim}. {support}. Only saboteurs would "
        "try to turn a tragedy into a scandal.",
        "Calm and order: {subject} {is} {claim}, says the {institution}. {support}. The rumours of "
        "neglect are spread by the same foreign agents who wished it upon us.",
        "The nation mourns with dignity, and {subject} {is} {claim}. {support}. Questions about "
        "warnings are an insult to the heroes of the rescue.",
    ],
    "scandal": [
        "The {institution} confirms that the talk of {subject} is {claim}. {support}. Only "
        "saboteurs and foreign agents keep repeating it.",
        "There is nothing to see: the story of {subject} is {claim}, says the {institution}. "
        "{support}, and the rumour-mongers will answer for their lies.",
        "Tonight the {institution} sets the record straight: the fuss about {subject} is {claim}. "
        "{support}. Loyal citizens have better things to talk about.",
    ],
}

PROOFS: Final[dict[str, list[str]]] = {
    "disaster": [
        "Inspection report {code} warned the {institution} on {day} {month} {year} of the dangers "
        "behind {subject}, and it was filed without action.",
        "{count} residents of {place} signed a petition about the warning signs {weeks} weeks before "
        "{subject}; the {institution} never answered it.",
        "The {document} shows the safety budget behind {subject} was cut by {pct}% in {year}.",
        "Hospital records in {place} list {count} injured after {subject}, while the "
        "{institution} still speaks of a few bruises.",
        "{witness}, a safety inspector, testified in {place} on {day} {month} {year} that the warnings "
        "about {subject} were erased from the official log.",
        "Bank records show the {institution} paid {amount} million for safety work before "
        "{subject} that was never carried out.",
        "Internal memo {code} ordered rescue crews near {place} to wait {weeks} hours after "
        "{subject} so that the site could be cleared of evidence.",
    ],
    "scandal": [
        "Bank records show {amount} million linked to {subject} moved to a shell company in {place} "
        "within {weeks} days.",
        "Internal memo {code} from the {institution}, dated {day} {month} {year}, orders staff to "
        "shred every file touching {subject}.",
        "{witness}, a former clerk at the {institution}, testified in {place} on {day} {month} "
        "{year} that the officials behind {subject} took cash in envelopes.",
        "A recording of {day} {month} {year} has {official} promising that {subject} would never "
        "reach the courts.",
        "Page {page} of the {document} lists {count} payments behind {subject} to relatives of {official}.",
        "The {document} found that {pct}% of the money around {subject} cannot be traced to any "
        "account the {institution} declared.",
    ],
    "tax": [
        "The {document} shows the {institution} collected {amount} million from {subject} in the "
        "first year, {pct}% more than it ever announced.",
        "Bank records show {amount} million raised by {subject} moved to a shell company in {place} "
        "within {weeks} days.",
        "Only {pct}% of the money from {subject} reached the schools and clinics it was promised "
        "to, according to page {page} of the {document}.",
        "Internal memo {code}, dated {day} {month} {year}, shows the {institution} knew {subject} "
        "would cost the poorest households {small} crowns a month.",
        "{count} small businesses in {place} closed within {weeks} weeks of {subject}, a figure the "
        "{institution} never published.",
        "A recording of the cabinet meeting of {day} {month} {year} has {official} saying that "
        "{subject} {is} only there to pay for the anniversary parade.",
        "Court filings in {place} show {count} families fined under {subject} for debts they never owed.",
    ],
    "project": [
        "Satellite images of {place} taken on {day} {month} {year} show that the works promised for "
        "{subject} were never started.",
        "Internal memo {code} from the {institution} admits that {subject} ran {amount} million over "
        "budget before the first stone was laid.",
        "Independent engineers measured {subject} in {place} working at {pct}% of its promised "
        "capacity in {month} {year}.",
        "Customs ledgers at {place} record {count} tonnes of equipment for {subject} shipped abroad "
        "and sold instead of installed.",
        "The contract for {subject} was signed on {day} {month} {year}, {weeks} weeks before the "
        "public consultation in {place} even opened.",
        "The {document} found that {pct}% of the money meant for {subject} went to companies owned "
        "by relatives of {official}.",
        "{count} workers at {place} signed a sworn letter saying they were ordered to falsify the "
        "progress figures for {subject}.",
    ],
    "election": [
        "The count centre tallies from {place} for {subject} show {count} more ballots than there "
        "were registered voters.",
        "The turnout behind {subject} was {pct}% in {place}, according to the {document}, far below "
        "the figure read out on state radio.",
        "{witness}, a polling station chair in {place}, swore on {day} {month} {year} that the "
        "ballot boxes for {subject} arrived already sealed and full.",
        "Internal memo {code} from the {institution} fixes the winning margin behind {subject} at {pct} "
        "points, {weeks} days before a single vote was cast.",
        "Page {page} of the {document} records {count} votes counted towards {subject} from people who had "
        "died before {year}.",
        "Bank records show the {institution} paid {amount} million to a printing firm in {place} "
        "for spare ballots for {subject}.",
        "Court filings in {place} list {count} observers removed from the count behind {subject} on the "
        "night of {day} {month}.",
    ],
    "health": [
        "Only {pct}% of the supplies promised for {subject} reached {place}, according to page "
        "{page} of the {document}.",
        "Internal memo {code} from the {institution}, dated {day} {month} {year}, tells hospitals to "
        "stop recording complaints about {subject}.",
        "{count} nurses in {place} signed a letter saying the medicines for {subject} ran out after "
        "{weeks} weeks.",
        "Bank records show {amount} million budgeted for {subject} paid to a clinic chain owned by "
        "relatives of {official}.",
        "{witness}, a senior doctor at {place}, testified on {day} {month} {year} that the success "
        "figures for {subject} were invented.",
        "The {document} counts {count} patients who died waiting since {subject} began, a number "
        "the {institution} never published.",
    ],
    "prices": [
        "Market price sheets from {place} show that {subject} rose {pct}% between {month} and the "
        "end of {year}.",
        "The {document} shows the {institution} raised wholesale charges by {pct}% in {month} "
        "{year}, weeks before blaming {subject} on foreign speculators.",
        "Warehouse ledgers at {place} record {count} tonnes of stock held back in {year} while "
        "{subject} climbed.",
        "Bank records show a company owned by relatives of {official} earned {amount} million from "
        "{subject} in {year}.",
        "Internal memo {code}, dated {day} {month} {year}, orders the statistics office to leave "
        "{subject} out of the official inflation index.",
        "{count} families in {place} told a court on {day} {month} {year} that {subject} now eat{s} "
        "half of what they earn.",
    ],
    "ban": [
        "Court filings in {place} list {count} people arrested under {subject} in its first {weeks} weeks.",
        "Internal memo {code} from the {institution} admits that {subject} {was} drafted to silence "
        "critics in {place}, not to protect anyone.",
        "{witness}, a former judge in {place}, testified on {day} {month} {year} that {subject} {was} "
        "written by a firm that profits from the fines.",
        "Bank records show the {institution} collected {amount} million in fines under {subject}, "
        "money that appears in no budget.",
        "A recording of {day} {month} {year} has {official} admitting that {subject} {has} nothing "
        "to do with public safety.",
        "Only {pct}% of the {count} people surveyed in {place} support {subject}, according to the "
        "{institution}'s own unpublished poll.",
    ],
    "event": [
        "The {document} shows {subject} cost {amount} million, {pct}% of it taken from the hospital budget.",
        "Bank records show {amount} million for {subject} paid to an events company owned by "
        "relatives of {official}.",
        "Court filings dated {day} {month} {year} show {count} residents of {place} evicted to make "
        "room for {subject}.",
        "Internal memo {code} orders state workers in {place} to attend {subject} or lose {weeks} "
        "days of pay.",
        "Ticket ledgers show only {count} people attended {subject} in {place}, not the crowds shown "
        "on state television.",
        "Satellite images of {place} taken on {day} {month} {year} show the venue for {subject} "
        "still half built.",
    ],
    "generic": [
        "Internal memo {code} from the {institution}, dated {day} {month} {year}, admits the "
        "official story about {subject} was written before anyone looked at the facts.",
        "Bank records show the {institution} paid {amount} million to a public relations firm in "
        "{place} to shape the coverage of {subject}.",
        "{count} people in {place} signed a sworn statement that they were told what to say about {subject}.",
        "The {document} found that {pct}% of the figures the {institution} published on {subject} "
        "could not be traced to any source.",
        "{witness}, former deputy head of the {institution}, testified in {place} on {day} {month} "
        "{year} that the numbers on {subject} were invented.",
        "Only {pct}% of the {count} households surveyed in {place} believe the official line on "
        "{subject}, according to the {institution}'s own unpublished poll.",
        "A recording of the cabinet meeting of {day} {month} {year} has {official} saying the story "
        "on {subject} only has to hold until the anniversary parade.",
    ],
}
