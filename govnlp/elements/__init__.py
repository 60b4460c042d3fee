"""The elements of official documents (公文): number, issuer, title, kind, addressees,
attachments, signature, date, imprint and web metadata (GUIDELINES §4).

>>> found = elements("营科发〔2022〕16号:关于印发《下半年打算》的通知\\n发布时间:2022-07-07\\n"
...                  "各科室:\\n现印发给你们。\\n营口市科学技术局\\n2022年7月6日\\n")
>>> [(e.element, e.text) for e in found][:4]  # doctest: +NORMALIZE_WHITESPACE
[('doc_number', '营科发〔2022〕16号'), ('title', '关于印发《下半年打算》的通知'),
 ('carried_kind', '打算'), ('doc_type', '通知')]
>>> found.first("doc_number").value
DocNumber(agency='营科发', year=2022, serial=16)
>>> found.first("date").value
'2022-07-06'
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import ELEMENTS, DocNumber, DocumentElements, DocumentSummary, Element, Value
from .read import read_elements
from .values import parse_date, parse_doc_number

__all__ = [
    "ELEMENTS",
    "DocNumber",
    "DocumentElements",
    "DocumentSummary",
    "Element",
    "Value",
    "elements",
    "parse_date",
    "parse_doc_number",
    "read_elements",
]


def elements(text: str, *, starts: Sequence[int] | None = None) -> DocumentElements:
    """The 公文 elements of every document in ``text``, with offsets into ``text``.

    ``starts`` (optional) are the documents' starts as :func:`govnlp.segment` found them
    (``Outline.documents``); by default they are found the same way.
    """
    return read_elements(text, starts)
