"""Normalization: the steps, the alignment back to the source, and its invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import govnlp
from govnlp.normalize import (
    _SETTLED,
    PLAN,
    NormalizeConfig,
    apply_plan,
    build_traditional_chars,
    normalize,
)

DATA = Path(__file__).parent / "data"

# Text rich in what damages government documents: CJK, full-width forms, digits, markup,
# odd spaces and line breaks.
damaged_text = st.lists(
    st.one_of(
        st.sampled_from(
            list("一二三四五六七八九十百千万亿元个家项年月日是的、，。：；（）“”「」《》〔〕")
        ),
        st.sampled_from(list("０１２３４５６７８９％．，ＡＢｃ")),
        st.sampled_from(list("0123456789.%-—～*#[]()<>!_")),
        st.sampled_from([" ", "\n", "\n\n", "\u3000", "\xa0", "\t", "\ufeff", "㈠", "⑴", "①"]),
        st.sampled_from(
            ["**", "---\n", "<br>", "## ", "经濟發展", "當前位置：首页", "扫一扫在手机打开当前页"]
        ),
        st.characters(),
    ),
    max_size=80,
).map("".join)


@pytest.mark.parametrize("name", sorted(_SETTLED))
@given(text=damaged_text)
def test_a_settled_step_is_its_own_fixed_point(name: str, text: str) -> None:
    # normalize() runs these steps once, not again until nothing changes
    step = {s.name: s for s in PLAN}[name]
    once = step(text)
    assert step(once) == once


def seed(name: str) -> str:
    return (DATA / "seeds" / name).read_text(encoding="utf-8")


@given(damaged_text)
def test_never_raises_and_is_idempotent(text: str) -> None:
    n = normalize(text)
    assert normalize(n.text).text == n.text


@given(damaged_text)
def test_alignment_is_monotone_and_in_bounds(text: str) -> None:
    n = normalize(text)
    last = (0, 0)
    for i in range(len(n.text) + 1):
        s, e = n.to_source(i, min(i + 1, len(n.text)))
        assert 0 <= s <= e <= len(text)
        assert s >= last[0] and e >= last[1]
        last = (s, e)
    assert n.to_source(0, len(n.text))[1] <= len(text)


@given(damaged_text, st.data())
def test_mapping_spans_in_one_walk_equals_one_by_one(text: str, data: st.DataObject) -> None:
    n = normalize(text)
    points = sorted(data.draw(st.lists(st.integers(0, len(n.text)), max_size=12)))
    pairs = list(zip(points[::2], points[1::2], strict=False))  # in order, some empty
    starts, ends = n.alignment.spans_to_source([a for a, _ in pairs], [b for _, b in pairs])
    assert list(zip(starts, ends, strict=True)) == [n.to_source(a, b) for a, b in pairs]


@given(damaged_text, st.data())
def test_the_alignment_maps_as_its_steps_do_one_after_another(
    text: str, data: st.DataObject
) -> None:
    n = normalize(text)
    a, b = sorted(data.draw(st.lists(st.integers(0, len(n.text)), min_size=2, max_size=2)))
    span = (a, b)
    for m in reversed(n.alignment.steps):  # EditMap.to_source: the reference rule
        span = m.to_source(*span)
    assert n.to_source(a, b) == span


@given(damaged_text)
def test_replaying_the_steps_reproduces_the_clean_text(text: str) -> None:
    n = normalize(text)
    assert apply_plan(n.source, n.steps) == n.text


@given(damaged_text)
def test_every_digit_and_han_character_survives_in_order(text: str) -> None:
    # Steps that delete whole stretches (chrome, front matter, markup) or rewrite characters
    # are off: everything else only moves white space and unifies punctuation.
    config = NormalizeConfig(
        remove_boilerplate_lines=False,
        strip_front_matter=False,
        strip_markup=False,
        to_simplified=False,
        unify_enclosed_numerals=False,
        fold_width=False,
    )
    keep = regex.compile(r"[\p{Han}0-9]")
    assert keep.findall(normalize(text, config).text) == keep.findall(text)


def test_bytes_are_refused_with_advice() -> None:
    with pytest.raises(TypeError, match="decode first"):
        normalize(b"394.28\xe4\xba\xbf")  # type: ignore[arg-type]


def test_spans_map_back_through_deletions_and_replacements() -> None:
    source = "完成 **130** 亿元，增长１００.６％，突破 1.5 万\n家"
    n = normalize(source)
    assert n.text == "完成130亿元，增长100.6%，突破1.5万\n家"
    for surface, original in [
        ("130亿元", "130** 亿元"),
        ("100.6%", "１００.６％"),
        ("1.5万", "1.5 万"),
    ]:
        i = n.text.index(surface)
        s, e = n.to_source(i, i + len(surface))
        assert source[s:e] == original
    s, e = n.to_clean(source.index("１００"), source.index("１００") + 3)
    assert n.text[s:e] == "100"


def test_seed_003_comes_out_as_paragraphs_with_nothing_lost() -> None:
    source = seed("003_5c4221fe6f0a1c0c.txt")
    n = normalize(source)
    assert "技术合同成交额达394.28亿元，同比增长20.54%。" in n.text
    assert "突破1.5万家" in n.text
    assert n.text.count("\n") < source.count("\n") / 3
    keep = regex.compile(r"[\p{Han}0-9]")
    assert keep.findall(n.text) == keep.findall(source)


def test_web_page_chrome_is_removed_but_the_content_stays() -> None:
    source = seed("004_4a24b91d648ac036.txt")
    n = normalize(source)
    assert "当前位置" not in n.text and "【字号" not in n.text and "分享:" not in n.text
    assert "营科发〔2022〕16号" in n.text and "发布时间:2022-07-07" in n.text


def test_markdown_front_matter_and_headings() -> None:
    source = "---\nsource: https://example.org\ntitle: 1990年\n---\n\n**公报**\n\n## 一、农业\n"
    assert normalize(source).text == "\n公报\n\n一、农业\n"


def test_repeated_heading_marks_go_at_once() -> None:
    # hypothesis found **## ## ## ## 一: a mark per pass left one behind after the last round
    assert normalize("**## ## ## ## 一、总体要求").text == "一、总体要求"
    assert normalize("## 一\n# 1 #").text == "一\n1 #"


def test_traditional_text_is_converted_and_simplified_text_is_left_alone() -> None:
    assert normalize("二、經濟發展的主要預期目標").text == "二、经济发展的主要预期目标"
    untouched = "面向驻沈重点高校院所，旭昇陶瓷"
    assert normalize(untouched).text == untouched
    assert normalize(untouched, NormalizeConfig(to_simplified=True)).text != untouched


def test_a_lone_surrogate_in_traditional_text_passes_through() -> None:
    # OpenCC cannot encode a lone surrogate (hypothesis found it); the rest is still converted.
    n = normalize("經濟發展\ud800經濟")
    assert n.text == "经济发展\ud800经济"


def test_the_config_has_one_switch_per_step_and_each_switch_works() -> None:
    assert [s.name for s in PLAN] == [
        f for f in NormalizeConfig.__dataclass_fields__ if f in {s.name for s in PLAN}
    ]
    assert normalize("增长１００％", NormalizeConfig(fold_width=False)).text == "增长１００％"
    assert normalize("６ 万", NormalizeConfig(remove_inner_spaces=False)).text == "6 万"


def test_explain_lists_changes_with_original_offsets() -> None:
    source = "当前位置：首页\n增长１００％"
    changes = normalize(source).explain()
    assert sorted((c.step, c.after) for c in changes) == [
        ("fold_width", "100%"),
        ("remove_boilerplate_lines", ""),
    ]
    for c in changes:
        assert source[c.start : c.end] == c.before


def test_unknown_step_in_a_plan_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown normalization step"):
        apply_plan("x", ["fold_everything"])


def test_public_api() -> None:
    assert govnlp.normalize is normalize


def test_traditional_character_table_is_current() -> None:
    path = Path(govnlp.__file__).parent / "data" / "traditional_chars.txt"
    assert build_traditional_chars() == path.read_text(encoding="utf-8")
