"""The texts benchmarks run on: a folder of .txt files, its concatenations, adversarial inputs."""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "corpus"
SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"
GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold"


@dataclass(frozen=True)
class Corpus:
    """Documents read from one folder, in a fixed shuffled order (so prefixes are mixed)."""

    folder: Path
    names: tuple[str, ...]
    texts: tuple[str, ...]

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


def load_corpus(folder: Path, *, limit_chars: int | None = None) -> Corpus:
    """Every ``*.txt`` under ``folder`` (UTF-8, BOM allowed), shuffled with a fixed seed.

    With ``limit_chars``, only a prefix of that shuffled order (at least one document).
    """
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
    return Corpus(folder, tuple(names), tuple(texts))


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
