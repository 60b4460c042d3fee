"""The shared corpus beside the repository, and the audit excerpts cut from it.

Documents collected from public repositories are not committed: they live in
``../shared/corpus/docs`` (beside the repository root; ``GOVNLP_SHARED`` names another
``shared`` folder). Tests that need them call :func:`shared_docs` or :func:`load_audit`, which
skip with one reason when the folder is absent (a user's fresh clone).

An audit folder (``tests/data/audit``, ``audit2``, ``indicators_audit``, ``sections_audit``)
holds the project's annotations (``<name>.<task>.jsonl``) and ``SOURCES.tsv``, which names each
excerpt: ``source`` (a path under the shared folder), ``offsets`` (character spans into that
document, ``start-end``, several joined with ``,`` for an excerpt of several passages) and
``sha1`` (of the excerpt's UTF-8 text). Annotation offsets are relative to the excerpt, as
they were when the excerpts were files. Reading checks the hash and every annotated span.

Run as a script to write an audit folder's excerpts to a folder (e.g. to score them with
``../shared/tools/score.py``)::

    python tests/shared.py tests/data/sections_audit /tmp/sections_audit
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GOVNLP_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
DOCS = CORPUS / "docs"
SEEDS = ROOT / "tests" / "data" / "seeds"
SAMPLE_LIST = ROOT / "benchmarks" / "corpus.txt"

SKIP_REASON = (
    f"../shared/corpus not found beside the repository: {CORPUS} "
    "(set GOVNLP_SHARED to the folder holding corpus/docs)"
)


def have_shared() -> bool:
    """Whether the shared corpus is beside the repository."""
    return DOCS.is_dir()


needs_shared = pytest.mark.skipif(not have_shared(), reason=SKIP_REASON)
"""Mark for tests that read documents of the shared corpus."""


def shared_docs() -> Path:
    """``../shared/corpus/docs``, or skip the calling test."""
    if not have_shared():
        pytest.skip(SKIP_REASON)
    return DOCS


@cache
def shared_text(name: str) -> str:
    """The text of one shared document (UTF-8 bytes decoded as they are), or skip."""
    return (shared_docs() / name).read_bytes().decode("utf-8")


def sample_names() -> list[str]:
    """The benchmark sample: file names of ``../shared/corpus/docs`` (benchmarks/corpus.txt)."""
    lines = SAMPLE_LIST.read_text(encoding="utf-8").splitlines()
    return [n.strip() for n in lines if n.strip() and not n.startswith("#")]


class ExcerptError(AssertionError):
    """An excerpt or annotation that does not match the shared document it names."""


@dataclass(frozen=True)
class Excerpt:
    """One audit excerpt: the file name it had, where it is cut from, and its text."""

    name: str
    source: str
    spans: tuple[tuple[int, int], ...]
    sha1: str
    row: dict[str, str]

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".txt")


def parse_spans(field: str) -> tuple[tuple[int, int], ...]:
    """``"330-3936"`` or ``"0-1889,4376-4989"`` -> ((330, 3936),) or ((0, 1889), (4376, 4989))."""
    spans = []
    for part in field.split(","):
        start, _, end = part.partition("-")
        spans.append((int(start), int(end)))
    return tuple(spans)


def excerpts(folder: Path) -> list[Excerpt]:
    """The excerpts ``folder/SOURCES.tsv`` names, sorted by name (needs no shared corpus)."""
    path = folder / "SOURCES.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for line, row in enumerate(rows, start=2):
        try:
            spans = parse_spans(row["offsets"])
            out.append(Excerpt(row["file"], row["source"], spans, row["sha1"], row))
        except (KeyError, ValueError, TypeError) as e:
            raise ExcerptError(f"{path}:{line}: bad row ({e!r}): {row}") from None
    return sorted(out, key=lambda e: e.name)


def cut(excerpt: Excerpt, where: str = "") -> str:
    """The excerpt's text, cut from its shared document and checked against its sha1."""
    shared_docs()
    doc = SHARED / excerpt.source
    if not doc.is_file():
        raise ExcerptError(f"{where}{excerpt.name}: source {doc} does not exist")
    text = doc.read_bytes().decode("utf-8")
    for start, end in excerpt.spans:
        if not 0 <= start <= end <= len(text):
            raise ExcerptError(
                f"{where}{excerpt.name}: span {start}-{end} outside {excerpt.source}"
                f" ({len(text)} characters)"
            )
    piece = "".join(text[s:e] for s, e in excerpt.spans)
    digest = hashlib.sha1(piece.encode("utf-8")).hexdigest()
    if digest != excerpt.sha1:
        raise ExcerptError(
            f"{where}{excerpt.name}: {excerpt.source} characters {excerpt.row['offsets']} have"
            f" sha1 {digest}, SOURCES.tsv records {excerpt.sha1}: the shared document changed"
        )
    return piece


def check_rows(text: str, rows: list[dict[str, Any]], where: str) -> None:
    """Every annotated span names the excerpt's text at its offsets."""
    for i, row in enumerate(rows, start=1):
        if "end" in row and "text" in row:
            got = text[row["start"] : row["end"]]
            if got != row["text"]:
                raise ExcerptError(f"{where}:{i}: text {row['text']!r}, excerpt has {got!r}")
        elif "marker" in row and not text.startswith(row["marker"], row["start"]):
            got = text[row["start"] : row["start"] + len(row["marker"])]
            raise ExcerptError(f"{where}:{i}: marker {row['marker']!r}, excerpt has {got!r}")


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of an annotation file (JSON lines)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_audit(folder: Path, task: str) -> list[tuple[Excerpt, str, list[dict[str, Any]]]]:
    """(excerpt, text, annotation rows) of each excerpt with a ``<stem>.<task>.jsonl``, checked."""
    out = []
    for e in excerpts(folder):
        gold = folder / f"{e.stem}.{task}.jsonl"
        if not gold.is_file():
            continue
        text = cut(e, f"{folder / 'SOURCES.tsv'}: ")
        rows = read_rows(gold)
        check_rows(text, rows, str(gold))
        out.append((e, text, rows))
    return out


def excerpt_text(folder: Path, name: str) -> str:
    """The text of one excerpt of ``folder``, by its file name, checked."""
    (e,) = [e for e in excerpts(folder) if e.name == name]
    return cut(e, f"{folder / 'SOURCES.tsv'}: ")


def write_out(folder: Path, out: Path) -> int:
    """Write each excerpt of ``folder`` as ``out/<name>`` beside a copy of its annotations."""
    out.mkdir(parents=True, exist_ok=True)
    for e in excerpts(folder):
        (out / e.name).write_bytes(cut(e).encode("utf-8"))
        for gold in folder.glob(f"{e.stem}.*.jsonl"):
            shutil.copy(gold, out / gold.name)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: python {sys.argv[0]} AUDIT_FOLDER OUT_FOLDER")
    sys.exit(write_out(Path(sys.argv[1]), Path(sys.argv[2])))
