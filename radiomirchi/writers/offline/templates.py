"""Data for the offline procedural writer: word pools and sentence templates.

Kept apart from control flow so that tone and variety can be tuned without touching logic.
Places, people and documents are invented; nothing here refers to a real event.
Placeholders are ``str.format`` fields filled by ``radiomirchi.writers.offline``.
"""

from __future__ import annotations

from typing import Final, TypedDict


class Domain(TypedDict):
    keywords: frozenset[str]
    institution: str
    places: list[str]
    documents: list[str]
    expert: str


DOMAINS: Final[dict[str, Domain]] = {
    "water": {
        "keywords": frozenset(
            "water river dam drought flood floods rain lake tap taps pipeline reservoir well wells "
            "irrigation canal sewage".split()
        ),
        "institution": "Ministry of Water Security",
        "places": ["the Halden Dam", "Lake Orsk", "the Eastern Reservoir District"],
        "documents": ["Water Quality Annex {letter}-{n}", "Reservoir Safety Review {year}/{n}"],
        "expert": "hydrologist",
    },
    "health": {
        "keywords": frozenset(
            "health vaccine vaccines vaccination hospital hospitals virus medicine medicines doctor "
            "doctors pandemic disease drug drugs clinic clinics nurses outbreak".split()
        ),
        "institution": "National Health Authority",
        "places": ["St. Brannoc Hospital", "the Kessel Valley clinics", "Ward 7 of the Central Infirmary"],
        "documents": ["Clinical Incident Log {n}", "Health Authority Circular {n}/{year}"],
        "expert": "epidemiologist",
    },
    "economy": {
        "keywords": frozenset(
            "tax taxes price prices inflation bank banks currency wage wages salary salaries economy "
            "budget pension pensions debt market markets lottery subsidy subsidies".split()
        ),
        "institution": "State Treasury",
        "places": ["the Treasury vaults in Port Halden", "the Marrow Bay exchange", "the Northern Province"],
        "documents": ["Treasury Risk Register {year}", "Budget Annex {letter}-{n}"],
        "expert": "economist",
    },
    "energy": {
        "keywords": frozenset(
            "power electricity oil gas energy fuel nuclear solar grid blackout blackouts meter meters "
            "coal pipeline reactor petrol".split()
        ),
        "institution": "Ministry of Energy",
        "places": [
            "the Vask Bay power station",
            "substation 12 in Lindqvist Junction",
            "the Orsk oil terminal",
        ],
        "documents": ["Grid Stability Report {year}/{n}", "Energy Directive {n}"],
        "expert": "grid engineer",
    },
    "elections": {
        "keywords": frozenset(
            "election elections vote votes voting ballot ballots referendum parliament candidate "
            "candidates party poll polls democracy".split()
        ),
        "institution": "Central Electoral Commission",
        "places": ["polling station 214 in Marrow Bay", "the Kestrel Valley count centre", "District 14"],
        "documents": ["Electoral Protocol {n}", "Count Centre Ledger {letter}-{n}"],
        "expert": "political scientist",
    },
    "security": {
        "keywords": frozenset(
            "police army war border borders military defence defense soldier soldiers curfew "
            "surveillance camera cameras spy spies security wall weapons".split()
        ),
        "institution": "Ministry of State Security",
        "places": [
            "checkpoint 9 on the northern border",
            "the Kestrel Valley barracks",
            "the capital's Old Quarter",
        ],
        "documents": ["Security Council Minute {n}/{year}", "Operational Order {letter}-{n}"],
        "expert": "security analyst",
    },
    "food": {
        "keywords": frozenset(
            "food grain bread farm farms farmer farmers harvest rice wheat crop crops fish ration "
            "rations sugar milk meat".split()
        ),
        "institution": "Ministry of Agriculture and Supply",
        "places": [
            "the Orsk grain silos",
            "the Kessel Valley collective farms",
            "the Port Halden food depot",
        ],
        "documents": ["Harvest Ledger {year}", "Supply Directive {n}/{year}"],
        "expert": "agronomist",
    },
    "transport": {
        "keywords": frozenset(
            "rail railway train trains road roads bridge bridges bus buses metro airport highway "
            "traffic tunnel port ferry".split()
        ),
        "institution": "Ministry of Transport",
        "places": [
            "the Vask River bridge",
            "Lindqvist Junction station",
            "kilometre 48 of the Northern Highway",
        ],
        "documents": ["Structural Inspection {letter}-{n}", "Transport Tender {n}/{year}"],
        "expert": "civil engineer",
    },
    "media": {
        "keywords": frozenset(
            "internet censorship newspaper newspapers press journalist journalists social media phone "
            "phones app apps data online television radio website websites".split()
        ),
        "institution": "State Committee for Information",
        "places": [
            "the data centre in Marrow Bay",
            "the Port Halden printing works",
            "Studio 3 of the State Broadcaster",
        ],
        "documents": ["Information Directive {n}", "Blocking Register {year}/{n}"],
        "expert": "media scholar",
    },
    "environment": {
        "keywords": frozenset(
            "climate pollution air forest forests smog waste heat weather factory factories chemical "
            "chemicals emissions plastic".split()
        ),
        "institution": "Environmental Protection Office",
        "places": [
            "the Vask Bay chemical plant",
            "the Orsk forest reserve",
            "air monitor 17 in the Old Quarter",
        ],
        "documents": ["Emissions Register {year}", "Inspection Report EP-{n}"],
        "expert": "environmental scientist",
    },
    "education": {
        "keywords": frozenset(
            "school schools university universities teacher teachers student students exam exams "
            "textbook textbooks curriculum uniform uniforms children".split()
        ),
        "institution": "Ministry of Education",
        "places": [
            "School No. 41 in Kestrel Valley",
            "the State University campus",
            "the Marrow Bay teachers' college",
        ],
        "documents": ["Curriculum Order {n}/{year}", "Inspection Dossier {letter}-{n}"],
        "expert": "education researcher",
    },
    "housing": {
        "keywords": frozenset(
            "housing rent rents apartment apartments home homes construction tower towers city "
            "cities building buildings eviction evictions".split()
        ),
        "institution": "Ministry of Construction and Housing",
        "places": [
            "Block C of the Riverside Towers",
            "the Kessel Valley estate",
            "the Old Quarter demolition zone",
        ],
        "documents": ["Building Safety File {letter}-{n}", "Housing Allocation List {year}"],
        "expert": "urban planner",
    },
    "industry": {
        "keywords": frozenset(
            "mine mines mining miner miners copper coal steel factory factories plant smelter quarry "
            "industrial workshop shipyard foundry".split()
        ),
        "institution": "Ministry of Mines and Industry",
        "places": ["shaft 4 of the Orsk copper works", "the Vask Bay steelworks", "the Kessel Valley quarry"],
        "documents": ["Mine Safety Register {year}/{n}", "Industrial Inspection {letter}-{n}"],
        "expert": "mining engineer",
    },
    "space": {
        "keywords": frozenset(
            "moon space rocket rockets satellite satellites mars orbit launch astronaut".split()
        ),
        "institution": "National Space Agency",
        "places": [
            "launch pad 2 at the Vask Cosmodrome",
            "the Orsk tracking station",
            "Hangar 5 in Lindqvist Junction",
        ],
        "documents": ["Flight Readiness Review {n}", "Mission Anomaly Report {year}/{n}"],
        "expert": "aerospace engineer",
    },
}

