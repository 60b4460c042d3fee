"""公文 elements (GUIDELINES §4): values, every element, document splits, gold, real notices."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from gold import GOLD, SEEDS, seed_stems
from helpers import assert_spans_point_into
from shared import DOCS, SHARED, needs_shared

import govnlp
from govnlp.elements import DocNumber, elements, parse_date, parse_doc_number
from govnlp.elements.values import attachment_number, parse_security
from govnlp.sections import document_starts, segment

FULL = """000123
秘密★一年
特急
某某市人民政府文件
某政发〔2022〕7号　　签发人：张三
某某市人民政府关于转发省政府关于转发《某某办法》的通知的通知
各县（市）区人民政府、市政府各部门，各有关单位：
现将省政府《关于转发〈某某办法〉的通知》（省政发〔2021〕3号）转发给你们，请认真执行。
附件：1．某某办法
2．《某某细则》
某某市人民政府
二〇二二年七月六日
（此件公开发布）
附件1
某某办法
第一条 为了规范……
抄送：市委办公室，市人大常委会办公室。
某某市人民政府办公室　　2022年7月8日印发
"""


def rows(text: str) -> list[tuple[int, str, str, object]]:
    found = elements(text)
    assert_spans_point_into(text, found, ordered=False)
    return [(e.doc, e.element, e.text, e.value) for e in found]


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2022年7月6日", "2022-07-06"),
        ("2022年07月06日", "2022-07-06"),
        ("二〇二二年七月六日", "2022-07-06"),
        ("二○二二年十二月三十一日", "2022-12-31"),
        ("二0二二年七月二十日", "2022-07-20"),
        ("二O一一年三月五日", "2011-03-05"),
        ("2022.07.06", "2022-07-06"),
        ("2022-07-06", "2022-07-06"),
        ("2022年7月", "2022-07"),
        ("2022年13月1日", None),
        ("2022年2月30日", None),
        ("二〇二二年七月四十日", None),
    ],
)
def test_dates(text: str, value: str | None) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize(
    ("text", "agency", "year", "serial"),
    [
        ("营科发〔2022〕16号", "营科发", 2022, 16),
        ("国发[2021]1号", "国发", 2021, 1),
        ("国发(2021)1号", "国发", 2021, 1),
        ("国发［2021］1号", "国发", 2021, 1),
        ("国发（2021）1号", "国发", 2021, 1),
        ("国发【2021】1号", "国发", 2021, 1),
        ("国发﹝2021﹞1号", "国发", 2021, 1),
        ("国发 〔 2021 〕 第 016 号", "国发", 2021, 16),
        ("国办发〔2021〕12", "国办发", 2021, 12),
        ("国务院令第732号", "国务院令", None, 732),
        ("国家税务总局公告2019年第39号", "国家税务总局公告", 2019, 39),
    ],
)
def test_doc_numbers(text: str, agency: str, year: int | None, serial: int) -> None:
    assert parse_doc_number(text) == DocNumber(agency, year, serial)


def test_malformed_numbers_and_dates_have_no_value() -> None:
    assert parse_doc_number("营科发〔2022〕号") is None
    assert parse_doc_number("") is None
    assert parse_date("") is None
    text = "关于某事的通知\n某发〔2022〕号\n各科室：\n现通知如下。\n某某局\n2022年13月40日\n"
    found = {r[1]: r for r in rows(text)}
    assert found["date"][3] is None and found["date"][2] == "2022年13月40日"


def test_security_and_attachment_numbers() -> None:
    assert parse_security("秘密 * 一年") == "秘密★1年"
    assert parse_security("机密☆10年") == "机密★10年"
    assert parse_security("绝密") == "绝密"
    assert [attachment_number(x) for x in ("附件1", "附件 2", "附件一", "附件十二", "附件")] == [
        1,
        2,
        1,
        12,
        None,
    ]


# --------------------------------------------------------------------------- elements


def test_every_element_of_a_full_document() -> None:
    got = rows(FULL)
    want = [
        (0, "copy_number", "000123", "000123"),
        (0, "security", "秘密★一年", "秘密★1年"),
        (0, "urgency", "特急", "特急"),
        (0, "issuer", "某某市人民政府", "某某市人民政府"),
        (0, "doc_number", "某政发〔2022〕7号", DocNumber("某政发", 2022, 7)),
        (0, "signer", "张三", "张三"),
        (0, "title", "某某市人民政府关于转发省政府关于转发《某某办法》的通知的通知", None),
        (0, "carried_kind", "办法", "办法"),
        (0, "carried_kind", "通知", "通知"),
        (0, "doc_type", "通知", "通知"),
        (0, "recipients", "各县（市）区人民政府", "各县（市）区人民政府"),
        (0, "recipients", "市政府各部门", "市政府各部门"),
        (0, "recipients", "各有关单位", "各有关单位"),
        (0, "attachment_note", "某某办法", "某某办法"),
        (0, "attachment_note", "某某细则", "某某细则"),
        (0, "signature", "某某市人民政府", "某某市人民政府"),
        (0, "date", "二〇二二年七月六日", "2022-07-06"),
        (0, "remark", "此件公开发布", "此件公开发布"),
        (1, "attachment", "附件1", 1),
        (1, "title", "某某办法", "某某办法"),
        (1, "doc_type", "办法", "办法"),
        (1, "cc", "市委办公室", "市委办公室"),
        (1, "cc", "市人大常委会办公室", "市人大常委会办公室"),
        (1, "printed_by", "某某市人民政府办公室", "某某市人民政府办公室"),
        (1, "printed_date", "2022年7月8日", "2022-07-08"),
    ]
    assert [(d, el, t) for d, el, t, _ in got] == [(d, el, t) for d, el, t, _ in want]
    for (_, el, t, v), (_, _, _, w) in zip(got, want, strict=True):
        assert v == (w if w is not None else "".join(t.split())), el


def test_cited_numbers_and_titles_in_the_body_are_no_elements() -> None:
    got = rows(FULL)
    assert not any("省政发" in t for _, _, t, _ in got)
    text = "关于某事的通知\n各科室：\n根据国发〔2021〕1号文件和《关于某事的意见》，2021年5月1日起施行。\n"
    assert [el for _, el, _, _ in rows(text)] == ["title", "doc_type", "recipients"]


def test_web_metadata_fields() -> None:
    text = (
        "索引号：11400000/2022-00123　　主题分类：科技\n"
        "发文机关：某某省科学技术厅\n成文日期：2022年07月05日\n"
        "标题：关于某事的通知\n发文字号：晋科发〔2022〕9号\n发布日期：2022-07-07 10:30\n"
        "来源：某某省科学技术厅\n关于某事的通知\n各市科技局：\n现通知如下。\n"
    )
    got = [(el, t, v) for _, el, t, v in rows(text)]
    assert ("index_number", "11400000/2022-00123", "11400000/2022-00123") in got
    assert ("topic", "科技", "科技") in got
    assert ("issuer", "某某省科学技术厅", "某某省科学技术厅") in got
    assert ("date", "2022年07月05日", "2022-07-05") in got
    assert ("doc_number", "晋科发〔2022〕9号", DocNumber("晋科发", 2022, 9)) in got
    assert ("published", "2022-07-07 10:30", "2022-07-07") in got
    assert ("source", "某某省科学技术厅", "某某省科学技术厅") in got
    assert [el for el, _, _ in got].count("title") == 2


def test_order_and_its_number() -> None:
    text = "中华人民共和国国务院令\n第706号\n《某某条例》已经国务院常务会议通过，现予公布。\n总理　李克强\n2018年11月6日\n"
    got = [(el, t, v) for _, el, t, v in rows(text)]
    assert got == [
        ("issuer", "中华人民共和国国务院", "中华人民共和国国务院"),
        ("doc_number", "第706号", DocNumber("中华人民共和国国务院令", None, 706)),
        ("signature", "总理　李克强", "总理李克强"),
        ("date", "2018年11月6日", "2018-11-06"),
    ]


def test_wrapped_title_and_joint_signature() -> None:
    text = "国务院、中央军委关于同意某某部\n迁址新建的批复\n国函〔1996〕95号\n某某总部：\n同意。\n国务院　中央军委\n一九九六年十一月五日\n"
    got = [(el, t) for _, el, t, _ in rows(text)]
    assert got[0] == ("title", "国务院、中央军委关于同意某某部\n迁址新建的批复")
    assert ("signature", "国务院") in got and ("signature", "中央军委") in got


def test_recipients_split_only_between_addressees() -> None:
    text = (
        "关于某事的通知\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现通知如下。\n"
    )
    got = [t for _, el, t, _ in rows(text) if el == "recipients"]
    assert got == ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]


def test_kinds_from_the_right_end() -> None:
    def kinds(title: str) -> list[tuple[str, str]]:
        return [
            (el, str(v))
            for _, el, _, v in rows(title + "\n各科室：\n正文。\n")
            if "kind" in el or "type" in el
        ]

    assert kinds("关于印发《某某管理办法（试行）》的通知") == [
        ("carried_kind", "办法"),
        ("doc_type", "通知"),
    ]
    assert kinds("某某会议纪要") == [("doc_type", "纪要")]
    assert kinds("关于某事的复函") == [("doc_type", "函")]
    assert kinds("关于同意建立某某制度的批复") == [("doc_type", "批复")]
    assert kinds("某某实施细则（试行）") == [("doc_type", "细则")]
    assert kinds("关于印发《甲办法》和《乙规定》的通知") == [
        ("carried_kind", "办法"),
        ("carried_kind", "规定"),
        ("doc_type", "通知"),
    ]


def test_no_elements_in_text_that_is_no_official_document() -> None:
    assert rows("") == []
    assert rows("2022年，全市科技创新工作取得新成效。技术合同成交额达394.28亿元。\n") == []
    assert rows("沈阳市科学技术局2022年工作总结如下:\n一、工作情况\n2022年,我们…\n") == []
    for junk in ("〔〔〔〔2022〕〕号" * 50, "附件" * 100, "\n\n\n", "年月日" * 300, "：" * 500):
        rows(junk)  # no exception


# --------------------------------------------------------------------------- documents


def test_documents_split_once_for_outline_and_elements() -> None:
    for stem in seed_stems():
        text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        starts = document_starts(text)
        assert segment(text).documents == starts == elements(text).documents
    assert len(elements(FULL).documents) == 2


def test_summaries() -> None:
    (first, second) = elements(FULL).summaries()
    assert (first.title, first.doc_type, first.number, first.date, first.year) == (
        "某某市人民政府关于转发省政府关于转发《某某办法》的通知的通知",
        "通知",
        "某政发〔2022〕7号",
        "2022-07-06",
        2022,
    )
    assert first.issuer == "某某市人民政府" and second.title == "某某办法"


# --------------------------------------------------------------------------- gold


def _score(pairs: list[tuple[str, Path]]) -> tuple[float, float]:
    """Strict F1 and value accuracy of ``elements`` on (text, gold file) pairs, as score.py
    counts them (doc, element, start and end must agree; values compared as JSON)."""
    tp = predicted = gold_n = right = 0
    for text, path in pairs:
        gold = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        pred = elements(text).to_dicts()
        by_key = {(g.get("doc", 0), g["element"], g["start"], g["end"]): g for g in gold}
        predicted += len(pred)
        gold_n += len(gold)
        for p in pred:
            g = by_key.pop((p["doc"], p["element"], p["start"], p["end"]), None)
            if g is not None:
                tp += 1
                right += g.get("value") == p["value"]
    return 2 * tp / (predicted + gold_n), right / tp if tp else 0.0


def test_seed_gold_strict_f1() -> None:
    """The seeds' development gold: strict F1 1.0 and every value right (target 0.95)."""
    pairs = [
        ((SEEDS / f"{s}.txt").read_text(encoding="utf-8"), GOLD / f"{s}.elements.jsonl")
        for s in seed_stems()
    ]
    f1, values = _score(pairs)
    assert f1 >= 0.95, f1
    assert values == 1.0


