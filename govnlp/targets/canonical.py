"""Canonical indicators: which tracked indicator an indicator row's figure is.

The table ``govnlp/data/indicators_canonical.tsv`` lists the indicators analysts follow
(GDP growth, budget revenue, CPI, unemployment, incomes…) with the names texts give them
across the decades. :func:`canonical_indicator` maps a row's metric, breakdown, unit and
change to one id, trying the rows in order (the specific before the general).

>>> canonical_indicator("地区生产总值", unit="%", change="up")
'gdp_growth'
>>> canonical_indicator("国内生产总值", unit="元")
'gdp'
>>> canonical_indicator("单位国内生产总值能耗", unit="%", change="down")
'energy_intensity'
>>> canonical_indicator("占国内生产总值的比重", unit="%") is None
True
>>> canonical_indicator("人均可支配收入", breakdown="城镇居民", unit="%", change="up")
'urban_income_growth'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from ..datafiles import read_table
from ..errors import DataFileError

__all__ = ["CanonicalIndicator", "canonical_indicator", "canonical_indicators", "match_alias"]

Kind = Literal["level", "growth", "share", "rate"]
_KINDS: tuple[Kind, ...] = ("level", "growth", "share", "rate")
_TABLE = "indicators_canonical.tsv"

# Words in a metric that make a percent a change even when the quantity carries none
# (居民消费价格涨幅3%左右).
GROWTH_WORDS = ("增长", "增速", "涨幅", "增幅", "上涨", "下降", "降低", "降幅", "提高")
# The units each level indicator accepts, by the quantity's own unit.
_LEVEL_UNITS = {
    "元": ("元",),
    "吨": ("吨", "公斤", "斤", "千克"),
    "人": ("人", "人次", "万人"),
}


@dataclass(frozen=True, slots=True)
class CanonicalIndicator:
    """One tracked indicator: its id, what it is, its kind and unit, and its names."""

    id: str
    label: str
    kind: Kind
    unit: str
    aliases: tuple[str, ...]
    exclude: tuple[str, ...]


@functools.cache
def canonical_indicators() -> tuple[CanonicalIndicator, ...]:
    """The table, in the order rows are tried.

    >>> [c.id for c in canonical_indicators()][:4]
    ['energy_intensity', 'carbon_intensity', 'rd_intensity', 'gdp_growth']
    """
    out = []
    seen = set()
    columns = ("id", "label", "kind", "unit", "aliases", "exclude")
    for n, (cid, label, kind, unit, aliases, exclude) in read_table(_TABLE, columns):
        k = next((x for x in _KINDS if x == kind), None)
        if k is None or cid in seen or not aliases:
            raise DataFileError(f"govnlp/data/{_TABLE}", n, "bad kind, repeated id or no alias")
        seen.add(cid)
        words = tuple(a for a in aliases.split("、") if a)
        out.append(
            CanonicalIndicator(
                cid, label, k, unit, words, tuple(exclude.split("、")) if exclude else ()
            )
        )
    return tuple(out)


def match_alias(indicator: CanonicalIndicator, phrase: str) -> str | None:
    """The first alias of ``indicator`` in ``phrase`` when no excluded word is there.

    >>> gdp = next(c for c in canonical_indicators() if c.id == "gdp_growth")
    >>> match_alias(gdp, "中央提出今年经济增长预期目标"), match_alias(gdp, "年均经济增长速度")
    ('经济增长', None)
    """
    if any(w in phrase for w in indicator.exclude):
        return None
    return next((a for a in indicator.aliases if a in phrase), None)


def _fits(indicator: CanonicalIndicator, phrase: str, unit: str | None, change: str | None) -> bool:
    if indicator.kind == "level":
        return unit is not None and unit in _LEVEL_UNITS.get(indicator.unit, (indicator.unit,))
    if unit != indicator.unit:
        return False
    if indicator.kind == "growth":
        return change is not None or any(w in phrase for w in GROWTH_WORDS)
    return True


def canonical_indicator(
    metric: str | None,
    breakdown: str | None = None,
    unit: str | None = None,
    change: str | None = None,
    verb: str = "",
) -> str | None:
    """The id of the tracked indicator a row is, or ``None``.

    ``verb`` is what stands between the metric and the figure (增长, 比上年增长): it may
    complete an alias (经济 + 增长) and say the figure is a change, but its words exclude
    nothing (全年国民生产总值17400亿元，比上年增长5%).

    ``unit`` is the quantity's unit (``%``, ``元``, ``吨``…); ``change`` its direction
    (``up``/``down``) when the text says the figure is a change. A percent with a change
    is a growth; without one, a share or a rate (a growth when the metric itself says
    增长/涨幅). A row with a unit of ``percentage_point`` is none of them.

    >>> canonical_indicator("城镇调查失业率", unit="%")
    'surveyed_unemployment'
    >>> canonical_indicator("居民消费价格涨幅", unit="%")
    'cpi'
    >>> canonical_indicator("经济增长预期目标", unit="%")
    'gdp_growth'
    >>> canonical_indicator("经济", unit="%", change="up", verb="增长")
    'gdp_growth'
    >>> canonical_indicator("粮食总产量", unit="吨"), canonical_indicator("粮食总产量", unit="%")
    ('grain_output', None)
    """
    if not metric:
        return None
    phrases = [metric] if not breakdown else [breakdown + metric, metric]
    for indicator in canonical_indicators():
        for phrase in phrases:
            if any(w in phrase for w in indicator.exclude):
                continue
            whole = phrase + verb
            named = any(a in whole for a in indicator.aliases)
            if named and _fits(indicator, whole, unit, change):
                return indicator.id
    return None
