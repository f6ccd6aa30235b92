"""Small text helpers shared by the analysers: tokens with offsets and length-preserving folding."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# A word (letters/digits, inner hyphens and apostrophes kept) or a single other non-space character.
# An English possessive ('s) is split off: "Russia's" gives "Russia", "'", "s".
# A one-letter elision ("l'Allemagne", "d'Italia") is a token of its own.
TOKEN = re.compile(r"(?<!\w)[^\W\d_]['’](?=\w)|\w+(?:[-‐]\w+|['’](?!s\b)\w+)*|[^\w\s]")
# Plain words, for term matching: hyphenated words are several words.
WORD_RE = re.compile(r"\w+")
TERM_WORD = re.compile(r"\w+\*?")


class Token(NamedTuple):
    """A token of a text: its characters and where they are (a named tuple: made by the hundred thousand)."""

    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the tokens of `text[start:end]` with offsets into `text`."""
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


@lru_cache(maxsize=2)
def text_tokens(text: str) -> tuple[Token, ...]:
    """Return the tokens of a whole text, computed once for the several passes over the same document."""
    return tuple(tokenize(text))


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


def _is_word(code: int) -> bool:
    ch = chr(code)
    return ch.isalnum() or ch == "_"


def _starts_with_word(items: list, then: bool) -> bool:
    """Tell whether every match of the parsed regex `items` begins with a word character.

    `then` says it of what follows `items`, for when they match nothing. Conservative:
    a construct not understood here answers False.
    """
    from re import _constants as c  # the parse tree of the standard `re` module

    for k, (op, av) in enumerate(items):
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # \b, lookarounds: they consume nothing
            continue
        if op is c.LITERAL:
            return _is_word(av)
        if op is c.IN:
            return all(
                (kind is c.LITERAL and _is_word(val))
                or (kind is c.CATEGORY and val in (c.CATEGORY_WORD, c.CATEGORY_DIGIT))
                or (kind is c.RANGE and val[1] - val[0] < 0x3000 and all(map(_is_word, range(val[0], val[1] + 1))))
                for kind, val in av
            )
        rest = _starts_with_word(items[k + 1 :], then)
        if op is c.SUBPATTERN:
            return _starts_with_word(list(av[-1]), rest)
        if op is c.BRANCH:
            return all(_starts_with_word(list(branch), rest) for branch in av[1])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _, sub = av
            return _starts_with_word(list(sub), rest) and (low > 0 or rest)
        return False
    return then


def word_gated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Return `pattern` tried only at word characters, when every match it can make begins with one.

    The same matches, found faster: the regex engine no longer tries each alternative
    of a long alternation before every space and sign (a lookahead on `\\w` rules
    those positions out at once). A pattern that may match from a space or a sign
    is returned as it is.
    """
    from re import _parser

    try:
        exact = _starts_with_word(list(_parser.parse(pattern.pattern, pattern.flags)), False)
    except Exception:  # noqa: BLE001 - the parse tree is internal: when it changes, gate nothing
        return pattern
    return re.compile(rf"(?=\w)(?:{pattern.pattern})", pattern.flags) if exact else pattern
