"""Score an extraction against hand-annotated gold files (the format of `seeds/*.expected.json`).

A gold commitment is matched by a found commitment of the same document
whose action contains the gold `key` (case-insensitive); each side is
matched at most once. On matched pairs the actors, strength, topic (the
found primary topic must be among the gold `topics`) and negation are
compared. Statements and agreements are scored by recall: a gold one is
found when a row of the right speaker or kind overlaps its key in the
text. Mentions are scored by recall of their exact text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.errors import GoldFormatError, InputPathError
from analysis.pipeline import extract
from analysis.tables import Tables


@dataclass
class Evaluation:
    """What `evaluate` measured."""

    metrics: dict[str, float]
    missed: list[dict[str, str]] = field(default_factory=list)
    spurious: list[dict[str, str]] = field(default_factory=list)
    wrong: list[dict[str, str]] = field(default_factory=list)
    missed_statements: list[dict[str, str]] = field(default_factory=list)
    missed_agreements: list[dict[str, str]] = field(default_factory=list)
    documents: int = 0
    unmatched_gold: list[str] = field(default_factory=list)


def load_gold(folder: str | Path) -> dict[str, dict]:
    """Return the gold files of `folder`, keyed by their `doc_id`.

    Raises:
        InputPathError: the folder does not exist or holds no `*.expected.json`.
    """
    path = Path(folder)
    if not path.exists():
        raise InputPathError(f"gold folder does not exist: {path}")
    if not path.is_dir():
        raise InputPathError(f"--gold must be a folder of *.expected.json files, not a file: {path}")
    gold = {}
    for file in sorted(path.rglob("*.expected.json")):
        data = _read_gold(file)
        doc_id = data.get("doc_id") or file.name.removesuffix(".expected.json")
        gold[doc_id] = data
    if not gold:
        raise InputPathError(f"no *.expected.json files in {path}")
    return gold


# Fields each gold item needs, by list.
_GOLD_FIELDS = {"commitments": ("key", "actors", "strength"), "statements": ("key",), "agreements": ("key",),
                "mentions": ("text",)}  # fmt: skip


def _read_gold(file: Path) -> dict:
    """Return a gold file's content after checking its shape.

    Raises:
        GoldFormatError: not JSON, not an object, or an item lacks a field.
    """
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"{file}: not a JSON file: {exc}") from None
    if not isinstance(data, dict):
        raise GoldFormatError(f"{file}: expected a JSON object, found {type(data).__name__}")
    for name, fields in _GOLD_FIELDS.items():
        items = data.get(name, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise GoldFormatError(f"{file}: {name!r} must be a list of objects")
        for n, item in enumerate(items):
            missing = [f for f in fields if not isinstance(item.get(f), str)]
            if missing:
                raise GoldFormatError(f"{file}: {name}[{n}] lacks text fields {missing}")
    return data


def _overlapping(rows: pd.DataFrame, text: str, key: str) -> pd.DataFrame:
    """Return the rows whose span overlaps an occurrence of `key` in `text` (the gold key's evidence)."""
    spans = []
    pos = text.find(key)
    while pos >= 0:
        spans.append((pos, pos + len(key)))
        pos = text.find(key, pos + 1)
    mask = [
        any(s < r_end and r_start < e for s, e in spans)
        for r_start, r_end in zip(rows["start"], rows["end"], strict=True)
    ]
    return rows[pd.Series(mask, index=rows.index, dtype=bool)]


def _recall(table: pd.DataFrame, doc_id: str, text: str, golds: list[dict], column: str) -> tuple[int, list[dict]]:
    """Count the gold items a row of `doc_id` overlaps with the same `column` value; return (found, missed)."""
    rows = table[table["doc_id"] == doc_id]
    missed = [g for g in golds if not (_overlapping(rows, text, g["key"])[column] == g.get(column, "")).any()]
    return len(golds) - len(missed), missed


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def score(tables: Tables, gold: dict[str, dict]) -> Evaluation:
    """Compare `tables` with `gold` (as from `load_gold`).

    Returns:
        An `Evaluation` whose `metrics` hold commitment precision, recall
        and F1, the accuracy of actors, strength, topic, negation and of
        all of them together on matched commitments, and the recall of
        statements, agreements, mentions and document topics.
    """
    ev = Evaluation(metrics={})
    by_id = {d: g for d, g in gold.items() if d in set(tables.documents["doc_id"])}
    ev.unmatched_gold = sorted(set(gold) - set(by_id))
    ev.documents = len(by_id)
    n_found = n_gold = n_match = 0
    ok = {"actors": 0, "strength": 0, "topic": 0, "negated": 0, "full": 0}
    not_commitment_hits = n_not = 0
    st_found = st_total = ag_found = ag_total = me_found = me_total = dt_found = dt_total = 0
    for doc_id, g in by_id.items():
        text = tables.documents.loc[tables.documents["doc_id"] == doc_id, "text"].iloc[0]
        found = tables.commitments[tables.commitments["doc_id"] == doc_id].to_dict("records")
        golds = g.get("commitments", [])
        n_found += len(found)
        n_gold += len(golds)
        used: set[int] = set()
        for gc in golds:
            key = gc["key"].lower()
            hit = next((i for i, f in enumerate(found) if i not in used and key in f["action"].lower()), None)
            if hit is None:
                ev.missed.append({"doc_id": doc_id, "key": gc["key"]})
                continue
            used.add(hit)
            f = found[hit]
            n_match += 1
            checks = {
                "actors": f["actors"] == gc["actors"],
                "strength": f["strength"] == gc["strength"],
                "topic": f["topic"] in gc.get("topics", []),
                "negated": bool(f["negated"]) == bool(gc.get("negated", False)),
            }
            for k, v in checks.items():
                ok[k] += v
            if checks["actors"] and checks["strength"] and checks["topic"]:
                ok["full"] += 1
            else:
                found_text = f"{f['actors']} {f['strength']} {f['topic']}"
                gold_text = f"{gc['actors']} {gc['strength']} {'/'.join(gc.get('topics', []))}"
                ev.wrong.append({"doc_id": doc_id, "key": gc["key"], "found": found_text, "gold": gold_text})
        for i, f in enumerate(found):
            if i not in used:
                ev.spurious.append({"doc_id": doc_id, "action": f["action"], "trigger": f["trigger"]})
        doc_commitments = tables.commitments[tables.commitments["doc_id"] == doc_id]
        for phrase in g.get("not_commitments", []):
            n_not += 1
            not_commitment_hits += bool(len(_overlapping(doc_commitments, text, phrase)))
        found_st, missed_st = _recall(tables.statements, doc_id, text, g.get("statements", []), "speaker_country")
        found_ag, missed_ag = _recall(tables.agreements, doc_id, text, g.get("agreements", []), "kind")
        st_found, st_total = st_found + found_st, st_total + len(g.get("statements", []))
        ag_found, ag_total = ag_found + found_ag, ag_total + len(g.get("agreements", []))
        ev.missed_statements.extend({"doc_id": doc_id, **gs} for gs in missed_st)
        ev.missed_agreements.extend({"doc_id": doc_id, **ga} for ga in missed_ag)
        mentions = tables.mentions[tables.mentions["doc_id"] == doc_id]
        for gm in g.get("mentions", []):
            me_total += 1
            rows = mentions[mentions["text"] == gm["text"]]
            for col in ("actor_id", "actor_type", "country"):
                if col in gm and len(rows):
                    rows = rows[rows[col] == gm[col]]
            me_found += bool(len(rows))
        topics = set(tables.topics.loc[tables.topics["doc_id"] == doc_id, "topic"])
        for t in g.get("document_topics", []):
            dt_total += 1
            dt_found += t in topics
    precision, recall = _ratio(n_match, n_found), _ratio(n_match, n_gold)
    ev.metrics = {
        "commitments_gold": n_gold,
        "commitments_found": n_found,
        "commitments_matched": n_match,
        "precision": precision,
        "recall": recall,
        "f1": _ratio(2 * precision * recall, precision + recall),
        "actors_accuracy": _ratio(ok["actors"], n_match),
        "strength_accuracy": _ratio(ok["strength"], n_match),
        "topic_accuracy": _ratio(ok["topic"], n_match),
        "negated_accuracy": _ratio(ok["negated"], n_match),
        "full_match_rate": _ratio(ok["full"], n_gold),
        "not_commitments_violated": not_commitment_hits,
        "not_commitments": n_not,
        "statements_recall": _ratio(st_found, st_total),
        "agreements_recall": _ratio(ag_found, ag_total),
        "mentions_recall": _ratio(me_found, me_total),
        "document_topics_recall": _ratio(dt_found, dt_total),
    }
    return ev


def evaluate(
    inputs: str | Path | Sequence[str | Path],
    *,
    gold: str | Path,
    language: str = "auto",
    taxonomy: str | Path | None = None,
    progress: bool | None = None,
) -> Evaluation:
    """Extract from `inputs` and score the result against the gold files in `gold`.

    Returns:
        The `Evaluation` (see `score`).
    """
    gold_files = load_gold(gold)
    return score(extract(inputs, language=language, taxonomy=taxonomy, progress=progress), gold_files)


def format_report(ev: Evaluation, *, details: bool = False) -> str:
    """Return the evaluation as the text `python -m analysis evaluate` prints."""
    m = ev.metrics
    lines = [
        f"documents with gold: {ev.documents}",
        f"commitments: gold {m['commitments_gold']}, found {m['commitments_found']}, "
        f"matched {m['commitments_matched']}",
        f"precision {m['precision']:.3f}  recall {m['recall']:.3f}  F1 {m['f1']:.3f}",
        f"on matches: actors {m['actors_accuracy']:.3f}  strength {m['strength_accuracy']:.3f}  "
        f"topic {m['topic_accuracy']:.3f}  negated {m['negated_accuracy']:.3f}",
        f"full matches (actors + strength + topic) / gold: {m['full_match_rate']:.3f}",
        f"not-commitments wrongly found: {m['not_commitments_violated']} of {m['not_commitments']}",
        f"recall: statements {m['statements_recall']:.3f}  agreements {m['agreements_recall']:.3f}  "
        f"mentions {m['mentions_recall']:.3f}  document topics {m['document_topics_recall']:.3f}",
    ]
    if ev.unmatched_gold:
        lines.append(f"gold files with no matching document: {', '.join(ev.unmatched_gold)}")
    if details:
        sections = (
            ("missed", ev.missed),
            ("spurious", ev.spurious),
            ("wrong", ev.wrong),
            ("missed statements", ev.missed_statements),
            ("missed agreements", ev.missed_agreements),
        )
        for title, items in sections:
            if items:
                lines.append(f"{title}:")
                lines.extend("  " + pd.Series(item).to_json(force_ascii=False) for item in items)
    return "\n".join(lines)
