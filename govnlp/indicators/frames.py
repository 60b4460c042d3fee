"""Sections: the period, status and unit a heading sets for what stands under it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .context import unit_region
from .cues import alternation, cues
from .model import DocumentContext, Heading, Status
from .times import cn_int, complete, find_times
from .view import squash


@dataclass(frozen=True, slots=True)
class Frame:
    """What a section (or a unit line) sets: region, period, status, with the cue."""

    start: int
    level: int
    title: str
    region: str | None = None
    person: bool = False
    period: str | None = None
    year: int | None = None
    status: Status | None = None
    unit: bool = False  # a unit line (X科学技术局先进事迹) restarting the frame stack
    lead: bool = False  # a review's opening paragraph (过去一年，我们重点做了以下工作：)
    close: bool = False  # where the review a lead opened ends (no frame of its own)


def read_frames(text: str, headings: Sequence[Heading], ctx: DocumentContext) -> list[Frame]:
    """Frames in document order: numbered headings plus unit lines that are not numbered."""
    out: list[Frame] = []
    offset = 0
    heading_starts = sorted(h.start for h in headings)
    for line in text.split("\n"):
        s = line.strip()
        if s and 4 <= len(squash(s)) <= 40 and not re.search("[。，,；]", s):
            start = offset + line.index(s[0])
            k = bisect_left(heading_starts, start)
            numbered = k < len(heading_starts) and heading_starts[k] < start + len(line)
            region = unit_region(s)
            if region and not numbered:
                out.append(Frame(start, 0, squash(s), region=region, unit=True))
            elif not numbered and _is_part_title(s, ctx):
                out.append(_heading_frame(Heading(start, 0, "", squash(s)), ctx))
        elif s and re.match(rf"(?:{alternation('review_lead').pattern})[，,：:]", squash(s)):
            start = offset + line.index(s[0])
            out.append(_lead_frame(start, squash(s), ctx))
            out.append(_lead_end(text, start, offset + len(line), squash(s), headings, ctx))
        offset += len(line) + 1
    for h in headings:
        out.append(_heading_frame(h, ctx))
    out.sort(key=lambda f: (f.start, not f.close))
    return out


_FIRST = re.compile(r"^\W*[一1][、.．)）]")
# a heading's span of years: 五年工作的回顾, 跨世纪五年的目标任务 (not 第五年, 三年行动计划)
_YEARS_SPAN = re.compile("(?<![第近])([两三四五六七八九十]|十[一二三四五])年(?=工作|的|发展|奋斗)")


def _lead_end(
    text: str,
    start: int,
    line_end: int,
    line: str,
    headings: Sequence[Heading],
    ctx: DocumentContext,
) -> Frame:
    """Where a lead's review ends: a lead announcing a list (我们主要做了以下工作：) covers the
    run of headings after it, up to one above their level or one numbered 一 again (the plan's
    （一） after the review's （七）); or a paragraph opening with a later year (2025年是…, 今年…);
    any other lead, its own paragraph."""
    end = line_end
    if re.search(r"以下.{0,10}(?:工作|方面)\W*$", line):
        after = sorted((h for h in headings if h.start > start), key=lambda h: h.start)
        end = 1 << 62
        if after:
            level = after[0].level
            end = next(
                (
                    h.start
                    for h in after[1:]
                    if h.level < level or (h.level == level and _FIRST.match(h.marker))
                ),
                end,
            )
        if ctx.reviewed is not None:
            later = "|".join(str(y) for y in range(ctx.reviewed + 1, ctx.reviewed + 3))
            m = re.compile(rf"^\W*(?:今年|(?:{later})年)", re.M).search(text, line_end, end)
            if m is not None:
                end = m.start()
    return Frame(end, 0, "", close=True)


def _is_part_title(line: str, ctx: DocumentContext) -> bool:
    """An unnumbered heading line that sets a time or a status: marked as a heading
    (**2013年工作回顾**, ``## 2013年工作回顾``) or a short line of its own with neither
    punctuation nor a sentence's end (“十四五”时期工作回顾, 2026年重点工作).

    >>> ctx = DocumentContext(year=2026)
    >>> _is_part_title("“十四五”时期工作回顾", ctx), _is_part_title("2026年重点工作", ctx)
    (True, True)
    >>> _is_part_title("2026年甘肃省政府工作报告", ctx), _is_part_title("重点工作：", ctx)
    (False, False)
    """
    title = squash(line).strip("*#")
    marked = line.lstrip().startswith(("**", "#")) or line.rstrip().endswith("**")
    if len(title) > 30 or title == (ctx.title or "").strip("*#"):
        return False
    if not marked and _NOT_OWN_LINE.search(title):
        return False
    if not find_times(title):
        return False
    return bool(alternation("section_status").search(title) or _WORK_OF_A_YEAR.search(title))


_WORK_OF_A_YEAR = re.compile(r"(?:19|20)\d\d年(?:的)?(?:主要|重点)?(?:工作|任务)")
"""A part title naming one year's work (2000年主要工作, 做好2023年工作): the year it names says
whether it reviews or plans (see :func:`_heading_frame`)."""


_NOT_OWN_LINE = re.compile(r"[：:。！？!?、（）()—]|报告|^(?:\d+|[一二三四五六七八九十]+)[、.．]")
"""What a plain part title has not: a colon or a sentence's end (重点抓好八个方面工作：), a list
or dateline mark, or the document's own name (…政府工作报告)."""


def _lead_frame(start: int, line: str, ctx: DocumentContext) -> Frame:
    """A paragraph opening a work report's review (过去一年，/一年来，): what follows, up to
    the next heading of the section it stands in, was achieved in the year reviewed."""
    year = ctx.reviewed
    period = None if year is None else str(year)
    return Frame(start, 0, line[:20], period=period, year=year, status="actual", lead=True)


def _heading_frame(h: Heading, ctx: DocumentContext) -> Frame:
    title = squash(h.title)
    region = unit_region(title)
    person = bool(alternation("person_title").search(title)) and "，" in title + h.title
    period = None
    year = None
    times = [t for t in find_times(title) if t.kind != "rel"]
    if times:
        # 2025年工作和“十四五”发展回顾: the single year is the section's own time; the
        # five-year part has paragraphs that say so
        t = next((t for t in reversed(times) if t.kind in ("year", "half", "month")), times[-1])
        year = t.year
        period = complete(t, ctx.reviewed if t.kind == "window" else ctx.year)
        if t.kind == "half" and t.value == "H2":
            # a second-half plan carries the year's targets (下半年工作打算)
            period = None if year is None and ctx.year is None else str(year or ctx.year)
    elif re.search("今后五年|未来五年", title) and ctx.year is not None:
        period = f"{ctx.year + 1}/{ctx.year + 5}"
        if "工作" in (ctx.title or "") and ctx.title and "报告" in ctx.title:
            period = f"{ctx.year}/{ctx.year + 4}"
    elif (span := _YEARS_SPAN.search(title)) and ctx.reviewed is not None and ctx.year:
        # 五年工作的回顾 in a 1998 report: 1993/1997; 跨世纪五年的目标任务: 1998/2002
        n = cn_int(span.group(1)) or 0
        m = alternation("section_status").search(title)
        if n > 1 and m is not None:
            ahead = cues().value("section_status", m.group(0)) == "target"
            first = ctx.year if ahead else ctx.reviewed - n + 1
            period = f"{first}/{first + n - 1}"
            year = ctx.year  # what 去年, 今年 in the section are relative to
    status: Status | None = None
    m = alternation("section_status").search(title)
    if m and len(title) <= 30:
        status = "target" if cues().value("section_status", m.group(0)) == "target" else "actual"
    if times and times[-1].kind == "half" and times[-1].value == "H2":
        status = status or "target"
    reviewed = ctx.reviewed
    if (
        status is None
        and year is not None
        and reviewed is not None
        and _WORK_OF_A_YEAR.search(title)
    ):
        # 2000年主要工作 in a report reviewing 1999: the year ahead's work
        status = "target" if year > reviewed else "actual"
    return Frame(h.start, h.level, title, region, person, period, year, status)


class FrameIndex:
    """:func:`active` for many offsets: the enclosing frames after each frame, found once."""

    def __init__(self, frames: Sequence[Frame]) -> None:
        self.starts = [f.start for f in frames]
        self.stacks: list[list[Frame]] = []
        stack: list[Frame] = []
        for f in frames:
            stack = _push(stack, f)
            self.stacks.append(stack)

    def active(self, offset: int) -> list[Frame]:
        """The frames enclosing ``offset`` (as :func:`active`), by bisection."""
        i = bisect_right(self.starts, offset) - 1
        return list(self.stacks[i]) if i >= 0 else []


def _push(stack: list[Frame], f: Frame) -> list[Frame]:
    """The enclosing frames once ``f`` opens: a unit line starts afresh, a heading closes
    the headings of its level and below."""
    if f.unit:
        return [f]
    out = list(stack)
    if f.close:
        return [g for g in out if not g.lead]
    if f.lead:
        # the lead closes an earlier lead only; the headings after it close it as they close
        # the heading it stands under
        while out and out[-1].lead:
            out.pop()
        level = out[-1].level if out and not out[-1].unit else 0
        dated = next((g for g in reversed(out) if g.period is not None), None)
        if dated is not None:
            # 一、2014年工作回顾 > 一年来，…: the heading's year, not one told from the dateline
            f = replace(f, period=dated.period, year=dated.year)
        return [*out, replace(f, level=level)]
    while out and not out[-1].unit and (out[-1].level >= f.level or _ends_lead(out[-1], f)):
        out.pop()
    out.append(f)
    return out


def _ends_lead(lead: Frame, f: Frame) -> bool:
    """二、2015年工作总体要求 (at any level) ends the review a lead opened."""
    return lead.lead and f.period is not None and f.period != lead.period


def active(frames: Sequence[Frame], offset: int) -> list[Frame]:
    """The frames enclosing ``offset``: the last unit line before it, then its headings."""
    stack: list[Frame] = []
    for f in frames:
        if f.start > offset:
            break
        stack = _push(stack, f)
    return stack


def status_frame(frames: Sequence[Frame]) -> Frame | None:
    """The section whose status holds: the outermost heading that sets one, unless a heading
    inside it also names its own time (二、2014年工作安排 > （三）重点任务 is a plan; 一、2025年
    工作回顾 > （二）聚力落实国家重大战略任务 stays a review)."""
    marked = [f for f in frames if f.status is not None and not f.unit]
    if not marked:
        return None
    return next((f for f in reversed(marked[1:]) if f.period is not None), marked[0])
