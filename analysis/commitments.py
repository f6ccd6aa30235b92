"""Find commitments: who commits to do what, how firmly, on which topic.

A trigger from the language's grammar (`commitment_triggers`) opens a
commitment: "se comprometió a" (firm), "acordaron" (agreed), a future
verb or "la intención de" (intended). Its action runs from the action's
verb (or the noun naming it) to the end of the clause, and coordinated
actions under one trigger ("mantener X, avanzar en Y y promover Z") are
separate, atomic rows. The committing actors are the trigger's subject;
group references ("ambos países") stand for the text's parties.
Reports of meetings, praise, schedules, hopes about what others will do
and consequences ("lo que facilitará…") are not commitments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from analysis.actors import Mention
from analysis.clauses import (
    Sentence,
    committers,
    find_subject,
    is_comitative,
    proper_noun_subject,
    span_topics,
    trim,
)
from analysis.lexicon import Grammar, Trigger, noun_pattern
from analysis.textutil import WORD_RE, Prefilter, factored, first_char_gated, prefilter

# How far back from a trigger a hope ("espera que") or a coordinator is looked for, in characters.
HOPE_WINDOW = 200
COORDINATOR_WINDOW = 40
# With more triggers than this left by their prefilters, the union of all triggers is tried first.
UNION_AFTER = 2
SUBJECT_WINDOW = 120
# Words (an adverb, a day) that may stand between a trigger and its verb.
ADVERB_WORDS = 2
DOCUMENT_WINDOW = 300
# Most actors named between a trigger and its action ("la intención de Moscú y Astaná de").
MAX_SLOT = 8
_SPACES = re.compile(r"\s*")
_COLON_END = re.compile(r"\s*:\s*$")
_LIST_MARKER = re.compile(r"\s*(?:\d{1,2}[.)]|[a-z][)]|[-•·*–])\s+")
_NEXT_WORD = re.compile(r"\s*[\"“«‘]?([^\W\d_][\w'’-]*)")


@dataclass
class _Found:
    match: re.Match[str]
    trigger: Trigger
    actor_mentions: list[Mention] = field(default_factory=list)


def is_verb(word: str, grammar: Grammar, *, after_to: bool = False) -> bool:
    """Tell whether `word` can start an action: an infinitive (where the grammar has a pattern) or a listed verb."""
    low = word.lower()
    if grammar.infinitive is not None:
        return bool(grammar.infinitive.match(low)) and low not in grammar.not_infinitives
    if low in grammar.action_verbs:
        return True
    return after_to and low.replace("-", "").isalpha() and low not in grammar.determiners


def lemma_of_future(word: str, grammar: Grammar) -> str:
    """Return the infinitive of a future-tense verb ("impulsarán" → "impulsar"), or the word itself."""
    low = word.lower()
    if grammar.future_suffix is None:
        return low
    stem = grammar.future_suffix.sub("", low)
    if stem == low:
        return low
    return grammar.future_irregular.get(stem, stem)


def _negated(sent: Sentence, m: re.Match[str]) -> bool:
    """Tell whether a trigger is negated: by its own `neg` group, or by a negation just before it ("will not")."""
    if any(v for k, v in m.groupdict().items() if k.startswith("neg")):
        return True
    return bool(sent.grammar.negation_before.search(sent.text, max(sent.start, m.start() - 16), m.start()))


def _action_start(sent: Sentence, found: _Found) -> int | None:
    """Return where the action of a trigger starts, or None when the trigger does not open one."""
    text, m, trig, grammar = sent.text, found.match, found.trigger, sent.grammar
    if trig.mode == "verb":
        verb = list(WORD_RE.finditer(text, m.start(), m.end()))[-1]
        lemma = lemma_of_future(verb.group(), grammar)
        if lemma in grammar.non_commitment_verbs or lemma.removesuffix("se") in grammar.non_commitment_verbs:
            return None
        return verb.start()
    pos = m.end()
    # Skip little words ("a", "to", "also"); take actors named between trigger and action
    # ("la intención de Moscú y Astaná de").
    while True:
        nxt = _NEXT_WORD.match(text, pos, sent.end)
        if not nxt:
            return None
        word = nxt.group(1)
        run = sent.mentions_in(nxt.start(1), sent.end, limit=MAX_SLOT)
        slot = run[:1] if run and run[0].start == nxt.start(1) else []
        if slot and trig.mode == "inf":
            end_of_run = slot[0].end
            taken = [slot[0]]
            for mm in run[1:]:
                between = text[end_of_run : mm.start].strip().lower()
                if between in grammar.conjunctions or between in {",", "&"}:
                    taken.append(mm)
                    end_of_run = mm.end
                else:
                    break
            after = _NEXT_WORD.match(text, end_of_run, sent.end)
            if after and after.group(1).lower() in grammar.slot_links:
                verb = _NEXT_WORD.match(text, after.end(), sent.end)
                if verb and is_verb(verb.group(1), grammar, after_to=True):
                    found.actor_mentions = taken
                    return verb.start(1)
            break
        if word.lower() in grammar.skip_after_trigger or word.lower() in grammar.conjunctions:
            pos = nxt.end()
            continue
        break
    last_word = WORD_RE.findall(m.group())[-1].lower()
    after_to = last_word in grammar.slot_links  # "intend to", "la intención de": a verb follows
    if trig.mode == "aux":
        if word.lower() in grammar.non_commitment_verbs:
            return None
        return nxt.start(1)
    if trig.needs_verb and not is_verb(word, grammar, after_to=after_to):
        return None
    if trig.strength == "intended" and word.lower() in grammar.non_commitment_verbs:
        return None
    if trig.mode == "inf" and not is_verb(word, grammar, after_to=after_to):
        later = _verb_after_adverb(sent, nxt.end(1))
        if later is not None:  # "agreed Thursday to build", "acordaron hoy impulsar"
            return later
        if word.lower() in grammar.prepositions:
            return None  # an action is a verb or a noun phrase ("la puesta en marcha de…"), not "pactó con Lula"
    if word.lower() in grammar.determiners and noun_pattern(grammar)[0].search(m.group()):
        head = _NEXT_WORD.match(text, nxt.end(1), sent.end)
        if head and head.group(1)[:1].isupper():
            return None  # "firmaron un Memorando para la Promoción del Comercio…": the document's title
    return nxt.start(1)


def _verb_after_adverb(sent: Sentence, pos: int) -> int | None:
    """Return where a verb starts within `ADVERB_WORDS` words after `pos` ("agreed Thursday to build")."""
    grammar = sent.grammar
    for _ in range(ADVERB_WORDS):
        nxt = _NEXT_WORD.match(sent.text, pos, sent.end)
        if not nxt:
            return None
        word = nxt.group(1).lower()
        if word in grammar.slot_links:
            verb = _NEXT_WORD.match(sent.text, nxt.end(), sent.end)
            return verb.start(1) if verb and is_verb(verb.group(1), grammar, after_to=True) else None
        if is_verb(word, grammar) and grammar.infinitive is not None:
            return nxt.start(1)
        if word in grammar.determiners or word in grammar.prepositions:
            return None
        pos = nxt.end()
    return None


def _split_actions(sent: Sentence, start: int, end: int, mode: str, trigger: Trigger) -> list[tuple[int, int]]:
    """Split `[start, end)` into coordinated actions, each starting at its own verb."""
    text, grammar = sent.text, sent.grammar
    cuts: list[tuple[int, int]] = []  # (coordinator start, next action start)
    for c in grammar.coordinators.finditer(text, start + 1, end):
        nxt = _NEXT_WORD.match(text, c.end(), end)
        if not nxt or nxt.start(1) != c.end():
            continue
        word = nxt.group(1)
        if mode == "verb":
            ok = (
                bool(trigger.pattern.fullmatch(word))
                and lemma_of_future(word, grammar) not in grammar.non_commitment_verbs
            )
        else:
            ok = is_verb(word, grammar) and (grammar.infinitive is not None or word.lower() in grammar.action_verbs)
        if ok:
            cuts.append((c.start(), c.end()))
    spans = []
    s = start
    for c_start, c_end in cuts:
        if c_start > s and WORD_RE.search(text, s, c_start) and len(WORD_RE.findall(text[s:c_start])) > 1:
            spans.append(trim(text, s, c_start))
            s = c_end
        # else a lone verb sharing the next one's object ("fortalecer y diversificar el diálogo") stays with it
    spans.append(trim(text, s, end))
    return [(a, b) for a, b in spans if b > a]


class _CoordinatedPatterns(dict):
    """Per grammar: its coordinators anchored at the end of a search window ("…X, y " before a trigger)."""

    def __missing__(self, grammar: Grammar) -> re.Pattern[str]:
        pattern = factored(re.compile(f"(?:{grammar.coordinators.pattern})$", re.IGNORECASE))
        self[grammar] = pattern
        return pattern


_COORDINATED = _CoordinatedPatterns()


def _own_subject_clause(sent: Sentence, lo: int, trigger_start: int) -> re.Match[str] | None:
    """Return the coordinator opening a clause whose subject is named just before `trigger_start`, or None."""
    subject = find_subject(sent, max(lo, trigger_start - SUBJECT_WINDOW), trigger_start)
    if not subject:
        return None
    window = max(lo, subject[0].start - COORDINATOR_WINDOW)
    return _COORDINATED[sent.grammar].search(sent.text, window, subject[0].start)


def _quoted_speaker(sent: Sentence, m: re.Match[str]) -> str | None:
    """Return who promises in the first person inside what they said ("Apoyaremos…", "we will…"), or None."""
    if not sent.grammar.first_person.search(sent.text, max(sent.start, m.start() - 12), m.end()):
        return None
    for start, end, who in sent.said:
        if start <= m.start() < end and who:
            return who
    return None


def _ends_with_pronoun(sent: Sentence, lo: int, hi: int) -> bool:
    words = [w.lower() for w in WORD_RE.findall(sent.text[max(lo, hi - COORDINATOR_WINDOW) : hi])]
    return bool(words) and words[-1] in sent.grammar.pronouns


def _document_before(sent: Sentence, pos: int) -> bool:
    """Tell whether a document is named shortly before `pos` in the sentence ("el memorando…, que crea…")."""
    nouns, _ = noun_pattern(sent.grammar)
    return nouns.search(sent.text, max(sent.start, pos - DOCUMENT_WINDOW), pos) is not None


def _names_document(sent: Sentence, pos: int) -> bool:
    """Tell whether the action starting at `pos` is a document ("un acuerdo de…") rather than an action."""
    nouns, _ = noun_pattern(sent.grammar)
    hit = nouns.match(sent.text, pos)
    if hit is None:
        first = _NEXT_WORD.match(sent.text, pos, sent.end)
        if first is None or first.group(1).lower() not in sent.grammar.determiners:
            return False
        hit = nouns.match(
            sent.text, first.end() + len(sent.text[first.end() :]) - len(sent.text[first.end() :].lstrip())
        )
    return hit is not None


def open_list(sent: Sentence) -> dict[str, object] | None:
    """Return the commitment a sentence opens for a list to complete ("Both sides agreed to:"), or None.

    Returns:
        The commitment's fields but the action (actors, actor_text, trigger,
        strength, negated, trigger_start, trigger_end), for `listed_commitment`.
    """
    text = sent.text
    if not text[sent.start : sent.end].rstrip().endswith(":"):
        return None  # only a sentence ending in a colon opens a list (what `_COLON_END` asks of each trigger)
    for trig in sent.grammar.triggers:
        if trig.needs_document or trig.mode == "verb":
            continue
        for m in trig.pattern.finditer(text, sent.start, sent.end):
            if not _COLON_END.match(text, m.end(), sent.end):
                continue
            subject = find_subject(sent, sent.clause_start(m.start()), m.start())
            if not subject and trig.needs_subject:
                continue
            return {
                "actors": ";".join(committers(subject, sent.parties) if subject else sent.parties),
                "actor_text": text[subject[0].start : subject[-1].end] if subject else "",
                "trigger": m.group().strip(),
                "strength": trig.strength,
                "negated": _negated(sent, m),
                "trigger_start": m.start(),
                "trigger_end": m.end(),
            }
    return None


def listed_commitment(sent: Sentence, opened: dict[str, object]) -> dict[str, object] | None:
    """Return the commitment row of a list item under an open trigger ("- build roads;"), or None if not an item."""
    marker = _LIST_MARKER.match(sent.text, sent.start, sent.end)
    if marker is None:
        return None
    start, end = trim(sent.text, marker.end(), sent.end)
    if end <= start:
        return None
    topic, topics = span_topics(sent, start, end)
    return {
        "sentence_id": sent.sentence_id,
        **opened,
        "action": sent.text[start:end],
        "topic": topic,
        "topics": ";".join(topics),
        "start": start,
        "end": end,
    }


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@cache
def any_trigger(grammar: Grammar) -> re.Pattern[str] | None:
    """Return one pattern matching wherever any of the grammar's triggers matches (None if they cannot be joined)."""
    parts = [_NAMED_GROUP.sub("(?:", t.pattern.pattern) for t in grammar.triggers]
    if not parts or any("(?P=" in p for p in parts):  # a back-reference needs its named group
        return None
    try:
        union = re.compile("|".join(f"(?:{p})" for p in parts), grammar.triggers[0].pattern.flags)
    except re.error:
        return None
    return factored(first_char_gated(union))  # scanned over every sentence: tried only where a match may begin


