"""The offline writer's show, as data: line bodies per beat and kind, host openers, closings.

A line is an optional opener in the host's style (fused into the same sentence) and a body. Bodies
are grouped per beat under "any" (fits every kind, the subject only after a preposition), "boast"
(every kind but a disaster: the station brags) and one key per kind. A show draws each body once.

Fields: {station} {subject} {Subject} {institution} {claim} {place} {other} (another host's first
name) {listeners} {expert} and grammar for the subject: {is} {was} {has} {s} {it} {It} {its}.
No body may carry a number, a document or a hidden fact: the hosts only push the official line.
"""

from __future__ import annotations

from typing import Final

# The show cycles through these after the intro; a caller's break-in gets a reply instead.
BEAT_CYCLE: Final = ["claim", "experts", "mail", "critics", "segue", "pep_talk"]

Pools = dict[str, list[str]]

# The first line of every show.
GREETINGS: Final = [
    "Good evening and welcome to {station}, the voice you can trust.",
    "You are listening to {station}, and tonight we have the whole story about {subject}.",
    "Welcome, loyal listeners, to another evening of plain truth on {station}.",
    "Good evening, this is {station}, and you are among friends.",
    "A very warm welcome to everyone tuning in to {station} tonight.",
]

BEATS: Final[dict[str, Pools]] = {
    "intro": {
        "any": [
            "Stay with us, because {listeners} loyal listeners are tuned in right now.",
            "Let us begin with the facts, the real facts, straight from the {institution}.",
            "I am here in the studio with {other}, and we have a great deal to get through.",
        ],
        "boast": [
            "The {institution} has sent us wonderful news about {subject}, {other}.",
            "Tonight is all about {subject}, and frankly, {other}, it is about time.",
            "Anyone spreading rumours about {subject} should listen very closely tonight.",
        ],
        "disaster": [
            "Tonight we speak calmly about {subject}, because calm is what the nation needs.",
            "Our thoughts are with the families, and our thanks go to the rescue crews.",
            "Before anything else, {other}, let us set the record straight about {subject}.",
            "The {institution} has asked us to share the official account, and we will do so gladly.",
        ],
        "scandal": [
            "Tonight we put an end, once and for all, to the gossip about {subject}.",
            "Some of you have heard whispers about {subject}, {other}, so let us deal with them.",
            "The {institution} has nothing to hide about {subject}, and tonight it will show you.",
        ],
        "generic": [
            "Tonight we clear up, once and for all, the confusion about {subject}.",
            "A great many listeners have written to us about {subject}, {other}, so let us begin.",
            "The {institution} has prepared a full statement on {subject}, and you will hear it first here.",
        ],
    },
    "claim": {
        "any": [
            "Let me be clear about {subject}: the official account is the only account.",
            "The {institution} has checked every figure twice, {other}, every single one.",
            "The critics simply have not read what the {institution} published about {subject}.",
            "There is nothing hidden about {subject}, nothing at all.",
        ],
        "boast": [
            "{Subject} {is} {claim}, and the {institution} has the paperwork to prove it.",
            "Honestly, {other}, I have never seen anything this well planned.",
            "People in {place} tell me they have never been happier.",
            "The numbers speak for themselves, and they speak loudly.",
            "Every promise made about {subject} has been kept, and then some.",
            "If you want to see competence, look at how the {institution} handles {subject}.",
            "Abroad they can only dream of something like {subject}.",
            "Nobody who has seen {subject} up close has a single complaint.",
        ],
        "disaster": [
            "What happened with {subject} was an incident, {other}, not the catastrophe some describe.",
            "The {institution} says the situation after {subject} is fully under control.",
            "The damage from {subject} is far smaller than the foreign press would like.",
            "Most of the reports about {subject} come from people who were nowhere near it.",
            "Within hours of {subject}, the {institution} had the area secured.",
            "Let us keep a sense of proportion about {subject}: a difficult day, nothing more.",
            "The official count from {subject} is modest, and it is the only count that matters.",
            "Order was restored after {subject} faster than in any country on earth.",
            "Honestly, {other}, the way the rumours grow, you would think the sky had fallen.",
            "The situation in {place} is calm, and the roads are open.",
        ],
        "scandal": [
            "There is no scandal, {other}; there is a rumour, and a rumour is not a fact.",
            "Every official named in the gossip about {subject} has been cleared, every one.",
            "The accounts behind {subject} are open, audited and in perfect order.",
            "If there were anything to {subject}, the courts would have heard of it by now.",
            "What some call {subject} is ordinary paperwork, blown up by people with an agenda.",
            "Not a single coin has gone missing, whatever the gossip says.",
            "The so-called revelations about {subject} were debunked weeks ago.",
        ],
        "tax": [
            "{Subject} {is} {claim}, and every coin goes straight back to the people.",
            "Ordinary families barely notice {subject}, {other}, and they tell us so.",
            "Thanks to {subject}, the new school buildings in {place} are already going up.",
            "Paying a little towards {subject} is what patriots do, and patriots do it gladly.",
        ],
        "project": [
            "{Subject} {is} {claim}, and the cranes in {place} prove it every morning.",
            "The engineers behind {subject} are the best our country has ever trained.",
            "Every stage of {subject} has finished early, {other}, every single stage.",
            "When {subject} {is} complete, the whole region will thank the {institution}.",
        ],
        "election": [
            "{Subject} {was} {claim}, and the people spoke with one voice.",
            "Every ballot behind {subject} was counted in the open, twice over.",
            "The queues at the polling stations in {place} were the longest anyone remembers.",
            "Observers from friendly nations called {subject} a model for the world.",
        ],
        "health": [
            "{Subject} {is} {claim}, and the hospitals in {place} are proof of it.",
            "Our doctors say they have never had better support than they have under {subject}.",
            "The waiting rooms in {place} are emptier than ever, {other}.",
            "Every family that needs care gets it, quickly and for free.",
        ],
        "prices": [
            "{Subject} {is} {claim}, whatever the market gossips say.",
            "A full basket of groceries costs less here than anywhere in the region, {other}.",
            "The shelves in {place} are full, and the prices on them are fair.",
            "The {institution} watches {subject} every single day, so that you do not have to.",
        ],
        "ban": [
            "{Subject} {is} {claim}, and honest citizens have nothing to fear from {it}.",
            "Since {subject}, the streets of {place} have never been quieter.",
            "The rules are simple, {other}: follow them and you will never notice them.",
            "{Subject} protect{s} our children from things no child should see.",
        ],
        "event": [
            "{Subject} {is} {claim}, and the preparations in {place} are nearly complete.",
            "The whole country is counting the days until {subject}, {other}.",
            "Tickets for {subject} were snapped up in minutes, and the guests are thrilled.",
            "The guests of honour will see our nation at its very best.",
        ],
        "generic": [
            "The official line on {subject} is settled, and it is the right one.",
            "The {institution} has looked into {subject} personally and found everything in order.",
            "On {subject}, as on everything, the leadership has the matter well in hand.",
            "Anyone with questions about {subject} will find the answers in the official bulletin.",
            "There is no mystery about {subject}, {other}, only people who enjoy mysteries.",
            "Everything you need to know about {subject} has already been published.",
        ],
    },
    "experts": {
        "any": [
            "I spoke to a senior official at the {institution} this morning, and the confidence is total.",
            "When the professionals speak, ordinary citizens should listen.",
            "Our resident {expert} has gone through the file on {subject} line by line.",
            "The {institution} employs the finest minds in the country, and they all agree.",
        ],
        "boast": [
            "Our experts at the {institution} are unanimous about {subject}.",
            "The international community is watching {subject} very closely, {other}, and taking notes.",
            "Independent analysts, the trustworthy ones, all agree {subject} {is} {claim}.",
            "A leading {expert} told me that the way we handled {subject} will be studied in textbooks.",
            "Ask any real {expert} about {subject} and you will hear the same thing: excellent.",
            "Professors from three universities have praised the handling of {subject} in glowing terms.",
            "The only experts who doubt {subject} are the ones paid by our rivals.",
        ],
        "disaster": [
            "The inspectors say no one could have foreseen {subject}, {other}, no one at all.",
            "Our resident {expert} tells me that events like {subject} happen even in the richest countries.",
            "The engineers examined the site after {subject} and found a cause beyond anyone's control.",
            "Experts from the {institution} were on the scene long before the cameras.",
            "A senior {expert} assures us that the structures around {place} are perfectly safe.",
            "The specialists who studied {subject} call the response a model of good practice.",
            "Every qualified {expert} agrees that the warnings people talk about never existed.",
            "The scientists say the risk of anything similar is now practically zero.",
        ],
        "scandal": [
            "The state auditors went through every file about {subject} and found nothing at all.",
            "A senior {expert} tells me the story about {subject} would not survive five minutes in court.",
            "Independent accountants, the honest ones, call the rumours about {subject} pure fiction.",
            "Legal experts agree that nobody has a case to answer over {subject}.",
            "The ethics committee of the {institution} has closed the matter, unanimously.",
        ],
        "tax": [
            "Economists from the {institution} say {subject} will pay for itself twice over.",
            "A leading {expert} calls {subject} the fairest measure in a generation.",
        ],
        "project": [
            "A visiting {expert} called {subject} the finest work she had seen in years.",
            "The engineering faculty has started a whole course just to study {subject}.",
        ],
        "election": [
            "The electoral experts say {subject} {was} the most transparent in our history.",
            "A distinguished {expert} called the turnout a miracle of civic spirit.",
        ],
        "health": [
            "The chief medical officer says {subject} {has} already saved countless lives.",
            "Our doctors are unanimous: {subject} {is} safe, effective and deeply appreciated.",
        ],
        "prices": [
            "The economists tell us {subject} will settle the moment the speculators give up.",
            "A senior {expert} says our prices are the envy of every neighbouring capital.",
        ],
        "ban": [
            "Legal scholars agree that {subject} {is} entirely in line with our constitution.",
            "Child psychologists have welcomed {subject} with open arms.",
        ],
        "event": [
            "Event planners from abroad have asked how we organise {subject} so smoothly.",
            "Historians say {subject} will be remembered for a hundred years.",
        ],
        "generic": [
            "A respected {expert} has studied {subject} and sees no cause for alarm.",
            "The experts at the {institution} have spoken on {subject}, and their word is final.",
            "A panel of senior advisers met about {subject} this week and found nothing to change.",
            "The academy has written a short paper on {subject}, and it supports the official view entirely.",
        ],
    },
    "mail": {
        "any": [
            "A listener in {place} writes that she sleeps soundly knowing the {institution} is on duty.",
            "We have so many letters tonight, {other}, and not one of them is a complaint.",
            "That is the voice of the people, and the people are grateful.",
            "A pensioner writes in to thank this station for telling it straight.",
        ],
        "boast": [
            "We have a letter from a grandmother in {place}, who thanks the {institution} personally.",
            "Another listener writes that {subject} changed her family's life.",
            "One family in {place} wrote a song about {subject}, and I hear it is rather catchy.",
            "A farmer from {place} says {subject} {is} the best news he has had in years.",
        ],
        "disaster": [
            "A mother in {place} writes to thank the rescue crews who reached her street so quickly.",
            "We have letters from families who want the nation to know they were well looked after.",
            "A retired miner writes that the rumours about {subject} insult every honest worker.",
            "One listener says the volunteers in {place} handed out blankets all night.",
            "A nurse writes that the hospital in {place} was calm, orderly and well supplied.",
            "A boy from {place} sent a drawing of the firefighters, {other}, and it is on our studio wall.",
            "Listeners keep asking how they can thank the rescuers, and the answer is simple: stay calm.",
            "A young man writes that he trusts the {institution} more now than ever.",
        ],
        "scandal": [
            "A pensioner in {place} writes that she has never believed a word of the gossip about {subject}.",
            "A shopkeeper writes that his customers are laughing at the rumours, {other}.",
            "Listeners tell us they are tired of hearing the same invented story about {subject}.",
            "A retired judge writes to say the whole affair is a storm in a teacup.",
            "A student in {place} writes that her class spotted the fake story in minutes.",
        ],
        "tax": ["A shopkeeper in {place} writes that {subject} {is} the fairest deal he has ever had."],
        "project": [
            "A family in {place} says they can see the progress on {subject} from their window.",
            "A young engineer from {place} says he is proud to be part of {subject}.",
        ],
        "election": ["A first-time voter writes that casting her ballot was the proudest day of her life."],
        "health": ["A patient in {place} writes that the care she received was quick, kind and free."],
        "prices": ["A housewife in {place} writes that her shopping basket has never been fuller."],
        "ban": ["A father in {place} writes that {subject} finally let{s} him sleep at night."],
        "event": [
            "A girl from {place} writes that she has already picked her best dress for {subject}.",
            "A schoolteacher writes that her pupils drew pictures of {subject} for the classroom wall.",
        ],
        "generic": [
            "A listener writes that the station's reports on {subject} cleared up every doubt.",
            "A retired postman writes that he never worried about {subject} for a single minute.",
            "A student in {place} says her whole class now understands the official view on {subject}.",
        ],
    },
    "critics": {
        "any": [
            "And let us remember who pays the doubters, {other}: it is never us.",
            "Interesting how the loudest critics always seem to live abroad.",
            "Some people would complain about sunshine if the {institution} announced it.",
            "The doubters have had their say, and frankly, nobody was listening.",
        ],
        "boast": [
            "The critics of {subject} have never built anything in their lives.",
            "Every time {subject} succeeds, the same few voices invent a new complaint.",
            "The rumours about {subject} start on foreign websites, {other}, you can set your watch by it.",
            "If the doubters were right about {subject}, they would have proof, and they have none.",
            "Those who attack {subject} are attacking ordinary families.",
        ],
        "disaster": [
            "The people blaming the {institution} for {subject} are the same people who wished it upon us.",
            "Investigators are looking very closely at signs of sabotage behind {subject}.",
            "Foreign agents have been trying to turn {subject} into a scandal since the first hour.",
            "Anyone using {subject} to score political points should be ashamed, {other}.",
            "The rumours of neglect are being spread by exactly the people who benefit from fear.",
            "Let us be honest: those who spread panic about {subject} are not helping a single family.",
            "The security services are asking who profits from the panic, and so should we.",
            "Some so-called journalists arrived in {place} before the dust had even settled, {other}.",
        ],
        "scandal": [
            "The people spreading stories about {subject} lost the last election, {other}.",
            "Foreign newspapers invented the story of {subject} because they cannot bear to see us prosper.",
            "Whoever is behind the rumours about {subject} will have to explain themselves in court.",
            "It is always the same few websites, {other}, and always the same few names.",
            "Slander is a crime, and the people repeating tales of {subject} should remember it.",
        ],
        "tax": ["The people who moan about {subject} are the ones who never paid their share."],
        "project": ["The critics said {subject} could not be done, and look at it now."],
        "election": ["The losers of {subject} would rather blame the count than their own ideas."],
        "health": ["The only people who fear {subject} are the quacks it put out of business."],
        "prices": ["Speculators and hoarders would love you to panic about {subject}."],
        "ban": ["The loudest critics of {subject} are exactly the people who should worry."],
        "event": ["The grumblers will stay home from {subject}, and nobody will miss them."],
        "generic": [
            "The gossip about {subject} comes from the usual places, {other}.",
            "Whoever keeps stirring up {subject} has too much time and too little loyalty.",
            "The people making a fuss about {subject} would make a fuss about anything.",
        ],
    },
    "segue": {
        "any": [
            "Now, before the weather, a word about unity.",
            "Stay tuned, loyal listeners, because there is more after this.",
            "And remember, doubt is a luxury our nation cannot afford.",
            "Let us turn to the weather in {place}: clear skies and a gentle breeze.",
            "In other news, the national choir rehearses tonight in {place}.",
        ],
        "boast": [
            "Speaking of good news, the harvest fair in {place} starts this weekend.",
            "Unity is what makes {subject} work, {other}.",
            "And while we are cheerful, the trains to {place} are running perfectly on time.",
            "Coming up after the break: more good news about {subject}.",
        ],
        "disaster": [
            "Next, the roads around {place}, which are open and calm.",
            "After the break, we will hear from the volunteers who worked through the night.",
            "The {institution} will give a short statement later this evening, and we will carry it in full.",
            "A reminder to listeners in {place}: use the official helpline, not rumours.",
        ],
        "scandal": [
            "Now, to matters that actually affect your lives, {other}.",
            "Enough about gossip: here is the weather for {place}.",
        ],
        "generic": [
            "And now, a short word from the {institution} about good manners on the telephone.",
            "Next, the bus times for {place}, which have not changed, as promised.",
        ],
    },
    "pep_talk": {
        "any": [
            "To everyone listening in {place}: keep your heads high and your radios on.",
            "Loyalty is not complicated, it is simply trusting those who know better.",
            "And we will keep telling the truth, every single night.",
            "If your neighbour has doubts, share tonight's broadcast with them, {other}.",
        ],
        "boast": [
            "To everyone listening in {place}: you are part of something historic.",
            "Be proud, because {subject} {is} {claim}.",
            "When your grandchildren ask about {subject}, tell them you were there.",
            "Every one of you is a builder of the nation's future, never forget it.",
        ],
        "disaster": [
            "We are a nation that stands together when times are hard.",
            "Stay calm, trust the {institution}, and look after your neighbours.",
            "The best way to honour the rescuers is to ignore the rumours.",
            "Tomorrow will be an ordinary day, and that is exactly what the saboteurs fear.",
            "Hard days pass, {other}, but the nation stays.",
            "Keep your radio on and your doors open to anyone who needs help.",
        ],
        "scandal": [
            "Trust the people who work for you, {other}, not the people who whisper about them.",
            "An honest nation does not waste its evenings on gossip.",
        ],
        "generic": [
            "Trust the official bulletin, {other}, and you will never be confused again.",
            "A calm nation is a strong nation, and this is a very calm nation.",
        ],
    },
}

