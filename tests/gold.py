"""Scoring against the development gold (same rules as the project's score.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "gold"


def gold_rows(stem: str, task: str) -> list[dict[str, Any]]:
    path = GOLD / f"{stem}.{task}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def seed_stems() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt"))


def _fraction(value: Any) -> Fraction | None:
    return None if value is None else Fraction(str(value))


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def f1(self) -> float:
        p = self.tp / self.predicted if self.predicted else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def strict_quantity_match(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Span, exact value (and upper end) and unit (or implied unit) right."""
    units = {gold.get("unit", ""), gold.get("implied_unit", gold.get("unit", ""))}
    return (
        _fraction(pred.get("value")) == _fraction(gold["value"])
        and _fraction(pred.get("value_max")) == _fraction(gold.get("value_max"))
        and pred.get("unit", "") in units
    )
