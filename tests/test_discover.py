"""Slogan discovery and the trend table, on a small fixture corpus."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from govnlp.discover import (
    COLUMNS,
    EXTRA_COLUMNS,
    Candidate,
    Document,
    discover,
    document_year,
    iter_corpus,
    term_trends,
    write_tsv,
)
from govnlp.errors import InputError
from govnlp.lexicon import Lexicon, parse_rows

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "discover"
FIXTURE = DATA / "lexicon" / "fixture.tsv"


@pytest.fixture(scope="module")
def found() -> dict[str, Candidate]:
    docs = list(iter_corpus([CORPUS]))
    return {c.surface: c for c in discover(docs, Lexicon.load(FIXTURE))}


def test_document_years_from_name_manifest_or_text(tmp_path: Path) -> None:
    years = {d.name: d.year for d in iter_corpus([CORPUS])}
    assert years == {
        "gov_2017_a-01.txt": 2017,
        "gov_2018_b-02.txt": 2018,
        "gov_2019_c-03.txt": 2019,
        "notes.txt": 2020,
    }
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.txt").write_text("没有年份", "utf-8")
    (tmp_path / "MANIFEST.tsv").write_text("file\ttitle\tyear\nx.txt\tX\t2011\n", "utf-8")
    assert [d.year for d in iter_corpus([tmp_path / "docs"])] == [2011]
    assert document_year("y.txt", "没有年份") is None


def test_every_shape_is_proposed_and_ranked(found: dict[str, Candidate]) -> None:
    assert list(found)[:2] == ["一网通办", "乡村振兴战略"]  # 4 documents, 4 years
    kinds = {s: c.kind for s, c in found.items()}
    assert kinds == {
        "一网通办": "quoted",
        "乡村振兴战略": "named",  # cut after 实施 / 大力实施 / 全面实施
        "一村一品": "paired",
        "两个市场": "numbered",
        "1+N": "numbered",
        "国有企业改革": "named",
        "蓝天保卫战": "named",  # 打好 / 打赢 are not part of it
        "八五": "quoted",
    }


def test_known_ordinary_and_rare_forms_are_left_out(found: dict[str, Candidate]) -> None:
    assert "放管服" not in found  # in the lexicon
    assert "一心一意" not in found  # an idiom
    assert "三个方面" not in found  # an ordinary count
    assert "河长制" not in found  # in one document only (min_docs=2)
    assert "污染防治攻坚战" not in found


def test_evidence(found: dict[str, Candidate]) -> None:
    c = found["乡村振兴战略"]
    assert (c.docs, c.years, c.first_year, c.last_year, c.count) == (4, 4, 2017, 2020, 4)
    assert c.source == "gov_2017_a-01.txt"
    assert c.category == "strategy"
    assert "实施【乡村振兴战略】" in c.examples[0]
    assert len(c.examples) == 2
    # 八五 counts only where it names a plan period, not inside 一八五万吨
    assert found["八五"].count == 2


def test_min_docs_and_top() -> None:
    docs = list(iter_corpus([CORPUS]))
    lex = Lexicon.load(FIXTURE)
    assert [c.surface for c in discover(docs, lex, min_docs=4)] == ["一网通办", "乡村振兴战略"]
    assert len(discover(docs, lex, top=3)) == 3
    assert "放管服" in [c.surface for c in discover(docs, Lexicon([]))]


def test_tsv_is_ready_to_append() -> None:
    docs = list(iter_corpus([CORPUS]))
    buf = io.StringIO()
    write_tsv(discover(docs, Lexicon.load(FIXTURE)), buf)
    lines = buf.getvalue().splitlines()
    assert lines[0].split("\t") == list(COLUMNS + EXTRA_COLUMNS)
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(r) == len(COLUMNS) + len(EXTRA_COLUMNS) for r in rows)
    # the lexicon columns load as a lexicon as they are (ids new-1 … to be renamed)
    tsv = "\t".join(COLUMNS) + "\n" + "\n".join("\t".join(r[: len(COLUMNS)]) for r in rows)
    assert len(Lexicon(parse_rows(tsv, "candidates.tsv"))) == len(rows)


def test_unreadable_file_is_reported_or_raised(tmp_path: Path) -> None:
    (tmp_path / "bad_2020_x.txt").write_bytes(b"\xff\xfe")
    (tmp_path / "good_2020_y.txt").write_text("推进“一网通办”", "utf-8")
    with pytest.raises(InputError):
        list(iter_corpus([tmp_path]))
    errors: list[InputError] = []
    assert [d.name for d in iter_corpus([tmp_path], errors.append)] == ["good_2020_y.txt"]
    assert "bad_2020_x.txt" in errors[0].path


def test_trend_table() -> None:
    lex = Lexicon.load(FIXTURE)
    docs = [
        Document("a.txt", 2018, "深化“放管服”改革，揭榜挂帅。"),
        Document("b.txt", 2019, "放管服，放管服。揭榜\n挂帅"),
        Document("c.txt", None, "放管服"),
    ]
    table = term_trends(docs, lex)
    assert table[0] == {
        "id": "fangguanfu",
        "canonical": "放管服",
        "category": "reform",
        "total": 4,
        "docs": 3,
        "2018": 1,
        "2019": 2,
        "unknown": 1,
    }
    assert table[1]["2019"] == 1 and table[1]["unknown"] == 0
