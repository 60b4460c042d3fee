"""The exceptions govnlp raises: one base class, a few precise subclasses.

Every error is a :class:`GovnlpError`; each concrete error is also the builtin
exception a caller would expect (``ValueError`` for bad values), so either can be
caught.

>>> try:
...     raise DataFileError("units.tsv", 12, "expected 4 columns, found 3")
... except ValueError as e:
...     print(e)
units.tsv:12: expected 4 columns, found 3
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "GovnlpError",
    "InputError",
    "LexiconError",
    "QuantityParseError",
]


class GovnlpError(Exception):
    """Base class of every error govnlp raises on purpose."""


class DataFileError(GovnlpError, ValueError):
    """A data file (units, markers, lexicon) is malformed: names the file and line."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(path, line, problem)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.problem}"

    def __reduce__(self) -> tuple[type[DataFileError], tuple[str, int, str]]:
        return (type(self), (self.path, self.line, self.problem))


class LexiconError(DataFileError):
    """A lexicon file is malformed (bad row, duplicate id): names the file and line."""


def _shortened(text: str, keep: int = 60) -> str:
    """``text`` as an error quotes it: at most ``keep`` characters, and how many more.

    >>> _shortened("一" * 100, 4)
    '一一一一… (100 characters)'
    """
    return text if len(text) <= keep else f"{text[:keep]}… ({len(text)} characters)"


class QuantityParseError(GovnlpError, ValueError):
    """A string given to :func:`govnlp.parse_quantity` is not exactly one quantity."""

    def __init__(self, text: str, problem: str) -> None:
        self.text = text
        self.problem = problem
        super().__init__(_shortened(text), problem)  # a 1 MB input is no message

    def __str__(self) -> str:
        return f"{_shortened(self.text)!r} is not one quantity: {self.problem}"

    def __reduce__(self) -> tuple[type[QuantityParseError], tuple[str, str]]:
        return (type(self), (self.text, self.problem))


class InputError(GovnlpError, ValueError):
    """An input file cannot be read as text (bad bytes, binary, empty, too large).

    ``offset`` is the byte offset of the problem, or ``None`` when it concerns the
    whole file.

    >>> print(InputError("a.txt", "not valid UTF-8", offset=17))
    a.txt: not valid UTF-8 at byte 17
    """

    def __init__(self, path: str, problem: str, offset: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.offset = offset
        super().__init__(path, problem, offset)

    def __str__(self) -> str:
        where = "" if self.offset is None else f" at byte {self.offset}"
        return f"{self.path}: {self.problem}{where}"

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        return (type(self), (self.path, self.problem, self.offset))
