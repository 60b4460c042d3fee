"""Every result type points into the caller's text: one helper, every capability."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_spans_point_into

import govnlp

DATA = Path(__file__).parent / "data"
DOCUMENTS = sorted(
    [*DATA.glob("seeds/*.txt"), *DATA.glob("audit/*.txt"), *DATA.glob("sections_audit/*.txt")]
)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_results_of_every_capability_point_into_the_source(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_spans_point_into(text, govnlp.extract_quantities(text))
    assert_spans_point_into(text, govnlp.segment(text).headings())
    assert_spans_point_into(text, govnlp.Lexicon.default().find(text))
    rows = govnlp.extract_indicators(text)
    assert_spans_point_into(text, rows)
    for row in rows:
        if row.metric is not None and row.metric_start is not None and row.metric_end is not None:
            # the metric is the phrase of the source, without line breaks and markup
            phrase = text[row.metric_start : row.metric_end]
            assert "".join(phrase.split()).replace("*", "") == row.metric
