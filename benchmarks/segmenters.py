"""Compare accords' sentence splitter with pysbd on correctness cases and on speed.

pysbd is not a dependency: install it in a separate environment to run this
(`pip install pysbd==0.3.4`). Usage:

    python benchmarks/segmenters.py [TEXT_FILE]

Prints, for each Spanish test case, the sentences each splitter gives, then
the time each takes on TEXT_FILE (default: the first transcript of
../shared/bench/mananeras-400.tar.gz, extracted to a temporary folder).
"""

from __future__ import annotations

import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pysbd

from analysis.lexicon import load_grammar
from analysis.segment import split_sentences

CASES = [
    "El Sr. Pérez y la Dra. Gómez llegaron. Luego hablaron.",
    "Viajó a EE.UU. para firmar. Volvió el lunes.",
    "El PIB creció 3,5 % y se invirtieron 1.000 millones. Bien.",
    "«Es un gran día.» Así lo dijo Putin. ¿Y ahora? Veremos.",
]
BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "mananeras-400.tar.gz"


def ours(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, abbreviations=load_grammar("es").abbreviations)]


def theirs(text: str) -> list[str]:
    return [s.sent.strip() for s in pysbd.Segmenter(language="es", clean=False, char_span=True).segment(text)]


def sample_text() -> str:
    if len(sys.argv) > 1:
        return Path(sys.argv[1]).read_text(encoding="utf-8")
    with tarfile.open(BENCH) as tar, tempfile.TemporaryDirectory() as tmp:
        member = next(m for m in sorted(tar.getmembers(), key=lambda m: m.name) if m.name.endswith(".txt"))
        tar.extract(member, tmp, filter="data")
        return (Path(tmp) / member.name).read_text(encoding="utf-8")


def main() -> None:
    for case in CASES:
        print(f"text:   {case}\naccords: {ours(case)}\npysbd:   {theirs(case)}\n")
    text = sample_text()
    for name, split in (("accords", ours), ("pysbd", theirs)):
        split(text)  # warm up
        start = time.perf_counter()
        n = len(split(text))
        print(f"{name:8} {len(text):8d} chars  {n:5d} sentences  {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
