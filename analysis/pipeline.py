"""Run the whole analysis: read → segment → resolve actors → topics, commitments, statements, agreements → tables."""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from analysis.actors import (
    discover_people,
    find_mentions,
    lead_party,
    only_person_of_each_state,
    party_weights,
    resolve_groups,
    text_parties,
)
from analysis.agreements import find_agreements, find_listed_agreement
from analysis.clauses import Sentence
from analysis.commitments import find_commitments, listed_commitment, open_list
from analysis.errors import ArgumentError
from analysis.io import MAX_CHARS, Document, iter_inputs
from analysis.language import resolve_language
from analysis.lexicon import Grammar, load_grammar, noun_pattern
from analysis.segment import split_sentences
from analysis.statements import find_statements
from analysis.tables import FORMATS, SCHEMAS, Tables, TableWriter, frame
from analysis.topics import load_taxonomy

# The progress bar appears only when a run lasts longer than this, in seconds.
PROGRESS_DELAY = 0.5
# Documents whose rows `extract_to_dir` gathers before writing them out.
CHUNK_DOCUMENTS = 2_000
CHUNK_ROWS = 100_000

Rows = dict[str, list[dict[str, object]]]
_LIST_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|[a-z][)]|[-•·*–])\s")


def _names_document(sentence: str, grammar: Grammar) -> bool:
    """Tell whether a sentence names a document (declaration, memorandum…)."""
    return noun_pattern(grammar)[0].search(sentence) is not None


# The analysers keep per-text look-ups (the prefilters' scan, language weights, word memos) between calls:
# one document at a time per process. Threads would gain nothing anyway: the analysis holds the GIL.
ANALYSIS_LOCK = threading.RLock()


def analyse_document(doc: Document, *, language: str = "auto", taxonomy: str | Path | None = None) -> Rows:
    """Analyse one document (safe to call from several threads: they take turns).

    Returns:
        Rows for each table but `errors`, keyed by table name (dicts with
        the table's columns), ready for `analysis.tables.frame`.
    """
    with ANALYSIS_LOCK:
        return _analyse_document(doc, language=language, taxonomy=taxonomy)


