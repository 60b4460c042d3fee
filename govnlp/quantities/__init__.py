"""Quantity mentions: every amount in a document with its exact value, unit and meaning.

One pass of a compiled pattern finds candidate numerals in the normalized text; each is
then read locally: its scale words, unit, qualifier, change, and whether it is an amount
at all (years, ordinals, codes, slogans and heading markers are not). Offsets are mapped
back, so ``text[q.start:q.end] == q.text`` for the caller's text.

The package, in the order a mention is made:

- ``model``: :class:`Quantity` and :class:`Change` (the API) and the candidate ``_Raw``;
- ``words``: the word tables, compiled once (numeral characters, units, qualifiers, change
  words from ``govnlp/data``) and the small fixed sets of the genre;
- ``read``: candidates: numerals found by one pattern and read with what follows them
  (scale words, 余/多, the unit, 半, 角分), ranges joined, lists given their shared unit;
- ``exclude``: numerals that are no amount (years, dates, ordinals, codes, names, terms);
- ``meaning``: kind and unit, the qualifier and the change of a mention in its sentence;
- ``tables``: bare numbers in table cells, with the unit and change their headers give;
- here: :func:`extract_quantities` and :func:`parse_quantity` putting these together.

>>> [(q.text, str(q.value), q.unit, q.change and q.change.direction)
...  for q in extract_quantities("技术合同成交额达394.28亿元，同比增长20.54%。")]
[('394.28亿元', '39428000000', '元', None), ('20.54%', '20.54', '%', 'up')]
>>> parse_quantity("最高 500 万元").qualifier
'at_most'
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import localcontext
from functools import cache

import regex

from ..errors import QuantityParseError
from ..normalize import Normalized, normalize
from ..numerals import EXACT, MAX_DIGITS, parse_numeral
from ..units import change_words, qualifiers
from .exclude import _in_name, _in_term, _numbered_terms, _term_spans
from .meaning import _change, _ends_phrase, _kind, _qualifier
from .model import (
    Basis,
    Change,
    Direction,
    Kind,
    Number,
    QualifierName,
    Quantity,
    _new_quantity,
    _Raw,
    format_number,
)
from .read import _resolve_lists, _scan
from .tables import _table_cells
from .words import _alternation, _qualifier_before

__all__ = [
    "Basis",
    "Change",
    "Direction",
    "Kind",
    "Number",
    "QualifierName",
    "Quantity",
    "extract_quantities",
    "format_number",
    "parse_quantity",
]

_numbered_terms = _numbered_terms  # the policy terms with numerals (tests look them up here)


def _candidates(t: str) -> list[_Raw]:
    """All candidates in document order: running text, then table cells merged in."""
    raws = _resolve_lists(t, list(_scan(t)))
    cells = list(_table_cells(t, raws))
    if not cells:
        return raws
    replaced = {c.start for c in cells}
    return sorted([r for r in raws if r.start not in replaced] + cells, key=lambda r: r.start)


def _mentions(n: Normalized) -> list[Quantity]:
    """The quantity mentions of a normalized text, in source offsets."""
    read = list(_read_mentions(n.text))
    starts, ends = n.alignment.spans_to_source([r[0] for r in read], [r[1] for r in read])
    source = n.source
    return [
        _new_quantity(s, e, source[s:e], value, unit, kind, qualifier, change, top, implied)
        for s, e, (_, _, value, unit, kind, qualifier, change, top, implied) in zip(
            starts, ends, read, strict=True
        )
    ]


# what _read_mentions yields: a span of the clean text, then Quantity's fields from value on
_Read = tuple[
    int, int, Number, str, Kind, QualifierName, "Change | None", "Number | None", "str | None"
]


def _read_mentions(t: str) -> Iterator[_Read]:
    """The mentions of clean text ``t``: their spans in ``t`` and the fields of each."""
    terms = _term_spans(t)
    previous: Change | None = None
    previous_end = 0
    shared: tuple[int, QualifierName] | None = None  # a 分别 list's qualifier, where it ends
    for raw in _candidates(t):
        if previous is not None and t.find("。", previous_end, raw.start) >= 0:
            previous = None
        if previous is None:
            previous_end = raw.start  # nothing to carry: the next search starts here (linear)
        typed = _kind(t, raw)
        if typed is None or _in_name(t, raw.start, raw.end) or _in_term(terms, raw):
            continue
        kind, unit, implied = typed
        attributive = False
        if raw.implied is not None or raw.stated_change is not None:
            change: Change | None = raw.stated_change
        elif raw.unit is not None and raw.unit.surface == "番":
            change = Change("up")
        elif kind == "fraction":
            change = None
        elif kind == "duration":  # 连续五年, 持续五个月: how long, not how much it changed;
            change, attributive = _change(t, raw, None)  # but 优良天数同比增加20天 is a change
            if attributive or not _ends_phrase(t, raw.end):
                change, attributive = None, False  # 提升15分钟社区生活圈: a name's numeral
        else:
            change, attributive = _change(t, raw, previous)
        previous = change if attributive or change is previous else None
        previous_end = raw.end
        qualifier = _qualifier(t, raw)
        if shared is not None and qualifier == "exact" and t[shared[0] : raw.start] in _JOINERS:
            qualifier = shared[1]  # 分别突破4500万人次、58万吨: the bound applies to every member
        shared = _respectively(t, raw, qualifier) if qualifier != "exact" else None
        yield (
            raw.start, raw.end, raw.value, unit, kind, qualifier, change, raw.value_max, implied
        )  # fmt: skip


_JOINERS = frozenset({"、", "和", "及", "与"})


def _respectively(t: str, raw: _Raw, qualifier: QualifierName) -> tuple[int, QualifierName] | None:
    """A bound word before a 分别 list (分别突破…、…) passes on to the members after ``raw``."""
    if qualifier == "exact":
        return None
    word = _qualifier_before(t, raw.start)
    if word is None or not t.startswith("分别", raw.start - len(word) - 2):
        return None
    return raw.end, qualifier


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity mention in ``text``, in document order, with offsets into ``text``.

    >>> text = "累计开展活动320余场，服务企业7350家（次）"
    >>> [(q.text, q.qualifier) for q in extract_quantities(text)]
    [('320余场', 'more_than'), ('7350家（次）', 'exact')]
    """
    from ..results import Results

    with localcontext(EXACT):  # the caller's decimal precision must not round our values
        return Results(_mentions(normalize(text)))


