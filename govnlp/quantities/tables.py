"""Table cells as mentions: a bare number in a cell takes its unit and change from its
column header, its row or the table's 单位 note (govnlp.tables finds the cells)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from ..numerals import (
    parse_arabic,
    scale_factor,
)
from ..tables import list_cells, numeric_cells, spaced_cells
from ..units import Unit, change_words

if TYPE_CHECKING:
    pass
from .meaning import _basis
from .model import Basis, Change, Direction, Kind, _Raw
from .read import _per
from .words import _ARABIC_SCALE, _CHANGE_ROLES, _tables

_PARENTHESIZED = re.compile(r"[（(]([^（）()]+)[）)]")


def _unit_phrase(phrase: str) -> tuple[int, Unit] | None:
    """Scale and unit of a unit phrase in a table header or 单位 cell: 万人, %, 亿千瓦小时."""
    phrase = "".join(phrase.split())
    if "/" in phrase:  # 万吨/年, 元/人: a rate unit, as after a number (see _per)
        head, _, per = phrase.partition("/")
        found = _unit_phrase(head)
        if found is None or not per:
            return None
        rate, end = _per(head + "/" + per, len(head), found[1])
        return (found[0], rate) if end == len(phrase) else None
    scale = _ARABIC_SCALE.match(phrase)
    for k in range(len(scale.group()) if scale else 0, -1, -1):
        unit = _tables().units.get(phrase[k:])
        if unit is not None and unit.kind != "none":
            return scale_factor(phrase[:k]), unit
    return None


def _row_unit(text: str) -> tuple[int, Unit] | None:
    """The unit a table row ends its label with: 纱万吨 → (10^4, 吨), 单位 cell 亿元 → 亿元."""
    for k in range(min(len(text), 8), 0, -1):
        found = _unit_phrase(text[-k:])
        if found is not None:
            return found
    return None


@lru_cache(maxsize=1024)
def _header_unit(header: str) -> tuple[int, Unit] | None:
    """The unit a column header names: 年末数（万人）, and a bare trailing 比上年增长%.

    A % that ends the header is the last column's, even after an earlier unit mark
    (金额（亿美元）比上年增长%).
    """
    symbol = header.rstrip(" \t*")[-1:]
    if symbol in ("%", "‰"):
        return 1, _tables().units[symbol]
    parenthesized = _PARENTHESIZED.findall(header)
    return _unit_phrase(parenthesized[-1]) if parenthesized else None


@lru_cache(maxsize=1024)
def _header_change(header: str) -> Change | None:
    """The change a column header names: 比上年增长% (up, yoy), 五年平均增长（%）."""
    tables = _tables()
    verb = tables.verbs.search(header)
    if verb is None or change_words()[verb.group()].role not in _CHANGE_ROLES:
        return None
    basis = tables.bases.search(header)
    direction = change_words()[verb.group()].value
    return Change(
        cast(Direction, direction),
        cast("Basis | None", _basis(header, basis.start(), basis.group()) if basis else None),
    )


@lru_cache(maxsize=1024)
def _label_change(label: str) -> Change | None:
    """A row whose label starts with a change verb counts a change (新增发电机组容量), and so
    does one that holds a `new` verb anywhere (港口万吨级码头泊位新增吞吐能力)."""
    words = change_words()
    verb = _tables().verbs.match(label)
    if verb is not None and words[verb.group()].role in _CHANGE_ROLES:
        return Change(cast(Direction, words[verb.group()].value))
    for m in _tables().verbs.finditer(label):
        if words[m.group()].role == "new":
            return Change(cast(Direction, words[m.group()].value))
    return None


def _table_cells(t: str, taken: list[_Raw]) -> Iterator[_Raw]:
    """Bare numbers in table cells, with the unit their column header or row names.

    The column's own unit wins over the row's 单位 cell, and both over a table-wide
    单位 note; in a table with a 单位 column, a row whose 单位 cell is empty holds bare
    numbers (an index: 居民消费价格总指数 105.1).
    """
    with_unit = {  # not 24.7⏎卷烟 (a unit read across a line end): the cell is the number
        r.start
        for r in taken
        if (r.unit is not None or r.kind is not None) and "\n" not in t[r.start : r.end]
    }
    for cell in (*numeric_cells(t), *list_cells(t), *spaced_cells(t)):
        if cell.start in with_unit:
            continue
        number = parse_arabic(cell.text)
        if number is None:
            continue
        found = _header_unit(cell.header) if cell.header else None
        found = found or (_row_unit(cell.row_unit) if cell.row_unit else None)
        found = found or (_unit_phrase(cell.table_unit) if cell.table_unit else None)
        scale, unit = found if found else (1, None)
        kind: Kind | None = "number" if found is None and cell.row_unit == "" else None
        change = _header_change(cell.header) if cell.header else None
        if change is None and cell.label:
            change = _label_change(cell.label)
        if change is not None and number < 0:
            change = Change("down", change.basis)
        yield _Raw(
            cell.start, cell.end, number, scale=scale, implied=unit, kind=kind,
            stated_change=change,
        )  # fmt: skip
