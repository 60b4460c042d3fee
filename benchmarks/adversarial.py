"""Adversarial inputs for every capability, at growing sizes: time per character vs prose.

``python -m benchmarks.adversarial [--sizes 10000,100000,1000000] [--budget 60]
[--out docs/adversarial.md]`` builds each family of inputs at each size, runs every
capability on it (after a warm-up on a small input; cells under a second: the best of
three runs), and reports the time per
character and its ratio to prose of the same size (``1.0×``: as fast as prose). A
capability that does not finish a cell within ``--budget`` seconds is stopped and shown as
``> budget``; its larger sizes are skipped. What the issue asks: every ratio ≤ 2 and flat
from 10 k to 1 M characters.

The families: digits, 一 repeated, （ repeated, 1、 repeated, 第一条 repeated, 1万2亿
repeated, 增长5%， repeated, one long line (prose without line breaks), % repeated,
〔 repeated, mixed CJK and digits, and a real document repeated.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
SEEDS = ROOT / "tests" / "data" / "seeds"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _documents() -> list[str]:
    folder = SHARED_DOCS if SHARED_DOCS.is_dir() else SEEDS
    files = sorted(folder.glob("*.txt"))
    random.Random(20261204).shuffle(files)
    return [p.read_text(encoding="utf-8", errors="replace") for p in files[:200]]


def families(size: int, docs: list[str]) -> dict[str, str]:
    """Every input family at ``size`` characters; ``prose`` is the reference."""
    joined = "\n".join(docs)
    prose = _repeat(joined, size)
    one_line = _repeat(joined.replace("\r", "").replace("\n", ""), size)
    rnd = random.Random(size)
    mixed = "".join(
        rnd.choice(("增长", "亿元", "第", "条", "年", "万", "、", "。", "%"))
        if rnd.random() < 0.5
        else str(rnd.randint(0, 99999))
        for _ in range(size // 3)
    )[:size]
    document = max(docs, key=len) if docs else prose
    return {
        "prose": prose,
        "digits 0-9": _repeat("0123456789", size),
        "一 repeated": "一" * size,
        "（ repeated": "（" * size,
        "1、 repeated": _repeat("1、", size),
        "第一条 repeated": _repeat("第一条", size),
        "1万2亿 repeated": _repeat("1万2亿", size),
        "增长5%， repeated": _repeat("增长5%，", size),
        "one long line": one_line,
        "% repeated": "%" * size,
        "〔 repeated": "〔" * size,
        "mixed CJK and digits": mixed,
        "a real document repeated": _repeat(document + "\n", size),
    }


def capabilities() -> dict[str, Callable[[str], Any]]:
    """Every public front door, by name (elements when it is installed)."""
    import govnlp
    from govnlp.lexicon import Lexicon
    from govnlp.normalize import _normalize

    lexicon = Lexicon.default()

    def fresh(fn: Callable[[str], Any]) -> Callable[[str], Any]:
        def run(text: str) -> Any:
            _normalize.cache_clear()  # each capability pays for its own normalization
            return fn(text)

        return run

    caps: dict[str, Callable[[str], Any]] = {
        "normalize": fresh(govnlp.normalize),
        "segment": fresh(govnlp.segment),
        "quantities": fresh(govnlp.extract_quantities),
        "terms": fresh(lexicon.find),
        "indicators": fresh(govnlp.extract_indicators),
        "analyze": fresh(govnlp.analyze),
    }
    try:
        from govnlp.elements import elements

        caps["elements"] = fresh(elements)
    except ImportError:
        pass
    return caps


class _Budget(Exception):
    pass


def _timed(fn: Callable[[str], Any], text: str, budget: float) -> float | None:
    """Seconds ``fn(text)`` took, or ``None`` when it ran past ``budget``."""

    def stop(signum: int, frame: Any) -> None:
        raise _Budget

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        started = time.perf_counter()
        fn(text)
        return time.perf_counter() - started
    except _Budget:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def measure(
    sizes: list[int], budget: float, log: Any = None
) -> dict[str, dict[int, dict[str, float | None]]]:
    """``result[capability][size][family]`` = seconds per character (``None``: over budget)."""
    docs = _documents()
    caps = capabilities()
    for fn in caps.values():  # warm up: data tables, lexicon automaton
        fn(families(2_000, docs)["prose"])
    result: dict[str, dict[int, dict[str, float | None]]] = {c: {} for c in caps}
    over: set[tuple[str, str]] = set()
    for size in sizes:
        inputs = families(size, docs)
        for cap, fn in caps.items():
            row: dict[str, float | None] = {}
            for family, text in inputs.items():
                if (cap, family) in over:
                    row[family] = None
                    continue
                seconds = _timed(fn, text, budget)
                for _ in range(2 if seconds is not None and seconds < 1 else 0):
                    again = _timed(fn, text, budget)  # short cells: the best of three
                    seconds = min(seconds, again) if again is not None else seconds
                if seconds is None:
                    over.add((cap, family))
                row[family] = None if seconds is None else seconds / max(len(text), 1)
                if log is not None:
                    shown = "over budget" if seconds is None else f"{seconds:.2f} s"
                    print(f"{cap:10} {size:>9,} {family:26} {shown}", file=log, flush=True)
            result[cap][size] = row
    return result


def report(result: dict[str, dict[int, dict[str, float | None]]], budget: float) -> str:
    """Markdown: per capability, µs per character and the ratio to prose, by size."""
    lines = [
        "# Adversarial inputs: time per character against prose",
        "",
        "Generated by `python -m benchmarks.adversarial`. Each cell: microseconds per",
        "character, and in brackets the ratio to prose of the same size (`1.0×`: as fast as",
        f"prose). `> {budget:g} s`: stopped at the budget (larger sizes then skipped).",
        "",
    ]
    for cap, by_size in result.items():
        sizes = sorted(by_size)
        lines += [f"## {cap}", "", "| input | " + " | ".join(f"{s:,}" for s in sizes) + " |"]
        lines.append("| --- |" + " --- |" * len(sizes))
        families_ = list(next(iter(by_size.values())))
        for family in families_:
            cells = []
            for s in sizes:
                v = by_size[s].get(family)
                prose = by_size[s].get("prose")
                if v is None:
                    cells.append(f"> {budget:g} s")
                elif family == "prose" or not prose:
                    cells.append(f"{v * 1e6:.2f}")
                else:
                    cells.append(f"{v * 1e6:.2f} ({v / prose:.1f}×)")
            lines.append(f"| {family} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.adversarial", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per cell")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    result = measure(sizes, args.budget, log=sys.stderr)
    text = report(result, args.budget)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