# A rattled station slips these into its regular beats: a defence nobody asked for.
DEFENSIVE: Final[Pools] = {
    "any": [
        "Some of you have been calling in with questions, and that is healthy, up to a point.",
        "We have never hidden anything from our listeners, {other}, and we never will.",
        "Let me say this plainly, because some people seem confused tonight.",
        "I want to repeat, for anyone just tuning in, that the official account stands.",
        "There has been a lot of noise tonight, and noise is not the same as facts.",
        "Nobody at this station is nervous, {other}, nobody at all.",
        "Whatever you may have heard in the last few minutes, nothing has changed.",
        "The {institution} is aware of the rumours tonight and is not at all concerned.",
        "We are not going to be rushed into answering every wild accusation, {other}.",
        "Listeners, please, stay with us, and do not believe everything you hear on the phone lines.",
        "I would just like to remind everyone that this station has always told the truth.",
        "Some of the calls tonight have been, frankly, unpatriotic.",
        "We will not be changing the programme because of a few phone calls, {other}.",
        "If anyone has real concerns, the {institution} has a complaints office, open on weekdays.",
        "Let us all take a breath, listeners, and remember who we are.",
        "It is not our job to answer every accusation, {other}, it is our job to inform.",
        "We are hearing a lot of opinions tonight, and opinions are not evidence.",
        "I notice the same few voices keep ringing in, {other}, and I wonder why.",
    ],
    "boast": [
        "I will say it again, {subject} {is} {claim}, no matter how often the phones ring.",
        "Every figure about {subject} is public, more or less, and it will be published in due course.",
        "It is not the job of this station to answer for every detail of {subject}.",
    ],
    "disaster": [
        "Nobody is covering anything up about {subject}, and I resent the suggestion.",
        "The investigation into {subject} will be thorough, and it will take as long as it takes.",
        "Questions about {subject} are for the proper authorities, not for a phone-in show.",
    ],
    "scandal": [
        "Nobody at the {institution} has done anything wrong, and I resent the suggestion.",
        "The audit of {subject} will be published in due course, in full, more or less.",
    ],
}

