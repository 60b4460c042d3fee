"""What a document says about itself: its year, region, province, period and status."""

from __future__ import annotations

import re
from collections import Counter

from ..numerals import year_of
from .cues import alternation, cues
from .headings import LINE_MARKER
from .model import DocumentContext, Status
from .times import YEAR, find_times
from .view import HAN, hard_wrapped, squash

_TITLE_WORDS = r"报告|总结|规划|纲要|方案|计划|意见|条例|办法|规定|通知|要点|安排|事迹|公报"


REGION_SUFFIX = (
    r"(?:特别行政区|自治区|自治州|自治县|高新技术产业开发区|经济技术开发区|开发区"
    r"|高新区|新区|地区|经济圈|都市圈|省|市|州|盟|县|区|旗)"
)


_ANNUAL_REPORT = r"政府工作报告"


_NATIONAL = ("中华人民共和国", "国务院", "全国", "中共中央")


# the title of the NBS communiqué names no area: 2013年国民经济和社会发展统计公报
_NATIONAL_STATISTICS = rf"^(?:{YEAR}年)?国民经济和社会发展统计公报$"


# a work report's dateline: ——2014年1月10日在济南市第十五届人民代表大会第三次会议上
# (the line may be broken anywhere: it is read from the header lines joined)
_DELIVERED = re.compile(
    rf"(?:(?P<year>{YEAR})年\d{{1,2}}月\d{{1,2}}日)?在"
    rf"(?:(?P<region>[{HAN}]{{2,12}}?(?:自治区|自治州|省|市|州|盟|县|区))第[一二三四五六七八九十]+届"
    r"|第[一二三四五六七八九十]+届全国)人民代表大会"
)
NOT_REGION_HEAD = tuple("全我本各该市省县区地城社")


LEVEL_AFTER = "级属场民委直长内外域政圈"


def region_aliases(name: str) -> str:
    return name.replace("高新技术产业开发区", "高新区")


def unit_region(line: str) -> str | None:
    """The region of a line naming a unit (``太原市小店区科学技术局先进事迹`` → 太原市小店区)."""
    s = squash(line)
    s = re.sub(rf"^(?:附件\d*[:：]?)?(?:{YEAR}年(?:度)?)?", "", s)
    s = LINE_MARKER.sub("", s, count=1)
    m = alternation("org_word").search(s)
    if m is None:
        return None
    head = s[: m.start()]
    parts = re.findall(rf"[{HAN}]+?{REGION_SUFFIX}", head)
    if not parts or "".join(parts) != head or head.startswith(NOT_REGION_HEAD):
        return None
    if _BARE_LEVEL.fullmatch(head):
        return None  # 自治区人民政府主席包钢: the level of the document's own region, no name
    return region_aliases(head)


_BARE_LEVEL = re.compile(
    rf"(?:自治|特别行政|行政|新|开发|高新|市辖|地|本|该|全|各)?{REGION_SUFFIX}"
)
"""A level word that names no unit of its own (自治区, 地区, 新区, 各县)."""


def _province_of(region: str | None, text: str) -> str | None:
    """The province of a region: named in it, else the province of its city (沈阳市 → 辽宁省),
    else the province the text names most."""
    provinces = cues().provinces
    if region:
        for short, name in provinces.items():
            if region.startswith(short):
                return name
        cities = cues().cities
        for k in range(min(len(region), 6), 1, -1):
            if region[:k] in cities:
                return cities[region[:k]]
    counts: Counter[str] = Counter()
    for short, name in provinces.items():
        n = text.count(short)
        if n:
            counts[name] += n
    return counts.most_common(1)[0][0] if counts else None


def _undated(title: str) -> str:
    """The title without a leading year (1982年国务院政府工作报告 → 国务院政府工作报告)."""
    return re.sub(rf"^{YEAR}年(?:度)?", "", title)


