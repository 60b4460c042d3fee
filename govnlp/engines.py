"""The automata a :class:`~govnlp.Lexicon` matches with, behind one small interface.

Two engines give the same matches (longest-leftmost, non-overlapping; property-tested):

* ``pyahocorasick``, always installed: a C automaton that reports every match, filtered
  here to the longest-leftmost ones;
* ``ahocorasick-rs``, with ``pip install 'govnlp[fast]'``: the Rust ``aho-corasick``
  crate, leftmost-longest built in, about three times faster over a document.

A lexicon uses the fastest one installed (:func:`default_engine`);
``Lexicon.using(name)`` picks one.

>>> m = build_engine("pyahocorasick", ["十四五", "十四五规划", "规划"])
>>> m.spans("十四五规划纲要，规划", [])
([0, 8], [5, 10], [1, 2])
>>> m.spans("十四五规划", [(0, 1), (4, 5)])  # the view of “十四五”规划
([1], [7], [1])
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from collections.abc import Sequence
from typing import Protocol

from .spans import EditColumns

# name: the module it needs
_MODULES = {"ahocorasick-rs": "ahocorasick_rs", "pyahocorasick": "ahocorasick"}
ENGINES = tuple(_MODULES)  # fastest first
ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # beyond the BMP: two UTF-16 code units
_SURROGATE = re.compile("[\ud800-\udfff]")

Spans = tuple[list[int], list[int], list[int]]


class Engine(Protocol):
    """Longest-leftmost matching of a fixed list of keys."""

    name: str

    def spans(self, view: str, cuts: Sequence[tuple[int, int]]) -> Spans:
        """The matches in ``view``: starts, ends and the index of the key matched.

        Offsets are those of the text ``view`` was cut from: ``cuts`` are the sorted
        spans deleted from it (a start moves past the cuts at or before it, an end past
        those before it, as ``EditColumns.deleting(cuts).spans_to_source`` maps them).
        """
        ...


@functools.cache
def available() -> tuple[str, ...]:
    """The engines installed here, fastest first (looked up once: every lexicon asks).

    >>> "pyahocorasick" in available()
    True
    """
    return tuple(n for n in ENGINES if importlib.util.find_spec(_MODULES[n]) is not None)


def default_engine() -> str:
    """The fastest engine installed."""
    return available()[0]


def check_engine(name: str) -> str:
    """``name`` if it is an engine installed here, else a ``ValueError`` saying why."""
    if name not in _MODULES:
        raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    if name not in available():
        extra = " (pip install 'govnlp[fast]')" if name == "ahocorasick-rs" else ""
        raise ValueError(f"engine {name!r} is not installed{extra}")
    return name


def build_engine(name: str, keys: Sequence[str]) -> Engine:
    """The automaton of engine ``name`` over ``keys`` (non-empty, none beyond the BMP)."""
    if check_engine(name) == "ahocorasick-rs":
        return _Rust(keys)
    return _PyAhoCorasick(keys)


def _bytes_view(text: str) -> str:
    """The UTF-16-BE bytes of ``text`` as a string of symbols U+0000..U+00FF."""
    return text.encode("utf-16-be", "surrogatepass").decode("latin-1")


class _PyAhoCorasick:
    """pyahocorasick over the text's UTF-16-BE bytes, filtered to the longest-leftmost.

    Each byte is one symbol: pyahocorasick looks a symbol up among a node's children
    one by one, and the root has as many children as there are distinct first symbols,
    a few hundred characters in a real lexicon but only some dozens of high bytes. A
    match counts only when it starts on a character boundary (an even byte); every
    character is two bytes once the rare ones beyond the BMP are masked. (``iter_long``,
    the library's own longest matching, misses matches on failure chains.)
    """

    name = "pyahocorasick"

    def __init__(self, keys: Sequence[str]) -> None:
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        for i, key in enumerate(keys):
            self._automaton.add_word(_bytes_view(key), i)
        if keys:
            self._automaton.make_automaton()
        self._lengths = [len(key) for key in keys]

    def _longest(self, view: str) -> dict[int, int]:
        """The longest match starting at each offset that starts one: start → key."""
        longest: dict[int, int] = {}
        if not self._lengths:
            return longest
        data = _bytes_view(view)
        if len(data) != 2 * len(view):
            data = _bytes_view(ASTRAL.sub("\ufffd", view))
        lengths = self._lengths
        # Matches come in order of their end, so a later match with the same start is
        # a longer one: the last one stored for a start is its longest.
        for last, key in self._automaton.iter(data):
            if last & 1:  # ends on a character boundary (else it starts mid-character)
                longest[((last + 1) >> 1) - lengths[key]] = key
        return longest

    def spans(self, view: str, cuts: Sequence[tuple[int, int]]) -> Spans:
        """See :meth:`Engine.spans`: the walk that chooses the matches also maps them."""
        longest = self._longest(view)
        lengths = self._lengths
        at: list[int] = []  # where each cut lies in the view
        cut_by: list[int] = []  # how many characters were cut up to and including it
        removed = 0
        for a, b in cuts:
            at.append(a - removed)
            removed += b - a
            cut_by.append(removed)
        at.append(sys.maxsize)
        starts: list[int] = []
        ends: list[int] = []
        found: list[int] = []
        pos = 0
        i = j = 0  # the cuts the starts have passed, and those the ends have
        next_i = next_j = at[0]
        start_shift = end_shift = 0
        for start in sorted(longest):
            if start >= pos:
                key = longest[start]
                pos = end = start + lengths[key]
                while next_i <= start:
                    start_shift = cut_by[i]
                    i += 1
                    next_i = at[i]
                while next_j < end:
                    end_shift = cut_by[j]
                    j += 1
                    next_j = at[j]
                starts.append(start + start_shift)
                ends.append(end + end_shift)
                found.append(key)
        return starts, ends, found


class _Rust:
    """ahocorasick-rs, leftmost-longest: its matches are already the ones wanted."""

    name = "ahocorasick-rs"

    def __init__(self, keys: Sequence[str]) -> None:
        import ahocorasick_rs

        kind = ahocorasick_rs.MatchKind.LeftmostLongest
        self._automaton = ahocorasick_rs.AhoCorasick(keys, matchkind=kind) if keys else None

    def spans(self, view: str, cuts: Sequence[tuple[int, int]]) -> Spans:
        """See :meth:`Engine.spans`."""
        if self._automaton is None:
            return [], [], []
        try:
            matches = self._automaton.find_matches_as_indexes(view)
        except UnicodeEncodeError:  # a lone surrogate has no UTF-8: mask it, same length
            matches = self._automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", view))
        found = [m[0] for m in matches]
        starts = [m[1] for m in matches]
        ends = [m[2] for m in matches]
        if cuts:
            starts, ends = EditColumns.deleting(cuts).spans_to_source(starts, ends)
        return starts, ends, found
