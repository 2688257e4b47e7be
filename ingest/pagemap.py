"""Which page each chunk starts on, so a citation from a PDF or a scan can say "trang 2, bản quét".

The parser and chunker work on the document's text as one string and do not carry offsets, so the
page is found afterwards: each chunk's opening characters (spaces ignored) are looked up in the
pages' text, moving forward through the document. A chunk whose opening cannot be found (text the
parser rewrote) takes the page of the chunk before it.
"""

from __future__ import annotations

import bisect

from ingest.normalize import clean_spaces

NEEDLE_CHARS = 40


def _squash(text: str) -> str:
    return "".join(clean_spaces(text).split()).lower()


def assign_pages(chunks: list, page_texts: list[tuple[int, str, bool]]) -> None:
    """Set `page` and `scanned` on each chunk (in place); a document without pages is left as it is."""
    if not page_texts:
        return
    parts, starts, numbers, scanned = [], [], [], {}
    offset = 0
    for number, text, is_scan in page_texts:
        squashed = _squash(text)
        starts.append(offset)
        numbers.append(number)
        scanned[number] = is_scan
        parts.append(squashed)
        offset += len(squashed)
    whole = "".join(parts)
    cursor, page = 0, numbers[0]
    for chunk in sorted(chunks, key=lambda c: c.position):
        needle = _squash(chunk.text)[:NEEDLE_CHARS]
        at = whole.find(needle, cursor) if needle else -1
        if at < 0 and needle:
            at = whole.find(needle)  # the chunker may repeat a heading carried from earlier
        if at >= 0:
            page = numbers[bisect.bisect_right(starts, at) - 1]
            cursor = max(cursor, at)
        chunk.page = page
        chunk.scanned = scanned[page]


def page_label(chunk: dict) -> str:
    """How a citation names the chunk's page: "trang 2, bản quét", "trang 2", or "" (no pages)."""
    page = chunk.get("page") or 0
    if not page:
        return ""
    return f"trang {page}, bản quét" if chunk.get("scanned") else f"trang {page}"
