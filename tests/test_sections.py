"""The section segmenter: real headings and non-headings, random outlines, tiling, gold."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govnlp import DataFileError
from govnlp.sections import (
    Outline,
    _parse_document_lines,
    _parse_markers,
    check,
    segment,
)

DATA = Path(__file__).parent / "data"


def rows(text: str) -> list[tuple[str, int, int, str, str]]:
    return [(h.marker, h.number, h.level, h.title, h.kind) for h in segment(text).headings()]


def assert_tiles(outline: Outline, text: str) -> None:
    """Top-level sections cover the text end to end; children tile the rest of a parent."""
    pos = 0
    for s in outline.sections:
        assert s.start == pos, (s.start, pos)
        assert s.end > s.start
        pos = s.end
    assert pos == len(text)
    for s in outline.walk():
        h = s.heading
        if h is not None:
            assert text[h.start : h.end] == h.text
            assert h.text.startswith(h.marker)
            assert s.start <= h.start < h.end <= s.end
            assert s.level == h.level
        if s.children:
            pos = s.children[0].start
            assert pos > s.start
            for c in s.children:
                assert c.start == pos and c.level == s.level + 1
                pos = c.end
            assert pos == s.end


# --------------------------------------------------------------------------- real headings


def test_gongwen_levels_and_run_on_titles() -> None:
    # zhouynf_2018_gwy-doc-974b08 (“无废城市”建设试点工作方案), shortened
    text = (
        "“无废城市”建设试点工作方案\n"
        "“无废城市”是以创新、协调、绿色、开放、共享的新发展理念为引领……\n"
        "一、总体要求\n"
        "（一）重大意义。党的十八大以来，党中央、国务院深入实施大气、水、土壤污染防治行动计划……\n"
        "（二）指导思想。以习近平新时代中国特色社会主义思想为指导……\n"
        "二、主要任务\n"
        "（一）强化顶层设计引领，发挥政府宏观指导作用。\n"
        "1.建立跨部门协调机制。\n"
    )
    assert rows(text) == [
        ("一、", 1, 1, "总体要求", "heading"),
        ("（一）", 1, 2, "重大意义", "heading"),
        ("（二）", 2, 2, "指导思想", "heading"),
        ("二、", 2, 1, "主要任务", "heading"),
        ("（一）", 1, 2, "强化顶层设计引领，发挥政府宏观指导作用", "heading"),
        ("1.", 1, 3, "建立跨部门协调机制", "heading"),
    ]


def test_law_chapters_articles_items() -> None:
    # lawref_2020_prov-reg-1bf687 (河南省黄河工程管理条例), in its Markdown form
    text = (
        "# 河南省黄河工程管理条例\n\n<!-- INFO END -->\n\n## 第一章  总则\n\n"
        "第一条 为了加强黄河工程的管理，提高抗洪能力，制定本条例。\n\n"
        "第二条 本条例适用于本省行政区域内黄河工程的管理和保护。\n\n"
        "## 第二章  堤防管理\n\n第九条 黄河堤防工程管理范围包括：\n\n"
        "(一)黄河堤，兰考县东坝头以上，左右岸临、背河堤脚外各不少于三十米;\n\n"
        "(二)沁河堤，堤脚外临河不少于十米，背河不少于五米。\n\n"
        "第十条 违反本条例第九条规定的，由黄河河务部门责令改正。\n"
    )
    assert rows(text) == [
        ("第一章", 1, 1, "总则", "heading"),
        ("第一条", 1, 2, "为了加强黄河工程的管理，提高抗洪能力，制定本条例", "heading"),
        ("第二条", 2, 2, "本条例适用于本省行政区域内黄河工程的管理和保护", "heading"),
        ("第二章", 2, 1, "堤防管理", "heading"),
        ("第九条", 9, 2, "黄河堤防工程管理范围包括", "heading"),
        ("(一)", 1, 3, "黄河堤，兰考县东坝头以上，左右岸临、背河堤脚外各不少于三十米", "heading"),
        ("(二)", 2, 3, "沁河堤，堤脚外临河不少于十米，背河不少于五米", "heading"),
        ("第十条", 10, 2, "违反本条例第九条规定的，由黄河河务部门责令改正", "heading"),
    ]


def test_items_sit_below_what_they_stand_under() -> None:
    # 004 seed: 一是 directly under (二) of 二、 after 1.–13. under (一)
    text = (
        "二、上半年工作完成情况\n(一)主要工作完成情况\n1.加速推进国家创新型城市建设\n正文。\n"
        "2.强化科技创新平台建设\n正文。\n(二)存在的主要问题\n"
        "一是在创新型城市建设方面,我市与创新先进市还有较大差距。\n二是在工作基础方面。\n"
        "三、下半年工作打算\n一是加快推进国家创新型城市建设。发挥市科技创新工作领导小组的作用。\n"
    )
    assert [(m, lv, k) for m, _, lv, _, k in rows(text)] == [
        ("二、", 1, "heading"),
        ("(一)", 2, "heading"),
        ("1.", 3, "heading"),
        ("2.", 3, "heading"),
        ("(二)", 2, "heading"),
        ("一是", 3, "item"),
        ("二是", 3, "item"),
        ("三、", 1, "heading"),
        ("一是", 2, "item"),
    ]


def test_foreign_marker_takes_its_siblings_level() -> None:
    # 000 seed: （2） among （一） siblings
    text = (
        "二、先进工作者\n\n（一）张金钰，辽宁省科学技术厅副处长\n\n张金钰同志……\n"
        "（2） 卫静波，沈阳市科学技术局一级主任科员\n\n卫静波同志……\n"
        "（3） 沈诗琪，大连市科学技术局一级主任科员\n"
    )
    assert [(m, n, lv) for m, n, lv, _, _ in rows(text)] == [
        ("二、", 2, 1),
        ("（一）", 1, 2),
        ("（2）", 2, 2),
        ("（3）", 3, 2),
    ]
    assert [(d.code, d.start) for d in check(text)] == [
        ("skipped-number", 0),  # the excerpt starts at 二、
        ("foreign-marker", text.index("（2）")),
    ]


def test_several_reports_in_one_file_restart_levels() -> None:
    # 002 seed: 先进事迹 of several units one after another
    para = "近年来，科技局深入实施创新驱动发展战略，完善区域创新体系，打造县域创新高地。"
    text = (
        f"太原市小店区科学技术局先进事迹\n\n{para}\n\n一、深化改革，打造科技管理“小店模式”。{para}\n\n"
        f"二、高位推动，不断完善区域创新体系。{para}\n\n"
        f"阳城县科学技术局先进事迹\n\n{para}\n\n一、“激点”是以落实上级政策为载体\n\n{para}\n\n"
        f"二、“扶线”是以招商引资为载体\n\n一是充分发挥企业创新主体作用。{para}二是不是标题。\n\n"
        f"长治高新技术产业开发区科技创新部 先进事迹\n\n{para * 2}\n\n"
        f"一是坚持规划先行，着力打造创新生态。{para}\n\n二是强化自主创新，积极融入国家战略。{para}\n"
    )
    assert [(m, lv) for m, _, lv, _, _ in rows(text)] == [
        ("一、", 1),
        ("二、", 1),
        ("一、", 1),
        ("二、", 1),
        ("一是", 2),
        ("一是", 1),
        ("二是", 1),
    ]


def test_attachments_and_appendices_restart_levels() -> None:
    text = (
        "各有关单位：\n一、总体要求\n（一）指导思想\n"
        "附件1\n2026年省十件民生实事\n一、提高低保标准\n"
        "附件2\n名词解释\n1.“四上”企业：指规模以上工业企业。\n2.“双高计划”：略。\n"
    )
    outline = segment(text)
    assert [(h.marker, h.level) for h in outline.headings()] == [
        ("一、", 1),
        ("（一）", 2),
        ("一、", 1),
        ("1.", 1),
        ("2.", 1),
    ]
    parts = [s for s in outline.sections if s.heading is None]
    assert [text[s.start : s.end].split("\n")[0] for s in parts] == [
        "各有关单位：",
        "附件1",
        "附件2",
    ]
    assert_tiles(outline, text)


def test_notes_whose_first_note_runs_on_after_the_colon_restart_levels() -> None:
    # lawtextgov_1997_cn-stats-dc50 (and the communiqués of 1989-2000): 注：1、… with
    # 2、 3、 on lines of their own; 1、 is not at a line start, the rest are notes on top
    text = (
        "## 十二、人口与人民生活\n（一）人口\n正文。\n――――  \n"
        "注：1、本公报为初步统计数。  \n2、各项统计数据未包括台湾省。  \n3、增长速度按可比价格计算。\n"
    )
    assert [(m, n, lv) for m, n, lv, _, _ in rows(text)] == [
        ("十二、", 12, 1),
        ("（一）", 1, 2),
        ("2、", 2, 1),
        ("3、", 3, 1),
    ]
    assert rows("一、甲\n（一）乙\n（1）丙\n注：（1）本表为初步数。\n（2）略。\n")[-1][2] == 1
    # a note that is not numbered 1, or plain text after 注：, starts nothing
    for note in ("注：本表为初步数。", "注：3、见上。"):
        assert [lv for _, _, lv, _, _ in rows(f"一、甲\n（一）乙\n{note}\n（二）丙\n")] == [1, 2, 2]


def test_a_line_ending_in_a_document_word_and_a_colon_is_no_title() -> None:
    # zhouynf_2004_gwy-doc-975193: （一） under 三、 after "…提出了以下意见："
    text = (
        "三、关于辽宁电力建设项目问题。\n发展改革委提出了以下意见：\n"
        "（一）你省的电力发展。\n四、关于资金问题。\n"
    )
    assert [(m, lv) for m, _, lv, _, _ in rows(text)] == [("三、", 1), ("（一）", 2), ("四、", 1)]


def test_document_that_starts_with_paren_items_puts_dun_on_top() -> None:
    # lawtextgov_2007_xinjiang-55ce: a review as （二）…（九）, then 一、…十、 for the plans
    text = (
        "（二）新型工业化迈出实质性步伐。正文。\n（三）第三产业蓬勃发展。正文。\n"
        "**一、以农民增收为核心，确保新农村建设取得实效**\n正文。\n"
        "**二、以工业增效为目标，加快推进新型工业化进程**\n正文。\n"
    )
    assert [(m, lv) for m, _, lv, _, _ in rows(text)] == [
        ("（二）", 1),
        ("（三）", 1),
        ("一、", 1),
        ("二、", 1),
    ]


def test_nesting_against_convention_follows_the_document() -> None:
    # lawtextgov_1986_cn-fyp-b58f: parts 一、 enclose chapters 第N章
    text = (
        "一、主要任务和经济发展目标\n第一章　主要任务\n正文。\n第二章　经济增长率\n正文。\n"
        "二、产业结构和产业政策\n第三章　调整产业结构\n正文。\n"
    )
    assert [(m, lv) for m, _, lv, _, _ in rows(text)] == [
        ("一、", 1),
        ("第一章", 2),
        ("第二章", 2),
        ("二、", 1),
        ("第三章", 2),
    ]
    assert {d.code for d in check(text)} == {"family-out-of-order"}


def test_top_level_markers_restarting_as_a_list_inside_a_subsection() -> None:
    # lawtextgov_1955_cn-gwy-fff2: ## 三、 > （一）, and inside （一） lists numbered 一、 二、
    # again; the family of 三、 is not thereby ranked below （一）: the lists take 三、's
    # level (GUIDELINES §2 ranks by family), and ## 四、 stays on top
    text = (
        "## 三、若干问题\n（一）基本建设问题\n积累来源如下：\n一、推翻了帝国主义。\n"
        "二、推翻了封建主义。\n（二）工业生产问题\n办法是：\n一、增产原料。\n二、试制新品。\n"
        "（三）农业问题\n正文。\n## 四、为完成计划而奋斗\n"
    )
    assert [(m, lv) for m, _, lv, _, _ in rows(text)] == [
        ("三、", 1),
        ("（一）", 2),
        ("一、", 1),
        ("二、", 1),
        ("（二）", 2),
        ("一、", 1),
        ("二、", 1),
        ("（三）", 2),
        ("四、", 1),
    ]


def test_run_on_title_of_a_hard_wrapped_layout_continues_over_the_break() -> None:
    # lawtextgov_1991_cn-fyp-95a9: lines broken at one width; normalization keeps a heading
    # line to itself, so the segmenter carries the title on to the first 。 of the next line
    body = "国民经济和社会发展十年规划和第八个五年计划纲要的基本\n"
    text = (
        body * 6
        + "1．努力保持社会总需求与社会总供给基本平衡，在控制\n"
        + "通货膨胀的前提下，以提高经济效益为中心，促进经济的适\n度增长。\n\n"
        + "2．坚持对外开放\n"
        + body * 2
    )
    heads = segment(text).headings()
    assert [h.title for h in heads] == [
        "努力保持社会总需求与社会总供给基本平衡，在控制通货膨胀的前提下，以提高经济效益为中心，促进经济的适度增长",
        "坚持对外开放",
    ]
    assert heads[0].text == text[heads[0].start : heads[0].end]


def test_markers_in_all_their_forms() -> None:
    text = (
        "## 第一篇　开启新征程\n### 第一千二百六十条 本法自公布之日起施行。\n"
        "**一、**总体要求\n㈡ 基本原则\n（十二）改革创新\n1、坚持\n12．推进\n⒊ 落实\n"
        "⑷ 细化\n(5)、完善\n⑳ 注\n㉑ 再注\n十一是加强领导。\n"
    )
    assert [(m, n) for m, n, _, _, _ in rows(text)] == [
        ("第一篇", 1),
        ("第一千二百六十条", 1260),
        ("一、", 1),
        ("㈡", 2),
        ("（十二）", 12),
        ("1、", 1),
        ("12．", 12),
        ("⒊", 3),
        ("⑷", 4),
        ("(5)、", 5),
        ("⑳", 20),
        ("㉑", 21),
        ("十一是", 11),
    ]
    assert segment(text).headings()[2].title == "总体要求"
    assert rows("一是：加强领导。正文。\n第一条：为了规范。\n") == [
        ("一是", 1, 1, "加强领导", "item"),
        ("第一条", 1, 1, "为了规范", "heading"),
    ]


def test_decimal_looking_marker_vouched_for_by_its_neighbours() -> None:
    # lawtextgov_2008_cn-stats-e2e1: notes 4. 5.6大高耗能行业… 6.
    text = "注：\n4.国内生产总值按现价计算。\n5.6大高耗能行业分别为：化学原料。\n6.钢材产量。\n"
    assert rows(text.replace("：化学原料。", "")) == [
        ("4.", 4, 1, "国内生产总值按现价计算", "heading"),
        ("5.", 5, 1, "6大高耗能行业分别为", "heading"),
        ("6.", 6, 1, "钢材产量", "heading"),
    ]
    assert [(m, n, t) for m, n, _, t, _ in rows(text)] == [
        ("4.", 4, "国内生产总值按现价计算"),
        ("5.", 5, "6大高耗能行业分别为"),
        ("6.", 6, "钢材产量"),
    ]
    assert rows("增长情况\n5.6万元用于补贴。\n") == []
    # jc2026_2026_jiangxi-01c2: two in a row
    text = (
        "19.“1+N”体系：略。\n20.2026年10件民生实事：略。\n"
        "21.5+2就业之家：略。\n22.“百羽争锋”：略。\n"
    )
    assert [(m, n) for m, n, _, _, _ in rows(text)] == [
        ("19.", 19),
        ("20.", 20),
        ("21.", 21),
        ("22.", 22),
    ]


def test_table_of_contents_is_skipped() -> None:
    text = (
        "<details>\n<summary>目录</summary>\n\n- 第一篇　开启新征程\n  - 第一章　发展环境\n"
        "- 第二篇　创新驱动\n</details>\n\n## 第一篇　开启新征程\n### 第一章　发展环境\n正文。\n"
        "## 第二篇　创新驱动\n"
    )
    outline = segment(text)
    body = text.index("## ")
    assert [(h.marker, h.level, h.start) for h in outline.headings()] == [
        ("第一篇", 1, text.index("第一篇", body)),
        ("第一章", 2, text.index("第一章", body)),
        ("第二篇", 1, text.index("第二篇", body)),
    ]


def test_attachment_list_items_are_not_headings() -> None:
    # zhouynf_2004_gwy-doc-e5a8ab: 附件说明 with a continuation line
    text = (
        "湖北省人民政府：\n你省的请示收悉。\n附件：1.国土资源部关于地质险情调研情况的报告\n"
        "      2.湖北省巴东县地质险情调查专家组意见\n国务院办公厅\n"
    )
    assert rows(text) == []
    # zhouynf_2006_gwy-doc-45a4d3: 附件1.… without a colon; the attachment itself follows
    text = (
        "一、范围包括港方查验区。\n附件1.深圳湾口岸港方口岸区的查验区界址点坐标\n"
        "    2.深圳湾公路大桥部分桥面界址点坐标\n国务院\n附件1.\n深圳湾口岸港方口岸区的\n"
        "一、说明\n"
    )
    assert [(m, n, lv) for m, n, lv, _, _ in rows(text)] == [("一、", 1, 1), ("一、", 1, 1)]


# --------------------------------------------------------------------------- non-headings


@pytest.mark.parametrize(
    "line",
    [
        "2022年，全市各类科技创新平台新增172个、达到1421个。",  # a year
        "394.28亿元的技术合同成交额居东北首位。",  # a decimal
        "1421个科技创新平台。",  # a count
        "1.5万个在孵企业、团队。",  # 1. followed by a digit
        "第十条的规定，由县级以上人民政府责令改正。",  # a cross-reference wrapped to line start
        "第二十条、第二十一条规定的情形除外。",
        "一、二季度经济增长较快。",  # 一、二 as a range
        "1、2月份规模以上工业增加值增长5%。",
        "我们提出了增长预期：一是提升转化率。二是提高增长率。",  # inline 一是
        "（此件公开发布）",
        "（2022年12月22日）",
        "十四五时期发展主要成绩。",
    ],
)
def test_not_a_heading(line: str) -> None:
    assert rows("前言。\n" + line + "\n") == []


def test_inline_items_are_not_headings() -> None:
    text = "2.创新指标争先进位取得新突破。一是提升成果转化率。二是提升企业增长率。\n"
    assert [(m, t) for m, _, _, t, _ in rows(text)] == [("2.", "创新指标争先进位取得新突破")]


# --------------------------------------------------------------------------- the outline


def test_find_walk_and_renderings() -> None:
    text = "前言。\n一、总体要求\n（一）指导思想。坚持创新。\n二、重点任务\n1.推进改革\n"
    outline = segment(text)
    assert_tiles(outline, text)
    assert outline.find(0) is not None and outline.find(0).heading is None
    inner = outline.find(text.index("坚持创新"))
    assert inner is not None and inner.heading is not None and inner.heading.marker == "（一）"
    assert outline.find(len(text)) is None
    assert [s.level for s in outline.walk()] == [0, 1, 2, 1, 2]
    assert outline.to_tree().splitlines() == [
        "一、 总体要求",
        "  （一） 指导思想",
        "二、 重点任务",
        "  1. 推进改革",
    ]
    assert outline.to_markdown().splitlines()[1] == "## （一） 指导思想"
    d = outline.to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert d["sections"][1]["children"][0]["heading"]["title"] == "指导思想"


def test_offsets_point_into_the_callers_text() -> None:
    text = "\ufeff  **一、**　总体要求  \r\n\r\n　　（一）指导思想。以习近平……\r\n㈡ 基本原则\r\n"
    outline = segment(text)
    assert_tiles(outline, text)
    hs = outline.headings()
    assert [(h.marker, h.title) for h in hs] == [
        ("一、", "总体要求"),
        ("（一）", "指导思想"),
        ("㈡", "基本原则"),
    ]
    assert [text[h.start : h.start + len(h.marker)] for h in hs] == ["一、", "（一）", "㈡"]


def test_diagnostics() -> None:
    assert [d.code for d in check("一、甲\n三、乙\n三、丙\n")] == [
        "skipped-number",
        "repeated-number",
    ]
    mixed = check("一、甲\n（一）乙\n(二)丙\n")
    assert [(d.code, d.start) for d in mixed] == [("mixed-brackets", 9)]
    assert [d.code for d in check("（一）甲\n（二)乙\n")] == ["mixed-brackets"]
    # numbering that runs on across parents (articles across chapters) is not a skip
    assert check("第一章 总则\n第一条 甲。\n第二章 附则\n第二条 乙。\n") == []
    # a 款 restarting its items at (一) is not a skip either
    assert check("第一条 甲：\n（一）a；\n（二）b。\n乙：\n（一）c。\n") == []
    # 一、 after （一） with no evidence of nesting: both on top, written differently
    assert [d.code for d in check("（一）甲\n一、乙\n")] == ["foreign-marker"]


def test_data_files_are_validated() -> None:
    def row(*cells: str) -> list[tuple[int, list[str]]]:
        return [(2, list(cells))]

    with pytest.raises(DataFileError, match=r"m\.tsv:2: pattern has no group <n>"):
        _parse_markers(row("x", "heading", "1", "[0-9]\\.", "1."), "m.tsv")
    with pytest.raises(DataFileError, match=r"m\.tsv:2: rank must be"):
        _parse_markers(row("x", "item", "3", "(?P<n>{cn99})是", "一是"), "m.tsv")
    with pytest.raises(DataFileError, match=r"m\.tsv:2: bad pattern"):
        _parse_markers(row("x", "heading", "1", "(?P<n>[0-9]", "1"), "m.tsv")
    with pytest.raises(DataFileError, match=r"m\.tsv:2: kind must be"):
        _parse_markers(row("x", "title", "1", "(?P<n>[0-9])", "1"), "m.tsv")
    with pytest.raises(DataFileError, match=r"d\.tsv:2: kind must be"):
        _parse_document_lines(row("报告", "nope", ""), "d.tsv")
    # the shipped tables load
    from govnlp.sections import _document_lines, _markers

    assert _markers().rows and _document_lines().title_suffixes


# --------------------------------------------------------------------------- property tests

CN = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1..99 in Chinese numerals (十一, 二十, 九十九)."""
    tens, ones = divmod(n, 10)
    out = ("" if tens == 1 else CN[tens]) + "十" if tens else ""
    return out + (CN[ones] if ones else "")


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# marker styles in conventional order; each renders a number 1..20
STYLES: list[tuple[str, list[str]]] = [
    ("zhang", ["第{c}章 "]),
    ("jie", ["第{c}节 "]),
    ("tiao", ["第{c}条 "]),
    ("cn_dun", ["{c}、", "{c}．"]),
    ("cn_paren", ["（{c}）", "({c})", "{pc}"]),
    ("ar_dot", ["{a}.", "{a}、", "{a}．", "{da}"]),
    ("ar_paren", ["（{a}）", "({a})", "{pa}"]),
    ("circled", ["{o}"]),
]

