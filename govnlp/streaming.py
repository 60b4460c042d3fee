"""Reading a large document in bounded pieces, with the same results as a whole read.

A file larger than :data:`STREAM_BYTES` is decoded incrementally and cut into *windows*:
each window owns a stretch of about :data:`CHUNK_CHARS` characters, ending at a paragraph
break where there is one, and also holds :data:`OVERLAP_CHARS` of context on both sides,
plus the document's first lines (its title, which names the year it reports on). A reader
runs on the window and keeps only the results that start in the stretch the window owns,
moved to document offsets; so memory stays bounded by the window, not by the document.

Capabilities whose results depend only on nearby text (quantities, terms) read the same
in a window as in the whole document; the outline and the indicator table depend on the
whole document and are not streamed. One document-wide judgement is made per window
rather than once: whether the text is hard-wrapped (which lines normalization joins).

>>> text = "2022年统计公报\\n" + "".join(f"第{i}段：增长{i}%。\\n\\n" for i in range(1, 501))
>>> from govnlp.quantities import extract_quantities
>>> whole = extract_quantities(text)
>>> pieces = list(windows_of([text], chunk_chars=2_000, overlap_chars=300))
>>> len(pieces)
4
>>> streamed = [q for w in pieces for q in w.keep(extract_quantities(w.text))]
>>> [(q.start, q.end) for q in streamed] == [(q.start, q.end) for q in whole]
True
"""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from .errors import InputError
from .inputs import _BOMS, _gb18030_or_none

__all__ = [
    "CHUNK_CHARS",
    "OVERLAP_CHARS",
    "STREAM_BYTES",
    "Window",
    "iter_decoded",
    "read_in_windows",
    "whole_wrap_width",
    "windows_of",
]

STREAM_BYTES = 16 * 1024 * 1024
"""Files larger than this are read in windows by the commands that can (quantities, terms)."""

CHUNK_CHARS = 1_000_000
"""About how many characters each window owns."""

OVERLAP_CHARS = 10_000
"""Context on each side of the owned stretch: far more than any reader looks around."""

HEAD_CHARS = 2_000
"""The document's first characters (its title) that every window starts with."""

BLOCK_BYTES = 1 << 20

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Window:
    """A piece of a document to read: ``text``, whose characters from ``keep_start`` to
    ``keep_end`` are the window's own; window index ``i`` is document offset ``i + delta``."""

    text: str
    keep_start: int
    keep_end: int
    delta: int

    def keep(self, results: Iterable[R]) -> list[R]:
        """The results that start in the window's own stretch, with document offsets."""
        lo, hi, d = self.keep_start, self.keep_end, self.delta
        kept: list[R] = []
        for r in results:
            start: int = r.start  # type: ignore[attr-defined]
            if lo <= start < hi:
                kept.append(_moved(r, d) if d else r)
        return kept


def _moved(r: Any, delta: int) -> Any:
    return replace(r, start=r.start + delta, end=r.end + delta)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n")


def _cut(buffer: str, at: int, limit: int) -> int:
    """Where the owned stretch ends: the first paragraph break at or after ``at`` (before
    ``limit``), else a line end, else a sentence end, else ``at``."""
    m = _PARAGRAPH_BREAK.search(buffer, at, limit)
    if m:
        return m.end()
    for sep in ("\n", "。"):
        i = buffer.find(sep, at, limit)
        if i >= 0:
            return i + 1
    return at


