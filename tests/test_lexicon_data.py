"""The bundled lexicon (lexicons/*.tsv): big enough, glossed, and every entry attested.

Each row's ``source`` must be a document of the bundled corpus sample
(``benchmarks/corpus``) or of the seeds (``tests/data/seeds``), and the row's surface, or
another surface of the same concept, must occur in it (read through the same
normalization the matcher uses, so a term wrapped across lines still counts).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from govnlp.lexicon import Lexicon, bundled_files, normalize_for_matching

ROOT = Path(__file__).resolve().parent.parent
DOCS = (ROOT / "benchmarks" / "corpus", ROOT / "tests" / "data" / "seeds")

pytestmark = pytest.mark.skipif(
    not (ROOT / "lexicons" / "policy.tsv").exists(),
    reason="lexicons/policy.tsv is not in this checkout yet (curated on its own branch)",
)


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.load()


@cache
def document_view(name: str) -> str | None:
    for folder in DOCS:
        path = folder / name
        if path.is_file():
            return normalize_for_matching(path.read_text("utf-8"))[0]
    return None


def test_bundled_files_are_found() -> None:
    assert "policy.tsv" in [f.name for f in bundled_files()]


def test_size_and_glosses(lex: Lexicon) -> None:
    assert len(lex) >= 500
    glossed = [c for c in lex.concepts.values() if c.gloss]
    assert len(glossed) >= 150
    assert len(lex.categories) >= 5


def test_every_entry_is_attested_in_its_source(lex: Lexicon) -> None:
    keys = {row.surface: key for key, row in lex.match_forms().items()}
    missing_doc: list[str] = []
    unattested: list[str] = []
    for row in lex.rows:
        view = document_view(row.source)
        if view is None:
            missing_doc.append(f"{row.file}:{row.line}: {row.source}")
            continue
        variants = [keys[s] for s in lex.concepts[row.id].surfaces]
        if not any(v in view for v in variants):
            unattested.append(f"{row.file}:{row.line}: {row.surface} not in {row.source}")
    assert not missing_doc, "sources not in benchmarks/corpus or the seeds:\n" + "\n".join(
        missing_doc[:20]
    )
    assert not unattested, "\n".join(unattested[:20])


def test_the_whole_lexicon_loads_fast(lex: Lexicon) -> None:
    import time

    start = time.perf_counter()
    fresh = Lexicon.load()
    fresh.find("预热")  # builds the automaton too
    elapsed = time.perf_counter() - start
    assert len(fresh) == len(lex)
    assert elapsed < 0.5  # measured well under 50 ms; generous here for shared CI machines
