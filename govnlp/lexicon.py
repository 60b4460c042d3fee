"""The policy lexicon: curated slogans, programs and tiers, and a fast matcher for them.

A lexicon is one or more TSV files, one row per surface form; rows sharing an ``id``
are variants of one concept (碳达峰碳中和 / 碳达峰、碳中和 / 双碳). The columns, in order::

    id  surface  canonical  category  scope  region  first_year  source  gloss

:meth:`Lexicon.find` reads a document the way a person does: it normalizes the text
(hard line breaks joined, quote marks ignored), finds the longest-leftmost,
non-overlapping known surface forms with an Aho-Corasick automaton, and returns
:class:`TermMatch` es whose offsets point into the caller's original text.

>>> lex = Lexicon.from_rows([
...     ("shuangtan", "碳达峰碳中和", "碳达峰碳中和", "slogan"),
...     ("shuangtan", "双碳", "碳达峰碳中和", "slogan"),
...     ("fangguanfu", "放管服", "放管服", "reform"),
... ])
>>> len(lex), "双碳" in lex
(2, True)
>>> source = "深化“放管服”改革，推进碳达峰\\n碳中和。"
>>> [(m.text, m.canonical) for m in lex.find(source)]
[('放管服', '放管服'), ('碳达峰\\n碳中和', '碳达峰碳中和')]
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import regex

from .engines import ASTRAL, Engine, Spans, build_engine, check_engine, default_engine
from .errors import LexiconError
from .frozen import builder
from .spans import EditColumns, EditMap

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from .normalize import Normalized

__all__ = [
    "CATEGORIES",
    "COLUMNS",
    "SCOPES",
    "Concept",
    "Lexicon",
    "Surface",
    "TermMatch",
]

COLUMNS = (
    "id",
    "surface",
    "canonical",
    "category",
    "scope",
    "region",
    "first_year",
    "source",
    "gloss",
)
"""The columns of a lexicon TSV, in order (the header row must name exactly these)."""

CATEGORIES = (
    "slogan",
    "strategy",
    "program",
    "initiative",
    "plan",
    "platform",
    "enterprise-tier",
    "reform",
    "campaign",
    "policy",
    "institution",
    "concept",
)
"""The closed set of concept categories."""

SCOPES = ("central", "local")
"""Who issued the concept: the central government or a local one."""

_YEAR = re.compile(r"[12]\d{3}")
_SOURCE = re.compile(r"[^\s/\\]+\.txt")
_NCOL = len(COLUMNS)
_CATEGORY_SET = frozenset(CATEGORIES)
_SCOPE_SET = frozenset(SCOPES)
_SPACE = re.compile(r"\s")
_PLAIN = regex.compile(r"[\p{Han}A-Za-z0-9、·+\-]+")
_QUOTE_MARKS = "\"'“”‘’「」『』〝〞〟＂＇"
# A run of quote marks, [...]+ written as [...][...]* : so re looks for its first character
# with its fast set search (over twice as fast over a document as [...]+, in re or regex).
_QUOTES = re.compile(f"[{re.escape(_QUOTE_MARKS)}][{re.escape(_QUOTE_MARKS)}]*")
_WRAPPED = regex.compile("(?<=\\p{Han})\n(?=\\p{Han})")  # a word wrapped by the layout
_JIEBA_WORD = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")


# --------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One occurrence of a lexicon term: ``source[start:end] == text``.

    >>> m = TermMatch(2, 5, "放管服", "fangguanfu", "放管服", "reform")
    >>> m.to_dict()["canonical"]
    '放管服'
    """

    start: int
    end: int
    text: str
    id: str
    canonical: str
    category: str

    def to_dict(self) -> dict[str, Any]:
        """The match as a JSON-ready dict.

        >>> TermMatch(0, 2, "双碳", "shuangtan", "碳达峰碳中和", "slogan").to_dict()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'start': 0, 'end': 2, 'text': '双碳', 'id': 'shuangtan',
         'canonical': '碳达峰碳中和', 'category': 'slogan'}
        """
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "id": self.id,
            "canonical": self.canonical,
            "category": self.category,
        }


