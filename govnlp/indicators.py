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

import bisect
import importlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from .datafiles import read_table
from .errors import DataFileError
from .numerals import parse_arabic, parse_chinese
from .quantities import Quantity

__all__ = [
    "DocumentContext",
    "Heading",
    "Indicator",
    "build_indicators",
    "extract_indicators",
    "read_context",
    "read_headings",
    "to_dataframe",
]

Status = Literal["actual", "target", "rule"]
STATUSES: tuple[str, ...] = ("actual", "target", "rule")

# ---------------------------------------------------------------------------------------
# Data: cue words


@dataclass(frozen=True, slots=True)
class _Cues:
    """The cue sets of ``indicator_cues.tsv``: set name → {cue: value}, longest cue first."""

    sets: dict[str, dict[str, str]]
    provinces: dict[str, str]
    cities: dict[str, str]

    def words(self, name: str) -> list[str]:
        return sorted(self.sets.get(name, {}), key=len, reverse=True)

    def value(self, name: str, cue: str) -> str:
        return self.sets[name][cue]


_CUE_SETS = frozenset(
    {
        "target",
        "estimate",
        "rule",
        "section_status",
        "scope_word",
        "recurring",
        "predicate",
        "metric_prefix",
        "metric_suffix",
        "clause_stop",
        "class_word",
        "person_title",
        "plan_title",
        "verb",
        "org_word",
        "compare",
        "rate_word",
        "body_suffix",
        "mid_verb",
        "noun_stop",
        "bare_noun",
        "end_word",
        "rule_title",
        "whole_word",
    }
)


@cache
def _cues() -> _Cues:
    sets: dict[str, dict[str, str]] = {}
    path = "govnlp/data/indicator_cues.tsv"
    for n, cells in read_table("indicator_cues.tsv", ("set", "cue", "value", "note"), optional=2):
        if len(cells) < 3:
            raise DataFileError(path, n, "expected at least set, cue and value")
        name, cue, value = cells[0], cells[1], cells[2]
        if name not in _CUE_SETS:
            raise DataFileError(path, n, f"unknown cue set {name!r}")
        if name in ("target", "estimate", "rule", "section_status") and value not in (
            *STATUSES,
            "estimate",
            "weak",
        ):
            raise DataFileError(path, n, f"{name} cue needs a status value, not {value!r}")
        if name == "scope_word" and value not in (
            "city",
            "province",
            "district",
            "county",
            "country",
        ):
            raise DataFileError(path, n, f"unknown scope level {value!r}")
        if cue in sets.setdefault(name, {}):
            raise DataFileError(path, n, f"duplicate cue {cue!r} in set {name}")
        sets[name][cue] = value
    provinces = {cells[0]: cells[1] for _, cells in read_table("provinces.tsv", ("short", "name"))}
    cities: dict[str, str] = {}
    for n, cells in read_table("cities.tsv", ("province", "cities")):
        if cells[0] not in provinces.values():
            raise DataFileError("govnlp/data/cities.tsv", n, f"unknown province {cells[0]!r}")
        for city in cells[1].split("、"):
            if not city or city in cities:
                raise DataFileError("govnlp/data/cities.tsv", n, f"empty or repeated city {city!r}")
            cities[city] = cells[0]
    return _Cues(sets, provinces, cities)


@cache
def _alternation(name: str) -> re.Pattern[str]:
    """One regex matching any cue of a set, longest first (a plain alternation: no backtracking
    beyond the literal alternatives)."""
    words = _cues().words(name)
    return re.compile("|".join(re.escape(w) for w in words) if words else r"(?!)")


# ---------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading: where it starts, its depth and its own title.

    >>> Heading(0, 1, "一、", "关于2022年工作情况").title
    '关于2022年工作情况'
    """

    start: int
    level: int
    marker: str
    title: str


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What the document says about itself: year, region, province, own period and status.

    >>> DocumentContext(year=2022, region="沈阳市").period
    '2022'
    """

    year: int | None = None
    region: str | None = None
    province: str | None = None
    title: str | None = None
    own_period: str | None = None
    status: Status = "actual"
    evidence: tuple[str, ...] = ()
    review_year: int | None = None

    @property
    def reviewed(self) -> int | None:
        """The last year the document reports on: the year before a work report's own year
        (a 2014 report, delivered in early 2014, reviews 2013), else the document's year."""
        return self.review_year if self.review_year is not None else self.year

    @property
    def period(self) -> str | None:
        """The document's own period: an explicit one (``2022-H1``), else its year."""
        if self.own_period is not None:
            return self.own_period
        return None if self.year is None else str(self.year)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One row of the indicator table: a quantity with what, when, where and how sure.

    ``metric`` is the phrase as the guidelines write it (no spaces, line breaks or markup);
    ``metric_start:metric_end`` is where it stands in the caller's text, so
    ``squash(text[metric_start:metric_end]) == metric``. ``evidence`` says, per field,
    which cue decided it.
    """

    quantity: Quantity
    metric: str | None
    metric_start: int | None
    metric_end: int | None
    breakdown: str | None
    period: str | None
    status: Status
    scope: str | None
    section: tuple[str, ...] = ()
    evidence: tuple[tuple[str, str], ...] = field(default=())

    @property
    def start(self) -> int:
        """Start of the quantity in the caller's text."""
        return self.quantity.start

    @property
    def end(self) -> int:
        """End of the quantity in the caller's text."""
        return self.quantity.end

    @property
    def text(self) -> str:
        """The quantity as written."""
        return self.quantity.text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready row: the quantity's fields, then metric … scope, section and evidence."""
        q = self.quantity.to_dict()
        return {
            "start": q["start"],
            "end": q["end"],
            "text": q["text"],
            "metric": self.metric,
            "breakdown": self.breakdown,
            "period": self.period,
            "status": self.status,
            "scope": self.scope,
            "value": q["value"],
            "value_max": q["value_max"],
            "unit": q["unit"],
            "kind": q["kind"],
            "qualifier": q["qualifier"],
            "change": q["change"],
            "metric_start": self.metric_start,
            "metric_end": self.metric_end,
            "section": " > ".join(self.section),
            "evidence": dict(self.evidence),
        }


# ---------------------------------------------------------------------------------------
# The squashed view: the text without spaces and markup, with a map back to the source

_SQUASHED = frozenset(" \t\r\u3000\u00a0*#>")
_SENTENCE_END = "。！？；!?;"
_CLAUSE_END = "，,：:" + _SENTENCE_END
_HAN = r"\u4e00-\u9fff"


def squash(text: str) -> str:
    """The text as a metric is written: no white space and no ``*`` markup.

    >>> squash("技术合\\n同成交额")
    '技术合同成交额'
    """
    return "".join(ch for ch in text if ch not in _SQUASHED and ch != "\n")


class _View:
    """The text without spaces and markup; line breaks kept only where they end a sentence.

    ``pos[i]`` is the source offset of view character ``i``; ``at(s)`` maps a source
    offset to the first view index at or after it.
    """

    def __init__(self, source: str) -> None:
        lines = source.split("\n")
        wrapped = _hard_wrapped(lines)
        chars: list[str] = []
        pos: list[int] = []
        offset = 0
        for i, line in enumerate(lines):
            for j, ch in enumerate(line):
                if ch not in _SQUASHED:
                    chars.append(ch)
                    pos.append(offset + j)
            offset += len(line)
            if i < len(lines) - 1:
                last = chars[-1] if chars else "\n"
                if (not wrapped or last in _SENTENCE_END) and last != "\n":
                    chars.append("\n")
                    pos.append(offset)
                offset += 1
        self.text = "".join(chars)
        self.pos = pos
        self.source_len = len(source)

    def at(self, source_offset: int) -> int:
        return bisect.bisect_left(self.pos, source_offset)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.pos[start], self.pos[end - 1] + 1


def _hard_wrapped(lines: list[str]) -> bool:
    """True for text broken into short lines mid-sentence (newspaper columns, PDF copies)."""
    body = [ln.strip() for ln in lines if len(ln.strip()) >= 6]
    if len(body) < 10:
        return False
    short_open = sum(1 for ln in body if len(ln) <= 24 and ln[-1] not in _SENTENCE_END + "：:")
    return short_open > 0.5 * len(body)


# ---------------------------------------------------------------------------------------
# Time expressions


_YEAR = r"(?:19|20)\d\d"
_FIVE_YEAR_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_DIGITS["十"] = 10

_TIME = re.compile(
    rf"(?P<range>(?P<y1>{_YEAR})(?:年)?[-—–~至到](?P<y2>{_YEAR})年)"
    rf"|(?P<date>(?P<dy>{_YEAR})年(?P<dm>\d{{1,2}})月(?P<dd>\d{{1,2}})日)"
    rf"|(?P<month>(?P<my>{_YEAR})年(?P<mm>\d{{1,2}})月(?![-—–至到]?\d))"
    rf"|(?P<months>(?:(?P<msy>{_YEAR})年|今年)?(?P<m1>\d{{1,2}})[-—–至到~](?P<m2>\d{{1,2}})月)"
    rf"|(?P<half>(?P<hy>{_YEAR})?年?(?P<hh>上|下)半年)"
    rf"|(?P<quarter>(?P<qy>{_YEAR})?年?(?:第)?(?P<qq>[一二三四1-4])季度)"
    rf"|(?P<since>(?P<sy>{_YEAR})年(?:以来|来))"
    rf"|(?P<fyp>“?(?P<fp>十[一二三四五]五)”?(?:时期|期间|以来|规划)?|第(?P<fpn>[一二三四五六七八九十]{{1,3}})个五年(?:规划|计划))"
    rf"|(?P<year>(?P<yy>{_YEAR})年(?!\d))"
    r"|(?P<rel>今年|当年|本年|全年|年底前|去年|上年|明年|次年|截至目前|截止目前|目前|近年来)"
    r"|(?P<window>(?:近|过去的?|最近|这)(?P<wn>[一二两三四五六七八九十\d]{1,2})年|(?P<wn2>[一二两三四五六七八九十\d]{1,2})年(?:来|以来))"
)


