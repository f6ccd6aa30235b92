"""Fuzz `analysis.segment.split_sentences` with the Spanish and English abbreviation lists.

Checks what `split_sentences` documents: one span per sentence, in order,
whitespace trimmed, never crossing a paragraph (see `paragraphs`). So each
span lies in `[0, len(text)]` with `start < end`, spans do not overlap and
increase, their text is not blank and neither starts nor ends with
whitespace, and paragraph ids do not decrease.
"""

from __future__ import annotations

import sys

import atheris

# atheris 2.3.0 mis-instruments `analysis.clauses.trim` on Python 3.11 (a conditional expression with a
# comparison inside `while True`: TypeError only when instrumented), so that module runs uninstrumented.
with atheris.instrument_imports(include=["analysis"], exclude=["analysis.clauses"]):
    from analysis.lexicon import load_grammar
    from analysis.segment import Span, paragraphs, split_sentences

LANGUAGES = ("es", "en")
ABBREVIATIONS = {lang: load_grammar(lang).abbreviations for lang in LANGUAGES}


def check_spans(text: str, spans: list[Span]) -> None:
    """Raise `AssertionError` when `spans` break a documented guarantee of `split_sentences`."""
    paras = paragraphs(text)
    prev_end, prev_pid = 0, 0
    for span in spans:
        where = f"span {span} of {len(spans)} in {text!r}"
        if not 0 <= span.start < span.end <= len(text):
            raise AssertionError(f"span out of bounds or empty: {where}")
        if span.start < prev_end or span.paragraph_id < prev_pid:
            raise AssertionError(f"spans overlap or go backwards: {where}")
        piece = text[span.start : span.end]
        if not piece.strip() or piece[0].isspace() or piece[-1].isspace():
            raise AssertionError(f"sentence blank or not trimmed ({piece!r}): {where}")
        if not 0 <= span.paragraph_id < len(paras):
            raise AssertionError(f"no paragraph {span.paragraph_id}: {where}")
        p_start, p_end = paras[span.paragraph_id]
        if not p_start <= span.start < span.end <= p_end:
            raise AssertionError(f"sentence crosses its paragraph {paras[span.paragraph_id]}: {where}")
        prev_end, prev_pid = span.end, span.paragraph_id


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    """Split the decoded input in both languages and check the spans."""
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    for lang in LANGUAGES:
        check_spans(text, split_sentences(text, abbreviations=ABBREVIATIONS[lang]))


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line arguments."""
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
