"""The administrative divisions of China: names, short forms, former names, codes, parents.

Every province, prefecture and county-level unit with its six-digit division code (the
GB/T 2260 scheme; ``govnlp/data/divisions.tsv`` names its source and date), the short
forms texts use (沈阳, 广西, 黔南), jionlp's colloquial forms (科右中旗), and the former
names older documents use (襄樊, 思茅地区, 宁乡县): :func:`lookup` lists every division a
name may mean, :func:`resolve` picks one with the help of a region the text is about, and
:func:`find_places` finds the names in a text. The table is read on first use, so
``import govnlp`` stays light.

>>> [d.code for d in lookup("沈阳")]
['210100']
>>> resolve("浚县").name, qualified(resolve("浚县"))
('浚县', '鹤壁市浚县')
>>> resolve("襄樊").name
'襄阳市'
>>> resolve("鼓楼区", within="福州")
Division(code='350102', name='鼓楼区', short='鼓楼', level='county', parent='350100')
>>> [(p.text, p.division.code if p.division else None) for p in find_places("宁夏和广西的县")]
[('宁夏', '640000'), ('广西', '450000')]

The whole country is ``100000 全国`` (a govnlp convention, not a GB/T 2260 code):

>>> resolve("全国").code
'100000'
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from ..datafiles import read_table
from ..engines import Engine, build_engine, default_engine
from ..errors import DataFileError, GovnlpError

__all__ = [
    "COUNTRY",
    "Division",
    "Match",
    "Place",
    "UnknownDivision",
    "ancestors",
    "division",
    "divisions",
    "find_places",
    "lookup",
    "lookup_matches",
    "qualified",
    "resolve",
]

Level = Literal["country", "province", "prefecture", "county", "zone"]
How = Literal["name", "short", "alias", "former"]
LEVELS: tuple[Level, ...] = ("country", "province", "prefecture", "county", "zone")
COUNTRY = "100000"
_TABLE = "divisions.tsv"
_FORMER = "division_former.tsv"
_ZONES = "division_zones.tsv"


class UnknownDivision(GovnlpError, KeyError):
    """A division code that the gazetteer does not hold.

    >>> division("999999")
    Traceback (most recent call last):
    govnlp.gazetteer.UnknownDivision: 'no division has the code 999999'
    """


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division: ``parent`` is the code of the unit above it.

    A district of a municipality and a county-level city governed by its province hang
    directly on the province; the provinces hang on ``100000`` (全国), which has none.
    A national new area that is no division (金普新区) is a ``zone`` without a code.
    """

    code: str | None
    name: str
    short: str
    level: Level
    parent: str | None