TITLE_CHARS = "发展改革建设推进创新服务管理经济社会环境人才科技产业质量安全区域开放"
BODY = st.text(alphabet=TITLE_CHARS + "，、“”", min_size=1, max_size=30)
TITLE = st.text(alphabet=TITLE_CHARS, min_size=1, max_size=12)


@st.composite
def outlines(
    draw: st.DrawFn, conventional: bool = True
) -> tuple[str, list[tuple[str, int, int, str, str]]]:
    """A random document: a preamble, then a tree of headings in a few marker styles.

    The styles nest in their conventional order, or (``conventional=False``) in any
    order, with every inner level closed by a next sibling so the document shows it.
    """
    depth = draw(st.integers(1, 4))
    which = st.integers(0, len(STYLES) - 1)
    idx = draw(st.lists(which, min_size=depth, max_size=depth, unique=True))
    idx = sorted(idx) if conventional else idx
    styles = [STYLES[i] for i in idx]
    with_items = draw(st.booleans())
    parts = [draw(BODY) + "。\n"]
    expected: list[tuple[str, int, int, str, str]] = []

    def emit(level: int) -> None:
        if level > depth:
            return
        fewest = 1 if conventional or level == depth else 2
        n_children = draw(st.integers(fewest, 4))
        _, forms = styles[level - 1]
        for n in range(1, n_children + 1):
            form = draw(st.sampled_from(forms))
            marker = form.format(
                c=cn_numeral(n),
                a=n,
                o=CIRCLED[n - 1],
                pc=chr(0x3220 + n - 1),  # ㈠
                pa=chr(0x2474 + n - 1),  # ⑴
                da=chr(0x2488 + n - 1),  # ⒈
            )
            title = draw(TITLE)
            run_on = draw(st.booleans())
            parts.append(marker + title + ("。" + draw(BODY) + "。\n" if run_on else "\n"))
            if not run_on:
                parts.append(draw(BODY) + "。\n")
            expected.append((marker.rstrip(), n, level, title, "heading"))
            if level < depth:
                emit(level + 1)
            elif with_items:
                for k in range(1, draw(st.integers(0, 3)) + 1):
                    t = draw(TITLE)
                    parts.append(f"{cn_numeral(k)}是{t}。{draw(BODY)}。\n")
                    expected.append((f"{cn_numeral(k)}是", k, level + 1, t, "item"))

    emit(1)
    return "".join(parts), expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outlines())
