"""Normalization: repair what PDF, web and OCR extraction did to a document, keeping a map.

Each repair is a named step, a public function ``str -> str`` with an example, listed
once in :data:`PLAN` and switched by the :class:`NormalizeConfig` field of the same name.
:func:`normalize` runs the plan and records every step that changed something, so each
span of the clean text maps back to the original (:meth:`Normalized.to_source`), the
changes can be listed (:meth:`Normalized.explain`) and replayed (:func:`apply_plan`).

>>> n = normalize("技术合\\n同成交额达394.28 亿元，同比增长\\n20.54％。")
>>> n.text
'技术合\\n同成交额达394.28亿元，同比增长\\n20.54%。'
>>> start = n.text.index("394")
>>> n.source[slice(*n.to_source(start, start + 8))]
'394.28 亿元'
"""

from __future__ import annotations

import contextvars
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache, update_wrapper
from importlib import resources
from itertools import islice
from typing import Literal

import regex

from .datafiles import read_table
from .errors import DataFileError
from .spans import Alignment, Edit, EditMap, rewrite

__all__ = [
    "LINE_END",
    "PLAN",
    "NormalizeConfig",
    "Normalized",
    "Step",
    "StepChange",
    "apply_plan",
    "display_width",
    "fold_width",
    "is_traditional",
    "join_broken_lines",
    "normalize",
    "remove_boilerplate_lines",
    "remove_inner_spaces",
    "split_lines",
    "strip_front_matter",
    "strip_line_spaces",
    "strip_markup",
    "to_simplified",
    "traditional_only_chars",
    "unify_brackets",
    "unify_dashes",
    "unify_enclosed_numerals",
    "unify_line_ends",
    "unify_quotes",
    "unify_spaces",
    "wrap_width",
]

Replacement = tuple[int, int, str]

MAX_ROUNDS = 4
"""The plan is rerun while a reopening step changed something, at most this many times."""

_REOPENING = frozenset({"join_broken_lines"})
"""Steps whose changes can give earlier steps new work (a joined line may bring ``*`` and
``*`` or a space and a digit together); the others leave nothing for a second round."""


_SETTLED = frozenset(
    {
        "unify_line_ends",
        "unify_spaces",
        "unify_enclosed_numerals",
        "unify_brackets",
        "unify_quotes",
        "unify_dashes",
        "strip_line_spaces",
        "fold_width",
    }
)
"""Steps whose output is already their own fixed point (a property test checks each), so a
change they made needs no second run to confirm it."""


class Step:
    """A named normalization step: call it on text, or ask for its replacements.

    Made with the :func:`step` decorator from a function that yields the
    ``(start, end, new)`` replacements it would make, in order.
    """

    def __init__(self, find: Callable[[str], Iterable[Replacement]]) -> None:
        self.find = find
        self.name: str = find.__name__
        update_wrapper(self, find)

    def __call__(self, text: str) -> str:
        return rewrite(text, self.find(text))[0]

    def rewrite(self, text: str) -> tuple[str, EditMap]:
        """The rewritten text and the map of what changed."""
        return rewrite(text, self.find(text))

    def __repr__(self) -> str:
        return f"<normalization step {self.name}>"


def step(find: Callable[[str], Iterable[Replacement]]) -> Step:
    """Turn a replacement finder into a :class:`Step` named after it."""
    return Step(find)


Pattern = re.Pattern[str] | regex.Pattern[str]
Match = re.Match[str] | regex.Match[str]


# Speed: a pattern whose every match starts with a literal character or one of a character set
# lets the standard library's engine jump from one such character to the next in C; a pattern
# that starts with a lookbehind, ``^``, a repeat or named groups is tried at every position.
# So the patterns below start with what they change, and context that comes before it is
# checked after it (``x(?<=[0-9]x)``) or consumed and left out of the replaced group.


def _subs(pattern: Pattern, text: str, new: str | Callable[[Match], str]) -> Iterator[Replacement]:
    for m in pattern.finditer(text):
        yield m.start(), m.end(), new if isinstance(new, str) else new(m)


def _subs_group(pattern: Pattern, text: str, new: str) -> Iterator[Replacement]:
    """Replace group 1 of each match (the rest of the match is context that stays)."""
    for m in pattern.finditer(text):
        yield m.start(1), m.end(1), new


# --- markup and page furniture -------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(?:[^\n]*\n){0,40}?[ \t]*---[ \t]*(?:\n|\Z)")
_INFO_END = re.compile(r"<!--.*?-->[ \t]*\n?", re.DOTALL)


