"""Score the indicator rules on gold quantities and gold headings (no quantity parser needed).

Run as a script from the repository root to see the figures and the errors:
    PYTHONPATH=$PWD python tests/indicator_gold.py [--docs DIR --gold DIR] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from shared import excerpts, load_audit

from govnlp.indicators import Heading, Indicator, build_indicators, read_context, squash
from govnlp.quantities import Change, Quantity

HERE = Path(__file__).parent
FIELDS = ("metric", "breakdown", "period", "status", "scope")


def compare_rows(
    label: str,
    gold_jsonl: str,
    pred: dict[tuple[int, int], dict[str, Any]],
    c: Counter[str],
    errors: list[str],
) -> None:
    """Count field agreement of predicted rows with one document's gold rows."""
    for line in gold_jsonl.splitlines():
        if not line.strip():
            continue
        want: dict[str, Any] = json.loads(line)
        got = pred.get((want["start"], want["end"]), {})
        c["gold"] += 1
        ok_all = True
        for f in FIELDS:
            a = None if want.get(f) is None else squash(str(want[f]))
            b = None if got.get(f) is None else squash(str(got[f]))
            ok = a == b
            c[f] += ok
            ok_all &= ok
            if not ok:
                ev = got.get("evidence", {}).get(f, "")
                errors.append(
                    f"{label} {want['start']:5} {f:9} {want['text']!r}: gold"
                    f" {want.get(f)!r} got {got.get(f)!r}  [{ev}]"
                )
        c["strict"] += ok_all


def _number(s: str) -> Decimal | Fraction:
    return Fraction(s) if "/" in s else Decimal(s)


def gold_quantities(path: Path) -> list[Quantity]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        ch = g.get("change")
        out.append(
            Quantity(
                g["start"],
                g["end"],
                g["text"],
                _number(g["value"]),
                g.get("unit", ""),
                g["kind"],
                g.get("qualifier", "exact"),
                Change(ch["direction"], ch.get("basis")) if ch else None,
                _number(g["value_max"]) if g.get("value_max") else None,
                g.get("implied_unit"),
            )
        )
    return out


def gold_headings(path: Path) -> list[Heading]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            out.append(Heading(g["start"], g["level"], g["marker"], g["title"]))
    return out


def rows_from_gold(doc: Path, gold: Path) -> tuple[str, list[Indicator]]:
    stem = doc.stem
    text = doc.read_bytes().decode("utf-8")
    qs = gold_quantities(gold / f"{stem}.quantities.jsonl")
    hs = gold_headings(gold / f"{stem}.headings.jsonl")
    return text, build_indicators(text, qs, hs, read_context(text))


def score(docs: Path, gold: Path) -> tuple[Counter[str], list[str]]:
    c: Counter[str] = Counter()
    errors: list[str] = []
    for g in sorted(gold.glob("*.indicators.jsonl")):
        stem = g.name.split(".")[0]
        _, rows = rows_from_gold(docs / f"{stem}.txt", gold)
        pred = {(r.start, r.end): r.to_dict() for r in rows}
        compare_rows(stem[:3], g.read_text(encoding="utf-8"), pred, c, errors)
    return c, errors


def audit_titles(folder: Path) -> dict[str, str | None]:
    """The title of each audit excerpt cut from inside its document (``SOURCES.tsv``)."""
    return {e.name: e.row.get("title") or None for e in excerpts(folder)}


def score_end_to_end(folder: Path) -> tuple[Counter[str], list[str]]:
    """Score ``extract_indicators`` (the quantity parser included) on hand-annotated files:
    a gold row whose span the parser misses counts as wrong on every field."""
    from govnlp.indicators import extract_indicators

    c: Counter[str] = Counter()
    errors: list[str] = []
    titles = audit_titles(folder)
    for e, text, _ in load_audit(folder, "indicators"):
        rows = extract_indicators(text, title=titles.get(e.name))
        pred = {(r.start, r.end): r.to_dict() for r in rows}
        gold = (folder / f"{e.stem}.indicators.jsonl").read_text(encoding="utf-8")
        compare_rows(e.name[:14], gold, pred, c, errors)
    return c, errors


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=Path, default=HERE / "data" / "seeds")
    ap.add_argument("--gold", type=Path, default=HERE / "data" / "gold")
    ap.add_argument("--show", type=int, default=40)
    ap.add_argument("--field", default=None)
    ap.add_argument("--audit", type=Path, default=None, help="score extract_indicators on a folder")
    a = ap.parse_args()
    c, errors = score_end_to_end(a.audit) if a.audit else score(a.docs, a.gold)
    n = max(c["gold"], 1)
    print("  ".join(f"{f} {c[f] / n:.4f}" for f in (*FIELDS, "strict")), f"rows {c['gold']}")
    shown = [e for e in errors if a.field is None or f" {a.field} " in e]
    for e in shown[: a.show]:
        print(" ", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
