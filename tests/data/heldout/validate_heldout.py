#!/usr/bin/env python3
"""Validate the held-out hand-annotated test set in this folder.

For every NN_slug.txt there must be an NN_slug.expected.json in the format of
seeds/000_2648af30e37c991f.expected.json.  Checks:

* the text is UTF-8, 600-2500 characters, one paragraph per line (no blank
  lines, no CR, no trailing spaces);
* the JSON parses, has the expected fields, and doc_id matches the file name;
* every key / phrase / mention text is a verbatim substring of the text, and a
  commitment key occurs exactly once (it must identify the commitment);
* no not_commitments phrase overlaps a commitment key occurrence;
* parties are sorted unique ISO3 codes; actors / agreement parties are
  ';'-joined, sorted, unique ISO3 codes or lowercase ASCII slugs;
* strength, agreement kind, actor_type and every topic slug are valid
  (the 21 CAP major-topic slugs of SPEC.md).

Usage: python validate_heldout.py [DIR]   (exit status 1 on any error)
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CAP_SLUGS = {
    "macroeconomics": 1, "civil_rights": 2, "health": 3, "agriculture": 4,
    "labor": 5, "education": 6, "environment": 7, "energy": 8,
    "immigration": 9, "transportation": 10, "law_crime": 12,
    "social_welfare": 13, "housing": 14, "domestic_commerce": 15,
    "defense": 16, "technology": 17, "foreign_trade": 18,
    "international_affairs": 19, "government_operations": 20,
    "public_lands": 21, "culture": 23,
}
STRENGTHS = {"firm", "agreed", "intended"}
KINDS = {"declaration", "memorandum", "agreement", "treaty", "protocol", "plan", "other"}
ACTOR_TYPES = {"country", "person", "organization", "place", "group"}
LANGUAGES = {"es", "en"}
FIELDS = ["doc_id", "language", "parties", "note", "commitments", "not_commitments",
          "statements", "mentions", "document_topics", "agreements"]

ISO3 = re.compile(r"^[A-Z]{3}$")
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


def check_joined(value, where, errors):
    """A ';'-joined, sorted, unique list of ISO3 codes or slugs, no spaces."""
    if not isinstance(value, str) or not value:
        errors.append(f"{where}: must be a non-empty string, got {value!r}")
        return
    parts = value.split(";")
    for p in parts:
        if not (ISO3.match(p) or SLUG.match(p)):
            errors.append(f"{where}: {p!r} is neither an ISO3 code nor a lowercase slug")
    if parts != sorted(parts):
        errors.append(f"{where}: {value!r} is not sorted (expected {';'.join(sorted(parts))!r})")
    if len(set(parts)) != len(parts):
        errors.append(f"{where}: {value!r} has duplicates")


def check_phrase(text, phrase, where, errors, unique=False):
    if not isinstance(phrase, str) or not phrase.strip():
        errors.append(f"{where}: empty or non-string phrase {phrase!r}")
        return
    n = text.count(phrase)
    if n == 0:
        errors.append(f"{where}: {phrase!r} is not a verbatim substring of the text")
    elif unique and n > 1:
        errors.append(f"{where}: {phrase!r} occurs {n} times; a key must identify one place")


def check_topics(topics, where, errors):
    if not isinstance(topics, list) or not topics:
        errors.append(f"{where}: topics must be a non-empty list")
        return
    for t in topics:
        if t not in CAP_SLUGS:
            errors.append(f"{where}: {t!r} is not a CAP slug")
    if len(set(topics)) != len(topics):
        errors.append(f"{where}: duplicate topics {topics}")


def spans(text, phrase):
    out, i = [], text.find(phrase)
    while i >= 0:
        out.append((i, i + len(phrase)))
        i = text.find(phrase, i + 1)
    return out


def validate(txt_path: Path):
    errors: list[str] = []
    stem = txt_path.name[:-len(".txt")]
    json_path = txt_path.with_name(stem + ".expected.json")
    if not re.match(r"^\d\d_[a-z0-9_]+$", stem):
        errors.append(f"{txt_path.name}: name is not NN_slug.txt")
    try:
        raw = txt_path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"{txt_path.name}: not UTF-8 ({e})"], None
    if not 600 <= len(text) <= 2500:
        errors.append(f"{txt_path.name}: {len(text)} characters, outside 600-2500")
    if "\r" in text:
        errors.append(f"{txt_path.name}: contains CR characters")
    if "\n\n" in text.strip("\n"):
        errors.append(f"{txt_path.name}: blank line between paragraphs (use one newline)")
    if any(line != line.rstrip() for line in text.split("\n")):
        errors.append(f"{txt_path.name}: trailing whitespace on a line")
    if not json_path.exists():
        return errors + [f"{json_path.name}: missing"], None
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        return errors + [f"{json_path.name}: does not parse ({e})"], None

    w = json_path.name
    for f in FIELDS:
        if f not in data:
            errors.append(f"{w}: missing field {f!r}")
    if errors and any("missing field" in e for e in errors):
        return errors, data
    if data["doc_id"] != stem:
        errors.append(f"{w}: doc_id {data['doc_id']!r} != {stem!r}")
    if data["language"] not in LANGUAGES:
        errors.append(f"{w}: language {data['language']!r} not in {sorted(LANGUAGES)}")
    parties = data["parties"]
    if not isinstance(parties, list) or not parties or any(not ISO3.match(p) for p in parties):
        errors.append(f"{w}: parties must be a non-empty list of ISO3 codes, got {parties!r}")
    elif parties != sorted(set(parties)):
        errors.append(f"{w}: parties {parties} not sorted/unique")

    key_spans = []
    for i, c in enumerate(data["commitments"]):
        where = f"{w} commitments[{i}]"
        extra = set(c) - {"key", "actors", "strength", "topics", "negated"}
        if extra:
            errors.append(f"{where}: unknown fields {sorted(extra)}")
        check_phrase(text, c.get("key"), where + ".key", errors, unique=True)
        check_joined(c.get("actors"), where + ".actors", errors)
        if c.get("strength") not in STRENGTHS:
            errors.append(f"{where}: strength {c.get('strength')!r} not in {sorted(STRENGTHS)}")
        if "negated" in c and not isinstance(c["negated"], bool):
            errors.append(f"{where}: negated must be a boolean")
        check_topics(c.get("topics"), where + ".topics", errors)
        if isinstance(c.get("key"), str) and c["key"]:
            key_spans += [(s, e, c["key"]) for s, e in spans(text, c["key"])]
    keys = [c.get("key") for c in data["commitments"]]
    if len(set(keys)) != len(keys):
        errors.append(f"{w}: duplicate commitment keys")

    for i, p in enumerate(data["not_commitments"]):
        where = f"{w} not_commitments[{i}]"
        check_phrase(text, p, where, errors)
        if isinstance(p, str) and p:
            for s, e in spans(text, p):
                for ks, ke, k in key_spans:
                    if s < ke and ks < e:
                        errors.append(f"{where}: {p!r} overlaps commitment key {k!r}")

    for i, s in enumerate(data["statements"]):
        where = f"{w} statements[{i}]"
        if not isinstance(s.get("speaker"), str) or not SLUG.match(s["speaker"]):
            errors.append(f"{where}: speaker {s.get('speaker')!r} is not a lowercase ASCII slug")
        if not isinstance(s.get("speaker_country"), str) or not ISO3.match(s["speaker_country"]):
            errors.append(f"{where}: speaker_country {s.get('speaker_country')!r} is not ISO3")
        check_phrase(text, s.get("key"), where + ".key", errors)

    for i, m in enumerate(data["mentions"]):
        where = f"{w} mentions[{i}]"
        check_phrase(text, m.get("text"), where + ".text", errors)
        if "actor_type" in m and m["actor_type"] not in ACTOR_TYPES:
            errors.append(f"{where}: actor_type {m['actor_type']!r} not in {sorted(ACTOR_TYPES)}")
        if "country" in m and not ISO3.match(str(m["country"])):
            errors.append(f"{where}: country {m['country']!r} is not ISO3")
        if "actor_id" in m and not (ISO3.match(str(m["actor_id"])) or SLUG.match(str(m["actor_id"]))):
            errors.append(f"{where}: actor_id {m['actor_id']!r} is neither ISO3 nor a slug")

    check_topics(data["document_topics"], f"{w} document_topics", errors)

    for i, a in enumerate(data["agreements"]):
        where = f"{w} agreements[{i}]"
        check_phrase(text, a.get("key"), where + ".key", errors)
        check_joined(a.get("parties"), where + ".parties", errors)
        if a.get("kind") not in KINDS:
            errors.append(f"{where}: kind {a.get('kind')!r} not in {sorted(KINDS)}")
    return errors, data


def main(argv):
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    txts = sorted(root.glob("*.txt"))
    orphans = [p for p in root.glob("*.expected.json")
               if not p.with_name(p.name[:-len(".expected.json")] + ".txt").exists()]
    all_errors = [f"{p.name}: no matching .txt" for p in orphans]
    langs, zero = {}, []
    print(f"{'doc_id':40} lang  chars  commit  stmt  agr  ment")
    for t in txts:
        errors, data = validate(t)
        all_errors += errors
        if data:
            n = len(data.get("commitments", []))
            langs[data.get("language")] = langs.get(data.get("language"), 0) + 1
            if n == 0:
                zero.append(data.get("doc_id"))
            print(f"{data.get('doc_id', '?'):40} {data.get('language', '?'):4} "
                  f"{len(t.read_text(encoding='utf-8')):6} {n:7} {len(data.get('statements', [])):5} "
                  f"{len(data.get('agreements', [])):4} {len(data.get('mentions', [])):5}")
    print(f"\n{len(txts)} texts; languages {langs}; without commitments: {zero or 'none'}")
    if not zero:
        all_errors.append("no text without commitments (at least one is required)")
    for e in all_errors:
        print("ERROR", e)
    print("OK" if not all_errors else f"{len(all_errors)} error(s)")
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
