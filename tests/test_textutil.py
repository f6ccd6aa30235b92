"""Text helpers: the word gate and the prefilter, which speed up the big scans without changing a match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.commitments import any_trigger
from analysis.lexicon import _PATTERNS, load_grammar, noun_pattern
from analysis.textutil import (
    _FOLD,
    Prefilter,
    _case_table,
    _required,
    _Scanner,
    factored,
    first_char_gated,
    fold,
    prefilter,
    re_fold,
)
from tests.conftest import DEVSET, HELDOUT, SEED


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [
        (r"\b(?:no\s+)?dijo\b", "[nd]"),
        (r"(?P<verb>dijo|afirmó)\b", "[da]"),
        (r"\d+ acuerdos", r"[\d]"),
        (r"[a-zñ]+", "[a-zñ]"),
        (r"\b(?:ab|[cd]\w)?x+", "[acdx]"),
        (r"(?:«|\")", '[«"]'),
        (r"\s+dijo", r"[\s]"),
        (r"(?:dijo|, según)", "[d,]"),
        (r"(?:x*)+y", "[xy]"),  # the repeated part may match nothing: what follows may come first
        (r"(?:\s*;)|(?:\))", r"[\s;)]"),
        (r"a?", None),  # may match nothing
        (r"\b(?:x|y)?", None),
        (r"[^a]x", None),  # may begin with almost anything
        (r".dijo", None),
        (r"(?i:dijo)", None),  # flags of its own: not read
        ("\U00010400a|xb", None),  # a class would miss "𐐨" for "𐐀" (CPython's case-blind classes past U+FFFF)
    ],
)
def test_a_pattern_is_gated_by_the_characters_its_matches_may_begin_with(pattern, gate):
    compiled = re.compile(pattern, re.IGNORECASE)
    gated = first_char_gated(compiled)
    if gate is None:
        assert gated is compiled
        return
    assert gated.pattern.endswith(f"(?:{pattern})") and gated.flags == compiled.flags
    lookahead = re.compile(gated.pattern[: -len(f"(?:{pattern})")], re.IGNORECASE)
    for code in range(0x250):
        ch = chr(code)
        assert bool(lookahead.match(ch)) == bool(re.match(gate, ch, re.IGNORECASE)), (pattern, ch)


def test_gates_keep_every_match_of_letters_past_u_ffff_and_bytes_patterns_stay_as_they_are():
    deseret = re.compile("\U00010400a|xb", re.IGNORECASE)
    assert [m.span() for m in first_char_gated(deseret).finditer("𐐀a 𐐨a xb")] == [(0, 2), (3, 5), (6, 8)]
    assert first_char_gated(re.compile(b"ab|cd")).search(b"xab").span() == (1, 3)


def _scanned():
    for lang in ("es", "en"):
        grammar = load_grammar(lang)
        yield grammar.speech_verbs
        yield grammar.signing_verbs
        yield grammar.attribution_markers
        yield grammar.clause_boundaries
        yield from (t.pattern for t in grammar.triggers)
        if any_trigger(grammar) is not None:
            yield any_trigger(grammar)


def _ungated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Return the pattern without the lookahead `first_char_gated` put before it."""
    gate = re.match(r"\(\?=\[(?:\\.|[^\]\\])*\]\)\(\?:", pattern.pattern)
    assert gate is not None, pattern.pattern[:60]
    return re.compile(pattern.pattern[gate.end() : -1], pattern.flags)


def test_the_grammars_big_scans_are_gated():
    assert all(_ungated(p).pattern for p in _scanned())


WORDS = ["signed", "suscribió",
         "dijo", "Dijo", "afirmó", "se comprometió a", "no", "firmaron", "un acuerdo", "para", "said", "will",
         "agreed to", "Estados Unidos", "«", "»", "“", ",", ".", " ", "\n", "lo dijo", "predijo", "_dijo",
         "3dijo", "DİJO", "ſe comprometió", "\u212aiev", "ı", "; ", ": ", " (", ")", " — ", ", que ", ", y se ",
         "acordaron", "will", "SHALL", "cooperarán"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=200), st.lists(st.sampled_from(WORDS), max_size=40).map("".join)))
def test_gated_scans_find_the_same_matches(text):
    for gated in _scanned():
        plain = _ungated(gated)
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        (r"\bfoo\w+barbaz", {"barbaz"}),  # the longest run
        (r"(?:ab|cd)x+", {"ab", "cd"}),
        (r"a?bc", {"bc"}),
        (r"(?:ab|)c", {"c"}),  # an empty alternative: the branch guarantees nothing
        (r"(?=abc)d", {"d"}),  # a lookahead consumes nothing
        (r"(?:xy){2,}", {"xy"}),
        (r"[ab]", None),
        (r"x{0,3}", None),
        (r"\w+", None),
    ],
)
def test_required_strings_of_a_pattern(pattern, strings):
    from re import _parser

    assert _required(list(_parser.parse(pattern))) == strings


