"""The report's pieces: headline, prose summary with evidence, tables, escaping, summary.md."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import analysis
from analysis.errors import ArgumentError
from analysis.report import Report, esc, is_tables_dir, load, md_escape, summary_claims

PAYLOADS = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", '"><svg onload=alert(2)>']


class _Elements(HTMLParser):
    """Collect the elements and attributes of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> _Elements:
    p = _Elements()
    p.feed(fragment)
    return p


def test_headline_figures(seed_tables):
    html = Report(seed_tables).headline().data
    figures = re.findall(r"<li><b>([\d,]+)</b>([^<]+)</li>", html)
    assert figures[:5] == [
        ("1", "document"),
        ("11", "sentences"),
        ("2", "parties"),
        ("10", "commitments"),
        ("3", "firm"),
    ]
    assert ("1", "agreement") in figures


def test_summary_tells_every_seed_commitment_firmest_first(seed_tables):
    claims = [c for _, topic_claims, _ in summary_claims(seed_tables) for c in topic_claims]
    assert sorted(c.action for c in claims) == sorted(seed_tables.commitments["action"])
    for _, topic_claims, _ in summary_claims(seed_tables):
        ranks = [["firm", "agreed", "intended"].index(c.strength) for c in topic_claims]
        assert ranks == sorted(ranks)


def test_summary_links_each_claim_to_its_evidence(seed_tables):
    html = Report(seed_tables).summary().data
    links = re.findall(r'<a href="#evidence-(\d+)" id="claim-\1">', html)
    targets = re.findall(r'<li id="evidence-(\d+)">', html)
    assert links == targets == [str(i) for i in range(1, 11)]
    assert "Russia committed to “cumplir íntegramente con la construcción" in html
    # an action that starts with its own verb is quoted after the strength, not after a second verb
    assert "Kazakhstan and Russia, intended: “impulsarán la integración comercial" in html
    # the evidence is the sentence with the action marked
    assert "<mark>cumplir íntegramente con la construcción de la primera central nuclear en Kazajistán</mark>" in html


def test_summary_in_spanish(seed_tables):
    html = Report(seed_tables, language="es").summary().data
    assert "<h2>Resumen</h2>" in html
    assert "Rusia se comprometió a “cumplir íntegramente" in html
    assert "Kazajistán y Rusia acordaron “mantener un alto nivel" in html
    assert "Se analizaron 1 documento, 11 oraciones." in html


def test_summary_keeps_to_a_readable_length(corpus_tables):
    topics = summary_claims(corpus_tables, per_topic=2, max_topics=3)
    assert len(topics) == 3 and all(len(claims) <= 2 for _, claims, _ in topics)
    told = sum(len(c) + more for _, c, more in topics)
    top3 = corpus_tables.commitments["topic"].value_counts().iloc[:3].sum()
    assert told <= top3  # repeated claims are told once


def test_commitments_table_has_each_action_and_its_sentence(seed_tables):
    html = Report(seed_tables).commitments().data
    for action in seed_tables.commitments["action"]:
        assert f"<td>{esc(action)}</td>" in html
    assert html.count("<tr>") == len(seed_tables.commitments) + 1


def test_agreements_statements_and_errors(seed_tables):
    report = Report(seed_tables)
    assert "declaración que eleva las relaciones bilaterales" in report.agreements().data
    assert report.statements().data.count("<tr>") == len(seed_tables.statements) + 1
    assert report.errors().data == '<div class="accords"></div>'


@pytest.mark.parametrize("payload", PAYLOADS)
def test_untrusted_text_is_escaped_everywhere(tmp_path, payload):
    text = f"Rusia y Kazajistán acordaron reforzar la cooperación energética {payload} en el mar Caspio."
    source = tmp_path / "nota.txt"
    source.write_text(text, encoding="utf-8")
    tables = analysis.extract(source, progress=False)
    assert payload[:8] in tables.commitments["action"].iloc[0]
    assert payload in tables.sentences["text"].iloc[0]
    report = Report(tables, title=payload, language="es")
    for piece in (report.header(), report.summary(), report.commitments(), report.statements()):
        elements = parse(piece.data)
        assert not [t for t, attrs in elements.tags if t in {"script", "img", "svg"}]
        assert not [a for _, attrs in elements.tags for a in attrs if a.startswith("on")]
    assert payload in "".join(parse(report.summary().data).text)  # shown, as text
    assert payload in "".join(parse(report.header().data).text)


