"""The HanLP dictionary built offline with hanlp_trie (hanlp itself is never needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govnlp.lexicon import Lexicon

hanlp_trie = pytest.importorskip("hanlp_trie")

from govnlp.hanlp import install, to_trie  # noqa: E402

FIXTURE = Path(__file__).parent / "data" / "lexicon" / "fixture.tsv"
SEEDS = Path(__file__).parent / "data" / "seeds"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.load(FIXTURE)


def test_trie_matches_like_the_lexicon_on_clean_text(lex: Lexicon) -> None:
    trie = to_trie(lex)
    assert isinstance(trie, hanlp_trie.TrieDict)
    for path in sorted(SEEDS.glob("*.txt")):
        # one line without quotes or line breaks: both read the same text
        text = path.read_text("utf-8").replace("\n", "").replace("“", "").replace("”", "")
        spans = [(b, e) for b, e, _ in trie.tokenize(text)]
        assert spans == [(m.start, m.end) for m in lex.find_normalized(text)]
        assert spans, path.name


def test_trie_values_keep_the_text(lex: Lexicon) -> None:
    trie = to_trie(lex)
    assert trie.tokenize("实施高新技术企业倍增计划") == [(2, 12, True)]
    # HanLP rebuilds the text of a match from its value: True keeps the original
    assert trie.split("支持瞪羚企业") == ["支持", (2, 6, True)]
    with_quotes = to_trie(Lexicon.from_rows([("x", "“小巨人”企业", "小巨人企业", "concept")]))
    assert "“小巨人”企业" in with_quotes and "小巨人企业" in with_quotes


def test_install_into_a_tokenizer(lex: Lexicon) -> None:
    class Tokenizer:
        dict_force = None
        dict_combine = hanlp_trie.TrieDict({"新质生产力": True})

    tok = Tokenizer()
    install(tok, lex)
    assert "新质生产力" in tok.dict_combine and "揭榜挂帅" in tok.dict_combine
    install(tok, lex, mode="force")
    assert "揭榜挂帅" in tok.dict_force
    install(tok, lex, keep_existing=False)
    assert "新质生产力" not in tok.dict_combine
    with pytest.raises(TypeError, match="not a HanLP tokenizer"):
        install(object(), lex)
    with pytest.raises(ValueError, match="mode"):
        install(tok, lex, mode="merge")  # type: ignore[arg-type]


def test_importing_govnlp_hanlp_does_not_import_hanlp() -> None:
    code = "import govnlp.hanlp, sys; print('hanlp' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
