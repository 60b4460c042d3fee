"""The scope of a row: an area named in the sentence or paragraph, the unit or the document.

The units a clause counts (3家科技型企业完成首发上市，实现融资72亿元) are not its scope: §3
names a region or an explicitly named unit, and the gold rows read the region there.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import TYPE_CHECKING

from .context import LEVEL_AFTER, NOT_REGION_HEAD, REGION_SUFFIX, region_aliases
from .cues import alternation, cues
from .frames import Frame
from .times import YEAR
from .view import HAN

if TYPE_CHECKING:
    from .sentences import Reader, Row

_ADMIN_AREA = r"(?:市|县|省|新区|高新区|开发区|自治区|自治州|盟|旗|(?<=[市县])[^、]{1,4}区)$"


_OPENERS = "目前|截至目前|截止目前|今年|同时|此外|上半年|全年|年末|年底|近年来|近年"


_AREA_SUFFIX_CHAR = re.compile("[市县省区盟旗]")
"""A character every area :data:`_ADMIN_AREA` accepts ends with."""


_CLAUSE_OPENER = rf"(?:(?:{YEAR}年|{_OPENERS})[，,]?)*"


_SENTENCE_END = re.compile("[。！？!?]")
_REGION_PART = re.compile(rf"[{HAN}]{{2,4}}?{REGION_SUFFIX}")


@cache
def body_name() -> re.Pattern[str]:
    return re.compile(rf"[{HAN}A-Za-z]{{2,12}}(?:{alternation('body_suffix').pattern})")


def read_scope(
    rd: Reader, r: Row, s: int, cs: int, frames: list[Frame], *, until: int | None = None
) -> None:
    """Scope of ``r``: an area named in the sentence, the area named last in the paragraph,
    the unit line or the document\'s region. ``until``
    ends what is read before the figure (a table cell reads its row's label only)."""
    unit = next((f for f in reversed(frames) if f.region or f.person), None)
    region = rd.ctx.region
    why = "the document's region"
    if unit is not None:
        region, why = (
            (None, "a person's record") if unit.person else (unit.region, f"unit {unit.title[:16]}")
        )
    explicit = explicit_scope(rd, s, r.vs if until is None else until, region, r.q.kind)
    if explicit is not None:
        r.scope, r.why["scope"] = explicit
        return
    ps = rd.paragraph_start(s)
    clauses = set(rd.clause_starts(ps, s))
    # an earlier sentence of the paragraph that opens with the region itself, as written
    # (金普新区现有… in a 大连金普新区 report): another area there is that sentence's own
    opened = {m.end() for m in _SENTENCE_END.finditer(rd.v, ps, s)} - clauses
    for k in sorted(clauses | opened, reverse=True):
        if not _AREA_SUFFIX_CHAR.search(rd.v, k, min(s, k + 40)):
            continue  # no area can end there: skip the reading (a long run of clauses)
        head = head_name(rd, k, min(s, k + 40), region, regions_only=True)
        if head is None or not re.search(_ADMIN_AREA, head):
            continue
        if k in opened and not (region and head in region):
            continue
        r.scope, r.why["scope"] = head, f"the area named last in the paragraph: {head}"
        return
    r.scope, r.why["scope"] = region, why


def head_name(
    rd: Reader, k: int, i: int, region: str | None, *, regions_only: bool = False
) -> str | None:
    """An area or body named at the head of the clause starting at ``k`` (a 、 list of
    names stays whole: 浑南科技城、沈北科教融合园)."""
    v = rd.v
    pre = re.match(_CLAUSE_OPENER, v[k:i])
    k2 = k + (pre.end() if pre else 0)
    cue = alternation("target").match(v, k2, i)
    own_clause = not re.search("[，,；;：:]", v[k:i])
    if cue is not None and own_clause and not regions_only:
        k2 = cue.end()  # 力争富士康南宁公司实现产值200亿元: the body after the target cue
    n = leading_region(rd, v[k2:i], bodies=not regions_only)
    if not n:
        return None
    end = k2 + n
    while end < i and v[end] == "、":
        more = leading_region(rd, v[end + 1 : i], bodies=not regions_only)
        if not more:
            break
        end += 1 + more
    return region_aliases(full_name(rd, v[k2:end], region))


def explicit_scope(
    rd: Reader, s: int, i: int, region: str | None, kind: str = "count"
) -> tuple[str | None, str] | None:
    """The nearest area named in the sentence before the figure (全国, 全市, 金普新区)."""
    v = rd.v
    best: tuple[int, str | None, str] | None = None
    seg = v[s:i]
    heads = {k - s for k in rd.clause_starts(s, i)}
    last_clause = max(heads)
    named = [x.metric for x in rd.sentence_rows if x.metric is not None]
    lo = bisect.bisect_left(rd.terms, (s - 40, s - 40))
    hi = bisect.bisect_left(rd.terms, (i, i), lo)
    named += rd.terms[lo:hi]
    for m in alternation("scope_word").finditer(seg):
        if any(a <= s + m.start() < b for a, b in named):
            continue  # 全国重点实验室45家: part of a metric or a name, not the area counted
        opener = re.match(_CLAUSE_OPENER, seg[max(h for h in heads if h <= m.start()) :])
        at_head = (
            max(h for h in heads if h <= m.start()) + (opener.end() if opener else 0)
        ) == m.start()
        if m.start() < last_clause and not at_head:
            continue
        before = seg[max(0, m.start() - 3) : m.start()]
        counted = kind == "count" and re.fullmatch("(?:共|共有|有)?", seg[m.end() :]) is not None
        if not counted and re.search(f"(?:{alternation('compare').pattern})$", before):
            continue
        if seg[m.end() : m.end() + 1] in ("的",) and re.search("占", seg[: m.start()]):
            continue
        level = cues().value("scope_word", m.group(0))
        name = resolve(rd, level, region)
        cand = (m.start(), name, f"scope word {m.group(0)}")
        if best is None or cand[0] > best[0]:
            best = cand
    for k in reversed(rd.clause_starts(s, i)):  # the last clause that names one wins
        if best is not None and k <= best[0] + s:
            break
        name = head_name(rd, k, i, region)
        if name is not None:
            best = (k - s, name, f"named at the head of the clause: {name}")
            break
    if best is None:
        return None
    return best[1], best[2]


_NAMED_PART = re.compile(rf"[{HAN}]+?{REGION_SUFFIX}")


def as_named(scope: str | None) -> str | None:
    """The unit a scope names, without the regions above it (GUIDELINES §3.5: 小店区, not
    太原市小店区): a run of place names keeps its last.

    >>> as_named("太原市小店区"), as_named("辽宁省沈阳市"), as_named("长治高新区")
    ('小店区', '沈阳市', '长治高新区')
    >>> as_named("浑南科技城、沈北科教融合园"), as_named("武汉都市圈"), as_named("市区")
    ('浑南科技城、沈北科教融合园', '武汉都市圈', '市区')
    """
    if scope is None or len(scope) < 5:
        return scope
    parts: list[str] = _NAMED_PART.findall(scope)
    if len(parts) >= 2 and "".join(parts) == scope and len(parts[-1]) >= 3:
        return parts[-1]
    return scope


def full_name(rd: Reader, name: str, region: str | None) -> str:
    """小店区 in a 太原市小店区 report → 太原市小店区; 区域 of the region → the region."""
    if region and re.fullmatch(rf"[{HAN}]+?市" + re.escape(name), region):
        return region  # 小店区 in a 太原市小店区 report: the full administrative name
    if region and name.endswith("区域"):
        return region
    return name


def resolve(rd: Reader, level: str, region: str | None) -> str | None:
    ctx = rd.ctx
    if level == "country":
        return "全国"
    if level == "province":
        return ctx.province
    if region is None:
        return None
    if level == "city":
        m = re.match(rf"[{HAN}]+?市", region)
        return m.group(0) if m else region
    return region


def leading_region(rd: Reader, seg: str, *, bodies: bool = True) -> int:
    """Length of an area or named body opening ``seg`` (沈阳市, 金普新区, 驻沈高校院所).

    An area is a run of place names (太原市小店区) that the document names more than
    once or that a header names, not followed by a level word (市级, 省委, 市场); a
    province must be one. A body is a name ending in a body suffix (实验室, 大市场),
    with no conjunction inside and not followed by 等 (examples, not a subject).
    """
    best = 0
    if bodies:
        m = body_name().match(seg)
        if m and is_body(rd, m.group(0)) and not seg[m.end() :].startswith("等"):
            best = m.end()
    n = 0
    while True:
        m = _REGION_PART.match(seg, n)
        if m is None or not is_region(rd, m.group(0), seg[m.end() : m.end() + 1]):
            break
        n = m.end()
    if n > best:
        return n
    return best if len(seg) > best + 1 else 0


def is_body(rd: Reader, name: str) -> bool:
    """A name, not a described class: no conjunction, level word or verb inside, and no
    preposition before it (以国家实验室为龙头)."""
    if re.search("[与和及、的等级类各]", name) or name[0] in "以在由对为把向从经按":
        return False
    if name.startswith(_not_place_words()[0]):
        return False  # 去年港(口吞吐量), 加强港(口建设): a time word or verb, no name
    words = ("verb", "predicate", "metric_prefix")
    return not any(alternation(w).match(name, k) for k in range(len(name) - 1) for w in words)


@cache
def _not_place_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    sets = cues().sets
    return tuple(sets["not_region_head"]), tuple(sets["area_class"])


def is_region(rd: Reader, name: str, after: str) -> bool:
    if name.startswith(NOT_REGION_HEAD) or (after and after in LEVEL_AFTER):
        return False
    heads, classes = _not_place_words()
    if name.startswith(heads):
        return False  # 加强城市(管理), 每个县: a verb or quantifier before an area word
    if any(name.endswith(c) and len(name) > len(c) + 1 for c in classes):
        return False  # 中心城市, 现代都市: a class of areas (晋城市 is a place)
    if re.search("[的了为在对由与和及将把被全我本各以]", name) or any(
        alternation(w).match(name) for w in ("verb", "mid_verb", "noun_stop", "predicate")
    ):
        return False
    provinces = cues().provinces
    if name.endswith("省") or name.endswith("自治区"):
        return name in provinces.values()
    if name in (rd.ctx.region or "") or name[:-1] in provinces:
        return True
    return rd.occurs_twice(name)
