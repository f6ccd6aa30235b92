"""Statements: the three shapes of attribution, and speakers carried over."""

from __future__ import annotations

import pandas as pd

from analysis.io import Document
from analysis.pipeline import analyse_document
from analysis.tables import frame


def statements(text: str, lang: str = "auto") -> pd.DataFrame:
    return frame("statements", analyse_document(Document("t", "t", "", "", text), language=lang)["statements"])


def test_seed_statements(seed_tables):
    s = seed_tables.statements
    assert s[["speaker", "verb"]].values.tolist() == [["putin", "lo describió"], ["tokaev", "resaltó"],
                                                      ["tokaev", "destacó"]]  # fmt: skip
    assert s["content"].iloc[0] == "un resultado significativo de la visita"  # the quotation only


def test_postposed_attribution_spanish_and_english():
    es = statements("«Vamos a duplicar el comercio con Chile», dijo el presidente peruano, José Jerí, en Lima.")
    assert es[["speaker_country", "content"]].values.tolist() == [["PER", "Vamos a duplicar el comercio con Chile"]]
    en = statements("“We will double trade with Chile,” Brazilian Foreign Minister Mauro Vieira said on Monday.", "en")
    assert en[["speaker", "content"]].values.tolist() == [["vieira", "We will double trade with Chile"]]


def test_speaker_carried_over_and_not_invented():
    text = (
        "El canciller de Chile, Alberto van Klaveren, destacó la relación con Argentina. "
        "Asimismo, subrayó que ambos países cooperan en energía. El documento subraya la amistad."
    )
    s = statements(text, "es")
    assert s["speaker"].tolist() == ["van_klaveren", "van_klaveren"]
    assert s["content"].tolist()[1] == "ambos países cooperan en energía"


def test_nested_quotations_and_the_first_opening():
    s = statements("Putin dijo: «Tokaev afirmó que “Rusia cumplirá” y nosotros también» ante la prensa.", "es")
    assert s["content"].tolist()[0] == "Tokaev afirmó que “Rusia cumplirá” y nosotros también"


def test_an_opening_phrase_is_not_what_was_said():
    s = statements("About trade, President Lula welcomed the new tariff agreement with Mexico and Peru.", "en")
    assert s[["speaker", "content"]].values.tolist() == [["lula", "the new tariff agreement with Mexico and Peru"]]


def test_a_speech_verb_inside_a_quotation_is_the_quoted_speakers():
    s = statements("President Lula said, “the welcome given to Minister Vieira underscores our friendship.”", "en")
    assert s["speaker"].tolist() == ["lula"]
