"""Every result type points into the caller's text: one helper, every capability."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_spans_point_into
from shared import excerpt_text, excerpts

import govnlp

DATA = Path(__file__).parent / "data"
# the seeds, and the audit excerpts cut from ../shared/corpus/docs (skipped without it)
DOCUMENTS = sorted(
    [
        *((p.stem, p) for p in DATA.glob("seeds/*.txt")),
        *(
            (e.stem, (DATA / folder, e.name))
            for folder in ("audit", "sections_audit")
            for e in excerpts(DATA / folder)
        ),
    ],
    key=lambda d: d[0],
)


def _text(where: Path | tuple[Path, str]) -> str:
    if isinstance(where, Path):
        return where.read_text(encoding="utf-8")
    return excerpt_text(*where)


@pytest.mark.parametrize("where", [w for _, w in DOCUMENTS], ids=[s for s, _ in DOCUMENTS])
def test_results_of_every_capability_point_into_the_source(where: Path | tuple[Path, str]) -> None:
    text = _text(where)
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
