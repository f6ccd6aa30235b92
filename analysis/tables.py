"""The eight tables of the data contract: schemas, the `Tables` container, writing and reading."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import TableFormatError, invalid

# Column → dtype, in contract order; columns after the contract's are accords' own extras.
DOCUMENTS = {
    "doc_id": "string",
    "source": "string",
    "title": "string",
    "date": "string",
    "language": "string",
    "text": "string",
    "n_sentences": "int64",
}
SENTENCES = {
    "doc_id": "string",
    "sentence_id": "int64",
    "paragraph_id": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
}
MENTIONS = {
    "doc_id": "string",
    "sentence_id": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "actor_id": "string",
    "actor_type": "string",
    "country": "string",
    "kind": "string",
}
TOPICS = {
    "doc_id": "string",
    "sentence_id": "int64",
    "topic": "string",
    "cap_code": "int64",
    "score": "float64",
    "evidence": "string",
    "start": "int64",
    "end": "int64",
}
COMMITMENTS = {
    "doc_id": "string",
    "sentence_id": "int64",
    "actors": "string",
    "actor_text": "string",
    "trigger": "string",
    "action": "string",
    "strength": "string",
    "negated": "bool",
    "topic": "string",
    "topics": "string",
    "start": "int64",
    "end": "int64",
    "trigger_start": "int64",
    "trigger_end": "int64",
}
STATEMENTS = {
    "doc_id": "string",
    "sentence_id": "int64",
    "speaker": "string",
    "speaker_country": "string",
    "verb": "string",
    "content": "string",
    "start": "int64",
    "end": "int64",
    "speaker_text": "string",
}
AGREEMENTS = {
    "doc_id": "string",
    "sentence_id": "int64",
    "kind": "string",
    "title": "string",
    "parties": "string",
    "topic": "string",
    "start": "int64",
    "end": "int64",
    "count": "int64",
}
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
        with TableWriter(path, format=format) as writer:
            writer.write_frames(dict(self.items()))
        return writer.paths


def arrow_schema(name: str) -> Any:
    """Return the pyarrow schema of table `name` (strings, int64, float64, bool in contract order)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(col, types[dtype]) for col, dtype in SCHEMAS[name].items()])


def remove_tables(folder: str | Path, formats: Iterable[str] = FORMATS) -> None:
    """Delete the table files (`<table>.<format>`, for the eight tables) in `folder`; other files stay."""
    for fmt in formats:
        for name in SCHEMAS:
            (Path(folder) / f"{name}.{fmt}").unlink(missing_ok=True)


class TableWriter:
    """Write the tables into a folder chunk by chunk, so that no table is ever whole in memory.

    Each table is one file, `<table>.csv` (header first, then rows appended) or
    `<table>.parquet` (one row group per chunk). The same rows in the same chunks
    give byte-identical files.

    Example:
        >>> with TableWriter("out", format="parquet") as writer:  # doctest: +SKIP
        ...     writer.write({"commitments": [...], ...})
    """

    def __init__(self, path: str | Path, *, format: str = "csv") -> None:  # noqa: A002 - the CLI's word
        if format not in FORMATS:
            raise invalid("format", format, FORMATS)
        self.folder = Path(path)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.format = format
        self.paths = [self.folder / f"{name}.{format}" for name in SCHEMAS]
        # Tables of an earlier run in the other format would be read instead of these.
        remove_tables(self.folder, [other for other in FORMATS if other != format])
        self.rows = dict.fromkeys(SCHEMAS, 0)
        self._parquet: dict[str, Any] = {}
        self._started: set[str] = set()

    def write(self, rows: Mapping[str, Iterable[Mapping[str, object]]]) -> None:
        """Append rows (dicts with a table's columns) to their tables."""
        if self.format == "parquet":
            import pyarrow as pa

            tables = {}
            for name, table_rows in rows.items():
                listed = list(table_rows)
                try:  # straight to Arrow, no DataFrame on the way: the same table, in less time
                    tables[name] = pa.Table.from_pylist(listed, schema=arrow_schema(name))
                except (pa.ArrowException, TypeError, ValueError, ArithmeticError):  # a value Arrow refuses
                    tables[name] = frame(name, listed)
            self.write_frames(tables)
            return
        self.write_frames({name: frame(name, table_rows) for name, table_rows in rows.items()})

    def write_frames(self, frames: Mapping[str, Any]) -> None:
        """Append DataFrames (with the contract's columns; for Parquet, pyarrow Tables too) to their tables."""
        for name, df in frames.items():
            target = self.folder / f"{name}.{self.format}"
            if self.format == "csv":
                first = name not in self._started
                df.to_csv(
                    target, index=False, header=first, mode="w" if first else "a", encoding="utf-8", lineterminator="\n"
                )
            else:
                import pyarrow as pa
                import pyarrow.parquet as pq

                if name not in self._parquet:
                    self._parquet[name] = pq.ParquetWriter(target, arrow_schema(name))
                if len(df) or name not in self._started:
                    if isinstance(df, pd.DataFrame):
                        df = pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)
                    self._parquet[name].write_table(df.replace_schema_metadata(None))
            self._started.add(name)
            self.rows[name] += len(df)

    def close(self) -> list[Path]:
        """Finish every file (tables that got no rows are written empty, with their columns) and return the paths."""
        self.write_frames({name: frame(name, []) for name in SCHEMAS if name not in self._started})
        for writer in self._parquet.values():
            writer.close()
        self._parquet.clear()
        return self.paths

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
