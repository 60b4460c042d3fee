"""Reading the 公文 elements of a text, zone by zone (GUIDELINES §4).

A file is split into documents by :func:`govnlp.sections.document_starts` (the split the
outline uses). In each document the reader walks the lines of the normalized text once:

1. the header, top down: web and repository metadata (``发布时间:``, ``索引号：``), the 版头
   (份号, 密级, 紧急程度, the issuer's mark, the 文号 and 签发人), an attachment label,
   the title block (wrapped over up to four lines, ending in a kind word), a 题注 with
   its adoption dates, and the 主送 lines, which end the header;
2. the closing, found from the end: the last date standing alone (or after the
   signature on its line) that only 附注, 附件说明 and 版记 lines follow; the signature
   lines above it; the 附件说明 above those;
3. the 版记: ``抄送：`` / ``主送：`` lines and the ``…印发`` line.

Everything else is body, and nothing in the body is an element (a cited number or title
is a reference, §4.5). A document whose header holds nothing of a 公文 (a news page, a
work summary opening with its lead sentence) gives no rows.

>>> r = read_elements("国务院关于印发《某某办法》的通知\\n国发〔2022〕5号\\n"
...                   "各省人民政府：\\n现印发。\\n国务院\\n2022年7月6日")
>>> [(e.element, e.text) for e in r]  # doctest: +NORMALIZE_WHITESPACE
[('title', '国务院关于印发《某某办法》的通知'), ('carried_kind', '办法'), ('doc_type', '通知'),
 ('doc_number', '国发〔2022〕5号'), ('recipients', '各省人民政府'), ('signature', '国务院'),
 ('date', '2022年7月6日')]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

import regex

from ..normalize import Normalized, normalize
from .model import DocNumber, DocumentElements, DocumentSummary, Element, Value
from .values import (
    DATE,
    DOC_NUMBER,
    ORDER_NUMBER,
    attachment_number,
    parse_date,
    parse_doc_number,
    parse_security,
)
from .words import kind_at_end, labels, organ_suffixes

__all__ = ["file_context", "read_elements", "summarize"]

_WS = " \t\u3000\xa0\r\n"
_EDGE = _WS + "#*•·>"
_NO_TITLE_PUNCT = regex.compile(r"[。；;！？!?：:，,]")
_SIGN_PUNCT = regex.compile(r"[。，,；;：:！？!?、“”《》\"]")
_MARKER = regex.compile(
    r"[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[.．、](?![0-9])"
    r"|第[一二三四五六七八九十百零0-9]{1,6}[章节条]|[①-⑳]"
)
_ITEM = regex.compile(r"(?:[0-9]{1,2}[.．、]|[（(][0-9]{1,2}[）)])(?![0-9])[ ]*")
_COPY = regex.compile(r"(?:份号[ ]*[:：][ ]*)?(?P<v>[0-9]{6})")
_SECURITY = regex.compile(
    r"(?:密级[ ]*[:：][ ]*)?(?P<v>(?:绝密|机密|秘密)"
    r"(?:[ ]*[★☆*][ ]*(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})(?:个月|年|月))?)"
    r"(?:[ ]+(?P<u>特急|加急|特提|平急))?"
)
_URGENCY = regex.compile(r"(?:紧急程度[ ]*[:：][ ]*)?(?P<v>特急|加急|特提|平急)")
_ATTACHMENT = regex.compile(
    r"(?P<label>附(?:[ ]*件[ ]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?)?)"
    r"[ ]*(?P<colon>[：:])?[ ]*"
)
_NOTE_LEAD = regex.compile(r"附[ ]*件?[ ]*[：:][ ]*")  # 附： is the short form
_REMARK = regex.compile(r"[（(](?P<v>[^（()）\n]{1,80})[）)]")
_CHROME = regex.compile(r"此页无正文|[—\-－一]\s*[0-9]{1,3}\s*[—\-－一]")
_IMPRINT = regex.compile(r"(?P<label>抄[ ]*[送报]|主[ ]*送|分[ ]*送)[ ]*(?:[：:][ ]*|[ ]+)")
_YEAR_MONTH = (
    r"(?:[0-9]{4}|[〇○零0OΟ一二三四五六七八九]{4})[ ]*年[ ]*[0-9一二三四五六七八九十]{1,3}[ ]*月"
)
_DAY = r"[ ]*[0-9一二三四五六七八九十]{1,4}[ ]*日"
_PRINTED = regex.compile(
    rf"(?P<org>[^\s，。；：,;:]{{2,40}}?)[ ]*(?P<date>{_YEAR_MONTH}{_DAY})[ ]*印发"
)
_DATE_ALONE = regex.compile(
    rf"(?P<sig>[^\s，。；：,;:、]{{2,30}}?)?[ ]*(?P<date>{_YEAR_MONTH}(?:{_DAY})?)"
)
_ADOPTED = regex.compile(r"会议|常委会|常务委员会")
_PASSED = regex.compile(r"通过|批准")
_ISSUED = regex.compile(r"[ ]*(?:发布|公布)")
_BODY_START = regex.compile(r"根据|按照|依据|为了|为进一步|现将|经研究|经国务院|近年来|特此|此复")
_POSITIONS = regex.compile(
    r"总理|主席|委员长|省长|市长|县长|区长|部长|局长|主任|书记|署长|行长|会长"
)
_TITLE_QUALIFIER = regex.compile(r"[（(][^（()）]{1,20}[）)]$")
_ENTITY_END = regex.compile(r"&[a-zA-Z]{1,8};?[ \t]*$")
_HAN = regex.compile(r"\p{Han}")
_FULL_DATE = regex.compile(
    r"(?:[0-9]{4}|[〇○零0OΟ一二三四五六七八九]{4})[ ]*年[ ]*[0-9一二三四五六七八九十]{1,3}[ ]*月"
    r"[ ]*[0-9一二三四五六七八九十]{1,3}[ ]*日"
)
_DATELINE = regex.compile(
    r"[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日电"
)  # 新华社…电
_TOC = regex.compile(r"目[ \u3000]*录")
_CARRY = regex.compile(r"印发|转发|批转|发布|颁布|公布")


@cache
def _meta_re() -> regex.Pattern[str]:
    words = sorted(labels(), key=len, reverse=True)
    alt = "|".join(regex.escape(x) for x in words)
    return regex.compile(rf"(?P<label>{alt})[ ]*[:：][ ]*")


@cache
def _title_words() -> tuple[str, ...]:
    from ..sections import _document_lines

    return _document_lines().title_suffixes


@cache
def _appendix_words() -> frozenset[str]:
    from ..sections import _document_lines

    return frozenset(_document_lines().appendix.pattern.split("(?:", 1)[1].split(")")[0].split("|"))


class _Reader:
    """The state of one reading: the normalized text, the rows, the current document."""

    def __init__(self, n: Normalized) -> None:
        self.n = n
        self.src = n.source
        self.clean = n.text
        self.rows: list[Element] = []
        self.doc = 0
        self.breaks = _joined_breaks(n)

    # ---------------------------------------------------------------- emitting

    def source_span(self, cs: int, ce: int) -> tuple[int, int]:
        s, e = self.n.to_source(cs, ce)
        src = self.src
        while s < e and src[s] in _EDGE:
            s += 1
        while e > s and src[e - 1] in _EDGE:
            e -= 1
        return s, e

    def emit(self, element: str, cs: int, ce: int, value: Value | type[_Text] = None) -> Element:
        s, e = self.source_span(cs, ce)
        return self.emit_source(element, s, e, value)

    def emit_source(
        self, element: str, s: int, e: int, value: Value | type[_Text] = None
    ) -> Element:
        text = self.src[s:e]
        v: Value = "".join(text.split()) if value is _Text else value  # type: ignore[assignment]
        row = Element(self.doc, element, s, e, text, v)
        self.rows.append(row)
        return row

    def emit_split(self, element: str, cs: int, ce: int) -> None:
        """One row per organ of a list (主送, 抄送): split at ，；, line breaks and at 、
        where both sides name an addressee (各省、自治区、直辖市人民政府 stays one)."""
        s, e = self.source_span(cs, ce)
        src = self.src
        pieces: list[tuple[int, int]] = []
        start = s
        for i in range(s, e + 1):
            if i == e or src[i] in "，,；;\n、":
                pieces.append((start, i))
                start = i + 1
        merged: list[tuple[int, int]] = []
        run: list[tuple[int, int]] = []  # pieces joined by 、 so far
        for a, b in pieces:
            a, b = _trim(src, a, b)
            if a >= b:
                continue
            run.append((a, b))
            if b < e and src[b] == "、":
                continue
            merged.extend(_join_shared(src, run))
            run = []
        merged.extend(_join_shared(src, run))
        for a, b in merged:
            if src[b - 1 : b] == "。":
                b -= 1
            if a < b:
                self.emit_source(element, a, b, _Text)

    # ---------------------------------------------------------------- the document

    def read(self, cstart: int, cend: int) -> None:
        lines = _lines(self.clean, cstart, cend, self.breaks)
        h = self.header(lines)
        if h < 0:
            return
        self.closing(lines, h)
        self.imprint(lines, h)

    def header(self, lines: list[tuple[int, int]]) -> int:
        """Read the header zone; return the index of the first body line, or -1 when the
        document shows nothing of a 公文."""
        clean = self.clean
        official = False
        title: str | None = None
        lenient = False
        order_mark: str | None = None
        skipped = 0  # short lines of page chrome before the title (政务信息 > 宁夏要闻)
        i = 0
        while i < len(lines):
            s, e = lines[i]
            line = clean[s:e]
            m = _meta_re().match(clean, s, e)
            if m is not None:
                self.meta(s, e)
                official = True
                i += 1
                continue
            if (m := _COPY.fullmatch(clean, s, e)) is not None and i < 4:
                self.emit("copy_number", *m.span("v"), m.group("v"))
                official = True
                i += 1
                continue
            if (m := _SECURITY.fullmatch(clean, s, e)) is not None:
                self.emit("security", *m.span("v"), parse_security(m.group("v")))
                if m.group("u"):
                    self.emit("urgency", *m.span("u"), m.group("u"))
                official = True
                i += 1
                continue
            if (m := _URGENCY.fullmatch(clean, s, e)) is not None:
                self.emit("urgency", *m.span("v"), m.group("v"))
                official = True
                i += 1
                continue
            if (m := _ATTACHMENT.fullmatch(clean, s, e)) is not None or (
                (m := _ATTACHMENT.match(clean, s, e)) is not None
                and m.group("colon")
                and title is None
                and i == 0
            ):
                number = attachment_number(m.group("label"))
                self.emit("attachment", *m.span("label"), number)
                official = lenient = True
                if m.end() < e:  # 附件1：××办法
                    title = self.title(m.end(), e)
                i += 1
                continue
            if self.issuer_mark(s, e, lines, i):
                if line.endswith("令"):
                    order_mark = "".join(self.src[slice(*self.source_span(s, e))].split())
                official = True
                i += 1
                continue
            if (taken := self.number_line(s, e, order_mark)) is not None:
                official = True
                if taken < e and title is None:
                    title = self.title(taken, e)
                i += 1
                continue
            if title is None or (
                len(line) >= 6
                and kind_at_end(line) is not None
                and kind_at_end(line) == kind_at_end(title)
            ):
                block = self.title_block(lines, i, lenient or (self.doc > 0 and i == 0), title)
                if block is not None:
                    j, ts, te = block
                    title = self.title(ts, te)
                    official = True
                    i = j
                    continue
            if title is not None:
                if (r := _REMARK.fullmatch(clean, s, e)) is not None:
                    self.history(*r.span("v"), note=True)
                    i += 1
                    continue
                if DATE.match(clean, s, e) is not None and (
                    _ADOPTED.search(clean, s, e) or _ISSUED.search(clean, s, e)
                ):
                    self.history(s, e)
                    i += 1
                    continue
            if official and (after := self.recipients(lines, i)) is not None:
                return after
            if (
                title is None
                and skipped < 4
                and (
                    _HAN.search(line) is None  # --- or *** between the parts of a file
                    or line.startswith("—")  # ——2002年1月25日在…会议上 (a report's delivery line)
                    or _DATELINE.search(line) is not None  # 新华社北京3月10日电
                    or (
                        self.doc == 0
                        and e - s <= 12
                        and _NO_TITLE_PUNCT.search(line) is None
                        and not _appendix_line(clean, s, e)
                    )
                )
            ):
                skipped += 1
                i += 1
                continue
            break
        return i if official else -1

    def meta(self, s: int, e: int) -> None:
        clean = self.clean
        found = list(_meta_re().finditer(clean, s, e))
        for k, m in enumerate(found):
            vs, ve = m.end(), found[k + 1].start() if k + 1 < len(found) else e
            while ve > vs and clean[ve - 1] in _WS:
                ve -= 1
            if vs >= ve:
                continue
            element = labels()[m.group("label")][0]
            value = clean[vs:ve]
            if element in ("published", "date"):
                self.emit(element, vs, ve, parse_date(value))
            elif element == "doc_number":
                self.emit(element, vs, ve, parse_doc_number("".join(value.split())))
            elif element == "title":
                self.title(vs, ve)
            elif element == "signer":
                self.signers(vs, ve)
            elif element == "issuer":
                self.emit_split(element, vs, ve)
            else:
                self.emit(element, vs, ve, _Text)

    def issuer_mark(self, s: int, e: int, lines: list[tuple[int, int]], i: int) -> bool:
        """An issuer's mark: organ names ending in 文件, 令 or 命令; or organ names alone
        with a 文号 line after them before the title."""
        clean = self.clean
        line = clean[s:e]
        if e - s > 60 or _NO_TITLE_PUNCT.search(line) or "关于" in line:
            return False
        if line.endswith("文件") and _ends_organ(line[:-2]):
            self.issuers(s, e - 2)
            return True
        for mark in ("命令", "令"):
            if line.endswith(mark) and _ends_organ(line[: -len(mark)]) and e - s <= 30:
                self.issuers(s, e - len(mark))
                return True
        if line == "文件" and i > 0:  # the mark of joint issuers stacked above it
            return True
        if _ends_organ(line) and e - s <= 30:
            # organ names alone, stacked (joint issuers), then 文件, a …文件 line or the 文号
            for j in range(i + 1, min(i + 5, len(lines))):
                ns, ne = lines[j]
                nxt = clean[ns:ne]
                if nxt.endswith("文件") or self.number_at(ns, ne) is not None:
                    self.issuers(s, e)
                    return True
                if not (_ends_organ(nxt) and ne - ns <= 30 and "关于" not in nxt):
                    break
        return False

    def issuers(self, cs: int, ce: int) -> None:
        s, e = self.source_span(cs, ce)
        for a, b in _split_ws(self.src, s, e):
            self.emit_source("issuer", a, b, _Text)

    def number_line(self, s: int, e: int, order_mark: str | None) -> int | None:
        """A 文号 opening the line: emit it (and a 签发人 after it); return where the rest
        of the line (a title after a colon) starts, or None when the line holds none."""
        clean = self.clean
        m = DOC_NUMBER.match(clean, s, e)
        value: DocNumber | None
        if m is not None:
            value = DocNumber(
                "".join(self.src[slice(*self.source_span(*m.span("agency")))].split()),
                int(m.group("year")),
                int(m.group("serial")),
            )
        else:
            m = ORDER_NUMBER.match(clean, s, e)
            if m is None or (order_mark is None and not m.group("agency")):
                return None
            agency = m.group("agency") or order_mark or ""
            year = m.group("year")
            value = DocNumber(agency, int(year) if year else None, int(m.group("serial")))
        rest = m.end()
        while rest < e and clean[rest] in _WS:
            rest += 1
        signer = regex.compile(r"签发人[ ]*[:：][ ]*").match(clean, rest, e)
        if not (rest >= e or clean[rest] in ":：" or signer is not None):
            return None
        self.emit("doc_number", m.start(), m.end(), value)
        if signer is not None:
            self.signers(signer.end(), e)
            return e
        if rest < e:
            rest += 1
            while rest < e and clean[rest] in _WS:
                rest += 1
        return rest

    def signers(self, cs: int, ce: int) -> None:
        s, e = self.source_span(cs, ce)
        for a, b in _split_ws(self.src, s, e):
            self.emit_source("signer", a, b, _Text)

    def title_block(
        self, lines: list[tuple[int, int]], i: int, lenient: bool, known: str | None
    ) -> tuple[int, int, int] | None:
        """The title lines starting at ``i``: (index after them, clean start, clean end)."""
        clean = self.clean
        taken: list[int] = []
        for j in range(i, min(i + 4, len(lines))):
            s, e = lines[j]
            line = clean[s:e]
            if not _title_like(line) or _TOC.fullmatch(line) or _meta_re().match(line):
                break
            if self.number_at(s, e) is not None:
                break
            taken.append(j)
        if taken and _appendix_line(clean, *lines[taken[0]]):
            return None  # 名词解释, 注释: notes to the text before, no document's title
        kinded = [j for j in taken if _title_kind(clean, *lines[j]) is not None]
        if kinded:  # a wrapped title ends at the last line that ends in a kind word
            return kinded[-1] + 1, lines[i][0], lines[kinded[-1]][1]
        if known is not None:
            return None
        words = _title_words()
        ends = [k for k, j in enumerate(taken) if clean[slice(*lines[j])].endswith(words)]
        if ends:
            taken = taken[: ends[0] + 1]
        if taken and lenient and not _appendix_line(clean, *lines[i]):
            j = taken[-1]
            if (
                len(taken) > 1
                and j + 1 < len(lines)
                and _MARKER.match(clean, *lines[j + 1]) is None
            ):
                taken = taken[:1]  # only the first line: the others may be body
            j = taken[-1]
            return j + 1, lines[i][0], lines[j][1]
        if taken and len(taken) <= 3:  # a title followed by its 文号
            j = taken[-1]
            if j + 1 < len(lines) and self.number_at(*lines[j + 1]) is not None:
                return j + 1, lines[i][0], lines[j][1]
        return None

    def number_at(self, s: int, e: int) -> regex.Match[str] | None:
        """A 发文字号 that opens the line and ends it (or a colon, or 签发人 follows)."""
        clean = self.clean
        m = DOC_NUMBER.match(clean, s, e)
        if m is None:
            return None
        rest = m.end()
        while rest < e and clean[rest] in _WS:
            rest += 1
        if rest >= e or clean[rest] in ":：" or clean.startswith("签发人", rest):
            return m
        return None

    def title(self, cs: int, ce: int) -> str:
        """Emit a title and the kinds read from its right end; return its value."""
        clean = self.clean
        while ce > cs and clean[ce - 1] in _WS + "。":
            ce -= 1
        row = self.emit("title", cs, ce, _Text)
        self.kinds(cs, ce)
        return row.value if isinstance(row.value, str) else ""

    def kinds(self, cs: int, ce: int) -> None:
        """The doc_type at the title's end, and the carried kinds of a 印发/转发 title."""
        clean = self.clean
        end = _kind_end(clean, cs, ce)
        found = _kind_before(clean, cs, end)
        if found is None:
            return
        word, value = found
        carried: list[tuple[int, int, str]] = []
        self._carried(cs, end - len(word), carried)
        for a, b, v in sorted(carried):
            self.emit("carried_kind", a, b, v)
        self.emit("doc_type", end - len(word), end, value)

    def _carried(self, cs: int, ce: int, out: list[tuple[int, int, str]]) -> None:
        """The kinds of the titles a carrying verb carries in ``clean[cs:ce]`` (the title
        without its own kind word), one per 《》 title or the one bare title, and on down
        a forwarding chain."""
        clean = self.clean
        m = _CARRY.search(clean, cs, ce)
        if m is None:
            return
        a, b = m.end(), ce
        while b > a and clean[b - 1] in _WS + "的":
            b -= 1
        if a >= b:
            return
        books = list(regex.finditer(r"《([^《》]{1,80})》", clean[a:b]))
        if books and clean[b - 1] == "》":
            for bk in books:
                s1, e1 = a + bk.start(1), a + bk.end(1)
                e2 = _kind_end(clean, s1, e1)
                k = _kind_before(clean, s1, e2)
                if k is not None:
                    out.append((e2 - len(k[0]), e2, k[1]))
            return
        e2 = _kind_end(clean, a, b)
        k = _kind_before(clean, a, e2)
        if k is None:
            return
        out.append((e2 - len(k[0]), e2, k[1]))
        self._carried(a, e2 - len(k[0]), out)

    def history(self, s: int, e: int, note: bool = False) -> None:
        """A 题注 (``note``: the text inside its parentheses) or a metadata line under the
        title: each date whose words up to the next date name a meeting and its adoption
        (…会议通过, …批准) is a ``date``; one followed by a 令号 or 公告号 and 发布/公布 is
        ``published``, with the number as the document's own ``doc_number`` (the number
        printed after a title names the text itself); a 题注 holding only an organ and a
        date (（民政部　一九九七年一月二十八日）) states when the text was made: a ``date``."""
        clean = self.clean
        if note and (m := _DATE_ALONE.fullmatch(clean, s, e)) is not None:
            if m.group("sig") is None or _signature_like(m.group("sig")):
                self.emit("date", *m.span("date"), parse_date(m.group("date")))
            return
        found = list(DATE.finditer(clean, s, e))
        for k, m in enumerate(found):
            stop = found[k + 1].start() if k + 1 < len(found) else e
            words = clean[m.end() : stop]
            if _ADOPTED.search(words) and _PASSED.search(words):
                self.emit("date", m.start(), m.end(), parse_date(m.group()))
                continue
            at = m.end()
            while at < stop and clean[at] in _WS:
                at += 1
            number = ORDER_NUMBER.match(clean, at, stop)
            if number is not None and not number.group("agency"):
                number = None
            after = number.end() if number is not None else at
            if _ISSUED.match(clean, after, stop):
                self.emit("published", m.start(), m.end(), parse_date(m.group()))
                if number is not None:
                    year = number.group("year")
                    value = DocNumber(
                        "".join(number.group("agency").split()),
                        int(year) if year else None,
                        int(number.group("serial")),
                    )
                    self.emit("doc_number", number.start(), number.end(), value)

    def recipients(self, lines: list[tuple[int, int]], i: int) -> int | None:
        """The 主送 lines from ``i``: up to the first ending in a colon; the index after."""
        clean = self.clean
        for j in range(i, min(i + 3, len(lines))):
            s, e = lines[j]
            line = clean[s:e]
            if "。" in line or e - lines[i][0] > 300 or _BODY_START.match(line):
                return None
            if line.endswith(("：", ":")):
                if line.endswith(("如下：", "如下:")) or _MARKER.match(line):
                    return None
                if not _addressees(clean[lines[i][0] : e - 1]):
                    return None
                self.emit_split("recipients", lines[i][0], e - 1)
                return j + 1
            if not line.endswith(("，", ",", "、", "；")):
                return None
        return None

    # ---------------------------------------------------------------- closing

    def closing(self, lines: list[tuple[int, int]], h: int) -> None:
        clean = self.clean
        d = -1
        for k in range(len(lines) - 1, h - 1, -1):
            s, e = lines[k]
            if _DATE_ALONE.fullmatch(clean, s, e) is not None:
                d = k
                break
            if not self.tail_line(s, e):
                return
        if d < 0:
            return
        s, e = lines[d]
        m = _DATE_ALONE.fullmatch(clean, s, e)
        assert m is not None
        sig = m.group("sig")
        if sig is not None and not _signature_like(sig):
            return
        groups: list[tuple[int, int]] = []  # signature lines: (first, last) line index
        if sig is None:
            groups = self.signature_lines(lines, h, d)
        first_sig = groups[0][0] if groups else d
        self.notes_before(lines, h, first_sig)
        for a, b in groups:
            if a == b:
                self.signature(*lines[a])
            else:  # a name wrapped over two lines: one row
                self.emit("signature", lines[a][0], lines[b][1], _Text)
        if sig is not None:
            self.signature(*m.span("sig"))
        self.emit("date", *m.span("date"), parse_date(m.group("date")))
        after = d + 1
        r = _REMARK.fullmatch(clean, *lines[after]) if after < len(lines) else None
        if r is not None and not _CHROME.search(r.group("v")):
            self.emit("remark", *r.span("v"), _Text)
        for k in range(after, len(lines)):
            s, e = lines[k]
            if _NOTE_LEAD.match(clean, s, e) is not None:
                self.notes_from(lines, k, len(lines))
                break

    def signature_lines(
        self, lines: list[tuple[int, int]], h: int, d: int
    ) -> list[tuple[int, int]]:
        """The signature lines above the date at ``d``, from the bottom up: organ names or
        an official's title and name; a line that names no organ is the first half of
        the name under it (湖北省巴东县官渡口镇马鬃山村 / 地质险情调查专家组)."""
        clean = self.clean
        groups: list[tuple[int, int]] = []
        k = d - 1
        while k >= h and d - k <= 5:
            line = clean[slice(*lines[k])]
            if not _signature_like(line):
                break
            if k - 1 >= h and _name_shape(clean[slice(*lines[k - 1])]):
                above = clean[slice(*lines[k - 1])]
                if not _signature_like(above):
                    groups.insert(0, (k - 1, k))
                    k -= 2
                    continue
            groups.insert(0, (k, k))
            k -= 1
        return groups

    def tail_line(self, s: int, e: int) -> bool:
        """A line that may follow the signature date: 附注, 附件说明, 版记, page chrome."""
        clean = self.clean
        line = clean[s:e]
        return bool(
            _REMARK.fullmatch(line)
            or _CHROME.fullmatch(line)
            or _IMPRINT.match(line)
            or _PRINTED.fullmatch(line)
            or _NOTE_LEAD.match(line)
            or _ITEM.match(line)
        )

    def signature(self, cs: int, ce: int) -> None:
        s, e = self.source_span(cs, ce)
        pieces = _split_ws(self.src, s, e)
        if len(pieces) > 1 and all(_ends_organ("".join(self.src[a:b].split())) for a, b in pieces):
            for a, b in pieces:
                self.emit_source("signature", a, b, _Text)
        else:
            self.emit_source("signature", s, e, _Text)

    def notes_before(self, lines: list[tuple[int, int]], h: int, stop: int) -> None:
        """The 附件说明 right above the signature: 附件： and its numbered lines."""
        clean = self.clean
        k = stop - 1
        while k >= h and stop - k <= 12:
            s, e = lines[k]
            if _NOTE_LEAD.match(clean, s, e):
                self.notes_from(lines, k, stop)
                return
            if not (_ITEM.match(clean, s, e) or (e - s <= 40 and "。" not in clean[s:e])):
                return
            k -= 1

    def notes_from(self, lines: list[tuple[int, int]], k: int, stop: int) -> None:
        clean = self.clean
        s, e = lines[k]
        lead = _NOTE_LEAD.match(clean, s, e)
        assert lead is not None
        items: list[list[int]] = []
        first = lead.end()
        if first < e:
            it = _ITEM.match(clean, first, e)
            items.append([it.end() if it else first, e])
        for j in range(k + 1, stop):
            s, e = lines[j]
            it = _ITEM.match(clean, s, e)
            if it is not None:
                items.append([it.end(), e])
            elif items and e - s <= 40 and not _DATE_ALONE.fullmatch(clean, s, e):
                if (
                    _signature_like(clean[s:e])
                    and j + 1 < stop
                    and _DATE_ALONE.fullmatch(clean, *lines[j + 1])
                ):
                    break
                items[-1][1] = e  # a wrapped name
            else:
                break
        for a, b in items:
            a, b = _note_name(clean, a, b)
            if a < b:
                self.emit("attachment_note", a, b, _Text)

    # ---------------------------------------------------------------- imprint

    def imprint(self, lines: list[tuple[int, int]], h: int) -> None:
        clean = self.clean
        k = h
        while k < len(lines):
            s, e = lines[k]
            if (m := _IMPRINT.match(clean, s, e)) is not None and e > m.end():
                label = "".join(m.group("label").split())
                element = labels().get(label, ("cc", ""))[0]
                end = e
                while not clean[s:end].endswith("。") and k + 1 < len(lines):
                    ns, ne = lines[k + 1]
                    if _IMPRINT.match(clean, ns, ne) or _PRINTED.fullmatch(clean, ns, ne):
                        break
                    if ne - ns > 80 or _MARKER.match(clean, ns, ne):
                        break
                    k += 1
                    end = ne
                self.emit_split(element, m.end(), end)
            elif (m := _PRINTED.fullmatch(clean, s, e)) is not None:
                self.emit("printed_by", *m.span("org"), _Text)
                self.emit("printed_date", *m.span("date"), parse_date(m.group("date")))
            k += 1


