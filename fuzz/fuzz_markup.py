"""Fuzz `analysis.io.html_to_text` and `analysis.io.markdown_to_text` on arbitrary text.

Both must accept any string without raising and return `(text, title)`, two `str`.
"""

from __future__ import annotations

import sys

import atheris

# The standard library's HTML parser does the tokenizing: instrument it too, so coverage guides into it.
# atheris 2.3.0 mis-instruments `analysis.clauses.trim` on Python 3.11 (a conditional expression with a
# comparison inside `while True`: TypeError only when instrumented), so that module runs uninstrumented.
with atheris.instrument_imports(include=["analysis", "html", "_markupbase"], exclude=["analysis.clauses"]):
    from analysis.io import html_to_text, markdown_to_text


def _check(name: str, result: object) -> None:
    if not (isinstance(result, tuple) and len(result) == 2 and all(isinstance(x, str) for x in result)):
        raise AssertionError(f"{name} returned {result!r}, not (text, title) strings")


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    """Reduce the decoded input as HTML and as Markdown."""
    markup = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    _check("html_to_text", html_to_text(markup))
    _check("markdown_to_text", markdown_to_text(markup))


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line arguments."""
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
