"""The output folder of a corpus run: one file per task, ``errors``, and a manifest that
makes the run resumable.

Each document's records are appended as one block per task file, the files are flushed,
and only then is the document's line appended to ``manifest.jsonl``, carrying the end
offset of every file. A run killed at any point therefore leaves at most a partial block
after the last recorded offsets; ``--resume`` cuts it off, skips every document already in
the manifest with the same content hash, and appends the rest, so the finished outputs
equal those of an uninterrupted run. Documents are written in input order whatever the
number of processes.

Records are spooled as JSON lines; for ``csv`` and ``parquet`` the spools live in
``spool/`` and the final files are written from them when the run completes (two
streaming passes: the columns, then the rows); then ``spool/`` is removed.

>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> _ = open(os.path.join(d, "a.txt"), "wb").write("全年粮食产量1.2万吨".encode())
>>> out = os.path.join(d, "results")
>>> summary = run([os.path.join(d, "a.txt")], out, tasks=())
>>> summary.documents, summary.failed, sorted(os.listdir(out))
(1, 0, ['errors.jsonl', 'manifest.jsonl'])
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import os
import shutil
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any, TextIO

from .corpus import (
    MAX_MEMORY_MB,
    TIME_LIMIT,
    DocumentResult,
    iter_paths,
    resolve_task,
    run_documents,
)
from .errors import GovnlpError
from .exports import COLUMNS, NUMBER_COLUMNS, exact
from .inputs import MAX_BYTES
from .progress import Progress

__all__ = ["FORMATS", "RunError", "RunSummary", "run"]

FORMATS = ("jsonl", "csv", "parquet", "xlsx")
MANIFEST = "manifest.jsonl"
ERRORS = "errors"


class RunError(GovnlpError, ValueError):
    """The output folder cannot be used for this run (a different run, or no ``--resume``)."""


@dataclass
class RunSummary:
    """What a run (including the part done before a resume) produced."""

    documents: int = 0
    failed: int = 0
    skipped: int = 0
    chars: int = 0
    records: dict[str, int] = field(default_factory=dict)
    encodings: dict[str, int] = field(default_factory=dict)

    def add(self, line: dict[str, Any]) -> None:
        """Count one manifest line."""
        self.documents += 1
        self.chars += line["chars"]
        if line["error"] is not None:
            self.failed += 1
        if line["encoding"] is not None:
            self.encodings[line["encoding"]] = self.encodings.get(line["encoding"], 0) + 1
        for task, n in line["counts"].items():
            self.records[task] = self.records.get(task, 0) + n


def _line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


@dataclass(frozen=True, slots=True)
class EncodedDocument:
    """A document's result as the bytes to append: made in the worker process, so the
    parent only writes (and sending bytes back is cheap)."""

    summary: dict[str, Any]
    blocks: dict[str, bytes]
    error: str | None = None

    @classmethod
    def of(cls, result: DocumentResult) -> EncodedDocument:
        """Encode ``result``: its manifest line (without ``ends``) and its JSON lines."""
        blocks = {task: b"".join(map(_line, rs)) for task, rs in result.records.items()}
        error = None
        if result.error is not None:
            at = "" if result.error_offset is None else f" at byte {result.error_offset}"
            error = f"{result.path}: {result.error}{at}"
            record = {"file": result.path, "error": result.error, "offset": result.error_offset}
            blocks[ERRORS] = _line(record)
        summary = result.to_dict()
        del summary["error_offset"]
        return cls(summary, blocks, error)


class RunFolder:
    """The files of one run; :meth:`write` appends one document, whole or not at all."""

    def __init__(self, out: str, tasks: Sequence[str], fmt: str, *, resume: bool) -> None:
        if fmt not in FORMATS:
            raise RunError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
        if fmt == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise RunError("--format parquet needs pyarrow: pip install '.[parquet]'") from None
        if fmt == "xlsx":
            try:
                import openpyxl  # noqa: F401
            except ImportError:
                raise RunError("--format xlsx needs openpyxl: pip install '.[xlsx]'") from None
        self.out, self.fmt, self.names = out, fmt, [*tasks, ERRORS]
        self.spool_dir = out if fmt == "jsonl" else os.path.join(out, "spool")
        self.header = {"govnlp_run": 1, "tasks": list(tasks), "format": fmt}
        self.done: dict[str, str] = {}
        """Path -> content hash of the documents done before this run (when resuming)."""
        self.summary = RunSummary(records=dict.fromkeys(tasks, 0))
        manifest = os.path.join(out, MANIFEST)
        exists = _size(manifest) > 0  # an empty manifest: killed before its header
        if exists and not resume:
            raise RunError(f"{manifest} exists: pass --resume to go on with that run")
        self.open_files = contextlib.ExitStack()
        try:
            self._open(manifest, exists)
        except OSError as e:
            self.open_files.close()
            where = e.filename or out
            raise RunError(f"{where}: cannot write the run there: {e.strerror or e}") from None
        except BaseException:
            self.open_files.close()
            raise

    def _open(self, manifest: str, exists: bool) -> None:
        if os.path.exists(self.out) and not os.path.isdir(self.out):
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", self.out)
        if exists and self.fmt != "jsonl" and not os.path.isdir(self.spool_dir):
            raise RunError(
                f"{self.out} holds a finished {self.fmt} run (its spool/ was removed when it "
                "finished): start a new run in another folder to add documents"
            )
        os.makedirs(self.spool_dir, exist_ok=True)
        ends = self._recover(manifest) if exists else None
        self.files: dict[str, IO[bytes]] = {}
        for name in self.names:
            path = self.spool_path(name)
            end = 0 if ends is None else ends.get(name, 0)
            if end and _size(path) < end:
                raise RunError(f"{path} is shorter than {manifest} says ({end} bytes)")
            mode = "r+b" if end else "wb"
            f = self.open_files.enter_context(open(path, mode))  # noqa: SIM115
            f.truncate(end)
            f.seek(0, os.SEEK_END)
            self.files[name] = f
        self.manifest = self.open_files.enter_context(open(manifest, "ab"))  # noqa: SIM115
        if ends is None:
            self.manifest.write(_line(self.header))
            self.manifest.flush()

    def spool_path(self, name: str) -> str:
        """The JSON-lines file where ``name``'s records are appended."""
        return os.path.join(self.spool_dir, f"{name}.jsonl")

    def _recover(self, manifest: str) -> dict[str, int] | None:
        """Read a previous run's manifest; cut off a partial last line; the file ends
        (``None`` when not even the header line was written)."""
        ends: dict[str, int] = {}
        good = 0
        with open(manifest, "rb") as f:
            for i, raw in enumerate(f):
                try:
                    line = json.loads(raw) if raw.endswith(b"\n") else None
                except ValueError:
                    line = None
                if line is None:
                    break
                if i == 0:
                    if line != self.header:
                        raise RunError(
                            f"{manifest} is a different run ({line}); cannot resume it as "
                            f"{self.header}"
                        )
                else:
                    self.done[line["file"]] = line["sha256"]
                    self.summary.add(line)
                    ends = line["ends"]
                good += len(raw)
        with open(manifest, "r+b") as f:
            f.truncate(good)
        if good == 0:  # killed before the header was written: nothing was done, start over
            return None
        return ends

    def write(self, document: EncodedDocument) -> None:
        """Append one document's records (or its error), then its manifest line."""
        for name, block in document.blocks.items():
            self.files[name].write(block)
        for f in self.files.values():
            f.flush()
        line = {**document.summary, "ends": {name: f.tell() for name, f in self.files.items()}}
        self.manifest.write(_line(line))
        self.manifest.flush()
        self.summary.add(line)

    def close(self) -> None:
        """Close every file."""
        self.open_files.close()

    def finish(self) -> None:
        """Write the final ``csv``/``parquet`` files (``xlsx``: one workbook, a sheet per
        task, ``results.xlsx``) from the spools."""
        self.close()
        if self.fmt == "xlsx":
            from .exports import write_xlsx

            target = os.path.join(self.out, "results.xlsx")
            sheets = {name: _read_jsonl(self.spool_path(name)) for name in self.names}
            with open(target + ".partial", "wb") as book:
                write_xlsx(sheets, book, {ERRORS: ["file", "error", "offset"]})
            os.replace(target + ".partial", target)
        for name in self.names if self.fmt in ("csv", "parquet") else ():
            target = os.path.join(self.out, f"{name}.{self.fmt}")
            temporary = target + ".partial"
            columns = _columns(_read_jsonl(self.spool_path(name)), COLUMNS.get(name, ()))
            if name == ERRORS and not columns:
                columns = {"file": {str}, "error": {str}, "offset": {int}}
            if self.fmt == "csv":
                with open(temporary, "w", encoding="utf-8", newline="") as out:
                    _write_csv(_read_jsonl(self.spool_path(name)), list(columns), out)
            else:
                spool = self.spool_path(name)
                _write_parquet(_read_jsonl(spool), columns, temporary, _read_jsonl(spool))
            os.replace(temporary, target)
        if self.fmt != "jsonl":  # the final files are written: the spools have served
            shutil.rmtree(self.spool_dir, ignore_errors=True)