@step
def strip_front_matter(text: str) -> Iterator[Replacement]:
    """Remove YAML front matter and HTML comments (``<!-- INFO END -->``) that exports add.

    >>> strip_front_matter("---\\ntitle: 1990年\\n---\\n**公报**")
    '**公报**'
    """
    m = _FRONT_MATTER.match(text)
    if m:
        yield m.start(), m.end(), ""
    yield from (
        _subs(_INFO_END, text, "")
        if not m
        else (r for r in _subs(_INFO_END, text, "") if r[0] >= m.end())
    )


# Every alternative starts with a literal: ! < * _ #. A heading mark counts only where the
# line holds nothing but blanks before it, and then the blanks go too.
_MARKUP = re.compile(
    r"!\[[^\]\n]*\]\([^)\n]*\)"  # an image link
    r"|<(?:(?P<br>br\s*/?>)|/?(?:b|strong|em|i|u|span|font|p|div)(?:\s[^<>\n]*)?>)"  # tags
    r"|\*\*|__"  # emphasis
    # heading marks, if they open their line (## ## 一: all of them, so one pass settles it)
    r"|\#\#{0,5}(?:[ \t]|<br\s*/?>)+(?:\#{1,6}(?:[ \t]|<br\s*/?>)+)*"
)


@step
def strip_markup(text: str) -> Iterator[Replacement]:
    """Remove Markdown emphasis, heading marks and image links, and inline HTML tags.

    >>> strip_markup("## 一、总体要求\\n完成 **130** 亿元<br>![图](a.png)")
    '一、总体要求\\n完成 130 亿元 '
    """
    pos = 0
    search = _MARKUP.search
    while m := search(text, pos):
        start, end = m.span()
        if text[start] == "#":
            line = start  # back over the blanks before it (each run is walked once at most)
            while line and text[line - 1] in " \t":
                line -= 1
            if line < pos or (line and text[line - 1] != "\n"):
                pos = start + 1  # not a heading mark: look again just after the #
                continue
            start = line
        yield start, end, " " if m.start("br") >= 0 else ""
        pos = end


@dataclass(frozen=True, slots=True)
class _Lines:
    """Whole lines that match one of some patterns: ``first`` reads the text's first line,
    ``after`` finds a line break and looks ahead at the line it opens (group 1)."""

    first: re.Pattern[str]
    after: re.Pattern[str]

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """The spans of the matching lines, each with its line break, as ``(?m)^…`` finds them.

        >>> list(_Lines.of(["下载", "打印"]).finditer("下载\\n正文\\n 打印"))
        [(0, 3), (6, 9)]
        """
        end = 0
        m = self.first.match(text)
        if m:
            end = m.end()
            yield 0, end
        for m in self.after.finditer(text):
            start = m.start(1)
            if start >= end:  # a line break inside the last match opens no line of its own
                end = m.end(1)
                yield start, end

    @classmethod
    def of(cls, patterns: list[str]) -> _Lines:
        """Lines that one of ``patterns`` matches whole, blanks at either end allowed."""
        spaces = r"[ \t\u3000\xa0]*"
        alternatives = "|".join(f"(?:{p})" for p in patterns)
        line = rf"{spaces}(?:{alternatives}){spaces}(?:\n|\Z)"
        return cls(re.compile(line), re.compile(rf"\n(?=({line}))"))


@dataclass(frozen=True, slots=True)
class _Boilerplate:
    always: _Lines
    in_block: _Lines


@cache
def _boilerplate() -> _Boilerplate:
    path = "govnlp/data/boilerplate.tsv"
    always: list[str] = []
    in_block: list[str] = []
    for n, (scope, pattern, _) in read_table("boilerplate.tsv", ("scope", "pattern", "comment")):
        try:
            re.compile(pattern)
        except re.error as e:
            raise DataFileError(path, n, f"bad pattern: {e}") from None
        if scope not in ("line", "block"):
            raise DataFileError(path, n, f"scope must be line or block, not {scope!r}")
        (always if scope == "line" else in_block).append(pattern)

    return _Boilerplate(_Lines.of(always), _Lines.of(always + in_block))


