"""Plain text (.txt): decode the bytes (UTF-8/UTF-16 with BOM, else a guessed 8-bit code page)."""

from __future__ import annotations

from pathlib import Path

from ingest.encoding import DecodeError, decode_bytes
from ingest.loaders import LoaderError
from ingest.types import LoadedText


def decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """`decode_bytes` with binary data reported as a LoaderError."""
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise LoaderError(path, f"{exc}; is it really a {path.suffix.lower()} file?") from None


def extract(data: bytes, path: Path, max_pages: int | None = None) -> LoadedText:
    """The file's text, line structure untouched."""
    text, warnings = decode(data, path)
    return LoadedText(text=text, kind="txt", warnings=warnings)
