"""The cue words of ``data/indicator_cues.tsv`` and the province and city lists, loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..datafiles import read_table
from ..errors import DataFileError
from .model import STATUSES


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue sets of ``indicator_cues.tsv``: set name → {cue: value}, longest cue first."""

    sets: dict[str, dict[str, str]]
    provinces: dict[str, str]
    cities: dict[str, str]

    def words(self, name: str) -> list[str]:
        return sorted(self.sets.get(name, {}), key=len, reverse=True)

    def value(self, name: str, cue: str) -> str:
        return self.sets[name][cue]


CUE_SETS = frozenset(
    {
        "target",
        "estimate",
        "rule",
        "section_status",
        "scope_word",
        "recurring",
        "predicate",
        "metric_prefix",
        "metric_suffix",
        "clause_stop",
        "class_word",
        "person_title",
        "plan_title",
        "verb",
        "org_word",
        "compare",
        "rate_word",
        "body_suffix",
        "mid_verb",
        "noun_stop",
        "bare_noun",
        "owned_amount",
        "national_register",
        "end_word",
        "rule_title",
        "whole_word",
        "not_region",
        "not_region_head",
        "area_class",
        "flow",
        "duration_noun",
        "shared_noun",
        "table_label",
        "noun_head",
        "table_skip",
        "review_lead",
    }
)


@cache
def cues() -> Cues:
    sets: dict[str, dict[str, str]] = {}
    path = "govnlp/data/indicator_cues.tsv"
    for n, cells in read_table("indicator_cues.tsv", ("set", "cue", "value", "note"), optional=2):
        if len(cells) < 3:
            raise DataFileError(path, n, "expected at least set, cue and value")
        name, cue, value = cells[0], cells[1], cells[2]
        if name not in CUE_SETS:
            raise DataFileError(path, n, f"unknown cue set {name!r}")
        statused = ("target", "estimate", "rule", "section_status", "review_lead")
        if name in statused and value not in (
            *STATUSES,
            "estimate",
            "weak",
        ):
            raise DataFileError(path, n, f"{name} cue needs a status value, not {value!r}")
        if name == "scope_word" and value not in (
            "city",
            "province",
            "district",
            "county",
            "country",
        ):
            raise DataFileError(path, n, f"unknown scope level {value!r}")
        if cue in sets.setdefault(name, {}):
            raise DataFileError(path, n, f"duplicate cue {cue!r} in set {name}")
        sets[name][cue] = value
    provinces = {cells[0]: cells[1] for _, cells in read_table("provinces.tsv", ("short", "name"))}
    cities: dict[str, str] = {}
    for n, cells in read_table("cities.tsv", ("province", "cities")):
        if cells[0] not in provinces.values():
            raise DataFileError("govnlp/data/cities.tsv", n, f"unknown province {cells[0]!r}")
        for city in cells[1].split("、"):
            if not city or city in cities:
                raise DataFileError("govnlp/data/cities.tsv", n, f"empty or repeated city {city!r}")
            cities[city] = cells[0]
    return Cues(sets, provinces, cities)


@cache
def alternation(name: str) -> re.Pattern[str]:
    """One regex matching any cue of a set, longest first (a plain alternation: no backtracking
    beyond the literal alternatives)."""
    words = cues().words(name)
    return re.compile("|".join(re.escape(w) for w in words) if words else r"(?!)")
