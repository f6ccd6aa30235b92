"""Load a language's data files: grammar patterns, gazetteers and taxonomy.

Each language is a folder `analysis/data/<lang>/` holding `grammar.json`,
`topics.json` and the gazetteer tables (`countries.tsv`, `demonyms.tsv`,
`places.tsv`, `people.tsv`, `organizations.tsv`, `groups.tsv`). A new
language is added by adding such a folder; nothing in the code names a
language. A language without a folder is analysed with English rules plus
its own CLDR country names.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from analysis.errors import LexiconError
from analysis.textutil import case_key, factored, first_char_gated

FALLBACK = "en"
GAZETTEER_FILES = ("countries", "demonyms", "places", "people", "organizations", "groups")


def _data_dir() -> Any:
    return resources.files("analysis") / "data"


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """Return the codes of the languages with a data folder holding a `grammar.json`, sorted."""
    return tuple(sorted(p.name for p in _data_dir().iterdir() if p.is_dir() and (p / "grammar.json").is_file()))


def read_tsv(name: str, lang: str | None = None) -> list[dict[str, str]]:
    """Read a tab-separated data file (header line, `#` comments) from `data/` or `data/<lang>/`.

    Returns:
        One dict per row, keyed by the header's column names; [] when the file does not exist.
    """
    folder = _data_dir() / lang if lang else _data_dir()
    path = folder / f"{name}.tsv"
    if not path.is_file():
        return []
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
    ]
    rows = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        rows.append({k.strip(): (v or "").strip() for k, v in row.items() if k is not None})
    return rows


@dataclass(frozen=True)
class Trigger:
    """A commitment trigger pattern from a grammar file."""

    pattern: re.Pattern[str]
    strength: str
    mode: str
    needs_subject: bool = False
    needs_verb: bool = False
    needs_document: bool = False


@dataclass(frozen=True, eq=False)
class Grammar:
    """A language's compiled grammar patterns (see `data/es/grammar.json` for each key's meaning)."""

    language: str
    abbreviations: frozenset[str]
    triggers: tuple[Trigger, ...]
    future_irregular: dict[str, str]
    future_suffix: re.Pattern[str] | None
    non_commitment_verbs: frozenset[str]
    infinitive: re.Pattern[str] | None
    not_infinitives: frozenset[str]
    action_verbs: frozenset[str]
    coordinators: re.Pattern[str]
    clause_boundaries: re.Pattern[str]
    relative_starts: re.Pattern[str]
    hope_markers: re.Pattern[str]
    subject_joiners: frozenset[str]
    speech_verbs: re.Pattern[str]
    speech_carryover_words: frozenset[str]
    quote_pairs: tuple[tuple[str, str], ...]
    signing_verbs: re.Pattern[str]
    agreement_nouns: tuple[tuple[str, str], ...]
    number_words: dict[str, int]
    number_quantifiers: re.Pattern[str]
    locative_before: re.Pattern[str]
    comitative_before: re.Pattern[str]
    dual_words: frozenset[str]
    generic_nouns: frozenset[str]
    person_titles: frozenset[str]
    name_particles: frozenset[str]
    leader_titles: tuple[str, ...]
    pronouns: frozenset[str]
    attribution_markers: re.Pattern[str]
    negation_before: re.Pattern[str]
    first_person: re.Pattern[str]
    skip_after_trigger: frozenset[str]
    determiners: frozenset[str]
    slot_links: frozenset[str]
    conjunctions: frozenset[str]
    coordinating_phrases: tuple[str, ...]
    definite_articles: frozenset[str]
    speech_intro: frozenset[str]
    name_joiners: frozenset[str]
    prepositions: frozenset[str]


# Grammar keys that are plain lists of words, compared in lower case.
_WORD_SETS = ("skip_after_trigger", "determiners", "slot_links", "conjunctions", "definite_articles", "speech_intro",
              "name_joiners", "prepositions", "subject_joiners", "speech_carryover_words", "dual_words",
              "person_titles", "name_particles", "pronouns")  # fmt: skip
# Grammar keys that are one required regular expression each.
_PATTERNS = ("coordinators", "relative_starts", "hope_markers", "speech_verbs", "signing_verbs",
             "number_quantifiers", "locative_before", "comitative_before", "attribution_markers",
             "negation_before", "first_person")  # fmt: skip
STRENGTHS = ("firm", "agreed", "intended")
MODES = ("inf", "verb", "aux")
KINDS = ("declaration", "memorandum", "agreement", "treaty", "protocol", "plan", "other")


# Grammar patterns scanned over every sentence, tried only where a match may begin (`first_char_gated`).
# So are the triggers and the clause boundaries; a gate inside a bigger regex still gives the same matches.
# Every grammar pattern has its alternatives gathered by first letter (`factored`).
_SCANNED = ("speech_verbs", "signing_verbs", "attribution_markers")


def _gated(key: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    return factored(first_char_gated(pattern) if key in _SCANNED else pattern)


def _compile(pattern: str, key: str, lang: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise LexiconError(f"data/{lang}/grammar.json: key {key!r} is not a valid regular expression: {exc}") from None


@cache
def load_grammar(lang: str) -> Grammar:
    """Return the compiled grammar of `lang`, or of English when `lang` has no data folder.

    Raises:
        LexiconError: the grammar file is malformed.
    """
    source = lang if lang in available_languages() else FALLBACK
    path = _data_dir() / source / "grammar.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LexiconError(f"cannot read data/{source}/grammar.json: {exc}") from None
    try:
        for t in data["commitment_triggers"]:
            if t.get("strength") not in STRENGTHS or t.get("mode") not in MODES:
                raise LexiconError(
                    f"data/{source}/grammar.json: trigger {t.get('pattern')!r} has strength {t.get('strength')!r} "
                    f"and mode {t.get('mode')!r}; strength must be one of {STRENGTHS}, mode one of {MODES}"
                )
        for noun, kind in data.get("agreement_nouns", []):
            if kind not in KINDS:
                raise LexiconError(
                    f"data/{source}/grammar.json: document noun {noun!r} has kind {kind!r}, not one of {KINDS}"
                )
        triggers = tuple(
            Trigger(
                factored(first_char_gated(_compile(t["pattern"], "commitment_triggers", source))),
                t["strength"],
                t["mode"],
                bool(t.get("needs_subject")),
                bool(t.get("needs_verb")),
                bool(t.get("needs_document")),
            )
            for t in data["commitment_triggers"]
        )
        boundaries = "|".join(f"(?:{b})" for b in data["clause_boundaries"])
        return Grammar(
            language=source,
            abbreviations=frozenset(a.lower() for a in data.get("abbreviations", [])),
            triggers=triggers,
            future_irregular=dict(data.get("future_irregular", {})),
            future_suffix=factored(_compile(data["future_suffix"], "future_suffix", source))
            if data.get("future_suffix")
            else None,
            non_commitment_verbs=frozenset(data.get("non_commitment_verbs", [])),
            infinitive=factored(_compile(data["infinitive"], "infinitive", source)) if data.get("infinitive") else None,
            not_infinitives=frozenset(data.get("not_infinitives", [])),
            action_verbs=frozenset(data.get("action_verbs", [])),
            generic_nouns=frozenset(data.get("generic_nouns", [])),
            clause_boundaries=factored(first_char_gated(_compile(boundaries, "clause_boundaries", source))),
            quote_pairs=tuple((a, b) for a, b in data.get("quote_pairs", [])),
            agreement_nouns=tuple((a, b) for a, b in data.get("agreement_nouns", [])),
            number_words={k.lower(): int(v) for k, v in data.get("number_words", {}).items()},
            leader_titles=tuple(w.lower() for w in data.get("leader_titles", [])),
            coordinating_phrases=tuple(w.lower() for w in data.get("coordinating_phrases", [])),
            # Those scanned over every sentence are tried only where a word starts, when that gives the same matches.
            **{key: _gated(key, _compile(data[key], key, source)) for key in _PATTERNS},
            **{key: frozenset(w.lower() for w in data.get(key, [])) for key in _WORD_SETS},
        )
    except KeyError as exc:
        raise LexiconError(f"data/{source}/grammar.json lacks the key {exc}") from None


def load_topics_data(lang: str) -> dict[str, Any]:
    """Return the parsed default `topics.json` of `lang` (English when `lang` has none)."""
    source = lang if lang in available_languages() else FALLBACK
    path = _data_dir() / source / "topics.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def noun_pattern(grammar: Grammar) -> tuple[re.Pattern[str], dict[str, str]]:
    """Return a pattern matching the language's document nouns, longest first, and noun → kind.

    The kinds are keyed by `case_key`: look a match up with `kinds[case_key(m.group())]`.
    """
    kinds = {noun.lower(): kind for noun, kind in grammar.agreement_nouns}
    alternatives = "|".join(re.escape(n) for n in sorted(kinds, key=len, reverse=True))
    pattern = factored(re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE))
    return pattern, {case_key(n): k for n, k in kinds.items()}
