"""The values of elements: document numbers, dates, 密级, attachment numbers.

Each parser takes the text as written and returns the value, or None when the text is
malformed: a bad number or date is a row with no value, never an exception.

>>> parse_doc_number("营科发〔2022〕016号")
DocNumber(agency='营科发', year=2022, serial=16)
>>> parse_date("二〇二二年七月六日"), parse_date("2022.07.06"), parse_date("2022年13月1日")
('2022-07-06', '2022-07-06', None)
"""

from __future__ import annotations

import datetime as dt

import regex

from .model import DocNumber

__all__ = [
    "DATE",
    "DOC_NUMBER",
    "ORDER_NUMBER",
    "attachment_number",
    "parse_date",
    "parse_doc_number",
    "parse_security",
]

_SPACE = "[ \t\u3000\xa0]*"
_OPEN = "[〔\\[（(【［﹝〖{]"
_CLOSE = "[〕\\]）)】］﹞〗}]"
_ODD = "[^\\s0-9\\p{Han}\\-—–－~～.．,，、:：;；/]"  # mojibake in a bracket's place

DOC_NUMBER = regex.compile(
    rf"(?P<agency>[\p{{Han}}A-Za-z]{{1,20}}?){_SPACE}"
    rf"(?:{_OPEN}|(?P<odd>{_ODD}))"
    rf"{_SPACE}(?P<year>(?:19|20)[0-9]{{2}}){_SPACE}"
    rf"(?:{_CLOSE}|{_ODD})"
    rf"{_SPACE}(?:第{_SPACE})?(?P<serial>[0-9]{{1,5}})(?:{_SPACE}号)?"
)
"""A 发文字号 from the first character of its 机关代字 (match it where the number starts):
brackets of any kind, or one stray character in their place; spaces; 第; no 号."""

ORDER_NUMBER = regex.compile(
    rf"(?P<agency>[\p{{Han}}]{{0,30}}?(?:令|公告|命令))?{_SPACE}"
    rf"(?:(?P<year>(?:19|20)[0-9]{{2}}){_SPACE}年{_SPACE})?"
    rf"第{_SPACE}(?P<serial>[0-9]{{1,5}}){_SPACE}号"
)
"""A 令号 or 公告号: 国务院令第732号, 第706号 (under the order's mark),
国家税务总局公告2019年第39号."""

_CN_DIGIT = {
    "〇": 0, "○": 0, "零": 0, "0": 0, "O": 0, "o": 0, "Ο": 0, "０": 0,
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip

DATE = regex.compile(
    r"(?P<y>[0-9]{4}|[〇○零0OΟ一二三四五六七八九]{4})[ \u3000]*年[ \u3000]*"
    r"(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,3})[ \u3000]*月"
    r"(?:[ \u3000]*(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,4})[ \u3000]*日)?"
    r"|(?P<y2>(?:19|20)[0-9]{2})[-./](?P<m2>[0-9]{1,2})[-./](?P<d2>[0-9]{1,2})(?![0-9])"
)
"""A date as written: 2022年7月6日, 二〇二二年七月六日, 2022-07-06, 2022.07.06, 2022年7月."""


def _cn_number(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十一 → 21, 三十 → 30; Arabic digits too."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return _CN_DIGIT.get(s) if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    t = 1 if not tens else _CN_DIGIT.get(tens)
    o = 0 if not ones else _CN_DIGIT.get(ones)
    if t is None or o is None or len(tens) > 1 or len(ones) > 1:
        return None
    return t * 10 + o


def _year(s: str) -> int | None:
    if s.isdigit() and s.isascii():
        return int(s)
    digits = [_CN_DIGIT.get(c) for c in s]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def parse_date(text: str) -> str | None:
    """The ISO date of a date as written (``YYYY-MM`` when there is no day), or None.

    >>> parse_date("2022年07月06日"), parse_date("二○○五年六月十一日"), parse_date("2022年7月")
    ('2022-07-06', '2005-06-11', '2022-07')
    >>> parse_date("2022-02-30") is None
    True
    """
    m = DATE.search(text)
    if m is None:
        return None
    if m.group("y2"):
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    else:
        y_, mo_ = _year(m.group("y")), _cn_number(m.group("m"))
        d_ = _cn_number(m.group("d")) if m.group("d") else 0
        if y_ is None or mo_ is None or d_ is None:
            return None
        y, mo, d = y_, mo_, d_
    if not d:
        return f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def parse_doc_number(text: str) -> DocNumber | None:
    """The agency, year and serial of a 发文字号, 令号 or 公告号, or None if it has none.

    >>> parse_doc_number("京政办发[2020]第 7 号")
    DocNumber(agency='京政办发', year=2020, serial=7)
    >>> parse_doc_number("国家税务总局公告2019年第39号")
    DocNumber(agency='国家税务总局公告', year=2019, serial=39)
    >>> parse_doc_number("营科发〔2022〕号") is None
    True
    """
    m = DOC_NUMBER.match(text)
    if m is not None:
        agency = "".join(m.group("agency").split())
        return DocNumber(agency, int(m.group("year")), int(m.group("serial")))
    m = ORDER_NUMBER.match(text)
    if m is not None:
        year = m.group("year")
        return DocNumber(
            "".join((m.group("agency") or "").split()),
            int(year) if year else None,
            int(m.group("serial")),
        )
    return None


_PERIOD = regex.compile(r"(?P<n>[0-9]{1,3}|[一二三四五六七八九十]{1,3})(?P<unit>个月|年|月)")


def parse_security(text: str) -> str:
    """The normalized 密级: level word, ``★``, the period in Arabic digits, no spaces.

    >>> parse_security("秘密 * 一年"), parse_security("机密☆10年"), parse_security("绝密")
    ('秘密★1年', '机密★10年', '绝密')
    """
    s = "".join(text.split()).replace("*", "★").replace("☆", "★")
    level, star, period = s.partition("★")
    if not star:
        return level
    m = _PERIOD.fullmatch(period)
    if m is not None:
        n = _cn_number(m.group("n"))
        if n is not None:
            period = f"{n}{m.group('unit')}"
    return f"{level}★{period}"


def attachment_number(label: str) -> int | None:
    """The number of an attachment label: 附件 2 → 2, 附件一 → 1, 附件 → None.

    >>> attachment_number("附件 2"), attachment_number("附件十二"), attachment_number("附件")
    (2, 12, None)
    """
    rest = "".join(label.split())[2:]
    if not rest:
        return None
    rest = rest.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return _cn_number(rest)
