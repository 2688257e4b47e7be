"""A question as the answer flow reads it: cleaned once, and each folded form computed once.

`Question` is a `str` (the cleaned text), so every function that takes a question as text still
works; the forms the checks compare against — abbreviations expanded, accents folded, syllables,
padded phrase form — are computed on first use and then shared by retrieval, refusal, focus,
extractive and guard instead of each folding the question again.
"""

from __future__ import annotations

import re
from functools import cached_property

from ingest.abbreviations import expand_abbreviations
from ingest.normalize import canonical_tones, clean_spaces, fold_diacritics, fold_iy, has_diacritics, search_form

MAX_QUESTION_CHARS = 1000
_WORD = re.compile(r"[\w&]+", re.UNICODE)
_SYL = re.compile(r"\w+", re.UNICODE)


def phrase_form(text: str) -> str:
    """Lower-case, accent-folded words separated by single spaces, padded: for whole-phrase lookups
    ("Chiến sỹ" and "Chiến sĩ" are one phrase: fold_iy)."""
    return " " + " ".join(_WORD.findall(fold_iy(fold_diacritics(search_form(text)).lower()))) + " "


def syllables(text: str) -> list[str]:
    """Accent-folded syllables in the form the keyword side indexes, final i/y in one spelling (refusal's
    coverage; retrieve.folded_idf weighs "si" as "si" and "sy" together)."""
    return _SYL.findall(fold_iy(fold_diacritics(search_form(text))))


class Question(str):
    """The question text (a str) with its derived forms cached."""

    raw: str = ""

    @classmethod
    def of(cls, raw: str | None) -> "Question":
        """From user input: NFC, one line, spaces cleaned, at most MAX_QUESTION_CHARS."""
        q = cls(clean_question(raw))
        q.raw = raw or ""
        return q

    @property
    def text(self) -> str:
        return str.__str__(self)

    @cached_property
    def expanded(self) -> str:
        """Known abbreviations spelled out ("CSTĐ" → "chiến sĩ thi đua"), in the one tone placement every
        comparison uses ("hoà" → "hòa", "uỷ" → "ủy"): the embedder reads it too, and would otherwise rank a
        question typed the other way differently (eval/dev.jsonl q032)."""
        return expand_abbreviations(canonical_tones(self.text))

    @cached_property
    def reading(self) -> str:
        """The expanded question as the reader compares it: with the user's accents, or folded when typed
        without them ("ubnd (ủy ban nhân dân)": the expansion's accents are not the user's, and read accented,
        "dang vien" would not match "đảng viên")."""
        return self.expanded if has_diacritics(self.text) else fold_diacritics(self.expanded)

    @cached_property
    def lower_folded(self) -> str:
        """Lower-case, accents folded (cue phrases: follow-ups, validity questions, figure questions)."""
        return fold_diacritics(self.text.lower())

    @cached_property
    def search_folded(self) -> str:
        """search_form, lower-case, accents folded (the figure kinds a question asks for)."""
        return fold_diacritics(search_form(self.text).lower())

    @cached_property
    def phrases(self) -> str:
        """phrase_form of the question (scope names, the guard's restatement check)."""
        return phrase_form(self.text)

    @cached_property
    def syllables(self) -> list[str]:
        """Folded syllables of the expanded question (refusal's key terms and pairs)."""
        return syllables(self.expanded)


def as_question(question: str) -> Question:
    """The Question for this text, as is (no cleaning): a Question passes through, folded forms kept."""
    return question if isinstance(question, Question) else Question(question or "")


# "bn" before a unit is how chat writes "bao nhiêu" ("bn điểm", "bn tháng", "bn phần trăm"); alone it is "bạn",
# and upper-case "BN" is Bắc Ninh ("ở tỉnh BN năm 2025").
_BN = re.compile(r"(?<!\w)bn(?=\s+(?:điểm|diem|ngày|ngay|tháng|thang|năm|nam|tuần|tuan|giờ|gio|phút|phut|%|phần|phan"
                 r"|người|nguoi|lần|lan|tiền|tien|tuổi|tuoi|cá nhân|ca nhan|tập thể|tap the)(?!\w))")


