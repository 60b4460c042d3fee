"""The gazetteer: complete table, short and former names, resolving with a region, scanning."""

from __future__ import annotations

import pytest

from govnlp import gazetteer as g


def test_the_table_is_complete() -> None:
    levels = {lv: sum(1 for _ in g.divisions(lv)) for lv in ("province", "prefecture", "county")}
    assert levels["province"] == 34  # 23 provinces, 5 autonomous regions, 4 municipalities, 2 SARs
    assert 330 <= levels["prefecture"] <= 340
    assert 2800 <= levels["county"] <= 2900
    for d in g.divisions():
        assert d.level == "country" or g.division(d.parent or "").level != "county"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("沈阳", "210100"),
        ("沈阳市", "210100"),
        ("广西", "450000"),
        ("宁夏", "640000"),
        ("内蒙古", "150000"),
        ("新疆", "650000"),
        ("西藏", "540000"),
        ("黔南", "522700"),
        ("延边州", None),  # not a form the table holds
        ("科右中旗", "152222"),
        ("鄂托克旗", "150624"),
        ("锡林郭勒盟", "152500"),
        ("浚县", "410621"),
        ("鹤壁市浚县", "410621"),
        ("襄樊", "420600"),
        ("襄樊市", "420600"),
        ("思茅地区", "530800"),
        ("哲里木盟", "150500"),
        ("宁乡县", "430182"),  # 县 before 2017, by the recorded change
        ("昆山县", "320583"),  # 县 before 1989, by the rule X县 -> X市
        ("宜昌地区", "420500"),  # 地区 before 1992, by the rule X地区 -> X市
        ("全国", "100000"),
    ],
)
def test_resolve(name: str, code: str | None) -> None:
    d = g.resolve(name)
    assert (d.code if d else None) == code


def test_within_disambiguates() -> None:
    assert len(g.lookup("鼓楼区")) >= 4
    assert g.resolve("鼓楼区") is None
    assert g.resolve("鼓楼区", within="南京").code == "320106"  # type: ignore[union-attr]
    assert g.resolve("鼓楼区", within="江苏省") is None  # Nanjing's and Xuzhou's
    assert g.resolve("朝阳", within="吉林") is not None
    assert g.resolve("海淀区", within="上海") is None


def test_ancestors_and_qualified() -> None:
    assert [a.code for a in g.ancestors("110108")] == ["110000", "100000"]
    assert g.qualified("410621") == "鹤壁市浚县"
    with pytest.raises(g.UnknownDivision):
        g.division("000001")


def test_find_places_offsets_and_context() -> None:
    text = "辽宁省大连市金普新区和金州区，各市和县级单位，吉林省朝阳区"
    places = g.find_places(text)
    for p in places:
        assert text[p.start : p.end] == p.text
    found = [(p.text, p.division.code if p.division else None) for p in places]
    assert ("金州区", "210213") in found
    assert all(p.text != "和县" for p in places)
    # 朝阳区 is under Changchun when the text has named 吉林省 just before
    assert found[-1] == ("朝阳区", "220104")


def test_former_names_carry_the_year() -> None:
    ms = g.lookup_matches("襄樊市")
    assert ms[0].how == "former" and ms[0].until == 2010 and ms[0].division.name == "襄阳市"
    rule = [m for m in g.lookup_matches("昆山县") if m.how == "former"]
    assert rule and rule[0].rule


def test_zones_hang_on_their_city() -> None:
    d = g.resolve("金普新区")
    assert d is not None and d.level == "zone" and d.code is None and d.parent == "210200"
    assert g.resolve("金普新区", within="辽宁") == d
    places = g.find_places("大连金普新区")
    assert [(p.text, p.division.level if p.division else None) for p in places] == [
        ("大连", "prefecture"),
        ("金普新区", "zone"),
    ]
