"""Reading documents from disk with errors that name the file and the place.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> p = os.path.join(d, "bad.txt")
>>> _ = open(p, "wb").write("技术合同".encode() + b"\\xff\\xfe")
>>> try:
...     read_text(p)
... except InputError as e:
...     print(str(e).replace(d, "…"))
…/bad.txt: not valid UTF-8 (invalid start byte) at byte 12
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

__all__ = ["MAX_BYTES", "decode", "read_text"]

MAX_BYTES = 256 * 1024 * 1024
"""Files larger than this are refused rather than read into memory."""


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode a document's bytes as UTF-8 (a BOM is kept as U+FEFF, one character).

    Raises :class:`InputError` naming ``name`` and the byte offset for binary data
    (a NUL byte) or bytes that are not UTF-8.

    >>> decode("394.28亿元".encode())
    '394.28亿元'
    >>> decode(b"PK\\x03\\x04\\x00\\x00", "a.zip")
    Traceback (most recent call last):
    ...
    govnlp.errors.InputError: a.zip: binary data (NUL byte), not text at byte 4
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(name, "binary data (NUL byte), not text", offset=nul)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(name, f"not valid UTF-8 ({e.reason})", offset=e.start) from None


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 document exactly (no newline translation); ``-`` is not handled here.

    An empty file gives ``""``. Unreadable, oversized, binary or non-UTF-8 files raise
    :class:`InputError` naming the file (and the byte offset where it applies).
    """
    name = os.fspath(path)
    p = Path(name)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror or e}") from None
    if size > max_bytes:
        raise InputError(name, f"too large ({size} bytes; the limit is {max_bytes})")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror or e}") from None
    return decode(data, name)
