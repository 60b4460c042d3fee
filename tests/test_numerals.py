"""Numerals read back exactly: a value written by an independent formatter in every form a
document uses (Arabic, Chinese, financial 大写, traditional, mixed, elided, with a point or a
sign) reads as the same value, alone and as a mention; and no reading contradicts its text.

The formatter here is written from the rules of Chinese numerals, not from govnlp's reader.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govnlp import extract_quantities
from govnlp.numerals import parse_chinese, parse_numeral

PLAIN = ("零一二三四五六七八九", ("", "十", "百", "千"), ("", "万", "亿", "万亿"))
FINANCIAL = ("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"), ("", "万", "亿", "万亿"))
TRADITIONAL = ("零一二三四五六七八九", ("", "十", "百", "千"), ("", "萬", "億", "萬億"))


def _section(n: int, digits: str, places: tuple[str, ...], leading: bool) -> str:
    """0 < n < 10000 in one section of four places; 零 for each run of empty places inside."""
    out = ""
    zero = False
    for place in (3, 2, 1, 0):
        d = n // 10**place % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        if not (leading and not out and place == 1 and d == 1 and digits[1] == "一"):
            out += digits[d]
        out += places[place]
    return out


def chinese(n: int, form: tuple[str, tuple[str, ...], tuple[str, ...]] = PLAIN) -> str:
    """0 <= n < 10^16 as a Chinese numeral (十五, not 一十五; 一千零五; 三万亿)."""
    digits, places, bigs = form
    if n == 0:
        return digits[0]
    sections = [n // 10 ** (4 * k) % 10_000 for k in range(4)]
    out = ""
    zero = False
    for k in (3, 2, 1, 0):
        s = sections[k]
        if s == 0:
            zero = bool(out)
            continue
        if out and (zero or s < 1000):
            out += digits[0]
        out += _section(s, digits, places, leading=not out) + bigs[k]
        zero = False
    return out


def mixed(n: int) -> str:
    """Arabic digits for each section, Chinese scale words between: 1234万5678, 3亿20万."""
    if n < 10_000:
        return str(n)
    parts = []
    for k, big in ((2, "亿"), (1, "万")):
        s = n // 10 ** (4 * k) % 10_000
        if s:
            parts.append(f"{s}{big}")
    if n % 10_000:
        parts.append(str(n % 10_000))
    return "".join(parts)


values = st.integers(min_value=1, max_value=10**16 - 1)


@settings(max_examples=300, deadline=None)
@given(values)
def test_chinese_numerals_read_back(n: int) -> None:
    assert parse_chinese(chinese(n)) == n, chinese(n)
    assert parse_numeral(chinese(n, FINANCIAL)) == n, chinese(n, FINANCIAL)
    assert parse_numeral(chinese(n, TRADITIONAL)) == n, chinese(n, TRADITIONAL)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_mixed_and_arabic_numerals_read_back(n: int) -> None:
    assert parse_numeral(str(n)) == n
    assert parse_numeral(f"{n:,}") == n
    if n % 10_000 == 0:
        assert parse_numeral(f"{n // 10_000}万") == n
    text = mixed(n)
    if not text.isdigit() and not text[-1].isdigit():
        assert parse_numeral(text) == n, text


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999), st.integers(1, 9), st.sampled_from([(10_000, "万"), (10**8, "亿")]))
def test_elided_tails_read_back(head: int, tail: int, big: tuple[int, str]) -> None:
    """一万三 = 13000, 九十二万四 = 924000, 一亿二 = 120000000: the last digit is the next place."""
    factor, word = big
    text = chinese(head) + word + chinese(tail)
    assert parse_chinese(text) == head * factor + tail * factor // 10, text


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 99_999), st.integers(1, 999), st.sampled_from(["", "万", "亿"]))
def test_decimals_with_a_point_read_back(whole: int, frac: int, scale: str) -> None:
    digits = str(frac)
    text = chinese(whole) + "点" + "".join(PLAIN[0][int(c)] for c in digits) + scale
    factor = {"": 1, "万": 10_000, "亿": 10**8}[scale]
    expected = (Decimal(whole) + Decimal("0." + digits)) * factor
    assert parse_chinese(text) == expected, text


@settings(max_examples=200, deadline=None)
@given(
    st.integers(10, 10**16 - 1),
    st.sampled_from(["元", "人", "吨", "个"]),
    st.sampled_from(["plain", "大写", "繁"]),
)
def test_a_written_amount_is_one_mention_of_its_value(n: int, unit: str, form: str) -> None:
    """(One-character numerals follow their own rules: 一个 is an article, 伍 alone writes
    money only.)"""
    numeral = {"plain": chinese(n), "大写": chinese(n, FINANCIAL), "繁": chinese(n, TRADITIONAL)}
    text = f"全年共计{numeral[form]}{unit}。"
    found = extract_quantities(text)
    assert [(q.text, q.value) for q in found] == [(numeral[form] + unit, n)], text


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=2))
def test_signs_read_back_and_are_never_invented(value: Decimal) -> None:
    text = f"增速为{'负' if value < 0 else ''}{abs(value)}%。"
    (q,) = extract_quantities(text)
    assert q.value == value
    assert (q.value < 0) == any(c in q.text for c in "负-−")


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 9999),
    st.integers(1, 9999),
    st.sampled_from(["至", "到", "-"]),
    st.sampled_from(["", "万", "亿"]),
    st.booleans(),
)
def test_a_range_never_reads_upside_down(a: int, b: int, joiner: str, scale: str, cn: bool) -> None:
    """Whatever the order written, a range's upper end is never below its lower end, and a
    scale written once at the end applies to both ends (两到三万 = 20000-30000)."""
    left, right = (chinese(a), chinese(b)) if cn else (str(a), str(b))
    if cn and joiner == "-":
        joiner = "至"
    text = f"计划投入{left}{joiner}{right}{scale}元。"
    found = extract_quantities(text)
    if a < b:
        assert any(q.value_max is not None for q in found), (text, found)
    for q in found:
        assert q.value >= 0 and "负" not in q.text
        if q.value_max is not None:
            assert q.value <= q.value_max, text
            factor = {"": 1, "万": 10_000, "亿": 10**8}[scale]
            if a <= b:
                assert (q.value, q.value_max) == (a * factor, b * factor), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二两三五十百千万亿零〇壹贰拾佰萬億廿点负-.0123456789元个年至到、和余多几来半%", max_size=24))
def test_no_reading_contradicts_its_text(text: str) -> None:
    """On any run of numeral characters: spans in bounds, ranges in order, no unwritten sign."""
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.text
        if q.value_max is not None:
            assert q.value <= q.value_max, (text, q)
        if q.value < 0:
            assert any(c in q.text for c in "负-−"), (text, q)
