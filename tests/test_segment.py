"""Sentences and paragraphs: abbreviations, quotes and numbers do not break sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lexicon import load_grammar
from analysis.segment import _CANDIDATE, paragraphs, split_sentences


def _sentences(text: str, lang: str = "es") -> list[str]:
    spans = split_sentences(text, abbreviations=load_grammar(lang).abbreviations)
    return [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "El Sr. Pérez y la Dra. Gómez llegaron. Luego hablaron.",
            ["El Sr. Pérez y la Dra. Gómez llegaron.", "Luego hablaron."],
        ),
        ("Viajó a EE.UU. para firmar. Volvió el lunes.", ["Viajó a EE.UU. para firmar.", "Volvió el lunes."]),
        ("Hay muchos temas, p. ej. Energía y comercio. Fin.", ["Hay muchos temas, p. ej. Energía y comercio.", "Fin."]),
        (
            "El PIB creció 3,5 % y se invirtieron 1.000 millones. Bien.",
            ["El PIB creció 3,5 % y se invirtieron 1.000 millones.", "Bien."],
        ),
        (
            "Dijo: «Vamos a cooperar. Es clave» y se fue. Después calló.",
            ["Dijo: «Vamos a cooperar.", "Es clave» y se fue.", "Después calló."],
        ),
        (
            "«Es un gran día.» Así lo dijo Putin. ¿Y ahora? Veremos.",
            ["«Es un gran día.»", "Así lo dijo Putin.", "¿Y ahora?", "Veremos."],
        ),
        (
            "Lo describió como “un resultado significativo.” que consolida todo.",
            ["Lo describió como “un resultado significativo.” que consolida todo."],
        ),
    ],
)
def test_spanish_sentences(text, expected):
    assert _sentences(text) == expected


def test_english_abbreviations():
    text = "Mr. Smith met U.S. officials on Jan. 5. They agreed, e.g. on trade. Dr. Jones left."
    assert _sentences(text, "en") == [
        "Mr. Smith met U.S. officials on Jan. 5.",
        "They agreed, e.g. on trade.",
        "Dr. Jones left.",
    ]


def test_paragraphs_lines_blank_lines_and_soft_wraps():
    text = "Titular corto\nPrimera frase del cuerpo que sigue\nen la línea de abajo sin punto.\n\nOtro párrafo."
    spans = paragraphs(text)
    assert [text[s:e] for s, e in spans] == [
        "Titular corto",
        "Primera frase del cuerpo que sigue\nen la línea de abajo sin punto.",
        "Otro párrafo.",
    ]


def test_seed_sentence_and_paragraph_ids(seed_tables):
    s = seed_tables.sentences
    assert len(s) == 11
    assert s["paragraph_id"].tolist() == [0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7]
    assert s["text"].iloc[2].startswith("Putin lo describió como “un resultado significativo de la visita”")


def test_numbered_list_items_keep_their_number():
    text = "The declaration states:\n1. State of war has ended.\n2. Both countries will cooperate.\nb) Ties resumed."
    assert _sentences(text, "en") == [
        "The declaration states:",
        "1. State of war has ended.",
        "2. Both countries will cooperate.",
        "b) Ties resumed.",
    ]


# The end-mark regex as first written: a lookbehind first, which the regex engine tries at every place.
_CANDIDATE_AS_WRITTEN = re.compile(r"(?<![.!?…])[.!?…]++[\"”»’')\]]*+(?=\s)")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=".!?…\"”»’')] a\nB", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_end_marks_are_found_where_the_lookbehind_first_regex_finds_them(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    expected = [m.span() for m in _CANDIDATE_AS_WRITTEN.finditer(text, start, end)]
    assert [m.span() for m in _CANDIDATE.finditer(text, start, end)] == expected
