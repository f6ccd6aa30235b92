"""The eight tables of the data contract: schemas, the `Tables` container, writing and reading."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from analysis.errors import TableFormatError, invalid

# Column → dtype, in contract order; columns after the contract's are accords' own extras.
DOCUMENTS = {"doc_id": "string", "source": "string", "title": "string", "date": "string", "language": "string",
             "text": "string", "n_sentences": "int64"}  # fmt: skip
SENTENCES = {"doc_id": "string", "sentence_id": "int64", "paragraph_id": "int64", "start": "int64", "end": "int64",
             "text": "string"}  # fmt: skip
MENTIONS = {"doc_id": "string", "sentence_id": "int64", "start": "int64", "end": "int64", "text": "string",
            "actor_id": "string", "actor_type": "string", "country": "string", "kind": "string"}  # fmt: skip
TOPICS = {"doc_id": "string", "sentence_id": "int64", "topic": "string", "cap_code": "int64", "score": "float64",
          "evidence": "string", "start": "int64", "end": "int64"}  # fmt: skip
COMMITMENTS = {"doc_id": "string", "sentence_id": "int64", "actors": "string", "actor_text": "string",
               "trigger": "string", "action": "string", "strength": "string", "negated": "bool", "topic": "string",
               "topics": "string", "start": "int64", "end": "int64", "trigger_start": "int64",
               "trigger_end": "int64"}  # fmt: skip
STATEMENTS = {"doc_id": "string", "sentence_id": "int64", "speaker": "string", "speaker_country": "string",
              "verb": "string", "content": "string", "start": "int64", "end": "int64",
              "speaker_text": "string"}  # fmt: skip
AGREEMENTS = {"doc_id": "string", "sentence_id": "int64", "kind": "string", "title": "string", "parties": "string",
              "topic": "string", "start": "int64", "end": "int64", "count": "int64"}  # fmt: skip
ERRORS = {"source": "string", "error": "string"}

SCHEMAS: dict[str, dict[str, str]] = {
    "documents": DOCUMENTS,
    "sentences": SENTENCES,
    "mentions": MENTIONS,
    "topics": TOPICS,
    "commitments": COMMITMENTS,
    "statements": STATEMENTS,
    "agreements": AGREEMENTS,
    "errors": ERRORS,
}
FORMATS = ("csv", "parquet")


def frame(name: str, rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Return the rows as a DataFrame of table `name`, with exactly its columns, in order, typed.

    An empty `rows` gives an empty frame with the same columns and dtypes.
    """
    schema = SCHEMAS[name]
    df = pd.DataFrame.from_records(list(rows), columns=list(schema))
    return df.astype(schema).reset_index(drop=True)


@dataclass
class Tables:
    """The eight tables of one extraction, as pandas DataFrames (columns: see `SCHEMAS`)."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    topics: pd.DataFrame
    commitments: pd.DataFrame
    statements: pd.DataFrame
    agreements: pd.DataFrame
    errors: pd.DataFrame

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        """Return `(table name, frame)` pairs in contract order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]

    def to_dir(self, path: str | Path, *, format: str = "csv") -> list[Path]:  # noqa: A002 - the CLI's word
        """Write one file per table into `path` (created if missing).

        Returns:
            The files written, `path/<table>.<format>`.

        Raises:
            ArgumentError: `format` is not "csv" or "parquet".
        """
        if format not in FORMATS:
            raise invalid("format", format, FORMATS)
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in self.items():
            target = out / f"{name}.{format}"
            if format == "csv":
                df.to_csv(target, index=False, encoding="utf-8", lineterminator="\n")
            else:
                df.to_parquet(target, index=False)
            written.append(target)
        return written


def read_tables(path: str | Path) -> Tables:
    """Read back a folder written by `Tables.to_dir` or `python -m analysis extract` (csv or parquet).

    Returns:
        The `Tables`, with the contract's dtypes.

    Raises:
        TableFormatError: a table file is missing or lacks contract columns.
    """
    folder = Path(path)
    frames = {}
    for name, schema in SCHEMAS.items():
        parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
        if parquet.exists():
            df = pd.read_parquet(parquet)
        elif csv.exists():
            df = pd.read_csv(csv, dtype=str, keep_default_na=False)
        else:
            raise TableFormatError(f"{folder} has no {name}.csv or {name}.parquet")
        missing = [c for c in schema if c not in df.columns]
        if missing:
            raise TableFormatError(f"{name} table in {folder} lacks columns {missing}")
        for col, dtype in schema.items():
            if dtype == "bool" and df[col].dtype != bool:
                df[col] = df[col].astype(str).str.lower().isin(["true", "1"])
        frames[name] = df.astype(schema).reset_index(drop=True)
    return Tables(**frames)
