"""Slogan discovery: policy terms a corpus uses that the lexicon does not have yet.

Candidates come from the shapes policy vocabulary takes in Chinese government writing:

* ``quoted``: a short phrase in quotation marks (“放管服”, “两个确立”, “一网通办”);
* ``numbered``: a numbered formula, N个… (两个维护), N大… with a name word (三大攻坚战),
  N+M (1+N, 5+3+7+5);
* ``paired``: 一X一Y (一带一路, 一村一品), ordinary idioms left out;
* ``named``: a name ending in 计划 / 工程 / 行动 / 战略 / 机制 / 体系 / 模式 / 改革 …, cut after
  the verb or function word in front of it (实施|乡村振兴战略) and extended to the left while
  one longer form accounts for most uses (结构性改革 → 供给侧结构性改革).

Every candidate is then counted everywhere it occurs (quoted or not), candidates the
lexicon already has are dropped, and the rest are ranked by the number of documents and
of distinct years they occur in, with the first year, the earliest document and example
contexts. :func:`write_tsv` writes them in the lexicon's columns (plus the counts), ready
to review and append. The word lists live in ``govnlp/data/discover.tsv``.

>>> text = "深化“放管服”改革，实施乡村振兴战略。"
>>> docs = [Document(f"d{i}.txt", 2019 + i, text) for i in range(3)]
>>> [(c.surface, c.kind, c.docs, c.first_year) for c in discover(docs, Lexicon([]))]
[('乡村振兴战略', 'named', 3, 2019), ('放管服', 'quoted', 3, 2019)]
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import regex

from .errors import DataFileError, InputError
from .inputs import read_document
from .lexicon import COLUMNS, Lexicon
from .normalize import normalize

__all__ = [
    "Candidate",
    "Document",
    "corpus_files",
    "corpus_levels",
    "discover",
    "document_year",
    "iter_corpus",
    "read_manifest",
    "term_trends",
    "write_tsv",
]

QUOTED_SHARE = 0.25
"""A quoted phrase is kept only if at least this share of its uses are in quotes."""

EXTRA_COLUMNS = ("kind", "docs", "years", "last_year", "count", "examples")
"""The columns :func:`write_tsv` adds after the lexicon's own."""


@dataclass(frozen=True, slots=True)
class Document:
    """One corpus document: its file name, year (``None`` when unknown) and text."""

    name: str
    year: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed lexicon term and the evidence for it.

    ``docs``: documents it occurs in; ``years``: distinct years of those; ``count``:
    occurrences; ``source``: the earliest document; ``examples``: a few contexts.
    """

    surface: str
    kind: str
    category: str
    scope: str
    docs: int
    years: int
    first_year: int | None
    last_year: int | None
    count: int
    source: str
    examples: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The candidate as a JSON-ready dict.

        >>> Candidate("放管服", "quoted", "slogan", "central", 2, 2, 2017, 2018, 3, "a.txt",
        ...           ("深化“放管服”改革",)).to_dict()["examples"]
        ['深化“放管服”改革']
        """
        return {
            "surface": self.surface,
            "kind": self.kind,
            "category": self.category,
            "scope": self.scope,
            "docs": self.docs,
            "years": self.years,
            "first_year": self.first_year,
            "last_year": self.last_year,
            "count": self.count,
            "source": self.source,
            "examples": list(self.examples),
        }


# ----------------------------------------------------------------------- word lists


@dataclass(frozen=True, slots=True)
class _Words:
    suffixes: dict[str, str]
    leads: frozenset[str]
    generic: frozenset[str]
    counted: frozenset[str]
    idioms: frozenset[str]
    compounds: tuple[str, ...]


_KINDS = ("suffix", "lead", "generic", "counted", "idiom", "compound")


