"""Find agreements: documents a text reports as signed or adopted.

A signing verb (`signing_verbs`: firmó, suscribieron, signed, adopted…)
followed in its clause by a document noun (`agreement_nouns`:
declaración, memorando, agreement, treaty…) gives one row per document
named; "firmaron 17 acuerdos" gives one row whose title holds the count.
A passive report ("el memorando, firmado por…") is read too.
"""

from __future__ import annotations

import re
from functools import cache

from analysis.clauses import Sentence, committers, span_topics, trim
from analysis.lexicon import Grammar

# How many words may separate a signing verb from the document it signs.
MAX_WORDS_TO_NOUN = 8
_DEFINITE = re.compile(r"\b(?:el|la|los|las|este|esta|estos|estas|dicho|dicha|the|this|these|those|that)\s+$", re.I)
# A count with more digits than this is not a number of documents.
MAX_COUNT_DIGITS = 4
# How far after a signing verb its documents are looked for, in characters.
NOUN_WINDOW = 400
# Longest title kept, in words.
MAX_TITLE_WORDS = 24


@cache
def noun_pattern(grammar: Grammar) -> tuple[re.Pattern[str], dict[str, str]]:
    """Return a pattern matching the language's document nouns, longest first, and noun → kind."""
    kinds = {noun.lower(): kind for noun, kind in grammar.agreement_nouns}
    alternatives = "|".join(re.escape(n) for n in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), kinds


def _count_before(sent: Sentence, noun_start: int) -> tuple[int, int] | None:
    """Return `(start, count)` of a number before a noun ("17 acuerdos", "cinco memorandos"); count 0 = unstated."""
    before = sent.text[max(sent.start, noun_start - 60) : noun_start]
    base = noun_start - len(before)
    # The word right before the noun, else the one before that ("ten additional documents").
    for m in reversed(list(re.finditer(r"[\w.,]+", before))[-2:]):
        word = m.group().lower().rstrip(".,")
        if word and word[0].isdigit():
            digits = re.sub(r"\D", "", word)
            if not digits:
                return None
            count = int(digits) if len(digits) <= MAX_COUNT_DIGITS else 0  # "99999999999999999999 acuerdos": unstated
            return base + m.start(), count
        value = sent.grammar.number_words.get(word)
        if value and value > 1:
            return base + m.start(), value
    q = re.search(sent.grammar.number_quantifiers.pattern + r"\s+(?:\w+\s+)?$", before, re.IGNORECASE)
    if q:
        return base + q.start(), 0
    return None


def find_agreements(sent: Sentence, *, known: bool = False) -> list[dict[str, object]]:
    """Return the agreements of one sentence as table rows (see `analysis.tables.AGREEMENTS`).

    Args:
        sent: the sentence.
        known: the text has already reported a signing, so a definite
            passive mention ("the document was signed") refers back to it.
    """
    text, grammar = sent.text, sent.grammar
    nouns, kinds = noun_pattern(grammar)
    rows: list[dict[str, object]] = []
    seen: set[int] = set()
    for v in grammar.signing_verbs.finditer(text, sent.start, sent.end):
        clause_end = min(sent.clause_end(v.end()), v.end() + NOUN_WINDOW)
        hits = list(nouns.finditer(text, v.end(), clause_end))
        if hits and len(text[v.end() : hits[0].start()].split()) > MAX_WORDS_TO_NOUN:
            hits = []
        if not hits:  # passive: "el memorando, firmado por…"
            before = list(nouns.finditer(text, max(sent.clause_start(v.start()), v.start() - 80), v.start()))
            hits = before[-1:]
            if hits and known and _DEFINITE.search(text, max(sent.start, hits[0].start() - 12), hits[0].start()):
                hits = []  # "los instrumentos firmados hoy": the documents already reported
        # The first document and those coordinated with it; later nouns are complements ("sobre el acuerdo de…").
        chosen = hits[:1]
        for n in hits[1:]:
            between = text[chosen[-1].end() : n.start()]
            if re.search(r"(?:,|\by\b|\be\b|\band\b|as well as|así como)\s*(?:\w+\s+){0,3}$", between, re.IGNORECASE):
                chosen.append(n)
        for k, n in enumerate(chosen):
            if n.start() in seen:
                continue
            seen.add(n.start())
            count = _count_before(sent, n.start())
            start = count[0] if count else n.start()
            limit = chosen[k + 1].start() if k + 1 < len(chosen) else sent.clause_end(n.end())
            limit = min(limit, n.end() + NOUN_WINDOW)
            comma = text.find(",", n.end(), limit)
            limit = comma if comma > 0 else limit
            words = list(re.finditer(r"\S+", text[start:limit]))[:MAX_TITLE_WORDS]
            end = start + words[-1].end() if words else n.end()
            start, end = trim(text, start, end)
            end = _strip_conjunction(text, start, end)
            nearby = sent.mentions_in(max(sent.start, start - NOUN_WINDOW), end + NOUN_WINDOW)
            before_mentions = [m for m in nearby if m.end <= start or m.start >= end]
            parties = committers([m for m in before_mentions if m.kind != "group"], sent.parties)
            if any(m.kind == "group" for m in before_mentions) or len(parties) < 2:
                parties = sorted(set(parties) | set(sent.parties)) if parties else list(sent.parties)
            topic, _ = span_topics(sent, start, end)
            rows.append(
                {
                    "sentence_id": sent.sentence_id,
                    "kind": kinds[n.group().lower()],
                    "title": text[start:end],
                    "parties": ";".join(parties),
                    "topic": topic,
                    "start": start,
                    "end": end,
                    "count": count[1] if count else 1,
                }
            )
    return rows


def _strip_conjunction(text: str, start: int, end: int) -> int:
    m = re.search(
        r"(?:\s+(?:y|e|o|u|and|or|un|una|unos|unas|el|la|los|las|a|an|the))+$", text[start:end], re.IGNORECASE
    )
    return start + m.start() if m else end


def find_listed_agreement(sent: Sentence) -> dict[str, object] | None:
    """Return the agreement row of a list item that names a document ("A memorandum on emergency prevention;").

    Called for the sentences that follow a signing sentence ending in a
    colon; returns None when the sentence is not such an item.
    """
    nouns, kinds = noun_pattern(sent.grammar)
    text = sent.text
    lead = re.match(r"[\s•·*–-]*(?:\d+[.)]\s*)?(?:\w+\s+){0,3}?", text[sent.start : sent.end])
    pos = sent.start + (lead.end() if lead else 0)
    for n in nouns.finditer(text, sent.start, min(sent.end, pos + 40)):
        if len(text[sent.start : n.start()].split()) > 3:
            break
        start, end = trim(text, sent.start, sent.end)
        start = start + len(re.match(r"[•·*–-]*\s*(?:\d+[.)]\s*)?", text[start:end]).group())
        topic, _ = span_topics(sent, start, end)
        parties = committers([m for m in sent.mentions if m.kind != "group"], sent.parties)
        return {
            "sentence_id": sent.sentence_id,
            "kind": kinds[n.group().lower()],
            "title": text[start:end],
            "parties": ";".join(sorted(set(parties) | set(sent.parties)) if len(parties) < 2 else parties),
            "topic": topic,
            "start": start,
            "end": end,
            "count": 1,
        }
    return None