ELEMENTS_GOLD = Path(__file__).parent / "data" / "elements_gold"


@needs_shared
def test_blind_elements_gold() -> None:
    """The blind annotations of 16 notices, replies, decisions and regulations (written
    before this reader was seen; scored blind at F1 0.8732, values 1.0; held-out target
    0.90 and 0.95)."""
    pairs = [
        ((DOCS / (p.name.split(".")[0] + ".txt")).read_text(encoding="utf-8"), p)
        for p in sorted(ELEMENTS_GOLD.glob("*.elements.jsonl"))
    ]
    assert len(pairs) >= 16
    f1, values = _score(pairs)
    assert f1 >= 0.95, f1
    assert values >= 0.95, values


# --------------------------------------------------------------------------- real notices


def _manifest_docs(types: tuple[str, ...]) -> list[Path]:
    with (SHARED / "corpus" / "MANIFEST.tsv").open(encoding="utf-8") as f:
        return [DOCS / r["file"] for r in csv.DictReader(f, delimiter="\t") if r["type"] in types]


@needs_shared
def test_real_notices_replies_and_decisions() -> None:
    """Held-out style: State Council notices, replies and decisions (the zhouynf set) each
    give a title ending in its kind, a 文号 and a signature date; every span points into
    the text; nothing in any notice or other document raises."""
    complete = 0
    state_council = 0
    for path in _manifest_docs(("notice", "other")):
        text = path.read_text(encoding="utf-8")
        found = elements(text)
        assert_spans_point_into(text, found, ordered=False)
        if not path.name.startswith("zhouynf"):
            continue
        state_council += 1
        names = {e.element for e in found.of(0)}
        assert {"title", "doc_number"} & names, path.name  # an order (令) has no title
        complete += {"title", "doc_type", "doc_number", "date"} <= names
    assert complete >= 0.9 * state_council, (complete, state_council)


