"""Follow-ups: a short question that continues the conversation is made to stand alone.

"Còn viên chức thì sao?" after a question on công chức, "vậy hồ sơ gửi trước ngày nào?" after two
questions on one Kỷ niệm chương: retrieval and every check need the subject the user left out. With an
LLM, it rewrites the follow-up; without, the rule below carries the earlier subject along. The rule runs
first in every face, so the extractive answer never waits for the LLM.
"""

from __future__ import annotations

import logging
import re

from bot.answering.emulation_titles import ORDER_CLASS
from bot.answering.focus import award_titles, scope_names
from bot.answering.named_documents import document_refs
from bot.answering.llm import LLMBusy, LLMUnavailable
from bot.answering.question import Question, as_question
from bot.answering.question_kind import question_kind
from bot.answering.coverage import key_terms
from bot.prompts import prompt
from ingest.abbreviations import ABBREVIATIONS
from ingest.normalize import fold_diacritics
from ingest.places import place_spans, places_in

log = logging.getLogger(__name__)

_FOLLOWUP_CUES = ("the con", "con ", "vay con", "vay thi", "the thi", "thi sao", "truong hop", "neu ",
                  "doi voi", "con doi voi", "con ve", "va ", "them ", "the ", "vay ", "o ")


_CONTRAST_CUES = ("con ", "the con ", "vay con ", "con doi voi ", "con ve ")
SHORT_TERMS = 5   # a question this short that names nothing of its own continues the conversation


def names_own_subject(question: str) -> bool:
    """The question names its own subject: a capitalised name or award title, or a document number."""
    return bool(scope_names(question) or award_titles(question) or re.search(r"\d+/\d{4}", question))


# "phong trào đó", "kế hoạch này", "văn bản nói trên", "người ấy": the question points back at what the
# conversation named. Read with its diacritics: folded, "đó" is also "Thủ đô" and "chế độ".
_POINTS_BACK = re.compile(r"(?<=\w) (?:đó|này|ấy|nói trên|trên đây)(?!\w)")


def points_back(question: str | Question) -> bool:
    return _POINTS_BACK.search(as_question(question).text.lower()) is not None


# "Khi họ sang Hà Nội thì …?" after "Người nước ngoài được tặng danh hiệu Công dân danh dự Thủ đô có những quyền
# lợi gì?": "họ" (they) are the people the conversation named, whatever else the follow-up names (blind dev68
# d68-029 named the city, was read alone and refused). Not "họ tên", "họ và tên" (a name), "dòng họ", "họ hàng".
_THEY = re.compile(r"(?<!\w)(?<!dòng )họ(?! (?:và )?tên| hàng)(?!\w)")


def says_they(question: str | Question) -> bool:
    return _THEY.search(as_question(question).text.lower()) is not None


def is_followup(question: str | Question, history: list[str]) -> bool:
    if not history:
        return False
    # A Question was folded once when it arrived; a plain string (batch search, evaluation) is folded here.
    f = as_question(question).lower_folded.strip()
    terms = key_terms(str(question))
    return (f.startswith(_FOLLOWUP_CUES) or f.rstrip(" ?").endswith("thi sao") or len(terms) <= 3
            or (points_back(question) and not names_own_subject(str(question))) or says_they(question)
            # "hạn nộp hồ sơ là khi nào?" after "Hồ sơ đề nghị xét tặng … gồm những gì?": a few words, no name
            # of its own, and a word of the last question ask about the last subject
            or (len(terms) <= SHORT_TERMS and not names_own_subject(str(question))
                and bool(set(terms) & set(key_terms(history[-1])))))


def carried_subject(question: str, previous: str) -> str:
    """The previous question to carry along, without the award it named when the follow-up swaps in
    its own ("còn Tập thể lao động xuất sắc được thưởng bao nhiêu?" after "… danh hiệu Chiến sĩ thi đua cơ
    sở …": the amount is asked for the new award, not the old one). The place and the rest stay."""
    f = as_question(question).lower_folded.strip()
    if _WHEN_IN_FORCE.search(f):
        return _without_ask(previous) or _names_only(previous)
    previous = _with_own_class(f, previous)
    if not f.startswith(_CONTRAST_CUES):
        return ((points_back(question) or says_they(question)) and _without_ask(previous)) or _subject_only(f, previous)
    previous = _without_other_level(f, previous)
    previous = _without_other_kind(question, f, previous)
    own = set(key_terms(question)) - set(key_terms(previous))
    if len(own) < 2:
        return previous
    for title in award_titles(previous):
        if fold_diacritics(title).lower() not in f:
            previous = previous.replace(title, " ")
    # "Còn theo quy định … của Hải Phòng thì …?" after a question on NĐ 233: the earlier document (and place)
    # is swapped out with the earlier award, or retrieval stays with it (eval/dev23.jsonl d23-004).
    own_places = places_in(as_question(question).text)
    if own_places or document_refs(question):
        for label, _ in document_refs(previous):
            if fold_diacritics(label).lower() not in f:
                previous = previous.replace(label, " ")
    if own_places:
        for a, b, name in sorted(place_spans(previous), reverse=True):
            if name not in own_places:
                previous = previous[:a] + " " + previous[b:]
    return re.sub(r"\s+", " ", previous).strip()


