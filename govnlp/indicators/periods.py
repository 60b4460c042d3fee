"""The period of a row: the sentence, the paragraph, the section, then the document."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import alternation
from .frames import Frame
from .times import Time, complete
from .view import CLAUSE_END

if TYPE_CHECKING:
    from .sentences import Reader, Row

_COMPARED_BEFORE = r"(?:高于|低于|超过|比|较|是|相比|为)$"


def read_period(rd: Reader, r: Row, s: int, e: int, frames: list[Frame]) -> None:
    """Period: the sentence's own time words, else a time that opens a clause earlier in
    the paragraph (2021年，… sets the topic), else the section's, else the document's."""
    v = rd.v
    section = next((f for f in reversed(frames) if f.period), None)
    year = rd.ctx.year
    if section is not None and section.year is not None:
        year = section.year
    elif section is not None and section.period and section.period[:4].isdigit():
        year = int(section.period.split("/")[-1][:4])
    base = section.period if section is not None else rd.ctx.period
    base_why = f"section {section.title[:16]}" if section is not None else "the document"
    times = rd.times_in(s, r.vs)
    # recurring amounts have no single period (每年预算…, 年新增…), unless a time follows;
    # the cue holds for its own clause
    rec = None
    clause = max(v.rfind(ch, s, r.vs) for ch in "，,；;") + 1 or s
    for m in alternation("recurring").finditer(v, clause, r.vs):
        if m.start() == 0 or not re.match(r"[\d半今当全本去上明]", v[m.start() - 1]):
            rec = m
    if rec is not None and not any(t.start > rec.end() for t in times):
        r.period, r.why["period"] = None, f"a recurring amount ({rec.group(0)})"
        return
    topic = topic_period(rd, r, s, year, base)
    anchor = int(topic[0][:4]) if topic and topic[0] and topic[0][:4].isdigit() else year
    # the figure is itself a window (近五年, 连续5年, 五年来)
    if r.q.kind == "duration" and r.q.unit == "年":
        w = window_period(rd, r, s, anchor)
        if w is not None:
            r.period, r.why["period"] = w
            return
    # 在2020年、2021年，分别新增…4家和5家: the n-th year for the n-th figure
    if "分别" in v[s : r.vs]:
        k = v.rfind("分别", s, r.vs)
        before = year_list(rd, [t for t in times if t.kind == "year" and t.end <= k])
        members = [x for x in rd.sentence_rows if k < x.vs <= r.vs]
        if len(before) >= 2 and len(members) <= len(before):
            t = before[len(members) - 1]
            r.period, r.why["period"] = t.value, f"分别 over the years ({t.text})"
            return
    window = next(
        (
            x
            for x in reversed(rd.sentence_rows)
            if s <= x.vs < r.vs and x.q.kind == "duration" and x.period and "/" in x.period
        ),
        None,
    )
    if window is not None and not re.search("[，,；;]", v[window.ve : r.vs]):
        r.period, r.why["period"] = window.period, f"the window {window.q.text} before it"
        return
    own = sentence_period(rd, r, s, times, year, anchor, base, base_why)
    if own is not None:
        r.period, r.why["period"] = own
        return
    if topic is not None:
        r.period, r.why["period"] = level_at_window_end(rd, r, s, e, *topic)
        return
    r.period, r.why["period"] = level_at_window_end(
        rd, r, s, e, base, base_why if base else "no time in the text"
    )


def level_at_window_end(
    rd: Reader, r: Row, s: int, e: int, period: str | None, why: str
) -> tuple[str | None, str]:
    """A figure read in a window its section or paragraph sets (“十四五”时期…) is the level
    reached at the window's end (地区生产总值达到62661亿元 → 2025) unless it counts what was
    done over the window: a change, or a flow cue in its clause (累计, 新增, 建成). Plans
    keep their window."""
    if period is None or not re.fullmatch(r"\d{4}/\d{4}", period):
        return period, why
    planned = rd.section_status or rd.ctx.status
    review = rd.ctx.year is not None and int(period[-4:]) < rd.ctx.year
    window = r.q.kind == "duration" and r.metric is None  # 连续5年: the span itself
    if r.q.change is not None or window or (planned == "target" and not review):
        return period, why  # a plan's level targets hold for its whole period
    cs = max(rd.v.rfind(ch, s, r.vs) for ch in "，,；;") + 1 or s
    ce = r.ve
    while ce < e and rd.v[ce] not in "，,；;。\n":
        ce += 1
    if alternation("flow").search(rd.v, cs, ce):
        return period, why
    r.window = period
    return period[-4:], f"{why}; a level: the end of the window"


def year_list(rd: Reader, years: list[Time]) -> list[Time]:
    """The last run of years written as a list (2020年、2021年 / 2020年和2021年)."""
    run: list[Time] = []
    for t in years:
        if run and re.fullmatch("[、和及与]", rd.v[run[-1].end : t.start]):
            run.append(t)
        else:
            run = [t]
    return run


def sentence_period(
    rd: Reader,
    r: Row,
    s: int,
    times: list[Time],
    year: int | None,
    anchor: int | None,
    base: str | None,
    base_why: str,
) -> tuple[str | None, str] | None:
    v = rd.v
    compared = [t for t in times if re.search(_COMPARED_BEFORE, v[max(0, t.start - 3) : t.start])]
    times = [t for t in times if t not in compared]
    grows = r.q.kind == "multiple" or r.q.change is not None
    if compared and grows and compared[-1].kind == "year" and compared[-1].year:
        # 是2008年的1.7倍, 较2008年增长24.5%: the span from the base year to now
        own = sentence_period(rd, r, s, times, year, anchor, base, base_why)
        now = own[0] if own and own[0] else (base or (str(year) if year else None))
        end = now.split("/")[-1][:4] if now else ""
        if end.isdigit() and int(end) > compared[-1].year:
            return f"{compared[-1].year}/{end}", f"compared with {compared[-1].text}"
    explicit = [t for t in times if t.kind not in ("rel", "window")]
    for t in reversed(times):
        if t.kind == "window":
            if window_applies(rd, t, r, s):
                a = anchor_year(rd, s, t.start, anchor)
                p = complete(Time(t.start, t.end, t.kind, t.text, a, None, t.window), a)
                if p:
                    return p, f"window {t.text}"
            continue
        if t.kind == "since":
            p = read_time(rd, t, year)
            if p:
                return p, f"since {t.text}"
            continue
        if t.kind == "rel":
            if t.text in ("年底前", "全年", "年末", "年底", "年初") or any(
                x.start < t.start for x in explicit
            ):
                continue  # 截至2022年12月22日，沈阳市当年…: the explicit date rules; 年末 is
                # a time within the year the figure already has
            if t.text in ("目前", "截至目前", "截止目前", "近年来", "现有"):
                return base, f"{t.text}: the time of writing ({base_why})"
        planned = rd.section_status == "target" or rd.ctx.status == "target"
        if t.kind == "half" and t.value == "H2" and base and "H" not in base and planned:
            continue
        p = read_time(rd, t, year)
        if p is None:
            continue
        if t.kind == "year" and "累计" in v[t.end : r.vs] and year and year > (t.year or year):
            return f"{t.year}/{year}", f"累计 since {t.text}"
        if (
            t.kind == "year"
            and base
            and base.startswith(p)
            and len(base) > len(p)
            and "/" not in base
        ):
            return base, f"{t.text} in {base_why}, finer there"
        return p, f"the sentence: {t.text}"
    return None


def topic_period(
    rd: Reader, r: Row, s: int, year: int | None, base: str | None
) -> tuple[str | None, str] | None:
    """A time that opens a clause earlier in the paragraph (2021年，全市… / 上半年，…)
    and is not itself a target date sets the time of what follows it."""
    v = rd.v
    ps = rd.paragraph_start(s)
    flow = (
        r.q.change is not None
        or r.q.kind == "multiple"
        or re.search("新增|累计", rd.v[rd.clause_start(r.vs, s) : r.vs]) is not None
    )
    for t in reversed(rd.times_in(ps, s, ends_inside=False)):
        if t.kind == "window" and flow and t.window:
            at_head = t.start == ps or v[t.start - 1] in CLAUSE_END + "\n——"
            p = read_time(rd, t, year)
            if at_head and p:
                return p, f"a flow within the window {t.text} that opens the paragraph"
            continue
        if t.kind not in ("year", "date", "month", "half", "months", "rel", "fyp", "range"):
            continue
        if t.kind == "rel" and t.text not in ("今年", "当年", "本年"):
            continue
        if re.search(r"[。；;\n][一二三四五六七八九十]是", v[t.end : s]):
            return None  # a new 一是/二是 item starts a new topic
        at_head = t.start == ps or v[t.start - 1] in CLAUSE_END + "\n"
        if not at_head or is_target_time(rd, t):
            continue
        p = read_time(rd, t, year)
        finer = base and p and base.startswith(p) and len(base) > len(p) and "/" not in base
        if t.kind == "rel" or finer:
            p = base
        return p, f"the paragraph: {t.text}"
    return section_topic(rd, s, year)


def section_topic(rd: Reader, s: int, year: int | None) -> tuple[str | None, str] | None:
    """“十三五”时期是…: a time opening the first paragraph of the innermost section sets the
    time of the section's figures."""
    frames = rd.frame_index.active(rd.view.pos[min(s, len(rd.view.pos) - 1)])
    frames = [f for f in frames if not f.lead]  # a review's lead is a paragraph, no heading
    if not frames or frames[-1].unit:
        return None
    v = rd.v
    head_end = v.find("\n", rd.view.at(frames[-1].start))
    if head_end < 0 or head_end >= s:
        return None
    first = head_end + 1
    t = next((t for t in rd.times_in(first, first + 40) if t.start == first), None)
    if t is None or t.kind not in ("year", "fyp", "range"):
        return None
    p = read_time(rd, t, year)
    return (p, f"the section opens with {t.text}") if p else None


