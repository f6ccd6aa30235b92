"""Small text helpers shared by the analysers: tokens with offsets and length-preserving folding."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from itertools import accumulate
from typing import Any, NamedTuple

import ahocorasick
import numpy as np

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


# TOKEN as one group: `split` then gives the text between tokens and the tokens, in turn.
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")
# TOKEN where no apostrophe is (most texts): without the branches that need one, the same tokens, sooner.
_TOKEN_SPLIT_PLAIN = re.compile(r"(\w+(?:[-‐]\w+)*|[^\w\s])")


class Tokens(NamedTuple):
    """The tokens of a whole text as three lists, `tokenize`'s fields: a list of `Token`s costs twice the time."""

    words: list[str]
    starts: list[int]
    ends: list[int]


@lru_cache(maxsize=2)
def text_tokens(text: str) -> Tokens:
    """Return the tokens of a whole text (those of `tokenize`), computed once for the several passes over it."""
    plain = "'" not in text and "’" not in text
    parts = (_TOKEN_SPLIT_PLAIN if plain else _TOKEN_SPLIT).split(text)  # between, token, between, token, …
    ends = list(accumulate(map(len, parts)))
    return Tokens(parts[1::2], ends[0:-1:2], ends[1::2])


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
    # `text.translate(_FOLD).lower()`, faster: `translate` looks every character up, the regex only finds
    # the few non-ASCII ones to replace, and `lower` does what the table does to ASCII capitals.
    folded = text if text.isascii() else _FOLDED_CHARS.sub(_fold_match, text)
    lowered = folded.lower()  # beyond Latin (Cyrillic, Greek…), lower case only where it keeps the length
    return lowered if len(lowered) == len(folded) else text.translate(_FOLD)


_FOLD_NON_ASCII = {chr(code): folded for code, folded in _FOLD.items() if code >= 128}
_FOLDED_CHARS = re.compile("[" + "".join(re.escape(ch) for ch in _FOLD_NON_ASCII) + "]")


def _fold_match(m: re.Match[str]) -> str:
    return _FOLD_NON_ASCII[m.group()]


def _strip_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base.isalpha() and len(base) == 1 else ch


_STRIP = {i: _strip_char(chr(i)) for i in range(0x250) if _strip_char(chr(i)) != chr(i)}


def strip_accents(text: str) -> str:
    """Remove accents from Latin letters, keeping case (length-preserving like `fold`)."""
    return text.translate(_STRIP)


def _first_chars(items: list, then: list | None) -> list | None:
    """Return what the first character of a match of the parsed regex `items` may be, as items of a
    character class (`IN`), or None when it may be any or the match may be empty.

    `then` is the same of what follows `items`, for when they match nothing. Conservative:
    a construct not understood here answers None.
    """
    from re import _constants as c  # the parse tree of the standard `re` module

    for k, (op, av) in enumerate(items):
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # \b, lookarounds: they consume nothing
            continue
        if op is c.LITERAL:
            return [(c.LITERAL, av)]
        if op is c.IN:
            known = (c.LITERAL, c.RANGE, c.CATEGORY)
            categories = (c.CATEGORY_WORD, c.CATEGORY_DIGIT, c.CATEGORY_SPACE)
            if all(kind in known and (kind is not c.CATEGORY or val in categories) for kind, val in av):
                return list(av)
            return None  # a negated class, or one of another kind
        rest = _first_chars(items[k + 1 :], then)
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            return None if add_flags or del_flags else _first_chars(list(sub), rest)
        if op is c.BRANCH:
            branches = [_first_chars(list(branch), rest) for branch in av[1]]
            return None if any(b is None for b in branches) else [i for b in branches for i in b]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _, sub = av
            first = _first_chars(list(sub), rest)
            if first is None or low > 0:
                return first
            return None if rest is None else first + rest
        return None
    return then