# "Còn quy định đó có hiệu lực từ ngày nào?": the date the document takes effect (or was issued) is asked, of
# the document the previous question was answered from. Its subject and place find that document; its own
# ask ("bị kỷ luật thì còn được hoàn thành tốt nhiệm vụ không") pulls back the clause that answered it
# (eval/dev28.jsonl d28-032).
_WHEN_IN_FORCE = re.compile(r"\b(?:co hieu luc|hieu luc thi hanh|ban hanh|ap dung) (?:tu |ke tu |vao |tu khi |tu luc )?"
                            r"(?:ngay nao|khi nao|luc nao|bao gio|thoi diem nao)")


def _names_only(previous: str) -> str:
    """The documents, titles and places the previous question names."""
    named = [label for label, _ in document_refs(previous)] + award_titles(previous) + scope_names(previous)
    return " ".join(dict.fromkeys(named))


# A grade ("hoàn thành xuất sắc nhiệm vụ", "hoàn thành tốt", "loại Giỏi"): "Còn mức hoàn thành nhiệm vụ
# thì cần bao nhiêu điểm?" asks for that grade instead of the one asked before, whose words would
# otherwise lead the reader back to the earlier grade's threshold.
_LEVEL_WORDS = (r"\b(?:khong )?hoan thanh (?:xuat sac |tot )?nhiem vu\b|\bhoan thanh (?:xuat sac|tot)\b"
                r"|\b(?:loai|muc) (?:gioi|kha|trung binh|yeu|xuat sac|tot)\b")
# Typed as cadres shorten it too: "xếp loại HTXSNV" (blind dev57 d57-046: "Vậy còn mức hoàn thành nhiệm vụ thì …"
# was read with the earlier HTXSNV and answered from its Khoản). The codes are the abbreviation table's grades.
_LEVEL_CODES = sorted(fold_diacritics(code).lower() for code, full in ABBREVIATIONS.items()
                      if re.fullmatch(_LEVEL_WORDS, fold_diacritics(full)))
_LEVEL = re.compile(_LEVEL_WORDS + r"|\b(?:" + "|".join(_LEVEL_CODES) + r")\b")


def _without_other_level(folded_followup: str, previous: str) -> str:
    """The previous question without the grade it asked about, when the follow-up names another one."""
    mine = _LEVEL.search(folded_followup)
    words = previous.split()
    folded = [fold_diacritics(w).lower().strip(",.?;:") for w in words]
    theirs = _LEVEL.search(" ".join(folded))
    if not mine or not theirs or theirs.group(0) == mine.group(0):
        return previous
    start = len(" ".join(folded)[:theirs.start()].split())
    end = start + len(theirs.group(0).split())
    return " ".join(words[:start] + words[end:])


# An order's class ("hạng Nhất"): "Thế hạng Ba thì …?" asks the previous question of that class instead.
_CLASS = re.compile(rf"\b{ORDER_CLASS}\b")
_CLASS_WORDS = {"nhat": "Nhất", "nhi": "Nhì", "ba": "Ba"}


def _with_own_class(folded_followup: str, previous: str) -> str:
    """The previous question with its order's class replaced by the one the follow-up names."""
    mine = _CLASS.search(folded_followup)
    if not mine:
        return previous
    return re.sub(r"(?i)\b(hạng|hang)\s+(nhất|nhì|ba|nhat|nhi)\b", lambda m: f"{m.group(1)} {_CLASS_WORDS[mine.group(1)]}",
                  previous)


# What a follow-up asks of its own ("… tối đa được bao lâu?"): the previous question's own ask ("… thì
# được hưởng lương thế nào?") is then left behind, or it pulls back the clause that answered it.
_OWN_ASK = re.compile(r"\b(bao lau|bao nhieu|may (ngay|thang|nam|lan|nguoi)|khi nao|luc nao|ngay nao|o dau|gom nhung gi"
                      r"|(co quan|don vi|cap|to chuc) nao)\b")


# "Thế hạng Ba thì được bao nhiêu?": a bare "bao nhiêu" asks again what the previous question asked ("… thưởng
# mấy lần mức lương cơ sở"), not a count of its own (dev45 d45-041 was told "không nêu số lượng").
_BARE_HOW_MANY = re.compile(r"\bbao nhieu(?: (?:a|vay|the|nhi|nhe|ha|the a))?\s*\??\s*$")


