"""Retrieval units in the index (issue 18 item 3, "small-to-big"): the `units` table and its own bm25s
keyword index, searched to find the clause (chunk) a small unit belongs to.

A figure deep inside a long Điều loses to a short chunk that shares more words with the question:
BM25's length normalisation dilutes it. Each chunk's Khoản, Điểm, table rows and sentence windows
(ingest/units.py) are therefore keyword-indexed on their own, and a matching unit stands for its
whole chunk, as LangChain's ParentDocumentRetriever does. A chunk without child units (one short
block) is its own unit, so every clause competes in the unit list on the same terms.

No vectors: units are keyword-only, so they add no embedding work to an ingest (issue 17).

Crash safety is the registry's: units are written in the same transaction that makes their document
live (Index.put_document) and reference their chunk with ON DELETE CASCADE, so replacing or removing
a document removes its units with it; the keyword index records the registry generation it was built
from and is rebuilt when stale, like the chunks' one.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from ingest.keyword import KeywordIndex
from ingest.normalize import index_tokens_by_line
from ingest.types import Chunk, ParsedDocument
from ingest.units import child_units

log = logging.getLogger(__name__)

UNIT_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
  unit_id INTEGER PRIMARY KEY,
  chunk_id INTEGER NOT NULL REFERENCES chunks(chunk_id) ON DELETE CASCADE,
  doc_id INTEGER NOT NULL, section TEXT, text TEXT, tokens TEXT);
CREATE INDEX IF NOT EXISTS units_chunk ON units(chunk_id);
CREATE INDEX IF NOT EXISTS units_doc ON units(doc_id);
"""
FOLDER = "bm25_units"   # beside the chunks' "bm25"
OVERSAMPLE = 4          # units fetched per chunk wanted: several units of one chunk collapse into one


def retrieval_units(parsed: ParsedDocument, source: str, chunks: list[Chunk], chunk_tokens: list[list[str]],
                    cache: dict[str, list[str]] | None = None) -> list[tuple[Chunk, list[str]]]:
    """(unit, keyword tokens) of every chunk of a document; a unit's `of` is its chunk's position.

    Tokens are those of the unit's embed_text (title, headings, a row's table header, its text), the
    same tokenisation as the chunks' keyword index; a chunk that is its own unit reuses its tokens.
    `cache` is the line cache the chunks were tokenised with (a unit's lines are mostly its chunk's).
    """
    cache = {} if cache is None else cache
    children = child_units(parsed, source)
    positions = {c.position for c in chunks}
    out = [(u, index_tokens_by_line(u.embed_text, cache)) for u in children if u.of in positions]
    with_children = {u.of for u, _ in out}
    out += [(replace(c, of=c.position), t) for c, t in zip(chunks, chunk_tokens) if c.position not in with_children]
    return sorted(out, key=lambda p: p[0].of)   # stable: reading order within a chunk is kept


class UnitIndex:
    """The units table of an Index's registry and the bm25s index over it."""

    def __init__(self, db, data_dir: Path, lock, generation):
        self.db = db
        self.folder = Path(data_dir) / FOLDER
        self._lock = lock
        self._generation = generation   # the registry's generation(), shared with the chunks
        self._keyword: KeywordIndex | None = None
        self._warned = False
        self.db.executescript(UNIT_SCHEMA)

    def write(self, cur, doc_id: int, units: list[tuple[Chunk, list[str]]]) -> None:
        """Insert a document's units inside the caller's open transaction (its chunks already inserted)."""
        if not units:
            return
        chunk_of = dict(cur.execute("SELECT position, chunk_id FROM chunks WHERE doc_id=?", (doc_id,)).fetchall())
        cur.executemany("INSERT INTO units (chunk_id, doc_id, section, text, tokens) VALUES (?,?,?,?,?)",
                        [(chunk_of[u.of], doc_id, u.section, u.text, " ".join(t))
                         for u, t in units if u.of in chunk_of])

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM units").fetchone()[0]

    def keyword(self) -> KeywordIndex:
        """The units' bm25s index for the current registry generation (rebuilt if stale)."""
        with self._lock:
            gen = self._generation()
            if self._keyword is None or self._keyword.generation != gen:
                self._keyword = KeywordIndex.load_or_build(self.folder, gen, self._all_tokens, accents=False)
            return self._keyword

    def refresh(self) -> None:
        with self._lock:
            self._keyword = None
        self.keyword()

    def _all_tokens(self):
        rows = self.db.execute("SELECT unit_id, tokens FROM units ORDER BY unit_id").fetchall()
        return [r[0] for r in rows], [(r[1] or "").split() for r in rows]

    def search(self, tokens: list[str], n: int, allowed_docs: set[int] | None = None
               ) -> list[tuple[int, float, dict]]:
        """The n best chunks by their best unit: (chunk_id, that unit's BM25 score, {"section", "text"}
        of the unit), best first; ties in a total order (score, then chunk id) for determinism."""
        kw = self.keyword()
        if kw.bm25 is None:
            self._warn_if_old()
            return []
        allowed = None
        if allowed_docs is not None:
            q = ",".join("?" * len(allowed_docs)) or "NULL"
            allowed = {r[0] for r in self.db.execute(f"SELECT unit_id FROM units WHERE doc_id IN ({q})",
                                                     [int(d) for d in allowed_docs])}
        top = kw.search(tokens, n * OVERSAMPLE, allowed)
        if not top:
            return []
        q = ",".join("?" * len(top))
        info = {r[0]: r[1:] for r in self.db.execute(
            f"SELECT unit_id, chunk_id, section, text FROM units WHERE unit_id IN ({q})", [u for u, _ in top])}
        best: dict[int, tuple[float, int, dict]] = {}
        for unit_id, score in sorted(((u, round(s, 5)) for u, s in top), key=lambda p: (-p[1], p[0])):
            if unit_id in info and info[unit_id][0] not in best:
                chunk_id, section, text = info[unit_id]
                best[chunk_id] = (score, unit_id, {"section": section or "", "text": text or ""})
        ranked = sorted(best.items(), key=lambda p: (-p[1][0], p[0]))[:n]
        return [(cid, score, unit) for cid, (score, _, unit) in ranked]

    def _warn_if_old(self) -> None:
        """An index built before units existed still answers (chunks only); say once how to add them."""
        if self._warned:
            return
        self._warned = True
        if self.db.execute("SELECT 1 FROM chunks LIMIT 1").fetchone():
            log.warning("unit_weight > 0 but this index has no retrieval units (built with units off, or "
                        "before they existed); run `hoidap ingest` on the same folders again to add them "
                        "(stored vectors are reused); until then retrieval uses the chunks only")


__all__ = ["UnitIndex", "retrieval_units", "UNIT_SCHEMA"]
