"""Generated inputs: any text gives valid tables with valid offsets, and the same tables every time."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.io import Document
from analysis.pipeline import analyse_document
from analysis.tables import frame
from tests.contract_check import check_dir
from tests.test_contract import check_offsets

WORDS = ["Rusia", "acordaron", "se comprometió a", "ambos países", "firmaron", "un memorando", "dijo que", "will",
         "agreed to", "both sides", "Putin", "EE.UU.", "«", "»", "“", "”", ".", ",", " y ", "\n", "\n\n", "no",
         "impulsarán", "the", "Kazakhstan", "signed", "17 agreements", "energía", "trade", "Sr.", "3,5 %",
         "99999999999999999999 acuerdos", "según Putin,", "—dijo Tokaev—", "1.", ":",
         "A memorandum on trade;"]  # fmt: skip
texts = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))


def _tables(text: str, lang: str) -> analysis.Tables:
    rows = analyse_document(Document("d", "d", "", "", text), language=lang)
    return analysis.Tables(**{name: frame(name, rows.get(name, [])) for name in analysis.SCHEMAS})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=st.sampled_from(["auto", "es", "en"]))
def test_any_text_gives_valid_tables(text, lang):
    tables = _tables(text, lang)
    check_offsets(tables)
    c = tables.commitments
    assert set(c["strength"]) <= {"firm", "agreed", "intended"}
    for cell in list(c["actors"]) + list(c["topics"]) + list(tables.agreements["parties"]):
        parts = cell.split(";") if cell else []
        assert parts == sorted(set(parts)) and all(p and " " not in p for p in parts)
    assert set(tables.mentions["actor_type"]) <= {"country", "person", "organization", "place", "group"}


@settings(max_examples=40, deadline=None)
@given(text=texts)
def test_extraction_is_deterministic(text):
    a, b = _tables(text, "auto"), _tables(text, "auto")
    for (_, fa), (_, fb) in zip(a.items(), b.items(), strict=True):
        assert fa.to_csv(index=False) == fb.to_csv(index=False)


# Any code point, surrogates and controls included: a JSONL corpus can carry them all ("\ud800", "\u0000").
any_text = st.text(st.characters(exclude_categories=()), max_size=300)
file_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)  # a UTF-8 file cannot hold surrogates


def _extract_files(inputs, out, **options) -> dict[str, bytes]:
    from analysis.pipeline import extract_to_dir

    extract_to_dir(inputs, out, progress=False, **options)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=file_text)
def test_any_file_gives_tables_that_pass_the_contract(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("file")
    (folder / "doc.txt").write_text(text, encoding="utf-8", newline="")
    _extract_files(folder / "doc.txt", folder / "out")
    assert check_dir(folder / "out") == []
    tables = analysis.read_tables(folder / "out")
    assert len(tables.documents) + len(tables.errors) == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries({"id": any_text, "title": any_text, "text": any_text}), max_size=5))
def test_any_corpus_gives_tables_that_pass_the_contract(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("corpus")
    corpus = folder / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows) or "\n", encoding="utf-8")
    _extract_files(corpus, folder / "out")
    assert check_dir(folder / "out") == []
    tables = analysis.read_tables(folder / "out")
    assert len(tables.documents) + len(tables.errors) == max(1, len(rows))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(texts, min_size=1, max_size=8))
def test_the_files_are_byte_identical_across_runs_and_jobs(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("jobs")
    corpus = folder / "c.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    one = _extract_files(corpus, folder / "one")
    assert _extract_files(corpus, folder / "again") == one
    assert _extract_files(corpus, folder / "two", jobs=2) == one