@step
def remove_boilerplate_lines(text: str) -> Iterator[Replacement]:
    """Remove lines of page chrome: breadcrumbs, font-size and share widgets, print buttons.

    >>> remove_boilerplate_lines("当前位置:首页 > 政务公开\\n下载\\n打印\\n正文第一段。")
    '正文第一段。'
    """
    bp = _boilerplate()
    always = {start for start, _ in bp.always.finditer(text)}
    found = list(bp.in_block.finditer(text))
    for i, (start, end) in enumerate(found):
        after_chrome = i > 0 and found[i - 1][1] == start
        before_chrome = i + 1 < len(found) and found[i + 1][0] == end
        if start in always or after_chrome or before_chrome:
            yield start, end, ""


# --- characters ------------------------------------------------------------------------------

LINE_END = re.compile("\n|\r(?!\n)|[\u2028\u2029]")
"""What ends a line in a caller's text: LF, a CR not followed by LF (old Mac files), and the
Unicode line and paragraph separators. The normalized text has only LF (CRLF keeps its CR,
which the readers treat as a trailing blank)."""
_LONE_LINE_END = re.compile("\r(?!\n)|[\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """The lines of a caller's text, split at every :data:`LINE_END`, as ``str.split``.

    >>> split_lines("一、总则\\r二、附则\\r\\n三、其他")
    ['一、总则', '二、附则\\r', '三、其他']
    """
    if _LONE_LINE_END.search(text):
        return LINE_END.split(text)
    return text.split("\n")


@step
def unify_line_ends(text: str) -> Iterator[Replacement]:
    """Write a lone CR (and U+2028, U+2029) as LF, so every reader sees the line ends.

    >>> unify_line_ends("一、总则\\r二、附则\\r\\n")
    '一、总则\\n二、附则\\r\\n'
    """
    return _subs(_LONE_LINE_END, text, "\n")


_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_ODD_SPACES = re.compile("[\xa0\u2000-\u200a\u202f\u205f\u3000\t" + "".join(_ZERO_WIDTH) + "]")


@step
def unify_spaces(text: str) -> Iterator[Replacement]:
    """Make no-break, ideographic and other odd spaces plain spaces; drop zero-width ones.

    >>> unify_spaces("国务院总理\\u3000李鹏\\xa0\\ufeff")
    '国务院总理 李鹏 '
    """
    for m in _ODD_SPACES.finditer(text):
        yield m.start(), m.end(), "" if m.group() in _ZERO_WIDTH else " "


def _fullwidth_ascii() -> dict[str, str]:
    """Full-width letters and digits and their ASCII forms, derived from NFKC."""
    table = {}
    for cp in range(0xFF01, 0xFF5F):
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch)
        if folded.isascii() and folded.isalnum():
            table[ch] = folded
    return table


_WIDTH = _fullwidth_ascii()
_WIDE_ALNUM = re.compile("[{0}][{0}]*".format("".join(_WIDTH)))
# Full-width %, decimal point and thousands comma only where they stand inside numbers.
_WIDE_NUMERIC_PUNCT = re.compile(
    r"％|．(?<=[0-9０-９]．)(?=[0-9０-９])|，(?<=[0-9０-９]，)(?=[0-9０-９]{3}(?![0-9０-９]))"
)
_NUMERIC_PUNCT = {"％": "%", "．": ".", "，": ","}


@step
def fold_width(text: str) -> Iterator[Replacement]:
    """Fold full-width letters and digits to ASCII, and ％ ． ， where they sit inside numbers.

    Chinese punctuation elsewhere (，。（）) is left alone.

    >>> fold_width("６．３５亿吨，增长１００.６％，ＧＤＰ达６，１７５亿元")
    '6.35亿吨，增长100.6%，GDP达6,175亿元'
    """
    # one character at a time, so each keeps its own place in the map (１％２％: two spans)
    found: list[Replacement] = [
        (i, i + 1, _WIDTH[c])
        for m in _WIDE_ALNUM.finditer(text)
        for i, c in enumerate(m.group(), m.start())
    ]
    found += [
        (m.start(), m.end(), _NUMERIC_PUNCT.get(m.group(), m.group()))
        for m in _WIDE_NUMERIC_PUNCT.finditer(text)
    ]
    found.sort()
    return iter(found)


@cache
def traditional_only_chars() -> frozenset[str]:
    """The characters that exist only in the traditional script (OpenCC t2s changes them,
    GB 2312 lacks them): ``data/traditional_chars.txt``.

    >>> "經" in traditional_only_chars(), "经" in traditional_only_chars()
    (True, False)
    """
    text = resources.files("govnlp").joinpath("data/traditional_chars.txt").read_text("utf-8")
    return frozenset(
        ch for line in text.splitlines() if not line.startswith("#") for ch in line.strip()
    )


_HAN = regex.compile(r"\p{Han}")
_PARAGRAPH = re.compile(r"[^\n]+")


def is_traditional(text: str) -> bool:
    """Whether a stretch of text is written in traditional characters.

    True when at least 5 % of its Han characters (and at least two) exist only in the
    traditional script.

    >>> is_traditional("經濟發展的主要預期目標"), is_traditional("经济发展的主要预期目标")
    (True, False)
    """
    n = len(_traditional_re().findall(text))
    if n < 2:
        return False
    # at most 20 n Han characters in all: count no further than the 20 n + 1st
    return next(islice(_HAN.finditer(text), 20 * n, None), None) is None


@cache
def _opencc_t2s() -> Callable[[str], str]:
    import opencc

    converter = opencc.OpenCC("t2s")
    convert: Callable[[str], str] = converter.convert
    return convert


_SURROGATES = re.compile("([\ud800-\udfff]+)")


@cache
def _t2s() -> Callable[[str], str]:
    """OpenCC's t2s, passing lone surrogates (which it cannot encode) through unchanged."""
    convert = _opencc_t2s()

    def t2s(text: str) -> str:
        if not _SURROGATES.search(text):
            return convert(text)
        parts = _SURROGATES.split(text)
        return "".join(p if i % 2 else convert(p) for i, p in enumerate(parts))

    return t2s


def _diff_replacements(old: str, new: str, offset: int) -> Iterator[Replacement]:
    if len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                yield offset + i, offset + i + 1, b
        return
    from difflib import SequenceMatcher

    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            yield offset + i1, offset + i2, new[j1:j2]


@step
def to_simplified(text: str) -> Iterator[Replacement]:
    """Convert traditional characters to simplified with OpenCC (t2s), paragraph by paragraph.

    Only paragraphs detected as traditional are converted: t2s damages simplified text
    (驻沈 → 驻沉, 旭昇 → 旭升), so those are left as they are. ``NormalizeConfig``
    field ``to_simplified`` is ``"auto"`` (this), ``True`` (every paragraph) or ``False``.

    >>> to_simplified("二、經濟發展的主要預期目標\\n驻沈高校")
    '二、经济发展的主要预期目标\\n驻沈高校'
    """
    return _to_simplified(text, force=False)


@cache
def _traditional_re() -> re.Pattern[str]:
    # The standard library's compiled character sets are the fastest test for 3,700 members.
    return re.compile("[" + "".join(sorted(traditional_only_chars())) + "]")


def _to_simplified(text: str, *, force: bool) -> Iterator[Replacement]:
    if not force and not _traditional_re().search(text):
        return
    for m in _PARAGRAPH.finditer(text):
        para = m.group()
        if force or is_traditional(para):
            yield from _diff_replacements(para, _t2s()(para), m.start())


def _enclosed_numerals() -> dict[str, str]:
    """㈠ → （一）, ⑴ → （1）, ⒈ → 1. ; derived from NFKC, with full-width brackets."""
    table = {}
    for cp in (
        list(range(0x3220, 0x322A)) + list(range(0x2474, 0x2488)) + list(range(0x2488, 0x249C))
    ):
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch)
        table[ch] = folded.replace("(", "（").replace(")", "）")
    return table


