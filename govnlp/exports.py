"""Results as tables that behave as tables: fixed columns, numbers as numbers, Excel files.

Records (``{"file": …, **result.to_dict()}``) keep exact values as strings (``"1/3"``,
``"39428000000"``). Here they become:

- CSV with the same columns whatever the content (:data:`COLUMNS`), a header even when
  there is no row, and a byte-order mark on request so Excel reads the UTF-8;
- DataFrames whose ``value`` / ``value_max`` are ``float64`` beside an exact string column
  ``value_exact`` / ``value_max_exact`` (:func:`frame`), so ``df.value.sum()`` adds;
- xlsx workbooks, one sheet per task, values as numbers where a number holds them
  exactly, text columns wide (:func:`write_xlsx`, the ``xlsx`` extra: openpyxl).

Indicator rows also carry the ``sentence`` they were read from (:func:`sentence_of`).

>>> exact("1/3"), exact("394.28"), exact("多")
(Fraction(1, 3), Decimal('394.28'), None)
>>> as_float("1/3")
0.3333333333333333
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import IO, Any

from .errors import GovnlpError

__all__ = [
    "COLUMNS",
    "NUMBER_COLUMNS",
    "as_float",
    "cell",
    "columns_for",
    "exact",
    "frame",
    "sentence_of",
    "with_sentences",
    "write_xlsx",
]

Record = dict[str, Any]

_QUANTITY = ["start", "end", "text", "value", "value_max", "unit", "kind", "qualifier", "change"]
COLUMNS: dict[str, list[str]] = {
    "quantities": ["file", *_QUANTITY, "implied_unit"],
    "indicators": [
        "file",
        "start",
        "end",
        "text",
        "metric",
        "breakdown",
        "period",
        "status",
        "scope",
        "division_code",
        "value",
        "value_max",
        "unit",
        "kind",
        "qualifier",
        "change",
        "metric_start",
        "metric_end",
        "section",
        "evidence",
        "sentence",
    ],
    "sections": [
        *("file", "start", "end", "text", "marker", "number", "level", "title", "kind"),
        "family",
    ],
    "diagnostics": ["file", "start", "end", "code", "message"],
    "terms": ["file", "start", "end", "text", "id", "canonical", "category"],
    "elements": ["file", "doc", "element", "start", "end", "text", "value"],
}
"""The columns of each task's table, in order (a record's other keys follow them)."""

NUMBER_COLUMNS = ("value", "value_max")
"""Columns holding exact numbers written as strings."""

_WIDE = {"text": 24, "metric": 24, "breakdown": 16, "section": 40, "sentence": 60}
_WIDE |= {"evidence": 50, "title": 30, "message": 40, "canonical": 20, "file": 28, "change": 22}


def exact(value: Any) -> Decimal | Fraction | None:
    """An exact number from a record's string (``"12.5"``, ``"1/3"``); ``None`` otherwise."""
    if isinstance(value, (Decimal, Fraction)):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if not isinstance(value, str) or not value:
        return None
    try:
        if "/" in value:
            return Fraction(value)
        return Decimal(value)
    except (ValueError, ZeroDivisionError, InvalidOperation):
        return None


def as_float(value: Any) -> float | None:
    """The nearest float of an exact value (``None`` for none)."""
    number = exact(value)
    return None if number is None else float(number)


def _float_if_exact(value: Any) -> float | None:
    """The float that writes the value exactly (``394.28``), or ``None`` (``1/3``)."""
    number = exact(value)
    if number is None:
        return None
    if isinstance(number, Fraction):
        if number.denominator != 1:
            return None
        number = Decimal(number.numerator)
    f = float(number)
    return f if Decimal(repr(f)) == number else None


