"""Filtering the tables and showing a row's evidence."""

from __future__ import annotations

import pytest

from analysis.errors import ArgumentError
from analysis.explore import filter_rows, show_evidence


def test_filter_by_actor_topic_and_strength(seed_tables):
    rows = filter_rows(seed_tables, "commitments", actor="RUS", strength="firm")
    assert len(rows) == 3 and set(rows["strength"]) == {"firm"}
    only_russia = filter_rows(seed_tables, actor="RUS").query("actors == 'RUS'")
    assert only_russia["action"].tolist() == [
        "cumplir íntegramente con la construcción de la primera central nuclear en Kazajistán"
    ]
    energy = filter_rows(seed_tables, topic="energy")
    assert all("energy" in t.split(";") for t in energy["topics"])
    assert filter_rows(seed_tables, actor="FRA").empty
    assert len(filter_rows(seed_tables)) == len(seed_tables.commitments)


def test_rows_carry_their_sentence(seed_tables):
    rows = filter_rows(seed_tables, actor="RUS", strength="firm")
    for _, row in rows.iterrows():
        assert row["action"] in row["sentence"]


def test_statements_by_speaker_or_country(seed_tables):
    assert len(filter_rows(seed_tables, "statements", actor="putin")) >= 1
    assert len(filter_rows(seed_tables, "statements", actor="KAZ")) >= 1


def test_show_evidence_marks_the_span(seed_tables):
    rows = filter_rows(seed_tables, actor="RUS", strength="firm")
    html = show_evidence(seed_tables, rows, 0).data
    assert f"<mark>{rows.iloc[0]['action']}</mark>" in html


def test_bad_arguments(seed_tables):
    with pytest.raises(ArgumentError, match="strength"):
        filter_rows(seed_tables, strength="strong")
    with pytest.raises(ArgumentError, match="table"):
        filter_rows(seed_tables, "sentences")
    with pytest.raises(ArgumentError, match="table"):
        filter_rows(seed_tables, "statements", topic="energy")  # statements have no topic
    with pytest.raises(ArgumentError, match="position"):
        show_evidence(seed_tables, filter_rows(seed_tables, actor="FRA"), 0)
