"""The word tables the reader consults, compiled once: numeral characters, units,
qualifier and change words (govnlp/data/*.tsv), and the small fixed sets of the genre."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

from ..datafiles import read_table
from ..errors import DataFileError
from ..numerals import CHINESE_DIGITS, numeral_chars
from ..units import Unit, change_words, qualifiers, units

_CN = "".join(c for c, n in numeral_chars().items() if n.role != "point")
"""Every character of a Chinese numeral but the point (data/numerals.tsv)."""
_CN_DIGITS = "".join(CHINESE_DIGITS)
_POINT = "".join(c for c, n in numeral_chars().items() if n.role == "point")
_FINANCIAL = frozenset(c for c, n in numeral_chars().items() if n.form == "financial")
_BIG = "万亿萬億"
_PLAIN = frozenset(c for c, n in numeral_chars().items() if n.form == "plain")
_ARABIC_SCALE = re.compile(r"[百千万亿萬億]{1,3}")
_MORE = ("余", "多")
"""余 and 多 right after a numeral (or its scale word): more than (320余场, 5万多人)."""
_ARABIC_NUMBER = regex.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_SCALE_CHARS = frozenset("百千万亿萬億")
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n]")
_LAST_CLAUSE_END = regex.compile(r"(?r)[，。；：！？,;:!?\n]")
"""The same characters, searched right to left: the last clause end in a window."""
_LAST_SENTENCE_END = regex.compile(r"(?r)[。！？\n]")
_ASCII_LETTERS = frozenset(string.ascii_letters)
_DIGIT = re.compile(r"\d+")
_YEAR_BASIS = r"比(?:[〇○零一二三四五六七八九―]{4}|(?:19|20)[0-9]{2})年(?![底末初度])"
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
        follows=frozenset({u[0] for u in us} | set("余多百千万亿点分\n、和及与或以-至到几来一")),
        before_last=frozenset({w[-1] for p, w in quals if p == "before"} | set("了可达\n")),
        after_first=frozenset(w[0] for p, w in quals if p == "after"),
    )


@dataclass(frozen=True)
class BoundWords:
    """``data/bound_numerals.tsv``: terms and places holding a numeral, by the numeral's first
    character (with its offset in the word); the nouns a numbered rule set's name ends with;
    the words that make N位 a rank."""

    terms: dict[str, tuple[tuple[str, int], ...]]
    rule_sets: regex.Pattern[str]
    ranks: re.Pattern[str]


@cache
def bound_words() -> BoundWords:
    """The bound words, loaded and validated once.

    >>> ("五台山", 0) in bound_words().terms["五"]
    True
    """
    terms: dict[str, list[tuple[str, int]]] = {}
    by_role: dict[str, list[str]] = {"rule_set": [], "rank": []}
    for n, (word, role) in read_table("bound_numerals.tsv", ("word", "role")):
        where = ("govnlp/data/bound_numerals.tsv", n)
        if role == "term":
            first = next((i for i, c in enumerate(word) if c in _CN or c.isdigit()), None)
            if first is None:
                raise DataFileError(*where, f"term {word!r} holds no numeral")
            terms.setdefault(word[first], []).append((word, first))
        elif role in by_role:
            by_role[role].append(word)
        else:
            raise DataFileError(*where, f"role must be term, rule_set or rank: {role!r}")
    return BoundWords(
        {c: tuple(ws) for c, ws in terms.items()},
        regex.compile("(?:" + _alternation(by_role["rule_set"]) + ")$"),
        re.compile(_alternation(by_role["rank"])),
    )


@cache
def currency_signs() -> dict[str, str]:
    """``data/currency_signs.tsv``: a sign written before a number and its unit (￥ → 元).

    >>> currency_signs()["$"]
    '美元'
    """
    out: dict[str, str] = {}
    for n, (sign, canonical) in read_table("currency_signs.tsv", ("sign", "canonical")):
        if sign in out:
            raise DataFileError("govnlp/data/currency_signs.tsv", n, f"duplicate sign {sign!r}")
        out[sign] = canonical
    return out


# --- reading one candidate ---------------------------------------------------------------------


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


_SOME = ("几", "来")


def _previous(t: str, start: int, n: int) -> str:
    return t[start - n if start > n else 0 : start]


def _qualifier_before(t: str, start: int) -> str | None:
    """The qualifier word that ends right before ``start`` (超过, 约, 不低于), if any."""
    tables = _tables()
    if start == 0 or t[start - 1] not in tables.before_last:
        return None  # no qualifier word (or 了/可/达 after one) ends here: skip the search
    m = tables.before.search(_previous(t, start, 8))
    return m.group().rstrip("了可达") if m else None


@cache
def _class_nouns() -> tuple[str, ...]:
    """What a bare round amount names a size class of (data/class_nouns.txt)."""
    text = resources.files("govnlp").joinpath("data/class_nouns.txt").read_text("utf-8")
    return tuple(w for w in (x.strip() for x in text.splitlines()) if w and w[0] != "#")


_VALUE_CUE = ("为", "达", "是", "至", "：", ":")
_INTEGER_CUE = frozenset("为是达")
_STATISTIC_END = frozenset("，。；、）),;\n")


def _bare_statistic_at(t: str, start: int, end: int) -> bool:
    """Whether a unit-less Arabic number is a statistic by its place: after a value cue and
    ending its clause (创新指数为62.43，总数是10000。). An integer needs 为, 是 or 达 right
    before it and is not a year (时间为2023。)."""
    nxt = t[end : end + 1]
    if nxt and nxt not in _STATISTIC_END:
        return False
    numeral = t[start:end].lstrip("-−")
    if "." in numeral:
        return _previous(t, start, 2).endswith(_VALUE_CUE)
    if not numeral.isdigit() or (len(numeral) == 4 and 1900 <= int(numeral) <= 2100):
        return False
    return t[start - 1 : start] in _INTEGER_CUE
