"""The benchmark runner works on a tiny folder in --quick mode, and its parts are right."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `benchmarks` is not installed: plain `pytest` needs the root
    sys.path.insert(0, str(ROOT))

from benchmarks import accuracy  # noqa: E402
from benchmarks.__main__ import main  # noqa: E402
from benchmarks.corpus import SAMPLE_LIST, adversarial, load_corpus, sample_names  # noqa: E402
from benchmarks.subjects import Subject, Unavailable  # noqa: E402
from benchmarks.terms import (  # noqa: E402
    ahocorasick_matcher,
    load_terms,
    longest_leftmost,
    regex_matcher,
)

SEEDS = Path(__file__).parent / "data" / "seeds"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    seed = next(iter(sorted(SEEDS.glob("*.txt")))).read_text(encoding="utf-8")
    (folder / "a.txt").write_text(seed[:3000], encoding="utf-8")
    (folder / "b.txt").write_text(
        "全年完成投资215.5亿元，同比增长20.54%，新增企业1.5万家。\n" * 20, encoding="utf-8"
    )
    return folder


def test_quick_run_writes_a_report(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report" / "benchmarks.md"
    monkeypatch.chdir(tiny.parent)  # the folder as a user types it, relative
    assert main([tiny.name, "--quick", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    # the fresh interpreters (start-up, memory) run elsewhere and still find the folder
    assert "- Memory (pipeline, fresh interpreter)" in text and "failed" not in text
    for heading in (
        "## Targets",
        "## Throughput",
        "## Scaling",
        "## Accuracy on the development gold",
    ):
        assert heading in text
    assert "`import govnlp`" in text
    assert "2 documents" in text
    # every govnlp capability is either measured or reported as not available
    for key in (
        "govnlp.normalize",
        "govnlp.segment",
        "govnlp.extract_quantities",
        "govnlp.pipeline",
    ):
        row = next(ln for ln in text.splitlines() if ln.startswith(f"| `{key}`"))
        assert "chars/s" not in row
        assert "**" in row or "not available" in row or "failed" in row
    pytest.importorskip("matplotlib")
    assert out.with_suffix(".png").stat().st_size > 1000


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main([str(tmp_path / "nope"), "--quick"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(SystemExit):
        load_corpus(tmp_path / "empty")


def test_a_list_of_names_chooses_the_documents(tiny: Path, tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("# the sample\nb.txt\n\n", encoding="utf-8")
    corpus = load_corpus(tiny, names_file=names)
    assert corpus.names == ("b.txt",) and corpus.names_file == names
    names.write_text("b.txt\nc.txt\n", encoding="utf-8")
    with pytest.raises(
        SystemExit, match=r"1 of the 2 documents named in .* missing \(first: c.txt\)"
    ):
        load_corpus(tiny, names_file=names)


def test_without_a_folder_the_sample_comes_from_the_shared_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GOVNLP_SHARED", str(tmp_path / "nowhere"))
    with pytest.raises(SystemExit):
        main(["--quick"])
    assert "../shared/corpus not found beside the repository" in capsys.readouterr().err


def test_the_sample_list_names_163_shared_documents() -> None:
    from shared import shared_docs

    names = sample_names()
    assert len(names) == len(set(names)) == 163 and SAMPLE_LIST.name == "corpus.txt"
    docs = shared_docs()  # skip without ../shared/corpus
    assert [n for n in names if not (docs / n).is_file()] == []


def test_missing_capability_is_unavailable_not_an_error() -> None:
    def make() -> None:
        raise AttributeError("module 'govnlp' has no attribute 'nothing'")

    with pytest.raises(Unavailable, match="not available"):
        Subject("govnlp.nothing", "govnlp", "x", make).build()  # type: ignore[arg-type]


def test_adversarial_inputs_have_the_size_asked() -> None:
    inputs = adversarial(1000, "正文第一行。\n第二行。" * 200)
    assert set(inputs) >= {"digits 0-9", "一 repeated", "（ repeated", "1.1.1. repeated"}
    assert all(len(t) == 1000 for t in inputs.values())
    assert "\n" not in inputs["one line, no newline"]


def test_scoring_follows_score_py() -> None:
    gold = accuracy.load_gold()
    assert len(gold) == 5

    def perfect(text: str) -> list[dict[str, object]]:
        return next(rows for t, rows in gold.values() if t == text)

    s = accuracy.score(gold, perfect)
    assert s.precision == s.recall == 1.0 and s.span_f1 == 1.0
    assert s.strict_gold_kind == s.gold_kind

    def shifted(text: str) -> list[dict[str, object]]:  # right values, spans one char longer
        return [{**g, "end": g["end"] + 1} for g in perfect(text)]

    s = accuracy.score(gold, shifted)
    assert s.strict == 0 and s.value_found == s.gold

    def wrong_unit(text: str) -> list[dict[str, object]]:
        return [{**g, "unit": "斤", "implied_unit": None} for g in perfect(text)]

    s = accuracy.score(gold, wrong_unit)
    assert s.span == s.gold and s.strict == 0


def test_peer_adapters_write_the_gold_format() -> None:
    p = accuracy.pred(" 共215.5亿元 ", 0, 9, "21550000000", "元", "money")
    assert p is not None and (p["start"], p["end"], p["text"]) == (1, 9, "共215.5亿元")
    assert accuracy.pred("abc", 0, 3, "not a number", "", "number") is None
    json.dumps(p)


def test_lexicon_peers_agree_on_longest_leftmost() -> None:
    terms = ["知识产权", "国家知识产权局", "产权局长", *load_terms()[:500]]
    text = "强化国家知识产权局和知识产权保护，比上年增长，各位代表请予审议。" * 3
    expected = [(2, 9), (10, 14)]
    aho = ahocorasick_matcher(terms)(text)
    assert aho[:2] == expected
    assert regex_matcher(terms)(text) == aho
    assert longest_leftmost({0: 3, 1: 2, 3: 5}) == [(0, 3), (3, 5)]
    hanlp_trie = pytest.importorskip("hanlp_trie")
    assert hanlp_trie is not None
    from benchmarks.terms import hanlp_trie_matcher

    assert hanlp_trie_matcher(terms)(text) == aho
    pytest.importorskip("ahocorasick_rs")
    from benchmarks.terms import ahocorasick_rs_matcher

    assert ahocorasick_rs_matcher(terms)(text) == aho
