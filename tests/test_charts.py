"""Chart structure: titles, axis labels, bar counts, top-N grouping, the palette and the rc option."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import analysis
from analysis import charts
from analysis.labels import STRENGTHS
from analysis.tables import frame

ALL = {**charts.REPORT_CHARTS, **charts.CORPUS_CHARTS}


def _bars(ax) -> list:
    return [p for p in ax.patches if np.isfinite(p.get_width()) and np.isfinite(p.get_height())]


def _empty_tables() -> analysis.Tables:
    return analysis.Tables(**{name: frame(name, []) for name in analysis.SCHEMAS})


def test_topics_chart_on_the_seed(seed_tables):
    fig = charts.topics_chart(seed_tables)
    ax = fig.axes[0]
    assert ax.get_title() == "Topics"
    assert ax.get_xlabel() == "number of sentences or commitments"
    names = [t.get_text() for t in ax.get_yticklabels()]
    expected = set(seed_tables.topics["topic"]) | set(seed_tables.commitments["topic"])
    assert len(names) == len(expected)
    assert "International Affairs" in names and "Energy" in names
    assert len(ax.patches) == 2 * len(names)  # one sentence bar and one commitment bar per topic
    widths = {(round(p.get_y() + p.get_height() / 2, 1), p.get_width()) for p in ax.patches}
    assert (
        max(w for _, w in widths)
        == seed_tables.topics.drop_duplicates(["sentence_id", "topic"])["topic"].value_counts().max()
    )


def test_topics_chart_groups_the_rest_as_other(seed_tables):
    fig = charts.topics_chart(seed_tables, top=3)
    names = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(names) == 4 and names[-1] == "other"
    total_sentences = len(seed_tables.topics.drop_duplicates(["sentence_id", "topic"]))
    drawn = sum(p.get_width() for p in fig.axes[0].patches)
    assert drawn == total_sentences + len(seed_tables.commitments)


def test_heatmap_counts_each_actor_of_each_commitment(seed_tables):
    fig = charts.actor_topic_heatmap(seed_tables)
    ax = fig.axes[0]
    assert ax.get_title() == "Commitments by actor and topic"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("topic", "actor")
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["Russia", "Kazakhstan"]  # Russia has one more commitment (the nuclear plant)
    grid = ax.images[0].get_array()
    assert grid.sum() == sum(len(a.split(";")) for a in seed_tables.commitments["actors"])
    assert [t.get_text() for t in ax.texts] == [str(int(v)) for v in grid.ravel() if v]
    assert fig.axes[1].get_ylabel() == "commitments"  # the colour bar


def test_strength_by_topic_stacks_each_strength(seed_tables):
    fig = charts.strength_by_topic(seed_tables)
    ax = fig.axes[0]
    assert ax.get_title() == "Strength of commitments by topic"
    segments = _bars(ax)
    grid = pd.crosstab(seed_tables.commitments["topic"], seed_tables.commitments["strength"])
    assert len(segments) == int((grid > 0).sum().sum())
    assert sum(p.get_width() for p in segments) == len(seed_tables.commitments)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [s for s in STRENGTHS if s in set(seed_tables.commitments["strength"])]
    colours = {tuple(np.round(p.get_facecolor()[:3], 3)) for p in segments}
    assert colours <= {tuple(np.round(mpl.colors.to_rgb(c), 3)) for c in charts.STRENGTH_COLOURS.values()}


def test_actor_network_links_the_parties(seed_tables):
    fig = charts.actor_network(seed_tables, language="es")
    ax = fig.axes[0]
    assert ax.get_title() == "Red de actores"
    names = {t.get_text() for t in ax.texts}
    assert {"Rusia", "Kazajistán"} <= names
    edges = charts.network_edges(seed_tables, ["KAZ", "RUS"])
    assert edges.loc[0, ["source", "target"]].tolist() == ["KAZ", "RUS"]
    assert edges.loc[0, "shared"] == sum(a == "KAZ;RUS" for a in seed_tables.commitments["actors"])
    assert edges.loc[0, "comentions"] > 0
    assert len(ax.collections[0].get_offsets()) == len(names)  # one marker per labelled actor


def test_timeline_needs_dates(seed_tables, corpus_tables):
    empty = charts.timeline(seed_tables)
    assert empty.axes[0].texts[0].get_text() == "Nothing to show: fewer than two dated documents"
    fig = charts.timeline(corpus_tables)
    ax = fig.axes[0]
    assert ax.get_title() == "Commitments over time" and ax.get_ylabel() == "commitments"
    assert sum(p.get_height() for p in _bars(ax)) == len(corpus_tables.commitments)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "2013" and len(labels) <= 16  # eleven years: yearly bars


def test_corpus_charts(corpus_tables):
    over_time = charts.topics_over_time(corpus_tables, top=4)
    assert len(over_time.axes[0].lines) == 4
    pairs = charts.actor_pairs(corpus_tables)
    ax = pairs.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names and all(" – " in n for n in names)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_chart_handles_empty_tables(name):
    fig = ALL[name](_empty_tables())
    assert isinstance(fig, Figure)
    assert fig.axes[0].texts[0].get_text().startswith("Nothing to show")


@pytest.mark.parametrize("name", sorted(ALL))
def test_rc_option_takes_effect_and_does_not_leak(name, corpus_tables):
    before = mpl.rcParams["figure.facecolor"]
    fig = ALL[name](corpus_tables, rc={"figure.facecolor": "#123456", "axes.titlesize": 21})
    assert mpl.colors.to_hex(fig.get_facecolor()) == "#123456"
    assert fig.axes[0].title.get_fontsize() == 21
    assert mpl.rcParams["figure.facecolor"] == before


def test_long_labels_are_cut_and_many_actors_grouped():
    n = 40
    rows = [
        {"doc_id": "d", "sentence_id": i, "actors": f"A{i:02d};B{i:02d}", "actor_text": "x", "trigger": "t",
         "action": f"action {i}", "strength": STRENGTHS[i % 3], "negated": False,
         "topic": f"a_topic_with_a_very_long_name_number_{i}", "topics": "", "start": 0, "end": 1,
         "trigger_start": 0, "trigger_end": 1}
        for i in range(n)
    ]  # fmt: skip
    tables = _empty_tables()
    tables.commitments = frame("commitments", rows)
    fig = charts.actor_topic_heatmap(tables, top=10)
    ax = fig.axes[0]
    ys = [t.get_text() for t in ax.get_yticklabels()]
    xs = [t.get_text() for t in ax.get_xticklabels()]
    assert len(ys) == 11 and ys[-1] == "other"
    assert len(xs) == 11 and xs[-1] == "other"
    assert all(len(x) <= 22 for x in xs)
    assert ax.images[0].get_array().sum() == 2 * n  # nothing lost in "other"
    fig.savefig(__import__("io").BytesIO(), format="png")  # draws with its layout engine
