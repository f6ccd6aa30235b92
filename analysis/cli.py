"""The command line: `python -m analysis extract|evaluate …`.

Exit status: 0 on success, 1 when the analysis itself fails, 2 on a usage
error or a missing input path — with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from analysis.errors import AccordsError, ArgumentError, GoldFormatError, InputPathError, TaxonomyError
from analysis.io import MAX_CHARS
from analysis.tables import FORMATS

PROG = "python -m analysis"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    parser = _Parser(prog=PROG, description="Turn texts about diplomatic agreements into tables.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ex = sub.add_parser(
        "extract",
        help="analyse texts and write the tables",
        description="Analyse texts and write "
        "one file per table (documents, sentences, mentions, topics, commitments, statements, "
        "agreements, errors) into --out.",
    )
    ex.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="text file (.txt/.md/.html), folder, or table corpus (.csv/.jsonl/.parquet with a 'text' column)",
    )
    ex.add_argument("--out", required=True, metavar="DIR", help="folder to write the tables into (created)")
    ex.add_argument("--format", choices=FORMATS, default="csv", help="table file format (default: csv)")
    _common(ex)
    _scale(ex)

    rp = sub.add_parser(
        "report",
        help="analyse texts and write an HTML report, summary, charts and tables",
        description="Analyse texts, run the report notebooks with papermill and write into --out: "
        "report.html and corpus.html (self-contained, open offline), summary.md, charts/*.png, "
        "tables/* and the executed notebooks in notebooks/.",
    )
    rp.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="text file (.txt/.md/.html), folder, or table corpus (.csv/.jsonl/.parquet with a 'text' column)",
    )
    rp.add_argument("--out", required=True, metavar="DIR", help="folder to write the report into (created)")
    rp.add_argument("--title", default="", metavar="T", help="report title (default: 'Diplomatic commitments')")
    rp.add_argument("--report-lang", default="en", metavar="en|es", help="language of the report's words (default: en)")
    rp.add_argument(
        "--format", choices=FORMATS, default="csv", help="format of the tables in DIR/tables (default: csv)"
    )
    _common(rp)
    _scale(rp)

    ev = sub.add_parser(
        "evaluate",
        help="score the analysis against hand-annotated gold files",
        description="Compare the commitments, actors, strengths and topics found in INPUT with "
        "gold files (<doc_id>.expected.json, the format of the seed's) in --gold.",
    )
    ev.add_argument("inputs", nargs="+", metavar="INPUT", help="the texts the gold files describe")
    ev.add_argument("--gold", required=True, metavar="DIR", help="folder of <doc_id>.expected.json files")
    ev.add_argument("--details", action="store_true", help="also list each missed and spurious commitment")
    _common(ev)
    return parser


def _scale(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-chars",
        type=int,
        default=MAX_CHARS,
        metavar="N",
        help=f"documents longer than N characters become errors rows (default {MAX_CHARS:,}; 0: no limit)",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="analyse in N local processes (0: one per core; default 1); the tables are the same",
    )
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="analyse on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786)",
    )


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        default="auto",
        metavar="auto|es|en|…",
        help="document language: auto-detect (default) or force a code",
    )
    p.add_argument("--taxonomy", metavar="FILE", default=None, help="topic taxonomy JSON replacing the default")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always show a progress bar on stderr"
    )
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: `sys.argv[1:]`) and return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "out", None) is not None and not args.out.strip():
            raise ArgumentError("--out is empty: give the folder to write into")
        if args.command == "extract":
            return _extract(args)
        if args.command == "report":
            return _report(args)
        return _evaluate(args)
    except (InputPathError, ArgumentError, TaxonomyError, GoldFormatError) as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except AccordsError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the output cannot be written: full disk, no permission…
        print(f"{PROG} {args.command}: error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 1


@contextmanager
def _cluster(args: argparse.Namespace) -> Iterator[Any]:
    """Yield a Dask client for --scheduler (closed afterwards), or None to analyse locally."""
    from analysis.parallel import connect

    client = connect(args.scheduler) if args.scheduler else None
    try:
        yield client
    finally:
        if client is not None:
            client.close()


def _extract(args: argparse.Namespace) -> int:
    from analysis.pipeline import extract_to_dir

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise ArgumentError(f"--out {out} exists and is not a folder")
    with _cluster(args) as client:
        counts = extract_to_dir(
            args.inputs,
            out,
            format=args.format,
            language=args.lang,
            taxonomy=args.taxonomy,
            progress=args.progress,
            jobs=args.jobs,
            client=client,
            max_chars=args.max_chars,
        )
    shown = ", ".join(f"{n} {name}" for name, n in counts.items() if name not in {"sentences", "mentions"})
    print(f"wrote {args.format} tables to {args.out}: {shown}")
    if counts["errors"]:
        print(
            f"{counts['errors']} input(s) could not be analysed: see {args.out}/errors.{args.format}", file=sys.stderr
        )
    return 0


def _report(args: argparse.Namespace) -> int:
    from analysis.notebooks import build_report

    with _cluster(args) as client:
        files = build_report(
            args.inputs,
            out=args.out,
            title=args.title,
            language=args.lang,
            taxonomy=args.taxonomy,
            report_language=args.report_lang,
            table_format=args.format,
            progress=args.progress,
            jobs=args.jobs,
            client=client,
            max_chars=args.max_chars,
        )
    print(
        f"wrote the report to {files.out}: {', '.join(p.name for p in files.html)}, "
        f"{files.summary.name if files.summary else 'no summary'}, {len(files.charts)} charts, "
        f"{len(files.tables)} tables, executed notebooks in {files.out / 'notebooks'}"
    )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import evaluate, format_report

    result = evaluate(args.inputs, gold=args.gold, language=args.lang, taxonomy=args.taxonomy, progress=args.progress)
    print(format_report(result, details=args.details))
    return 0
