"""No file of the repository holds a document of ``../shared/corpus/docs``, whole or in part.

Documents collected from public repositories are kept in ``../shared`` only (issue 13); the
repository names them (``benchmarks/corpus.txt``, the audits' ``SOURCES.tsv``, the lexicon's
``source`` column). Compared with white space removed (so a re-wrapped or CRLF copy counts):
a tracked file whose whole text is a shared document's, or that holds a run of at least
``MIN_RUN`` characters of one verbatim. The seeds (the project's own origin) are exempt.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections import defaultdict

import pytest
from shared import DOCS, ROOT, needs_shared

MIN_RUN = 200  # characters (white space removed) of a shared document that no file may hold
K = MIN_RUN // 2  # a run of >= 2K - 1 characters holds one of the K-grams taken every K chars
EXEMPT = ("tests/data/seeds/", "samples/")
_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """The text without white space and BOM: ``"一、 总体\\r\\n情况"`` -> ``"一、总体情况"``."""
    return _SPACE.sub("", text.replace("\ufeff", ""))


def tracked_texts() -> dict[str, str]:
    """The text of every tracked file that decodes as UTF-8, seeds excepted."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        pytest.skip(f"not a git checkout ({e})")
    texts = {}
    for name in out.decode("utf-8").split("\0"):
        path = ROOT / name
        if not name or name.startswith(EXEMPT) or not path.is_file():
            continue
        try:
            texts[name] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # an image
    return texts


def shared_texts() -> dict[str, str]:
    """Every shared document, squeezed."""
    return {
        p.name: squeeze(p.read_bytes().decode("utf-8", errors="replace"))
        for p in sorted(DOCS.glob("*.txt"))
    }


def longest_runs(
    text: str, docs: dict[str, str], index: dict[str, list[tuple[str, int]]]
) -> list[tuple[int, str, int]]:
    """(length, document, offset in ``text``) of each run of ``text`` that a document holds,
    found through the K-grams the runs contain (runs of >= 2K - 1 characters are all found)."""
    runs = []
    i = 0
    while i + K <= len(text):
        hits = index.get(text[i : i + K])
        if not hits:
            i += 1
            continue
        best = (0, "", i)
        for name, j in hits:
            doc = docs[name]
            a, b = i, j
            while a > 0 and b > 0 and text[a - 1] == doc[b - 1]:
                a, b = a - 1, b - 1
            n = i + K - a
            while a + n < len(text) and b + n < len(doc) and text[a + n] == doc[b + n]:
                n += 1
            best = max(best, (n, name, a))
        runs.append(best)
        i = best[2] + best[0]
    return runs


@needs_shared
def test_no_tracked_file_holds_a_shared_document() -> None:
    docs = shared_texts()
    whole = {hashlib.sha1(t.encode()).hexdigest(): name for name, t in docs.items()}
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name, t in docs.items():
        for j in range(0, len(t) - K + 1, K):
            index[t[j : j + K]].append((name, j))
    found = []
    for path, raw in tracked_texts().items():
        text = squeeze(raw)
        same = whole.get(hashlib.sha1(text.encode()).hexdigest())
        if same:
            found.append(f"{path}: the whole text of ../shared/corpus/docs/{same}")
            continue
        for n, name, at in longest_runs(text, docs, index):
            if n >= MIN_RUN:
                found.append(f"{path}: {n} characters of {name} verbatim: {text[at : at + 20]}…")
    assert not found, "copies of shared documents (name them by file instead):\n" + "\n".join(found)


def test_the_guard_finds_a_copy_and_an_excerpt() -> None:
    docs = {"a.txt": squeeze("第一章 总则\n" + "本条例适用于本市行政区域内的城镇管理活动。" * 30)}
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for j in range(0, len(docs["a.txt"]) - K + 1, K):
        index[docs["a.txt"][j : j + K]].append(("a.txt", j))
    excerpt = "x" * 7 + docs["a.txt"][13 : 13 + MIN_RUN] + "y"
    assert [(n, at) for n, _, at in longest_runs(excerpt, docs, index)] == [(MIN_RUN, 7)]
    assert longest_runs(docs["a.txt"][:150] + "z", docs, index)[0][0] == 150
    assert longest_runs("no copy here" * 40, docs, index) == []
