"""The outline on fifteen documents of unseen genres, annotated by hand before govnlp read them
(tests/data/sections_audit/README.md): regulations, notices with attachments, work reports
of the 1950s, 1980s, 2010s and 2026 (provincial and prefecture), five-year plans, a statistical
communiqué and a 机构改革 file."""

from __future__ import annotations

from pathlib import Path

from shared import load_audit

from govnlp import segment

AUDIT = Path(__file__).parent / "data" / "sections_audit"


def test_headings_of_unseen_genres() -> None:
    gold_n = pred_n = strict = titles = found = 0
    loaded = load_audit(AUDIT, "headings")
    assert len(loaded) == 15
    for _, text, rows in loaded:
        gold = {g["start"]: g for g in rows}
        predicted = {h.start: h for h in segment(text).headings()}
        gold_n += len(gold)
        pred_n += len(predicted)
        for start, g in gold.items():
            h = predicted.get(start)
            if h is None:
                continue
            found += 1
            strict += h.level == g["level"] and h.number == g["number"]
            titles += h.title.strip() == g["title"].strip()
    precision, recall = strict / pred_n, strict / gold_n
    f1 = 2 * precision * recall / (precision + recall)
    assert gold_n == 427 and f1 >= 0.99, (gold_n, f1, precision, recall)
    assert titles / found >= 0.98, titles / found
