"""Reading inputs: encodings, markup, folders, table corpora, and every input accounted for."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

import analysis
from analysis.errors import InputPathError
from analysis.io import Document, InputFailure, decode_bytes, html_to_text, iter_inputs, markdown_to_text

SPANISH = "Rusia y Kazajistán firmaron una declaración en Astaná. El acuerdo contó con el apoyo de la señora Núñez."


@pytest.mark.parametrize(
    "data",
    [
        SPANISH.encode("utf-8"),
        "\ufeff".encode() + SPANISH.encode("utf-8"),
        SPANISH.encode("latin-1"),
        SPANISH.encode("cp1252"),
        SPANISH.encode("utf-16"),  # with BOM
    ],
    ids=["utf8", "utf8-bom", "latin1", "cp1252", "utf16-bom"],
)
def test_encodings_decode_to_the_same_text(data):
    assert decode_bytes(data) == SPANISH


def test_cp1252_specials_and_line_endings():
    raw = "“Cooperación” – acuerdo\r\nsegunda línea\rtercera".encode("cp1252")
    assert decode_bytes(raw) == "“Cooperación” – acuerdo\nsegunda línea\ntercera"


def test_html_keeps_text_drops_scripts_styles_navigation():
    html = (
        "<html><head><title>Cumbre &amp; acuerdo</title><style>p{color:red}</style></head><body>"
        "<nav>Inicio | Mundo</nav><script>alert('x')</script><h1>Cumbre</h1>"
        "<p>España y Francia firmaron un tratado.</p><p>Macron lo celebró &laquo;mucho&raquo;.</p>"
        "<footer>© Diario</footer></body></html>"
    )
    text, title = html_to_text(html)
    assert title == "Cumbre & acuerdo"
    assert text == "Cumbre\nEspaña y Francia firmaron un tratado.\nMacron lo celebró «mucho»."


def _read(*paths):
    items = list(iter_inputs(paths))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputFailure)]


def test_bad_files_become_errors_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a_good.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (tmp_path / "d_binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "e_image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "f_latin1.txt").write_bytes(SPANISH.encode("latin-1"))
    docs, errors = _read(tmp_path)
    assert [d.doc_id for d in docs] == ["a_good", "f_latin1"]
    assert docs[1].text == SPANISH
    messages = {os.path.basename(e.source): e.error for e in errors}
    assert messages["b_empty.txt"] == "empty file"
    assert "only whitespace" in messages["c_blank.txt"]
    assert "binary" in messages["d_binary.txt"]
    assert "unsupported file type" in messages["e_image.png"]
    tables = analysis.extract(tmp_path, progress=False)
    assert len(tables.documents) + len(tables.errors) == 6


def test_folder_is_recursive_sorted_and_ids_are_relative_paths(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "z" / "one.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.md").write_text("# Titular\n\n" + SPANISH, encoding="utf-8")
    docs, errors = _read(tmp_path)
    assert [d.doc_id for d in docs] == ["a/b/two", "z/one"]
    assert docs[0].title == "Titular"
    assert not errors


def test_symlink_loop_is_not_followed(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "t.txt").write_text(SPANISH, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "d" / "loop")
    docs, _ = _read(tmp_path)
    assert [d.doc_id for d in docs] == ["d/t"]


def test_colliding_ids_get_their_input_name(tmp_path):
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(SPANISH, encoding="utf-8")
    docs, _ = _read(tmp_path / "x", tmp_path / "y")
    assert [d.doc_id for d in docs] == ["same", "y/same"]


def test_csv_corpus_with_empty_cell_quoted_newline_and_broken_row(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(
        "id,title,date,text\n"
        'n1,Uno,2024-03-05,"Rusia firmó un acuerdo.\nSegunda línea."\n'
        "n2,Dos,not a date,\n"
        'n3,Tres,05/06/2024,"Chile y Perú acordaron cooperar.",extra,fields\n'
        'n4,Cuatro,,"España y Francia firmaron un tratado."\n',
        encoding="utf-8",
    )
    docs, errors = _read(path)
    assert [d.doc_id for d in docs] == ["n1", "n4"]
    assert docs[0].text == "Rusia firmó un acuerdo.\nSegunda línea."
    assert docs[0].date == "2024-03-05"
    assert any("empty text" in e.error for e in errors)
    assert any("malformed CSV row" in e.error for e in errors)


def test_jsonl_with_a_broken_line_and_parquet(tmp_path):
    jl = tmp_path / "c.jsonl"
    jl.write_text(
        json.dumps({"id": 7, "text": SPANISH, "date": "2025-01-02T10:00:00"})
        + "\n{broken\n"
        + json.dumps({"text": "Chile y Perú acordaron cooperar."})
        + "\n",
        encoding="utf-8",
    )
    pq = tmp_path / "c2.parquet"
    pd.DataFrame({"text": ["Chile y Perú acordaron cooperar."], "source": ["https://example.org/a"]}).to_parquet(pq)
    docs, errors = _read(jl, pq)
    assert [d.doc_id for d in docs] == ["7", "1", "0"]
    assert docs[0].date == "2025-01-02"
    assert docs[2].source == "https://example.org/a"
    assert len(errors) == 1 and "line 2" in errors[0].error


def test_jsonl_lines_as_json_loads_reads_them(tmp_path):
    """A raw tab inside a string is kept; a byte-order mark inside the file, extra data and a bad date are told."""
    jl = tmp_path / "c.jsonl"
    lines = [
        '{"id": "a", "text": "Chile y Perú\tacordaron cooperar.", "date": "2025-02-31"}',
        '\ufeff{"id": "b", "text": "Chile y Perú acordaron cooperar."}',
        '{"id": "c", "text": "Chile y Perú acordaron cooperar."} {"id": "d"}',
        '{"id": "e", "text": "Chile y Perú acordaron cooperar.", "date": "2025-03-01"}',
    ]
    jl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = _read(jl)
    assert [(d.doc_id, d.text[12], d.date) for d in docs] == [("a", "\t", "2025-02-31"), ("e", " ", "2025-03-01")]
    assert [e.error for e in errors] == [
        "invalid JSON on line 2, column 1: Unexpected UTF-8 BOM (decode using utf-8-sig)",
        "invalid JSON on line 3, column 57: Extra data",
    ]


def test_table_without_text_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,body\n1,hola\n", encoding="utf-8")
    _, errors = _read(path)
    assert "no 'text' column" in errors[0].error


def test_missing_path_raises():
    with pytest.raises(InputPathError, match="does not exist"):
        list(iter_inputs(["/no/such/file.txt"]))


def test_gzip_compressed_text_and_corpus(tmp_path):
    import gzip

    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(SPANISH.encode("latin-1")))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "x1", "text": SPANISH}).encode() + b"\n"))
    (tmp_path / "broken.txt.gz").write_bytes(b"not gzip at all")
    docs, errors = _read(tmp_path)
    assert [(d.doc_id, d.text) for d in docs] == [("a", SPANISH), ("x1", SPANISH)]
    assert len(errors) == 1 and "not a valid gzip file" in errors[0].error


def test_header_only_blank_ids_and_dates(tmp_path):
    (tmp_path / "h.csv").write_text("id,text\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        'id,date,text\n,2024-03-05T10:00:00Z,"Chile firmó."\n  ,05/06/2024,"Perú firmó."\nz,now,"Bolivia firmó."\n',
        encoding="utf-8",
    )
    docs, errors = _read(tmp_path / "h.csv", tmp_path / "b.csv")
    assert [e.error for e in errors] == ["table has no rows"]
    assert [(d.doc_id, d.date) for d in docs] == [("0", "2024-03-05"), ("1", "05/06/2024"), ("z", "now")]


def test_pipes_in_a_folder_are_reported_not_read(tmp_path):
    (tmp_path / "a.txt").write_text(SPANISH, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    docs, errors = _read(tmp_path)
    assert [d.doc_id for d in docs] == ["a"]
    assert [os.path.basename(e.source) for e in errors] == ["pipe.txt"] and "not a regular file" in errors[0].error


def test_html_article_header_kept_page_header_and_svg_title_dropped():
    html = (
        "<html><head><title>Cumbre</title></head><body><header>Menú principal</header>"
        "<svg><title>icono</title></svg><article><header><h1>Acuerdo firmado</h1></header>"
        "<p>Chile y Perú firmaron.<br>Fin.</p></article><footer>©</footer></body></html>"
    )
    text, title = html_to_text(html)
    assert title == "Cumbre"
    assert text == "Acuerdo firmado\nChile y Perú firmaron.\nFin."


def test_html_inside_corpus_cells_is_reduced_to_text(tmp_path):
    path = tmp_path / "c.jsonl"
    cell = '<p>Chile y Perú <a href="https://x.org">acordaron</a> cooperar.</p><ul><li>Fin.</li></ul>'
    path.write_text(json.dumps({"id": "h", "text": cell}) + "\n", encoding="utf-8")
    docs, _ = _read(path)
    assert docs[0].text == "Chile y Perú acordaron cooperar.\nFin."


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>a</p><![ x", "a\n<![ x"),  # the standard parser raises on a malformed marked section
        ("<p>Primero</p><![if x]>texto<![endif]>", "Primero\ntexto"),
        ("<![CDATA[x]]><p>b</p>", "b"),
        ("<p>Cooperacio&#769;n</p>", "Cooperación"),  # a decomposed letter built by a reference, recomposed
    ],
)
def test_html_edge_cases_from_fuzzing(html, text):
    assert html_to_text(html)[0] == text


def test_markdown_that_joins_a_letter_and_an_accent_is_recomposed():
    assert markdown_to_text("e`\u0301` ok\n") == ("\u00e9 ok\n", "")