@cache
def filtered_triggers(grammar: Grammar) -> tuple[tuple[Trigger, Prefilter], ...]:
    """Return each trigger of the grammar with the prefilter that tells where it may match."""
    return tuple((t, prefilter(t.pattern)) for t in grammar.triggers)


class _Live:
    """The triggers that may match somewhere in the last text seen, with their tests (see `_live`)."""

    text: str | None = None
    grammar: Grammar | None = None
    triggers: tuple[tuple[Trigger, Prefilter], ...] = ()


def _live(grammar: Grammar, text: str) -> tuple[tuple[Trigger, Prefilter], ...]:
    """Return `filtered_triggers(grammar)` but the triggers none of whose strings occurs in `text`,
    found once per text."""
    if _Live.text is not text or _Live.grammar is not grammar:
        _Live.triggers = tuple(
            (t, pf)
            for t, pf in filtered_triggers(grammar)
            if pf.strings is None or pf.slot in pf.scanner.occurring(text)
        )
        _Live.text, _Live.grammar = text, grammar
    return _Live.triggers


def find_commitments(sent: Sentence, *, signed: bool = False) -> list[dict[str, object]]:
    """Return the commitments of one sentence as table rows (see `analysis.tables.COMMITMENTS`).

    Args:
        sent: the sentence, with its mentions and the text's parties.
        signed: the sentence reports a document being signed, so an
            intended action it sets out is `agreed`.
    """
    text, grammar = sent.text, sent.grammar
    # Most sentences hold no trigger: `str.find` over the text tells which triggers may match, and each
    # runs only there. When many are left, the union of all triggers rules out most sentences in one scan.
    triggers = [t for t, pf in _live(grammar, text) if pf.may_match(text, sent.start, sent.end)]
    if not triggers:
        return []
    union = any_trigger(grammar)
    if len(triggers) > UNION_AFTER and union is not None and union.search(text, sent.start, sent.end) is None:
        return []
    found: list[_Found] = []
    for trig in triggers:
        for m in trig.pattern.finditer(text, sent.start, sent.end):
            found.append(_Found(m, trig))
    # Overlapping triggers are all tried, longest first: when one opens no action ("procura el intercambio" is
    # no intention to act), another reading of the same words may ("el memorando procura…").
    kept = sorted(found, key=lambda f: (f.match.start(), -f.match.end()))

    rows: list[dict[str, object]] = []
    prev_actors: list[str] = []
    prev_action_end = sent.start
    for i, f in enumerate(kept):
        m, trig = f.match, f.trigger
        if m.start() < prev_action_end:
            continue  # inside an earlier commitment's action
        clause_start = sent.clause_start(m.start())
        if trig.needs_subject and grammar.relative_starts.match(text, clause_start, m.start()):
            continue  # "…, lo que facilitará": a consequence, not a commitment
        if grammar.hope_markers.search(text, max(clause_start, m.start() - HOPE_WINDOW), m.start()):
            continue  # a hope or an expectation about what others will do
        if trig.needs_document and not _document_before(sent, m.start()):
            continue  # "crea", "establece" commit only when a document is what creates or establishes
        action_start = _action_start(sent, f)
        if action_start is None:
            continue
        clause_end = sent.clause_end(action_start)
        # A later trigger coordinated with this one ("acordaron X y trabajarán en Y") starts its own commitment.
        region_end = clause_end
        for g in kept[i + 1 :]:
            if g.match.start() >= clause_end:
                break
            window = max(action_start, g.match.start() - COORDINATOR_WINDOW)
            coord = _COORDINATED[grammar].search(text, window, g.match.start())
            if coord is None:  # "… y Kazajistán se comprometió a …": a coordinated clause with its own subject
                coord = _own_subject_clause(sent, action_start, g.match.start())
            if coord:
                region_end = coord.start()
                break
        subject = [] if trig.needs_document else f.actor_mentions or find_subject(sent, clause_start, m.start())
        actor_span = (subject[0].start, subject[-1].end) if subject else None
        if trig.needs_document:  # what a document sets out binds its parties
            actors = list(sent.parties)
        elif subject:
            actors = committers(subject, sent.parties)
            if is_comitative(sent, subject) and sent.lead and sent.lead not in actors:
                actors = sorted([*actors, sent.lead])
        elif prev_actors:
            actors = prev_actors
        elif (speaker := _quoted_speaker(sent, m)) is not None:  # «Apoyaremos…», dijo Sánchez
            actors = [speaker]
        elif _ends_with_pronoun(sent, clause_start, m.start()):  # "…, adding that they will…"
            earlier = find_subject(sent, sent.start, clause_start)
            actors = committers(earlier, sent.parties) if earlier else list(sent.previous_actors or sent.parties)
        elif (name := proper_noun_subject(sent, clause_start, m.start())) is not None:
            actors, actor_span = [name[0]], (name[1], name[2])
        elif trig.needs_subject:
            continue
        else:
            actors = list(sent.previous_actors or sent.parties)
        strength = "agreed" if (signed and trig.strength == "intended") else trig.strength
        actor_text = text[actor_span[0] : actor_span[1]] if actor_span else ""
        if _names_document(sent, action_start):
            continue  # "sellaron un acuerdo": an agreement, not a commitment
        for a_start, a_end in _split_actions(sent, action_start, region_end, trig.mode, trig):
            topic, topics = span_topics(sent, a_start, a_end)
            rows.append(
                {
                    "sentence_id": sent.sentence_id,
                    "actors": ";".join(actors),
                    "actor_text": actor_text,
                    "trigger": m.group().strip(),
                    "action": text[a_start:a_end],
                    "strength": strength,
                    "negated": _negated(sent, m),
                    "topic": topic,
                    "topics": ";".join(topics),
                    "start": a_start,
                    "end": a_end,
                    "trigger_start": m.start(),
                    "trigger_end": m.end(),
                }
            )
            prev_action_end = a_end
        prev_actors = actors
    return rows