# TermMatch(start, end, text, id, canonical, category) in under half the time: a dense
# lexicon makes a match every few dozen characters, and building them is what results cost.
_new_term_match = builder(TermMatch)


class Surface(NamedTuple):
    """One row of a lexicon file: a surface form of a concept, and where it was read.

    (A named tuple rather than a dataclass: a big lexicon makes thousands at load.)
    """

    id: str
    surface: str
    canonical: str
    category: str
    scope: str
    region: str
    first_year: int | None
    source: str
    gloss: str
    file: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept: its canonical form, category and every surface form (in file order).

    ``first_year`` is the earliest year over its rows; ``source`` and ``gloss`` come
    from the first row that has one.
    """

    id: str
    canonical: str
    category: str
    scope: str
    region: str
    first_year: int | None
    source: str
    gloss: str
    surfaces: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The concept as a JSON-ready dict.

        >>> c = Concept("sgdb", "三个代表", "slogan", "central", "", 2001, "a.txt", "",
        ...             ("三个代表",))
        >>> c.to_dict()["surfaces"]
        ['三个代表']
        """
        return {
            "id": self.id,
            "canonical": self.canonical,
            "category": self.category,
            "scope": self.scope,
            "region": self.region,
            "first_year": self.first_year,
            "source": self.source,
            "gloss": self.gloss,
            "surfaces": list(self.surfaces),
        }


# ------------------------------------------------------------------- normalization


def matching_view(text: str) -> tuple[str, EditMap]:
    """What the matcher reads on top of normalized text, and the map back.

    Quotation marks are dropped (“十四五”规划 reads as 十四五规划) and a line break
    between two Chinese characters is joined (a word wrapped by the layout).

    >>> view, m = matching_view("“十四五”规\\n划")
    >>> view, m.to_source(0, 5)
    ('十四五规划', (1, 8))
    """
    view, cuts = _matching_cuts(text)
    return view, EditMap.from_replacements(text, [(a, b, "") for a, b in cuts])


def _matching_cuts(text: str) -> tuple[str, list[tuple[int, int]]]:
    """:func:`matching_view` 's text, and the spans of ``text`` it leaves out, in order.

    (What the matcher itself uses: it needs no :class:`EditMap`, only where the cuts are.)

    >>> _matching_cuts("“十四五”规\\n划")
    ('十四五规划', [(0, 1), (4, 5), (6, 7)])
    """
    cuts = [q.span() for q in _QUOTES.finditer(text)]
    joins = [j.span() for j in _WRAPPED.finditer(text)]
    if joins:  # never next to a quote mark: a joined line break is between two Han
        cuts = sorted(cuts + joins) if cuts else joins
    elif not cuts:
        return text, cuts
    parts: list[str] = []
    pos = 0
    for start, end in cuts:
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    return "".join(parts), cuts


SpanMap = Callable[[int, int], tuple[int, int]]


def _identity(start: int, end: int) -> tuple[int, int]:
    return start, end


def normalize_for_matching(text: str) -> tuple[str, SpanMap]:
    """The view the matcher reads a document through, and its map back to ``text``.

    It is :func:`govnlp.normalize` followed by :func:`matching_view`.

    >>> view, back = normalize_for_matching("“揭榜\\n挂帅”制度")
    >>> view, back(0, 4)
    ('揭榜挂帅制度', (1, 6))
    """
    from .normalize import normalize

    return _view_of(normalize(text))


def _view_of(n: Normalized) -> tuple[str, SpanMap]:
    view, edits = matching_view(n.text)
    if not n.alignment.steps:
        return view, edits.to_source if edits else _identity
    if not edits:
        return view, n.to_source
    inner = edits.to_source

    def back(start: int, end: int) -> tuple[int, int]:
        return n.to_source(*inner(start, end))

    return view, back


