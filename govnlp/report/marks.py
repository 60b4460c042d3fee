"""Highlights over a text: marks of several kinds, nested properly, rendered as HTML.

Marks may overlap (a term holding a quantity, a heading running into a figure, a metric
phrase crossing a term). Spans nested or apart render as nested elements; where two
marks cross, the one that ranks lower in :data:`KEEP` is cut into pieces at the other's
edges, so a quantity is always one element at its own offsets.

>>> html = render_text("一二三四五六七", [Mark(0, 4, "term"), Mark(2, 6, "quantity")])
>>> html.count('data-kind="quantity"'), html.count('data-kind="term"')
(1, 2)
>>> import re; re.sub(r"<span [^>]*>", "<span>", html)
'<span>一二</span><span><span>三四</span>五六</span>七'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

__all__ = ["KEEP", "Mark", "laminate", "render_text"]

KEEP: Mapping[str, int] = {"quantity": 5, "heading": 4, "indicator": 3, "term": 2, "element": 1}
"""Which mark stays whole where two cross: the higher rank; the other is cut."""

OUTER: Mapping[str, int] = {"element": 0, "heading": 1, "indicator": 2, "term": 3, "quantity": 4}
"""For marks on the very same span, which one encloses the other (lower: outside)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlight over ``text[start:end]``: its kind and the attributes of its element.

    ``attrs`` are extra HTML attributes (``id``, ``title``, ``data-*``), values unescaped;
    ``tag`` is ``span`` or ``a`` (a mark that links somewhere has an ``href``).
    """

    start: int
    end: int
    kind: str
    attrs: Mapping[str, str] = field(default_factory=dict)
    tag: str = "span"


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int
    end: int
    mark: Mark
    part: int
    parts: int


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]


def laminate(marks: Iterable[Mark]) -> list[_Piece]:
    """The marks cut so that any two pieces are nested or apart, in render order.

    Marks are taken by :data:`KEEP` rank, highest first; a mark crossing pieces already
    taken is cut at their edges inside it (each piece then lies inside or outside each of
    them, and pieces already taken are never cut again). Empty marks are dropped.

    >>> ps = laminate([Mark(0, 4, "term"), Mark(2, 6, "quantity")])
    >>> [(p.start, p.end, p.mark.kind, p.part, p.parts) for p in ps]
    [(0, 2, 'term', 1, 2), (2, 6, 'quantity', 1, 1), (2, 4, 'term', 2, 2)]
    """
    taken: list[tuple[int, int]] = []
    pieces: list[_Piece] = []
    for mark in sorted(marks, key=lambda m: -KEEP.get(m.kind, 0)):
        if mark.end <= mark.start:
            continue
        span = (mark.start, mark.end)
        cuts = sorted(
            {edge for t in taken if _crosses(span, t) for edge in t if mark.start < edge < mark.end}
        )
        bounds = [mark.start, *cuts, mark.end]
        n = len(bounds) - 1
        for i in range(n):
            pieces.append(_Piece(bounds[i], bounds[i + 1], mark, i + 1, n))
            taken.append((bounds[i], bounds[i + 1]))
    pieces.sort(key=lambda p: (p.start, -p.end, OUTER.get(p.mark.kind, 9)))
    return pieces


def _open(piece: _Piece) -> str:
    mark = piece.mark
    attrs: dict[str, str] = {
        "class": f"m m-{mark.kind}",
        "data-kind": mark.kind,
        "data-start": str(mark.start),
        "data-end": str(mark.end),
    }
    for key, value in mark.attrs.items():
        if piece.part > 1 and key in ("id", "tabindex"):
            continue  # an id names one element: the first piece
        attrs[key] = value
    if piece.parts > 1:
        attrs["data-part"] = f"{piece.part}/{piece.parts}"
    tag = mark.tag if piece.parts == 1 else "span"
    inner = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{tag} {inner}>"


def render_text(text: str, marks: Sequence[Mark]) -> str:
    """``text`` as escaped HTML with every mark an element around its characters.

    >>> render_text("a<b", [Mark(1, 2, "term", {"title": 'x"y'})])[41:]
    'data-start="1" data-end="2" title="x&quot;y">&lt;</span>b'
    """
    out: list[str] = []
    stack: list[_Piece] = []
    pos = 0
    for piece in laminate(marks):
        while stack and stack[-1].end <= piece.start:
            top = stack.pop()
            out.append(escape(text[pos : top.end], quote=False))
            pos = top.end
            out.append(f"</{_tag(top)}>")
        out.append(escape(text[pos : piece.start], quote=False))
        pos = piece.start
        out.append(_open(piece))
        stack.append(piece)
    while stack:
        top = stack.pop()
        out.append(escape(text[pos : top.end], quote=False))
        pos = top.end
        out.append(f"</{_tag(top)}>")
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def _tag(piece: _Piece) -> str:
    return piece.mark.tag if piece.parts == 1 else "span"