class _Text:
    """Marker: the value is the span's text without white space."""


def _trim(src: str, a: int, b: int) -> tuple[int, int]:
    while a < b and src[a] in _EDGE:
        a += 1
    while b > a and src[b - 1] in _EDGE:
        b -= 1
    return a, b


def _join_shared(src: str, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The addressees of pieces joined by 、: each piece naming an organ stands alone; a
    piece that names none (a level word, a place: 各省、自治区、直辖市人民政府; 北京、天津…
    省人民政府; names before a shared title: ××、××委员) shares the organ noun of the piece
    after it and joins it."""
    if not run:
        return []
    out: list[tuple[int, int]] = []
    start: int | None = None
    for a, b in run:
        if start is None:
            start = a
        if _ends_organ(src[a:b]) or (a, b) == run[-1]:
            out.append((start, b))
            start = None
    return out


def _split_ws(src: str, s: int, e: int) -> list[tuple[int, int]]:
    """The pieces of ``src[s:e]`` between runs of white space (and 、)."""
    out: list[tuple[int, int]] = []
    start = s
    for i in range(s, e + 1):
        if i == e or src[i] in _WS + "、，,":
            if start < i:
                out.append((start, i))
            start = i + 1
    return out


def _lines(clean: str, start: int, end: int, breaks: Sequence[int] = ()) -> list[tuple[int, int]]:
    """The non-blank lines of ``clean[start:end]``, without their edge blanks; ``breaks``
    are further line ends (where normalization joined the source's lines)."""
    out: list[tuple[int, int]] = []
    pos = start
    k = bisect_left(breaks, start)
    while pos < end:
        nl = clean.find("\n", pos, end)
        e = end if nl < 0 else nl
        while k < len(breaks) and breaks[k] <= pos:
            k += 1
        cut = k < len(breaks) and breaks[k] < e
        if cut:
            e = breaks[k]
        s, t = _trim(clean, pos, e)
        while s < t and (m := _ENTITY_END.search(clean, max(s, t - 16), t)) is not None:
            s, t = _trim(clean, s, m.start())  # &nbsp; &sp; left by a web copy
        if s < t:
            out.append((s, t))
        pos = e if cut else e + 1
    return out


def _joined_breaks(n: Normalized) -> list[int]:
    """Where the clean text has no line break but the source had one (joined lines)."""
    if "join_broken_lines" not in n.steps:
        return []
    src = n.source
    out: list[int] = []
    p = src.find("\n")
    while p >= 0:
        cs, ce = n.to_clean(p, p + 1)
        if cs == ce or "\n" not in n.text[cs:ce]:
            out.append(cs)
        p = src.find("\n", p + 1)
    return out


def _ends_organ(name: str) -> bool:
    name = "".join(name.split())
    return len(name) >= 2 and name.endswith(organ_suffixes())


def _addressees(text: str) -> bool:
    """Whether a 主送 line names an addressee: an organ, or a collective (各…, 有关…);
    not an oral salutation (各位代表：) nor a field label (发表时间：)."""
    pieces = [p for p in regex.split(r"[，,；;、\s]+", text) if p]
    if not pieces or text.startswith("各位"):
        return False
    return any(_ends_organ(p) or p.startswith(("各", "有关")) for p in pieces)


def _title_like(line: str) -> bool:
    """Short, no sentence punctuation, no marker; no full date (the 题注 and the
    ——2002年1月25日在…会议上 line of a report are no title); some Han characters."""
    return (
        0 < len(line) <= 60
        and _NO_TITLE_PUNCT.search(line) is None
        and _MARKER.match(line) is None
        and _BODY_START.match(line) is None
        and _FULL_DATE.search(line) is None
        and not line.startswith(("—", "-"))
        and _DATELINE.search(line) is None
        and len(_HAN.findall(line)) >= 2
    )


def _name_shape(line: str) -> bool:
    """Short, no punctuation, no marker, no closing formula: how a signature line looks."""
    name = "".join(line.split())
    return (
        1 < len(name) <= 30
        and _SIGN_PUNCT.search(name) is None
        and _MARKER.match(name) is None
        and not name.startswith(("特此", "此复", "附"))
        and DATE.search(name) is None
    )


def _signature_like(line: str) -> bool:
    name = "".join(line.split())
    return _name_shape(name) and (_ends_organ(name) or _POSITIONS.match(name) is not None)


def _appendix_line(clean: str, s: int, e: int) -> bool:
    return clean[s:e].rstrip("：:") in _appendix_words()


def _kind_end(clean: str, cs: int, ce: int) -> int:
    """Where a title's kind word ends: before a trailing （试行）-style qualifier."""
    while ce > cs and clean[ce - 1] in _WS:
        ce -= 1
    m = _TITLE_QUALIFIER.search(clean[cs:ce])
    if m is not None and kind_at_end(clean[cs : cs + m.start()]) is not None:
        ce = cs + m.start()
    return ce


def _kind_before(clean: str, cs: int, ce: int) -> tuple[str, str] | None:
    found = kind_at_end(clean[cs:ce])
    return found if found is not None and ce - len(found[0]) >= cs else None


def _title_kind(clean: str, s: int, e: int) -> tuple[str, str] | None:
    return _kind_before(clean, s, _kind_end(clean, s, e))


def _note_name(clean: str, a: int, b: int) -> tuple[int, int]:
    """An attachment's name in a 附件说明 item: without 《》, trailing punctuation, (略)."""
    while b > a and clean[b - 1] in _WS + "。；;，,":
        b -= 1
    m = regex.search(r"[（(]略[）)]$", clean[a:b])
    if m is not None:
        b = a + m.start()
    while b > a and clean[b - 1] in _WS:
        b -= 1
    if (
        clean[a:b].startswith("《")
        and clean[a:b].endswith("》")
        and clean[a + 1 : b - 1].count("《") == 0
    ):
        a, b = a + 1, b - 1
    return a, b


def read_elements(text: str, starts: Sequence[int] | None = None) -> DocumentElements:
    """The elements of every document in ``text`` (see the module's description).

    ``starts`` are the documents' starts when the caller has them (an outline's
    ``documents``); otherwise :func:`govnlp.sections.document_starts` finds them.
    """
    from ..sections import document_starts

    n = normalize(text)
    doc_starts = tuple(starts) if starts is not None else document_starts(text)
    reader = _Reader(n)
    clean_starts = [0 if s <= 0 else n.to_clean(s, s)[0] for s in doc_starts]
    for d, cs in enumerate(clean_starts):
        ce = clean_starts[d + 1] if d + 1 < len(clean_starts) else len(n.text)
        reader.doc = d
        reader.read(cs, ce)
    rows = sorted(reader.rows, key=lambda r: (r.doc, r.start, r.end))
    return DocumentElements(tuple(rows), doc_starts, len(text))


def summarize(found: DocumentElements, doc: int) -> DocumentSummary:
    """The documents-table row of document ``doc``."""
    start, end = found.span(doc)

    def value(element: str) -> Value:
        row = found.first(element, doc)
        return None if row is None else row.value

    def text(element: str) -> str | None:
        v = value(element)
        return None if v is None else str(v)

    date = text("date")
    number = value("doc_number")
    year: int | None = None
    if date:
        year = int(date[:4])
    elif isinstance(number, DocNumber) and number.year:
        year = number.year
    issuer = text("issuer") or text("signature")
    number_row = found.first("doc_number", doc)
    return DocumentSummary(
        doc=doc,
        start=start,
        end=end,
        title=text("title"),
        doc_type=text("doc_type"),
        carried_kind=text("carried_kind"),
        issuer=issuer,
        number=None if number_row is None else "".join(number_row.text.split()),
        date=date,
        published=text("published"),
        region=_region(issuer) or _region(text("title")),
        year=year,
    )


def file_context(text: str) -> tuple[str | None, int | None]:
    """The region and year the indicator context reads for the whole file."""
    try:
        from ..indicators.context import read_context
    except ImportError:  # pragma: no cover - the indicator package rebuilt without it
        return None, None
    ctx = read_context(text)
    return ctx.region, ctx.year


def _region(issuer: str | None) -> str | None:
    """The place an issuing organ belongs to, read as the indicator context reads a unit
    (营口市科学技术局 → 营口市); a central organ (国务院, 中共中央) is 全国."""
    if not issuer:
        return None
    try:
        from ..indicators.context import _NATIONAL, unit_region
    except ImportError:  # pragma: no cover - the indicator package rebuilt without them
        return None
    found = unit_region(issuer)  # also a title naming a unit: 太原市小店区科学技术局先进事迹
    if found is None and issuer.startswith(tuple(_NATIONAL)):
        return "全国"
    return found
