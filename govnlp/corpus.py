"""Batch runs over a corpus: walking, decoding, tasks per document, parallel processes.

A *task* turns one document's text into records (JSON-ready dicts with the ``file`` and
the fields of one result's ``to_dict()``). :data:`TASKS` names the built-in ones by the
dotted path of the function they call, imported on first use, so a task whose module is
missing fails with a clear :class:`TaskError` instead of breaking ``import govnlp``.

:func:`process_corpus` yields one :class:`DocumentResult` per document, in input order,
from one process or several; the ``govnlp run`` command (:func:`govnlp.runs.run`) writes
them to resumable output files.

>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> for name, data in [("a.txt", "国内生产总值增长5%".encode()), ("b.txt", b"")]:
...     _ = open(os.path.join(d, name), "wb").write(data)
>>> for r in process_corpus([d], tasks=()):
...     print(os.path.basename(r.path), r.encoding, r.chars, r.error)
a.txt utf-8 10 None
b.txt None 0 empty file
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import importlib
import os
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from .errors import GovnlpError, InputError
from .inputs import MAX_BYTES, decode_guess, read_bytes

__all__ = [
    "TASKS",
    "DocumentResult",
    "DocumentTimeout",
    "Limits",
    "Task",
    "TaskError",
    "WorkerDied",
    "iter_paths",
    "process_corpus",
    "process_document",
    "register_task",
    "resolve_task",
    "to_dataframe",
]

Record = dict[str, Any]
Extract = Callable[[str], Iterable[Any]]
T = TypeVar("T")

CHUNK_BYTES = 256 * 1024
"""Documents go to a worker process in chunks of about this many bytes."""


TIME_LIMIT = 600.0
"""Seconds a worker may spend on one document (all its tasks) before it is given up as an
error and the run goes on (``govnlp run --time-limit``)."""

MAX_MEMORY_MB = 4096
"""Address space (MiB) of a worker process: a document that needs more fails alone with a
``MemoryError`` instead of exhausting the machine (``govnlp run --max-memory``)."""


class TaskError(GovnlpError, ValueError):
    """A task name is unknown, or its module cannot be imported."""


class DocumentTimeout(Exception):
    """A document took longer than its time limit (raised by the alarm in its worker)."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost: bytes read, seconds (``None``: no limit), and the
    address space of a worker process in MiB (``None``: no limit; never set in-process)."""

    max_bytes: int = MAX_BYTES
    time_limit: float | None = None
    max_memory_mb: int | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """A named task: ``target`` is ``"module:attribute"``; ``bind`` turns that attribute
    into a function from text to results that have ``to_dict()``."""

    name: str
    target: str
    bind: Callable[[Any], Extract]


def _call(function: Any) -> Extract:
    """The target is itself ``text -> results``."""
    return function  # type: ignore[no-any-return]


def _headings(segment: Any) -> Extract:
    """``segment(text)`` gives an outline; its records are the headings."""

    def headings(text: str) -> Iterable[Any]:
        return segment(text).headings()  # type: ignore[no-any-return]

    return headings


def _lexicon_find(lexicon_class: Any) -> Extract:
    """The default lexicon, loaded once per process, finds the terms."""
    return lexicon_class.load().find  # type: ignore[no-any-return]


def _with_sentences(extract: Any) -> Extract:
    """Indicator rows with the sentence each was read from (``exports.with_sentences``)."""
    from .exports import with_sentences

    def rows(text: str) -> Iterable[Any]:
        return list(with_sentences(text, extract(text)))

    return rows


def _summaries(elements: Any) -> Extract:
    """One record per document of the file: its title, kind, issuer, number, date, region
    and year (:meth:`govnlp.elements.DocumentElements.summaries`)."""

    def documents(text: str) -> Iterable[Any]:
        return elements(text).summaries(text)  # type: ignore[no-any-return]

    return documents


TASKS: dict[str, Task] = {
    t.name: t
    for t in (
        Task("quantities", "govnlp.quantities:extract_quantities", _call),
        Task("sections", "govnlp.sections:segment", _headings),
        Task("terms", "govnlp.lexicon:Lexicon", _lexicon_find),
        Task("indicators", "govnlp.indicators:extract_indicators", _with_sentences),
        Task("panel", "govnlp.targets:document_facts", _call),
        Task("elements", "govnlp.elements:read_elements", _call),
        Task("documents", "govnlp.elements:read_elements", _summaries),
    )
}
"""The tasks ``govnlp run --tasks`` knows, by name."""


def register_task(name: str, target: str, bind: Callable[[Any], Extract] = _call) -> Task:
    """Add (or replace) a task; ``target`` is ``"module:function"`` taking the text.

    >>> register_task("wrapped", "textwrap:wrap").target
    'textwrap:wrap'
    >>> del TASKS["wrapped"]
    """
    task = Task(name, target, bind)
    TASKS[name] = task
    return task


def resolve_task(name: str) -> Extract:
    """The function of task ``name`` (imported and bound once per process).

    >>> resolve_task("nonesuch")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govnlp.corpus.TaskError: unknown task 'nonesuch' (known: documents, elements, indicators, ...)
    """
    task = TASKS.get(name)
    if task is None:
        raise TaskError(f"unknown task {name!r} (known: {', '.join(sorted(TASKS))})")
    return _bound(task)


@cache
def _bound(task: Task) -> Extract:
    module_name, _, attribute = task.target.partition(":")
    try:
        target = getattr(importlib.import_module(module_name), attribute)
        return task.bind(target)
    except (ImportError, AttributeError) as e:
        raise TaskError(f"task {task.name} is not available: {type(e).__name__}: {e}") from None


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One document's outcome: its identity, how it was decoded, and records per task.

    ``error`` says why a document has no records (unreadable, empty, binary, not
    decodable), with ``error_offset`` the byte offset where it applies, or which task
    failed on it (a bug): the records of the other tasks are kept.
    """

    path: str
    sha256: str
    encoding: str | None
    chars: int
    records: dict[str, tuple[Record, ...]] = field(default_factory=dict)
    error: str | None = None
    error_offset: int | None = None

    def to_dict(self) -> Record:
        """The document's summary: ``file``, hash, encoding, size, error, records per task.

        >>> DocumentResult("a.txt", "ab", "utf-8", 3, {"quantities": ()}).to_dict()["counts"]
        {'quantities': 0}
        """
        return {
            "file": self.path,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "chars": self.chars,
            "counts": {task: len(rs) for task, rs in self.records.items()},
            "error": self.error,
            "error_offset": self.error_offset,
        }