def _analyse_document(doc: Document, *, language: str, taxonomy: str | Path | None) -> Rows:
    text = doc.text
    lang = resolve_language(text, language)
    grammar = load_grammar(lang)
    tax = load_taxonomy(lang, taxonomy)
    spans = split_sentences(text, abbreviations=grammar.abbreviations)
    mentions = find_mentions(text, lang)
    mentions = sorted(mentions + discover_people(text, mentions, grammar), key=lambda m: (m.start, m.end))
    weights = party_weights(mentions, text, grammar)
    parties = text_parties(weights)
    mentions = resolve_groups(mentions, parties, weights, text, [(s.start, s.end) for s in spans], grammar)
    lead = lead_party(weights, parties)
    previous_actors: list[str] = []
    people = only_person_of_each_state(mentions)
    listing: dict[str, object] | None = None  # the signing row a colon-ended sentence opens a list with
    contents_open = False  # the sentence before introduced a list of what a document sets out
    contents_paragraph = -1  # the paragraph of the list item being read
    opened: dict[str, object] | None = None  # a commitment whose actions a list gives ("agreed to:")
    rows: Rows = {name: [] for name in SCHEMAS if name != "errors"}
    rows["documents"].append(
        {
            "doc_id": doc.doc_id,
            "source": doc.source,
            "title": doc.title,
            "date": doc.date,
            "language": lang,
            "text": text,
            "n_sentences": len(spans),
        }
    )
    m_index = 0
    speaker = None
    for sid, span in enumerate(spans):
        sentence = text[span.start : span.end]
        rows["sentences"].append(
            {
                "doc_id": doc.doc_id,
                "sentence_id": sid,
                "paragraph_id": span.paragraph_id,
                "start": span.start,
                "end": span.end,
                "text": sentence,
            }
        )
        inside = []
        while m_index < len(mentions) and mentions[m_index].start < span.end:
            if mentions[m_index].start >= span.start:
                inside.append(mentions[m_index])
            m_index += 1
        for m in inside:
            rows["mentions"].append(
                {
                    "doc_id": doc.doc_id,
                    "sentence_id": sid,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "actor_id": m.actor_id,
                    "actor_type": m.actor_type,
                    "country": m.country,
                    "kind": m.kind,
                }
            )
        sent = Sentence.build(
            text,
            span.start,
            span.end,
            sid,
            inside,
            parties,
            grammar,
            tax,
            lead=lead,
            previous_actors=previous_actors,
            people=people,
        )
        for topic, score, hits in tax.rank(tax.hits(text, span.start, span.end)):
            rows["topics"].append(
                {
                    "doc_id": doc.doc_id,
                    "sentence_id": sid,
                    "topic": topic,
                    "cap_code": tax.codes[topic],
                    "score": score,
                    "evidence": ";".join(sorted({h.term.lower() for h in hits})),
                    "start": hits[0].start,
                    "end": hits[0].end,
                }
            )
        agreements = find_agreements(sent, known=bool(rows["agreements"]))
        if listing is not None:
            item = find_listed_agreement(sent)
            if item is None:
                listing = None
            else:
                agreements.append(item)
                if listing.get("count", 1) != 1 and listing in rows["agreements"]:
                    rows["agreements"].remove(listing)  # the items replace the row that only counted them
        if agreements and sentence.rstrip().endswith(":"):
            listing = {"doc_id": doc.doc_id, **agreements[-1]}
        statements, speaker = find_statements(sent, speaker)
        # Who said what: a first-person promise in a quotation is the speaker's ("Apoyaremos…", dijo Sánchez).
        sent.said = [(int(r["start"]), int(r["end"]), str(r["speaker_country"] or r["speaker"])) for r in statements]
        item_start = bool(_LIST_ITEM.match(sentence))
        in_contents = contents_open and (item_start or span.paragraph_id == contents_paragraph)
        contents_paragraph = span.paragraph_id if in_contents else -1
        commitments = find_commitments(sent, signed=bool(agreements) or in_contents)
        if opened is not None:  # "Both sides agreed to:" followed by "- build roads;"
            item = listed_commitment(sent, opened)
            if item is None:
                opened = None
            else:
                commitments.append(item)
        if not commitments:
            opened = open_list(sent) or opened
        # "the Joint Declaration states, inter alia," / "El acuerdo establece:" opens a list of what it sets out.
        contents_open = in_contents or (
            sentence.rstrip().endswith((":", ",")) and bool(agreements or _names_document(sentence, grammar))
        )
        previous_actors = str(commitments[-1]["actors"]).split(";") if commitments else []
        for name, found in (("agreements", agreements), ("statements", statements), ("commitments", commitments)):
            if found:  # most sentences have none
                rows[name].extend({"doc_id": doc.doc_id, **r} for r in found)
    return rows


def extract(
    inputs: str | Path | Sequence[str | Path],
    *,
    language: str = "auto",
    taxonomy: str | Path | None = None,
    progress: bool | None = None,
    jobs: int = 1,
    client: Any = None,
    max_chars: int = MAX_CHARS,
) -> Tables:
    """Analyse texts and return the eight tables of the data contract.

    Args:
        inputs: text files (.txt, .md, .html), folders (searched
            recursively) or table corpora (.csv, .jsonl, .parquet with a
            `text` column), one or several.
        language: "auto" to detect each document's language, or a code
            ("es", "en") to force one.
        taxonomy: a topic taxonomy JSON file replacing the default one.
        progress: show a progress bar on stderr; by default when stderr
            is a terminal and there are many documents.
        jobs: local processes to analyse with (0: one per core). The
            tables are the same for any number.
        client: a `dask.distributed.Client`; documents are then analysed
            on its cluster, in batches, and `jobs` is not used.
        max_chars: the longest document analysed, in characters; a longer
            one is an `errors` row (0: no limit).

    Returns:
        `Tables` with documents, sentences, mentions, topics,
        commitments, statements, agreements and errors (columns: see
        `analysis.tables.SCHEMAS`). Every input is in `documents` or `errors`.

    Raises:
        InputPathError: an input does not exist.
        ArgumentError: `language` is not "auto" or a language code, `jobs` or `max_chars` is negative.
        TaxonomyError: the taxonomy file cannot be used.

    Example:
        >>> tables = extract("seeds/", jobs=2)  # doctest: +SKIP
        >>> tables.commitments[["actors", "strength", "action"]]  # doctest: +SKIP
    """
    collected: Rows = {name: [] for name in SCHEMAS}
    for rows in iter_rows(
        inputs, language=language, taxonomy=taxonomy, progress=progress, jobs=jobs, client=client, max_chars=max_chars
    ):
        for name, found in rows.items():
            collected[name].extend(found)
    return Tables(**{name: frame(name, rows) for name, rows in collected.items()})


