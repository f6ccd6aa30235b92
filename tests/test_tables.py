"""Tables: one schema whatever the input, written and read back unchanged."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import ArgumentError, TableFormatError
from analysis.tables import SCHEMAS


def test_empty_input_gives_empty_frames_with_the_schema(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    tables = analysis.extract(tmp_path, progress=False)
    for name, df in tables.items():
        assert list(df.columns) == list(SCHEMAS[name])
        assert [str(t) for t in df.dtypes] == [str(pd.Series(dtype=t).dtype) for t in SCHEMAS[name].values()]
    assert len(tables.errors) == 1 and tables.errors["error"].iloc[0] == "empty file"


def test_round_trip(tmp_path, seed_tables):
    seed_tables.to_dir(tmp_path)
    back = analysis.read_tables(tmp_path)
    for (name, a), (_, b) in zip(seed_tables.items(), back.items(), strict=True):
        pd.testing.assert_frame_equal(a, b, obj=name)


def test_bad_format_and_missing_folder(tmp_path, seed_tables):
    with pytest.raises(ArgumentError, match="`format` value = 'xlsx' is invalid"):
        seed_tables.to_dir(tmp_path, format="xlsx")
    with pytest.raises(TableFormatError, match=r"no documents\.csv"):
        analysis.read_tables(tmp_path)