def process_document(
    path: str,
    tasks: Sequence[str] = ("quantities",),
    *,
    max_bytes: int = MAX_BYTES,
    time_limit: float | None = None,
) -> DocumentResult:
    """Read, decode and run ``tasks`` on one file; never raises for a bad document.

    With ``time_limit`` (seconds, in the main thread only), a document whose tasks take
    longer fails with ``time limit of … s exceeded in task …``.

    >>> process_document("/nonexistent.txt").error
    'cannot read: No such file or directory'
    """
    limits = Limits(max_bytes, time_limit)
    return _process(path, tuple(tasks), limits, None) or DocumentResult(path, "", None, 0)


def _process(
    path: str, tasks: tuple[str, ...], limits: Limits, skip_sha256: str | None
) -> DocumentResult | None:
    """The document's result, or ``None`` when its content hash is ``skip_sha256``."""
    sha256 = ""
    try:
        data = read_bytes(path, max_bytes=limits.max_bytes)
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 == skip_sha256:
            return None
        text, encoding = decode_guess(data, path)
    except InputError as e:
        if not sha256 and skip_sha256 == "":  # unreadable then and now: already reported
            return None
        return DocumentResult(path, sha256, None, 0, error=e.problem, error_offset=e.offset)
    records: dict[str, tuple[Record, ...]] = {}
    problems = []
    with _alarm(limits.time_limit) as timed_out:
        for task in tasks:
            if timed_out():
                problems.append(f"task {task} not run: the time limit was reached")
                continue
            try:
                found = resolve_task(task)(text)
                records[task] = tuple({"file": path, **_as_dict(r)} for r in found)
            except DocumentTimeout:
                problems.append(
                    f"time limit of {limits.time_limit:g} s exceeded in task {task} "
                    f"({len(text):,} characters)"
                )
            except MemoryError:
                problems.append(f"task {task} ran out of memory ({len(text):,} characters)")
            except Exception as e:  # a bug in one task: keep the others' records, report it
                where = traceback.extract_tb(e.__traceback__)[-1]
                problems.append(
                    f"task {task} failed: {type(e).__name__}: {str(e)[:300]} "
                    f"({where.name}:{where.lineno})"
                )
    error = "; ".join(problems) if problems else None
    return DocumentResult(path, sha256, encoding, len(text), records, error)


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[Callable[[], bool]]:
    """Raise :class:`DocumentTimeout` in the code run inside once ``seconds`` have passed
    (SIGALRM; only in the main thread, elsewhere no limit). Yields a test: has it fired?"""
    fired = False

    def has_fired() -> bool:
        return fired

    if not seconds or threading.current_thread() is not threading.main_thread():
        yield has_fired
        return

    def on_alarm(signum: int, frame: Any) -> None:
        nonlocal fired
        fired = True
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield has_fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _as_dict(result: Any) -> Record:
    return result if isinstance(result, dict) else result.to_dict()


