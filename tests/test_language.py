"""Language detection and the language option."""

from __future__ import annotations

import pytest

import analysis
from analysis.errors import ArgumentError
from analysis.language import detect_language
from tests.conftest import EN_TEXT, ES_TEXT


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (ES_TEXT, "es"),
        (EN_TEXT, "en"),
        ("Acordaron cooperar.", "es"),
        ("They agreed to cooperate.", "en"),
        (
            "Les deux pays ont signé un accord de coopération économique et culturelle à Paris, "
            "et les présidents se sont engagés à renforcer leurs échanges commerciaux dans les années à venir.",
            "fr",
        ),
        ("12345 --- !!!", "und"),
    ],
)
def test_detect(text, code):
    assert detect_language(text) == code


def test_forced_language_and_bad_value(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(
        "Deutschland und Frankreich haben ein Abkommen unterzeichnet. Russland war nicht beteiligt.", encoding="utf-8"
    )
    tables = analysis.extract(path, progress=False)
    assert tables.documents["language"].iloc[0] == "de"
    assert {"DEU", "FRA", "RUS"} <= set(tables.mentions["actor_id"])  # CLDR names in German
    forced = analysis.extract(path, language="en", progress=False)
    assert forced.documents["language"].iloc[0] == "en"
    with pytest.raises(ArgumentError, match="`language` value = 'spanish!' is invalid"):
        analysis.extract(path, language="spanish!", progress=False)
