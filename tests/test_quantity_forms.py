"""Every way a document writes an amount (issue 15): sentences of each form, read exactly.

The rows live in ``tests/data/quantity_forms`` (README there); each names the span a mention
must have and its fields, or a span that must not be (part of) a mention.
"""

from __future__ import annotations

import decimal
from pathlib import Path

import pytest

from govnlp import QuantityParseError, extract_quantities, parse_quantity
from govnlp.quantities import format_number

FORMS = Path(__file__).parent / "data" / "quantity_forms"


def _rows(name: str) -> list[list[str]]:
    lines = (FORMS / name).read_text(encoding="utf-8").splitlines()
    return [
        [cell.replace("\\n", "\n") for cell in line.split("\t")]
        for line in lines[1:]
        if line.strip()
    ]


@pytest.mark.parametrize("row", _rows("mentions.tsv"), ids=lambda r: r[1])
def test_each_form_reads_exactly(row: list[str]) -> None:
    text, span, value, value_max, unit, kind, qualifier, change = row
    found = {q.text: q for q in extract_quantities(text)}
    assert span in found, (text, list(found))
    q = found[span]
    got_change = None if q.change is None else f"{q.change.direction}/{q.change.basis or '-'}"
    assert (
        format_number(q.value),
        "-" if q.value_max is None else format_number(q.value_max),
        q.unit,
        q.kind,
        q.qualifier,
        got_change,
    ) == (value, value_max, unit, kind, qualifier, None if change == "-" else change), text


@pytest.mark.parametrize("row", _rows("not_amounts.tsv"), ids=lambda r: r[1])
def test_what_is_not_an_amount(row: list[str]) -> None:
    text, span = row
    start = text.index(span)
    for q in extract_quantities(text):
        assert q.end <= start or q.start >= start + len(span), (text, q.text)


def test_a_long_digit_run_is_no_amount_and_no_crash() -> None:
    """Issue 14 item 1: 57 digits and 万 raised decimal.InvalidOperation."""
    text = "1" * 57 + "万"
    assert extract_quantities(text) == []
    assert extract_quantities("增加" + "9" * 1000 + "亿元，") == []
    with pytest.raises(QuantityParseError):
        parse_quantity(text)
    with decimal.localcontext(decimal.Context(prec=3, traps=[decimal.Inexact])):
        (q,) = extract_quantities("投入" + "9" * 30 + "亿亿元")
    assert q.value == int("9" * 30) * 10**16


def test_a_parse_error_quotes_a_short_part_of_a_long_input() -> None:
    """Issue 14 item 14: the message carried the whole input (1 MB for a 1 MB input)."""
    with pytest.raises(QuantityParseError) as info:
        parse_quantity("没有数量" * 100_000)
    assert len(str(info.value)) < 200
    assert len(repr(info.value)) < 300


def test_spans_in_traditional_text_keep_to_the_mention() -> None:
    """Issue 14 item 12: OpenCC's per-character edits merged into one, so a span took in its
    neighbours (連續兩年 for 兩年)."""
    assert [q.text for q in extract_quantities("計劃連續兩年，新建300餘項關鍵工程")] == [
        "兩年",
        "300餘項",
    ]


def test_bare_numbers_parse_as_numbers() -> None:
    q = parse_quantity("一百五十二")
    assert (q.value, q.kind, q.unit) == (decimal.Decimal(152), "number", "")
    q = parse_quantity("10.233")
    assert (str(q.value), q.kind) == ("10.233", "number")


def test_a_whitespace_table_column_gives_its_unit_to_bare_numbers() -> None:
    """Communiqués of the 1980s: rows of label, amount with unit and a bare growth rate whose
    column header (wrapped over two lines, ― printed for 一) ends with ％."""
    text = (
        "主要农产品产量如下：\n\n一九八五年 ―九八五年比\n―九八四年增长％\n"
        "粮 食 37898 万吨 -7．0\n棉 花 415 万吨 -33.7\n油 料 1578 万吨 32.5\n"
    )
    rates = [q for q in extract_quantities(text) if q.implied_unit == "%"]
    assert [(q.text, str(q.value), q.kind) for q in rates] == [
        ("-7．0", "-7.0", "percent"),
        ("-33.7", "-33.7", "percent"),
        ("32.5", "32.5", "percent"),
    ]
    assert {(q.change.direction, q.change.basis) for q in rates if q.change} == {
        ("down", "yoy"),
        ("up", "yoy"),
    }
    prose = "全年粮食产量 37898 万吨，比上年减少7%。\n棉花产量 415 万吨 -33.7"
    assert all(q.implied_unit is None for q in extract_quantities(prose))


def test_a_run_of_enumeration_numbers_is_no_amount_but_a_list_still_shares_its_unit() -> None:
    """Issue 14 item 4: '1、' * n is read once as a run (it was quadratic, then 7× prose)."""
    assert extract_quantities("1、" * 5000) == []
    assert [q.text for q in extract_quantities("分别为1、2、3个")] == ["1", "2", "3个"]
    assert [q.unit for q in extract_quantities("分别为1、2、3个")] == ["个", "个", "个"]
    assert [q.text for q in extract_quantities("指数为103、")] == ["103"]