def _class(items: list) -> str:
    """Return the text of a character class holding `items` (as `_first_chars` gives them)."""
    from re import _constants as c

    names = {c.CATEGORY_WORD: r"\w", c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s"}
    parts = []
    for kind, val in dict.fromkeys(items):
        if kind is c.LITERAL:
            parts.append(f"\\U{val:08x}")
        elif kind is c.RANGE:
            parts.append(f"\\U{val[0]:08x}-\\U{val[1]:08x}")
        else:
            parts.append(names[val])
    return "[" + "".join(parts) + "]"


def first_char_gated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Return `pattern` tried only where a match of it may begin, when the characters it may begin with
    are known (and it never matches nothing).

    The same matches, found faster: the regex engine no longer tries each alternative of a
    long alternation at every place (a lookahead on a class of the first characters rules out
    most places at once). A pattern that may match nothing, or begin with any character, is
    returned as it is.
    """
    from re import _constants as c
    from re import _parser

    if not isinstance(pattern.pattern, str):
        return pattern
    try:
        first = _first_chars(list(_parser.parse(pattern.pattern, pattern.flags)), None)
        if first is None:
            return pattern
        if pattern.flags & re.IGNORECASE and any(
            kind is not c.CATEGORY and (val if kind is c.LITERAL else val[1]) > 0xFFFF for kind, val in first
        ):
            return pattern  # CPython's classes miss the other case of a letter past U+FFFF ("[𐐀x]" and "𐐨")
        return re.compile(f"(?={_class(first)})(?:{pattern.pattern})", pattern.flags)
    except Exception:  # noqa: BLE001 - the parse tree is internal: when it changes, gate nothing
        return pattern


def factored(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Return `pattern` with the alternatives of each alternation that begin with the same letter tried
    together (`dijo|dijeron|afirmó` as `dij(?:o|eron)|afirmó`): the same matches and groups, sooner.

    The regex engine tries an alternation's alternatives one after another, and under IGNORECASE it
    cannot pass over one by its first letter; a list of 130 speech verbs then costs 130 tries at every
    word. Alternatives that begin with letters the engine tells apart never both match at a place, so
    those of one letter may be gathered in the order they came, and the rest of each tried after the
    letter, in that order: the same alternative wins. Only runs of alternatives that begin with a plain
    letter are gathered; any other keeps its place. `pattern.pattern` stays the text as written (pickling
    compiles that text again). A pattern this cannot handle is returned as it is.
    """
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.ASCII | re.LOCALE):
        return pattern
    caseless = bool(pattern.flags & re.IGNORECASE)
    if caseless and _case_table() is None:
        return pattern  # then the engine's letter classes are not known exactly
    try:
        import _sre
        from re import _compiler, _parser

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        changed: list[bool] = []
        tree = _factor(parsed, caseless, changed)
        if not changed:
            return pattern
        names = [None] * (pattern.groups + 1)
        for name, index in pattern.groupindex.items():
            names[index] = name
        code = _compiler._code(tree, pattern.flags)
        return _sre.compile(  # what `re.compile` does with a parse tree, keeping the text as written
            pattern.pattern, pattern.flags, code, pattern.groups, dict(pattern.groupindex), tuple(names)
        )
    except Exception:  # noqa: BLE001 - the parse tree and the compiler are internal: when they change, keep the pattern
        return pattern


def _factor(sub: Any, caseless: bool, changed: list[bool]) -> Any:
    """Return a copy of the parse tree `sub` with its alternations gathered (see `factored`)."""
    from re import _constants as c
    from re import _parser

    data = []
    for op, av in sub.data:
        if op is c.BRANCH:
            branches = _gather([_factor(b, caseless, changed) for b in av[1]], caseless, changed)
            if len(branches) == 1:
                data.extend(branches[0].data)
                continue
            av = (av[0], branches)
        elif op is c.SUBPATTERN and not (av[1] or av[2]):  # a group with flags of its own is left as it is
            av = (*av[:3], _factor(av[3], caseless, changed))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            av = (*av[:2], _factor(av[2], caseless, changed))
        elif op in (c.ASSERT, c.ASSERT_NOT):
            av = (av[0], _factor(av[1], caseless, changed))
        elif op is c.ATOMIC_GROUP:
            av = _factor(av, caseless, changed)
        elif op is c.GROUPREF_EXISTS:
            group, yes, no = av
            av = (group, _factor(yes, caseless, changed), None if no is None else _factor(no, caseless, changed))
        data.append((op, av))
    return _parser.SubPattern(sub.state, data)


def _gather(branches: list, caseless: bool, changed: list[bool]) -> list:
    """Return `branches` (alternatives, in order) with those beginning with the same letter made one."""
    from re import _constants as c
    from re import _parser

    def letter(branch: Any) -> str | None:
        if not branch.data or branch.data[0][0] is not c.LITERAL:
            return None
        ch = chr(branch.data[0][1])
        return case_key(ch) if caseless else ch  # the letters the engine matches alike share a key

    out: list = []
    i = 0
    while i < len(branches):
        if letter(branches[i]) is None:
            out.append(branches[i])
            i += 1
            continue
        groups: dict[str, list] = {}
        while i < len(branches) and (key := letter(branches[i])) is not None:
            groups.setdefault(key, []).append(branches[i])
            i += 1
        for same in groups.values():
            if len(same) == 1:
                out.append(same[0])
                continue
            changed.append(True)
            state = same[0].state
            rests = _gather([_parser.SubPattern(state, b.data[1:]) for b in same], caseless, changed)
            tail = rests[0].data if len(rests) == 1 else [(c.BRANCH, (None, rests))]
            out.append(_parser.SubPattern(state, [same[0].data[0], *tail]))
    return out


