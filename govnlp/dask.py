"""Corpus runs beyond one machine on Dask: the per-document function of
:mod:`govnlp.corpus` mapped over the partitions of a ``dask.bag``.

Needs the ``dask`` extra (``pip install '.[dask]'``). The paths are listed on the
client (folders walked as ``govnlp run`` does); each worker reads its documents itself,
so the files must be visible to every worker (a shared or network file system).

>>> dask = __import__("pytest").importorskip("dask")
>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> _ = open(os.path.join(d, "a.txt"), "wb").write("粮食产量1.2万吨".encode())
>>> [r.chars for r in to_bag([d], tasks=()).compute(scheduler="synchronous")]
[9]
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from .corpus import DocumentResult, iter_paths, process_document

__all__ = ["errors_bag", "records_bag", "to_bag", "to_dataframe"]


def to_bag(
    paths: Iterable[str],
    tasks: Sequence[str] = ("quantities",),
    *,
    npartitions: int | None = None,
    pattern: str = "*",
) -> Any:
    """A ``dask.bag.Bag`` of one :class:`~govnlp.corpus.DocumentResult` per document.

    ``npartitions`` defaults to one partition per 64 documents (at most 1000 partitions).
    """
    db: Any = importlib.import_module("dask.bag")  # untyped; optional
    documents = list(iter_paths(paths, pattern=pattern))
    if npartitions is None:
        npartitions = max(1, min(1000, len(documents) // 64))
    return db.from_sequence(documents, npartitions=npartitions).map(
        partial(process_document, tasks=tuple(tasks))
    )


def records_bag(
    paths: Iterable[str],
    task: str = "quantities",
    *,
    npartitions: int | None = None,
    pattern: str = "*",
) -> Any:
    """A ``dask.bag.Bag`` of the records (dicts) of one task, over every document.

    >>> dask = __import__("pytest").importorskip("dask")
    >>> records_bag(["/nonexistent.txt"]).compute(scheduler="synchronous")
    []
    """
    bag = to_bag(paths, (task,), npartitions=npartitions, pattern=pattern)
    return bag.map(partial(_records, task=task)).flatten()


def errors_bag(paths: Iterable[str], *, npartitions: int | None = None, pattern: str = "*") -> Any:
    """A ``dask.bag.Bag`` of ``{"file", "error", "offset"}`` for documents that failed."""
    bag = to_bag(paths, (), npartitions=npartitions, pattern=pattern)
    return bag.filter(_failed).map(_error)


def to_dataframe(
    paths: Iterable[str],
    task: str = "quantities",
    *,
    meta: Any = None,
    npartitions: int | None = None,
    pattern: str = "*",
) -> Any:
    """A ``dask.dataframe.DataFrame`` of one task's records.

    ``meta`` is an empty ``pandas.DataFrame`` with the columns and their types; by
    default it is taken from the first record found by running the task locally over
    the first documents (at most 100), and a record's keys outside it are dropped. Pass
    it to pin optional fields, or when few documents have records.
    """
    documents = list(iter_paths(paths, pattern=pattern))
    if meta is None:
        meta = _meta(documents[:100], task)
    bag = records_bag(documents, task, npartitions=npartitions)
    return bag.to_dataframe(meta=meta)


def _meta(documents: Iterable[str], task: str) -> Any:
    import pandas as pd

    for path in documents:
        records = process_document(path, (task,)).records.get(task)
        if records:
            return pd.DataFrame.from_records(records[:1]).iloc[:0]
    return pd.DataFrame({"file": pd.Series([], dtype=object)})


def _records(result: DocumentResult, task: str) -> tuple[dict[str, Any], ...]:
    return result.records.get(task, ())


def _failed(result: DocumentResult) -> bool:
    return result.error is not None


def _error(result: DocumentResult) -> dict[str, Any]:
    return {"file": result.path, "error": result.error, "offset": result.error_offset}