@cache
def _frame_words() -> regex.Pattern[str]:
    """What may stand around the one quantity given to :func:`parse_quantity`."""
    words = [w for _, w in qualifiers()] + list(change_words()) + ["达到", "达", "为", "共", "约"]
    return regex.compile(r"(?:[\s，。；、,;]|" + _alternation(words) + ")*")


def parse_quantity(text: str) -> Quantity:
    """Parse a string that holds exactly one quantity (qualifier and change words allowed).

    >>> q = parse_quantity("394.28亿元")
    >>> q.value, q.unit, q.kind
    (Decimal('39428000000'), '元', 'money')
    >>> parse_quantity("同比增长20.54%").change
    Change(direction='up', basis='yoy')
    >>> parse_quantity("“两个确立”")
    Traceback (most recent call last):
    ...
    govnlp.errors.QuantityParseError: '“两个确立”' is not one quantity: no quantity found
    """
    if not isinstance(text, str):
        msg = f"parse_quantity() takes str, not {type(text).__name__}"
        raise TypeError(msg)
    found = extract_quantities(text)
    if not found and (number := _bare_number(text)) is not None:
        return number
    if len(found) != 1:
        problem = "no quantity found" if not found else f"{len(found)} quantities found"
        raise QuantityParseError(text, problem)
    q = found[0]
    frame = _frame_words()
    for rest in (text[: q.start], text[q.end :]):
        if not frame.fullmatch(rest):
            around = rest if len(rest) <= 20 else rest[:20] + "…"
            raise QuantityParseError(text, f"text around the quantity: {around!r}")
    return q


def _bare_number(text: str) -> Quantity | None:
    """The whole string as one bare number (一百五十二, 10.233): kind number, no unit.

    In running text a bare number needs a cue to be a statistic (指数为103); given alone to
    :func:`parse_quantity`, the string itself says it is one.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > 2 * MAX_DIGITS:
        return None
    with localcontext(EXACT):
        value = parse_numeral(stripped.replace(",", "") if stripped.isascii() else stripped)
    if value is None:
        return None
    start = text.index(stripped)
    return _new_quantity(
        start, start + len(stripped), stripped, value, "", "number", "exact", None, None, None
    )