@cache
def _words() -> _Words:
    path = "govnlp/data/discover.tsv"
    text = resources.files("govnlp").joinpath("data/discover.tsv").read_text("utf-8")
    found: dict[str, dict[str, str]] = {k: {} for k in _KINDS}
    header_seen = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if cols != ["kind", "value", "category"]:
                raise DataFileError(path, n, "header must be: kind, value, category")
            header_seen = True
            continue
        if len(cols) != 3:
            raise DataFileError(path, n, f"expected 3 tab-separated columns, found {len(cols)}")
        kind, value, category = cols
        if kind not in found:
            raise DataFileError(path, n, f"kind must be one of {', '.join(_KINDS)}, not {kind!r}")
        if not value or value != value.strip():
            raise DataFileError(path, n, "value is empty or has spaces around it")
        if (kind == "suffix") != bool(category):
            raise DataFileError(path, n, "a category is given for suffix rows and only those")
        if value in found[kind]:
            raise DataFileError(path, n, f"{value!r} is listed twice as {kind}")
        found[kind][value] = category
    return _Words(
        found["suffix"],
        frozenset(found["lead"]),
        frozenset(found["generic"]),
        frozenset(found["counted"]),
        frozenset(found["idiom"]),
        tuple(found["compound"]),
    )


@cache
def _patterns() -> dict[str, regex.Pattern[str]]:
    w = _words()
    suffixes = "|".join(sorted(w.suffixes, key=len, reverse=True))
    return {
        "quoted": regex.compile(r"“([^“”\n，。；：！？,.;:!?《》]{2,12})”"),
        "numbered": regex.compile(
            r"(?<![一二两三四五六七八九十百千0-9])[一二两三四五六七八九十]个(\p{Han}{2})(?=[^\p{Han}]|[的和与]|$)"
        ),
        "named_da": regex.compile(
            r"(?<![一二三四五六七八九十])[两三四五六七八九十]大\p{Han}{0,4}?"
            r"(?:攻坚战|保卫战|工程|行动|战略|任务|体系|板块|产业集群|中心|基地|平台|专项)"
        ),
        "plus": regex.compile(r"(?<![0-9.+])[0-9]{1,2}(?:\+(?:[0-9]{1,2}|[NX]))+(?![0-9.%+])"),
        "paired": regex.compile(r"一(\p{Han})一(\p{Han})"),
        "run": regex.compile(r"\p{Han}+"),
        "suffix": regex.compile(f"(?:{suffixes})"),
        "lead": regex.compile("|".join(sorted(w.leads, key=len, reverse=True))),
    }


# ------------------------------------------------------------------------- corpus


_YEAR_IN_NAME = re.compile(r"^[A-Za-z0-9-]+_((?:19|20)[0-9]{2})_")
_YEAR_IN_TEXT = re.compile(r"((?:19[5-9]|20[0-9])[0-9])年")


def document_year(name: str, text: str = "", manifest: dict[str, int] | None = None) -> int | None:
    """The year of a document: from its file name ``<src>_<year>_…``, a manifest, or its text.

    The text's first ``YYYY年`` within its first 300 characters is the last resort.

    >>> document_year("lawtextgov_2019_changchun-0f57.txt")
    2019
    >>> document_year("report.txt", "2021年政府工作报告")
    2021
    >>> document_year("x.txt", "", {"x.txt": 2008})
    2008
    """
    base = os.path.basename(name)
    m = _YEAR_IN_NAME.match(base)
    if m:
        return int(m.group(1))
    if manifest and base in manifest:
        return manifest[base]
    t = _YEAR_IN_TEXT.search(text[:300])
    return int(t.group(1)) if t else None