def iter_paths(
    corpus: Iterable[str],
    *,
    pattern: str = "*",
    lists: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Iterator[str]:
    """Every document path: files as given, folders walked in sorted order (hidden files
    and folders, and the folders in ``exclude``, skipped; file names matching
    ``pattern``), then the paths listed one per line in each list file (blank lines and
    ``#`` comments skipped). Each path once.

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> for p in ["b.txt", "a.txt", "s/c.txt", ".hidden/d.txt", "e.csv"]:
    ...     os.makedirs(os.path.dirname(os.path.join(d, p)), exist_ok=True)
    ...     open(os.path.join(d, p), "w").close()
    >>> [os.path.relpath(p, d) for p in iter_paths([d], pattern="*.txt")]
    ['a.txt', 'b.txt', 's/c.txt']
    """
    seen: set[str] = set()
    visited = {(st.st_dev, st.st_ino) for st in map(os.stat, filter(os.path.isdir, exclude))}

    def listed() -> Iterator[str]:
        for arg in corpus:
            if os.path.isdir(arg):
                yield from _walk(arg, pattern, visited)
            else:
                yield arg
        for list_file in lists:
            try:
                with open(list_file, encoding="utf-8") as f:
                    for line in f:
                        line = line.strip()
                        if line and not line.startswith("#"):
                            yield line
            except (OSError, UnicodeDecodeError) as e:
                raise InputError(list_file, f"cannot read the list of paths: {e}") from None

    for path in listed():
        if path not in seen:
            seen.add(path)
            yield path


def _walk(root: str, pattern: str, visited: set[tuple[int, int]]) -> Iterator[str]:
    """Files under ``root``; ``visited`` holds the folders (device, inode) seen or
    excluded, so a symbolic link back up the tree is not followed twice."""
    try:
        st = os.stat(root)
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        yield root  # reported as unreadable when processed
        return
    if (st.st_dev, st.st_ino) in visited:
        return
    visited.add((st.st_dev, st.st_ino))
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry.path, pattern, visited)
        elif fnmatch.fnmatch(entry.name, pattern):
            yield entry.path


def process_corpus(
    paths: Iterable[str],
    tasks: Sequence[str] = ("quantities",),
    jobs: int = 1,
    *,
    pattern: str = "*",
    max_bytes: int = MAX_BYTES,
    time_limit: float | None = None,
    max_memory_mb: int | None = None,
) -> Iterator[DocumentResult]:
    """One :class:`DocumentResult` per document under ``paths`` (files and folders), in
    order, computed in ``jobs`` processes (``1``: in this process). Results stream: only a
    bounded window of documents is in flight at any time. ``time_limit`` (seconds per
    document) and ``max_memory_mb`` (per worker process) make a document that exceeds
    them an error of its own; the others go on.

    >>> [r.error for r in process_corpus(["/nonexistent.txt"], tasks=["quantities"])]
    ['cannot read: No such file or directory']
    """
    work = ((p, None) for p in iter_paths(paths, pattern=pattern))
    results = run_documents(
        work,
        tuple(tasks),
        jobs,
        _unchanged,
        max_bytes=max_bytes,
        time_limit=time_limit,
        max_memory_mb=max_memory_mb,
    )
    for result in results:
        if result is not None:
            yield result


def run_documents(
    work: Iterable[tuple[str, str | None]],
    tasks: tuple[str, ...],
    jobs: int,
    finish: Callable[[DocumentResult], T],
    *,
    max_bytes: int = MAX_BYTES,
    chunk_bytes: int | None = None,
    time_limit: float | None = None,
    max_memory_mb: int | None = None,
) -> Iterator[T | None]:
    """``finish(result)`` for ``(path, skip_sha256)`` pairs, in order (``None`` for a
    document skipped because its content hash is ``skip_sha256``).

    ``finish`` runs where the document was processed, so with ``jobs > 1`` it should make
    the result cheap to send back (e.g. encode the records); it must be picklable (a
    module-level function). Documents go to worker processes in chunks of about
    ``chunk_bytes`` (by file size, default :data:`CHUNK_BYTES`), and at most ``4 * jobs``
    chunks are in flight.

    Interrupted (``KeyboardInterrupt``, or the consumer stops early), the workers are
    ended at once rather than waited for: what they were doing is lost, and a resumed run
    does it again. A worker that dies (killed for memory) ends the run with a
    :class:`WorkerDied` naming the documents it had.
    """
    for task in tasks:
        resolve_task(task)  # fail early, and let forked workers inherit loaded data
    if jobs <= 1:
        limits = Limits(max_bytes, time_limit)  # no memory limit on the caller's process
        for path, skip in work:
            yield _process_and_finish(path, tasks, limits, skip, finish)
        return
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    limits = Limits(max_bytes, time_limit, max_memory_mb)
    specs = [TASKS[t] for t in tasks]
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(specs, max_memory_mb))
    window: deque[tuple[list[str], Future[list[T | None]]]] = deque()

    def next_results() -> list[T | None]:
        paths, future = window.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            raise WorkerDied(paths) from None

    finished = False
    try:
        for chunk in _chunks(work, chunk_bytes or CHUNK_BYTES):
            future = pool.submit(_process_chunk, chunk, tasks, limits, finish)
            window.append(([p for p, _ in chunk], future))
            if len(window) >= 4 * jobs:
                yield from next_results()
        while window:
            yield from next_results()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _stop(pool)


