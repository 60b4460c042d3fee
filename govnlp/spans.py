"""Spans and alignments: how offsets in cleaned text map back to the caller's text.

Normalization rewrites text in steps. Each step records its :class:`Edit` s (the
places where its output differs from its input); between edits the two texts are the
same, shifted. An :class:`Alignment` chains the steps, so any span of the clean text
maps back to the span of the original that produced it, and forward again.

>>> source = "**62** 人"
>>> clean, step = rewrite(source, [(0, 2, ""), (4, 7, "")])
>>> clean
'62人'
>>> a = Alignment((step,))
>>> a.to_source(0, 3)
(2, 8)
>>> source[2:8]
'62** 人'
>>> a.to_clean(2, 8)
(0, 3)
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import le
from typing import NamedTuple

__all__ = ["Alignment", "Edit", "EditColumns", "EditMap", "rewrite"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One place where a step's output differs from its input.

    ``src_start:src_end`` in the input became ``out_start:out_end`` in the output. A
    deletion has ``out_start == out_end``; an insertion ``src_start == src_end``.
    """

    src_start: int
    src_end: int
    out_start: int
    out_end: int


def _ordered(values: list[int]) -> bool:
    """Whether ``values`` never decrease (tested at C speed)."""
    return all(map(le, values, islice(values, 1, None)))


