"""The index: a SQLite registry (the truth), Chroma vectors and a bm25s keyword index beside them.

Why this shape: Chroma and SQLite cannot commit together, so the registry decides what is live.
Vectors are content-addressed (id = sha1(model id + embedded text)) and written *before* the SQLite
transaction that makes a document version live; vectors nothing references any more are deleted
*after* it. A crash at any point therefore leaves each document fully at its old or its new version;
the worst left behind is an unreferenced vector, invisible to retrieval and removed by the next GC.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from pathlib import Path

from ingest.chroma import open_chroma
from ingest.exact_search import EXACT_MAX_VECTORS, ExactVectors
from ingest.keyword import KeywordIndex
from ingest.schema import CHUNK_COLS, DOC_COLS, SCHEMA, chunk_row, doc_record, migrate
from ingest.types import Chunk, DocHeader, DocRecord
from ingest.unit_index import UnitIndex

log = logging.getLogger(__name__)

class Index:
    """Registry + vectors + keyword index under settings.data_dir."""

    def __init__(self, settings, embedder):
        self.settings = settings
        self.embedder = embedder
        self.data_dir = Path(settings.data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self.db = sqlite3.connect(self.data_dir / "hoidap.sqlite", check_same_thread=False,
                                  isolation_level=None, timeout=30)
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        migrate(self.db)
        self.units = UnitIndex(self.db, self.data_dir, self._lock, self.generation)  # issue 18: small-to-big
        self._collection = None
        self._keyword: KeywordIndex | None = None
        self._exact = ExactVectors()

    @property
    def collection(self):
        with self._lock:
            if self._collection is None:
                self._collection = open_chroma(self.settings, self.embedder)
            return self._collection

    # -- registry reads --------------------------------------------------------------------------
    def generation(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def documents(self) -> list[DocRecord]:
        rows = self.db.execute(f"SELECT {DOC_COLS} FROM documents ORDER BY source").fetchall()
        return [doc_record(r) for r in rows]

    def document(self, doc_id: int) -> DocRecord | None:
        r = self.db.execute(f"SELECT {DOC_COLS} FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return doc_record(r) if r else None

    def find_documents(self, name: str) -> list[DocRecord]:
        """Documents whose path, source name or số hiệu is `name`."""
        p = str(Path(name).expanduser().resolve()) if name else ""
        rows = self.db.execute(f"SELECT {DOC_COLS} FROM documents WHERE path=? OR path=? OR source=? "
                               f"OR number=?", (name, p, name, name)).fetchall()
        return [doc_record(r) for r in rows]

    def doc_by_path(self, path: str) -> DocRecord | None:
        r = self.db.execute(f"SELECT {DOC_COLS} FROM documents WHERE path=?", (path,)).fetchone()
        return doc_record(r) if r else None

    def doc_by_content(self, content_hash: str, other_than: str = "") -> DocRecord | None:
        """A document with the same bytes, at another path than `other_than`, whatever model or pipeline version
        indexed it: after a version change, a copy of an indexed file under another name is still a copy."""
        digest = content_hash.split("|", 1)[0]
        r = self.db.execute(f"SELECT {DOC_COLS} FROM documents WHERE content_hash LIKE ? AND path != ? "
                            "ORDER BY doc_id LIMIT 1", (digest + "|%", other_than)).fetchone()
        return doc_record(r) if r else None

    def chunks_by_ids(self, chunk_ids: list[int]) -> dict[int, dict]:
        if not chunk_ids:
            return {}
        q = ",".join("?" * len(chunk_ids))
        rows = self.db.execute(f"SELECT {CHUNK_COLS} FROM chunks c WHERE c.chunk_id IN ({q})", chunk_ids).fetchall()
        return {r[0]: chunk_row(r) for r in rows}

    def chunks_by_vec_ids(self, vec_ids: list[str]) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for i in range(0, len(vec_ids), 500):
            part = vec_ids[i:i + 500]
            q = ",".join("?" * len(part))
            for r in self.db.execute(f"SELECT {CHUNK_COLS} FROM chunks c WHERE c.vec_id IN ({q})", part):
                out.setdefault(r[7], []).append(chunk_row(r))
        return out

    def document_chunks(self, doc_id: int) -> list[dict]:
        rows = self.db.execute(f"SELECT {CHUNK_COLS} FROM chunks c WHERE c.doc_id=? ORDER BY c.position",
                               (doc_id,)).fetchall()
        return [chunk_row(r) for r in rows]

    def siblings(self, doc_id: int, parent: str) -> list[dict]:
        """Chunks of the same Điều (for neighbour context), in order."""
        rows = self.db.execute(f"SELECT {CHUNK_COLS} FROM chunks c WHERE c.doc_id=? AND c.parent=? "
                               f"ORDER BY c.position", (doc_id, parent)).fetchall()
        return [chunk_row(r) for r in rows]

    def chunk_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    def chunk_ids_of(self, doc_ids: set[int]) -> set[int]:
        """The chunk ids of these documents (a filtered keyword search)."""
        if not doc_ids:
            return set()
        q = ",".join("?" * len(doc_ids))
        return {r[0] for r in self.db.execute(f"SELECT chunk_id FROM chunks WHERE doc_id IN ({q})",
                                              [int(d) for d in doc_ids])}

    def nearest_vectors(self, query_vec: list[float], n: int) -> list[tuple[str, float]]:
        """(vector id, cosine distance) of the n stored vectors nearest to query_vec, nearest first: exact up
        to EXACT_MAX_VECTORS (ingest/exact_search.py), Chroma's HNSW above."""
        total = self.collection.count()
        if not total:
            return []
        if total <= EXACT_MAX_VECTORS:
            return self._exact.nearest(self.collection, (total, self.generation()), query_vec, n)
        res = self.collection.query(query_embeddings=[query_vec], n_results=min(total, n), include=["distances"])
        return list(zip(res["ids"][0], res["distances"][0]))

    def vector_count(self) -> int:
        return self.collection.count()

    # -- writes ------------------------------------------------------------------------------------
    def missing_vectors(self, ids: list[str]) -> set[str]:
        """The vector ids not yet stored in Chroma (so unchanged text is never embedded twice)."""
        have: set[str] = set()
        ids = list(dict.fromkeys(ids))  # a document can repeat a clause word for word
        for i in range(0, len(ids), 1000):
            have.update(self.collection.get(ids=ids[i:i + 1000], include=[])["ids"])
        return set(ids) - have

    def add_vectors(self, ids: list[str], embeddings: list[list[float]]) -> None:
        for i in range(0, len(ids), 256):
            self.collection.upsert(ids=ids[i:i + 256], embeddings=embeddings[i:i + 256])

    def put_document(self, path: str, source: str, content_hash: str, header: DocHeader,
                     chunks: list[Chunk], vec_ids: list[str], tokens: list[list[str]], pages: int = 1,
                     ocr: dict | None = None, units: list | None = None) -> int:
        """Make this version of a document live, replacing any earlier one at `path`, in ONE transaction.

        The vectors must already be in Chroma. `ocr` is the loader's OCR summary ({} for a text
        document); `units` its retrieval units with their tokens (ingest/unit_index.py), written in
        the same transaction. Returns the new doc_id.
        """
        with self._lock:
            cur = self.db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                cur.execute("DELETE FROM documents WHERE path=?", (path,))
                cur.execute(
                    "INSERT INTO documents (path, source, content_hash, title, number, doc_type, issuer, date, "
                    "effective_date, secondary, relations, n_chunks, pages, ingested_at, aliases, ocr) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (path, source, content_hash, header.title, header.number, header.doc_type, header.issuer,
                     header.date, header.effective_date, int(header.secondary),
                     json.dumps([r.__dict__ for r in header.relations], ensure_ascii=False),
                     len(chunks), pages, time.strftime("%Y-%m-%d %H:%M:%S"),
                     json.dumps(getattr(header, "aliases", []) or [], ensure_ascii=False),
                     json.dumps(ocr or {}, ensure_ascii=False)))
                doc_id = cur.lastrowid
                cur.execute("UPDATE documents SET meta=? WHERE doc_id=?",   # issue 16, own statement for merges
                            (json.dumps(getattr(header, "meta", {}) or {}, ensure_ascii=False), doc_id))
                cur.executemany(
                    "INSERT INTO chunks (doc_id, position, section, dieu, parent, text, embed_text, vec_id, tokens, "
                    "page, scanned) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    [(doc_id, c.position, c.section, c.dieu, c.parent, c.text, c.embed_text, v, " ".join(t),
                      getattr(c, "page", 0), int(getattr(c, "scanned", False)))
                     for c, v, t in zip(chunks, vec_ids, tokens)])
                self.units.write(cur, doc_id, units or [])
                self._bump(cur)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            return doc_id

    def remove(self, name: str) -> list[str]:
        """Remove documents by path, source name or số hiệu; returns the removed sources."""
        docs = self.find_documents(name)
        if not docs:
            return []
        with self._lock:
            cur = self.db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                for d in docs:
                    cur.execute("DELETE FROM documents WHERE doc_id=?", (d.doc_id,))
                self._bump(cur)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        self.gc_vectors()
        self.refresh_keyword()
        return [d.source for d in docs]

    def _bump(self, cur) -> None:
        cur.execute("INSERT INTO meta(key, value) VALUES('generation', '1') ON CONFLICT(key) "
                    "DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    def gc_vectors(self) -> int:
        """Delete vectors that no live chunk references (left by replaced/removed documents or a crash)."""
        live = {r[0] for r in self.db.execute("SELECT DISTINCT vec_id FROM chunks")}
        stale: list[str] = []
        offset = 0
        while True:
            got = self.collection.get(include=[], limit=5000, offset=offset)["ids"]
            if not got:
                break
            stale.extend(i for i in got if i not in live)
            offset += len(got)
        for i in range(0, len(stale), 1000):
            self.collection.delete(ids=stale[i:i + 1000])
        return len(stale)

    # -- keyword index ---------------------------------------------------------------------------
    def keyword(self) -> KeywordIndex:
        """The bm25s index for the current registry generation (rebuilt if stale)."""
        with self._lock:
            gen = self.generation()
            if self._keyword is None or self._keyword.generation != gen:
                self._keyword = KeywordIndex.load_or_build(self.data_dir / "bm25", gen, self._all_tokens)
            return self._keyword

    def refresh_keyword(self) -> None:
        with self._lock:
            self._keyword = None
        self.keyword()
        self.units.refresh()

    def _all_tokens(self):
        rows = self.db.execute("SELECT chunk_id, tokens FROM chunks ORDER BY chunk_id").fetchall()
        return [r[0] for r in rows], [(r[1] or "").split() for r in rows]

    def close(self) -> None:
        self.db.close()
