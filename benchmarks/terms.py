"""The 5,000-term lexicon the matchers are compared on, and the peer matchers themselves.

The terms (``data/terms-5000.tsv``) are runs of 3-10 Han characters that stand alone between
non-Han characters in the benchmark sample (``corpus.txt``, read from ``../shared/corpus/docs``)
and occur in at least two of its documents, ranked by
document frequency: real phrases of this genre (比上年增长, 一带一路, 固定资产投资 ...), so the
match density is realistic. ``python -m benchmarks.terms`` regenerates the file.
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from pathlib import Path

from .corpus import sample_files

TERMS_FILE = Path(__file__).resolve().parent / "data" / "terms-5000.tsv"
Span = tuple[int, int]


def load_terms(path: Path = TERMS_FILE) -> list[str]:
    """The terms in rank order (``#`` lines are comments; the first other line is a header)."""
    rows = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return [ln.split("\t", 1)[0] for ln in rows[1:] if ln.strip()]


def regenerate(n: int = 5000) -> None:
    """Recompute ``data/terms-5000.tsv`` from the benchmark sample."""
    import regex

    df: collections.Counter[str] = collections.Counter()
    for p in sorted(sample_files()):
        text = p.read_text(encoding="utf-8")
        df.update(
            {m.group() for m in regex.finditer(r"(?<!\p{Han})\p{Han}{3,10}(?!\p{Han})", text)}
        )
    ranked = sorted(((c, t) for t, c in df.items() if c >= 2), key=lambda x: (-x[0], x[1]))[:n]
    head = TERMS_FILE.read_text(encoding="utf-8").splitlines()
    comments = [ln for ln in head if ln.startswith("#")]
    lines = [*comments, "term\tdocuments", *(f"{t}\t{c}" for c, t in ranked)]
    TERMS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def longest_leftmost(candidates: dict[int, int]) -> list[Span]:
    """From the longest match per start, keep non-overlapping spans greedily left to right."""
    out: list[Span] = []
    pos = 0
    for s in sorted(candidates):
        if s >= pos:
            e = candidates[s]
            out.append((s, e))
            pos = e
    return out


def ahocorasick_matcher(terms: list[str]) -> Callable[[str], list[Span]]:
    """pyahocorasick ``iter()`` plus a leftmost-longest filter (``iter_long()`` is buggy)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for t in terms:
        automaton.add_word(t, len(t))
    automaton.make_automaton()

    def find(text: str) -> list[Span]:
        best: dict[int, int] = {}
        for end, n in automaton.iter(text):
            s = end - n + 1
            if best.get(s, -1) <= end:
                best[s] = end + 1
        return longest_leftmost(best)

    return find


def ahocorasick_rs_matcher(terms: list[str]) -> Callable[[str], list[Span]]:
    """ahocorasick-rs with leftmost-longest matching, the engine of govnlp's fast extra."""
    import ahocorasick_rs

    automaton = ahocorasick_rs.AhoCorasick(
        terms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )

    def find(text: str) -> list[Span]:
        return [(s, e) for _, s, e in automaton.find_matches_as_indexes(text)]

    return find


def hanlp_trie_matcher(terms: list[str]) -> Callable[[str], list[Span]]:
    """hanlp_trie ``TrieDict.parse_longest``."""
    from hanlp_trie import TrieDict

    trie = TrieDict(dict.fromkeys(terms, True))

    def find(text: str) -> list[Span]:
        return [(s, e) for s, e, _ in trie.parse_longest(text)]

    return find


def regex_matcher(terms: list[str]) -> Callable[[str], list[Span]]:
    """One ``regex`` alternation, longest terms first (what a user might write first)."""
    import regex

    pattern = regex.compile("|".join(map(regex.escape, sorted(terms, key=len, reverse=True))))

    def find(text: str) -> list[Span]:
        return [m.span() for m in pattern.finditer(text)]

    return find


if __name__ == "__main__":
    regenerate()
    print(f"{TERMS_FILE}: {len(load_terms())} terms")