def _cn_int(s: str) -> int | None:
    """An Arabic or Chinese whole number (十二 → 12)."""
    value = parse_arabic(s) if s.isdigit() else parse_chinese(s)
    return None if value is None or value != value.to_integral_value() else int(value)


@dataclass(frozen=True, slots=True)
class _Time:
    """A time expression of the view: its span and what it says."""

    start: int
    end: int
    kind: str  # year, month, date, months, half, quarter, range, since, fyp, rel, window
    text: str
    year: int | None = None
    value: str | None = None  # the normalized period when it is complete by itself
    window: int | None = None  # N of 近N年


def _times(view: str) -> list[_Time]:
    """Every time expression in the view, outside 《》 titles."""
    out: list[_Time] = []
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,80}》", view)]
    for m in _TIME.finditer(view):
        if any(a <= m.start() < b for a, b in titles):
            continue
        out.append(_time_of(m))
    return out


def _time_of(m: re.Match[str]) -> _Time:
    s, e, t = m.start(), m.end(), m.group(0)
    y: int | None
    if m.group("range"):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        return _Time(s, e, "range", t, y2, f"{y1}/{y2}")
    if m.group("date"):
        y = int(m.group("dy"))
        v = f"{y}-{int(m.group('dm')):02d}-{int(m.group('dd')):02d}"
        return _Time(s, e, "date", t, y, v)
    if m.group("month"):
        y = int(m.group("my"))
        return _Time(s, e, "month", t, y, f"{y}-{int(m.group('mm')):02d}")
    if m.group("months"):
        y = int(m.group("msy")) if m.group("msy") else None
        a, b = int(m.group("m1")), int(m.group("m2"))
        return _Time(s, e, "months", t, y, f"{a:02d}/{b:02d}")
    if m.group("half"):
        y = int(m.group("hy")) if m.group("hy") else None
        return _Time(s, e, "half", t, y, "H1" if m.group("hh") == "上" else "H2")
    if m.group("quarter"):
        y = int(m.group("qy")) if m.group("qy") else None
        q = m.group("qq")
        return _Time(s, e, "quarter", t, y, f"Q{_cn_int(q) or q}")
    if m.group("since"):
        return _Time(s, e, "since", t, int(m.group("sy")))
    if m.group("fyp"):
        y = _FIVE_YEAR_PLANS.get(m.group("fp") or "")
        if m.group("fpn"):
            n = _cn_int(m.group("fpn"))
            y = 1966 + 5 * (n - 3) if n is not None and n >= 3 else None
        return _Time(
            s, e, "fyp", t, None if y is None else y + 4, None if y is None else f"{y}/{y + 4}"
        )
    if m.group("year"):
        y = int(m.group("yy"))
        return _Time(s, e, "year", t, y, str(y))
    if m.group("rel"):
        return _Time(s, e, "rel", t)
    n = _cn_int(m.group("wn") or m.group("wn2") or "")
    return _Time(s, e, "window", t, window=n)


def _complete(t: _Time, year: int | None) -> str | None:
    """The period a time expression names, given the year it is read in."""
    if t.kind in ("range", "date", "month", "fyp", "year"):
        return t.value
    y = t.year if t.year is not None else year
    if t.kind == "rel":
        if year is None:
            return None
        shift = {"去年": -1, "上年": -1, "明年": 1, "次年": 1}.get(t.text, 0)
        return str(year + shift)
    if y is None:
        return None
    if t.kind == "months":
        a, b = (t.value or "01/12").split("/")
        return f"{y}-{a}/{y}-{b}"
    if t.kind in ("half", "quarter"):
        return f"{y}-{t.value}"
    if t.kind == "since":
        return None if year is None or year <= (t.year or 0) else f"{t.year}/{year}"
    if t.kind == "window" and t.window:
        return f"{y - t.window + 1}/{y}" if t.window > 1 else str(y)
    return None


# ---------------------------------------------------------------------------------------
# Document context and headings

_LINE_MARKER = re.compile(
    r"^[ \t\u3000]*(?:#+ |\*\*)?"
    r"(?P<m>第[一二三四五六七八九十百零〇\d]+[章节条]"
    r"|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[)）]"
    r"|\d{1,2}[.、．](?!\d)"
    r"|[（(]\d{1,2}[)）]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]"
    r"|[一二三四五六七八九十]+是)",
    re.MULTILINE,
)
_FAMILY_RANK = [
    ("第", "章"),
    ("第", "节"),
    ("第", "条"),
    ("", "、"),
    ("（", "）"),
    ("", "."),
    ("(", ")"),
    ("", "①"),
    ("", "是"),
]


def _family(marker: str) -> int:
    if marker.startswith("第"):
        return {"章": 0, "节": 1, "条": 2}[marker[-1]]
    if marker.endswith("是"):
        return 8
    if marker[0] in "（(":
        return 4 if re.match(r"[（(][一二三四五六七八九十]", marker) else 6
    if marker[0] in "①②③④⑤⑥⑦⑧⑨⑩":
        return 7
    if marker[0].isdigit():
        return 5
    return 3


def read_headings(text: str) -> list[Heading]:
    """Numbered headings at line starts (一、（一）1.（1）① 第N条 一是), with their depth.

    A small reader used when ``govnlp.segment`` is not available; its title runs to the
    end of the line or to the first 。；： of a run-on heading.

    >>> [(h.level, h.marker, h.title) for h in read_headings("一、总体\\n（一）目标\\n2.任务：做")]
    [(1, '一、', '总体'), (2, '（一）', '目标'), (3, '2.', '任务')]
    """
    out: list[Heading] = []
    stack: list[tuple[int, int]] = []  # (family, level)
    for m in _LINE_MARKER.finditer(text):
        marker = m.group("m")
        line_end = text.find("\n", m.end())
        line = text[m.end() : line_end if line_end >= 0 else len(text)]
        if marker[0].isdigit() and re.match(r"\s*[年月日%万亿个家项]", line):
            continue
        title = re.split(r"[。；;：:]", line.strip(), maxsplit=1)[0].strip(" *#")
        fam = _family(marker)
        while stack and stack[-1][0] >= fam:
            stack.pop()
        level = stack[-1][1] + 1 if stack else 1
        stack.append((fam, level))
        out.append(Heading(m.start("m"), level, marker, title))
    return out


def _segment_headings(text: str) -> list[Heading] | None:
    """Headings from ``govnlp.segment`` when that module is present, else ``None``."""
    try:
        from . import sections  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        return None
    segment = getattr(sections, "segment", None)
    if segment is None:
        return None
    outline = segment(text)
    heads = getattr(outline, "headings", None)
    if heads is None:
        return None
    if callable(heads):
        heads = heads()
    out = []
    for h in heads:
        start = getattr(h, "start", None)
        level = getattr(h, "level", None)
        if not isinstance(start, int) or not isinstance(level, int):
            return None
        out.append(Heading(start, level, str(getattr(h, "marker", "")), str(h.title)))
    return out


_CUE_IN_NAME = r"[项类单，,。、》”）)和与及]|任务|体系|责任|考核|导向|管理|$"
_PERFECTIVE = r"[，,；;][^，,；;]*(?:累计|已经|已)"
_TITLE_WORDS = r"报告|总结|规划|纲要|方案|计划|意见|条例|办法|规定|通知|要点|安排|事迹|公报"
_REGION_SUFFIX = (
    r"(?:特别行政区|自治区|自治州|自治县|高新技术产业开发区|经济技术开发区|开发区"
    r"|高新区|新区|地区|省|市|州|盟|县|区|旗)"
)
_REGION_RE = re.compile(rf"[{_HAN}]{{1,12}}?{_REGION_SUFFIX}")
_ADMIN_AREA = r"(?:市|县|省|新区|高新区|开发区|自治区|自治州|盟|旗|(?<=[市县])[^、]{1,4}区)$"
_COMPARED_BEFORE = r"(?:高于|低于|超过|比|较|是|相比|为)$"
_ANNUAL_REPORT = r"政府工作报告"
_NATIONAL = ("中华人民共和国", "国务院", "全国", "中共中央")
_NOT_REGION_HEAD = tuple("全我本各该市省县区地城社")
_CLAUSE_OPENER = (
    rf"(?:(?:{_YEAR}年|目前|截至目前|截止目前|今年|同时|此外|上半年|全年|近年来|近年)[，,]?)*"
)
_LEVEL_AFTER = "级属场民委直长内外域政圈"
_REGION_PART = re.compile(rf"[{_HAN}]{{2,4}}?{_REGION_SUFFIX}")


@cache
def _TRAILING() -> re.Pattern[str]:
    """Words that may stand between a metric and its figure, at the end of a phrase."""
    words = {
        *_cues().words("predicate"),
        *_cues().words("rate_word"),
        *_cues().words("end_word"),
        *_QUALIFIER_WORDS,
    }
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:{alts})$")


_NOMINAL_AFTER_VERB = "业量额率费者权区"
_NORM_NOUN = r"(?:[\u4e00-\u9fff]{0,4})(?:资助|奖励|补助|补贴|经费|资金支持|罚款)"

