"""Numerals: Chinese and Arabic numbers to exact values (no units, no context).

>>> parse_numeral("一千二百"), parse_numeral("394.28亿"), parse_numeral("1,234.5万")
(Decimal('1200'), Decimal('39428000000'), Decimal('12345000'))
>>> parse_numeral("十四五") is None   # not a number: a slogan's digits run together
True
"""

from __future__ import annotations

from decimal import Context, Decimal, InvalidOperation, localcontext
from fractions import Fraction

__all__ = [
    "CHINESE_DIGITS",
    "EXACT",
    "SCALES",
    "parse_arabic",
    "parse_chinese",
    "parse_fraction",
    "parse_numeral",
    "scale_factor",
    "year_of",
]

CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
"""Chinese digit characters and their values."""

EXACT = Context(prec=60, Emax=999999, Emin=-999999)
"""The decimal context govnlp computes in, whatever the caller's: 60 digits hold any amount
a document writes (万亿 × 亿 is 10^20), so products of scale words are never rounded."""

SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
"""Scale words and their factors; they multiply (千万 = 10^7, 万亿 = 10^12)."""


def scale_factor(scale: str) -> int:
    """The factor of a run of scale words written after a number.

    >>> scale_factor("万"), scale_factor("千万"), scale_factor("万亿"), scale_factor("")
    (10000, 10000000, 1000000000000, 1)
    """
    factor = 1
    for ch in scale:
        factor *= SCALES[ch]
    return factor


def _exact(value: Decimal) -> Decimal:
    """Drop a fractional part of zeros that scaling left behind (394.28 × 10^8)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


def year_of(digits: str) -> int:
    """The year a four-digit numeral names, in Arabic or Chinese digits (〇 and 零 are 0).

    >>> year_of("2000"), year_of("一九五六"), year_of("二〇二二")
    (2000, 1956, 2022)
    """
    return int("".join(str(CHINESE_DIGITS.get(c, c)) for c in digits))


def parse_arabic(text: str) -> Decimal | None:
    """An Arabic number with optional sign, thousands separators and decimals.

    >>> parse_arabic("-7.0"), parse_arabic("6,175"), parse_arabic("1.2.3")
    (Decimal('-7.0'), Decimal('6175'), None)
    """
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def parse_chinese(text: str) -> Decimal | None:
    """A Chinese numeral: 一千二百 → 1200, 两万 → 20000, 三万亿 → 3·10^12, 十七点八 → 17.8.

    Returns None for strings that are not one well-formed numeral: digits run together
    (十四五, 二〇二二 are names and years, not amounts).

    >>> parse_chinese("一千零五"), parse_chinese("十余"), parse_chinese("二〇二二")
    (Decimal('1005'), None, None)
    >>> parse_chinese("二百十七"), parse_chinese("百十")
    (Decimal('217'), None)
    >>> parse_chinese("一亿二千万"), parse_chinese("百分之") is None
    (Decimal('120000000'), True)
    """
    whole, _, frac = text.partition("点")
    if frac:
        if not all(c in CHINESE_DIGITS for c in frac):
            return None
        digits = "".join(str(CHINESE_DIGITS[c]) for c in frac)
        integer = parse_chinese(whole)
        return None if integer is None else integer + Decimal("0." + digits)
    yi = wan = section = 0
    number: int | None = None
    last = ""
    for ch in whole:
        if ch in CHINESE_DIGITS:
            if number is not None and last != "零":
                return None
            number = CHINESE_DIGITS[ch]
        elif ch in SMALL_UNITS:
            if number is None:
                # 十五 and the colloquial 二百十七 (= 二百一十七) leave out the 一 before 十.
                if ch != "十" or last not in ("", "百", "千", "万", "亿"):
                    return None
                number = 1
            section += number * SMALL_UNITS[ch]
            number = None
        elif ch == "万":
            if number is None and section == 0:
                return None
            wan = (section + (number or 0)) * 10_000
            section, number = 0, None
        elif ch == "亿":
            if number is None and section == 0 and wan == 0:
                return None
            yi = (yi + wan + section + (number or 0)) * 100_000_000
            wan = section = 0
            number = None
        else:
            return None
        last = ch
    if whole in ("零", "〇"):
        return Decimal(0)
    if last in ("", "零"):
        return None
    return Decimal(yi + wan + section + (number or 0))


def parse_numeral(text: str) -> Decimal | None:
    """Any numeral: Arabic, Chinese, or Arabic followed by scale words (1.5万, 3千万).

    >>> parse_numeral("２万"), parse_numeral("3千万"), parse_numeral("两")
    (None, Decimal('30000000'), Decimal('2'))
    """
    if not text:
        return None
    with localcontext(EXACT):
        return _parse_numeral(text)


def _parse_numeral(text: str) -> Decimal | None:
    if text[0] in CHINESE_DIGITS or text[0] in SCALES:
        return parse_chinese(text)
    i = len(text)
    while i > 0 and text[i - 1] in SCALES:
        i -= 1
    core = parse_arabic(text[:i]) if i else None
    if core is None or not text[:i].lstrip("-+").replace(",", "").replace(".", "").isdigit():
        return None
    if not text[:i].isascii():
        return None
    return _exact(core * scale_factor(text[i:])) if i < len(text) else core


def parse_fraction(denominator: str, numerator: str) -> Fraction | None:
    """The value of ``<denominator>分之<numerator>``: 三分之一 → 1/3.

    >>> parse_fraction("三", "一"), parse_fraction("3", "2")
    (Fraction(1, 3), Fraction(2, 3))
    """
    d, n = parse_numeral(denominator), parse_numeral(numerator)
    if d is None or n is None or d == 0:
        return None
    return Fraction(n) / Fraction(d)
