"""What the sentence-level analysers share: clause limits, subjects and topics of a span."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from analysis.actors import Mention
from analysis.lexicon import Grammar
from analysis.textutil import WORD_RE, fold, prefilter, tokenize
from analysis.topics import Taxonomy

# Most words that may stand between a subject and its verb ("Rusia, en un comunicado, se comprometió").
MAX_SUBJECT_GAP_WORDS = 8
# This many equally named topics make a span general (the taxonomy's default topic).
CROSS_CUTTING = 3
# Shortest unknown one-word name taken as a subject.
MIN_NAME_CHARS = 3
# How far before a verb an unknown name is looked for, in characters.
PROPER_NOUN_WINDOW = 120
# Most mentions one subject run may hold ("Rusia, China, la India y Brasil acordaron…").
MAX_RUN = 12
# Words other than titles and joiners allowed between "con" and the partner ("con el presidente galo, Macron").
MAX_COMITATIVE_OTHER_WORDS = 2
_INSERTION = re.compile(r"\s*,[^,;:.]*,\s*$")
_ATTRIBUTION = re.compile(r",[\"”»’]?\s+(?:[^\s,.;:]+\s+){0,5}$")
_CLOSERS = {"”": "“", "»": "«", "’": "‘", ")": "(", "]": "[", '"': '"'}
_TRAILING = " \t\n,;:.—–-"


@dataclass
class Sentence:
    """A sentence being analysed, with everything the analysers need to look up."""

    text: str  # the whole document text: offsets are into it
    start: int
    end: int
    sentence_id: int
    mentions: list[Mention]  # the mentions inside this sentence
    parties: list[str]
    grammar: Grammar
    taxonomy: Taxonomy
    lead: str = ""  # the text's most named party
    people: dict[str, Mention] = field(default_factory=dict)  # state → the one person of it the text names
    previous_actors: list[str] = field(default_factory=list)  # who committed last in the sentence before
    said: list[tuple[int, int, str]] = field(default_factory=list)  # statements' content spans and who said them
    verbs: list[re.Match[str]] = field(default_factory=list)  # its speech verbs (see `speech_verbs`), found once

    def __post_init__(self) -> None:
        # Sorted keys for bisect: the analysers' look-ups stay logarithmic however long the sentence.
        self._m_starts = [m.start for m in self.mentions]
        self._b_starts: list[int] | None = None  # found at the first look-up: most sentences need none
        self._b_ends: list[int] = []

    @classmethod
    def build(
        cls,
        text: str,
        start: int,
        end: int,
        sentence_id: int,
        mentions: list[Mention],
        parties: list[str],
        grammar: Grammar,
        taxonomy: Taxonomy,
        **context: object,
    ) -> Sentence:
        """Return a `Sentence` with its speech verbs found (its clause boundaries are found when first needed)."""
        verbs = speech_verbs(grammar, text, start, end)
        return cls(text, start, end, sentence_id, mentions, parties, grammar, taxonomy, verbs=verbs, **context)

    def _find_boundaries(self) -> None:
        """Find the clause boundaries (speech verbs count as boundaries), sorted for `clause_start`/`clause_end`."""
        text, start = self.text, self.start
        spans = [(m.start(), m.end()) for m in self.grammar.clause_boundaries.finditer(text, start, self.end)]
        for m in self.verbs:
            # A postposed attribution (", the Mexican foreign minister said") ends the clause at its comma.
            tail = _ATTRIBUTION.search(text, max(start, m.start() - 60), m.start())
            spans.append((tail.start() if tail else m.start(), m.end()))
        spans.sort()
        self._b_starts = [b for b, _ in spans]
        self._b_ends = sorted(e for _, e in spans)

    def clause_start(self, pos: int) -> int:
        """Return where the clause holding `pos` begins (after the last boundary ending at or before it)."""
        if self._b_starts is None:
            self._find_boundaries()
        i = bisect.bisect_right(self._b_ends, pos)
        return max(self.start, self._b_ends[i - 1]) if i else self.start

    def clause_end(self, pos: int) -> int:
        """Return where the clause holding `pos` ends (the first boundary starting at or after it)."""
        if self._b_starts is None:
            self._find_boundaries()
        i = bisect.bisect_left(self._b_starts, pos)
        return self._b_starts[i] if i < len(self._b_starts) else self.end

    def mentions_in(self, lo: int, hi: int, limit: int | None = None) -> list[Mention]:
        """Return the mentions that start in `[lo, hi)`, in text order; the first `limit` of them if given.

        The cost is that of the mentions returned, not of the sentence: a long run-on
        sentence with a mention every few words must not make each call linear.
        """
        i = bisect.bisect_left(self._m_starts, lo)
        j = bisect.bisect_left(self._m_starts, hi)
        return self.mentions[i : j if limit is None else min(j, i + limit)]

    def iter_mentions(self, lo: int, hi: int) -> Iterator[Mention]:
        """Yield the mentions that start in `[lo, hi)`, in text order, one at a time (for scans that stop early)."""
        mentions = self.mentions
        for k in range(bisect.bisect_left(self._m_starts, lo), bisect.bisect_left(self._m_starts, hi)):
            yield mentions[k]


def speech_verbs(grammar: Grammar, text: str, start: int, end: int) -> list[re.Match[str]]:
    """Return the speech verbs of `text[start:end]`; a capitalized one inside a sentence is a name ("United States")."""
    if not prefilter(grammar.speech_verbs).may_match(text, start, end):
        return []  # most sentences hold none of the verbs: `str.find` over the text tells
    return [
        v
        for v in grammar.speech_verbs.finditer(text, start, end)
        if not (v.group()[:1].isupper() and v.start() != start)
    ]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink `[start, end)` past surrounding spaces and punctuation, and past a closing quote or bracket
    whose opening lies outside the span (`build a plant."` → `build a plant`)."""
    while True:
        while start < end and text[start] in _TRAILING:
            start += 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        closer = text[end - 1] if end > start else ""
        opener = _CLOSERS.get(closer)
        if opener is None:
            return start, end
        span = text[start : end - 1]
        if (span.count(opener) > span.count(closer)) if opener != closer else span.count(closer) % 2 == 1:
            return start, end  # the quotation or bracket opened inside the span: keep it
        end -= 1