_QUALIFIER_WORDS = (
    "超过",
    "不低于",
    "不少于",
    "不超过",
    "不足",
    "低于",
    "高于",
    "至少",
    "最高",
    "最多",
    "大约",
    "约",
    "近",
    "逾",
    "超",
    "共计",
    "共",
    "达",
    "在",
    "分别为",
    "分别",
    "都",
    "均",
    "已",
    "的",
    "了",
    "也",
    "还",
    "将",
    "再",
    "又",
    "总共",
    "累计达",
    "同比",
    "环比",
    "原来",
    "由原来",
    "连续",
    "较",
    "从",
    "逆势",
)


@cache
def _BODY_RE() -> re.Pattern[str]:
    return re.compile(rf"[{_HAN}A-Za-z]{{2,12}}(?:{_alternation('body_suffix').pattern})")


def _region_aliases(name: str) -> str:
    return name.replace("高新技术产业开发区", "高新区")


def _unit_region(line: str) -> str | None:
    """The region of a line naming a unit (``太原市小店区科学技术局先进事迹`` → 太原市小店区)."""
    s = squash(line)
    s = re.sub(rf"^(?:附件\d*[:：]?)?(?:{_YEAR}年(?:度)?)?", "", s)
    s = _LINE_MARKER.sub("", s, count=1)
    m = _alternation("org_word").search(s)
    if m is None:
        return None
    head = s[: m.start()]
    parts = re.findall(rf"[{_HAN}]+?{_REGION_SUFFIX}", head)
    if not parts or "".join(parts) != head or head.startswith(_NOT_REGION_HEAD):
        return None
    return _region_aliases(head)


def _province_of(region: str | None, text: str) -> str | None:
    """The province of a region: named in it, else the province of its city (沈阳市 → 辽宁省),
    else the province the text names most."""
    provinces = _cues().provinces
    if region:
        for short, name in provinces.items():
            if region.startswith(short):
                return name
        cities = _cues().cities
        for k in range(min(len(region), 6), 1, -1):
            if region[:k] in cities:
                return cities[region[:k]]
    counts: Counter[str] = Counter()
    for short, name in provinces.items():
        n = text.count(short)
        if n:
            counts[name] += n
    return counts.most_common(1)[0][0] if counts else None


def read_context(
    text: str, *, title: str | None = None, year: int | None = None, region: str | None = None
) -> DocumentContext:
    """The document's year, region, province, own period and status, from its own words.

    The header comes first (the title line, ``发布时间:2022-07-07``, a date line, the unit
    that signs it); a document that speaks of 今年 without dating itself is taken to be
    of the latest year it mentions. Arguments given by the caller win.

    >>> c = read_context("沈阳市科学技术局2022年工作总结和2023年工作安排如下:\\n一、…")
    >>> c.year, c.region, c.province
    (2022, '沈阳市', '辽宁省')
    >>> read_context("营科发〔2022〕16号\\n发布时间:2022-07-07\\n全市科技创新上半年工作总结").period
    '2022-H1'
    """
    evidence: list[str] = []
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    head = lines[:30]
    title_line = title
    if title_line is None:
        wrapped = _hard_wrapped(text.split("\n"))
        for ln in head:
            s = re.sub(r"^title[:：]", "", squash(ln))
            if (
                6 <= len(s) <= 60
                and not wrapped
                and not re.search("[，,。；;]", s)
                and not _LINE_MARKER.match(s)
                and s.count("《") == s.count("》")
                and re.search(_TITLE_WORDS, s)
            ):
                title_line = s
                break
    doc_year = year
    if doc_year is not None:
        evidence.append(f"year {doc_year} given")
    plan_span = next(
        (t for t in _times(title_line or "") if t.kind in ("fyp", "range") and t.value), None
    )
    if doc_year is None and plan_span is not None and plan_span.value:
        doc_year = int(plan_span.value[:4])
        evidence.append(f"year: the first year of the plan period {plan_span.text}")
    if doc_year is None and title_line:
        m = re.search(rf"({_YEAR})年", title_line)
        if m:
            doc_year = int(m.group(1))
            evidence.append(f"year from title {m.group(0)}")
    if doc_year is None:
        for ln in head:
            m = re.search(
                rf"(?:发布时间|发布日期|时间|日期)[:：]\s*({_YEAR})[-./年]", ln
            ) or re.fullmatch(rf"({_YEAR})年\d{{1,2}}月\d{{1,2}}日", squash(ln))
            if m:
                doc_year = int(m.group(1))
                evidence.append(f"year from date line {squash(ln)[:20]}")
                break
    if doc_year is None and re.search("今年|当年|本年", text):
        years = [int(t.year) for t in _times(squash(text)) if t.year and t.kind != "fyp"]
        if years:
            doc_year = max(years)
            evidence.append(f"year {doc_year}: the latest year of a text that speaks of 今年")
    doc_region = region
    if doc_region is None:
        for ln in head:
            r = _unit_region(ln)
            if r:
                doc_region = r
                evidence.append(f"region from {squash(ln)[:24]}")
                break
    if doc_region is None and title_line and title_line.startswith(_NATIONAL):
        doc_region = "全国"
        evidence.append("region: a national document")
    if doc_region is None and title_line:
        m = re.match(rf"(?:{_YEAR}年)?([{_HAN}]{{2,9}}?(?:省|自治区|市|县|区))", title_line)
        if m and not m.group(1).startswith(_NOT_REGION_HEAD):
            doc_region = m.group(1)
            evidence.append(f"region from title {title_line[:20]}")
    if doc_region is None:
        cities = Counter(
            m.group(0)
            for m in re.finditer(
                rf"(?:(?<![{_HAN}])|(?<=[，。；、\n]))[{_HAN}]{{2}}市(?![{_LEVEL_AFTER}])", text
            )
            if not m.group(0).startswith(_NOT_REGION_HEAD)
        )
        if cities:
            name, n = cities.most_common(1)[0]
            if n >= 3:
                doc_region = name
                evidence.append(f"region {name}: the city the text names most ({n}×)")
    own_period = None
    status: Status = "actual"
    if title_line:
        if doc_year is not None and "上半年" in title_line:
            own_period = f"{doc_year}-H1"
            evidence.append("period: a half-year report")
        if plan_span is not None:
            own_period = plan_span.value
            evidence.append(f"period: the plan period {plan_span.text}")
        if _alternation("plan_title").search(title_line) and not re.search("总结|报告", title_line):
            status = "target"
            evidence.append(f"status: a plan ({title_line[:20]})")
        elif _alternation("rule_title").search(title_line) and not re.search(
            "报告|总结", title_line
        ):
            status = "rule"
            evidence.append(f"status: a regulation ({title_line[:20]})")
    review_year = None
    if doc_year is not None and title_line and re.search(_ANNUAL_REPORT, title_line):
        review_year = doc_year - 1
        evidence.append(f"reviews {review_year}: a work report delivered early in its year")
    return DocumentContext(
        year=doc_year,
        review_year=review_year,
        region=doc_region,
        province=_province_of(doc_region, text),
        title=title_line,
        own_period=own_period,
        status=status,
        evidence=tuple(evidence),
    )


# ---------------------------------------------------------------------------------------
# Sections: the period, status and unit a heading sets for what stands under it


@dataclass(frozen=True, slots=True)
class _Frame:
    """What a section (or a unit line) sets: region, period, status, with the cue."""

    start: int
    level: int
    title: str
    region: str | None = None
    person: bool = False
    period: str | None = None
    year: int | None = None
    status: Status | None = None
    unit: bool = False  # a unit line (X科学技术局先进事迹) restarting the frame stack


def _frames(text: str, headings: Sequence[Heading], ctx: DocumentContext) -> list[_Frame]:
    """Frames in document order: numbered headings plus unit lines that are not numbered."""
    out: list[_Frame] = []
    offset = 0
    heading_starts = {h.start for h in headings}
    for line in text.split("\n"):
        s = line.strip()
        if s and 4 <= len(squash(s)) <= 40 and not re.search("[。，,；]", s):
            start = offset + line.index(s[0])
            numbered = any(start <= hs < start + len(line) for hs in heading_starts)
            region = _unit_region(s)
            if region and not numbered:
                out.append(_Frame(start, 0, squash(s), region=region, unit=True))
            elif not numbered and _is_part_title(s, ctx):
                out.append(_heading_frame(Heading(start, 0, "", squash(s)), ctx))
        offset += len(line) + 1
    for h in headings:
        out.append(_heading_frame(h, ctx))
    out.sort(key=lambda f: f.start)
    return out


def _is_part_title(line: str, ctx: DocumentContext) -> bool:
    """An unnumbered heading line that sets a time or a status (**2013年工作回顾**)."""
    title = squash(line).strip("*#")
    marked = line.lstrip().startswith(("**", "#")) or line.rstrip().endswith("**")
    if not marked or len(title) > 30 or title == (ctx.title or "").strip("*#"):
        return False
    return bool(_alternation("section_status").search(title)) and bool(_times(title))


def _heading_frame(h: Heading, ctx: DocumentContext) -> _Frame:
    title = squash(h.title)
    region = _unit_region(title)
    person = bool(_alternation("person_title").search(title)) and "，" in title + h.title
    period = None
    year = None
    times = [t for t in _times(title) if t.kind != "rel"]
    if times:
        # 2025年工作和“十四五”发展回顾: the single year is the section's own time; the
        # five-year part has paragraphs that say so
        t = next((t for t in reversed(times) if t.kind in ("year", "half", "month")), times[-1])
        year = t.year
        period = _complete(t, ctx.reviewed if t.kind == "window" else ctx.year)
        if t.kind == "half" and t.value == "H2":
            # a second-half plan carries the year's targets (下半年工作打算)
            period = None if year is None and ctx.year is None else str(year or ctx.year)
    elif re.search("今后五年|未来五年", title) and ctx.year is not None:
        period = f"{ctx.year + 1}/{ctx.year + 5}"
        if "工作" in (ctx.title or "") and ctx.title and "报告" in ctx.title:
            period = f"{ctx.year}/{ctx.year + 4}"
    status: Status | None = None
    m = _alternation("section_status").search(title)
    if m and len(title) <= 30:
        status = "target" if _cues().value("section_status", m.group(0)) == "target" else "actual"
    if times and times[-1].kind == "half" and times[-1].value == "H2":
        status = status or "target"
    return _Frame(h.start, h.level, title, region, person, period, year, status)