def _chunks(
    work: Iterable[tuple[str, str | None]], chunk_bytes: int
) -> Iterator[list[tuple[str, str | None]]]:
    chunk: list[tuple[str, str | None]] = []
    size = 0
    for item in work:
        chunk.append(item)
        with contextlib.suppress(OSError):
            size += os.stat(item[0]).st_size
        if size >= chunk_bytes or len(chunk) >= 256:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


class WorkerDied(GovnlpError, RuntimeError):
    """A worker process died (killed by the system, most often for memory) while it held
    these documents; the documents done before them are kept."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        super().__init__(paths)

    def __str__(self) -> str:
        shown = ", ".join(self.paths[:3]) + (
            f" and {len(self.paths) - 3} more" * (len(self.paths) > 3)
        )
        return (
            f"a worker process died (out of memory?) on one of: {shown}; the documents "
            "before them are kept: give the same command with --resume to go on"
        )


def _stop(pool: Any) -> None:
    """End a process pool now: cancel what waits, terminate the workers (they may be deep
    in a long document), and reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown drops it
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in processes:
        with contextlib.suppress(Exception):
            p.join(5)


def _init_worker(specs: list[Task], max_memory_mb: int | None = None) -> None:
    """Register the tasks (a spawned worker has only the built-in ones); leave Ctrl-C to
    the parent (which ends the workers); die with the parent; bound the address space."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(Exception):  # Linux: a SIGTERM when the parent dies
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if max_memory_mb:
        with contextlib.suppress(ImportError, ValueError, OSError):
            import resource

            limit = max_memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    for task in specs:
        TASKS[task.name] = task


def _process_chunk(
    chunk: list[tuple[str, str | None]],
    tasks: tuple[str, ...],
    limits: Limits,
    finish: Callable[[DocumentResult], T],
) -> list[T | None]:
    return [_process_and_finish(path, tasks, limits, skip, finish) for path, skip in chunk]


def _process_and_finish(
    path: str,
    tasks: tuple[str, ...],
    limits: Limits,
    skip: str | None,
    finish: Callable[[DocumentResult], T],
) -> T | None:
    try:
        result = _process(path, tasks, limits, skip)
    except DocumentTimeout:  # the alarm went off between two tasks
        result = DocumentResult(
            path, "", None, 0, error=f"time limit of {limits.time_limit:g} s exceeded"
        )
    except MemoryError:  # outside any one task (reading, decoding)
        result = DocumentResult(path, "", None, 0, error="out of memory")
    return None if result is None else finish(result)


def _unchanged(result: DocumentResult) -> DocumentResult:
    return result


def to_dataframe(results: Iterable[Any], task: str | None = None) -> Any:
    """A ``pandas.DataFrame`` with one row per result (any govnlp result with ``to_dict()``,
    or plain dicts). For :class:`DocumentResult` s, one row per document, or with ``task``
    one row per record of that task. Exact values (``value``, ``value_max``) are
    ``float64`` numbers with the exact strings beside them (``value_exact``: ``"1/3"``),
    see :func:`govnlp.exports.frame`. Needs the ``pandas`` extra.

    >>> pd = __import__("pytest").importorskip("pandas")
    >>> r = DocumentResult("a.txt", "ab", "utf-8", 3, {"t": ({"file": "a.txt", "n": 1},)})
    >>> to_dataframe([r], task="t").to_dict("records")
    [{'file': 'a.txt', 'n': 1}]
    """
    from .exports import frame

    def rows() -> Iterator[Record]:
        for r in results:
            if task is not None and isinstance(r, DocumentResult):
                yield from r.records.get(task, ())
            elif isinstance(r, dict):
                yield r
            else:
                yield r.to_dict()

    return frame(rows(), task)
