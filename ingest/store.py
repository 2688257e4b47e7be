"""The index: a SQLite registry (the truth), Chroma vectors and a bm25s keyword index beside them.

Why this shape: Chroma and SQLite cannot commit together, so the registry decides what is live.
Vectors are content-addressed (id = sha1(model id + embedded text)) and written *before* the SQLite
transaction that makes a document version live; vectors nothing references any more are deleted
*after* it. A crash at any point therefore leaves each document fully at its old or its new version;
the worst left behind is an unreferenced vector, invisible to retrieval and removed by the next GC.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from pathlib import Path

from ingest.exact_search import EXACT_MAX_VECTORS, ExactVectors
from ingest.keyword import KeywordIndex
from ingest.types import Chunk, DocHeader, DocRecord, Relation, section_path
from ingest.unit_index import UnitIndex

log = logging.getLogger(__name__)

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
COLLECTION = "hoidap_chunks"  # + "_<dim>": models of different dimensions cannot share a collection
CHUNK_COLS = "c.chunk_id, c.doc_id, c.position, c.section, c.dieu, c.parent, c.text, c.vec_id, c.page, c.scanned"
DOC_COLS = ("doc_id, path, source, content_hash, title, number, doc_type, issuer, date, effective_date, "
            "secondary, relations, n_chunks, ingested_at, aliases")
DOC_COLS += ", meta"   # issue 16: article metadata (JSON); kept on its own line for merges
DOC_COLS += ", ocr"    # issue 14: per-page OCR confidence (JSON)


def vec_id(model_id: str, embed_text: str) -> str:
    return hashlib.sha1(f"{model_id}\0{embed_text}".encode("utf-8")).hexdigest()


def collection_name(embedder) -> str:
    return f"{COLLECTION}_{getattr(embedder, 'dim', 0) or 0}"


# A fixed vector search (issue 18: the same question gave a different top 5 in a new process).
# Chroma's local HNSW saves its graph only every `sync_threshold` writes; every process that opens
# the index re-inserts the vectors written since into its own copy of the graph, in a random order
# (a Rust HashMap, in parallel), so processes searched different graphs. Saving after every write
# (2 is the smallest value; a tail of one vector is inserted the same way everywhere) makes all
# processes search the graph on disk. search_ef 200 (default 100) against the 70 candidates
# retrieval asks for; the search stays approximate, so an index of up to EXACT_MAX_VECTORS is searched
# exactly instead (ingest/exact_search.py). `num_threads` plays no part in either.
HNSW_CONFIG = {"sync_threshold": 2, "ef_search": 200}


def open_chroma(settings, embedder):
    """The Chroma collection: embedded persistent client, or a server when HOIDAP_CHROMA_URL is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from ingest.embed import ChromaEmbeddingFunction

    cs = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        from urllib.parse import urlparse
        u = urlparse(settings.chroma_url)
        client = chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                     ssl=u.scheme == "https", settings=cs)
    else:
        client = chromadb.PersistentClient(path=str(Path(settings.data_dir) / "chroma"), settings=cs)
    # Our embedding function always: Chroma's default one would try to download a model.
    col = client.get_or_create_collection(
        collection_name(embedder), embedding_function=ChromaEmbeddingFunction(embedder),
        metadata={"hnsw:space": "cosine"})
    hnsw = (col.configuration_json or {}).get("hnsw") or {}
    if any(hnsw.get(k) != v for k, v in HNSW_CONFIG.items()):  # a new collection, or one made before
        try:
            col.modify(configuration={"hnsw": dict(HNSW_CONFIG)})
        except Exception as exc:  # e.g. a read-only data dir: search still works, as before
            log.warning("could not fix the vector search configuration of %s: %s", col.name, exc)
    return col


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
        self._migrate()
        self.units = UnitIndex(self.db, self.data_dir, self._lock, self.generation)  # issue 18: small-to-big
        self._collection = None
        self._keyword: KeywordIndex | None = None
        self._exact = ExactVectors()

    def _migrate(self) -> None:
        """Add columns that newer versions introduced to an index made by an older one."""
        cols = {r[1] for r in self.db.execute("PRAGMA table_info(documents)")}
        if "aliases" not in cols:
            self.db.execute("ALTER TABLE documents ADD COLUMN aliases TEXT DEFAULT '[]'")
        # issue 16: kind, headline date, publisher, places, bodies, legal bases (ingest/article.py)
        if "meta" not in cols:
            self.db.execute("ALTER TABLE documents ADD COLUMN meta TEXT DEFAULT '{}'")
        # OCR (issue 14): per-page confidence on documents, page number and scanned flag on chunks
        if "ocr" not in cols:
            self.db.execute("ALTER TABLE documents ADD COLUMN ocr TEXT DEFAULT '{}'")
        chunk_cols = {r[1] for r in self.db.execute("PRAGMA table_info(chunks)")}
        if "page" not in chunk_cols:
            self.db.execute("ALTER TABLE chunks ADD COLUMN page INTEGER DEFAULT 0")
        if "scanned" not in chunk_cols:
            self.db.execute("ALTER TABLE chunks ADD COLUMN scanned INTEGER DEFAULT 0")

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
        return [_doc(r) for r in rows]

    def document(self, doc_id: int) -> DocRecord | None:
        r = self.db.execute(f"SELECT {DOC_COLS} FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return _doc(r) if r else None

    def find_documents(self, name: str) -> list[DocRecord]:
        """Documents whose path, source name or số hiệu is `name`."""
        p = str(Path(name).expanduser().resolve()) if name else ""
        rows = self.db.execute(f"SELECT {DOC_COLS} FROM documents WHERE path=? OR path=? OR source=? "
                               f"OR number=?", (name, p, name, name)).fetchall()
        return [_doc(r) for r in rows]

    def doc_by_path(self, path: str) -> DocRecord | None:
        r = self.db.execute(f"SELECT {DOC_COLS} FROM documents WHERE path=?", (path,)).fetchone()
        return _doc(r) if r else None

    def doc_by_content(self, content_hash: str, other_than: str = "") -> DocRecord | None:
        """A document with the same bytes, at another path than `other_than`, whatever model or pipeline version
        indexed it: after a version change, a copy of an indexed file under another name is still a copy."""
        digest = content_hash.split("|", 1)[0]
        r = self.db.execute(f"SELECT {DOC_COLS} FROM documents WHERE content_hash LIKE ? AND path != ? "
                            "ORDER BY doc_id LIMIT 1", (digest + "|%", other_than)).fetchone()
        return _doc(r) if r else None

    def chunks_by_ids(self, chunk_ids: list[int]) -> dict[int, dict]:
        if not chunk_ids:
            return {}
        q = ",".join("?" * len(chunk_ids))
        rows = self.db.execute(f"SELECT {CHUNK_COLS} FROM chunks c WHERE c.chunk_id IN ({q})", chunk_ids).fetchall()
        return {r[0]: _chunk(r) for r in rows}

    def chunks_by_vec_ids(self, vec_ids: list[str]) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for i in range(0, len(vec_ids), 500):
            part = vec_ids[i:i + 500]
            q = ",".join("?" * len(part))
            for r in self.db.execute(f"SELECT {CHUNK_COLS} FROM chunks c WHERE c.vec_id IN ({q})", part):
                out.setdefault(r[7], []).append(_chunk(r))
        return out

    def document_chunks(self, doc_id: int) -> list[dict]:
        rows = self.db.execute(f"SELECT {CHUNK_COLS} FROM chunks c WHERE c.doc_id=? ORDER BY c.position",
                               (doc_id,)).fetchall()
        return [_chunk(r) for r in rows]

    def siblings(self, doc_id: int, parent: str) -> list[dict]:
        """Chunks of the same Điều (for neighbour context), in order."""
        rows = self.db.execute(f"SELECT {CHUNK_COLS} FROM chunks c WHERE c.doc_id=? AND c.parent=? "
                               f"ORDER BY c.position", (doc_id, parent)).fetchall()
        return [_chunk(r) for r in rows]

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


def _doc(r) -> DocRecord:
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


def _chunk(r) -> dict:
    """A chunk as the bot sees it; page (0: not paged) and scanned let a citation say "trang 2, bản quét"."""
    return {"chunk_id": r[0], "doc_id": r[1], "position": r[2], "section": r[3], "dieu": r[4],
            "parent": r[5], "text": r[6], "vec_id": r[7], "section_path": section_path(r[3]),
            "page": r[8] or 0, "scanned": bool(r[9])}
