"""The indicator table: every figure with what it measures, for when, for where.

One row per quantity mention (see ``gold/GUIDELINES.md`` §3). Each row is decided in
three layers, the widest first:

1. the document: its year, region and province, read from the title, the header lines
   and the publication date (:func:`read_context`);
2. the section: headings that set a period (``一、关于2022年工作情况``) or a status
   (``三、下半年工作打算``), or name the unit a part of the file is about
   (``阳城县科学技术局先进事迹``);
3. the sentence: the noun phrase the figure quantifies, time words, target and rule cues,
   an explicit area (全国, 金普新区), distributive lists (…分别为…) and 其中 sub-items.

The word lists live in ``data/indicator_cues.tsv`` and ``data/provinces.tsv``; each row
records in ``evidence`` which cue decided its period, status, scope and metric.

The modules, widest first: ``model`` (the rows), ``cues`` (the word lists), ``view`` (the text
without spaces and markup), ``times`` (time expressions), ``headings``, ``context`` (the
document), ``frames`` (sections), ``sentences`` (the reader: bounds and the loop), then one
module per field: ``metric`` with ``phrases`` and ``lists``, ``periods``, ``status``,
``scope``; ``table`` is the front door.

>>> from govnlp.quantities import Quantity
>>> from decimal import Decimal
>>> text = "2022年，全市技术合同成交额达394.28亿元，同比增长20.54%。"
>>> a, b = text.index("394.28亿元"), text.index("20.54%")
>>> qs = [Quantity(a, a + 9, "394.28亿元", Decimal("39428000000"), "元", "money"),
...       Quantity(b, b + 6, "20.54%", Decimal("20.54"), "%", "percent")]
>>> ctx = DocumentContext(year=2022, region="沈阳市")
>>> rows = build_indicators(text, qs, [], ctx)
>>> [(r.metric, r.period, r.status, r.scope) for r in rows]
[('技术合同成交额', '2022', 'actual', '沈阳市'), ('技术合同成交额', '2022', 'actual', '沈阳市')]
"""

from __future__ import annotations

from .context import read_context
from .headings import read_headings
from .model import STATUSES, DocumentContext, Heading, Indicator, Status
from .table import build_indicators, extract_indicators, indicators_from, to_dataframe
from .view import squash

__all__ = [
    "STATUSES",
    "DocumentContext",
    "Heading",
    "Indicator",
    "Status",
    "build_indicators",
    "extract_indicators",
    "indicators_from",
    "read_context",
    "read_headings",
    "squash",
    "to_dataframe",
]