@lru_cache(maxsize=1)
def _case_table() -> dict[int, int] | None:
    """Map each character to the one `re_fold` gives it, or None where this Python's `re` internals differ.

    The regex engine matches a literal case-insensitively when both characters have the same
    simple lower case, or when those lower cases are listed together in its table of extra
    cases ("s" and "ſ"). Both are the engine's own functions and data, used here.
    """
    try:
        from _sre import unicode_tolower
        from re._casefix import _EXTRA_CASES
    except ImportError:
        return None
    same: dict[int, int] = {}
    for low, others in _EXTRA_CASES.items():
        group = {low, *others}
        same[low] = min(group)
        if any(min({o, *_EXTRA_CASES.get(o, ())}) != same[low] for o in others):
            return None  # not the groups of mutual equivalents this relies on
    # Only characters whose lower case differs from them, or that the extra cases join, can map elsewhere; `str.lower`
    # finds the blocks of 256 that hold the first kind (23 of 4,352) in C, where a loop over all would take 0.08 s.
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")  # all, in order
    blocks = [b for b in range(0, 0x110000, 256) if every[b : b + 256].lower() != every[b : b + 256]]
    table: dict[int, int] = {}
    for code in [*(c for b in blocks for c in range(b, b + 256)), *same]:
        low = unicode_tolower(code)
        folded = same.get(low, low)
        if folded != code:
            table[code] = folded
    return table


@lru_cache(maxsize=1)
def _unlike_lower() -> re.Pattern[str] | None:
    """Match the characters whose `str.lower` differs from `re_fold`'s ("İ", "ſ", "Σ"…), or None.

    Elsewhere `str.lower` gives `re_fold`'s result, faster: for a character the table leaves
    alone, full lower case differs from simple lower case only by Unicode's special casings,
    which all touch characters the table maps ("İ", final "Σ"); `tests/test_textutil.py`
    checks every character.
    """
    table = _case_table()
    if table is None:
        return None
    odd = [code for code, folded in table.items() if chr(code).lower() != chr(folded)]
    return re.compile("[" + "".join(re.escape(chr(code)) for code in odd) + "]")


@lru_cache(maxsize=2)
def re_fold(text: str) -> str:
    """Return `case_key(text)`: each character replaced by one that stands for all those the regex
    engine matches it with under `re.IGNORECASE`; the same length, so offsets carry over.

    `str.lower` where it gives the same, faster. Kept for the last two texts (whole documents).
    """
    odd = _unlike_lower()
    return text.lower() if odd is None or odd.search(text) is None else case_key(text)


def case_key(word: str) -> str:
    """Return the key under which `word` and every spelling `re.IGNORECASE` matches with it agree.

    For looking up what a case-blind regex matched: `str.lower` parts "ACUERDOſ" from
    "acuerdos" and "DECLARACİÓN" from "declaración", which the regex takes as the same.
    """
    table = _case_table()
    return word.lower() if table is None else word.translate(table)


def _required(items: list) -> set[str] | None:
    """Return strings one of which every match of the parsed regex `items` contains, or None if none is known.

    Only characters a match consumes count: lookarounds are passed over. Of the candidate sets
    (a run of literals, a group, a branch whose every alternative has one, a repeat done at least
    once) the one whose shortest string is longest is kept: the rarest to occur by chance.
    """
    from re import _constants as c

    best: set[str] | None = None

    def consider(found: set[str] | None) -> None:
        nonlocal best
        if found and (best is None or (min(map(len, found)), -len(found)) > (min(map(len, best)), -len(best))):
            best = found

    run = ""
    for op, av in items:
        if op is c.LITERAL:
            run += chr(av)
            continue
        consider({run} if run else None)
        run = ""
        if op is c.SUBPATTERN:
            consider(_required(list(av[-1])))
        elif op is c.ATOMIC_GROUP:
            consider(_required(list(av)))
        elif op is c.BRANCH:
            alternatives = [_required(list(branch)) for branch in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2])))
    consider({run} if run else None)
    return best


# The longest string a prefilter looks for; a longer one required of every match is cut to its beginning.
MAX_STRING = 40


