"""The bundled lexicon (lexicons/*.tsv): big enough, glossed, and every entry attested.

Each row's ``source`` must name a document of the benchmark sample (``benchmarks/corpus.txt``,
read from ``../shared/corpus/docs``) or of the seeds (``tests/data/seeds``), and the row's
surface, or another surface of the same concept, must occur in it (read through the same
normalization the matcher uses, so a term wrapped across lines still counts; skipped when
``../shared`` is absent).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from shared import SEEDS, sample_names, shared_docs

from govnlp.lexicon import Lexicon, bundled_files, normalize_for_matching

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not (ROOT / "lexicons" / "policy.tsv").exists(),
    reason="lexicons/policy.tsv is not in this checkout yet (curated on its own branch)",
)


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.load()


@cache
def document_view(name: str) -> str:
    folder = SEEDS if (SEEDS / name).is_file() else shared_docs()
    return normalize_for_matching((folder / name).read_text("utf-8"))[0]


def test_every_source_is_a_sample_document_or_a_seed(lex: Lexicon) -> None:
    known = {*sample_names(), *(p.name for p in SEEDS.glob("*.txt"))}
    missing = [f"{r.file}:{r.line}: {r.source}" for r in lex.rows if r.source not in known]
    assert not missing, "sources not in benchmarks/corpus.txt or the seeds:\n" + "\n".join(
        missing[:20]
    )


def test_bundled_files_are_found() -> None:
    assert "policy.tsv" in [f.name for f in bundled_files()]


def test_size_and_glosses(lex: Lexicon) -> None:
    assert len(lex) >= 500
    glossed = [c for c in lex.concepts.values() if c.gloss]
    assert len(glossed) >= 150
    assert len(lex.categories) >= 5


def test_every_entry_is_attested_in_its_source(lex: Lexicon) -> None:
    shared_docs()  # skip without ../shared/corpus
    keys = {row.surface: key for key, row in lex.match_forms().items()}
    unattested: list[str] = []
    for row in lex.rows:
        if not (SEEDS / row.source).is_file() and not (shared_docs() / row.source).is_file():
            unattested.append(f"{row.file}:{row.line}: {row.source} not in ../shared/corpus/docs")
            continue
        variants = [keys[s] for s in lex.concepts[row.id].surfaces]
        if not any(v in document_view(row.source) for v in variants):
            unattested.append(f"{row.file}:{row.line}: {row.surface} not in {row.source}")
    assert not unattested, "\n".join(unattested[:20])


def test_the_whole_lexicon_loads_fast(lex: Lexicon) -> None:
    import time

    start = time.perf_counter()
    fresh = Lexicon.load()
    fresh.find("预热")  # builds the automaton too
    elapsed = time.perf_counter() - start
    assert len(fresh) == len(lex)
    assert elapsed < 0.5  # measured well under 50 ms; generous here for shared CI machines
