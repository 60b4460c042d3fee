"""The rows of the indicator table and what a document says about itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..quantities import Quantity

Status = Literal["actual", "target", "rule"]
STATUSES: tuple[str, ...] = ("actual", "target", "rule")


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading: where it starts, its depth and its own title.

    >>> Heading(0, 1, "一、", "关于2022年工作情况").title
    '关于2022年工作情况'
    """

    start: int
    level: int
    marker: str
    title: str


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What the document says about itself: year, region, province, own period and status.

    >>> DocumentContext(year=2022, region="沈阳市").period
    '2022'
    """

    year: int | None = None
    region: str | None = None
    province: str | None = None
    title: str | None = None
    own_period: str | None = None
    status: Status = "actual"
    evidence: tuple[str, ...] = ()
    review_year: int | None = None

    @property
    def reviewed(self) -> int | None:
        """The last year the document reports on: the year before a work report's own year
        (a 2014 report, delivered in early 2014, reviews 2013), else the document's year."""
        return self.review_year if self.review_year is not None else self.year

    @property
    def period(self) -> str | None:
        """The document's own period: an explicit one (``2022-H1``), else its year."""
        if self.own_period is not None:
            return self.own_period
        return None if self.year is None else str(self.year)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One row of the indicator table: a quantity with what, when, where and how sure.

    ``metric`` is the phrase as the guidelines write it (no spaces, line breaks or markup);
    ``metric_start:metric_end`` is where it stands in the caller's text, so
    ``squash(text[metric_start:metric_end]) == metric``. ``evidence`` says, per field,
    which cue decided it.
    """

    quantity: Quantity
    metric: str | None
    metric_start: int | None
    metric_end: int | None
    breakdown: str | None
    period: str | None
    status: Status
    scope: str | None
    section: tuple[str, ...] = ()
    evidence: tuple[tuple[str, str], ...] = field(default=())
    division_code: str | None = None
    """The GB/T 2260 code of the division ``scope`` names, where the gazetteer knows it
    (``100000`` for 全国): tables from different documents join on it."""

    @property
    def start(self) -> int:
        """Start of the quantity in the caller's text."""
        return self.quantity.start

    @property
    def end(self) -> int:
        """End of the quantity in the caller's text."""
        return self.quantity.end

    @property
    def text(self) -> str:
        """The quantity as written."""
        return self.quantity.text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready row: the quantity's fields, then metric … scope, section and evidence."""
        q = self.quantity.to_dict()
        return {
            "start": q["start"],
            "end": q["end"],
            "text": q["text"],
            "metric": self.metric,
            "breakdown": self.breakdown,
            "period": self.period,
            "status": self.status,
            "scope": self.scope,
            "division_code": self.division_code,
            "value": q["value"],
            "value_max": q["value_max"],
            "unit": q["unit"],
            "kind": q["kind"],
            "qualifier": q["qualifier"],
            "change": q["change"],
            "metric_start": self.metric_start,
            "metric_end": self.metric_end,
            "section": " > ".join(self.section),
            "evidence": dict(self.evidence),
        }
