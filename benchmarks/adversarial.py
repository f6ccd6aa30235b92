"""Time the analysis of adversarial inputs at 1x, 2x and 4x their size: time should grow like the size.

usage: python benchmarks/adversarial.py [--scale F]

The 1x inputs are those a hostile or broken archive holds: 100,000
repetitions of "a ", quotations nested 100,000 deep, a megabyte without a
space, and repetitions of the patterns the rules look for. Each line gives
the characters and seconds at 1x, 2x and 4x, and the ratio of 4x to 1x
seconds (4.0 is linear; 16 would be quadratic). --scale multiplies every
1x size (0.1 for a quick look).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.io import Document, decode_bytes
from analysis.pipeline import analyse_document


def repeat(unit: str, times: int) -> Callable[[float], str]:
    return lambda k: unit * int(times * k)


def nested(depth: int) -> Callable[[float], str]:
    """Quotations inside quotations, `depth` deep, each opened with a speaker and closed at the end."""
    opening, closing = "Putin dijo: «Rusia afirmó que “", "”»"
    return lambda k: opening * int(depth * k) + "cooperarán" + closing * int(depth * k) + "."


INPUTS: dict[str, Callable[[float], str]] = {
    "100k × 'a '": repeat("a ", 100_000),
    "quotes nested 100k deep": nested(100_000),
    "quote marks only, 100k": repeat("«“", 100_000),
    "1 MB without a space": repeat("a", 1_000_000),
    "1 MB of one word, no space": repeat("acordaron", 111_111),
    "sentence without a period": repeat("Rusia y China acordaron cooperar en energía y comercio ", 4_000),
    "speech verbs": repeat("Putin dijo que ", 15_000),
    "English triggers": repeat("Russia will agree to cooperate and ", 6_000),
    "signing verbs": repeat("firmaron un acuerdo y ", 10_000),
    "points": repeat(".", 200_000),
    "spaces then a point": repeat("   . ", 40_000),
    "commas and names": repeat("Rusia, ", 30_000),
    "markdown stars": repeat("*a ", 60_000),
    "5 MB line, no punctuation": repeat("cooperación ", 416_666),
}


def seconds(text: str) -> float:
    start = time.perf_counter()
    analyse_document(Document("d", "d", "", "", decode_bytes(text.encode("utf-8"))), language="es")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every 1x size by F (default 1)")
    parser.add_argument("--only", default="", help="run only the inputs whose name holds this text")
    args = parser.parse_args()
    seconds("warm up: Rusia y China acordaron cooperar.")
    print(f"{'input':30} {'1x chars':>10} {'1x s':>7} {'2x s':>7} {'4x s':>7} {'4x/1x':>6}")
    for name, make in INPUTS.items():
        if args.only not in name:
            continue
        times = [seconds(make(args.scale * k)) for k in (1, 2, 4)]
        size = len(make(args.scale))
        ratio = times[2] / max(times[0], 1e-9)
        print(f"{name:30} {size:10,d} {times[0]:7.2f} {times[1]:7.2f} {times[2]:7.2f} {ratio:6.1f}")


if __name__ == "__main__":
    main()
