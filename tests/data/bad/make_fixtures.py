"""Write the bad-input fixtures in inputs/ from the development set's real texts.

usage: python tests/data/bad/make_fixtures.py

The files are committed; run this only to rebuild them. `expected.json`
says what accords does with each one, and README.md why. The inputs that cannot live in git
(a 5 MB line, a symlink loop, a file name that is not UTF-8, a path that
does not exist) are made by the tests themselves (tests/test_bad_inputs.py).
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
INPUTS = HERE / "inputs"
DEVSET = HERE.parent / "devset"


def paragraphs(name: str, n: int) -> str:
    """Return the first `n` paragraphs (lines) of a development-set text."""
    return "\n".join((DEVSET / name).read_text(encoding="utf-8").split("\n")[:n])


# Cuba–Spain memoranda (accents, ñ); US–Ukraine troops (curly quotes, which only CP1252 among legacy encodings has).
CUBA = paragraphs("03_cu_es_memorandos.txt", 3)
TROOPS = paragraphs("06_us_ua_tropas.txt", 2)
PAYLOAD = "<script>document.title='PWNED'</script><img src=x onerror=\"document.body.dataset.pwned=1\">"


def main() -> None:
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t \r\n   \n",
        "random_bytes.txt": random.Random(5).randbytes(4096),
        "latin1_es.txt": CUBA.encode("latin-1"),
        "cp1252_es.txt": TROOPS.encode("cp1252"),
        "utf16_bom_es.txt": CUBA.encode("utf-16"),
        "utf8_bom_es.txt": TROOPS.encode("utf-8-sig"),
        "crlf_es.txt": CUBA.replace("\n", "\r\n").encode("utf-8"),
        "acuerdo_ñandú_日本.txt": TROOPS.encode("utf-8"),
        'informe «final» d\'Ávila "copia".txt': CUBA.encode("utf-8"),
        "page_with_scripts.html": (
            "<!doctype html><html><head><title>Cuba y España firman memorandos</title>"
            "<style>body { background: url('javascript:alert(1)') }</style>"
            "<script>document.title='PWNED'; fetch('https://example.invalid/')</script></head>"
            '<body onload="alert(1)"><nav>Inicio | Mundo</nav><article>'
            + "".join(f"<p>{p}</p>" for p in CUBA.split("\n"))
            + "<script>alert('inline')</script></article><footer>© Escambray</footer></body></html>"
        ).encode("utf-8"),
        "literal_payloads.txt": f"{TROOPS}\nEl comunicado citaba {PAYLOAD} sin más.".encode(),
        "corpus.csv": (
            "id,date,title,text\n"
            f'cu-1,2018-11-22,Memorandos,"{CUBA.split(chr(10))[0]}"\n'
            "blank-1,2018-11-23,Sin texto,\n"
            f'nl-1,2024-02-27,Tropas,"{TROOPS.replace(chr(10), chr(10) + chr(10))}"\n'
            f'bad-date,2024-02-31,Fecha imposible,"{CUBA.split(chr(10))[1]}"\n'
            f'eu-date,27/02/2024,Fecha europea,"{TROOPS.split(chr(10))[0].replace(chr(34), "")}"\n'
        ).encode(),
        "broken.jsonl": (
            json.dumps({"id": "j-1", "title": "Memorandos", "text": CUBA.split("\n")[0]}, ensure_ascii=False)
            + '\n{"id": "j-2", "title": "roto", "text": "Cuba y España\n'
            + json.dumps({"id": "j-3", "title": "Tropas", "text": TROOPS.split("\n")[0]}, ensure_ascii=False)
            + "\n"
        ).encode("utf-8"),
        "compressed.txt.gz": gzip.compress(CUBA.encode("utf-8"), mtime=0),
        "not_gzip.txt.gz": b"Cuba y Espa\xf1a firmaron dos memorandos.",
        "image.png": b"\x89PNG\r\n\x1a\n" + random.Random(6).randbytes(64),
    }
    for name, data in files.items():
        (INPUTS / name).write_bytes(data)


if __name__ == "__main__":
    main()
