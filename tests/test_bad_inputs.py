"""A batch of bad inputs: each gets its documented outcome, the rest is analysed, and nothing is lost."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.io import Document
from analysis.pipeline import analyse_document
from tests.conftest import DATA, ROOT
from tests.data.bad.make_fixtures import CUBA, PAYLOAD, TROOPS

BAD = DATA / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
REFERENCES = {"CUBA": CUBA, "TROOPS": TROOPS, "PAYLOAD": PAYLOAD}
LONG_LINE = 5_000_000  # characters: a 5 MB single line with no punctuation


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """The committed fixtures plus those git cannot hold: a 5 MB line, a symlink loop, a non-UTF-8 name."""
    folder = tmp_path_factory.mktemp("batch") / "bad"
    shutil.copytree(BAD / "inputs", folder)
    (folder / "long_line.txt").write_text("cooperación " * (LONG_LINE // 12), encoding="utf-8")
    (folder / "loop").mkdir()
    (folder / "loop" / "inner.txt").write_text(TROOPS, encoding="utf-8")
    os.symlink("..", folder / "loop" / "again")  # loop/again/loop/again/… would never end
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(CUBA.encode())  # a Latin-1 name: not valid UTF-8
    return folder


@pytest.fixture(scope="module")
def tables(batch) -> analysis.Tables:
    return analysis.extract(batch, progress=False)


def _file_of(source: str) -> str:
    """The file a documents/errors row comes from: without a table row's "#id" or a JSONL ":line"."""
    return re.sub(r"(#[^/]*|:\d+)$", "", source)


def test_every_input_is_accounted_for(batch, tables):
    committed = sorted(p.name for p in (BAD / "inputs").iterdir())
    assert committed == sorted(EXPECTED), "expected.json must describe every committed fixture"
    rows = [(_file_of(s), "document") for s in tables.documents["source"]]
    rows += [(_file_of(s), "error") for s in tables.errors["source"]]
    by_file: dict[str, list[str]] = {}
    for source, outcome in rows:
        by_file.setdefault(os.path.relpath(source, batch), []).append(outcome)
    for name, expected in EXPECTED.items():
        outcomes = [("error" if "error" in e else "document") for e in expected.get("rows", [expected])]
        assert sorted(by_file.pop(name)) == sorted(outcomes), name
    assert by_file == {
        "long_line.txt": ["error"],
        os.path.join("loop", "inner.txt"): ["document"],
        "caf\\xe9.txt": ["document"],
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_fixture_has_its_documented_outcome(batch, tables, name):
    expected = EXPECTED[name]
    path = str(batch / name)
    docs = tables.documents.set_index("doc_id")
    for row in expected.get("rows", [expected]):
        if "error" in row:
            messages = tables.errors.loc[tables.errors["source"].map(_file_of) == path, "error"]
            assert any(row["error"] in m for m in messages), (name, list(messages))
            continue
        doc = docs.loc[row["document"]]
        assert _file_of(doc["source"]) == path
        assert doc["language"] == "es"
        if "same_as" in row:
            assert doc["text"] == REFERENCES[row["same_as"]]
        if "contains" in row:
            assert REFERENCES[row["contains"]] in doc["text"]
        for field in ("title", "date"):
            if field in row:
                assert doc[field] == row[field], (name, field)


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if "same_as" in e])
def test_re_encoded_texts_are_analysed_like_the_original(tables, name):
    """Encoding, line ends, compression or markup change nothing in what is found."""
    doc_id = EXPECTED[name]["document"]
    original = analyse_document(Document("o", "o", "", "", REFERENCES[EXPECTED[name]["same_as"]]))
    columns = ["sentence_id", "actors", "trigger", "action", "strength", "negated", "topic", "start", "end"]
    found = tables.commitments[tables.commitments["doc_id"] == doc_id][columns].reset_index(drop=True)
    assert len(found) >= 1
    pd.testing.assert_frame_equal(found, analysis.tables.frame("commitments", original["commitments"])[columns])


def test_html_scripts_styles_and_attributes_are_dropped(tables):
    text = tables.documents.set_index("doc_id").loc["page_with_scripts", "text"]
    for word in ("PWNED", "alert", "fetch", "background", "Inicio", "Escambray", "onload"):
        assert word not in text


def test_the_long_line_is_refused_with_the_limit_and_how_to_raise_it(batch, tables):
    error = tables.errors.set_index("source").loc[str(batch / "long_line.txt"), "error"]
    assert error == (
        f"too large: {LONG_LINE // 12 * 12:,} characters, over the limit of 2,000,000 characters per document "
        "(raise it with --max-chars N, or 0 for no limit)"
    )


