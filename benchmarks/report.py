"""Time `python -m analysis report` end to end (kernel starts included) and size its pages.

Run by hand, from the project root:

    .venv/bin/python benchmarks/report.py                      # seeds/, three runs
    .venv/bin/python benchmarks/report.py ../shared/bench/noticias360.jsonl.gz --runs 1

Prints the wall time of each run, the peak memory of the command's own process, and the
size of report.html and corpus.html. Nothing here is asserted: the numbers go in notes.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "analysis", "report", *args.inputs, "--out", str(out),
                            "--no-progress"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
            times.append(time.perf_counter() - start)
            sizes = {p.name: p.stat().st_size for p in sorted(out.glob("*.html"))}
            print(f"run {run + 1}: {times[-1]:.1f} s; " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sizes.items()))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"median {statistics.median(times):.1f} s over {len(times)} run(s); largest process {peak:.0f} MB")


if __name__ == "__main__":
    main()
