"""govnlp.frozen.builder: the same objects as the dataclass's own __init__, or a refusal."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govnlp import Change, Quantity, TermMatch
from govnlp.frozen import builder

small = st.integers(-(10**6), 10**6)
words = st.text(max_size=8)
numbers = st.one_of(st.decimals(allow_nan=False, allow_infinity=False), st.fractions())


@given(small, small, words, words, words, words)
def test_a_built_term_match_is_the_term_match(
    a: int, b: int, text: str, id_: str, canonical: str, category: str
) -> None:
    args = (a, b, text, id_, canonical, category)
    built, made = builder(TermMatch)(*args), TermMatch(*args)
    assert type(built) is TermMatch
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert dataclasses.astuple(built) == args
    assert pickle.loads(pickle.dumps(built)) == made
    assert copy.deepcopy(built) == made
    assert dataclasses.replace(built, end=b + 1) == TermMatch(a, b + 1, *args[2:])
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.start = 0  # type: ignore[misc]


@given(small, small, words, numbers, words, st.none() | numbers)
def test_a_built_quantity_is_the_quantity(
    a: int, b: int, text: str, value: Decimal | Fraction, unit: str, top: Decimal | Fraction | None
) -> None:
    change = Change("up", "yoy")
    args = (a, b, text, value, unit, "count", "approx", change, top, None)
    built, made = builder(Quantity)(*args), Quantity(*args)  # type: ignore[arg-type]
    assert type(built) is Quantity and built == made and built.to_dict() == made.to_dict()
    assert hash(built) == hash(made)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.value = Decimal(1)  # type: ignore[misc]


@dataclasses.dataclass(frozen=True)
class NoSlots:
    x: int


@dataclasses.dataclass(slots=True)
class NotFrozen:
    x: int


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    x: int

    def __post_init__(self) -> None:
        if self.x < 0:
            raise ValueError("negative")


@dataclasses.dataclass(frozen=True, slots=True, weakref_slot=True)
class WithWeakref:
    x: int


class Plain:
    __slots__ = ("x",)


@pytest.mark.parametrize("cls", [NoSlots, NotFrozen, Checked, WithWeakref, Plain])
def test_what_a_builder_would_build_wrong_is_refused(cls: type) -> None:
    with pytest.raises(TypeError, match=cls.__name__):
        builder(cls)