def match_key(surface: str) -> str:
    """The key a surface form is matched by: normalized, quote marks removed.

    >>> match_key("专精特新“小巨人”企业")
    '专精特新小巨人企业'
    """
    return match_keys([surface])[0]


def match_keys(surfaces: Sequence[str]) -> list[str]:
    """:func:`match_key` of many surface forms at once (what loading a lexicon costs).

    Plain forms (Chinese characters, Latin letters, digits) that are not traditional
    are already their own key; only the others go through normalization.

    >>> match_keys(["双碳", "“双碳”", "經濟發展計劃"])
    ['双碳', '双碳', '经济发展计划']
    """
    from .normalize import is_traditional, traditional_only_chars

    keys = list(surfaces)
    plain = _PLAIN.fullmatch
    rest = [i for i, s in enumerate(keys) if not plain(s)]
    if not traditional_only_chars().isdisjoint("".join(keys)):
        rest.extend(i for i, s in enumerate(keys) if plain(s) and is_traditional(s))
    for i in rest:
        keys[i] = normalize_for_matching(keys[i])[0].strip()
    return keys


# -------------------------------------------------------------------------- loading


def _bundled_dirs() -> list[Traversable | Path]:
    found: list[Traversable | Path] = []
    try:
        installed = importlib.resources.files("govnlp") / "lexicons"
        if installed.is_dir():
            found.append(installed)
    except (ModuleNotFoundError, NotADirectoryError):  # pragma: no cover - odd installs
        pass
    checkout = Path(__file__).resolve().parent.parent / "lexicons"
    if not found and checkout.is_dir():
        found.append(checkout)
    return found


def bundled_files() -> list[Traversable | Path]:
    """The bundled lexicon files: every ``*.tsv`` of the package's ``lexicons`` folder.

    Installed, the folder is ``govnlp/lexicons`` inside the package; in a source or
    editable checkout it is the repository's top-level ``lexicons/``.

    >>> all(f.name.endswith(".tsv") for f in bundled_files())
    True
    """
    files: list[Traversable | Path] = []
    for folder in _bundled_dirs():
        files.extend(sorted((f for f in folder.iterdir() if f.name.endswith(".tsv")), key=_name))
    return files


def _name(f: Traversable | Path) -> str:
    return f.name


def _user_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            tsvs = sorted(path.glob("*.tsv"))
            if not tsvs:
                raise LexiconError(str(path), 0, "no *.tsv lexicon file in this folder")
            files.extend(tsvs)
        elif path.is_file():
            files.append(path)
        else:
            raise LexiconError(str(path), 0, "no such lexicon file")
    return files


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise LexiconError(name, line, f"not valid UTF-8 ({e.reason})") from None
    return text.removeprefix("\ufeff")


def parse_rows(text: str, name: str) -> Iterator[Surface]:
    """Parse one lexicon file's text into rows, checking each; errors name ``name:line``.

    >>> head = "\\t".join(COLUMNS) + "\\n# a comment\\n"
    >>> row = "fgf\\t放管服\\t放管服\\treform\\tcentral\\t\\t2017\\ta.txt\\t简政放权、放管结合"
    >>> rows = list(parse_rows(head + row, "x.tsv"))
    >>> rows[0].surface, rows[0].first_year, rows[0].line
    ('放管服', 2017, 3)
    >>> list(parse_rows(head + row.replace("reform", "reforms"), "x.tsv"))
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govnlp.errors.LexiconError: x.tsv:3: unknown category 'reforms' (expected one of slogan, ...)
    """
    header_seen = False
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(c.strip() for c in cells) != COLUMNS:
                raise LexiconError(
                    name, lineno, "the header must be the columns " + " ".join(COLUMNS)
                )
            header_seen = True
            continue
        yield _row(cells, name, lineno)
    if not header_seen:
        raise LexiconError(name, 1, "empty lexicon file (no header row)")


