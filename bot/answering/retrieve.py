"""Hybrid retrieval: dense (EmbeddingGemma) + keyword (BM25), fused by weighted reciprocal rank.

Then the product rules: documents in force come before replaced ones (unless the question names the
older document, or all versions are asked for), primary documents before secondary articles, the
authority order and the newer article first, and no more than two clauses of one document in the
top five from one Điều or one article (bot/answering/ranking.py). Every order is total, so the same question on the same index
gives the same results.
"""

from __future__ import annotations

import threading
from typing import Any

from bot.answering import ranking
from bot.answering.authority import of_place, question_scope
from bot.answering.named_documents import law_named, mentioned_numbers, number_named
from bot.answering.question import Question
from bot.answering.ranking import Candidate
from bot.answering.sources import BasisLinker, source_fields
from bot.answering.status import DocStatus, index_statuses
from bot.types import Hit
from ingest.normalize import fold_diacritics, has_diacritics, other_iy, query_tokens
from ingest.validity import number_key

RRF_K = 60
CANDIDATES = 60
# An unaccented question's keyword ranking: half from its folded syllables, half from its accents restored
# (see search()).
RESTORED_KW_WEIGHT = 0.5
REPLACED_FACTOR = 0.55    # a replaced document's clause ranks below an in-force one of similar score
SECONDARY_FACTOR = 0.85   # an explainer article ranks below the primary document saying the same
# ... unless both retrievers rank one of its passages first: then no primary clause says the same better,
# and on fused reciprocal ranks the factor would move a first-in-both passage below clauses ranked ~10th.
NAMED_DOC_BOOST = 1.6     # the question names this document's số hiệu
# ... or, for a law, its title: a weaker sign, since a follow-up carries the earlier question's "Theo Luật …"
# to a question another document answers (eval/dev27.jsonl d27-007).
LAW_NAMED_BOOST = 1.25
class HybridRetriever:
    def __init__(self, index, settings):
        self.index = index
        self.settings = settings
        self._lock = threading.Lock()
        self._docs_gen = -1
        self._docs: dict[int, Any] = {}
        self._status: dict[int, DocStatus] = {}
        self._doc_text: dict[int, str] = {}
        self._basis = BasisLinker(index)   # issue 16: an article's legal basis, linked to the indexed clause

    # -- document metadata, cached per registry generation --------------------------------------
    def _refresh_docs(self) -> None:
        gen = self.index.generation()
        with self._lock:
            if gen != self._docs_gen:
                docs = self.index.documents()
                self._docs = {d.doc_id: d for d in docs}
                self._status = index_statuses(self.index, docs)
                self._docs_gen = gen
                self._doc_text = {}

    def document_text(self, hit: Hit) -> str:
        """The folded text of the hit's whole document with its title, number and issuer (refusal's
        scope-name check), cached until the index changes."""
        from bot.answering.focus import folded
        self._refresh_docs()
        with self._lock:
            cached = self._doc_text.get(hit.doc_id)
        if cached is None:
            body = " ".join(c["text"] for c in self.index.document_chunks(hit.doc_id))
            cached = folded(f"{hit.title} {hit.number} {hit.issuer} {hit.source} {body}")
            with self._lock:
                self._doc_text[hit.doc_id] = cached
        return cached

    def document_record(self, hit: Hit):
        """The hit's document record (DocRecord, with its `meta`: dateline, publisher, places, bodies),
        for refusal's scope-name check (ingest.places.mentions)."""
        self._refresh_docs()
        return self._docs.get(hit.doc_id)

    def status(self, doc_id: int, section: str = "") -> DocStatus:
        """The document's status; with a clause's section (or Điều heading), that clause's own status
        (a compilation's articles from a replaced decree are replaced, the others are not)."""
        self._refresh_docs()
        st = self._status.get(doc_id, DocStatus())
        return st.for_section(section) if section else st

    def allowed_docs(self, filters: dict | None) -> set[int] | None:
        """Doc ids passing the filters (document: source or số hiệu; issuer: substring; year)."""
        if not filters or not any(filters.values()):
            return None
        out = set()
        want_doc = filters.get("document")
        want_issuer = fold_diacritics(str(filters.get("issuer") or "")).lower()
        want_year = str(filters.get("year") or "")
        for d in self._docs.values():
            if want_doc and want_doc not in (d.source, d.number) and number_key(want_doc) != number_key(d.number):
                continue
            if want_issuer and want_issuer not in fold_diacritics(d.issuer).lower():
                continue
            if want_year and not d.date.endswith(want_year):
                continue
            out.add(d.doc_id)
        return out

    # -- the two retrievers ------------------------------------------------------------------------
    def dense(self, query: str, n: int, allowed: set[int] | None = None) -> list[tuple[dict, float]]:
        total = self.index.vector_count()
        if not total:
            return []
        vec = self.index.embedder.embed_query(query)
        nearest = self.index.nearest_vectors(vec, n * (4 if allowed else 1) + 10)
        by_vec = self.index.chunks_by_vec_ids([vid for vid, _ in nearest])
        out = []
        for vid, dist in nearest:
            for row in by_vec.get(vid, []):  # unreferenced (orphan) vectors map to nothing
                if allowed is None or row["doc_id"] in allowed:
                    out.append((row, 1.0 - float(dist)))
        return ranking.stable_raw(out)[:n]

    def keyword(self, query: str, n: int, allowed: set[int] | None = None) -> list[tuple[dict, float]]:
        kw = self.index.keyword()
        allowed_chunks = None if allowed is None else self.index.chunk_ids_of(allowed)
        top = kw.search(query_tokens(query), n, allowed_chunks)
        rows = self.index.chunks_by_ids([cid for cid, _ in top])
        return ranking.stable_raw([(rows[cid], s) for cid, s in top if cid in rows])

    def units(self, query: str, n: int, allowed: set[int] | None = None) -> list[tuple[dict, float, dict]]:
        """Small-to-big (issue 18 item 3): the chunks whose best small unit (Khoản, Điểm, table row,
        sentence window) matches the question's keywords, with that unit's score and the unit itself.
        The whole chunk is what is returned: a unit only finds it."""
        top = self.index.units.search(query_tokens(query), n, allowed)
        rows = self.index.chunks_by_ids([cid for cid, _, _ in top])
        return [(rows[cid], s, unit) for cid, s, unit in top if cid in rows]

    def folded_idf(self, syllable: str) -> float:
        """The keyword index's idf of an accent-folded syllable (refusal's phrase weights). A syllable
        whose final "i" may also be written "y" ("ki": kỉ, kỷ) is as common as its commoner spelling."""
        kw = self.index.keyword()
        other = other_iy(syllable) if syllable.endswith("i") else None   # matching folds "sy" to "si"
        return min(kw.idf("~" + syllable), kw.idf("~" + other)) if other else kw.idf("~" + syllable)

    # -- fusion ------------------------------------------------------------------------------------
    def search(self, query: str, k: int = 10, filters: dict | None = None, all_versions: bool = False,
               mode: str = "hybrid") -> list[Hit]:
        """Top-k clauses for the question. mode: hybrid | dense | keyword | units (for evaluation)."""
        self._refresh_docs()
        allowed = self.allowed_docs(filters)
        query = query if isinstance(query, Question) else Question.of(query)   # cleaned as ask cleans it
        q = query.expanded
        # An unaccented question gets its accents back (ingest/accents.py) for the dense side. The keyword side
        # reads it both ways, fused at half weight each: folded, where a wrong accent cannot mislead, and
        # restored, where the accents tell "thi" from "thì". Restored alone (replacing the folded reading),
        # 1,120 development questions stripped of their accents did better (refused 32 → 20), but questions
        # typed without accents by the blind writers did worse (dev37: 2 lost their gold from the top 5).
        # Fused, the stripped questions are refused 27 → 19 and answered with the asked fact 989 → 1,009,
        # and the 45 development sets as typed gain 6 golds in the top 5 (session 23, docs/benchmarks.md).
        dq = q if has_diacritics(query) else self.index.keyword().restore_diacritics(q)
        dense = self.dense(dq, CANDIDATES, allowed) if mode in ("hybrid", "dense") else []
        kw = self.keyword(q, CANDIDATES, allowed) if mode in ("hybrid", "keyword") else []
        kw_restored = self.keyword(dq, CANDIDATES, allowed) if mode == "hybrid" and dq != q else []
        wu = self.settings.unit_weight if mode == "hybrid" else 1.0
        units = self.units(q, CANDIDATES, allowed) if mode == "units" or (mode == "hybrid" and wu > 0) else []
        scores: dict[int, float] = {}
        rows: dict[int, dict] = {}
        dense_s: dict[int, float] = {}
        kw_s: dict[int, float] = {}
        wd = self.settings.dense_weight if mode == "hybrid" else 1.0
        wk = self.settings.keyword_weight if mode == "hybrid" else 1.0
        wkf = wk * (1 - RESTORED_KW_WEIGHT) if kw_restored else wk
        for found, weight, raw in ((dense, wd, dense_s), (kw, wkf, kw_s), (units, wu, {}),
                                   (kw_restored, wk * RESTORED_KW_WEIGHT, {})):
            for rank, (row, s, *_) in enumerate(found):   # weighted reciprocal-rank fusion
                cid = row["chunk_id"]
                scores[cid] = scores.get(cid, 0.0) + weight / (RRF_K + rank + 1)
                rows[cid], raw[cid] = row, s
        named = mentioned_numbers(query)
        named += self.successors(named)   # "NĐ 90 còn hiệu lực không?": the decree that replaced it answers
        places, names = question_scope(query)
        cand_docs = sorted({rows[c]["doc_id"] for c in scores})
        ages = ranking.article_age_factors([self._docs[d] for d in cand_docs if d in self._docs])
        own = bool(places) and any(of_place(self._docs[d], places) for d in cand_docs if d in self._docs)
        factors = {d: self._doc_factor(d, named, places, names, ages, q, own) for d in cand_docs}   # q: "KH&ĐT" written out
        top_kw = max(kw_s.values(), default=0.0) or 1.0
        # the document whose passage both retrievers rank first (its secondary demotion is lifted)
        asked = ranking.ChunkAsk.of(q)
        consensus = dense[0][0]["doc_id"] if dense and kw and dense[0][0]["chunk_id"] == kw[0][0]["chunk_id"] else None
        cands = []
        for cid, score in scores.items():
            row = rows[cid]
            doc_id = row["doc_id"]
            factor, demote_replaced = factors[doc_id]
            if demote_replaced and not all_versions and self._clause_replaced(doc_id, row):
                factor *= REPLACED_FACTOR
            factor *= ranking.chunk_factor(row, asked)
            if doc_id == consensus and self._docs.get(doc_id) is not None and self._docs[doc_id].secondary:
                factor /= SECONDARY_FACTOR
            # Equal fused scores are common (rank 1 + rank 3 = rank 3 + rank 1): the raw scores break ties.
            cands.append(Candidate(cid, doc_id, row["position"], score * factor,
                                   kw_s.get(cid, 0.0) / top_kw + dense_s.get(cid, 0.0), ranking.group_of(row)))
        # A document the question names by number, or the one the filters keep, is what is asked for:
        # its clauses are not set aside for variety.
        exempt = frozenset(d for d in cand_docs if factors[d][0] == NAMED_DOC_BOOST and not factors[d][1])
        if allowed is not None and len(allowed) == 1:
            exempt = frozenset(allowed)
        ranked = ranking.diversify(ranking.ordered(cands), exempt=exempt)[:k]
        return [self._hit(rows[c.chunk_id], c.score, dense_s.get(c.chunk_id, 0.0), kw_s.get(c.chunk_id, 0.0))
                for c in ranked]

    def successors(self, named: list[str]) -> list[str]:
        """Folded "NN/YYYY" prefixes of the documents that replaced the ones named (by number or, for a
        compilation, by the number of a document it reproduces). A question naming a replaced document
        ("Nghị định 90/2020 còn hiệu lực không?", "quy định mới có khác Nghị định 90 không?") is answered
        by its replacement too: the replacing clause and the new rule rank with the named text."""
        out: list[str] = []
        for doc in self._docs.values():
            keys = [number_key(n) for n in [doc.number, *doc.aliases] if n]
            hit = [p for p in named if any(number_named(k, p) for k in keys)]
            if not hit:
                continue
            st = self._status.get(doc.doc_id, DocStatus())
            acting = [st] if any(number_named(number_key(doc.number), p) for p in hit) else []
            acting += [part for key, part in st.parts.items() if any(number_named(key, p) for p in hit)]
            for part in acting:
                if part.state == "replaced":
                    out += [p for b in part.by for p in mentioned_numbers(b) if p not in named]
        return list(dict.fromkeys(out))

    def _doc_factor(self, doc_id: int, named: list[str], places: list[str], names: list[str],
                    ages: dict[int, float], query: str = "", own_found: bool = False) -> tuple[float, bool]:
        """(the document's multiplier, whether its replaced clauses are still to be demoted)."""
        doc = self._docs.get(doc_id)
        if doc is None:
            return 1.0, False
        keys = [number_key(n) for n in [doc.number, *doc.aliases] if n]
        if named and any(number_named(k, p) for k in keys for p in named):
            return NAMED_DOC_BOOST, False   # the question asks for this document: no demotion
        # An article explaining the named document (its legal basis, issue 16) stands in for it when that
        # document is not indexed: "Theo QĐ 366, …" finds the article on Quy định 366-QĐ/TW.
        if named and not doc.number:
            bases = [number_key(b.get("number") or "")
                     for b in ((getattr(doc, "meta", None) or {}).get("legal_bases") or []) if isinstance(b, dict)]
            if any(number_named(k, p) for k in bases if k for p in named):
                return NAMED_DOC_BOOST, False
        factor = ranking.authority_factor(doc, places, names, query, own_found) * ages.get(doc_id, 1.0)
        if law_named(doc, query):
            factor *= LAW_NAMED_BOOST
        if doc.secondary:
            factor *= SECONDARY_FACTOR
        return factor, True

    def _clause_replaced(self, doc_id: int, row: dict) -> bool:
        st = self._status.get(doc_id)
        return bool(st) and st.for_section(row.get("dieu") or row.get("section") or "").state == "replaced"

    def _hit(self, row: dict, score: float, ds: float, ks: float) -> Hit:
        doc = self._docs[row["doc_id"]]
        st = self._status.get(doc.doc_id, DocStatus()).for_section(row.get("dieu") or row.get("section") or "")
        return Hit(chunk_id=row["chunk_id"], doc_id=doc.doc_id, score=score, source=doc.source, title=doc.title,
                   number=doc.number, issuer=doc.issuer, date=doc.date, section=row["section"], text=row["text"],
                   position=row["position"], dieu=row["dieu"], status=st.label, secondary=doc.secondary,
                   dense_score=ds, keyword_score=ks, section_path=row.get("section_path") or [],
                   page=row.get("page") or 0, scanned=bool(row.get("scanned")),
                   **source_fields(doc, row["text"], self._docs, self._docs_gen, self._basis))

    def clause(self, chunk_id: int) -> Hit | None:
        """The Hit for one indexed clause (a legal basis a face opens), or None when it is gone."""
        self._refresh_docs()
        row = self.index.chunks_by_ids([chunk_id]).get(chunk_id)
        if row is None or row["doc_id"] not in self._docs:
            return None
        return self._hit(row, 0.0, 0.0, 0.0)

    def with_context(self, hit: Hit, max_words: int = 350) -> Hit:
        """Fill hit.context with the enclosing Điều's other parts, so a list of criteria comes back whole."""
        row = self.index.chunks_by_ids([hit.chunk_id]).get(hit.chunk_id)
        if not row or not row["parent"]:
            return hit
        parts, words = [], 0
        for sib in self.index.siblings(hit.doc_id, row["parent"]):
            if sib["chunk_id"] == hit.chunk_id:
                continue
            w = len(sib["text"].split())
            if words + w > max_words:
                break
            parts.append(sib["text"])
            words += w
        hit.context = "\n".join(parts)
        return hit