CASED = sorted({chr(c) for c in _case_table()} | {chr(c) for c in _case_table().values()} | set("sSkKiI"))


@pytest.mark.parametrize(
    ("a", "b"), [("s", "ſ"), ("k", "\u212a"), ("i", "İ"), ("σ", "ς"), ("Σ", "ς"), ("µ", "μ"), ("Á", "á")]
)
def test_re_fold_joins_what_ignorecase_matches(a, b):
    assert re.fullmatch(re.escape(a), b, re.IGNORECASE)
    assert re_fold(a) == re_fold(b)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(CASED), st.sampled_from(CASED))
def test_re_fold_of_any_two_characters_ignorecase_matches_is_the_same(a, b):
    if re.fullmatch(re.escape(a), b, re.IGNORECASE):
        assert re_fold(a) == re_fold(b)
    assert len(re_fold(a + b)) == 2


def test_the_case_table_is_the_engines_rule_on_every_character():
    """Built from the blocks that hold cased letters: the same as asking each of the 1,114,112 characters."""
    from _sre import unicode_tolower
    from re._casefix import _EXTRA_CASES

    same = {low: min({low, *others}) for low, others in _EXTRA_CASES.items()}
    brute = {}
    for code in range(0x110000):
        folded = same.get(unicode_tolower(code), unicode_tolower(code))
        if folded != code:
            brute[code] = folded
    assert _case_table() == brute
    assert len(brute) > 1400 and brute[ord("ſ")] == ord("s") and brute[0x10400] == 0x10428  # "ſ", Deseret


def test_re_fold_is_str_lower_but_for_the_odd_characters():
    from analysis.textutil import _unlike_lower

    table, odd = _case_table(), _unlike_lower()
    codes = [code for code in range(0x110000) if code != 0]
    lowered = "\0".join(map(chr, codes)).lower().split("\0")  # one by one, without a neighbour's context
    differ = {code for code, low in zip(codes, lowered, strict=True) if low != chr(table.get(code, code))}
    assert differ == {ord(ch) for ch in map(chr, differ) if odd.match(ch)} == {c for c in table if odd.match(chr(c))}
    assert re_fold("DİJO ΟΔΟΣ dijo") == "dijo οδος dijo".translate({ord("σ"): "ς"})  # translated: "İ", "Σ"
    assert re_fold("DIJO Él") == "dijo él"


def _patterns():
    for lang in ("es", "en"):
        grammar = load_grammar(lang)
        yield grammar.speech_verbs
        yield grammar.signing_verbs
        yield grammar.attribution_markers
        yield from (t.pattern for t in grammar.triggers)


def test_the_grammars_scans_have_prefilters():
    assert all(prefilter(p).strings for p in [*_patterns()][:3])  # es: speech, signing, the first trigger


def _sentences():
    from analysis.segment import split_sentences

    for path in [SEED, *sorted(DEVSET.glob("*.txt")), *sorted(HELDOUT.glob("*.txt"))]:
        text = path.read_text(encoding="utf-8")
        yield from ((text, s.start, s.end) for s in split_sentences(text))


def _shared() -> list[Prefilter]:
    """Prefilters for all the grammars' scans on one scanner, as `prefilter` makes them."""
    scanner = _Scanner()
    return [Prefilter(p, scanner) for p in _patterns()]


@pytest.mark.parametrize("shared", [False, True])
def test_prefilters_never_rule_out_a_match_in_real_sentences(shared):
    sentences = list(_sentences())
    ruled_out = 0
    filters = _shared() if shared else [Prefilter(p) for p in _patterns()]
    for pattern, fresh in zip(_patterns(), filters, strict=True):
        for text, start, end in sentences:
            if not fresh.may_match(text, start, end):
                assert pattern.search(text, start, end) is None
                ruled_out += 1
    assert ruled_out > len(sentences)  # and they do rule sentences out


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*WORDS, "DIJO", "ſe comprometió a", "İnsistió", "FIRMARON", "acordaron", "van a", "deberá"]),
        max_size=30,
    ).map(" ".join),
    cuts=st.lists(st.integers(0, 400), min_size=2, max_size=2),
)
def test_prefilters_never_rule_out_a_match(text, cuts):
    start, end = sorted(cuts)
    for pattern, shared in zip(_patterns(), _shared(), strict=True):
        if not Prefilter(pattern).may_match(text, start, end) or not shared.may_match(text, start, end):
            assert pattern.search(text, start, end) is None


