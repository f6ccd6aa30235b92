"""Actor mentions: states in any form, capitals and seats, people, organizations, groups and parties."""

from __future__ import annotations

from analysis.actors import discover_people, find_mentions, party_weights, text_parties
from analysis.lexicon import load_grammar


def _found(text: str, lang: str) -> list[tuple[str, str, str, str]]:
    return [(m.text, m.actor_id, m.actor_type, m.country) for m in find_mentions(text, lang)]


def test_spanish_forms():
    text = ("La cooperación ruso-kazaja y los acuerdos sino-rusos; las empresas rusas y la delegación kazaja "
            "viajaron de Moscú a Astaná. EE.UU. y la Casa Blanca callaron; la OTAN y la UE también.")  # fmt: skip
    found = _found(text, "es")
    assert ("ruso", "RUS", "country", "RUS") in found and ("kazaja", "KAZ", "country", "KAZ") in found
    assert ("sino", "CHN", "country", "CHN") in found and ("rusos", "RUS", "country", "RUS") in found
    assert ("rusas", "RUS", "country", "RUS") in found
    assert ("Moscú", "moscu", "place", "RUS") in found and ("Astaná", "astana", "place", "KAZ") in found
    assert ("EE.UU.", "USA", "country", "USA") in found
    assert ("Casa Blanca", "casa_blanca", "place", "USA") in found
    assert ("OTAN", "nato", "organization", "") in found and ("UE", "eu", "organization", "") in found


def test_english_forms_and_possessive():
    found = _found("Russia's gas giant Gazprom and Brazil's Petrobras met at the White House and the U.N.", "en")
    assert found[:2] == [("Russia", "RUS", "country", "RUS"), ("Gazprom", "gazprom", "organization", "RUS")]
    assert ("Petrobras", "petrobras", "organization", "BRA") in found
    assert ("White House", "white_house", "place", "USA") in found


def test_accents_are_optional_but_case_matters():
    found = _found("Kazajistan y Mexico firmaron; la china mostró porcelana china.", "es")
    assert ("Kazajistan", "KAZ", "country", "KAZ") in found and ("Mexico", "MEX", "country", "MEX") in found
    assert all(f[1] == "CHN" for f in found if f[0] == "china")  # lower case: the demonym, still China


def test_every_un_member_has_a_name_in_both_languages():
    from analysis.actors import load_gazetteer, un_members

    for lang in ("es", "en"):
        gaz = load_gazetteer(lang)
        codes = {e.actor_id for e in gaz.exact.values() if e.actor_type == "country"}
        assert set(un_members().values()) - codes == set(), lang


def test_people_found_from_their_titles():
    text = (
        "La ministra de Energía de Chile, Ximena Rincón González, recibió al embajador Pedro Gómez Ruiz. "
        "Rincón González dijo que sí."
    )
    grammar = load_grammar("es")
    mentions = find_mentions(text, "es")
    found = [(m.text, m.actor_id, m.country) for m in discover_people(text, mentions, grammar)]
    assert ("Ximena Rincón González", "rincon_gonzalez", "CHL") in found and (
        "Rincón González",
        "rincon_gonzalez",
        "CHL",
    ) in found
    assert ("Pedro Gómez Ruiz", "gomez_ruiz", "") in found


def test_parties_leave_out_places_named_as_locations():
    text = ("India and the United States agreed on Tuesday. India will not deploy troops in Afghanistan, "
            "and the United States welcomed it; talks in Afghanistan are not planned.")  # fmt: skip
    grammar = load_grammar("en")
    assert text_parties(party_weights(find_mentions(text, "en"), text, grammar)) == ["IND", "USA"]


def test_groups_resolve_to_the_parties(seed_tables):
    groups = seed_tables.mentions[seed_tables.mentions["actor_type"] == "group"]
    assert set(groups["text"]) >= {"ambos países", "ambos Gobiernos", "los Estados"}
    assert set(groups["actor_id"]) == {"KAZ;RUS"}


def test_people_with_their_state_after_the_name_and_by_given_name():
    text = (
        "Prime Minister Abiy Ahmed of Ethiopia and President Isaias Afwerki of Eritrea signed the Joint "
        "Declaration. Later, President Isaias said it was historic."
    )
    grammar = load_grammar("en")
    known = find_mentions(text, "en")
    found = [(m.text, m.actor_id, m.country) for m in discover_people(text, known, grammar)]
    assert [(m.text, m.country) for m in known if m.actor_type == "person"] == [("Abiy Ahmed", "ETH")]  # listed
    assert ("Isaias Afwerki", "afwerki", "ERI") in found and ("Isaias", "afwerki", "ERI") in found
    assert not any(text == "Joint Declaration" for text, _, _ in found)
