"""Accuracy side by side: every quantity tool's output in the gold format, scored alike.

Scoring follows ``../shared/tools/score.py``: a prediction matches a gold mention when the span
``(start, end)`` is identical; it is *strict* when, in addition, ``value`` and ``value_max`` are
equal as exact fractions and ``unit`` equals the gold ``unit`` or ``implied_unit``. Per kind,
recall counts gold mentions of that kind and precision counts predictions the tool labelled with
that kind. ``value recall`` is looser (what ``research/anchors-quantity.md`` measured): a gold
mention counts when some prediction overlaps it with the right value, whatever its span or unit.

Adapters only change representation, never add knowledge: leading and trailing white space is
trimmed from a span, inclusive ends are made exclusive, a percentage given as a fraction
(0.2054) is written as its percent number (20.54). Tools that give no offsets
(chinese2digits) have their strings located in the text left to right; cn2an, which only
rewrites the text, has its rewrites located with a character diff.
"""

from __future__ import annotations

import difflib
import json
import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from .corpus import GOLD, SEEDS
from .subjects import Unavailable, _quiet_import, rt_models

Pred = dict[str, Any]
Adapter = Callable[[str], list[Pred]]

CURRENCY = {"CNY": "元", "USD": "美元", "HKD": "港元", "EUR": "欧元", "JPY": "日元", "GBP": "英镑"}
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")


def as_fraction(value: object) -> Fraction | None:
    """An exact value, or None (as in score.py)."""
    if value is None:
        return None
    try:
        return Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError):
        return None


