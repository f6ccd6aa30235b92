"""The notebooks, executed with papermill in fresh kernels, and the report they make, also in a real browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.image
import mistune
import nbformat
import papermill
import pytest

from analysis.cli import main
from analysis.errors import NotebookError
from analysis.notebooks import NOTEBOOK_DIR, build_report, execute
from analysis.tables import read_tables
from tests.conftest import CORPUS, SEEDS

PARAMETERS = ["input_path", "output_dir", "language", "taxonomy", "title", "report_language"]
# Chromium as the machine's CI runs it: no sandbox (root), no GPU, no network chatter.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]  # fmt: skip
INJECTION = [
    '<script>document.title="PWNED"</script>',
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
]


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed_report")
    assert main(["report", str(SEEDS), "--out", str(out), "--no-progress"]) == 0
    return out


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus_report")
    build_report(CORPUS, out=out, title="Dated corpus", report_language="es", progress=False)
    return out


# Folder names that papermill must pass into the notebooks intact: quotes, a newline, non-ASCII letters.
AWKWARD_NAME = 'it\'s "quoted"\nñandú 日本'
AWKWARD_TITLE = INJECTION[0] + '\nline two "quoted" it\'s ñ'


@pytest.fixture(scope="module")
def injection_report(tmp_path_factory) -> Path:
    inputs = tmp_path_factory.mktemp("injection") / f"inputs {AWKWARD_NAME}"
    inputs.mkdir()
    body = "Rusia y Kazajistán acordaron reforzar la cooperación energética {} en el mar Caspio."
    for i, payload in enumerate(INJECTION):
        name = f"{i}_{payload.replace('/', '_')[:60]}.txt"  # the payload in the file name too
        (inputs / name).write_text(body.format(payload), encoding="utf-8")
    corpus = inputs / "corpus.jsonl"
    rows = [{"id": f"j{i}", "title": p, "date": "2024-01-0" + str(i + 1), "source": p, "text": body.format("")}
            for i, p in enumerate(INJECTION)]  # fmt: skip
    rows += [{"id": f"d{i}", "title": "dated", "date": p, "text": body.format("")} for i, p in enumerate(INJECTION)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = inputs.parent / f"report {AWKWARD_NAME}"
    build_report(inputs, out=out, title=AWKWARD_TITLE, progress=False)
    return out


def test_committed_notebooks_have_no_outputs_and_a_parameters_cell_first():
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path.name
        assert "parameters" in code[0].metadata.get("tags", []), path.name
        assert all("parameters" not in c.metadata.get("tags", []) for c in code[1:]), path.name
        assert not [c for c in code[1:] if re.search(r"^\s*(def|class|for|while|import re)\b", c.source, re.M)], (
            path.name
        )
    names = {p.stem for p in NOTEBOOK_DIR.glob("*.ipynb")}
    assert names == {"report", "corpus", "explore"}


@pytest.mark.parametrize("name", ["report", "corpus"])
def test_report_notebooks_declare_the_parameters(name):
    declared = papermill.inspect_notebook(str(NOTEBOOK_DIR / f"{name}.ipynb"))
    assert list(declared) == PARAMETERS
    assert all(p["help"] for p in declared.values())


def test_report_of_the_seed_writes_every_file(seed_report):
    for name in ["report.html", "corpus.html", "summary.md", "notebooks/report.ipynb", "notebooks/corpus.ipynb"]:
        assert (seed_report / name).is_file(), name
    charts = sorted(p.name for p in (seed_report / "charts").glob("*.png"))
    assert charts == [
        "actor_network.png",
        "actor_pairs.png",
        "actors_by_topic.png",
        "strength_by_topic.png",
        "topics.png",
    ]  # fmt: skip  (no timeline: the seed has no date)
    tables = read_tables(seed_report / "tables")
    assert len(tables.commitments) == 10
    assert (seed_report / "tables" / "repeated_commitments.csv").is_file()


def test_report_html_holds_each_commitment_and_no_code(seed_report):
    html = (seed_report / "report.html").read_text(encoding="utf-8")
    tables = read_tables(seed_report / "tables")
    for action in tables.commitments["action"]:
        assert action in html
    assert "report.chart(" not in html and "from analysis" not in html  # input cells hidden
    assert "accords report" not in html  # notebook notes are not part of the report
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']?https?:""", html)  # nothing fetched
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', html)) == 4
    assert "<title>Diplomatic commitments</title>" in html


def test_executed_notebooks_keep_their_outputs(seed_report):
    nb = nbformat.read(seed_report / "notebooks" / "report.ipynb", as_version=4)
    assert any(c.metadata.get("tags") == ["injected-parameters"] for c in nb.cells)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]


def test_summary_md_of_the_seed(seed_report):
    md = (seed_report / "summary.md").read_text(encoding="utf-8")
    assert md.startswith("# Diplomatic commitments\n")
    assert "Russia committed to “cumplir íntegramente con la construcción" in md
    assert "![topics](charts/topics.png)" in md


def test_report_of_a_dated_corpus_in_spanish(corpus_report):
    html = (corpus_report / "report.html").read_text(encoding="utf-8")
    assert "<h2>Resumen</h2>" in html and "Compromisos en el tiempo" in html
    assert (corpus_report / "charts" / "timeline.png").is_file()
    assert (corpus_report / "charts" / "topics_over_time.png").is_file()
    corpus = (corpus_report / "corpus.html").read_text(encoding="utf-8")
    assert "Compromisos por pareja de actores" in corpus
    assert "<title>Dated corpus</title>" in html


