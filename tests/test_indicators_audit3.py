"""The third blind indicator audit (issue 16): its excerpts and annotations hold together.

``tests/data/indicators_audit3`` names five excerpts of ``../shared/corpus/docs`` (a city
regulation's fines, a county regulation, the 1953 five-year plan's livestock table, the 1982
State Council report, a 2004 prefecture-level review) annotated after GUIDELINES §1 and §3 before
govnlp ran on them (see its README). This test reads them without running govnlp: every span
names the excerpt's text, the hash matches, and each mention has one quantity and one indicator
row at the same span.
"""

from __future__ import annotations

from pathlib import Path

from shared import load_audit

AUDIT = Path(__file__).parent / "data" / "indicators_audit3"


def test_audit3_excerpts_match_their_spans_and_pair_quantities_with_rows() -> None:
    indicators = load_audit(AUDIT, "indicators")  # checks the hash and every span as it reads
    quantities = load_audit(AUDIT, "quantities")
    assert [e.name for e, _, _ in indicators] == [e.name for e, _, _ in quantities]
    assert len(indicators) == 5
    for (e, _, rows), (_, _, qs) in zip(indicators, quantities, strict=True):
        spans = [(r["start"], r["end"]) for r in rows]
        assert spans == [(q["start"], q["end"]) for q in qs], e.name
        assert spans == sorted(spans), e.name
        assert all(r["status"] in {"actual", "target", "rule"} for r in rows), e.name
    assert sum(len(rows) for _, _, rows in indicators) == 190
