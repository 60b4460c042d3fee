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
from functools import cache, lru_cache
from importlib import resources

import regex

from .units import units

__all__ = ["Cell", "list_cells", "numeric_cells", "spaced_cells"]

_TABLE_LINE = regex.compile(r"(?m)^[ \t]*\|[^\n]*$")
_CELL = regex.compile(r"[^|]+")
_NUMBER = regex.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")
_SEPARATOR = regex.compile(r"[\s:\-]*")
_HAN = regex.compile(r"\p{Han}")
_UNIT_NOTE = regex.compile(r"单位\s*[:：]\s*([^\s|，。；、）)\]】*]+)")
"""A 单位：… note; the unit stops at a closing bracket or bold mark (（单位：亿元）**)."""
_NOTED = regex.compile(r"(-?\d+(?:,\d{3})*(?:\.\d+)?)[ \t]*(?:[（(][^（）()|]{1,8}[）)]|\\?\*+)")
"""A number with a note after it (8.4（可比价）, 2.82（\\*）): the cell's amount is the number."""
_CAPTION_LINES = 2
"""How many non-blank lines above a table may hold its caption and 单位 note."""


@dataclass(frozen=True, slots=True)
class Cell:
    """A numeric table cell: its offsets, its column header and the unit its row names.

    ``row_unit`` is text that ends with the row's unit where the row names one (a 单位
    cell, or the label before the numbers of a list row: 纱万吨 → 万吨); ``None`` where
    the table has no 单位 column, ``""`` where the row's 单位 cell is empty. ``label`` is
    the text that names the row (新增发电机组容量).
    """

    start: int
    end: int
    text: str
    header: str
    row_unit: str | None
    table_unit: str
    label: str = ""


