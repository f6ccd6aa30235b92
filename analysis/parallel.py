"""Where documents are analysed: in this process, in N local processes, or on a Dask cluster.

Every backend takes documents in batches, analyses each batch with
`analyse_batch`, and gives the results back in input order, so that the
tables are the same whichever backend made them. Only a bounded number of
batches is in flight at a time: reading never runs ahead of analysis by
more than that, and memory stays flat on any corpus size.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from analysis.errors import ArgumentError, TaxonomyError
from analysis.io import Document, InputFailure, printable

Rows = dict[str, list[dict[str, object]]]
Item = Document | InputFailure
# Documents sent to a worker at a time: large enough to amortize the round trip, small enough to balance.
BATCH = 64
# Batches in flight per worker.
WINDOW = 3
# Objects made before a young-generation garbage collection, in the processes that only run accords
# (700 by default). The analysis makes short-lived objects by the million and no reference cycles
# worth collecting: on the 24,064 news items, `extract` spent 0.21 s in 737 collections, and 0.06 s
# in 34 with this.
GC_THRESHOLD = 10_000


def tune_gc() -> None:
    """Collect garbage less often: for a process that does nothing but accords' command line or its workers."""
    gc.set_threshold(GC_THRESHOLD, 20, 20)


def analyse_batch(items: list[Item], language: str, taxonomy: str | None) -> list[Rows]:
    """Analyse a batch of documents (and pass failures through as `errors` rows).

    Returns:
        One `Rows` per item, in order (see `analysis.pipeline.analyse_document`).
    """
    from analysis.pipeline import ANALYSIS_LOCK

    with ANALYSIS_LOCK:  # a threaded Dask worker runs batches in threads: they take turns
        return _analyse_batch(items, language, taxonomy)


def _analyse_batch(items: list[Item], language: str, taxonomy: str | None) -> list[Rows]:
    from analysis.pipeline import analyse_document

    languages = _languages(items, language)
    out: list[Rows] = []
    for item in items:
        if isinstance(item, InputFailure):
            out.append({"errors": [{"source": item.source, "error": item.error}]})
        else:
            try:
                out.append(analyse_document(item, language=languages.get(id(item), language), taxonomy=taxonomy))
            except (ArgumentError, TaxonomyError):
                raise  # the run's settings, not the document: every document would fail alike
            except Exception as exc:  # noqa: BLE001 - one document must not stop a corpus
                error = printable(f"analysis failed ({type(exc).__name__}: {exc}); please report this document")
                out.append({"errors": [{"source": item.source, "error": error}]})
    return out


def _languages(items: list[Item], language: str) -> dict[int, str]:
    """Return the detected language of each document of a batch, by `id`, when `language` is "auto".

    One call for the batch (`detect_languages`) costs less than one per document. Should it fail,
    nothing is returned, and each document is detected on its own, its failure its own errors row.
    """
    if language != "auto":
        return {}
    from analysis.language import detect_languages

    documents = [item for item in items if isinstance(item, Document)]
    try:
        codes = detect_languages([d.text for d in documents])
        return {id(doc): code for doc, code in zip(documents, codes, strict=True)}
    except Exception:  # noqa: BLE001 - the per-document path reports it
        return {}


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def resolve_jobs(jobs: int) -> int:
    """Return the number of processes `jobs` asks for: itself, or every core for 0.

    Raises:
        ArgumentError: `jobs` is negative.
    """
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 0:
        raise ArgumentError(f"jobs value = {jobs!r} is invalid; value must be a whole number ≥ 1, or 0 for every core")
    return jobs or os.cpu_count() or 1


def _windowed(
    batches: Iterator[list[Item]], submit: Callable[[list[Item]], Any], result: Callable[[Any], list[Rows]], size: int
) -> Iterator[Rows]:
    """Keep at most `size` batches submitted; yield their results in submission order."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= size:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def analyse_items(
    items: Iterable[Item],
    *,
    language: str = "auto",
    taxonomy: str | Path | None = None,
    jobs: int = 1,
    client: Any = None,
    batch: int = BATCH,
) -> Iterator[Rows]:
    """Yield the rows of each item, in input order, analysed by the chosen backend.

    `client` is a `dask.distributed.Client`; without one, `jobs` local processes
    (1: this process).

    Returns:
        An iterator of `Rows`, one per item.

    Raises:
        ArgumentError: `jobs` is negative.
    """
    tax = str(taxonomy) if taxonomy is not None else None
    workers = resolve_jobs(jobs)
    if client is not None:
        n = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _windowed(
            _batches(items, batch),
            lambda b: client.submit(analyse_batch, b, language, tax, pure=False),
            lambda future: future.result(),
            WINDOW * n,
        )
        return
    if workers == 1:
        for chunk in _batches(items, batch):
            yield from analyse_batch(chunk, language, tax)
        return
    # spawn: workers start clean on every platform (no forked locks or threads); each loads the data once.
    with multiprocessing.get_context("spawn").Pool(workers, initializer=tune_gc) as pool:
        yield from _windowed(
            _batches(items, batch),
            lambda b: pool.apply_async(analyse_batch, (b, language, tax)),
            lambda pending: pending.get(),
            WINDOW * workers,
        )


def connect(address: str) -> Any:
    """Return a `dask.distributed.Client` connected to the scheduler at `address` ("tcp://host:8786").

    Raises:
        ArgumentError: Dask is not installed, or no scheduler answers at `address`.
    """
    try:
        from dask.distributed import Client
    except ImportError:
        raise ArgumentError("--scheduler needs dask[distributed]: pip install -r requirements.txt") from None
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ArgumentError(f"no Dask scheduler answers at {address}: {exc}") from None