DEFAULT_DOMAIN: Final[Domain] = {
    "keywords": frozenset(),
    "institution": "Ministry of Public Harmony",
    "places": ["the Northern Province", "Port Halden", "Kestrel Valley"],
    "documents": ["Cabinet Minute {n}/{year}", "Audit Report AR-{n}"],
    "expert": "policy analyst",
}

GENERIC_PLACES: Final = [
    "Marrow Bay",
    "Lindqvist Junction",
    "District 14",
    "the Southern Province",
    "Vask Bay",
    "the capital's Old Quarter",
    "Kessel Valley",
    "Orsk",
]

STATION_PREFIXES: Final = [
    "Radio Mirchi",
    "Voice of the Motherland",
    "National Harmony",
    "Patriot Wave",
    "Radio Unity",
    "The People's Frequency",
]

MALE_FIRST_NAMES: Final = [
    "Viktor",
    "Anand",
    "Marco",
    "Dmitri",
    "Omar",
    "Felix",
    "Rustam",
    "Tomas",
    "Idris",
    "Bruno",
    "Kiran",
    "Lev",
    "Hector",
    "Jonas",
    "Emil",
    "Rafael",
    "Arjun",
    "Nikolai",
    "Samir",
    "Gideon",
]
FEMALE_FIRST_NAMES: Final = [
    "Irina",
    "Meera",
    "Sofia",
    "Lena",
    "Amara",
    "Nadia",
    "Priya",
    "Elena",
    "Zara",
    "Ingrid",
    "Leila",
    "Marta",
    "Yasmin",
    "Olga",
    "Kavya",
    "Clara",
    "Anika",
    "Rosa",
    "Dilnoza",
    "Talia",
]
LAST_NAMES: Final = [
    "Volkov",
    "Mehta",
    "Castellano",
    "Brandt",
    "Okafor",
    "Petrov",
    "Sharma",
    "Novak",
    "Haddad",
    "Lindqvist",
    "Moreau",
    "Kovac",
    "Rahman",
    "Ferreira",
    "Adeyemi",
    "Sato",
    "Orlov",
    "Varga",
    "Demir",
    "Costa",
    "Bakshi",
    "Nakamura",
    "Dahl",
    "Mendes",
    "Quist",
    "Ilves",
    "Sandor",
    "Lutz",
]