@cache
def row_number_headers() -> frozenset[str]:
    """Headers of a column that numbers the rows (序号), from ``data/row_number_headers.txt``."""
    data = resources.files("govnlp").joinpath("data/row_number_headers.txt")
    lines = (line.strip() for line in data.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


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


def _caption_note(text: str, start: int) -> str:
    """The unit of a 单位：… note in the caption lines right above a table (（单位：亿美元）)."""
    start = text.rfind("\n", 0, start) + 1
    window = max(0, start - 300)
    lines = text[window:start].split("\n")[1 if window else 0 :]  # whole lines only
    caption = [line for line in lines if line.strip()][-_CAPTION_LINES:]
    for line in reversed(caption):
        if line.lstrip().startswith(("|", "-")):
            break  # another table or list stands right above: its note is its own
        note = _UNIT_NOTE.search(line)
        if note:
            return note.group(1)
    return ""


def _is_separator(cells: list[tuple[int, int, str]]) -> bool:
    """A row of no content: the ``| --- |`` rule under a header, or an empty row."""
    return all(_SEPARATOR.fullmatch(c[2]) for c in cells)


def _is_rule(cells: list[tuple[int, int, str]]) -> bool:
    """The ``| --- | --- |`` rule that closes a Markdown table's header row."""
    return _is_separator(cells) and any("-" in c[2] for c in cells)


def numeric_cells(text: str) -> Iterator[Cell]:
    """Every table cell that holds one bare number, with what gives it a unit.

    ``header`` is the nearest text cell above it in its column; ``row_unit`` the cell
    of its row under a 单位 header (``None`` where the table has no 单位 column);
    ``table_unit`` a 单位：… note in the table's rows or in its caption above it. Numbers
    in the header row (the row above the ``| --- |`` line: years) and in a row-number
    column (序号) are not yielded; a note after a number (8.4（可比价）) is left out of
    the cell.

    >>> text = "表1（单位：亿元）\\n| 序号 | 指标 | 2016 |\\n| --- | --- | --- |\\n"
    >>> text += "| 1 | 收入 | 8.4（*） |"
    >>> [(c.text, c.header, c.table_unit) for c in numeric_cells(text)]
    [('8.4', '2016', '亿元')]
    """
    numbering_headers = row_number_headers()
    for rows in _tables(text):
        headers: dict[int, str] = {}
        unit_column: int | None = None
        numbering: set[int] = set()
        table_unit = _caption_note(text, rows[0][0][0]) if rows[0] else ""
        empty = [_is_separator(cells) for cells in rows]
        for i, cells in enumerate(rows):
            if empty[i]:
                continue
            header_row = i + 1 < len(rows) and empty[i + 1] and _is_rule(rows[i + 1])
            for _, _, cell_text in cells:
                if "单位" in cell_text and (note := _UNIT_NOTE.search(cell_text)):
                    table_unit = note.group(1)
            has_unit = unit_column is not None and unit_column < len(cells)
            row_unit = cells[unit_column][2] if has_unit and unit_column is not None else None
            label: str | None = None
            for column, (start, end, cell_text) in enumerate(cells):
                number = _NUMBER.fullmatch(cell_text)
                if number is None and cell_text[:1].isdigit():
                    number = _NOTED.fullmatch(cell_text)
                if number is not None and not header_row:
                    if column in numbering:
                        continue
                    end = start + number.end(1 if number.re is _NOTED else 0)
                    if label is None:
                        label = _label(cells, unit_column)
                    yield Cell(
                        start,
                        end,
                        text[start:end],
                        headers.get(column, ""),
                        row_unit,
                        table_unit,
                        label,
                    )
                elif header_row or _HAN.search(cell_text):
                    headers[column] = cell_text
                    name = "".join(cell_text.split())
                    if name == "单位":
                        unit_column = column
                    elif name in numbering_headers:
                        numbering.add(column)


def _label(cells: list[tuple[int, int, str]], unit_column: int | None) -> str:
    """The text that names a table row: its first text cell other than the 单位 cell."""
    return next((c[2] for k, c in enumerate(cells) if k != unit_column and _HAN.search(c[2])), "")


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


_PERCENT_END = re.compile(r"[%‰][）)]?$")
"""A header that ends with its last column's percent unit: 比上年增长%, 比上年增长（%）."""
_UNIT_MARK = re.compile(r"[（(]([^（）()]{1,8})[）)]|[%‰]")


@lru_cache(maxsize=256)
def _column_headers(header: str, n: int) -> tuple[str, ...] | None:
    """A list table's header cut into its ``n`` numeric columns at their unit marks.

    ``产品名称产量（万吨）比上年增长(%)`` names two columns, each ending with its unit; when
    the header holds exactly one unit mark per number of the row, the i-th number has the
    i-th column's header (up to and including its mark). Otherwise None.

    >>> _column_headers("指标增加值（亿元）比上年增长（%）", 2)
    ('指标增加值（亿元）', '比上年增长（%）')
    >>> _column_headers("行业企业数（家）比上年增长%金额（亿美元）比上年增长%", 4)[1:3]
    ('比上年增长%', '金额（亿美元）')
    """
    known = units()
    cuts = []
    for m in _UNIT_MARK.finditer(header):
        inner = m.group(1)
        if inner is not None:
            inner = inner.lstrip("百千万亿")
            unit = known.get(inner)
            if unit is None or unit.kind == "none":
                continue
        cuts.append(m.end())
    if n < 2 or len(cuts) != n or cuts[-1] != len(header):
        return None
    return tuple(header[a:b] for a, b in zip([0, *cuts[:-1]], cuts, strict=True))


def _names_columns(label: str) -> bool:
    """Whether a row without numbers is a header row: it names a 单位 or a percent column."""
    return "单位" in label or "%" in label


def list_cells(text: str) -> Iterator[Cell]:
    """Numbers of the tables that Markdown exports write as lists (statistical communiqués).

    Rows end in numbers separated by spaces (``- 居民消费价格 2.1 2.1 2.1``); the table's
    title and a ``单位：%`` note stand above the list, and a header row may name a 单位
    column and a last column such as ``比上年增长%``. A row without numbers after the data
    has begun is a group label (``- 按城乡分``) unless it names columns: the header stays.

    >>> text = "表2 主要工业产品产量\\n- 产品名称单位产量比上年增长%\\n- 纱万吨2148.9 3.9"
    >>> [(c.text, c.header, c.row_unit) for c in list_cells(text)]
    [('2148.9', '', '纱万吨'), ('3.9', '产品名称单位产量比上年增长%', None)]
    """
    for block in _list_blocks(text):
        before = text[max(0, block[0].start() - 300) : block[0].start()]
        titles = _TITLE.findall(before)
        notes = _UNIT_NOTE.findall(before)
        title = titles[-1] if titles else ""
        note = notes[-1] if notes else ""
        header = ""
        data = False
        for row in block:
            tail = _NUMERIC_TAIL.search(row.group(), 2)
            if tail is None:
                label = row.group()[2:].strip()
                if data and not _names_columns(label):
                    continue  # a group label (按城乡分, 二、工业产品产量): the header stays
                header = label
                note = (_UNIT_NOTE.findall(header) or [note])[-1]
                continue
            data = True
            lead = row.group()[2 : tail.start()].strip()
            numbers = list(_CELL_NUMBER.finditer(tail.group()))
            columns = _column_headers(header, len(numbers))
            for i, number in enumerate(numbers):
                start = row.start() + tail.start() + number.start()
                end = start + len(number.group())
                if columns is not None:
                    row_unit = lead if "单位" in header else None
                    yield Cell(start, end, number.group(), columns[i], row_unit, note, lead)
                elif _PERCENT_END.search(header) and i == len(numbers) - 1 and i > 0:
                    yield Cell(start, end, number.group(), header, None, "", lead)
                elif "单位" in header:
                    yield Cell(start, end, number.group(), "", lead, "", lead)
                else:
                    yield Cell(start, end, number.group(), title, None, note, lead)


# --- tables aligned with spaces (statistical communiqués of the 1980s and 1990s) ---------------

_LAST_NUMBER = regex.compile(r"(?m)(?<![\d.,-])-?\d+(?:,\d{3})*(?:\.\d+)?[ \t]*$")
"""A number that ends a line; each run of digits is tried once (no quadratic rescans)."""
_SPACED_ROW = regex.compile(
    r"(?P<label>[^\d|。，；]*\p{Han}[^\d|。，；]*?)[ \t]*"
    r"(?:-?\d+(?:,\d{3})*(?:\.\d+)?[ \t]*\p{Han}{1,6}[ \t]*)+"
    r"(?P<last>-?\d+(?:,\d{3})*(?:\.\d+)?)[ \t]*"
)
"""A row: its label, one or more numbers with their units, and a bare number at the end
(粮 食 37898 万吨 -7．0, as normalization leaves it: 粮食37898万吨 -7.0)."""
_PERCENT_LINE_END = re.compile(r"[%％‰][ \t*]*\n")
_ROW_WIDTH = 60
_HEADER_LINES = 3
_LIKE_ONE = str.maketrans({"―": "一", "—": "一"})
"""― printed for 一 in the years of old headers (―九八五年比―九八四年增长％)."""


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _spaced_header(text: str, row_start: int) -> str:
    """The header above a table's first row: up to three lines, read as one (a header wraps:
    ``一九八二年 一九八二年比`` / ``一九八一年增长％``); "" where a sentence stands there."""
    lines: list[str] = []
    end = row_start - 1
    while end > 0 and len(lines) < _HEADER_LINES:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        end = start - 1
        if not line:
            continue
        if line.endswith(("。", "：", ":", "；")) or len(line) > _ROW_WIDTH:
            break
        lines.insert(0, line)
        if _HAN.search(line) and not line.rstrip("%％‰ ").endswith(("比", "增长", "年")):
            break  # a line that does not go on in the next one starts the header
    return "".join(lines).translate(_LIKE_ONE)


def spaced_cells(text: str) -> Iterator[Cell]:
    """The last number of each row of a table aligned with spaces, with its column header.

    Statistical communiqués of the 1980s print tables as lines of a label, amounts with
    their units, and a bare number in a last column whose header, above the rows, names its
    unit (``…增长％``). Rows follow each other with at most one line between them.

    >>> text = "一九八二年 一九八二年比\\n一九八一年增长％\\n"
    >>> text += "粮 食 35343 万吨 8.7\\n大 豆 903 万吨 -3.2"
    >>> [c.text for c in spaced_cells(text)], next(spaced_cells(text)).header
    (['8.7', '-3.2'], '一九八二年 一九八二年比一九八一年增长％')
    """
    if not _PERCENT_LINE_END.search(text):
        return  # no header ends a line with ％: no such table (the common case, decided fast)
    header = ""
    last_row_end = -1
    for m in _LAST_NUMBER.finditer(text):
        start, end = _line_bounds(text, m.start())
        if end - start > _ROW_WIDTH:
            continue
        row = _SPACED_ROW.fullmatch(text, start, end)
        if row is None:
            continue
        if last_row_end < 0 or text.count("\n", last_row_end, start) > 2:
            header = _spaced_header(text, start)  # a new table
        last_row_end = end
        if not header.rstrip(" \t*").endswith(("%", "％", "‰")):
            continue
        label = row.group("label").strip()
        yield Cell(row.start("last"), row.end("last"), row.group("last"), header, None, "", label)