def read_context(
    text: str, *, title: str | None = None, year: int | None = None, region: str | None = None
) -> DocumentContext:
    """The document's year, region, province, own period and status, from its own words.

    The header comes first (the title line, ``发布时间:2022-07-07``, a date line, the unit
    that signs it); a document that speaks of 今年 without dating itself is taken to be
    of the latest year it mentions. Arguments given by the caller win.

    >>> c = read_context("沈阳市科学技术局2022年工作总结和2023年工作安排如下:\\n一、…")
    >>> c.year, c.region, c.province
    (2022, '沈阳市', '辽宁省')
    >>> read_context("营科发〔2022〕16号\\n发布时间:2022-07-07\\n全市科技创新上半年工作总结").period
    '2022-H1'
    """
    evidence: list[str] = []
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    head = lines[:30]
    title_line = title
    if title_line is None:
        wrapped = hard_wrapped(text.split("\n"))
        for ln in head:
            s = re.sub(r"^title[:：]", "", squash(ln))
            front_matter = s != squash(ln)  # title: … in a front-matter header
            if (
                6 <= len(s) <= 60
                and (not wrapped or front_matter)
                and not re.search("[，,。；;]", s)
                and not LINE_MARKER.match(s)
                and s.count("《") == s.count("》")
                and re.search(_TITLE_WORDS, s)
            ):
                title_line = s
                break
    doc_year = year
    if doc_year is not None:
        evidence.append(f"year {doc_year} given")
    plan_span = next(
        (t for t in find_times(title_line or "") if t.kind in ("fyp", "range") and t.value), None
    )
    if doc_year is None and plan_span is not None and plan_span.value:
        doc_year = int(plan_span.value[:4])
        evidence.append(f"year: the first year of the plan period {plan_span.text}")
    if doc_year is None and title_line:
        m = re.search(rf"({YEAR})年", title_line)
        cn = re.search(r"(一九[〇零一二三四五六七八九]{2})年", title_line)
        if m:
            doc_year = year_of(m.group(1))
            evidence.append(f"year from title {m.group(0)}")
        elif cn:  # 关于一九七八年国民经济计划执行结果的公报
            doc_year = year_of(cn.group(1))
            evidence.append(f"year from title {cn.group(0)}")
    if doc_year is None:
        for ln in head:
            m = re.search(
                rf"(?:发布时间|发布日期|时间|日期)[:：]\s*({YEAR})[-./年]", ln
            ) or re.fullmatch(rf"({YEAR})年\d{{1,2}}月\d{{1,2}}日", squash(ln))
            if m:
                doc_year = year_of(m.group(1))
                evidence.append(f"year from date line {squash(ln)[:20]}")
                break
    dateline = _DELIVERED.search(squash("".join(head)))
    if doc_year is None and dateline is not None and dateline.group("year"):
        doc_year = year_of(dateline.group("year"))
        evidence.append(f"year from the dateline {dateline.group(0)[:16]}")
    if doc_year is None and re.search("今年|当年|本年", text):
        years = [int(t.year) for t in find_times(squash(text)) if t.year and t.kind != "fyp"]
        if years:
            doc_year = max(years)
            evidence.append(f"year {doc_year}: the latest year of a text that speaks of 今年")
    doc_region = region
    if doc_region is None:
        for ln in head:
            r = None if re.search("[，,。；;]", ln) else unit_region(ln)
            if r:
                doc_region = r
                evidence.append(f"region from {squash(ln)[:24]}")
                break
    if doc_region is None and title_line and _undated(title_line).startswith(_NATIONAL):
        doc_region = "全国"
        evidence.append("region: a national document")
    if doc_region is None and title_line and re.search(_NATIONAL_STATISTICS, title_line):
        doc_region = "全国"
        evidence.append("region: the national statistical communiqué")
    if doc_region is None:
        for ln in head[:8]:  # **中华人民共和国** over **2008年…统计公报**, 国家统计局 signing
            s = squash(ln)
            if s in _NATIONAL or s in ("中华人民共和国国家统计局", "国家统计局"):
                doc_region = "全国"
                evidence.append(f"region: a national document ({s})")
                break
    if doc_region is None and title_line:
        m = re.match(
            rf"(?:{YEAR}年)?([{HAN}]{{2,12}}?(?:自治区|自治州|自治县|省|市|县|区))", title_line
        )
        # not 韩正市(长在上海市…): 市长, 省长 after a person's name
        mayor = m is not None and title_line.startswith("长", m.end())
        if m and not m.group(1).startswith(NOT_REGION_HEAD) and not mayor:
            doc_region = m.group(1)
            evidence.append(f"region from title {title_line[:20]}")
    if doc_region is None and dateline is not None:
        name = dateline.group("region") or "全国"
        if not name.startswith(NOT_REGION_HEAD) or name == "全国":
            doc_region = name
            evidence.append(f"region: the congress the report was delivered to ({name})")
    if doc_region is None:
        cities = Counter(
            m.group(0)
            for m in re.finditer(
                rf"(?:(?<![{HAN}\d０-９])|(?<=[，。；、\n]))[{HAN}]{{2}}市(?![{LEVEL_AFTER}])", text
            )  # not 35个城市
            if not m.group(0).startswith(NOT_REGION_HEAD)
            and m.group(0) not in cues().sets.get("not_region", {})
        )
        if cities:
            name, n = cities.most_common(1)[0]
            if n >= 3:
                doc_region = name
                evidence.append(f"region {name}: the city the text names most ({n}×)")
    own_period = None
    status: Status = "actual"
    if title_line:
        if doc_year is not None and "上半年" in title_line:
            own_period = f"{doc_year}-H1"
            evidence.append("period: a half-year report")
        if plan_span is not None:
            own_period = plan_span.value
            evidence.append(f"period: the plan period {plan_span.text}")
        if alternation("plan_title").search(title_line) and not re.search(
            "总结|报告|公报|执行结果", title_line
        ):  # 关于一九七八年国民经济计划执行结果的公报 reports what was done
            status = "target"
            evidence.append(f"status: a plan ({title_line[:20]})")
        elif alternation("rule_title").search(title_line) and not re.search(
            "报告|总结", title_line
        ):
            status = "rule"
            evidence.append(f"status: a regulation ({title_line[:20]})")
    review_year = None
    if doc_year is not None and title_line and re.search(_ANNUAL_REPORT, title_line):
        review_year = doc_year - 1
        evidence.append(f"reviews {review_year}: a work report delivered early in its year")
    return DocumentContext(
        year=doc_year,
        review_year=review_year,
        region=doc_region,
        province=_province_of(doc_region, text),
        title=title_line,
        own_period=own_period,
        status=status,
        evidence=tuple(evidence),
    )
