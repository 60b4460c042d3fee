"""Frozen dataclasses built in bulk: the same objects as their ``__init__`` makes, faster.

A frozen dataclass's ``__init__`` sets each field with ``object.__setattr__``, which looks
the attribute up by name on every call; the matcher and the quantity parser build one
object per match, a hundred thousand a corpus, and that lookup was most of their cost.
:func:`builder` returns a twin class with the same slots, whose ``__init__`` assigns them
plainly and then makes the object a ``cls`` (the layouts are identical, so CPython lets its
``__class__`` be set): the object is a genuine, frozen ``cls``, built in under half the time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def builder(cls: type[T]) -> Callable[..., T]:
    """A constructor of the frozen, slotted dataclass ``cls`` taking every field in order.

    Nothing else of ``cls.__init__`` runs: no defaults (every field must be given) and no
    ``__post_init__`` (a class that has one is refused).

    >>> @dataclasses.dataclass(frozen=True, slots=True)
    ... class Span:
    ...     start: int
    ...     end: int
    >>> make = builder(Span)
    >>> s = make(2, 5)
    >>> s, type(s) is Span, s == Span(2, 5)
    (Span(start=2, end=5), True, True)
    >>> s.start = 0
    Traceback (most recent call last):
    dataclasses.FrozenInstanceError: cannot assign to field 'start'
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen dataclass with slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__ that a builder would skip")
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    if tuple(names) != tuple(cls.__slots__) or cls.__bases__ != (object,):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}'s slots are not just its fields")
    body = "".join(f"    self.{n} = {n}\n" for n in names)
    source = f"def __init__(self, {', '.join(names)}):\n{body}    self.__class__ = cls\n"
    namespace: dict[str, Any] = {}
    exec(source, {"cls": cls}, namespace)  # field names are identifiers: dataclass checked
    twin = type(f"_{cls.__name__}Builder", (), {"__slots__": tuple(names), **namespace})
    twin.__qualname__ = f"builder({cls.__qualname__})"
    twin(*names)  # the layouts agree, or this raises now rather than at the first match
    return twin