def read_time(rd: Reader, t: Time, year: int | None) -> str | None:
    """:func:`complete`, a window (近五年, 五年来) looking back from :func:`looking_back`."""
    return complete(t, looking_back(rd, year) if t.kind == "window" else year)


def looking_back(rd: Reader, year: int | None) -> int | None:
    """The last year a window back from ``year`` covers: from the document's own year, the
    year it reviews (五年来 in a report delivered early in 1998 is 1993/1997)."""
    return rd.ctx.reviewed if year == rd.ctx.year else year


def is_target_time(rd: Reader, t: Time) -> bool:
    before = rd.v[max(0, t.start - 4) : t.start]
    return bool(re.search("到|力争|计划|预计|目标|高于|低于|比|较|“", before))


def anchor_year(rd: Reader, s: int, before: int, year: int | None) -> int | None:
    for t in reversed(rd.times_in(s, before, ends_inside=False)):
        if t.kind == "year" and t.year:
            return t.year
    return year


def window_applies(rd: Reader, t: Time, r: Row, s: int) -> bool:
    """近五年 / 五年来 govern the figures of their own clause, 累计 figures and average
    rates after them; a level in a later clause keeps its year."""
    v = rd.v
    if r.q.change is not None and r.q.change.basis == "annual_avg":
        return True
    between = v[t.end : r.vs]
    if not re.search("[，,；;]", between):
        return True
    return "累计" in v[t.start : r.vs] or "来" in t.text


