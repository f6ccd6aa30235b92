"""Consistency check for the hand-annotated dev set (run: python validate_devset.py)."""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CAP = {"macroeconomics", "civil_rights", "health", "agriculture", "labor", "education",
       "environment", "energy", "immigration", "transportation", "law_crime", "social_welfare",
       "housing", "domestic_commerce", "defense", "technology", "foreign_trade",
       "international_affairs", "government_operations", "public_lands", "culture"}
STRENGTHS = {"firm", "agreed", "intended"}
KINDS = {"declaration", "memorandum", "agreement", "treaty", "protocol", "plan", "other"}
ACTOR_TYPES = {"country", "person", "organization", "place", "group"}
ISO3 = re.compile(r"^[A-Z]{3}$")
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
errors = []

def err(doc, msg):
    errors.append(f"{doc}: {msg}")

def check_multi(doc, what, value):
    parts = value.split(";")
    if " " in value or parts != sorted(parts) or len(set(parts)) != len(parts):
        err(doc, f"{what} not sorted/;-joined/unique: {value!r}")
    for p in parts:
        if not (ISO3.match(p) or SLUG.match(p)):
            err(doc, f"{what} has a bad code {p!r}")
    return parts

def check_in(doc, what, key, text, unique=False):
    n = text.count(key)
    if n == 0:
        err(doc, f"{what} not in text: {key!r}")
    elif unique and n > 1:
        err(doc, f"{what} occurs {n} times: {key!r}")

files = sorted(glob.glob(os.path.join(HERE, "*.expected.json")))
summary = []
for jf in files:
    doc = os.path.basename(jf)[: -len(".expected.json")]
    try:
        text = open(os.path.join(HERE, doc + ".txt"), encoding="utf-8").read()
    except OSError as e:
        err(doc, f"missing text: {e}"); continue
    try:
        d = json.load(open(jf, encoding="utf-8"))
    except ValueError as e:
        err(doc, f"bad JSON: {e}"); continue
    if set(d) != {"doc_id", "language", "parties", "note", "commitments", "not_commitments",
                  "statements", "mentions", "document_topics", "agreements"}:
        err(doc, f"unexpected top-level keys {sorted(d)}")
    if d.get("doc_id") != doc: err(doc, "doc_id mismatch")
    if d.get("language") not in {"es", "en"}: err(doc, "bad language")
    if not 600 <= len(text) <= 3000: err(doc, f"text length {len(text)} outside 600..3000")
    parties = d["parties"]
    if parties != sorted(parties) or not all(ISO3.match(p) for p in parties):
        err(doc, f"parties not sorted ISO3: {parties}")
    for c in d["commitments"]:
        check_in(doc, "commitment key", c["key"], text, unique=True)
        for p in check_multi(doc, "actors", c["actors"]):
            if ISO3.match(p) and p not in parties:
                err(doc, f"actor {p} not among parties")
        if c["strength"] not in STRENGTHS: err(doc, f"bad strength {c['strength']}")
        if not c["topics"] or not set(c["topics"]) <= CAP: err(doc, f"bad topics {c['topics']}")
        if "negated" in c and not isinstance(c["negated"], bool): err(doc, "negated not bool")
    keys = [c["key"] for c in d["commitments"]]
    for nc in d["not_commitments"]:
        check_in(doc, "not_commitment", nc, text)
        if any(nc in k or k in nc for k in keys): err(doc, f"not_commitment overlaps a commitment key: {nc!r}")
    for s in d["statements"]:
        check_in(doc, "statement key", s["key"], text)
        if not SLUG.match(s["speaker"]): err(doc, f"bad speaker slug {s['speaker']!r}")
        if not ISO3.match(s["speaker_country"]): err(doc, f"bad speaker_country {s['speaker_country']!r}")
    for m in d["mentions"]:
        check_in(doc, "mention", m["text"], text)
        if "actor_type" in m and m["actor_type"] not in ACTOR_TYPES: err(doc, f"bad actor_type {m}")
        if "country" in m and not ISO3.match(m["country"]): err(doc, f"bad mention country {m}")
        if "actor_id" in m and not (ISO3.match(m["actor_id"]) or SLUG.match(m["actor_id"])): err(doc, f"bad actor_id {m}")
    if not set(d["document_topics"]) <= CAP: err(doc, f"bad document_topics {d['document_topics']}")
    for a in d["agreements"]:
        check_in(doc, "agreement key", a["key"], text)  # like the seed, need not be unique
        check_multi(doc, "agreement parties", a["parties"])
        if a["kind"] not in KINDS: err(doc, f"bad kind {a['kind']}")
    summary.append((doc, d["language"], len(text), len(d["commitments"]),
                    sum(bool(c.get("negated")) for c in d["commitments"]), len(d["agreements"])))

for row in summary:
    print("%-30s %s %5d chars  commitments=%2d negated=%d agreements=%2d" % row)
print(f"{len(summary)} documents, languages: es={sum(r[1]=='es' for r in summary)} en={sum(r[1]=='en' for r in summary)}")
if errors:
    print("\n".join(errors)); sys.exit(1)
print("all checks passed")
