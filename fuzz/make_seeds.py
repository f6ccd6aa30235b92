"""Write the committed seed inputs of every fuzz target into `fuzz/seeds/<target>/`.

The seeds are small slices (each file under 4 KB) of the project's own texts,
`seeds/*.txt` and `tests/data/devset/*.txt`, encoded the way each harness reads
its input. Run from the project root: `python fuzz/make_seeds.py`.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
MAX_SEED = 4096  # bytes; every seed stays below it
# The suffixes `fuzz_read` picks from; keep in step with `fuzz_read.SUFFIXES`.
SUFFIXES = (".txt", ".html", ".md", ".csv", ".jsonl", ".txt.gz", ".csv.gz", ".jsonl.gz", ".parquet")


def sources() -> list[Path]:
    """Return the real texts the seeds are cut from, in a stable order."""
    return sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/data/devset/*.txt"))[:6]


def slices(chars: int) -> Iterator[tuple[str, str]]:
    """Yield `(name, text)`: the first `chars` characters of each source, cut at a line end."""
    for path in sources():
        text = path.read_text(encoding="utf-8")[:chars]
        if "\n" in text[chars // 2 :]:
            text = text[: text.rindex("\n")]
        yield path.stem[:24], text.strip() + "\n"


def fdp_unicode(text: str) -> bytes:
    """Encode `text` as `FuzzedDataProvider.ConsumeUnicodeNoSurrogates` reads it: an even byte, then UTF-16."""
    return b"\x02" + text.encode("utf-16-le")


def to_html(name: str, text: str) -> str:
    """Wrap `text` in a small news page with furniture the extractor must drop."""
    paras = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{name}</title><style>p{{}}</style></head>"
        f"<body><nav>Inicio | Mundo</nav><article><header><h1>{name}</h1></header>\n{paras}</article>"
        "<footer>&copy; 2024 &amp; &#8220;diario&#8221;</footer><script>var x = '<p>';</script></body></html>\n"
    )


def to_markdown(name: str, text: str) -> str:
    """Turn `text` into Markdown with a heading, emphasis and a link."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines:
        lines[0] = f"**{lines[0][:40]}**{lines[0][40:]}"
    return f"# {name}\n\n" + "\n\n".join(lines) + "\n\n[Fuente](https://example.org/a_(b)) `ok` _fin_\n"


def to_csv(rows: list[tuple[str, str]]) -> bytes:
    """Return a table corpus with id, title, date and text columns as CSV bytes."""
    out = io.StringIO()
    out.write("id,title,date,text\n")
    for i, (name, text) in enumerate(rows):
        body = text.replace('"', '""')
        out.write(f'{i},{name},2024-05-0{i + 1}T10:00:00Z,"{body}"\n')
    out.write("9,bad,row,with,too,many,fields\n")
    return out.getvalue().encode("utf-8")


def to_jsonl(rows: list[tuple[str, str]]) -> bytes:
    """Return a table corpus as JSON lines, one malformed line included."""
    lines = [
        json.dumps({"id": i, "title": name, "date": f"2024-05-0{i + 1}", "text": text}, ensure_ascii=i % 2 == 0)
        for i, (name, text) in enumerate(rows)
    ]
    lines.insert(1, '{"id": 7, "text": ')
    lines.append('["not", "an", "object"]')
    lines.append('{"id": 8, "text": "<p>Una <b>frase</b> con &amp; marcas.</p>", "date": null}')
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_parquet(rows: list[tuple[str, str]]) -> bytes:
    """Return a small table corpus as Parquet bytes (needs pyarrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"id": [str(i) for i in range(len(rows))], "text": [t for _, t in rows]})
    out = io.BytesIO()
    pq.write_table(table, out, compression="none")
    return out.getvalue()


def read_seed(suffix: str, payload: bytes) -> bytes:
    """Encode a `fuzz_read` input: one byte that picks `suffix` (gzip applied by the harness), then the bytes."""
    return bytes([SUFFIXES.index(suffix)]) + payload


def build() -> dict[str, dict[str, bytes]]:
    """Return the seeds of every target: target → file name → bytes."""
    seeds: dict[str, dict[str, bytes]] = {name: {} for name in ("decode", "markup", "read", "segment", "analyse")}
    texts = list(slices(1200))
    short = list(slices(400))
    for name, text in texts:
        seeds["decode"][f"{name}.utf8"] = text.encode("utf-8")
        seeds["segment"][f"{name}.bin"] = fdp_unicode(text[:1900])
    for i, (name, text) in enumerate(short):
        seeds["analyse"][f"{name}.bin"] = bytes([i % 2]) + fdp_unicode(text)
        seeds["markup"][f"{name}.html.bin"] = fdp_unicode(to_html(name, text)[:1900])
        seeds["markup"][f"{name}.md.bin"] = fdp_unicode(to_markdown(name, text)[:1900])
    name, text = short[0]
    seeds["decode"]["cp1252.txt"] = text.replace("\n", "\r\n").encode("cp1252", errors="replace")
    seeds["decode"]["utf16-bom.txt"] = text[:300].encode("utf-16")
    seeds["decode"]["utf8-bom-nfd.txt"] = b"\xef\xbb\xbf" + "Cooperacio\u0301n y energi\u0301a.\r\n".encode()
    seeds["read"]["txt.bin"] = read_seed(".txt", text.encode("utf-8"))
    seeds["read"]["html.bin"] = read_seed(".html", to_html(name, text).encode("utf-8"))
    seeds["read"]["md.bin"] = read_seed(".md", to_markdown(name, text).encode("utf-8"))
    seeds["read"]["csv.bin"] = read_seed(".csv", to_csv(short[:3]))
    seeds["read"]["jsonl.bin"] = read_seed(".jsonl", to_jsonl(short[:3]))
    seeds["read"]["txt-gz.bin"] = read_seed(".txt.gz", text.encode("cp1252", errors="replace"))
    seeds["read"]["csv-gz.bin"] = read_seed(".csv.gz", to_csv(short[3:5]))
    seeds["read"]["jsonl-gz.bin"] = read_seed(".jsonl.gz", to_jsonl(short[3:5]))
    seeds["read"]["parquet.bin"] = read_seed(".parquet", to_parquet([(n, t[:300]) for n, t in short[:2]]))
    seeds["read"]["gz-raw.bin"] = bytes([0x80 | SUFFIXES.index(".txt.gz")]) + gzip.compress(b"Hola.\n", mtime=0)
    return seeds


def main() -> int:
    """Write the seeds; fail when one would exceed the size limit."""
    for target, files in build().items():
        folder = SEEDS / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            if len(data) >= MAX_SEED:
                print(f"seed {target}/{name} is {len(data)} bytes, over the limit", file=sys.stderr)
                return 1
            (folder / name).write_bytes(data)
        print(f"{target}: {len(files)} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
