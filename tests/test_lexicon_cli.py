"""``govnlp terms`` and ``govnlp discover`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from govnlp.cli import main

DATA = Path(__file__).parent / "data"
FIXTURE = str(DATA / "lexicon" / "fixture.tsv")
SEED = DATA / "seeds" / "003_5c4221fe6f0a1c0c.txt"
CORPUS = str(DATA / "discover")


def run(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capfd.readouterr()
    return code, out, err


def test_terms_jsonl_points_into_each_file(capfd: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capfd, "terms", str(SEED), "--lexicon", FIXTURE)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    text = SEED.read_text("utf-8")
    assert len(rows) > 20
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["file"] == str(SEED)
    assert {"揭\n榜挂帅", "兴沈英才计划"} <= {r["text"] for r in rows}


def test_terms_category_filter_and_folder(capfd: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capfd,
        "terms",
        str(DATA / "seeds"),
        "--lexicon",
        FIXTURE,
        "--category",
        "program",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["category"] for r in rows} == {"program"}
    assert len({r["file"] for r in rows}) >= 2


def test_terms_stats_is_a_trend_table(capfd: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capfd, "terms", "--stats", CORPUS, "--lexicon", FIXTURE, "--format", "csv")
    assert code == 0
    rows = {r["canonical"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["放管服"]["total"] == "3"
    assert (rows["放管服"]["2017"], rows["放管服"]["2019"], rows["放管服"]["2020"]) == (
        "1",
        "0",
        "1",
    )


def test_unreadable_files_are_reported_and_the_rest_goes_on(
    capfd: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad_2020_x.txt"
    bad.write_bytes(b"\xff")
    code, out, err = run(capfd, "terms", "--stats", CORPUS, str(bad), "--lexicon", FIXTURE)
    assert code == 2
    assert "bad_2020_x.txt" in err and "neither UTF-8" in err  # read as every command reads
    assert "放管服" in out


def test_discover_writes_reviewable_tsv(capfd: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capfd, "discover", CORPUS, "--lexicon", FIXTURE, "--top", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("id\tsurface\tcanonical\tcategory\tscope\tregion\tfirst_year")
    assert [line.split("\t")[1] for line in lines[1:]] == ["一网通办", "乡村振兴战略", "一村一品"]
    code, out, _ = run(
        capfd, "discover", CORPUS, "--lexicon", FIXTURE, "--min-docs", "4", "--format", "jsonl"
    )
    assert [json.loads(line)["surface"] for line in out.splitlines()] == [
        "一网通办",
        "乡村振兴战略",
    ]


def test_a_bad_lexicon_is_an_error_naming_file_and_line(
    capfd: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "lex.tsv"
    bad.write_text("id\tsurface\n", "utf-8")
    code, _, err = run(capfd, "terms", str(SEED), "--lexicon", str(bad))
    assert code == 2
    assert f"{bad}:1:" in err