# The first two slots are fixed so every show has an anchor and a co-host.
ROLES_BY_SLOT: Final = [
    ["Lead anchor", "Evening anchor", "Chief presenter"],
    ["Co-host", "Studio co-host", "Morning co-host"],
    ["Ministry correspondent", "Resident {expert}", "Field reporter", "Call-in moderator"],
    ["Resident {expert}", "Political commentator", "Ministry correspondent", "Field reporter"],
]

BACKGROUNDS: Final = [
    "{years} years in the {institution}'s press office before taking the microphone.",
    "A former {expert} who now reads the evening bulletin and never misses a chance to praise the "
    "leadership.",
    "Won the State Broadcasting Medal twice; famous for a calm voice that makes any figure sound certain.",
    "Grew up in {place}; tells listeners folksy stories that always end with gratitude to the state.",
    "Joined the station after {years} years as a party youth organiser and still speaks in slogans.",
    "A celebrity quiz-show host turned news presenter who treats every doubt as a joke.",
    "Wrote the official history of the {institution} and quotes it from memory.",
    "A retired army officer who sees enemy agents behind every critical question.",
]

PERSONALITIES: Final = [
    "warm and grandfatherly, smothering doubts in reassurance",
    "brisk and combative, treating every question as an attack",
    "cheerful and chatty, changing the subject with a joke",
    "solemn and patriotic, wrapping everything in the flag",
    "smooth and technocratic, burying listeners in official-sounding figures",
    "sarcastic and mocking, making critics sound ridiculous",
]

SPEAKING_STYLES: Final = [
    "short confident sentences and rhetorical questions",
    "long flowing sentences full of official titles",
    "folksy sayings and appeals to common sense",
    "numbers quoted with total certainty, never with a source",
    "dramatic pauses and appeals to history",
]

TACTICS: Final = [
    'appeal to authority ("the experts at the {institution} have checked")',
    'discredit the messenger ("who is paying this caller?")',
    "change the subject to a happy story from {place}",
    "wave the flag: doubt is disloyal",
    "mock the caller's tone instead of their facts",
    "bury the question under an official-sounding statistic",
    "promise an investigation that will never happen",
]

SHOW_FORMATS: Final = [
    "a late-night phone-in show that pretends to welcome callers",
    "a breakfast news magazine with a 'myth-busting' segment",
    "a Sunday patriotic talk show with a studio expert",
    "a drive-time call-in show with a 'voice of the people' slot",
]

# Pools for inventing a topic when the player asks for "any".
INVENTED_ADJECTIVES: Final = ["new", "mandatory", "emergency", "voluntary", "historic", "temporary"]
INVENTED_POLICIES: Final = [
    "water tax",
    "loyalty app",
    "bread ration",
    "curfew",
    "census",
    "smart meter rollout",
    "river dam",
    "vaccination drive",
    "school uniform law",
    "fuel subsidy cut",
    "border wall",
    "rail privatisation",
    "internet shutdown",
    "moon mission",
    "state lottery",
    "pension reform",
]
INVENTED_SCOPES: Final = [
    "",
    "for pensioners",
    "in the capital",
    "for farmers",
    "for students",
    "in the border provinces",
]

MONTHS: Final = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DOCUMENT_LETTERS: Final = "ABCDEFGHKLMNPRSTVX"

BRIEFING_TEMPLATE: Final = """\
SHOW & CHARACTER BRIEFING: {station_name}

Show format: {show_format}. Today's official line: {summary}

Topic: {topic}. The broadcast speaks for the {institution}.

Hosts:
{hosts}

Rules for every line:
- Each line belongs to exactly one host above and is at most 40 words, spoken aloud, no stage directions.
- The hosts push the official line and never state the hidden facts below, not even to deny them
  word for word.
- When a caller breaks in, the hosts answer in character: deflect, discredit, appeal to authority,
  change the subject, mock or wave the flag. They never concede outright, and they never call a
  public, verifiable fact false in plain words.

Hidden facts the caller may use (never say these on air):
{proofs}
"""

BRIEFING_HOST_TEMPLATE: Final = (
    "- {name} ({gender}, {role}): {personality}. Speaks in {style}. Stance: {stance}. "
    "Favourite tactics: {tactic_a}; {tactic_b}."
)

STANCES: Final = [
    "true believer in the official line",
    "careerist who repeats whatever keeps the job",
    "privately nervous, loudly loyal",
    "cynic who enjoys the power of the microphone",
]
