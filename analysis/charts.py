"""Charts of the tables, each returned as a matplotlib `Figure` for the caller to show or save.

Every chart takes the `Tables` first and its options keyword-only:
`language` (the report language of titles and labels), `top` (how many
topics or actors to draw before grouping the rest as "other") and `rc`
(matplotlib rc parameters, applied on top of accords' style for this chart
only). Colours come from one colour-blind-safe palette, Okabe–Ito.
Figures are built without pyplot, so nothing is drawn twice in a notebook
and nothing stays in pyplot's registry.

Example:
    >>> fig = topics_chart(analysis.extract("seeds/"), language="es")
    >>> fig.savefig("topics.png")
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from itertools import combinations
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from analysis.corpus import dated_documents, pair_commitments, period
from analysis.labels import STRENGTHS, Labels, split_ids
from analysis.tables import Tables

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any common colour-vision deficiency.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
STRENGTH_COLOURS = {"firm": "#D55E00", "agreed": "#0072B2", "intended": "#E69F00"}
SEQUENTIAL = LinearSegmentedColormap.from_list("okabe_ito_blue", ["#FFFFFF", "#56B4E9", "#0072B2"])
STYLE: dict[str, Any] = {
    "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "font.size": 10,
    "figure.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "savefig.bbox": "tight",
}
LABEL_WIDTH = 28  # characters of a tick label before it is cut with "…"

ChartFunction = Callable[..., Figure]


@contextmanager
def style(rc: Mapping[str, Any] | None = None) -> Iterator[None]:
    """Apply accords' chart style, then `rc` on top of it, for the duration of the block."""
    with mpl.rc_context({**STYLE, **(rc or {})}):
        yield


def _short(label: str, width: int = LABEL_WIDTH) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _figure(rows: int = 6, *, width: float = 9.0) -> Figure:
    """Return a figure whose height fits `rows` horizontal bars or heatmap rows."""
    fig = Figure(figsize=(width, max(3.2, 1.4 + 0.36 * rows)), layout="constrained")
    return fig


def _empty(title: str, message: str) -> Figure:
    fig = _figure(3)
    ax = fig.add_subplot()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_axis_off()
    return fig


def _rows(ax: Any, n: int) -> None:
    """Put the first of `n` horizontal bars on top, keeping room for at least four so that one bar stays slim."""
    ax.set_ylim(max(n, 4) - 0.5, -0.5)


def _stack(ax: Any, positions: np.ndarray, grid: pd.DataFrame, labels: Labels, *, horizontal: bool) -> None:
    """Draw one bar segment per strength (columns of `grid`) at `positions`, stacked, skipping zero-width ones."""
    base = np.zeros(len(positions))
    for strength in STRENGTHS:
        values = grid[strength].to_numpy()
        if values.any():
            shown = np.where(values > 0, values, np.nan)  # no zero-width segment
            draw = ax.barh if horizontal else ax.bar
            offset = {"left": base.copy()} if horizontal else {"bottom": base.copy()}
            draw(positions, shown, label=labels.strength(strength), color=STRENGTH_COLOURS[strength], **offset)
        base += values


def _finish_bars(ax: Any, names: list[str], title: str, xlabel: str) -> None:
    """Label horizontal bars (first on top), title, integer counts and a legend beside the bars."""
    ax.set_yticks(np.arange(len(names)), names)
    _rows(ax, len(names))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)


def top_with_other(counts: pd.Series, top: int, other: str) -> pd.Series:
    """Return the `top` largest counts, then the sum of the rest under `other` when there is a rest."""
    counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
    if len(counts) <= top:
        return counts
    head = counts.iloc[:top].copy()
    head[other] = counts.iloc[top:].sum()
    return head


