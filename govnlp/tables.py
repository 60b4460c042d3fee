"""Pipe tables (Markdown exports of statistical communiqués): cells and their headers.

A bare number in a table cell takes its meaning from the column header above it
(``年末数（万人）``, ``比上年增长（%）``) or from a 单位 column in its row.

>>> text = "| 指标 | 年末数（万人） | 比重（%） |\\n| --- | --- | --- |\\n| 城镇 | 77116 | 56.10 |"
>>> [(c.text, c.header) for c in numeric_cells(text)]
[('77116', '年末数（万人）'), ('56.10', '比重（%）')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

__all__ = ["Cell", "list_cells", "numeric_cells"]

_TABLE_LINE = regex.compile(r"(?m)^[ \t]*\|[^\n]*$")
_CELL = regex.compile(r"[^|]+")
_NUMBER = regex.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")
_SEPARATOR = regex.compile(r"[\s:\-]*")
_HAN = regex.compile(r"\p{Han}")
_UNIT_NOTE = regex.compile(r"单位\s*[:：]\s*([^\s|，。；]+)")


@dataclass(frozen=True, slots=True)
class Cell:
    """A numeric table cell: its offsets, its column header and the unit its row names.

    ``row_unit`` is text that ends with the row's unit where the row names one (a 单位
    cell, or the label before the numbers of a list row: 纱万吨 → 万吨).
    """

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


_LIST_ROW = regex.compile(r"(?m)^-[ \t]+[^\n]*$")
"""A list row; the regex module finds line starts several times faster than re here."""
_NUMERIC_TAIL = re.compile(r"-?\d+(?:\.\d+)?(?:[ \t]+-?\d+(?:\.\d+)?)*(?=\**[ \t]*$)")
_CELL_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_TITLE = re.compile(r"表\s*\d+[^\n]*")


def _list_blocks(text: str) -> Iterator[list[regex.Match[str]]]:
    """Runs of consecutive list rows."""
    block: list[regex.Match[str]] = []
    for m in _LIST_ROW.finditer(text):
        if block and text[block[-1].end() : m.start()] != "\n":
            yield block
            block = []
        block.append(m)
    if block:
        yield block


def list_cells(text: str) -> Iterator[Cell]:
    """Numbers of the tables that Markdown exports write as lists (statistical communiqués).

    Rows end in numbers separated by spaces (``- 居民消费价格 2.1 2.1 2.1``); the table's
    title and a ``单位：%`` note stand above the list, and a header row may name a 单位
    column and a last column such as ``比上年增长%``.

    >>> text = "表2 主要工业产品产量\\n- 产品名称单位产量比上年增长%\\n- 纱万吨2148.9 3.9"
    >>> [(c.text, c.header, c.row_unit) for c in list_cells(text)]
    [('2148.9', '', '纱万吨'), ('3.9', '产品名称单位产量比上年增长（%）', '')]
    """
    for block in _list_blocks(text):
        before = text[max(0, block[0].start() - 300) : block[0].start()]
        titles = _TITLE.findall(before)
        notes = _UNIT_NOTE.findall(before)
        title = titles[-1] if titles else ""
        note = notes[-1] if notes else ""
        header = ""
        for row in block:
            tail = _NUMERIC_TAIL.search(row.group(), 2)
            if tail is None:
                header = row.group()[2:].strip()
                note = (_UNIT_NOTE.findall(header) or [note])[-1]
                continue
            lead = row.group()[2 : tail.start()].strip()
            numbers = list(_CELL_NUMBER.finditer(tail.group()))
            for i, number in enumerate(numbers):
                start = row.start() + tail.start() + number.start()
                last_in_percent = header.endswith("%") and i == len(numbers) - 1 and i > 0
                if last_in_percent:
                    yield Cell(
                        start,
                        start + len(number.group()),
                        number.group(),
                        header[:-1] + "（%）",
                        "",
                        "",
                    )
                elif "单位" in header:
                    yield Cell(start, start + len(number.group()), number.group(), "", lead, "")
                else:
                    yield Cell(start, start + len(number.group()), number.group(), title, "", note)
