"""Split a text into paragraphs and sentences with character offsets.

Rule-based, driven by each language's abbreviation list
(`analysis/data/<lang>/grammar.json`, key `abbreviations`): a sentence
ends at `.`, `!`, `?` or `…` (and any closing quotes or brackets after
it) when whitespace and a capital letter, digit, opening quote or
inverted mark follow, unless the word before is an abbreviation, an
initial or a dotted acronym (EE.UU., U.S.). Decimals and thousands
(3,5 %, 1.000 millones) have no space after the point and never split.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Punctuation that ends a line which is a paragraph of its own (not a soft wrap).
_LINE_END = re.compile(r"[.!?…:;»”\"')\]]\s*$")
# Possessive quantifiers keep long runs of points or spaces linear. A run of end marks not after another
# (the lookbehind, once one is read); beginning with the marks, the regex engine skips straight to them.
_CANDIDATE = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"”»’')\]]*+(?=\s)")
_NEXT_START = re.compile(r"\s++(?:[\"“«¿¡(\[—–-]\s*+)?[A-ZÁÉÍÓÚÑÜÀÈÌÒÙÇ0-9\"“«¿¡]")
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]")
_DOTTED = re.compile(r"^(?:\w{1,3}\.){2,}$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence: where it is and which paragraph holds it."""

    start: int
    end: int
    paragraph_id: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the `(start, end)` of each paragraph of `text`, blanks trimmed.

    A blank line always separates paragraphs. A single line break does
    too, unless the line before ends without punctuation and the next
    starts in lower case: then it is a soft wrap inside one paragraph.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    prev_end = 0
    prev_line_start = 0
    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            if start is not None:
                spans.append((start, prev_end))
                start = None
            continue
        if start is not None:
            prev_line = text[prev_line_start:prev_end]
            continues = line.lstrip()[:1].islower()
            if _LINE_END.search(prev_line) or not continues:
                spans.append((start, prev_end))
                start = None
        if start is None:
            start = line_start
        prev_line_start, prev_end = line_start, line_end
    if start is not None:
        spans.append((start, prev_end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, *, abbreviations: Iterable[str] = ()) -> list[Span]:
    """Split `text` into sentences.

    Args:
        text: the document text.
        abbreviations: lower-case abbreviations with their final point
            ("sr.", "ee.uu.", "p. ej." is handled as two initials).

    Returns:
        One `Span` per sentence, in order, whitespace trimmed; a sentence
        never crosses a paragraph.
    """
    abbrevs = _lowered(abbreviations)
    out: list[Span] = []
    for pid, (p_start, p_end) in enumerate(paragraphs(text)):
        s_start = p_start
        for m in _CANDIDATE.finditer(text, p_start, p_end):
            cut = m.end()
            nxt = _NEXT_START.match(text, cut, p_end)
            if not nxt:
                continue
            if (
                text[m.start()] == "."
                and m.end() - m.start() == 1
                and _is_abbreviation(text, m.start(), s_start, abbrevs)
            ):
                continue
            if _LIST_NUMBER.fullmatch(text, s_start, cut):
                continue  # "1. State of war…": the number of a list item
            s, e = _trim(text, s_start, cut)
            if e > s:
                out.append(Span(s, e, pid))
            s_start = cut
        s, e = _trim(text, s_start, p_end)
        if e > s:
            out.append(Span(s, e, pid))
    return out


_LOWERED: dict[int, tuple[Iterable[str], frozenset[str]]] = {}


def _lowered(abbreviations: Iterable[str]) -> frozenset[str]:
    """Return the abbreviations lower-cased, made once per collection (a grammar's list serves every document)."""
    if not isinstance(abbreviations, (frozenset, tuple)):  # a list or a generator may change: made afresh
        return frozenset(a.lower() for a in abbreviations)
    known = _LOWERED.get(id(abbreviations))
    if known is None or known[0] is not abbreviations:  # held in the dict, so its id is not reused meanwhile
        if len(_LOWERED) >= 64:
            _LOWERED.clear()
        known = _LOWERED[id(abbreviations)] = (abbreviations, frozenset(a.lower() for a in abbreviations))
    return known[1]


def _is_abbreviation(text: str, dot: int, floor: int, abbrevs: frozenset[str]) -> bool:
    """Tell whether the point at `dot` closes an abbreviation rather than a sentence."""
    start = dot
    while start > floor and not text[start - 1].isspace():
        start -= 1
    word = text[start : dot + 1].lstrip("([\"“«¿¡'").lower()
    if not word or word == ".":
        return False
    return word in abbrevs or bool(_INITIAL.match(word)) or bool(_DOTTED.match(word))
