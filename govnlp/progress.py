"""Progress of a long run on stderr: a bar redrawn in place on a terminal, otherwise a
plain line every so many documents.

>>> import io
>>> log = io.StringIO()
>>> p = Progress(4, 400, log, every=2, clock=iter(range(10)).__next__)
>>> for _ in range(4):
...     p.advance(1000, 100)
>>> p.close()
>>> print(log.getvalue(), end="")
govnlp run: 2/4 documents (50%), 2,000 characters, 2.0 documents/s, ETA 0:00:01
govnlp run: 4/4 documents (100%), 4,000 characters, 2.0 documents/s, ETA 0:00:00
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Counts documents, characters and bytes against the totals known up front."""

    def __init__(
        self,
        total_documents: int,
        total_bytes: int,
        stream: TextIO,
        *,
        every: int = 1000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total_documents, self.total_bytes = total_documents, total_bytes
        self.stream, self.every, self.clock = stream, max(1, every), clock
        self.bar = stream.isatty()
        self.documents = self.chars = self.bytes = self.skipped_bytes = 0
        self.started = clock()
        self.drawn = self.started
        self.width = 0

    def advance(self, chars: int, size: int, *, skipped: bool = False) -> None:
        """One more document of ``chars`` characters and ``size`` bytes is done."""
        self.documents += 1
        self.chars += chars
        self.bytes += size
        if skipped:
            self.skipped_bytes += size
        if self.bar:
            now = self.clock()
            if now - self.drawn >= 0.2 or self.documents == self.total_documents:
                self.drawn = now
                self._draw(self._status(now))
        elif self.documents % self.every == 0 or self.documents == self.total_documents:
            self.stream.write(f"govnlp run: {self._status(self.clock())}\n")
            self.stream.flush()

    def message(self, text: str) -> None:
        """Print a line (an error) without breaking the bar."""
        if self.bar:
            self._draw("")
            self.stream.write("\r")
        self.stream.write(text + "\n")
        if self.bar:
            self._draw(self._status(self.clock()))

    def close(self) -> None:
        """End the bar's line."""
        if self.bar and self.width:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, status: str) -> None:
        self.stream.write("\r" + status.ljust(self.width))
        self.stream.flush()
        self.width = len(status)

    def _status(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        share = self.documents / self.total_documents if self.total_documents else 1.0
        worked = self.bytes - self.skipped_bytes
        left = self.total_bytes - self.bytes
        eta = left * elapsed / worked if worked else 0.0
        return (
            f"{self.documents:,}/{self.total_documents:,} documents ({share:.0%}), "
            f"{self.chars:,} characters, {self.documents / elapsed:,.1f} documents/s, "
            f"ETA {_clock(eta)}"
        )


def _clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