# The courtesy around a question as Telegram users type it: "Cho em hỏi …", "Anh chị cho mình hỏi là …", "Dạ em
# muốn hỏi …", "Xin hỏi: …", and a closing "ạ". It asks nothing, and left in it misleads: "Cho em hỏi còn bị cảnh
# cáo thì sao ạ?" is no follow-up ("còn" no longer starts it), and "Cho em hỏi" typed with accents before a
# question typed without them reads the whole question as accented, so that none of its words match. Wrapped so,
# 99 of 1,275 development questions answered as typed were refused (docs/benchmarks.md, session 28). Matched on
# the folded text, which has one letter per letter of the NFC text.
_COURTESY = re.compile(
    r"^(?:(?:da|vang|(?:(?:em|minh|toi|chau) )?chao(?: [^,.!?:]{1,25}?)?)[,.!:]?\s+)?"
    r"(?:(?:cac anh chi|anh chi|anh/chi|a/c|anh|chi|ad|admin|bot|moi nguoi|mn|ban)\s+)?"
    r"(?:(?:em|minh|toi|to|chau)\s+)?(?:xin cho|cho|xin|muon)\s+(?:(?:em|e|minh|toi|to|chau)\s+)?(?:muon\s+|duoc\s+)?"
    r"hoi(?:\s+(?:chut|ti|1 chut|mot chut|mot ti|voi|tham))?(?:\s+a)?(?:\s+la)?\s*[:,.]?\s+(?=\w)")
_CLOSING = re.compile(r"(?:\s+ạ)+(?=\s*[?.!]*\s*$)")


def without_courtesy(question: str) -> str:
    """The question without "Cho em hỏi …" before it and "ạ" after it (unchanged when nothing is left)."""
    folded = fold_diacritics(question.lower())
    m = _COURTESY.match(folded) if len(folded) == len(question) else None
    q = question[m.end():] if m else question
    q = _CLOSING.sub("", q)
    return question if re.fullmatch(r"[\W]*(?:ạ[\W]*)*", q) else q   # nothing but the courtesy: keep it all


# The asker's story told first, in sentences of its own, then the question: "Em vừa thi đỗ … vào một vị trí tuyển
# chung cho mấy chi cục khác nhau. Việc em được phân về chi cục nào thì căn cứ vào đâu ạ?". The story's "mấy" is
# "several", and its "mấy năm nay" no duration asked (blind dev72 d72-013, dev70 d70-007 were refused "không nêu
# số lượng", "không nêu thời hạn"). A follow-up made whole is read "<follow-up>? <earlier question>?": its first
# ask is the follow-up's own ("Vậy … có được … không?" after "… được chấm mấy lần?", blind dev72 d72-004).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def without_story(text: str) -> str:
    """The text from its first sentence that asks ("…?") on: the sentences before it that end in "." or "!"
    tell the asker's story. The text itself when its first sentence asks, or none does."""
    parts = _SENTENCE_END.split(text.strip())
    ask = next((i for i, p in enumerate(parts) if p.rstrip().endswith("?")), 0)
    return " ".join(parts[ask:]) if ask else text


def first_ask(text: str) -> str:
    """The first sentence that asks, after the story (without_story): "" when it is the whole text."""
    parts = _SENTENCE_END.split(without_story(text).strip())
    return parts[0] if len(parts) > 1 and parts[0].rstrip().endswith("?") else ""


# Upper-case "BN" is also how cadres shorten "bổ nhiệm": "BN lại CC lãnh đạo thì ai đề xuất việc BN lại?" (blind
# dev73 d73-033 was refused: "BN" at the first word was read as Bắc Ninh, which no document about appointment
# names). It is the appointment before "lại" or a post, or after a step of it; the province stays "ở BN", "tỉnh BN".
_BN_APPOINT = re.compile(
    r"(?<!\w)(?P<step>(?:việc|viec|được|duoc|nghị|nghi|định|dinh|quyền|quyen|sơ|so|trình|trinh|xét|xet|xin|khi) )?BN(?!\w)"
    r"(?(step)|(?=\s+(?:lại|lai|CC|CB|VC|công chức|cong chuc|cán bộ|can bo|viên chức|vien chuc|chức vụ|chuc vu"
    r"|chức danh|chuc danh|giữ chức|giu chuc|lãnh đạo|lanh dao)(?!\w)))")


# "Ngoài khoản 1,5 tháng lương … thì còn được trợ cấp thêm mấy tháng lương nữa?": what follows "ngoài" is the
# premise the asker already knows; the ask starts at "còn".
_BESIDES = re.compile(r"\b(?:ngoài|ngoai)\b[^?]*?\b(?:thì|thi|,)?\s*(?=\b(?:còn|con)\b)", re.I)


def without_premise(question: str) -> str:
    """The question without its "ngoài …" premise ("Ngoài X thì còn Y?" → "còn Y?"); as it is without one."""
    return _BESIDES.sub("", question, count=1)


def clean_question(question: str | None) -> str:
    q = without_courtesy(clean_spaces(question or "").replace("\n", " "))
    q = _BN.sub(lambda m: "bao nhiêu" if has_diacritics(q) else "bao nhieu", q)
    q = _BN_APPOINT.sub(lambda m: (m["step"] or "") + ("bổ nhiệm" if has_diacritics(q) else "bo nhiem"), q)
    return q[:MAX_QUESTION_CHARS]