def windows_of(
    parts: Iterable[str],
    *,
    chunk_chars: int = CHUNK_CHARS,
    overlap_chars: int = OVERLAP_CHARS,
    head_chars: int = HEAD_CHARS,
) -> Iterator[Window]:
    """Cut a document given as consecutive ``parts`` (decoded blocks) into windows."""
    buffer = ""
    base = 0  # document offset of buffer[0]
    own = 0  # document offset where the next owned stretch starts
    head: str | None = None
    parts_left = iter(parts)
    done = False
    while True:
        # fill the buffer to the end of the next stretch and its context after it
        while not done and base + len(buffer) < own + chunk_chars + 2 * overlap_chars:
            part = next(parts_left, None)
            if part is None:
                done = True
            else:
                buffer += part
        if head is None:
            head = _head(buffer, head_chars)
        end_of_text = base + len(buffer)
        if own >= end_of_text and (own > 0 or end_of_text > 0):
            return
        if done and end_of_text - own <= chunk_chars + overlap_chars:
            own_end = end_of_text
        else:
            at = own + chunk_chars - base
            own_end = base + _cut(buffer, at, at + overlap_chars // 2)
        start = max(base, own - overlap_chars)
        stop = min(end_of_text, own_end + overlap_chars)
        context = buffer[start - base : stop - base]
        if start == 0:
            yield Window(context, own - start, own_end - start, start)
        else:
            prefix = head + "\n\n"
            text = prefix + context
            yield Window(
                text, len(prefix) + own - start, len(prefix) + own_end - start, start - len(prefix)
            )
        if own_end >= end_of_text and done:
            return
        own = own_end
        drop = max(0, own - overlap_chars - base)
        buffer = buffer[drop:]
        base += drop


def _head(buffer: str, head_chars: int) -> str:
    """The document's first lines, up to ``head_chars`` (cut at a line end if there is one)."""
    head = buffer[:head_chars]
    cut = head.rfind("\n")
    return head[:cut] if cut > 0 else head


def iter_decoded(
    path: str | os.PathLike[str],
    *,
    block_bytes: int = BLOCK_BYTES,
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """A file's text in decoded blocks, read as :func:`govnlp.inputs.decode_guess` reads
    (UTF-8, UTF-16/32 with a BOM, GBK/GB18030 Chinese decided on the first block).

    Raises :class:`InputError` naming the file and the byte offset for an empty file,
    binary data (a NUL byte) or bytes that do not decode.
    """
    name = os.fspath(path)
    try:
        f = open(name, "rb")  # noqa: SIM115
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror or e}") from None
    with f:
        first = f.read(block_bytes)
        if not first:
            raise InputError(name, "empty file")
        encoding = next((enc for bom, enc in _BOMS if first.startswith(bom)), None)
        if encoding is None:
            encoding = "utf-8"
            try:
                codecs.getincrementaldecoder("utf-8")().decode(first)
            except UnicodeDecodeError as e:
                if e.start < len(first) - 4 and _gb18030_or_none(first[: e.start + 4096]):
                    encoding = "gb18030"
        decoder = codecs.getincrementaldecoder(encoding)()
        offset = 0
        block = first
        while block:
            if encoding in ("utf-8", "gb18030"):
                nul = block.find(b"\x00")
                if nul >= 0:
                    raise InputError(name, "binary data (NUL byte), not text", offset=offset + nul)
            pending = len(decoder.getstate()[0])  # bytes of the last block not decoded yet
            try:
                yield decoder.decode(block)
            except UnicodeDecodeError as e:
                what = (
                    "neither UTF-8 ({}) nor GB18030 Chinese text"
                    if encoding == "utf-8"
                    else (f"not valid {encoding.upper()} ({{}})")
                )
                raise InputError(
                    name, what.format(e.reason), offset=offset - pending + max(e.start, 0)
                ) from None
            offset += len(block)
            if on_bytes is not None:
                on_bytes(offset)
            block = f.read(block_bytes)
        try:
            tail = decoder.decode(b"", final=True)
        except UnicodeDecodeError as e:
            raise InputError(
                name, f"truncated {encoding} text ({e.reason})", offset=offset
            ) from None
        if tail:
            yield tail


def read_in_windows(
    path: str | os.PathLike[str],
    read: Callable[[str], Sequence[R]],
    *,
    on_bytes: Callable[[int], None] | None = None,
    chunk_chars: int | None = None,
    overlap_chars: int | None = None,
) -> Iterator[R]:
    """``read`` over a large file, window by window: the results in document order, with
    document offsets. ``on_bytes(n)`` hears how far the reading has come, in bytes of the
    file (two passes: the first, a third of the work, measures the lines; see
    :func:`whole_wrap_width`)."""
    from .normalize import FORCED_WRAP_WIDTH, _normalize

    chunk = chunk_chars or CHUNK_CHARS
    overlap = overlap_chars or OVERLAP_CHARS
    total = os.stat(path).st_size

    def first(n: int) -> None:
        if on_bytes is not None:
            on_bytes(n // 3)

    def second(n: int) -> None:
        if on_bytes is not None:
            on_bytes(total // 3 + (n - n // 3))

    width = whole_wrap_width(
        windows_of(
            iter_decoded(path, on_bytes=first, block_bytes=BLOCK_BYTES),
            chunk_chars=chunk,
            overlap_chars=overlap,
        )
    )
    parts = iter_decoded(path, on_bytes=second, block_bytes=BLOCK_BYTES)
    for w in windows_of(parts, chunk_chars=chunk, overlap_chars=overlap):
        _normalize.cache_clear()  # the cache would keep the last windows alive
        token = FORCED_WRAP_WIDTH.set((width,))
        try:
            yield from w.keep(read(w.text))
        finally:
            FORCED_WRAP_WIDTH.reset(token)
    _normalize.cache_clear()


def whole_wrap_width(windows: Iterable[Window]) -> int | None:
    """The wrap width a whole read would find (:func:`govnlp.normalize.wrap_width` of the
    text as normalization has it before joining lines), from the lines each window owns.

    >>> page = "促进成果转化是科技创新工作\\n的出发点和落脚点。近年来\\n"
    >>> whole_wrap_width(windows_of([page * 20], chunk_chars=100, overlap_chars=40))
    26
    """
    from .normalize import NormalizeConfig, _normalize, line_widths, wrap_width_of

    unjoined = NormalizeConfig(join_broken_lines=False)
    counts: Counter[int] = Counter()
    for w in windows:
        n = _normalize(w.text, unjoined)
        start, end = n.to_clean(w.keep_start, w.keep_end)
        counts.update(line_widths(n.text[start:end].split("\n")))
        _normalize.cache_clear()
    return wrap_width_of(counts)