@settings(max_examples=300, deadline=None)
@given(
    alternatives=st.lists(
        st.lists(st.text(alphabet="abcAſ😀", min_size=1, max_size=4), min_size=1, max_size=4), max_size=4
    ),
    text=st.text(alphabet="abcABSſ 😀𐐀", max_size=60),  # offsets past U+FFFF count one character each
)
def test_a_shared_scanner_finds_each_place_of_each_prefilters_strings(alternatives, text):
    """Every place where one of a prefilter's strings starts in the folded text, in order, with its end."""
    scanner = _Scanner()
    filters = [Prefilter(re.compile("|".join(map(re.escape, alts)), re.IGNORECASE), scanner) for alts in alternatives]
    folded = re_fold(text)
    for pf in filters:
        if pf.strings is None:  # "a|A" parses to a character set, no literal: then it is not on the scanner
            continue
        places = sorted((i, i + len(s)) for s in pf.strings for i in range(len(folded)) if folded.startswith(s, i))
        starts, ends = scanner.places(pf, text)
        assert list(zip(starts, ends, strict=True)) == places
        assert (pf.slot in scanner.occurring(text)) == bool(places)


def test_no_prefilter_string_holds_another_of_its_strings():
    """What the scanner relies on: one string of a prefilter at most starts at a place, so ends come in order."""
    for pattern in _patterns():
        strings = Prefilter(pattern).strings or ()
        assert not [(s, t) for s in strings for t in strings if s != t and t in s]


def test_a_shared_scanner_gives_each_prefilter_its_own_strings():
    scanner = _Scanner()
    short, long_, other = (Prefilter(re.compile(p), scanner) for p in ("firm", "firmaron", "acuerd[oa]"))
    text = "Se firmó el acuerdo. Lo firmaron ayer."
    first, second = (0, 20), (21, len(text))
    assert short.may_match(text, *first) and short.may_match(text, *second)
    assert not long_.may_match(text, *first) and long_.may_match(text, *second)
    assert other.may_match(text, *first) and not other.may_match(text, *second)
    assert not long_.may_match(text, 24, 31)  # "firmaron" must lie wholly inside


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=120),
        st.lists(
            st.sampled_from(
                [*WORDS, "l'Allemagne", "Russia's", "d’Italia", "ruso-kazaja", "sino‐ruso", "-", "--a", "_x"]
            ),
            max_size=20,
        ).map(" ".join),
    )
)
def test_text_tokens_are_tokenize_as_three_lists(text):
    from analysis.textutil import text_tokens, tokenize

    tokens = tokenize(text)
    assert text_tokens(text) == ([t.text for t in tokens], [t.start for t in tokens], [t.end for t in tokens])


def test_text_tokens_of_real_texts_with_and_without_apostrophes():
    from analysis.textutil import text_tokens, tokenize

    for path in [SEED, *sorted(DEVSET.glob("*.txt")), *sorted(HELDOUT.glob("*.txt"))]:
        for text in (path.read_text(encoding="utf-8"), path.read_text(encoding="utf-8").replace("'", "’")):
            tokens = tokenize(text)
            assert text_tokens(text) == ([t.text for t in tokens], [t.start for t in tokens], [t.end for t in tokens])


def _fold_by_table(text: str) -> str:
    """`fold` as its table defines it: every character looked up, then lower case if that keeps the length."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    return lowered if len(lowered) == len(folded) else folded


def test_fold_strips_accents_and_lowers_keeping_the_length():
    assert fold("Kazajistán, ÉXITO, Ñandú, Ærø, Œuvre") == "kazajistan, exito, nandu, ærø, œuvre"
    assert fold("ΟΔΟΣ Москва") == "οδος москва"
    assert fold("DİJO Él") == "dİjo el"  # "İ" would lengthen the text: nothing outside the table is lowered


def test_fold_is_its_table_on_real_texts():
    for path in [SEED, *sorted(DEVSET.glob("*.txt")), *sorted(HELDOUT.glob("*.txt"))]:
        text = path.read_text(encoding="utf-8")
        assert fold(text) == _fold_by_table(text), path.name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(max_codepoint=0x2FF), st.sampled_from("İΣσς\u212bẞ\u0307«»“”"))))
def test_fold_is_its_table(text):
    assert fold(text) == _fold_by_table(text)
    assert len(fold(text)) == len(text)


def _grammar_patterns():
    """Every pattern of the grammars, as the analysers use them (factored, and gated where scanned)."""
    for lang in ("es", "en"):
        grammar = load_grammar(lang)
        yield from (getattr(grammar, key) for key in _PATTERNS)
        yield from (p for p in (grammar.future_suffix, grammar.infinitive) if p is not None)
        yield grammar.clause_boundaries
        yield from (t.pattern for t in grammar.triggers)
        yield from (p for p in (any_trigger(grammar), noun_pattern(grammar)[0]) if p is not None)


def _as_written(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Return `pattern` compiled again from its text: what `factored` started from."""
    return re.compile(pattern.pattern, pattern.flags)