def test_markdown_escaping():
    assert md_escape("<script>*x*</script> [a](b)") == "\\<script\\>\\*x\\*\\</script\\> \\[a\\]\\(b\\)"
    assert md_escape("a\n\nb") == "a b"
    assert md_escape("the region's $5 billion") == "the region's \\$5 billion"
    assert md_escape("see www.example.com or https://x.org") == "see www\\.example.com or https\\://x.org"


def test_markdown_renders_literally():
    mistune = pytest.importorskip("mistune")  # nbconvert's Markdown renderer
    for text in ["the region's <img src=x onerror=alert(1)> & [x](javascript:alert(1)) *y*", "#1 `code` $x$ ~~z~~"]:
        rendered = mistune.html(md_escape(text))
        assert "<img" not in rendered and "<a" not in rendered and "<em>" not in rendered and "<code>" not in rendered
        assert html.unescape(re.sub(r"</?p>\n?", "", rendered)).strip() == text


def test_summary_markdown(seed_tables, tmp_path):
    report = Report(seed_tables, output_dir=tmp_path, title="Rusia *y* Kazajistán")
    report.chart("topics")
    path = report.write_summary()
    md = path.read_text(encoding="utf-8")
    assert md.startswith("# Rusia \\*y\\* Kazajistán\n")
    assert md.count("[^1]") == 2 and "[^10]:" in md
    assert "**cumplir íntegramente con la construcción de la primera central nuclear en Kazajistán**" in md
    assert "![topics](charts/topics.png)" in md
    assert (tmp_path / "charts" / "topics.png").read_bytes().startswith(b"\x89PNG")


def test_unknown_chart_and_language(seed_tables):
    with pytest.raises(ArgumentError, match="chart value = 'pie'"):
        Report(seed_tables).chart("pie")
    with pytest.raises(ArgumentError, match="report_language"):
        Report(seed_tables, language="xx")


def test_load_reads_back_a_tables_folder(seed_tables, tmp_path):
    seed_tables.to_dir(tmp_path / "t")
    assert is_tables_dir(tmp_path / "t") and not is_tables_dir(tmp_path)
    again = load(tmp_path / "t")
    assert again.commitments["action"].tolist() == seed_tables.commitments["action"].tolist()


def _tables_of(tmp_path, texts: dict[str, str]) -> analysis.Tables:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return analysis.extract(tmp_path, progress=False)


def test_a_negated_commitment_is_not_merged_with_its_affirmative(tmp_path):
    tables = _tables_of(
        tmp_path,
        {
            "a.txt": "Russia will not build a nuclear plant in Kazakhstan.",
            "b.txt": "Russia will build a nuclear plant in Kazakhstan.",
        },
    )
    assert sorted(tables.commitments["negated"]) == [False, True]
    claims = [c for _, cs, _ in summary_claims(tables) for c in cs]
    assert sorted(c.negated for c in claims) == [False, True]
    assert all(c.documents == 1 for c in claims)


def test_repeats_are_told_once_and_counted_once(tmp_path):
    same = "Spain and Morocco agreed to expand cooperation on migration."
    tables = _tables_of(tmp_path, {"a.txt": same, "b.txt": same})
    [(_, claims, more)] = summary_claims(tables)
    assert (len(claims), claims[0].documents, more) == (1, 2, 0)
    assert "(in 2 documents)" in Report(tables).summary().data


def test_more_claims_are_counted_in_words(seed_tables):
    html_text = Report(seed_tables).summary().data
    assert "more commitments" not in html_text  # every seed claim is told
    report = Report(seed_tables)
    report._claims = summary_claims(seed_tables, per_topic=1)
    text = report.summary().data
    assert "…and 1 more commitment on this topic" in text


def test_no_document_note(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"\x00\x01")
    tables = analysis.extract(tmp_path, progress=False)
    assert "No document could be analysed." in Report(tables).single_document_note().data


def test_spanish_agreement_kinds(seed_tables):
    assert "(declaración)" in Report(seed_tables, language="es").summary().data
    assert "<td>declaración</td>" in Report(seed_tables, language="es").agreements().data


def test_missing_cells_do_not_break_the_report(seed_tables):
    commitments = seed_tables.commitments.copy()
    for column in ["actors", "topic", "action", "strength"]:
        commitments.loc[0, column] = pd.NA
    tables = analysis.Tables(**{**dict(seed_tables.items()), "commitments": commitments})
    report = Report(tables)
    for piece in (report.summary(), report.commitments(), report.pairs(), report.repeated()):
        assert piece.data.startswith('<div class="accords">')
    assert report.chart("actors_by_topic").data.count("<img") == 1
