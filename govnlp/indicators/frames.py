"""Sections: the period, status and unit a heading sets for what stands under it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .context import unit_region
from .cues import alternation, cues
from .model import DocumentContext, Heading, Status
from .times import complete, find_times
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


def read_frames(text: str, headings: Sequence[Heading], ctx: DocumentContext) -> list[Frame]:
    """Frames in document order: numbered headings plus unit lines that are not numbered."""
    out: list[Frame] = []
    offset = 0
    heading_starts = {h.start for h in headings}
    for line in text.split("\n"):
        s = line.strip()
        if s and 4 <= len(squash(s)) <= 40 and not re.search("[。，,；]", s):
            start = offset + line.index(s[0])
            numbered = any(start <= hs < start + len(line) for hs in heading_starts)
            region = unit_region(s)
            if region and not numbered:
                out.append(Frame(start, 0, squash(s), region=region, unit=True))
            elif not numbered and _is_part_title(s, ctx):
                out.append(_heading_frame(Heading(start, 0, "", squash(s)), ctx))
        offset += len(line) + 1
    for h in headings:
        out.append(_heading_frame(h, ctx))
    out.sort(key=lambda f: f.start)
    return out


def _is_part_title(line: str, ctx: DocumentContext) -> bool:
    """An unnumbered heading line that sets a time or a status (**2013年工作回顾**)."""
    title = squash(line).strip("*#")
    marked = line.lstrip().startswith(("**", "#")) or line.rstrip().endswith("**")
    if not marked or len(title) > 30 or title == (ctx.title or "").strip("*#"):
        return False
    return bool(alternation("section_status").search(title)) and bool(find_times(title))


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
    status: Status | None = None
    m = alternation("section_status").search(title)
    if m and len(title) <= 30:
        status = "target" if cues().value("section_status", m.group(0)) == "target" else "actual"
    if times and times[-1].kind == "half" and times[-1].value == "H2":
        status = status or "target"
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
    while out and not out[-1].unit and out[-1].level >= f.level:
        out.pop()
    out.append(f)
    return out


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
