"""Who signed a document ("Ai ký Kế hoạch 982/KH-UBND?"): answered from its signature block.

Office staff ask who signed a plan or a decision before they call the issuing office. The signature block
("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phùng Thành Vinh") ends the document, after "Nơi nhận"; the
ranking demotes that chunk (it states no rule) and the reader does not read names, so the question got the
plan's heading instead (blind dev30 d30-027). This module reads the block that closes the "Nơi nhận" chunk of the document
the question names by number, or else of the best hit's document, and quotes the line, cited.

A block without a name (a law's "CHỦ TỊCH QUỐC HỘI" as reproduced without the signer) answers nothing; the
usual checks then run. News and explainer articles have bylines, not signatures (credits.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answering.direct import Direct
from bot.answering.extractive import cite_label, doc_name
from bot.answering.question import as_question
from bot.answering.ranking import is_boilerplate
from bot.types import Answer, Hit
from ingest.validity import number_key

_ASKS = re.compile(r"\b(?:ai (?:da |la nguoi )?ky|nguoi ky|(?:do|boi) ai ky|ky boi ai|ai dung ten ky)\b")
# Without its số hiệu, a document is asked about as one: "… do ai ký ban hành", "văn bản này ai ký".
_THIS_DOCUMENT = re.compile(r"\bky ban hanh\b|\b(?:van ban|ke hoach|quyet dinh|nghi quyet|quy che|quy dinh|thong tu|"
                            r"nghi dinh|huong dan|chi thi) (?:nay|do)\b")
_MARKS = {"TM.", "T/M", "KT.", "K/T", "Q.", "TL.", "TUQ.", "T.M.", "K.T."}
SCAN_LINES = 6        # the block is among the document's last lines
WHERE = "phần ký ban hành"


def asks_signer(question: str) -> bool:
    return _ASKS.search(as_question(question).lower_folded) is not None


def signature(text: str) -> tuple[str, str, str] | None:
    """(the line, the signer's office in capitals, the name) of the last line that ends a title in capitals
    with a person's name ("… PHÓ CHỦ TỊCH Phùng Thành Vinh"), among the text's last lines; None if none."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for line in reversed(lines[-SCAN_LINES:]):
        words = line.split()
        name: list[str] = []
        while words and words[-1][:1].isupper() and any(c.islower() for c in words[-1]) and len(name) < 5:
            name.insert(0, words.pop())
        office = [w for w in words if w not in _MARKS]
        if 2 <= len(name) <= 5 and office and all(w.isupper() or not any(c.isalpha() for c in w) for w in office):
            return line, " ".join(office), " ".join(name)
    return None


def signer_answer(question: str, hits: list[Hit], retriever) -> Answer | None:
    """The signature line of the document asked about (the one whose số hiệu the question writes, else the
    best hit's), cited; None when the question does not ask who signed or the block names no one."""
    index = getattr(retriever, "index", None)
    if not hits or index is None or not asks_signer(question):
        return None
    folded = as_question(question).lower_folded
    unspaced = re.sub(r"\s+", "", folded)
    doc = next((h for h in hits[:8] if h.number and number_key(h.number) in unspaced), None)
    if doc is None and not _THIS_DOCUMENT.search(folded):
        return None      # "ai ký quyết định khen thưởng?" asks who may sign one (thẩm quyền), not who signed
    doc = doc or hits[0]
    # The block closes the "Nơi nhận" chunk, which a decision's appended Quy chế or forms may follow.
    chunks = [c for c in index.document_chunks(doc.doc_id) if is_boilerplate(c)]
    found = signature(chunks[-1]["text"]) if chunks else None
    if found is None:
        return None
    line, _, name = found
    base = retriever.clause(chunks[-1]["chunk_id"]) or doc
    cited = replace(base, section=WHERE, section_path=[WHERE], text=line, context="")
    text = (f"Người ký: {name}.\n({cite_label(cited)} [1])\n\n"
            f"Theo {doc_name(cited)}, {WHERE} [1]:\n«{line}»")
    direct = Direct(text=line, hit=cited, kind="body", unit="signature")
    return Answer(question=question, answer=text, refused=False, citations=[cited], mode="extractive",
                  direct=direct.as_dict())


__all__ = ["asks_signer", "signature", "signer_answer"]
