"""The front door: one row per quantity, and the table as a DataFrame."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import GovnlpError
from ..lexicon import Lexicon, TermMatch
from ..quantities import Quantity, extract_quantities
from ..sections import Outline, segment
from .context import read_context
from .frames import read_frames
from .headings import headings_of
from .model import DocumentContext, Heading, Indicator
from .scope import as_named
from .sentences import Reader, Row, level_words
from .times import find_times
from .view import CLAUSE_END, View


def build_indicators(
    text: str,
    quantities: Sequence[Quantity],
    headings: Sequence[Heading],
    context: DocumentContext,
    *,
    terms: Sequence[tuple[int, int]] = (),
) -> list[Indicator]:
    """One :class:`Indicator` per quantity, from inputs given explicitly.

    ``quantities`` and ``headings`` carry offsets into ``text``; ``context`` is what the
    document says about itself (see :func:`read_context`). ``terms`` are spans of named
    programs (from the policy lexicon): a metric never cuts one in half.

    >>> from govnlp.quantities import Quantity
    >>> from decimal import Decimal
    >>> t = "二、关于2023年工作安排\\n全市高新技术企业达到5000家。"
    >>> q = Quantity(24, 29, "5000家", Decimal(5000), "家", "count")
    >>> from govnlp.indicators import read_headings
    >>> h = read_headings(t)
    >>> r = build_indicators(t, [q], h, DocumentContext(year=2022, region="沈阳市"))[0]
    >>> r.metric, r.period, r.status, r.scope, r.section
    ('高新技术企业', '2023', 'target', '沈阳市', ('关于2023年工作安排',))
    """
    view = View(text)
    v = view.text
    frames = read_frames(text, headings, context)
    times = find_times(v)
    rows = [
        Row(q, view.at(q.start), max(view.at(q.start) + 1, view.at(q.end - 1) + 1))
        for q in sorted(quantities, key=lambda q: (q.start, q.end))
    ]
    term_spans = sorted((view.at(a), view.at(b - 1) + 1) for a, b in terms if b > a)
    reader = Reader(v, rows, times, frames, context, view, term_spans)
    reader.run()
    if terms:
        _keep_terms_whole(rows, view, terms)
    for r in rows:
        level_words(reader, r)  # after the terms: 国家高新技术企业 is a term, the metric is not
    out = []
    codes = _DivisionCodes(context)
    for r in rows:
        m_start = m_end = None
        if r.metric is not None:
            m_start, m_end = view.to_source(*r.metric)
        out.append(
            Indicator(
                quantity=r.q,
                metric=r.metric_text,
                metric_start=m_start,
                metric_end=m_end,
                breakdown=r.breakdown,
                period=r.period,
                status=r.status,
                scope=as_named(r.scope),
                division_code=codes.of(r.scope),
                section=r.section,
                evidence=tuple(sorted(r.why.items())),
            )
        )
    return out


class _DivisionCodes:
    """The gazetteer's code for each scope of one document, looked up once per name: within
    the document's region, else its province, else anywhere when the name is unique."""

    def __init__(self, ctx: DocumentContext) -> None:
        self.within = [w for w in (ctx.region, ctx.province) if w]
        self.known: dict[str, str | None] = {}

    def of(self, scope: str | None) -> str | None:
        if scope is None:
            return None
        if scope not in self.known:
            self.known[scope] = self._look_up(scope)
        return self.known[scope]

    def _look_up(self, scope: str) -> str | None:
        from .. import gazetteer  # read on first use: import govnlp stays light

        for within in (*self.within, None):
            try:
                found = gazetteer.resolve(scope, within=within)
            except GovnlpError:
                continue
            if found is not None:
                return found.code
        return None


def _keep_terms_whole(rows: list[Row], view: View, terms: Sequence[tuple[int, int]]) -> None:
    """Widen a metric that cuts a named program in half to hold the whole name, as long as
    the name stays in the metric's clause and off the figure."""
    v = view.text
    spans = sorted((view.at(a), view.at(b - 1) + 1) for a, b in terms if b > a)
    starts = [a for a, _ in spans]
    for r in rows:
        if r.metric is None:
            continue
        a, b = r.metric
        i = bisect.bisect_left(starts, a - 40)
        for ta, tb in spans[i:]:
            if ta >= b:
                break
            if tb <= a or (ta >= a and tb <= b):
                continue
            na, nb = min(a, ta), max(b, tb)
            if any(ch in CLAUSE_END + "\n" for ch in v[na:nb]) or (na < r.ve and nb > r.vs):
                continue
            a, b = na, nb
        if (a, b) != r.metric:
            r.metric, r.metric_text = (a, b), v[a:b]
            r.why["metric"] += "; widened to keep a named program whole"


def extract_indicators(
    text: str, *, title: str | None = None, year: int | None = None, region: str | None = None
) -> list[Indicator]:
    """The indicator table of a document: one :class:`Indicator` per quantity mention.

    ``title``, ``year`` and ``region`` override what the document says about itself; where
    they are not given, the year of the 成文日期 and the region of the issuing organ win
    when the document's 公文 elements state them (:meth:`DocumentElements.hints`).

    >>> rows = extract_indicators("沈阳市科学技术局2022年工作总结\\n全市科技支出完成24.94亿元。")
    >>> [(r.metric, r.period, r.status, r.scope) for r in rows if r.text == "24.94亿元"]
    [('科技支出', '2022', 'actual', '沈阳市')]
    """
    outline = segment(text)
    if year is None or region is None:  # what the 公文 elements state: 成文日期, issuer
        from ..elements import read_elements

        stated_year, stated_region = read_elements(text, outline.documents).hints()
        year = stated_year if year is None else year
        region = stated_region if region is None else region
    from ..results import Results

    return Results(
        indicators_from(
            text,
            extract_quantities(text),
            outline,
            Lexicon.default().find(text),
            title=title,
            year=year,
            region=region,
        )
    )


def indicators_from(
    text: str,
    quantities: Sequence[Quantity],
    outline: Outline,
    terms: Iterable[TermMatch],
    *,
    title: str | None = None,
    year: int | None = None,
    region: str | None = None,
) -> list[Indicator]:
    """The indicator table from a document's quantities, outline and terms, already found
    (what :func:`govnlp.analyze` does, so the document is read once)."""
    ctx = read_context(text, title=title, year=year, region=region)
    spans = [(m.start, m.end) for m in terms if m.category in _PROGRAM_CATEGORIES]
    return build_indicators(text, list(quantities), headings_of(outline), ctx, terms=spans)


_PROGRAM_CATEGORIES = frozenset(
    {"program", "platform", "enterprise-tier", "plan", "campaign", "initiative", "institution"}
)


def to_dataframe(rows: Iterable[Indicator], text: str | None = None) -> Any:
    """The rows as a pandas ``DataFrame`` (pandas is an optional dependency): ``value`` and
    ``value_max`` as ``float64`` beside their exact strings (``value_exact``), and with
    the document's ``text`` the ``sentence`` of each row.

    >>> import pytest; pd = pytest.importorskip("pandas")
    >>> to_dataframe([]).shape[0]
    0
    """
    try:
        import pandas  # noqa: F401
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe needs pandas: pip install '.[pandas]'") from e
    from ..exports import frame, with_sentences

    records = with_sentences(text, rows) if text is not None else (r.to_dict() for r in rows)
    return frame(records, "indicators")
