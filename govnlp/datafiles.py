"""Reading govnlp's own data tables (``govnlp/data/*.tsv``) strictly, with file:line errors.

Every table is UTF-8, tab-separated, with ``#`` comment lines that explain its columns and a
header row naming them.

>>> next(iter(read_table("units.tsv", ("surface", "canonical", "kind", "factor", "article"))))
(15, ['元', '元', 'money', '1', 'no'])
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

from .errors import DataFileError

__all__ = ["read_table"]


def read_table(
    name: str, columns: tuple[str, ...], optional: int = 0
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, cells)`` of ``govnlp/data/<name>`` after checking its header.

    The last ``optional`` columns may be left out of a row.
    """
    path = f"govnlp/data/{name}"
    text = resources.files("govnlp").joinpath(f"data/{name}").read_text(encoding="utf-8")
    header = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header:
            if tuple(cells) != columns:
                raise DataFileError(path, n, f"header must be {', '.join(columns)}")
            header = True
            continue
        if not len(columns) - optional <= len(cells) <= len(columns):
            msg = f"expected {len(columns)} tab-separated columns, found {len(cells)}"
            raise DataFileError(path, n, msg)
        cells += [""] * (len(columns) - len(cells))
        if not all(c.strip() == c for c in cells) or not cells[0]:
            raise DataFileError(path, n, "empty first column or stray white space in a cell")
        yield n, cells
