"""Every table row's offsets point at its evidence, and extract output passes the shared contract check."""

from __future__ import annotations

import subprocess
import sys

import pytest

import analysis
from tests.conftest import DEVSET, EN_TEXT, ES_TEXT, HELDOUT, ROOT, SEED, SHARED

CHECKER = SHARED / "tools" / "check_contract.py"
# (table, column that must equal text[start:end]); None: the span must lie in the text and not be blank.
SPAN_COLUMNS = [("sentences", "text"), ("mentions", "text"), ("commitments", "action"), ("statements", "content"),
                ("agreements", "title"), ("topics", None)]  # fmt: skip


def check_offsets(tables: analysis.Tables) -> int:
    """Assert every row's evidence offsets; return how many rows were checked."""
    texts = dict(zip(tables.documents["doc_id"], tables.documents["text"], strict=True))
    checked = 0
    for table, column in SPAN_COLUMNS:
        for row in getattr(tables, table).to_dict("records"):
            text = texts[row["doc_id"]]
            assert 0 <= row["start"] < row["end"] <= len(text), (table, row)
            evidence = text[row["start"] : row["end"]]
            if column:
                assert evidence == row[column], (table, row)
            else:
                assert evidence.strip() and evidence.lower() in row["evidence"].split(";"), (table, row)
            checked += 1
    for row in tables.commitments.to_dict("records"):
        text = texts[row["doc_id"]]
        assert text[row["trigger_start"] : row["trigger_end"]].strip() == row["trigger"], row
    return checked


@pytest.fixture(scope="module")
def literal_inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("literal")
    (folder / "es.txt").write_text(ES_TEXT, encoding="utf-8")
    (folder / "en.txt").write_text(EN_TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    """A folder of inputs that cannot all be analysed, beside ones that can."""
    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(ES_TEXT.encode("latin-1"))
    (folder / "page.html").write_text("<p>Chile y Perú <b>acordaron</b> cooperar.</p><script>alert(1)</script>")
    (folder / "corpus.csv").write_text('id,text\na,"España firmó un tratado."\nb,\nc,x,y,z\n', encoding="utf-8")
    return folder


def test_offsets_seed(seed_tables):
    assert check_offsets(seed_tables) > 50


def test_offsets_devset(devset_tables):
    assert check_offsets(devset_tables) > 300
    for table in ("commitments", "statements", "agreements", "mentions", "topics"):
        assert len(getattr(devset_tables, table)), table


def test_offsets_heldout():
    assert check_offsets(analysis.extract(sorted(HELDOUT.glob("*.txt")), progress=False)) > 200


def test_offsets_literal_texts(literal_inputs):
    tables = analysis.extract(literal_inputs, progress=False)
    assert check_offsets(tables) > 10


@pytest.mark.skipif(not CHECKER.exists(), reason="shared/tools/check_contract.py is not beside the project")
@pytest.mark.parametrize(
    "inputs",
    [[SEED], sorted(DEVSET.glob("*.txt")), sorted(HELDOUT.glob("*.txt")), ["LITERAL"], ["BAD"]],
    ids=["seed", "devset", "heldout", "literal", "bad-inputs"],
)
def test_shared_contract_check(tmp_path, inputs, literal_inputs, bad_inputs):
    inputs = [{"LITERAL": literal_inputs, "BAD": bad_inputs}.get(i, i) for i in inputs]
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "analysis", "extract", *map(str, inputs), "--out", str(out)], check=True, cwd=ROOT
    )
    result = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK: 0 problems")


def test_the_contract_check_function_finds_broken_tables(tmp_path, seed_tables):
    """tests/contract_check.py (the contract's rules as a function) catches what it must, like the shared checker."""
    from tests.contract_check import check_dir

    seed_tables.to_dir(tmp_path)
    assert check_dir(tmp_path) == []
    commitments = (tmp_path / "commitments.csv").read_text(encoding="utf-8")
    broken = commitments.replace(",firm,", ",maybe,", 1).replace("KAZ;RUS", "RUS;KAZ", 1)
    (tmp_path / "commitments.csv").write_text(broken, encoding="utf-8")
    sentences = (tmp_path / "sentences.csv").read_text(encoding="utf-8").splitlines()
    doc, sid, par, start, end, rest = sentences[1].split(",", 5)
    sentences[1] = ",".join([doc, sid, par, str(int(start) + 1), end, rest])
    (tmp_path / "sentences.csv").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    (tmp_path / "errors.csv").unlink()
    problems = check_dir(tmp_path)
    assert "errors.csv is missing" in problems
    assert any("strength 'maybe'" in p for p in problems)
    assert any("actors" in p and "is not ;-joined" in p for p in problems)
    assert any(p.startswith("sentences row 0: text[") for p in problems)
    if CHECKER.exists():
        result = subprocess.run([sys.executable, str(CHECKER), str(tmp_path)], capture_output=True, text=True)
        assert result.stdout.startswith("problem:") and f"FAIL: {len(problems)} problems" in result.stdout
