"""Pipe tables (Markdown exports of statistical communiqués): cells and their headers.

A bare number in a table cell takes its meaning from the column header above it
(``年末数（万人）``, ``比上年增长（%）``) or from a 单位 column in its row.

>>> text = "| 指标 | 年末数（万人） | 比重（%） |\\n| --- | --- | --- |\\n| 城镇 | 77116 | 56.10 |"
>>> [(c.text, c.header) for c in numeric_cells(text)]
[('77116', '年末数（万人）'), ('56.10', '比重（%）')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

__all__ = ["Cell", "numeric_cells"]

_TABLE_LINE = regex.compile(r"(?m)^[ \t]*\|[^\n]*$")
_CELL = regex.compile(r"[^|]+")
_NUMBER = regex.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")
_SEPARATOR = regex.compile(r"[\s:\-]*")
_HAN = regex.compile(r"\p{Han}")
_UNIT_NOTE = regex.compile(r"单位\s*[:：]\s*([^\s|，。；]+)")


@dataclass(frozen=True, slots=True)
class Cell:
    """A numeric table cell: its offsets, its column header and the unit its row names."""

    start: int
    end: int
    text: str
    header: str
    row_unit: str
    table_unit: str


def _cells(line: regex.Match[str]) -> list[tuple[int, int, str]]:
    """The cells of one table line as (start, end, stripped text), pipes excluded."""
    out = []
    for m in _CELL.finditer(line.string, line.start(), line.end()):
        raw = m.group()
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append((m.start() + lead, m.start() + lead + len(stripped), stripped))
    return out


def _tables(text: str) -> Iterator[list[list[tuple[int, int, str]]]]:
    """Runs of consecutive table lines, each line split into cells."""
    rows: list[list[tuple[int, int, str]]] = []
    last_end = -2
    for m in _TABLE_LINE.finditer(text):
        if rows and m.start() != last_end + 1:
            yield rows
            rows = []
        rows.append(_cells(m))
        last_end = m.end()
    if rows:
        yield rows


def numeric_cells(text: str) -> Iterator[Cell]:
    """Every table cell that holds one bare number, with what gives it a unit.

    ``header`` is the nearest text cell above it in its column; ``row_unit`` the cell
    of its row under a 单位 header; ``table_unit`` a 单位：… note in the table's rows.
    """
    for rows in _tables(text):
        headers: dict[int, str] = {}
        unit_column: int | None = None
        table_unit = ""
        for cells in rows:
            if all(_SEPARATOR.fullmatch(c[2]) for c in cells):
                continue
            for _, _, cell_text in cells:
                note = _UNIT_NOTE.search(cell_text)
                if note:
                    table_unit = note.group(1)
            has_unit = unit_column is not None and unit_column < len(cells)
            row_unit = cells[unit_column][2] if has_unit and unit_column is not None else ""
            for column, (start, end, cell_text) in enumerate(cells):
                if _NUMBER.fullmatch(cell_text):
                    yield Cell(start, end, cell_text, headers.get(column, ""), row_unit, table_unit)
                elif _HAN.search(cell_text):
                    headers[column] = cell_text
                    if "".join(cell_text.split()) == "单位":
                        unit_column = column
