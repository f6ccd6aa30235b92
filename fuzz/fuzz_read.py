"""Fuzz `analysis.io.iter_inputs` on one file of every supported kind.

The first byte picks the file's suffix (its low bits index `SUFFIXES`); the
rest is the file's content. For a `.gz` suffix the content is gzip-compressed
by the harness, so the fuzzer reaches the reader behind it, unless the first
byte's high bit asks for the bytes as they are.

Every item read must be a `Document` or an `InputFailure`, and an exception
that escapes is a bug. So is a failure that says "please report this file"
(`iter_inputs` turns any unexpected error into one, so that a batch goes on),
or a table "unreadable" because of an error that only a bug raises
(`PROGRAMMING_ERRORS`: a table reader's own errors are legitimate failures).
A `Document` must keep the promises of its docstring: text that is not blank,
NFC-normalized, with `\\n` line ends.
"""

from __future__ import annotations

import atexit
import gzip
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

import atheris

# atheris 2.3.0 mis-instruments `analysis.clauses.trim` on Python 3.11 (a conditional expression with a
# comparison inside `while True`: TypeError only when instrumented), so that module runs uninstrumented.
with atheris.instrument_imports(include=["analysis"], exclude=["analysis.clauses"]):
    from analysis.io import Document, InputFailure, iter_inputs

SUFFIXES = (".txt", ".html", ".md", ".csv", ".jsonl", ".txt.gz", ".csv.gz", ".jsonl.gz", ".parquet")
RAW = 0x80  # first-byte flag: write a `.gz` input without compressing it
INTERNAL_ERROR = "please report this file"
PROGRAMMING_ERRORS = re.compile(
    r"unreadable table(?: after row \d+)?: (?:AssertionError|AttributeError|IndexError|KeyError|NameError"
    r"|RecursionError|TypeError|UnboundLocalError|ZeroDivisionError):"
)

_WORKDIR = Path(tempfile.mkdtemp(prefix="fuzz-read-"))
atexit.register(shutil.rmtree, _WORKDIR, ignore_errors=True)


def _check_document(doc: Document) -> None:
    fields = (doc.doc_id, doc.source, doc.title, doc.date, doc.text)
    if not all(isinstance(x, str) for x in fields):
        raise AssertionError(f"a Document field is not a str: {doc!r}")
    if not doc.text.strip():
        raise AssertionError(f"blank document text: {doc!r}")
    if "\r" in doc.text:
        raise AssertionError(f"carriage return in document text: {doc.text!r}")
    if not unicodedata.is_normalized("NFC", doc.text):
        raise AssertionError(f"document text not NFC-normalized: {doc.text!r}")


def _check_failure(failure: InputFailure) -> None:
    if not (isinstance(failure.source, str) and isinstance(failure.error, str)):
        raise AssertionError(f"an InputFailure field is not a str: {failure!r}")
    if INTERNAL_ERROR in failure.error or PROGRAMMING_ERRORS.search(failure.error):
        raise AssertionError(f"unexpected error while reading: {failure.error}")


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    """Write the input as a file and read it back through `iter_inputs`."""
    if not data:
        return
    suffix = SUFFIXES[(data[0] & ~RAW) % len(SUFFIXES)]
    content = data[1:]
    if suffix.endswith(".gz") and not data[0] & RAW:
        content = gzip.compress(content, compresslevel=1, mtime=0)
    path = _WORKDIR / f"input{suffix}"
    path.write_bytes(content)
    try:
        items = list(iter_inputs([path]))
    finally:
        path.unlink()
    if not items:
        raise AssertionError("iter_inputs yielded nothing: the input is neither a document nor an error")
    for item in items:
        if isinstance(item, Document):
            _check_document(item)
        elif isinstance(item, InputFailure):
            _check_failure(item)
        else:
            raise AssertionError(f"iter_inputs yielded {type(item).__name__}: {item!r}")


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line arguments."""
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
