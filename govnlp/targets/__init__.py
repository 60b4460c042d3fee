"""The region × year panel: each region's target for a year and the outcome it reported.

:func:`panel` is also ``govnlp.panel``; the command is ``govnlp panel``.

Work reports set targets for their own year (今年地区生产总值增长5%左右) and review the
year before (去年地区生产总值增长5.5%). :func:`document_facts` reads one document's
indicator table and keeps the figures of tracked indicators (:mod:`.canonical`) that the
document states for its own region and for one year, with the sentence that states them;
:func:`panel` joins the facts of many documents into one row per (indicator, region,
year): the target, the outcome, the gap, and the evidence of each.

Which figures count (each check says why a row is dropped, :func:`fact_from_row`):

- the row's metric names the indicator (an alias of the table, none of its excluded
  words) and stands in the same sentence as the figure, which the sentence states;
- the status is ``target`` or ``actual`` (a rule is neither), the period one year, and a
  growth rate not a multi-year average (年均);
- the region is the document's own (its scope is empty or names the document's region):
  a city report quoting its province's figure is not the city's figure.

Regions are gazetteer divisions (:mod:`govnlp.gazetteer`); the national reports' region
is ``全国`` with the code ``100000``.

When several documents state a cell, one is chosen and the others are kept as
alternatives with their sources:

- the target is the one set in the report of that year (the first statement in it);
  failing that, the statement in the nearest document;
- the outcome is the one in the first document after the year (the next year's report,
  which reports against the target), the first statement in it; later documents that
  give another figure (a revision) are kept as ``outcome_alternatives``; failing any
  later document, a statement of the same year (a communiqué, a mid-year review).

>>> t25 = "2025年某省政府工作报告\\n今年主要预期目标：地区生产总值增长5%左右。"
>>> t26 = "2026年某省政府工作报告\\n2025年，全省地区生产总值增长5.4%。"
>>> rows = panel([("a.txt", t25), ("b.txt", t26)], indicators=["gdp_growth"], region="湖北省")
>>> [(r.region, r.year, r.target_value, r.target_qualifier, r.outcome_value) for r in rows]
[('湖北省', 2025, 5.0, '左右', 5.4)]
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal

from .. import gazetteer
from ..errors import GovnlpError
from .canonical import (
    CanonicalIndicator,
    canonical_indicator,
    canonical_indicators,
)

__all__ = [
    "Fact",
    "PanelError",
    "PanelRow",
    "canonical_indicator",
    "canonical_indicators",
    "canonical_of",
    "document_facts",
    "document_region",
    "document_year",
    "fact_from_row",
    "join_facts",
    "panel",
    "read_facts",
    "region_of",
    "select_rows",
    "wide_table",
    "write_panel",
]

Role = Literal["target", "outcome"]
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_YEAR = re.compile(r"(?:19|20)\d\d")
# How a qualifier is written after a figure, by govnlp's qualifier names.
_QUALIFIER_WORDS = {
    "approx": "左右",
    "at_least": "以上",
    "more_than": "以上",
    "at_most": "以内",
    "less_than": "以下",
}


# How a document names its own region (scope words the indicator table may leave as is),
# by the last character of the region's name: a city's 全省 is its province.
_SELF = {
    "国": ("全国", "我国"),
    "省": ("全省", "本省", "我省"),
    "市": ("全市", "本市", "我市"),
    "区": ("全区", "本区", "我区", "自治区"),
    "县": ("全县", "本县", "我县"),
    "州": ("全州", "本州", "我州", "自治州"),
    "盟": ("全盟", "本盟", "我盟"),
    "旗": ("全旗", "本旗", "我旗"),
}
# A target is set in words like these (or with 左右 / 以上 / a range on the figure).
_TARGET_CUE = re.compile("目标|预期|力争|确保|争取|计划|要求|调控|建议|控制在|安排|奋斗")
# A figure compared with the nation or the year before is an outcome (the indicator table
# may take a review's first sentences for targets).
_REVIEW_CUE = re.compile("全国第|高于全国|低于全国|快于全国|慢于全国|居全国|比上年|同比|好于预期")
# Words that report a figure as reached (in a sentence with no target word).
_DONE = re.compile("预计|实现|完成|达到|初步核算|初步统计")
# 全年 dates a growth rate to the reviewed year, unless the sentence spans years.
_WHOLE_YEAR = re.compile("全年|去年|上年")
_MANY_YEARS = re.compile("年均|五年|5年|累计|以来|期间|时期")
# A figure for part of a year, in the clause that states it.
_PART_OF_YEAR = re.compile(
    r"季度|上半年|下半年|[1-9一二三四五六七八九十]+[-—－至到~]?[1-9一二三四五六七八九十]*月"
)
# The base of a comparison: 2005年与2000年相比, 比2020年.
_BASE_YEAR = re.compile(r"(?:与|比|较|同|由|从)((?:19|20)\d\d)年")
# A sentence that sets the year's targets holds no outcome.
_TARGET_STATEMENT = re.compile("(?:预期目标|主要目标|发展目标|目标任务)(?:是|为|：|:)")


class PanelError(GovnlpError, ValueError):
    """A panel cannot be made: an unknown indicator, an unreadable facts file."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure a document states for its region and a year: a target or an outcome.

    ``start``/``end`` are the figure's offsets in the document's text, ``sentence`` the
    sentence that states it; ``value`` is the percent number for rates (negative for a
    fall), else the amount in the indicator's unit; ``value_max`` the top of a range.
    """

    indicator: str
    region: str
    division_code: str | None
    year: int
    role: Role
    value: float
    value_max: float | None
    qualifier: str | None
    text: str
    start: int
    end: int
    sentence: str
    metric: str
    doc_year: int | None
    order: int
    file: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; without ``file`` when it is empty (the corpus runner adds it)."""
        d = asdict(self)
        if not self.file:
            del d["file"]
        return d


