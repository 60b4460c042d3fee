"""Quantity mentions: every amount in a document with its exact value, unit and meaning.

One pass of a compiled pattern finds candidate numerals in the normalized text; each is
then read locally: its scale words, unit, qualifier, change, and whether it is an amount
at all (years, ordinals, codes, slogans and heading markers are not). Offsets are mapped
back, so ``text[q.start:q.end] == q.text`` for the caller's text.

>>> [(q.text, str(q.value), q.unit, q.change and q.change.direction)
...  for q in extract_quantities("技术合同成交额达394.28亿元，同比增长20.54%。")]
[('394.28亿元', '39428000000', '元', None), ('20.54%', '20.54', '%', 'up')]
>>> parse_quantity("最高 500 万元").qualifier
'at_most'
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, cast

import regex

from .errors import QuantityParseError
from .frozen import builder
from .normalize import Normalized, normalize
from .numerals import (
    CHINESE_DIGITS,
    EXACT,
    MAX_DIGITS,
    SCALES,
    numeral_chars,
    parse_arabic,
    parse_chinese,
    parse_fraction,
    parse_numeral,
    scale_factor,
    year_of,
)
from .tables import list_cells, numeric_cells
from .units import Unit, change_words, qualifiers, units

if TYPE_CHECKING:
    from .lexicon import Lexicon

__all__ = ["Change", "Quantity", "extract_quantities", "parse_quantity"]

Number = Decimal | Fraction
Kind = Literal[
    "money", "count", "percent", "percentage_point", "fraction", "multiple",
    "duration", "measure", "number",
]  # fmt: skip
QualifierName = Literal["exact", "approx", "more_than", "at_least", "at_most", "less_than"]
Direction = Literal["up", "down"]
Basis = Literal["yoy", "mom", "annual_avg"]


def format_number(value: Number) -> str:
    """An exact value as a plain decimal string, or ``"p/q"`` for a fraction.

    >>> format_number(Decimal("3.9428E+10")), format_number(Fraction(1, 3))
    ('39428000000', '1/3')
    """
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{value.numerator}/{value.denominator}"
    return format(value, "f")


@dataclass(frozen=True, slots=True)
class Change:
    """What a quantity says changed: ``direction`` up/down and ``basis`` of comparison."""

    direction: Direction
    basis: Basis | None = None

    def to_dict(self) -> dict[str, str | None]:
        """``{"direction": …, "basis": …}``."""
        return {"direction": self.direction, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity mention, with offsets into the caller's text (``text[start:end]``).

    ``value`` is exact (``Decimal``, or ``Fraction`` for 三分之一) in the canonical
    ``unit``; ``value_max`` is the upper end of a range; ``kind``, ``qualifier`` and
    ``change`` follow the annotation guidelines (docs/guidelines.md §1).
    """

    start: int
    end: int
    text: str
    value: Number
    unit: str
    kind: Kind
    qualifier: QualifierName = "exact"
    change: Change | None = None
    value_max: Number | None = None
    implied_unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields; exact values as strings.

        >>> parse_quantity("三分之一").to_dict()["value"]
        '1/3'
        """
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": format_number(self.value),
            "value_max": None if self.value_max is None else format_number(self.value_max),
            "unit": self.unit,
            "kind": self.kind,
            "qualifier": self.qualifier,
            "change": None if self.change is None else self.change.to_dict(),
        }
        if self.implied_unit is not None:
            d["implied_unit"] = self.implied_unit
        return d


# Quantity(start, end, …, implied_unit) with every field given, in under half the time:
# one is built per mention, a visible part of what a mention costs (see govnlp.frozen).
_new_quantity = builder(Quantity)


# --- the tables, compiled once -------------------------------------------------------------

_CN = "".join(c for c, n in numeral_chars().items() if n.role != "point")
"""Every character of a Chinese numeral but the point (data/numerals.tsv)."""
_CN_DIGITS = "".join(CHINESE_DIGITS)
_POINT = "".join(c for c, n in numeral_chars().items() if n.role == "point")
_FINANCIAL = frozenset(c for c, n in numeral_chars().items() if n.form == "financial")
_BIG = "万亿萬億"
_PLAIN = frozenset(c for c, n in numeral_chars().items() if n.form == "plain")
_CANDIDATE = regex.compile(
    rf"(?P<frac>(?:(?P<whole>[{_CN}]+|\d+)又)?(?P<den>[{_CN}]+|\d+)分之"
    rf"(?P<nu>[{_CN}]+(?:[{_POINT}][{_CN_DIGITS}]+)?|\d+(?:\.\d+)?))"
    r"|(?P<half>一半|半数)"
    r"|翻了?(?P<fan>[一两二三四五]番)"
    r"|(?P<shang>上[百千万亿](?!分之))"
    r"|(?P<dot>[〇零一二三四五六七八九]+·[〇零一二三四五六七八九]+)"
    r"|(?P<mix>\d+[百千万亿](?:零?\d+[十百千万亿])+)"
    r"|(?P<ar>\d+(?:,\d{3})*(?:\.\d+)?)"
    rf"|(?P<cn>[{_CN}]+(?:[{_POINT}][{_CN_DIGITS}]+[{_BIG}]*)?)"
    r"|(?P<ban>半(?=个?[年月天日周]|小时|个小时))"
)
_ARABIC_SCALE = re.compile(r"[百千万亿萬億]{1,3}")
_MORE = ("余", "多")
_ARABIC_NUMBER = regex.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
"""余 and 多 right after a numeral (or its scale word): more than (320余场, 5万多人)."""
_SCALE_CHARS = frozenset("百千万亿萬億")
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n]")
_LAST_CLAUSE_END = regex.compile(r"(?r)[，。；：！？,;:!?\n]")
"""The same characters, searched right to left: the last clause end in a window."""
_LAST_SENTENCE_END = regex.compile(r"(?r)[。！？\n]")
_ASCII_LETTERS = frozenset(string.ascii_letters)
_DIGIT = re.compile(r"\d+")
_YEAR_BASIS = r"比(?:[〇零一二三四五六七八九]{4}|(?:19|20)[0-9]{2})年(?![底末初度])"
"""比一九五六年 in a 1957 report: a comparison with a named (previous) year counts as yoy."""
_LIST_MARK = re.compile(r"[、和及与或]")
_HAN = regex.compile(r"\p{Han}")
_LIST_JOINER = frozenset({"、", "和", "及", "与", "、和", "或", "以上"})
_RANGE_JOINER = frozenset({"-", "至", "到"})
_LEVEL_BEFORE = frozenset({"到", "至", "为"})
_LIMIT_WORDS = ("至少", "不少于", "不低于", "不超过", "最多", "至多", "只有", "仅", "只")
_VAGUE = re.compile(r"[数几][十百千万亿]|成[百千万]")
_ORDINAL_UNITS = frozenset({"期", "届"})
_PER_TIME = frozenset("年月日天时")
_ANNIVERSARY = frozenset({"建党", "建军", "建国", "成立", "诞辰", "解放"})
_THRESHOLDS = ("突破", "超过", "跨过", "迈上", "跨上", "跃上", "达到", "过")
_SPAN_WORDS = ("来", "以来", "内", "之内", "多", "半")
_CHANGE_ROLES = frozenset({"verb", "new", "raise"})
"""Roles of the change words that make an amount a change (changes.tsv)."""


@dataclass(frozen=True)
class _Tables:
    units: dict[str, Unit]
    unit_lengths: dict[str, tuple[int, ...]]
    before: re.Pattern[str]
    after: re.Pattern[str]
    verbs: re.Pattern[str]
    bases: re.Pattern[str]
    breakers: re.Pattern[str]
    copula_end: re.Pattern[str]
    before_whole: regex.Pattern[str]
    fronted_basis: re.Pattern[str]
    rate_lead: re.Pattern[str]
    money: re.Pattern[str]
    follows: frozenset[str]
    before_last: frozenset[str]
    after_first: frozenset[str]


def _alternation(words: list[str]) -> str:
    """Words as one alternation, longest first (so the longest word at a place matches)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _lengths_by_first(words: dict[str, Unit]) -> dict[str, tuple[int, ...]]:
    """For each first character, the lengths of the words starting with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for w in words:
        lengths.setdefault(w[0], set()).add(len(w))
    return {c: tuple(sorted(ns, reverse=True)) for c, ns in lengths.items()}


@cache
def _tables() -> _Tables:
    us = units()
    quals = qualifiers()
    words = change_words()
    money_text = resources.files("govnlp").joinpath("data/money_words.txt").read_text("utf-8")
    money = [w for w in (x.strip() for x in money_text.splitlines()) if w and w[0] != "#"]
    basis_words = _alternation([w for w, c in words.items() if c.role == "basis"])
    bases = f"{basis_words}|{_YEAR_BASIS}"
    return _Tables(
        units=us,
        unit_lengths=_lengths_by_first(us),
        before=re.compile(
            "(?:" + _alternation([w for p, w in quals if p == "before"]) + ")(?:了|可达|可|达)?$"
        ),
        after=re.compile(_alternation([w for p, w in quals if p == "after"])),
        before_whole=regex.compile(
            "("
            + _alternation(
                [
                    w
                    for (p, w), q in quals.items()
                    if p == "before" and len(w) > 1 and q.qualifier not in ("approx", "exact")
                ]
            )
            + r")(\p{Han}{1,3}|\p{Han}{1,7}的)$"
        ),
        verbs=re.compile(
            _alternation(
                [w for w, c in words.items() if c.role in ("verb", "new", "raise", "noun")]
            )
        ),
        bases=re.compile(bases),
        rate_lead=re.compile(
            "(?:" + _alternation([w for w, c in words.items() if c.role == "rate"]) + ")"
            r"(?:分别)?(?:为|是|达到|达)?"
        ),
        fronted_basis=re.compile("(" + bases + ")[，,]"),
        breakers=re.compile(
            _alternation([w for w, c in words.items() if c.role in ("breaker", "copula")])
        ),
        copula_end=re.compile(
            "(?:" + _alternation([w for w, c in words.items() if c.role == "copula"]) + ")$"
        ),
        money=re.compile(_alternation(money)),
        follows=frozenset({u[0] for u in us} | set("余多百千万亿点分\n、和及与或以-至到几来")),
        before_last=frozenset({w[-1] for p, w in quals if p == "before"} | set("了可达\n")),
        after_first=frozenset(w[0] for p, w in quals if p == "after"),
    )


# --- reading one candidate ---------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """A candidate in normalized-text offsets, before lists and context are resolved.

    Its value is ``number × scale × unit factor``; keeping the parts apart lets a range or
    a list share the scale and unit written once at its end (2000-3000万元, 10、20、30亿元).
    Not frozen (a frozen dataclass is several times slower to build, and one is built per
    candidate), but treated as a value: changes go through ``dataclasses.replace``.
    """

    start: int
    end: int
    number: Number
    scale: int = 1
    unit: Unit | None = None
    chinese: bool = False
    inside: bool = False
    number_max: Number | None = None
    kind: Kind | None = None
    approx: bool = False
    implied: Unit | None = None
    stated_change: Change | None = None

    def _times(self, number: Number) -> Number:
        unit = self.unit or self.implied
        factor = self.scale * (unit.factor if unit else 1)
        if factor == 1:
            return number
        if isinstance(number, Fraction):
            return number * Fraction(factor)
        value = number * factor
        return (
            value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        )

    @property
    def value(self) -> Number:
        return self._times(self.number)

    @property
    def value_max(self) -> Number | None:
        return None if self.number_max is None else self._times(self.number_max)


def _skip_break(t: str, pos: int) -> int:
    """Step over one line break that a layout put inside a mention (1.5 万⏎家)."""
    if t.startswith("\n", pos) and not t.startswith("\n\n", pos):
        nxt = t[pos + 1 : pos + 2]
        if nxt and (nxt in "余多百千万亿%" or _unit_at(t, pos + 1) is not None):
            return pos + 1
    return pos


def _unit_at(t: str, pos: int) -> Unit | None:
    """The longest unit written at ``pos``, if any (a dict probe per length, no regex)."""
    tables = _tables()
    lengths = tables.unit_lengths.get(t[pos : pos + 1])
    if lengths is not None:
        units_ = tables.units
        for n in lengths:
            unit = units_.get(t[pos : pos + n])
            if unit is not None:
                return unit
    return None


def _tail(
    t: str, start: int, pos: int, number: Number, chinese: bool, numeral: str, approx: bool
) -> _Raw:
    """Read what follows a numeral at ``pos``: 余/多, scale words and the unit."""
    inside = False
    if t.startswith("\n", pos):
        pos = _skip_break(t, pos)
    if t[pos : pos + 1] in _MORE:
        inside, pos = True, pos + 1
    elif (
        chinese
        and numeral[-1:] in SCALES
        and t[pos : pos + 1] in _SOME
        and (t[pos + 1 : pos + 2] in _SCALE_CHARS or _unit_at(t, pos + 1) is not None)
    ):
        inside, pos = True, pos + 1  # 十几万, 二十来个: more than the round number
    scale = ""
    if t[pos : pos + 1] in _SCALE_CHARS and (scale_m := _ARABIC_SCALE.match(t, pos)):
        scale = scale_m.group()
    unit = _unit_at(t, pos + len(scale))
    if unit is None and scale:
        # A unit that starts with a scale character (千瓦, 千米, 百分点) keeps it.
        for k in range(len(scale) - 1, -1, -1):
            unit = _unit_at(t, pos + k)
            if unit is not None:
                scale = scale[:k]
                break
    pos += len(scale)
    if unit is None and scale:
        pos = _skip_break(t, pos)
        unit = _unit_at(t, pos)
    if unit is None and not inside and t[pos : pos + 1] in _MORE:
        # 5万余份, and 3万多亿元 where more scale follows: 3 × 10^4 × 10^8, more than
        more = _ARABIC_SCALE.match(t, pos + 1)
        after = _unit_at(t, more.end() if more else pos + 1)
        if after is not None:
            inside, unit = True, after
            pos = more.end() if more else pos + 1
            scale += more.group() if more else ""
    if unit is not None:
        pos += len(unit.surface)
        if t.startswith("/", pos):
            unit, pos = _per(t, pos, unit)
        elif t.startswith("半", pos) and not approx:
            number, unit, pos = _and_a_half(t, pos, number, unit)
        elif unit.canonical == "元" and not scale and t[pos : pos + 1] in _JIAO_FEN_FIRST:
            number, pos = _jiao_fen(t, pos, number)
    if (chinese or not numeral.isascii()) and scale and not approx:
        # Only 余/多 can part a Chinese numeral from its 万: 三亿三千五百多万 = 3亿 + 3500万,
        # 1亿3千多万 = 1亿 + 3千万.
        whole = parse_numeral(numeral + scale) if inside and numeral else None
        if whole is None:
            return _Raw(start, pos, number, 0, chinese=chinese, approx=approx)
        if chinese:
            number, scale = whole, ""
        else:  # 1亿3千多万 as 13000多万: the scale stays apart, as after Arabic digits
            number = whole / scale_factor(scale)
    factor = scale_factor(scale) if scale else 1
    return _Raw(start, pos, number, factor, unit, chinese, inside, approx=approx)


_SOME = ("几", "来")
_HALF_PERIOD = frozenset("上下前后")
"""上半年, 下半月: a period of the year, not half a year."""
_HALF_FOLLOWERS = frozenset("的以来内后前左多时之中里就，。；、,;）)\n")


def _half_ends(t: str, pos: int) -> bool:
    """Whether the amount ends before ``pos`` (半年内, 一吨半，) rather than a word going on
    with 半 (半导体, 半年度)."""
    nxt = t[pos : pos + 1]
    return not nxt or nxt in _HALF_FOLLOWERS or not _HAN.match(nxt)


def _and_a_half(t: str, pos: int, number: Number, unit: Unit) -> tuple[Number, Unit, int]:
    """一吨半 → 1.5 吨, 两个半月 → 2.5 个月: 半 after the unit adds a half of it."""
    if isinstance(number, Fraction):
        return number, unit, pos
    half = Decimal("0.5")
    if unit.surface == "个":  # 两个半月, 一个半小时: 个 and what follows 半 are the unit
        units_ = _tables().units
        for n in (2, 1):
            after = t[pos + 1 : pos + 1 + n]
            joined = units_.get("个" + after) or units_.get(after)  # 个月; 个小时 → 小时
            ok = joined is not None and joined.kind == "duration"
            if ok and joined is not None and _half_ends(t, pos + 1 + n):
                return number + half, joined, pos + 1 + n
        return number, unit, pos
    if unit.kind in ("measure", "duration", "count") and _half_ends(t, pos + 1):
        return number + half, unit, pos + 1
    return number, unit, pos


_JIAO_FEN = regex.compile(
    rf"(?:(?P<jiao>[0-9{_CN_DIGITS}])角)?(?:(?P<fen>[0-9{_CN_DIGITS}])分(?![钟之别配数]))?"
)
_JIAO_FEN_FIRST = frozenset("0123456789" + _CN_DIGITS)


def _jiao_fen(t: str, pos: int, number: Number) -> tuple[Number, int]:
    """123元1角1分 → 123.11: the 角 and 分 after 元 belong to the same amount."""
    m = _JIAO_FEN.match(t, pos)
    if m is None or m.end() == pos or isinstance(number, Fraction):
        return number, pos
    jiao, fen = m.group("jiao"), m.group("fen")
    cents = 10 * (CHINESE_DIGITS.get(jiao, 0) if jiao and not jiao.isdigit() else int(jiao or 0))
    cents += CHINESE_DIGITS.get(fen, 0) if fen and not fen.isdigit() else int(fen or 0)
    return number + Decimal(cents) / 100, m.end()


def _per(t: str, pos: int, unit: Unit) -> tuple[Unit, int]:
    """A rate unit written with a slash: 107327元/人, 796元/月 (unit 元/人, 元/月)."""
    if not t.startswith("/", pos) or unit.kind == "none":
        return unit, pos
    per = _unit_at(t, pos + 1)
    name = per.surface if per is not None and per.kind != "none" else t[pos + 1 : pos + 2]
    if not name or not (per is not None or name in _PER_TIME):
        return unit, pos
    canonical = f"{unit.canonical}/{per.canonical if per else name}"
    return Unit(f"{unit.surface}/{name}", canonical, unit.kind, unit.factor, False), pos + 1 + len(
        name
    )


def _previous(t: str, start: int, n: int) -> str:
    return t[start - n if start > n else 0 : start]


def _is_year(digits: str) -> bool:
    """Whether the numeral before a 年 names a year (2021年, 一九五七年), not a count."""
    if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return True
    return len(digits) >= 2 and all(c in _CN_DIGITS for c in digits)


def _qualifier_before(t: str, start: int) -> str | None:
    """The qualifier word that ends right before ``start`` (超过, 约, 不低于), if any."""
    tables = _tables()
    if start == 0 or t[start - 1] not in tables.before_last:
        return None  # no qualifier word (or 了/可/达 after one) ends here: skip the search
    m = tables.before.search(_previous(t, start, 8))
    return m.group().rstrip("了可达") if m else None


def _signed(t: str, start: int) -> bool:
    """A minus sign before an Arabic number that is not the dash of a range (3-5, 10%-15%)."""
    if start == 0 or t[start - 1] not in "-−":
        return False
    before = t[start - 2 : start - 1]
    return not (before.isascii() and before.isalnum()) and before != "%"


_SIGN_AFTER = frozenset("为是达至到率速值幅度长降仅约近和、：:（(")
"""What may stand before 负 as a minus sign (增速为负3.9%, 增长负2%): not 减负30元 or
不辜负4400万人民, where 负 ends a word."""


def _negative(t: str, start: int) -> bool:
    """负 written right before a number as its sign (负3.9%)."""
    if start == 0 or t[start - 1] != "负":
        return False
    before = t[start - 2 : start - 1]
    return not before or before in _SIGN_AFTER or not _HAN.match(before)


def _read(t: str, m: regex.Match[str], *, upper: bool = False) -> tuple[_Raw | None, int]:
    """Read the candidate matched at ``m``; return it (or None) and the numeral's end.

    ``upper`` when it is the upper end of a range: the dash before it is no minus sign.
    """
    group = m.lastgroup
    start, end = m.span()
    if group == "mix":  # 5万4千6百: Arabic digits in a Chinese numeral's places
        number = parse_numeral(m.group())
        if number is not None:
            sign = not upper and _negative(t, start)
            if sign:
                start, number = start - 1, -number
            return _tail(t, start, end, number, False, m.group(), False), end
        m = cast("regex.Match[str]", _ARABIC_NUMBER.match(t, start))  # 1万2亿: two amounts
        group, end = "ar", m.end()
    if group == "dot":  # 二九八·〇八亿元: digit by digit, with a middle dot for the point
        left, _, right = m.group().partition("·")
        if len(left) + len(right) > MAX_DIGITS:
            return None, end
        number = parse_arabic(f"{year_of(left)}.{year_of(right):0{len(right)}d}")
        read = None if number is None else _tail(t, start, end, number, False, "", False)
        if read is None or (read.unit is None and read.scale == 1):
            return None, end  # 一·二八: a date's name, not an amount
        return read, end
    if group == "ar":
        numeral = m.group()
        number = parse_arabic(numeral)
        if number is None:
            return None, end
        if not upper and (_signed(t, start) or _negative(t, start)):
            start, number = start - 1, -number
        return _tail(t, start, end, number, False, numeral, False), end
    if group == "cn":
        numeral = m.group()
        if numeral in ("零", "〇", "○"):
            return None, end  # 零部件, 零增长, 清零: fixed terms, not amounts
        number = _chinese_value(numeral)
        round_amount = number is None and _round_amount(t, start, end, numeral)
        if round_amount:
            number = Decimal(scale_factor(numeral))  # 突破万亿元, 万余人: the round amount itself
        if number is None:
            return None, end
        if not upper and _negative(t, start):
            start, number = start - 1, -number
        read = _tail(t, start, end, number, True, numeral, False)
        counted = read.unit is not None and read.unit.kind == "count"  # 千余家企业 counts
        if round_amount and not counted and t.startswith(_class_nouns(), read.end):
            return None, end  # 超千亿元产业: a size class, not an amount
        lone = len(numeral) == 1 and numeral in _FINANCIAL
        if lone and (read.unit is None or read.unit.kind != "money"):
            return None, end  # 队伍, 大陆, 陆家嘴: a financial digit alone writes money only
        return read, end
    units_ = _tables().units
    if group == "frac":
        den, nu, whole = m.group("den"), m.group("nu"), m.group("whole")
        if den in ("百", "千") and whole is None:  # 百分之二十 is a percent, 千分之三 per mille
            number = parse_chinese(nu) if nu[0] in _CN else parse_arabic(nu)
            unit = units_["%" if den == "百" else "‰"]
            raw = None if number is None else _Raw(start, end, number, unit=unit, chinese=True)
            return raw, end
        frac = parse_fraction(den, nu)
        if frac is not None and whole is not None:  # 一又二分之一 = 3/2
            integer = parse_numeral(whole)
            frac = None if integer is None else frac + Fraction(integer)
        raw = None if frac is None else _Raw(start, end, frac, chinese=True, kind="fraction")
        return raw, end
    if group == "ban":  # 半年, 半个月: half of a duration (not 上半年, a period)
        if t[start - 1 : start] in _HALF_PERIOD:
            return None, end
        read = _tail(t, start, end, Decimal("0.5"), True, "", False)
        if read.unit is None or read.unit.kind != "duration" or not _half_ends(t, read.end):
            return None, end
        return read, end
    if group == "half":
        return _Raw(start, end, Fraction(1, 2), chinese=True, kind="fraction"), end
    if group == "fan":  # 翻一番: doubled; the span is 一番
        s, e = m.span("fan")
        times = int(parse_chinese(m.group("fan")[0]) or 1)
        return _Raw(s, e, Decimal(2**times), unit=units_["番"], chinese=True), e
    # shang, 上万人次: a vague round amount
    number = Decimal(scale_factor(m.group()[1:]))
    return _tail(t, start, end, number, True, "", True), end


@lru_cache(maxsize=4096)
def _chinese_value(numeral: str) -> Decimal | None:
    """:func:`parse_chinese`, remembered per numeral (20,000 in the corpus, 1,300 distinct).

    Only called under the :data:`EXACT` context, so a remembered value never depends
    on the caller's decimal context.
    """
    return parse_chinese(numeral)


def _round_amount(t: str, start: int, end: int, numeral: str) -> bool:
    """Whether bare scale words (万亿, 万) name a round amount: 突破万亿元, 万余人, and after
    a word that bounds or blurs an amount (近千人, 超千亿元, 将近万人; qualifiers.tsv)."""
    if not all(c in "十百千万亿" for c in numeral):
        return False
    if _previous(t, start, 2).endswith(_THRESHOLDS) or t[end : end + 1] in _MORE:
        return True
    word = _qualifier_before(t, start)  # the longest: 最近 (exact), not its 近
    return word is not None and qualifiers()[("before", word)].qualifier != "exact"


@cache
def _class_nouns() -> tuple[str, ...]:
    """What a bare round amount names a size class of (data/class_nouns.txt)."""
    text = resources.files("govnlp").joinpath("data/class_nouns.txt").read_text("utf-8")
    return tuple(w for w in (x.strip() for x in text.splitlines()) if w and w[0] != "#")


def _excluded(t: str, raw: _Raw, num_end: int) -> bool:
    """Whether a candidate is no amount: a year, date, ordinal, code, vague or article."""
    unit = raw.unit
    if raw.scale == 0 or (unit is not None and unit.kind == "none"):
        return True
    s = raw.start
    surface = unit.surface if unit is not None else ""
    before = t[s - 1] if s else ""
    after = t[num_end : num_end + 1]
    if t.startswith("级", raw.end) or (surface == "年" and _previous(t, s, 2) in _ANNIVERSARY):
        return True  # size classes (30万吨级) and anniversaries (建军一百年, but 成立9家)
    if before in ("第", "之", "折"):
        return True  # ordinals, 三分之一's denominator, specifications (硫酸（折100%）)
    if raw.chinese and s and _VAGUE.match(t, s - 1):
        return True  # 数十家, 几百个, 成千上万: no definite numeral (but 完成十六亿…)
    if before in _ASCII_LETTERS or after in _ASCII_LETTERS:
        return True  # codes: G6, PM2.5, 5A
    if before in ("+", "/") or (after in ("+", "/", ".") and unit is None):
        return True  # formulas and section numbers: 5+3+7+5, 1.1.
    if raw.chinese and after in _SOME and unit is None and not raw.inside:
        return True
    if surface == "年" and _is_year(t[s:num_end]):
        return True
    if after == "月" or (after in ("日", "号") and before == "月"):
        return True  # a month (5月, not 5个月), a day of one (3月5日)
    if before == "前" and surface in ("名", "位"):
        return True  # ranks: 前5名
    term_or_phase = after == "届" or num_end - s == 1
    if surface in _ORDINAL_UNITS and raw.chinese and t[s] != "两" and term_or_phase:
        return True  # 二期工程, 二十届: a phase or a term, not a count (两期, 两届 are)
    one = raw.chinese and num_end - s == 1 and t[s] == "一" and unit is not None
    one = one and raw.number == 1  # 一年半 is an amount
    if one and unit is not None and unit.kind == "count" and t.startswith("一", raw.end):
        return True  # 一人一亩, 一户一档: the first is the denominator (per person)
    if one and unit is not None and unit.article:
        span = unit.kind == "duration" and t.startswith(_SPAN_WORDS, raw.end)
        bound = span or _previous(t, s, 4).endswith(_LIMIT_WORDS)
        return not bound  # 一批, 不寻常的一年; but 至少一所, 一年来
    return False


_SENTENCE_PUNCT = re.compile(r"[，。；！？,;!?]")


def _in_quoted_name(t: str, start: int, end: int) -> bool:
    """A numeral inside a quoted phrase (not a quoted sentence) belongs to a name or slogan.

    “两个确立”, “最后一公里”, “通道式四轮定位仪研发” are names; a quotation that holds a
    clause (“产品占国内市场份额达到30%，累计…”) still counts its amounts.
    """
    open_ = t.rfind("“", max(0, start - 30), start)
    if open_ < 0 or "”" in t[open_:start]:
        return False
    close = t.find("”", end, end + 30)
    return close >= 0 and close - open_ <= 32 and not _SENTENCE_PUNCT.search(t, open_, close)


def _in_title(t: str, start: int, end: int) -> bool:
    """Numerals inside a 《title》 belong to the name (《提档升级三年行动计划》)."""
    open_ = t.rfind("《", max(0, start - 40), start)
    if open_ < 0 or "》" in t[open_:start]:
        return False
    close = t.find("》", end, end + 40)
    return close >= 0 and "《" not in t[end:close]


def _in_name(t: str, start: int, end: int) -> bool:
    """Whether a numeral belongs to a slogan or a title rather than counting anything."""
    if t.find("“", max(0, start - 30), start) < 0 and t.find("《", max(0, start - 40), start) < 0:
        return False  # no quote or title opens before it: the common case, decided here
    return _in_quoted_name(t, start, end) or _in_title(t, start, end)


def _clause_start(t: str, pos: int) -> int:
    """The start of the clause holding ``pos``, looking back at most 60 characters.

    A reverse search of the window finds the last clause end before ``pos``; mentions
    are sparse, so this is cheaper than listing every clause end of the document.
    """
    window = pos - 60 if pos > 60 else 0
    m = _LAST_CLAUSE_END.search(t, window, pos)
    return m.end() if m else window


def _change(t: str, raw: _Raw, previous: Change | None) -> tuple[Change | None, bool]:
    """The change a mention states: the nearest change verb before it in its clause.

    Also says whether the verb describes the counted things themselves (新增知识产权58项:
    new patents, 58 of them), so that a following 其中 breakdown shares the change; an
    amount the verb takes as its object (比上年末增加530万人) passes nothing on.
    """
    tables = _tables()
    words = change_words()
    clause = _clause_start(t, raw.start)
    verb = None
    m = tables.verbs.search(t, clause, raw.start)
    while m is not None:  # as finditer, without building an iterator for the usual no-verb case
        role = words[m.group()].role
        if role in _CHANGE_ROLES and (role != "raise" or not _upgrades(t, m.end(), raw)):
            verb = m  # 新增提升养老服务设施200处: 新增 still counts them
        m = tables.verbs.search(t, m.end(), raw.start)
    if verb is None:
        # 新增58项，其中发明专利11项: a breakdown keeps the change of what it breaks down.
        return (previous if t.startswith("其中", clause) else None), False
    lead = t[verb.end() : raw.start]
    q = _qualifier_before(t, raw.start)
    if q and lead.endswith(q):
        lead = lead[: len(lead) - len(q)]
    if not tables.rate_lead.fullmatch(lead):  # 增长率分别为35.29%: the rate is the change
        copula = tables.copula_end.search(lead) if lead else None
        if (
            copula
            and copula.start()
            and (words[verb.group()].role != "new" or "的" in lead[: copula.start()])
        ):
            copula = None  # 增长贡献率达到35.6%, 新增的市场主体纳税达到…: not the new things
        core = lead[: copula.start()] if copula else lead  # 新增就业达到120万人: still new jobs
        if lead[:1] in _LEVEL_BEFORE or (copula is None and lead[-1:] in _LEVEL_BEFORE):
            return None, False
        if tables.breakers.search(core):
            return None, False
        digits = _DIGIT.findall(core)
        if digits and (copula or not _LIST_MARK.search(core, core.rindex(digits[-1]))):
            return None, False  # 新增3个过三千亿元城市, 新增172个、达到1421个: a new level
    basis = None
    for b in tables.bases.finditer(t, clause, raw.start):  # 增长速度预期为年均7%: after it too
        basis = _basis(t, b.start(), b.group())
    if basis is None:  # 比上一年，原煤增产了…: a comparison fronted for the whole sentence
        fronted = tables.fronted_basis.search(t, _sentence_start(t, clause), clause)
        basis = _basis(t, fronted.start(1), fronted.group(1)) if fronted else None
    direction = cast(Direction, words[verb.group()].value)
    if isinstance(raw.number, Decimal) and raw.number < 0:
        direction = "down"
    attributive = bool(_HAN.search(lead))
    return Change(direction, cast("Basis | None", basis)), attributive


_NAMED_YEAR = regex.compile(r"((?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})年")


def _ends_phrase(t: str, end: int) -> bool:
    """Whether an amount ends its phrase (a clause end, a list mark or a qualifier follows)
    rather than modifying a noun after it (四年制, 15分钟社区生活圈)."""
    nxt = t[end : end + 1]
    return not nxt or nxt in "，。；、,;）)\n和及" or nxt in _tables().after_first


def _upgrades(t: str, verb_end: int, raw: _Raw) -> bool:
    """Whether a raise verb (提升) takes an object whose count ``raw`` is: 提升卫生室1035家."""
    unit = raw.unit
    if unit is None or unit.kind != "count":
        return False
    if t.startswith("了", verb_end):  # 排序提升了3个位次: the aspect particle is no object
        verb_end += 1
    return bool(_HAN.search(t, verb_end, raw.start))


def _basis(t: str, start: int, phrase: str) -> str | None:
    """The basis a comparison phrase at ``start`` names (同比 → yoy, 年均 → annual_avg).

    比 + a named year (比一九五六年, 比2000年) is year on year unless the year the paragraph
    last names before it is a later one than the next (到2005年…比2000年减少10%,
    1992年…比1987年增长): a change over several years against a base year has no basis.
    """
    word = change_words().get(phrase)
    if word is not None:
        return word.value
    window = max(0, start - 300)
    paragraph = t.rfind("\n", window, start) + 1 or window
    last = None
    for m in _NAMED_YEAR.finditer(t, paragraph, start):
        last = m
    if last is None:  # the year the document reports on, as its title names it
        last = _NAMED_YEAR.search(t, 0, min(start, _TITLE_WINDOW))
        if last is None:
            return None  # 比一九八〇年增长30% alone: a base year, nothing says it is last year
    if year_of(last.group(1)) >= year_of(phrase[1:5]) + 2:
        return None
    return "yoy"


_TITLE_WINDOW = 200
"""How far from the start of a text its title may name the year it reports on."""


def _sentence_start(t: str, pos: int) -> int:
    """The start of the sentence holding ``pos``, looking back at most 200 characters."""
    window = max(0, pos - 200)
    m = _LAST_SENTENCE_END.search(t, window, pos)
    return m.end() if m else window


def _qualifier(t: str, raw: _Raw) -> QualifierName:
    """The qualifier bound to a mention: a word right after it, right before, or inside."""
    quals = qualifiers()
    unit = raw.unit.surface if raw.unit else ""
    tables = _tables()
    pos = _skip_break(t, raw.end)
    after = tables.after.match(t, pos) if t[pos : pos + 1] in tables.after_first else None
    q = quals.get(("after", after.group())) if after else None
    if q is not None and unit not in q.not_with:
        return cast(QualifierName, q.qualifier)
    word = _qualifier_before(t, raw.start)
    q = quals.get(("before", word)) if word else None
    if q is not None and unit not in q.not_with:
        return cast(QualifierName, q.qualifier)
    if raw.inside:
        return "more_than"
    if raw.approx:
        return "approx"
    share = raw.kind == "fraction" or unit in _SHARE_UNITS
    if share and raw.start and _HAN.match(t, raw.start - 1):
        return _bound_over_whole(t, raw.start) or "exact"
    return "exact"


_NOT_IN_WHOLE = frozenset("占为是达有比和与及或")
_SHARE_UNITS = frozenset({"%", "‰", "倍"})


def _bound_over_whole(t: str, start: int) -> QualifierName | None:
    """A bound before the whole that a share is taken of: 不到世界百分之七, 超过世界五分之一,
    不高于承担风险责任的0.5%, 不低于贷款利率的1.5倍 (a noun of at most three characters, or
    one ending with 的)."""
    m = _tables().before_whole.search(t, start - 14 if start > 14 else 0, start)
    if m is None or any(c in _NOT_IN_WHOLE for c in m.group(2)):
        return None
    q = qualifiers().get(("before", m.group(1)))
    return cast(QualifierName, q.qualifier) if q is not None else None


def _money_context(t: str, start: int, end: int) -> bool:
    """Whether the clause around a bare 亿 or 万 amount speaks of money (资金, 投资…)."""
    clause = _clause_start(t, start)
    limit = min(len(t), end + 30)
    stop = _CLAUSE_END.search(t, end, limit)
    return bool(_tables().money.search(t, clause, stop.start() if stop else limit))


def _range_end(t: str, raw: _Raw) -> tuple[_Raw, int] | None:
    """The upper end of a range starting at ``raw`` (3-5年, 10%-15%, 2000-3000万元).

    The caller has seen a range joiner (-, 至, 到) right after ``raw``.
    """
    m = _CANDIDATE.match(t, raw.end + 1)
    if m is None or m.lastgroup not in ("ar", "cn", "mix") or (m.lastgroup == "cn") != raw.chinese:
        return None
    second, num_end = _read(t, m, upper=True)
    if second is None or second.scale == 0:
        return None
    if raw.unit is not None and (
        second.unit is None or second.unit.canonical != raw.unit.canonical
    ):
        return None  # 5个-10家 is no range
    return second, num_end


def _shared_scale(first: str, second: str, low: Decimal, high: Decimal) -> Decimal:
    """两到三万 → 20000: a 万 or 亿 written once at the end of a range's upper end applies to
    a lower end written without one, where that keeps the range in order."""
    if any(c in _BIG for c in first):
        return low
    k = len(second)
    while k and second[k - 1] in _BIG:
        k -= 1
    if k == len(second) or k == 0:
        return low
    scaled = low * scale_factor(second[k:])
    return scaled if scaled <= high else low


def _bare_statistic(t: str, m: regex.Match[str]) -> bool:
    """Whether a unit-less number may still be a statistic: 指数为62.43 (see :func:`_kind`)."""
    return "." in m.group() and _previous(t, m.start(), 2).endswith(_VALUE_CUE)


def _scan(t: str) -> Iterator[_Raw]:
    """Candidates in normalized text, ranges joined, before lists and context."""
    pos = 0
    follows = _tables().follows
    while m := _CANDIDATE.search(t, pos):
        group, end = m.lastgroup, m.end()
        if t[end : end + 1] not in follows:
            if group == "cn" and "万" not in m.group() and "亿" not in m.group():
                pos = end  # 进一步, 统一, 一体化: a Chinese numeral needs a unit after it
                continue
            if group == "ar" and not _bare_statistic(t, m):
                pos = end  # 1.1.1., 第3条: an Arabic number with nothing that makes it an amount
                continue
        raw, num_end = _read(t, m)
        if group == "mix":
            end = num_end  # 1万2亿: the mixed numeral was two amounts
        if raw is None:
            # 队伍四项: a word's character that may write a numeral (伍) is not one here
            lead = m.group()[0]
            pos = m.start() + 1 if group == "cn" and (lead not in _PLAIN or lead in "零〇") else end
            continue
        pos = raw.end if raw.end > end else end
        if _excluded(t, raw, num_end):
            continue
        joiner = t[raw.end : raw.end + 1] in _RANGE_JOINER
        if joiner and (upper := _range_end(t, raw)) is not None:
            second, second_num_end = upper
            pos = max(pos, second.end)
            if _excluded(t, second, second_num_end):
                continue  # 1-5月, 2021-2023年: dates, not a range of amounts
            number = raw.number
            if raw.chinese and isinstance(number, Decimal) and isinstance(second.number, Decimal):
                number = _shared_scale(t[raw.start : num_end], t[second.start : second_num_end],
                                       number, second.number)  # fmt: skip
            raw = replace(
                raw,
                end=second.end,
                number=number,
                number_max=second.number,
                scale=raw.scale if raw.scale != 1 else second.scale,
                unit=raw.unit or second.unit,
                inside=second.inside,
            )
        yield raw


def _resolve_lists(t: str, raws: list[_Raw]) -> list[_Raw]:
    """Give unit-less members of a 、 list the unit (and scale) of the member after them."""
    out = list(raws)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.unit is not None:
            # 5.3个和5.5个百分点: the first member's 个 is the head of the unit they share
            if b.start - a.end < 3 and b.unit is not None and a.unit.surface == "个":
                shared = b.unit.surface != "个" and b.unit.surface.startswith("个")
                if shared and a.kind is None and t[a.end : b.start] in _LIST_JOINER:
                    out[i] = replace(a, unit=b.unit)
            continue
        if a.unit is not None or a.kind is not None or b.unit is None:
            continue  # the usual case: nothing to share
        # 三、五个 and 四、五十年 are vague ("three or five"), not a list of amounts.
        vague = a.chinese and a.end - a.start == 1
        if not vague and t[a.end : b.start] in _LIST_JOINER:
            out[i] = replace(a, unit=b.unit, scale=a.scale if a.scale != 1 else b.scale)
    return out


_RATIO = re.compile(r"[0-9][:∶：]$")
_VALUE_CUE = ("为", "达", "是", "至", "：", ":")


def _kind(t: str, raw: _Raw) -> tuple[Kind, str, str | None] | None:
    """Kind, unit and implied unit of a candidate, or None when a bare number is no mention."""
    if raw.kind is not None:
        return raw.kind, "", None
    if raw.implied is not None:
        return cast(Kind, raw.implied.kind), "", raw.implied.canonical
    if raw.unit is not None:
        return cast(Kind, raw.unit.kind), raw.unit.canonical, None
    if raw.chinese:  # 近一亿劳动力: a large Chinese numeral needs no unit to be an amount
        return ("number", "", None) if raw.value >= 10_000 and not raw.approx else None
    if raw.scale >= 10_000:  # 2.2亿: money when the clause speaks of money
        if _money_context(t, raw.start, raw.end):
            return "money", "", "元"
        return "number", "", None
    if _RATIO.search(_previous(t, raw.start, 2)):
        return None  # 16.4:40.3:43.3 is a ratio, not a statistic
    if "." in t[raw.start : raw.end] and _previous(t, raw.start, 2).endswith(_VALUE_CUE):
        nxt = t[raw.end : raw.end + 1]  # kept in step with _bare_statistic
        if nxt == "" or nxt in "，。；、）),;\n":
            return "number", "", None  # 创新指数为62.43
    return None


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
    with_unit = {r.start for r in taken if r.unit is not None or r.kind is not None}
    for cell in (*numeric_cells(t), *list_cells(t)):
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


def _candidates(t: str) -> list[_Raw]:
    """All candidates in document order: running text, then table cells merged in."""
    raws = _resolve_lists(t, list(_scan(t)))
    cells = list(_table_cells(t, raws))
    if not cells:
        return raws
    replaced = {c.start for c in cells}
    return sorted([r for r in raws if r.start not in replaced] + cells, key=lambda r: r.start)


_NUMERAL_IN_TERM = re.compile(rf"[{_CN}半0-9０-９]")


@cache
def _numbered_terms() -> Lexicon:
    """The policy lexicon's terms with a numeral in them (三位一体, 十四五规划, 千人计划).

    Only these can hold a numeral, so only these are matched: a third of the lexicon, and
    each on its own (a term without numerals that overlaps one does not hide it).
    """
    from .lexicon import Lexicon

    forms = Lexicon.default().match_forms()
    return Lexicon([row for key, row in forms.items() if _NUMERAL_IN_TERM.search(key)])


def _term_spans(t: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the numbered terms in clean text (see :func:`_numbered_terms`)."""
    return _numbered_terms().spans_normalized(t)


def _in_term(terms: tuple[list[int], list[int]], raw: _Raw) -> bool:
    """Whether a numeral lies inside a known formula or name (not 翻两番: still an amount)."""
    starts, ends = terms
    i = bisect_right(starts, raw.start) - 1
    if i < 0 or raw.end > ends[i]:
        return False
    return raw.unit is None or raw.unit.surface != "番"


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
        yield (
            raw.start, raw.end, raw.value, unit, kind, qualifier, change, raw.value_max, implied
        )  # fmt: skip


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity mention in ``text``, in document order, with offsets into ``text``.

    >>> text = "累计开展活动320余场，服务企业7350家（次）"
    >>> [(q.text, q.qualifier) for q in extract_quantities(text)]
    [('320余场', 'more_than'), ('7350家（次）', 'exact')]
    """
    with localcontext(EXACT):  # the caller's decimal precision must not round our values
        return _mentions(normalize(text))


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