def words_between(text: str, start: int, end: int) -> list[str]:
    """Return the tokens of `text[start:end]` lower-cased (punctuation tokens included)."""
    return [t.text.lower() for t in tokenize(text, start, end)]


def find_subject(sent: Sentence, lo: int, hi: int, *, partners: bool = True) -> list[Mention]:
    """Return the mentions forming the subject of a verb at `hi`, searched back to `lo`.

    The subject is the run of mentions closest before `hi`, joined only by
    conjunctions, commas, titles and the like (`subject_joiners`). A
    demonym right before a name qualifies it ("la empresa rusa Gazprom",
    "el presidente ruso, Vladímir Putin") and is dropped.

    A comma-enclosed insertion between subject and verb may be of any
    length ("Sánchez, en una declaración al término de la reunión, consideró").

    Args:
        partners: with False, a mention introduced by "con"/"with" is passed
            over rather than taken (it is the subject's partner).

    Returns:
        The subject's mentions in text order; [] when there is none close enough.
    """
    inside: list[Mention] = []  # the usable mentions before `hi`, nearest first, as far back as a run can reach
    for m in reversed(sent.mentions_in(lo, hi)):
        if m.end > hi or _is_locative(sent, m) or (not partners and is_comitative(sent, [m])):
            continue
        inside.insert(0, m)
        if len(inside) > MAX_RUN:
            break
    if not inside:
        return []
    last = inside[-1]
    gap = [w for w in words_between(sent.text, last.end, hi) if WORD_RE.fullmatch(w)]
    if len(gap) > MAX_SUBJECT_GAP_WORDS and not _INSERTION.match(sent.text, last.end, hi):
        return []
    run = [last]
    for m in reversed(inside[:-1]):
        between = words_between(sent.text, m.end, run[0].start)
        unknown = [w for w in between if w not in sent.grammar.subject_joiners]
        coordinated = (
            any(w in sent.grammar.conjunctions or w == "&" for w in between)
            and len(unknown) <= 1
            and all(w.isalpha() for w in unknown)
        )
        if (not unknown or coordinated) and not is_comitative(sent, run):
            run.insert(0, m)
        else:
            break
    return [
        m
        for i, m in enumerate(run)
        if not (m.kind == "demonym" and i + 1 < len(run) and not WORD_RE.search(sent.text, m.end, run[i + 1].start))
    ]