def _read_jsonl(path: str) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def _columns(records: Iterable[dict[str, Any]], fixed: Sequence[str] = ()) -> dict[str, set[type]]:
    """The ``fixed`` columns, then every other key in first-seen order, with the types of
    their non-null values."""
    columns: dict[str, set[type]] = {c: set() for c in fixed}
    for r in records:
        for key, value in r.items():
            types = columns.setdefault(key, set())
            if value is not None:
                types.add(type(value))
    return columns


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _write_csv(records: Iterable[dict[str, Any]], columns: list[str], out: TextIO) -> None:
    if not columns:
        return
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    for r in records:
        w.writerow(["" if r.get(c) is None else _cell(r.get(c)) for c in columns])


def _decimal(value: Any, scale: int) -> Decimal | None:
    """The exact value as a decimal of ``scale`` places, or ``None`` where no decimal is
    exact (1/3: its exact form stays in the ``_exact`` column)."""
    number = exact(value)
    if isinstance(number, Fraction):
        try:
            number = Decimal(number.numerator) / Decimal(number.denominator)
        except ArithmeticError:  # pragma: no cover
            return None
        if Fraction(number) != exact(value):
            return None
    if number is None:
        return None
    quantized = number.quantize(Decimal(1).scaleb(-scale))
    return quantized if quantized == number else None


