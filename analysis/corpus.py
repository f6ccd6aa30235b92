"""Views across many documents: commitments per actor pair, topics per period, repeated commitments."""

from __future__ import annotations

import re
from itertools import combinations

import pandas as pd

from analysis.labels import STRENGTHS, split_ids
from analysis.tables import Tables
from analysis.textutil import WORD_RE, fold

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")


def normalize_action(action: str) -> str:
    """Return an action reduced for comparison: lower case, no accents, words only, single spaces.

    Example:
        >>> normalize_action("Reforzar la cooperación, en materia energética.")
        'reforzar la cooperacion en materia energetica'
    """
    return " ".join(WORD_RE.findall(fold(action)))


def dated_documents(tables: Tables) -> pd.DataFrame:
    """Return the documents with a readable date.

    Returns:
        DataFrame with columns doc_id, date (datetime64), sorted by date.
    """
    # Only the day counts: time zones and other forms ("05/06/2024", kept as written) are left out.
    days = tables.documents["date"].fillna("").astype(str).str.extract(r"^(\d{4}-\d{2}-\d{2})", expand=False)
    dates = pd.to_datetime(days, errors="coerce", format="%Y-%m-%d")
    df = pd.DataFrame({"doc_id": tables.documents["doc_id"], "date": dates}).dropna(subset=["date"])
    return df.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def period(dates: pd.Series) -> str:
    """Return the pandas period code that gives a readable number of bars for `dates`: D, W, M or Y."""
    span = (dates.max() - dates.min()).days if len(dates) else 0
    if span <= 45:
        return "D"
    if span <= 300:
        return "W"
    if span <= 365 * 4:
        return "M"
    return "Y"


def pair_commitments(tables: Tables) -> pd.DataFrame:
    """Count the commitments each pair of actors made together, by strength.

    Returns:
        DataFrame with columns a, b (actor ids, a < b), firm, agreed, intended, total, documents;
        most commitments first.
    """
    columns = ["a", "b", *STRENGTHS, "total", "documents"]
    rows = []
    commitments = tables.commitments
    for doc_id, cell, strength in zip(
        commitments["doc_id"], commitments["actors"], commitments["strength"], strict=True
    ):
        for a, b in combinations(sorted(set(split_ids(cell))), 2):
            rows.append((a, b, strength, doc_id))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="string" if c in "ab" else "int64") for c in columns})
    df = pd.DataFrame(rows, columns=["a", "b", "strength", "doc_id"])
    grid = pd.crosstab([df["a"], df["b"]], df["strength"]).reindex(columns=list(STRENGTHS), fill_value=0)
    grid["total"] = grid.sum(axis=1)
    grid["documents"] = df.groupby(["a", "b"])["doc_id"].nunique()
    grid = grid.reset_index().sort_values(["total", "a", "b"], ascending=[False, True, True], kind="stable")
    grid.columns.name = None
    return grid[columns].astype({"a": "string", "b": "string"}).reset_index(drop=True)


def topics_by_period(tables: Tables, *, freq: str | None = None) -> pd.DataFrame:
    """Count the sentences on each topic per period of the documents' dates (undated documents left out).

    Returns:
        DataFrame with columns period (str), topic, sentences, documents; in period order.
    """
    columns = {"period": "string", "topic": "string", "sentences": "int64", "documents": "int64"}
    dated = dated_documents(tables)
    rows = tables.topics.drop_duplicates(["doc_id", "sentence_id", "topic"]).merge(dated, on="doc_id")
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    rows = rows.assign(period=rows["date"].dt.to_period(freq or period(dated["date"])).astype(str))
    grouped = rows.groupby(["period", "topic"]).agg(sentences=("sentence_id", "size"), documents=("doc_id", "nunique"))
    return grouped.reset_index().astype(columns).reset_index(drop=True)


def repeated_commitments(tables: Tables, *, min_documents: int = 2) -> pd.DataFrame:
    """Group the commitments made by the same actors with the same normalized action in several documents.

    A negated commitment ("will not build") never joins its affirmative ("will build").

    Returns:
        DataFrame with columns actors, negated, action (its first wording), normalized, strength (the
        firmest seen), documents (how many), first_date, last_date (ISO days only), doc_ids
        (';'-separated), rows (how many commitments); most documents first.
    """
    columns = {
        "actors": "string",
        "negated": "bool",
        "action": "string",
        "normalized": "string",
        "strength": "string",
        "documents": "int64",
        "first_date": "string",
        "last_date": "string",
        "doc_ids": "string",
        "rows": "int64",
    }
    c = tables.commitments
    if c.empty:
        return pd.DataFrame({k: pd.Series(dtype=t) for k, t in columns.items()})
    dates = tables.documents.set_index("doc_id")["date"]
    df = c.assign(
        normalized=c["action"].map(normalize_action),
        date=c["doc_id"].map(dates).fillna(""),
        rank=c["strength"].map({s: i for i, s in enumerate(STRENGTHS)}).fillna(len(STRENGTHS)),
    )
    out = []
    for (actors, negated, normalized), group in df.groupby(["actors", "negated", "normalized"], sort=False):
        docs = list(dict.fromkeys(group["doc_id"]))
        if len(docs) < min_documents or not normalized:
            continue
        dated = sorted(d for d in group["date"] if ISO_DAY.match(str(d)))
        out.append(
            {
                "actors": actors,
                "negated": bool(negated),
                "action": group["action"].iloc[0],
                "normalized": normalized,
                "strength": group.sort_values("rank", kind="stable")["strength"].iloc[0],
                "documents": len(docs),
                "first_date": dated[0] if dated else "",
                "last_date": dated[-1] if dated else "",
                "doc_ids": ";".join(docs),
                "rows": len(group),
            }
        )
    result = pd.DataFrame(out, columns=list(columns)).astype(columns)
    return result.sort_values(
        ["documents", "actors", "normalized"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