def commitment_actors(commitments: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (commitment, actor).

    Returns:
        DataFrame with columns row (index of the commitment), actor, strength, topic, doc_id.
    """
    if commitments.empty:
        return pd.DataFrame({"row": [], "actor": [], "strength": [], "topic": [], "doc_id": []})
    df = commitments.assign(row=commitments.index, actor=commitments["actors"].map(split_ids))
    df = df.explode("actor").dropna(subset=["actor"])
    return df[["row", "actor", "strength", "topic", "doc_id"]].reset_index(drop=True)


def mention_actors(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return the mentions mapped to the actors that commit: a person, place or company to its state.

    Returns:
        DataFrame with columns doc_id, sentence_id, actor; groups give one row per party.
    """
    if mentions.empty:
        return pd.DataFrame({"doc_id": [], "sentence_id": [], "actor": []})
    country = mentions["country"].fillna("")
    own = mentions["actor_type"].isin(["country", "group", "organization"]) & ~(
        (mentions["actor_type"] == "organization") & (country != "")
    )
    actor = mentions["actor_id"].fillna("").where(own, country)
    df = mentions[["doc_id", "sentence_id"]].assign(actor=actor.map(split_ids)).explode("actor")
    return df.dropna(subset=["actor"]).reset_index(drop=True)


def topics_chart(tables: Tables, *, language: str = "en", top: int = 12, rc: Mapping[str, Any] | None = None) -> Figure:
    """Draw sentences and commitments per topic as paired horizontal bars, largest first.

    Returns:
        A Figure with one Axes: two bars per topic (sentences, commitments).
    """
    labels = Labels(language)
    title = labels.text("charts", "topics_title")
    sentences = tables.topics.drop_duplicates(["doc_id", "sentence_id", "topic"])["topic"].value_counts()
    commitments = tables.commitments["topic"].value_counts()
    total = sentences.add(commitments, fill_value=0)
    with style(rc):
        if total.sum() == 0:
            return _empty(title, labels.text("charts", "empty", what=labels.text("charts", "no_topics")))
        other = labels.strings["other"]
        order = top_with_other(total, top, other).index
        rest = [t for t in total.index if t not in order]
        s = sentences.reindex(order, fill_value=0)
        c = commitments.reindex(order, fill_value=0)
        if other in order:
            s[other] = sentences.reindex(rest, fill_value=0).sum()
            c[other] = commitments.reindex(rest, fill_value=0).sum()
        names = [other if t == other else _short(labels.topic(t)) for t in order]
        fig = _figure(len(order) * 1.4)
        ax = fig.add_subplot()
        y = np.arange(len(order))
        ax.barh(y - 0.2, s.to_numpy(), height=0.4, label=labels.text("charts", "topics_sentences"), color=OKABE_ITO[1])
        ax.barh(
            y + 0.2, c.to_numpy(), height=0.4, label=labels.text("charts", "topics_commitments"), color=OKABE_ITO[4]
        )
        _finish_bars(ax, names, title, labels.text("charts", "topics_x"))
    return fig


def actor_topic_heatmap(
    tables: Tables, *, language: str = "en", top: int = 12, rc: Mapping[str, Any] | None = None
) -> Figure:
    """Draw commitments by actor (rows) and topic (columns) as a heatmap with counts in the cells.

    Returns:
        A Figure with the heatmap Axes and a colour bar.
    """
    labels = Labels(language, mentions=tables.mentions)
    title = labels.text("charts", "heatmap_title")
    pairs = commitment_actors(tables.commitments)
    with style(rc):
        if pairs.empty:
            return _empty(title, labels.text("charts", "empty", what=labels.text("charts", "no_commitments")))
        other = labels.strings["other"]
        actors = top_with_other(pairs["actor"].value_counts(), top, other).index
        topics = top_with_other(pairs["topic"].value_counts(), top, other).index  # topics of named actors
        grid = pd.crosstab(
            pairs["actor"].where(pairs["actor"].isin(actors), other),
            pairs["topic"].where(pairs["topic"].isin(topics), other),
        ).reindex(index=actors, columns=topics, fill_value=0)
        fig = _figure(len(actors) + 2, width=max(7.0, 2.5 + 0.75 * len(topics)))
        ax = fig.add_subplot()
        # "other" sums many actors or topics: it would wash out the scale of the named ones.
        named = grid.drop(index=[other], columns=[other], errors="ignore").to_numpy()
        vmax = max(1, named.max() if named.size else grid.to_numpy().max())
        image = ax.imshow(grid.to_numpy(), cmap=SEQUENTIAL, aspect="auto", vmin=0, vmax=vmax)
        ax.set_xticks(
            range(len(topics)),
            [other if t == other else _short(labels.topic(t), 22) for t in topics],
            rotation=35,
            ha="right",
        )
        ax.set_yticks(range(len(actors)), [other if a == other else _short(labels.actor(a)) for a in actors])
        for (i, j), value in np.ndenumerate(grid.to_numpy()):
            if value:
                colour = "white" if value > vmax * 0.6 else "black"
                ax.text(j, i, labels.number(int(value)), ha="center", va="center", color=colour, fontsize=8)
        ax.spines[:].set_visible(False)
        ax.set_title(title)
        ax.set_xlabel(labels.text("charts", "heatmap_x"))
        ax.set_ylabel(labels.text("charts", "heatmap_y"))
        bar = fig.colorbar(image, ax=ax, label=labels.text("charts", "heatmap_bar"), shrink=0.8, extend="max")
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
    return fig


def strength_by_topic(
    tables: Tables, *, language: str = "en", top: int = 12, rc: Mapping[str, Any] | None = None
) -> Figure:
    """Draw commitments per topic as horizontal bars stacked by strength (firm, agreed, intended).

    Returns:
        A Figure with one Axes: one bar segment per (topic, strength) with commitments.
    """
    labels = Labels(language)
    title = labels.text("charts", "strength_title")
    commitments = tables.commitments
    with style(rc):
        if commitments.empty:
            return _empty(title, labels.text("charts", "empty", what=labels.text("charts", "no_commitments")))
        other = labels.strings["other"]
        order = top_with_other(commitments["topic"].value_counts(), top, other).index
        grid = pd.crosstab(
            commitments["topic"].where(commitments["topic"].isin(order), other), commitments["strength"]
        ).reindex(index=order, columns=list(STRENGTHS), fill_value=0)
        fig = _figure(len(order))
        ax = fig.add_subplot()
        _stack(ax, np.arange(len(order)), grid, labels, horizontal=True)
        names = [other if t == other else _short(labels.topic(t)) for t in order]
        _finish_bars(ax, names, title, labels.text("charts", "strength_x"))
    return fig


def network_edges(tables: Tables, actors: list[str]) -> pd.DataFrame:
    """Return the links between `actors`: co-mentions in one sentence and commitments made together.

    Returns:
        DataFrame with columns source, target (source < target), comentions, shared.
    """
    keep = set(actors)
    comentions: dict[tuple[str, str], int] = {}
    mentioned = mention_actors(tables.mentions)
    mentioned = mentioned[mentioned["actor"].isin(keep)].drop_duplicates()
    for group in mentioned.groupby(["doc_id", "sentence_id"], sort=False)["actor"]:
        for pair in combinations(sorted(set(group[1])), 2):
            comentions[pair] = comentions.get(pair, 0) + 1
    shared: dict[tuple[str, str], int] = {}
    for cell in tables.commitments["actors"]:
        for pair in combinations(sorted(set(split_ids(cell)) & keep), 2):
            shared[pair] = shared.get(pair, 0) + 1
    pairs = sorted(set(comentions) | set(shared))
    return pd.DataFrame(
        {
            "source": [p[0] for p in pairs],
            "target": [p[1] for p in pairs],
            "comentions": [comentions.get(p, 0) for p in pairs],
            "shared": [shared.get(p, 0) for p in pairs],
        },
        columns=["source", "target", "comentions", "shared"],
    )


def actor_network(
    tables: Tables, *, language: str = "en", top: int = 15, rc: Mapping[str, Any] | None = None
) -> Figure:
    """Draw the most mentioned actors on a circle, linked by co-mentions (grey) and shared commitments (blue).

    Node area grows with mentions; line width with the number of links.

    Returns:
        A Figure with one Axes: one marker per actor, one line per linked pair and kind of link.
    """
    labels = Labels(language, mentions=tables.mentions)
    title = labels.text("charts", "network_title")
    mentioned = mention_actors(tables.mentions)
    counts = mentioned["actor"].value_counts()
    counts = counts.add(commitment_actors(tables.commitments)["actor"].value_counts(), fill_value=0)
    with style(rc):
        if counts.empty:
            return _empty(title, labels.text("charts", "empty", what=labels.text("charts", "no_actors")))
        counts = counts.sort_values(ascending=False, kind="stable").iloc[:top]
        actors = sorted(counts.index, key=lambda a: labels.actor(a))
        angle = {a: math.pi / 2 - 2 * math.pi * i / len(actors) for i, a in enumerate(actors)}
        pos = {a: (math.cos(t), math.sin(t)) for a, t in angle.items()}
        edges = network_edges(tables, actors)
        # Past a few lines per actor the picture is a hairball: keep the strongest links.
        edges = edges.assign(weight=edges["comentions"] + 3 * edges["shared"])
        edges = edges.sort_values("weight", ascending=False, kind="stable").iloc[: 3 * len(actors)]
        fig = Figure(figsize=(8, 7), layout="constrained")
        ax = fig.add_subplot()
        widest = max([*edges["comentions"], *edges["shared"], 1])
        for row in edges.itertuples():
            (x0, y0), (x1, y1) = pos[row.source], pos[row.target]
            if row.comentions:
                ax.plot(
                    [x0, x1],
                    [y0, y1],
                    color="#999999",
                    alpha=0.6,
                    zorder=1,
                    linewidth=0.8 + 5 * row.comentions / widest,
                )
            if row.shared:
                ax.plot(
                    [x0, x1],
                    [y0, y1],
                    color=OKABE_ITO[4],
                    zorder=2,
                    linewidth=0.8 + 5 * row.shared / widest,
                    linestyle=(0, (4, 2)),
                )
        peak = counts.max()
        sizes = [80 + 900 * counts[a] / peak for a in actors]
        ax.scatter(
            [pos[a][0] for a in actors],
            [pos[a][1] for a in actors],
            s=sizes,
            color=OKABE_ITO[0],
            edgecolor="black",
            linewidth=0.6,
            zorder=3,
        )
        for a in actors:
            t = angle[a]
            x, y = 1.16 * math.cos(t), 1.16 * math.sin(t)
            ha = "left" if math.cos(t) > 0.2 else "right" if math.cos(t) < -0.2 else "center"
            ax.text(x, y, _short(labels.actor(a), 22), ha=ha, va="center", fontsize=9, zorder=4)
        handles = [
            Line2D([], [], color="#999999", linewidth=2, label=labels.text("charts", "network_comention")),
            Line2D(
                [],
                [],
                color=OKABE_ITO[4],
                linewidth=2,
                linestyle=(0, (4, 2)),
                label=labels.text("charts", "network_shared"),
            ),
        ]
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.08), ncols=2, frameon=False)
        ax.set_xlim(-1.9, 1.9)
        ax.set_ylim(-1.4, 1.4)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title(title)
    return fig


