"""The direct answer: the reader's span (bot/answering/reader.py) tied to the hit it comes from.

Issue 18, item 1. Within the best clauses, the sentence, list or table row that states what is asked is
shown first, verbatim; the clause around it follows with its citation. A list the chunker cut at a chunk
boundary is continued from the Điều's next chunks, so it is never shown cut mid-list.

The "kind" check of item 4 ("Tài liệu hiện có không nêu …") is bot/answering/not_stated.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.counts import counted, states_count
from bot.answering.fields import field_answer
from bot.answering.guard import for_model
from bot.answering.everyday import regulation_words
from bot.answering.question import as_question, syllables
from bot.answering.ranking import same_part_ranks
from bot.answering.reader import Span, question_kind, read
from bot.types import Hit
from ingest.normalize import fold_diacritics, has_diacritics

READ_DEPTH = 3          # the clauses the direct span is read from (the answer cites from these)
# Kinds the reader recognises by what a span states; for the others ("other", "yes/no", a list) a span
# of a lower-ranked clause wins on shared words alone, so the span is read from the best clause only.
FIGURE_KINDS = ("amount", "percent", "duration", "date", "body", "place", "score")
# List markers by kind: a list of Điểm (a, b, c) continues with Điểm and their dashes, never with the
# next Khoản ("2. …") that closes it.
_MARKS = (("letter", re.compile(r"^\s*[a-zđ](?:\.\d+)?\)")), ("number", re.compile(r"^\s*\d+(?:\.\d+)*[.)]\s")),
          ("paren", re.compile(r"^\s*\((?:\d+|[a-zđ])\)")), ("dash", re.compile(r"^\s*[-–•*+]\s")))


def _mark(line: str) -> str:
    return next((kind for kind, pat in _MARKS if pat.match(line)), "")


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


# A form to fill in (a Phụ lục's "Mẫu", "Tổ chức từ ngày …… tháng …… năm ……"): its blanks state nothing.
_BLANK = re.compile(r"…+|\.{4,}")
FORM_BLANKS = 4


def blank_form(text: str) -> bool:
    """Whether a chunk is a form with blanks to fill in rather than a rule."""
    return len(_BLANK.findall(text)) >= FORM_BLANKS


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
        head, chunks = _items_after(retriever, hits[0]) if span is None or span.clause > 0 else ("", [])
        found = _general_case(question, kind, head, chunks, hits[0], idf, retriever) if chunks else None
        if found is not None:
            span, hit = found
    if span is None and kind == "list":
        # The best clause holds no list: the chunker split its Điều, and the list asked for ("Hồ sơ đề
        # nghị xét tặng: a) …") is in a sibling Khoản ranked just below. Only the best clause's own Điều
        # is read: another Điều's list would win on shared words alone.
        siblings = [h for h in hits[1:READ_DEPTH] if h.dieu and h.doc_id == hits[0].doc_id and h.dieu == hits[0].dieu]
        span = read(question, [h.text for h in siblings], kind=kind, idf=idf, depth=len(siblings)) if siblings else None
        if span is not None and _mark(span.text):
            span = None    # a run of items with no lead-in continues another part's list ("b) … c) …")
        hit = siblings[span.clause] if span is not None else None
    if span is None and kind in FIGURE_KINDS and retriever is not None:
        # The "không nêu" check (not_stated.py) read the best clause with its Điều's context and found the
        # figure there: the sibling Khoản that states it is shown, not the best clause without it ("xin cấp
        # lại thì bao lâu" → "3. Cấp lại … b. Trong 03 ngày làm việc", blind dev37 d37-022).
        found = _in_context(question, kind, hits[0], idf, retriever)
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
        found = _general_case(question, kind, head, _siblings(retriever, hit), hit, idf, retriever,
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
    elif span.unit == "sentence" and _mark(hit.text[span.start:span.end]):
        lead = lead_in(hit.text, span.start, retriever, hit)
        if lead:   # an item says what it says only under its lead-in ("… xếp loại không hoàn thành nhiệm vụ:")
            text = f"{lead}\n…\n{text}"
    return Direct(text=text, hit=hit, kind=span.kind, unit=span.unit)


# A list item that opens with a role ("b) Lãnh đạo Bộ, … từ đủ 05 năm trở lên nếu được điều động …") is a
# special case of its Khoản: a question that names no role asks for the general case ("a) Có thời gian
# công tác từ đủ 15 năm trở lên"), which shares fewer of its words with the question. Items are matched
# with their accents: "Trưởng phòng" is a role, "Trường hợp" is not.
_ROLES = "lãnh đạo|trưởng|phó|giám đốc|chủ tịch|người đứng đầu|thủ trưởng|bí thư"
_ROLE_ITEM = re.compile(rf"^\s*(?:[a-zđ]\)|\d+[.)]|[-–•+])?\s*(?:cán bộ |cá nhân là )?(?:{_ROLES}|người nước ngoài)\b")
# In the question, typed with or without accents.
_ROLE = re.compile(r"\b(?:lanh dao|pho|giam doc|chu tich|nguoi dung dau|bi thu|nguoi nuoc ngoai|quan ly)\b"
                   r"|\btruong\b(?! (?:hop|hoc)\b)")   # "trưởng", "thủ trưởng"; not "trường hợp"


def special_case(item: str, question: str) -> bool:
    """The item is a role's special case and the question names no role at all ("Trưởng phòng …" asks
    for "c) Lãnh đạo cấp phòng …", in other words)."""
    return bool(_ROLE_ITEM.match(item.lower())) and \
        not _ROLE.search(fold_diacritics(as_question(question).expanded.lower()))


# "“Thi đua” được hiểu là gì?", "Khen thưởng là gì?": the line that opens with the term and "là" defines it.
_DEFINED = re.compile(r"^\W*(?:.{0,80}?(?: thì|,) )?[\"“']?([^\"”'?,]{2,40}?)[\"”']? "
                      r"(?:được hiểu |được định nghĩa |nghĩa )?là gì\W*$", re.I)


def definition(question: str, text: str) -> str:
    """The line of `text` that defines the term a "X là gì?" question asks about ("1. Thi đua là hoạt động
    …"), or ""."""
    m = _DEFINED.match(as_question(question).text.strip())
    if not m:
        return ""
    term = re.escape(m.group(1).strip())
    line = re.search(rf"(?im)^\s*(?:\d+\.\s*)?{term} là\b[^?\n]*$", text)   # not a heading asking it
    return line.group(0).strip() if line else ""


def _siblings(retriever, hit: Hit) -> list[dict]:
    """The chunks of `hit`'s Điều, in order; [] without an index or outside a Điều."""
    index = getattr(retriever, "index", None)
    if index is None or hit is None:
        return []
    row = index.chunks_by_ids([hit.chunk_id]).get(hit.chunk_id)
    return index.siblings(hit.doc_id, row["parent"]) if row and row.get("parent") else []


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
    after = _after_noun(question, nouns[0])

    def counts(h: Hit) -> bool:
        words = set(syllables(h.text))
        return states_count(nouns, h.text, shares=False) and all(w in words for w in after)

    j = next((j for j in range(1, min(READ_DEPTH, len(hits))) if hits[j].doc_id == hits[0].doc_id and counts(hits[j])),
             None)
    return hits if j is None else [hits[j]] + hits[:j] + hits[j + 1:]


_CLOSING = {"thi", "la", "vay", "a", "nhe", "khong", "duoc", "da", "se", "dang", "roi", "ha", "the", "nao", "gi", "ko"}


def _after_noun(question: str, noun: str) -> list[str]:
    """The two words (folded) the question puts after the counted noun, closing words left out."""
    words = syllables(question)
    head = noun.split()
    for i in range(len(words) - len(head) + 1):
        if words[i:i + len(head)] == head:
            return [w for w in words[i + len(head):i + len(head) + 2] if w not in _CLOSING]
    return []


def _in_context(question: str, kind: str, best: Hit, idf, retriever) -> tuple[Span, Hit] | None:
    """The span of the asked kind in the other parts of the best clause's Điều that its context holds
    (Retriever.with_context), with the Hit to cite, ranked as the best clause; None when none states it."""
    sibs = [sib for sib in _siblings(retriever, best) if sib["chunk_id"] != best.chunk_id
            and sib["text"] in (best.context or "") and not blank_form(sib["text"])]
    found = read(question, [sib["text"] for sib in sibs], kind=kind, idf=idf, depth=len(sibs)) if sibs else None
    clause = retriever.clause(sibs[found.clause]["chunk_id"]) if found is not None else None
    if clause is None:
        return None
    clause.score, clause.dense_score, clause.keyword_score = best.score, best.dense_score, best.keyword_score
    return Span(0, found.start, found.end, found.text, found.kind, found.unit, found.score), clause


def _items_after(retriever, hit: Hit) -> tuple[str, list[dict]]:
    """(the Khoản's section, the Điều's chunks) when `hit` ends on a lead-in line and the next chunk of
    its Điều is a Điểm; ("", []) otherwise."""
    lines = [ln for ln in hit.text.split("\n") if ln.strip()]
    if not lines or not lines[-1].rstrip().endswith(":"):
        return "", []
    chunks = _siblings(retriever, hit)
    after = [sib for sib in chunks if sib["position"] > hit.position]
    head, sep, _ = ((after[0].get("section") or "") if after else "").rpartition(" › Điểm")
    return (head, chunks) if sep else ("", [])


def _general_case(question: str, kind: str, head: str, chunks: list[dict], anchor: Hit, idf, retriever,
                  skip: int | None = None) -> tuple[Span, Hit] | None:
    """The Điểm of the Khoản `head` (among the Điều's `chunks`, not `skip`) that states the asked kind for
    no particular role, with the Hit to cite, ranked as `anchor`; None when there is none."""
    items = [sib for sib in chunks if (sib.get("section") or "").startswith(head + " › Điểm")]
    sibs = [sib for sib in items if sib["chunk_id"] != skip and not special_case(sib["text"], question)]
    if not sibs:
        return None
    # Read under the Khoản's lead-in ("3. Cá nhân đang công tác trong Ngành … khi đạt một trong các tiêu
    # chuẩn sau:"), the last one above its first Điểm: the item alone shares too few words with the question.
    above = [ln for sib in chunks if sib["position"] < items[0]["position"] for ln in sib["text"].split("\n")]
    lead = next((_lead(ln) for ln in reversed(above) if _lead(ln)), "")
    pad = len(lead) + 1 if lead else 0
    found = read(question, [f"{lead}\n{sib['text']}" if lead else sib["text"] for sib in sibs], kind=kind,
                 idf=idf, depth=len(sibs))
    if found is None or found.start < pad:
        return None
    general = retriever.clause(sibs[found.clause]["chunk_id"])
    if general is None:
        return None
    general.score, general.dense_score, general.keyword_score = anchor.score, anchor.dense_score, anchor.keyword_score
    return Span(0, found.start - pad, found.end - pad, found.text, found.kind, found.unit, found.score), general


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


def lead_in(text: str, start: int, retriever=None, hit: Hit | None = None) -> str:
    """The line ending with ":" that a list item at `start` belongs to: above it in the clause, past
    the items before it, or the last line of the Điều's previous chunk when the item opens this one."""
    above = [ln for ln in text[:start].split("\n") if ln.strip()]
    for ln in reversed(above):
        if _lead(ln):
            return _lead(ln)
        if not _mark(ln) and not ln.lstrip()[:1].islower():
            return ""
    before = [sib for sib in _siblings(retriever, hit) if sib["position"] < hit.position]
    for sib in reversed(before):
        lines = [ln for ln in sib["text"].split("\n") if ln.strip()]
        for ln in reversed(lines):
            if _lead(ln):
                return _lead(ln)
            if not _mark(ln) and not ln.lstrip()[:1].islower():
                return ""
    return ""


_INLINE_ITEM = re.compile(r":\s+(?:[a-zđ]\)|\d+[.)]\s|[-–•]\s)")


def _lead(line: str) -> str:
    """A line's lead-in: the line when it ends with ":", or its text up to a ":" followed by an item on
    the same line ("4. Không hoàn thành nhiệm vụ … trong các trường hợp sau: a) …"); else ""."""
    if line.rstrip().endswith(":"):
        return line.strip()
    m = _INLINE_ITEM.search(line)
    return line[:m.start() + 1].strip() if m else ""


def continuation(retriever, hit: Hit) -> str:
    """The list items that continue `hit`'s last list in the next chunks of its Điều ("" if none).

    The chunker splits a long Điều at Khoản/Điểm, so "Hồ sơ gồm:" + a) b) may end one chunk and c) d)
    open the next; the items are read from the following siblings while they are list items.
    """
    kinds = [_mark(ln) for ln in hit.text.split("\n") if _mark(ln)]
    kind = next((k for k in reversed(kinds) if k != "dash"), kinds[-1] if kinds else "")   # the last item's
    if not kind and not hit.text.rstrip().endswith(":"):
        return ""
    after = [sib for sib in _siblings(retriever, hit) if sib["position"] > hit.position]
    if not kind and after:
        # The chunk ends on the lead-in itself ("… đạt các tiêu chuẩn sau đây:"): its items open the next one.
        kind = _mark(after[0]["text"].lstrip().split("\n", 1)[0])
    if not kind:
        return ""
    out = []
    for sib in after:
        lines = [ln for ln in sib["text"].split("\n") if ln.strip()]
        items = []
        for ln in lines:
            mark = _mark(ln)
            if mark == kind or (items and (mark == "dash" or (not mark and ln.lstrip()[:1].islower()))):
                items.append(ln)
            else:
                break
        out += items
        if len(items) < len(lines):
            break              # the list ended inside this chunk
    return "".join("\n" + ln for ln in out)


__all__ = ["Direct", "Span", "continuation", "find_direct", "own_figure"]
