"""The records of the 公文 elements: one :class:`Element` per occurrence, gathered in
:class:`DocumentElements` with the documents of the file.

>>> e = Element(0, "doc_number", 3, 15, "营科发〔2022〕16号", DocNumber("营科发", 2022, 16))
>>> e.to_dict()["value"]
{'agency': '营科发', 'year': 2022, 'serial': 16}
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

__all__ = ["ELEMENTS", "DocNumber", "DocumentElements", "DocumentSummary", "Element", "Value"]

ELEMENTS: tuple[str, ...] = (
    "copy_number",
    "security",
    "urgency",
    "issuer",
    "doc_number",
    "signer",
    "title",
    "doc_type",
    "carried_kind",
    "recipients",
    "attachment_note",
    "signature",
    "date",
    "published",
    "remark",
    "attachment",
    "cc",
    "printed_by",
    "printed_date",
    "index_number",
    "source",
    "topic",
)
"""The 22 element names of GUIDELINES §4.2, in the order of the 条例's list."""

ElementName = Literal[
    "copy_number",
    "security",
    "urgency",
    "issuer",
    "doc_number",
    "signer",
    "title",
    "doc_type",
    "carried_kind",
    "recipients",
    "attachment_note",
    "signature",
    "date",
    "published",
    "remark",
    "attachment",
    "cc",
    "printed_by",
    "printed_date",
    "index_number",
    "source",
    "topic",
]


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A parsed 发文字号, 令号 or 公告号: 机关代字, year (None for a 令号) and serial.

    >>> DocNumber("国发", 2021, 1).to_dict()
    {'agency': '国发', 'year': 2021, 'serial': 1}
    """

    agency: str
    year: int | None
    serial: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with the guidelines' keys."""
        return {"agency": self.agency, "year": self.year, "serial": self.serial}

    def __str__(self) -> str:
        year = "" if self.year is None else f"〔{self.year}〕"
        return f"{self.agency}{year}{self.serial}号"


Value = str | int | DocNumber | None
"""An element's value: a string (names, ISO dates, kinds), an attachment's number, a
parsed document number, or None (a bare 附件, or a number or date that does not parse)."""


@dataclass(frozen=True, slots=True)
class Element:
    """One occurrence of one element: ``text == source[start:end]``; ``doc`` counts the
    documents of the file from 0."""

    doc: int
    element: str
    start: int
    end: int
    text: str
    value: Value

    def to_dict(self) -> dict[str, Any]:
        """The fields the gold annotations use.

        >>> Element(0, "date", 5, 14, "2022年7月6日", "2022-07-06").to_dict()["value"]
        '2022-07-06'
        """
        value = self.value.to_dict() if isinstance(self.value, DocNumber) else self.value
        return {
            "doc": self.doc,
            "element": self.element,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": value,
        }


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One row of the documents table: what the elements say of one document of a file.

    Each field is the first value of its element in the document (None where the text
    states none); ``region`` and ``year`` are read from them (the issuer's or signer's
    place, the date's year, else the number's).
    """

    doc: int
    start: int
    end: int
    title: str | None
    doc_type: str | None
    carried_kind: str | None
    issuer: str | None
    number: str | None
    date: str | None
    published: str | None
    region: str | None
    year: int | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict, one key per field."""
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "type": self.doc_type,
            "carried_kind": self.carried_kind,
            "issuer": self.issuer,
            "number": self.number,
            "date": self.date,
            "published": self.published,
            "region": self.region,
            "year": self.year,
        }


@dataclass(frozen=True, slots=True)
class DocumentElements:
    """The elements of every document in a text, in document order.

    ``documents`` holds where each document starts (the first at 0), the split that
    :func:`govnlp.segment` uses too; ``length`` is the text's length.
    """

    elements: tuple[Element, ...]
    documents: tuple[int, ...]
    length: int

    def __iter__(self) -> Iterator[Element]:
        return iter(self.elements)

    def __len__(self) -> int:
        return len(self.elements)

    def of(self, doc: int) -> tuple[Element, ...]:
        """The elements of document ``doc``."""
        return tuple(e for e in self.elements if e.doc == doc)

    def first(self, element: str, doc: int = 0) -> Element | None:
        """The first occurrence of ``element`` in document ``doc``, or None."""
        return next((e for e in self.elements if e.doc == doc and e.element == element), None)

    def span(self, doc: int) -> tuple[int, int]:
        """Where document ``doc`` starts and ends in the text."""
        end = self.documents[doc + 1] if doc + 1 < len(self.documents) else self.length
        return self.documents[doc], end

    def summaries(self, text: str | None = None) -> tuple[DocumentSummary, ...]:
        """One :class:`DocumentSummary` per document of the text. Given the ``text``, a
        document whose elements name no region or year takes those of the file's first
        document, else the file's as the indicator context reads them (the 打算 printed
        after 营口市科学技术局's notice: 营口市, 2022)."""
        from .read import summarize

        rows = tuple(summarize(self, d) for d in range(len(self.documents)))
        if text is None or all(r.region and r.year for r in rows):
            return rows
        from .read import file_context

        region, year = rows[0].region, rows[0].year  # what the file's first document states
        if region is None or year is None:
            ctx_region, ctx_year = file_context(text)
            region = region or ctx_region
            year = ctx_year if year is None else year
        return tuple(
            replace(r, region=r.region or region, year=r.year if r.year is not None else year)
            for r in rows
        )

    def hints(self) -> tuple[int | None, str | None]:
        """The year and region the elements of the file's first document state: the year
        of its 成文日期 (else of its 发布时间), the region of its issuer (else signature);
        None where the text states none. What the indicator table takes from them."""
        from .read import summarize

        if not self.documents:
            return None, None
        first = summarize(self, 0)
        year = int(first.date[:4]) if first.date else None
        if year is None and first.published:
            year = int(first.published[:4])
        return year, first.region

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every element as a JSON-ready dict."""
        return [e.to_dict() for e in self.elements]
