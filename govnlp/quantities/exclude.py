"""What is no amount though it holds a numeral: years, dates, ordinals, codes, size classes,
vague and article uses, and numerals inside names, titles and known formulas."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING

from .model import _Raw
from .words import (
    _ANNIVERSARY,
    _ASCII_LETTERS,
    _CN,
    _CN_DIGITS,
    _HAN,
    _LAST_CLAUSE_END,
    _LIMIT_WORDS,
    _ORDINAL_UNITS,
    _SOME,
    _SPAN_WORDS,
    _VAGUE,
    _previous,
    _tables,
    bound_words,
)

if TYPE_CHECKING:
    from ..lexicon import Lexicon


def _is_year(digits: str) -> bool:
    """Whether the numeral before a 年 names a year (2021年, 一九五七年), not a count."""
    if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return True
    return len(digits) >= 2 and all(c in _CN_DIGITS for c in digits)


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
    if after == "日" and (t[s - 2 : s] in _DAY_BEFORE or t.startswith(_DAY_AFTER, num_end + 1)):
        return True  # 18日、19日, 14日—15日, 19日晚8时: days of a month, not durations
    if before == "前" and surface in ("名", "位"):
        return True  # ranks: 前5名
    term_or_phase = after == "届" or num_end - s == 1
    if surface in _ORDINAL_UNITS and raw.chinese and t[s] != "两" and term_or_phase:
        return True  # 二期工程, 二十届: a phase or a term, not a count (两期, 两届 are)
    bound = t[s] in _BOUND_FIRST or surface in _BOUND_UNITS
    bound = bound or (not raw.chinese and raw.scale == 1 and "." in t[s:num_end])
    if bound and _bound(t, raw, num_end, surface, before):
        return True
    one = raw.chinese and num_end - s == 1 and t[s] == "一" and unit is not None
    one = one and raw.number == 1  # 一年半 is an amount
    if one and unit is not None and unit.kind == "count" and t.startswith("一", raw.end):
        return True  # 一人一亩, 一户一档: the first is the denominator (per person)
    if one and unit is not None and unit.article:
        span = unit.kind == "duration" and t.startswith(_SPAN_WORDS, raw.end)
        bound = span or _previous(t, s, 4).endswith(_LIMIT_WORDS)
        return not bound  # 一批, 不寻常的一年; but 至少一所, 一年来
    return False


_BOUND_FIRST = frozenset(bound_words().terms)
_BOUND_UNITS = frozenset({"条", "位", "届", "人民币"})
"""What may make a numeral bound (see :func:`_bound`): a term starting with its character, or
one of these units."""
_DAY_BEFORE = frozenset({"日、", "日—", "日-", "日和", "日至", "日到", "日及"})
_DAY_AFTER = ("晚", "早", "上午", "下午", "凌晨", "中午", "夜")


def _bound(t: str, raw: _Raw, num_end: int, surface: str, before: str) -> bool:
    """A numeral bound in a word or a name rather than counting (data/bound_numerals.tsv):
    二次供水, 五台山; 人才新政十条; 排名由32位提升到21位; 2019届; 李四人民币; 2.2本计划."""
    s = raw.start
    words = bound_words()
    for word, k in words.terms.get(t[s : s + 1], ()):
        if t.startswith(word, s - k):
            return True  # a term or a place name holding the numeral
    rule_set = surface == "条" and raw.chinese and not _HAN.match(t, raw.end)
    if rule_set and words.rule_sets.search(t, s - 4 if s > 4 else 0, s):
        return True  # 人才新政十条, 国十条: the name of a numbered rule set
    if surface == "位" and words.ranks.search(t, _clause_start_near(t, s), s):
        return True  # 排名由32位提升到21位: ranks, not people
    if surface == "届" and _is_year(t[s:num_end]):
        return True  # 2019届: a graduating class
    if surface == "人民币" and raw.chinese and num_end - s == 1:
        return True  # 李四人民币: a name's digit
    dotted = not raw.chinese and "." in t[s:num_end] and raw.scale == 1
    noun = _HAN.match(t, raw.end) and t[raw.end] not in _tables().after_first  # not 左右
    if dotted and (raw.unit is None or raw.unit.kind == "count") and noun:
        line = t.rfind("\n", 0, s) + 1
        return not t[line:s].strip(" \t#*")  # 2.2本计划: a section number starting a line
    return False


def _clause_start_near(t: str, pos: int) -> int:
    """The start of the clause holding ``pos``, at most 30 characters back."""
    window = pos - 30 if pos > 30 else 0
    m = _LAST_CLAUSE_END.search(t, window, pos)
    return m.end() if m else window


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


_NUMERAL_IN_TERM = re.compile(rf"[{_CN}半0-9０-９]")


@cache
def _numbered_terms() -> Lexicon:
    """The policy lexicon's terms with a numeral in them (三位一体, 十四五规划, 千人计划).

    Only these can hold a numeral, so only these are matched: a third of the lexicon, and
    each on its own (a term without numerals that overlaps one does not hide it).
    """
    from ..lexicon import Lexicon

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
