"""Agreements: one row per document named, counts, lists, and no row for a mere reference."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.io import Document
from analysis.pipeline import analyse_document
from analysis.tables import frame


def agreements(text: str, lang: str = "auto") -> pd.DataFrame:
    return frame("agreements", analyse_document(Document("t", "t", "", "", text), language=lang)["agreements"])


def test_coordinated_documents_are_rows_each():
    a = agreements("Chile y Argentina firmaron un tratado de extradición y un memorando sobre energía en Santiago.")
    assert a[["kind", "title", "parties"]].values.tolist() == [
        ["treaty", "tratado de extradición", "ARG;CHL"],
        ["memorandum", "memorando sobre energía en Santiago", "ARG;CHL"],
    ]


def test_only_a_number():
    a = agreements("The presidents of Vietnam and Japan signed 17 agreements on energy and health.", "en")
    assert a[["kind", "title", "count", "topic"]].values.tolist() == [
        ["agreement", "17 agreements on energy and health", 17, "energy"]
    ]


def test_listed_documents_replace_the_count():
    text = (
        "Kenya and Uganda signed five documents:\nA memorandum on trade;\nAn agreement on roads;\n"
        "A protocol on health.\nThe ceremony ended at noon."
    )
    a = agreements(text, "en")
    assert a[["kind", "title"]].values.tolist() == [
        ["memorandum", "A memorandum on trade"],
        ["agreement", "An agreement on roads"],
        ["protocol", "A protocol on health"],
    ]


def test_references_are_not_new_agreements():
    text = (
        "Rusia y China firmaron una declaración conjunta. El acuerdo se alcanzó tras largas negociaciones. "
        "La declaración firmada ayer fue celebrada por ambos."
    )
    assert agreements(text)["kind"].tolist() == ["declaration"]


def test_an_issued_joint_communique_is_adopted():
    a = agreements(
        "Greece and Cyprus agreed to cooperate, the two countries said in a joint communique issued on Tuesday."
    )
    assert a[["kind", "title", "parties"]].values.tolist() == [["declaration", "joint communique", "CYP;GRC"]]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("España y Chile firmaron dos acuerdoſ.", "agreement"), ("Firmaron la DECLARACİÓN conjunta.", "declaration")],
)
def test_a_document_noun_spelled_as_ignorecase_allows_is_known(text, kind):
    """To the case-blind noun regex "ſ" is "s" and "İ" is "i": the noun's kind is found, not a KeyError."""
    rows = analyse_document(Document("t", "t", "", "", text), language="es")["agreements"]
    assert [r["kind"] for r in rows] == [kind]
