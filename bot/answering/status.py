"""Which rule is in force: each indexed document's status from the relations between documents.

A document is *replaced* when an indexed document replaces, repeals or ends it (and that act has
taken effect), *partly amended* when one amends it, *not yet in force* when its effective date is
after today, *secondary* when it is an explainer article or news. Relations come from the documents'
own text (found at ingest) plus the operator's file `relations.json` under the data dir, which is
read at answer time and so survives any re-ingest.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest.loaders.ocr import list_mark
from ingest.types import DocRecord
from ingest.validity import normalize_number, number_key

KIND_VERB = {"replaces": "bị thay thế bởi", "ends": "hết hiệu lực theo", "repeals": "bị bãi bỏ bởi",
             "amends": "được sửa đổi, bổ sung bởi"}
RELATION_KINDS = tuple(KIND_VERB)


@dataclass
class DocStatus:
    state: str = "in_force"     # in_force | replaced | amended | not_yet | secondary
    label: str = ""             # Vietnamese, shown next to citations
    by: list[str] = field(default_factory=list)   # số hiệu of the documents acting on this one
    since: str = ""


def parse_date(s: str) -> dt.date | None:
    try:
        d, m, y = (int(x) for x in s.split("/"))
        return dt.date(y, m, d)
    except (ValueError, AttributeError):
        return None


def relations_file(data_dir) -> Path:
    return Path(data_dir) / "relations.json"


def load_manual_relations(data_dir) -> list[dict]:
    """Operator-made relations: [{"source": số hiệu or file, "kind", "target", "partial", "effective"}]."""
    try:
        data = json.loads(relations_file(data_dir).read_text(encoding="utf-8"))
        return [r for r in data if isinstance(r, dict) and r.get("kind") in RELATION_KINDS]
    except (OSError, ValueError):
        return []


def save_manual_relations(data_dir, rels: list[dict]) -> None:
    path = relations_file(data_dir)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(rels, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def compute_statuses(docs: list[DocRecord], manual: list[dict], today: dt.date | None = None) -> dict[int, DocStatus]:
    today = today or dt.date.today()
    by_key: dict[str, list[DocRecord]] = {}
    for d in docs:
        if d.number:
            by_key.setdefault(number_key(d.number), []).append(d)
    # (actor doc, kind, target key, partial, effective)
    acts = []
    for d in docs:
        for r in d.relations:
            acts.append((d.number, d.effective_date or d.date, r.kind, number_key(r.target), r.partial, r.effective))
    for r in manual:
        src = r.get("source", "")
        actor = next((d for d in docs if d.source == src or number_key(d.number) == number_key(src)), None)
        num = actor.number if actor else normalize_number(src)
        eff = (actor.effective_date or actor.date) if actor else ""
        acts.append((num, eff, r["kind"], number_key(r.get("target", "")), bool(r.get("partial")),
                     r.get("effective", "")))
    out: dict[int, DocStatus] = {}
    for d in docs:
        st = DocStatus()
        if d.secondary:
            st = DocStatus("secondary", "tài liệu tham khảo, không phải văn bản gốc")
        eff = parse_date(d.effective_date)
        if eff and eff > today:
            st = DocStatus("not_yet", f"chưa có hiệu lực (có hiệu lực từ {d.effective_date})", since=d.effective_date)
        keys = {number_key(n) for n in [d.number, *d.aliases] if n}
        for actor, actor_eff, kind, target, partial, rel_eff in acts:
            if target not in keys or number_key(actor) in keys:
                continue
            when = rel_eff or actor_eff
            when_d = parse_date(when)
            pending = when_d is not None and when_d > today
            verb = KIND_VERB[kind]
            if kind == "amends" or partial:
                if st.state in ("in_force", "secondary", "not_yet", "amended"):
                    prefix = "sẽ " if pending else ""
                    extra = f" từ {when}" if when else ""
                    label = f"{prefix}{'một phần ' if partial and kind != 'amends' else ''}{verb} {actor}{extra}"
                    st = DocStatus("amended" if st.state != "not_yet" else st.state,
                                   (st.label + "; " if st.state == "amended" else "") + label,
                                   st.by + [actor], when)
            elif pending:
                if st.state != "replaced":
                    st = DocStatus(st.state, f"còn hiệu lực đến khi {actor} có hiệu lực ({when})", [actor], when)
            else:
                st = DocStatus("replaced", f"{verb} {actor}" + (f" từ {when}" if when else ""), [actor], when)
        if st.state == "in_force" and not st.label:
            st.label = f"đang có hiệu lực (từ {d.effective_date})" if d.effective_date else ""
        out[d.doc_id] = st
    return out


def documents_with_status(index) -> list[dict]:
    docs = index.documents()
    statuses = compute_statuses(docs, load_manual_relations(index.data_dir))
    out = []
    for d in docs:
        st = statuses[d.doc_id]
        out.append({"doc_id": d.doc_id, "source": d.source, "path": d.path, "title": d.title, "number": d.number,
                    "doc_type": d.doc_type, "issuer": d.issuer, "date": d.date,
                    "effective_date": d.effective_date, "n_chunks": d.n_chunks, "secondary": d.secondary,
                    "state": st.state, "status": st.label, "replaced_by": st.by,
                    "relations": [r.__dict__ for r in d.relations],
                    # issue 16: an article's kind, own date (ISO) and newspaper (documents.meta)
                    "kind": d.kind, "published": d.meta.get("published", ""),
                    "publisher": d.meta.get("publisher", ""),
                    # issue 14: "bản quét; nhận dạng kém: trang 3 (61%)" for a document read by OCR
                    "ocr_mark": list_mark(d.ocr)})
    return out
