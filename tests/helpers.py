"""Shared test helpers: the source-offset invariant every result type must keep."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Located(Protocol):
    start: int
    end: int
    text: str


def assert_spans_point_into(
    source: str, results: Iterable[Located], *, ordered: bool = True
) -> None:
    """``source[r.start:r.end] == r.text`` for every result; sorted and disjoint if ``ordered``."""
    last_end = 0
    for r in results:
        assert 0 <= r.start <= r.end <= len(source), (r.start, r.end, len(source))
        assert source[r.start : r.end] == r.text, (source[r.start : r.end], r.text)
        if ordered:
            assert r.start >= last_end, f"overlap or disorder at {r.start}"
            last_end = r.end
