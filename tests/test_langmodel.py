"""The language model's cache: the same model as py3langid's own loading, and no harm when the cache cannot be used."""

from __future__ import annotations

from array import array
from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from analysis import langmodel
from analysis.langmodel import CACHE_ENV, cache_dir, cached_arrays, load_identifier

MODEL = MODEL_DIR / MODEL_FILE


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _equal(a: object, b: object) -> bool:
    """Tell whether two model values are the same, to the byte and the type."""
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, array):
        return isinstance(b, array) and a.typecode == b.typecode and a == b
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(map(_equal, a, b))
    return type(a) is type(b) and a == b


def _same(a: LanguageIdentifier, b: LanguageIdentifier) -> bool:
    """Tell whether two identifiers hold the same model and settings: every slot of py3langid's class."""
    return all(_equal(getattr(a, k), getattr(b, k)) for k in LanguageIdentifier.__slots__)


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_the_first_load_writes_the_cache_and_the_next_reads_it(tmp_path, monkeypatch, reference):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    first = load_identifier()
    (entry,) = _entries(tmp_path / "cache")
    assert entry.startswith("langid-")
    files = sorted(p.name for p in (tmp_path / "cache" / entry).iterdir())
    assert files == sorted(f"{name}.npy" for name in langmodel._ARRAYS)
    second = load_identifier()
    assert isinstance(cached_arrays(MODEL)["nextmove"], np.memmap)  # mapped, not decompressed again
    assert _same(first, reference) and _same(second, reference)
    assert second.classify("El gobierno de España firmó ayer un acuerdo con Marruecos.") == reference.classify(
        "El gobierno de España firmó ayer un acuerdo con Marruecos."
    )


def _cut_short(entry: Path) -> None:
    moves = entry / "nextmove.npy"  # a disk that filled up, a copy cut short
    moves.write_bytes(moves.read_bytes()[: moves.stat().st_size // 2])


def _mismatched(entry: Path) -> None:
    np.save(entry / "pc.npy", np.zeros(3, dtype=np.float32))  # a whole file that does not fit the others


@pytest.mark.parametrize("damage", [_cut_short, _mismatched])
def test_a_damaged_entry_is_written_again(tmp_path, monkeypatch, reference, damage):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    load_identifier()
    (entry,) = (p for p in tmp_path.iterdir())
    sizes = {p.name: p.stat().st_size for p in entry.iterdir()}
    damage(entry)
    assert {p.name: p.stat().st_size for p in entry.iterdir()} != sizes
    assert _same(load_identifier(), reference)
    assert {p.name: p.stat().st_size for p in entry.iterdir()} == sizes
    assert isinstance(cached_arrays(MODEL)["pc"], np.memmap)


def test_a_cache_folder_that_cannot_be_made_leaves_the_model_as_py3langid_loads_it(tmp_path, monkeypatch, reference):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert cached_arrays(MODEL) is None
    assert _same(load_identifier(), reference)
    assert blocker.read_text() == "not a folder"


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch, reference):
    monkeypatch.setenv(CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() is None
    assert _same(load_identifier(), reference)
    assert _entries(tmp_path) == []


def test_the_cache_folder_follows_the_settings(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "accords"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if langmodel.os.name != "nt":
        assert cache_dir() == tmp_path / "home" / ".cache" / "accords"


def test_another_models_entry_is_removed_and_a_write_in_progress_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    (tmp_path / "langid-0000000000000000").mkdir()  # from an earlier py3langid
    (tmp_path / ".langid-abc123").mkdir()  # another process writing
    (tmp_path / "notes.txt").write_text("kept")
    assert cached_arrays(MODEL) is not None
    names = _entries(tmp_path)
    assert ".langid-abc123" in names and "notes.txt" in names and "langid-0000000000000000" not in names
    assert len([n for n in names if n.startswith("langid-")]) == 1


def test_a_second_writer_keeps_the_first_ones_entry(tmp_path, monkeypatch, reference):
    """Two processes that find no entry both write one: the second rename fails, and its files go."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    load_identifier()
    (entry,) = (p for p in tmp_path.iterdir())
    before = {p.name: p.stat().st_mtime_ns for p in entry.iterdir()}
    langmodel._write(MODEL, entry)
    assert _entries(tmp_path) == [entry.name]
    assert {p.name: p.stat().st_mtime_ns for p in entry.iterdir()} == before
    assert _same(load_identifier(), reference)