def _date_ticks(ax: Any, x: np.ndarray, periods: pd.PeriodIndex) -> None:
    """Label the periods on the x axis, at most 16 labels, slanted so that they never overlap."""
    names = _period_labels(periods)
    step = max(1, math.ceil(len(names) / 16))
    ax.set_xticks(x[::step], names[::step], rotation=45, ha="right")


def _period_labels(index: pd.PeriodIndex) -> list[str]:
    if index.freqstr.startswith("W"):
        return [str(p.start_time.date()) for p in index]
    return [str(p) for p in index]


def timeline(tables: Tables, *, language: str = "en", rc: Mapping[str, Any] | None = None) -> Figure:
    """Draw commitments per period of the documents' dates, stacked by strength.

    The period (day, week, month or year) is chosen from the span of the dates.

    Returns:
        A Figure with one Axes of stacked bars, or a figure saying why there is nothing to draw
        (fewer than two dated documents).
    """
    labels = Labels(language)
    title = labels.text("charts", "timeline_title")
    dated = dated_documents(tables)
    with style(rc):
        if dated["doc_id"].nunique() < 2:
            return _empty(title, labels.text("charts", "empty", what=labels.text("charts", "no_dates")))
        freq = period(dated["date"])
        periods = pd.period_range(dated["date"].min(), dated["date"].max(), freq=freq)
        rows = tables.commitments.merge(dated, on="doc_id")
        grid = pd.crosstab(rows["date"].dt.to_period(freq), rows["strength"]) if len(rows) else pd.DataFrame()
        grid = grid.reindex(index=periods, columns=list(STRENGTHS), fill_value=0)
        fig = _figure(6, width=min(14.0, max(8.0, 0.3 * len(periods))))
        ax = fig.add_subplot()
        x = np.arange(len(periods))
        _stack(ax, x, grid, labels, horizontal=False)
        _date_ticks(ax, x, periods)
        ax.set_title(title)
        ax.set_ylabel(labels.text("charts", "timeline_y"))
        ax.set_xlabel(labels.text("charts", "timeline_x"))
        ax.yaxis.get_major_locator().set_params(integer=True)
        if grid.to_numpy().any():
            ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def topics_over_time(
    tables: Tables, *, language: str = "en", top: int = 6, rc: Mapping[str, Any] | None = None
) -> Figure:
    """Draw, per period of the documents' dates, the sentences on each of the `top` topics (one line each).

    Returns:
        A Figure with one Axes: one line per topic, or a figure saying why there is nothing to draw.
    """
    labels = Labels(language)
    title = labels.text("charts", "over_time_title")
    dated = dated_documents(tables)
    with style(rc):
        if dated["doc_id"].nunique() < 2:
            return _empty(title, labels.text("charts", "empty", what=labels.text("charts", "no_dates")))
        rows = tables.topics.drop_duplicates(["doc_id", "sentence_id", "topic"]).merge(dated, on="doc_id")
        if rows.empty:
            return _empty(title, labels.text("charts", "empty", what=labels.text("charts", "no_topics")))
        freq = period(dated["date"])
        periods = pd.period_range(dated["date"].min(), dated["date"].max(), freq=freq)
        order = rows["topic"].value_counts().index[:top]
        grid = pd.crosstab(rows["date"].dt.to_period(freq), rows["topic"]).reindex(
            index=periods, columns=order, fill_value=0
        )
        fig = _figure(8, width=10)
        ax = fig.add_subplot()
        x = np.arange(len(periods))
        markers = "osD^v<>p"
        for i, topic in enumerate(order):
            ax.plot(
                x,
                grid[topic].to_numpy(),
                marker=markers[i % len(markers)],
                markersize=4,
                label=_short(labels.topic(topic)),
                color=OKABE_ITO[i % len(OKABE_ITO)],
            )
        _date_ticks(ax, x, periods)
        ax.set_title(title)
        ax.set_ylabel(labels.text("charts", "over_time_y"))
        ax.set_xlabel(labels.text("charts", "timeline_x"))
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def actor_pairs(tables: Tables, *, language: str = "en", top: int = 15, rc: Mapping[str, Any] | None = None) -> Figure:
    """Draw the actor pairs with most commitments made together, stacked by strength.

    Returns:
        A Figure with one Axes of horizontal stacked bars, or a figure saying why there is nothing to draw.
    """
    labels = Labels(language, mentions=tables.mentions)
    title = labels.text("charts", "pairs_title")
    pairs = pair_commitments(tables)
    with style(rc):
        if pairs.empty:
            return _empty(title, labels.text("charts", "empty", what=labels.text("charts", "no_pairs")))
        pairs = pairs.iloc[:top]
        fig = _figure(len(pairs))
        ax = fig.add_subplot()
        _stack(ax, np.arange(len(pairs)), pairs, labels, horizontal=True)
        names = [
            _short(f"{labels.actor(a)} – {labels.actor(b)}", 36) for a, b in zip(pairs["a"], pairs["b"], strict=True)
        ]
        _finish_bars(ax, names, title, labels.text("charts", "pairs_x"))
    return fig


REPORT_CHARTS: dict[str, ChartFunction] = {
    "topics": topics_chart,
    "actors_by_topic": actor_topic_heatmap,
    "strength_by_topic": strength_by_topic,
    "actor_network": actor_network,
    "timeline": timeline,
}
CORPUS_CHARTS: dict[str, ChartFunction] = {
    "topics_over_time": topics_over_time,
    "actor_pairs": actor_pairs,
}