class EditColumns(NamedTuple):
    """The edits of one step as columns: what mapping many spans at once walks."""

    out_starts: list[int]
    out_ends: list[int]
    src_starts: list[int]
    src_ends: list[int]

    @classmethod
    def deleting(cls, cuts: Sequence[tuple[int, int]]) -> EditColumns:
        """The edits of deleting the sorted, disjoint, non-adjacent spans ``cuts``.

        >>> EditColumns.deleting([(0, 1), (4, 5)]) == rewrite("“十四五”规划",
        ...     [(0, 1, ""), (4, 5, "")])[1].columns
        True
        """
        out: list[int] = []
        removed = 0
        for start, end in cuts:
            out.append(start - removed)
            removed += end - start
        return cls(out, out, [a for a, _ in cuts], [b for _, b in cuts])

    def spans_to_source(self, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
        """:meth:`EditMap.to_source` of ``(starts[i], ends[i])`` for every ``i``, in one walk.

        The spans must come in order: starts non-decreasing, and the ends of the non-empty
        spans too (matches and mentions do, and mapping keeps them so). Where
        :meth:`EditMap.to_source` bisects the edits for each position, one cursor here
        follows the starts and another the ends.

        >>> _, m = rewrite("“十四五”规划", [(0, 1, ""), (4, 5, "")])
        >>> m.columns.spans_to_source([0, 3], [3, 5])
        ([1, 5], [4, 7])
        >>> m.to_source(0, 3), m.to_source(3, 5)
        ((1, 4), (5, 7))
        """
        out_starts, out_ends, src_starts, src_ends = self
        bounds = [*out_starts, sys.maxsize]
        new_starts: list[int] = []
        new_ends: list[int] = []
        add_start = new_starts.append
        add_end = new_ends.append
        # The last edit the starts have passed (begins at or before the start), and the
        # last one the ends have passed (begins before the end); none yet.
        i = j = 0
        next_i = next_j = bounds[0]
        s_out_end, s_src, s_shift = -1, 0, 0
        e_out_end, e_shift = 0, 0
        for start, end in zip(starts, ends, strict=True):
            while next_i <= start:
                s_out_end, s_src = out_ends[i], src_starts[i]
                s_shift = src_ends[i] - s_out_end
                i += 1
                next_i = bounds[i]
            s = s_src if start < s_out_end else start + s_shift  # inside the edit: its start
            add_start(s)
            if end <= start:
                add_end(s)
                continue
            while next_j < end:
                e_out_end = out_ends[j]
                e_shift = src_ends[j] - e_out_end
                j += 1
                next_j = bounds[j]
            e = (e_out_end if end <= e_out_end else end) + e_shift  # inside the edit: its end
            add_end(e if e > s else s)
        return new_starts, new_ends


class EditMap:
    """The edits of one step, with the position maps they imply.

    Positions between edits map one to one, shifted; a span that touches part of a
    replaced region maps to the whole region, so a mapped span never cuts a
    replacement in half.

    >>> clean, m = rewrite("1404 万元", [(4, 5, "")])
    >>> clean, m.to_source(0, 6)
    ('1404万元', (0, 7))
    """

    __slots__ = ("_columns", "_edits")

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits: tuple[Edit, ...] | None = tuple(edits)
        self._columns = EditColumns(
            [e.out_start for e in self._edits],
            [e.out_end for e in self._edits],
            [e.src_start for e in self._edits],
            [e.src_end for e in self._edits],
        )

    @classmethod
    def from_replacements(cls, text: str, replacements: Iterable[tuple[int, int, str]]) -> EditMap:
        """Build the map of replacing ``text[start:end]`` by ``new`` for each triple.

        The triples must be sorted and must not overlap; triples that change nothing
        are dropped and adjacent ones merged, except two adjacent substitutions of one
        character each (width folding, traditional to simplified): those stay apart, so
        a span that starts or ends between them maps to exactly its own characters.

        >>> EditMap.from_replacements("ab", [(0, 1, "x"), (1, 2, "yz")]).edits
        (Edit(src_start=0, src_end=2, out_start=0, out_end=3),)
        >>> len(EditMap.from_replacements("１％", [(0, 1, "1"), (1, 2, "%")]))
        2
        """
        out_starts: list[int] = []
        out_ends: list[int] = []
        src_starts: list[int] = []
        src_ends: list[int] = []
        shift = 0
        last_single = False  # the last edit is one character for one
        for start, end, new in replacements:
            if text[start:end] == new:
                continue
            out_start = start + shift
            out_end = out_start + len(new)
            shift += len(new) - (end - start)
            single = end - start == 1 and len(new) == 1
            if src_ends and src_ends[-1] == start and not (single and last_single):
                src_ends[-1] = end  # adjacent to the last edit: one edit
                out_ends[-1] = out_end
                last_single = False
            else:
                last_single = single
                out_starts.append(out_start)
                out_ends.append(out_end)
                src_starts.append(start)
                src_ends.append(end)
        m = cls.__new__(cls)
        m._columns = EditColumns(out_starts, out_ends, src_starts, src_ends)
        m._edits = None  # made when asked for: the maps themselves read the columns
        return m

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The edits, in order."""
        if self._edits is None:
            self._edits = tuple(
                Edit(a, b, c, d)
                for c, d, a, b in zip(*self._columns, strict=True)  # out_s, out_e, src_s, src_e
            )
        return self._edits

    @property
    def columns(self) -> EditColumns:
        """The edits as columns."""
        return self._columns

    def __bool__(self) -> bool:
        return bool(self._columns.out_starts)

    def __eq__(self, other: object) -> bool:
        """Two maps are equal when they hold the same edits (so a pickled copy is equal).

        >>> a = rewrite("１％", [(0, 1, "1")])[1]
        >>> a == rewrite("１％", [(0, 1, "1")])[1], a == rewrite("１％", [(1, 2, "%")])[1]
        (True, False)
        """
        if not isinstance(other, EditMap):
            return NotImplemented
        return self._columns == other._columns

    def __hash__(self) -> int:
        out_starts, out_ends, _, src_ends = self._columns
        return hash((len(out_starts), tuple(out_starts[:4]), tuple(out_ends[-4:]), src_ends[-1:]))

    def __repr__(self) -> str:
        return f"<EditMap of {len(self)} edits>"

    def __getstate__(self) -> tuple[EditColumns, None]:
        return self._columns, None

    def __setstate__(self, state: tuple[EditColumns, None]) -> None:
        self._columns = EditColumns(*state[0])
        self._edits = None

    def __len__(self) -> int:
        return len(self._columns.out_starts)

    def _start_back(self, p: int) -> int:
        out_starts, out_ends, src_starts, src_ends = self._columns
        i = bisect_right(out_starts, p) - 1
        if i < 0:
            return p
        if p < out_ends[i]:
            return src_starts[i]
        return src_ends[i] + (p - out_ends[i])

    def _end_back(self, p: int) -> int:
        out_starts, out_ends, _, src_ends = self._columns
        i = bisect_right(out_starts, p - 1) - 1
        if i < 0:
            return p
        if p - 1 < out_ends[i]:
            return src_ends[i]
        return src_ends[i] + (p - out_ends[i])

    def _start_forward(self, q: int) -> int:
        _, out_ends, src_starts, src_ends = self._columns
        i = bisect_right(src_starts, q) - 1
        if i < 0:
            return q
        out_starts = self._columns.out_starts
        if q < src_ends[i]:
            return out_starts[i]
        return out_ends[i] + (q - src_ends[i])

    def _end_forward(self, q: int) -> int:
        _, out_ends, src_starts, src_ends = self._columns
        i = bisect_right(src_starts, q - 1) - 1
        if i < 0:
            return q
        if q - 1 < src_ends[i]:
            return out_ends[i]
        return out_ends[i] + (q - src_ends[i])

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map an output span back to the input span that produced it."""
        s = self._start_back(start)
        if end <= start:
            return s, s
        return s, max(s, self._end_back(end))

    def to_output(self, start: int, end: int) -> tuple[int, int]:
        """Map an input span forward to the output span it became."""
        s = self._start_forward(start)
        if end <= start:
            return s, s
        return s, max(s, self._end_forward(end))


def rewrite(text: str, replacements: Iterable[tuple[int, int, str]]) -> tuple[str, EditMap]:
    """Replace ``text[start:end]`` by ``new`` for each sorted, non-overlapping triple.

    Returns the new text and the :class:`EditMap` that maps it back.

    >>> rewrite("６．３５亿吨", [(0, 1, "6"), (1, 2, "."), (2, 3, "3"), (3, 4, "5")])[0]
    '6.35亿吨'
    """
    reps = list(replacements)
    parts: list[str] = []
    pos = 0
    for start, end, new in reps:
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), EditMap.from_replacements(text, reps)


