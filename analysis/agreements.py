"""Find agreements: documents a text reports as signed or adopted.

A signing verb (`signing_verbs`: firmó, suscribieron, signed, adopted…)
followed in its clause by a document noun (`agreement_nouns`:
declaración, memorando, agreement, treaty…) gives one row per document
named; "firmaron 17 acuerdos" gives one row whose title holds the count.
A passive report ("el memorando, firmado por…") is read too.
"""

from __future__ import annotations

import re

from analysis.clauses import Sentence, committers, span_topics, trim
from analysis.lexicon import Grammar, noun_pattern
from analysis.textutil import case_key, prefilter

# How many words may separate a signing verb from the document it signs.
MAX_WORDS_TO_NOUN = 8
# A count with more digits than this is not a number of documents.
MAX_COUNT_DIGITS = 4
# How far after a signing verb its documents are looked for, in characters.
NOUN_WINDOW = 400
# Most words a list item may hold before the document noun ("An agreement…", "Un nuevo memorando…").
MAX_WORDS_BEFORE_LISTED = 3
_LIST_MARK = re.compile(r"[•·*–-]*\s*(?:\d{1,2}[.)]\s*)?")
# Longest title kept, in words.
MAX_TITLE_WORDS = 24


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
    if not prefilter(grammar.signing_verbs).may_match(text, sent.start, sent.end):
        return []
    nouns, kinds = noun_pattern(grammar)
    rows: list[dict[str, object]] = []
    seen: set[int] = set()
    for v in grammar.signing_verbs.finditer(text, sent.start, sent.end):
        clause_end = min(sent.clause_end(v.end()), v.end() + NOUN_WINDOW)
        hits = list(nouns.finditer(text, v.end(), clause_end))
        if hits and len(text[v.end() : hits[0].start()].split()) > MAX_WORDS_TO_NOUN:
            hits = []
        passive = not hits
        if passive:  # "el memorando, firmado por…"
            before = list(nouns.finditer(text, max(sent.clause_start(v.start()), v.start() - 80), v.start()))
            hits = before[-1:]
            if hits and known and _word_before(text, hits[0].start()) in grammar.definite_articles:
                hits = []  # "los instrumentos firmados hoy": the documents already reported
        # The first document and those coordinated with it; later nouns are complements ("sobre el acuerdo de…").
        chosen = hits[:1]
        for n in hits[1:]:
            between = text[chosen[-1].end() : n.start()]
            if _coordinated(between, grammar):
                chosen.append(n)
        for k, n in enumerate(chosen):
            if n.start() in seen:
                continue
            seen.add(n.start())
            count = _count_before(sent, n.start())
            start = count[0] if count else n.start()
            limit = chosen[k + 1].start() if k + 1 < len(chosen) else sent.clause_end(n.end())
            limit = min(limit, n.end() + NOUN_WINDOW, v.start() if passive else len(text))
            comma = text.find(",", n.end(), limit)
            limit = comma if comma > 0 else limit
            words = list(re.finditer(r"\S+", text[start:limit]))[:MAX_TITLE_WORDS]
            end = start + words[-1].end() if words else n.end()
            start, end = trim(text, start, end)
            end = _strip_trailing(text, start, end, grammar)
            rows.append(_row(sent, kinds[case_key(n.group())], start, end, count[1] if count else 1))
    return rows


def _row(sent: Sentence, kind: str, start: int, end: int, count: int) -> dict[str, object]:
    """Return the agreement row for the document named at `[start, end)`.

    Its parties are the states named around it in the sentence, completed
    with the text's parties when fewer than two are named.
    """
    nearby = sent.mentions_in(max(sent.start, start - NOUN_WINDOW), end + NOUN_WINDOW)
    around = [m for m in nearby if m.end <= start or m.start >= end]
    parties = committers([m for m in around if m.kind != "group"], sent.parties)
    if any(m.kind == "group" for m in around) or len(parties) < 2:
        parties = sorted(set(parties) | set(sent.parties))
    topic, _ = span_topics(sent, start, end)
    return {
        "sentence_id": sent.sentence_id,
        "kind": kind,
        "title": sent.text[start:end],
        "parties": ";".join(parties),
        "topic": topic,
        "start": start,
        "end": end,
        "count": count,
    }


def find_listed_agreement(sent: Sentence) -> dict[str, object] | None:
    """Return the agreement row of a list item that names a document ("A memorandum on emergency prevention;").

    Called for the sentences that follow a signing sentence ending in a
    colon; returns None when the sentence is not such an item.
    """
    nouns, kinds = noun_pattern(sent.grammar)
    text = sent.text
    start, end = trim(text, sent.start, sent.end)
    start += len(_LIST_MARK.match(text, start, end).group())
    n = nouns.search(text, start, min(end, start + 60))
    if n is None or len(text[start : n.start()].split()) > MAX_WORDS_BEFORE_LISTED:
        return None
    return _row(sent, kinds[case_key(n.group())], start, end, 1)


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"(\w+)\s+$", text[max(0, pos - 20) : pos])
    return m.group(1).lower() if m else ""


def _coordinated(between: str, grammar: Grammar) -> bool:
    """Tell whether the text between two document nouns joins them ("…, un memorando y un acuerdo")."""
    low = between.lower()
    words = re.findall(r"\w+", low)
    return (
        "," in low
        or any(w in grammar.conjunctions for w in words)
        or any(p in low for p in grammar.coordinating_phrases)
    )


def _strip_trailing(text: str, start: int, end: int, grammar: Grammar) -> int:
    """Move `end` back past conjunctions and determiners ("tratado de extradición y un" → "tratado de extradición")."""
    while True:
        m = re.search(r"\s+(\w+)$", text[start:end])
        if not m or (m.group(1).lower() not in grammar.conjunctions and m.group(1).lower() not in grammar.determiners):
            return end
        end = start + m.start()
