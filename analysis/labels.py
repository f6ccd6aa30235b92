"""Words a report shows its reader: actor names, topic labels, strengths and headings, per report language.

The words live in `analysis/data/<lang>/report.json`; actor names come from
CLDR (states, through babel), the gazetteer files (people, organizations)
and, for actors found in the text only, the way the text names them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

import pandas as pd

from analysis.errors import LexiconError, invalid
from analysis.lexicon import _data_dir, available_languages, read_tsv

STRENGTHS = ("firm", "agreed", "intended")
DEFAULT_REPORT_LANGUAGE = "en"


@cache
def report_languages() -> tuple[str, ...]:
    """Return the codes of the languages a report can be written in (those with a `report.json`), sorted."""
    return tuple(sorted(p.name for p in _data_dir().iterdir() if p.is_dir() and (p / "report.json").is_file()))


@cache
def _strings(language: str) -> dict[str, Any]:
    if language not in report_languages():
        raise invalid("report_language", language, report_languages())
    path = _data_dir() / language / "report.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise LexiconError(f"{language}/report.json is not valid JSON: {exc}") from None


@cache
def _state_names(language: str) -> dict[str, str]:
    from babel import Locale

    names = Locale.parse(language).territories
    return {row["alpha3"]: names.get(row["alpha2"], row["alpha3"]) for row in read_tsv("un_members")}


@cache
def _gazetteer_names(language: str) -> dict[str, str]:
    """Return actor_id → display name for people and organizations, preferring `language`'s files."""
    names: dict[str, str] = {}
    others = [lang for lang in available_languages() if lang != language]
    for lang in [*others, language]:  # the report language last, so that its names win
        for name in ("people", "organizations"):
            for row in read_tsv(name, lang):
                aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
                if aliases:
                    names[row["actor_id"]] = aliases[0]
    return names


class Labels:
    """The words of one report language, with the actor names of one set of tables.

    Example:
        >>> Labels("es").strength("firm")
        'firme'
    """

    def __init__(self, language: str = DEFAULT_REPORT_LANGUAGE, *, mentions: pd.DataFrame | None = None) -> None:
        self.language = language
        self.strings = _strings(language)
        self._names = dict(_gazetteer_names(language))
        self._names.update(_state_names(language))
        self._seen: dict[str, str] = {}
        if mentions is not None and len(mentions):
            # The most frequent written form of an actor the data files do not name.
            people = mentions[~mentions["actor_id"].isin(list(self._names)) & mentions["actor_id"].notna()]
            counts = people.groupby(["actor_id", "text"], observed=True).size().reset_index(name="n")
            counts = counts.sort_values(["actor_id", "n", "text"], ascending=[True, False, True])
            counts = counts.drop_duplicates("actor_id", keep="first")
            self._seen = dict(zip(counts["actor_id"], counts["text"], strict=True))

    def text(self, section: str, key: str, **values: object) -> str:
        """Return the string `section.key` of report.json, formatted with `values`."""
        template = self.strings[section][key]
        return template.format(**values) if values else template

    def count(self, n: int, noun: str) -> str:
        """Return "1 document", "3 documents" (numbers grouped: "24,064")."""
        singular, plural = self.strings["headline"][noun]
        return f"{self.number(n)} {singular if n == 1 else plural}"

    def number(self, n: float) -> str:
        """Return `n` written for the report language ("24,064" in English, "24.064" in Spanish)."""
        from babel.numbers import format_decimal

        return format_decimal(n, locale=self.language)

    def actor(self, actor_id: str) -> str:
        """Return an actor's display name: "Kazakhstan" for KAZ, "Vladimir Putin" for putin."""
        if actor_id in self._names:
            return self._names[actor_id]
        if actor_id in self._seen:
            return self._seen[actor_id]
        return actor_id.replace("_", " ").title() if actor_id.islower() else actor_id

    def actors(self, cell: str | None) -> str:
        """Return the names of a ';'-separated actors cell joined for reading: "Kazakhstan and Russia"."""
        ids = split_ids(cell)
        if not ids:
            return self.strings["unknown_actor"]
        return self.join(sorted(self.actor(i) for i in ids))

    def join(self, items: Iterable[str]) -> str:
        """Return "a, b and c" in the report language."""
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.strings['and']} {items[-1]}"

    def kind(self, kind: str) -> str:
        """Return an agreement kind's name in the report language ("declaración" for declaration)."""
        return self.strings.get("kinds", {}).get(kind, kind)

    def strength(self, strength: str) -> str:
        """Return a strength level's name in the report language."""
        return self.strings["strengths"].get(strength, strength)

    def claim_verb(self, strength: str, *, negated: bool, plural: bool) -> str:
        """Return the verb of a summary claim: "committed to", "acordaron", "did not commit to"."""
        verbs = self.strings["claim_verbs_plural" if plural else "claim_verbs"]
        return verbs.get(f"not_{strength}" if negated else strength, strength)

    def topic(self, slug: str) -> str:
        """Return a topic's label in the report language ("Energy"), or the slug made readable."""
        from analysis.topics import load_taxonomy

        if not slug:
            return ""
        labels = load_taxonomy(self.language if self.language in available_languages() else "en", None).labels
        return labels.get(slug) or slug.replace("_", " ").capitalize()


def split_ids(cell: object) -> list[str]:
    """Return the ids of a ';'-separated cell ("KAZ;RUS" → ["KAZ", "RUS"]); [] for an empty or missing cell."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell):
        return []
    return [part for part in str(cell).split(";") if part]