@dataclass(frozen=True)
class Alignment:
    """The chain of step maps from the original text to the clean text.

    >>> Alignment().to_source(3, 5)
    (3, 5)
    """

    steps: tuple[EditMap, ...] = ()
    _back: tuple[EditColumns, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The steps' edits as columns, last step first: what to_source reads, without a
        # method call or an attribute lookup per step.
        object.__setattr__(self, "_back", tuple(m.columns for m in reversed(self.steps)))

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the clean text to the span of the original that produced it.

        The same as :meth:`EditMap.to_source` of each step in turn, last step first.

        >>> clean, m = rewrite("**62** 人", [(0, 2, ""), (4, 7, "")])
        >>> Alignment((m,)).to_source(0, 3), m.to_source(0, 3)
        ((2, 8), (2, 8))
        """
        for out_starts, out_ends, src_starts, src_ends in self._back:
            i = bisect_right(out_starts, start) - 1
            if i < 0:
                s = start
            elif start < out_ends[i]:
                s = src_starts[i]
            else:
                s = src_ends[i] + (start - out_ends[i])
            if end <= start:
                start = end = s
                continue
            i = bisect_right(out_starts, end - 1) - 1
            if i < 0:
                e = end
            elif end - 1 < out_ends[i]:
                e = src_ends[i]
            else:
                e = src_ends[i] + (end - out_ends[i])
            start, end = s, e if e > s else s
        return start, end

    def spans_to_source(self, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
        """:meth:`to_source` of many spans in order (see :meth:`EditColumns.spans_to_source`).

        >>> clean, m = rewrite("**62** 人，**5**家", [(0, 2, ""), (4, 7, ""), (9, 11, "")])
        >>> clean
        '62人，5**家'
        >>> Alignment((m,)).spans_to_source([0, 4], [3, 8])
        ([2, 11], [8, 15])
        """
        if not (_ordered(starts) and _ordered(ends)):
            mapped = [self.to_source(s, e) for s, e in zip(starts, ends, strict=True)]
            return [s for s, _ in mapped], [e for _, e in mapped]
        for columns in self._back:
            starts, ends = columns.spans_to_source(starts, ends)
        return starts, ends

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the original text to the span of the clean text it became."""
        for m in self.steps:
            start, end = m.to_output(start, end)
        return start, end