_ENCLOSED = _enclosed_numerals()
_ENCLOSED_RE = re.compile("[" + "".join(_ENCLOSED) + "]")


@step
def unify_enclosed_numerals(text: str) -> Iterator[Replacement]:
    """Write parenthesized numerals out: ㈠ → （一）, ⑴ → （1）, ⒈ → 1. (① stays: its own family).

    >>> unify_enclosed_numerals("㈠总体要求 ⑴坚持创新 ①")
    '（一）总体要求 （1）坚持创新 ①'
    """
    return _subs(_ENCLOSED_RE, text, lambda m: _ENCLOSED[m.group()])


_DOC_NUMBER = re.compile(
    r"[﹝［\[【〖〔(（]((?:19|20)\d{2})[﹞］\]】〗〕)）](?=\s*第?\s*\d{1,4}\s*号)"
)


@step
def unify_brackets(text: str) -> Iterator[Replacement]:
    """Write the year brackets of document numbers as 〔〕: 国发﹝2019﹞8号 → 国发〔2019〕8号.

    >>> unify_brackets("国发[2019]8号，辽政办发【2020】16号")
    '国发〔2019〕8号，辽政办发〔2020〕16号'
    """
    return _subs(_DOC_NUMBER, text, lambda m: "〔" + m.group(1) + "〕")