def _active(frames: Sequence[_Frame], offset: int) -> list[_Frame]:
    """The frames enclosing ``offset``: the last unit line before it, then its headings."""
    stack: list[_Frame] = []
    for f in frames:
        if f.start > offset:
            break
        if f.unit:
            stack = [f]
            continue
        while stack and not stack[-1].unit and stack[-1].level >= f.level:
            stack.pop()
        stack.append(f)
    return stack


# ---------------------------------------------------------------------------------------
# Sentences: the core


@dataclass
class _Row:
    """A row being built (mutable while the sentence is read)."""

    q: Quantity
    vs: int  # view span of the quantity
    ve: int
    metric: tuple[int, int] | None = None  # view span
    metric_text: str | None = None
    breakdown: str | None = None
    period: str | None = None
    status: Status = "actual"
    scope: str | None = None
    section: tuple[str, ...] = ()
    why: dict[str, str] = field(default_factory=dict)


def build_indicators(
    text: str,
    quantities: Sequence[Quantity],
    headings: Sequence[Heading],
    context: DocumentContext,
    *,
    terms: Sequence[tuple[int, int]] = (),
) -> list[Indicator]:
    """One :class:`Indicator` per quantity, from inputs given explicitly.

    ``quantities`` and ``headings`` carry offsets into ``text``; ``context`` is what the
    document says about itself (see :func:`read_context`). ``terms`` are spans of named
    programs (from the policy lexicon): a metric never cuts one in half.

    >>> from govnlp.quantities import Quantity
    >>> from decimal import Decimal
    >>> t = "二、关于2023年工作安排\\n全市高新技术企业达到5000家。"
    >>> q = Quantity(24, 29, "5000家", Decimal(5000), "家", "count")
    >>> h = read_headings(t)
    >>> r = build_indicators(t, [q], h, DocumentContext(year=2022, region="沈阳市"))[0]
    >>> r.metric, r.period, r.status, r.scope, r.section
    ('高新技术企业', '2023', 'target', '沈阳市', ('关于2023年工作安排',))
    """
    view = _View(text)
    v = view.text
    frames = _frames(text, headings, context)
    times = _times(v)
    rows = [
        _Row(q, view.at(q.start), max(view.at(q.start) + 1, view.at(q.end - 1) + 1))
        for q in sorted(quantities, key=lambda q: (q.start, q.end))
    ]
    reader = _SentenceReader(v, rows, times, frames, context, view)
    reader.run()
    if terms:
        _keep_terms_whole(rows, view, terms)
    out = []
    for r in rows:
        m_start = m_end = None
        if r.metric is not None:
            m_start, m_end = view.to_source(*r.metric)
        out.append(
            Indicator(
                quantity=r.q,
                metric=r.metric_text,
                metric_start=m_start,
                metric_end=m_end,
                breakdown=r.breakdown,
                period=r.period,
                status=r.status,
                scope=r.scope,
                section=r.section,
                evidence=tuple(sorted(r.why.items())),
            )
        )
    return out


def _keep_terms_whole(rows: list[_Row], view: _View, terms: Sequence[tuple[int, int]]) -> None:
    """Widen a metric that cuts a named program in half to hold the whole name, as long as
    the name stays in the metric's clause and off the figure."""
    v = view.text
    spans = sorted((view.at(a), view.at(b - 1) + 1) for a, b in terms if b > a)
    starts = [a for a, _ in spans]
    for r in rows:
        if r.metric is None:
            continue
        a, b = r.metric
        i = bisect.bisect_left(starts, a - 40)
        for ta, tb in spans[i:]:
            if ta >= b:
                break
            if tb <= a or (ta >= a and tb <= b):
                continue
            na, nb = min(a, ta), max(b, tb)
            if any(ch in _CLAUSE_END + "\n" for ch in v[na:nb]) or (na < r.ve and nb > r.vs):
                continue
            a, b = na, nb
        if (a, b) != r.metric:
            r.metric, r.metric_text = (a, b), v[a:b]
            r.why["metric"] += "; widened to keep a named program whole"


