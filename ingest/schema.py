"""The registry's tables (SQLite), the columns later versions added to them, and their rows read back."""

from __future__ import annotations

import json

from ingest.types import DocRecord, Relation, section_path

SCHEMA = """
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS documents (
  doc_id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, source TEXT NOT NULL,
  content_hash TEXT NOT NULL, title TEXT, number TEXT, doc_type TEXT, issuer TEXT, date TEXT,
  effective_date TEXT, secondary INTEGER DEFAULT 0, relations TEXT DEFAULT '[]',
  n_chunks INTEGER, pages INTEGER DEFAULT 1, ingested_at TEXT, aliases TEXT DEFAULT '[]',
  ocr TEXT DEFAULT '{}');
CREATE TABLE IF NOT EXISTS chunks (
  chunk_id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  position INTEGER, section TEXT, dieu TEXT, parent TEXT, text TEXT, embed_text TEXT,
  vec_id TEXT NOT NULL, tokens TEXT, page INTEGER DEFAULT 0, scanned INTEGER DEFAULT 0);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, position);
CREATE INDEX IF NOT EXISTS chunks_vec ON chunks(vec_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


def migrate(db) -> None:
    """Add columns that newer versions introduced to an index made by an older one."""
    cols = {r[1] for r in db.execute("PRAGMA table_info(documents)")}
    if "aliases" not in cols:
        db.execute("ALTER TABLE documents ADD COLUMN aliases TEXT DEFAULT '[]'")
    # issue 16: kind, headline date, publisher, places, bodies, legal bases (ingest/article.py)
    if "meta" not in cols:
        db.execute("ALTER TABLE documents ADD COLUMN meta TEXT DEFAULT '{}'")
    # OCR (issue 14): per-page confidence on documents, page number and scanned flag on chunks
    if "ocr" not in cols:
        db.execute("ALTER TABLE documents ADD COLUMN ocr TEXT DEFAULT '{}'")
    chunk_cols = {r[1] for r in db.execute("PRAGMA table_info(chunks)")}
    if "page" not in chunk_cols:
        db.execute("ALTER TABLE chunks ADD COLUMN page INTEGER DEFAULT 0")
    if "scanned" not in chunk_cols:
        db.execute("ALTER TABLE chunks ADD COLUMN scanned INTEGER DEFAULT 0")

CHUNK_COLS = "c.chunk_id, c.doc_id, c.position, c.section, c.dieu, c.parent, c.text, c.vec_id, c.page, c.scanned"
DOC_COLS = ("doc_id, path, source, content_hash, title, number, doc_type, issuer, date, effective_date, "
            "secondary, relations, n_chunks, ingested_at, aliases")
DOC_COLS += ", meta"   # issue 16: article metadata (JSON); kept on its own line for merges
DOC_COLS += ", ocr"    # issue 14: per-page OCR confidence (JSON)


def doc_record(r) -> DocRecord:
    """A documents row (DOC_COLS) as a DocRecord."""
    rels = [Relation(**x) for x in json.loads(r[11] or "[]")]
    return DocRecord(doc_id=r[0], path=r[1], source=r[2], content_hash=r[3], title=r[4] or "", number=r[5] or "",
                     doc_type=r[6] or "", issuer=r[7] or "", date=r[8] or "", effective_date=r[9] or "",
                     secondary=bool(r[10]), relations=rels, n_chunks=r[12] or 0, ingested_at=r[13] or "",
                     aliases=json.loads(r[14] or "[]"), meta=_meta(r[DOC_COLS.split(", ").index("meta")]),
                     ocr=_meta(r[DOC_COLS.split(", ").index("ocr")]))


def _meta(raw) -> dict:
    """A JSON object column; anything else (corrupt, not an object) reads as {}."""
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def chunk_row(r) -> dict:
    """A chunk as the bot sees it; page (0: not paged) and scanned let a citation say "trang 2, bản quét"."""
    return {"chunk_id": r[0], "doc_id": r[1], "position": r[2], "section": r[3], "dieu": r[4],
            "parent": r[5], "text": r[6], "vec_id": r[7], "section_path": section_path(r[3]),
            "page": r[8] or 0, "scanned": bool(r[9])}