def extract_to_dir(
    inputs: str | Path | Sequence[str | Path],
    out: str | Path,
    *,
    format: str = "csv",  # noqa: A002 - the CLI's word
    language: str = "auto",
    taxonomy: str | Path | None = None,
    progress: bool | None = None,
    jobs: int = 1,
    client: Any = None,
    chunk: int = CHUNK_DOCUMENTS,
    max_chars: int = MAX_CHARS,
    exclude: Sequence[str | Path] = (),
) -> dict[str, int]:
    """Analyse texts and write the tables into `out` as they are made, `chunk` documents at a time.

    A chunk also ends at `CHUNK_ROWS` rows, so that long documents keep memory flat too.

    Memory does not grow with the corpus: nothing holds all of it. The files
    are those of `Tables.to_dir` and are byte-identical for any `jobs` or cluster.
    `out` itself, and the folders in `exclude`, are never read as inputs, so an
    output folder inside an input folder is not analysed on the next run.

    Returns:
        The number of rows written per table.

    Raises:
        As `extract`, and ArgumentError for an unknown `format` or an input file that `out` would overwrite.
    """
    _check_not_overwritten(inputs, Path(out))
    results = iter_rows(
        inputs,
        language=language,
        taxonomy=taxonomy,
        progress=progress,
        jobs=jobs,
        client=client,
        max_chars=max_chars,
        exclude=[out, *exclude],
    )
    pending: Rows = {name: [] for name in SCHEMAS}
    documents = held = 0
    with TableWriter(out, format=format) as writer:  # after the checks: a bad argument writes nothing
        for rows in results:
            for name, found in rows.items():
                pending[name].extend(found)
                held += len(found)
            documents += 1
            # Long documents make many rows: a chunk also ends at CHUNK_ROWS, so memory stays flat for them too.
            if documents == chunk or held >= CHUNK_ROWS:
                writer.write(pending)
                pending = {name: [] for name in SCHEMAS}
                documents = held = 0
        writer.write(pending)
    return dict(writer.rows)


def iter_rows(
    inputs: str | Path | Sequence[str | Path],
    *,
    language: str = "auto",
    taxonomy: str | Path | None = None,
    progress: bool | None = None,
    jobs: int = 1,
    client: Any = None,
    max_chars: int = MAX_CHARS,
    exclude: Sequence[str | Path] = (),
) -> Iterator[Rows]:
    """Yield the rows of each input document (or failure), in input order.

    See `extract` for the arguments; the folders in `exclude` are not searched.
    """
    from analysis.parallel import analyse_items, resolve_jobs

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if language != "auto":
        resolve_language("", language)  # validate before reading anything
    if taxonomy is not None:
        load_taxonomy(language if language != "auto" else "en", taxonomy)
    resolve_jobs(jobs)
    # A missing path or a bad argument stops the run here, before anything is written.
    items = iter_inputs(inputs, max_chars=max_chars, exclude=exclude)
    results = analyse_items(items, language=language, taxonomy=taxonomy, jobs=jobs, client=client)
    return _with_progress(results, progress)


def _check_not_overwritten(inputs: str | Path | Sequence[str | Path], out: Path) -> None:
    """Refuse an output folder whose table files would replace an input ("extract dir/documents.csv --out dir")."""
    targets = {(out.resolve() / f"{name}.{ext}") for name in SCHEMAS for ext in FORMATS}
    for given in [inputs] if isinstance(inputs, (str, Path)) else inputs:
        if Path(given).resolve() in targets:
            raise ArgumentError(f"--out {out} would overwrite the input {given}; write the tables elsewhere")


def _with_progress(items: Iterable[Rows], progress: bool | None) -> Iterable[Rows]:
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return iter(items)
    from tqdm import tqdm

    delay = 0 if progress else PROGRESS_DELAY  # asked for: shown at once, even for a short run
    return iter(tqdm(items, desc="documents", unit="doc", file=sys.stderr, delay=delay))
