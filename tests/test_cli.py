"""The command line: outputs, formats, exit codes and one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

import analysis
from tests.conftest import ROOT, SEED


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=ROOT)


def test_extract_csv_and_parquet_agree(tmp_path):
    csv_out, pq_out = tmp_path / "csv", tmp_path / "pq"
    assert run("extract", str(SEED), "--out", str(csv_out)).returncode == 0
    done = run("extract", str(SEED), "--out", str(pq_out), "--format", "parquet")
    assert done.returncode == 0
    assert "commitments" in done.stdout
    for name in analysis.SCHEMAS:
        assert (csv_out / f"{name}.csv").exists() and (pq_out / f"{name}.parquet").exists()
    a, b = analysis.read_tables(csv_out), analysis.read_tables(pq_out)
    for (name, fa), (_, fb) in zip(a.items(), b.items(), strict=True):
        pd.testing.assert_frame_equal(fa, fb, check_dtype=True, obj=name)


def test_missing_path_exits_2_with_one_line(tmp_path):
    done = run("extract", "no/such/thing.txt", "--out", str(tmp_path / "o"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "input path does not exist: no/such/thing.txt" in done.stderr
    assert not (tmp_path / "o").exists()


def test_usage_errors_exit_2_with_one_line(tmp_path):
    for args in (
        ["extract", str(SEED)],
        ["extract", str(SEED), "--out", str(tmp_path), "--format", "xlsx"],
        ["frobnicate"],
    ):
        done = run(*args)
        assert done.returncode == 2, args
        assert done.stderr.count("\n") == 1, done.stderr


def test_out_that_is_a_file_exits_2(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    done = run("extract", str(SEED), "--out", str(target))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "is not a folder" in done.stderr


def test_bad_taxonomy_exits_2(tmp_path):
    bad = tmp_path / "tax.json"
    bad.write_text("{not json", encoding="utf-8")
    done = run("extract", str(SEED), "--out", str(tmp_path / "o"), "--taxonomy", str(bad))
    assert done.returncode == 2
    assert "not valid JSON" in done.stderr


def test_progress_bar_on_request(tmp_path):
    corpus = tmp_path / "c.jsonl"
    line = '{{"id": {i}, "text": "Chile y Perú acordaron cooperar en energía."}}\n'
    corpus.write_text("".join(line.format(i=i) for i in range(40)), encoding="utf-8")
    done = run("extract", str(corpus), "--out", str(tmp_path / "o"), "--progress")
    assert done.returncode == 0
    assert "documents: 40doc" in done.stderr
    quiet = run("extract", str(corpus), "--out", str(tmp_path / "o2"))
    assert "documents:" not in quiet.stderr


def test_evaluate_prints_scores():
    done = run("evaluate", str(SEED), "--gold", str(ROOT / "tests" / "data" / "gold"))
    assert done.returncode == 0, done.stderr
    assert "F1 1.000" in done.stdout


def test_output_is_byte_identical_across_runs(tmp_path):
    inputs = [str(p) for p in sorted((ROOT / "tests" / "data" / "devset").glob("*.txt"))]
    for name in ("a", "b"):
        assert run("extract", *inputs, "--out", str(tmp_path / name)).returncode == 0
    for table in analysis.SCHEMAS:
        assert (tmp_path / "a" / f"{table}.csv").read_bytes() == (tmp_path / "b" / f"{table}.csv").read_bytes(), table
