"""The ``govnlp`` command: a thin front end over the library; it only reads and formats.

Every subcommand takes files (``-`` for standard input), prints one record per result,
reports a file it cannot read on stderr with the file's name and the place, goes on
with the other files, and exits with status 2 at the end when any file failed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import signal
import sys
import textwrap
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from . import __version__
from .errors import GovnlpError, InputError
from .exports import cell as _cell
from .exports import columns_for
from .inputs import decode_guess, read_document

__all__ = ["main"]

FORMATS = ("jsonl", "csv", "table", "xlsx")

Record = dict[str, Any]


def iter_documents(paths: Sequence[str]) -> Iterator[tuple[str, str | InputError]]:
    """Yield ``(name, text)`` for each path, or ``(name, error)`` when it cannot be read."""
    for path in paths:
        try:
            if path == "-":
                yield path, decode_guess(sys.stdin.buffer.read(), "<stdin>")[0]
            else:
                yield path, read_document(path)  # as `govnlp run` reads: one decoding
        except InputError as e:
            yield path, e


def write_records(
    records: Iterable[Record],
    fmt: str,
    out: TextIO,
    task: str | None = None,
    *,
    excel: bool = False,
) -> None:
    """Write records as JSON lines, CSV or a plain table.

    CSV has the task's fixed columns (:data:`govnlp.exports.COLUMNS`; other keys after
    them), a header even without rows, and with ``excel`` a byte-order mark first so
    Excel reads it as UTF-8.
    """
    if fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    rows = list(records)
    fields = columns_for(task, rows)
    if fmt == "csv":
        if excel:
            out.write("\ufeff")
        if not fields:
            return
        w = csv.writer(out, lineterminator="\n")
        w.writerow(fields)
        for r in rows:
            w.writerow([_cell(r.get(f)) for f in fields])
        return
    if not rows:
        return
    cells = [[_cell(r.get(f)).replace("\n", "⏎") for f in fields] for r in rows]
    widths = [max(_width(x) for x in [f, *(c[i] for c in cells)]) for i, f in enumerate(fields)]
    for line in [fields, *cells]:
        out.write("  ".join(_pad(x, w) for x, w in zip(line, widths, strict=True)).rstrip() + "\n")


def _width(s: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def run_per_document(
    args: argparse.Namespace,
    records_of: Callable[[str, str], Iterable[Record]],
    task: str | None = None,
    *,
    local: Callable[[str], Sequence[Any]] | None = None,
) -> int:
    """Run ``records_of(name, text)`` over every input; report unreadable files, go on.

    ``task`` names the table (its columns, the xlsx sheet). ``local`` (text -> results
    that depend only on nearby text) reads files larger than
    :data:`govnlp.streaming.STREAM_BYTES` window by window, in bounded memory, with
    progress on stderr; each result becomes ``{"file": name, **result.to_dict()}``."""
    failed = False

    def all_records() -> Iterator[Record]:
        nonlocal failed
        for name in args.files:
            if local is not None and name != "-" and _size(name) > _stream_bytes():
                try:
                    yield from _streamed(name, local)
                except InputError as e:
                    print(f"govnlp: {e}", file=sys.stderr)
                    failed = True
                continue
            for _, text in iter_documents([name]):
                if isinstance(text, InputError):
                    print(f"govnlp: {text}", file=sys.stderr)
                    failed = True
                    continue
                yield from records_of(name, text)

    emit(all_records(), args, task)
    return 2 if failed else 0


def emit(records: Iterable[Record], args: argparse.Namespace, task: str | None) -> None:
    """Write records to standard output in ``args.format`` (xlsx: a workbook, one sheet)."""
    if args.format == "xlsx":
        from .exports import write_xlsx

        if sys.stdout.isatty():
            raise InputError("<stdout>", "an xlsx workbook is binary: redirect it, > out.xlsx")
        rows = list(records)
        buffer = io.BytesIO()
        write_xlsx({task or args.command: rows}, buffer)
        sys.stdout.buffer.write(buffer.getvalue())
        sys.stdout.buffer.flush()
        return
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True)
    try:
        write_records(records, args.format, out, task, excel=getattr(args, "excel", False))
    finally:
        out.flush()
        out.detach()


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _stream_bytes() -> int:
    from .streaming import STREAM_BYTES

    return STREAM_BYTES


def _streamed(name: str, local: Callable[[str], Sequence[Any]]) -> Iterator[Record]:
    """The records of a large file read window by window, with progress on stderr."""
    from .streaming import read_in_windows

    total = max(_size(name), 1)
    tty = sys.stderr.isatty()
    shown = -1

    def progress(done: int) -> None:
        nonlocal shown
        percent = done * 100 // total
        if percent // 10 != shown // 10 or (tty and percent != shown):
            line = f"govnlp: {name}: {percent}% ({done:,} of {total:,} bytes)"
            print(("\r" + line) if tty else line, end="" if tty else "\n", file=sys.stderr)
            shown = percent

    try:
        for r in read_in_windows(name, local, on_bytes=progress):
            yield {"file": name, **r.to_dict()}
    finally:
        if tty and shown >= 0:
            print(file=sys.stderr)


def _add_files(p: argparse.ArgumentParser, formats: Sequence[str] = FORMATS) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="documents to read ('-' for stdin)")
    p.add_argument("--format", choices=formats, default=formats[0], help="output format")
    if "csv" in formats:
        p.add_argument(
            "--excel",
            action="store_true",
            help="CSV for Excel: a UTF-8 byte-order mark first, so Chinese text opens right",
        )


def _cmd_quantities(args: argparse.Namespace) -> int:
    from .quantities import extract_quantities

    def records(name: str, text: str) -> Iterator[Record]:
        for q in extract_quantities(text):
            yield {"file": name, **q.to_dict()}

    return run_per_document(args, records, "quantities", local=extract_quantities)


def _cmd_elements(args: argparse.Namespace) -> int:
    from .elements import elements

    def records(name: str, text: str) -> Iterator[Record]:
        if args.documents:
            for d in elements(text).summaries(text):
                yield {"file": name, **d.to_dict()}
            return
        for e in elements(text):
            yield {"file": name, **e.to_dict()}

    return run_per_document(args, records, "documents" if args.documents else "elements")


def _cmd_run(args: argparse.Namespace) -> int:
    from .runs import run

    if not args.corpus and not args.list:
        raise InputError("govnlp run", "no documents: give folders, files or --list FILE")
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    if args.time_limit < 0 or args.max_memory < 0 or args.jobs < 1:
        raise InputError(
            "govnlp run", "--time-limit, --max-memory and --jobs take positive numbers"
        )
    try:
        with _stop_on_signals():
            summary = run(
                args.corpus,
                args.out,
                tasks=tasks,
                fmt=args.format,
                jobs=args.jobs,
                resume=args.resume,
                lists=args.list,
                pattern=args.glob,
                log_every=args.log_every,
                time_limit=args.time_limit or None,
                max_memory_mb=args.max_memory or None,
            )
    except KeyboardInterrupt:
        if not os.path.exists(os.path.join(args.out, "manifest.jsonl")):
            raise
        print(
            f"govnlp: run stopped; the documents done are kept in {args.out}: "
            "give the same command with --resume to go on",
            file=sys.stderr,
        )
        return 130
    return 1 if summary.failed else 0


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM stop a run as Ctrl-C does, even when the shell that started it in
    the background ignores SIGINT (``cmd &`` in a script; ``timeout -s INT``)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _add_run(sub: Any) -> None:
    p = sub.add_parser(
        "run",
        help="run tasks over a whole corpus into one output file per task",
        description="Walk folders (and list files), run the tasks on every document in "
        "parallel processes, write one output per task plus errors and a manifest. "
        "Exit status 1 when any document failed.",
    )
    p.add_argument("corpus", nargs="*", metavar="CORPUS", help="folders and files")
    p.add_argument(
        "--list",
        action="append",
        default=[],
        metavar="FILE",
        help="a file listing document paths, one per line (repeatable)",
    )
    p.add_argument(
        "--tasks",
        default="quantities",
        help="comma-separated: quantities, sections, terms, indicators, panel, elements "
        "(which also writes the documents table: a row per document), documents",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    p.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: one per CPU; 1 runs in-process)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="go on with the run in --out, skipping documents already done",
    )
    p.add_argument(
        "--glob",
        default="*",
        metavar="PATTERN",
        help="in folders, only file names matching this (e.g. '*.txt')",
    )
    p.add_argument(
        "--time-limit",
        type=float,
        default=600,
        metavar="SECONDS",
        help="give a document up as an error after this long (default 600; 0: no limit)",
    )
    p.add_argument(
        "--max-memory",
        type=int,
        default=4096,
        metavar="MB",
        help="address space of each worker process; a document needing more fails alone "
        "(default 4096; 0: no limit)",
    )
    p.add_argument(
        "--log-every",
        type=int,
        default=1000,
        metavar="N",
        help="without a terminal, log a line every N documents",
    )
    p.set_defaults(func=_cmd_run)


def _cmd_panel(args: argparse.Namespace) -> int:
    from .targets import panel, read_facts, select_rows, wide_table, write_panel

    if not args.corpus and not args.facts:
        raise InputError("govnlp panel", "no documents: give folders, files or --facts DIR")
    facts = [f for d in args.facts for f in read_facts(d)]
    rows = panel(
        args.corpus,
        indicators=args.indicator or ["gdp_growth"],
        jobs=args.jobs,
        region=args.region,
        facts=facts,
    )
    rows = select_rows(rows, years=args.years, level=args.level)
    if args.plot:
        from .targets.plot import plot_panel

        plot_panel(rows, args.plot, year=args.plot_year)
    if args.wide:
        if args.out is None:
            sys.stdout.write(wide_table(rows))
        else:
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(wide_table(rows))
        return 0
    if args.out is None:
        if args.format in ("xlsx", "parquet"):
            raise InputError("govnlp panel", f"--format {args.format} needs --out FILE")
        write_panel(rows, sys.stdout, args.format)
    else:
        write_panel(rows, args.out, args.format)
    return 0


def _add_panel(sub: Any) -> None:
    p = sub.add_parser(
        "panel",
        help="targets vs outcomes: one row per indicator, region and year",
        description="Join the targets each report sets for its year with the outcomes the "
        "next year's report gives, per region (gazetteer division codes) and year, with "
        "the file, offsets and sentence of each figure.",
    )
    p.add_argument("corpus", nargs="*", metavar="CORPUS", help="folders and files")
    p.add_argument(
        "--indicator",
        action="append",
        metavar="ID",
        help="a canonical indicator id (repeatable; default gdp_growth)",
    )
    p.add_argument("--format", choices=("jsonl", "csv", "xlsx", "parquet"), default="jsonl")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--years", metavar="Y[-Y]", help="only these years (2026, 2016-2026)")
    p.add_argument(
        "--level",
        choices=("country", "province", "prefecture", "county"),
        help="only regions of this level",
    )
    p.add_argument(
        "--wide",
        action="store_true",
        help="a table per region: target, outcome and gap of each year (TSV)",
    )
    p.add_argument("--plot", metavar="PNG", help="also draw targets vs outcomes (matplotlib)")
    p.add_argument("--plot-year", type=int, metavar="Y", help="the year of the all-regions figure")
    p.add_argument("--region", help="every document's region, when their text does not say")
    p.add_argument(
        "--facts",
        action="append",
        default=[],
        metavar="DIR",
        help="facts of a 'govnlp run --tasks panel --out DIR' run (repeatable)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: one per CPU; 1 runs in-process)",
    )
    p.set_defaults(func=_cmd_panel)


def _cmd_indicators(args: argparse.Namespace) -> int:
    from .exports import with_sentences
    from .indicators import extract_indicators

    def records(name: str, text: str) -> Iterator[Record]:
        rows = extract_indicators(text, year=args.year, region=args.region)
        for row in with_sentences(text, rows):
            yield {"file": name, **row}

    return run_per_document(args, records, "indicators")


def _cmd_normalize(args: argparse.Namespace) -> int:
    from .normalize import normalize

    if not args.explain:
        failed = False
        out = sys.stdout
        for _, text in iter_documents(args.files):
            if isinstance(text, InputError):
                print(f"govnlp: {text}", file=sys.stderr)
                failed = True
                continue
            out.write(normalize(text).text)
        return 2 if failed else 0

    def records(name: str, text: str) -> Iterator[Record]:
        for change in normalize(text).explain():
            yield {"file": name, **change.to_dict()}

    return run_per_document(args, records)


def _cmd_sections(args: argparse.Namespace) -> int:
    from .sections import segment

    if args.format == "jsonl" or args.check:

        def records(name: str, text: str) -> Iterator[Record]:
            outline = segment(text)
            if args.check:
                for d in outline.check():
                    yield {"file": name, **d.to_dict()}
                return
            for h in outline.headings():
                yield {"file": name, **h.to_dict()}

        if args.format != "jsonl":
            args.format = "table"
        return run_per_document(args, records, "diagnostics" if args.check else "sections")

    failed = False
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True)
    try:
        for n, (name, text) in enumerate(iter_documents(args.files)):
            if isinstance(text, InputError):
                print(f"govnlp: {text}", file=sys.stderr)
                failed = True
                continue
            outline = segment(text)
            body = outline.to_tree() if args.format == "tree" else outline.to_markdown()
            if len(args.files) > 1:
                out.write(("\n" if n else "") + f"==> {name} <==\n")
            out.write(body + ("\n" if body else ""))
    finally:
        out.flush()
        out.detach()
    return 2 if failed else 0


def _lexicon(args: argparse.Namespace) -> Any:
    from .lexicon import Lexicon

    return Lexicon.load(args.lexicon) if args.lexicon else Lexicon.default()


def _corpus(args: argparse.Namespace, failed: list[str]) -> Iterator[Any]:
    """The documents of the given folders and files; unreadable ones reported, skipped."""
    from .discover import iter_corpus

    def report(e: InputError) -> None:
        print(f"govnlp: {e}", file=sys.stderr)
        failed.append(e.path)

    return iter_corpus(args.files, on_error=report)


def _stdout() -> io.TextIOWrapper:
    return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True)


def _cmd_terms(args: argparse.Namespace) -> int:
    from .discover import corpus_files, term_trends

    lexicon = _lexicon(args)
    if args.stats:
        failed: list[str] = []
        table = term_trends(_corpus(args, failed), lexicon)
        if args.category:
            table = [r for r in table if r["category"] in args.category]
        emit(table, args, "term-trends")
        return 2 if failed else 0
    args.files = [str(f) for f in corpus_files(args.files)]  # a folder: its *.txt files

    def records(name: str, text: str) -> Iterator[Record]:
        for m in lexicon.find(text, args.category):
            yield {"file": name, **m.to_dict()}

    def find(text: str) -> Sequence[Any]:
        return lexicon.find(text, args.category)  # type: ignore[no-any-return]

    return run_per_document(args, records, "terms", local=find)


def _cmd_discover(args: argparse.Namespace) -> int:
    from .discover import corpus_levels, discover, write_tsv
    from .lexicon import Lexicon

    lexicon = Lexicon.load(args.lexicon) if args.lexicon else Lexicon.default()
    failed: list[str] = []
    found = discover(
        _corpus(args, failed),
        lexicon,
        min_docs=args.min_docs,
        top=args.top,
        levels=corpus_levels(args.files),
    )
    if args.format != "tsv":
        emit((c.to_dict() for c in found), args, "candidates")
        return 2 if failed else 0
    out = _stdout()
    try:
        write_tsv(found, out)
    finally:
        out.flush()
        out.detach()
    return 2 if failed else 0


def _report_paths(files: Sequence[str], out: str | None) -> list[str | None]:
    """Where each file's page goes: ``-o FILE.html`` (one input), ``-o DIR`` (one
    ``<stem>.html`` per input), or standard output (one input, no ``-o``)."""
    if out is None or out.lower().endswith((".html", ".htm")):
        if len(files) > 1:
            raise InputError(out or "-", "several files make several pages: give -o DIR")
        return [out]
    os.makedirs(out, exist_ok=True)
    stems: dict[str, int] = {}
    paths: list[str | None] = []
    for f in files:
        stem = "stdin" if f == "-" else os.path.splitext(os.path.basename(f))[0]
        stems[stem] = stems.get(stem, 0) + 1
        suffix = f"-{stems[stem]}" if stems[stem] > 1 else ""
        paths.append(os.path.join(out, f"{stem}{suffix}.html"))
    return paths


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import report

    failed = False
    targets = _report_paths(args.files, args.output)
    for (name, text), target in zip(iter_documents(args.files), targets, strict=True):
        if isinstance(text, InputError):
            print(f"govnlp: {text}", file=sys.stderr)
            failed = True
            continue
        page = report(
            text,
            title=None if name == "-" else os.path.basename(name),
            mark_elements=args.elements,
            year=args.year,
            region=args.region,
        )
        if target is None:
            out = _stdout()
            try:
                out.write(page)
            finally:
                out.flush()
                out.detach()
        else:
            with open(target, "w", encoding="utf-8", newline="\n") as f:
                f.write(page)
    return 2 if failed else 0


def _tasks(value: str) -> list[str]:
    return [t.strip() for t in value.split(",") if t.strip()]


def _cmd_export(args: argparse.Namespace) -> int:
    from .annotate import label_studio_config, to_doccano, to_label_studio

    failed = False
    documents = []
    for name, text in iter_documents(args.files):
        if isinstance(text, InputError):
            print(f"govnlp: {text}", file=sys.stderr)
            failed = True
            continue
        documents.append((name, text))
    tasks = _tasks(args.tasks)
    if args.to == "label-studio":
        body = json.dumps(to_label_studio(documents, tasks), ensure_ascii=False, indent=1)
    else:
        body = "".join(
            json.dumps(r, ensure_ascii=False) + "\n" for r in to_doccano(documents, tasks)
        )
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(body)
    else:
        out = _stdout()
        try:
            out.write(body)
        finally:
            out.flush()
            out.detach()
    if args.config:
        with open(args.config, "w", encoding="utf-8", newline="\n") as f:
            f.write(label_studio_config(tasks))
    return 2 if failed else 0


def _cmd_import(args: argparse.Namespace) -> int:
    from .annotate import load, read_annotations, write_gold

    gold = {}
    for path in args.files:
        gold.update(read_annotations(load(path), _tasks(args.tasks), path))
    for path in write_gold(gold, args.out):
        print(path)
    return 0


def _add_annotation_commands(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="quantities and indicator rows as pre-annotations for Label Studio or doccano",
        description="Write the documents with govnlp's quantities (labelled by kind, their "
        "value, unit, qualifier, change) and indicator fields (metric, breakdown, period, "
        "status, scope) as pre-annotations: Label Studio tasks (JSON; --config writes the "
        "labelling interface) or doccano sequence-labelling JSONL. Correct them in the tool, "
        "export, and read them back with govnlp import.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="documents to read ('-' for stdin)")
    p.add_argument("--to", choices=("label-studio", "doccano"), required=True)
    p.add_argument("-o", "--output", metavar="FILE", help="where to write (default: stdout)")
    p.add_argument(
        "--tasks", default="quantities,indicators", help="comma-separated: quantities, indicators"
    )
    p.add_argument("--config", metavar="FILE.xml", help="also write Label Studio's labelling XML")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "import",
        help="corrected annotations (Label Studio JSON, doccano JSONL) back into gold files",
        description="Read an annotation tool's export and write the gold files score.py reads: "
        "<stem>.quantities.jsonl and <stem>.indicators.jsonl, one per document. A Label "
        "Studio task nobody annotated keeps govnlp's prediction.",
    )
    p.add_argument("files", nargs="+", metavar="EXPORT", help="Label Studio JSON / doccano JSONL")
    p.add_argument("--out", required=True, metavar="DIR", help="the gold folder to write")
    p.add_argument(
        "--tasks", default="quantities,indicators", help="comma-separated: quantities, indicators"
    )
    p.set_defaults(func=_cmd_import)


_HELP: dict[str, tuple[str, tuple[str, ...]]] = {
    "quantities": (
        "Every quantity mention (money, counts, percentages, durations, measures…) with its "
        "offsets, exact value in the canonical unit, kind, qualifier (约, 超过…) and change "
        "(增长/下降 and its basis).",
        (
            "govnlp quantities report.txt",
            "govnlp quantities docs/*.txt --format csv --excel > quantities.csv",
            "govnlp quantities report.txt --format xlsx > quantities.xlsx",
        ),
    ),
    "indicators": (
        "The indicator table: one row per quantity with the metric it measures, its "
        "breakdown, period, status (actual, target, rule), scope (the region), the evidence "
        "for each field and the sentence it was read from.",
        (
            "govnlp indicators report.txt --format table",
            "govnlp indicators report.txt --year 2026 --region 安徽省 --format xlsx > rows.xlsx",
        ),
    ),
    "elements": (
        "The 公文 elements of each document in the file: document number, issuer, title, "
        "type, addressees, signature, date, attachments…",
        ("govnlp elements notice.txt", "govnlp elements notice.txt --documents --format table"),
    ),
    "normalize": (
        "The text cleaned (full-width forms, spaces inside numbers, broken lines…); with "
        "--explain, every change with its offsets in the original.",
        ("govnlp normalize report.txt > clean.txt", "govnlp normalize report.txt --explain"),
    ),
    "sections": (
        "The numbered outline (一、 （一） 1. （1） 第一条 …) with levels and titles; with "
        "--check, the numbering warnings (skipped or repeated numbers, foreign markers…).",
        (
            "govnlp sections report.txt --format tree",
            "govnlp sections report.txt --check",
        ),
    ),
    "terms": (
        "Policy terms of the curated lexicon (slogans, programs, campaigns…) with their "
        "canonical form and category; with --stats, a table of occurrences per term per year.",
        (
            "govnlp terms report.txt --category slogan",
            "govnlp terms --stats ../shared/corpus/docs --format csv > trends.csv",
        ),
    ),
    "discover": (
        "Recurring phrases that look like slogans or programs but are not in the lexicon, "
        "ranked, as candidate lexicon rows.",
        ("govnlp discover ../shared/corpus/docs --top 100 > candidates.tsv",),
    ),
    "report": (
        "",
        (
            "govnlp report report.txt -o report.html",
            "govnlp report docs/*.txt -o pages/ --elements",
        ),
    ),
    "export": (
        "",
        (
            "govnlp export --to label-studio docs/*.txt -o tasks.json --config config.xml",
            "govnlp export --to doccano docs/*.txt -o tasks.jsonl",
        ),
    ),
    "import": (
        "",
        (
            "govnlp import project-export.json --out gold/",
            "python3 ../shared/tools/score.py quantities --docs docs --gold gold",
        ),
    ),
    "panel": (
        "",
        (
            "govnlp panel ../shared/corpus/docs --format csv --out panel.csv",
            "govnlp panel ../shared/corpus/docs --indicator gdp_growth --level province --wide",
        ),
    ),
    "run": (
        "",
        (
            "govnlp run ../shared/corpus/docs --tasks quantities,indicators --out results/",
            "govnlp run docs/ --tasks quantities --format xlsx --out results/",
        ),
    ),
}
"""Per subcommand: a description (where its parser has none) and examples for --help."""


def _describe(sub: Any) -> None:
    """Give every subcommand's --help a description and examples (:data:`_HELP`)."""
    for name, p in sub.choices.items():
        description, examples = _HELP.get(name, ("", ()))
        if description and not p.description:
            p.description = description
        if examples:
            p.epilog = "examples:\n" + "\n".join(f"  {e}" for e in examples)
            p.formatter_class = argparse.RawDescriptionHelpFormatter
            if p.description:  # the raw formatter keeps lines as given: wrap them here
                p.description = textwrap.fill(p.description, 78)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="govnlp", description="Structured data from Chinese government documents."
    )
    parser.add_argument("--version", action="version", version=f"govnlp {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("quantities", help="every quantity with its exact value and unit")
    _add_files(p)
    p.set_defaults(func=_cmd_quantities)

    p = sub.add_parser(
        "indicators", help="the indicator table: each figure's metric, period, status and scope"
    )
    _add_files(p)
    p.add_argument("--year", type=int, help="the documents' year, when their text does not say")
    p.add_argument("--region", help="the documents' region (沈阳市), when their text does not say")
    p.set_defaults(func=_cmd_indicators)

    p = sub.add_parser(
        "elements", help="公文 elements: number, issuer, title, kind, addressees, date, …"
    )
    _add_files(p)
    p.add_argument(
        "--documents", action="store_true", help="one row per document (title, type, number, …)"
    )
    p.set_defaults(func=_cmd_elements)

    p = sub.add_parser("normalize", help="clean text (or, with --explain, what was changed)")
    _add_files(p)
    p.add_argument("--explain", action="store_true", help="list each change with its offsets")
    p.set_defaults(func=_cmd_normalize)

    p = sub.add_parser("sections", help="the numbered outline: headings, levels, titles")
    _add_files(p, ("jsonl", "tree", "markdown"))
    p.add_argument("--check", action="store_true", help="print numbering warnings instead")
    p.set_defaults(func=_cmd_sections)

    from .lexicon import CATEGORIES

    p = sub.add_parser(
        "terms", help="policy terms of the lexicon (or, with --stats, their counts per year)"
    )
    _add_files(p)
    p.add_argument(
        "--category", action="append", choices=CATEGORIES, help="only this category (repeatable)"
    )
    p.add_argument("--lexicon", action="append", metavar="PATH", help="lexicon TSV file or folder")
    p.add_argument(
        "--stats", action="store_true", help="a trend table: occurrences per term per year"
    )
    p.set_defaults(func=_cmd_terms)

    p = sub.add_parser("discover", help="candidate slogans and programs the lexicon lacks")
    p.add_argument("files", nargs="+", metavar="CORPUS", help="folders of .txt documents, or files")
    p.add_argument("--format", choices=("tsv", *FORMATS), default="tsv", help="output format")
    p.add_argument("--min-docs", type=int, default=2, metavar="N", help="in at least N documents")
    p.add_argument("--top", type=int, default=None, metavar="N", help="only the N best")
    p.add_argument("--lexicon", action="append", metavar="PATH", help="lexicon TSV file or folder")
    p.set_defaults(func=_cmd_discover)

    p = sub.add_parser(
        "report",
        help="an HTML review page per document: figures, terms, headings, indicator table",
        description="Write one self-contained HTML page per document (no network requests): "
        "the text with every quantity, policy term and heading highlighted (fields on hover), "
        "the outline beside it, the indicator table (sortable, filterable; a row click scrolls "
        "to its figure), the numbering warnings and the document's elements.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="documents to read ('-' for stdin)")
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR_OR_FILE.html",
        help="a .html file (one input) or a folder for one page per input (default: stdout)",
    )
    p.add_argument("--elements", action="store_true", help="also mark the document elements")
    p.add_argument("--year", type=int, help="the documents' year, when their text does not say")
    p.add_argument("--region", help="the documents' region (沈阳市), when their text does not say")
    p.set_defaults(func=_cmd_report)

    _add_annotation_commands(sub)
    _add_run(sub)
    _add_panel(sub)
    _describe(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``govnlp`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except GovnlpError as e:
        print(f"govnlp: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("govnlp: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