def test_the_symlink_loop_is_walked_once(tables):
    assert list(tables.documents["source"].str.count("again")) == [0] * len(tables.documents)


def test_the_batch_passes_the_contract_and_jobs_give_the_same_files(batch, tmp_path):
    """The same batch through the command line, with one and two processes."""
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        done = subprocess.run(
            [sys.executable, "-m", "analysis", "extract", str(batch), "--out", str(out), "--jobs", jobs],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        assert "input(s) could not be analysed" in done.stderr
        outs.append(out)
    for table in analysis.SCHEMAS:
        assert (outs[0] / f"{table}.csv").read_bytes() == (outs[1] / f"{table}.csv").read_bytes(), table
    from tests.contract_check import check_dir

    assert check_dir(outs[0]) == []


def test_a_missing_path_stops_the_run_before_anything_is_written(batch, tmp_path):
    out = tmp_path / "out"
    missing = batch / "does-not-exist.txt"
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(batch), str(missing), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"python -m analysis extract: error: input path does not exist: {missing}"
    ]
    assert not out.exists()


def test_the_size_limit_can_be_raised_lowered_or_lifted(tmp_path):
    text = tmp_path / "cuba.txt"
    text.write_text(CUBA, encoding="utf-8")
    assert len(analysis.extract(text, progress=False, max_chars=len(CUBA)).documents) == 1
    lowered = analysis.extract(text, progress=False, max_chars=len(CUBA) - 1)
    assert lowered.documents.empty
    message = f"too large: {len(CUBA):,} characters, over the limit of {len(CUBA) - 1}"
    assert lowered.errors["error"][0].startswith(message)
    assert len(analysis.extract(text, progress=False, max_chars=0).documents) == 1
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": CUBA}) + "\n", encoding="utf-8")
    row = analysis.extract(corpus, progress=False, max_chars=100).errors.iloc[0]
    assert row["source"] == f"{corpus}#x"
    assert f"{len(CUBA):,} characters in row 0 (id 'x')" in row["error"]


def test_a_file_far_over_the_limit_is_not_read(tmp_path):
    """Over four bytes per allowed character no encoding can fit: refused from its size; a gzip bomb likewise."""
    import gzip

    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 405)
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 10_000_000))
    errors = analysis.extract([big, bomb], progress=False, max_chars=100).errors.set_index("source")["error"]
    assert errors[str(big)].startswith("too large: 405 bytes, over the limit of 100 characters")
    assert errors[str(bomb)].startswith("too large: more than 404 bytes once decompressed, over the limit of 100")


@pytest.mark.parametrize("value", [-1, 1.5, True, "10"])
def test_a_bad_size_limit_is_refused(tmp_path, value):
    with pytest.raises(analysis.errors.ArgumentError, match="max_chars value"):
        analysis.extract(tmp_path, progress=False, max_chars=value)


def test_lone_surrogates_and_carriage_returns_in_a_corpus_are_made_printable(tmp_path):
    """A lone surrogate cannot be written as UTF-8, and a bare \\r in a cell split CSV rows when read back."""
    corpus = tmp_path / "s.jsonl"
    rows = [
        '{"id": "a\\udcff", "title": "t\\ud800", "text": "Cuba y Espa\\udfffa firmaron."}',
        '{"id": "0\\r0", "title": "x\\r\\ny", "text": "0"}',
        '{"id": "0\\r1", "text": ""}',
    ]
    corpus.write_text("\n".join(rows) + "\n")
    tables = analysis.extract(corpus, progress=False)
    docs = tables.documents
    assert list(docs["doc_id"]) == ["a\\xff", "0\n0"]
    assert list(docs["title"]) == ["t\ufffd", "x\ny"]
    assert docs["text"][0] == "Cuba y Espa\ufffda firmaron."
    assert list(tables.errors["source"]) == [f"{corpus}#0\n1"]
    tables.to_dir(tmp_path / "out")  # writable as UTF-8
    back = analysis.read_tables(tmp_path / "out")
    assert back.documents["doc_id"].tolist() == docs["doc_id"].tolist()
    assert len(back.errors) == 1
    from tests.contract_check import check_dir

    assert check_dir(tmp_path / "out") == []


def test_a_report_of_the_batch_finishes_and_lists_what_could_not_be_read(batch, tables, tmp_path):
    from analysis.notebooks import build_report

    files = build_report(batch, out=tmp_path / "report", progress=False)
    page = (files.out / "report.html").read_text(encoding="utf-8")
    for source in tables.errors["source"]:
        assert html.escape(os.path.basename(source), quote=False) in page, source
    assert "too large: 4,999,992 characters" in page
