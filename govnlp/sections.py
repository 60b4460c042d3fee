"""The outline of a government document: numbered headings, their levels, their sections.

A heading is a numbering marker at the start of a line (after white space and Markdown
marks such as ``## `` or ``**``): 一、 （一） 1. （1） ① 第一章 第一节 第一条 …, and 一是 / 二是
enumerations (kind ``item``). The marker families are data (``data/markers.tsv``). Levels
are not read off a fixed table: they come from how the families nest in *this* document
(a family opened under another and closed by that one's next number ranks below it; the
conventional order GB/T 9704 gives decides only where the document does not), applied
with a stack of open families, the way nested Markdown lists work. So a report that
starts with （一） has （一） at level 1, a law reads 章 > 节 > 条 > （一） > 1., a plan that
puts chapters under 一、 parts is read that way, and 一是 items sit one below whatever they
stand under. A file holding several documents (附件1, 名词解释, reports one after another)
restarts at level 1 in each.

>>> text = "通知如下：\\n一、总体要求\\n（一）指导思想。坚持……\\n（二）基本原则\\n二、重点任务\\n"
>>> outline = segment(text)
>>> print(outline.to_tree())
一、 总体要求
  （一） 指导思想
  （二） 基本原则
二、 重点任务
>>> [(h.marker, h.number, h.level) for h in outline.headings()]
[('一、', 1, 1), ('（一）', 1, 2), ('（二）', 2, 2), ('二、', 2, 1)]

Sections tile the text: the preamble before the first heading is a section too, and
:meth:`Outline.find` gives the innermost section holding an offset.

>>> outline.find(20).heading.title
'指导思想'
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from .datafiles import read_table
from .errors import DataFileError
from .normalize import display_width, split_lines, wrap_width
from .numerals import parse_chinese

__all__ = [
    "Diagnostic",
    "Heading",
    "Outline",
    "Section",
    "check",
    "document_starts",
    "segment",
]

Kind = Literal["heading", "item"]

# --------------------------------------------------------------------------- the model


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading: its marker, ordinal, depth and title, with source offsets.

    ``start:end`` runs from the marker's first character to the end of the title (a
    run-on heading ends before the 。；： that closes its phrase), and ``text`` is that
    span of the caller's text; ``marker`` and ``title`` are as written there.
    """

    start: int
    end: int
    text: str
    marker: str
    number: int
    level: int
    title: str
    kind: Kind
    family: str

    def to_dict(self) -> dict[str, Any]:
        """The fields the gold annotations use, plus ``end`` and ``family``.

        >>> segment("一、总则").headings()[0].to_dict()["title"]
        '总则'
        """
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "marker": self.marker,
            "number": self.number,
            "level": self.level,
            "title": self.title,
            "kind": self.kind,
            "family": self.family,
        }


@dataclass(frozen=True, slots=True)
class Section:
    """A span of the text: a heading (``None`` for a preamble) and what it governs.

    ``start`` is the start of the heading's line; ``end`` is where the next heading of the
    same or a higher level (or the next document in the file) begins. ``children`` tile
    the part of the span after the section's own body.
    """

    start: int
    end: int
    level: int
    heading: Heading | None
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """This section and every section under it, in text order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        """Nested JSON-ready dict."""
        return {
            "start": self.start,
            "end": self.end,
            "level": self.level,
            "heading": None if self.heading is None else self.heading.to_dict(),
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A warning about the numbering, for the drafter of the document.

    ``code`` is one of ``skipped-number``, ``repeated-number``, ``foreign-marker`` (a
    marker of another family among siblings), ``family-out-of-order`` (a family nested
    under one that conventionally ranks below it) and ``mixed-brackets`` (half- and
    full-width brackets within one level).
    """

    start: int
    end: int
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"start": self.start, "end": self.end, "code": self.code, "message": self.message}


