"""Backends: local processes and a Dask cluster give the same tables as one process."""

from __future__ import annotations

import filecmp

import pandas as pd
import pytest

import analysis
from analysis.cli import main
from analysis.errors import ArgumentError
from analysis.pipeline import extract_to_dir
from analysis.tables import SCHEMAS, read_tables
from tests.conftest import CORPUS, DEVSET, SEEDS

INPUTS = [str(SEEDS), str(DEVSET), str(CORPUS)]


@pytest.fixture(scope="module")
def one_process() -> analysis.Tables:
    return analysis.extract(INPUTS, progress=False)


def _same(a: analysis.Tables, b: analysis.Tables) -> None:
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_jobs_give_byte_identical_files(tmp_path, fmt):
    for jobs in ("1", "2"):
        args = ["extract", *INPUTS, "--out", str(tmp_path / jobs), "--format", fmt, "--jobs", jobs, "--no-progress"]
        assert main(args) == 0
    names = [f"{name}.{fmt}" for name in SCHEMAS]
    matched, mismatch, errors = filecmp.cmpfiles(tmp_path / "1", tmp_path / "2", names, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert len(matched) == len(names)
    assert len(read_tables(tmp_path / "2").documents) == 26  # the seed, 13 dev texts and SOURCES.md, 11 corpus rows


def test_streaming_chunks_do_not_change_the_files(tmp_path, one_process):
    extract_to_dir(INPUTS, tmp_path / "small", chunk=3)
    extract_to_dir(INPUTS, tmp_path / "large", chunk=1000)
    names = [f"{name}.csv" for name in SCHEMAS]
    assert filecmp.cmpfiles(tmp_path / "small", tmp_path / "large", names, shallow=False)[1:] == ([], [])
    _same(read_tables(tmp_path / "small"), one_process)


def test_streaming_parquet_has_one_row_group_per_chunk(tmp_path, one_process):
    import pyarrow.parquet as pq

    counts = extract_to_dir(INPUTS, tmp_path, format="parquet", chunk=5)
    assert (counts["documents"], counts["errors"]) == (26, 14)
    assert pq.ParquetFile(tmp_path / "documents.parquet").num_row_groups == 8  # 40 inputs, 5 at a time
    _same(read_tables(tmp_path), one_process)


def test_extract_with_jobs_in_python(one_process):
    _same(analysis.extract(INPUTS, progress=False, jobs=2), one_process)


def test_bad_jobs(tmp_path, capsys):
    with pytest.raises(ArgumentError, match="jobs value = -1"):
        analysis.extract(SEEDS, jobs=-1)
    assert main(["extract", str(SEEDS), "--out", str(tmp_path), "--jobs", "-2"]) == 2
    assert "jobs value = -2" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())  # nothing written


def test_dask_cluster_gives_the_same_tables(one_process, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        _same(analysis.extract(INPUTS, progress=False, client=client), one_process)
        address = cluster.scheduler_address
        assert main(["extract", *INPUTS, "--out", str(tmp_path / "dask"), "--scheduler", address, "--no-progress"]) == 0
    assert main(["extract", *INPUTS, "--out", str(tmp_path / "local"), "--no-progress"]) == 0
    names = [f"{name}.csv" for name in SCHEMAS]
    assert filecmp.cmpfiles(tmp_path / "dask", tmp_path / "local", names, shallow=False)[1:] == ([], [])


def test_no_scheduler_is_a_clear_error(tmp_path, capsys):
    assert main(["extract", str(SEEDS), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in capsys.readouterr().err


def test_threads_analysing_at_once_get_the_rows_of_one_at_a_time():
    """A threaded Dask worker analyses batches in threads: the per-text look-ups must not mix documents."""
    import json
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from analysis.io import Document
    from analysis.pipeline import analyse_document
    from tests.conftest import DEVSET, HELDOUT

    paths = sorted([*DEVSET.glob("*.txt"), *HELDOUT.glob("*.txt")])
    docs = [Document(str(i), p.name, "", "", p.read_text(encoding="utf-8")) for i, p in enumerate(paths)]
    alone = [json.dumps(analyse_document(d), sort_keys=True) for d in docs]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch all the time: a race shows
    try:
        with ThreadPoolExecutor(4) as pool:
            for _ in range(3):
                together = list(pool.map(lambda d: json.dumps(analyse_document(d), sort_keys=True), docs))
                assert together == alone
    finally:
        sys.setswitchinterval(interval)
