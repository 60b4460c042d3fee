"""The texts benchmarks run on: a folder of .txt files, its concatenations, adversarial inputs.

The default corpus is the benchmark sample: the documents ``corpus.txt`` names (one file name a
line), read from ``../shared/corpus/docs`` beside the repository (``GOVNLP_SHARED`` names another
``shared`` folder). The repository keeps no copy of them. The sample: 163 documents (2.9 M
characters) chosen by stratified sampling over type × level × decade × source (work reports,
communiqués, notices, plans and regulations from 1954 to 2026), plus 25 work reports (mostly
municipal, 1995–2026) so that local policy-lexicon entries have an attestation in it; titles,
years and upstream sources are in ``../shared/corpus/MANIFEST.tsv``.
"""

from __future__ import annotations

import os
import random
import statistics
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_LIST = Path(__file__).resolve().parent / "corpus.txt"
SEEDS = ROOT / "tests" / "data" / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"


def shared_docs() -> Path:
    """``../shared/corpus/docs`` beside the repository, or under ``$GOVNLP_SHARED``."""
    return Path(os.environ.get("GOVNLP_SHARED") or ROOT.parent / "shared") / "corpus" / "docs"


def sample_names(path: Path = SAMPLE_LIST) -> tuple[str, ...]:
    """The file names a list names (blank lines and ``#`` comments skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(n.strip() for n in lines if n.strip() and not n.startswith("#"))


def sample_files(folder: Path | None = None, names: Path = SAMPLE_LIST) -> list[Path]:
    """The files of ``folder`` (default: the shared docs) that ``names`` lists; all must exist."""
    folder = shared_docs() if folder is None else folder
    files = [folder / n for n in sample_names(names)]
    missing = [p.name for p in files if not p.is_file()]
    if missing:
        raise SystemExit(
            f"{folder}: {len(missing)} of the {len(files)} documents named in {names} are"
            f" missing (first: {missing[0]})"
        )
    return files


@dataclass(frozen=True)
class Corpus:
    """Documents read from one folder, in a fixed shuffled order (so prefixes are mixed)."""

    folder: Path
    names: tuple[str, ...]
    texts: tuple[str, ...]
    names_file: Path | None = None  # the list the documents were chosen by, if any

    @property
    def chars(self) -> int:
        """Total characters."""
        return sum(map(len, self.texts))

    def reference_document(self) -> str:
        """A prose document of typical size: the one nearest the median length (≥ 2,000 chars)."""
        sized = [t for t in self.texts if len(t) >= 2000] or list(self.texts)
        med = statistics.median(len(t) for t in sized)
        return min(sized, key=lambda t: (abs(len(t) - med), t))

    def prose(self, size: int) -> str:
        """``size`` characters of the corpus joined by newlines (repeated if it is smaller)."""
        joined = "\n".join(self.texts)
        reps = size // max(len(joined), 1) + 1
        return ("\n".join([joined] * reps))[:size]


def load_corpus(
    folder: Path, *, limit_chars: int | None = None, names_file: Path | None = None
) -> Corpus:
    """Every ``*.txt`` under ``folder`` (UTF-8, BOM allowed), shuffled with a fixed seed.

    With ``names_file``, only the files it names (see :func:`sample_files`). With
    ``limit_chars``, only a prefix of that shuffled order (at least one document).
    """
    if names_file is not None:
        files = sorted(sample_files(folder, names_file))
    else:
        files = sorted(p for p in folder.rglob("*.txt") if p.is_file())
    if not files:
        raise SystemExit(f"{folder}: no .txt files")
    random.Random(20261122).shuffle(files)
    names: list[str] = []
    texts: list[str] = []
    total = 0
    for p in files:
        text = p.read_bytes().decode("utf-8-sig", errors="replace")
        if not text.strip():
            continue
        if limit_chars is not None and texts and total + len(text) > limit_chars:
            break
        names.append(str(p.relative_to(folder)))
        texts.append(text)
        total += len(text)
    return Corpus(folder, tuple(names), tuple(texts), names_file)


def adversarial(size: int, prose: str) -> dict[str, str]:
    """Inputs built to trip scanners, each ``size`` characters long.

    ``prose`` (at least ``size`` chars of ordinary text) gives the one-line input its characters.
    """
    one_line = prose.replace("\r", "").replace("\n", "")
    while len(one_line) < size:
        one_line += one_line
    return {
        "digits 0-9": ("0123456789" * (size // 10 + 1))[:size],
        "一 repeated": "一" * size,
        "（ repeated": "（" * size,
        "1.1.1. repeated": ("1.1.1." * (size // 6 + 1))[:size],
        "one line, no newline": one_line[:size],
    }
