"""Shared fixtures: paths into seeds/ and tests/data/, short literal texts, the seed's tables."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

import analysis

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_2648af30e37c991f.txt"
DATA = Path(__file__).resolve().parent / "data"
DEVSET = DATA / "devset"
HELDOUT = DATA / "heldout"
SHARED = ROOT.parent / "shared"
SEED_GOLD = DEVSET.parent / "gold" / "000_2648af30e37c991f.expected.json"

# The language model's cache goes to a temporary folder, not the user's own (the command-line runs inherit it).
os.environ.setdefault("ACCORDS_CACHE_DIR", str(Path(tempfile.gettempdir()) / "accords-test-cache"))

# Short texts in each language, written for the tests.
ES_TEXT = (
    "El Sr. Pérez, ministro de Exteriores de España, viajó ayer a Rabat. "
    "España y Marruecos acordaron reforzar la cooperación migratoria y luchar contra el terrorismo.\n"
    "Sánchez dijo que España apoyará la candidatura marroquí. "
    "Marruecos no se comprometió a aumentar las exportaciones de fosfatos."
)
EN_TEXT = (
    "U.S. President Joe Biden met Mexican President Andrés Manuel López Obrador in Washington on Monday. "
    "The two leaders agreed to expand trade, strengthen border security and fight drug trafficking.\n"
    "Mexico will not raise tariffs on U.S. corn, the Mexican foreign minister said. "
    "Both sides will meet again in March."
)


@pytest.fixture(scope="session")
def seed_tables() -> analysis.Tables:
    """The tables of the seed article."""
    return analysis.extract(SEED, progress=False)


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    """The hand analysis of the seed article."""
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def devset_tables() -> analysis.Tables:
    """The tables of the development set."""
    return analysis.extract(sorted(DEVSET.glob("*.txt")), progress=False)


CORPUS = DATA / "corpus" / "dated.jsonl"


@pytest.fixture(scope="session")
def corpus_tables() -> analysis.Tables:
    """The tables of the dated multi-document fixture (11 real texts, 2013–2024)."""
    return analysis.extract(CORPUS, progress=False)
