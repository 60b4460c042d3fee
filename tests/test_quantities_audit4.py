"""The fourth blind quantities audit (issue 15): its excerpts and annotations hold together.

``tests/data/audit4`` names four excerpts of ``../shared/corpus/docs`` (the 1988 NBS communiqué
with its whitespace tables, a 2004 State Council reply with its attached survey reports, the 1998
Inner Mongolia work report's five-year review, the 1986 seventh five-year plan's targets with
ranges) annotated after GUIDELINES §1 before govnlp ran on them (see its README). This test reads
them without running govnlp: the hash of every excerpt and the text of every span match, spans
are in order and do not overlap, and every row carries the fields of the gold format.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from shared import load_audit

AUDIT = Path(__file__).parent / "data" / "audit4"
KINDS = {
    "money",
    "count",
    "percent",
    "percentage_point",
    "fraction",
    "multiple",
    "duration",
    "measure",
    "number",
}
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "at_most", "less_than"}


def test_audit4_excerpts_match_their_spans_and_rows_are_well_formed() -> None:
    loaded = load_audit(AUDIT, "quantities")  # checks the hash and every span as it reads
    assert len(loaded) == 4
    for e, _, rows in loaded:
        ends = [0] + [r["end"] for r in rows]
        assert all(r["start"] >= end for r, end in zip(rows, ends, strict=False)), e.name
        for r in rows:
            assert r["kind"] in KINDS and r["qualifier"] in QUALIFIERS, (e.name, r)
            Fraction(r["value"])
            if "value_max" in r:
                assert Fraction(r["value_max"]) > Fraction(r["value"]), (e.name, r)
            change = r["change"]
            assert change is None or change["direction"] in {"up", "down"}, (e.name, r)
    assert sum(len(rows) for _, _, rows in loaded) == 366