class _SentenceReader:
    """Reads the view sentence by sentence and fills the rows of each."""

    def __init__(
        self,
        v: str,
        rows: list[_Row],
        times: list[_Time],
        frames: list[_Frame],
        ctx: DocumentContext,
        view: _View,
    ) -> None:
        self.v = v
        self.rows = rows
        self.times = times
        self.time_starts = [t.start for t in times]
        self.frames = frames
        self.ctx = ctx
        self.view = view
        self.last_metric: tuple[tuple[int, int] | None, str | None] = (None, None)
        self.paragraph_year: tuple[int, str] | None = None  # (paragraph start, period)
        self.quantity_spans = [(r.vs, r.ve) for r in rows]
        self.quantity_starts = frozenset(vs for vs, _ in self.quantity_spans)
        self.quantity_ends = frozenset(ve for _, ve in self.quantity_spans)
        self.sorted_starts = sorted(self.quantity_starts)
        self.section_status: Status | None = None
        self.sentence_rows: list[_Row] = []

    def times_in(self, a: int, b: int, *, ends_inside: bool = True) -> list[_Time]:
        """The time expressions starting in ``[a, b)`` (and ending by ``b``), by bisection."""
        lo = bisect.bisect_left(self.time_starts, a)
        hi = bisect.bisect_left(self.time_starts, b)
        return [t for t in self.times[lo:hi] if not ends_inside or t.end <= b]

    # -- boundaries ------------------------------------------------------------------
    def sentence_bounds(self, i: int) -> tuple[int, int]:
        v = self.v
        s = i
        while s > 0 and v[s - 1] not in _SENTENCE_END + "\n":
            s -= 1
        e = i
        while e < len(v) and v[e] not in _SENTENCE_END + "\n":
            e += 1
        return s, e

    def paragraph_start(self, i: int) -> int:
        return self.v.rfind("\n", 0, i) + 1

    def clause_start(self, i: int, floor: int) -> int:
        """Start of the clause ending at view index ``i``: after ，；。 or after a figure + 、."""
        v = self.v
        s = i
        while s > floor:
            ch = v[s - 1]
            if ch in _CLAUSE_END or ch == "\n":
                break
            if ch in "、和及" and self.ends_quantity(s - 1):
                break
            if self.ends_quantity(s):
                break
            s -= 1
        return s

    def ends_quantity(self, i: int) -> bool:
        """True when a quantity (with a trailing 以上/左右/余) ends at view index ``i``."""
        if i in self.quantity_ends:
            return True
        return any(
            ve in self.quantity_ends and re.fullmatch("以上|以下|左右|余|多|以内", self.v[ve:i])
            for ve in (i - 1, i - 2)
        )

    def clause_end(self, i: int, ceiling: int) -> int:
        v = self.v
        e = i
        while e < ceiling and v[e] not in _CLAUSE_END + "、\n":
            if e in self.quantity_starts:
                break
            e += 1
        return e

    # -- main loop -------------------------------------------------------------------
    def run(self) -> None:
        i = 0
        while i < len(self.rows):
            s, e = self.sentence_bounds(self.rows[i].vs)
            j = i
            while j < len(self.rows) and self.rows[j].vs < e:
                j += 1
            self.read_sentence(s, e, self.rows[i:j])
            i = max(j, i + 1)

    def read_sentence(self, s: int, e: int, rows: list[_Row]) -> None:
        frames = _active(self.frames, self.view.pos[min(rows[0].vs, len(self.view.pos) - 1)])
        section = tuple(f.title for f in frames if not f.unit)
        self.sentence_rows = rows
        self.section_status = next((f.status for f in reversed(frames) if f.status), None)
        qizhong_parent: tuple[tuple[int, int] | None, str | None] | None = None
        for k, r in enumerate(rows):
            r.section = section
            cs = self.clause_start(r.vs, s)
            left = self.v[cs : r.vs]
            opens_qizhong = re.match(r"其中[，,:：]?", self.v[cs:]) or (
                cs > s and re.search(r"其中[，,:：]?$", self.v[max(s, cs - 4) : cs])
            )
            if opens_qizhong and qizhong_parent is None:
                qizhong_parent = self.last_metric
            self.read_metric(r, s, e, cs, left, rows[:k], qizhong_parent)
            self.read_period(r, s, e, frames)
            self.read_status(r, s, e, cs, frames)
            self.read_scope(r, s, cs, frames)
            if r.metric_text is not None:
                self.last_metric = (r.metric, r.metric_text)

    # -- metric ----------------------------------------------------------------------
    def read_metric(
        self,
        r: _Row,
        s: int,
        e: int,
        cs: int,
        left: str,
        earlier: list[_Row],
        qizhong_parent: tuple[tuple[int, int] | None, str | None] | None,
    ) -> None:
        v = self.v
        if r.q.kind == "duration" and r.q.unit in ("年", "个月", "月", "天", "日", "小时", "周"):
            r.why["metric"] = "a duration: the span of an action or a window, names nothing"
            return
        # the noun after the figure: 新增2家国家级创新平台
        right_end = self.clause_end(r.ve, e)
        right = self.noun_after(r.ve, right_end)
        if right is None and self.shared_trailing_noun(r, e):
            return
        if right is not None and re.fullmatch(_NORM_NOUN, v[right[0] : right[1]]):
            ls = self.clause_start(r.vs, s)
            if ls > s and v[ls - 1] == "、" and self.ends_quantity(ls - 1):
                self.set_metric(r, *right, "the noun after the last figure of a list")
                self.set_member(r, ls)
                return
        if right is not None:
            a, b = right
            if qizhong_parent is not None and self.is_class(v[a:b]) and qizhong_parent[1]:
                self.set_parent(r, qizhong_parent, self.class_part(v[a:b]), "其中 sub-item")
                return
            self.set_metric(r, a, b, "the noun phrase after the figure")
            return
        a, b = self.noun_before(cs, r.vs)
        phrase = v[a:b]
        # shares: 占全省获奖总数的47.5% → the figure of the numerator named before
        share = re.search(
            r"^(.*?)(?:数量|总数)?(?:都|均|分别)?占(?:到)?.*(?:的|总数|总量)$", phrase
        )
        if share is not None:
            if share.group(1):
                a2 = a + len(share.group(1))
                a3, b3 = self.trim(a, a2)
                if b3 > a3:
                    self.set_metric(r, a3, b3, "the numerator of a share (…占…)")
                    return
            phrase = ""
            if "分别" in v[cs : r.vs]:
                self.distribute_back(r, earlier, "分别 shares of the figures before")
                return
        cmp = _alternation("compare").match(phrase) if phrase else None
        if (
            cmp
            and re.match("[全我本第前首省市县区国]", phrase[cmp.end() :])
            and not re.search("比重|率", phrase)
        ):
            phrase = ""
        if phrase and qizhong_parent is not None and qizhong_parent[1] and self.is_class(phrase):
            self.set_parent(r, qizhong_parent, self.class_part(phrase), "其中 sub-item")
            return
        distributive = (phrase and "分别" in v[cs : r.vs]) or (
            not phrase and self.in_distributive(cs, r)
        )
        if distributive and self.distribute(r, s, cs, earlier):
            return
        if phrase:
            self.set_metric(r, a, b, "the noun phrase before the figure")
            return
        window = next((x for x in reversed(earlier) if x.ve <= r.vs), None)
        if (
            window is not None
            and window.q.kind == "duration"
            and window.metric is None
            and (self.ends_quantity(cs) or cs == window.ve)
        ):
            a2, b2 = self.noun_before(self.clause_start(window.vs, s), window.vs)
            if b2 > a2:
                self.set_metric(r, a2, b2, "the noun before the window it stands in")
                return
        if qizhong_parent is not None and qizhong_parent[1]:
            after = re.match(r"(?:达到|达|为)?([^，。；、\n]{2,12})", v[r.ve : right_end])
            self.set_parent(
                r,
                qizhong_parent,
                after.group(1) if after else None,
                "其中 sub-item without a noun of its own",
            )
            return
        if self.shared_trailing_noun(r, e):
            return
        before = self.noun_of_previous_clause(cs, s)
        if before is not None:
            self.set_metric(r, *before, "the subject of the clause before (…突破千亿元，完成…)")
            return
        if self.last_metric[1] is not None and self.continues(r, s):
            r.metric, r.metric_text = self.last_metric
            r.why["metric"] = "continues the metric named just before"
            return
        r.why["metric"] = "no noun phrase in the clause"

    def noun_of_previous_clause(self, cs: int, s: int) -> tuple[int, int] | None:
        """A subject with a predicate but no figure in the clause just before ``cs``."""
        v = self.v
        if cs <= s or v[cs - 1] not in "，,":
            return None
        ps = self.clause_start(cs - 1, s)
        if (
            ps == cs - 1
            or self.ends_quantity(ps)
            or any(ps <= x.vs < cs for x in self.sentence_rows)
        ):
            return None
        m = _alternation("predicate").search(v, ps, cs - 1)
        if m is None or len(m.group(0)) < 2:
            return None
        a, b = self.noun_before(ps, m.start())
        return (a, b) if b > a else None

    def set_metric(self, r: _Row, a: int, b: int, why: str) -> None:
        r.metric = (a, b)
        r.metric_text = self.v[a:b]
        r.why["metric"] = why

    def set_parent(
        self,
        r: _Row,
        parent: tuple[tuple[int, int] | None, str | None],
        breakdown: str | None,
        why: str,
    ) -> None:
        r.metric, r.metric_text = parent
        r.breakdown = breakdown.strip('“”"') if breakdown else None
        r.why["metric"] = why
        r.why["breakdown"] = why

    def continues(self, r: _Row, s: int) -> bool:
        """A figure with no noun continues the last metric when that was in its sentence,
        or when it is a change or a rate (同比增长20.54%)."""
        lm = self.last_metric[0]
        if lm is not None and lm[0] >= s:
            return True
        return r.q.change is not None or r.q.kind in ("percent", "percentage_point")

    def is_class(self, phrase: str) -> bool:
        return self.class_part(phrase) is not None

    def class_part(self, phrase: str) -> str | None:
        """The class a 其中 sub-item names (国家级, 技术攻关类, 老字号, 域外), if it only
        qualifies its parent."""
        p = phrase.strip('“”"')
        if p.endswith("级") and len(p) <= 5:
            return p
        for m in _alternation("class_word").finditer(phrase):
            if m.group(0) == "级":
                continue
            cut = m.end()
            while cut < len(phrase) and phrase[cut] in '”"':
                cut += 1
            if len(phrase) - cut <= 6:
                return phrase[:cut].strip('“”"')
        return None

    def noun_after(self, i: int, end: int) -> tuple[int, int] | None:
        """The noun phrase right after a figure (``3家科技型企业完成…`` → 科技型企业): up to
        the clause's end, the next figure or the first verb."""
        v = self.v
        j = i
        tail = re.match(r"(?:以上|以下|左右|以内|余)", v[j:end])
        if tail:
            j += tail.end()
        if j >= len(v) or not re.match(rf"[{_HAN}A-Za-z“\"]", v[j]):
            return None
        rest = v[j : j + 8]
        if any(
            _alternation(w).match(rest) for w in ("clause_stop", "predicate", "rate_word", "verb")
        ):
            return None
        starts = self.sorted_starts
        k = j
        while k < len(v) and v[k] not in _CLAUSE_END + "\n" and k not in self.quantity_starts:
            seg = v[k : k + 8]
            if k > j and (
                (_alternation("noun_stop").match(seg) and v[k - 1 : k + 1] != "以上")
                or _alternation("mid_verb").match(seg)
                or (v[k] == "、" and self.figure_before_clause_end(k, starts))
            ):
                break
            k += 1
        a, b = self.trim(j, k)
        if b - a >= 2:
            return a, b
        if b - a == 1 and (
            b >= len(v)
            or v[b] in _CLAUSE_END + "、\n"
            or _alternation("noun_stop").match(v, b)
            or _alternation("mid_verb").match(v, b)
        ):
            return a, b
        return None

    def figure_before_clause_end(self, k: int, starts: list[int]) -> bool:
        """True when the next list item after the 、 at ``k`` is a figure (洛阳等10个…、商丘等
        5个…): no clause end and no verb between them."""
        i = bisect.bisect_right(starts, k)
        if i >= len(starts):
            return False
        between = self.v[k + 1 : starts[i]]
        if any(ch in _CLAUSE_END + "\n" for ch in between):
            return False
        return not any(
            _alternation(w).match(between, n)
            for n in range(len(between))
            for w in ("mid_verb", "verb")
        )

    def noun_before(self, cs: int, ve: int) -> tuple[int, int]:
        """The noun phrase of a clause before its figure, without scope, time and verbs."""
        a, b = self.trim(cs, ve)
        if b - a < 2 or self.v[a:b] in _cues().sets.get("metric_suffix", {}):
            return a, a
        return a, b

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Strip from ``v[a:b]`` what is no part of a metric: trailing predicates, qualifiers
        and empty nouns (达到, 同比, 数量); everything up to a verb inside the phrase
        (IC装备及相关产业实现产值 → 产值); leading time, area, subject and verbs. What is
        left may be empty: the figure then continues an earlier metric."""
        v = self.v
        b = self.trim_end(a, b)
        a = self.after_last_verb(a, b)
        a = self.trim_start(a, b)
        b = self.trim_end(a, b)
        phrase = v[a:b]
        k = phrase.find("等")
        if k > 0 and re.search("占|比重", phrase[k:]):
            a += k + 1  # 机器人、航空…等新兴产业占规模以上工业比重 → 新兴产业占…比重
        while b > a and v[b - 1] in "，,、：:和与及“（(":
            b -= 1
        while a < b and v[a] in "，,、：:”）)":
            a += 1
        if b - a == 1 and not re.match(rf"[{_HAN}]", v[a]):
            return a, a
        if b > a and not re.search(rf"[{_HAN}A-Za-z]", v[a:b]):
            return a, a
        if v[a:b].count("“") != v[a:b].count("”"):
            if v[a] == "”":
                a += 1
            elif v[b - 1] == "”":
                b -= 1
            elif b < len(v) and v[b] == "”":
                b += 1
        return a, b

    def trim_end(self, a: int, b: int) -> int:
        v = self.v
        while b > a:
            seg = v[a:b]
            if any(seg.endswith(w) for w in _cues().words("whole_word")):
                return b  # 人口自然增长率: a rate that is itself the metric
            m = _TRAILING().search(seg)
            if m is None or m.end() != len(seg):
                t = next((t for t in self.times_in(a, b) if t.end == b), None)
                if t is None:
                    suffix = next(
                        (w for w in _cues().words("metric_suffix") if seg.endswith(w)), None
                    )
                    if suffix is None or len(seg) - len(suffix) < 2:
                        return b
                    b -= len(suffix)
                    continue
                b = t.start
                continue
            b -= len(m.group(0))
        return b

    def after_last_verb(self, a: int, b: int) -> int:
        best = a
        if re.fullmatch(r".+占.+(?:比重|比例|份额)", self.v[a:b]):
            return a  # 基础研究经费投入占研发经费投入比重: a ratio stays whole
        bare = _cues().sets.get("bare_noun", {})
        whole = next((w for w in _cues().words("whole_word") if self.v.endswith(w, a, b)), None)
        if whole is not None:
            b -= len(whole)  # 城镇新增就业: a standard name with a verb inside stays whole
        for m in _alternation("mid_verb").finditer(self.v, a, b):
            if (
                b - m.end() >= 2
                and m.start() > a
                and self.v[m.end() : b] not in bare
                and self.v[m.end()] not in _NOMINAL_AFTER_VERB
            ):
                best = max(best, m.end())
        return best

    def trim_start(self, a: int, b: int) -> int:
        v = self.v
        stem = re.sub(_REGION_SUFFIX + "$", "", self.ctx.region or "")
        while a < b:
            seg = v[a:b]
            t = next((t for t in self.times_in(a, b) if t.start == a), None)
            if t is not None:
                a = t.end
                continue
            lead = r"[，,、：:”和及]|为(?=..)|有(?=[省市国县区各])|[\u4e00-\u9fff]{1,3}域内?"
            if stem:
                lead += "|" + re.escape(stem) + r"(?:市|省|县|区)?(?=..)"
            m = re.match(lead, seg)
            org = _alternation("org_word").search(seg, 0, 12)
            if (
                m is None
                and org
                and len(seg) - org.end() >= 2
                and re.fullmatch(rf"(?:[{_HAN}]{{0,6}}[市省县区])?", seg[: org.start()])
            ):
                m = org  # 市科技局内设机构 → 内设机构
            if (
                m
                and m.group(0).endswith(("域", "域内"))
                and not re.match(".{0,3}(?:区|县|市)域", seg)
            ):
                m = None
            m = m or _alternation("metric_prefix").match(seg)
            if m is None:
                m = _alternation("verb").match(seg)
                if m is not None and (
                    seg[m.end() :] in _cues().sets.get("bare_noun", {})
                    or (len(seg) > m.end() and seg[m.end()] in _NOMINAL_AFTER_VERB)
                ):
                    break  # 服务人数, 建设进度, 服务业: the verb is part of the noun
            if m is None:
                p = _alternation("predicate").match(seg)
                m = p if p and len(p.group(0)) >= 2 else None
            if m is None:
                abbr = stem[:1]
                m = re.match(f"[驻在来]{abbr}(?=..)", seg) if abbr else None
            if m is not None and m.end() > 0:
                a += m.end()
                continue
            n = self.leading_region(seg)
            if n and len(re.findall(rf"[{_HAN}A-Za-z]", seg[n:])) >= 2:
                a += n
                continue
            break
        return a

    def leading_region(self, seg: str, *, bodies: bool = True) -> int:
        """Length of an area or named body opening ``seg`` (沈阳市, 金普新区, 驻沈高校院所).

        An area is a run of place names (太原市小店区) that the document names more than
        once or that a header names, not followed by a level word (市级, 省委, 市场); a
        province must be one. A body is a name ending in a body suffix (实验室, 大市场),
        with no conjunction inside and not followed by 等 (examples, not a subject).
        """
        best = 0
        if bodies:
            m = _BODY_RE().match(seg)
            if m and self.is_body(m.group(0)) and not seg[m.end() :].startswith("等"):
                best = m.end()
        n = 0
        while True:
            m = _REGION_PART.match(seg, n)
            if m is None or not self.is_region(m.group(0), seg[m.end() : m.end() + 1]):
                break
            n = m.end()
        if n > best:
            return n
        return best if len(seg) > best + 1 else 0

    def is_body(self, name: str) -> bool:
        """A name, not a described class: no conjunction, level word or verb inside."""
        if re.search("[与和及、的等级类各]", name):
            return False
        words = ("verb", "predicate", "metric_prefix")
        return not any(_alternation(w).match(name, k) for k in range(len(name) - 1) for w in words)

    def is_region(self, name: str, after: str) -> bool:
        if name.startswith(_NOT_REGION_HEAD) or (after and after in _LEVEL_AFTER):
            return False
        if re.search("[的了为在对由与和及将把被全我本各以]", name) or any(
            _alternation(w).match(name) for w in ("verb", "mid_verb", "noun_stop", "predicate")
        ):
            return False
        provinces = _cues().provinces
        if name.endswith("省") or name.endswith("自治区"):
            return name in provinces.values()
        if name in (self.ctx.region or "") or name[:-1] in provinces:
            return True
        return self.v.count(name) >= 2

    def in_distributive(self, cs: int, r: _Row) -> bool:
        return "分别" in self.v[max(0, cs - 30) : r.vs]

    def distribute(self, r: _Row, s: int, cs: int, earlier: list[_Row]) -> bool:
        """航空航天、新材料、生物医药领域工业总产值…分别为35.29%、31.04%、15.05%."""
        v = self.v
        k = v.rfind("分别", s, r.vs)
        if k < 0:
            return False
        members = [x for x in earlier if x.vs > k] + [r]
        index = len(members) - 1
        head_start = self.clause_start(k, s)
        a, b = self.trim(head_start, k)
        phrase = v[a:b]
        m = re.match(
            r"^((?:[^、，]{1,10}、)+[^、，]{1,12}?)(?:等|领域|行业|产业|方面)+(.+)$", phrase
        )
        if m is None:
            if not phrase:
                return self.distribute_back(r, earlier, "分别 over the figures before")
            self.set_metric(r, a, b, "the noun phrase before 分别")
            return True
        items = m.group(1).split("、")
        n_figures = len([x for x in self.sentence_rows if x.vs > k])
        if len(items) < n_figures:
            items = re.split("[、和及]", m.group(1))
        metric_at = a + len(phrase) - len(m.group(2))
        ma, mb = self.trim(metric_at, b)
        if index < len(items):
            r.metric, r.metric_text = (ma, mb), v[ma:mb]
            r.breakdown = items[index]
            r.why["metric"] = r.why["breakdown"] = "a 分别 list: one member per figure"
            return True
        return False

    def distribute_back(self, r: _Row, earlier: list[_Row], why: str) -> bool:
        """分别占到全省的31.36%、9.96%: the n-th share belongs to the n-th figure before."""
        plain = [x for x in earlier if x.metric_text and x.q.kind not in ("percent",)]
        shares = [x for x in earlier if x.q.kind == "percent" and x.why.get("metric") == why]
        idx = len(shares)
        if idx < len(plain):
            src = plain[idx]
            r.metric, r.metric_text = src.metric, src.metric_text
            r.why["metric"] = why
            return True
        if self.last_metric[1]:
            r.metric, r.metric_text = self.last_metric
            r.why["metric"] = why
            return True
        return False

    def shared_trailing_noun(self, r: _Row, e: int) -> bool:
        """给予启动阶段最高1000万元、发展阶段最高2000万元资助: the noun after the last figure
        of a 、 list is the metric of each, and what stands before each figure its member."""
        v = self.v
        idx = [x for x in self.sentence_rows if x.vs >= r.vs and x.vs < e]
        last = r
        bounds = False  # 处五千元以上一万元以下罚款: the two ends of one norm
        for x in idx[1:]:
            between = v[last.ve : x.vs]
            if re.fullmatch(r"(?:以上|以下|左右|余)?[、和及][^，。；]{0,8}", between):
                last = x
            elif re.fullmatch(r"以上|至|到|[-—~]", between):
                last, bounds = x, True
            else:
                break
        if last is r:
            return False
        tail = re.match(
            r"(?:以上|以下|左右|余)?(?:的)?([^，。；、\n]{2,8}?)(?=[，。；”\n]|$)", v[last.ve : e]
        )
        if not tail:
            return False
        noun = tail.group(1)
        if not re.fullmatch(_NORM_NOUN, noun):
            return False
        a = last.ve + tail.start(1)
        self.set_metric(r, a, a + len(noun), "the noun after the last figure of a list")
        if not bounds:
            self.set_member(r, self.clause_start(r.vs, 0))
        return True

    def set_member(self, r: _Row, cs: int) -> None:
        """The member of a norm list: what stands before the figure (启动阶段, 复审通过)."""
        seg = self.v[cs : r.vs]
        seg = re.sub("(?:最高|最低|给予|不超过|的)+$", "", seg)
        k = seg.rfind("对")
        seg = seg[k + 1 :] if k >= 0 else seg
        seg = re.sub("^(?:坚持|县域内|区域内|市域内|给予)+", "", seg)
        r.breakdown = seg or None
        r.why["breakdown"] = "what stands before the figure in the list"

    # -- period ----------------------------------------------------------------------
    def read_period(self, r: _Row, s: int, e: int, frames: list[_Frame]) -> None:
        """Period: the sentence's own time words, else a time that opens a clause earlier in
        the paragraph (2021年，… sets the topic), else the section's, else the document's."""
        v = self.v
        section = next((f for f in reversed(frames) if f.period), None)
        year = self.ctx.year
        if section is not None and section.year is not None:
            year = section.year
        elif section is not None and section.period and section.period[:4].isdigit():
            year = int(section.period.split("/")[-1][:4])
        base = section.period if section is not None else self.ctx.period
        base_why = f"section {section.title[:16]}" if section is not None else "the document"
        times = self.times_in(s, r.vs)
        # recurring amounts have no single period (每年预算…, 年新增…), unless a time follows
        rec = None
        for m in _alternation("recurring").finditer(v, s, r.vs):
            if m.start() == 0 or not re.match(r"[\d半今当全本去上明]", v[m.start() - 1]):
                rec = m
        if rec is not None and not any(t.start > rec.end() for t in times):
            r.period, r.why["period"] = None, f"a recurring amount ({rec.group(0)})"
            return
        topic = self.topic_period(r, s, year, base)
        anchor = int(topic[0][:4]) if topic and topic[0] and topic[0][:4].isdigit() else year
        # the figure is itself a window (近五年, 连续5年, 五年来)
        if r.q.kind == "duration" and r.q.unit == "年":
            w = self.window_period(r, s, anchor)
            if w is not None:
                r.period, r.why["period"] = w
                return
        # 在2020年、2021年，分别新增…4家和5家: the n-th year for the n-th figure
        if "分别" in v[s : r.vs]:
            k = v.rfind("分别", s, r.vs)
            before = self.year_list([t for t in times if t.kind == "year" and t.end <= k])
            members = [x for x in self.sentence_rows if k < x.vs <= r.vs]
            if len(before) >= 2 and len(members) <= len(before):
                t = before[len(members) - 1]
                r.period, r.why["period"] = t.value, f"分别 over the years ({t.text})"
                return
        window = next(
            (
                x
                for x in reversed(self.sentence_rows)
                if s <= x.vs < r.vs and x.q.kind == "duration" and x.period and "/" in x.period
            ),
            None,
        )
        if window is not None and not re.search("[，,；;]", v[window.ve : r.vs]):
            r.period, r.why["period"] = window.period, f"the window {window.q.text} before it"
            return
        own = self.sentence_period(r, s, times, year, anchor, base, base_why)
        if own is not None:
            r.period, r.why["period"] = own
            return
        if topic is not None:
            r.period, r.why["period"] = topic
            return
        r.period, r.why["period"] = base, base_why if base else "no time in the text"

    def year_list(self, years: list[_Time]) -> list[_Time]:
        """The last run of years written as a list (2020年、2021年 / 2020年和2021年)."""
        run: list[_Time] = []
        for t in years:
            if run and re.fullmatch("[、和及与]", self.v[run[-1].end : t.start]):
                run.append(t)
            else:
                run = [t]
        return run

    def sentence_period(
        self,
        r: _Row,
        s: int,
        times: list[_Time],
        year: int | None,
        anchor: int | None,
        base: str | None,
        base_why: str,
    ) -> tuple[str | None, str] | None:
        v = self.v
        compared = [
            t for t in times if re.search(_COMPARED_BEFORE, v[max(0, t.start - 3) : t.start])
        ]
        times = [t for t in times if t not in compared]
        grows = r.q.kind == "multiple" or r.q.change is not None
        if compared and grows and compared[-1].kind == "year" and compared[-1].year:
            # 是2008年的1.7倍, 较2008年增长24.5%: the span from the base year to now
            own = self.sentence_period(r, s, times, year, anchor, base, base_why)
            now = own[0] if own and own[0] else (base or (str(year) if year else None))
            end = now.split("/")[-1][:4] if now else ""
            if end.isdigit() and int(end) > compared[-1].year:
                return f"{compared[-1].year}/{end}", f"compared with {compared[-1].text}"
        explicit = [t for t in times if t.kind not in ("rel", "window")]
        for t in reversed(times):
            if t.kind == "window":
                if self.window_applies(t, r, s):
                    a = self.anchor_year(s, t.start, anchor)
                    p = _complete(_Time(t.start, t.end, t.kind, t.text, a, None, t.window), a)
                    if p:
                        return p, f"window {t.text}"
                continue
            if t.kind == "since":
                p = _complete(t, year)
                if p:
                    return p, f"since {t.text}"
                continue
            if t.kind == "rel":
                if t.text in ("年底前", "全年") or any(x.start < t.start for x in explicit):
                    continue  # 截至2022年12月22日，沈阳市当年…: the explicit date rules
                if t.text in ("目前", "截至目前", "截止目前", "近年来", "现有"):
                    return base, f"{t.text}: the time of writing ({base_why})"
            planned = self.section_status == "target" or self.ctx.status == "target"
            if t.kind == "half" and t.value == "H2" and base and "H" not in base and planned:
                continue
            p = _complete(t, year)
            if p is None:
                continue
            if t.kind == "year" and "累计" in v[t.end : r.vs] and year and year > (t.year or year):
                return f"{t.year}/{year}", f"累计 since {t.text}"
            if (
                t.kind == "year"
                and base
                and base.startswith(p)
                and len(base) > len(p)
                and "/" not in base
            ):
                return base, f"{t.text} in {base_why}, finer there"
            return p, f"the sentence: {t.text}"
        return None

    def topic_period(
        self, r: _Row, s: int, year: int | None, base: str | None
    ) -> tuple[str | None, str] | None:
        """A time that opens a clause earlier in the paragraph (2021年，全市… / 上半年，…)
        and is not itself a target date sets the time of what follows it."""
        v = self.v
        ps = self.paragraph_start(s)
        flow = (
            r.q.change is not None
            or r.q.kind == "multiple"
            or re.search("新增|累计", self.v[self.clause_start(r.vs, s) : r.vs]) is not None
        )
        for t in reversed(self.times_in(ps, s, ends_inside=False)):
            if t.kind == "window" and flow and t.window:
                at_head = t.start == ps or v[t.start - 1] in _CLAUSE_END + "\n——"
                p = _complete(t, year)
                if at_head and p:
                    return p, f"a flow within the window {t.text} that opens the paragraph"
                continue
            if t.kind not in ("year", "date", "month", "half", "months", "rel", "fyp", "range"):
                continue
            if t.kind == "rel" and t.text not in ("今年", "当年", "本年"):
                continue
            if re.search(r"[。；;\n][一二三四五六七八九十]是", v[t.end : s]):
                return None  # a new 一是/二是 item starts a new topic
            at_head = t.start == ps or v[t.start - 1] in _CLAUSE_END + "\n"
            if not at_head or self.is_target_time(t):
                continue
            p = _complete(t, year)
            finer = base and p and base.startswith(p) and len(base) > len(p) and "/" not in base
            if t.kind == "rel" or finer:
                p = base
            return p, f"the paragraph: {t.text}"
        return self.section_topic(s, year)

    def section_topic(self, s: int, year: int | None) -> tuple[str | None, str] | None:
        """“十三五”时期是…: a time opening the first paragraph of the innermost section sets the
        time of the section's figures."""
        frames = _active(self.frames, self.view.pos[min(s, len(self.view.pos) - 1)])
        if not frames or frames[-1].unit:
            return None
        v = self.v
        head_end = v.find("\n", self.view.at(frames[-1].start))
        if head_end < 0 or head_end >= s:
            return None
        first = head_end + 1
        t = next((t for t in self.times_in(first, first + 40) if t.start == first), None)
        if t is None or t.kind not in ("year", "fyp", "range"):
            return None
        p = _complete(t, year)
        return (p, f"the section opens with {t.text}") if p else None

    def is_target_time(self, t: _Time) -> bool:
        before = self.v[max(0, t.start - 4) : t.start]
        return bool(re.search("到|力争|计划|预计|目标|高于|低于|比|较|“", before))

    def anchor_year(self, s: int, before: int, year: int | None) -> int | None:
        for t in reversed(self.times_in(s, before, ends_inside=False)):
            if t.kind == "year" and t.year:
                return t.year
        return year

    def window_applies(self, t: _Time, r: _Row, s: int) -> bool:
        """近五年 / 五年来 govern the figures of their own clause, 累计 figures and average
        rates after them; a level in a later clause keeps its year."""
        v = self.v
        if r.q.change is not None and r.q.change.basis == "annual_avg":
            return True
        between = v[t.end : r.vs]
        if not re.search("[，,；;]", between):
            return True
        return "累计" in v[t.start : r.vs] or "来" in t.text

    def window_period(self, r: _Row, s: int, year: int | None) -> tuple[str, str] | None:
        v = self.v
        before = v[max(s, r.vs - 3) : r.vs]
        after = v[r.ve : r.ve + 2]
        n = r.q.value
        try:
            count = int(n)
        except (TypeError, ValueError):
            return None
        if re.search("近|过去|最近|这|连续$", before) or after.startswith(("来", "以来")):
            anchor = self.anchor_year(s, r.vs, year)
            if anchor is None:
                return None
            window = f"{anchor - count + 1}/{anchor}" if count > 1 else str(anchor)
            return window, f"the figure is a window ({before}{r.q.text})"
        if after.startswith("内"):
            years = [t.year for t in self.times_in(s, r.vs) if t.kind == "year" and t.year]
            if len(years) >= 2:
                return f"{min(years)}/{max(years)}", "a window over the years named before"
        return None

    # -- status ----------------------------------------------------------------------
    def read_status(self, r: _Row, s: int, e: int, cs: int, frames: list[_Frame]) -> None:
        v = self.v
        ce = self.clause_end(r.ve, e)
        while ce < e and v[ce] not in "，,；;。":
            ce += 1
        clause = v[cs:ce]
        ls = max(v.rfind(ch, s, r.vs) for ch in "，,；;：:") + 1 or s
        rule = _alternation("rule").search(v[max(ls, s) : r.vs]) or re.search(
            r"^(?:以上|以下)?(?:的)?(?:罚款|罚金|奖励|资助|补助)", v[r.ve : ce]
        )
        if (
            rule is None
            and r.q.unit in ("岁", "周岁")
            and r.q.qualifier in ("at_most", "less_than")
        ):
            rule = re.search("岁", r.q.text)
        if rule and _cues().sets["rule"].get(rule.group(0)) == "weak":
            sentence = v[s:e]
            strong = [w for w, val in _cues().sets["rule"].items() if val == "rule"]
            if r.q.kind != "money" or not any(w in sentence for w in strong):
                rule = None  # 全球最高10米: a record, not a norm
        if rule and not re.search("获得|荣获|获评|获批", clause):
            r.status, r.why["status"] = "rule", f"rule cue {rule.group(0)}"
            if r.why.get("period", "").startswith(("the document", "the paragraph")):
                r.period, r.why["period"] = None, "a norm: no period unless a section sets it"
            return
        section = next((f for f in reversed(frames) if f.status), None)
        sentence_before = v[s : r.vs]
        est = _alternation("estimate").search(sentence_before)
        tgt = None
        for m in _alternation("target").finditer(sentence_before):
            if est and est.start() <= m.start() < est.end():
                continue
            if re.match(_CUE_IN_NAME, sentence_before[m.end() :]):
                continue  # 科技计划项目, 倍增计划，: the cue word inside a name
            tgt = m
        if tgt is not None and re.search(_PERFECTIVE, v[s + tgt.end() : r.vs]):
            tgt = None  # 预期解决300余项…，驻沈高校院所累计突破99项: a reported result after it
        if tgt is not None:
            r.status, r.why["status"] = "target", f"target cue {tgt.group(0)}"
            return
        if est is not None:
            ahead = (
                self.ctx.year is not None
                and r.period
                and r.period[:4].isdigit()
                and int(r.period[:4]) > self.ctx.year
            )
            if not ahead and section is not None and section.status == "actual":
                r.status, r.why["status"] = "actual", f"{est.group(0)}: a preliminary figure"
            else:
                r.status, r.why["status"] = "target", f"{est.group(0)}: expected"
            return
        if section is not None and section.status is not None:
            r.status, r.why["status"] = section.status, f"section {section.title[:16]}"
            return
        if (
            self.ctx.year is not None
            and r.period
            and r.period[:4].isdigit()
            and int(r.period[:4]) > self.ctx.year
        ):
            r.status, r.why["status"] = "target", "a period after the document's year"
            return
        if self.ctx.status == "target" and self.ctx.year is not None and r.period:
            end = r.period.split("/")[-1][:4]
            if end.isdigit() and int(end) < self.ctx.year:
                r.status, r.why["status"] = "actual", "a period before the plan's own"
                return
        r.status = self.ctx.status
        r.why["status"] = {"actual": "the document", "target": "a plan document"}.get(
            self.ctx.status, "a regulation: its figures are norms"
        )
        if r.status == "rule" and not r.why.get("period", "").startswith(
            ("the sentence", "section")
        ):
            r.period, r.why["period"] = None, "a norm: no period unless the text gives one"

    # -- scope -----------------------------------------------------------------------
    def read_scope(self, r: _Row, s: int, cs: int, frames: list[_Frame]) -> None:
        unit = next((f for f in reversed(frames) if f.region or f.person), None)
        region = self.ctx.region
        why = "the document's region"
        if unit is not None:
            region, why = (
                (None, "a person's record")
                if unit.person
                else (unit.region, f"unit {unit.title[:16]}")
            )
        subject = self.counted_subject(r, s)
        if subject is not None:
            r.scope, r.why["scope"] = subject, f"the counted subject of the clause: {subject}"
            return
        explicit = self.explicit_scope(s, r.vs, region, r.q.kind)
        if explicit is not None:
            r.scope, r.why["scope"] = explicit
            return
        ps = self.paragraph_start(s)
        for k in reversed(self.clause_starts(ps, s)):
            head = self.head_name(k, min(s, k + 40), region, regions_only=True)
            if head is not None and re.search(_ADMIN_AREA, head):
                r.scope, r.why["scope"] = head, f"the area named last in the paragraph: {head}"
                return
        r.scope, r.why["scope"] = region, why

    def counted_subject(self, r: _Row, s: int) -> str | None:
        """68个市级重点实验室…申请专利3008项: the figure belongs to the counted units that
        are the subject of its clause (and of the verb-led clauses that follow it)."""
        if r.why.get("metric", "").startswith("the noun phrase after"):
            return None
        v = self.v
        for x in reversed([x for x in self.sentence_rows if s <= x.vs < r.vs]):
            if not x.why.get("metric", "").startswith("the noun phrase after") or x.metric is None:
                continue
            between = v[x.metric[1] : r.vs]
            pieces = re.split("[，,]", between)
            if not _alternation("mid_verb").match(pieces[0]) and not re.match(
                "就|也|都|均", pieces[0]
            ):
                return None
            for p in pieces[1:]:
                if not _alternation("mid_verb").match(p):
                    return None
            return x.metric_text
        return None

    def head_name(
        self, k: int, i: int, region: str | None, *, regions_only: bool = False
    ) -> str | None:
        """An area or body named at the head of the clause starting at ``k`` (a 、 list of
        names stays whole: 浑南科技城、沈北科教融合园)."""
        v = self.v
        pre = re.match(_CLAUSE_OPENER, v[k:i])
        k2 = k + (pre.end() if pre else 0)
        n = self.leading_region(v[k2:i], bodies=not regions_only)
        if not n:
            return None
        end = k2 + n
        while end < i and v[end] == "、":
            more = self.leading_region(v[end + 1 : i], bodies=not regions_only)
            if not more:
                break
            end += 1 + more
        return _region_aliases(self.full_name(v[k2:end], region))

    def explicit_scope(
        self, s: int, i: int, region: str | None, kind: str = "count"
    ) -> tuple[str | None, str] | None:
        """The nearest area named in the sentence before the figure (全国, 全市, 金普新区)."""
        v = self.v
        best: tuple[int, str | None, str] | None = None
        seg = v[s:i]
        heads = {k - s for k in self.clause_starts(s, i)}
        last_clause = max(heads)
        for m in _alternation("scope_word").finditer(seg):
            opener = re.match(_CLAUSE_OPENER, seg[max(h for h in heads if h <= m.start()) :])
            at_head = (
                max(h for h in heads if h <= m.start()) + (opener.end() if opener else 0)
            ) == m.start()
            if m.start() < last_clause and not at_head:
                continue
            before = seg[max(0, m.start() - 3) : m.start()]
            counted = (
                kind == "count" and re.fullmatch("(?:共|共有|有)?", seg[m.end() :]) is not None
            )
            if not counted and re.search(f"(?:{_alternation('compare').pattern})$", before):
                continue
            if seg[m.end() : m.end() + 1] in ("的",) and re.search("占", seg[: m.start()]):
                continue
            level = _cues().value("scope_word", m.group(0))
            name = self.resolve(level, region)
            cand = (m.start(), name, f"scope word {m.group(0)}")
            if best is None or cand[0] > best[0]:
                best = cand
        for k in self.clause_starts(s, i):
            name = self.head_name(k, i, region)
            if name is not None and (best is None or k > best[0] + s):
                best = (k - s, name, f"named at the head of the clause: {name}")
        if best is None:
            return None
        return best[1], best[2]

    def clause_starts(self, s: int, i: int) -> list[int]:
        out = [s]
        for k in range(s, i):
            if self.v[k] in "，,；;：:":
                out.append(k + 1)
        return out

    def full_name(self, name: str, region: str | None) -> str:
        """小店区 in a 太原市小店区 report → 太原市小店区; 区域 of the region → the region."""
        if region and re.fullmatch(rf"[{_HAN}]+?市" + re.escape(name), region):
            return region  # 小店区 in a 太原市小店区 report: the full administrative name
        if region and name.endswith("区域"):
            return region
        return name

    def resolve(self, level: str, region: str | None) -> str | None:
        ctx = self.ctx
        if level == "country":
            return "全国"
        if level == "province":
            return ctx.province
        if region is None:
            return None
        if level == "city":
            m = re.match(rf"[{_HAN}]+?市", region)
            return m.group(0) if m else region
        return region


