"""A labelled field that answers a "when" or "how long" question: "Thời gian thực hiện: Từ tháng 10/2025 …".

Plans and administrative procedures state their dates and durations as fields, a label and its value:
"2. Thời gian thực hiện: Từ tháng 10/2025 đến khi …" (a province's plan), "Tổng thời gian thực hiện TTHC:
150 ngày" (the Ministry of Health's procedure). The question names the label in its own words ("được thực
hiện từ thời điểm nào", "tổng thời gian giải quyết … bao nhiêu ngày"), but the rest of it repeats the plan's
or the award's long title, which every chunk of the document shares. So the chunk holding the field ranks
fourth to eighth, below the reader's depth, and the answer quoted the document's opening lines or another
step's "5 ngày".

Here a field of the best document's clauses (up to the eighth) answers first when the question holds every
word of its label but the generic ones ("thời gian", "thực hiện", "xử lý" …) and at least one word beyond
"thời gian", and its value states the kind asked. "Thời gian gửi hồ sơ đề nghị công nhận sáng kiến:" does not
answer when hồ sơ đề nghị khen thưởng are sent; a form's blank "Thời gian bồi dưỡng: từ ngày...tháng..."
answers nothing.
"""

from __future__ import annotations

import re

from bot.answering.kind_stated import states
from ingest.normalize import fold_diacritics

# A label that opens a line ("2. Thời gian thực hiện:", "Tổng thời gian xử lý theo quy định:"), then its
# value on the same or the next line.
_FIELD = re.compile(r"^[ \t]*(?:\d+[.)][ \t]*)?((?:Tổng[ \t]+)?(?:Thời gian|Thời hạn)[^:\n]{0,60}):[ \t]*\n?[ \t]*(\S[^\n]*)",
                    re.M | re.I)
# Words of a label that say no more than "when": not needed in the question. The others are ("sáng kiến").
_LABEL_GLUE = set("thoi gian han theo quy dinh cua ve va cac".split())
_GENERIC = set("thuc hien xu ly giai quyet tthc to chuc".split())
_BLANK = re.compile(r"\.\.\.|…")    # a form's blank to fill in
DEPTH = 8


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold_diacritics(text.lower())))


def _names_label(label: str, asked: set[str]) -> bool:
    words = _words(label) - _LABEL_GLUE
    return bool(words & asked) and (words - _GENERIC) <= asked


def field_answer(question: str, kind: str, hits: list) -> tuple[object, str] | None:
    """(hit, the verbatim label-and-value text) of the first field among the best document's clauses
    that answers a date or duration question; None when there is none."""
    if kind not in ("date", "duration") or not hits:
        return None
    asked = _words(question)
    doc = hits[0].doc_id
    for h in hits[:DEPTH]:
        if h.doc_id != doc:
            continue
        for m in _FIELD.finditer(h.text):
            value = m.group(2)
            if _names_label(m.group(1), asked) and not _BLANK.search(value) and states(kind, value, question):
                return h, h.text[m.start():m.end()].strip()
    return None


__all__ = ["field_answer"]
