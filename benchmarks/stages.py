"""Where the time of an extraction goes: seconds per analysis stage, in one process.

usage: python benchmarks/stages.py CORPUS [--language auto]

Reads CORPUS (any input `extract` takes), then analyses it in batches as
`extract` does, with a timer around each stage of `analysis.pipeline`
(language detection, mentions, people, sentence set-up, topics,
commitments, statements, agreements…). Reading and writing are not timed.
Prints each stage's seconds, its share of the analysis and its calls.
The timers cost a little: shares are what to read, not the total. The topic
look-ups of commitment actions are counted both in "topics" and in
"find_commitments", so "the rest" is a little short.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import analysis.language as language_module
import analysis.pipeline as pipeline
from analysis.clauses import Sentence
from analysis.io import iter_inputs
from analysis.parallel import BATCH, analyse_batch
from analysis.topics import Taxonomy

SECONDS: Counter[str] = Counter()
CALLS: Counter[str] = Counter()
STAGES = ("split_sentences", "find_mentions", "discover_people", "party_weights", "resolve_groups",
          "find_agreements", "find_statements", "find_commitments", "open_list", "listed_commitment",
          "find_listed_agreement")  # fmt: skip


def timed(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Return `function` adding its seconds and calls under `label`."""

    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SECONDS[label] += time.perf_counter() - start
            CALLS[label] += 1

    return run


def instrument() -> None:
    """Put a timer around each stage the pipeline calls."""
    for name in STAGES:
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    build = Sentence.build.__func__
    Sentence.build = classmethod(timed("Sentence.build (speech verbs, prefilter scan)", build))
    Taxonomy.hits = timed("topics: hits", Taxonomy.hits)
    Taxonomy.rank = timed("topics: rank", Taxonomy.rank)
    language_module.detect_languages = timed("language detection", language_module.detect_languages)
    pipeline._analyse_document = timed("document (all of it)", pipeline._analyse_document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", help="a file or folder `extract` can read")
    parser.add_argument("--language", default="auto", help="'auto' (default) or a language code")
    args = parser.parse_args()
    items = list(iter_inputs([args.corpus]))
    instrument()
    start = time.perf_counter()
    for i in range(0, len(items), BATCH):
        analyse_batch(items[i : i + BATCH], args.language, None)
    total = time.perf_counter() - start
    print(f"{len(items):,} inputs analysed in {total:.2f} s (reading not counted)")
    staged = sum(s for label, s in SECONDS.items() if label not in ("document (all of it)", "language detection"))
    SECONDS["document: the rest (rows, bookkeeping)"] = SECONDS["document (all of it)"] - staged
    for label, seconds in SECONDS.most_common():
        calls = f"{CALLS[label]:,}" if CALLS[label] else ""
        print(f"{label:48} {seconds:7.2f} s {seconds / total:6.1%} {calls:>9}")


if __name__ == "__main__":
    main()
