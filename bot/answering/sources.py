"""What a hit says about its source document (issue 16): an article's kind, date and publisher, and the
legal basis it quotes, linked to the quoted clause when that document is itself in the index.

The retriever fills these `Hit` fields from the document's record (`documents.meta`); the faces only
render them.
"""

from __future__ import annotations

import re
import threading

from ingest.legal_refs import basis_label, format_basis, legal_bases
from ingest.normalize import fold_diacritics
from ingest.types import DocRecord
from ingest.validity import number_key

MAX_BASES = 2   # a citation names at most this many bases (as ingest.legal_refs.basis_label does)


def _folded_name(text: str) -> str:
    """ "Luật Thi đua, Khen thưởng" -> "luat thi dua khen thuong" (commas and case do not matter)."""
    return " ".join(re.findall(r"\w+", fold_diacritics(text or "").casefold()))


def _year_of(doc: DocRecord) -> set[str]:
    return set(re.findall(r"(?:19|20)\d{2}", f"{doc.date} {doc.number}"))


def _dieu_re(dieu: str, khoan: str | None) -> tuple[re.Pattern, re.Pattern | None]:
    d = re.compile(rf"^Điều\s+{re.escape(dieu)}(?![\wđ])", re.I)
    k = re.compile(rf"^Khoản\s+{re.escape(khoan)}(?!\d)", re.I) if khoan else None
    return d, k


class BasisLinker:
    """Finds the indexed document and clause a legal-basis reference names, cached per index generation.

    A reference with a số hiệu matches a document by its số hiệu (or an alias); a law named by its name
    ("Luật Thi đua, khen thưởng" + 2022) matches a legal document whose title starts with that name
    and whose date or số hiệu has that year. The clause is the first chunk of that Điều (of the Khoản
    when the reference names one). Articles are never link targets.
    """

    def __init__(self, index):
        self.index = index
        self._lock = threading.Lock()
        self._gen = -1
        self._cache: dict[tuple, tuple[int, int] | None] = {}

    def find_document(self, ref: dict, docs: dict[int, DocRecord]) -> DocRecord | None:
        legal = [d for d in docs.values() if not d.is_article]
        if ref.get("number"):
            key = number_key(ref["number"])
            found = [d for d in legal if key in {number_key(n) for n in [d.number, *d.aliases] if n}]
        else:
            name = _folded_name(ref.get("doc", ""))
            if not name:
                return None
            found = [d for d in legal if _folded_name(d.title).startswith(name)
                     and (not ref.get("year") or ref["year"] in _year_of(d))]
        # the newest version when a law was reissued under the same name and year (a consolidated text)
        return max(found, key=lambda d: (d.date[-4:], d.date[3:5], d.date[:2]), default=None)

    def find_clause(self, doc_id: int, dieu: str, khoan: str | None) -> int | None:
        d_re, k_re = _dieu_re(dieu, khoan)
        first = None
        for ch in self.index.document_chunks(doc_id):
            path = ch.get("section_path") or []
            if not any(d_re.match(p) for p in path):
                continue
            if first is None:
                first = ch["chunk_id"]
            if k_re is None:
                return first
            if any(k_re.match(p) for p in path):
                return ch["chunk_id"]
        return first

    def link(self, ref: dict, docs: dict[int, DocRecord], generation: int) -> tuple[int, int] | None:
        """(doc_id, chunk_id) of the clause `ref` names, or None when its document is not indexed."""
        if not ref.get("dieu"):
            return None
        key = (ref.get("number") or _folded_name(ref.get("doc", "")), ref.get("year"), ref["dieu"], ref.get("khoan"))
        with self._lock:
            if generation != self._gen:
                self._cache, self._gen = {}, generation
            if key in self._cache:
                return self._cache[key]
        doc = self.find_document(ref, docs)
        chunk_id = self.find_clause(doc.doc_id, ref["dieu"], ref.get("khoan")) if doc else None
        found = (doc.doc_id, chunk_id) if doc and chunk_id is not None else None
        with self._lock:
            self._cache[key] = found
        return found


def source_fields(doc: DocRecord, chunk_text: str, docs: dict[int, DocRecord], generation: int,
                  linker: BasisLinker | None) -> dict:
    """The Hit fields (kind, published, publisher, basis, basis_refs) for a clause of `doc`.

    An article's basis is what the cited passage itself quotes when it quotes a law, else the first
    bases the article quotes.
    """
    meta = doc.meta or {}
    out = {"kind": meta.get("kind", ""), "published": meta.get("published", ""),
           "publisher": meta.get("publisher", "")}
    if not doc.is_article:
        return out
    refs = legal_bases(chunk_text, limit=MAX_BASES) or list(meta.get("legal_bases") or [])[:MAX_BASES]
    if not refs:
        return out
    out["basis"] = basis_label({"legal_bases": refs}, limit=MAX_BASES)
    linked = []
    for ref in refs:
        where = linker.link(ref, docs, generation) if linker else None
        linked.append({"label": format_basis(ref), **ref, "doc_id": where[0] if where else None,
                       "chunk_id": where[1] if where else None})
    out["basis_refs"] = linked
    return out
