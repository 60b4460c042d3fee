"""Numbered headings at line starts, from ``govnlp.sections`` or a small reader of its own."""

from __future__ import annotations

import re

from ..sections import Outline, segment
from .model import Heading

LINE_MARKER = re.compile(
    r"^[ \t\u3000]*(?:#+ |\*\*)?"
    r"(?P<m>第[一二三四五六七八九十百零〇\d]+[章节条]"
    r"|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[)）]"
    r"|\d{1,2}[.、．](?!\d)"
    r"|[（(]\d{1,2}[)）]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]"
    r"|[一二三四五六七八九十]+是)",
    re.MULTILINE,
)


def _family(marker: str) -> int:
    if marker.startswith("第"):
        return {"章": 0, "节": 1, "条": 2}[marker[-1]]
    if marker.endswith("是"):
        return 8
    if marker[0] in "（(":
        return 4 if re.match(r"[（(][一二三四五六七八九十]", marker) else 6
    if marker[0] in "①②③④⑤⑥⑦⑧⑨⑩":
        return 7
    if marker[0].isdigit():
        return 5
    return 3


def read_headings(text: str) -> list[Heading]:
    """Numbered headings at line starts (一、（一）1.（1）① 第N条 一是), with their depth.

    A small reader used when ``govnlp.segment`` is not available; its title runs to the
    end of the line or to the first 。；： of a run-on heading.

    >>> [(h.level, h.marker, h.title) for h in read_headings("一、总体\\n（一）目标\\n2.任务：做")]
    [(1, '一、', '总体'), (2, '（一）', '目标'), (3, '2.', '任务')]
    """
    out: list[Heading] = []
    stack: list[tuple[int, int]] = []  # (family, level)
    for m in LINE_MARKER.finditer(text):
        marker = m.group("m")
        line_end = text.find("\n", m.end())
        line = text[m.end() : line_end if line_end >= 0 else len(text)]
        if marker[0].isdigit() and re.match(r"\s*[年月日%万亿个家项]", line):
            continue
        title = re.split(r"[。；;：:]", line.strip(), maxsplit=1)[0].strip(" *#")
        fam = _family(marker)
        while stack and stack[-1][0] >= fam:
            stack.pop()
        level = stack[-1][1] + 1 if stack else 1
        stack.append((fam, level))
        out.append(Heading(m.start("m"), level, marker, title))
    return out


def headings_of(outline: Outline) -> list[Heading]:
    """The outline's headings as the indicator reader uses them."""
    return [Heading(h.start, h.level, h.marker, h.title) for h in outline.headings()]


def segment_headings(text: str) -> list[Heading]:
    """Headings of ``govnlp.segment``."""
    return headings_of(segment(text))
