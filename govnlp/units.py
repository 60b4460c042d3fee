"""The word tables the quantity parser reads: units, qualifiers and change words.

Each table is a TSV file in ``govnlp/data/`` whose header comments explain the columns.
Tables are loaded once, on first use, and validated: a malformed row raises
:class:`~govnlp.errors.DataFileError` naming the file and line.

>>> units()["平米"].canonical, units()["个百分点"].kind
('平方米', 'percentage_point')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from .datafiles import read_table
from .errors import DataFileError

__all__ = [
    "KINDS",
    "QUALIFIERS",
    "ChangeWord",
    "Qualifier",
    "Unit",
    "change_words",
    "qualifiers",
    "units",
]

KINDS = frozenset(
    {"money", "count", "percent", "percentage_point", "multiple", "duration", "measure", "none"}
)
QUALIFIERS = frozenset({"exact", "approx", "more_than", "at_least", "at_most", "less_than"})


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit or measure word as it may follow a number."""

    surface: str
    canonical: str
    kind: str
    factor: Decimal
    article: bool


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A word that bounds or blurs the amount next to it."""

    word: str
    position: str
    qualifier: str
    not_with: frozenset[str]


@dataclass(frozen=True, slots=True)
class ChangeWord:
    """A change verb (增长), a basis of comparison (同比) or a level ending (到)."""

    word: str
    role: str
    value: str


@cache
def units() -> dict[str, Unit]:
    """The unit table by surface form."""
    out: dict[str, Unit] = {}
    cols = ("surface", "canonical", "kind", "factor", "article")
    for n, (surface, canonical, kind, factor, article) in read_table("units.tsv", cols):
        where = ("govnlp/data/units.tsv", n)
        if kind not in KINDS:
            raise DataFileError(*where, f"unknown kind {kind!r}")
        if article not in ("yes", "no"):
            raise DataFileError(*where, "article must be yes or no")
        try:
            value = Decimal(factor)
        except InvalidOperation:
            raise DataFileError(*where, f"factor {factor!r} is not a number") from None
        if surface in out:
            raise DataFileError(*where, f"duplicate unit {surface!r}")
        out[surface] = Unit(surface, canonical, kind, value, article == "yes")
    return out


@cache
def qualifiers() -> dict[tuple[str, str], Qualifier]:
    """The qualifier table by ``(position, word)``."""
    out: dict[tuple[str, str], Qualifier] = {}
    cols = ("word", "position", "qualifier", "not_with")
    for n, (word, position, qualifier, not_with) in read_table("qualifiers.tsv", cols, optional=1):
        where = ("govnlp/data/qualifiers.tsv", n)
        if position not in ("before", "after", "inside"):
            raise DataFileError(*where, f"position must be before, after or inside: {position!r}")
        if qualifier not in QUALIFIERS:
            raise DataFileError(*where, f"unknown qualifier {qualifier!r}")
        if (position, word) in out:
            raise DataFileError(*where, f"duplicate qualifier {word!r} ({position})")
        units_ = frozenset(u for u in not_with.split(",") if u)
        out[(position, word)] = Qualifier(word, position, qualifier, units_)
    return out


@cache
def change_words() -> dict[str, ChangeWord]:
    """The change-word table by word."""
    out: dict[str, ChangeWord] = {}
    allowed = {
        "verb": {"up", "down"},
        "raise": {"up", "down"},
        "new": {"up"},
        "copula": {"-"},
        "basis": {"yoy", "mom", "annual_avg"},
        "level": {"-"},
        "rate": {"-"},
        "breaker": {"-"},
        "noun": {"-"},
    }
    for n, (word, role, value) in read_table("changes.tsv", ("word", "role", "value")):
        where = ("govnlp/data/changes.tsv", n)
        if role not in allowed or value not in allowed[role]:
            raise DataFileError(*where, f"role/value {role}/{value} not allowed")
        if word in out:
            raise DataFileError(*where, f"duplicate word {word!r}")
        out[word] = ChangeWord(word, role, value)
    return out
