"""What a mention means in its sentence: its kind and unit, the qualifier bound to it, and the
change it states (direction and basis)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, cast

import regex

from ..numerals import (
    year_of,
)
from ..units import change_words, qualifiers

if TYPE_CHECKING:
    pass
from .model import Basis, Change, Direction, Kind, QualifierName, _Raw
from .words import (
    _CHANGE_ROLES,
    _CLAUSE_END,
    _DIGIT,
    _HAN,
    _LAST_CLAUSE_END,
    _LAST_SENTENCE_END,
    _LEVEL_BEFORE,
    _LIST_MARK,
    _bare_statistic_at,
    _previous,
    _qualifier_before,
    _skip_break,
    _tables,
)


def _clause_start(t: str, pos: int) -> int:
    """The start of the clause holding ``pos``, looking back at most 60 characters.

    A reverse search of the window finds the last clause end before ``pos``; mentions
    are sparse, so this is cheaper than listing every clause end of the document.
    """
    window = pos - 60 if pos > 60 else 0
    m = _LAST_CLAUSE_END.search(t, window, pos)
    return m.end() if m else window


def _change(t: str, raw: _Raw, previous: Change | None) -> tuple[Change | None, bool]:
    """The change a mention states: the nearest change verb before it in its clause.

    Also says whether the verb describes the counted things themselves (新增知识产权58项:
    new patents, 58 of them), so that a following 其中 breakdown shares the change; an
    amount the verb takes as its object (比上年末增加530万人) passes nothing on.
    """
    tables = _tables()
    words = change_words()
    clause = _clause_start(t, raw.start)
    verb = None
    m = tables.verbs.search(t, clause, raw.start)
    while m is not None:  # as finditer, without building an iterator for the usual no-verb case
        role = words[m.group()].role
        if role in _CHANGE_ROLES and (role != "raise" or not _upgrades(t, m.end(), raw)):
            verb = m  # 新增提升养老服务设施200处: 新增 still counts them
        m = tables.verbs.search(t, m.end(), raw.start)
    if verb is None:
        # 新增58项，其中发明专利11项: a breakdown keeps the change of what it breaks down.
        return (previous if t.startswith("其中", clause) else None), False
    lead = t[verb.end() : raw.start]
    q = _qualifier_before(t, raw.start)
    if q and lead.endswith(q):
        lead = lead[: len(lead) - len(q)]
    if not tables.rate_lead.fullmatch(lead):  # 增长率分别为35.29%: the rate is the change
        copula = tables.copula_end.search(lead) if lead else None
        if (
            copula
            and copula.start()
            and (words[verb.group()].role != "new" or "的" in lead[: copula.start()])
        ):
            copula = None  # 增长贡献率达到35.6%, 新增的市场主体纳税达到…: not the new things
        core = lead[: copula.start()] if copula else lead  # 新增就业达到120万人: still new jobs
        if lead[:1] in _LEVEL_BEFORE or (copula is None and lead[-1:] in _LEVEL_BEFORE):
            return None, False
        if tables.breakers.search(core):
            return None, False
        digits = _DIGIT.findall(core)
        if digits and (copula or not _LIST_MARK.search(core, core.rindex(digits[-1]))):
            return None, False  # 新增3个过三千亿元城市, 新增172个、达到1421个: a new level
    basis = None
    for b in tables.bases.finditer(t, clause, raw.start):  # 增长速度预期为年均7%: after it too
        basis = _basis(t, b.start(), b.group())
    if basis is None:  # 比上一年，原煤增产了…: a comparison fronted for the whole sentence
        fronted = tables.fronted_basis.search(t, _sentence_start(t, clause), clause)
        basis = _basis(t, fronted.start(1), fronted.group(1)) if fronted else None
    direction = cast(Direction, words[verb.group()].value)
    if isinstance(raw.number, Decimal) and raw.number < 0:
        direction = "down"
    attributive = bool(_HAN.search(lead))
    return Change(direction, cast("Basis | None", basis)), attributive


_NAMED_YEAR = regex.compile(r"((?:19|20)[0-9]{2}|[〇○零一二三四五六七八九―]{4})年")


def _ends_phrase(t: str, end: int) -> bool:
    """Whether an amount ends its phrase (a clause end, a list mark or a qualifier follows)
    rather than modifying a noun after it (四年制, 15分钟社区生活圈)."""
    nxt = t[end : end + 1]
    return not nxt or nxt in "，。；、,;）)\n和及" or nxt in _tables().after_first


def _upgrades(t: str, verb_end: int, raw: _Raw) -> bool:
    """Whether a raise verb (提升) takes an object whose count ``raw`` is: 提升卫生室1035家."""
    unit = raw.unit
    if unit is None or unit.kind != "count":
        return False
    if t.startswith("了", verb_end):  # 排序提升了3个位次: the aspect particle is no object
        verb_end += 1
    return bool(_HAN.search(t, verb_end, raw.start))


def _basis(t: str, start: int, phrase: str) -> str | None:
    """The basis a comparison phrase at ``start`` names (同比 → yoy, 年均 → annual_avg).

    比 + a named year (比一九五六年, 比2000年) is year on year unless the year the paragraph
    last names before it is a later one than the next (到2005年…比2000年减少10%,
    1992年…比1987年增长): a change over several years against a base year has no basis.
    """
    word = change_words().get(phrase)
    if word is not None:
        return word.value
    window = max(0, start - 300)
    paragraph = t.rfind("\n", window, start) + 1 or window
    last = None
    for m in _NAMED_YEAR.finditer(t, paragraph, start):
        last = m
    if last is None:  # the year the document reports on, as its title names it
        last = _NAMED_YEAR.search(t, 0, min(start, _TITLE_WINDOW))
        if last is None:
            return None  # 比一九八〇年增长30% alone: a base year, nothing says it is last year
    if year_of(last.group(1)) >= year_of(phrase[1:5]) + 2:
        return None
    return "yoy"


_TITLE_WINDOW = 200
"""How far from the start of a text its title may name the year it reports on."""


def _sentence_start(t: str, pos: int) -> int:
    """The start of the sentence holding ``pos``, looking back at most 200 characters."""
    window = max(0, pos - 200)
    m = _LAST_SENTENCE_END.search(t, window, pos)
    return m.end() if m else window


def _qualifier(t: str, raw: _Raw) -> QualifierName:
    """The qualifier bound to a mention: a word right after it, right before, or inside."""
    quals = qualifiers()
    unit = raw.unit.surface if raw.unit else ""
    tables = _tables()
    pos = _skip_break(t, raw.end)
    after = tables.after.match(t, pos) if t[pos : pos + 1] in tables.after_first else None
    q = quals.get(("after", after.group())) if after else None
    if q is not None and unit not in q.not_with:
        return cast(QualifierName, q.qualifier)
    word = _qualifier_before(t, raw.start)
    q = quals.get(("before", word)) if word else None
    if q is not None and unit not in q.not_with:
        return cast(QualifierName, q.qualifier)
    if raw.inside:
        return "more_than"
    if raw.approx:
        return "approx"
    share = raw.kind == "fraction" or unit in _SHARE_UNITS
    if share and raw.start and _HAN.match(t, raw.start - 1):
        return _bound_over_whole(t, raw.start) or "exact"
    return "exact"


_NOT_IN_WHOLE = frozenset("占为是达有比和与及或")
_SHARE_UNITS = frozenset({"%", "‰", "倍"})


def _bound_over_whole(t: str, start: int) -> QualifierName | None:
    """A bound before the whole that a share is taken of: 不到世界百分之七, 超过世界五分之一,
    不高于承担风险责任的0.5%, 不低于贷款利率的1.5倍 (a noun of at most three characters, or
    one ending with 的)."""
    m = _tables().before_whole.search(t, start - 14 if start > 14 else 0, start)
    if m is None or any(c in _NOT_IN_WHOLE for c in m.group(2)):
        return None
    q = qualifiers().get(("before", m.group(1)))
    return cast(QualifierName, q.qualifier) if q is not None else None


def _money_context(t: str, start: int, end: int) -> bool:
    """Whether the clause around a bare 亿 or 万 amount speaks of money (资金, 投资…)."""
    clause = _clause_start(t, start)
    limit = min(len(t), end + 30)
    stop = _CLAUSE_END.search(t, end, limit)
    return bool(_tables().money.search(t, clause, stop.start() if stop else limit))


_RATIO = re.compile(r"[0-9][:∶：]$")


def _kind(t: str, raw: _Raw) -> tuple[Kind, str, str | None] | None:
    """Kind, unit and implied unit of a candidate, or None when a bare number is no mention."""
    if raw.kind is not None:
        return raw.kind, "", None
    if raw.implied is not None:
        return cast(Kind, raw.implied.kind), "", raw.implied.canonical
    if raw.unit is not None:
        return cast(Kind, raw.unit.kind), raw.unit.canonical, None
    if raw.chinese:  # 近一亿劳动力: a large Chinese numeral needs no unit to be an amount
        if raw.value >= 10_000 and not raw.approx:
            return "number", "", None
        bounded = raw.value >= 10 and t.startswith(_BOUNDS_AFTER, raw.end)
        return ("number", "", None) if bounded else None  # 五百以上
    if raw.scale >= 10_000:  # 2.2亿: money when the clause speaks of money
        if _money_context(t, raw.start, raw.end):
            return "money", "", "元"
        return "number", "", None
    if _RATIO.search(_previous(t, raw.start, 2)):
        return None  # 16.4:40.3:43.3 is a ratio, not a statistic
    if _bare_statistic_at(t, raw.start, raw.end):
        return "number", "", None  # 创新指数为62.43, 总数是10000
    return None


_BOUNDS_AFTER = ("以上", "以下")
