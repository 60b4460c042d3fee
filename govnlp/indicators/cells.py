"""Figures in Markdown pipe tables: the row's label is the metric, the column's header the time.

A statistical table (| 指标 | 单位 | 2011年 | 2016年 | 五年累计 |, | 产品名称 | 产量 | 比上年增长 |)
names what a cell measures in the label cell of its row, and when in the header of its column
(or, with no time there, in the table's title line: 表1 2008年…). The tables are read once,
line by line; a figure finds its row by bisection.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cues import alternation
from .phrases import trim
from .times import Time, cn_int, complete, find_times

if TYPE_CHECKING:
    from .sentences import Reader, Row

_SEPARATOR = re.compile(r"\|(?:[-:—]+\|)+")
_WINDOW = re.compile(
    r"(?<!\d)(?P<n>[二两三四五六七八九十\d]{1,2})年(?:来)?(?:累计|平均|合计|共计|年均|总计)"
)


@dataclass(frozen=True, slots=True)
class Table:
    """One pipe table of the view: its header cells and the line before it (its title)."""

    header: tuple[str, ...]
    title: str


@dataclass(frozen=True, slots=True)
class TableRow:
    """A line of a table: its view span, the view offsets of its bars, and its table."""

    start: int
    end: int
    bars: tuple[int, ...]
    table: Table
    is_header: bool

    def cell(self, k: int, v: str) -> str:
        return v[self.bars[k] + 1 : self.bars[k + 1]]


def read_tables(v: str) -> list[TableRow]:
    """Every line of every pipe table of the view, in order (one pass over the lines)."""
    out: list[TableRow] = []
    lines: list[tuple[int, int]] = []
    i = 0
    while i <= len(v):
        j = v.find("\n", i)
        j = len(v) if j < 0 else j
        lines.append((i, j))
        i = j + 1
    k = 0
    while k < len(lines):
        a, b = lines[k]
        if not v.startswith("|", a):
            k += 1
            continue
        run = k
        while run < len(lines) and v.startswith("|", lines[run][0]):
            run += 1
        title = v[lines[k - 1][0] : lines[k - 1][1]] if k > 0 else ""
        header_bars = _bars(v, a, b)
        header = tuple(v[x + 1 : y] for x, y in itertools.pairwise(header_bars))
        table = Table(header, title if len(title) <= 80 else "")
        for n in range(k, run):
            la, lb = lines[n]
            if n == k + 1 and _SEPARATOR.fullmatch(v, la, lb):
                continue
            out.append(TableRow(la, lb, _bars(v, la, lb), table, n == k))
        k = run
    return out


def _bars(v: str, a: int, b: int) -> tuple[int, ...]:
    return tuple(i for i in range(a, b) if v[i] == "|")


class Tables:
    """The table lines of a view, found by bisection."""

    def __init__(self, v: str) -> None:
        self.rows = read_tables(v)
        self.starts = [r.start for r in self.rows]

    def row_at(self, i: int) -> TableRow | None:
        k = bisect.bisect_right(self.starts, i) - 1
        if k < 0 or not self.rows[k].start <= i < self.rows[k].end:
            return None
        return self.rows[k]


def column_of(row: TableRow, i: int) -> int | None:
    k = bisect.bisect_right(row.bars, i) - 1
    return k if 0 <= k < len(row.bars) - 1 else None


def is_label_header(h: str) -> bool:
    return alternation("table_label").fullmatch(h) is not None


def is_skipped_header(h: str) -> bool:
    return h == "" or alternation("table_skip").fullmatch(h) is not None


def label_column(rd: Reader, row: TableRow, col: int) -> int | None:
    """The column naming what the cell at ``col`` measures: the nearest label column
    (指标, 产品名称, 行业) to its left, else the first column to its left with words in it
    that is no serial number, unit or time column."""
    header = row.table.header
    labels = [k for k in range(min(col, len(header))) if is_label_header(header[k])]
    if labels:
        return labels[-1]
    for k in range(min(col, len(row.bars) - 1)):
        h = header[k] if k < len(header) else ""
        if is_skipped_header(h) or re.search(r"\d", h):
            continue
        if re.search(r"[\u4e00-\u9fffA-Za-z]", row.cell(k, rd.v)):
            return k
    return None


def read_cell(rd: Reader, r: Row, row: TableRow) -> tuple[int, int] | None:
    """Metric and period of a figure in a table, and the span its scope is read from (the
    row's label: no other cell of the row speaks of the figure); None when the figure is in
    no cell."""
    v = rd.v
    col = column_of(row, r.vs)
    if col is None:
        return None
    label = (r.vs, r.vs)
    header = row.table.header
    head = header[col] if col < len(header) else ""
    if row.is_header:
        r.why["metric"] = "a column header: names no measured thing"
        head = row.cell(col, v)
    else:
        lab = label_column(rd, row, col)
        if lab is not None:
            a, b = row.bars[lab] + 1, row.bars[lab + 1]
            label = (a, b)
            mark = re.search(r"\[\d{1,3}\]$", v[a:b])
            if mark:
                b = a + mark.start()  # 钢材[28]: a footnote mark
            note = re.search(r"[（(][^（()）]*[）)]$", v[a:b])
            if note and alternation("scope_word").search(note.group(0)):
                b = a + note.start()  # 污水管网（全市）: the scope in brackets is no metric
            ma, mb = trim(rd, a, b)
            if mb - ma == 1 and not re.match(r"[\u4e00-\u9fff]", v[ma]):
                ma = mb  # a lone sign, no name (纱 and 布 are names)
            if mb > ma:
                r.metric, r.metric_text = (ma, mb), v[ma:mb]
                r.why["metric"] = "the label of the table row"
        if r.metric is None:
            r.why["metric"] = "a table cell without a row label"
    r.period, r.why["period"] = cell_period(rd, row, head)
    if head and alternation("target").search(head):
        r.why["table_status"] = f"target: the column {head}"
    elif alternation("target").search(row.table.title):
        r.why["table_status"] = f"target: the table {row.table.title[:16]}"
    return label


def cell_period(rd: Reader, row: TableRow, head: str) -> tuple[str | None, str]:
    """The time of a column: its header's year (2016年), a window column (五年累计, 五年平均
    增长) ending at the table's last year column, else the table's title, else the document."""
    year = rd.ctx.reviewed
    years = [
        t.year
        for h in row.table.header
        for t in find_times(h)
        if t.kind == "year" and t.year is not None
    ]
    own = [t for t in find_times(head) if t.value]  # not 上年 of 比上年增长: a change column
    if own:
        t = own[0]
        p = complete(t, rd.ctx.year)
        if p:
            return p, f"the column {head}"
    w = _WINDOW.search(head)
    if w is not None:
        n = cn_int(w.group("n")) or 0
        end = max(years) if years else year
        if n > 1 and end is not None:
            return f"{end - n + 1}/{end}", f"the window column {head}"
    titled: list[Time] = [t for t in find_times(row.table.title) if t.value]
    if titled:
        p = complete(titled[0], rd.ctx.year)
        if p:
            return p, f"the table's title {row.table.title[:16]}"
    if rd.ctx.period is None:
        return None, "no time in the table"
    if rd.ctx.review_year is not None:
        return str(rd.ctx.review_year), f"the year the work report reviews ({rd.ctx.review_year})"
    return rd.ctx.period, "the document"