_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’", "〝": "“", "〞": "”", "＂": '"'}
_QUOTE_RE = re.compile("[" + "".join(_QUOTES) + "]")


@step
def unify_quotes(text: str) -> Iterator[Replacement]:
    """Write corner and other quotation marks as Chinese curly quotes: 「两个确立」 → “两个确立”.

    >>> unify_quotes("「两个确立」『双碳』")
    '“两个确立”‘双碳’'
    """
    return _subs(_QUOTE_RE, text, lambda m: _QUOTES[m.group()])


_RANGE_DASH = re.compile(r"[0-9０-９%％]([ ]*(?:——|[—–－―─~～〜‐‑‒])[ ]*)(?=[0-9０-９])")


@step
def unify_dashes(text: str) -> Iterator[Replacement]:
    """Write the dash or tilde of a numeric range as ``-``: 10%—15% → 10%-15%, 3～5年 → 3-5年.

    Dashes elsewhere (the Chinese ——, a leading —) are left alone.

    >>> unify_dashes("增长10%—15%，3～5年，——坚持")
    '增长10%-15%，3-5年，——坚持'
    """
    return _subs_group(_RANGE_DASH, text, "-")


# --- white space and line breaks --------------------------------------------------------------

# A run of spaces that ends its line (the lookbehind after the first space: only where the run
# starts), or a line break and the run that starts the next line (group 1).
_EDGE_SPACES = re.compile(r" (?<!  ) *(?:(?=\n)|\Z)|\n( +)")
_LEADING_SPACES = re.compile(" +")


@step
def strip_line_spaces(text: str) -> Iterator[Replacement]:
    """Remove spaces at the start and end of lines (indentation, trailing blanks).

    >>> strip_line_spaces("  一、总体要求  \\n  正文")
    '一、总体要求\\n正文'
    """
    first = _LEADING_SPACES.match(text)
    if first:
        yield 0, first.end(), ""
    for m in _EDGE_SPACES.finditer(text):
        start, end = m.span(1) if m.start(1) >= 0 else m.span()
        if start > 0 or not first:
            yield start, end, ""


_CJK = r"\p{Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—"
_D = "0-9０-９"  # digits, before or after width folding
_INNER_SPACES = regex.compile(
    rf"(?<=[{_CJK}])[ ]+(?=[{_CJK}{_D}])"  # 几 个 问 题, 认 定, 合同 8416
    rf"|(?<=[{_D}%.％．])[ ]+(?=[{_CJK}%])"  # 8416 项, 215.5 亿元, 20.54 %
    # 2 311.43: a space before the last three digits of the integer part
    rf"|(?<=(?<![{_D}.．,])[{_D}]{{1,3}})[ ](?=[{_D}]{{3}}(?:[.．][{_D}]+)?(?![{_D}]))"
)
# 2 0 1 4 年: single digits spaced out one by one. Two groups of digits (表1 2018年, a table
# row's 2.1 2.1) are separate numbers and stay apart.
# The match starts at the space after the first digit (the digit checked behind it).
_SPACED_DIGITS = re.compile(
    r" (?<=(?<![0-9０-９.．,，])[0-9０-９] )[0-9０-９](?: [0-9０-９])+(?![0-9０-９.．])"
)


@step
def remove_inner_spaces(text: str) -> Iterator[Replacement]:
    """Remove spaces inside numbers and between Chinese characters, digits and units.

    Spaces next to Latin words are kept.

    >>> remove_inner_spaces("几 个 问 题 的 通 知：合同 8416 项，2 311.43 亿元，R&D 经费")
    '几个问题的通知：合同8416项，2311.43亿元，R&D 经费'
    >>> remove_inner_spaces("2 0 1 4 年，表1 2018年")
    '2014年，表1 2018年'
    """
    found = list(_subs(_INNER_SPACES, text, ""))
    for m in _SPACED_DIGITS.finditer(text):
        start, end = m.start() - 1, m.end()  # from the first digit
        found.append((start, end, text[start:end].replace(" ", "")))
    found.sort()
    return iter(found)


_TERMINAL = frozenset("。！？；：…!?;:")
_CLOSERS = frozenset("”’」』)）】》")