def _found(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, start, len(text) if end is None else end)]


def test_the_grammars_alternations_are_factored():
    patterns = list(_grammar_patterns())
    changed = [p for p in patterns if p != _as_written(p)]  # patterns are equal when their compiled code is
    assert len(changed) > len(patterns) // 2
    assert all(load_grammar(lang).speech_verbs in changed for lang in ("es", "en"))


def test_factored_grammar_patterns_find_the_same_matches_in_real_sentences():
    sentences = list(_sentences())
    for pattern in _grammar_patterns():
        plain = _as_written(pattern)
        for text, start, end in sentences:
            assert _found(pattern, text, start, end) == _found(plain, text, start, end), pattern.pattern[:60]


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=200), st.lists(st.sampled_from(WORDS), max_size=40).map("".join)))
def test_factored_grammar_patterns_find_the_same_matches_and_groups(text):
    for pattern in _grammar_patterns():
        assert _found(pattern, text) == _found(_as_written(pattern), text), pattern.pattern[:60]


# Pieces of alternatives: letters the engine matches alike under IGNORECASE ("k", "K", Kelvin sign; "s", "ſ"),
# prefixes of one another, groups, classes, optional parts and groups with flags of their own.
PIECES = ["a", "b", "k", "K", "\u212a", "s", "ſ", "S", "ab", "abc", "(a)", "(b|ab)", "(?:k|ka)", "\\w", "\\b",
          "a?", "[ab]", "x*", "(?i:k)", "(?-i:s)", "(?=a)", " "]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    alternatives=st.lists(
        st.one_of(st.text(alphabet="abkKKsſ", max_size=3), st.lists(st.sampled_from(PIECES), max_size=3).map("".join)),
        min_size=2,
        max_size=7,
    ),
    caseless=st.booleans(),
    text=st.lists(
        st.sampled_from(["a", "b", "ab", "abc", "k", "K", "\u212a", "s", "ſ", "S", "x", " "]), max_size=12
    ).map("".join),
)
def test_factored_patterns_match_as_written(alternatives, caseless, text):
    for source in ("|".join(alternatives), f"x(?:{'|'.join(alternatives)})+?s"):
        compiled = re.compile(source, re.IGNORECASE if caseless else 0)
        assert _found(factored(compiled), text) == _found(compiled, text), source


def test_factoring_keeps_the_order_of_the_alternatives_of_every_small_alternation():
    """Every sequence of two to four of these alternatives, where which comes first decides the match."""
    from itertools import product

    words = ["", "a", "ab", "b", "kc", "K", "kb", "\u212ab"]  # "K", "k" and the Kelvin sign match alike, case-blind
    text = "abc ab a ba kb Kb \u212ab b kc"
    for n in (2, 3, 4):
        for alternatives in product(words, repeat=n):
            for flags in (0, re.IGNORECASE):
                compiled = re.compile("|".join(alternatives), flags)
                assert _found(factored(compiled), text) == _found(compiled, text), alternatives


def test_factoring_keeps_the_order_of_the_alternatives():
    first = re.compile("ab|a|abc|b")
    assert factored(first) != first and factored(first).pattern == first.pattern
    assert factored(first).match("abc").group() == "ab"
    # Not gathered across an alternative that does not begin with a letter: "\\w" must still come before "ab".
    assert factored(re.compile("ax|\\w|ab|ay")).match("ab").group() == "a"
    kelvin = factored(re.compile("kx|Ky|\u212az", re.IGNORECASE))
    assert [m.group() for m in kelvin.finditer("\u212ax ky KZ")] == ["\u212ax", "ky", "KZ"]


def test_what_factoring_leaves_as_it_is():
    for pattern in (re.compile("abc|def"), re.compile("ab|ac", re.ASCII | re.IGNORECASE), re.compile(b"ab|ac")):
        assert factored(pattern) is pattern
    import pickle

    speech = load_grammar("es").speech_verbs
    again = pickle.loads(pickle.dumps(speech))  # compiled again from its text: the same matches
    text = "Lo dijo ayer; el ministro afirmó y Ana había dicho que no."
    assert again.pattern == speech.pattern and _found(again, text) == _found(speech, text) != []