def test_random_outlines_are_recovered_exactly(
    case: tuple[str, list[tuple[str, int, int, str, str]]],
) -> None:
    text, expected = case
    outline = segment(text)
    assert rows(text) == expected
    assert_tiles(outline, text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outlines(conventional=False))
def test_random_nesting_orders_follow_the_document(
    case: tuple[str, list[tuple[str, int, int, str, str]]],
) -> None:
    text, expected = case
    assert rows(text) == expected


NOISY = st.lists(
    st.sampled_from(
        [
            *"一二三四五六七八九十百千零〇第章节条篇是、．.，。：；（）()0123456789①⑴㈠",
            *["\n", "\n", " ", "\u3000", "附件", "目录", "**", "## ", "名词解释", "报告", "发展"],
        ]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(NOISY)
def test_sections_tile_any_text(text: str) -> None:
    outline = segment(text)
    assert_tiles(outline, text)
    for h in outline.headings():
        assert outline.find(h.start) is not None
        found = outline.find(h.start)
        assert found is not None and found.heading is not None
        assert found.heading.start <= h.start
    outline.check()


# --------------------------------------------------------------------------- gold and speed


def score(gold_dir: Path, docs_dir: Path) -> tuple[float, dict[str, float]]:
    """Strict F1 as ../shared/tools/score.py computes it: match by start; level and number."""
    n_gold = n_pred = strict = found = 0
    same = {"level": 0, "number": 0, "title": 0, "kind": 0}
    for g in sorted(gold_dir.glob("*.headings.jsonl")):
        stem = g.name[: -len(".headings.jsonl")]
        text = (docs_dir / f"{stem}.txt").read_bytes().decode("utf-8")
        gold = [json.loads(x) for x in g.read_text("utf-8").splitlines() if x.strip()]
        pred = {h.start: h for h in segment(text).headings()}
        n_gold += len(gold)
        n_pred += len(pred)
        for r in gold:
            h = pred.get(r["start"])
            if h is None:
                continue
            found += 1
            same["level"] += h.level == r["level"]
            same["number"] += h.number == r["number"]
            same["title"] += h.title.strip() == r["title"].strip()
            same["kind"] += h.kind == r.get("kind", "heading")
            strict += h.level == r["level"] and h.number == r["number"]
    p = strict / n_pred if n_pred else float(n_gold == 0)
    r = strict / n_gold if n_gold else float(n_pred == 0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, {k: v / max(found, 1) for k, v in same.items()}


def test_gold_seeds_strict_f1() -> None:
    f1, accuracy = score(DATA / "gold", DATA / "seeds")
    assert f1 >= 0.97, (f1, accuracy)
    assert accuracy["title"] >= 0.95, accuracy


@pytest.mark.parametrize("unit", ["（", "1.1.1.", "一、"])
def test_linear_time_on_a_megabyte(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    t0 = time.perf_counter()
    assert segment(text).headings() == []
    assert time.perf_counter() - t0 < 20


def test_cli_formats_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from govnlp.cli import main

    doc = tmp_path / "a.txt"
    doc.write_text("一、总体要求\n（一）指导思想。坚持。\n（三）原则\n", encoding="utf-8")
    assert main(["sections", str(doc)]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["file"], r["start"], r["marker"], r["level"], r["title"]) for r in out] == [
        (str(doc), 0, "一、", 1, "总体要求"),
        (str(doc), 7, "（一）", 2, "指导思想"),
        (str(doc), 19, "（三）", 2, "原则"),
    ]
    assert main(["sections", str(doc), "--format", "tree"]) == 0
    assert capsys.readouterr().out == "一、 总体要求\n  （一） 指导思想\n  （三） 原则\n"
    assert main(["sections", str(doc), "--check"]) == 0
    (row,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert (row["code"], row["start"]) == ("skipped-number", 19)
    assert main(["sections", str(tmp_path / "missing.txt")]) == 2
