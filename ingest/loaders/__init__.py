"""Read a document file into plain text: `load(path) -> LoadedText`, or `LoaderError` with a reason.

One module per file type (txt, md, html, docx, pdf, image), each with `extract(data, path, max_pages)`;
pdf and image also take `ocr` (OcrOptions) and `on_page(done, total)` for scanned pages.
This module checks what is common to all of them first (type, size, permissions), turns any failure
into a one-line `LoaderError` for operators, repairs legacy TCVN3/VNI text and returns NFC text.
Tables come out as "cell | cell | cell" lines, one row per line, in document order.
"""

from __future__ import annotations

import importlib
import re
import stat
import unicodedata
from pathlib import Path

from ingest.legacy import repair_legacy
from ingest.types import LoadedText

# Scans and photos, read by OCR (ingest/loaders/image.py); upload faces accept these too.
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"}
SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"} | IMAGE_SUFFIXES
_MODULES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".docx": "docx", ".pdf": "pdf", **{s: "image" for s in IMAGE_SUFFIXES}}
_PAGED = ("pdf", "image")  # loaders that take OCR options and report progress per page
_MAX_REASON = 300
# A table cell with more lines than this holds page layout, not data: keep its lines as lines.
LAYOUT_CELL_LINES = 12


class LoaderError(Exception):
    """A file that cannot be loaded; `str(e)` is "PATH: reason", one line of English for operators."""

    def __init__(self, path, reason: str):
        reason = " ".join(str(reason).split())
        if len(reason) > _MAX_REASON:
            reason = reason[:_MAX_REASON - 1] + "…"
        super().__init__(path, reason)  # both in args, so the error pickles across processes
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def load(path: Path, max_bytes: int | None = None, max_pages: int | None = None, ocr=None,
         on_page=None) -> LoadedText:
    """Load one document as text.

    Args:
        path: the file; its suffix (any case) chooses the loader, see SUPPORTED_SUFFIXES.
        max_bytes: refuse files larger than this, checked before reading (None: no limit).
        max_pages: refuse PDFs and images with more pages than this (None: no limit).
        ocr: OcrOptions for scanned pages (None: defaults); on_page(done, total) after each OCR page.
    Returns:
        LoadedText with NFC text, the page count (PDF, image), warnings (e.g. a legacy encoding
        converted, a low-confidence OCR page), the text of each page and the OCR summary.
    Raises:
        LoaderError: unsupported type, missing/unreadable/empty/too large, corrupt or hostile content,
            password-protected or scanned PDF, no text.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in _MODULES:
        raise LoaderError(path, f"unsupported file type {suffix or '(no suffix)'!r}; "
                                f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    data = _read(path, max_bytes)
    kind = _MODULES[suffix]
    module = importlib.import_module(f"{__name__}.{kind}")
    try:
        if kind in _PAGED:
            loaded = module.extract(data, path, max_pages=max_pages, ocr=ocr, on_page=on_page)
        else:
            loaded = module.extract(data, path, max_pages=max_pages)
    except LoaderError:
        raise
    except MemoryError:
        raise LoaderError(path, f"ran out of memory reading the {kind} file") from None
    except RecursionError:
        raise LoaderError(path, f"the {kind} file is nested too deeply to read") from None
    except Exception as exc:  # a parser's own error on bad input: report it, never a traceback
        raise LoaderError(path, f"could not read the {kind} file ({type(exc).__name__}: {exc})") from exc
    if kind not in ("txt", "md"):  # text files were repaired while decoding
        loaded.text, warnings = repair_legacy(loaded.text)
        loaded.warnings.extend(warnings)
    loaded.text = clean_text(loaded.text)
    loaded.page_texts = [(n, clean_text(repair_legacy(t)[0]), scanned) for n, t, scanned in loaded.page_texts]
    if not loaded.text.strip():
        raise LoaderError(path, "the file has only whitespace" if kind == "txt" else "no text found in the file")
    return loaded


def _read(path: Path, max_bytes: int | None) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise LoaderError(path, "file not found") from None
    except PermissionError:
        raise LoaderError(path, "permission denied") from None
    except OSError as exc:
        raise LoaderError(path, f"cannot access the file ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise LoaderError(path, "not a regular file")
    if max_bytes is not None and info.st_size > max_bytes:
        raise LoaderError(path, f"file too large ({_size(info.st_size)}; the limit is {_size(max_bytes)})")
    if info.st_size == 0:
        raise LoaderError(path, "empty file")
    try:
        with open(path, "rb") as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except PermissionError:
        raise LoaderError(path, "permission denied (cannot read the file)") from None
    except OSError as exc:
        raise LoaderError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if max_bytes is not None and len(data) > max_bytes:  # it grew after stat()
        raise LoaderError(path, f"file too large (more than {_size(max_bytes)})")
    if not data:
        raise LoaderError(path, "empty file")
    return data


def _size(n: int) -> str:
    # MB of 2**20 bytes, as HOIDAP_MAX_FILE_MB counts them: "the limit is 50.0 MB", not "52.4 MB".
    return f"{n / 2**20:.1f} MB" if n >= 100_000 else f"{n} bytes"


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff\ufffe]")


def clean_text(text: str) -> str:
    """NFC, '\\n' line ends, no control characters; spaces inside lines are left to normalisation."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines).strip("\n"))


class TableLine(str):
    """A rendered table row ("a | b"), so that an enclosing table can tell it from cell text."""


def render_row(cells: list[list[str]]) -> list[str]:
    """Lines for one table row; each cell is its list of text lines.

    A data row becomes one line "cell | cell | cell" (a cell's lines joined by spaces, empty cells
    kept so columns stay aligned), followed by the rows of any table nested in its cells. A one-cell
    row, or one with a very long cell, is page layout rather than data: its lines stay lines.
    """
    cells = [[line if isinstance(line, TableLine) else " ".join(line.split()) for line in cell]
             for cell in cells]
    cells = [[line for line in cell if line] for cell in cells]
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        return []
    texts = [[line for line in cell if not isinstance(line, TableLine)] for cell in cells]
    if len(cells) == 1 or max(len(text) for text in texts) > LAYOUT_CELL_LINES:
        return [line for cell in cells for line in cell]
    row = " | ".join(" ".join(text) for text in texts).strip()
    nested = [line for cell in cells for line in cell if isinstance(line, TableLine)]
    return ([TableLine(row)] if row.strip("| ") else []) + nested


def roman_numeral(n: int) -> str:
    """1 -> "I", 14 -> "XIV"; numbers outside 1..3999 as digits."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)
