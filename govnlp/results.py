"""Result lists that show themselves: a ``list`` with a table view for notebooks.

:func:`govnlp.extract_quantities`, :func:`govnlp.extract_indicators` and
:meth:`govnlp.Lexicon.find` return a :class:`Results`: a plain ``list`` in every way
(equal to the list of the same items, pickles, slices to a list), which a Jupyter cell
shows as a table and :meth:`Results.to_dataframe` turns into a DataFrame with numbers as
numbers.

>>> from govnlp import extract_quantities
>>> found = extract_quantities("新增企业5家，增长20%")
>>> found == list(found), "<table" in found._repr_html_()
(True, True)
"""

from __future__ import annotations

from html import escape
from typing import Any, TypeVar

from .exports import cell

__all__ = ["Results"]

T = TypeVar("T")

MAX_ROWS = 200
"""How many rows the notebook table shows (the rest are counted)."""


class Results(list[T]):
    """A list of results (anything with ``to_dict()``) with a notebook view."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """An HTML table of the results' fields, the first :data:`MAX_ROWS` rows."""
        rows: list[dict[str, Any]] = []
        for item in self[:MAX_ROWS]:
            d: Any = item.to_dict() if hasattr(item, "to_dict") else item
            if isinstance(d, dict):
                rows.append(d)
        fields: list[str] = []
        for r in rows:
            fields.extend(k for k in r if k not in fields)
        head = "".join(f"<th>{escape(f)}</th>" for f in fields)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(cell(r.get(f)))}</td>" for f in fields) + "</tr>"
            for r in rows
        )
        more = len(self) - len(rows)
        note = f"<p>… {more} more (.to_dataframe() has them all)</p>" if more > 0 else ""
        return (
            f"<div><p>{len(self)} results</p><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>{note}</div>"
        )

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, ``value`` as ``float64`` beside ``value_exact`` (see
        :func:`govnlp.exports.frame`)."""
        from .exports import frame

        return frame(self)
