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
# Longest title kept, in words.
MAX_TITLE_WORDS = 24


@cache
def _noun_pattern(grammar: Grammar) -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {noun.lower(): kind for noun, kind in grammar.agreement_nouns}
    alternatives = "|".join(re.escape(n) for n in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), kinds


def _count_before(sent: Sentence, noun_start: int) -> tuple[int, int] | None:
    """Return `(start, count)` of a number before a noun ("17 acuerdos", "cinco memorandos"); count 0 = unstated."""
    before = sent.text[max(sent.start, noun_start - 60) : noun_start]
    m = re.search(r"(\d[\d.,]*|\w+)\s+(?:\w+\s+)?$", before)
    if not m:
        return None
    word = m.group(1).lower()
    start = noun_start - len(before) + m.start(1)
    if word[0].isdigit():
        digits = re.sub(r"\D", "", word)
        return (start, int(digits)) if digits else None
    value = sent.grammar.number_words.get(word)
    if value and value > 1:
        return start, value
    q = re.search(sent.grammar.number_quantifiers.pattern + r"\s+$", before, re.IGNORECASE)
    if q:
        return noun_start - len(before) + q.start(), 0
    return None


def find_agreements(sent: Sentence) -> list[dict[str, object]]:
    """Return the agreements of one sentence as table rows (see `analysis.tables.AGREEMENTS`)."""
    text, grammar = sent.text, sent.grammar
    nouns, kinds = _noun_pattern(grammar)
    rows: list[dict[str, object]] = []
    seen: set[int] = set()
    for v in grammar.signing_verbs.finditer(text, sent.start, sent.end):
        clause_end = sent.clause_end(v.end())
        hits = list(nouns.finditer(text, v.end(), clause_end))
        if hits and len(text[v.end() : hits[0].start()].split()) > MAX_WORDS_TO_NOUN:
            hits = []
        if not hits:  # passive: "el memorando, firmado por…"
            before = list(nouns.finditer(text, max(sent.clause_start(v.start()), v.start() - 80), v.start()))
            hits = before[-1:]
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
            words = list(re.finditer(r"\S+", text[start:limit]))[:MAX_TITLE_WORDS]
            end = start + words[-1].end() if words else n.end()
            start, end = trim(text, start, end)
            end = _strip_conjunction(text, start, end)
            before_mentions = [m for m in sent.mentions if m.end <= start or m.start >= end]
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
    m = re.search(r"(?:\s+(?:y|e|and|o|or))+$", text[start:end], re.IGNORECASE)
    return start + m.start() if m else end