def test_public_api() -> None:
    assert govnlp.elements is elements


# --------------------------------------------------------------------------- integration


def test_analyze_returns_the_elements_with_the_outline_split() -> None:
    doc = govnlp.analyze(FULL, terms=False)
    assert doc.elements is not None
    assert doc.elements.documents == doc.outline.documents
    assert [e.to_dict() for e in doc.elements] == elements(FULL).to_dicts()
    d = doc.to_dict()
    assert d["elements"][0]["element"] == "copy_number"
    assert [r["title"] for r in d["documents"]][1] == "某某办法"


def test_run_with_elements_writes_the_documents_table(tmp_path: Path) -> None:
    import io

    from govnlp.runs import run

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(FULL, encoding="utf-8")
    out = tmp_path / "out"
    summary = run([str(tmp_path / "docs")], str(out), tasks=["elements"], log=io.StringIO())
    assert summary.records == {"elements": len(elements(FULL)), "documents": 2}
    rows = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert [(r["doc"], r["type"], r["number"], r["year"]) for r in rows] == [
        (0, "通知", "某政发〔2022〕7号", 2022),
        (1, "办法", None, 2022),
    ]


def test_documents_table_regions() -> None:
    text = (SEEDS / "002_94b2a84f5648a8f3.txt").read_text(encoding="utf-8")
    regions = [d.region for d in elements(text).summaries(text)]
    assert regions == ["运城市", "太原市小店区", "阳城县", "长治高新区"]


def test_indicators_take_year_and_region_from_the_elements() -> None:
    text = "关于某事的通知\n各科室：\n今年全市完成投资12亿元。\n营口市科学技术局\n2022年7月6日\n"
    (row,) = govnlp.extract_indicators(text)
    assert (row.period, row.scope) == ("2022", "营口市")


def test_joint_issuers_stacked_and_signers_on_their_own_line() -> None:
    text = (
        "中共某某市委员会\n某某市人民政府\n文件\n某委发〔2021〕3号\n关于加强某某工作的意见\n"
        "各县（区）党委和人民政府，市直各单位：\n为了加强。\n"
        "中共某某市委员会　　某某市人民政府\n2021年3月1日\n"
    )
    got = [(el, t) for _, el, t, _ in rows(text)]
    assert got[:4] == [
        ("issuer", "中共某某市委员会"),
        ("issuer", "某某市人民政府"),
        ("doc_number", "某委发〔2021〕3号"),
        ("title", "关于加强某某工作的意见"),
    ]
    text = "某某省人民政府文件\n某政发〔2020〕12号\n签发人：张三 李四\n关于某事的请示\n省委：\n正文。\n"
    assert [t for _, el, t, _ in rows(text) if el == "signer"] == ["张三", "李四"]