def read_manifest(folder: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Years and levels of the files listed in a MANIFEST.tsv in or above ``folder``.

    >>> read_manifest(Path("/nonexistent"))
    ({}, {})
    """
    for candidate in (folder / "MANIFEST.tsv", folder.parent / "MANIFEST.tsv"):
        if candidate.is_file():
            years: dict[str, int] = {}
            levels: dict[str, str] = {}
            with candidate.open(encoding="utf-8", newline="") as f:
                rows = csv.DictReader(f, delimiter="\t")
                if not rows.fieldnames or "file" not in rows.fieldnames:
                    return {}, {}
                for row in rows:
                    year = (row.get("year") or "").strip()
                    if year.isdigit():
                        years[row["file"]] = int(year)
                    levels[row["file"]] = (row.get("level") or "").strip()
            return years, levels
    return {}, {}


def corpus_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The ``*.txt`` files of the given folders (sorted) and the given files themselves.

    >>> corpus_files([])
    []
    """
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return files


def iter_corpus(
    paths: Iterable[str | os.PathLike[str]],
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Read a corpus (folders and files) as :class:`Document` s, with their years.

    A file that cannot be read raises :class:`~govnlp.errors.InputError`, or, when
    ``on_error`` is given, is passed to it and skipped.

    >>> [d.year for d in iter_corpus([])]
    []
    """
    manifests: dict[Path, tuple[dict[str, int], dict[str, str]]] = {}
    for path in corpus_files(paths):
        folder = path.parent
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        try:
            text = read_document(path)  # as every command reads: UTF-8, UTF-16, GBK
        except InputError as e:
            if on_error is None:
                raise
            on_error(e)
            continue
        yield Document(path.name, document_year(path.name, text, manifests[folder][0]), text)


def corpus_levels(paths: Iterable[str | os.PathLike[str]]) -> dict[str, str]:
    """The manifest ``level`` (national, provincial …) of every listed corpus file.

    >>> corpus_levels([])
    {}
    """
    levels: dict[str, str] = {}
    for folder in {p.parent for p in corpus_files(paths)}:
        levels.update(read_manifest(folder)[1])
    return levels


# ---------------------------------------------------------------------- proposing

_HAN_BREAK = regex.compile(r"(?<=\p{Han})\n(?=\p{Han})")


def _clean(text: str) -> str:
    return _HAN_BREAK.sub("", normalize(text).text)


def _propose(text: str) -> Iterator[tuple[str, str]]:
    """``(surface, kind)`` for every candidate shape in one clean document."""
    w = _words()
    p = _patterns()
    for m in p["quoted"].finditer(text):
        phrase = m.group(1)
        if len(regex.findall(r"\p{Han}", phrase)) >= 2 and "“" not in phrase:
            yield phrase, "quoted"
    for m in p["numbered"].finditer(text):
        if m.group(1) not in w.counted:
            yield m.group(), "numbered"
    for m in p["named_da"].finditer(text):
        yield m.group(), "numbered"
    for m in p["plus"].finditer(text):
        yield m.group(), "numbered"
    for m in p["paired"].finditer(text):
        if m.group() not in w.idioms and not regex.match(
            r"[一二两三四五六七八九十百千万亿个年件项步点次天批]", m.group(1) + m.group(2)
        ):
            yield m.group(), "paired"
    for run in p["run"].finditer(text):
        yield from _names(run.group())


def _names(run: str) -> Iterator[tuple[str, str]]:
    """The suffix-anchored windows of one run of Chinese characters, cut after a lead word."""
    p = _patterns()
    compounds = _words().compounds
    for m in p["suffix"].finditer(run):
        if run.startswith(compounds, m.start()):
            continue
        start = max(0, m.start() - _WINDOW)
        window = run[start : m.end()]
        lead_end = 0
        for lead in p["lead"].finditer(window[: len(window) - len(m.group())]):
            lead_end = lead.end()
        name = window[lead_end:]
        if len(name) - len(m.group()) >= 1:
            # a window cut short may start inside a word: mark it so its first
            # character is never taken as a name's first character
            yield ("" if lead_end or start == 0 else _CUT) + name, "named"


_WINDOW = 16
_CUT = "\x00"


def _suffix_of(surface: str) -> str | None:
    found = [s for s in _words().suffixes if surface.endswith(s)]
    return max(found, key=len) if found else None


def _min_modifier(suffix: str) -> int:
    """How long the part before a suffix must be for a name: 河长制, 蓝天保卫战, 科教兴国战略."""
    if suffix == "长制":
        return 1
    if suffix.endswith("战"):
        return 2
    return 3


def _settle_names(windows: dict[str, set[str]]) -> dict[str, set[str]]:
    """Choose each name's left edge: extend while one longer form has most of its uses."""
    w = _words()
    tails: dict[str, set[str]] = {}
    for window, docs in windows.items():
        suffix = _suffix_of(window)
        if suffix is None:
            continue
        first = 2 if window.startswith(_CUT) else 0
        for start in range(len(window) - len(suffix) - 1, first - 1, -1):
            tails.setdefault(window[start:], set()).update(docs)
    by_tail: dict[str, list[str]] = {}
    for tail in tails:
        by_tail.setdefault(tail[1:], []).append(tail)
    settled: dict[str, set[str]] = {}
    for tail in tails:
        suffix = _suffix_of(tail)
        if suffix is None or len(tail) - len(suffix) != 1:
            continue
        while True:  # extend to the left while one extension has most of the documents
            longer = by_tail.get(tail, [])
            best = max(longer, key=lambda t: len(tails[t]), default=None)
            if best is None or len(tails[best]) * 10 < len(tails[tail]) * 7:
                break
            tail = best
        modifier = tail[: len(tail) - len(suffix)]
        if modifier in w.generic or len(modifier) < _min_modifier(suffix):
            continue
        settled.setdefault(tail, set()).update(tails[tail])
    return settled


# ----------------------------------------------------------------------- discover


def discover(
    documents: Iterable[Document],
    lexicon: Lexicon | None = None,
    *,
    min_docs: int = 2,
    top: int | None = None,
    levels: dict[str, str] | None = None,
    examples: int = 2,
) -> list[Candidate]:
    """Propose terms the corpus uses and ``lexicon`` lacks, best supported first.

    ``lexicon`` defaults to the bundled one; ``levels`` (file → ``national`` / … from a
    manifest) lets a candidate seen in a national document be suggested as ``central``.

    >>> docs = [Document(f"d{i}.txt", 2020, "推动“一网通办”，建设一村一品。") for i in range(2)]
    >>> [c.surface for c in discover(docs, Lexicon([]))]
    ['一村一品', '一网通办']
    """
    if lexicon is None:
        lexicon = Lexicon.default()
    texts: list[tuple[Document, str]] = [(d, _clean(d.text)) for d in documents]
    proposed: dict[str, tuple[str, set[str]]] = {}
    windows: dict[str, set[str]] = {}
    for doc, text in texts:
        for surface, kind in _propose(text):
            if kind == "named":
                windows.setdefault(surface, set()).add(doc.name)
            elif surface not in proposed:
                proposed[surface] = (kind, {doc.name})
            else:
                proposed[surface][1].add(doc.name)
    for name, docs in _settle_names(windows).items():
        if name not in proposed:
            proposed[name] = ("named", docs)
    idioms = _words().idioms
    kept = {
        s: kind
        for s, (kind, docs) in proposed.items()
        if len(docs) >= min_docs and s not in idioms and not _known(lexicon, s)
    }
    return _count(texts, kept, min_docs=min_docs, top=top, levels=levels or {}, n=examples)


def _known(lexicon: Lexicon, surface: str) -> bool:
    found = lexicon.find_normalized(surface)
    return any(m.start == 0 and m.end == len(surface) for m in found)


def _count(
    texts: Sequence[tuple[Document, str]],
    kinds: dict[str, str],
    *,
    min_docs: int,
    top: int | None,
    levels: dict[str, str],
    n: int,
) -> list[Candidate]:
    if not kinds:
        return []
    finder = Lexicon.from_rows((f"c{i}", s, s, "concept") for i, s in enumerate(kinds))
    seen: dict[str, list[tuple[Document, str, int, int]]] = {}
    quoted: dict[str, int] = {}
    for doc, text in texts:
        for m in finder.find_normalized(text):
            if _inside_a_number(text, m.start, m.end):
                continue
            in_quotes = text[m.start - 1 : m.start] == "“" and text[m.end : m.end + 1] == "”"
            if not in_quotes and _NUMERAL.issuperset(m.text):
                continue  # 八五, 十五 are plan periods only in quotes: elsewhere numbers
            seen.setdefault(m.canonical, []).append((doc, text, m.start, m.end))
            if in_quotes:
                quoted[m.canonical] = quoted.get(m.canonical, 0) + 1
    words = _words()
    out: list[Candidate] = []
    for surface, hits in seen.items():
        docs = {d.name: d for d, _, _, _ in hits}
        if len(docs) < min_docs:
            continue
        if kinds[surface] == "quoted" and quoted.get(surface, 0) < len(hits) * QUOTED_SHARE:
            continue  # an ordinary word that is sometimes quoted
        years = sorted({d.year for d in docs.values() if d.year is not None})
        first = min(docs.values(), key=lambda d: (d.year or 9999, d.name))
        contexts: list[str] = []
        used: set[str] = set()
        for doc, text, start, end in sorted(hits, key=lambda h: (h[0].year or 9999, h[0].name)):
            if doc.name in used or len(contexts) >= n:
                continue
            used.add(doc.name)
            contexts.append(_context(text, start, end))
        kind = kinds[surface]
        suffix = _suffix_of(surface)
        category = words.suffixes[suffix] if suffix else "slogan"
        national = any(levels.get(name) == "national" for name in docs)
        out.append(
            Candidate(
                surface,
                kind,
                category,
                "central" if national or not levels else "local",
                len(docs),
                len(years),
                years[0] if years else None,
                years[-1] if years else None,
                len(hits),
                first.name,
                tuple(contexts),
            )
        )
    out.sort(key=lambda c: (-c.docs, -c.years, c.first_year or 9999, c.surface))
    return out[:top] if top is not None else out


_NUMERAL = frozenset("〇零一二两三四五六七八九十百千万亿0123456789.·．")


def _inside_a_number(text: str, start: int, end: int) -> bool:
    """Whether a match that starts or ends with a numeral continues a longer number (一七五万吨)."""
    head, tail = text[start], text[end - 1]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (head in _NUMERAL and before in _NUMERAL and before != "") or (
        tail in _NUMERAL and after in _NUMERAL and after != ""
    )


def _context(text: str, start: int, end: int, width: int = 14) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ").replace("\t", " ")
    right = text[end : end + width].replace("\n", " ").replace("\t", " ")
    return f"{left}【{text[start:end]}】{right}"


def write_tsv(candidates: Iterable[Candidate], out: TextIO) -> None:
    """Write candidates as lexicon rows (ids ``new-1`` …, to review) plus their evidence.

    >>> import io
    >>> buf = io.StringIO()
    >>> write_tsv([Candidate("放管服", "quoted", "slogan", "central", 2, 2, 2017, 2018, 3,
    ...                      "a.txt", ("深化【放管服】改革",))], buf)
    >>> print(buf.getvalue().splitlines()[1].replace("\\t", "|"))
    new-1|放管服|放管服|slogan|central||2017|a.txt||quoted|2|2|2018|3|深化【放管服】改革
    """
    out.write("\t".join(COLUMNS + EXTRA_COLUMNS) + "\n")
    for i, c in enumerate(candidates, 1):
        cells = [
            f"new-{i}",
            c.surface,
            c.surface,
            c.category,
            c.scope,
            "",
            "" if c.first_year is None else str(c.first_year),
            c.source,
            "",
            c.kind,
            str(c.docs),
            str(c.years),
            "" if c.last_year is None else str(c.last_year),
            str(c.count),
            " | ".join(c.examples),
        ]
        out.write("\t".join(cells) + "\n")


# -------------------------------------------------------------------------- trends


def term_trends(documents: Iterable[Document], lexicon: Lexicon) -> list[dict[str, Any]]:
    """Occurrences of every lexicon concept per year: the trend table, one row per concept.

    Each row has ``id``, ``canonical``, ``category``, ``total``, ``docs`` and one column
    per year (``unknown`` for documents without a year), most frequent concepts first.

    >>> lex = Lexicon.from_rows([("fgf", "放管服", "放管服", "reform")])
    >>> docs = [Document("a.txt", 2017, "放管服"), Document("b.txt", 2018, "放管服、“放管服”")]
    >>> term_trends(docs, lex)  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'fgf', 'canonical': '放管服', 'category': 'reform', 'total': 3, 'docs': 2,
      '2017': 1, '2018': 2}]
    """
    counts: dict[str, dict[str, int]] = {}
    ndocs: dict[str, int] = {}
    years: set[str] = set()
    for doc in documents:
        year = "unknown" if doc.year is None else str(doc.year)
        years.add(year)
        seen: set[str] = set()
        for m in lexicon.find(doc.text):
            row = counts.setdefault(m.id, {})
            row[year] = row.get(year, 0) + 1
            seen.add(m.id)
        for id_ in seen:
            ndocs[id_] = ndocs.get(id_, 0) + 1
    concepts = lexicon.concepts
    ordered = sorted(years, key=lambda y: (y == "unknown", y))
    table: list[dict[str, Any]] = []
    for id_, row in counts.items():
        c = concepts[id_]
        record: dict[str, Any] = {
            "id": id_,
            "canonical": c.canonical,
            "category": c.category,
            "total": sum(row.values()),
            "docs": ndocs[id_],
        }
        record.update({y: row.get(y, 0) for y in ordered})
        table.append(record)
    table.sort(key=lambda r: (-r["total"], r["id"]))
    return table
