"""The notes under an answer: a count the clauses do not state, a name the source does not mention, a cited
document that is replaced, amended or not yet in force. Each is one line "Lưu ý: …" appended to the answer."""

from __future__ import annotations

from bot.answering.counts import count_not_stated
from bot.answering.not_stated import checked_texts
from bot.answering.question import Question
from bot.answering.question_kind import question_kind
from bot.types import Hit

COUNT_NOTE = "Lưu ý: văn bản trích dẫn không nêu số lượng mà câu hỏi hỏi."


def count_notes(question: Question, hits: list[Hit]) -> list[str]:
    """A note when the question asks how many of a thing and none of the best clauses counts it
    (bot/answering/counts.py). A note, not a refusal: a clause may count it under another noun ("mấy nhóm
    đối tượng" answered by "2 đối tượng"), and refusing those cost 2 of eval/dev15.jsonl's 35 answerable
    count questions (docs/benchmarks.md)."""
    if question_kind(question.reading) != "other" or not hits:
        return []
    titles = [h.title for h in hits]
    return [COUNT_NOTE] if count_not_stated(question.reading, checked_texts(hits), titles) else []


def name_notes(sup) -> list[str]:
    """"Lưu ý: văn bản trích dẫn không nêu “tỉnh Quảng Ninh”." for each name answered without (refusal.py)."""
    return [f"Lưu ý: văn bản trích dẫn không nêu “{n}”." for n in getattr(sup, "unnamed", [])]


def status_warnings(hits: list[Hit], retriever) -> list[str]:
    """Plain Vietnamese warnings for cited documents that are replaced, amended or not yet in force."""
    out = []
    for h in hits:
        st = retriever.status(h.doc_id)
        if st.state in ("replaced", "amended", "not_yet") or (st.by and st.state != "secondary"):
            msg = f"Lưu ý: văn bản {h.number or h.title} {st.label}."
            if msg not in out:
                out.append(msg)
    return out


def with_warnings(text: str, warnings: list[str]) -> str:
    """The answer says plainly when it rests on a replaced, amended or not-yet-valid document."""
    return text + ("\n\n" + "\n".join(warnings) if warnings else "")


__all__ = ["COUNT_NOTE", "count_notes", "name_notes", "status_warnings", "with_warnings"]