def _is_locative(sent: Sentence, m: Mention) -> bool:
    """Tell whether a mention names a place where something happens ("en Ciudad de México"), not an actor."""
    return m.actor_type in {"place", "country"} and bool(
        sent.grammar.locative_before.search(sent.text, max(0, m.start - 24), m.start)
    )


def is_comitative(sent: Sentence, run: list[Mention]) -> bool:
    """Tell whether a subject run is introduced by "con"/"with": a partner of an unnamed subject.

    Titles and other mentions may stand between ("Con el presidente galo, Emmanuel Macron, acordó").
    """
    if not run:
        return False
    window_start = max(sent.start, run[0].start - 60)
    found = list(sent.grammar.comitative_before.finditer(sent.text, window_start, run[0].start))
    if not found:
        return False
    pos = found[-1].end()
    covered = "".join(
        " " if any(m.start <= i < m.end for m in sent.mentions) else sent.text[i] for i in range(pos, run[0].start)
    )
    words = words_between(covered, 0, len(covered))
    if any(not WORD_RE.fullmatch(w) and w != "," for w in words):
        return False  # a quotation mark or a stop lies between: "with" belongs to something else
    others = [w for w in words if w not in sent.grammar.subject_joiners and w != ","]
    return len(others) <= MAX_COMITATIVE_OTHER_WORDS


def proper_noun_subject(sent: Sentence, lo: int, hi: int) -> tuple[str, int, int] | None:
    """Return `(slug, start, end)` of a capitalized name just before `hi` that no gazetteer knows ("Iberdrola").

    Names at the start of the sentence and generic nouns (`generic_nouns`: "Gobierno") do not count.
    """
    lo = max(lo, hi - PROPER_NOUN_WINDOW)
    tokens = [t for t in tokenize(sent.text, lo, hi) if WORD_RE.fullmatch(t.text)]
    if not tokens:
        return None
    end_i = len(tokens) - 1
    while end_i >= 0 and len(tokens) - 1 - end_i < 2 and not tokens[end_i].text[:1].isupper():
        end_i -= 1
    if end_i < 0 or not tokens[end_i].text[:1].isupper():
        return None
    start_i = end_i
    while start_i > 0 and tokens[start_i - 1].text[:1].isupper():
        start_i -= 1
    g = sent.grammar
    function_words = g.determiners | g.pronouns | g.prepositions | g.conjunctions | g.skip_after_trigger
    names = [t for t in tokens[start_i : end_i + 1] if t.text not in g.generic_nouns]
    if not names or (tokens[start_i].start == sent.start and len(names) < 2):
        return None
    if len(names) == 1 and (len(names[0].text) < MIN_NAME_CHARS or names[0].text.lower() in function_words):
        return None  # "Lo", "Se" after a quotation mark are not names
    if all(t.text.isupper() and len(t.text) > 1 for t in names):
        return None  # text in capitals: every word looks like a name
    start, end = names[0].start, names[-1].end
    return "_".join(fold(sent.text[start:end]).replace("-", " ").split()), start, end


def committers(mentions: list[Mention], parties: list[str]) -> list[str]:
    """Return the sorted unique ids that `mentions` commit: a group reference stands for the states it was
    resolved to (see `analysis.actors.resolve_groups`), else for the parties."""
    ids: set[str] = set()
    for m in mentions:
        if m.actor_type == "group":
            ids.update(m.actor_id.split(";") if m.actor_id else parties)
        elif m.committer:
            ids.add(m.committer)
    return sorted(ids)


def span_topics(sent: Sentence, start: int, end: int) -> tuple[str, list[str]]:
    """Return `(primary topic, all topics)` named in `text[start:end]`.

    The taxonomy's default is the primary topic when the span names none,
    or when it names `CROSS_CUTTING` or more equally (a list of policy
    areas is general relations, not any one of them).
    """
    ranked = sent.taxonomy.rank(sent.taxonomy.hits(sent.text, start, end))
    default = sent.taxonomy.default or ""
    if ranked:
        topics = sorted(t for t, _, _ in ranked)
        tied = [t for t, score, _ in ranked if score == ranked[0][1]]
        if len(tied) >= CROSS_CUTTING and default:  # "cooperation in political, economic, cultural & security areas"
            return default, sorted({*topics, default})
        return ranked[0][0], topics
    return default, [default] if default else []