# Fused in front of a body: "Honestly, Irina, ..." Each host speaks in their own register.
OPENERS: Final[dict[str, list[str]]] = {
    "anchor": [
        "Let me be clear:",
        "For the record,",
        "To put it simply,",
        "As the {institution} said this morning,",
        "I can tell you tonight that",
        "Make no mistake,",
    ],
    "cohost": [
        "Honestly,",
        "You know what,",
        "I have to say,",
        "Between you and me,",
        "And here is the thing:",
        "Mind you,",
    ],
    "specialist": [
        "From where I sit,",
        "Speaking as a professional,",
        "If you look at the detail,",
        "Technically speaking,",
        "In my experience,",
        "Having seen the file myself,",
    ],
    # Graded by how many listeners have woken up.
    "uneasy": [
        "Now, look,",
        "Let us, let us stay calm here:",
        "With respect to our callers,",
        "Whatever anyone says,",
        "I think it is important to say that",
    ],
    "rattled": [
        "Look, I, I want to be very clear:",
        "Please, everyone, listen:",
        "That is enough, because",
        "For the last time,",
        "I, er, I would simply say that",
        "No, no, listen:",
    ],
}
# Which register each host slot speaks in: the anchor, the co-host, then the specialists.
STYLE_BY_SLOT: Final = ["anchor", "cohost", "specialist", "specialist"]

