"""Run the report notebooks with papermill and turn them into self-contained HTML with nbconvert.

`build_report` is what `python -m analysis report` does: extract the tables
once, execute `notebooks/report.ipynb` and `notebooks/corpus.ipynb` on them
in fresh kernels, and export each executed notebook to HTML with its code
hidden, its images embedded and no script fetched from the network.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from analysis.errors import ArgumentError, NotebookError
from analysis.io import MAX_CHARS, check_inputs
from analysis.labels import DEFAULT_REPORT_LANGUAGE, report_languages
from analysis.report import is_tables_dir
from analysis.tables import remove_tables

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
# The notebooks `report` runs, each exported to <name>.html.
REPORT_NOTEBOOKS = ("report", "corpus")
KERNEL = "python3"


@dataclass
class ReportFiles:
    """What `build_report` wrote."""

    out: Path
    html: list[Path] = field(default_factory=list)
    notebooks: list[Path] = field(default_factory=list)
    tables: list[Path] = field(default_factory=list)
    charts: list[Path] = field(default_factory=list)
    summary: Path | None = None


def notebook_path(name: str) -> Path:
    """Return the path of the committed notebook `name` ("report", "corpus", "explore").

    Raises:
        ArgumentError: there is no such notebook.
    """
    path = NOTEBOOK_DIR / f"{name}.ipynb"
    if not path.is_file():
        names = sorted(p.stem for p in NOTEBOOK_DIR.glob("*.ipynb"))
        raise ArgumentError(f"notebook value = {name!r} is invalid; value must be one of {names}")
    return path


@contextmanager
def _kernel_environment() -> Iterator[None]:
    """Let kernels import `analysis` from this checkout whatever their working folder is."""
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), *([old] if old else [])])
    try:
        yield
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old


def execute(
    name: str,
    parameters: Mapping[str, Any],
    *,
    output: str | Path,
    progress: bool = False,
    cwd: str | Path | None = None,
) -> Path:
    """Execute notebook `name` in a fresh kernel with `parameters` and write the executed copy to `output`.

    Returns:
        The executed notebook's path.

    Raises:
        NotebookError: a cell failed; the message names it and where the partly executed notebook is.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source, target = notebook_path(name), Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _kernel_environment():
            papermill.execute_notebook(
                str(source),
                str(target),
                parameters=dict(parameters),
                kernel_name=KERNEL,
                progress_bar=progress,
                cwd=str(cwd or NOTEBOOK_DIR),
                log_output=False,
                # The kernel's own start-up warnings (transport encryption on loopback) are noise here.
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
    except PapermillExecutionError as exc:
        raise NotebookError(
            f"{name}.ipynb failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue.strip()} "
            f"(the partly executed notebook is {target})"
        ) from None
    return target


def to_html(notebook: str | Path, target: str | Path, *, title: str) -> Path:
    """Export an executed notebook to a self-contained HTML page: no code, images embedded, nothing fetched.

    Returns:
        The HTML file's path.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook), as_version=4)
    nb.metadata["title"] = title  # the page's <title>; the template escapes it
    for number, cell in enumerate(nb.cells):  # papermill's injected cell has a random id: the same run, the same page
        cell.id = f"cell-{number}"
    templates = resources.files("analysis") / "templates"
    exporter = HTMLExporter(
        template_name="accords",
        extra_template_basedirs=[str(templates)],
        exclude_input=True,
        exclude_markdown=True,  # notes for whoever opens the notebook, in English whatever the report's language
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    out = Path(target)
    out.write_text(body, encoding="utf-8")
    return out


def build_report(
    inputs: str | Path | Sequence[str | Path],
    *,
    out: str | Path,
    title: str = "",
    language: str = "auto",
    taxonomy: str | Path | None = None,
    report_language: str = DEFAULT_REPORT_LANGUAGE,
    table_format: str = "csv",
    progress: bool | None = None,
    jobs: int = 1,
    client: Any = None,
    max_chars: int = MAX_CHARS,
) -> ReportFiles:
    """Extract the tables of `inputs`, run the report notebooks on them and write everything into `out`.

    Writes `out/report.html`, `out/corpus.html`, `out/summary.md`, `out/charts/*.png`,
    `out/tables/*` and the executed notebooks in `out/notebooks/`.

    Returns:
        The files written, as a `ReportFiles`.

    Raises:
        ArgumentError: `out` is a file, or `report_language` has no words.
        InputPathError: an input does not exist.
        NotebookError: a notebook cell failed (the partly executed notebook is kept).
    """
    from analysis.pipeline import extract_to_dir

    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ArgumentError(f"--out {folder} exists and is not a folder")
    if report_language not in report_languages():
        raise ArgumentError(
            f"report_language value = {report_language!r} is invalid; value must be one of {list(report_languages())}"
        )
    files = ReportFiles(out=folder)
    paths = [inputs] if isinstance(inputs, str | Path) else list(inputs)
    check_inputs(paths)  # before anything in `out` is touched: a missing input leaves an earlier report whole
    if len(paths) == 1 and is_tables_dir(paths[0]) and Path(paths[0]).resolve() != (folder / "tables").resolve():
        # A folder written by `extract`: report on its tables as they are.
        (folder / "tables").mkdir(parents=True, exist_ok=True)
        remove_tables(folder / "tables")
        for table in Path(paths[0]).iterdir():
            if table.suffix in {".csv", ".parquet"}:
                shutil.copyfile(table, folder / "tables" / table.name)
    else:
        extract_to_dir(
            inputs,
            folder / "tables",
            format=table_format,
            language=language,
            taxonomy=taxonomy,
            progress=progress,
            jobs=jobs,
            client=client,
            max_chars=max_chars,
            exclude=[folder],  # the report's own files are not inputs of the next run
        )
    for stale in (folder / "charts").glob("*.png"):  # a chart this run does not draw must not linger
        stale.unlink()
    files.tables = sorted(p for p in (folder / "tables").iterdir() if p.suffix in {".csv", ".parquet"})
    parameters = {
        "input_path": str((folder / "tables").resolve()),
        "output_dir": str(folder.resolve()),
        "language": language,
        "taxonomy": str(Path(taxonomy).resolve()) if taxonomy else "",
        "title": title,
        "report_language": report_language,
    }
    show = progress if progress is not None else sys.stderr.isatty()
    for name in REPORT_NOTEBOOKS:
        executed = execute(name, parameters, output=folder / "notebooks" / f"{name}.ipynb", progress=show)
        files.notebooks.append(executed)
        files.html.append(to_html(executed, folder / f"{name}.html", title=title or _default_title(report_language)))
    files.charts = sorted((folder / "charts").glob("*.png"))
    summary = folder / "summary.md"
    files.summary = summary if summary.is_file() else None
    return files


def _default_title(report_language: str) -> str:
    from analysis.labels import Labels

    return Labels(report_language).strings["title"]
