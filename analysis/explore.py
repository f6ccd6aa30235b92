"""Filters and evidence views for exploring the tables interactively (notebooks/explore.ipynb).

Example:
    >>> tables = analysis.extract("seeds/")
    >>> rows = filter_rows(tables, "commitments", actor="RUS", strength="firm")
    >>> show_evidence(tables, rows, 0)  # the row's sentence with its span marked
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import invalid
from analysis.labels import DEFAULT_REPORT_LANGUAGE, STRENGTHS, split_ids
from analysis.report import Report, esc
from analysis.tables import SCHEMAS, Tables

# The tables whose rows name actors, and the column that does.
ACTOR_COLUMNS = {"commitments": "actors", "agreements": "parties", "statements": "speaker_country",
                 "mentions": "country", "topics": None}  # fmt: skip


def filter_rows(
    tables: Tables,
    table: str = "commitments",
    *,
    actor: str | None = None,
    topic: str | None = None,
    strength: str | None = None,
    doc_id: str | None = None,
) -> pd.DataFrame:
    """Return the rows of `table` that involve `actor`, are on `topic`, have `strength` and come from `doc_id`.

    An option left as None (or "") does not filter. `actor` is an actor id ("RUS", "putin");
    `topic` a topic slug, matched against `topics` where the table has it.

    Returns:
        The table's columns (see `analysis.tables.SCHEMAS`) plus `sentence`, the text of each
        row's sentence; the original row numbers are kept as the index.

    Raises:
        ArgumentError: `table` cannot be filtered this way (by topic: statements and mentions have none),
            or `strength` is not a level.
    """
    if table not in ACTOR_COLUMNS:
        raise invalid("table", table, sorted(ACTOR_COLUMNS))
    if strength and strength not in STRENGTHS:
        raise invalid("strength", strength, STRENGTHS)
    df = getattr(tables, table)
    keep = pd.Series(True, index=df.index)
    if actor:
        column = ACTOR_COLUMNS[table]
        if column is None:
            raise invalid("table", table, [t for t, c in ACTOR_COLUMNS.items() if c])
        in_cell = df[column].map(lambda cell: actor in split_ids(cell))
        if table in {"statements", "mentions"}:
            own = "speaker" if table == "statements" else "actor_id"
            in_cell |= df[own].map(lambda cell: actor in split_ids(cell))
        keep &= in_cell.astype(bool)
    if topic:
        if "topics" in df.columns:
            keep &= df["topics"].map(lambda cell: topic in split_ids(cell)).astype(bool)
        elif "topic" in df.columns:
            keep &= (df["topic"] == topic).fillna(False).astype(bool)
        else:
            raise invalid("table", table, [t for t in ACTOR_COLUMNS if "topic" in SCHEMAS[t]])
    if strength:
        if "strength" not in df.columns:
            raise invalid("table", table, ["commitments"])
        keep &= (df["strength"] == strength).fillna(False).astype(bool)
    if doc_id:
        keep &= (df["doc_id"] == doc_id).fillna(False).astype(bool)
    rows = df[keep]
    return rows.assign(sentence=_sentences(tables, rows))


def _sentences(tables: Tables, rows: pd.DataFrame) -> pd.Series:
    keyed = tables.sentences.set_index(["doc_id", "sentence_id"])["text"]
    keys = list(zip(rows["doc_id"], rows["sentence_id"], strict=True))
    return pd.Series([keyed.get(k, "") for k in keys], index=rows.index, dtype="string")


def show_evidence(
    tables: Tables, rows: pd.DataFrame, position: int = 0, *, language: str = DEFAULT_REPORT_LANGUAGE
) -> object:
    """Return the sentence of the `position`-th row of `rows` with the row's span marked, as HTML.

    Returns:
        An IPython HTML object; the text is escaped.

    Raises:
        ArgumentError: `position` is outside `rows`.
    """
    from IPython.display import HTML

    if not 0 <= position < len(rows):
        raise invalid("position", position, f"0 … {len(rows) - 1}" if len(rows) else "nothing: no rows")
    row = rows.iloc[position]
    report = Report(tables, language=language)
    marked = report.evidence_html(row["doc_id"], int(row["sentence_id"]), int(row["start"]), int(row["end"]))
    where = report.labels.text("sentences", "evidence_in", doc=row["doc_id"], sentence=int(row["sentence_id"]))
    return HTML(f"<p><b>{esc(report.labels.text('sections', 'evidence'))}</b> ({esc(where)}): {marked}</p>")
