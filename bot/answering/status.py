"""Which rule is in force: each indexed document's status from the relations between documents.

A document is *replaced* when an indexed document replaces, repeals or ends it (and that act has
taken effect), *partly amended* when one amends it, *not yet in force* when its effective date is
after today, *secondary* when it is an explainer article or news. Relations come from the documents'
own text (found at ingest) plus the operator's file `relations.json` under the data dir, which is
read at answer time and so survives any re-ingest.

A compilation (the Bộ Pháp điển's "Điều 5.2.NĐ.8.12", each article noted with the document it comes
from: "(Điều 12 Nghị định số 90/2020/NĐ-CP …)") is never replaced as a whole by an act on one of the
documents it compiles: only the articles taken from that document are (`DocStatus.parts`), and the
others keep their status. `DocStatus.for_section` gives a clause's own status.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.loaders.ocr import list_mark
from ingest.normalize import fold_diacritics
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
    # A compilation's parts: number_key of a compiled document -> the status of the articles taken
    # from it; origins: article code prefix ("5.2.NĐ.8") -> that number_key.
    parts: dict[str, "DocStatus"] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    rest: "DocStatus | None" = None     # a compilation's status for articles whose document is untouched

    def for_section(self, section: str) -> "DocStatus":
        """The status of one clause: a compiled article's own part status (the untouched ones keep the
        compilation's status without the note on other parts), else the document's."""
        if not self.parts:
            return self
        code = part_code(section)
        key = self.origins.get(code) if code else None
        if not key:
            return self
        return self.parts.get(key) or self.rest or self


# "Điều 5.2.NĐ.8.12" (Pháp điển numbering): đề mục 5.2, the 8th Nghị định of it, its Điều 12.
_CODE = re.compile(r"Điều\s+(\d+(?:\.\d+)*\.[A-ZĐ]{1,4}(?:\.\d+)*)\.\d+[a-zđ]?\b")
_ORIGIN = re.compile(r"Điều\s+(\d+(?:\.\d+)*\.[A-ZĐ]{1,4}(?:\.\d+)*)\.\d+[a-zđ]?\.[^\n(]{0,300}?\s*"
                     r"\(Điều\s+\d+\w*\s[^()]{0,120}?\bsố\s+(\d{1,4}/\d{4}/[\w\-]+)")


def part_code(section: str) -> str:
    """ "Mục 6 › Điều 5.2.NĐ.8.12 › Khoản 1" -> "5.2.NĐ.8"; "" for ordinary numbering."""
    m = _CODE.search(section or "")
    return m.group(1) if m else ""


def is_compilation(doc: DocRecord) -> bool:
    """A Bộ Pháp điển extract: articles of several documents, each with its origin noted."""
    kind = fold_diacritics(f"{doc.doc_type} {doc.title[:40]}").lower()
    return kind.startswith("phap dien") or " phap dien" in f" {kind}"


def compilation_origins(chunks: list[dict]) -> dict[str, str]:
    """Article code prefix -> number_key of the document its articles come from, read from the
    origin note under each heading ("Điều 5.2.NĐ.8.12. … (Điều 12 Nghị định số 90/2020/NĐ-CP …")."""
    out: dict[str, str] = {}
    for c in chunks:
        for m in _ORIGIN.finditer(c.get("text") or ""):
            out.setdefault(m.group(1), number_key(normalize_number(m.group(2))))
    return out


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


def _acts(docs: list[DocRecord], manual: list[dict]) -> list[tuple]:
    """(actor số hiệu, actor's effective date, kind, target key, partial, relation's effective date)."""
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
    return acts


def _apply(st: DocStatus, keys: set[str], acts: list[tuple], today: dt.date) -> DocStatus:
    """The status `st` becomes under the acts that target one of `keys`."""
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
    return st


def _compilation_status(d: DocRecord, base: DocStatus, acts: list[tuple], today: dt.date,
                        origins: dict[str, str]) -> DocStatus:
    """A compilation: each compiled document acted on becomes a part status; the whole stays as it was
    unless every compiled document is replaced, and its label says which part is no longer in force."""
    names = {number_key(n): n for n in [d.number, *d.aliases] if n}
    names.update({k: k for k in origins.values() if k not in names})
    parts: dict[str, DocStatus] = {}
    for key in sorted(names):
        part = _apply(DocStatus(), {key}, acts, today)
        if part.state != "in_force" or part.label:
            parts[key] = part
    if not parts:
        return base
    notes = [f"phần trích {names[k]} {p.label}" for k, p in sorted(parts.items())]
    replaced = {k for k, p in parts.items() if p.state == "replaced"}
    st = DocStatus(base.state, base.label, list(base.by), base.since, parts, dict(origins), rest=base)
    if replaced and origins and set(origins.values()) <= replaced:
        st.state = "replaced"   # every compiled document is out of force
    elif replaced and st.state == "in_force":
        st.state = "amended"    # partly out of force: listed and warned like a partly amended document
    note = ("một phần không còn hiệu lực: " if replaced else "") + "; ".join(notes)
    st.label = "; ".join(x for x in (base.label, note) if x)
    st.by = st.by + [b for p in parts.values() for b in p.by if b not in st.by]
    return st


def compute_statuses(docs: list[DocRecord], manual: list[dict], today: dt.date | None = None,
                     origins: dict[int, dict[str, str]] | None = None) -> dict[int, DocStatus]:
    """Each document's status. origins: for compilations, doc_id -> {article code prefix: number_key}
    (`compilation_origins`), so an act on a compiled document marks only its articles."""
    today = today or dt.date.today()
    acts = _acts(docs, manual)
    out: dict[int, DocStatus] = {}
    for d in docs:
        st = DocStatus()
        if d.secondary:
            st = DocStatus("secondary", "tài liệu tham khảo, không phải văn bản gốc")
        eff = parse_date(d.effective_date)
        if eff and eff > today:
            st = DocStatus("not_yet", f"chưa có hiệu lực (có hiệu lực từ {d.effective_date})", since=d.effective_date)
        if is_compilation(d):
            st = _compilation_status(d, st, acts, today, (origins or {}).get(d.doc_id, {}))
        else:
            st = _apply(st, {number_key(n) for n in [d.number, *d.aliases] if n}, acts, today)
        if st.state == "in_force" and not st.label:
            st.label = f"đang có hiệu lực (từ {d.effective_date})" if d.effective_date else ""
        out[d.doc_id] = st
    return out


def index_statuses(index, docs: list[DocRecord] | None = None) -> dict[int, DocStatus]:
    """compute_statuses for an index: its documents, the operator's relations, compilations' origins."""
    docs = index.documents() if docs is None else docs
    origins = {d.doc_id: compilation_origins(index.document_chunks(d.doc_id)) for d in docs if is_compilation(d)}
    return compute_statuses(docs, load_manual_relations(index.data_dir), origins=origins)


def documents_with_status(index) -> list[dict]:
    docs = index.documents()
    statuses = index_statuses(index, docs)
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
