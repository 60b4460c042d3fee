"""The word tables of the element reader (``data/element_kinds.tsv``, ``element_labels.tsv``,
``organ_suffixes.tsv``), loaded once and checked.

>>> kind_at_end("关于印发实施细则的通知")
('通知', '通知')
>>> kind_at_end("国务院令"), kind_at_end("先进事迹")
(('令', '命令'), None)
>>> labels()["抄送"]
('cc', 'imprint')
"""

from __future__ import annotations

from functools import cache

from ..datafiles import read_table
from ..errors import DataFileError
from .model import ELEMENTS

__all__ = ["kind_at_end", "kinds", "labels", "organ_suffixes"]


@cache
def kinds() -> dict[str, str]:
    """Kind word as written → value (令 → 命令)."""
    out: dict[str, str] = {}
    for n, (word, value, cls) in read_table("element_kinds.tsv", ("word", "value", "class")):
        if cls not in ("文种", "carried"):
            raise DataFileError("govnlp/data/element_kinds.tsv", n, f"class {cls!r}")
        out[word] = value
    return out


@cache
def _kinds_longest_first() -> tuple[str, ...]:
    return tuple(sorted(kinds(), key=len, reverse=True))


def kind_at_end(title: str, end: int | None = None) -> tuple[str, str] | None:
    """The longest kind word ending ``title`` (at ``end``): (as written, value), or None."""
    stop = len(title) if end is None else end
    for word in _kinds_longest_first():
        if title.endswith(word, 0, stop):
            return word, kinds()[word]
    return None


@cache
def labels() -> dict[str, tuple[str, str]]:
    """Field label → (element, zone)."""
    out: dict[str, tuple[str, str]] = {}
    path = "govnlp/data/element_labels.tsv"
    for n, (label, element, zone) in read_table("element_labels.tsv", ("label", "element", "zone")):
        if element not in ELEMENTS or zone not in ("meta", "header", "imprint"):
            raise DataFileError(path, n, f"unknown element or zone: {element!r} {zone!r}")
        out[label] = (element, zone)
    return out


@cache
def organ_suffixes() -> tuple[str, ...]:
    """Words that end an organ's or a collective's name, longest first."""
    organs: list[str] = []
    path = "govnlp/data/organ_suffixes.tsv"
    for n, (word, kind, _) in read_table("organ_suffixes.tsv", ("word", "kind", "note"), 1):
        if kind != "organ":
            raise DataFileError(path, n, f"kind must be organ, not {kind!r}")
        organs.append(word)
    return tuple(sorted(organs, key=len, reverse=True))
