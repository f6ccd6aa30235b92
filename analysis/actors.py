"""Find actor mentions — states, places, people, organizations, group references — and a text's parties.

Country names come from the Unicode CLDR via babel (every UN member state,
in any language CLDR covers); aliases, demonyms, capitals and seats of
power, people, organizations and group phrases come from the language's
gazetteer files (see `analysis.lexicon`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import compress
from operator import and_, itemgetter, not_

from analysis.lexicon import FALLBACK, Grammar, available_languages, noun_pattern, read_tsv
from analysis.textutil import fold, strip_accents, text_tokens, tokenize

# Weight of a mention kind when deciding which states are a text's parties.
PARTY_WEIGHTS = {"name": 1.0, "alias": 1.0, "person": 1.0, "capital": 1.0, "seat": 1.0, "demonym": 0.5, "city": 0.5,
                 "intergovernmental": 0.5}  # fmt: skip
# A country named as a location ("in Afghanistan") weighs this share of a full mention.
LOCATIVE_FACTOR = 0.25
# Tokens whose gazetteer look-ups are remembered; past this many the memory starts afresh (it stays bounded).
WORDS_REMEMBERED = 100_000
# How much naming a state's leader counts when "the two presidents" must be told apart from other states.
LEADER_BONUS = 3.0
# A state is a party when its weight reaches this share of the most mentioned state's.
PARTY_SHARE = 0.35
# Order of preference when two matches cover the same number of tokens.
_PRIORITY = {"person": 0, "name": 1, "alias": 1, "intergovernmental": 2, "company": 2, "other": 2, "capital": 3,
             "seat": 3, "city": 4, "demonym": 5, "group": 6}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Entry:
    """What a gazetteer name stands for."""

    actor_id: str
    actor_type: str  # country | person | organization | place | group
    country: str
    kind: str  # name | alias | demonym | capital | seat | city | person | intergovernmental | company | other | group


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention in a text; `start`/`end` are offsets into the text."""

    start: int
    end: int
    text: str
    actor_id: str
    actor_type: str
    country: str
    kind: str

    @property
    def committer(self) -> str:
        """The id under which this actor commits: a state's ISO3 code, else the actor's slug."""
        if self.actor_type in {"country", "place"} or (self.actor_type == "person" and self.country):
            return self.country
        return self.actor_id


