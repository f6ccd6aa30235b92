"""Generated inputs: any text gives valid tables with valid offsets, and the same tables every time."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.io import Document
from analysis.pipeline import analyse_document
from analysis.tables import frame
from tests.test_contract import check_offsets

WORDS = ["Rusia", "acordaron", "se comprometió a", "ambos países", "firmaron", "un memorando", "dijo que", "will",
         "agreed to", "both sides", "Putin", "EE.UU.", "«", "»", "“", "”", ".", ",", " y ", "\n", "\n\n", "no",
         "impulsarán", "the", "Kazakhstan", "signed", "17 agreements", "energía", "trade", "Sr.", "3,5 %",
         "99999999999999999999 acuerdos", "según Putin,", "—dijo Tokaev—", "1.", ":",
         "A memorandum on trade;"]  # fmt: skip
texts = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))


def _tables(text: str, lang: str) -> analysis.Tables:
    rows = analyse_document(Document("d", "d", "", "", text), language=lang)
    return analysis.Tables(**{name: frame(name, rows.get(name, [])) for name in analysis.SCHEMAS})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=st.sampled_from(["auto", "es", "en"]))
def test_any_text_gives_valid_tables(text, lang):
    tables = _tables(text, lang)
    check_offsets(tables)
    c = tables.commitments
    assert set(c["strength"]) <= {"firm", "agreed", "intended"}
    for cell in list(c["actors"]) + list(c["topics"]) + list(tables.agreements["parties"]):
        parts = cell.split(";") if cell else []
        assert parts == sorted(set(parts)) and all(p and " " not in p for p in parts)
    assert set(tables.mentions["actor_type"]) <= {"country", "person", "organization", "place", "group"}


@settings(max_examples=40, deadline=None)
@given(text=texts)
def test_extraction_is_deterministic(text):
    a, b = _tables(text, "auto"), _tables(text, "auto")
    for (_, fa), (_, fb) in zip(a.items(), b.items(), strict=True):
        assert fa.to_csv(index=False) == fb.to_csv(index=False)
