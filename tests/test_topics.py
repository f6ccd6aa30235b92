"""Topic tagging: matching rules, the default taxonomy, and a user's taxonomy file."""

from __future__ import annotations

import json

import pytest

import analysis
from analysis.errors import TaxonomyError
from analysis.topics import Taxonomy, load_taxonomy

CAP = {"macroeconomics": 1, "civil_rights": 2, "health": 3, "agriculture": 4, "labor": 5, "education": 6,
       "environment": 7, "energy": 8, "immigration": 9, "transportation": 10, "law_crime": 12, "social_welfare": 13,
       "housing": 14, "domestic_commerce": 15, "defense": 16, "technology": 17, "foreign_trade": 18,
       "international_affairs": 19, "government_operations": 20, "public_lands": 21, "culture": 23}  # fmt: skip


@pytest.mark.parametrize("lang", ["es", "en"])
def test_default_taxonomies_have_the_cap_topics(lang):
    tax = load_taxonomy(lang)
    assert tax.codes == CAP
    assert tax.default == "international_affairs"


def test_matching_is_whole_word_accent_and_case_blind_prefix_and_longest():
    tax = Taxonomy({"topics": {
        "energy": {"cap_code": 8, "terms": ["energ*", "central nuclear"]},
        "agriculture": {"cap_code": 4, "terms": ["seguridad alimentaria"]},
        "defense": {"cap_code": 16, "terms": ["seguridad"]},
    }}, "es")  # fmt: skip
    text = "ENERGETICOS y la Central Nuclear; la seguridad alimentaria y la seguridad. Sinergia."
    hits = [(h.topic, h.term) for h in tax.hits(text)]
    assert hits == [("energy", "ENERGETICOS"), ("energy", "Central Nuclear"), ("agriculture", "seguridad alimentaria"),
                    ("defense", "seguridad")]  # fmt: skip
    ranked = tax.rank(tax.hits(text))
    assert [(t, s) for t, s, _ in ranked] == [("energy", 2.0), ("agriculture", 1.0), ("defense", 1.0)]


def test_a_tie_goes_to_the_first_topic_and_the_longest_term_wins_over_order():
    tax = Taxonomy({"topics": {
        "energy": {"cap_code": 8, "terms": ["acuerdo", "acuerdo energético"]},
        "foreign_trade": {"cap_code": 18, "terms": ["acuerdo energético", "acuerdo energético regional", "acuer*"]},
        "defense": {"cap_code": 16, "terms": ["acuerdo"]},
    }}, "es")  # fmt: skip
    text = "Un acuerdo energético. Un acuerdo energético regional. Un acuerdo. Acuerdos."
    hits = [(h.topic, h.term) for h in tax.hits(text)]
    assert hits == [("energy", "acuerdo energético"), ("foreign_trade", "acuerdo energético regional"),
                    ("energy", "acuerdo"), ("foreign_trade", "Acuerdos")]  # fmt: skip
    # A term longer than what is left of the range does not match, the shorter one does.
    assert [(h.topic, h.term) for h in tax.hits(text, 0, text.index(" energético."))] == [("energy", "acuerdo")]


def test_user_taxonomy_replaces_the_default(tmp_path, seed_tables):
    path = tmp_path / "tax.json"
    path.write_text(json.dumps({"default": "health", "topics": {
        "health": {"cap_code": 3, "terms": {"es": ["nuclear"], "en": ["nuclear"]}},
        "culture": {"cap_code": 23, "terms": ["idioma"]},
    }}), encoding="utf-8")  # fmt: skip
    tables = analysis.extract(seed_tables.documents["source"].iloc[0], taxonomy=path, progress=False)
    assert set(tables.topics["topic"]) == {"health", "culture"}
    assert set(tables.commitments["topic"]) == {"health", "culture"}
    nuclear = tables.commitments[tables.commitments["action"].str.contains("central nuclear")]
    assert nuclear["topic"].tolist() == ["health"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "non-empty 'topics'"),
        ('{"topics": {"x": {"terms": []}}}', "needs 'cap_code' and 'terms'"),
        ('{"topics": {"x": {"cap_code": "nine", "terms": []}}}', "not an integer"),
        ('{"topics": {"x": {"cap_code": 9223372036854775808, "terms": []}}}', "out of range"),  # over int64
        ('{"topics": {"x": {"cap_code": 1e400, "terms": []}}}', "not an integer"),  # JSON's infinity
        ('{"default": "y", "topics": {"x": {"cap_code": 1, "terms": []}}}', "default topic 'y'"),
    ],
)
def test_bad_taxonomy_files(tmp_path, content, message):
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy("es", path)


def test_edited_taxonomy_file_is_read_again(tmp_path):
    import os

    path = tmp_path / "t.json"
    path.write_text(json.dumps({"topics": {"energy": {"cap_code": 8, "terms": ["gas"]}}}), encoding="utf-8")
    assert load_taxonomy("es", path).codes == {"energy": 8}
    path.write_text(json.dumps({"topics": {"health": {"cap_code": 3, "terms": ["salud"]}}}), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert load_taxonomy("es", path).codes == {"health": 3}


def test_non_latin_terms_match_in_any_case():
    tax = Taxonomy({"topics": {"energy": {"cap_code": 8, "terms": ["газ*", "ενέργεια"]}}}, "ru")
    assert [h.term for h in tax.hits("ГАЗПРОМ и Газ; ΕΝΈΡΓΕΙΑ")] == ["ГАЗПРОМ", "Газ", "ΕΝΈΡΓΕΙΑ"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe\x00b", "not UTF-8"), (b'{"topics": {"x": {"cap_code": 1, "terms": [null, 3]}}}', "list of strings")],
)
def test_unreadable_taxonomy_files(tmp_path, content, message):
    path = tmp_path / "t.json"
    path.write_bytes(content)
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy("es", path)


def test_taxonomy_file_with_a_bom(tmp_path):
    path = tmp_path / "t.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"topics": {"energy": {"cap_code": 8, "terms": ["gas"]}}}).encode())
    assert load_taxonomy("es", path).codes == {"energy": 8}
