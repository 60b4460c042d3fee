"""Reading candidates: one pass of a compiled pattern over the clean text finds numerals, and
each is read with what follows it (scale words, 余/多, the unit), ranges joined and lists
given the unit written once at their end."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, cast

import regex

from ..numerals import (
    CHINESE_DIGITS,
    MAX_DIGITS,
    SCALES,
    parse_arabic,
    parse_chinese,
    parse_fraction,
    parse_numeral,
    scale_factor,
    year_of,
)
from ..units import Unit, qualifiers

if TYPE_CHECKING:
    pass
from .exclude import _excluded
from .model import Number, _Raw
from .words import (
    _ARABIC_NUMBER,
    _ARABIC_SCALE,
    _BIG,
    _CN,
    _CN_DIGITS,
    _FINANCIAL,
    _HAN,
    _LIST_JOINER,
    _MORE,
    _PER_TIME,
    _PLAIN,
    _POINT,
    _RANGE_JOINER,
    _SCALE_CHARS,
    _SOME,
    _THRESHOLDS,
    _bare_statistic_at,
    _class_nouns,
    _previous,
    _qualifier_before,
    _skip_break,
    _tables,
    _unit_at,
    currency_signs,
)

_CANDIDATE = regex.compile(
    rf"(?P<frac>(?P<den>[{_CN}]+|\d+)分之"
    rf"(?P<nu>[{_CN}]+(?:[{_POINT}][{_CN_DIGITS}]+)?|\d+(?:\.\d+)?))"
    r"|(?P<half>一半|半数)"
    r"|翻了?(?P<fan>[一两二三四五]番)"
    r"|(?P<shang>上[百千万亿](?!分之))"
    r"|(?P<ar>\d+(?:,\d{3})*(?:\.\d+)?(?P<mixed>[百千万亿](?:零?\d+[十百千万亿])+)?)"
    rf"|(?P<cn>[{_CN}]+(?:[{_POINT}][{_CN_DIGITS}]+[{_BIG}]*|(?P<dotted>·[〇零一二三四五六七八九]+))?)"
    r"|(?P<ban>半(?=个?[年月天日周]|小时|个小时))"
)


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
    if scale and not approx and (chinese or not numeral.isascii()):
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


def _signed(t: str, start: int) -> bool:
    """A minus sign before an Arabic number that is not the dash of a range (3-5, 10%-15%)."""
    if start == 0 or t[start - 1] not in "-−":
        return False
    before = t[start - 2 : start - 1]
    return not (before.isascii() and before.isalnum()) and before != "%"


_SIGN_AFTER = frozenset("为是达至到率速值幅度长降仅约近和、：:（(")
"""What may stand before 负 as a minus sign (增速为负3.9%, 增长负2%): not 减负30元 or
不辜负4400万人民, where 负 ends a word."""


_SIGN_LAST = frozenset(sign[-1] for sign in currency_signs())
_MINUS_OR_SIGN = frozenset("-−负")


def _currency_before(t: str, start: int) -> str | None:
    """The currency sign written right before ``start`` (￥, $, HK$), if any."""
    if not start or t[start - 1] not in _SIGN_LAST:
        return None
    signs = sorted(currency_signs(), key=len, reverse=True)
    sign = next((s for s in signs if t.startswith(s, start - len(s))), None)
    before = t[start - len(sign) - 1 : start - len(sign)] if sign else ""
    if sign is None or (before.isascii() and before.isalnum()):
        return None  # ３９$1.$2亿: a template's placeholders, not dollars
    m = _ARABIC_NUMBER.match(t, start)
    return None if m is not None and t[m.end() : m.end() + 1] in (".", "$") else sign


def _negative(t: str, start: int) -> bool:
    """负 written right before a number as its sign (负3.9%)."""
    if start == 0 or t[start - 1] != "负":
        return False
    before = t[start - 2 : start - 1]
    return not before or before in _SIGN_AFTER or not _HAN.match(before)


_DOT_DIGITS = frozenset("〇零一二三四五六七八九")
_CN_NUMERAL = regex.compile(rf"(?P<cn>[{_CN}]+)")
_WHOLE_BEFORE = regex.compile(rf"(?r)([{_CN}]+|\d+)又\Z")
"""The whole number of a mixed fraction, before 又 (一又二分之一)."""


def _read(t: str, m: regex.Match[str], *, upper: bool = False) -> tuple[_Raw | None, int]:
    """Read the candidate matched at ``m``; return it (or None) and the numeral's end.

    ``upper`` when it is the upper end of a range: the dash before it is no minus sign.
    """
    group = m.lastgroup
    start, end = m.span()
    if group == "ar" and m.group("mixed"):
        group = "mix"
    elif group == "cn" and m.group("dotted"):
        group = (
            "dot" if all(c in _DOT_DIGITS for c in m.group()[: -len(m.group("dotted"))]) else "cn"
        )
        if group == "cn":  # 十二·五: not digit by digit; the numeral stops before ·
            m = cast("regex.Match[str]", _CN_NUMERAL.match(t, start, m.start("dotted")))
            end = m.end()
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
        signed = start > 0 and not upper and t[start - 1] in _MINUS_OR_SIGN
        if signed and (_signed(t, start) or _negative(t, start)):
            start, number = start - 1, -number
        read = _tail(t, start, end, number, False, numeral, False)
        priced = read.unit is None and start > 0 and t[start - 1] in _SIGN_LAST
        currency = _currency_before(t, start) if priced else None
        if currency is not None:  # ￥300, $20: the sign is the unit, written before the number
            unit = Unit(currency, currency_signs()[currency], "money", Decimal(1), False)
            read = replace(read, start=start - len(currency), unit=unit)
        return read, end
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
        den, nu = m.group("den"), m.group("nu")
        before = _WHOLE_BEFORE.search(t, start - 12 if start > 12 else 0, start) if start else None
        whole = before.group(1) if before is not None else None
        if before is not None:
            start = before.start()
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


_DASHES = regex.compile(r"-{1,4}|一(?=[0-9])")
"""A run of dashes between two amounts (3,000万----3,500万千瓦), and 一 printed for a dash
between Arabic numbers (17.9一24.3%, 3.7一4.4倍)."""


_JOIN_FIRST = frozenset("-一至到")


def _joiner_end(t: str, raw: _Raw) -> int:
    """Where the upper end of a range starts after ``raw`` (after -, ---, 至, 到), or 0."""
    nxt = t[raw.end : raw.end + 1]
    if nxt in _RANGE_JOINER and nxt != "-":
        return raw.end + 1
    if nxt in ("-", "一") and not (nxt == "一" and raw.chinese):
        m = _DASHES.match(t, raw.end)
        return m.end() if m is not None else 0
    return 0


def _range_end(t: str, raw: _Raw, at: int) -> tuple[_Raw, int] | None:
    """The upper end of a range starting at ``raw`` (3-5年, 10%-15%, 2000-3000万元).

    The caller has seen a range joiner (-, 至, 到) right after ``raw``; the upper end starts at
    ``at``.
    """
    m = _CANDIDATE.match(t, at)
    if m is None or m.lastgroup not in ("ar", "cn") or (m.lastgroup == "cn") != raw.chinese:
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
    return _bare_statistic_at(t, m.start(), m.end())


_ENUMERATION = regex.compile(r"(?:[0-9]+、)++")
_LIST_HEAD = frozenset("为是达-−负") | _SIGN_LAST


def _unshared(t: str, start: int, end: int) -> bool:
    """Whether a run of whole numbers each followed by 、 (1、2、3、) holds no amount: no number
    comes after it to lend them its unit, and none before makes its first a statistic."""
    nxt = t[end : end + 1]
    shared = bool(nxt) and (nxt.isdigit() or nxt in _CN)
    return not shared and t[start - 1 : start] not in _LIST_HEAD


def _scan(t: str) -> Iterator[_Raw]:
    """Candidates in normalized text, ranges joined, before lists and context."""
    pos = 0
    follows = _tables().follows
    enumerated = 0  # where the last run of 1、2、3、 checked ends (each run is matched once)
    while m := _CANDIDATE.search(t, pos):
        group, end = m.lastgroup, m.end()
        if group == "ar" and t[end : end + 1] == "、" and m.start() >= enumerated:
            run = _ENUMERATION.match(t, m.start())
            enumerated = run.end() if run is not None else end
            if run is not None and _unshared(t, m.start(), run.end()):
                pos = run.end()  # 1、2、3、 with nothing after to share a unit: no amounts
                continue
        if t[end : end + 1] not in follows:
            if group == "cn" and "万" not in m.group() and "亿" not in m.group():
                pos = end  # 进一步, 统一, 一体化: a Chinese numeral needs a unit after it
                continue
            if (
                group == "ar"
                and not _bare_statistic(t, m)
                and t[m.start() - 1 : m.start()] not in _SIGN_LAST
            ):
                pos = end  # 1.1.1., 第3条: an Arabic number with nothing that makes it an amount
                continue
        raw, num_end = _read(t, m)
        if group == "ar" and m.group("mixed"):
            end = num_end  # 1万2亿: the mixed numeral was two amounts
        if raw is None:
            # 队伍四项: a word's character that may write a numeral (伍) is not one here
            lead = m.group()[0]
            pos = m.start() + 1 if group == "cn" and (lead not in _PLAIN or lead in "零〇") else end
            continue
        pos = raw.end if raw.end > end else end
        if _excluded(t, raw, num_end):
            continue
        joiner = _joiner_end(t, raw) if t[raw.end : raw.end + 1] in _JOIN_FIRST else 0
        if joiner and (upper := _range_end(t, raw, joiner)) is not None:
            second, second_num_end = upper
            if _excluded(t, second, second_num_end):
                pos = max(pos, second.end)
                continue  # 1-5月, 2021-2023年: dates, not a range of amounts
            joined = _joined(t, raw, num_end, second, second_num_end)
            if joined is not None:  # else 5-3: no range (a code); the second is read alone
                raw, pos = joined, max(pos, second.end)
        yield raw


def _joined(t: str, raw: _Raw, num_end: int, second: _Raw, second_num_end: int) -> _Raw | None:
    """The range from ``raw`` to ``second``, a scale written once shared (2000-3000万元,
    两到三万元, 5000万-1亿元); None where the upper end would be below the lower."""
    low, high = raw.number, second.number
    if not isinstance(low, Decimal) or not isinstance(high, Decimal):
        return None
    if raw.chinese:
        low = _shared_scale(t[raw.start : num_end], t[second.start : second_num_end], low, high)
    scale = raw.scale if raw.scale != 1 else second.scale
    if second.scale != scale:  # 5000万-1亿: the upper end in the lower end's scale
        high = _exact(high * second.scale / scale)
    if high < low:
        return None
    return replace(
        raw,
        end=second.end,
        number=low,
        number_max=high,
        scale=scale,
        unit=raw.unit or second.unit,
        inside=second.inside,
    )


def _exact(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


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