def _decimal_columns(
    records: Iterable[dict[str, Any]], columns: dict[str, set[type]]
) -> dict[str, tuple[int, int]]:
    """The exact-number columns (``value``, ``value_max``) as (precision, scale) of the
    decimal type that holds all their values, where every value is an exact number."""
    wanted = [c for c in NUMBER_COLUMNS if c in columns and columns[c] <= {str}]
    digits = dict.fromkeys(wanted, 1)
    scales = dict.fromkeys(wanted, 0)
    for r in records:
        for c in list(digits):
            value = r.get(c)
            if value is None:
                continue
            number = exact(value)
            if number is None:
                del digits[c]
                continue
            if isinstance(number, Fraction):
                continue  # exact only as text, unless it is a decimal (kept below)
            _, figures, exponent = number.as_tuple()
            if not isinstance(exponent, int):
                del digits[c]
                continue
            scales[c] = max(scales[c], -exponent)
            digits[c] = max(digits[c], len(figures) + exponent)
    out = {}
    for c, whole in digits.items():
        scale = min(scales[c], 38 - whole)
        if whole + scale <= 38:
            out[c] = (38, max(scale, 0))
    return out


def _write_parquet(
    records: Iterable[dict[str, Any]],
    columns: dict[str, set[type]],
    path: str,
    records_again: Iterable[dict[str, Any]] | None = None,
) -> None:
    """A Parquet file; with ``records_again`` (a second pass over the records), exact
    number columns become ``decimal128`` with their exact strings beside them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(types: set[type]) -> Any:
        if types and types <= {int}:
            return pa.int64()
        if types and types <= {bool}:
            return pa.bool_()
        return pa.string()

    decimals = _decimal_columns(records_again, columns) if records_again else {}
    fields = []
    for c, t in columns.items():
        if c in decimals:
            fields.append((c, pa.decimal128(*decimals[c])))
            fields.append((f"{c}_exact", pa.string()))
        else:
            fields.append((c, arrow_type(t)))
    schema = pa.schema(fields or [("file", pa.string())])
    strings = [c for c, t in columns.items() if arrow_type(t) == pa.string() and c not in decimals]

    def table(rows: list[dict[str, Any]]) -> Any:
        data = {c: [r.get(c) for r in rows] for c in schema.names}
        for c in strings:
            data[c] = [
                None if v is None else v if isinstance(v, str) else str(_cell(v)) for v in data[c]
            ]
        for c, (_, scale) in decimals.items():
            data[f"{c}_exact"] = [None if v is None else str(v) for v in data[c]]
            data[c] = [_decimal(v, scale) for v in data[c]]
        return pa.Table.from_pydict(data, schema=schema)

    with pq.ParquetWriter(path, schema) as writer:
        rows: list[dict[str, Any]] = []
        for r in records:
            rows.append(r)
            if len(rows) == 10_000:
                writer.write_table(table(rows))
                rows = []
        writer.write_table(table(rows))


def run(
    corpus: Sequence[str],
    out: str,
    *,
    tasks: Sequence[str] = ("quantities",),
    fmt: str = "jsonl",
    jobs: int = 1,
    resume: bool = False,
    lists: Sequence[str] = (),
    pattern: str = "*",
    max_bytes: int = MAX_BYTES,
    log: TextIO | None = None,
    log_every: int = 1000,
    time_limit: float | None = TIME_LIMIT,
    max_memory_mb: int | None = MAX_MEMORY_MB,
) -> RunSummary:
    """Run ``tasks`` over every document under ``corpus`` into the folder ``out``.

    A run with the ``elements`` task also writes the ``documents`` table: one row per
    document of each file (title, kind, issuer, number, date, region, year), to filter
    a corpus by before reading it.

    Failed documents are reported on ``log`` (default stderr) and in ``errors``; the run
    goes on. With ``resume``, documents already done (same path and content hash) are
    skipped. Progress goes to ``log``: a bar on a terminal, else a line per ``log_every``
    documents. A document that takes longer than ``time_limit`` seconds, or needs more
    than ``max_memory_mb`` in its worker process, is an error of its own (``None``: no
    limit). Interrupted, the run keeps every document done; ``resume`` goes on.
    """
    log = sys.stderr if log is None else log
    if "elements" in tasks and "documents" not in tasks:
        tasks = [*tasks, "documents"]  # the documents table: a row per document of each file
    for task in tasks:  # a typo (--tasks quantity) fails here, before any folder is made
        resolve_task(task)
    if fmt not in FORMATS:
        raise RunError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    paths = list(iter_paths(corpus, pattern=pattern, lists=lists, exclude=[out]))
    folder = RunFolder(out, tasks, fmt, resume=resume)
    sizes = array("q", map(_size, paths))
    progress = Progress(len(paths), sum(sizes), log, every=log_every)
    work = ((p, folder.done.get(p)) for p in paths)
    results = run_documents(
        work,
        tuple(tasks),
        jobs,
        EncodedDocument.of,
        max_bytes=max_bytes,
        time_limit=time_limit,
        max_memory_mb=max_memory_mb,
    )
    try:
        for size, document in zip(sizes, results, strict=True):
            if document is None:
                folder.summary.skipped += 1
                progress.advance(0, size, skipped=True)
                continue
            folder.write(document)
            if document.error is not None:
                progress.message(f"govnlp: {document.error}")
            progress.advance(document.summary["chars"], size)
    finally:
        folder.close()
        progress.close()
    folder.finish()
    s = folder.summary
    encodings = ", ".join(f"{n} {e}" for e, n in sorted(s.encodings.items()))
    records = ", ".join(f"{n} {t}" for t, n in s.records.items())
    print(
        f"govnlp run: {s.documents} documents ({s.skipped} already done), {s.failed} failed, "
        f"{s.chars:,} characters; encodings: {encodings or 'none'}; records: {records or 'none'}"
        f" -> {out}",
        file=log,
    )
    return s


def _size(path: str) -> int:
    with contextlib.suppress(OSError):
        return os.stat(path).st_size
    return 0
