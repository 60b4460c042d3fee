"""A review page for one document: its figures, terms and headings shown where they stand.

:func:`report` gives one self-contained HTML page (inline CSS and script, system fonts, no
request to any network): the text with every quantity, policy term, heading, indicator
metric and (when asked) document element highlighted, the outline as a tree beside it,
the indicator table (sortable, filterable; a row click scrolls to its figure, the figure
links back to its row), the numbering diagnostics and the document's elements.

Every mark is an element with ``data-kind`` (``quantity``, ``term``, ``heading``,
``element``, ``indicator``) and ``data-start`` / ``data-end``, its offsets in the text,
so other tools can read the page. :func:`fragment` is the same view without the page
around it, for notebooks (``Document._repr_html_``).

>>> page = report("一、2022年工作情况\\n技术合同成交额达394.28亿元，同比增长20.54%。")
>>> page.startswith("<!DOCTYPE html>"), 'data-kind="quantity" data-start="20"' in page
(True, True)
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from ..document import Document, analyze
from ..exports import cell
from ..indicators.model import Indicator
from ..quantities import Quantity, format_number
from ..sections import Diagnostic, Heading, Outline, Section
from .marks import Mark, render_text

__all__ = ["build_marks", "element_finder", "fragment", "outline_html", "report"]

_ELEMENT_FIELDS = ("element", "start", "end", "text", "value")


def element_finder() -> Callable[[str], Iterable[Any]] | None:
    """``govnlp.elements`` (document elements: issuer, doc number, date …) where this
    govnlp has it, else ``None``; the report shows elements only when it is there."""
    import govnlp

    found: Any = getattr(govnlp, "elements", None)
    if isinstance(found, types.ModuleType):
        found = getattr(found, "elements", None)
    return found if callable(found) else None


def _as_document(
    doc: Document | str, lexicon: Any, year: int | None, region: str | None
) -> Document:
    if isinstance(doc, Document):
        return doc
    document = analyze(doc, indicators=True, lexicon=lexicon)
    if year is not None or region is not None:
        from ..indicators import indicators_from

        rows = indicators_from(
            doc, document.quantities, document.outline, document.terms, year=year, region=region
        )
        document = replace(document, indicators=tuple(rows))
    return document


def _record(item: Any) -> dict[str, Any]:
    d = item if isinstance(item, dict) else item.to_dict()
    return dict(d)


def _elements(doc: Document, elements: bool | Sequence[Any]) -> list[dict[str, Any]] | None:
    """The element rows to show: given, the document's own (``analyze`` reads them), or
    found with ``govnlp.elements``; ``None`` when not asked for or not available."""
    if elements is False:
        return None
    if elements is True:
        own = getattr(doc, "elements", None)
        if own is not None:
            return [_record(e) for e in own]
        finder = element_finder()
        if finder is None:
            return None
        return [_record(e) for e in finder(doc.text)]
    return [_record(e) for e in elements]


# --------------------------------------------------------------------------- marks


def _quantity_tip(q: Quantity) -> str:
    value = format_number(q.value)
    if q.value_max is not None:
        value += f" – {format_number(q.value_max)}"
    lines = [f"quantity {q.text}", f"value {value} {q.unit}".rstrip(), f"kind {q.kind}"]
    if q.qualifier != "exact":
        lines.append(f"qualifier {q.qualifier}")
    if q.change is not None:
        basis = f" ({q.change.basis})" if q.change.basis else ""
        lines.append(f"change {q.change.direction}{basis}")
    if q.implied_unit:
        lines.append(f"implied unit {q.implied_unit}")
    return "\n".join(lines)


def _heading_tip(h: Heading) -> str:
    return f"heading level {h.level}, number {h.number} ({h.kind}, {h.family})\n{h.title}"


@cache
def _glosses() -> dict[str, str]:
    from ..lexicon import Lexicon

    return {cid: c.gloss for cid, c in Lexicon.default().concepts.items() if c.gloss}


def _term_tip(t: Any, lexicon: Any) -> str:
    gloss = ""
    if lexicon is not None:
        concept = lexicon.concepts.get(t.id)
        gloss = concept.gloss if concept is not None else ""
    else:
        gloss = _glosses().get(t.id, "")
    lines = [f"term {t.canonical}", f"category {t.category}"]
    if gloss:
        lines.append(gloss)
    return "\n".join(lines)


def _indicator_tip(r: Indicator) -> str:
    fields = [("metric", r.metric), ("breakdown", r.breakdown), ("period", r.period)]
    fields += [("status", r.status), ("scope", r.scope)]
    return "indicator\n" + "\n".join(f"{k} {v}" for k, v in fields if v)


def _element_tip(e: dict[str, Any]) -> str:
    value = e.get("value")
    shown = "" if value is None or value == e.get("text") else f"\nvalue {value}"
    return f"element {e.get('element')}{shown}"


def build_marks(
    doc: Document,
    *,
    elements: Sequence[dict[str, Any]] | None = None,
    lexicon: Any = None,
    tip: str = "data-tip",
) -> list[Mark]:
    """Every mark of the page: headings ``h-N``, quantities ``q-N`` (a link to the first
    indicator row of the figure, ``r-N``), indicator metrics, terms, elements.

    ``tip`` is the attribute that carries each mark's fields (``title`` where no script
    shows them).
    """
    marks: list[Mark] = []
    for n, h in enumerate(doc.outline.headings()):
        marks.append(Mark(h.start, h.end, "heading", {"id": f"h-{n}", tip: _heading_tip(h)}))
    rows_of: dict[tuple[int, int], list[int]] = {}
    for n, r in enumerate(doc.indicators):
        rows_of.setdefault((r.start, r.end), []).append(n)
    metrics: dict[tuple[int, int], list[int]] = {}
    for n, r in enumerate(doc.indicators):
        if r.metric_start is not None and r.metric_end is not None:
            metrics.setdefault((r.metric_start, r.metric_end), []).append(n)
    for n, q in enumerate(doc.quantities):
        attrs = {"id": f"q-{n}", tip: _quantity_tip(q), "data-value": format_number(q.value)}
        attrs["data-unit"] = q.unit
        rows = rows_of.get((q.start, q.end))
        if rows:
            attrs["href"] = f"#r-{rows[0]}"
            attrs["data-rows"] = " ".join(f"r-{i}" for i in rows)
            marks.append(Mark(q.start, q.end, "quantity", attrs, tag="a"))
        else:
            attrs["tabindex"] = "0"
            marks.append(Mark(q.start, q.end, "quantity", attrs))
    for (start, end), rows in metrics.items():
        first = doc.indicators[rows[0]]
        attrs = {tip: _indicator_tip(first), "data-rows": " ".join(f"r-{i}" for i in rows)}
        marks.append(Mark(start, end, "indicator", attrs))
    for t in doc.terms:
        marks.append(
            Mark(t.start, t.end, "term", {tip: _term_tip(t, lexicon), "data-category": t.category})
        )
    for e in elements or ():
        where = e.get("start"), e.get("end")
        if isinstance(where[0], int) and isinstance(where[1], int):
            attrs = {tip: _element_tip(e), "data-element": str(e.get("element"))}
            marks.append(Mark(where[0], where[1], "element", attrs))
    return marks


# --------------------------------------------------------------------------- parts


def _tree(sections: Sequence[Section], ids: dict[int, int], links: bool) -> str:
    items = []
    for s in sections:
        inner = _tree(s.children, ids, links)
        if s.heading is None:
            if inner:
                items.append(inner)
            continue
        h = s.heading
        tag, href = ("a", f'href="#h-{ids[h.start]}" ') if links else ("span", "")
        link = (
            f'<{tag} {href}data-start="{h.start}" data-end="{h.end}" '
            f'data-level="{h.level}"><span class="mk">{escape(h.marker)}</span>'
            f"{escape(h.title)}</{tag}>"
        )
        items.append(f"<li>{link}{inner}</li>")
    if not items:
        return ""
    if all(i.startswith("<ul") for i in items):
        return "".join(items)
    return "<ul>" + "".join(items) + "</ul>"


def outline_html(outline: Outline, *, links: bool = True) -> str:
    """The outline as nested lists of links to the headings (``#h-N``; plain text with
    ``links=False``).

    >>> from govnlp.sections import segment
    >>> outline_html(segment("一、甲\\n（一）乙\\n"))  # doctest: +ELLIPSIS
    '<ul><li><a href="#h-0" data-start="0" ...>甲</a><ul><li><a href="#h-1" ...'
    """
    ids = {h.start: n for n, h in enumerate(outline.headings())}
    return _tree(outline.sections, ids, links)


def _diagnostics(diags: Sequence[Diagnostic], headings: Sequence[Heading]) -> str:
    if not diags:
        return '<p class="empty">No numbering warnings.</p>'
    starts = [h.start for h in headings]
    items = []
    for d in diags:
        where = max((i for i, s in enumerate(starts) if s <= d.start), default=None)
        link = f' <a href="#h-{where}">→</a>' if where is not None else ""
        items.append(
            f'<li data-start="{d.start}" data-end="{d.end}"><b>{escape(d.code)}</b> '
            f"{escape(d.message)}{link}</li>"
        )
    return '<ul class="diag">' + "".join(items) + "</ul>"


def _elements_table(rows: Sequence[dict[str, Any]] | None) -> str:
    if rows is None:
        return ""
    if not rows:
        return '<h2>Document elements</h2><p class="empty">No elements found.</p>'
    body = []
    for e in rows:
        value = e.get("value")
        shown = cell(value)
        body.append(
            f'<tr data-start="{e.get("start")}" data-end="{e.get("end")}">'
            f"<td>{escape(str(e.get('element')))}</td><td>{escape(str(e.get('text', '')))}</td>"
            f"<td>{escape(shown)}</td></tr>"
        )
    return (
        '<h2>Document elements</h2><table class="elements"><thead><tr><th>element</th>'
        "<th>text</th><th>value</th></tr></thead><tbody>" + "".join(body) + "</tbody></table>"
    )


def _evidence_cell(evidence: Sequence[tuple[str, str]]) -> str:
    """The cues that decided each field: two lines shown, all of them on hover and in print."""
    lines = [f"{k}: {v}" for k, v in evidence]
    full = escape("\n".join(lines))
    shown = "<br>".join(escape(x) for x in lines)
    return f'<td class="ev"><div title="{full}">{shown}</div></td>'


_COLUMNS = ("figure", "metric", "breakdown", "period", "status", "scope", "value", "unit")


def _indicator_table(doc: Document) -> str:
    if not doc.indicators:
        return '<h2>Indicators</h2><p class="empty">No indicator rows.</p>'
    target = {(q.start, q.end): n for n, q in enumerate(doc.quantities)}
    body = []
    for n, r in enumerate(doc.indicators):
        q = target.get((r.start, r.end))
        value = format_number(r.quantity.value)
        if r.quantity.value_max is not None:
            value += "–" + format_number(r.quantity.value_max)
        cells = [
            f'<td><a href="#q-{q}">{escape(r.text)}</a></td>' if q is not None else "<td></td>",
            *(f"<td>{escape(v or '')}</td>" for v in (r.metric, r.breakdown, r.period)),
            f"<td>{escape(r.status)}</td><td>{escape(r.scope or '')}</td>",
            f'<td class="num" data-sort="{float(r.quantity.value)!r}">{escape(value)}</td>',
            f"<td>{escape(r.quantity.unit)}</td>",
            _evidence_cell(r.evidence),
        ]
        attrs = f'id="r-{n}" data-start="{r.start}" data-end="{r.end}" data-status="{r.status}"'
        if q is not None:
            attrs += f' data-target="q-{q}"'
        body.append(f"<tr {attrs}>" + "".join(cells) + "</tr>")
    heads = "".join(f"<th>{c}</th>" for c in (*_COLUMNS, "evidence"))
    options = "".join(f'<option value="{s}">{s}</option>' for s in ("actual", "target", "rule"))
    return (
        f'<h2>Indicators (<span id="shown">{len(doc.indicators)}</span>'
        f" of {len(doc.indicators)})</h2>"
        '<div class="filters"><input id="filter" type="search" placeholder="filter rows…" '
        'aria-label="filter rows"><select id="status" aria-label="status">'
        f'<option value="">any status</option>{options}</select></div>'
        f'<table id="indicators"><thead><tr>{heads}</tr></thead><tbody>'
        + "".join(body)
        + "</tbody></table>"
    )


_LEGEND = "".join(
    f'<span class="m m-{k}">{k}</span>' for k in ("quantity", "term", "heading", "indicator")
)


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def report(
    doc: Document | str,
    *,
    title: str | None = None,
    elements: bool | Sequence[Any] = True,
    mark_elements: bool = False,
    lexicon: Any = None,
    year: int | None = None,
    region: str | None = None,
) -> str:
    """The review page of a document (a :class:`~govnlp.document.Document` or its text).

    Text is analysed with indicators; ``year`` and ``region`` help the indicator table
    where the text does not say them. ``elements=True`` shows and marks the document's
    elements where :func:`element_finder` has them; a sequence gives them, ``False``
    leaves them out; they head the page, and with ``mark_elements`` they are marked in
    the text as well. ``title`` heads the page (default: the first line of the text).
    """
    document = _as_document(doc, lexicon, year, region)
    text = document.text
    element_rows = _elements(document, elements)
    marks = build_marks(document, elements=element_rows if mark_elements else None, lexicon=lexicon)
    headings = document.outline.headings()
    name = title or next((line.strip() for line in text.splitlines() if line.strip()), "")
    counts = (
        f"{len(text):,} characters · {len(document.quantities)} quantities · "
        f"{len(document.terms)} terms · {len(headings)} headings · "
        f"{len(document.indicators)} indicator rows"
    )
    if element_rows is not None:
        counts += f" · {len(element_rows)} elements"
    legend = _LEGEND
    if mark_elements and element_rows:
        legend += '<span class="m m-element">element</span>'
    tree = outline_html(document.outline) or '<p class="empty">No headings.</p>'
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="govnlp">'
        f"<title>{escape(name[:80])}</title><style>{_asset('report.css')}</style></head>"
        f'<body><header class="top"><h1>{escape(name)}</h1><div class="counts">{counts}</div>'
        f'<div class="legend">{legend}</div></header><div class="layout">'
        f'<nav class="side" aria-label="outline"><h2>Outline</h2>{tree}'
        f"<h2>Numbering</h2>{_diagnostics(document.outline.check(), headings)}</nav>"
        f"<main>{_elements_table(element_rows)}<h2>Text</h2>"
        f'<div class="doc" id="text">{render_text(text, marks)}</div>'
        f"{_indicator_table(document)}</main></div>"
        f'<div id="tip" role="tooltip"></div><script>{_asset("report.js")}</script>'
        "</body></html>\n"
    )


_FRAGMENT_CSS = (
    ".govnlp-view{font:14px/1.7 system-ui,sans-serif;white-space:pre-wrap;max-height:32em;"
    "overflow:auto;border:1px solid #e5e7eb;padding:.5em .8em}"
    ".govnlp-view .m-quantity{background:#fde68a;box-shadow:inset 0 -2px #b45309;"
    "color:inherit;text-decoration:none}"
    ".govnlp-view .m-term{background:#dbeafe}.govnlp-view .m-heading{background:#dcfce7;"
    "font-weight:600}.govnlp-view .m-indicator{box-shadow:inset 0 -2px #be123c}"
    ".govnlp-view .m-element{outline:1px dashed #7e22ce}"
)


def fragment(doc: Document, *, max_chars: int = 20000) -> str:
    """The highlighted text alone (fields in each mark's ``title``), for a notebook cell;
    a longer text is cut at ``max_chars`` (the marks past the cut left out)."""
    text = doc.text[:max_chars]
    marks = [
        replace(m, attrs={k: v for k, v in m.attrs.items() if k != "href"}, tag="span")
        for m in build_marks(doc, tip="title")
        if m.end <= len(text)
    ]
    more = (
        f"\n… ({len(doc.text) - max_chars:,} more characters: govnlp.report() shows all)"
        if len(doc.text) > max_chars
        else ""
    )
    counts = (
        f"{len(doc.quantities)} quantities · {len(doc.terms)} terms · "
        f"{len(doc.outline.headings())} headings · {len(doc.indicators)} indicator rows"
    )
    return (
        f'<div><style>{_FRAGMENT_CSS}</style><div style="font-size:12px;color:#6b7280">'
        f'{counts}</div><div class="govnlp-view">{render_text(text, marks)}'
        f"{escape(more)}</div></div>"
    )
