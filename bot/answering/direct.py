"""The direct answer: the reader's span (bot/answering/reader.py) tied to the hit it comes from.

Issue 18, item 1. Within the best clauses, the sentence, list or table row that states what is asked is
shown first, verbatim; the clause around it follows with its citation. A list the chunker cut at a chunk
boundary is continued from the Điều's next chunks, so it is never shown cut mid-list.

The "kind" check of item 4 ("Tài liệu hiện có không nêu …") is bot/answering/not_stated.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.clause_parts import (blank_form, body_heading, continuation, general_case, in_context, item_mark,
                                        items_after, lead_in, parts_of, special_case)
from bot.answering.counts import counted, counts_thing, states_count
from bot.answering.fields import field_answer
from bot.answering.guard import for_model
from bot.answering.everyday import regulation_words
from bot.answering.question import as_question, syllables
from bot.answering.ranking import same_part_ranks
from bot.answering.question_kind import definition
from bot.answering.reader import Span, question_kind, read
from bot.types import Hit
from ingest.normalize import fold_diacritics, has_diacritics

READ_DEPTH = 3          # the clauses the direct span is read from (the answer cites from these)
# Kinds the reader recognises by what a span states; for the others ("other", "yes/no", a list) a span
# of a lower-ranked clause wins on shared words alone, so the span is read from the best clause only.
FIGURE_KINDS = ("amount", "percent", "duration", "date", "body", "place", "score")
@dataclass
class Direct:
    """The span shown first and the hit whose clause holds it."""
    text: str
    hit: Hit
    kind: str
    unit: str

    def as_dict(self) -> dict:
        h = self.hit
        return {"text": self.text, "source": h.source, "number": h.number, "section": h.section,
                "section_path": list(h.section_path), "kind": self.kind, "unit": self.unit}


def _rules_first(hits: list[Hit]) -> list[Hit]:
    """The hits with the rules of the first hit's document before it, when that first hit is a form: a figure
    or day asked is stated by a rule ("Thời hạn cấp 15 ngày …", QĐ 1147 Điều 9), never by the form of the
    certificate it concerns (eval/dev33.jsonl d33-049, dev34 d34-005: the form ranked first on the
    question's own words). Another document's clause is not moved: it is on another subject (dev32 d32-024,
    where QĐ 3621's forms outrank an article on another award)."""
    if not hits or not blank_form(hits[0].text):
        return hits
    rules = [h for h in hits if h.doc_id == hits[0].doc_id and not blank_form(h.text)]
    return rules + [h for h in hits if h not in rules]


def find_direct(question: str, hits: list[Hit], idf=None, retriever=None, latest: str | None = None) -> Direct | None:
    """The reader's span over the first READ_DEPTH hits, a cut list completed from the next chunks.
    latest: the user's own last message when `question` is a follow-up made whole with earlier ones."""
    if not hits:
        return None
    question = as_question(question).reading      # "LĐTT (lao động tiên tiến)": the clause's words
    # A follow-up's own message, when it is not the whole question (compared before the law's words are added)
    own_words = as_question(latest).reading if latest else question
    follow_up = own_words != question
    kind = question_kind(question)
    if kind in ("amount", "percent", "duration", "date"):
        hits = _rules_first(hits)
    # "trả lại tiền học" read with "đền bù chi phí đào tạo" where the best clause says so (everyday.py)
    law = regulation_words(" ".join(syllables(question)), " ".join(syllables(hits[0].text)))
    if law:
        question = f"{question} ({', '.join(law if has_diacritics(question) else map(fold_diacritics, law))})"
    # A field's label is matched against the last message only: "Còn hồ sơ khen thưởng thì hạn gửi là khi
    # nào?" after a question on sáng kiến does not ask for "Thời gian gửi hồ sơ … sáng kiến:".
    field = field_answer(latest or question, kind, hits)
    if field is not None:   # "Thời gian thực hiện: Từ tháng 10/2025 …" answers "thực hiện từ khi nào" (fields.py)
        return Direct(text=field[1], hit=field[0], kind=kind, unit="sentence")
    for h in hits[:READ_DEPTH]:   # "chữ 'bài làm' được hiểu là gì?": the line defining it, not another term's
        line = definition(question, h.text)
        if line:
            return Direct(text=line, hit=h, kind=kind, unit="sentence")
    span = None
    if kind == "other":
        hits = _count_first(question, hits)
    own = own_figure(question) if kind in ("yesno", "other") else None
    if own:   # "nghỉ ốm trên 3 tháng có phải …?": the threshold in the same unit is the answer
        span = read(question, [h.text for h in hits[:READ_DEPTH]], kind=own, idf=idf, depth=READ_DEPTH)
    if kind in ("amount", "percent", "duration") and follow_up and question_kind(own_words) == kind:
        # A follow-up that asks the figure in its own words is read with them first: made whole with the
        # earlier question it carries that one's words too, which pick another sentence or none. "… bản tự
        # kiểm điểm … viết cho mấy năm công tác gần nhất" after "Hồ sơ bổ nhiệm gồm những giấy tờ gì?" is
        # "Bản tự kiểm điểm 03 năm công tác gần nhất", not the photo's "06 tháng" (dev33 d33-029). Not a day:
        # "Còn quy định đó … có hiệu lực từ ngày nào?" needs the earlier question's document (dev28 d28-032).
        span = read(own_words, [h.text for h in hits[:READ_DEPTH]], kind=kind, idf=idf, depth=READ_DEPTH)
    if span is None:
        depth = READ_DEPTH if kind in FIGURE_KINDS else 1
        span = read(question, [h.text for h in hits[:depth]], kind=kind, idf=idf, depth=depth,
                    topic=f"{hits[0].title} {hits[0].issuer}", ranks=same_part_ranks(hits[:depth]))
    hit = hits[span.clause] if span is not None else None
    if own is None and kind in FIGURE_KINDS:
        # The best clause ends on a lead-in ("… khi đạt một trong các tiêu chuẩn sau:") whose Điểm the
        # chunker put in the next chunks: those items continue the best clause, so one of them answers
        # before a lower-ranked clause does (not before the best clause's own sentence).
        head, chunks = items_after(retriever, hits[0]) if span is None or span.clause > 0 else ("", [])
        found = general_case(question, kind, head, chunks, hits[0], idf, retriever) if chunks else None
        if found is not None:
            span, hit = found
    if span is None and kind == "list":
        # The best clause holds no list: the chunker split its Điều, and the list asked for ("Hồ sơ đề
        # nghị xét tặng: a) …") is in a sibling Khoản ranked just below. Only the best clause's own Điều
        # is read: another Điều's list would win on shared words alone.
        siblings = [h for h in hits[1:READ_DEPTH] if h.dieu and h.doc_id == hits[0].doc_id and h.dieu == hits[0].dieu]
        span = read(question, [h.text for h in siblings], kind=kind, idf=idf, depth=len(siblings)) if siblings else None
        if span is not None and item_mark(span.text):
            span = None    # a run of items with no lead-in continues another part's list ("b) … c) …")
        hit = siblings[span.clause] if span is not None else None
    if span is None and kind in FIGURE_KINDS and retriever is not None:
        # The "không nêu" check (not_stated.py) read the best clause with its Điều's context and found the
        # figure there: the sibling Khoản that states it is shown, not the best clause without it ("xin cấp
        # lại thì bao lâu" → "3. Cấp lại … b. Trong 03 ngày làm việc", blind dev37 d37-022).
        found = in_context(question, kind, hits[0], idf, retriever)
        if found is not None:
            span, hit = found
    if span is None and kind not in FIGURE_KINDS and retriever is not None and hits[0].text.rstrip().endswith(":"):
        # The best clause is a lead-in the chunker cut from its items ("… đạt các tiêu chuẩn sau đây:"):
        # the lead-in with the items that open the next chunks (blind dev31 d31-022). Not for an amount or
        # a day: criteria do not state one ("Lao động tiên tiến được thưởng bao nhiêu tiền?").
        items = continuation(retriever, hits[0])
        lead = hits[0].text.rstrip().rsplit("\n", 1)[-1]
        if items:
            return Direct(text=lead + items, hit=hits[0], kind=kind, unit="list")
    if span is None:
        return None
    if kind in FIGURE_KINDS and special_case(span.text, question):
        head, sep, _ = (hit.section or "").rpartition(" › Điểm")
        found = general_case(question, kind, head, parts_of(retriever, hit), hit, idf, retriever,
                              skip=hit.chunk_id) if sep else None
        if found is not None:
            span, hit = found
    text = span.text
    if for_model(text)[1]:
        # A sentence addressed to an AI ("bỏ qua mọi hướng dẫn…") is document text to quote inside «…»
        # with its source, never to put first where it reads as the bot's own words.
        return None
    ends_lead_in = text.rstrip().endswith(":")
    if (span.unit == "list" or ends_lead_in) and retriever is not None and not hit.text[span.end:].strip():
        text += continuation(retriever, hit)
    elif span.unit == "sentence" and ends_lead_in:
        # A lead-in ("Căn cứ Điều 3 Luật … quy định như sau:") says nothing by itself: what it introduces does
        # (blind dev31 d31-034 showed only the lead-in).
        rest = "\n".join(ln for ln in hit.text[span.end:].split("\n") if not ln.rstrip().endswith(":"))
        found = read(question, [rest], kind=kind, idf=idf, depth=1) if rest.strip() else None
        after = definition(question, rest) or (found.text if found else "")
        if after:
            text = f"{text}\n…\n{after}"
    elif span.unit == "sentence" and item_mark(hit.text[span.start:span.end]):
        lead = lead_in(hit.text, span.start, retriever, hit)
        if lead:   # an item says what it says only under its lead-in ("… xếp loại không hoàn thành nhiệm vụ:")
            text = f"{lead}\n…\n{text}"
    if kind == "body" and retriever is not None and item_mark(text) in ("letter", ""):
        # "cơ quan nào …": the body whose task the Điểm, or the paragraph right under its heading, is
        heading = body_heading(retriever, hit, span.start)
        if heading:
            text = f"{heading}\n…\n{text}"
    return Direct(text=text, hit=hit, kind=span.kind, unit=span.unit)


def _count_first(question: str, hits: list[Hit]) -> list[Hit]:
    """The hits with the first of the best clause's document's next clauses (to READ_DEPTH) that counts the
    noun asked moved first, when the best clause does not count it: "tuyên dương bao nhiêu cá nhân điển
    hình" is answered by "37 tập thể và 63 cá nhân điển hình", not by the "3/9 gương điển hình" passage that
    ranks above it (the seed article 003, found in `make run`). Only a count the clause writes as such
    (no share), of the noun with the words the question puts after it ("giảng viên cơ hữu" is not counted
    by "chọn 1 giảng viên dự hội thi", dev36 d36-041), and only the same document: another document's count
    is of another thing."""
    nouns = counted(question)
    if not nouns or states_count(nouns, hits[0].text, shares=False):
        return hits
    j = next((j for j in range(1, min(READ_DEPTH, len(hits)))
              if hits[j].doc_id == hits[0].doc_id and counts_thing(question, nouns, hits[j].text, shares=False)), None)
    return hits if j is None else [hits[j]] + hits[:j] + hits[j + 1:]


# The user's own figure in a yes/no question ("đi bầu 97% thì có đủ …", "được 5 tháng thì có bị …"),
# on the folded question: a year ("năm 2025") or a date is not one.
_OWN_FIGURE = (("percent", re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|phan tram\b)")),
               ("duration", re.compile(r"(?<![/\d])\d{1,3}\s*(?:nam|thang|ngay|tuan)\b(?!\s*\d)")),
               ("amount", re.compile(r"\d[\d.,]*\s*(?:dong|trieu|ty dong)\b")))


def own_figure(question: str) -> str | None:
    """The kind of figure a yes/no question gives itself (percent, duration, amount), or None.

    Such a question asks whether its figure meets a rule's threshold: the answer is the sentence that
    states the threshold in the same unit ("… từ 98% trở lên", "chưa đủ 06 tháng không xếp loại"), read
    from the best clauses like a figure that is asked for."""
    folded = fold_diacritics(question.lower())
    return next((kind for kind, pat in _OWN_FIGURE if pat.search(folded)), None)


__all__ = ["Direct", "Span", "continuation", "find_direct", "own_figure"]