def cell(value: Any) -> str:
    """A CSV cell: ``""`` for none, JSON for a dict or list, else ``str``."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def columns_for(task: str | None, records: Sequence[Record]) -> list[str]:
    """The task's fixed columns (:data:`COLUMNS`), then any other key, first seen first."""
    fields = list(COLUMNS.get(task or "", ()))
    for r in records:
        fields.extend(k for k in r if k not in fields)
    return fields


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]``: after the last sentence end
    (``SENTENCE_END`` of the indicator reader) or line break before it, to the next one
    (inclusive), surrounding spaces left out.

    >>> t = "全年GDP增长5%。其中，工业增长6%；服务业增长4%。"
    >>> s, e = sentence_of(t, t.index("6%"), t.index("6%") + 2)
    >>> t[s:e]
    '其中，工业增长6%；'
    """
    from .indicators.view import SENTENCE_END

    stops = SENTENCE_END + "\n"
    a = start
    while a > 0 and text[a - 1] not in stops:
        a -= 1
    b = end
    while b < len(text) and text[b] not in stops:
        b += 1
    if b < len(text) and text[b] != "\n":
        b += 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def with_sentences(text: str, rows: Iterable[Any]) -> Iterator[Record]:
    """Each indicator row's dict with the ``sentence`` it stands in.

    >>> from govnlp import extract_indicators
    >>> t = "2022年，全市技术合同成交额达394.28亿元。新增企业5家。"
    >>> [r["sentence"] for r in with_sentences(t, extract_indicators(t))]
    ['2022年，全市技术合同成交额达394.28亿元。', '新增企业5家。']
    """
    for row in rows:
        d = row if isinstance(row, dict) else row.to_dict()
        a, b = sentence_of(text, d["start"], d["end"])
        yield {**d, "sentence": text[a:b]}


def frame(records: Iterable[Any], task: str | None = None) -> Any:
    """A pandas ``DataFrame`` of records (or results with ``to_dict()``): the task's
    columns in order, ``value`` and ``value_max`` as ``float64`` with the exact strings
    beside them in ``value_exact`` and ``value_max_exact``.

    >>> pd = __import__("pytest").importorskip("pandas")
    >>> df = frame([{"value": "1/3"}, {"value": "2"}])
    >>> float(df.value.sum()), list(df.value_exact)
    (2.3333333333333335, ['1/3', '2'])
    """
    import pandas as pd

    rows = [r if isinstance(r, dict) else r.to_dict() for r in records]
    columns = columns_for(task, rows) if task else columns_for(None, rows)
    df = pd.DataFrame.from_records(rows, columns=columns or None)
    for name in NUMBER_COLUMNS:
        if name not in df.columns:
            continue
        values = df[name].tolist()
        if not all(v is None or exact(v) is not None for v in values if v == v):
            continue  # not a column of exact numbers: left as it is
        position = df.columns.get_loc(name)
        df[name] = pd.Series([as_float(v) for v in values], index=df.index, dtype="float64")
        exact_strings = [None if v is None or v != v else str(v) for v in values]
        df.insert(position + 1, f"{name}_exact", pd.Series(exact_strings, dtype="object"))
    return df


class ExportError(GovnlpError, ValueError):
    """An export cannot be written (a missing optional dependency, a bad target)."""


def write_xlsx(
    sheets: Mapping[str, Iterable[Record]],
    out: IO[bytes] | str,
    columns: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """An xlsx workbook with one sheet per task: a bold frozen header with filters, one
    row per record, ``value``/``value_max`` as numbers where a number holds them exactly
    (else the exact text, ``1/3``), dicts as JSON text, text columns wide. Needs the
    ``xlsx`` extra (openpyxl).
    """
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise ExportError("--format xlsx needs openpyxl: pip install '.[xlsx]'") from None
    book = Workbook(write_only=True)
    for name, records in sheets.items():
        rows = list(records)
        fields = list((columns or {}).get(name) or columns_for(name, rows))
        for r in rows:
            fields.extend(k for k in r if k not in fields)
        sheet = book.create_sheet(name[:31])
        for i, field in enumerate(fields, 1):
            width = _WIDE.get(field, max(8, len(field) + 2))
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"
        if fields:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{len(rows) + 1}"
        header = []
        for field in fields:
            c = WriteOnlyCell(sheet, value=field)
            c.font = Font(bold=True)
            header.append(c)
        sheet.append(header)
        for r in rows:
            line: list[Any] = []
            for field in fields:
                value = r.get(field)
                if field in NUMBER_COLUMNS and value is not None:
                    number = _float_if_exact(value)
                    line.append(number if number is not None else cell(value))
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    line.append(value)
                else:
                    line.append(cell(value) if value is not None else None)
            sheet.append(line)
    if not sheets:
        book.create_sheet("empty")
    book.save(out)
