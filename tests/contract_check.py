"""The data contract's checks on an `extract --format csv` folder, as a function the tests can call.

The same rules as the contract's command-line checker: every table's
required columns, the value sets (strength, topic slugs, actor_type,
kind), the `;`-joined sorted format of multi-valued cells, and that every
offset pair points into documents.text as its row claims.
"""

import csv
import re
import sys
from pathlib import Path

csv.field_size_limit(sys.maxsize)

TABLES = {
    "documents": ["doc_id", "source", "title", "date", "language", "text", "n_sentences"],
    "sentences": ["doc_id", "sentence_id", "paragraph_id", "start", "end", "text"],
    "mentions": ["doc_id", "sentence_id", "start", "end", "text", "actor_id", "actor_type", "country"],
    "topics": ["doc_id", "sentence_id", "topic", "cap_code", "score", "evidence"],
    "commitments": [
        "doc_id",
        "sentence_id",
        "actors",
        "actor_text",
        "trigger",
        "action",
        "strength",
        "negated",
        "topic",
        "topics",
        "start",
        "end",
    ],
    "statements": ["doc_id", "sentence_id", "speaker", "speaker_country", "verb", "content", "start", "end"],
    "agreements": ["doc_id", "sentence_id", "kind", "title", "parties", "topic", "start", "end"],
    "errors": ["source", "error"],
}
CAP = {
    "macroeconomics": 1,
    "civil_rights": 2,
    "health": 3,
    "agriculture": 4,
    "labor": 5,
    "education": 6,
    "environment": 7,
    "energy": 8,
    "immigration": 9,
    "transportation": 10,
    "law_crime": 12,
    "social_welfare": 13,
    "housing": 14,
    "domestic_commerce": 15,
    "defense": 16,
    "technology": 17,
    "foreign_trade": 18,
    "international_affairs": 19,
    "government_operations": 20,
    "public_lands": 21,
    "culture": 23,
}
STRENGTHS = {"firm", "agreed", "intended"}
KINDS = {"declaration", "memorandum", "agreement", "treaty", "protocol", "plan", "other"}
ACTOR_TYPES = {"country", "person", "organization", "place", "group"}
MULTI = re.compile(r"^[^;\s]+(;[^;\s]+)*$")


def check_dir(out: Path) -> list[str]:
    """Return the contract problems of the CSV tables in `out` (an empty list when there are none)."""
    problems: list[str] = []
    rows: dict[str, list[dict]] = {}
    for name, cols in TABLES.items():
        path = out / f"{name}.csv"
        if not path.exists():
            problems.append(f"{name}.csv is missing")
            rows[name] = []
            continue
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in cols if c not in (reader.fieldnames or [])]
            if missing:
                problems.append(f"{name}.csv lacks columns {missing}")
            rows[name] = list(reader)
    texts = {r["doc_id"]: r.get("text", "") for r in rows["documents"]}

    def span(table: str, i: int, r: dict, field: str) -> None:
        doc = texts.get(r.get("doc_id"))
        if doc is None:
            problems.append(f"{table} row {i}: doc_id {r.get('doc_id')!r} not in documents")
            return
        try:
            s, e = int(r["start"]), int(r["end"])
        except (KeyError, ValueError):
            problems.append(f"{table} row {i}: start/end are not integers")
            return
        if not 0 <= s < e <= len(doc):
            problems.append(f"{table} row {i}: span {s}:{e} outside the text")
        elif field and r.get(field) and doc[s:e].strip() != r[field].strip():
            problems.append(f"{table} row {i}: text[{s}:{e}]={doc[s:e][:40]!r} but {field}={r[field][:40]!r}")

    def multi(table: str, i: int, r: dict, field: str) -> None:
        v = r.get(field, "")
        if v and (not MULTI.match(v) or v.split(";") != sorted(set(v.split(";")))):
            problems.append(f"{table} row {i}: {field} {v!r} is not ;-joined, sorted, unique")

    for i, r in enumerate(rows["sentences"]):
        span("sentences", i, r, "text")
    for i, r in enumerate(rows["mentions"]):
        span("mentions", i, r, "text")
        if r.get("actor_type") not in ACTOR_TYPES:
            problems.append(f"mentions row {i}: actor_type {r.get('actor_type')!r}")
    for i, r in enumerate(rows["commitments"]):
        span("commitments", i, r, "action")
        if r.get("strength") not in STRENGTHS:
            problems.append(f"commitments row {i}: strength {r.get('strength')!r}")
        if r.get("topic") and r["topic"] not in CAP:
            problems.append(f"commitments row {i}: topic {r['topic']!r} is not a CAP slug")
        multi("commitments", i, r, "actors")
        multi("commitments", i, r, "topics")
        if r.get("negated", "").lower() not in {"true", "false", "1", "0"}:
            problems.append(f"commitments row {i}: negated {r.get('negated')!r}")
    for i, r in enumerate(rows["topics"]):
        if r.get("topic") not in CAP:
            problems.append(f"topics row {i}: topic {r.get('topic')!r} is not a CAP slug")
        elif str(CAP[r["topic"]]) != str(r.get("cap_code", "")).split(".")[0]:
            problems.append(f"topics row {i}: cap_code {r.get('cap_code')!r} for {r['topic']}")
    for i, r in enumerate(rows["statements"]):
        span("statements", i, r, "")
    for i, r in enumerate(rows["agreements"]):
        span("agreements", i, r, "")
        if r.get("kind") not in KINDS:
            problems.append(f"agreements row {i}: kind {r.get('kind')!r}")
        multi("agreements", i, r, "parties")
    return problems
