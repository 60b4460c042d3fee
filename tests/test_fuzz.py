"""A short run of the fuzz harness (benchmarks/fuzz.py): every entry point, its invariants.

The long run is ``python -m benchmarks.fuzz --budget 3600`` (see docs/robustness.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `benchmarks` is not installed: plain `pytest` needs the root
    sys.path.insert(0, str(ROOT))

from benchmarks import fuzz  # noqa: E402


def test_a_short_fuzz_run_breaks_no_invariant() -> None:
    report = fuzz.run(12, seed=20261204)
    assert report.executions > 100
    assert report.failures == [], "\n".join(map(str, report.failures or []))


def test_the_checks_catch_a_broken_span() -> None:
    class Fake:
        start, end, text = 0, 2, "xy"

    try:
        fuzz._spans("ab", [Fake()], "fake", ordered=True)
    except fuzz.Broken as e:
        assert "fake text 'xy'" in str(e)
    else:
        raise AssertionError("a wrong span passed")


def test_the_issue_reproducers_are_clean() -> None:
    for text in ["１％２％", "增长10％３家企业", "一、总则\r二、附则\r"]:
        assert fuzz.check_all(text) == []


def test_the_adversarial_benchmark_runs_and_reports_every_family() -> None:
    from benchmarks import adversarial

    result = adversarial.measure([300], budget=10)
    text = adversarial.report(result, 10)
    assert "## quantities" in text and "| 增长5%， repeated |" in text
    assert all(len(by_size[300]) == 13 for by_size in result.values())
