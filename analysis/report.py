"""What a report shows: headline figures, a prose summary with its evidence, charts and tables.

`Report` turns one set of tables into HTML fragments for the report
notebook and into `summary.md`. Every piece of input text (document text,
titles, actions, speakers, file names) is escaped before it reaches HTML
or Markdown, so that a text holding `<script>` shows as text.

Example:
    >>> report = Report(analysis.extract("seeds/"), language="es", output_dir="reports/seed")
    >>> report.summary()  # an IPython HTML object; report.write_summary() writes summary.md
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.charts import CORPUS_CHARTS, REPORT_CHARTS
from analysis.corpus import dated_documents, normalize_action, pair_commitments, repeated_commitments
from analysis.errors import ArgumentError
from analysis.labels import DEFAULT_REPORT_LANGUAGE, STRENGTHS, Labels, split_ids
from analysis.tables import SCHEMAS, Tables, read_tables

# Rows of a table shown in the report; the full tables are written beside it.
MAX_ROWS = 300
CSS = """
<style>
.accords { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; max-width: 75em; }
.accords h1 { font-size: 1.9em; margin-bottom: 0.1em; }
.accords .subtitle { color: #555; margin-top: 0; }
.accords .figures { display: flex; flex-wrap: wrap; gap: 0.6em; padding: 0; }
.accords .figures li { list-style: none; border: 1px solid #ddd; border-radius: 6px; padding: 0.4em 0.9em; }
.accords .figures b { display: block; font-size: 1.5em; }
.accords table.rows { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0 1em; }
.accords table.rows th, .accords table.rows td { border-bottom: 1px solid #ddd; padding: 0.3em 0.6em;
  text-align: left; vertical-align: top; }
.accords table.rows th { background: #f3f3f3; }
.accords mark { background: #FCE8B2; padding: 0 0.1em; }
.accords .firm { color: #A34000; font-weight: 600; }
.accords .agreed { color: #005A8C; font-weight: 600; }
.accords .intended { color: #8A5D00; font-weight: 600; }
.accords .evidence li { margin-bottom: 0.4em; }
.accords .note { color: #555; font-style: italic; }
.accords figure { margin: 1em 0; }
.accords figure img { max-width: 100%; height: auto; }
</style>
"""


def esc(value: object) -> str:
    """Return `value` as text safe to put inside HTML (elements and quoted attributes)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$<&])")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(:)|\b(www)(\.)")


def md_escape(value: object) -> str:
    """Return `value` as Markdown text that renders literally, on one line.

    Markdown and HTML markup, `$` (math) and the starts of bare links (`http:`, `www.`) are
    backslash-escaped, so GitHub shows the characters and links nothing.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = _MD_SPECIAL.sub(r"\\\1", str(value))
    text = _AUTOLINK.sub(lambda m: f"{m.group(1) or m.group(3)}\\{m.group(2) or m.group(4)}", text)
    return re.sub(r"\s+", " ", text)


def load(
    input_path: str | Path | Sequence[str | Path],
    *,
    output_dir: str | Path | None = None,
    language: str = "auto",
    taxonomy: str | Path | None = None,
    progress: bool | None = None,
) -> Tables:
    """Return the tables of `input_path`: read back when it is a folder of tables, else extracted.

    `input_path` is a text file, a folder of texts, a table corpus, several of these, or a
    folder written by `python -m analysis extract`. Extracted tables are written (csv) into
    `output_dir/tables` when `output_dir` is given.

    Raises:
        InputPathError: a path does not exist.
    """
    paths = [input_path] if isinstance(input_path, str | Path) else list(input_path)
    if len(paths) == 1 and is_tables_dir(paths[0]):
        return read_tables(paths[0])
    from analysis.pipeline import extract

    tables = extract(paths, language=language, taxonomy=taxonomy, progress=progress)
    if output_dir is not None:
        tables.to_dir(Path(output_dir) / "tables")
    return tables


def is_tables_dir(path: str | Path) -> bool:
    """Tell whether `path` is a folder holding the tables of an extraction: all eight, as csv or as parquet.

    A corpus that happens to be called documents.csv does not make its folder one.
    """
    folder = Path(path)
    return folder.is_dir() and any(
        all((folder / f"{name}.{ext}").is_file() for name in SCHEMAS) for ext in ("csv", "parquet")
    )


@dataclass(frozen=True)
class Claim:
    """One sentence of the prose summary: who committed to what, and where the text says so."""

    topic: str
    actors: str
    strength: str
    negated: bool
    action: str
    doc_id: str
    sentence_id: int
    start: int
    end: int
    documents: int  # how many documents repeat it
    quoted: bool = False  # the action starts with its own conjugated trigger ("impulsarán la integración…")


def summary_claims(tables: Tables, *, per_topic: int = 5, max_topics: int = 10) -> list[tuple[str, list[Claim], int]]:
    """Choose the commitments the prose summary tells, by topic, firmest first.

    Topics come in order of their number of commitments; within a topic, commitments
    with named actors first, then firm before agreed before intended, then those
    repeated in most documents, then reading order. The same actors with the same
    normalized action and negation are told once.

    Returns:
        (topic, claims, how many more distinct commitments the topic has) per topic, at most
        `max_topics` topics and `per_topic` claims each.
    """
    c = tables.commitments
    if c.empty:
        return []
    rank = {s: i for i, s in enumerate(STRENGTHS)}
    df = c.assign(
        key=c["actors"].fillna("") + "\x00" + c["negated"].astype(str) + "\x00" + c["action"].map(normalize_action),
        rank=c["strength"].map(rank).fillna(len(rank)),
        unnamed=c["actors"].fillna("").eq(""),
        order=range(len(c)),
    )
    spread = df.groupby("key")["doc_id"].nunique()
    df = df.assign(spread=df["key"].map(spread))
    df = df.sort_values(["unnamed", "rank", "spread", "order"], ascending=[True, True, False, True], kind="stable")
    df = df.drop_duplicates("key")
    topics = c["topic"].value_counts(sort=True)
    topics = topics.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    out = []
    for topic in topics.index[:max_topics]:
        rows = df[df["topic"] == topic]
        claims = [
            Claim(
                topic,
                r.actors or "",
                r.strength,
                bool(r.negated),
                r.action,
                r.doc_id,
                int(r.sentence_id),
                int(r.start),
                int(r.end),
                int(r.spread),
                quoted=int(r.start) <= int(r.trigger_start) < int(r.end),
            )
            for r in rows.iloc[:per_topic].itertuples()
        ]
        out.append((topic, claims, len(rows) - len(claims)))  # what is left untold, repeats told once
    return out


def _without_missing(tables: Tables) -> Tables:
    """Return the tables with missing cells (from a hand-made Parquet file, say) as "", False or 0."""
    filled = {}
    for name, df in tables.items():
        fill = {
            col: ("" if str(dtype) == "string" else False if str(dtype) == "bool" else 0)
            for col, dtype in df.dtypes.items()
            if df[col].isna().any()
        }
        filled[name] = df.fillna(fill) if fill else df
    return Tables(**filled)


class Report:
    """The report of one set of tables in one report language.

    Methods return IPython display objects (HTML), so that a notebook cell shows them;
    charts are also saved as PNG under `output_dir/charts` when `output_dir` is set.
    """

    def __init__(
        self,
        tables: Tables,
        *,
        language: str = DEFAULT_REPORT_LANGUAGE,
        title: str = "",
        output_dir: str | Path | None = None,
    ) -> None:
        self.tables = tables = _without_missing(tables)
        self.labels = Labels(language, mentions=tables.mentions)
        self._drawn: list[str] = []
        self.language = language
        self.title = title or self.labels.strings["title"]
        self.output_dir = Path(output_dir) if output_dir is not None else None
        self._claims: list[tuple[str, list[Claim], int]] | None = None
        self._sentences = tables.sentences.set_index(["doc_id", "sentence_id"])[["start", "end"]]
        self._texts = dict(zip(tables.documents["doc_id"], tables.documents["text"], strict=True))

    # --- pieces of text -------------------------------------------------------------------

    def _t(self, section: str, key: str, **values: object) -> str:
        return self.labels.text(section, key, **values)

    def sentence(self, doc_id: str, sentence_id: int) -> tuple[str, int]:
        """Return the text of a sentence and its start offset in its document ("", 0 when unknown)."""
        try:
            start, end = self._sentences.loc[(doc_id, sentence_id)]
        except KeyError:
            return "", 0
        return str(self._texts.get(doc_id, ""))[int(start) : int(end)], int(start)

    def evidence_html(self, doc_id: str, sentence_id: int, start: int, end: int) -> str:
        """Return the sentence holding `start:end`, escaped, with that span marked."""
        text, offset = self.sentence(doc_id, sentence_id)
        a, b = max(0, start - offset), max(0, min(len(text), end - offset))
        if not text or a >= b:
            return esc(text)
        return f"{esc(text[:a])}<mark>{esc(text[a:b])}</mark>{esc(text[b:])}"

    def claims(self) -> list[tuple[str, list[Claim], int]]:
        """Return the summary's claims by topic (see `summary_claims`)."""
        if self._claims is None:
            self._claims = summary_claims(self.tables)
        return self._claims

    def _more(self, n: int) -> str:
        singular, plural = self.labels.strings["headline"]["commitments"]
        return self._t("sentences", "more_claims", number=self.labels.number(n), noun=singular if n == 1 else plural)

    def _claim_text(self, claim: Claim, action: str, *, repeated: str = "") -> str:
        if claim.quoted and not claim.negated:  # "intend to “impulsarán…”" would say it twice
            values = {"actors": self.labels.actors(claim.actors), "strength": self.labels.strength(claim.strength)}
            return self._t("sentences", "claim_quoted", action=action, **values) + repeated
        plural = len(split_ids(claim.actors)) > 1
        verb = self.labels.claim_verb(claim.strength, negated=claim.negated, plural=plural)
        return f"{self.labels.actors(claim.actors)} {verb} “{action}”{repeated}"

    def overview(self) -> list[str]:
        """Return the summary's opening sentences (plain text, not escaped)."""
        t, lab = self.tables, self.labels
        out = [
            self._t(
                "sentences",
                "overview",
                documents=lab.count(len(t.documents), "documents"),
                sentences=lab.count(int(t.documents["n_sentences"].sum()), "sentences"),
            )
        ]
        parties = self.parties()
        if len(parties):
            names = [lab.actor(a) for a in parties.index[:12]]
            more = len(parties) - len(names)
            if more:
                names.append(self._t("sentences", "more", n=lab.number(more)))
            out.append(self._t("sentences", "parties", names=lab.join(names)))
        else:
            out.append(self._t("sentences", "no_parties"))
        c = t.commitments
        if len(c):
            counts = c["strength"].value_counts()
            breakdown = ", ".join(f"{lab.number(int(counts[s]))} {lab.strength(s)}" for s in STRENGTHS if s in counts)
            out.append(
                self._t("sentences", "strengths", commitments=lab.count(len(c), "commitments"), breakdown=breakdown)
            )
        else:
            out.append(self._t("sentences", "no_commitments"))
        if len(t.agreements):
            titles = [f"{row.title} ({lab.kind(row.kind)})" for row in t.agreements.iloc[:8].itertuples()]
            if len(t.agreements) > 8:
                titles.append(self._t("sentences", "more", n=lab.number(len(t.agreements) - 8)))
            out.append(self._t("sentences", "agreements", titles="; ".join(titles)))
        return out

    def parties(self) -> pd.Series:
        """Return the actors that commit or sign, with their number of commitments and agreements, most first."""
        ids = [a for cell in self.tables.commitments["actors"] for a in split_ids(cell)]
        ids += [a for cell in self.tables.agreements["parties"] for a in split_ids(cell)]
        counts = pd.Series(ids, dtype="string").value_counts()
        return counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")

    # --- HTML pieces for the notebook --------------------------------------------------------

    @staticmethod
    def _html(body: str) -> object:
        from IPython.display import HTML

        return HTML(f'<div class="accords">{body}</div>')

    def header(self) -> object:
        """Return the title, the dates covered and the style sheet of the report."""
        dated = dated_documents(self.tables)
        subtitle = ""
        if len(dated):
            first, last = dated["date"].min().date(), dated["date"].max().date()
            subtitle = f'<p class="subtitle">{esc(first)}{" – " + esc(last) if last != first else ""}</p>'
        return self._html(f"{CSS}<h1>{esc(self.title)}</h1>{subtitle}")

    def headline(self) -> object:
        """Return the headline figures: documents, sentences, parties, commitments by strength, agreements."""
        lab, t = self.labels, self.tables
        c = t.commitments

        def noun(n: int, key: str) -> tuple[int, str]:
            return n, lab.strings["headline"][key][0 if n == 1 else 1]

        items = [
            noun(len(t.documents), "documents"),
            noun(int(t.documents["n_sentences"].sum()), "sentences"),
            noun(len(self.parties()), "parties"),
            noun(len(c), "commitments"),
            *[(int((c["strength"] == s).sum()), lab.strength(s)) for s in STRENGTHS],
            noun(len(t.agreements), "agreements"),
            noun(len(t.statements), "statements"),
        ]
        if len(t.errors):
            items.append(noun(len(t.errors), "errors"))
        cells = "".join(f"<li><b>{esc(lab.number(n))}</b>{esc(name)}</li>" for n, name in items)
        return self._html(f'<h2>{esc(self._t("sections", "headline"))}</h2><ul class="figures">{cells}</ul>')

    def summary(self) -> object:
        """Return the prose summary: who committed to what, by topic, firmest first, each claim linked to evidence."""
        parts = [f"<h2>{esc(self._t('sections', 'summary'))}</h2>"]
        parts.append(f"<p>{' '.join(esc(s) for s in self.overview())}</p>")
        evidence = []
        for topic, claims, more in self.claims():
            sentences = []
            for claim in claims:
                n = len(evidence) + 1
                repeated = (
                    f" ({self._t('sentences', 'in_documents', n=claim.documents)})" if claim.documents > 1 else ""
                )
                said = esc(self._claim_text(claim, claim.action, repeated=repeated))
                link = f'<a href="#evidence-{n}" id="claim-{n}">[{n}]</a>'
                sentences.append(f'<span class="{esc(claim.strength)}">{said}</span> {link}.')
                where = self._t("sentences", "evidence_in", doc=claim.doc_id, sentence=claim.sentence_id)
                evidence.append(
                    f'<li id="evidence-{n}"><a href="#claim-{n}">[{n}]</a> {esc(where)}: '
                    f"“{self.evidence_html(claim.doc_id, claim.sentence_id, claim.start, claim.end)}”</li>"
                )
            if more:
                sentences.append(esc(self._more(more)))
            parts.append(f"<p><strong>{esc(self.labels.topic(topic))}.</strong> {' '.join(sentences)}</p>")
        hidden = self.tables.commitments["topic"].nunique() - len(self.claims())
        if hidden > 0:
            parts.append(f'<p class="note">{esc(self._t("sentences", "more_topics", n=hidden))}</p>')
        if evidence:
            parts.append(
                f'<h3>{esc(self._t("sections", "evidence"))}</h3><ol class="evidence">{"".join(evidence)}</ol>'
            )
        return self._html("".join(parts))

    def chart(self, name: str, **options: object) -> object:
        """Draw chart `name` (see `analysis.charts.REPORT_CHARTS` and `CORPUS_CHARTS`), save it, and return it.

        The PNG goes to `output_dir/charts/<name>.png`. A timeline of fewer than two dated
        documents is not drawn and gives an empty output.

        Raises:
            ArgumentError: `name` is not a chart.
        """
        charts = {**REPORT_CHARTS, **CORPUS_CHARTS}
        if name not in charts:
            raise ArgumentError(f"chart value = {name!r} is invalid; value must be one of {sorted(charts)}")
        if name in {"timeline", "topics_over_time"} and dated_documents(self.tables)["doc_id"].nunique() < 2:
            return self._html("")
        fig = charts[name](self.tables, language=self.language, **options)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        png = buffer.getvalue()
        if self.output_dir is not None:
            target = self.output_dir / "charts" / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(png)
            self._drawn.append(name)
        title = fig.axes[0].get_title() if fig.axes else name
        data = base64.b64encode(png).decode("ascii")
        return self._html(f'<figure><img alt="{esc(title)}" src="data:image/png;base64,{data}"></figure>')

    def section(self, key: str) -> object:
        """Return a section heading in the report language (key of report.json's "sections")."""
        return self._html(f"<h2>{esc(self._t('sections', key))}</h2>")

    def _table(self, key: str, table: str, columns: Sequence[str], rows: Iterable[Sequence[str]], total: int) -> object:
        """Return an HTML table under heading `key`; `columns` are keys of report.json's "columns" or strength
        levels, `rows` hold HTML already escaped, `total` counts the rows of the whole `table`."""
        lab = self.labels
        head = "".join(
            f"<th>{esc(lab.strength(c) if c in STRENGTHS else lab.text('columns', c))}</th>" for c in columns
        )
        body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
        parts = [f"<h2>{esc(self._t('sections', key))}</h2>"]
        if total == 0:
            parts.append(f"<p>{esc(self._t('sentences', 'none'))}</p>")
            return self._html("".join(parts))
        if total > MAX_ROWS:
            written = self.output_dir / "tables" / f"{table}.parquet" if self.output_dir else None
            table = f"{table}.parquet" if written is not None and written.is_file() else f"{table}.csv"
            shown = self._t(
                "sentences", "shown", shown=self.labels.number(MAX_ROWS), total=self.labels.number(total), table=table
            )
            parts.append(f'<p class="note">{esc(shown)}</p>')
        parts.append(f'<table class="rows"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
        return self._html("".join(parts))

    def commitments(self) -> object:
        """Return the commitments table, each row with its evidence sentence and the action marked."""
        c = self.tables.commitments
        lab = self.labels

        def row(r: pd.Series) -> list[str]:
            strength = f'<span class="{esc(r.strength)}">{esc(lab.strength(r.strength))}</span>'
            if r.negated:
                strength = f"{strength} ({esc(lab.text('columns', 'negated'))})"
            return [
                esc(r.doc_id),
                esc(lab.actors(r.actors)),
                strength,
                esc(r.action),
                esc(lab.topic(r.topic)),
                self.evidence_html(r.doc_id, int(r.sentence_id), int(r.start), int(r.end)),
            ]

        rows = [row(r) for r in c.iloc[:MAX_ROWS].itertuples()]
        columns = ["doc_id", "actors", "strength", "action", "topic", "evidence"]
        return self._table("commitments", "commitments", columns, rows, len(c))

    def agreements(self) -> object:
        """Return the agreements table with each agreement's evidence sentence."""
        a = self.tables.agreements
        lab = self.labels
        rows = [
            [
                esc(r.doc_id),
                esc(lab.kind(r.kind)),
                esc(r.title),
                esc(lab.actors(r.parties)),
                esc(lab.number(int(r.count))),
                self.evidence_html(r.doc_id, int(r.sentence_id), int(r.start), int(r.end)),
            ]
            for r in a.iloc[:MAX_ROWS].itertuples()
        ]
        columns = ["doc_id", "kind", "title", "parties", "count", "evidence"]
        return self._table("agreements", "agreements", columns, rows, len(a))

    def statements(self) -> object:
        """Return the statements table: speaker, verb, content with its evidence sentence."""
        s = self.tables.statements
        lab = self.labels
        rows = [
            [
                esc(r.doc_id),
                esc(lab.actor(r.speaker) if r.speaker else r.speaker_text),
                esc(r.verb),
                self.evidence_html(r.doc_id, int(r.sentence_id), int(r.start), int(r.end)),
            ]
            for r in s.iloc[:MAX_ROWS].itertuples()
        ]
        return self._table("statements", "statements", ["doc_id", "speaker", "verb", "evidence"], rows, len(s))

    def errors(self) -> object:
        """Return the inputs that could not be analysed, or an empty output when every input was."""
        e = self.tables.errors
        if e.empty:
            return self._html("")
        rows = [[esc(r.source), esc(r.error)] for r in e.iloc[:MAX_ROWS].itertuples()]
        return self._table("errors", "errors", ["source", "error"], rows, len(e))

    def repeated(self) -> object:
        """Return the commitments repeated across documents (same actors, same normalized action)."""
        r = repeated_commitments(self.tables)
        lab = self.labels
        rows = [
            [
                esc(lab.actors(x.actors)),
                f'<span class="{esc(x.strength)}">{esc(lab.strength(x.strength))}</span>',
                esc(x.action),
                esc(lab.number(int(x.documents))),
                esc(x.first_date),
                esc(x.last_date),
            ]
            for x in r.iloc[:MAX_ROWS].itertuples()
        ]
        columns = ["actors", "strength", "action", "documents", "first_date", "last_date"]
        return self._table("repeated", "repeated_commitments", columns, rows, len(r))

    def pairs(self) -> object:
        """Return the commitments per pair of actors, by strength."""
        p = pair_commitments(self.tables)
        lab = self.labels
        rows = [
            [
                esc(f"{lab.actor(x.a)} – {lab.actor(x.b)}"),
                *[esc(lab.number(int(getattr(x, s)))) for s in STRENGTHS],
                esc(lab.number(int(x.total))),
                esc(lab.number(int(x.documents))),
            ]
            for x in p.iloc[:MAX_ROWS].itertuples()
        ]
        return self._table("pairs", "actor_pairs", ["pair", *STRENGTHS, "commitments", "documents"], rows, len(p))

    def single_document_note(self) -> object:
        """Return a note when there are fewer than two documents (comparisons need more), else an empty output."""
        n = len(self.tables.documents)
        if n > 1:
            return self._html("")
        key = "single_document" if n == 1 else "no_documents"
        return self._html(f'<p class="note">{esc(self._t("sentences", key))}</p>')

    # --- files -------------------------------------------------------------------------------

    def summary_markdown(self) -> str:
        """Return the summary as Markdown: title, overview, prose by topic, the charts saved, evidence footnotes."""
        lab = self.labels
        lines = [f"# {md_escape(self.title).strip()}", "", " ".join(md_escape(s) for s in self.overview()), ""]
        notes = []
        for topic, claims, more in self.claims():
            sentences = []
            for claim in claims:
                n = len(notes) + 1
                repeated = (
                    f" ({self._t('sentences', 'in_documents', n=claim.documents)})" if claim.documents > 1 else ""
                )
                sentences.append(f"{md_escape(self._claim_text(claim, claim.action, repeated=repeated))}.[^{n}]")
                text, offset = self.sentence(claim.doc_id, claim.sentence_id)
                a, b = max(0, claim.start - offset), max(0, claim.end - offset)
                marked = f"{md_escape(text[:a])}**{md_escape(text[a:b])}**{md_escape(text[b:])}".strip()
                where = self._t("sentences", "evidence_in", doc=claim.doc_id, sentence=claim.sentence_id)
                notes.append(f"[^{n}]: {md_escape(where)}: “{marked}”")
            if more:
                sentences.append(md_escape(self._more(more)))
            lines += [f"**{md_escape(lab.topic(topic))}.** {' '.join(sentences)}", ""]
        if self._drawn:  # the charts this report saved, not whatever the folder held before
            lines += [f"## {md_escape(self._t('sections', 'charts'))}", ""]
            lines += [f"![{md_escape(name)}](charts/{name}.png)" for name in self._drawn]
            lines.append("")
        return "\n".join(lines + notes) + "\n"

    def write_summary(self) -> Path | None:
        """Write `summary.md` into `output_dir` and return its path (None without an `output_dir`)."""
        if self.output_dir is None:
            return None
        self.output_dir.mkdir(parents=True, exist_ok=True)
        target = self.output_dir / "summary.md"
        target.write_text(self.summary_markdown(), encoding="utf-8")
        return target

    def write_corpus_tables(self) -> list[Path]:
        """Write the cross-document views as CSV into `output_dir/tables` and return the files."""
        if self.output_dir is None:
            return []
        folder = self.output_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        views: dict[str, Callable[[Tables], pd.DataFrame]] = {
            "repeated_commitments": repeated_commitments,
            "actor_pairs": pair_commitments,
        }
        written = []
        for name, view in views.items():
            target = folder / f"{name}.csv"
            view(self.tables).to_csv(target, index=False, lineterminator="\n")
            written.append(target)
        return written
