"""Load py3langid's model, decompressed once into a cache folder.

py3langid ships its model as an LZMA-compressed npz of 4.6 MB. Loading it
takes about 0.45 s, most of it decompression, in every process that detects
a language: each `extract`, each `--jobs` worker. The first process writes
the arrays decompressed (68 MB, `.npy` files) into the cache folder; the next
ones map them from there in a few hundredths of a second. The weights
(28 MB) stay mapped, so the processes of one machine share them; the
automaton is copied, as py3langid walks it in a stdlib `array`.

The cache folder is `$ACCORDS_CACHE_DIR`, else `$XDG_CACHE_HOME/accords`,
else `~/.cache/accords` (`%LOCALAPPDATA%\\accords` on Windows). An empty
`ACCORDS_CACHE_DIR` turns the cache off. The arrays are filed under a digest
of the model file, so another py3langid model gets its own entry and the old
one is removed. A folder that cannot be written, a full disk or a damaged
entry only means the model is decompressed as before.
"""

from __future__ import annotations

import hashlib
import lzma
import os
import shutil
import tempfile
from array import array
from pathlib import Path
from typing import Any

import numpy as np

CACHE_ENV = "ACCORDS_CACHE_DIR"
_PREFIX = "langid-"
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def cache_dir() -> Path | None:
    """Return the folder accords keeps its cache in, or None when the cache is off (`ACCORDS_CACHE_DIR=""`)."""
    given = os.environ.get(CACHE_ENV)
    if given is not None:
        return Path(given) if given.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    if base:
        return Path(base) / "accords"
    try:
        return Path.home() / ".cache" / "accords"
    except RuntimeError:  # no home folder to be found
        return None


def load_identifier() -> Any:
    """Return py3langid's `LanguageIdentifier` with its full model and normalized probabilities.

    The same object as `LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)`,
    made from the cached arrays when the cache can be used.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    arrays = cached_arrays(MODEL_DIR / MODEL_FILE)
    if arrays is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # What py3langid's `load_model` and `from_model_file` make of the same arrays.
    return LanguageIdentifier(
        np.asarray(arrays["ptc"]),
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        _as_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=_as_array(arrays["nextmove_row"]),
    )


def cached_arrays(model: Path) -> dict[str, np.ndarray] | None:
    """Return the arrays of the py3langid model file `model`, mapped from the cache (written first if
    missing), or None when there is no usable cache."""
    folder = cache_dir()
    if folder is None:
        return None
    try:  # the digest of the 4.6 MB file takes about 4 ms: the price of never mapping another model's arrays
        entry = folder / (_PREFIX + hashlib.sha256(model.read_bytes()).hexdigest()[:16])
        arrays = _read(entry)
        if arrays is None:
            shutil.rmtree(entry, ignore_errors=True)  # damaged, if there at all
            _write(model, entry)
            arrays = _read(entry)
    except OSError:
        return None
    return arrays


def _read(entry: Path) -> dict[str, np.ndarray] | None:
    """Return the arrays of a cache entry, or None if it is missing or not whole."""
    try:
        arrays = {name: np.load(entry / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
    except (OSError, ValueError, EOFError):
        return None
    classes, states = len(arrays["pc"]), len(arrays["out_feat"])
    whole = (
        arrays["ptc"].ndim == 2
        and arrays["ptc"].shape[1] == classes == len(arrays["classes"])
        and len(arrays["nextmove_row"]) == states
        and arrays["nextmove"].size % 256 == 0
    )
    return arrays if whole else None


def _write(model: Path, entry: Path) -> None:
    """Decompress `model` into the cache entry `entry` (one `.npy` file per array), and remove other entries.

    The files are written in a temporary folder renamed to `entry` when complete, so a
    process never sees half an entry; if another process got there first, its entry stays.
    """
    entry.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{_PREFIX}", dir=entry.parent))
    try:
        npz = work / "model.npz"
        with lzma.open(model) as src, npz.open("wb") as dst:
            shutil.copyfileobj(src, dst, length=1 << 20)
        with np.load(npz, allow_pickle=False) as data:
            for name in _ARRAYS:  # one at a time: never the whole model in memory
                np.save(work / f"{name}.npy", data[name], allow_pickle=False)
        npz.unlink()
        try:
            work.rename(entry)
        except OSError:
            if not entry.is_dir():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in entry.parent.glob(f"{_PREFIX}*"):
        if old != entry and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def _as_array(values: np.ndarray) -> array:
    """Return an unsigned integer array as the stdlib `array` py3langid walks its automaton with."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out
