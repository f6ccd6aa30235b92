"""Tag text with Comparative Agendas Project (CAP) major topics from a term taxonomy.

A taxonomy is JSON::

    {"default": "international_affairs",
     "topics": {"energy": {"cap_code": 8, "label": "Energy",
                           "terms": ["energ*", "central nuclear", ...]}, ...}}

`terms` may also be a dict of language code → list, for one file that
serves several languages. A term matches whole words, case- and
accent-insensitively; a trailing `*` on a word matches any continuation;
at each place the longest term wins. `default` is the topic given to a
commitment whose action names no topic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, repeat
from operator import is_
from pathlib import Path
from typing import Any

from analysis.errors import TaxonomyError
from analysis.lexicon import load_topics_data
from analysis.textutil import TERM_WORD, WORD_RE, fold

# The words whose candidate terms a taxonomy remembers; past this many it starts afresh (memory stays bounded).
WORDS_REMEMBERED = 200_000


@dataclass(frozen=True, slots=True)
class TopicHit:
    """One term match: its topic, the matched text and where."""

    topic: str
    term: str
    start: int
    end: int


class Taxonomy:
    """A compiled taxonomy for one language."""

    def __init__(self, data: dict[str, Any], lang: str, *, origin: str = "taxonomy") -> None:
        topics = data.get("topics") if isinstance(data, dict) else None
        if not isinstance(topics, dict) or not topics:
            raise TaxonomyError(f"{origin}: expected an object with a non-empty 'topics' object")
        self.codes: dict[str, int] = {}
        self.labels: dict[str, str] = {}
        self.order: dict[str, int] = {}
        # first word → list of (term words, topic); a word ending in * is a prefix.
        self.exact_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.prefix_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for rank, (slug, spec) in enumerate(topics.items()):
            if not isinstance(spec, dict) or "cap_code" not in spec or "terms" not in spec:
                raise TaxonomyError(f"{origin}: topic {slug!r} needs 'cap_code' and 'terms'")
            try:
                self.codes[slug] = int(spec["cap_code"])
            except (TypeError, ValueError, OverflowError):
                raise TaxonomyError(
                    f"{origin}: topic {slug!r} has cap_code {spec['cap_code']!r}, not an integer"
                ) from None
            if not -(2**63) <= self.codes[slug] < 2**63:  # the tables' cap_code column is int64
                raise TaxonomyError(f"{origin}: topic {slug!r} has cap_code {self.codes[slug]}, out of range")
            self.labels[slug] = str(spec.get("label", slug))
            self.order[slug] = rank
            terms = spec["terms"]
            if isinstance(terms, dict):
                terms = terms.get(lang, terms.get("en", next(iter(terms.values()), [])))
            if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
                raise TaxonomyError(f"{origin}: topic {slug!r} terms must be a list of strings")
            for term in terms:
                words = tuple(TERM_WORD.findall(fold(str(term))))
                if not words:
                    continue
                first = words[0]
                if first.endswith("*"):
                    self.prefix_first.setdefault(first[:-1], []).append((words, slug))
                else:
                    self.exact_first.setdefault(first, []).append((words, slug))
        self.default = data.get("default")
        if self.default is not None and self.default not in self.codes:
            raise TaxonomyError(f"{origin}: default topic {self.default!r} is not one of its topics")
        self.prefix_lengths = sorted({len(p) for p in self.prefix_first})  # only these can match a word's start
        self._by_word: dict[str, tuple[tuple[int, tuple[str, ...], str], ...]] = {}  # `_candidates`, remembered

    def hits(self, text: str, start: int = 0, end: int | None = None) -> list[TopicHit]:
        """Return the term matches in `text[start:end]`, longest first at each place, in order."""
        end = len(text) if end is None else end
        folded = fold(text[start:end])
        words = WORD_RE.findall(folded)
        by_word = self._by_word
        if len(by_word) > WORDS_REMEMBERED:
            by_word.clear()
        candidates = list(map(by_word.get, words))  # most words begin no term: looked up without a Python loop
        if None in candidates:
            for i in compress(range(len(words)), map(is_, candidates, repeat(None))):  # only the new ones
                word = words[i]
                known = by_word.get(word)  # looked up again: the word may have come earlier in the sentence
                if known is None:
                    known = by_word[word] = self._candidates(word)
                candidates[i] = known
        out: list[TopicHit] = []
        spans: list[tuple[int, int]] = []
        after = 0  # the first word not inside a term already found
        for i in compress(range(len(words)), candidates):
            if i < after:
                continue
            room = len(words) - i
            for n, rest, slug in candidates[i]:  # longest first: the first that matches is the one
                if n <= room and (n == 1 or all(map(_word_matches, rest, words[i + 1 : i + n]))):
                    spans = spans or [m.span() for m in WORD_RE.finditer(folded)]
                    s, e = spans[i][0] + start, spans[i + n - 1][1] + start
                    out.append(TopicHit(slug, text[s:e], s, e))
                    after = i + n
                    break
        return out

    def _candidates(self, word: str) -> tuple[tuple[int, tuple[str, ...], str], ...]:
        """Return the terms whose first word `word` matches, as (length in words, the other words, topic),
        longest first, in taxonomy order among those of a length."""
        found = list(self.exact_first.get(word, ()))
        for k in self.prefix_lengths:
            if k > len(word):
                break
            found.extend(self.prefix_first.get(word[:k], ()))
        return tuple(sorted(((len(w), w[1:], slug) for w, slug in found), key=lambda c: -c[0]))

    def rank(self, hits: list[TopicHit]) -> list[tuple[str, float, list[TopicHit]]]:
        """Group hits by topic and score them (distinct terms matched), best first.

        Returns:
            `(topic, score, hits)` tuples; ties keep the taxonomy's order.
        """
        groups: dict[str, list[TopicHit]] = {}
        for h in hits:
            groups.setdefault(h.topic, []).append(h)
        scored = [(t, float(len({fold(h.term) for h in hs})), hs) for t, hs in groups.items()]
        return sorted(scored, key=lambda x: (-x[1], hits.index(x[2][0]), self.order[x[0]]))


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


@cache
def _default_taxonomy(lang: str) -> Taxonomy:
    return Taxonomy(load_topics_data(lang), lang, origin=f"data/{lang}/topics.json")


@lru_cache(maxsize=32)
def _file_taxonomy(path: str, lang: str, mtime_ns: int) -> Taxonomy:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise TaxonomyError(f"cannot read taxonomy file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise TaxonomyError(f"taxonomy file {path} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise TaxonomyError(f"taxonomy file {path} is not valid JSON: {exc}") from None
    return Taxonomy(data, lang, origin=str(path))


def load_taxonomy(lang: str, taxonomy: str | Path | None = None) -> Taxonomy:
    """Return the taxonomy for `lang`: the user's file when given, else the language's default.

    Raises:
        TaxonomyError: the file is missing, not JSON, or malformed.
    """
    if taxonomy is None:
        return _default_taxonomy(lang)
    try:
        mtime = Path(taxonomy).stat().st_mtime_ns  # an edited file is read again
    except OSError as exc:
        raise TaxonomyError(f"cannot read taxonomy file {taxonomy}: {exc.strerror or exc}") from None
    return _file_taxonomy(str(taxonomy), lang, mtime)