@dataclass(frozen=True, slots=True)
class Outline:
    """The sections of a text, in order; the top-level ones tile ``[0, length)``."""

    sections: tuple[Section, ...]
    length: int
    documents: tuple[int, ...] = (0,)
    """Where each document of the file starts (offsets into the text, the first is 0): the
    split :func:`document_starts` gives, which :func:`govnlp.elements` uses too."""

    def walk(self) -> Iterator[Section]:
        """Every section, preambles included, in text order (parents before children).

        >>> [s.level for s in segment("前言\\n一、甲\\n（一）乙\\n").walk()]
        [0, 1, 2]
        """
        for s in self.sections:
            yield from s.walk()

    def headings(self) -> list[Heading]:
        """Every heading, in text order.

        >>> [h.marker for h in segment("第一条 为了……\\n第二条 本办法……").headings()]
        ['第一条', '第二条']
        """
        return [s.heading for s in self.walk() if s.heading is not None]

    def find(self, offset: int) -> Section | None:
        """The innermost section holding ``offset``, or ``None`` outside the text.

        >>> o = segment("序\\n一、甲\\n1.乙\\n")
        >>> o.find(0).heading is None, o.find(5).heading.marker, o.find(9).heading.marker
        (True, '一、', '1.')
        """
        path = self.path(offset)
        return path[-1] if path else None

    def path(self, offset: int) -> tuple[Section, ...]:
        """The sections holding ``offset``, outermost first (empty outside the text).

        >>> [s.heading.marker for s in segment("一、甲\\n1.乙\\n").path(6) if s.heading]
        ['一、', '1.']
        """
        found: list[Section] = []
        level: tuple[Section, ...] = self.sections
        while level:
            i = bisect_right(level, offset, key=lambda s: s.start) - 1
            if i < 0 or not level[i].start <= offset < level[i].end:
                break
            found.append(level[i])
            level = level[i].children
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        """Nested JSON-ready dict: ``{"length": …, "sections": [...]}``."""
        return {"length": self.length, "sections": [s.to_dict() for s in self.sections]}

    def _repr_html_(self) -> str:
        """The outline as a nested list, for a notebook cell."""
        from .report import outline_html

        return f'<div class="govnlp-outline">{outline_html(self, links=False)}</div>'

    def to_tree(self, indent: str = "  ") -> str:
        """An indented tree, one heading per line (marker, then title).

        >>> print(segment("一、甲\\n一是乙。\\n").to_tree())
        一、 甲
          一是 乙
        """
        return "\n".join(
            f"{indent * (h.level - 1)}{h.marker} {h.title}".rstrip() for h in self.headings()
        )

    def to_markdown(self) -> str:
        """Markdown: levels 1–6 as ``#`` headings, deeper ones as nested list items.

        >>> print(segment("第一章 总则\\n第一条 为了规范。").to_markdown())
        # 第一章 总则
        ## 第一条 为了规范
        """
        lines = []
        for h in self.headings():
            text = f"{h.marker} {h.title}".rstrip()
            if h.level <= 6:
                lines.append("#" * h.level + " " + text)
            else:
                lines.append("  " * (h.level - 7) + "- " + text)
        return "\n".join(lines)

    def check(self) -> list[Diagnostic]:
        """Warnings about the numbering: skipped or repeated numbers, foreign markers,
        families out of order, mixed bracket widths. See :class:`Diagnostic`.

        >>> [d.code for d in segment("一、甲\\n三、乙\\n三、丙\\n").check()]
        ['skipped-number', 'repeated-number']
        """
        return _diagnose(self, _ranks())


def segment(text: str) -> Outline:
    """Segment ``text`` into its outline of numbered sections.

    Offsets are into ``text`` itself. Several documents in one text (attachments after
    附件1, reports one after another) each restart at level 1.

    >>> o = segment("附件1\\n一、甲\\n二、乙\\n附件2\\n一是丙。\\n")
    >>> [(h.marker, h.level) for h in o.headings()]
    [('一、', 1), ('二、', 1), ('一是', 1)]
    """
    clean, to_source = _prepare(text)
    lines = _scan(clean, wrap_width(split_lines(text)))
    _assign_levels(clean, lines)
    return _build(text, clean, to_source, lines)


def document_starts(text: str) -> tuple[int, ...]:
    """Where each document in ``text`` starts (offsets into ``text``; the first is 0).

    The one place that splits a file into documents (GUIDELINES §4.1): :func:`segment`
    restarts its levels there and :func:`govnlp.elements` numbers its documents by it. A
    document starts at an attachment label (附件2), an appendix word (名词解释), a 版头
    line (…文件, 秘密★1年) after text, and at a title line that heads a text of its own:
    after the signature date of the document before it (the 办法 a notice issues), next
    to a sibling title of the same kind (××局先进事迹 write-ups), or where the numbering
    restarts under it.

    >>> t = "关于印发办法的通知\\n现印发。\\n某某局\\n2022年7月6日\\n某某管理办法\\n第一条 为了……"
    >>> [t[s:s + 6] for s in document_starts(t)]
    ['关于印发办法', '某某管理办法']
    """
    clean, to_source = _prepare(text)
    lines = _scan(clean, wrap_width(split_lines(text)))
    _vouch_for_decimal_looking(lines)
    _drop_lists_and_toc(lines)
    _split_documents(clean, lines)
    return _starts(text, clean, to_source, lines)


def _starts(
    source: str, clean: str, to_source: Callable[[int, int], tuple[int, int]], lines: list[_Line]
) -> tuple[int, ...]:
    """The source offsets of the document starts marked ``part`` in ``lines``."""
    out = [0]
    for line in lines:
        if line.what == "part":
            p = (
                0
                if line.start <= 0
                else len(source)
                if line.start >= len(clean)
                else (to_source(line.start, line.start)[0])
            )
            if p > out[-1]:
                out.append(p)
    return tuple(out)


def check(text: str) -> list[Diagnostic]:
    """The numbering warnings of ``text``: ``segment(text).check()``.

    >>> [d.message for d in check("（一）甲\\n(二)乙\\n")]
    ['(二) uses half-width brackets where level 1 uses full-width ones']
    """
    return segment(text).check()


# --------------------------------------------------------------------------- normalization