def pred(text: str, start: int, end: int, value: object, unit: str, kind: str) -> Pred | None:
    """A prediction in the gold format, its span trimmed of white space (None if empty)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end or as_fraction(value) is None:
        return None
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "value": str(value),
        "value_max": None,
        "unit": unit,
        "kind": kind,
    }


# ---------------------------------------------------------------------------- adapters


def govnlp_adapter() -> Adapter:
    """``govnlp.extract_quantities`` → its own ``to_dict()``."""
    import govnlp

    fn = getattr(govnlp, "extract_quantities", None)
    if fn is None:
        raise Unavailable("not available")

    def run(text: str) -> list[Pred]:
        return [q.to_dict() for q in fn(text)]

    return run


def jionlp_adapter() -> Adapter:
    """``jionlp.ner.extract_money``: offsets as given; a range gives value and value_max."""
    jio = _quiet_import("jionlp")

    def run(text: str) -> list[Pred]:
        out = []
        for m in jio.ner.extract_money(text, with_parsing=True):
            detail = m.get("detail") or {}
            num = detail.get("num")
            lo, hi = (num[0], num[1]) if isinstance(num, list) else (num, None)
            p = pred(text, m["offset"][0], m["offset"][1], lo, detail.get("case", "元"), "money")
            if p:
                p["value_max"] = None if hi is None or hi == lo else hi
                out.append(p)
        return out

    return run


def c2d_adapter() -> Adapter:
    """``chinese2digits.takeNumberFromString``: strings located left to right."""
    c2d = _quiet_import("chinese2digits")

    def run(text: str) -> list[Pred]:
        got = c2d.takeNumberFromString(text)
        out, pos = [], 0
        for s, v in zip(got["CHNumberStringList"], got["digitsStringList"], strict=False):
            i = text.find(s, pos)
            if i < 0:
                continue  # the tool rewrote the string (伍 → 五): it cannot be located
            pos = i + len(s)
            percent = "%" in s or "％" in s or s.startswith("百分之")
            value = _times100(v) if percent else v
            p = pred(
                text, i, pos, value, "%" if percent else "", "percent" if percent else "number"
            )
            if p:
                out.append(p)
        return out

    return run


def _times100(v: str) -> str | None:
    f = as_fraction(v)
    return None if f is None else _plain(f * 100)


def _plain(f: Fraction) -> str:
    if f.denominator == 1:
        return str(f.numerator)
    return f"{f.numerator}/{f.denominator}"


def cn2an_adapter() -> Adapter:
    """``cn2an.transform``: each rewritten stretch that became a number is a mention."""
    cn2an = _quiet_import("cn2an")

    def run(text: str) -> list[Pred]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            new = cn2an.transform(text, "cn2an")
        out = []
        matcher = difflib.SequenceMatcher(None, text, new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "replace":
                continue
            rewritten = new[j1:j2]
            percent = rewritten.endswith("%")
            number = rewritten.rstrip("%")
            if not _NUMBER.match(number):
                continue
            kind, unit = ("percent", "%") if percent else ("number", "")
            p = pred(text, i1, i2, number, unit, kind)
            if p:
                out.append(p)
        return out

    return run


def rt_adapter() -> Adapter:
    """Recognizers-Text currency, then percentage, then number; overlaps keep the first."""
    models = rt_models()

    def run(text: str) -> list[Pred]:
        taken: list[tuple[int, int]] = []
        out = []
        for which in ("currency", "percentage", "number"):
            for r in models[which].parse(text):
                start, end = r.start, r.end + 1  # RT's end is inclusive
                if any(start < e and s < end for s, e in taken):
                    continue
                res = r.resolution or {}
                value = res.get("value")
                if value is None:
                    continue
                if which == "currency":
                    unit = CURRENCY.get(res.get("isoCurrency", ""), res.get("unit", ""))
                    p = pred(text, start, end, value, unit, "money")
                elif which == "percentage":
                    p = pred(text, start, end, str(value).rstrip("%"), "%", "percent")
                else:
                    p = pred(text, start, end, value, "", "number")
                if p:
                    taken.append((start, end))
                    out.append(p)
        out.sort(key=lambda p: p["start"])
        return out

    return run


ADAPTERS: dict[str, tuple[Callable[[], Adapter], str]] = {
    "govnlp.extract_quantities": (govnlp_adapter, "govnlp"),
    "jionlp.extract_money": (jionlp_adapter, "jionlp"),
    "chinese2digits.takeNumberFromString": (c2d_adapter, "chinese2digits"),
    "cn2an.transform": (cn2an_adapter, "cn2an"),
    "RT.number+percentage+currency": (rt_adapter, "recognizers-text"),
}


# ---------------------------------------------------------------------------- scoring


@dataclass
class Score:
    """Counts for one tool over the gold documents."""

    gold: int = 0
    predicted: int = 0
    span: int = 0
    strict: int = 0
    value_found: int = 0
    gold_kind: Counter[str] = field(default_factory=Counter)
    pred_kind: Counter[str] = field(default_factory=Counter)
    strict_gold_kind: Counter[str] = field(default_factory=Counter)
    strict_pred_kind: Counter[str] = field(default_factory=Counter)

    @staticmethod
    def ratio(a: int, b: int) -> float | None:
        """a / b, or None when b is 0."""
        return a / b if b else None

    @property
    def precision(self) -> float | None:
        """Strict precision."""
        return self.ratio(self.strict, self.predicted)

    @property
    def recall(self) -> float | None:
        """Strict recall."""
        return self.ratio(self.strict, self.gold)

    @property
    def f1(self) -> float:
        """Strict F1."""
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def span_f1(self) -> float:
        """F1 of identical spans, whatever the value."""
        p = self.span / self.predicted if self.predicted else 0.0
        r = self.span / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(docs: Path = SEEDS, gold: Path = GOLD) -> dict[str, tuple[str, list[Pred]]]:
    """``{stem: (text, gold rows)}`` for every ``*.quantities.jsonl`` with its document."""
    out = {}
    for g in sorted(gold.glob("*.quantities.jsonl")):
        stem = g.name[: -len(".quantities.jsonl")]
        doc = docs / f"{stem}.txt"
        if not doc.exists():
            continue
        text = doc.read_bytes().decode("utf-8")
        rows = [json.loads(ln) for ln in g.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out[stem] = (text, rows)
    return out


def score(gold: dict[str, tuple[str, list[Pred]]], predict: Adapter) -> Score:
    """Score one adapter over the gold documents."""
    s = Score()
    for text, grows in gold.values():
        prows = predict(text)
        s.gold += len(grows)
        s.predicted += len(prows)
        s.gold_kind.update(g["kind"] for g in grows)
        s.pred_kind.update(p.get("kind", "") for p in prows)
        pspan = {(p.get("start"), p.get("end")): p for p in prows}
        for g in grows:
            gv = as_fraction(g["value"])
            if any(
                p["start"] < g["end"] and g["start"] < p["end"] and as_fraction(p["value"]) == gv
                for p in prows
            ):
                s.value_found += 1
            p = pspan.get((g["start"], g["end"]))
            if p is None:
                continue
            s.span += 1
            v_ok = as_fraction(p.get("value")) == gv
            vmax_ok = as_fraction(p.get("value_max")) == as_fraction(g.get("value_max"))
            u_ok = p.get("unit", "") in {
                g.get("unit", ""),
                g.get("implied_unit", g.get("unit", "")),
            }
            if v_ok and vmax_ok and u_ok:
                s.strict += 1
                s.strict_gold_kind[g["kind"]] += 1
                s.strict_pred_kind[p.get("kind", "")] += 1
    return s
