"""The seed article: everything its hand analysis lists is found, and nothing it rules out."""

from __future__ import annotations

import pandas as pd


def _matching(commitments: pd.DataFrame, key: str) -> pd.DataFrame:
    return commitments[commitments["action"].str.contains(key, regex=False)]


def test_every_gold_commitment_is_its_own_row(seed_tables, seed_gold):
    c = seed_tables.commitments
    matched_rows = []
    for gold in seed_gold["commitments"]:
        rows = _matching(c, gold["key"])
        assert len(rows) == 1, f"{gold['key']!r}: {len(rows)} rows"
        row = rows.iloc[0]
        assert row["actors"] == gold["actors"], gold["key"]
        assert row["strength"] == gold["strength"], gold["key"]
        assert row["topic"] in gold["topics"], (gold["key"], row["topic"])
        assert not row["negated"]
        matched_rows.append(rows.index[0])
    assert len(set(matched_rows)) == len(seed_gold["commitments"])
    assert len(c) == len(seed_gold["commitments"]), c["action"].tolist()


def test_no_commitment_on_the_ruled_out_texts(seed_tables, seed_gold):
    text = seed_tables.documents["text"].iloc[0]
    for phrase in seed_gold["not_commitments"]:
        start = text.index(phrase)
        end = start + len(phrase)
        overlapping = seed_tables.commitments[
            (seed_tables.commitments["start"] < end) & (seed_tables.commitments["end"] > start)
        ]
        assert overlapping.empty, phrase


def test_the_declaration_is_the_agreement(seed_tables, seed_gold):
    a = seed_tables.agreements
    assert len(a) == len(seed_gold["agreements"]) == 1
    gold = seed_gold["agreements"][0]
    row = a.iloc[0]
    assert gold["key"] in row["title"]
    assert row["kind"] == gold["kind"]
    assert row["parties"] == gold["parties"]


def test_statements_have_their_speakers(seed_tables, seed_gold):
    s = seed_tables.statements
    for gold in seed_gold["statements"]:
        rows = s[s["content"].str.contains(gold["key"], regex=False)]
        assert len(rows) == 1, gold["key"]
        assert rows.iloc[0]["speaker"] == gold["speaker"]
        assert rows.iloc[0]["speaker_country"] == gold["speaker_country"]
    assert len(s) == len(seed_gold["statements"]), s["content"].tolist()


def test_mentions(seed_tables, seed_gold):
    m = seed_tables.mentions
    for gold in seed_gold["mentions"]:
        rows = m[m["text"] == gold["text"]]
        assert len(rows), gold["text"]
        for col in ("actor_id", "actor_type", "country"):
            if col in gold:
                assert (rows[col] == gold[col]).all(), (gold["text"], col, rows[col].tolist())


def test_document_and_parties(seed_tables, seed_gold):
    doc = seed_tables.documents.iloc[0]
    assert doc["language"] == seed_gold["language"]
    assert doc["doc_id"] == seed_gold["doc_id"]
    groups = seed_tables.mentions[seed_tables.mentions["actor_type"] == "group"]
    assert set(groups["actor_id"]) == {";".join(seed_gold["parties"])}


def test_document_topics(seed_tables, seed_gold):
    assert set(seed_gold["document_topics"]) <= set(seed_tables.topics["topic"])
