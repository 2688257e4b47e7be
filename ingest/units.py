"""Finer retrieval units ("small-to-big", issue 18 item 3): the Khoản, Điểm, table rows and sentence
windows of each chunk, each pointing back at the chunk it is part of.

A figure deep inside a long Điều loses to a short chunk that shares more words with the question:
the long chunk's vector and BM25 length-normalisation dilute it. Indexed as a unit of its own, the
Điểm or row that states the figure can rank; the answer then shows its whole chunk (`of` is that
chunk's position in the document), as LangChain's ParentDocumentRetriever does.

Every unit's text is a verbatim part of its chunk's text; its section is its own full path
("Chương II › Điều 5 › Khoản 1 › Điểm b"), and its embedded text carries the document title, the
headings of that path and, for a table row, the table's header row.
"""

from __future__ import annotations

import re

from ingest.chunk import _clauses, _headings, _is_section_heading, doc_prefix, section_label
from ingest.pieces import words as _words
from ingest.types import Block, Chunk, ParsedDocument

WINDOW_WORDS = 60   # a block longer than this is also cut into windows of whole sentences
MIN_UNIT_WORDS = 4  # smaller pieces ("1. Đối với cá nhân:") are not worth a vector of their own

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ0-9\-–+])")


def _windows(text: str) -> list[str]:
    """Consecutive sentences of text grouped up to WINDOW_WORDS, each a verbatim slice of text."""
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    out, start = [], 0
    for a, b in zip(cuts, cuts[1:]):
        if a > start and _words(text[start:b]) > WINDOW_WORDS:
            out.append(text[start:a].rstrip())
            start = a
    out.append(text[start:].rstrip())
    return [w for w in out if w]


def _table_header(piece: list[Block], i: int) -> str:
    for b in reversed(piece[:i]):
        if b.kind == "table_header":
            return b.text
        if b.kind != "table_row":
            break
    return ""


def child_units(parsed: ParsedDocument, source: str) -> list[Chunk]:
    """The child units of a document's chunks (chunk_document's), in reading order.

    A chunk that is a single short block has none (it is its own unit). A unit's `of` is the
    `position` of its chunk in chunk_document's list, and its `position` is the same number, so
    both sort together; `dieu` and `parent` are its chunk's.
    """
    prefix = doc_prefix(parsed.header, source)
    out: list[Chunk] = []
    for position, (piece, _common, label, dieu, parent) in enumerate(_clauses(parsed)):
        body = [(i, b) for i, b in enumerate(piece) if not _is_section_heading(b) and b.kind != "table_header"]
        if len(body) <= 1 and all(_words(b.text) <= WINDOW_WORDS for _, b in body):
            continue
        for i, b in body:
            pieces = [b.text.strip()] if _words(b.text) <= WINDOW_WORDS else _windows(b.text.strip())
            if len(body) == 1 and len(pieces) == 1:
                continue
            header = _table_header(piece, i) if b.kind == "table_row" else ""
            headings = _headings(b.path)
            for text in pieces:
                if _words(text) < MIN_UNIT_WORDS:
                    continue
                lines = [prefix] + [x for x in (headings, header, text) if x]
                out.append(Chunk(text=text, embed_text="\n".join(lines), section=section_label(b.path) or label,
                                 position=position, dieu=dieu, parent=parent, of=position))
    return out


__all__ = ["child_units", "WINDOW_WORDS"]