def test_injection_stays_inert(injection_report):
    for name in ["report.html", "corpus.html"]:
        page = (injection_report / name).read_text(encoding="utf-8")
        for payload in INJECTION:
            assert payload not in page  # never raw
        assert "&lt;script&gt;document.title=" in page  # shown as text
    tables = read_tables(injection_report / "tables")
    assert set(INJECTION) <= set(tables.documents["date"])  # the payload dates reached the report's tables
    page = (injection_report / "report.html").read_text(encoding="utf-8")
    assert '&lt;/script&gt;\nline two "quoted" it\'s ñ</h1>' in page  # the whole title, escaped
    summary = (injection_report / "summary.md").read_text(encoding="utf-8")
    rendered = mistune.html(summary)  # Markdown as a renderer sees it: the payloads are text, not elements
    elements = re.findall(r"<(\w+)([^>]*)>", rendered)
    assert not [tag for tag, _ in elements if tag == "script"]
    assert not [attrs for _, attrs in elements if re.search(r"\son\w+\s*=", attrs)]
    assert "&lt;script&gt;document.title=" in rendered


def _html_outputs(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_explore_notebook_runs(tmp_path):
    out = execute("explore", {"input_path": str(SEEDS), "actor": "RUS", "strength": "firm"},
                  output=tmp_path / "explore.ipynb")  # fmt: skip
    assert "<mark>cumplir íntegramente con la construcción" in _html_outputs(out)


def test_explore_notebook_on_the_dated_corpus(tmp_path):
    out = execute("explore", {"input_path": str(CORPUS), "actor": "CHN", "report_language": "es"},
                  output=tmp_path / "explore.ipynb")  # fmt: skip
    shown = _html_outputs(out)
    assert "08_cn_ph_joint_statement" in shown and "Evidencia" in shown


def test_report_notebook_with_its_defaults_as_in_jupyterlab(tmp_path):
    """Opened in JupyterLab and run as is: the seed, from the notebook's own folder, writing no files."""
    out = execute("report", {}, output=tmp_path / "report.ipynb")
    assert "Russia committed to “cumplir íntegramente" in _html_outputs(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.ipynb"]


def test_a_failing_cell_is_reported_and_the_notebook_kept(tmp_path):
    target = tmp_path / "report.ipynb"
    with pytest.raises(NotebookError, match=r"report.ipynb failed in cell \d+: ArgumentError: .*report_language"):
        execute("report", {"input_path": str(SEEDS), "report_language": "xx"}, output=target)
    nb = nbformat.read(target, as_version=4)
    assert any(o.output_type == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_report_of_a_tables_folder_and_a_rerun(seed_report, tmp_path):
    """A folder written by `extract` is reported as it is; a rerun leaves no stale chart and the same page."""
    assert main(["extract", str(SEEDS), "--out", str(tmp_path / "tables"), "--no-progress"]) == 0
    out = tmp_path / "out"
    (out / "charts").mkdir(parents=True)
    (out / "charts" / "timeline.png").write_bytes(b"stale")
    build_report(tmp_path / "tables", out=out, progress=False)
    assert len(read_tables(out / "tables").documents) == 1
    assert not (out / "charts" / "timeline.png").exists()
    assert "timeline" not in (out / "summary.md").read_text(encoding="utf-8")
    same = (seed_report / "report.html").read_text(encoding="utf-8")
    assert (out / "report.html").read_text(encoding="utf-8") == same


def test_awkward_folder_names_reach_the_notebooks(injection_report):
    """papermill passes paths with quotes, a newline and non-ASCII letters into the notebooks unharmed."""
    for name in ["report", "corpus"]:
        nb = nbformat.read(injection_report / "notebooks" / f"{name}.ipynb", as_version=4)
        injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
        namespace: dict = {}
        exec(injected.source, namespace)  # the cell papermill wrote: plain assignments of literals
        assert namespace["input_path"] == str((injection_report / "tables").resolve())
        assert namespace["output_dir"] == str(injection_report.resolve())
        assert namespace["title"] == AWKWARD_TITLE
    assert len(list((injection_report / "charts").glob("*.png"))) >= 3


def test_report_command_errors(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["report", str(SEEDS), "--out", str(tmp_path / "o"), "--report-lang", "xx"]) == 2
    assert "report_language" in capsys.readouterr().err


# --- a real browser -------------------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.body_attrs: dict = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.body_attrs = dict(attrs)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.parts.append(data)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        if os.environ.get("ACCORDS_SKIP_BROWSER") == "1":
            pytest.skip("ACCORDS_SKIP_BROWSER=1")
        pytest.fail("the browser tests need Chromium (`apt-get install chromium`; .ci/run installs it)")
    return found


def _render(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    command = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def test_report_in_headless_chromium(seed_report, tmp_path):
    dom = _render(seed_report / "report.html", tmp_path, "--dump-dom").stdout
    parsed = _Text()
    parsed.feed(dom)
    text = " ".join("".join(parsed.parts).split())
    claim = "Russia committed to “cumplir íntegramente con la construcción de la primera central nuclear"
    for expected in ["Diplomatic commitments", "In figures", "Summary", "Evidence", "Commitments", "Agreements", claim]:
        assert expected in text
    shot = tmp_path / "report.png"
    _render(seed_report / "report.html", tmp_path, "--window-size=1280,2400", f"--screenshot={shot}")
    pixels = matplotlib.image.imread(shot)
    assert pixels.shape[:2] == (2400, 1280)
    assert pixels[..., :3].std() > 0.05  # not a blank page: text and charts drew


def test_injected_scripts_do_not_run_in_chromium(injection_report, tmp_path):
    dom = _render(injection_report / "report.html", tmp_path, "--dump-dom", "--virtual-time-budget=2000").stdout
    parsed = _Text()
    parsed.feed(dom)
    assert "data-pwned" not in parsed.body_attrs
    assert parsed.title != "PWNED"
    assert INJECTION[0] in "".join(parsed.parts)  # shown as text
