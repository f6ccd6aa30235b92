"""Commitments on short texts written for the tests: what counts, who commits, how firmly."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.io import Document
from analysis.pipeline import analyse_document
from analysis.tables import frame
from tests.conftest import EN_TEXT, ES_TEXT

COLUMNS = ["actors", "actor_text", "trigger", "action", "strength", "negated", "topic"]


def commitments(text: str, lang: str = "auto") -> pd.DataFrame:
    rows = analyse_document(Document("t", "t", "", "", text), language=lang)
    return frame("commitments", rows["commitments"])


def table(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=COLUMNS).astype({"negated": bool})


def test_spanish_text():
    expected = table(
        ("ESP;MAR", "España y Marruecos", "acordaron", "reforzar la cooperación migratoria", "agreed", False,
         "immigration"),
        ("ESP;MAR", "España y Marruecos", "acordaron", "luchar contra el terrorismo", "agreed", False, "defense"),
        ("ESP", "España", "apoyará", "apoyará la candidatura marroquí", "intended", False, "international_affairs"),
        ("MAR", "Marruecos", "no se comprometió a", "aumentar las exportaciones de fosfatos", "firm", True,
         "foreign_trade"),
    )  # fmt: skip
    found = commitments(ES_TEXT)[COLUMNS].astype({c: object for c in COLUMNS if c != "negated"})
    pd.testing.assert_frame_equal(found, expected.astype({c: object for c in COLUMNS if c != "negated"}))


def test_english_text():
    found = commitments(EN_TEXT)
    assert found[["actors", "action", "strength", "negated"]].values.tolist() == [
        ["MEX;USA", "expand trade", "agreed", False],
        ["MEX;USA", "strengthen border security", "agreed", False],
        ["MEX;USA", "fight drug trafficking", "agreed", False],
        ["MEX", "raise tariffs on U.S. corn", "intended", True],
    ]  # "Both sides will meet again in March" is a schedule


@pytest.mark.parametrize(
    "text",
    [
        "Los mandatarios de Chile y Perú analizaron la situación regional y destacaron la amistad entre ambos pueblos.",
        "Los líderes de Chile y Perú se incorporarán al retiro el sábado.",
        "Putin espera que Kazajistán aumentará sus compras de gas ruso.",
        "Rusia construyó una central nuclear en Kazajistán en 2010.",
        "El acuerdo entre Chile y Perú facilitará el comercio, según los analistas.",
        "The leaders of India and Japan discussed regional security and praised their friendship.",
        "The presidents of Kenya and Uganda will meet in Nairobi next week.",
        "Kenya hopes that Uganda will lower its tariffs.",
    ],
)
def test_not_commitments(text):
    assert commitments(text).empty, commitments(text)["action"].tolist()


def test_companies_commit_under_their_slug_and_signed_purpose_is_agreed():
    found = commitments("Gazprom y Pemex firmaron un acuerdo para ampliar el suministro de gas natural a México.")
    assert found[["actors", "action", "strength", "topic"]].values.tolist() == [
        ["gazprom;pemex", "ampliar el suministro de gas natural a México", "agreed", "energy"]
    ]


def test_future_under_a_signed_memorandum_is_agreed():
    text = "Chile and Argentina signed a memorandum under which both sides will build a new bridge over the Andes."
    found = commitments(text)
    assert found[["actors", "action", "strength"]].values.tolist() == [
        ["ARG;CHL", "build a new bridge over the Andes", "agreed"]
    ]


def test_capitals_stand_for_their_state_and_slot_actors():
    text = "El texto recoge la intención de Moscú y Pekín de ampliar el comercio bilateral y reducir aranceles."
    found = commitments(text)
    assert found[["actors", "actor_text", "action"]].values.tolist() == [
        ["CHN;RUS", "Moscú y Pekín", "ampliar el comercio bilateral"],
        ["CHN;RUS", "Moscú y Pekín", "reducir aranceles"],
    ]


def test_commitment_in_reported_speech_and_shall():
    text = (
        "The minister said that Brazil will double its purchases of Chinese fertilizer. "
        "The Parties shall exchange information on customs fraud."
    )
    found = commitments(text, "en")
    assert found[["actors", "strength", "action"]].values.tolist()[0] == [
        "BRA",
        "intended",
        "double its purchases of Chinese fertilizer",
    ]
    assert found["strength"].tolist()[1] == "firm"
    assert found["action"].tolist()[1] == "exchange information on customs fraud"


def test_negated_will_not():
    found = commitments("Germany will not send troops to the region.", "en")
    assert found[["actors", "negated", "strength"]].values.tolist() == [["DEU", True, "intended"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rusia se comprometió a construir una central y Kazajistán se comprometió a comprar energía.",
            [("RUS", "construir una central", "firm"), ("KAZ", "comprar energía", "firm")],
        ),
        (
            "Russia agreed to build a plant and Kazakhstan agreed to buy power.",
            [("RUS", "build a plant", "agreed"), ("KAZ", "buy power", "agreed")],
        ),
        (
            "Putin espera que haya paz en la región; Rusia construirá la central nuclear.",
            [("RUS", "construirá la central nuclear", "intended")],
        ),
    ],
)
def test_coordinated_clauses_with_their_own_subjects(text, expected):
    found = commitments(text)
    assert list(found[["actors", "action", "strength"]].itertuples(index=False, name=None)) == expected


def test_what_a_document_establishes_is_agreed_by_its_parties():
    text = ("Cuba y España firmaron dos memorandos. El memorando sobre cultura crea un fondo común para el cine. "
            "Cuba crea empleo cada año.")  # fmt: skip
    found = commitments(text)
    assert found[["actors", "trigger", "action", "strength"]].values.tolist() == [
        ["CUB;ESP", "crea", "un fondo común para el cine", "agreed"]
    ]


def test_expressed_resolve_is_an_intention_and_lists_of_areas_are_general():
    text = ("Japan and Australia expressed their resolve to expand cooperation in economic, cultural, "
            "health and security areas.")  # fmt: skip
    found = commitments(text, "en")
    assert found[["actors", "strength", "topic"]].values.tolist() == [["AUS;JPN", "intended", "international_affairs"]]
    assert set(found["topics"].iloc[0].split(";")) >= {"culture", "defense", "health", "international_affairs"}


def test_an_expected_signing_is_not_a_commitment():
    assert commitments("Se espera la firma de un acuerdo entre Chile y Perú para incrementar las exportaciones.").empty
    assert commitments("Chile and Peru are expected to sign a deal to boost exports.", "en").empty


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Spain and France agreed to:\n- build roads;\n- cooperate on energy.\nThe ceremony ended.",
            "en",
            [("ESP;FRA", "build roads", "transportation"), ("ESP;FRA", "cooperate on energy", "energy")],
        ),
        (
            "España y Francia acordaron:\n\n• reforzar la cooperación energética;\n• impulsar el comercio.",
            "es",
            [
                ("ESP;FRA", "reforzar la cooperación energética", "energy"),
                ("ESP;FRA", "impulsar el comercio", "foreign_trade"),
            ],
        ),
    ],
)
def test_a_list_completes_an_open_trigger(text, lang, expected):
    found = commitments(text, lang)
    assert list(found[["actors", "action", "topic"]].itertuples(index=False, name=None)) == expected
    assert set(found["strength"]) == {"agreed"}


def test_other_wrong_readings_fixed():
    assert commitments("The United States will build roads.", "en")["actors"].tolist() == ["USA"]
    negated = commitments("The United States will not commit to reducing tariffs.", "en")
    assert negated["negated"].tolist() == [True]
    caps = commitments("SPAIN AND FRANCE AGREED TO COOPERATE ON ENERGY.", "en")
    assert caps[["actors", "action"]].values.tolist() == [["ESP;FRA", "COOPERATE ON ENERGY"]]
    quoted = commitments('Putin said: "Russia will build a nuclear power plant."', "en")
    assert quoted["action"].tolist() == ["build a nuclear power plant"]


def test_a_first_person_promise_in_a_quotation_is_the_speakers():
    es = commitments("«Apoyaremos la candidatura de Marruecos», dijo el presidente español, Pedro Sánchez.")
    assert es[["actors", "action"]].values.tolist() == [["ESP", "Apoyaremos la candidatura de Marruecos"]]
    en = commitments("“We will double trade with Chile,” Brazilian Foreign Minister Mauro Vieira said.", "en")
    assert en[["actors", "action"]].values.tolist() == [["BRA", "double trade with Chile"]]
    assert commitments('Lula said the treaties "will widen the relation" between both peoples.', "en").empty