@dataclass(frozen=True, slots=True)
class Match:
    """A division a name may mean, and how the name names it.

    ``how`` is ``name`` (the full name), ``short``, ``alias`` (another current form) or
    ``former`` (a name out of use since ``until``; ``rule`` says the pairing is derived by
    rule, X地区 -> X市, X县 -> X市, rather than recorded).
    """

    division: Division
    how: How
    until: int | None = None
    rule: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A division name found in a text: ``text[start:end] == place.text``.

    ``candidates`` are the divisions the name may mean; ``division`` is the one chosen
    (the only candidate, or the one under the ``within`` region, or the highest level),
    ``None`` when the choice is open.
    """

    text: str
    start: int
    end: int
    candidates: tuple[Division, ...]
    division: Division | None


@dataclass(frozen=True, slots=True)
class _Index:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Match, ...]]
    zones: tuple[Division, ...]
    scan_keys: tuple[str, ...]


def _level(value: str, n: int) -> Level:
    for level in LEVELS:
        if level == value:
            return level
    raise DataFileError(f"govnlp/data/{_TABLE}", n, f"unknown level {value!r}")


_RANK: dict[How, int] = {"name": 0, "short": 1, "alias": 2, "former": 3}


@functools.cache
def _index() -> _Index:
    by_code: dict[str, Division] = {}
    names: dict[str, list[Match]] = {}
    aliases: list[tuple[str, Division]] = []

    def add(key: str, match: Match) -> None:
        found = names.setdefault(key, [])
        if all(m.division != match.division for m in found):
            found.append(match)

    columns = ("code", "name", "short", "level", "parent", "aliases")
    for n, (code, name, short, level, parent, alias_cell) in read_table(_TABLE, columns):
        if len(code) != 6 or not code.isdigit() or code in by_code:
            raise DataFileError(f"govnlp/data/{_TABLE}", n, f"bad or repeated code {code!r}")
        if parent and parent not in by_code:
            raise DataFileError(f"govnlp/data/{_TABLE}", n, f"parent {parent} not listed above")
        d = Division(code, name, short, _level(level, n), parent or None)
        by_code[code] = d
        aliases += [(a, d) for a in alias_cell.split("、") if a]
    for d in by_code.values():
        add(d.name, Match(d, "name"))
    for d in by_code.values():
        add(d.short, Match(d, "short"))
    for a, d in aliases:
        add(a, Match(d, "alias"))
    zones = []
    for n, (name, short, parent_path) in read_table(_ZONES, ("name", "short", "parent")):
        holder = _walk(by_code, names, parent_path.split("/"))
        if holder is None:
            raise DataFileError(f"govnlp/data/{_ZONES}", n, f"no division {parent_path!r}")
        zone = Division(None, name, short, "zone", holder.code)
        zones.append(zone)
        add(name, Match(zone, "name"))
        add(short, Match(zone, "short"))
    for n, (former, current, until, _source) in read_table(
        _FORMER, ("former", "current", "until", "source")
    ):
        target = _walk(by_code, names, current.split("/"))
        if target is None or not until.isdigit():
            raise DataFileError(f"govnlp/data/{_FORMER}", n, f"no division {current!r}")
        add(former, Match(target, "former", int(until)))
        stem = former[:-1] if former.endswith(("市", "县", "区")) else former
        for tail in ("地区", "盟"):
            stem = stem.removesuffix(tail)
        if len(stem) >= 2 and stem != former:
            add(stem, Match(target, "former", int(until)))
    for d in by_code.values():
        for former in _by_rule(d):
            if former not in names:
                add(former, Match(d, "former", None, True))
    by_name = {
        k: tuple(sorted(v, key=lambda m: (_RANK[m.how], LEVELS.index(m.division.level))))
        for k, v in names.items()
    }
    scan = tuple(k for k, v in by_name.items() if _scanned(k, v))
    return _Index(by_code, by_name, tuple(zones), scan)


def _walk(
    by_code: dict[str, Division], names: dict[str, list[Match]], path: list[str]
) -> Division | None:
    parent: Division | None = None
    for part in path:
        found = [
            m.division
            for m in names.get(part, [])
            if m.how == "name" and (parent is None or _is_under(by_code, m.division, parent))
        ]
        if len(found) != 1:
            return None
        parent = found[0]
    return parent


def _by_rule(d: Division) -> Iterator[str]:
    """Former names by rule: a 市 that was a 地区 or 盟 of the same stem, a 县级市 a 县."""
    if not d.name.endswith("市") or len(d.name) < 3:
        return
    stem = d.name[:-1]
    if d.level == "prefecture":
        yield stem + "地区"
        yield stem + "盟"
    elif d.level == "county" and d.code is not None and int(d.code[4:]) >= 81:
        yield stem + "县"


def _scanned(key: str, matches: tuple[Match, ...]) -> bool:
    """Whether :func:`find_places` looks for ``key``: every full name; shorts, aliases and
    former names of provinces and prefectures, and of counties when three characters or
    longer (two-character county stems are too often words: 和平, 新华, 城关)."""
    if len(key) < 2 or key in ("全国", "中国", "矿区", "城区", "郊区"):
        return False
    for m in matches:
        if m.how == "name" or m.division.level in ("province", "prefecture") or len(key) >= 3:
            return True
    return False


def _is_under(by_code: dict[str, Division], d: Division, region: Division) -> bool:
    if d == region:
        return True
    code = d.parent
    while code is not None:
        if code == region.code:
            return True
        code = by_code[code].parent
    return False


def division(code: str) -> Division:
    """The division with this code.

    >>> division("410621")
    Division(code='410621', name='浚县', short='浚县', level='county', parent='410600')
    """
    try:
        return _index().by_code[code]
    except KeyError:
        raise UnknownDivision(f"no division has the code {code}") from None


def divisions(level: Level | None = None) -> Iterator[Division]:
    """Every division in code order, or those of one level.

    >>> sum(1 for _ in divisions("province")), sum(1 for _ in divisions("zone"))
    (34, 15)
    """
    index = _index()
    for d in (*index.by_code.values(), *index.zones):
        if level is None or d.level == level:
            yield d


def ancestors(d: Division | str) -> tuple[Division, ...]:
    """The units above ``d``, nearest first, ending with 全国.

    >>> [a.name for a in ancestors("410621")]
    ['鹤壁市', '河南省', '全国']
    """
    cur = division(d) if isinstance(d, str) else d
    out = []
    while cur.parent is not None:
        cur = division(cur.parent)
        out.append(cur)
    return tuple(out)


def qualified(d: Division | str | None) -> str:
    """The name with its prefecture, as texts write a county in full (鹤壁市浚县).

    >>> qualified("110108"), qualified("210100"), qualified("429004")
    ('北京市海淀区', '沈阳市', '湖北省仙桃市')
    >>> qualified(resolve("金普新区"))
    '大连市金普新区'

    """
    if d is None:
        raise UnknownDivision("no division given")
    cur = division(d) if isinstance(d, str) else d
    if cur.level not in ("county", "zone") or cur.parent is None:
        return cur.name
    return division(cur.parent).name + cur.name


def lookup_matches(name: str) -> tuple[Match, ...]:
    """Every division ``name`` may mean, with how it names it; full names first.

    >>> [(m.division.name, m.how) for m in lookup_matches("恩施")]
    [('恩施土家族苗族自治州', 'short'), ('恩施市', 'short')]
    >>> [(m.division.name, m.how, m.until) for m in lookup_matches("思茅")]
    [('思茅区', 'short', None), ('普洱市', 'former', 2007)]
    """
    return _index().by_name.get(name, ())


def lookup(name: str) -> tuple[Division, ...]:
    """The divisions ``name`` (full, short, colloquial or former) may mean.

    >>> [(d.code, d.name) for d in lookup("鼓楼区")][:3]
    [('320106', '鼓楼区'), ('320302', '鼓楼区'), ('350102', '鼓楼区')]
    >>> [d.name for d in lookup("宁乡县")]
    ['宁乡市']
    >>> lookup("不存在")
    ()
    """
    found = lookup_matches(name)
    if found:
        return tuple(m.division for m in found)
    return tuple(m.division for m in _compound(name))


def _compound(name: str) -> tuple[Match, ...]:
    """A name written with its parents (辽宁省沈阳市, 鹤壁市浚县): the last part's matches
    that lie under the earlier parts."""
    index = _index()
    places = _scan(name)
    if len(places) < 2 or places[0][0] != 0 or places[-1][1] != len(name):
        return ()
    if any(a[1] != b[0] for a, b in itertools.pairwise(places)):
        return ()
    region: Division | None = None
    for start, end in places[:-1]:
        region = _choose(index.by_name[name[start:end]], region)
        if region is None:
            return ()
    last = index.by_name[name[places[-1][0] :]]
    assert region is not None
    return tuple(m for m in last if _is_under(index.by_code, m.division, region))


def _as_region(within: Division | str | None) -> Division | None:
    if within is None or isinstance(within, Division):
        return within
    if within.isdigit():
        return division(within)
    return resolve(within)


def _choose(matches: Iterable[Match], region: Division | None) -> Division | None:
    """The division meant: under ``region`` when one is given; a unique candidate; else
    the highest level when it is unique there (恩施 -> the prefecture)."""
    by_code = _index().by_code
    found = [m for m in matches if region is None or _is_under(by_code, m.division, region)]
    if not found:
        return None
    if len({m.division for m in found}) == 1:
        return found[0].division
    best = min(_RANK[m.how] for m in found)
    found = [m for m in found if _RANK[m.how] == best]
    top = min(LEVELS.index(m.division.level) for m in found)
    found = [m for m in found if LEVELS.index(m.division.level) == top]
    return found[0].division if len(found) == 1 else None


def resolve(name: str, within: Division | str | None = None) -> Division | None:
    """The one division ``name`` means, or ``None`` when the name is unknown or open.

    ``within`` (a division, its code or its name) is a region the text is about: a
    candidate must lie in it. Without it a name must be unique, or name one division by its
    full name or short form at the highest level among its candidates.

    >>> resolve("朝阳区") is None  # Beijing's and Changchun's
    True
    >>> resolve("朝阳区", within="北京").code
    '110105'
    >>> resolve("恩施").name, resolve("恩施", within="422800").name
    ('恩施土家族苗族自治州', '恩施土家族苗族自治州')
    >>> resolve("辽宁省沈阳市").code
    '210100'
    """
    region = _as_region(within)
    if within is not None and region is None:
        return None
    matches = lookup_matches(name) or _compound(name)
    return _choose(matches, region)


@functools.cache
def _engine() -> Engine:
    return build_engine(default_engine(), _index().scan_keys)


def _scan(text: str) -> list[tuple[int, int]]:
    engine = _engine()
    starts, ends, _ = engine.spans(text, [])
    return list(zip(starts, ends, strict=True))


# After a two-character name of a county (涉县, 和县), these make it a word instead: 县级,
# 县城, 县域, 区域, 县乡, 县委, 县长, 区委; and 和县 after a unit is "X and counties" (市和县).
_WORD_AFTER = frozenset("级城域乡委长里镇")
_UNIT_BEFORE = frozenset("省市区州盟旗镇乡村")


def _word_part(text: str, start: int, end: int) -> bool:
    """Whether a two-character county name found at ``start`` is part of a word.

    >>> _word_part("市和县级", 1, 3), _word_part("河北省涉县", 3, 5)
    (True, False)
    """
    if end - start != 2 or text[end - 1] not in "县区市":
        return False
    if end < len(text) and text[end] in _WORD_AFTER:
        return True
    return text[start] == "和" and start > 0 and text[start - 1] in _UNIT_BEFORE


def find_places(text: str, within: Division | str | None = None) -> list[Place]:
    """The division names in ``text`` (longest-leftmost, Aho-Corasick), each resolved.

    A name is resolved with :func:`resolve`, under ``within`` when it is given, else under
    the last place already resolved that contains one of its candidates.

    >>> [(p.text, p.division and qualified(p.division)) for p in find_places("河南省浚县")]
    [('河南省', '河南省'), ('浚县', '鹤壁市浚县')]
    >>> [(p.text, p.division.code) for p in find_places("大连市金州区", within="辽宁")]
    [('大连市', '210200'), ('金州区', '210213')]
    """
    index = _index()
    region = _as_region(within)
    out = []
    context: list[Division] = []
    for start, end in _scan(text):
        key = text[start:end]
        if _word_part(text, start, end):
            continue
        matches = index.by_name[key]
        chosen = None
        for ctx in reversed(context):
            chosen = _choose(matches, ctx)
            if chosen is not None:
                break
        if chosen is None:
            chosen = _choose(matches, region)
        if chosen is not None:
            context.append(chosen)
        candidates = tuple(m.division for m in matches)
        out.append(Place(key, start, end, candidates, chosen))
    return out
