"""The quantity model: :class:`Quantity` and :class:`Change` as the API returns them, and
the candidate (:class:`_Raw`) the reader builds before context decides its meaning."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from ..frozen import builder
from ..units import Unit

if TYPE_CHECKING:
    pass


Number = Decimal | Fraction
Kind = Literal[
    "money", "count", "percent", "percentage_point", "fraction", "multiple",
    "duration", "measure", "number",
]  # fmt: skip
QualifierName = Literal["exact", "approx", "more_than", "at_least", "at_most", "less_than"]
Direction = Literal["up", "down"]
Basis = Literal["yoy", "mom", "annual_avg"]


def format_number(value: Number) -> str:
    """An exact value as a plain decimal string, or ``"p/q"`` for a fraction.

    >>> format_number(Decimal("3.9428E+10")), format_number(Fraction(1, 3))
    ('39428000000', '1/3')
    """
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{value.numerator}/{value.denominator}"
    return format(value, "f")


@dataclass(frozen=True, slots=True)
class Change:
    """What a quantity says changed: ``direction`` up/down and ``basis`` of comparison."""

    direction: Direction
    basis: Basis | None = None

    def to_dict(self) -> dict[str, str | None]:
        """``{"direction": …, "basis": …}``."""
        return {"direction": self.direction, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity mention, with offsets into the caller's text (``text[start:end]``).

    ``value`` is exact (``Decimal``, or ``Fraction`` for 三分之一) in the canonical
    ``unit``; ``value_max`` is the upper end of a range; ``kind``, ``qualifier`` and
    ``change`` follow the annotation guidelines (docs/guidelines.md §1).
    """

    start: int
    end: int
    text: str
    value: Number
    unit: str
    kind: Kind
    qualifier: QualifierName = "exact"
    change: Change | None = None
    value_max: Number | None = None
    implied_unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields; exact values as strings.

        >>> from govnlp import parse_quantity
        >>> parse_quantity("三分之一").to_dict()["value"]
        '1/3'
        """
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": format_number(self.value),
            "value_max": None if self.value_max is None else format_number(self.value_max),
            "unit": self.unit,
            "kind": self.kind,
            "qualifier": self.qualifier,
            "change": None if self.change is None else self.change.to_dict(),
        }
        if self.implied_unit is not None:
            d["implied_unit"] = self.implied_unit
        return d


# Quantity(start, end, …, implied_unit) with every field given, in under half the time:
# one is built per mention, a visible part of what a mention costs (see govnlp.frozen).
_new_quantity = builder(Quantity)


# --- the tables, compiled once -------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """A candidate in normalized-text offsets, before lists and context are resolved.

    Its value is ``number × scale × unit factor``; keeping the parts apart lets a range or
    a list share the scale and unit written once at its end (2000-3000万元, 10、20、30亿元).
    Not frozen (a frozen dataclass is several times slower to build, and one is built per
    candidate), but treated as a value: changes go through ``dataclasses.replace``.
    """

    start: int
    end: int
    number: Number
    scale: int = 1
    unit: Unit | None = None
    chinese: bool = False
    inside: bool = False
    number_max: Number | None = None
    kind: Kind | None = None
    approx: bool = False
    implied: Unit | None = None
    stated_change: Change | None = None

    def _times(self, number: Number) -> Number:
        unit = self.unit or self.implied
        factor = self.scale * (unit.factor if unit else 1)
        if factor == 1:
            return number
        if isinstance(number, Fraction):
            return number * Fraction(factor)
        value = number * factor
        return (
            value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        )

    @property
    def value(self) -> Number:
        return self._times(self.number)

    @property
    def value_max(self) -> Number | None:
        return None if self.number_max is None else self._times(self.number_max)