# 从今年起, 今年开始, 2024年起 right before a 连续N年: a window that starts then
_FROM_NOW = re.compile(
    r"(?:从|自)?(?:今年|((?:19|20)\d\d)年)(?:\d{1,2}月\d{1,2}日)?(?:起|开始)[，,]?"
)


def window_period(rd: Reader, r: Row, s: int, year: int | None) -> tuple[str, str] | None:
    v = rd.v
    before = v[max(s, r.vs - 3) : r.vs]
    after = v[r.ve : r.ve + 2]
    n = r.q.value
    try:
        count = int(n)
    except (TypeError, ValueError):
        return None
    since = _FROM_NOW.search(v, max(s, r.vs - 12), r.vs)
    if before.endswith("连续") and since is not None and rd.ctx.year is not None and count > 1:
        # 从今年起，连续三年… / 2024年起连续3年: the years from then on
        first = int(since.group(1)) if since.group(1) else rd.ctx.year
        return f"{first}/{first + count - 1}", f"the figure is a window ahead ({since.group(0)})"
    if re.search("近|过去|最近|这|连续$", before) or after.startswith(("来", "以来")):
        if re.search("近|过去|最近", before) or after.startswith(("来", "以来")):
            year = looking_back(rd, year)
        anchor = anchor_year(rd, s, r.vs, year)
        if anchor is None:
            return None
        window = f"{anchor - count + 1}/{anchor}" if count > 1 else str(anchor)
        return window, f"the figure is a window ({before}{r.q.text})"
    if re.search("(?:今后|未来)$", before) and rd.ctx.year is not None and count > 1:
        # 今后五年 in a 2026 report or a 2011 plan: the years from the document's own on
        first = rd.ctx.year
        return f"{first}/{first + count - 1}", f"the figure is a window ahead ({before}{r.q.text})"
    if after.startswith("内"):
        years = [t.year for t in rd.times_in(s, r.vs) if t.kind == "year" and t.year]
        if len(years) >= 2:
            return f"{min(years)}/{max(years)}", "a window over the years named before"
    return None


def date_reported_figure(rd: Reader, r: Row) -> None:
    """A target read in a window keeps the window; an achieved figure of an annual work
    report with no time of its own (一、工作回顾 with
    no year) is of the year the report reviews: a 2026 report, delivered in January, reports
    on 2025. Runs once the status is known."""
    if r.window is not None and r.status != "actual":
        # 设置了29项主要指标，包括…力争…: a target of the window, not a level reached
        r.period, r.why["period"] = r.window, f"a target over the window {r.window}"
        return
    review = rd.ctx.review_year
    if review is not None and r.status == "actual" and r.why.get("period") == "the document":
        r.period = str(review)
        r.why["period"] = f"the year the work report reviews ({review})"
