"""The audits name their excerpts (SOURCES.tsv) and tests/shared.py cuts and checks them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import shared
from shared import ExcerptError, excerpts, load_audit

DATA = Path(__file__).parent / "data"
AUDITS = {
    "audit": "quantities",
    "audit2": "quantities",
    "indicators_audit": "indicators",
    "sections_audit": "headings",
}


@pytest.mark.parametrize("folder", sorted(AUDITS))
def test_every_annotation_file_names_its_excerpt(folder: str) -> None:
    named = excerpts(DATA / folder)
    names = [e.name for e in named]
    assert len(names) == len(set(names)) and names
    annotated = {p.name.split(".")[0] for p in (DATA / folder).glob("*.jsonl")}
    assert annotated == {e.stem for e in named}
    assert not list((DATA / folder).glob("*.txt"))  # the texts live in ../shared only
    for e in named:
        assert e.source.startswith("corpus/docs/") and len(e.sha1) == 40
        assert all(0 <= s < t for s, t in e.spans)
        assert [s for s, _ in e.spans] == sorted(s for s, _ in e.spans)


def _setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offsets: str, sha1: str) -> Path:
    docs = tmp_path / "shared" / "corpus" / "docs"
    docs.mkdir(parents=True)
    (docs / "a.txt").write_text("标题\n全年增长5%。\n附件\n新增3家。\n", encoding="utf-8")
    monkeypatch.setattr(shared, "SHARED", tmp_path / "shared")
    monkeypatch.setattr(shared, "DOCS", docs)
    audit = tmp_path / "audit"
    audit.mkdir()
    (audit / "SOURCES.tsv").write_text(
        f"file\tsource\tlines\toffsets\tsha1\nx.txt\tcorpus/docs/a.txt\t2,4\t{offsets}\t{sha1}\n",
        encoding="utf-8",
    )
    return audit


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def test_an_excerpt_of_two_passages_is_cut_checked_and_its_spans_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "全年增长5%。\n新增3家。\n"
    audit = _setup(tmp_path, monkeypatch, "3-11,14-20", _sha1(text))
    row = {"start": 4, "end": 6, "text": "5%"}
    (audit / "x.quantities.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    ((e, got, rows),) = load_audit(audit, "quantities")
    assert (got, rows, e.spans) == (text, [row], ((3, 11), (14, 20)))

    (audit / "x.quantities.jsonl").write_text(
        json.dumps({**row, "text": "5"}) + "\n", encoding="utf-8"
    )
    with pytest.raises(ExcerptError, match=r"x\.quantities\.jsonl:1: text '5', excerpt has '5%'"):
        load_audit(audit, "quantities")


def test_a_changed_document_or_a_bad_row_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = _setup(tmp_path, monkeypatch, "3-11", "0" * 40)
    (audit / "x.quantities.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(ExcerptError, match=r"SOURCES\.tsv records 0{40}: the shared document"):
        load_audit(audit, "quantities")
    audit = _setup(tmp_path / "b", monkeypatch, "3-99", "0" * 40)
    (audit / "x.quantities.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(ExcerptError, match=r"span 3-99 outside corpus/docs/a\.txt"):
        load_audit(audit, "quantities")
    audit = _setup(tmp_path / "c", monkeypatch, "3:11", "0" * 40)
    with pytest.raises(ExcerptError, match=r"SOURCES.tsv:2: bad row"):
        excerpts(audit)


def test_without_the_shared_corpus_the_audits_skip_with_one_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared, "DOCS", tmp_path / "nowhere")
    with pytest.raises(pytest.skip.Exception, match=r"\.\./shared/corpus not found beside"):
        load_audit(DATA / "audit", "quantities")
