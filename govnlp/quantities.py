"""Quantity mentions: the model (extraction follows)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

__all__ = ["Change", "Quantity", "extract_quantities"]

Number = Decimal | Fraction
Kind = Literal[
    "money",
    "count",
    "percent",
    "percentage_point",
    "fraction",
    "multiple",
    "duration",
    "measure",
    "number",
]
Qualifier = Literal["exact", "approx", "more_than", "at_least", "at_most", "less_than"]


def format_number(value: Number) -> str:
    """An exact value as a plain decimal string, or ``"p/q"`` for a fraction.

    >>> format_number(Decimal("3.9428E+10")), format_number(Fraction(1, 3))
    ('39428000000', '1/3')
    """
    if isinstance(value, Fraction):
        return (
            f"{value.numerator}/{value.denominator}"
            if value.denominator != 1
            else str(value.numerator)
        )
    if value == value.to_integral_value() and value.as_tuple().exponent > 0:  # type: ignore[operator]
        return str(value.quantize(Decimal(1)))
    return format(value, "f")


@dataclass(frozen=True, slots=True)
class Change:
    """What a quantity says changed: ``direction`` up/down and ``basis`` of comparison."""

    direction: Literal["up", "down"]
    basis: Literal["yoy", "mom", "annual_avg"] | None = None

    def to_dict(self) -> dict[str, str | None]:
        """``{"direction": …, "basis": …}``."""
        return {"direction": self.direction, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity mention, with offsets into the caller's text (``text[start:end]``)."""

    start: int
    end: int
    text: str
    value: Number
    unit: str
    kind: Kind
    qualifier: Qualifier = "exact"
    change: Change | None = None
    value_max: Number | None = None
    implied_unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields; exact values as strings."""
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


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity mention in ``text``, in document order (not yet implemented)."""
    return []
