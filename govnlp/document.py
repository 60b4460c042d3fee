"""One call for everything govnlp reads in a document, over one normalization.

>>> doc = analyze("一、2022年工作情况\\n技术合同成交额达394.28亿元，同比增长20.54%。")
>>> [(q.text, doc.section_path(q)) for q in doc.quantities]
[('394.28亿元', ('2022年工作情况',)), ('20.54%', ('2022年工作情况',))]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .elements import DocumentElements, read_elements
from .indicators.model import Indicator
from .normalize import normalize
from .quantities import Quantity, extract_quantities
from .sections import Outline, Section, segment

__all__ = ["Document", "analyze"]


class _Located(Protocol):
    @property
    def start(self) -> int: ...


@dataclass(frozen=True)
class Document:
    """A document's outline and quantities (and policy terms, when asked for).

    Every offset is into ``text``, the caller's original.
    """

    text: str
    outline: Outline
    quantities: tuple[Quantity, ...]
    terms: tuple[Any, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    elements: DocumentElements | None = None
    """The 公文 elements of each document in the text (:func:`govnlp.elements`)."""

    def section_of(self, item: _Located) -> Section | None:
        """The innermost section holding a result (a quantity, a term, any span)."""
        return self.outline.find(item.start)

    def section_path(self, item: _Located) -> tuple[str, ...]:
        """The titles of the headings above a result, outermost first."""
        return tuple(s.heading.title for s in self.outline.path(item.start) if s.heading)

    def _repr_html_(self) -> str:
        """The highlighted text, for a notebook cell (:func:`govnlp.report.fragment`)."""
        from .report import fragment

        return fragment(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the outline, and each quantity with its section path."""
        return {
            "outline": self.outline.to_dict(),
            "quantities": [
                {**q.to_dict(), "section": list(self.section_path(q))} for q in self.quantities
            ],
            "terms": [t.to_dict() for t in self.terms],
            "indicators": [r.to_dict() for r in self.indicators],
            "elements": [] if self.elements is None else self.elements.to_dicts(),
            "documents": []
            if self.elements is None
            else [d.to_dict() for d in self.elements.summaries(self.text)],
        }


def analyze(
    text: str, *, terms: bool = True, indicators: bool = False, lexicon: Any = None
) -> Document:
    """Outline, quantities, 公文 elements, terms (and, if asked, indicators) of ``text``,
    read once.

    ``lexicon`` is a :class:`govnlp.lexicon.Lexicon` (the bundled one by default);
    ``terms=False`` skips term matching; ``indicators=True`` also builds the indicator
    table from the same quantities, outline and terms, with the year and region the
    elements state (the 成文日期, the issuer) where the text gives them.

    >>> d = analyze("关于某事的通知\\n各科室：\\n现通知如下。\\n营口市科学技术局\\n2022年7月6日\\n")
    >>> [(e.element, e.value) for e in d.elements][-2:]
    [('signature', '营口市科学技术局'), ('date', '2022-07-06')]
    """
    normalized = normalize(text)  # remembered: the capabilities below share it
    outline = segment(text)
    found_elements = read_elements(text, outline.documents)
    quantities = tuple(extract_quantities(text))
    found_terms: Sequence[Any] = ()
    if terms or indicators:
        from .lexicon import Lexicon

        found_terms = (lexicon or Lexicon.default()).find_in(normalized)
    rows: tuple[Indicator, ...] = ()
    if indicators:
        from .indicators import indicators_from

        year, region = found_elements.hints()
        rows = tuple(
            indicators_from(text, quantities, outline, found_terms, year=year, region=region)
        )
    return Document(
        text, outline, quantities, tuple(found_terms) if terms else (), rows, found_elements
    )
