"""Fuzz `analysis.io.decode_bytes`: arbitrary bytes in, normalized text or `DecodeError` out.

Any exception other than `DecodeError` is a bug. On success the text must be
a `str` without carriage returns and NFC-normalized, as the docstring promises.
"""

from __future__ import annotations

import sys
import unicodedata

import atheris

# atheris 2.3.0 mis-instruments `analysis.clauses.trim` on Python 3.11 (a conditional expression with a
# comparison inside `while True`: TypeError only when instrumented), so that module runs uninstrumented.
with atheris.instrument_imports(include=["analysis"], exclude=["analysis.clauses"]):
    from analysis.io import DecodeError, decode_bytes


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    """Decode `data` and check the result's invariants."""
    try:
        text = decode_bytes(data)
    except DecodeError:
        return
    if not isinstance(text, str):
        raise TypeError(f"decode_bytes returned {type(text).__name__}, not str")
    if "\r" in text:
        raise AssertionError(f"carriage return left in {text!r}")
    if not unicodedata.is_normalized("NFC", text):
        raise AssertionError(f"not NFC-normalized: {text!r}")


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line arguments."""
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