def _key(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(strip_accents(t) for t in tokens)


# What `Gazetteer.find` needs of a token (see `Gazetteer._word`).
_WordInfo = tuple[str, str, str, tuple[int, ...], bool, bool, frozenset[str]]
_NO_WORDS: frozenset[str] = frozenset()


class Gazetteer:
    """An index of names to `Entry`, matched token by token, longest first.

    Names written all in lower case (Spanish demonyms, group phrases)
    match in any case; other names match their case exactly, accents
    ignored ("Kazajistan" finds "Kazajistán").
    """

    def __init__(self) -> None:
        self.exact: dict[tuple[str, ...], Entry] = {}
        self.lower: dict[tuple[str, ...], Entry] = {}
        self.combining: dict[str, Entry] = {}
        # First word of a name (lower-cased for the case-blind index) → the lengths of names starting with it.
        self.lengths: dict[str, set[int]] = {}
        # The same first word → the second words of those names (lower-cased likewise).
        self.seconds: dict[str, set[str]] = {}
        self._words: dict[str, _WordInfo] = {}  # `_word`, remembered per token

    def add(self, name: str, entry: Entry) -> None:
        """Index `name` (tokenized like running text) for `entry`; the first entry for a name wins."""
        words = [t.text for t in tokenize(name.strip())]
        if not words:
            return
        key = _key(words)
        index = self.lower if name == name.lower() else self.exact
        if index is self.lower:
            key = tuple(k.lower() for k in key)
        index.setdefault(key, entry)
        self._words.clear()  # what was remembered of a word may change with a new name
        first = key[0] if index is self.exact else key[0].lower()
        self.lengths.setdefault(first, set()).add(len(key))
        if len(key) > 1:
            self.seconds.setdefault(first, set()).add(key[1])

    def lookup(self, words: tuple[str, ...], lowered: tuple[str, ...]) -> Entry | None:
        """Return the entry for a token sequence, trying the exact then the case-blind index."""
        return self.exact.get(words) or self.lower.get(lowered)

    def _word(self, word: str) -> _WordInfo:
        """Return what `find` needs of a token, remembered: its accent-free, lower-case and title-case forms,
        the lengths of the names that may start with it (longest first), whether it holds a hyphen,
        whether it needs a look at all (either of the two), and the second words of those names."""
        exact = strip_accents(word)
        lowered = exact.lower()
        lengths = self.lengths
        capitals = len(exact) > 3 and exact.isupper()
        if not (capitals or "-" in word or lengths.get(exact) or lengths.get(lowered)):
            known: _WordInfo = (exact, lowered, exact, (), False, False, _NO_WORDS)  # most words: no name starts
        else:
            # Text in capitals ("SPAIN AND FRANCE AGREED"): a word of 4+ capitals no acronym matches is a name.
            titled = exact.capitalize() if capitals and not lengths.get(exact) else exact
            found = [k for k in (lengths.get(exact), lengths.get(lowered), lengths.get(titled)) if k]
            sizes = tuple(sorted(set().union(*found), reverse=True))
            hyphen = "-" in word and word != "-"  # a compound ("ruso-kazaja"), not the sign alone
            seconds = _NO_WORDS  # most words start no name of two words or more
            if sizes and sizes[0] > 1:
                seconds = frozenset().union(*(self.seconds.get(k, ()) for k in (exact, lowered, titled)))
            known = (exact, lowered, titled, sizes, hyphen, bool(sizes) or hyphen, seconds)
        if len(self._words) >= WORDS_REMEMBERED:
            self._words.clear()
        self._words[word] = known
        return known

    def find(self, text: str) -> list[Mention]:
        """Return the mentions in `text`, sorted by position, never overlapping."""
        tokens, starts, ends = text_tokens(text)
        words = self._words
        infos = list(map(words.get, tokens))  # most tokens were met before: no Python loop over them
        if None in infos:
            for i in compress(range(len(infos)), map(not_, infos)):  # only the new ones
                infos[i] = words.get(tokens[i]) or self._word(tokens[i])  # the word may have come just before
        candidates: list[tuple[int, int, int, Entry]] = []
        n_tokens = len(tokens)
        for i in compress(range(n_tokens), map(itemgetter(5), infos)):  # most words start no name
            exact, _, titled, sizes, hyphen, _, seconds = infos[i]
            # A name of two words or more needs the next word to be the second word of one ("los" + "dos").
            paired = i + 1 < n_tokens and not seconds.isdisjoint(infos[i + 1][:3])
            for n in sizes:
                if n > n_tokens - i or (n > 1 and not paired):
                    continue
                window = infos[i : i + n]
                entry = self.lookup(tuple(w[0] for w in window), tuple(w[1] for w in window))
                if entry is None and titled != exact:
                    entry = self.exact.get(tuple(w[2] for w in window))
                if entry is not None:
                    candidates.append((i, n, _PRIORITY.get(entry.kind, 9), entry))
                    break
            else:  # no name starts here
                if hyphen:
                    candidates.extend(self._compound(tokens[i], i))
        taken = [False] * n_tokens
        mentions: list[Mention] = []
        for i, n, _prio, entry in sorted(candidates, key=lambda c: (-c[1], c[2], c[0])):
            if any(taken[i : i + n]):
                continue
            for j in range(i, i + n):
                taken[j] = True
            start, end = starts[i], ends[i + n - 1]
            if entry.kind == "compound":
                continue
            mentions.append(
                Mention(start, end, text[start:end], entry.actor_id, entry.actor_type, entry.country, entry.kind)
            )
        mentions.extend(self._compound_mentions(tokens, starts, candidates))
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def _part(self, part: str) -> Entry | None:
        """Resolve one part of a hyphenated compound: a demonym or its combining form, a state or a capital."""
        key = strip_accents(part)
        hit = self.combining.get(key.lower()) or self.lower.get((key.lower(),)) or self.exact.get((key,))
        if hit is not None and hit.kind in {"demonym", "name", "alias", "capital", "seat"}:
            return hit
        return None

    def _compound(self, token: str, i: int) -> list[tuple[int, int, int, Entry]]:
        """Mark a hyphenated compound whose parts all name states ("ruso-kazaja", "Washington-Beijing")."""
        parts = token.split("-")
        if len(parts) > 1 and all(self._part(p) is not None for p in parts):
            return [(i, 1, _PRIORITY["demonym"], Entry(token, "country", "", "compound"))]
        return []

    def _compound_mentions(self, tokens: Sequence[str], starts: Sequence[int], candidates: list) -> list[Mention]:
        out = []
        for i, _n, _p, entry in candidates:
            if entry.kind != "compound":
                continue
            pos = starts[i]
            for part in tokens[i].split("-"):
                hit = self._part(part)
                if hit is not None:
                    out.append(Mention(pos, pos + len(part), part, hit.actor_id, hit.actor_type, hit.country, hit.kind))
                pos += len(part) + 1
        return out


@lru_cache(maxsize=1)
def un_members() -> dict[str, str]:
    """Return the states accords knows, alpha-2 code to alpha-3 code (UN members and observers)."""
    return {row["alpha2"]: row["alpha3"] for row in read_tsv("un_members")}


def _cldr_names(lang: str) -> dict[str, str]:
    """Return alpha-2 code → country name in `lang` from CLDR, or {} when CLDR lacks the language."""
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


@cache
def load_gazetteer(lang: str) -> Gazetteer:
    """Build the gazetteer of `lang` (its own files, else English's, plus CLDR names in `lang`).

    Returns:
        A `Gazetteer` ready for `find`.
    """
    data_lang = lang if lang in available_languages() else FALLBACK
    gaz = Gazetteer()
    members = un_members()
    for row in read_tsv("people", data_lang):
        for alias in _split(row.get("aliases", "")):
            gaz.add(alias, Entry(row["actor_id"], "person", row.get("country", ""), "person"))
    for row in read_tsv("organizations", data_lang):
        kind = row.get("kind") or "other"
        for alias in _split(row.get("aliases", "")):
            gaz.add(alias, Entry(row["actor_id"], "organization", row.get("country", ""), kind))
    for code_lang in dict.fromkeys([lang, data_lang]):
        names = _cldr_names(code_lang)
        for alpha2, alpha3 in members.items():
            if alpha2 in names:
                gaz.add(names[alpha2], Entry(alpha3, "country", alpha3, "name"))
    for row in read_tsv("countries", data_lang):
        for alias in _split(row.get("aliases", "")):
            gaz.add(alias, Entry(row["iso3"], "country", row["iso3"], "alias"))
    for row in read_tsv("places", data_lang):
        kind = row.get("kind") or "city"
        gaz.add(row["name"], Entry(_slug(row["name"]), "place", row["iso3"], kind))
    for row in read_tsv("demonyms", data_lang):
        entry = Entry(row["iso3"], "country", row["iso3"], "demonym")
        for form in _split(row.get("forms", "")):
            gaz.add(form, entry)
            gaz.add(form.lower(), entry)
        for form in _split(row.get("combining", "")):
            gaz.combining.setdefault(strip_accents(form).lower(), entry)
    for row in read_tsv("groups", data_lang):
        gaz.add(row["phrase"].lower(), Entry("parties", "group", "", "group"))
    return gaz


def _slug(name: str) -> str:
    return "_".join(strip_accents(name).lower().replace("-", " ").replace(".", " ").split())


def find_mentions(text: str, lang: str) -> list[Mention]:
    """Return the actor mentions in `text`, in order; group references keep actor_id "parties" until resolved."""
    return load_gazetteer(lang).find(text)


_PUNCT_JOINERS = {",", "s", "'", "’", "-"}
# How many tokens before a name a title may stand ("el presidente de México, Enrique Peña Nieto").
TITLE_WINDOW = 14


def _is_title(word: str, titles: frozenset[str]) -> bool:
    """Tell whether `word` is a title or its plural ("presidentes", "ministers")."""
    return word in titles or word.removesuffix("s") in titles or word.removesuffix("es") in titles


def discover_people(text: str, mentions: list[Mention], grammar: Grammar) -> list[Mention]:
    """Find people no gazetteer lists, from a title next to their name, and every later mention of them.

    "el presidente de México, Enrique Peña Nieto", "Defence Minister
    Nirmala Sitharaman", "Alfonso Romo, jefe de la oficina…": a run of
    two or more capitalized words with a title word (`person_titles`)
    just before it, or a comma and a title just after it, is a person.
    Their country is the state named or qualified by a demonym beside the
    title. The id is the name without its first word ("pena_nieto"), and
    that shorter form is searched for too ("Peña Nieto dijo…").

    Returns:
        The new mentions (actor_type "person", kind "person"), in text order.
    """
    tokens, starts, ends = text_tokens(text)
    covered = [False] * len(tokens)
    by_token: dict[int, Mention] = {}
    j = 0
    for m in mentions:
        j = bisect.bisect_right(ends, m.start, j)  # the first token ending after the mention starts
        k = j
        while k < len(tokens) and starts[k] < m.end:
            covered[k] = True
            by_token[k] = m
            k += 1
    titles, particles = grammar.person_titles, grammar.name_particles
    joiners = _PUNCT_JOINERS | grammar.name_joiners | grammar.conjunctions
    found: dict[str, tuple[list[str], str]] = {}
    heads = list(map(itemgetter(0), tokens))  # a token is never empty
    capital = list(map(and_, map(str.isupper, heads), map(str.isalpha, heads)))
    after_run = 0
    # A name starts at a capitalized word no mention covers: those are picked without a Python loop.
    for i in compress(range(len(tokens)), map(and_, map(not_, covered), capital)):
        if i < after_run:
            continue
        run = [i]
        k = i + 1
        while k < len(tokens) and not covered[k]:
            word = tokens[k]
            joins = word.lower() in particles and k + 1 < len(tokens) and heads[k + 1].isupper()
            if capital[k] or joins:
                run.append(k)
            else:
                break
            k += 1
        after_run = k
        title_seen = False
        while run and _is_title(tokens[run[0]].lower(), titles):
            title_seen = True
            run.pop(0)
        if len(run) < 2 or tokens[run[-1]].lower() in particles:
            continue
        if any(tokens[t] in grammar.generic_nouns for t in run):
            continue
        if noun_pattern(grammar)[0].search(text, starts[run[0]], ends[run[-1]]):
            continue  # "the Joint Declaration": a document, not a person
        if run[0] > 0 and tokens[run[0] - 1].lower() in grammar.determiners and not title_seen:
            continue  # "the Joint Commission": a determiner, not a title, introduces it
        country = ""
        after = run[-1] + 1
        # "President Isaias Afwerki of Eritrea": the state named right after the name is the person's.
        if after + 1 < len(tokens) and tokens[after].lower() in grammar.name_joiners:
            hit = by_token.get(after + 1)
            if hit is not None and hit.actor_type == "country":
                country = hit.country
        # Walk back over the title phrase: titles, joiners, and the state it names ("presidente de México, ").
        for t in range(run[0] - 1, max(-1, run[0] - 1 - TITLE_WINDOW), -1):
            word = tokens[t].lower()
            hit = by_token.get(t)
            if hit is not None and hit.actor_type in {"country", "place"} and hit.country:
                country = country or hit.country
            elif _is_title(word, titles):
                title_seen = True
            elif (word == "," and title_seen) or not (
                covered[t] or word in joiners or word in particles or tokens[t][:1].isupper()
            ):
                break  # capitalized words pass: a portfolio ("ministra de Energía de Chile, …")
        if not title_seen and after + 1 < len(tokens) and tokens[after] == ",":
            nxt = [tokens[t].lower() for t in range(after + 1, min(len(tokens), after + 3))]
            title_seen = bool(nxt) and (
                _is_title(nxt[0], titles) or (len(nxt) > 1 and nxt[0] in joiners and _is_title(nxt[1], titles))
            )
            if title_seen and not country:
                for t in range(after + 1, min(len(tokens), after + 12)):
                    hit = by_token.get(t)
                    if tokens[t] in {".", ";"}:
                        break
                    if hit is not None and hit.actor_type in {"country", "place"} and hit.country:
                        country = hit.country
                        break
        if not title_seen:
            continue
        full = text[starts[run[0]] : ends[run[-1]]]
        short = text[starts[run[1]] : ends[run[-1]]]
        slug = "_".join(fold(short).replace("-", " ").split())
        if slug and slug not in found:
            found[slug] = ([full, short], country)
    if not found:
        return []
    overlay = Gazetteer()
    for slug, (aliases, country) in found.items():
        for alias in aliases:
            overlay.add(alias, Entry(slug, "person", country, "person"))
    taken = [(m.start, m.end) for m in mentions]
    new = [m for m in overlay.find(text) if not any(s < m.end and m.start < e for s, e in taken)]
    # "President Isaias", "el presidente Lula": a title before the given name alone names the person too.
    given = {aliases[0].split()[0]: (slug, country) for slug, (aliases, country) in found.items()}
    taken += [(m.start, m.end) for m in new]
    for t_i, token in enumerate(tokens[1:], start=1):
        hit = given.get(token)
        if hit is None or not _is_title(tokens[t_i - 1].lower(), titles):
            continue
        if t_i + 1 < len(tokens) and tokens[t_i + 1][:1].isupper():
            continue  # the full name, already found
        if not any(s < ends[t_i] and starts[t_i] < e for s, e in taken):
            new.append(Mention(starts[t_i], ends[t_i], token, hit[0], "person", hit[1], "person"))
    return sorted(new, key=lambda m: (m.start, m.end))


def party_weights(mentions: list[Mention], text: str, grammar: Grammar) -> Counter[str]:
    """Return how strongly the text names each state (and intergovernmental body).

    Each mention adds its kind's weight (`PARTY_WEIGHTS`) to the state it
    stands for (people and places to their country); a country named as
    a location ("in Afghanistan") adds a quarter. People of no known
    state add nothing.
    """
    weights: Counter[str] = Counter()
    for m in mentions:
        weight = PARTY_WEIGHTS.get(m.kind, 0.0)
        who = m.committer if m.actor_type != "organization" else m.actor_id
        if not weight or not who or (m.actor_type == "person" and not m.country):
            continue
        if m.kind in {"name", "alias"} and grammar.locative_before.search(text, max(0, m.start - 24), m.start):
            weight *= LOCATIVE_FACTOR
        weights[who] += weight
    return weights


def text_parties(weights: Counter[str]) -> list[str]:
    """Return the parties of a text, sorted: those whose weight (see `party_weights`) reaches `PARTY_SHARE`
    of the top weight and at least one full mention."""
    if not weights:
        return []
    top = max(weights.values())
    return sorted(a for a, w in weights.items() if w >= max(1.0, PARTY_SHARE * top))


def only_person_of_each_state(mentions: list[Mention]) -> dict[str, Mention]:
    """Return, for each state exactly one person of which the text names, that person's first mention."""
    seen: dict[str, dict[str, Mention]] = {}
    for m in mentions:
        if m.actor_type == "person" and m.country:
            seen.setdefault(m.country, {}).setdefault(m.actor_id, m)
    return {country: next(iter(p.values())) for country, p in seen.items() if len(p) == 1}


def lead_party(weights: Counter[str], parties: list[str]) -> str:
    """Return the most named of the parties (the protagonist of a report of one leader's meetings), or ""."""
    ranked = sorted(parties, key=lambda a: (-weights[a], a))
    return ranked[0] if ranked else ""


def resolve_groups(
    mentions: list[Mention],
    parties: list[str],
    weights: Counter[str],
    text: str,
    sentences: list[tuple[int, int]],
    grammar: Grammar,
) -> list[Mention]:
    """Return `mentions` with each group reference's actor_id set to the `;`-joined states it stands for.

    With two parties or fewer a group is the parties. In a text with more
    ("Xi met Macron, Merkel and Trump… the two presidents agreed"), it is
    the parties named in its own sentence before it and in the sentence
    before that; a group of two ("ambos", "both", "the two") takes the
    two parties most named there, the text's `weights` breaking ties.
    """
    if len(parties) <= 2:
        joined = ";".join(parties)
        return [replace(m, actor_id=joined) if m.actor_type == "group" else m for m in mentions]
    top = max(weights.values())
    people_states = {m.country for m in mentions if m.actor_type == "person" and m.country}
    starts = [s for s, _ in sentences]
    m_starts = [m.start for m in mentions]
    out = []
    for i, m in enumerate(mentions):
        if m.actor_type != "group":
            out.append(m)
            continue
        k = max(0, bisect.bisect_right(starts, m.start) - 1)
        lo = sentences[max(0, k - 1)][0] if sentences else 0
        local = party_weights(mentions[bisect.bisect_left(m_starts, lo) : i], text, grammar)
        words = m.text.lower().split()
        if any(w in grammar.dual_words for w in words):
            # the two most named, nearby first, in the whole text next; "the two prime ministers" are two of the
            # states whose leaders the text names
            leaders = people_states if any(_is_title(w, grammar.person_titles) for w in words) else set()
            score = {a: local[a] + weights[a] / top + LEADER_BONUS * (a in leaders) for a in parties}
            chosen = sorted(parties, key=lambda a: (-score[a], a))[:2]
        else:
            chosen = [a for a in parties if local[a]]
        if len(chosen) < 2:
            chosen = parties
        out.append(replace(m, actor_id=";".join(sorted(chosen))))
    return out