def _prepare(text: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """The text the segmenter reads (normalized) and the map of its spans back to ``text``."""
    from .normalize import normalize

    n = normalize(text)
    return n.text, n.to_source


# --------------------------------------------------------------------------- data

_PLACEHOLDERS = {
    "{cn}": "[零〇一二三四五六七八九十百千]{1,8}",
    "{cn99}": "[一二三四五六七八九十]{1,3}",
    "{ar}": "[0-9０-９]{1,3}",
    # what follows 第N条 in a cross-reference wrapped to the start of a line: 的规定,
    # 、第, 和第, 规定, 所列. Normalization removes the space after a real 第N条 / 第N章, so
    # the title may follow directly (第二条中华人民共和国境内…, 第三节规范收入分配秩序).
    "{notref}": "(?![的、，,。；;]|[和与及或至到]第|规定|所[列称述指]|中[的规])",
}


@dataclass(frozen=True, slots=True)
class _Family:
    family: str
    kind: Kind
    rank: int | None


@dataclass(frozen=True, slots=True)
class _Markers:
    regex: re.Pattern[str]
    rows: tuple[_Family, ...]


MARKER_COLUMNS = ("family", "kind", "rank", "pattern", "example")
TITLE_COLUMNS = ("word", "kind", "note")

Rows = Iterable[tuple[int, list[str]]]


@cache
def _markers() -> _Markers:
    """The marker families of ``data/markers.tsv``, loaded once."""
    return _parse_markers(read_table("markers.tsv", MARKER_COLUMNS), "govnlp/data/markers.tsv")


def _parse_markers(rows: Rows, path: str) -> _Markers:
    """Validate the rows of a markers table and compile them: one alternation, a group
    per row.

    >>> _parse_markers([(2, ["x", "heading", "1", "(?P<n>{ar})）", "1."])], "m.tsv")
    Traceback (most recent call last):
    ...
    govnlp.errors.DataFileError: m.tsv:2: pattern does not match its example '1.'
    """
    families: list[_Family] = []
    parts: list[str] = []
    for lineno, (family, kind, rank_s, pattern, example) in rows:
        if kind not in ("heading", "item"):
            raise DataFileError(path, lineno, f"kind must be heading or item, not {kind!r}")
        if (rank_s == "-") != (kind == "item") or (rank_s != "-" and not rank_s.isdigit()):
            problem = f"rank must be a number for headings, - for items: {rank_s!r}"
            raise DataFileError(path, lineno, problem)
        for key, value in _PLACEHOLDERS.items():
            pattern = pattern.replace(key, value)
        try:
            compiled = re.compile(pattern)
        except re.error as e:
            raise DataFileError(path, lineno, f"bad pattern: {e}") from None
        if "n" not in compiled.groupindex:
            raise DataFileError(path, lineno, "pattern has no group <n> for the number")
        m = compiled.fullmatch(example)
        if m is None:
            raise DataFileError(path, lineno, f"pattern does not match its example {example!r}")
        if _ordinal(m.group("n")) is None:
            raise DataFileError(path, lineno, f"cannot read the number of {example!r}")
        rank = None if rank_s == "-" else int(rank_s)
        known = next((f for f in families if f.family == family), None)
        if known is not None and (known.kind, known.rank) != (kind, rank):
            problem = f"family {family!r} has rows of different kind or rank"
            raise DataFileError(path, lineno, problem)
        families.append(_Family(family, "item" if kind == "item" else "heading", rank))
        parts.append(f"(?P<r{len(parts)}>{pattern.replace('(?P<n>', f'(?P<n{len(parts)}>')})")
    if not families:
        raise DataFileError(path, 1, "no marker rows")
    return _Markers(re.compile("|".join(parts)), tuple(families))


@cache
def _ranks() -> dict[str, int]:
    return {r.family: r.rank for r in _markers().rows if r.rank is not None}


@dataclass(frozen=True, slots=True)
class _DocumentLines:
    title_suffixes: tuple[str, ...]
    appendix: re.Pattern[str]
    # the word and its colon where the first numbered note runs on: 注：1、本公报…
    appendix_lead: re.Pattern[str]


@cache
def _document_lines() -> _DocumentLines:
    """What starts a new document inside a file (``data/document_titles.tsv``), loaded once."""
    rows = read_table("document_titles.tsv", TITLE_COLUMNS)
    return _parse_document_lines(rows, "govnlp/data/document_titles.tsv")


def _parse_document_lines(rows: Rows, path: str) -> _DocumentLines:
    """Validate the rows of the document-title table and compile its appendix lines."""
    titles: list[str] = []
    appendix: list[str] = []
    for lineno, (word, kind, _) in rows:
        if kind == "title":
            titles.append(word)
        elif kind == "appendix":
            appendix.append(re.escape(word))
        else:
            raise DataFileError(path, lineno, f"kind must be title or appendix, not {kind!r}")
    if not titles or not appendix:
        raise DataFileError(path, 1, "needs title and appendix rows")
    words = "|".join(appendix)
    return _DocumentLines(
        tuple(titles),
        re.compile(f"(?:{words})[ \t\u3000]*[：:]?"),
        re.compile(f"(?:{words})[ \t\u3000]*[：:][ \t\u3000]*"),
    )


# --------------------------------------------------------------------------- numerals

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _ordinal(s: str) -> int | None:
    """The value of an ordinal numeral: Arabic, Chinese (up to the thousands) or enclosed.

    >>> [_ordinal(x) for x in ("12", "１２", "十二", "二十", "一百零五", "一千二百六十")]
    [12, 12, 12, 20, 105, 1260]
    >>> [_ordinal(x) for x in ("⑷", "㈢", "⒉")]
    [4, 3, 2]
    """
    if not s:
        return None
    if s.isdigit() and all(unicodedata.decimal(c, -1) >= 0 for c in s):
        return int(s)
    if len(s) == 1 and s not in _CN_DIGITS and s not in _CN_UNITS:
        try:
            return int(unicodedata.numeric(s))
        except ValueError:
            return None
    if all(c in _CN_DIGITS for c in s):  # 一〇五: digit by digit
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    value = parse_chinese(s)
    return None if value is None else int(value)


# --------------------------------------------------------------------------- scanning

_LEAD = re.compile(r"(?:[ \t\u3000\xa0\ufeff\r>#*]|[-•·](?=[ \t\u3000]))*")
_AFTER_MARKER = re.compile(r"[ \t\u3000\xa0*：:]*")
_TITLE_END = re.compile(r"[。；：;:]")
_TRAIL = " \t\u3000\xa0\r*#"
_BOLD_END = frozenset(" \t\u3000，,。；;：:*")
_SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？!?]")
_ATTACHMENT = re.compile(
    r"附(?:件|录)?[ \t\u3000]*"
    r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?[ \t\u3000]*[：:.．]?"
)
_ATTACHMENT_LIST = re.compile(r"附件[ \t\u3000]*[：:]?[ \t\u3000]*1[.．、](?![0-9])(?=\S)")
_TOC = re.compile(r"(?:<[a-z]{1,10}>)?目[ \t\u3000]*录(?:</[a-z]{1,10}>)?")
_DOTTED = re.compile(r"[0-9０-９]+[.．][0-9０-９]")
_DECIMAL_LOOKING = re.compile(r"([0-9]{1,2})[.．、](?=[0-9])")