# ---------------------------------------------------------------------------------------
# Front door


def extract_indicators(
    text: str, *, title: str | None = None, year: int | None = None, region: str | None = None
) -> list[Indicator]:
    """The indicator table of a document: one :class:`Indicator` per quantity mention.

    ``title``, ``year`` and ``region`` override what the document says about itself.

    >>> rows = extract_indicators("沈阳市科学技术局2022年工作总结\\n全市科技支出完成24.94亿元。")
    >>> [(r.metric, r.period, r.status, r.scope) for r in rows if r.text == "24.94亿元"]
    [('科技支出', '2022', 'actual', '沈阳市')]
    """
    from . import quantities as _q

    qs = _q.extract_quantities(text)
    headings = _segment_headings(text)
    if headings is None:
        headings = read_headings(text)
    ctx = read_context(text, title=title, year=year, region=region)
    return build_indicators(text, qs, headings, ctx, terms=_program_terms(text))


_PROGRAM_CATEGORIES = frozenset(
    {"program", "platform", "enterprise-tier", "plan", "campaign", "initiative", "institution"}
)


def _program_terms(text: str) -> list[tuple[int, int]]:
    """Spans of named programs from ``govnlp.lexicon`` when that module is installed."""
    try:
        lexicon: Any = importlib.import_module("govnlp.lexicon")
    except ImportError:
        return []
    default = getattr(getattr(lexicon, "Lexicon", None), "default", None)
    if default is None:
        return []
    return [
        (m.start, m.end)
        for m in default().find(text)
        if getattr(m, "category", "") in _PROGRAM_CATEGORIES
    ]


def to_dataframe(rows: Iterable[Indicator]) -> Any:
    """The rows as a pandas ``DataFrame`` (pandas is an optional dependency).

    >>> import pytest; pd = pytest.importorskip("pandas")
    >>> to_dataframe([]).shape[0]
    0
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe needs pandas: pip install 'govnlp[pandas]'") from e
    return pd.DataFrame([r.to_dict() for r in rows])