def _subject_only(folded_followup: str, previous: str) -> str:
    """The previous question up to its last "thì" (its subject and condition) when the follow-up asks
    its own figure; the whole previous question otherwise."""
    if not _OWN_ASK.search(folded_followup) or folded_followup.rstrip(" ?").endswith("thi sao") \
            or _BARE_HOW_MANY.search(folded_followup):
        return previous
    cut = [m.start() for m in re.finditer(r"\sthì\s", previous, re.I)]
    head = previous[:cut[-1]].strip() if cut else ""
    return head if len(head.split()) >= 3 else previous


# Where a question's ask begins ("… cho tối đa bao nhiêu người?", "… phải gửi trước ngày nào?"), folded.
# "lấy cái gì chia cho cái gì để ra tỷ lệ" asks from "cái gì" (blind dev106 d106-056 carried that ask into its
# follow-up "tiêu chí chuyển đổi số trong phiếu đó thì căn cứ vào đâu để chấm?" and was told "không nêu tỷ lệ").
_ASK_START = re.compile(r"\b(?:(?:toi da|toi thieu|it nhat) )?(?:bao nhieu|bao lau|may|khi nao|luc nao|truoc ngay nao|ngay nao"
                        r"|la gi|gom nhung gi|nhung gi|nhu the nao|the nao|o dau|la ai|ai|nao|co duoc|co phai"
                        r"|(?:cai|viec|dieu) gi)\b")


def _without_other_kind(question: str, folded_followup: str, previous: str) -> str:
    """The previous question without its ask when the follow-up asks a thing of another kind: "Còn người
    ngoài ngành thì phải gửi hồ sơ trước bao lâu?" after "… phải gửi trước ngày nào?" asks a duration, not a
    day (blind dev60 d60-020); "còn thi hộ … thì bị xử lý hình thức gì?" after "… bị trừ bao nhiêu điểm?"
    asks no score (dev61 d61-052). Both were refused "không nêu" the earlier kind."""
    own = question_kind(question)
    if own == question_kind(previous) or (own == "other" and not re.search(r"\b(?:gi|nao)\b", folded_followup)):
        return previous
    return _without_ask(previous) or previous


def _without_ask(previous: str) -> str:
    """What a follow-up that points back ("phong trào đó", "danh hiệu này") points at: the previous question
    up to where its own ask begins ("Mỗi năm Hà Nội xét tặng danh hiệu “Công dân Thủ đô ưu tú” cho" of "…
    cho tối đa bao nhiêu người?"). The ask would pull back the clause that answered it. "" when too little
    is left."""
    words = previous.split()
    folded = " ".join(fold_diacritics(w.lower()).strip("?,.;:!\"“”") for w in words)
    m = _ASK_START.search(folded)
    if m is None:
        return ""
    n = len(folded[:m.start()].split())
    if n < 3:
        return ""
    # a document, title or place named after the ask ("… gồm những gì theo Quyết định 86 của Bắc Ninh?")
    return " ".join([*words[:n], _names_only(" ".join(words[n:]))]).strip()


def standalone_question(question: str | Question, history: list[str], llm=None) -> str:
    """Rewrite an elliptical follow-up into a question that stands alone.

    With an LLM: the LLM rewrites it. Without: the previous question is carried along, which keeps
    its subject ("danh hiệu Chiến sĩ thi đua cơ sở") for retrieval.
    """
    if not is_followup(question, history):
        return question   # a Question stays one, with its folded forms
    question = str(question)
    if llm is not None:
        try:
            hist = "\n".join(f"- {h}" for h in history[-3:])
            out = llm.complete([("user", prompt("rewrite").format(history=hist, question=question))]).strip()
            out = out.split("\n")[0].strip().strip('"')
            if 5 <= len(out) <= 400:
                return out
        except (LLMBusy, LLMUnavailable) as exc:
            log.warning("follow-up rewrite by the LLM failed, using the rule: %s", exc)
    return f"{question} {carried_subject(question, conversation_subject(history))}"


def conversation_subject(history: list[str]) -> str:
    """The last question, or, when it was itself a follow-up ("Nam phải công tác trong ngành bao nhiêu
    năm?"), the subject it carried from further back ("Kỷ niệm chương Vì sự nghiệp Kế hoạch và Đầu tư …")
    with its own words only if it named a subject or contrasted one ("Còn đối với viên chức thì sao?")."""
    last = history[-1]
    if len(history) < 2 or not is_followup(last, history[:-1]):
        return last
    carried = carried_subject(last, conversation_subject(history[:-1]))
    f = as_question(last).lower_folded.strip()
    own = last if names_own_subject(last) or f.startswith(_CONTRAST_CUES) else ""
    return f"{own} {carried}".strip()