def _row(cells: list[str], name: str, lineno: int, *, strict: bool = True) -> Surface:
    if len(cells) == _NCOL - 1:  # a trailing empty gloss whose tab was trimmed
        cells.append("")
    if len(cells) != _NCOL:
        raise LexiconError(
            name, lineno, f"expected {_NCOL} tab-separated columns, found {len(cells)}"
        )
    id_, surface, canonical, category, scope, region, year, source, gloss = cells
    ok = (
        id_
        and surface
        and canonical
        and category in _CATEGORY_SET
        and scope in _SCOPE_SET
        and (year if strict else True)
        and (_SOURCE.fullmatch(source) if (strict or source) else True)
        and (not year or (_YEAR.fullmatch(year) and 1900 <= int(year) <= 2100))
        and not _SPACE.search(id_)
        and (not _SPACE.search("".join(cells)) or all(c == c.strip() for c in cells))
    )
    if not ok:
        _explain_row(cells, name, lineno, strict)
    return Surface(
        id_,
        surface,
        canonical,
        category,
        scope,
        region,
        int(year) if year else None,
        source,
        gloss,
        name,
        lineno,
    )


def _explain_row(cells: list[str], name: str, lineno: int, strict: bool) -> None:
    """Raise the error that says what is wrong with a row that failed the checks."""
    for column, cell in zip(COLUMNS, cells, strict=True):
        if cell != cell.strip():
            raise LexiconError(name, lineno, f"{column} has leading or trailing spaces")
    id_, surface, canonical, category, scope, _, year, source, _ = cells
    for column, cell in (("id", id_), ("surface", surface), ("canonical", canonical)):
        if not cell:
            raise LexiconError(name, lineno, f"{column} is empty")
    if _SPACE.search(id_):
        raise LexiconError(name, lineno, f"id {id_!r} contains spaces")
    if category not in CATEGORIES:
        raise LexiconError(
            name,
            lineno,
            f"unknown category {category!r} (expected one of {', '.join(CATEGORIES)})",
        )
    if scope not in SCOPES:
        raise LexiconError(name, lineno, f"scope must be central or local, not {scope!r}")
    if year and not (_YEAR.fullmatch(year) and 1900 <= int(year) <= 2100):
        raise LexiconError(name, lineno, f"first_year must be a 4-digit year, not {year!r}")
    if not year:
        raise LexiconError(name, lineno, "first_year is empty")
    raise LexiconError(
        name, lineno, f"source must be a corpus file name ending in .txt, not {source!r}"
    )


# -------------------------------------------------------------------------- lexicon


