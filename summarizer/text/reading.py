"""Read and decode an article from a path, stdin or bytes: every command's way in.

Decoding tries UTF-8 (with or without BOM), then UTF-16 when a BOM says so,
then cp1252 and latin-1 only when the bytes look like text. Anything that
looks binary is refused with a clear error rather than summarized as noise.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # far beyond any article; guards against feeding a disk image
# http://, https:// (any case): a web address, which this tool never fetches.
_URL = re.compile(r"(?i)^\s*https?://")


@dataclass(frozen=True, slots=True)
class Article:
    """Decoded article text plus where it came from."""

    text: str
    source: str
    encoding: str


def refuse_url(spec: str | Path, what: str = "the article") -> None:
    """A web address where a file was expected: say we do not fetch, before ``Path`` mangles it.

    ``Path("https://x/a")`` collapses the double slash, so the check runs on the text given.
    """
    if _URL.match(str(spec)):
        raise InputError(
            f"{str(spec).strip()}: URLs are not fetched: save {what} to a file "
            "and pass its path (or - to read stdin)"
        )


def read_article(path: str | Path) -> Article:
    """Read ``path`` (``-`` for stdin) into an :class:`Article`, or raise :class:`InputError`."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        return decode_article(data, source="<stdin>")
    refuse_url(path)
    file = Path(path)
    if not file.exists():
        raise InputError(f"{file}: no such file")
    if file.is_dir():
        raise InputError(f"{file}: is a directory, expected a text file")
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{file}: cannot read ({exc.strerror or exc})") from exc
    return decode_article(data, source=str(file))


def decode_article(data: bytes, source: str = "<bytes>") -> Article:
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MB, not an article")
    text, encoding = _decode(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{source}: empty input, nothing to summarize")
    return Article(text=text, source=source, encoding=encoding)


def _decode(data: bytes, source: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: invalid UTF-16 text") from exc
    if _looks_binary(data):
        raise InputError(
            f"{source}: looks like a binary file (PDF, image, archive?), expected plain text"
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_printable(text):
            return text, encoding
    raise InputError(f"{source}: not valid UTF-8 and not recognisable as Latin-1/cp1252 text")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    magic = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
    return head.startswith(magic)


def _mostly_printable(text: str) -> bool:
    sample = text[:8192]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad <= max(1, len(sample) // 200)


__all__ = [
    "MAX_BYTES",
    "Article",
    "decode_article",
    "read_article",
    "refuse_url",
]