def _ends_sentence(line: str) -> bool:
    """Whether a line ends with sentence-final punctuation (possibly inside quotes)."""
    body = line.rstrip("".join(_CLOSERS))
    return bool(body) and body[-1] in _TERMINAL


_MARKER_START = re.compile(
    r"(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、．.](?![0-9])"
    r"|[①-⑳㉑-㉟㊱-㊿]|第[一二三四五六七八九十百千0-9]+[章节条部分编篇]|[一二三四五六七八九十]+是"
    r"|附件|——|-{3}|\|)"
)


def display_width(line: str) -> int:
    """Display width, near enough: CJK (three UTF-8 bytes) counts two columns, ASCII one.

    >>> display_width("一、总体要求"), display_width("GDP 5%")
    (12, 6)
    """
    return (len(line.encode("utf-8", "surrogatepass")) + len(line)) // 2


def wrap_width(lines: list[str]) -> int | None:
    """The column at which a hard-wrapped document breaks its lines, or None if it doesn't.

    >>> page = ["促进成果转化是科技创新工作", "的出发点和落脚点。近年来"] * 4
    >>> wrap_width(page + ["一、总体要求"])
    26
    >>> wrap_width(["一段话。"] * 9) is None  # lines of one width, but too short to be a layout
    True
    """
    return wrap_width_of(Counter(line_widths(lines)))


