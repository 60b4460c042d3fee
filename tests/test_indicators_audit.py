"""The indicator table on an audit set of four kinds of document the seeds do not cover.

``tests/data/indicators_audit`` names excerpts of ``../shared/corpus/docs`` (cut at line ends,
byte for byte; see ``SOURCES.tsv``) of 2026 provincial work reports (three reviews, another province's targets),
2014 municipal work reports (a review, another city's targets), State Council five-year plans
(2011, 2026) and regulations (a province's, a county's penalties), annotated by hand after
GUIDELINES §3; and, annotated blind before the rules were run on them, an NBS statistical
communiqué (1997), a 2008 municipal review, a 2005 provincial work arrangement (targets and
project capacities), a 2017 municipal report's appendix data tables (pipe tables), and two
prefecture-level work reports (a 2025 review with no review heading, a 2021 year's targets), and
two municipal work reports (Qingdao 1998: a five-year review and five-year targets; Harbin 2013:
a year's review; blind period 0.557, metric 0.785, scope 0.911 before the rules learnt a
report's five-year windows and no 去年港 scope: 0.886, 0.861, 0.937). The whole
pipeline runs (quantity parser included): a gold row whose span the parser misses counts as
wrong.
"""

from __future__ import annotations

from pathlib import Path

from indicator_gold import FIELDS, score_end_to_end
from shared import check_rows, load_audit, read_rows

AUDIT = Path(__file__).parent / "data" / "indicators_audit"

# what the rules reach on the audit set, less a small margin
FLOORS = {"metric": 0.91, "breakdown": 0.98, "period": 0.98, "status": 0.99, "scope": 0.975}


def test_audit_set_fields_reach_their_floors() -> None:
    c, errors = score_end_to_end(AUDIT)
    n = c["gold"]
    assert n == 904
    for f in FIELDS:
        assert c[f] / n >= FLOORS[f], (f, c[f] / n, errors[:10])
    assert c["strict"] / n >= 0.88, (c["strict"] / n, errors[:10])


def test_audit_excerpts_match_their_gold_spans() -> None:
    loaded = load_audit(AUDIT, "indicators")  # checks every span as it reads
    assert len(loaded) == len(list(AUDIT.glob("*.indicators.jsonl"))) == 18
    for e, text, _ in loaded:
        check_rows(text, read_rows(AUDIT / f"{e.stem}.indicators.jsonl"), e.name)


def test_a_work_report_is_dated_and_placed_by_its_dateline() -> None:
    from govnlp.indicators import read_context

    # the dateline broken across two lines, and a title with neither year nor region
    c = read_context("政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n")
    assert (c.year, c.reviewed, c.region) == (2026, 2025, "广东省")
    c = read_context("**政府工作报告**\n——2014年3月5日在第十二届全国人民代表大会第二次会议上\n")
    assert (c.year, c.region) == (2014, "全国")


def test_a_regulation_takes_its_region_from_its_title_not_an_article() -> None:
    from govnlp.indicators import read_context

    t = (
        "# 酉阳土家族苗族自治县城镇管理条例\n\n第四条 自治县人民政府对城镇管理工作统一领导、"
        "分级负责。\n"
    )
    c = read_context(t)
    assert (c.region, c.status) == ("酉阳土家族苗族自治县", "rule")


def test_a_work_report_review_and_its_arrangements() -> None:
    from govnlp.indicators import extract_indicators

    t = (
        "2026年吉林省政府工作报告\n"
        "——2026年1月27日在吉林省第十四届人民代表大会第五次会议上\n"
        "一、工作回顾\n（一）聚力落实国家重大战略任务。全省地区生产总值增长5.1%。\n"
        "二、2026年工作安排\n城乡居民基本医保财政补助标准提高到人均720元，"
        "每个县（市、区）发展2个产业园。\n"
    )
    got = [(r.text, r.metric, r.period, r.status, r.scope) for r in extract_indicators(t)]
    assert got == [
        # an undated review reports on the year before the report; 任务 in a review heading
        # is no plan
        ("5.1%", "地区生产总值", "2025", "actual", "吉林省"),
        # a subsidy standard and a per-county count in the arrangements are planned
        ("720元", "城乡居民基本医保财政补助标准", "2026", "target", "吉林省"),
        ("2个", "产业园", "2026", "target", "吉林省"),
    ]


def test_a_review_lead_sets_the_year_reviewed_up_to_the_plan() -> None:
    from govnlp.indicators import extract_indicators

    # no review heading: the lead announcing a list covers its headings; the plan's （一）
    # (numbered afresh) ends it, as a paragraph opening with the year ahead would
    t = (
        "贵港市政府工作报告（2025年1月21日）\n"
        "过去一年，我们重点做了以下工作：\n"
        "（一）全力强产业。规模以上工业增加值增长2.8％，新建项目160个。\n"
        "（二）全力惠民生。城镇新增就业2.4万人。\n"
        "（一）稳增长。城镇新增就业2.5万人。\n"
    )
    got = [(r.text, r.period, r.status) for r in extract_indicators(t)]
    assert got[:4] == [
        ("2.8％", "2024", "actual"),
        ("160个", "2024", "actual"),
        ("2.4万人", "2024", "actual"),
        ("2.5万人", "2025", "target"),
    ]