@dataclass(frozen=True, slots=True)
class PanelRow:
    """One (indicator, region, year) cell pair: the target, the outcome and the gap.

    ``gap`` is ``outcome_value - target_value`` (for a range, its lower end): negative
    when the outcome fell short. ``*_alternatives`` are the other statements of the same
    cell with another value, as ``{"value", "file", "start", "end"}``.
    """

    indicator: str
    region: str
    division_code: str | None
    year: int
    target_value: float | None = None
    target_value_max: float | None = None
    target_qualifier: str | None = None
    target_text: str | None = None
    target_file: str | None = None
    target_start: int | None = None
    target_end: int | None = None
    target_sentence: str | None = None
    outcome_value: float | None = None
    outcome_text: str | None = None
    outcome_file: str | None = None
    outcome_start: int | None = None
    outcome_end: int | None = None
    outcome_sentence: str | None = None
    gap: float | None = None
    target_alternatives: tuple[dict[str, Any], ...] = field(default=())
    outcome_alternatives: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready row (alternatives as lists)."""
        d = asdict(self)
        d["target_alternatives"] = list(self.target_alternatives)
        d["outcome_alternatives"] = list(self.outcome_alternatives)
        return d


def region_of(name: str | None, province: str | None = None) -> gazetteer.Division | None:
    """The division a document's region names (全国 -> 100000), within its province.

    >>> region_of("沈阳市", "辽宁省").code, region_of("全国").code, region_of("某省")
    ('210100', '100000', None)
    """
    if not name:
        return None
    found = gazetteer.resolve(name, within=province) if province else None
    return found or gazetteer.resolve(name)


_HEADER_PLACE = re.compile(
    r"在(.{2,16}?)第.{1,4}届人民代表大会|我代表(.{2,16}?)人民政府|(.{2,16}?)人民政府工作报告"
)
_SELF_LEVEL = (
    ("全省", "province"),
    ("全市", "prefecture"),
    ("全区", "province"),
    ("全县", "county"),
)


def document_region(text: str, name: str | None, province: str | None) -> gazetteer.Division | None:
    """The division a document speaks for: the region its context names, else the one its
    header names (在新疆维吾尔自治区第十四届人民代表大会, 我代表江西省人民政府), else the unit of
    its level (全省 / 全市 / 全县, the most frequent) that it names most often.

    >>> document_region("各位代表：\\n现在，我代表江西省人民政府向大会报告工作", None, None).code
    '360000'
    >>> document_region("全省经济…河南…全省…河南…郑州", None, None).name
    '河南省'
    """
    found = region_of(name, province)
    if found is not None:
        return found
    head = text[:1500]
    for m in _HEADER_PLACE.finditer(head):
        phrase = next(g for g in m.groups() if g)
        places = [p.division for p in gazetteer.find_places(phrase) if p.division is not None]
        if places and places[-1].level != "zone":
            return places[-1]
    counts = {word: text.count(word) for word, _ in _SELF_LEVEL}
    word = max(counts, key=lambda w: counts[w])
    if counts[word] == 0:
        return None
    level = dict(_SELF_LEVEL)[word]
    tally: dict[gazetteer.Division, int] = defaultdict(int)
    for place in gazetteer.find_places(text):
        d = place.division
        if d is None:
            continue
        if d.level == level or (word == "全市" and d.code in _MUNICIPALITIES):
            tally[d] += 1
    return max(tally, key=lambda d: tally[d]) if tally else None


_MUNICIPALITIES = ("110000", "120000", "310000", "500000")
_LATE_DATELINE = re.compile(r"((?:19|20)\d\d)年1[12]月\d{1,2}日")
_REVIEW_HEADING = re.compile(r"((?:19|20)\d\d)年(?:工作)?回顾")


def document_year(text: str, year: int | None, evidence: Sequence[str] = ()) -> int | None:
    """The year a document was delivered: the context's, unless that was only guessed from
    the latest year the text mentions and a heading says which year it reviews.

    >>> document_year("一、2024年工作回顾", 2030, ["year 2030: the latest year of a text"])
    2025
    """
    weak = year is None or any("latest year" in e for e in evidence)
    if weak:
        m = _REVIEW_HEADING.search(text)
        if m is not None:
            return int(m.group(1)) + 1
    return year


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(
        (m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)),
        default=max(0, start - 400),
    )
    right_m = _SENTENCE_END.search(text, end)
    right = right_m.start() if right_m else len(text)
    return left, right


def _number(value: Any) -> float | None:
    return None if value is None else float(Decimal(str(value)))


def _single_year(period: str | None) -> int | None:
    if period is None or not _YEAR.fullmatch(period):
        return None
    return int(period)


_INDICATORS: dict[str, CanonicalIndicator] = {}


def _indicator(cid: str) -> CanonicalIndicator:
    if not _INDICATORS:
        _INDICATORS.update({c.id: c for c in canonical_indicators()})
    try:
        return _INDICATORS[cid]
    except KeyError:
        known = ", ".join(c.id for c in canonical_indicators())
        raise PanelError(f"unknown indicator {cid!r} (known: {known})") from None


def fact_from_row(
    row: Any,
    text: str,
    region: gazetteer.Division | None,
    region_name: str | None,
    doc_year: int | None,
    order: int = 0,
    own_names: Sequence[str] = (),
    reviewed: int | None = None,
) -> tuple[Fact | None, str]:
    """The fact an indicator row states, or ``None`` and why not.

    ``row`` is an :class:`~govnlp.Indicator`; ``region`` the document's division;
    ``own_names`` other names the document's region goes by (the one its title gives when
    the caller set another); ``reviewed`` the year the document reports on (a work report's
    year before, a communiqué's own; default ``doc_year - 1``).
    """
    q = row.quantity
    direction = q.change.direction if q.change is not None else None
    cid = canonical_of(row, text)
    if cid is None:
        return None, "not a tracked indicator"
    indicator = _indicator(cid)
    if q.change is not None and q.change.basis == "annual_avg":
        return None, "a multi-year average"
    role: Role | None = {"target": "target", "actual": "outcome"}.get(row.status)  # type: ignore[assignment]
    if role is None:
        return None, f"status {row.status}"
    left, right = _sentence(text, q.start, q.end)
    squashed = re.sub(r"\s+", "", text[left:right])
    year = _single_year(row.period)
    if reviewed is None and doc_year is not None:
        reviewed = doc_year - 1
    if (
        role == "outcome"
        and reviewed is not None
        and row.period != str(reviewed)
        and (_WHOLE_YEAR.search(squashed) or (row.period or "").endswith(f"/{reviewed}"))
        and not _MANY_YEARS.search(squashed)
    ):
        # 全年地区生产总值增长5.5%, or a yearly growth the table dated to the whole review
        year = reviewed
    if (
        role == "target"
        and year == doc_year
        and reviewed is not None
        and (_REVIEW_CUE.search(squashed) or ("全年" in squashed and "今年" not in squashed))
        and not _TARGET_CUE.search(squashed)
    ):
        role, year = "outcome", reviewed  # 地区生产总值增长5.8%，增速居全国第2位
    if (
        role == "target"
        and year is not None
        and year == reviewed
        and _DONE.search(squashed)
        and not _TARGET_CUE.search(squashed)
    ):
        # 预计全年实现地区生产总值239.27亿元，增长3.5%, 全市实现地区生产总值886.9亿元，增长2.3%
        # in a review: the reviewed year's outcome
        role = "outcome"
    if (
        role == "target"
        and doc_year is not None
        and year != doc_year
        and (
            "今年" in squashed
            or (
                year is not None
                and year <= (reviewed or year)
                and _TARGET_STATEMENT.search(squashed)
            )
        )
    ):
        # 今年…预期目标是, or the year's targets set out (预期目标是：) in a report that
        # reviews the year the table gave them: the report's own year
        year = doc_year
    if year is None:
        return None, f"period {row.period!r} is not one year"
    if region_name is None:
        return None, "the document names no region"
    if row.scope in own_names or row.scope in _SELF.get(region_name[-1:], ()):
        pass
    elif row.scope and region is not None:
        scoped = gazetteer.resolve(row.scope, within=region) or gazetteer.resolve(row.scope)
        if scoped != region:
            return None, f"scope {row.scope} is not the document's region"
    elif row.scope and row.scope != region_name:
        return None, f"scope {row.scope} is not the document's region"
    if row.metric_start is None or not left <= row.metric_start < right:
        return None, "the metric is not in the figure's sentence"
    sentence = text[left:right]
    if not any(a in squashed for a in indicator.aliases):
        return None, "the sentence does not name the indicator"
    lead = re.sub(r"\s+", "", text[max(0, left - 150) : left])  # the lead of a list of targets
    if role == "target" and not (
        _TARGET_CUE.search(lead)
        or _TARGET_CUE.search(squashed)
        or q.value_max is not None
        or q.qualifier in _QUALIFIER_WORDS
    ):
        return None, "a target in a sentence with no target word"
    if role == "outcome" and _TARGET_STATEMENT.search(squashed):
        return None, "an outcome in a sentence that sets targets"
    clause = re.split("[，,：:]", re.sub(r"\s+", "", text[left : q.start]))[-1]
    if _PART_OF_YEAR.search(clause):
        return None, "a figure for part of the year (一季度, 上半年, 1-9月)"
    if indicator.kind == "growth":
        before = re.sub(r"\s+", "", text[left : q.start])
        bases = [int(b) for b in _BASE_YEAR.findall(before)]
        if any(b != year - 1 for b in bases):
            return None, "a growth over several years (against an earlier base year)"
    value = _number(q.value)
    value_max = _number(q.value_max)
    if value is None:
        return None, "no value"
    if indicator.kind == "growth" and direction == "down":
        value, value_max = (-value, None) if value_max is None else (-value_max, -value)
    qualifier = "range" if value_max is not None else _QUALIFIER_WORDS.get(q.qualifier)
    code = region.code if region is not None else None
    name = region.name if region is not None else region_name
    fact = Fact(
        cid,
        name,
        code,
        year,
        role,
        value,
        value_max,
        qualifier,
        q.text,
        q.start,
        q.end,
        sentence.strip(),
        row.metric,
        doc_year,
        order,
    )
    return fact, "kept"


def canonical_of(row: Any, text: str | None = None) -> str | None:
    """The canonical indicator id of an indicator row (:class:`~govnlp.Indicator`), read
    from its metric, breakdown, unit and change, and, given the row's ``text``, from the
    words between the metric and the figure (经济 + 增长).

    >>> from govnlp import extract_indicators
    >>> t = "2025年，全省地区生产总值增长5.4%，粮食产量300万吨。"
    >>> [canonical_of(r, t) for r in extract_indicators(t)]
    ['gdp_growth', 'grain_output']
    """
    q = row.quantity
    direction = q.change.direction if q.change is not None else None
    verb = ""
    if text is not None and row.metric_end is not None and 0 <= q.start - row.metric_end <= 40:
        verb = re.sub(r"\s+", "", text[row.metric_end : q.start])
    return canonical_indicator(row.metric, row.breakdown, q.unit, direction, verb)


def document_facts(text: str, *, file: str = "", region: str | None = None) -> list[Fact]:
    """The tracked figures a document states for its own region, one year each.

    ``region`` overrides the region read from the document (its title or header).

    >>> facts = document_facts("2026年湖北省政府工作报告\\n2025年，全省地区生产总值增长5.4%。")
    >>> [(f.indicator, f.region, f.year, f.role, f.value) for f in facts]
    [('gdp_growth', '湖北省', 2025, 'outcome', 5.4)]
    """
    from ..indicators import extract_indicators, read_context

    ctx = read_context(text)
    if region is not None:
        division = region_of(region)
        region_name: str | None = region
    else:
        division = document_region(text, ctx.region, ctx.province)
        region_name = division.name if division is not None else ctx.region
    doc_year = document_year(text, ctx.year, ctx.evidence)
    # the year it reports on: a work report's year before (read_context says so), else its
    # own (a statistical communiqué); when the year itself came from a review heading, the
    # year before
    reviewed = ctx.review_year if doc_year == ctx.year else None
    if reviewed is None and doc_year is not None:
        head = text[:1500]
        report = "统计公报" not in head and re.search("工作报告|报告工作", head) is not None
        reviewed = doc_year - 1 if report or doc_year != ctx.year else doc_year
    table_year = doc_year
    late = _LATE_DATELINE.search(text[:800])
    if late is not None and "工作报告" in text[:800] + (ctx.title or ""):
        # delivered in November or December: it reviews its own year (今年以来) and sets
        # the next year's targets (明年)
        reviewed = table_year = int(late.group(1))
        doc_year = reviewed + 1
    out = []
    for n, row in enumerate(extract_indicators(text, region=region, year=table_year)):
        own = [ctx.region] if ctx.region else []
        fact, _why = fact_from_row(row, text, division, region_name, doc_year, n, own, reviewed)
        if fact is not None:
            if late and doc_year and fact.role == "target" and "明年" in fact.sentence:
                fact = replace(fact, year=doc_year)  # 明年 of a report delivered in December
            if file:
                fact = _with_file(fact, file)
            out.append(fact)
    return out


def _with_file(fact: Fact, file: str) -> Fact:
    d = fact.to_dict()
    d["file"] = file
    return Fact(**d)


def _alternative(f: Fact) -> dict[str, Any]:
    return {
        "value": f.value,
        "value_max": f.value_max,
        "file": f.file,
        "start": f.start,
        "end": f.end,
    }


def _pick(facts: list[Fact], key: Any) -> tuple[Fact | None, tuple[dict[str, Any], ...]]:
    if not facts:
        return None, ()
    ranked = sorted(facts, key=key)
    best = ranked[0]
    seen = {(best.value, best.value_max)}
    alternatives = []
    for f in ranked[1:]:
        if (f.value, f.value_max) not in seen:
            seen.add((f.value, f.value_max))
            alternatives.append(_alternative(f))
    return best, tuple(alternatives)


def join_facts(facts: Iterable[Fact]) -> list[PanelRow]:
    """One row per (indicator, region, year) from the facts of many documents.

    >>> f = dict(region="全国", division_code="100000", indicator="gdp_growth", year=2024,
    ...          value_max=None, text="", sentence="", metric="", start=0, end=1, order=0)
    >>> rows = join_facts([
    ...     Fact(**f, role="target", value=5.0, qualifier="左右", doc_year=2024, file="a"),
    ...     Fact(**f, role="outcome", value=5.0, qualifier=None, doc_year=2025, file="b"),
    ...     Fact(**f, role="outcome", value=5.1, qualifier=None, doc_year=2026, file="c")])
    >>> r = rows[0]
    >>> r.target_value, r.outcome_value, r.outcome_file, r.gap, r.outcome_alternatives[0]["value"]
    (5.0, 5.0, 'b', 0.0, 5.1)
    """
    cells: dict[tuple[str, str, str | None, int], dict[str, list[Fact]]] = defaultdict(
        lambda: {"target": [], "outcome": []}
    )
    for f in facts:
        cells[(f.indicator, f.region, f.division_code, f.year)][f.role].append(f)
    rows = []
    for (cid, region, code, year), by_role in sorted(
        cells.items(), key=lambda kv: (kv[0][0], kv[0][2] or "", kv[0][1], kv[0][3])
    ):

        def target_key(f: Fact, year: int = year) -> tuple[int, int, str, int]:
            dy = f.doc_year if f.doc_year is not None else 9999
            return (dy != year, abs(dy - year), f.file, f.order)

        def outcome_key(f: Fact, year: int = year) -> tuple[int, int, str, int]:
            dy = f.doc_year if f.doc_year is not None else 0
            return (dy <= year, abs(dy - year), f.file, f.order)

        t, t_alt = _pick(by_role["target"], target_key)
        o, o_alt = _pick(by_role["outcome"], outcome_key)
        gap = None
        if t is not None and o is not None:
            gap = round(o.value - t.value, 6)
        rows.append(
            PanelRow(
                cid,
                region,
                code,
                year,
                t.value if t else None,
                t.value_max if t else None,
                t.qualifier if t else None,
                t.text if t else None,
                t.file if t else None,
                t.start if t else None,
                t.end if t else None,
                t.sentence if t else None,
                o.value if o else None,
                o.text if o else None,
                o.file if o else None,
                o.start if o else None,
                o.end if o else None,
                o.sentence if o else None,
                gap,
                t_alt,
                o_alt,
            )
        )
    return rows


Source = str | Path | tuple[str, str] | Any


def _facts_of(sources: Iterable[Source], jobs: int, region: str | None) -> Iterator[Fact]:
    paths: list[str] = []
    for s in sources:
        if isinstance(s, tuple):
            yield from document_facts(s[1], file=s[0], region=region)
        elif isinstance(s, (str, Path)):
            paths.append(str(s))
        elif hasattr(s, "text"):
            yield from document_facts(s.text, file=str(getattr(s, "path", "")), region=region)
        else:
            raise PanelError(f"not a path, (name, text) pair or document: {s!r}")
    if not paths:
        return
    if region is not None:
        from ..corpus import iter_paths
        from ..inputs import decode_guess, read_bytes

        for p in iter_paths(paths):
            text, _ = decode_guess(read_bytes(p), p)
            yield from document_facts(text, file=p, region=region)
        return
    from ..corpus import process_corpus

    for result in process_corpus(paths, tasks=("panel",), jobs=jobs):
        for record in result.records.get("panel", ()):
            yield Fact(**record)


def read_facts(path: str | Path) -> Iterator[Fact]:
    """The facts of a ``govnlp run --tasks panel --out DIR`` run (``DIR/panel.jsonl``).

    The run is parallel and resumable; :func:`panel` joins its facts without reading the
    documents again.
    """
    p = Path(path)
    if p.is_dir():
        p = p / "panel.jsonl"
    try:
        with open(p, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    yield Fact(**json.loads(line))
                except (TypeError, ValueError) as e:
                    raise PanelError(f"{p}:{n}: not a panel fact ({e})") from None
    except OSError as e:
        raise PanelError(f"{p}: cannot read ({e.strerror})") from None


def panel(
    sources: Iterable[Source],
    indicators: Sequence[str] = ("gdp_growth",),
    *,
    jobs: int = 1,
    region: str | None = None,
    facts: Iterable[Fact] | None = None,
) -> list[PanelRow]:
    """The panel of ``indicators`` over documents: paths (files, folders), ``(name,
    text)`` pairs or objects with ``text`` (and ``path``).

    Folders are read with the corpus runner in ``jobs`` processes. ``region`` sets the
    region of every document (for texts that do not name theirs). ``facts`` adds facts
    already extracted (:func:`read_facts`).
    """
    wanted = {_indicator(i).id for i in indicators}
    found = list(_facts_of(sources, jobs, region))
    if facts is not None:
        found += list(facts)
    return join_facts(f for f in found if f.indicator in wanted)


COLUMNS = tuple(PanelRow.__dataclass_fields__)


def select_rows(
    rows: Iterable[PanelRow], years: str | None = None, level: str | None = None
) -> list[PanelRow]:
    """The rows of ``years`` (``2026`` or ``2016-2026``) and of regions of ``level``.

    >>> r = PanelRow("gdp_growth", "全国", "100000", 2024)
    >>> len(select_rows([r], "2020-2025", "country")), len(select_rows([r], "2026"))
    (1, 0)
    """
    lo, hi = 0, 9999
    if years:
        m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", years.strip())
        if m is None:
            raise PanelError(f"years {years!r}: write 2026 or 2016-2026")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    out = []
    for r in rows:
        if not lo <= r.year <= hi:
            continue
        if level is not None and (
            r.division_code is None or gazetteer.division(r.division_code).level != level
        ):
            continue
        out.append(r)
    return out


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def wide_table(rows: Sequence[PanelRow]) -> str:
    """A TSV with one line per indicator and region, and a target, outcome and gap column
    per year (a range target as ``5-5.5``).

    >>> print(wide_table([PanelRow("gdp_growth", "全国", "100000", 2025, 5.0, outcome_value=5.0)]),
    ...       end="")
    indicator	region	division_code	2025 target	2025 outcome	2025 gap
    gdp_growth	全国	100000	5		5
    """
    years = sorted({r.year for r in rows})
    head = ["indicator", "region", "division_code"]
    for y in years:
        head += [f"{y} target", f"{y} outcome", f"{y} gap"]
    lines = ["\t".join(head)]
    groups: dict[tuple[str, str, str | None], dict[int, PanelRow]] = defaultdict(dict)
    for r in rows:
        groups[(r.indicator, r.region, r.division_code)][r.year] = r
    for (cid, region, code), by_year in groups.items():
        cells = [cid, region, code or ""]
        for y in years:
            cell = by_year.get(y)
            if cell is None:
                cells += ["", "", ""]
                continue
            target = _cell(cell.target_value)
            if cell.target_value_max is not None:
                target += "-" + _cell(cell.target_value_max)
            cells += [target, _cell(cell.outcome_value), _cell(cell.gap)]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def write_panel(rows: Sequence[PanelRow], path: str | Path | IO[str], fmt: str = "jsonl") -> None:
    """Write the panel as ``jsonl``, ``csv``, ``xlsx`` (openpyxl) or ``parquet`` (pyarrow);
    ``path`` may be an open text stream for jsonl and csv."""
    records = [r.to_dict() for r in rows]
    if fmt in ("jsonl", "csv"):
        if isinstance(path, (str, Path)):
            with open(path, "w", encoding="utf-8", newline="") as f:
                _write_text(records, f, fmt)
        else:
            _write_text(records, path, fmt)
        return
    if fmt == "xlsx" and isinstance(path, (str, Path)):
        from ..exports import write_xlsx

        flat = [{k: _flat(v) for k, v in r.items()} for r in records]
        write_xlsx({"panel": flat}, str(path), {"panel": COLUMNS})
        return
    if fmt == "parquet" and isinstance(path, (str, Path)):
        try:
            import pandas as pd
        except ImportError:
            raise PanelError(
                "--format parquet needs pandas: pip install 'govnlp[parquet]'"
            ) from None
        frame = pd.DataFrame.from_records(
            [{k: _flat(v) for k, v in r.items()} for r in records], columns=list(COLUMNS)
        )
        try:
            frame.to_parquet(path, index=False)
        except ImportError:
            raise PanelError(
                "--format parquet needs pyarrow: pip install 'govnlp[parquet]'"
            ) from None
        return
    raise PanelError(f"unknown format {fmt!r} (jsonl, csv, xlsx, parquet)")


def _flat(value: Any) -> Any:
    """Lists (the alternatives) as JSON text, for flat tables."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _write_text(records: list[dict[str, Any]], out: IO[str], fmt: str) -> None:
    if fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    import csv

    w = csv.DictWriter(out, fieldnames=COLUMNS)
    w.writeheader()
    for r in records:
        w.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                for k, v in r.items()
            }
        )