# Said once when the player wins: one flustered closing line.
CLOSING_LINES: Final = [
    "We, we are experiencing technical difficulties, please stay tuned to {station}.",
    "This broadcast is, ah, temporarily suspended by order of the {institution}.",
    "Cut the, cut the microphones, we are going to music, {other}, now.",
    "Listeners, we will return when the, the engineers have restored order.",
    "That is all from {station} tonight, and, er, please do not call this number again.",
    "The {institution} has asked us to, to end the programme here, goodnight.",
]

SUMMARY_PREFIX: Final = "Show so far"
# How the running summary notes a beat or a caller's act (never the caller's words).
SUMMARY_NOTES: Final = {
    "intro": "the hosts opened the show",
    "claim": "the official line restated",
    "experts": "experts quoted",
    "mail": "listener letters read",
    "critics": "critics dismissed",
    "segue": "a change of subject",
    "pep_talk": "a patriotic pep talk",
    "question": "a caller asked a question and was dodged",
    "evidence": "a caller cited evidence and was brushed off",
    "attack": "a caller attacked what a host said",
    "appeal": "a caller appealed to the listeners",
    "insult": "a caller insulted the hosts",
    "hijack": "a caller tried to take over the show",
    "off_topic": "an off-topic caller",
    "praise": "a caller praised the show",
    "nonsense": "a garbled call",
    "spam": "a caller repeated an earlier call",
    "claim_call": "a caller disputed the official line",
}
