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


# --- corpora, folders and output folders that once lost or repeated inputs --------------------------------------


def test_csv_rows_with_stray_quotes_or_huge_cells_are_all_read(tmp_path):
    corpus = tmp_path / "c.csv"
    huge = "Cuba y España firmaron un memorando. " * 5_000  # 185,000 characters: over the csv module's default limit
    corpus.write_text(
        "id,text\n"
        "a,Cuba y España firmaron dos memorandos.\n"
        'b,"Sí" respondió el ministro\n'
        'c,"El ministro dijo "sí" ayer"\n'
        f'd,"{huge}"\n'
        "e,x,y\n",
        encoding="utf-8",
    )
    tables = analysis.extract(corpus, progress=False)
    assert list(tables.documents["doc_id"]) == ["a", "b", "c", "d"]
    assert tables.documents["text"][1] == "Sí respondió el ministro"  # read as the csv module reads a loose quote
    assert len(tables.documents["text"][3]) == len(huge.strip())
    assert list(tables.errors["error"]) == ["malformed CSV row ending on line 6 skipped: 3 fields where the header "
                                            "has 2: 'e,x,y'"]  # fmt: skip


def test_a_jsonl_line_too_deep_or_too_long_a_number_costs_that_line_only(tmp_path):
    corpus = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Cuba y España firmaron dos memorandos."}),
        '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": ' + "9" * 5_000 + ', "text": "x"}',
        '{"id": "cr", "text": "Cuba y España\rfirmaron."}',  # a raw CR inside a string: one line, kept
        json.dumps({"id": "list", "text": ["Cuba", "España"]}),
        json.dumps({"id": "b", "text": "Chile y Perú acordaron cooperar."}),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tables = analysis.extract(corpus, progress=False)
    assert list(tables.documents["doc_id"]) == ["a", "cr", "b"]
    assert tables.documents["text"][1] == "Cuba y España\nfirmaron."
    errors = dict(zip(tables.errors["source"], tables.errors["error"], strict=True))
    assert errors[f"{corpus}:2"].startswith("unreadable JSON on line 2: RecursionError")
    assert errors[f"{corpus}:3"].startswith("unreadable JSON on line 3: ValueError: Exceeds the limit")
    assert errors[f"{corpus}#list"] == f"text in row 2 (id 'list') of {corpus} is a list, not text"


def test_jsonl_lines_without_text_are_judged_one_by_one(tmp_path, monkeypatch):
    monkeypatch.setattr(analysis.io, "TABLE_CHUNK", 2)  # a first chunk with no text field at all
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": "m1"}, {"id": "m2"}, {"id": "t", "text": "Cuba y España firmaron dos memorandos."}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    tables = analysis.extract(corpus, progress=False)
    assert list(tables.documents["doc_id"]) == ["t"]
    assert [e.split(" (")[0] for e in tables.errors["error"]] == ["empty text in row 0", "empty text in row 1"]


def test_one_stray_legacy_byte_does_not_turn_a_utf8_corpus_to_mojibake(tmp_path):
    corpus = tmp_path / "c.jsonl"
    good = json.dumps({"id": "a", "text": "Cuba y España firmaron."}, ensure_ascii=False).encode()
    stray = b'{"id": "b", "text": "Caf\xe9 con M\xe9xico."}'  # one Latin-1 line in a UTF-8 file
    corpus.write_bytes(good + b"\n" + stray + b"\n")
    texts = analysis.extract(corpus, progress=False).documents["text"].tolist()
    assert texts == ["Cuba y España firmaron.", "Café con México."]
    assert analysis.io.decode_bytes("España y México: ".encode() + b"caf\xe9") == "España y México: café"


def test_each_file_is_read_once_however_it_is_reached(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(CUBA, encoding="utf-8")
    (folder / "also_a.txt").symlink_to("a.txt")
    tables = analysis.extract([folder, folder, folder / "a.txt"], progress=False)
    assert list(tables.documents["doc_id"]) == ["a"]
    assert len(tables.errors) == 4
    assert set(tables.errors["error"]) == {f"skipped: the same file as {folder / 'a.txt'}, already read"}


def test_the_output_folder_inside_the_input_folder_is_never_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(CUBA, encoding="utf-8")
    from analysis.pipeline import extract_to_dir

    for _ in range(2):  # the second run must not read the first run's tables, nor those it is writing (chunk=2)
        counts = extract_to_dir(folder, folder / "zz", progress=False, chunk=2)
        assert (counts["documents"], counts["errors"]) == (5, 0)
    with pytest.raises(analysis.errors.ArgumentError, match="would overwrite the input"):
        extract_to_dir(folder / "zz" / "documents.csv", folder / "zz", progress=False)
    with pytest.raises(analysis.errors.ArgumentError, match="is also the output folder"):
        extract_to_dir(folder, folder, progress=False)  # every input would be skipped as output


def test_tables_of_an_earlier_run_in_the_other_format_are_removed(tmp_path):
    from analysis.pipeline import extract_to_dir

    (tmp_path / "a.txt").write_text(CUBA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TROOPS, encoding="utf-8")
    extract_to_dir(tmp_path / "a.txt", tmp_path / "out", format="parquet", progress=False)
    extract_to_dir(tmp_path / "b.txt", tmp_path / "out", progress=False)
    assert not list((tmp_path / "out").glob("*.parquet"))
    assert analysis.read_tables(tmp_path / "out").documents["doc_id"].tolist() == ["b"]


def test_a_named_pipe_given_by_name_is_an_error_not_a_hang(tmp_path):
    pipe = tmp_path / "p.txt"
    os.mkfifo(pipe)
    tables = analysis.extract(pipe, progress=False)
    assert tables.errors["error"].tolist() == ["skipped: not a regular file (a pipe, socket or device)"]


def test_a_missing_input_leaves_an_earlier_report_whole(tmp_path):
    from analysis.notebooks import build_report

    chart = tmp_path / "report" / "charts" / "topics.png"
    chart.parent.mkdir(parents=True)
    chart.write_bytes(b"\x89PNG")
    with pytest.raises(analysis.errors.InputPathError):
        build_report(tmp_path / "missing.txt", out=tmp_path / "report", progress=False)
    assert chart.exists()


def test_a_corpus_named_documents_csv_is_a_corpus_not_a_tables_folder(tmp_path):
    from analysis.report import is_tables_dir

    (tmp_path / "documents.csv").write_text("id,text\na,Cuba y España firmaron.\n", encoding="utf-8")
    assert not is_tables_dir(tmp_path)
    analysis.extract(tmp_path, progress=False).to_dir(tmp_path / "out")
    assert is_tables_dir(tmp_path / "out")


def test_an_empty_out_is_refused(tmp_path, capsys):
    from analysis.cli import main

    assert main(["extract", str(tmp_path), "--out", ""]) == 2
    assert (
        capsys.readouterr().err.strip()
        == "python -m analysis extract: error: --out is empty: give the folder to write into"
    )


def test_a_file_given_by_name_must_be_of_a_supported_type_too(tmp_path):
    news = tmp_path / "news.json"  # a JSON array is not a corpus accords reads: its text would be analysed as prose
    news.write_text(json.dumps([{"text": CUBA}]), encoding="utf-8")
    tables = analysis.extract(news, progress=False)
    assert tables.documents.empty
    assert tables.errors["error"][0].startswith("skipped: unsupported file type '.json'; expected one of")
