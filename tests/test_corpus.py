"""Views across documents: actor pairs, topics per period, repeated commitments."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis.corpus import (
    dated_documents,
    normalize_action,
    pair_commitments,
    period,
    repeated_commitments,
    topics_by_period,
)
from analysis.tables import frame


def test_normalize_action():
    assert (
        normalize_action("Reforzar la Cooperación, en materia energética.")
        == "reforzar la cooperacion en materia energetica"
    )
    assert normalize_action("  ") == ""


def test_pairs_on_the_seed(seed_tables):
    pairs = pair_commitments(seed_tables)
    assert pairs[["a", "b"]].values.tolist() == [["KAZ", "RUS"]]
    shared = seed_tables.commitments[seed_tables.commitments["actors"] == "KAZ;RUS"]
    assert pairs.loc[0, "total"] == len(shared)
    assert pairs.loc[0, ["firm", "agreed", "intended"]].sum() == len(shared)


def test_repeated_commitments_group_across_documents(tmp_path):
    texts = {
        "a.txt": "Rusia y Kazajistán acordaron reforzar la cooperación energética.",
        "b.txt": "Rusia y Kazajistán acordaron Reforzar la cooperación energética.",
        "c.txt": "Rusia y Kazajistán se comprometieron a reforzar la cooperación energética.",
        "d.txt": "Rusia y Kazajistán acordaron ampliar el comercio.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    tables = analysis.extract(tmp_path, progress=False)
    repeated = repeated_commitments(tables)
    assert len(repeated) == 1
    row = repeated.iloc[0]
    assert (row["actors"], row["normalized"], row["documents"], row["strength"]) == (
        "KAZ;RUS",
        "reforzar la cooperacion energetica",
        3,
        "firm",
    )


def test_dates_with_time_zones_and_other_forms(tmp_path):
    rows = [
        ("a", "2024-01-01"),
        ("b", "2024-01-02T10:00:00+01"),
        ("c", "2024-01-03T10:00:00-05:00"),
        ("d", "05/06/2024"),
        ("e", "yesterday"),
    ]
    corpus = tmp_path / "c.jsonl"
    text = "Spain and Morocco agreed to expand cooperation on migration."
    corpus.write_text("".join(f'{{"id": "{i}", "date": "{d}", "text": "{text}"}}\n' for i, d in rows))
    tables = analysis.extract(corpus, progress=False)
    dated = dated_documents(tables)
    assert dated["doc_id"].tolist() == ["a", "b", "c"]
    repeated = repeated_commitments(tables)
    assert (repeated.loc[0, "first_date"], repeated.loc[0, "last_date"]) == ("2024-01-01", "2024-01-03")


def test_dates_and_periods(corpus_tables):
    dated = dated_documents(corpus_tables)
    assert len(dated) == 11 and dated["date"].is_monotonic_increasing
    assert period(dated["date"]) == "Y"
    assert period(pd.Series(pd.to_datetime(["2024-01-01", "2024-01-20"]))) == "D"
    by_period = topics_by_period(corpus_tables)
    assert set(by_period["period"]) <= {str(y) for y in range(2013, 2025)}
    assert by_period["sentences"].sum() == len(corpus_tables.topics.drop_duplicates(["doc_id", "sentence_id", "topic"]))


def test_empty_tables_give_empty_frames():
    empty = analysis.Tables(**{name: frame(name, []) for name in analysis.SCHEMAS})
    assert list(pair_commitments(empty).columns) == ["a", "b", "firm", "agreed", "intended", "total", "documents"]
    assert repeated_commitments(empty).empty and topics_by_period(empty).empty
