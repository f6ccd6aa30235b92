"""Text helpers: the word gate that speeds up long alternations without changing a match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.commitments import any_trigger
from analysis.lexicon import load_grammar
from analysis.textutil import word_gated


@pytest.mark.parametrize(
    ("pattern", "gated"),
    [
        (r"\b(?:no\s+)?dijo\b", True),
        (r"(?P<verb>dijo|afirmó)\b", True),
        (r"\d+ acuerdos", True),  # digits are word characters
        (r"[a-zñ]+", True),
        (r"\b(?:ab|[cd]\w)?x+", True),
        (r"(?:«|\")", False),  # may start with a sign
        (r"\s+dijo", False),
        (r"a?", False),  # may match nothing
        (r"\b(?:x|y)?", False),
        (r"[^a]x", False),
        (r"(?:dijo|, según)", False),  # one branch starts with a sign
    ],
)
def test_only_patterns_whose_matches_start_with_a_word_character_are_gated(pattern, gated):
    compiled = re.compile(pattern, re.IGNORECASE)
    assert (word_gated(compiled) is not compiled) is gated


def _scanned():
    for lang in ("es", "en"):
        grammar = load_grammar(lang)
        yield grammar.speech_verbs
        yield grammar.signing_verbs
        if any_trigger(grammar) is not None:
            yield any_trigger(grammar)


def test_the_grammars_big_scans_are_gated():
    assert all(p.pattern.startswith("(?=\\w)") for p in list(_scanned())[:5])  # es: 3, en: speech and signing


WORDS = ["signed", "suscribió",
         "dijo", "Dijo", "afirmó", "se comprometió a", "no", "firmaron", "un acuerdo", "para", "said", "will",
         "agreed to", "Estados Unidos", "«", "»", "“", ",", ".", " ", "\n", "lo dijo", "predijo", "_dijo",
         "3dijo"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=200), st.lists(st.sampled_from(WORDS), max_size=40).map("".join)))
def test_gated_scans_find_the_same_matches(text):
    for gated in _scanned():
        gate = "(?=\\w)(?:"
        source = gated.pattern[len(gate) : -1] if gated.pattern.startswith(gate) else gated.pattern
        plain = re.compile(source, gated.flags)
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for pos in range(0, len(text), 7):  # searches from inside the text, as per-sentence scans do
            a, b = gated.search(text, pos), plain.search(text, pos)
            assert (a and a.span()) == (b and b.span())
