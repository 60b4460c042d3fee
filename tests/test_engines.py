"""The matching engines: the same matches from each, and clear words for a wrong choice."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govnlp.engines
from govnlp import Lexicon, normalize
from govnlp.engines import ENGINES, available, build_engine, check_engine, default_engine

SEEDS = Path(__file__).parent / "data" / "seeds"
INSTALLED = available()
both = pytest.mark.skipif(len(INSTALLED) < 2, reason="needs both engines (the test extra)")


def test_the_fastest_installed_engine_is_the_default() -> None:
    assert "pyahocorasick" in INSTALLED  # a core dependency
    assert default_engine() == INSTALLED[0] == next(e for e in ENGINES if e in INSTALLED)
    assert Lexicon.default().engine == default_engine()


def test_a_wrong_engine_is_refused_with_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="unknown engine 'aho': choose one of ahocorasick-rs"):
        check_engine("aho")
    monkeypatch.setattr(govnlp.engines, "available", lambda: ("pyahocorasick",))
    with pytest.raises(ValueError, match=r"not installed \(pip install 'govnlp\[fast\]'\)"):
        Lexicon.default().using("ahocorasick-rs")


@pytest.mark.parametrize("name", INSTALLED)
def test_using_an_engine_leaves_the_lexicon_it_came_from(name: str) -> None:
    lex = Lexicon.from_rows([("s", "双碳", "双碳", "slogan")])
    before = lex.engine
    other = lex.using(name)
    assert other.engine == name and lex.engine == before
    assert [m.text for m in other.find("实现“双碳”目标")] == ["双碳"]
    assert other.concepts == lex.concepts and len(other) == len(lex)


@pytest.mark.parametrize("name", INSTALLED)
def test_a_lexicon_that_has_matched_pickles(name: str) -> None:
    lex = Lexicon.default().using(name)
    text = "深化“放管服”改革，实施“揭榜挂帅”"
    found = lex.find(text)
    again = pickle.loads(pickle.dumps(lex))
    assert again.engine == name and again.find(text) == found and len(found) == 2


@both
def test_engines_agree_on_the_seeds_with_the_bundled_lexicon() -> None:
    lexicons = [Lexicon.default().using(name) for name in INSTALLED]
    total = 0
    for path in sorted(SEEDS.glob("*.txt")):
        n = normalize(path.read_text("utf-8"))
        first, *rest = [lex.find_in(n) for lex in lexicons]
        assert all(r == first for r in rest), path.name
        spans = [lex.spans_normalized(n.text) for lex in lexicons]
        assert all(s == spans[0] for s in spans), path.name
        total += len(first)
    assert total > 100


@both
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("甲乙丙丁“”", min_size=1, max_size=5), min_size=1, max_size=12),
    st.text(st.sampled_from(list("甲乙丙丁“”\n a𠮷\ud800")), max_size=60),
)
def test_engines_agree_on_any_text(keys: list[str], text: str) -> None:
    rows = [(f"t{i}", k, k, "slogan") for i, k in enumerate(dict.fromkeys(keys)) if k.strip("“”")]
    try:
        lex = Lexicon.from_rows(rows)
    except ValueError:  # two keys the same once quote marks are dropped
        return
    results = [lex.using(name).find_normalized(text) for name in INSTALLED]
    assert all(r == results[0] for r in results)


@pytest.mark.parametrize("name", INSTALLED)
def test_an_engine_with_no_keys_finds_nothing(name: str) -> None:
    assert build_engine(name, []).spans("甲乙", [(0, 1)]) == ([], [], [])
