"""Time the analysis of adversarial inputs at two sizes: the time should roughly double, not quadruple.

usage: python benchmarks/adversarial.py [--scale N]
Prints one line per input: its size at 1x and 2x, the seconds each took, and their ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.io import Document
from analysis.pipeline import analyse_document

INPUTS = {
    "sentence without a period": "Rusia y China acordaron cooperar en energía y comercio ",
    "speech verbs": "Putin dijo que ",
    "English triggers": "Russia will agree to cooperate and ",
    "signing verbs": "firmaron un acuerdo y ",
    "repeated 'a '": "a ",
    "points": ".",
    "spaces then a point": "   . ",
    "commas and names": "Rusia, ",
    "nested quotes": "«“",
    "markdown stars": "*a ",
}


def run(unit: str, repeat: int) -> float:
    text = unit * repeat
    start = time.perf_counter()
    analyse_document(Document("d", "d", "", "", text), language="es")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=50_000, help="characters of the 1x input (default 50000)")
    args = parser.parse_args()
    run("warm up ", 10)
    print(f"{'input':28} {'1x chars':>9} {'1x s':>7} {'2x s':>7} {'ratio':>6}")
    for name, unit in INPUTS.items():
        repeat = max(1, args.scale // len(unit))
        one, two = run(unit, repeat), run(unit, 2 * repeat)
        print(f"{name:28} {len(unit) * repeat:9d} {one:7.2f} {two:7.2f} {two / max(one, 1e-9):6.1f}")


if __name__ == "__main__":
    main()
