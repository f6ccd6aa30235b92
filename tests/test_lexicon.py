"""Language data: a new language is a folder of data files, and bad data is refused at load."""

from __future__ import annotations

import json
import shutil
from importlib import resources

import pytest

from analysis import actors, language, lexicon, topics
from analysis.errors import LexiconError
from analysis.io import Document
from analysis.pipeline import analyse_document


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the package's data folder that the loaders read instead, caches cleared before and after."""
    folder = tmp_path / "data"
    shutil.copytree(resources.files("analysis") / "data", folder)
    monkeypatch.setattr(lexicon, "_data_dir", lambda: folder)
    caches = [lexicon.available_languages, lexicon.load_grammar, actors.load_gazetteer, topics._default_taxonomy,
              language._identifiers, language._scorer]  # fmt: skip
    for cache in caches:
        cache.cache_clear()
    yield folder
    for cache in caches:
        cache.cache_clear()


def test_a_third_language_is_data_only(data_copy):
    fr = data_copy / "fr"
    fr.mkdir()
    grammar = json.loads((data_copy / "en" / "grammar.json").read_text(encoding="utf-8"))
    grammar["language"] = "fr"
    grammar["commitment_triggers"] = [
        {
            "pattern": r"\b(?P<neg>ne\s+)?se\s+sont\s+engagés\s+à\b",
            "strength": "firm",
            "mode": "inf",
            "needs_verb": True,
        }
    ]
    grammar["infinitive"] = r"^\w+(?:er|ir|re)$"
    grammar["conjunctions"] = ["et", "ou"]
    grammar["coordinators"] = r"(?:,\s*(?:et)?|\s+et)\s+(?:à\s+)?"
    (fr / "grammar.json").write_text(json.dumps(grammar), encoding="utf-8")
    shutil.copy(data_copy / "en" / "topics.json", fr / "topics.json")
    (fr / "groups.tsv").write_text("phrase\nles deux pays\n", encoding="utf-8")
    text = (
        "La France et le Maroc ont signé hier. "
        "Les deux pays se sont engagés à renforcer le commerce et à protéger l'eau."
    )
    rows = analyse_document(Document("t", "t", "", "", text), language="fr")
    found = [(r["actors"], r["strength"], r["action"]) for r in rows["commitments"]]
    assert found == [("FRA;MAR", "firm", "renforcer le commerce"), ("FRA;MAR", "firm", "protéger l'eau")]
    assert rows["documents"][0]["language"] == "fr"


def test_bad_grammar_values_are_refused(data_copy):
    path = data_copy / "en" / "grammar.json"
    grammar = json.loads(path.read_text(encoding="utf-8"))
    grammar["commitment_triggers"][0]["strength"] = "strong"
    path.write_text(json.dumps(grammar), encoding="utf-8")
    with pytest.raises(LexiconError, match="strength must be one of"):
        lexicon.load_grammar("en")


def test_tsv_files_have_their_columns():
    for lang in lexicon.available_languages():
        for name, column in (
            ("people", "checked"),
            ("organizations", "kind"),
            ("places", "iso3"),
            ("demonyms", "forms"),
        ):
            rows = lexicon.read_tsv(name, lang)
            assert rows and all(row.get(column) for row in rows), (lang, name)