class Lexicon:
    """A set of concepts and their surface forms, with a longest-leftmost matcher.

    Build one with :meth:`load` (the bundled lexicon or your own TSV files) or
    :meth:`from_rows`. ``len(lexicon)`` is the number of concepts; ``s in lexicon``
    tells whether ``s`` is one of its surface forms.

    >>> lex = Lexicon.from_rows([("zjtx", "专精特新", "专精特新", "enterprise-tier")])
    >>> [m.text for m in lex.find("支持专精特新企业")]
    ['专精特新']
    """

    __slots__ = ("_concepts", "_engine", "_engine_name", "_heads", "_keys", "_rows", "_targets")

    def __init__(self, rows: Iterable[Surface]) -> None:
        """Check the rows together (ids, canonicals, duplicates) and index them."""
        self._rows: tuple[Surface, ...] = tuple(rows)
        self._keys: dict[str, Surface] = {}
        self._heads: dict[str, Surface] = {}
        self._concepts: dict[str, Concept] | None = None
        self._engine_name = default_engine()
        self._engine: Engine | None = None  # built when first asked to match
        self._targets: list[tuple[str, str, str]] = []  # (id, canonical, category) by key
        by_canonical: dict[str, Surface] = {}
        heads = self._heads
        keys = self._keys
        for row, key in zip(self._rows, match_keys([r.surface for r in self._rows]), strict=True):
            head = heads.setdefault(row.id, row)
            if head is not row and (
                row.canonical != head.canonical or row.category != head.category
            ):
                column = "canonical" if row.canonical != head.canonical else "category"
                raise LexiconError(
                    row.file,
                    row.line,
                    f"id {row.id!r} has {column} {getattr(head, column)!r} on "
                    f"{_where(head, row)}, not {getattr(row, column)!r}",
                )
            other = by_canonical.setdefault(row.canonical, row)
            if other.id != row.id:
                raise LexiconError(
                    row.file,
                    row.line,
                    f"canonical {row.canonical!r} already belongs to id {other.id!r} "
                    f"({_where(other, row)})",
                )
            if ASTRAL.search(key):  # the pyahocorasick engine reads UTF-16 code units
                raise LexiconError(
                    row.file, row.line, f"surface {row.surface!r} has a character beyond U+FFFF"
                )
            seen = keys.setdefault(key, row)
            if seen is not row or not key:
                if not key:
                    raise LexiconError(
                        row.file, row.line, f"surface {row.surface!r} is only quotes"
                    )
                what = "" if seen.id == row.id else f" under id {seen.id!r}"
                raise LexiconError(
                    row.file,
                    row.line,
                    f"surface {row.surface!r} is already listed{what} ({_where(seen, row)})",
                )

    def _concept_map(self) -> dict[str, Concept]:
        if self._concepts is None:
            grouped: dict[str, list[Surface]] = {}
            for row in self._rows:
                grouped.setdefault(row.id, []).append(row)
            concepts: dict[str, Concept] = {}
            for id_, rows in grouped.items():
                head = rows[0]
                years = [r.first_year for r in rows if r.first_year is not None]
                concepts[id_] = Concept(
                    id_,
                    head.canonical,
                    head.category,
                    head.scope,
                    head.region,
                    min(years) if years else None,
                    next((r.source for r in rows if r.source), ""),
                    next((r.gloss for r in rows if r.gloss), ""),
                    tuple(r.surface for r in rows),
                )
            self._concepts = concepts
        return self._concepts

    # ------------------------------------------------------------ construction

    @classmethod
    def load(
        cls, paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None
    ) -> Lexicon:
        """Load the bundled lexicon (no argument) or the given TSV files / folders.

        Every row is checked; a malformed row raises :class:`~govnlp.errors.LexiconError`
        naming ``file:line``. Several files are checked together (an id or surface may
        not be defined twice across files).

        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> p = os.path.join(d, "mine.tsv")
        >>> _ = open(p, "w", encoding="utf-8").write("\\t".join(COLUMNS) + "\\n"
        ...     "ying\\t兴沈英才计划\\t兴沈英才计划\\tprogram\\tlocal\\t沈阳\\t2022\\ta.txt\\t\\n")
        >>> lex = Lexicon.load(p)
        >>> lex.concepts["ying"].region
        '沈阳'
        """
        files: Sequence[Traversable | Path]
        if paths is None:
            files = bundled_files()
            if not files:
                raise LexiconError("govnlp/lexicons", 0, "no bundled lexicon (*.tsv) found")
        elif isinstance(paths, (str, os.PathLike)):
            files = _user_files([paths])
        else:
            files = _user_files(paths)
        rows: list[Surface] = []
        for f in files:
            name = str(f)
            try:
                data = f.read_bytes()
            except OSError as e:
                raise LexiconError(name, 0, f"cannot read: {e.strerror or e}") from None
            rows.extend(parse_rows(_decode(data, name), name))
        return cls(rows)

    @staticmethod
    def default() -> Lexicon:
        """The bundled lexicon, loaded once and shared (what other modules consult).

        When no lexicon is bundled (a bare source checkout) this is an empty lexicon,
        so a module that consults it simply finds nothing; :meth:`load` raises instead.

        >>> Lexicon.default() is Lexicon.default()
        True
        """
        return _default_lexicon()

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]]) -> Lexicon:
        """Build a lexicon from tuples ``(id, surface, canonical, category[, scope, ...])``.

        Missing trailing columns default to scope ``central``, empty region, no year,
        no source, no gloss; the rows are checked as if read from a file.

        >>> Lexicon.from_rows([("sgdb", "三个代表", "三个代表", "slogan")]).concepts["sgdb"].scope
        'central'
        """
        made: list[Surface] = []
        for i, r in enumerate(rows, start=1):
            cells = [str(c) for c in r]
            if 4 <= len(cells) < len(COLUMNS):
                cells += ["central", "", "", "", ""][len(cells) - 4 :]
            made.append(_row(cells, "<rows>", i, strict=False))
        return cls(made)

    # ------------------------------------------------------------------ access

    def __len__(self) -> int:
        return len(self._heads)

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and match_key(surface) in self._keys

    def __repr__(self) -> str:
        return f"<Lexicon: {len(self._heads)} concepts, {len(self._keys)} surface forms>"

    @property
    def concepts(self) -> Mapping[str, Concept]:
        """The concepts by id, in file order.

        >>> lex = Lexicon.from_rows([("a", "两个维护", "两个维护", "slogan")])
        >>> list(lex.concepts)
        ['a']
        """
        return MappingProxyType(self._concept_map())

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories that occur in this lexicon, in the order of :data:`CATEGORIES`.

        >>> Lexicon.from_rows([("a", "双碳", "双碳", "slogan")]).categories
        ('slogan',)
        """
        present = {h.category for h in self._heads.values()}
        return tuple(c for c in CATEGORIES if c in present)

    @property
    def rows(self) -> tuple[Surface, ...]:
        """Every surface row, in file order."""
        return self._rows

    def lookup(self, surface: str) -> Concept | None:
        """The concept a surface form belongs to, or ``None``.

        >>> lex = Lexicon.from_rows([("s", "双碳", "碳达峰碳中和", "slogan")])
        >>> lex.lookup("“双碳”").canonical
        '碳达峰碳中和'
        """
        row = self._keys.get(match_key(surface))
        return None if row is None else self._concept_map()[row.id]

    # ---------------------------------------------------------------- matching

    @property
    def engine(self) -> str:
        """The automaton this lexicon matches with (see :mod:`govnlp.engines`).

        >>> from govnlp.engines import available
        >>> Lexicon.from_rows([("s", "双碳", "双碳", "slogan")]).engine == available()[0]
        True
        """
        return self._engine_name

    def using(self, engine: str) -> Lexicon:
        """The same lexicon, matching with ``engine`` (one of :func:`govnlp.engines.available`).

        >>> lex = Lexicon.from_rows([("s", "双碳", "双碳", "slogan")]).using("pyahocorasick")
        >>> lex.engine, [m.text for m in lex.find("实现双碳目标")]
        ('pyahocorasick', ['双碳'])
        """
        other: Lexicon = object.__new__(Lexicon)
        for name in self.__slots__:
            setattr(other, name, getattr(self, name))
        other._engine_name = check_engine(engine)
        other._engine = None
        return other

    def __getstate__(self) -> dict[str, Any]:
        # the automaton is rebuilt where the lexicon is unpickled (ahocorasick-rs's does
        # not pickle, and rebuilding takes milliseconds)
        state = {name: getattr(self, name) for name in self.__slots__}
        state["_engine"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def _spans(self, view: str, cuts: Sequence[tuple[int, int]]) -> Spans:
        """Longest-leftmost, non-overlapping matches over ``view``: starts, ends, targets.

        The offsets are those of the text ``view`` was cut from: ``cuts`` are the spans
        deleted from it (:func:`_matching_cuts`); a quote mark closing a match stays
        outside it, one inside it stays in.
        """
        if self._engine is None:
            targets: list[tuple[str, str, str]] = []
            for row in self._keys.values():
                targets.append((row.id, row.canonical, row.category))
            self._targets = targets
            self._engine = build_engine(self._engine_name, list(self._keys))
        return self._engine.spans(view, cuts)

    def find_normalized(
        self, text: str, categories: Iterable[str] | None = None
    ) -> list[TermMatch]:
        """Match text that is already clean (the ``.text`` of ``govnlp.normalize``).

        Offsets point into ``text`` itself; only :func:`matching_view` is applied
        (quote marks looked through: “十四五”规划 matches 十四五规划). The quantity
        parser calls this on its clean text to keep numerals inside known formulas
        (三位一体, 十四五) from being read as amounts. Use :meth:`find` for raw documents.

        >>> lex = Lexicon.from_rows([("sw", "十四五规划", "十四五规划", "plan")])
        >>> [(m.start, m.end, m.text) for m in lex.find_normalized("“十四五”规划纲要")]
        [(1, 7, '十四五”规划')]
        """
        view, cuts = _matching_cuts(text)
        return self._matches(view, cuts, (), text, categories)

    def spans_normalized(self, text: str) -> tuple[list[int], list[int]]:
        """The starts and ends of :meth:`find_normalized`'s matches, and nothing else.

        For callers that only ask whether an offset lies inside a term (the quantity
        parser does, for every numeral): no :class:`TermMatch` is built.

        >>> lex = Lexicon.from_rows([("sw", "十四五规划", "十四五规划", "plan")])
        >>> lex.spans_normalized("“十四五”规划纲要，十四五规划")
        ([1, 10], [7, 15])
        """
        starts, ends, _ = self._spans(*_matching_cuts(text))
        return starts, ends

    def find(self, text: str, categories: Iterable[str] | None = None) -> list[TermMatch]:
        """Every lexicon term in a raw document, longest-leftmost and non-overlapping.

        Matching runs on the normalized text (hard line breaks joined, quote marks
        ignored); offsets point into ``text``, so ``text[m.start:m.end] == m.text``.
        ``categories`` keeps only matches of those categories; it does not change
        how the text is read (a program name still hides the tier name inside it).

        >>> lex = Lexicon.from_rows([
        ...     ("zl", "瞪羚企业", "瞪羚企业", "enterprise-tier"),
        ...     ("gx", "高新技术企业倍增计划", "高新技术企业倍增计划", "program"),
        ...     ("gxqy", "高新技术企业", "高新技术企业", "enterprise-tier"),
        ... ])
        >>> text = "实施高新技术企业倍增计划，培育瞪羚企业"
        >>> [m.text for m in lex.find(text)]
        ['高新技术企业倍增计划', '瞪羚企业']
        >>> [m.text for m in lex.find(text, ["enterprise-tier"])]
        ['瞪羚企业']
        """
        from .normalize import normalize
        from .results import Results

        return Results(self.find_in(normalize(text), categories))

    def find_in(
        self, normalized: Normalized, categories: Iterable[str] | None = None
    ) -> list[TermMatch]:
        """Like :meth:`find`, for a document already normalized: no second normalization.

        Offsets point into ``normalized.source``, the caller's original text.

        >>> from govnlp import normalize
        >>> lex = Lexicon.from_rows([("fgf", "放管服", "放管服", "reform")])
        >>> n = normalize("深化“放管\\n服”改革")
        >>> [(m.start, m.end, m.text) for m in lex.find_in(n)] == [
        ...     (m.start, m.end, m.text) for m in lex.find(n.source)]
        True
        """
        view, cuts = _matching_cuts(normalized.text)
        maps = [m.columns for m in normalized.alignment.steps if m]
        return self._matches(view, cuts, maps, normalized.source, categories)

    def _matches(
        self,
        view: str,
        cuts: Sequence[tuple[int, int]],
        maps: Sequence[EditColumns],
        source: str,
        categories: Iterable[str] | None,
    ) -> list[TermMatch]:
        """The matches in ``view`` (cut from a text by ``cuts``), mapped back through
        ``maps`` (last first) to ``source``."""
        wanted = None if categories is None else frozenset(categories)
        if wanted is not None:
            unknown = wanted.difference(CATEGORIES)
            if unknown:
                raise ValueError(f"unknown categories: {', '.join(sorted(unknown))}")
        starts, ends, found = self._spans(view, cuts)
        targets = self._targets
        if wanted is not None:
            keep = [i for i, t in enumerate(found) if targets[t][2] in wanted]
            starts = [starts[i] for i in keep]
            ends = [ends[i] for i in keep]
            found = [found[i] for i in keep]
        for m in reversed(maps):
            starts, ends = m.spans_to_source(starts, ends)
        new = _new_term_match
        return [
            new(s, e, source[s:e], *targets[t]) for s, e, t in zip(starts, ends, found, strict=True)
        ]

    # ----------------------------------------------------------------- exports

    def to_jieba(self, *, freq: int | None = None, tag: str = "nz") -> list[str]:
        """Lines of a jieba user dictionary (``word [freq] tag``) for every surface form.

        Surfaces are given in their match form (no quote marks). Forms jieba cannot
        keep whole (with 、, spaces or other punctuation it cuts on) are left out.
        Without ``freq`` jieba picks one that keeps the word whole.

        >>> lex = Lexicon.from_rows([
        ...     ("s", "碳达峰碳中和", "碳达峰碳中和", "slogan"),
        ...     ("s", "碳达峰、碳中和", "碳达峰碳中和", "slogan"),
        ...     ("x", "“小巨人”企业", "小巨人企业", "enterprise-tier"),
        ... ])
        >>> lex.to_jieba()
        ['碳达峰碳中和 nz', '小巨人企业 nz']
        >>> lex.to_jieba(freq=5)[0]
        '碳达峰碳中和 5 nz'
        """
        if not re.fullmatch(r"[a-z]+", tag):
            raise ValueError(f"a jieba tag is lowercase letters, not {tag!r}")
        middle = "" if freq is None else f" {int(freq)}"
        return [f"{key}{middle} {tag}" for key in self._keys if _JIEBA_WORD.fullmatch(key)]

    def to_spacy_patterns(self) -> list[dict[str, str]]:
        """spaCy EntityRuler / SpanRuler patterns: one per surface form, as JSONL-ready dicts.

        ``label`` is the category and ``id`` the concept id, so the variants of one
        concept share an id. When a surface has quote marks its match form is added too.

        >>> lex = Lexicon.from_rows([("x", "“小巨人”企业", "小巨人企业", "enterprise-tier")])
        >>> [p["pattern"] for p in lex.to_spacy_patterns()]
        ['“小巨人”企业', '小巨人企业']
        >>> lex.to_spacy_patterns()[0]
        {'label': 'enterprise-tier', 'pattern': '“小巨人”企业', 'id': 'x'}
        """
        patterns: list[dict[str, str]] = []
        seen: set[str] = set()
        for key, row in self._keys.items():
            for form in (row.surface, key):
                if form not in seen:
                    seen.add(form)
                    patterns.append({"label": row.category, "pattern": form, "id": row.id})
        return patterns

    def match_forms(self) -> dict[str, Surface]:
        """Every match key (normalized surface, no quote marks) and the row it came from.

        >>> list(Lexicon.from_rows([("x", "“双碳”", "双碳", "slogan")]).match_forms())
        ['双碳']
        """
        return dict(self._keys)


@functools.cache
def _default_lexicon() -> Lexicon:
    return Lexicon.load() if bundled_files() else Lexicon([])


def _where(earlier: Surface, row: Surface) -> str:
    if earlier.file == row.file:
        return f"line {earlier.line}"
    return f"{earlier.file}:{earlier.line}"