def line_widths(lines: list[str]) -> list[int]:
    """The display widths of the non-empty lines.

    >>> line_widths(["一、总体要求", "", "GDP 5%"])
    [12, 6]
    """
    # display_width of every line, the UTF-8 lengths taken from one encoding of them all
    data = "\n".join(lines).encode("utf-8", "surrogatepass").split(b"\n")
    if len(data) == len(lines):
        return [(len(b) + len(x)) // 2 for b, x in zip(data, lines, strict=True) if x]
    return [display_width(x) for x in lines if x]  # a line with a line break in it


def wrap_width_of(counts: Counter[int]) -> int | None:
    """:func:`wrap_width` from the counts of line widths (so pieces of a text can be
    counted apart and added up)."""
    total = counts.total()
    if total < 8:
        return None
    get = counts.get
    near, best = max((get(w, 0) + get(w - 1, 0) + get(w - 2, 0) + get(w - 3, 0), w) for w in counts)
    if best < 16 or best > 120 or near * 10 < total * 3:
        return None
    return best


_TABLE_ROW = regex.compile(
    r"[^\d。，；]*\p{Han}[^\d。，；]*?(?:-?\d[\d,.]*[ \t]*\p{Han}{1,6}[ \t]*)+(?:-?\d[\d,.]*|持平)"
)


def _table_rows(line: str, nxt: str) -> bool:
    """Whether ``line`` is a row of a table aligned with spaces (粮食39401万吨 -2.2, 呢绒2.65亿米
    持平), or the header above one (1988年比上年增长%): rows keep their lines, however short."""
    if _TABLE_ROW.fullmatch(line):
        return True
    return line.endswith(("%", "‰")) and bool(_TABLE_ROW.fullmatch(nxt))


FORCED_WRAP_WIDTH: contextvars.ContextVar[tuple[int | None, ...]] = contextvars.ContextVar(
    "FORCED_WRAP_WIDTH", default=()
)
"""Set by a reader of a large text in windows (:mod:`govnlp.streaming`): the wrap width of
the whole text, for the first run of :func:`join_broken_lines` in each window instead of
the width of the window's own lines (an empty tuple: decide per text, as usual)."""


@step
def join_broken_lines(text: str) -> Iterator[Replacement]:
    """Join lines that a hard-wrapped layout (PDF, newspaper columns) broke inside a sentence.

    Only in documents whose lines mostly stop at one width; a line is joined to the next
    when it is (nearly) full, does not end a sentence, and the next does not start a heading.

    >>> page = "促进成果转化是科技创新工作\\n的出发点和落脚点。近年来\\n沈阳市不断建立科技成果。\\n"
    >>> tail = "一、总体要求\\n高端装备等重点产业领域实\\n施关键核心技术攻关项目"
    >>> print(join_broken_lines(page * 3 + tail))
    促进成果转化是科技创新工作的出发点和落脚点。近年来沈阳市不断建立科技成果。
    促进成果转化是科技创新工作的出发点和落脚点。近年来沈阳市不断建立科技成果。
    促进成果转化是科技创新工作的出发点和落脚点。近年来沈阳市不断建立科技成果。
    一、总体要求
    高端装备等重点产业领域实施关键核心技术攻关项目
    """
    lines = text.split("\n")
    forced = FORCED_WRAP_WIDTH.get()
    if forced:
        FORCED_WRAP_WIDTH.set(forced[1:])  # the first run only: later ones read joined lines
    width = forced[0] if forced else wrap_width(lines)
    if width is None:
        return
    pos = 0
    for i, line in enumerate(lines[:-1]):
        end = pos + len(line)
        nxt_i = i + 1
        blank = 0
        if not lines[nxt_i] and nxt_i + 1 < len(lines):
            nxt_i += 1
            blank = 1
        nxt = lines[nxt_i]
        if (
            line
            and nxt
            and display_width(line) * 4 >= width * 3
            and not _ends_sentence(line)
            and not _MARKER_START.match(line)  # a heading keeps its own line
            and not _MARKER_START.match(nxt)
            and (_HAN.match(nxt[0]) or nxt[0].isdigit() or nxt[0] in "%（(")
            and not _table_rows(line, nxt)
        ):
            yield end, end + 1 + blank, ""
        pos = end + 1


# --- the plan -----------------------------------------------------------------------------------

PLAN: tuple[Step, ...] = (
    unify_line_ends,
    unify_spaces,
    strip_markup,
    strip_front_matter,
    to_simplified,
    remove_boilerplate_lines,
    unify_enclosed_numerals,
    unify_brackets,
    unify_quotes,
    unify_dashes,
    strip_line_spaces,
    remove_inner_spaces,
    fold_width,
    join_broken_lines,
)
"""Every step, in the order :func:`normalize` runs them."""

_STEPS = {s.name: s for s in PLAN}


@dataclass(frozen=True)
class NormalizeConfig:
    """Which steps run: one field per step, named after it (``True`` runs it).

    ``to_simplified`` takes ``"auto"`` (convert only paragraphs detected as traditional),
    ``True`` (convert all) or ``False``.

    >>> normalize("１００％", NormalizeConfig(fold_width=False)).text
    '１００％'
    """

    unify_line_ends: bool = True
    unify_spaces: bool = True
    strip_markup: bool = True
    strip_front_matter: bool = True
    to_simplified: bool | Literal["auto"] = "auto"
    remove_boilerplate_lines: bool = True
    unify_enclosed_numerals: bool = True
    unify_brackets: bool = True
    unify_quotes: bool = True
    unify_dashes: bool = True
    strip_line_spaces: bool = True
    remove_inner_spaces: bool = True
    fold_width: bool = True
    join_broken_lines: bool = True

    def __post_init__(self) -> None:
        names = {f.name for f in fields(self)}
        if names != set(_STEPS):
            msg = f"NormalizeConfig fields and PLAN disagree: {sorted(names ^ set(_STEPS))}"
            raise AssertionError(msg)


DEFAULT_CONFIG = NormalizeConfig()


@dataclass(frozen=True, slots=True)
class StepChange:
    """One change a step made: ``source[start:end]`` (original offsets) read ``before``."""

    step: str
    start: int
    end: int
    before: str
    after: str

    def to_dict(self) -> dict[str, object]:
        """JSON-ready fields."""
        return {
            "step": self.step,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True)
class Normalized:
    """Clean text, the original, and the alignment between them.

    ``steps`` names the steps that changed something, in the order they ran (a step
    may run again in a later round); replaying them on ``source`` gives ``text``.
    """

    text: str
    source: str
    alignment: Alignment = field(default_factory=Alignment)
    steps: tuple[str, ...] = ()
    config: NormalizeConfig = DEFAULT_CONFIG

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the clean text to the span of the original that produced it."""
        return self.alignment.to_source(start, end)

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the original to the span of the clean text it became."""
        return self.alignment.to_clean(start, end)

    def explain(self) -> list[StepChange]:
        """Every change, step by step, with the original offsets it concerns.

        >>> [(c.step, c.before, c.after) for c in normalize("１００ 万元").explain()]
        [('remove_inner_spaces', ' ', ''), ('fold_width', '１００', '100')]
        """
        out: list[StepChange] = []
        text = self.source
        maps: list[EditMap] = []
        for name, m in zip(self.steps, self.alignment.steps, strict=True):
            new = _run(name, text, self.config)[0]
            earlier = Alignment(tuple(maps))
            for src_start, src_end, out_start, out_end in _runs(m.edits):
                start, end = earlier.to_source(src_start, src_end)
                if src_start == src_end:
                    start = end = earlier.to_source(src_start, src_start + 1)[0]
                out.append(
                    StepChange(name, start, end, text[src_start:src_end], new[out_start:out_end])
                )
            maps.append(m)
            text = new
        return out


def _runs(edits: Iterable[Edit]) -> Iterator[tuple[int, int, int, int]]:
    """Edits as ``(src_start, src_end, out_start, out_end)``, adjacent ones as one change
    (the map keeps ``１００`` → ``100`` as three edits, one per character; explain shows one).
    """
    run: list[int] | None = None
    for e in edits:
        if run is not None and run[1] == e.src_start and run[3] == e.out_start:
            run[1], run[3] = e.src_end, e.out_end
            continue
        if run is not None:
            yield run[0], run[1], run[2], run[3]
        run = [e.src_start, e.src_end, e.out_start, e.out_end]
    if run is not None:
        yield run[0], run[1], run[2], run[3]


def _run(name: str, text: str, config: NormalizeConfig) -> tuple[str, EditMap]:
    if name == "to_simplified" and config.to_simplified is True:
        return rewrite(text, _to_simplified(text, force=True))
    return _STEPS[name].rewrite(text)


def _check_text(text: object) -> str:
    if isinstance(text, (bytes, bytearray)):
        msg = "normalize() takes str, not bytes: decode first, e.g. data.decode('utf-8')"
        raise TypeError(msg)
    if not isinstance(text, str):
        msg = f"normalize() takes str, not {type(text).__name__}"
        raise TypeError(msg)
    return text


def normalize(text: str, config: NormalizeConfig | None = None) -> Normalized:
    """Run the normalization plan over ``text`` and keep the map back to it.

    >>> n = normalize("**62** 人，突破 1.5 万\\n家")
    >>> n.text, n.steps
    ('62人，突破1.5万\\n家', ('strip_markup', 'remove_inner_spaces'))
    >>> normalize(b"abc")
    Traceback (most recent call last):
    ...
    TypeError: normalize() takes str, not bytes: decode first, e.g. data.decode('utf-8')
    """
    return _normalize(_check_text(text), config or DEFAULT_CONFIG)


@lru_cache(maxsize=8)
def _normalize(source: str, cfg: NormalizeConfig) -> Normalized:
    """The plan itself. Remembered for the last few texts: quantities, the outline, the
    lexicon and the indicators of one document all read the same normalization."""
    text = source
    names = [s.name for s in PLAN if getattr(cfg, s.name)]
    maps: list[EditMap] = []
    applied: list[str] = []
    for _ in range(MAX_ROUNDS):
        rejoined = False
        for name in names:
            for _ in range(MAX_ROUNDS):  # each step to its own fixed point: **## 一 → ## 一 → 一
                new, m = _run(name, text, cfg)
                if not m:
                    break
                maps.append(m)
                applied.append(name)
                text = new
                rejoined = rejoined or name in _REOPENING
                if name in _SETTLED:
                    break
        if not rejoined:
            break
    return Normalized(text, source, Alignment(tuple(maps)), tuple(applied), cfg)


def apply_plan(text: str, steps: Iterable[str], config: NormalizeConfig | None = None) -> str:
    """Replay recorded steps (as in :attr:`Normalized.steps`) on ``text``.

    >>> n = normalize("６．３５ 亿吨")
    >>> apply_plan(n.source, n.steps) == n.text
    True
    """
    cfg = config or DEFAULT_CONFIG
    for name in steps:
        if name not in _STEPS:
            msg = f"unknown normalization step {name!r}; the steps are {', '.join(_STEPS)}"
            raise ValueError(msg)
        text = _run(name, text, cfg)[0]
    return text


def build_traditional_chars() -> str:
    """Regenerate ``data/traditional_chars.txt``: OpenCC t2s changes them, GB 2312 lacks them."""
    chars = [chr(i) for i in (*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0))]
    converted = _t2s()("\n".join(chars)).split("\n")
    found = []
    for ch, simple in zip(chars, converted, strict=True):
        if ch == simple:
            continue
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            found.append(ch)
    lines = [
        "# Characters that exist only in the traditional script: OpenCC t2s converts them and",
        "# GB 2312 (the simplified character set) does not contain them. Generated by",
        "# govnlp.normalize.build_traditional_chars(); tests/test_normalize.py checks it.",
    ]
    lines += ["".join(found[i : i + 64]) for i in range(0, len(found), 64)]
    return "\n".join(lines) + "\n"