@dataclass(slots=True)
class _Line:
    start: int  # line start in the clean text
    end: int  # line end (before the newline)
    what: str  # heading, attachment, title, toc, list (附件：1.…), maybe (5.6…), text, blank;
    # _assign_levels turns the attachment and title lines that start a document into "part"
    family: str = ""
    kind: Kind = "heading"
    number: int = 0
    marker_start: int = 0
    marker_end: int = 0
    title_start: int = 0
    title_end: int = 0
    level: int = 0


def _scan(text: str, wrap: int | None = None) -> list[_Line]:
    """Classify every line: heading candidate, attachment or title line, other.

    ``wrap`` is the width at which a hard-wrapped source breaks its lines: a heading line
    that fills it and has not ended its phrase runs on into the next line (normalization
    never joins a heading line to the next one).
    """
    markers = _markers()
    doc_lines = _document_lines()
    out: list[_Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        lead = _LEAD.match(text, pos, end)
        s = lead.end() if lead else pos
        line = _Line(pos, end, "blank" if s >= end else "text")
        m = markers.regex.match(text, s, end) if s < end else None
        if m is not None and m.lastgroup is not None:
            i = int(m.lastgroup[1:])
            row = markers.rows[i]
            number = _ordinal(m.group(f"n{i}"))
            if number is not None and number > 0:
                line.what = "heading"
                line.family, line.kind, line.number = row.family, row.kind, number
                line.marker_start, line.marker_end = s, m.end()
                line.title_start, line.title_end = _title_span(text, m.end(), end)
                if wrap is not None and line.title_end > line.title_start:
                    line.title_end = _wrapped_title_end(text, line, wrap)
        if line.what == "text":
            e = end
            while e > s and text[e - 1] in _TRAIL:
                e -= 1
            short = e - s <= 40
            if (d := _DECIMAL_LOOKING.match(text, s, e)) is not None:
                # 5.6大高耗能行业… between 4. and 6.: a marker if the numbering vouches for it
                line.what = "maybe"
                line.family, line.number = "ar_dot", int(d.group(1))
                line.marker_start, line.marker_end = s, d.end()
                line.title_start, line.title_end = _title_span(text, d.end(), end)
            elif _TOC.fullmatch(text, s, e):
                line.what = "toc"
            elif _ATTACHMENT_LIST.match(text, s, e):
                line.what = "list"
            elif doc_lines.appendix.fullmatch(text, s, e) or _first_note(text, s, e):
                line.what = "attachment"
            elif short and _SENTENCE_PUNCT.search(text, s, e) is None:
                a = _ATTACHMENT.match(text, s, e)
                if (a is not None and a.end() > s + 1) or text.startswith("附件", s):
                    line.what = "attachment"
                elif (
                    e - s >= 4
                    and text[s:e].endswith(doc_lines.title_suffixes)
                    and not _DOTTED.match(text, s, e)  # 3.2应急报告: a numbered subsection
                ):
                    line.what = "title"
        out.append(line)
        if nl < 0:
            break
        pos = nl + 1
    return out


_MIN_WRAP = 40  # display columns: 20 CJK characters


def _wrapped_title_end(text: str, line: _Line, wrap: int) -> int:
    """Where a heading's title ends in a hard-wrapped layout: on the next line, up to its
    first 。；：, when the heading line is full (85% of a page or column at least 20 CJK
    characters wide: 1．努力保持…平衡，在控制 / 通货膨胀的前提下，…), its title runs to the
    line end with no 。；：, and the next line is no blank, heading or Markdown line."""
    end, t1 = line.end, line.title_end
    if (
        wrap < _MIN_WRAP
        or _TITLE_END.search(text, line.title_start, end) is not None
        or display_width(text[line.start : end]) * 20 < wrap * 17
        or end + 1 >= len(text)
    ):
        return t1
    nxt_end = text.find("\n", end + 1)
    nxt_end = len(text) if nxt_end < 0 else nxt_end
    first = text[end + 1 : end + 2]
    body = _LEAD.match(text, end + 1, nxt_end)  # past a list bullet: - 十二、做好商业工作
    at = body.end() if body else end + 1
    if not first or first in _TRAIL or _markers().regex.match(text, at, nxt_end):
        return t1
    stop = _TITLE_END.search(text, end + 1, nxt_end)
    return stop.start() if stop else nxt_end


def _first_note(text: str, s: int, e: int) -> bool:
    """An appendix word and its colon with the first numbered note run on after it
    (注：1、本公报为初步统计数。 then 2、… on lines of their own): the line starts the
    appendix as 注： alone would. The marker after the colon is not at a line start, so it
    is no heading; only a marker numbered 1 counts (注：本表… or 注：3、… do not)."""
    lead = _document_lines().appendix_lead.match(text, s, e)
    if lead is None:
        return False
    m = _markers().regex.match(text, lead.end(), e)
    if m is None or m.lastgroup is None:
        return False
    i = int(m.lastgroup[1:])
    return _markers().rows[i].kind == "heading" and _ordinal(m.group(f"n{i}")) == 1


def _title_span(text: str, after_marker: int, end: int) -> tuple[int, int]:
    """The title after a marker: to the end of the line or to the first 。；：;: ."""
    ts = _AFTER_MARKER.match(text, after_marker, end)
    t0 = ts.end() if ts else after_marker
    stop = _TITLE_END.search(text, t0, end)
    t1 = stop.start() if stop else end
    while t1 > t0 and text[t1 - 1] in _TRAIL:
        t1 -= 1
    return t0, t1


# --------------------------------------------------------------------------- levels


class _Frame:
    __slots__ = ("families", "item", "number", "rank")

    def __init__(self, family: str, item: bool, number: int, rank: int) -> None:
        self.families = {family}
        self.item = item
        self.number = number
        self.rank = rank


def _assign_levels(text: str, lines: list[_Line]) -> None:
    """Set ``level`` on every heading line kept, one document part at a time; turn the
    attachment and title lines that start a new document into ``what="part"``."""
    _vouch_for_decimal_looking(lines)
    _drop_lists_and_toc(lines)
    for heads in _split_documents(text, lines):
        _nest(heads, _family_order(heads))


# a line that is a date alone (the 成文日期 under a signature), Arabic or Chinese numerals
_DATE_LINE = re.compile(
    r"(?:[0-9]{4}|[〇○零0OΟ一二三四五六七八九]{4})[ ]?年[ ]?[0-9一二三四五六七八九十]{1,3}[ ]?月"
    r"(?:[ ]?[0-9一二三四五六七八九十]{1,3}[ ]?日)?"
)
_REMARK_LINE = re.compile(r"[（(][^（()）\n]{1,60}[）)]")
# the first line of a 版头: 密级, 紧急程度, 份号 or an issuer's mark (…文件)
_HEADER_LINE = re.compile(
    r"(?:绝密|机密|秘密)[ ]?[★☆*][^\n]{0,8}|特急|加急|特提"
    r"|[^\s，。；：,:;]{1,38}[府厅委局部院办会室处署行司社所省市县区组]文件"
)
_TWO_HAN = re.compile(r"[\u4e00-\u9fff]{2}")
_COPY_LINE = re.compile(r"[0-9]{6}")  # 份号: a 版头 line, but a number alone starts none
_ATTACHMENT_TITLED = re.compile(r"附件?[ ]*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})?[ ]*[：:]")


def _split_documents(text: str, lines: list[_Line]) -> list[list[_Line]]:
    """Split the headings into documents, marking the lines that start one ``part``
    (GUIDELINES §4.1; the only place that does, see :func:`document_starts`).

    An attachment or appendix line always starts one (once there is text before it); so
    does a 版头 line after text. A document-title line does when headings came before it
    and the next heading is numbered 1 (numbering restarts); when it follows the date
    (and 附注) that close the document before it; and when it has the kind word of the
    title that opened the current document, with text between them (a file of write-ups).
    A document that has had no heading yet can be split without moving a level.
    """
    parts: list[list[_Line]] = [[]]
    pending_title: _Line | None = None
    has_text = False
    closed = False  # the last lines were a signature date (and its 附注)
    para_end = False  # the last line ended a paragraph (。)
    in_header = False  # the last line was a line of a 版头
    opening_kind: str | None = None  # the kind word of the current document's title
    # a short line without punctuation just before: the first line of a wrapped title,
    # with the closed / paragraph-end state before it
    wrap_head: tuple[_Line, bool, bool] | None = None
    unheaded: _Line | None = None  # a title after a paragraph: a document if no heading follows
    suffixes = _document_lines().title_suffixes

    def new_part(line: _Line) -> None:
        nonlocal pending_title, has_text, closed, opening_kind, unheaded, wrap_head
        line.what = "part"
        parts.append([])
        pending_title = unheaded = wrap_head = None
        has_text = True
        closed = False
        opening_kind = None

    for line in lines:
        if line.what == "blank":
            continue
        s, e = line.start, line.end
        while s < e and text[s] in _TRAIL:
            s += 1
        while e > s and text[e - 1] in _TRAIL:
            e -= 1
        if unheaded is not None:
            if line.what != "heading":
                new_part(unheaded)  # 国务院职业教育工作 / 部际联席会议成员名单 after the 制度
            unheaded = None
        head, wrap_head = wrap_head, None
        if line.what == "attachment":
            if has_text:
                new_part(line)
                has_text = False  # 附件2 then 名词解释: one boundary
            continue
        if line.what in ("text", "title") and _HEADER_LINE.fullmatch(text, s, e):
            if has_text and not in_header:  # the first line of a 版头 after text
                new_part(line)
            has_text = in_header = True
            continue
        in_header = bool(_COPY_LINE.fullmatch(text, s, e))
        if closed and line.what == "text" and _ATTACHMENT_TITLED.match(text, s, e):
            new_part(line)  # 附件1：××办法, 附件：, 附： after the signature
            continue
        if line.what == "title":
            kind = next((w for w in suffixes if text.endswith(w, s, e)), None)
            first = head[0] if head is not None else line
            was_closed = closed or (head is not None and head[1])
            after_para = para_end or (head is not None and head[2])
            if has_text and was_closed:
                new_part(first)
                opening_kind = kind
                continue
            if has_text and not parts[-1] and kind is not None and kind == opening_kind:
                new_part(line)
                opening_kind = kind
                continue
            if not has_text:
                opening_kind = kind
            elif parts[-1]:
                pending_title = line
                if after_para:
                    unheaded = first
            has_text = True
            closed = para_end = False
            continue
        if line.what != "heading":
            if (
                line.what == "text"
                and e - s <= 30
                and _SENTENCE_PUNCT.search(text, s, e) is None
                and not _DATE_LINE.fullmatch(text, s, e)
                and not _REMARK_LINE.fullmatch(text, s, e)
                and _TWO_HAN.search(text, s, e) is not None
            ):
                wrap_head = (line, closed, para_end)
            if _DATE_LINE.fullmatch(text, s, e):
                closed = has_text
            elif not (closed and _REMARK_LINE.fullmatch(text, s, e)):
                closed = False
            para_end = text.endswith("。", s, e)
            has_text = True
            continue
        has_text = True
        closed = para_end = False
        if pending_title is not None:
            if line.number == 1:
                new_part(pending_title)
            pending_title = None
        parts[-1].append(line)
    return parts


def _family_order(heads: list[_Line]) -> dict[str, int]:
    """Rank the heading families of one document by how they nest in it.

    The evidence that family B ranks below family A is a heading of A, a heading of B
    numbered 1 right after it, and later the next heading of A: B was enclosed (一、 1. 2.
    二、). Families with no evidence between them keep the conventional order (``rank``
    in markers.tsv), so a document that opens with （一）…（九） and goes on with 一、…十、
    puts 一、 on top.

    A family that first appears opened under B (三、 then （一）) does not rank above B, even
    where B's numbering later restarts inside it (（一） 一、 二、 （二）: a list written with
    the markers of the top level): that is B again, and the stack pops back to it.
    """
    conventional = _ranks()
    first: dict[str, int] = {}
    first_under: dict[str, str] = {}  # family A -> the family B its first heading opened under
    below: dict[tuple[str, str], int] = {}
    opened: dict[str, tuple[int, str]] = {}  # family A -> (number of A, family B opened)
    prev: _Line | None = None
    for h in heads:
        if h.kind == "item":
            continue
        if h.family not in first:
            first[h.family] = len(first)
            if prev is not None and h.number == 1 and prev.family != h.family:
                first_under[h.family] = prev.family
        o = opened.pop(h.family, None)
        if o is not None and o[0] + 1 == h.number:
            below[(h.family, o[1])] = below.get((h.family, o[1]), 0) + 1
        if prev is not None and h.number == 1 and prev.family != h.family:
            opened[prev.family] = (prev.number, h.family)
        prev = h
    above: dict[str, set[str]] = {f: set() for f in first}  # family -> families ranked above
    for (hi, lo), n in below.items():
        if n > below.get((lo, hi), 0) and first_under.get(hi) != lo:
            above[lo].add(hi)
    order: dict[str, int] = {}
    left = set(first)
    while left:
        free = [f for f in left if not (above[f] & left)] or list(left)  # a cycle: break it
        pick = min(free, key=lambda f: (conventional.get(f, 1000), first[f]))
        order[pick] = len(order)
        left.discard(pick)
    return order


def _nest(heads: list[_Line], order: dict[str, int]) -> None:
    """Give each heading its level: a stack of open families, ranked by ``order``;
    items (一是) sit one below whatever they stand under."""
    stack: list[_Frame] = []
    seen: set[str] = set()
    for line in heads:
        while stack and stack[-1].item:
            stack.pop()
        if line.kind == "item":
            stack.append(_Frame(line.family, True, line.number, len(order)))
            line.level = len(stack)
            continue
        at = next(
            (k for k in range(len(stack) - 1, -1, -1) if line.family in stack[k].families), None
        )
        if at is None and line.family not in seen and line.number > 1:
            # a marker of a new family that continues an open level's numbering:
            # （2） after （一） is that level's second heading, written differently
            at = next(
                (k for k in range(len(stack) - 1, -1, -1) if stack[k].number + 1 == line.number),
                None,
            )
            if at is not None:
                stack[at].families.add(line.family)
        if at is None:
            rank = order[line.family]
            while stack and stack[-1].rank >= rank:
                stack.pop()
            stack.append(_Frame(line.family, False, line.number, rank))
            line.level = len(stack)
        else:
            del stack[at + 1 :]
            stack[at].number = line.number
            line.level = at + 1
        seen.add(line.family)


def _vouch_for_decimal_looking(lines: list[_Line]) -> None:
    """Keep a decimal-looking ``5.6…`` line as heading 5. when the headings around it are
    4. and 6. of the same family (the 6. may look decimal too); otherwise it is text."""
    heads = [i for i, x in enumerate(lines) if x.what in ("heading", "maybe")]
    for k, i in enumerate(heads):
        line = lines[i]
        if line.what != "maybe":
            continue
        prev = lines[heads[k - 1]] if k else None
        nxt = lines[heads[k + 1]] if k + 1 < len(heads) else None
        if (  # the next may be decimal-looking too: 19. 20.2026年… 21.5+2… 22.
            prev is not None
            and nxt is not None
            and prev.what == "heading"
            and prev.family == nxt.family == line.family
            and prev.number + 1 == line.number == nxt.number - 1
        ):
            line.what, line.kind = "heading", "heading"
    for i in heads:
        if lines[i].what == "maybe":
            lines[i].what = "text"


def _drop_lists_and_toc(lines: list[_Line]) -> None:
    """Demote candidates that are not headings: the numbered continuation lines of an
    attachment list (附件：1.… / 2.…) and the entries of a table of contents (目录): the
    short lines after it, up to a paragraph or to the repetition of its first entry."""
    expect = 0
    toc_first: int | None = None
    toc_open = False
    for i, line in enumerate(lines):
        if toc_open and line.what not in ("heading", "blank") and line.end - line.start > 40:
            toc_open = False  # a paragraph: the contents have ended
            for j in range(toc_first if toc_first is not None else i, i):
                if lines[j].what == "heading":
                    lines[j].what = "text"
        if line.what == "list":
            expect = 2
            continue
        if expect:
            if line.what == "heading" and line.family == "ar_dot" and line.number == expect:
                line.what = "text"
                expect += 1
                continue
            if line.what != "blank":
                expect = 0
        if line.what == "toc":
            toc_open, toc_first = True, None
            continue
        if toc_open and line.what == "heading":
            if toc_first is None:
                toc_first = i
            elif line.family == lines[toc_first].family and line.number == lines[toc_first].number:
                for j in range(toc_first, i):
                    if lines[j].what == "heading":
                        lines[j].what = "text"
                toc_open = False


# --------------------------------------------------------------------------- building


class _Open:
    __slots__ = ("children", "heading", "level", "start")

    def __init__(self, start: int, level: int, heading: Heading | None) -> None:
        self.start = start  # in the caller's text
        self.level = level
        self.heading = heading
        self.children: list[Section] = []


def _build(
    source: str,
    clean: str,
    to_source: Callable[[int, int], tuple[int, int]],
    lines: list[_Line],
) -> Outline:
    """Nest the kept headings into sections, everything in the caller's offsets."""
    n_clean, n_source = len(clean), len(source)

    def point(p: int) -> int:
        if p <= 0:
            return 0
        if p >= n_clean:
            return n_source
        return to_source(p, p)[0]

    roots: list[Section] = []
    stack: list[_Open] = []
    last = 0  # the latest section start: starts never go back

    def close_to(level: int, at: int) -> None:
        while stack and stack[-1].level >= level:
            o = stack.pop()
            if o.heading is None and o.start == at:
                continue  # an empty preamble
            s = Section(o.start, at, o.level, o.heading, tuple(o.children))
            (stack[-1].children if stack else roots).append(s)

    for line in lines:
        if line.what == "part":
            start = max(last, point(line.start))
            if not stack and start > last:
                stack.append(_Open(last, 0, None))
            close_to(0, start)
            stack.append(_Open(start, 0, None))
            last = start
        elif line.what == "heading" and line.level:
            ms, me = to_source(line.marker_start, line.marker_end)
            ts, te = to_source(line.title_start, line.title_end)
            # a title that runs on over a line break of a hard-wrapped layout (where
            # normalization joined the lines) keeps its words, not the break
            wrapped = source.find("\n", ts, te) >= 0 or source.find("\r", ts, te) >= 0
            # and with its bold: **二、2012年工作目标要求** 今年，… (not 回**顾 inside a word)
            bold = source.find("**", ts, te)
            if bold > ts and (bold + 2 >= te or source[bold + 2] in _BOLD_END):
                te = bold
            while te > ts and source[te - 1] in _TRAIL + "，,":
                te -= 1
            he = max(me, te) if line.title_end > line.title_start else me
            hd = Heading(
                start=ms,
                end=he,
                text=source[ms:he],
                marker=source[ms:me].rstrip(_TRAIL),
                number=line.number,
                level=line.level,
                title=_unwrap(source[ts:te]) if wrapped else source[ts:te].strip(_TRAIL),
                kind=line.kind,
                family=line.family,
            )
            # the section starts where the heading's line starts in the caller's text
            # (Markdown marks included)
            start = max(last, _line_start(source, ms))
            if not stack and start > last:
                stack.append(_Open(last, 0, None))
            close_to(line.level, start)
            stack.append(_Open(start, line.level, hd))
            last = start
    if not stack and last < n_source:
        stack.append(_Open(last, 0, None))
    close_to(0, n_source)
    # a preamble (level 0) holds no children: the headings after it are its siblings
    flat: list[Section] = []
    for s in roots:
        if s.heading is None and s.children:
            first = s.children[0].start
            if first > s.start:
                flat.append(Section(s.start, first, 0, None))
            flat.extend(s.children)
        else:
            flat.append(s)
    return Outline(tuple(flat), n_source, _starts(source, clean, to_source, lines))


def _line_start(source: str, pos: int) -> int:
    """Where the line holding ``pos`` starts in the caller's text (after LF or a lone CR).

    >>> _line_start("一、总则\\r二、附则", 6)
    5
    """
    start = source.rfind("\n", 0, pos) + 1
    cr = source.rfind("\r", start, pos)
    while cr >= 0 and source.startswith("\r\n", cr):  # the CR of a CRLF ends no line here
        cr = source.rfind("\r", start, cr)
    for sep in "\u2028\u2029":
        cr = max(cr, source.rfind(sep, start, pos))
    return max(start, cr + 1)


_LINE_BREAK = re.compile(r"(?:[ \t\u3000\r]*\n|\r|[\u2028\u2029])[ \t\u3000]*")


def _unwrap(title: str) -> str:
    """A title as written, without the line breaks of a hard-wrapped layout.

    >>> _unwrap("努力保持社会总需求与社会总供给基本平衡，在控制\\n通货膨胀的前提下")
    '努力保持社会总需求与社会总供给基本平衡，在控制通货膨胀的前提下'
    """
    return _LINE_BREAK.sub("", title).strip(_TRAIL)


# --------------------------------------------------------------------------- diagnostics


def _bracket_width(marker: str) -> str | None:
    full = "（" in marker or "）" in marker
    half = "(" in marker or ")" in marker
    if full and half:
        return "mixed"
    return "full-width" if full else "half-width" if half else None


def _diagnose(outline: Outline, ranks: dict[str, int]) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def warn(h: Heading, code: str, message: str) -> None:
        out.append(Diagnostic(h.start, h.end, code, message))

    # per document part: the last number of each (family, level), for numbering that
    # runs on across parents, and the bracket width first used at each level
    last_by_level: dict[tuple[str, int], int] = {}
    width_by_level: dict[int, str] = {}

    def siblings(parent: Heading | None, children: tuple[Section, ...]) -> None:
        prev: Heading | None = None
        for s in children:
            h = s.heading
            if h is None:
                last_by_level.clear()
                width_by_level.clear()
                prev = None
                continue
            width = _bracket_width(h.marker)
            if width == "mixed":
                warn(h, "mixed-brackets", f"{h.marker} mixes half- and full-width brackets")
            elif width is not None:
                first = width_by_level.setdefault(h.level, width)
                # once per run of siblings written the other way
                if first != width and (prev is None or _bracket_width(prev.marker) != width):
                    warn(
                        h,
                        "mixed-brackets",
                        f"{h.marker} uses {width} brackets where level {h.level} uses {first} ones",
                    )
            if prev is not None and prev.family != h.family and h.kind == prev.kind == "heading":
                warn(h, "foreign-marker", f"{h.marker} is written unlike its sibling {prev.marker}")
            if (
                prev is not None
                and prev.kind == h.kind
                and (prev.family == h.family or h.number > 1)
            ):
                if h.number == prev.number:
                    warn(h, "repeated-number", f"{h.marker} repeats the number of {prev.marker}")
                elif h.number != prev.number + 1 and h.number != 1:  # 1: a new list (款)
                    warn(h, "skipped-number", f"{h.marker} follows {prev.marker}")
            elif h.number != 1:
                run_on = last_by_level.get((h.family, h.level))
                if run_on is None or h.number != run_on + 1:
                    warn(h, "skipped-number", f"{h.marker} is the first of its level here")
            if (
                parent is not None
                and h.kind == "heading"
                and (prev is None or prev.family != h.family)
            ):
                # once per parent and family
                rp, rh = ranks.get(parent.family), ranks.get(h.family)
                if rp is not None and rh is not None and rh < rp:
                    warn(h, "family-out-of-order", f"{h.marker} stands under {parent.marker}")
            last_by_level[(h.family, h.level)] = h.number
            prev = h
            siblings(h, s.children)

    siblings(None, outline.sections)
    return out