class Prefilter:
    """Tells where a regular expression cannot match, from strings one of which each of its matches holds.

    `may_match(text, start, end)` is False only when no such string lies wholly inside
    `text[start:end]` (compared through `re_fold`), so that `pattern.search(text, start, end)`
    would find nothing: a sentence is then skipped without running the regex. The strings are
    found once per text, by a `_Scanner` shared with other prefilters: one pass of an
    Aho–Corasick automaton, many times faster than the patterns themselves.
    """

    def __init__(self, pattern: re.Pattern[str], scanner: _Scanner | None = None) -> None:
        self.strings: tuple[str, ...] | None = None
        if isinstance(pattern.pattern, str) and not pattern.flags & re.LOCALE and _case_table() is not None:
            from re import _parser

            try:
                found = _required(list(_parser.parse(pattern.pattern, pattern.flags)))
            except Exception:  # noqa: BLE001 - the parse tree is internal: when it changes, filter nothing
                found = None
            if found:
                # A string's beginning is in every match too: long ones are cut (the scanner's automaton stays small).
                strings = {case_key(s)[:MAX_STRING] for s in found}
                # A string holding another is redundant: where it occurs, the shorter one does too.
                self.strings = tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))
        self.scanner = scanner or _Scanner()
        self.slot = 0  # its place among the scanner's prefilters
        if self.strings:
            self.scanner.add(self)

    def may_match(self, text: str, start: int, end: int) -> bool:
        """Tell whether the pattern may match in `text[start:end]` (False: it cannot)."""
        if self.strings is None:
            return True
        starts, ends = self.scanner.places(self, text)
        if not starts:  # none of its strings in the whole text: the usual answer, given at once
            return False
        for i in range(bisect.bisect_left(starts, start), len(starts)):
            if starts[i] >= end:
                break
            if ends[i] <= end:
                return True
        return False


class _Scanner:
    """Finds the strings of several prefilters in a text in one pass, and gives each its places.

    One Aho–Corasick automaton (pyahocorasick, in C) holds every prefilter's strings and reports
    each occurrence of each. A prefilter holds no string that contains another of its strings, so
    at most one of its strings starts at any place, and its occurrences come out in order of
    their ends, which is the order of their starts.
    """

    def __init__(self) -> None:
        self.filters: list[Prefilter] = []
        self.automaton: ahocorasick.Automaton | None = None
        self._text: str | None = None
        self._places: list[tuple[list[int], list[int]]] = []
        self._occurring: set[int] = set()

    def add(self, pf: Prefilter) -> None:
        """Take on the strings of prefilter `pf`."""
        pf.slot = len(self.filters)
        self.filters.append(pf)
        self.automaton, self._text = None, None

    def places(self, pf: Prefilter, text: str) -> tuple[list[int], list[int]]:
        """Return where `pf`'s strings lie in `text`: sorted starts, and the ends that go with them."""
        if text is not self._text:
            self._scan(text)
        return self._places[pf.slot]

    def occurring(self, text: str) -> set[int]:
        """Return the `slot`s of the prefilters some string of which occurs in `text`."""
        if text is not self._text:
            self._scan(text)
        return self._occurring

    def _compile(self) -> None:
        owners: dict[str, list[int]] = {}
        for k, pf in enumerate(self.filters):
            for string in pf.strings or ():
                owners.setdefault(string, []).append(k)
        self.automaton = ahocorasick.Automaton()
        for string, slots in owners.items():
            self.automaton.add_word(string, (len(string) - 1, len(string), tuple(slots)))
        self.automaton.make_automaton()

    def _scan(self, text: str) -> None:
        if self.automaton is None:
            self._compile()
        places: list[tuple[list[int], list[int]]] = [([], []) for _ in self.filters]
        if self.filters:
            for last, (back, size, slots) in self.automaton.iter(re_fold(text)):
                at = last - back
                for k in slots:
                    starts, ends = places[k]
                    starts.append(at)
                    ends.append(at + size)
        self._places, self._text = places, text
        self._occurring = {k for k, (starts, _) in enumerate(places) if starts}


_SCANNER = _Scanner()
_PREFILTERS: dict[int, tuple[re.Pattern[str], Prefilter]] = {}


def prefilter(pattern: re.Pattern[str]) -> Prefilter:
    """Return the `Prefilter` of `pattern`, made once; all share one `_Scanner`.

    Kept by the pattern's identity: hashing a compiled pattern hashes its whole program,
    microseconds for a long alternation, and this is asked for every sentence.
    """
    global _SCANNER
    known = _PREFILTERS.get(id(pattern))
    if known is None or known[0] is not pattern:  # the dict holds the pattern, so its id is not reused meanwhile
        if len(_PREFILTERS) >= 256:
            _PREFILTERS.clear()
            _SCANNER = _Scanner()
        known = _PREFILTERS[id(pattern)] = (pattern, Prefilter(pattern, _SCANNER))
    return known[1]
