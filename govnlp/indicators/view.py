"""The squashed view: the text without spaces and markup, with a map back to the source."""

from __future__ import annotations

import bisect
import re

SQUASHED = frozenset(" \t\r\u3000\u00a0*#>")
_TAG = re.compile(r"</?[a-zA-Z]{1,8}\s*/?>")  # <br> in table cells is markup, not text
_KEPT = re.compile("[^" + re.escape("".join(sorted(SQUASHED))) + "]+")


SENTENCE_END = "。！？；!?;"


CLAUSE_END = "，,：:|" + SENTENCE_END  # a table's | parts its cells like a comma


HAN = r"\u4e00-\u9fff"


_SQUASH = dict.fromkeys(map(ord, SQUASHED | {"\n"}))


def squash(text: str) -> str:
    """The text as a metric is written: no white space, no ``*``/``#``/``>`` markup and no
    HTML tags (``<br>``, ``<b>``), so that ``squash(text[r.metric_start:r.metric_end]) ==
    r.metric`` for every row.

    >>> squash("技术合\\n同成交额")
    '技术合同成交额'
    >>> squash("％<r>客")
    '％客'
    """
    if "<" in text:
        text = _TAG.sub("", text)
    return text.translate(_SQUASH)


class View:
    """The text without spaces and markup; line breaks kept only where they end a sentence.

    ``pos[i]`` is the source offset of view character ``i``; ``at(s)`` maps a source
    offset to the first view index at or after it.
    """

    def __init__(self, source: str) -> None:
        lines = source.split("\n")
        wrapped = hard_wrapped(lines)
        parts: list[str] = []  # runs of kept characters, each with its source offsets in pos
        pos: list[int] = []
        offset = 0
        for i, line in enumerate(lines):
            if "<" in line and _TAG.search(line):
                tags = {k for m in _TAG.finditer(line) for k in range(m.start(), m.end())}
                for j, ch in enumerate(line):
                    if ch not in SQUASHED and j not in tags:
                        parts.append(ch)
                        pos.append(offset + j)
            else:
                for m in _KEPT.finditer(line):
                    parts.append(m.group())
                    pos.extend(range(offset + m.start(), offset + m.end()))
            offset += len(line)
            if i < len(lines) - 1:
                last = parts[-1][-1] if parts else "\n"
                if (not wrapped or last in SENTENCE_END) and last != "\n":
                    parts.append("\n")
                    pos.append(offset)
                offset += 1
        self.text = "".join(parts)
        self.pos = pos
        self.source_len = len(source)

    def at(self, source_offset: int) -> int:
        return bisect.bisect_left(self.pos, source_offset)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.pos[start], self.pos[end - 1] + 1


_TABULAR = re.compile(r"^(?:[-+|!#]|\*\s)|\S\s+-?[\d０-９][\d０-９.．]*(?:\s|$)")


def hard_wrapped(lines: list[str]) -> bool:
    """True for text broken into short lines mid-sentence (newspaper columns, PDF copies).
    Table and list lines do not count: a statistical communiqué's figures set out one item a
    line (粮 食 39109 万吨 3．2, ``- 居民消费价格 5.9 5.6 6.5``) are short but not wrapped."""
    body = [ln.strip() for ln in lines if len(ln.strip()) >= 6 and not _TABULAR.search(ln.strip())]
    if len(body) < 10:
        return False
    short_open = sum(1 for ln in body if len(ln) <= 24 and ln[-1] not in SENTENCE_END + "：:")
    return short_open > 0.5 * len(body)
