"""Numerals: Chinese and Arabic numbers to exact values (no units, no context).

Every way a document writes a number is read here, from one table of characters
(``data/numerals.tsv``): everyday Chinese numerals, the financial forms (大写) of budgets
and receipts, traditional and variant characters, Arabic digits with scale words, and
the two mixed together.

>>> parse_numeral("一千二百"), parse_numeral("394.28亿"), parse_numeral("1,234.5万")
(Decimal('1200'), Decimal('39428000000'), Decimal('12345000'))
>>> parse_numeral("壹佰万"), parse_numeral("3萬億"), parse_numeral("廿五")
(Decimal('1000000'), Decimal('3000000000000'), Decimal('25'))
>>> parse_numeral("5万4千6百"), parse_numeral("二百〇八")
(Decimal('54600'), Decimal('208'))
>>> parse_numeral("一万三"), parse_numeral("十五点八万"), parse_numeral("负3.9")
(Decimal('13000'), Decimal('158000'), Decimal('-3.9'))
>>> parse_numeral("十四五") is None   # not a number: a slogan's digits run together
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation, localcontext
from fractions import Fraction
from functools import cache

from .datafiles import read_table
from .errors import DataFileError

__all__ = [
    "CHINESE_DIGITS",
    "EXACT",
    "MAX_DIGITS",
    "SCALES",
    "NumeralChar",
    "numeral_chars",
    "parse_arabic",
    "parse_chinese",
    "parse_fraction",
    "parse_numeral",
    "scale_factor",
    "year_of",
]

ROLES = frozenset({"digit", "small", "big", "tens", "point"})
FORMS = frozenset({"plain", "financial", "traditional", "variant"})


@dataclass(frozen=True, slots=True)
class NumeralChar:
    """One character Chinese numerals are written with (a row of ``data/numerals.tsv``)."""

    char: str
    value: int
    role: str
    form: str


@cache
def numeral_chars() -> dict[str, NumeralChar]:
    """The numeral characters by character.

    >>> numeral_chars()["仟"]
    NumeralChar(char='仟', value=1000, role='small', form='financial')
    """
    out: dict[str, NumeralChar] = {}
    for n, (char, value, role, form) in read_table(
        "numerals.tsv", ("char", "value", "role", "form")
    ):
        where = ("govnlp/data/numerals.tsv", n)
        if len(char) != 1 or char in out:
            raise DataFileError(*where, f"one new character per row, not {char!r}")
        if role not in ROLES or form not in FORMS:
            raise DataFileError(*where, f"unknown role or form {role!r}/{form!r}")
        if (role == "point") != (value == "-") or (value != "-" and not value.isdigit()):
            raise DataFileError(*where, f"value {value!r}: a number, or - for the point")
        out[char] = NumeralChar(char, 0 if value == "-" else int(value), role, form)
    return out


def _chars(*roles: str) -> dict[str, int]:
    return {c.char: c.value for c in numeral_chars().values() if c.role in roles}


CHINESE_DIGITS: dict[str, int] = _chars("digit")
"""Chinese digit characters (every form) and their values."""

SCALES: dict[str, int] = _chars("small", "big")
"""Scale words and their factors; they multiply (千万 = 10^7, 万亿 = 10^12)."""

_POINTS = frozenset(_chars("point"))
_TENS = _chars("tens")
_ZEROS = frozenset(c for c, v in CHINESE_DIGITS.items() if v == 0)
_BIG = frozenset(_chars("big"))

EXACT = Context(prec=60, Emax=999999, Emin=-999999)
"""The decimal context govnlp computes in, whatever the caller's: 60 digits hold any amount
that may be read (:data:`MAX_DIGITS` digits times scale words and a unit's factor), so
products of scale words are never rounded."""

MAX_DIGITS = 30
"""The most digits a number may have to be read: no document writes an amount of more (万亿
amounts have 13 to 16); a longer run of digits is a code or noise, and reads as no number.
With scale words up to 10^24 after it, every value fits :data:`EXACT` exactly."""

MAX_SCALE = 10**24
"""The largest factor a run of scale words after a number may have (亿亿亿); longer runs are
not one number's scale."""


def scale_factor(scale: str) -> int:
    """The factor of a run of scale words written after a number.

    >>> scale_factor("万"), scale_factor("千万"), scale_factor("萬億"), scale_factor("")
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

    >>> year_of("2000"), year_of("一九五六"), year_of("二〇二二"), year_of("一九八○")
    (2000, 1956, 2022, 1980)
    >>> year_of("―九八四")   # ― printed for 一 in old communiqués
    1984
    """
    return int("".join(str(CHINESE_DIGITS.get(c, c)) for c in digits.replace("―", "一")))


_ARABIC = re.compile(r"[-+−]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")


def parse_arabic(text: str) -> Decimal | None:
    """An Arabic number with optional sign, thousands separators and decimals.

    A number of more than :data:`MAX_DIGITS` digits is no amount (None).

    >>> parse_arabic("-7.0"), parse_arabic("6,175"), parse_arabic("1.2.3"), parse_arabic("−2")
    (Decimal('-7.0'), Decimal('6175'), None, Decimal('-2'))
    >>> parse_arabic("1" * 31) is None
    True
    """
    if text.isdigit() and text.isascii():  # the common case, checked at C speed
        return Decimal(text) if len(text) <= MAX_DIGITS else None
    if not _ARABIC.fullmatch(text):
        return None
    digits = text.replace(",", "").replace("−", "-")
    if len(digits) - (digits[0] in "+-") - ("." in digits) > MAX_DIGITS:
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


Token = tuple[str, Decimal]
"""A numeral cut into tokens: ("num", value) a digit or an Arabic number, ("zero", 0) a 零
that holds an empty place, ("small", 10|100|1000), ("big", 10^4|10^8)."""

_ARABIC_RUN = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _tokens(text: str, arabic: bool) -> list[Token] | None:
    """The tokens of a numeral; Arabic numbers among them only where ``arabic`` is set."""
    out: list[Token] = []
    chars = numeral_chars()
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        info = chars.get(ch)
        if info is None:
            m = _ARABIC_RUN.match(text, i) if arabic else None
            if m is None:
                return None
            value = parse_arabic(m.group())
            if value is None:
                return None
            out.append(("num", value))
            i = m.end()
            continue
        if info.role == "digit":
            out.append(("zero", Decimal(0)) if info.value == 0 else ("num", Decimal(info.value)))
        elif info.role == "tens":  # 廿五 = 二十五
            out += [("num", Decimal(info.value // 10)), ("small", Decimal(10))]
        elif info.role in ("small", "big"):
            out.append((info.role, Decimal(info.value)))
        else:
            return None  # a decimal point: the caller splits at it
        i += 1
    return out


def _elided(tokens: list[Token]) -> list[Token]:
    """一万三 → 一万三千: a last digit right after a scale word stands in the next lower place.

    Not after 十 (十三 is thirteen) nor after 零 (一千零五 is 1005); 三百五 is 350.
    """
    if len(tokens) < 3 or tokens[-1][0] != "num" or tokens[-2][0] not in ("small", "big"):
        return tokens
    last, scale = tokens[-1][1], tokens[-2][1]
    if scale == 10 or not (0 < last < 10) or last != last.to_integral_value():
        return tokens
    if scale == 100_000_000:  # 一亿二: 二 stands for 二千万
        return [*tokens, ("small", Decimal(1000)), ("big", Decimal(10_000))]
    return [*tokens, ("small", scale / 10)]


def _value(tokens: list[Token], arabic: bool = False) -> Decimal | None:
    """The value of a numeral's tokens by the grammar of Chinese numerals, or None.

    Sections of four places (千百十 and a digit) are multiplied by 万 and 亿 after them; a
    scale word must be smaller than the one before it in its section, 零 holds an empty
    place, and two numbers may not run together (十四五, 二〇二二 are no amounts); a
    numeral does not start with 零 (〇八 is a part of 二九八·〇八).
    """
    if tokens and tokens[0][0] == "zero":
        return None
    yi = wan = section = Decimal(0)
    number: Decimal | None = None
    last = ""  # the role of the token before
    last_small = Decimal(10_000)
    has_wan = False
    for role, value in tokens:
        if role == "num":
            if number is not None:
                return None
            number = value
        elif role == "zero":
            if number is not None:
                return None
        elif role == "small":
            if value >= last_small:
                return None  # 二百三千: places out of order
            if number is None:
                # 十五, 二百十七 (= 二百一十七) and 一万零十二 leave out the 一 before 十.
                if value != 10 or last not in ("", "small", "big", "zero"):
                    return None
                number = Decimal(1)
            section += number * value
            last_small, number = value, None
        else:  # big
            if value == 10_000:
                if (number is None and section == 0) or has_wan:
                    return None
                wan = (section + (number or 0)) * value
                has_wan = True
            else:
                if number is None and section == 0 and wan == 0:
                    return None
                if arabic and has_wan and (number is not None or section != 0):
                    return None  # 1万2亿: two amounts (but 一万六千亿 is 16000 × 10^8)
                group = wan + section + (number or 0)
                if yi and group:  # 一万亿零一亿: a lower 亿 group after a higher one
                    if group >= value:
                        return None
                    yi += group * value
                else:  # 三亿, 三万亿 (via 万), 一亿亿: 亿 multiplies all before it
                    yi = (yi + group) * value
                wan, has_wan = Decimal(0), False
            section, number, last_small = Decimal(0), None, Decimal(10_000)
        last = role
    if last in ("", "zero"):
        return None
    total = yi + wan + section + (number or 0)
    if len(total.as_tuple().digits) > MAX_DIGITS + 4:
        return None
    return _exact(total)


def _point_parts(text: str) -> tuple[str, str, str] | None:
    """``whole 点 digits scale`` cut apart (十五点八万 → 十五, 八, 万), or None."""
    for i, ch in enumerate(text):
        if ch in _POINTS:
            frac = text[i + 1 :]
            k = len(frac)
            while k and frac[k - 1] in _BIG:
                k -= 1
            return text[:i], frac[:k], frac[k:]
    return None


def parse_chinese(text: str) -> Decimal | None:
    """A Chinese numeral: 一千二百 → 1200, 两万 → 20000, 三万亿 → 3·10^12, 十七点八 → 17.8.

    Financial (壹佰) and traditional (萬, 兩) characters read as their everyday forms, and an
    elided last place is filled in (一万三 = 13000). Returns None for strings that are not
    one well-formed numeral: digits run together (十四五, 二〇二二 are names and years).

    >>> parse_chinese("一千零五"), parse_chinese("十余"), parse_chinese("二〇二二")
    (Decimal('1005'), None, None)
    >>> parse_chinese("二百十七"), parse_chinese("百十"), parse_chinese("一万零十二")
    (Decimal('217'), None, Decimal('10012'))
    >>> parse_chinese("一亿二千万"), parse_chinese("百分之") is None, parse_chinese("九十二万四")
    (Decimal('120000000'), True, Decimal('924000'))
    >>> parse_chinese("人民币壹仟玖佰"), parse_chinese("壹仟玖佰"), parse_chinese("卅")
    (None, Decimal('1900'), Decimal('30'))
    """
    if not text:
        return None
    with localcontext(EXACT):
        return _parse_chinese(text, arabic=False)


def _parse_chinese(text: str, *, arabic: bool) -> Decimal | None:
    parts = _point_parts(text)
    if parts is not None:
        whole, frac, scale = parts
        if not frac or not all(c in CHINESE_DIGITS for c in frac):
            return None
        integer = _parse_chinese(whole, arabic=arabic)
        if integer is None or integer != integer.to_integral_value():
            return None
        digits = "".join(str(CHINESE_DIGITS[c]) for c in frac)
        return _exact((integer + Decimal("0." + digits)) * scale_factor(scale))
    if text in _ZEROS:
        return Decimal(0)
    tokens = _tokens(text, arabic)
    if tokens is None:
        return None
    return _value(tokens, arabic) if arabic else _value(_elided(tokens))


_SIGNS = ("负", "-", "−", "+")
_MIXED = re.compile(r"[0-9.]+[十百千万亿拾佰仟萬億零〇]")


def parse_numeral(text: str) -> Decimal | None:
    """Any numeral: Arabic, Chinese, Arabic followed by scale words (1.5万, 3千万), the two
    mixed (5万4千6百), with a sign (负3.9, -7.0).

    >>> parse_numeral("２万"), parse_numeral("3千万"), parse_numeral("两"), parse_numeral("负十")
    (None, Decimal('30000000'), Decimal('2'), Decimal('-10'))
    >>> parse_numeral("1" * 57 + "万") is None   # a run of 57 digits is no amount
    True
    """
    if not text:
        return None
    with localcontext(EXACT):
        if text.startswith(_SIGNS) and len(text) > 1:
            value = _parse_numeral(text[1:])
            return None if value is None else (value if text[0] == "+" else -value)
        return _parse_numeral(text)


def _parse_numeral(text: str) -> Decimal | None:
    if text[0] in CHINESE_DIGITS or text[0] in SCALES or text[0] in _TENS:
        return _parse_chinese(text, arabic=False)
    i = len(text)
    while i > 0 and text[i - 1] in SCALES:
        i -= 1
    core = parse_arabic(text[:i]) if i and text[:i].isascii() else None
    if core is None:
        if _MIXED.match(text):  # 5万4千6百: Arabic digits in a Chinese numeral's places
            return _parse_chinese(text, arabic=True)
        return None
    if text[:i][0] in "+-":
        return None
    factor = scale_factor(text[i:])
    if factor > MAX_SCALE:
        return None
    return _exact(core * factor) if i < len(text) else core


def parse_fraction(denominator: str, numerator: str) -> Fraction | None:
    """The value of ``<denominator>分之<numerator>``: 三分之一 → 1/3.

    >>> parse_fraction("三", "一"), parse_fraction("3", "2")
    (Fraction(1, 3), Fraction(2, 3))
    """
    d, n = parse_numeral(denominator), parse_numeral(numerator)
    if d is None or n is None or d == 0:
        return None
    return Fraction(n) / Fraction(d)
