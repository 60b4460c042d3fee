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

__all__ = ["MAX_BYTES", "decode", "decode_guess", "read_bytes", "read_document", "read_text"]

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


_TEXT_CONTROLS = b"\t\n\v\f\r\x1a\x1b"
_NOT_CONTROLS = bytes(b for b in range(256) if not (b < 0x20 or b == 0x7F) or b in _TEXT_CONTROLS)
"""Deleting these from a document's bytes leaves its control characters (in UTF-8 and in
GB18030 no byte below 0x30 occurs inside a multi-byte character)."""
_MAX_CONTROL_SHARE = 0.01
_MIN_HAN_SHARE = 0.5
_MIN_GB2312_SHARE = 0.95


def read_document(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """Read a document the way every govnlp command does: UTF-8 (a BOM kept as U+FEFF),
    UTF-16/UTF-32 with a BOM, or GBK/GB18030 Chinese (see :func:`decode_guess`).

    Empty, unreadable, oversized, binary and undecodable files raise :class:`InputError`
    naming the file (and the byte offset where it applies).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.txt")
    >>> _ = open(p, "wb").write("技术合同成交额".encode("gbk"))
    >>> read_document(p)
    '技术合同成交额'
    """
    return decode_guess(read_bytes(path, max_bytes=max_bytes), os.fspath(path))[0]


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> bytes:
    """A document's bytes; unreadable or oversized files raise :class:`InputError`.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.txt")
    >>> _ = open(p, "wb").write(b"abc")
    >>> read_bytes(p)
    b'abc'
    >>> read_bytes(p, max_bytes=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govnlp.errors.InputError: .../a.txt: too large (3 bytes; the limit is 2)
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise InputError(name, f"too large ({size} bytes; the limit is {max_bytes})")
            return f.read(max_bytes + 1)
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror or e}") from None


def decode_guess(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a document as UTF-8, or else as GB18030 when that reads as Chinese text.

    Returns ``(text, encoding)`` with ``encoding`` ``"utf-8"`` or ``"gb18030"`` (which
    covers GBK and GB2312). GB18030 decodes almost any byte soup, so it is accepted only
    when it decodes strictly, at least half of the non-ASCII characters are Han
    ideographs and nearly all (95 %) are in GB2312, as in real GBK-encoded Chinese;
    mojibake does not pass. Empty input, binary data (a NUL byte, or more than 1 % control
    characters) and undecodable bytes raise :class:`InputError` naming ``name`` and, where
    it applies, the byte offset (for undecodable bytes, the first one that is not UTF-8).

    >>> decode_guess("技术合同成交额394.28亿元".encode("gbk"))
    ('技术合同成交额394.28亿元', 'gb18030')
    >>> decode_guess("技术合同".encode() + b"\\xff" + "成交额".encode(), "a.txt")
    ...  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govnlp.errors.InputError: a.txt: neither UTF-8 (invalid start byte) nor GB18030 ... at byte 12
    """
    if not data:
        raise InputError(name, "empty file")
    wide = _decode_with_bom(data, name)
    if wide is not None:
        return wide
    try:
        text, encoding = decode(data, name), "utf-8"
    except InputError as utf8_error:
        if utf8_error.offset is not None and data[utf8_error.offset] == 0:
            if _looks_like_utf16(data):
                raise InputError(
                    name,
                    "UTF-16 text without a byte-order mark: save it as UTF-8 "
                    "(or as UTF-16 with a BOM)",
                ) from None
            raise
        chinese = _gb18030_or_none(data)
        if chinese is None:
            reason = utf8_error.problem.replace("not valid UTF-8", "neither UTF-8")
            raise InputError(
                name, f"{reason} nor GB18030 Chinese text", offset=utf8_error.offset
            ) from None
        text, encoding = chinese, "gb18030"
    controls = len(data.translate(None, _NOT_CONTROLS))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(name, f"binary data ({controls} control characters), not text")
    return text, encoding


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _decode_with_bom(data: bytes, name: str) -> tuple[str, str] | None:
    """UTF-16 or UTF-32 text that starts with its byte-order mark (as Windows Notepad
    saves "Unicode"): the text without the mark, and ``"utf-16"``/``"utf-32"``.

    >>> _decode_with_bom("增长5%".encode("utf-16"), "a.txt")
    ('增长5%', 'utf-16')
    >>> _decode_with_bom(b"abc", "a.txt") is None
    True
    """
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            name, f"not valid {encoding.upper()} ({e.reason})", offset=e.start
        ) from None
    if not text:
        raise InputError(name, "empty file (only a byte-order mark)")
    controls = len(text) - len(text.translate(_CONTROL_CHARS))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(name, f"binary data ({controls} control characters), not text")
    return text, encoding


_CONTROL_CHARS = dict.fromkeys(c for c in (*range(0x20), 0x7F) if c not in _TEXT_CONTROLS)


def _looks_like_utf16(data: bytes) -> bool:
    """Whether bytes with NULs in them are UTF-16 without a BOM: read as UTF-16 (either
    byte order) they are at least 8 characters, nearly all (95 %) Chinese or ASCII text.

    >>> _looks_like_utf16("第一条 增长1%。".encode("utf-16-le"))
    True
    >>> _looks_like_utf16(b"PK\\3\\4\\0\\0")
    False
    """
    sample = data[: 1 << 16]
    sample = sample[: len(sample) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample.decode(encoding, "replace")  # the sample may cut a pair in two
        plain = sum(
            1
            for ch in text
            if ch in _PLAIN or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
        )
        if len(text) >= 8 and plain >= 0.95 * len(text):  # a few bytes prove nothing
            return True
    return False


_PLAIN = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("\t\n\r")


def _gb18030_or_none(data: bytes) -> str | None:
    """``data`` decoded as GB18030 if it decodes strictly and reads as Chinese."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [ch for ch in text if ch > "\x7f" and not ch.isspace()]
    if not wide:
        return None
    han = sum(1 for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    outside_gb2312 = "".join(wide).encode("gb2312", "replace").count(b"?")
    if han < _MIN_HAN_SHARE * len(wide) or outside_gb2312 > (1 - _MIN_GB2312_SHARE) * len(wide):
        return None
    return text
