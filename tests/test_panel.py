"""The region × year panel: synthetic reports with targets and outcomes, and the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shared import DOCS as SHARED
from shared import needs_shared

import govnlp.targets as P
from govnlp.cli import main
from govnlp.targets.canonical import canonical_indicator, canonical_indicators

R2025 = """2025年湖北省政府工作报告
一、2024年工作回顾
2024年，全省地区生产总值增长5.8%，一般公共预算收入增长3.1%。
二、2025年主要目标
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%以上，城镇调查失业率5.5%左右，居民消费价格涨幅2%左右。
"""

R2026 = """2026年湖北省政府工作报告
一、2025年工作回顾
2025年，全省地区生产总值增长5.2%，一般公共预算收入下降1.5%，城镇调查失业率5.1%。
二、2026年主要目标
今年经济社会发展的主要预期目标是：地区生产总值增长5%—5.5%，居民消费价格涨幅2%左右。
"""

NATIONAL = """2026年国务院政府工作报告
——2026年3月5日在第十四届全国人民代表大会第四次会议上
一、2025年工作回顾
2025年，国内生产总值增长5%。
今年发展的主要预期目标是：国内生产总值增长4.5%—5%。
"""


def _rows(*docs: tuple[str, str], **kw: object) -> list[P.PanelRow]:
    return P.panel(list(docs), **kw)  # type: ignore[arg-type]


def test_target_and_outcome_join_across_reports() -> None:
    rows = _rows(("r2025.txt", R2025), ("r2026.txt", R2026), indicators=["gdp_growth"])
    by_year = {r.year: r for r in rows}
    assert set(by_year) == {2024, 2025, 2026}
    r = by_year[2025]
    assert (r.region, r.division_code) == ("湖北省", "420000")
    assert (r.target_value, r.target_value_max, r.target_qualifier) == (5.5, None, "以上")
    assert r.target_file == "r2025.txt" and R2025[r.target_start : r.target_end] == "5.5%"
    assert (r.outcome_value, r.outcome_file) == (5.2, "r2026.txt")
    assert R2026[r.outcome_start : r.outcome_end] == "5.2%"
    assert r.gap == pytest.approx(-0.3)
    assert "5.2%" in (r.outcome_sentence or "") and "地区生产总值" in (r.outcome_sentence or "")
    r26 = by_year[2026]
    assert (r26.target_value, r26.target_value_max, r26.target_qualifier) == (5.0, 5.5, "range")
    assert r26.outcome_value is None
    assert by_year[2024].target_value is None and by_year[2024].outcome_value == 5.8


def test_falls_are_negative_and_shares_are_kept_as_is() -> None:
    rows = _rows(
        ("a", R2025),
        ("b", R2026),
        indicators=["budget_revenue_growth", "surveyed_unemployment", "cpi"],
    )
    cells = {(r.indicator, r.year): r for r in rows}
    assert cells[("budget_revenue_growth", 2025)].outcome_value == -1.5
    assert cells[("surveyed_unemployment", 2025)].target_value == 5.5
    assert cells[("surveyed_unemployment", 2025)].outcome_value == 5.1
    assert cells[("cpi", 2026)].target_qualifier == "左右"


def test_national_reports_are_the_whole_country() -> None:
    rows = _rows(("n", NATIONAL))
    assert {(r.region, r.division_code, r.year) for r in rows} == {
        ("全国", "100000", 2025),
        ("全国", "100000", 2026),
    }


def test_revised_outcomes_are_kept_as_alternatives() -> None:
    later = "2027年湖北省政府工作报告\n2025年，全省地区生产总值增长5.3%。\n"
    rows = _rows(("b", R2026), ("c", later))
    r = next(r for r in rows if r.year == 2025)
    assert r.outcome_value == 5.2 and r.outcome_file == "b"
    assert [a["value"] for a in r.outcome_alternatives] == [5.3]


def test_a_city_quoting_its_province_is_not_the_city() -> None:
    city = (
        "2026年武汉市政府工作报告\n2025年，全市地区生产总值增长5.6%，全省地区生产总值增长5.2%。\n"
    )
    facts = P.document_facts(city)
    assert {(f.region, f.division_code, f.value) for f in facts} == {("武汉市", "420100", 5.6)}


def test_canonical_ids() -> None:
    ids = [c.id for c in canonical_indicators()]
    assert len(ids) == len(set(ids)) and "gdp_growth" in ids
    assert canonical_indicator("农民人均纯收入", unit="元") == "rural_income"
    assert canonical_indicator("海洋生产总值", unit="%", change="up") is None
    assert canonical_indicator("社会物流总费用与GDP比率", unit="%") is None
    with pytest.raises(P.PanelError):
        P.panel([], indicators=["nonesuch"])


def test_cli_jsonl_csv_wide_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in (("r2025.txt", R2025), ("r2026.txt", R2026)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["panel", str(tmp_path), "--jobs", "1", "--years", "2025"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1
    for key in [
        "indicator",
        "region",
        "division_code",
        "year",
        "target_value",
        "target_value_max",
        "target_qualifier",
        "target_file",
        "target_start",
        "target_end",
        "outcome_value",
        "outcome_file",
        "outcome_start",
        "outcome_end",
    ]:
        assert key in rows[0]
    assert main(["panel", str(tmp_path), "--jobs", "1", "--wide", "--level", "province"]) == 0
    wide = capsys.readouterr().out.splitlines()
    assert wide[1].split("\t")[:3] == ["gdp_growth", "湖北省", "420000"]
    out = tmp_path / "p.csv"
    assert main(["panel", str(tmp_path), "--jobs", "1", "--format", "csv", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("indicator,region,division_code,year")
    pytest.importorskip("matplotlib")
    png = tmp_path / "p.png"
    assert main(["panel", str(tmp_path), "--jobs", "1", "--plot", str(png), "--out", str(out)]) == 0
    assert png.stat().st_size > 1000


def test_bad_facts_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "panel.jsonl"
    bad.write_text('{"nope": 1}\n', encoding="utf-8")
    with pytest.raises(P.PanelError, match=r"panel\.jsonl:1"):
        list(P.read_facts(tmp_path))


@needs_shared
def test_provincial_2026_reports() -> None:
    docs = sorted(SHARED.glob("jc2026_2026_*.txt"))[:6]
    rows = P.panel([str(p) for p in docs], jobs=1)
    cells = [r for r in rows if r.year == 2026 and r.target_value is not None]
    assert len(cells) >= 4
    for r in rows:
        for value, file, start, end in (
            (r.target_value, r.target_file, r.target_start, r.target_end),
            (r.outcome_value, r.outcome_file, r.outcome_start, r.outcome_end),
        ):
            if value is None:
                continue
            assert file and start is not None and end is not None
            text = Path(file).read_text(encoding="utf-8")
            written = text[start:end]
            assert f"{abs(value):g}" in written.replace("％", "%")


def test_xlsx_and_parquet(tmp_path: Path) -> None:
    rows = _rows(("r2025.txt", R2025), ("r2026.txt", R2026))
    pytest.importorskip("openpyxl")
    P.write_panel(rows, tmp_path / "p.xlsx", "xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "p.xlsx").active
    assert sheet is not None and sheet.cell(1, 1).value == "indicator"
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    P.write_panel(rows, tmp_path / "p.parquet", "parquet")
    frame = pd.read_parquet(tmp_path / "p.parquet")
    assert list(frame["year"]) == [r.year for r in rows]


def test_front_door() -> None:
    import govnlp

    rows = govnlp.panel([("a", R2025), ("b", R2026)], indicators=["gdp_growth"])
    assert [r.year for r in rows] == [2024, 2025, 2026]
    assert isinstance(rows[0], govnlp.PanelRow)
