"""Fuzz `analysis.pipeline.analyse_document` on short texts in Spanish and English.

The text is normalized as every `Document` read by `analysis.io` is (NFC,
`\\n` line ends) and kept under `MAX_CHARS`. Every row with offsets must
point inside the text (`0 <= start < end <= len(text)`), and the offsets of
sentences and mentions must give back their `text`, those of commitments
their `action`.
"""

from __future__ import annotations

import sys

import atheris

# atheris 2.3.0 mis-instruments `analysis.clauses.trim` on Python 3.11 (a conditional expression with a
# comparison inside `while True`: TypeError only when instrumented), so that module runs uninstrumented.
with atheris.instrument_imports(include=["analysis"], exclude=["analysis.clauses"]):
    from analysis.io import Document, normalize_text
    from analysis.pipeline import analyse_document

MAX_CHARS = 2_000
SPANNED = ("sentences", "mentions", "commitments", "statements", "agreements", "topics")
# The column each table's `text[start:end]` must equal.
SPAN_TEXT = {"sentences": "text", "mentions": "text", "commitments": "action"}


def check_rows(text: str, rows: dict[str, list[dict[str, object]]]) -> None:
    """Raise `AssertionError` when a row's offsets do not fit `text`."""
    for table in SPANNED:
        column = SPAN_TEXT.get(table)
        for row in rows[table]:
            start, end = row["start"], row["end"]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                raise AssertionError(f"{table} row has offsets {start}..{end} outside 0..{len(text)}: {row!r}")
            if column is not None and text[start:end] != row[column]:
                raise AssertionError(f"{table} row: text[{start}:{end}] = {text[start:end]!r} != {column} {row!r}")


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    """Analyse the decoded input as one document and check the rows' offsets."""
    fdp = atheris.FuzzedDataProvider(data)
    lang = "es" if fdp.ConsumeBool() else "en"
    text = normalize_text(fdp.ConsumeUnicodeNoSurrogates(MAX_CHARS))
    rows = analyse_document(Document("d", "d", "", "", text), language=lang)
    check_rows(text, rows)


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line arguments."""
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
