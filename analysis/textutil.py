"""Small text helpers shared by the analysers: tokens with offsets and length-preserving folding."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word (letters/digits, inner hyphens and apostrophes kept) or a single other non-space character.
# An English possessive ('s) is split off: "Russia's" gives "Russia", "'", "s".
# A one-letter elision ("l'Allemagne", "d'Italia") is a token of its own.
TOKEN = re.compile(r"(?<!\w)[^\W\d_]['’](?=\w)|\w+(?:[-‐]\w+|['’](?!s\b)\w+)*|[^\w\s]")
# Plain words, for term matching: hyphenated words are several words.
WORD_RE = re.compile(r"\w+")
TERM_WORD = re.compile(r"\w+\*?")


@dataclass(frozen=True, slots=True)
class Token:
    """A token of a text: its characters and where they are."""

    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the tokens of `text[start:end]` with offsets into `text`."""
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


def _fold_char(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:
        return ch
    base = unicodedata.normalize("NFD", low)[0]
    return base if base.isalpha() or base.isdigit() else low


_FOLD = {i: _fold_char(chr(i)) for i in range(0x250) if _fold_char(chr(i)) != chr(i)}


def fold(text: str) -> str:
    """Lower-case `text` and strip the accents of Latin letters, keeping its length.

    `fold(text)[i]` corresponds to `text[i]`, so offsets found in the
    folded text are offsets into the original. Other scripts are lower-cased
    too, unless that would change the length (a rare "İ").
    """
    folded = text.translate(_FOLD)
    lowered = folded.lower()  # beyond Latin (Cyrillic, Greek…), lower case only where it keeps the length
    return lowered if len(lowered) == len(folded) else folded


def _strip_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base.isalpha() and len(base) == 1 else ch


_STRIP = {i: _strip_char(chr(i)) for i in range(0x250) if _strip_char(chr(i)) != chr(i)}


def strip_accents(text: str) -> str:
    """Remove accents from Latin letters, keeping case (length-preserving like `fold`)."""
    return text.translate(_STRIP)
