"""Whether a text states a thing of the kind a question asks for (bot/answering/question_kind.py): an
amount, a share, a duration, a date, a body, a place, a score. The reader (bot/answering/reader.py) keeps only
the spans that do; not_stated.py and figure_below.py say "không nêu", or look lower, when none does.

A "bao lâu" is also answered without a number of days: by how often, when that is what is asked ("hằng năm"),
or by the event the act asked about ends on ("tự giải thể sau khi hoàn thành nhiệm vụ").

Pure: imports the question's kind patterns, ingest.normalize and the standard library.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answering.question_kind import _C, fold_words
from ingest.normalize import fold_diacritics

# "được xét tặng định kỳ bao lâu một lần?": how often; "hằng năm", "mỗi quý", "02 năm một lần" answer it (blind
# dev52 d52-015 was refused "không nêu thời hạn" beside "được xét tặng hằng năm").
FREQUENCY_ASKED = _C(r" (?:bao lau|(?:may|bao nhieu) (?:nam|thang|tuan|quy|ngay)) (?:\w+ ){0,2}(?:mot|1) lan "
                     r"| dinh ky (?:bao lau|(?:may|bao nhieu) (?:nam|thang|quy)) ")
# "hằng năm", "mỗi quý" (folded: "hàng" and "hằng" are one); the period is captured (deadline.py compares them).
PERIOD = _C(r"\b(?:hang|moi) (nam|quy|thang|tuan|ngay)\b")
FREQUENCY = _C(PERIOD.pattern + r"|\b\d+\s*(?:nam|thang|quy) (?:mot|1) lan\b")
# A time set by an event or a working day, folded; it answers "khi nào" and sets a deadline (deadline.py):
# - "bàn giao kết quả … cho Hội đồng ngay sau khi kết thúc buổi thi" answers "nộp vào lúc nào" (blind dev72 d72-044
#   was answered by another sentence's "Chậm nhất 01 ngày trước ngày thi");
# - "Trong ngày tiếp nhận đề nghị cấp bản sao hoặc trong ngày làm việc tiếp theo (nếu … sau 15 giờ)" answers "khi nào
#   cấp bản sao" (blind dev116 d116-058).
RELATIVE_TIME = r"\bngay (?:sau )?khi\b|\btrong ngay (?:tiep nhan|nhan duoc|lam viec)\b|\bngay lam viec tiep theo\b"


@lru_cache(maxsize=256)
def _frequency_asked(question: str) -> bool:
    """Once per question, not once per candidate span."""
    return FREQUENCY_ASKED.search(fold_words(question)) is not None


# "hoạt động trong bao lâu thì giải thể?" is answered by "tự giải thể sau khi hoàn thành nhiệm vụ": the act ends
# on an event, not after a number of days (blind dev56 d56-035 was refused "không nêu thời hạn").
_UNTIL_ASKED = _C(r" bao lau (?:thi|moi|se) (?:duoc |se |tu |bi )?(\w+ \w+) ")


def answers_how_long(question: str, text: str) -> bool:
    """A "bao lâu" answered without a number of days: how often, when asked ("hằng năm", "02 năm một lần"),
    or the event the act asked about ends on ("tự giải thể sau khi …")."""
    folded = fold_words(text)
    if _frequency_asked(question) and FREQUENCY.search(folded):
        return True
    m = _UNTIL_ASKED.search(fold_words(question))
    return m is not None and f" {m.group(1)} sau khi " in folded


# A figure the question itself states is its premise, not the answer: "biệt phái đủ 3 năm … được gia hạn thêm
# tối đa bao lâu?" is not answered by "không quá 03 năm", nor "thời hạn bổ nhiệm dưới 05 năm, vậy cụ thể là
# mấy năm?" by the clause that says "dưới 05 năm" (blind dev39 d39-002, d39-040, both out of scope). Across 40
# development sets no answered question's span gave only figures its question had, save one that also gave
# a fraction of the time ("sớm nhất sau 2/3 thời gian làm bài", dev4 d4-034).
_FIGURE_VALUE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:\([^)]*\)\s*)?(nam|thang|ngay|tuan|gio|phut|%|phan tram|trieu|dong)\b|"
                           r"(\d+(?:[.,]\d+)?)\s*(%)")
_FRACTION = re.compile(r"(?<![\d/])[1-9]/[1-9](?![\d/])")
_FIGURE_ASKED = re.compile(r"\b(?:(?:bao nhieu|may) (?:nam|thang|ngay|hom|tuan|gio|phut|phan tram|%|trieu|tien)|bao lau)\b")


def _figure_values(text: str) -> set[tuple[float, str]]:
    values = set()
    for m in _FIGURE_VALUE.finditer(fold_diacritics(text.lower())):
        number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        values.add((float(number.replace(",", ".")), "%" if unit == "phan tram" else unit))
    return values


@lru_cache(maxsize=256)
def _premise_figures(question: str) -> frozenset[tuple[float, str]] | None:
    """The figures the question states when it asks for one, else None; once per question, not once per span
    (the reader asks for every candidate span)."""
    if not _FIGURE_ASKED.search(fold_diacritics(question.lower())):
        return None
    return frozenset(_figure_values(question))


def echoes_question(question: str, span: str) -> bool:
    """The question asks for a figure, and every figure the span states is one the question already
    states (the same number in the same unit), with no share of it ("2/3 thời gian") besides."""
    premise = _premise_figures(question)
    if premise is None or _FRACTION.search(span):
        return False
    stated = _figure_values(span)
    return bool(stated) and stated <= premise


_NUMWORD = r"(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|muoi lam|hai muoi|ba muoi|muoi hai)"
# A sum paid in months of salary: "trợ cấp 01 (một) tháng tiền lương hiện hưởng" (blind dev38 d38-025). Not
# for a monthly sum ("phụ cấp bao nhiêu mỗi tháng", dev35 d35-023): that is not a number of months' pay.
_MONTHS_PAY = _C(r"\d+(?:[.,]\d+)?(?:\s*\([a-z ]+\))?\s*thang\s+(?:tien\s+)?luong")
_PER_MONTH = _C(r" (?:moi|hang|mot) thang ")
# A formula's "× 100%" turns a ratio into a share; it states no share ("Số lượng công việc hoàn thành … / x 100% x
# 25" answered "Hải Phòng đạt chỉ tiêu bao nhiêu phần trăm …", dev16 d16-015 typed without accents).
TIMES_100 = _C(r"[x×*]\s*100\s*%", re.I)
_ANSWERS = {  # patterns on the folded, lower-cased span
    "amount": _C(r"\d[\d.,]*\s*(?:dong|trieu|ty|nghin|ngan|vnd|vnđ)\b|\d[\d.,]*\s*(?:d|đ)\b(?!\w)"
                 r"|\d+(?:[.,]\d+)?\s*lan\s+(?:muc\s+)?(?:luong|tien thuong)|(?:muc|so) tien\s+(?:thuong\s+)?(?:la\s+)?\d"
                 r"|" + _MONTHS_PAY.pattern +
                 r"|\b\d{1,3}(?:\.\d{3}){2,}\b"   # 2.340.000 in a table whose unit is "đồng"
                 r"|don vi(?: tinh)?\s*:?\s*(?:vn)?dong\b[\s\S]*\b\d{1,3}\.\d{3}\b"),   # 702.000 under "Đơn vị: đồng"
    "percent": _C(r"\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*phan tram|(?:mot|hai|ba) phan (?:hai|ba|tu|nam)"),
    # "từ ngày" folds like "tư ngày" (four days): "tư" is not read as a number before a unit.
    "duration": _C(rf"(?<!thang )(?<!ngay )(?<!nam )\b(?:\d+|(?!tu\b){_NUMWORD})(?:\s*\([a-z ]+\))?\s+"
                   r"(?:nam|thang|ngay|tuan|gio|phut|quy)\b(?!\s*\d)"
                   # "thời gian tập sự trước ngày 01 tháng 7 năm 2025" names a day, not a duration
                   r"|(?:thoi han|thoi gian)[^.;]{0,60}(?<!ngay )(?<!thang )(?<!\d)\d+\s*(?:nam|thang|ngay)"
                   # a period written out; not a form's blanks ("Tổ chức từ ngày …… tháng …… đến ngày ……")
                   r"|\btu (?:ngay|thang) [^.;…]{1,40}? den (?:het )?(?:ngay|thang) "
                   # a share of a period: "được giảm 1/3 thời gian" (dev29 d29-044: "giảm bao nhiêu thời gian?")
                   r"|(?<![\d/])[1-9]/[1-9]\s+(?:thoi gian|thoi han)\b"),
    # A form's blanks ("…., ngày … tháng … năm ….") date nothing: blind dev116 d116-058 ("khi nào trung tâm cấp bản
    # sao?") was told "không nêu thời điểm" beside Mẫu 6.2's blank date line, which stood for the day asked.
    "date": _C(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|ngay\s+(?![.…_])\S+\s+thang\s+(?![.…_])\S+(?:\s+nam\s+\S+)?"
               r"|truoc ngay\s+(?![.…_])\S+|\bthang\s+\d{1,2}\b|\bquy\s+(?:[ivx]+|\d)\b|hang nam|dinh ky|ngay\s+\d{1,2}\b"
               r"|" + RELATIVE_TIME),
    "place": _C(r"\b(?:tai|o)\s+(?:tru so|dia diem|bo phan|trung tam|cong dich vu|noi|phong|van phong|uy ban|ubnd|so|"
                r"tinh|thanh pho|huyen|xa|phuong|co quan)\b|\bdia diem\b|\btru so\b|\bnoi (?:cu tru|lam viec|nop)\b"),
    "yesno": _C(r"\b(?:duoc|khong duoc|phai|co the|bat buoc|nghiem cam|cam|khong|chi)\b"),
    # "tại điểm a khoản này … 25%" cites a Điểm; it states no points.
    "score": _C(r"\d+(?:[.,]\d+)?\s*(?:\([^)]{1,20}\)\s*)?diem\b|\bdiem\b(?!\s+[a-zđ]\b)[^.;]{0,40}?\d"
                r"|can \d+(?:[.,]\d+)?"),
}
# Bodies are recognised on the original text: the capital tells "Bộ" (a ministry) from "bộ" (a set).
_BODY = _C(r"\b(?:Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Chủ tịch|Bộ trưởng|Thủ tướng|Chính phủ|Quốc hội|Bộ|Sở|Ban|Cục|Vụ|"
           r"Phòng|Văn phòng|Thủ trưởng|Người đứng đầu|người đứng đầu|Giám đốc|Hiệu trưởng|Tòa án|Toà án|Viện kiểm sát|"
           r"Thanh tra|Trưởng|cơ quan có thẩm quyền|cấp có thẩm quyền|cơ quan chuyên môn|cơ quan, tổ chức, đơn vị|"
           # bodies outside the administration that plans give tasks to ("3. Ngân hàng Nhà nước chi nhánh …")
           r"Ngân hàng|Kho bạc|Bảo hiểm xã hội|Công an|Liên đoàn Lao động|Mặt trận|Bộ Chỉ huy|Trung tâm)\b")


# "nhiệm kỳ nào" asks for a term's years (blind dev34 d34-007 got the article's "chiều ngày 10-7").
_TERM_ASKED = _C(r" nhiem ky nao ")
_TERM = _C(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b")
# "vào ngày cụ thể nào trong năm?" (blind dev35 d35-018) was answered "gắn với … các ngày lễ lớn … hằng năm".
_DAY_ASKED = _C(r" ngay (?:cu the )?nao | ngay bao nhieu | ngay may ")
_DAY = _C(r"\b\d{1,2}/\d{1,2}\b|\bngay\s+\d{1,2}\b|\bngay\s+(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\b")
# "vào tháng mấy hằng năm?" is not answered by "hằng năm" alone (dev56 d56-013, out of scope): a month is named.
_MONTH_ASKED = _C(r" thang (?:may|nao) ")
_MONTH = _C(r"\bthang\s+\d{1,2}\b|\b\d{1,2}/\d{1,2}\b|\b\d{1,2}/(?:19|20)\d{2}\b")
# "hướng dẫn số mấy, ban hành ngày nào?": a document's number and date are asked (eval/dev27.jsonl d27-025).
_NUMBER_ASKED = _C(r" so (?:may|bao nhieu|hieu) ")
# "Quyết định số 2437/QĐ-TTg ngày 04/11/2025", "Chỉ thị số 02-CT/TU ngày 05/8/2025": the date of a document a
# plan implements, not the plan's own dates ("Thời gian thực hiện: Từ tháng 10/2025 …").
_REFERENCE_DATE = _C(r"\b(?:so\s+)?\d+[\w.-]*/[\w/.&-]+\s+ngay\s+\d{1,2}(?:/\d{1,2}/\d{2,4}|\s+thang\s+\d{1,2}\s+nam\s+\d{4})")


def states(kind: str, text: str, question: str = "") -> bool:
    """Whether text states a thing of the given kind (a "list" is judged by its shape, see _candidates).
    A date asked is not stated by the dates of the documents a text cites, unless the question names a
    document by its number ("Quyết định 2437/QĐ-TTg ban hành ngày nào?", "Hướng dẫn số 22-HD/ĐUK") or asks
    for it ("hướng dẫn số mấy"; `_date_asked`)."""
    if kind == "body":
        return bool(_BODY.search(text))
    if kind in ("list", "other"):
        return True
    flat = _flat(text)
    if kind == "date" and question:
        if effect_asked(question) and "hieu luc" not in flat:   # not the day it was signed, cited elsewhere
            return False
        if _from_asked(question) and _FROM_EVENT.search(flat):   # "tính từ ngày nào": "tính từ ngày hết thời hạn …"
            return True
        narrow, drop_cited = _date_asked(question)
        if drop_cited:
            flat = _REFERENCE_DATE.sub(" ", flat)
        if narrow is not None:      # "nhiệm kỳ nào": a term's years; "ngày cụ thể nào": a day, not "hằng năm"
            return bool(narrow.search(flat))
        if _at_event_asked(question) and _AT_EVENT.search(flat):   # "vào lúc nào": "trước kỳ tuyển dụng"
            return True
    if kind == "duration" and question:
        if answers_how_long(question, text):
            return True
        return any(_unit_fits(question, m.group(0)) for m in _ANSWERS[kind].finditer(flat))
    if kind == "amount" and question and _PER_MONTH.search(fold_words(question)):
        flat = _MONTHS_PAY.sub(" ", flat)
    if kind == "percent":
        flat = TIMES_100.sub(" ", flat)
    return bool(_ANSWERS[kind].search(flat))


# "bao nhiêu năm" is not answered by "05 ngày" (a procedure's time for a question on years of service);
# a neighbouring unit may be ("36 tháng"). "bao lâu" names no unit.
_ASKED_UNIT = _C(r" (?:bao nhieu|may) (nam|thang|ngay|hom|tuan|gio|phut) (?!tuoi)")
SPOKEN_UNITS = {"hom": "ngay"}   # "trước mấy hôm" asks for days
_UNIT = _C(r"\b(nam|thang|ngay|tuan|gio|phut|quy)\b")
_FITS = {"nam": {"nam", "thang", "quy"}, "thang": {"thang", "nam", "ngay", "tuan", "quy"},
         "ngay": {"ngay", "tuan", "thang", "gio"}, "tuan": {"tuan", "ngay", "thang"}, "gio": {"gio", "phut", "ngay"},
         "phut": {"phut", "gio"}}


# "tổ chức vào lúc nào?" asks at what point, and an event answers: "Lễ khai mạc kỳ thi được tổ chức trước kỳ tuyển dụng
# công chức" (dev76 d76-030 was refused "không nêu thời điểm"). Not "khi nào", which asks a day as often ("Khi nào
# xếp loại …?" is "trước ngày 5 tháng 12", not "sau khi thực hiện đánh giá …"), nor a day or month asked.
_AT_EVENT_ASKED = _C(r" (?:vao |trong )?(?:luc|thoi diem) nao ")
# A named event ("trước kỳ tuyển dụng", "sau buổi thi"); "sau khi có quyết định" alone sets no time (dev72 d72-044).
_AT_EVENT = _C(r"\b(?:truoc|sau|ngay sau|trong) (?:ky|buoi|phien|le|dot|cuoc) ")


# "thời hạn … được tính từ ngày nào?" asks where a period starts, and the law anchors it to an event: "được tính từ
# ngày hết thời hạn bổ nhiệm của quyết định cũ" (blind dev97 d97-038 was refused "không nêu thời điểm"). So is
# when a document takes effect: "có hiệu lực kể từ ngày ký ban hành" (dev45 d45-045).
# "tính từ ngày ký hay từ ngày nào" asks it too (blind dev108 d108-063).
_FROM_ASKED = _C(r" (?:tinh|ke|bat dau(?: tinh)?|hieu luc(?: thi hanh)?) tu (?:(?:\w+ ){1,4}(?:hay|hoac) (?:tu )?)?"
                 r"(?:ngay|thoi diem|luc|khi) nao ")
_FROM_EVENT = _C(r"\b(?:tinh|ke) tu (?:ngay|thoi diem|khi|luc) (?!\d)[a-z]")


@lru_cache(maxsize=256)
def _from_asked(question: str) -> bool:
    return _FROM_ASKED.search(fold_words(question)) is not None


# When a document takes effect: "… có hiệu lực thi hành từ ngày nào?" (not_stated.effect_not_dated).
_EFFECT_ASKED = _C(r" hieu luc(?: \w+){0,3}? (?:ngay nao|khi nao|bao gio|luc nao|thoi diem nao) ")


@lru_cache(maxsize=256)
def effect_asked(question: str) -> bool:
    return _EFFECT_ASKED.search(fold_words(question)) is not None


@lru_cache(maxsize=256)
def _at_event_asked(question: str) -> bool:
    """Once per question, not once per candidate span; read only where no day or month is asked (states)."""
    return _AT_EVENT_ASKED.search(fold_words(question)) is not None


# "Ke hoach 157 cua Can Tho … ban hanh ngay nao?" names its document by type and number without the "/KH-UBND":
# the plan's own date is cited "(Kèm theo Kế hoạch số 157/KH-UBND ngày 18 tháng 11 năm 2025 …)" in its annex (blind
# dev85 d85-018 was refused "không nêu thời điểm").
_NAMED_BY_NUMBER = _C(r" (?:ke hoach|quyet dinh|nghi dinh|thong tu|chi thi|huong dan|nghi quyet|cong van|quy dinh|kh|qd|nd|tt)"
                      r" (?:so )?\d+ ")


@lru_cache(maxsize=256)
def _date_asked(question: str) -> tuple[re.Pattern | None, bool]:
    """(what a "date" span must hold: a term's years (_TERM), a day (_DAY) or a month (_MONTH) when the question
    asks for one, None for any date; whether the dates of the documents a span cites are dropped: kept when the question
    names a document by its number, "2437/QĐ-TTg", "22-HD/ĐUK", or asks for one, "hướng dẫn số mấy, ban hành
    ngày nào?"). Read on the question's words, as its kind is (a final "?" does not hide "ngày nào"), once
    per question, not once per candidate span."""
    q = fold_words(question)
    narrow = _TERM if _TERM_ASKED.search(q) else _DAY if _DAY_ASKED.search(q) else _MONTH if _MONTH_ASKED.search(q) \
        else None
    return narrow, not (re.search(r"\d+[\w.-]*/", question) or _NUMBER_ASKED.search(q) or _NAMED_BY_NUMBER.search(q))


@lru_cache(maxsize=256)
def _asked_unit(question: str) -> str | None:
    """ "nam" for "… bao nhiêu năm?"; once per question, not once per candidate span."""
    m = _ASKED_UNIT.search(fold_words(question))
    return None if m is None else SPOKEN_UNITS.get(m.group(1), m.group(1))


def _unit_fits(question: str, stated: str) -> bool:
    asked = _asked_unit(question)
    units = set(_UNIT.findall(stated))
    return asked is None or not units or bool(units & _FITS[asked])


def _flat(text: str) -> str:
    """Lower case, accents folded, punctuation kept ("05 nam (60 thang)", "31/3/2026")."""
    return re.sub(r"\s+", " ", fold_diacritics(text.lower()))


# A points table by rate ("Từ 88 - 90% cộng 02 điểm; từ 90-95% cộng 03 điểm"): a question that names its
# own rate ("đạt 92% thì được cộng mấy điểm?") is answered by the line whose range holds it.
_PCT = _C(r"(\d+(?:[.,]\d+)?)\s*(?:%|phan tram)")
_PCT_RANGE = _C(r"(\d+(?:[.,]\d+)?)\s*%?\s*(?:-|–|den|toi)\s*(?:duoi\s*)?(\d+(?:[.,]\d+)?)\s*%")


def asked_percent(question: str) -> float | None:
    """The rate a question names ("đạt 92% thì …" → 92.0), or None."""
    m = _PCT.search(_flat(question))
    return float(m.group(1).replace(",", ".")) if m else None


def in_a_range(value: float, text: str) -> bool:
    """Whether text gives a range of rates that holds value ("từ 90-95%" holds 92)."""
    for m in _PCT_RANGE.finditer(_flat(text)):
        lo, hi = (float(g.replace(",", ".")) for g in m.groups())
        if lo <= value <= hi:
            return True
    return False
