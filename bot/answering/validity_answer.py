"""Answer "is document X still in force?" from the relations found at ingest, citing the clause that
states the relation ("... thay thế Quyết định số 35/2024/QĐ-UBND").

Retrieval alone answers such questions badly: the clause that ends a document lives in the *newer*
document's last Điều, which rarely ranks first for a question that names the older one.
"""

from __future__ import annotations

import re

from bot.answering.question import as_question
from bot.answering.named_documents import mentioned_numbers, number_named
from bot.answering.status import KIND_VERB, load_manual_relations
from bot.types import Answer, Hit
from ingest.validity import find_numbers, number_key

_CUE = re.compile(r"(con|het|co|chua co) hieu luc|thay the|con (duoc )?ap dung|bai bo|con dung|sua doi")


# "Vi phạm xảy ra trước khi Nghị định 172/2025 có hiệu lực … thì áp dụng văn bản nào?" dates an event by the
# document's entry into force; it does not ask whether the document is in force (eval/dev33.jsonl d33-037).
_WHEN_IN_FORCE = re.compile(r"\b(?:truoc|sau|tu|ke tu) khi [^,.?;]{0,60}? co hieu luc")


def is_validity_question(question: str) -> bool:
    folded = _WHEN_IN_FORCE.sub(" ", as_question(question).lower_folded)
    return bool(_CUE.search(folded)) and bool(mentioned_numbers(question))


_RELATION = re.compile(r"thay thế|hết hiệu lực|bãi bỏ|sửa đổi|bổ sung|ngưng hiệu lực|đình chỉ", re.I)
_PREAMBLE = re.compile(r"^\s*(?:Căn cứ|Xét|Theo đề nghị)\b", re.I)


def _names_number(text: str, prefix: str) -> bool:
    """`text` writes the number `prefix` names: "90/2020" as is; "90/|nd" ("Nghị định 90") as a số hiệu of that
    number and kind ("90/2020/NĐ-CP"), read as ingest reads them."""
    if "|" not in prefix:
        return prefix in text.replace(" ", "")
    return any(number_named(number_key(n), prefix) for _, _, n in find_numbers(text))


def _states_relation(text: str, prefix: str) -> bool:
    """A sentence of `text` that names `prefix` and states a relation, outside the preamble's "Căn cứ …"
    and "Xét Tờ trình … đề nghị ban hành … thay thế …" (a proposal, not the act itself)."""
    for sent in re.split(r"\n|(?<=[.;])\s+", text):
        if _names_number(sent, prefix) and _RELATION.search(sent) and not _PREAMBLE.match(sent):
            return True
    return False


def _clause_naming(retriever, doc_id: int, prefix: str) -> Hit | None:
    """The chunk of a document whose text names the document number `prefix` ("90/2020"): the one
    that states the relation ("2. Nghị quyết này thay thế Nghị quyết số 32/2024/NQ-HĐND …", usually
    in the last Điều) before one that only names it (the preamble's "Xét Tờ trình … thay thế …")."""
    naming = [row for row in retriever.index.document_chunks(doc_id) if _names_number(row["text"], prefix)]
    row = next((r for r in naming if _states_relation(r["text"], prefix)), naming[0] if naming else None)
    return retriever._hit(row, 1.0, 0.0, 0.0) if row else None


_EFFECTIVE = re.compile(r"hiệu lực thi hành|có hiệu lực (thi hành )?(kể )?từ|có hiệu lực kể từ")


def _effective_clause(retriever, doc_id: int) -> Hit | None:
    """The document's own "có hiệu lực từ ..." clause (searched from the end, where it usually is)."""
    for row in reversed(retriever.index.document_chunks(doc_id)):
        if _EFFECTIVE.search(row["text"].lower()):
            return retriever._hit(row, 1.0, 0.0, 0.0)
    return None


def validity_answer(question: str, retriever) -> Answer | None:
    """A cited answer about a named document's validity, or None when this is not such a question."""
    if not is_validity_question(question):
        return None
    retriever._refresh_docs()
    docs = list(retriever._docs.values())
    manual = load_manual_relations(retriever.index.data_dir)
    for prefix in mentioned_numbers(question):
        acts = []
        for d in docs:
            for r in d.relations:
                if number_named(number_key(r.target), prefix) and not number_named(number_key(d.number), prefix):
                    acts.append((d, r.kind, r.target, r.partial, r.effective or d.effective_date or d.date))
        for r in manual:
            if number_named(number_key(r.get("target", "")), prefix):
                actor = next((d for d in docs if d.source == r["source"] or
                              number_key(d.number) == number_key(r["source"])), None)
                if actor:
                    acts.append((actor, r["kind"], r["target"], bool(r.get("partial")), r.get("effective") or actor.date))
        named = [d for d in docs if any(number_named(number_key(n), prefix) for n in [d.number, *d.aliases] if n)]
        lines, cites = [], []
        for actor, kind, target, partial, when in acts:
            part = "một phần " if partial and kind != "amends" else ""
            lines.append(f"Văn bản {target} đã {part}{KIND_VERB[kind]} {actor.number} "
                         f"({actor.title}){', có hiệu lực từ ' + when if when else ''}.")
            hit = _clause_naming(retriever, actor.doc_id, prefix)
            if hit and all(h.chunk_id != hit.chunk_id for h in cites):
                cites.append(hit)
        if not lines and named:
            d = named[0]
            status = retriever.status(d.doc_id)
            label = status.label or "chưa thấy văn bản nào trong dữ liệu thay thế hoặc bãi bỏ văn bản này"
            lines.append(f"Văn bản {d.number} ({d.title}): {label}.")
            hit = _effective_clause(retriever, d.doc_id)
            if hit:
                cites.append(hit)
        if lines and cites:
            refs = "\n".join(f"[{i}] {h.number}, {h.section}:\n«{h.text}»" for i, h in enumerate(cites, 1))
            text = "Theo các văn bản đã nạp:\n" + "\n".join(lines) + "\n\n" + refs
            return Answer(question=question, answer=text, refused=False, citations=cites, mode="extractive")
    return None
