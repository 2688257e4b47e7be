"""What the page and the API show: hits, answers and documents as plain dicts, plus search filters."""

from __future__ import annotations

import re
from urllib.parse import urlencode

MAX_QUERY = 2000      # characters; longer questions get a clear message instead of a slow search
STATE_LABELS = {"in_force": "đang có hiệu lực", "replaced": "đã bị thay thế", "amended": "được sửa đổi",
                "not_yet": "chưa có hiệu lực", "secondary": "tài liệu tham khảo"}


def doc_url(doc_id, chunk_id=None, query: str = "") -> str:
    """Link to the document view opened at a clause: /documents/7?q=..&c=42#chunk-42."""
    params = {}
    if query:
        params["q"] = query[:300]
    if chunk_id is not None:
        params["c"] = chunk_id
    url = f"/documents/{doc_id}" + (f"?{urlencode(params)}" if params else "")
    return url + (f"#chunk-{chunk_id}" if chunk_id is not None else "")


def state_of(status: str, secondary: bool = False) -> str:
    """A CSS-friendly state from a Vietnamese status label, when the document list is not at hand."""
    low = (status or "").lower()
    if low.startswith(("bị thay thế", "hết hiệu lực", "bị bãi bỏ")):
        return "replaced"
    if low.startswith("chưa có hiệu lực"):
        return "not_yet"
    if "sửa đổi" in low or low.startswith(("sẽ ", "còn hiệu lực đến")):
        return "amended"
    if secondary:
        return "secondary"
    return "in_force"


def hit_json(hit, rank: int | None = None, query: str = "", states: dict | None = None) -> dict:
    """A retrieved clause for the page/API (Hit fields plus rank, state and the link to open it)."""
    state = (states or {}).get(hit.doc_id) or state_of(hit.status, getattr(hit, "secondary", False))
    out = {"chunk_id": hit.chunk_id, "doc_id": hit.doc_id, "score": round(float(hit.score), 6),
           "source": hit.source, "title": hit.title, "number": hit.number, "issuer": hit.issuer,
           "date": hit.date, "section": hit.section, "section_path": list(getattr(hit, "section_path", [])),
           "dieu": getattr(hit, "dieu", ""), "text": hit.text,
           "status": hit.status, "state": state, "secondary": bool(getattr(hit, "secondary", False)),
           "url": doc_url(hit.doc_id, hit.chunk_id, query), **article_json(hit),
           "page": getattr(hit, "page", 0), "page_label": hit.page_label() if hasattr(hit, "page_label") else ""}
    if rank is not None:
        out = {"rank": rank, **out}
    return out


def article_json(hit) -> dict:
    """Issue 16: how the page names the source ("Báo Hải Phòng điện tử, 10/07/2017" for an article), its
    kind, date and paper, and an article's legal basis with a link to each quoted clause that is indexed
    (the document view opened at that Điều)."""
    refs = [{**r, "url": doc_url(r["doc_id"], r["chunk_id"]) if r.get("chunk_id") else ""} for r in hit.basis_refs]
    return {"label": hit.doc_label(), "kind": hit.kind, "published": hit.published, "publisher": hit.publisher,
            "basis": hit.basis, "basis_refs": refs}


def answer_json(answer, states: dict | None = None) -> dict:
    """An Answer with numbered citations the page can link to ([1] ↔ citations[0])."""
    q = answer.standalone_question or answer.question
    cites = []
    for n, hit in enumerate(answer.citations, 1):
        cites.append({"n": n, **hit_json(hit, query=q, states=states)})
    return {"question": answer.question, "answer": answer.answer, "body": answer.body(), "refused": answer.refused,
            "mode": answer.mode, "warnings": list(answer.warnings or []), "citations": cites,
            "nearest": list(answer.nearest or []), "timings_ms": dict(answer.timings_ms or {}),
            "direct": dict(answer.direct) if getattr(answer, "direct", None) else None,
            "llm_note": answer.llm_note, "lead": answer.lead, "llm": dict(answer.llm or {})}


def clean_filters(document: str | None = None, issuer: str | None = None, year=None) -> dict:
    """The service's filter dict from form/query values; empty and unusable values are left out."""
    out: dict = {}
    if document and document.strip():
        out["document"] = document.strip()[:200]
    if issuer and issuer.strip():
        out["issuer"] = issuer.strip()[:200]
    if year not in (None, ""):
        try:
            y = int(str(year).strip())
        except ValueError:
            y = 0
        if 1900 <= y <= 2100:
            out["year"] = y
    return out


def doc_states(documents: list[dict]) -> dict:
    return {d["doc_id"]: d.get("state") or state_of(d.get("status", ""), d.get("secondary", False))
            for d in documents}


def filter_options(documents: list[dict]) -> dict:
    """Choices for the filter boxes: documents (by số hiệu or file), issuing bodies, years."""
    docs = []
    for d in documents:
        value = d.get("number") or d.get("source")
        label = " — ".join(x for x in (d.get("number"), d.get("title") or d.get("source")) if x)
        docs.append({"value": value, "label": label[:110] + ("…" if len(label) > 110 else "")})
    docs.sort(key=lambda x: x["label"].lower())
    issuers = sorted({d["issuer"] for d in documents if d.get("issuer")}, key=str.lower)
    years = sorted({m.group(0) for d in documents for m in [re.search(r"\b(19|20)\d\d\b", d.get("date") or "")]
                    if m}, reverse=True)
    return {"documents": docs, "issuers": issuers, "years": years}


def document_json(d: dict) -> dict:
    keys = ("doc_id", "source", "title", "number", "doc_type", "issuer", "date", "effective_date",
            "n_chunks", "secondary", "status", "state", "replaced_by", "relations",
            "kind", "published", "publisher",   # issue 16: an article's kind, date (ISO) and paper
            "ocr_mark")                          # issue 14: "bản quét; nhận dạng kém: trang 3 (61%)"
    out = {k: d.get(k) for k in keys}
    out["state"] = d.get("state") or state_of(d.get("status", ""), d.get("secondary", False))
    out["url"] = doc_url(d["doc_id"])
    return out
