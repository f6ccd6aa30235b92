"""Read inputs — text files, folders and table corpora — into documents.

Everything a user points at ends up either as a `Document` or as an
`InputFailure` (a row of the `errors` table): nothing is silently lost.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import gzip
import io
import json
import os
import re
import sys
import unicodedata
import zlib
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from analysis.errors import ArgumentError, InputPathError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
COMPRESSED = ".gz"
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
SUPPORTED = sorted(TEXT_SUFFIXES | TABLE_SUFFIXES)
# Share of control characters above which decoded bytes are taken for binary data.
MAX_CONTROL_SHARE = 0.005
# Characters a document may have by default; a longer one is an `errors` row (`max_chars=0`: no limit).
MAX_CHARS = 2_000_000
# Bytes a character can take in any encoding read here (UTF-32), so a file over 4 × the limit is refused unread.
_MAX_CHAR_BYTES = 4


@dataclass(frozen=True)
class Document:
    """One input text, already decoded and normalized (NFC, `\\n` line ends)."""

    doc_id: str
    source: str
    title: str
    date: str
    text: str


@dataclass(frozen=True)
class InputFailure:
    """An input that could not be analysed, with the reason."""

    source: str
    error: str


class DecodeError(Exception):
    """Bytes that are not readable text; the message says why."""


class TooLargeError(Exception):
    """A document over the size limit; the message says by how much and how to raise the limit."""


def too_large(size: str, max_chars: int) -> str:
    """Return the `errors` message for a document of `size` ("2,500,000 characters") over `max_chars`."""
    return (
        f"too large: {size}, over the limit of {max_chars:,} characters per document "
        "(raise it with --max-chars N, or 0 for no limit)"
    )


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_UNPRINTABLE = re.compile(r"[\ud800-\udfff\r]")


def printable(text: str) -> str:
    """Return `text` without lone surrogates, which no UTF-8 file can hold, and with `\\r` line ends as `\\n`.

    A file name's undecodable bytes (kept by Python as surrogates) become
    `\\xNN` escapes, so the name still tells which file it was; other lone
    surrogates (a JSON `"\\ud800"`) become U+FFFD. A bare `\\r` would not be
    quoted in a CSV table and would split its row in most readers.
    """
    if not _UNPRINTABLE.search(text):
        return text
    text = _unix_line_ends(text)
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Each byte as Windows-1252 reads it (its five unassigned bytes as Latin-1 does).
_CP1252 = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]
LEGACY_BYTES = "accords-cp1252"


def _legacy_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Read the bytes UTF-8 cannot as Windows-1252: one stray byte must not turn a whole file to mojibake."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(_CP1252[b] for b in exc.object[exc.start : exc.end]), exc.end


codecs.register_error(LEGACY_BYTES, _legacy_bytes)


def decode_bytes(data: bytes) -> str:
    """Decode `data` as text and normalize it.

    UTF-16/32 with a BOM, else UTF-8 (with or without BOM) in which any
    byte UTF-8 cannot read is read as Windows-1252 (a superset of Latin-1
    for printable text, the usual legacy encoding of Spanish and English
    files): a Latin-1 file and a UTF-8 file with one stray byte both come
    out right. Line endings become `\\n`, the text is NFC-normalized.

    Returns:
        The decoded text.

    Raises:
        DecodeError: empty input, binary data, or bytes no supported
            encoding reads.
    """
    if not data:
        raise DecodeError("empty file")
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {encoding} despite its byte-order mark: {exc.reason}") from None
            break
    if text is None:
        if b"\x00" in data:
            raise DecodeError("binary data (contains NUL bytes), not text")
        text = data.decode("utf-8", errors=LEGACY_BYTES)
    text = text.lstrip("\ufeff")
    if text and len(_CONTROL.findall(text)) > max(1, len(text) * MAX_CONTROL_SHARE):
        raise DecodeError("binary data (too many control characters), not text")
    return normalize_text(text)


def normalize_text(text: str) -> str:
    """Return `text` NFC-normalized with `\\r\\n` and `\\r` line ends turned into `\\n`."""
    return unicodedata.normalize("NFC", _unix_line_ends(text))


def _unix_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- markup

_SKIP_TAGS = {"script", "style", "nav", "noscript", "template", "svg", "iframe", "form", "button", "select"}
# Page furniture, dropped unless it sits inside the article itself (an article's own <header> holds its headline).
_FURNITURE = {"header", "footer", "aside"}
_CONTENT = {"article", "main"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "figcaption",
    "main",
    "title",
}


class _TextExtractor(HTMLParser):
    """Collect a page's readable text; open elements are counted, not stacked, so bad markup stays linear."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self.open: dict[str, int] = {}
        self.skipping: list[str] = []  # the skipped elements we are inside

    def _depth(self, tag: str) -> int:
        return self.open.get(tag, 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _VOID:
            return
        if tag in _SKIP_TAGS or (tag in _FURNITURE and not any(self._depth(c) for c in _CONTENT)):
            self.skipping.append(tag)
        self.open[tag] = self._depth(tag) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _VOID or not self._depth(tag):
            return
        self.open[tag] -= 1
        if tag in self.skipping:
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag)]

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Skip `<![CDATA[…]]>` and kin; a malformed `<![` (the standard parser raises on it) is text."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.handle_data(self.rawdata[i : i + 3])
            return i + 3

    def handle_data(self, data: str) -> None:
        if self._depth("title") and not self._depth("svg"):
            self.title.append(data)
            return
        if self.skipping or self._depth("title"):
            return
        if self._depth("h1"):
            self.h1.append(data)
        self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """Reduce HTML to its readable text.

    Scripts, styles, navigation, headers, footers and forms are dropped;
    block elements become line breaks; entities are resolved.

    Returns:
        `(text, title)`: the text with one paragraph a line, and the
        page's `<title>` (else its first `<h1>`, else ""), both
        NFC-normalized (character references can build decomposed letters).
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.h1).split())
    return unicodedata.normalize("NFC", text), unicodedata.normalize("NFC", title)


# A table cell with any of these tags holds HTML, and is reduced to its text.
_HTML_TAG = re.compile(
    r"</?(?:p|a|br|li|ul|ol|div|span|strong|em|b|i|h[1-6]|table|tr|td|script|style)\b[^>]{0,500}>", re.I
)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
# Emphasis closes on the same line within a bounded span, so a stray "*" costs nothing.
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)([^\n]{1,300}?)(?<=\S)\1")


def markdown_to_text(markup: str) -> tuple[str, str]:
    """Strip the common Markdown markup (headings, emphasis, links, images).

    Returns:
        `(text, title)`: the plain text and the first heading's text (or
        ""), NFC-normalized (removed markup can join a letter and an accent).
    """
    heading = re.search(r"^\s{0,3}#\s+(.+)$", markup, re.M)
    text = _MD_LINK.sub(r"\1", markup)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    title = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", heading.group(1))).strip() if heading else ""
    return unicodedata.normalize("NFC", text), unicodedata.normalize("NFC", title)


def headline(text: str) -> str:
    """Return the first line of `text` when it reads as a headline (short, no final period), else ""."""
    first = text.strip().split("\n", 1)[0].strip()
    if first and len(first) <= 160 and not first.endswith((".", ":", ";", ",")) and "\n" in text.strip():
        return first
    return ""


# --------------------------------------------------------------------------- walking


def kind_suffix(path: Path) -> str:
    """Return the suffix that tells how to read `path`, looking through a `.gz`: "a.jsonl.gz" → ".jsonl"."""
    suffixes = [x.lower() for x in path.suffixes]
    if suffixes and suffixes[-1] == COMPRESSED:
        return suffixes[-2] if len(suffixes) > 1 else ""
    return suffixes[-1] if suffixes else ""


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """Return the bytes of `path`, decompressed when it ends in `.gz`.

    Args:
        limit: the most bytes to accept; a larger file (or decompressed
            stream, so that a gzip bomb is never expanded) raises TooLargeError
            after reading at most `limit` + 1 bytes.

    Raises:
        DecodeError: a `.gz` file that is not valid gzip.
        TooLargeError: more than `limit` bytes.
    """
    compressed = path.suffix.lower() == COMPRESSED
    if limit is not None and not compressed and (size := path.stat().st_size) > limit:
        raise TooLargeError(f"{size:,} bytes")
    try:
        with _open_binary(path) as fh:
            data = fh.read() if limit is None else fh.read(limit + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise DecodeError(f"not a valid gzip file: {exc}") from None
    if limit is not None and len(data) > limit:
        raise TooLargeError(f"more than {limit:,} bytes{' once decompressed' if compressed else ''}")
    return data


@dataclass(frozen=True)
class _Unlistable:
    error: OSError


def _walk(root: Path, skipped: Collection[tuple[int, int]] = ()) -> Iterator[Path | _Unlistable]:
    """Yield the files below `root`, sorted, following links but never a loop; folders that cannot be listed too.

    Folders whose `(st_dev, st_ino)` is in `skipped` (the run's own output folder) are not entered.
    """
    seen: set[tuple[int, int]] = set(skipped)  # entered already, or never to be
    unlistable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unlistable.append):
        while unlistable:
            yield _Unlistable(unlistable.pop())
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name
    while unlistable:
        yield _Unlistable(unlistable.pop())


def _doc_id_for(path: Path, root: Path | None) -> str:
    rel = path.relative_to(root) if root is not None else Path(path.name)
    if rel.suffix.lower() == COMPRESSED:
        rel = rel.with_suffix("")
    return rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()


class _Ids:
    """Keep doc_ids unique in a run: a colliding id gets its input's name as a prefix."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def claim(self, doc_id: str, input_name: str) -> str:
        candidate = doc_id
        if candidate in self.seen:
            candidate = f"{input_name}/{doc_id}"
        n = 2
        base = candidate
        while candidate in self.seen:
            candidate = f"{base}~{n}"
            n += 1
        self.seen.add(candidate)
        return candidate


def check_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """Convert `inputs` to paths and check each exists.

    Returns:
        The inputs as `Path` objects, in the order given.

    Raises:
        InputPathError: no input was given, or one does not exist.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    paths = [Path(p) for p in inputs]
    if not paths:
        raise InputPathError("no input given: pass a text file, a folder or a table corpus")
    for path in paths:
        if not path.exists():
            raise InputPathError(f"input path does not exist: {path}")
    return paths


def iter_inputs(
    inputs: Sequence[str | Path], *, max_chars: int = MAX_CHARS, exclude: Sequence[str | Path] = ()
) -> Iterator[Document | InputFailure]:
    """Read every input and yield its documents and failures, in input order.

    A folder is searched recursively in sorted order; hidden files and
    folders are skipped, symlinks followed but loops not. Table corpora
    (.csv, .jsonl, .parquet) need a `text` column and may have `id`,
    `title`, `date` and `source`. A document longer than `max_chars`
    characters (0: no limit) is a failure, and a text file over four bytes
    per allowed character is refused without being read. Names and cells
    that hold lone surrogates are made printable (see `printable`). A file
    reached twice (given twice, or through a link) is read once. Folders
    in `exclude` (the run's output folder) are not searched.

    Returns:
        An iterator of `Document` and `InputFailure` objects.

    Raises:
        InputPathError: an input path does not exist (checked before anything is read).
        ArgumentError: `max_chars` is not a whole number ≥ 0, or an input folder is in `exclude`.
    """
    check_max_chars(max_chars)
    paths = check_inputs(inputs)  # before the first item is asked for: a missing path stops the run at once
    excluded = [Path(folder) for folder in exclude]
    for path in paths:
        if path.is_dir() and any(path.resolve() == folder.resolve() for folder in excluded):
            raise ArgumentError(f"the input folder {path} is also the output folder; write the output elsewhere")
    return (_printable_item(item) for item in _iter_inputs(paths, max_chars, excluded))


def check_max_chars(max_chars: int) -> int:
    """Return `max_chars` if it is a valid document size limit (a whole number, 0 for none).

    Raises:
        ArgumentError: it is not.
    """
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 0:
        raise ArgumentError(
            f"max_chars value = {max_chars!r} is invalid; value must be a whole number ≥ 0 (0: no limit)"
        )
    return max_chars


def _printable_item(item: Document | InputFailure) -> Document | InputFailure:
    fields = tuple(vars(item).values())
    if _UNPRINTABLE.search("\n".join(fields)) is None:  # one search: "\n" is printable, and the class is per character
        return item
    return type(item)(*map(printable, fields))


def _iter_inputs(paths: list[Path], max_chars: int, exclude: Sequence[Path]) -> Iterator[Document | InputFailure]:
    ids = _Ids()
    # Taken when reading starts, after the output folder is made.
    skipped = {(st.st_dev, st.st_ino) for st in (folder.stat() for folder in exclude if folder.is_dir())}
    read: dict[tuple[int, int], str] = {}  # each file once, however many ways it was reached
    for path in paths:
        root = path if path.is_dir() else None
        input_name = (path.name or path.resolve().name) if root else _doc_id_for(path, None)
        files: Iterator[Path | _Unlistable] = _walk(path, skipped) if root else iter([path])
        for file in files:
            if isinstance(file, _Unlistable):
                yield InputFailure(str(file.error.filename), f"folder cannot be listed: {file.error.strerror}")
                continue
            if not file.is_file():
                what = "a broken link" if file.is_symlink() and not file.exists() else "a pipe, socket or device"
                yield InputFailure(str(file), f"skipped: not a regular file ({what})")
                continue
            suffix = kind_suffix(file)
            if suffix not in TEXT_SUFFIXES and suffix not in TABLE_SUFFIXES:
                yield InputFailure(
                    str(file), f"skipped: unsupported file type {suffix or '(none)'!r}; expected one of {SUPPORTED}"
                )
                continue
            st = file.stat()
            if (st.st_dev, st.st_ino) in read:
                yield InputFailure(str(file), f"skipped: the same file as {read[st.st_dev, st.st_ino]}, already read")
                continue
            read[st.st_dev, st.st_ino] = str(file)
            yield from _guarded(_read_path(file, root, ids, input_name, max_chars), file)


def _guarded(items: Iterator[Document | InputFailure], path: Path) -> Iterator[Document | InputFailure]:
    """Yield `items`; an unexpected error while reading `path` ends it with a failure rather than the run."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        yield InputFailure(str(path), f"could not be read ({type(exc).__name__}: {exc}); please report this file")


def _read_path(
    path: Path, root: Path | None, ids: _Ids, input_name: str, max_chars: int
) -> Iterator[Document | InputFailure]:
    suffix = kind_suffix(path)
    if suffix in TABLE_SUFFIXES:
        yield from _read_table(path, ids, input_name, max_chars)
        return
    try:
        limit = max_chars * _MAX_CHAR_BYTES + len(codecs.BOM_UTF32) if max_chars else None
        raw = decode_bytes(read_bytes(path, limit=limit))
    except OSError as exc:
        yield InputFailure(str(path), f"unreadable: {exc.strerror or exc}")
        return
    except DecodeError as exc:
        yield InputFailure(str(path), str(exc))
        return
    except TooLargeError as exc:
        yield InputFailure(str(path), too_large(str(exc), max_chars))
        return
    if suffix in {".html", ".htm"}:
        text, title = html_to_text(raw)
    elif suffix in {".md", ".markdown"}:
        text, title = markdown_to_text(raw)
    else:
        text, title = raw, ""
    if not text.strip():
        yield InputFailure(str(path), "no text: the file holds only whitespace or markup")
        return
    if max_chars and len(text) > max_chars:
        yield InputFailure(str(path), too_large(f"{len(text):,} characters", max_chars))
        return
    doc_id = ids.claim(_doc_id_for(path, root), input_name)
    yield Document(doc_id, str(path), title or headline(text), "", text)


def _read_table(path: Path, ids: _Ids, input_name: str, max_chars: int) -> Iterator[Document | InputFailure]:
    """Yield the documents of a table corpus, read in chunks of `TABLE_CHUNK` rows so that memory stays flat."""
    source = str(path)
    row_number = 0
    try:
        for chunk in _table_chunks(path):
            if isinstance(chunk, InputFailure):
                yield chunk
                continue
            rows = chunk if isinstance(chunk, list) else chunk.to_dict("records")
            columns = list(chunk[0]) if isinstance(chunk, list) else list(chunk.columns)
            # A CSV or Parquet schema holds for every row; JSONL lines may differ, so each is judged alone.
            if row_number == 0 and "text" not in columns and kind_suffix(path) != ".jsonl":
                yield InputFailure(source, f"table has no 'text' column (columns: {columns})")
                return
            for row in rows:
                yield from _table_row(row, row_number, source, ids, input_name, max_chars)
                row_number += 1
    except DecodeError as exc:
        yield InputFailure(source, str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - any reader error becomes an errors row
        where = f" after row {row_number - 1}" if row_number else ""
        yield InputFailure(source, f"unreadable table{where}: {type(exc).__name__}: {exc}")
        return
    if row_number == 0:
        yield InputFailure(source, "table has no rows")


def _table_row(
    row: dict[str, object], row_number: int, source: str, ids: _Ids, input_name: str, max_chars: int
) -> Iterator[Document | InputFailure]:
    raw_id = row.get("id")
    local_id = _cell_text(raw_id) if _present(raw_id) else str(row_number)
    row_source = str(row["source"]) if _present(row.get("source")) else f"{source}#{local_id}"
    value = row.get("text")
    if not pd.api.types.is_scalar(value):  # a JSON list or object, a Parquet list or struct
        kind = type(value).__name__
        yield InputFailure(row_source, f"text in row {row_number} (id {local_id!r}) of {source} is a {kind}, not text")
        return
    text = _cell_text(value) if _present(value) else ""
    if not text.strip():
        yield InputFailure(row_source, f"empty text in row {row_number} (id {local_id!r}) of {source}")
        return
    title = str(row["title"]) if _present(row.get("title")) else ""
    body = normalize_text(text)
    if _HTML_TAG.search(body):  # exports often keep the article's markup
        body = html_to_text(body)[0] or body
    if max_chars and len(body) > max_chars:
        size = f"{len(body):,} characters in row {row_number} (id {local_id!r}) of {source}"
        yield InputFailure(row_source, too_large(size, max_chars))
        return
    doc_id = ids.claim(local_id, input_name)
    yield Document(doc_id, row_source, normalize_text(title), _iso_date(row.get("date")), body)


def _cell_text(value: object) -> str:
    """Return a table cell as text: a whole float as an integer ("7", not "7.0"), bytes decoded."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value).strip()


def _present(value: object) -> bool:
    """Tell whether a table cell holds a value: not None, NaN or blank."""
    if value is None:
        return False
    if isinstance(value, str):  # the usual cell: no need for pandas' slower test
        return bool(value.strip())
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$")


def _iso_date(value: object) -> str:
    """Return `value` as YYYY-MM-DD when it is an ISO 8601 date or timestamp of a real day, else as written (or "").

    Other forms ("05/06/2024") are kept as given rather than guessed: day
    and month order differ between sources.
    """
    if not _present(value):
        return ""
    return _iso_text(str(value).strip())


@lru_cache(maxsize=4096)  # a corpus has far fewer dates than documents
def _iso_text(text: str) -> str:
    m = _ISO_DATE.match(text)
    if not m:
        return text
    try:
        return datetime.date(*map(int, m.groups())).isoformat()
    except ValueError:  # "2024-02-31": not a day, so kept as written
        return text


csv.field_size_limit(sys.maxsize)  # a cell may hold a whole transcript; --max-chars is the limit that counts
# Rows of a table corpus read at a time: a million-row archive is never in memory at once.
TABLE_CHUNK = 5_000
TABLE_CHUNK_CHARS = 8_000_000
_SNIFF_BLOCK = 1 << 20


def _open_binary(path: Path) -> io.BufferedIOBase:
    """Open `path` for reading bytes, decompressing a `.gz` file on the fly."""
    if path.suffix.lower() == COMPRESSED:
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def sniff_encoding(path: Path) -> str:
    """Return the encoding to read `path` with (errors=LEGACY_BYTES), by the rules of `decode_bytes`, in blocks.

    Raises:
        DecodeError: empty file, binary data, invalid gzip, or a byte-order mark its bytes do not follow.
    """
    try:
        with _open_binary(path) as fh:
            head = fh.read(4)
            if not head:
                raise DecodeError("empty file")
            for bom, encoding in _BOMS:
                if head.startswith(bom):
                    decoder = codecs.getincrementaldecoder(encoding)()
                    block = head
                    try:
                        while block:
                            decoder.decode(block)
                            block = fh.read(_SNIFF_BLOCK)
                        decoder.decode(b"", final=True)
                    except UnicodeDecodeError as exc:
                        raise DecodeError(f"not valid {encoding} despite its byte-order mark: {exc.reason}") from None
                    return encoding
            controls, size, block = 0, 0, head
            while block:
                if b"\x00" in block:
                    raise DecodeError("binary data (contains NUL bytes), not text")
                controls += len(block) - len(block.translate(None, _CONTROL_BYTES))  # how many it deletes
                size += len(block)
                block = fh.read(_SNIFF_BLOCK)
    except (OSError, EOFError, zlib.error) as exc:
        raise DecodeError(f"not a valid gzip file: {exc}") from None
    if controls > max(1, size * MAX_CONTROL_SHARE):
        raise DecodeError("binary data (too many control characters), not text")
    return "utf-8-sig"  # read with errors=LEGACY_BYTES, as `decode_bytes` does


# ASCII control characters (the C1 range depends on the encoding and is checked per document).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _table_chunks(path: Path) -> Iterator[pd.DataFrame | list[dict[str, object]] | InputFailure]:
    """Yield a table corpus in chunks of at most `TABLE_CHUNK` rows (DataFrames, or lists of row dicts
    for CSV and JSONL, which need no DataFrame), and its malformed rows as failures."""
    suffix = kind_suffix(path)
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        with _open_binary(path) as fh:
            data = fh if path.suffix.lower() != COMPRESSED else io.BytesIO(fh.read())
            for batch in pq.ParquetFile(data).iter_batches(batch_size=TABLE_CHUNK):
                yield batch.to_pandas()
        return
    encoding = sniff_encoding(path)
    # CSV: quoted cells keep their line ends (the csv module's rule); JSONL: a line ends at "\n" only.
    newline = "" if suffix == ".csv" else "\n"
    with (
        _open_binary(path) as raw,
        io.TextIOWrapper(raw, encoding=encoding, errors=LEGACY_BYTES, newline=newline) as fh,
    ):
        yield from _csv_chunks(fh, path) if suffix == ".csv" else _jsonl_chunks(fh, path)


def _csv_chunks(fh: io.TextIOBase, path: Path) -> Iterator[list[dict[str, object]] | InputFailure]:
    """Yield the rows of a CSV corpus as lists of dicts of strings (every column in each), and each row
    that cannot be read as a failure.

    Read leniently (a quote inside a cell, `"Sí" respondió`, stays text): pandas' strict
    reader would drop such rows without a word.
    """
    reader = csv.reader(fh, strict=False)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield InputFailure(str(path), f"unreadable CSV header: {exc}")
        return
    columns = {name.strip(): k for k, name in reversed(list(enumerate(header)))}  # a repeated name: its first column
    records: list[dict[str, str]] = []
    held = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputFailure(
                f"{path}:{reader.line_num}", f"unreadable CSV row ending on line {reader.line_num}: {exc}"
            )
            continue
        if len(fields) > len(header):
            preview = ",".join(fields)[:60]
            yield InputFailure(
                f"{path}:{reader.line_num}",
                f"malformed CSV row ending on line {reader.line_num} skipped: {len(fields)} fields where the header "
                f"has {len(header)}: {preview!r}",
            )
            continue
        if not any(f.strip() for f in fields):
            continue  # a blank line
        records.append({name: fields[k] if k < len(fields) else "" for name, k in columns.items()})
        held += sum(map(len, fields))
        if len(records) == TABLE_CHUNK or held >= TABLE_CHUNK_CHARS:
            yield records
            records, held = [], 0
    if records:
        yield records


# strict=False: a raw tab or CR inside a string is kept. One decoder for every line: `json.loads` with an
# option makes a new one each time.
_JSONL = json.JSONDecoder(strict=False)


def _jsonl_chunks(fh: io.TextIOBase, path: Path) -> Iterator[list[dict[str, object]] | InputFailure]:
    """Yield the objects of a JSONL corpus in lists, and each line that is not one as a failure.

    An object without a field reads as if it held null there.
    """
    records: list[dict] = []
    held = 0
    for lineno, line in enumerate(fh, start=1):
        if not line.strip():
            continue
        try:
            if line.startswith("\ufeff"):  # what `json.loads` says of it
                raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", line, 0)
            record = _JSONL.decode(line)
        except json.JSONDecodeError as exc:
            yield InputFailure(f"{path}:{lineno}", f"invalid JSON on line {lineno}, column {exc.colno}: {exc.msg}")
            continue
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, arrays nested 100,000 deep
            yield InputFailure(f"{path}:{lineno}", f"unreadable JSON on line {lineno}: {type(exc).__name__}: {exc}")
            continue
        if not isinstance(record, dict):
            yield InputFailure(f"{path}:{lineno}", f"line {lineno} is not a JSON object")
            continue
        records.append(record)
        held += len(line)
        if len(records) == TABLE_CHUNK or held >= TABLE_CHUNK_CHARS:  # long documents: a chunk by size too
            yield records
            records, held = [], 0
    if records:
        yield records
