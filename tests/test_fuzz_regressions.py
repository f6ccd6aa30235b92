"""Inputs the fuzzers (fuzz/, `make fuzz`) found failing, replayed through the same checks without atheris."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import types
from pathlib import Path

import pytest

from analysis.io import html_to_text, markdown_to_text
from tests.conftest import DATA, ROOT

REPRODUCERS = DATA / "fuzz"


def _harness(name: str) -> types.ModuleType:
    """Load fuzz/fuzz_<name>.py with a stand-in for atheris, which is only installed in `make fuzz`'s environment."""
    stub = types.ModuleType("atheris")
    stub.instrument_imports = lambda **_: contextlib.nullcontext()
    saved = sys.modules.get("atheris")
    sys.modules["atheris"] = stub
    try:
        spec = importlib.util.spec_from_file_location(f"fuzz_{name}", ROOT / "fuzz" / f"fuzz_{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if saved is None:
            del sys.modules["atheris"]
        else:
            sys.modules["atheris"] = saved
    return module


def test_every_reproducer_is_replayed():
    files = sorted(p.name for p in REPRODUCERS.glob("*.bin"))
    assert files and all(name.split("-")[0] in {"read", "markup"} for name in files)


@pytest.mark.parametrize("path", sorted(REPRODUCERS.glob("read-*.bin")), ids=lambda p: p.stem)
def test_read_reproducers(path: Path):
    _harness("read").TestOneInput(path.read_bytes())  # raises AssertionError on the bug it found


@pytest.mark.parametrize("path", sorted(REPRODUCERS.glob("markup-*.bin")), ids=lambda p: p.stem)
def test_markup_reproducers(path: Path):
    data = path.read_bytes()
    assert data[0] % 2 == 1  # atheris's ConsumeUnicodeNoSurrogates: an odd first byte makes the rest ASCII
    markup = bytes(b & 0x7F for b in data[1:]).decode("ascii")
    for result in (html_to_text(markup), markdown_to_text(markup)):
        assert isinstance(result, tuple) and all(isinstance(x, str) for x in result)
