"""What a question asks for (an amount, a percentage, a duration, a date, a body, a place, a list, a
yes/no rule), and whether a text states a thing of that kind.

The reader (bot/answering/reader.py) picks, within the best clauses, the span that states the asked
kind; direct.py and refusal say "không nêu" when none does. Cues are read on the accent-folded
question, so a question typed without diacritics gets the same kind. Last, the words of a question or
a span that count when the reader compares them (function words left out, with or without accents).

Pure: imports only ingest.normalize and the standard library.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.normalize import fold_diacritics, has_diacritics

KINDS = ("amount", "percent", "duration", "date", "body", "place", "list", "score", "yesno", "other")

def fold_words(text: str) -> str:
    """Lower case, accents folded, words separated by single spaces and padded: " co duoc ... khong "."""
    return " " + " ".join(re.findall(r"[\w%]+", fold_diacritics(text.lower()))) + " "


_C = re.compile
# "khám sức khỏe định kỳ mấy lần một năm?": how often, not a count (blind dev70 d70-046, out of scope, was
# answered by the Luật's "kỳ họp thứ 9")
_TIMES_A = r" (?:may|bao nhieu) lan (?:mot|1|moi|trong mot) (?:nam|thang|quy|tuan) "
# Fees and sums paid by name, asked "… bao nhiêu": "Phí dự tuyển …", "mức thù lao …"; "phi chính phủ" is no fee.
_FEES = r"le phi|hoc phi|kinh phi|chi phi|muc phat|thu lao|phi(?! chinh phu| loi nhuan)"
# Cues on the folded question, strongest first: an interrogative word beats a topic word ("thời hạn").
_STRONG = [
    # the unit right after "bao nhiêu"/"mấy" decides first ("bao nhiêu năm công tác", "bao nhiêu ngày")
    ("percent", _C(r" (?:bao nhieu|may) (?:%|phan tram) ")),
    # "trước mấy hôm": "hôm" is a day in speech (blind dev37 d37-017 was refused "không nêu số lượng")
    # "kỳ họp thứ mấy, ngày nào?" asks an ordinal and a date, not a number of days (blind dev52 d52-037)
    # "có bao nhiêu thời gian để ra quyết định": a duration, not a count (blind dev62 d62-001)
    # "mấy năm nay đang sinh sống ở Úc": the asker's story, not a duration asked (blind dev70 d70-007 was refused
    # "không nêu thời hạn" beside the conditions for sitting the exam)
    ("duration", _C(r"(?<! thu) (?:bao nhieu|may) (?:nam|thang|ngay|hom|tuan|gio|phut) (?!tuoi|nao |nay |qua |gan day )"
                    r"| bao lau (?!nay )| bao nhieu thoi gian ")),
    # "thưởng mấy lần mức lương cơ sở": a sum in times the base salary, not a count of times
    ("amount", _C(r" bao nhieu (?:tien|dong|trieu|nghin|ngan|ty dong) | (?:bao nhieu|may) lan (?:muc )?luong ")),
    ("duration", _C(_TIMES_A)),   # how often
    ("score", _C(r" (?:bao nhieu|may) diem ")),    # "được thưởng bao nhiêu điểm": points, not money
    # "tiêu chí tỷ lệ … phát hành thẻ ATM thì điểm chuẩn bao nhiêu?": the criterion's name has a share in it,
    # its points are asked (blind dev62 d62-053 was refused "không nêu tỷ lệ")
    ("score", _C(r"(?<! dia)(?<! thoi) diem (?:chuan|toi da|toi thieu) (?:la )?(?:bao nhieu|may) ")),
    ("percent", _C(r" (?:ty|ti) le (?:\w+ ){0,14}(?:bao nhieu|may|nhu the nao|la gi) | bao nhieu (?:\w+ ){0,4}(?:ty le|ti le) "
                   # "số nhiệm vụ làm vượt yêu cầu phải chiếm tối thiểu bao nhiêu?": a share of the whole (blind dev65
                   # d65-017); not with a noun after it ("chiếm bao nhiêu ghế" counts), a unit is caught above
                   r"| chiem (?:toi thieu |toi da |it nhat |khoang )?(?:bao nhieu|may) (?:$|trong |tren |so |tong )")),
    # "ưu tiên" folds to "uu tien": "bao nhiêu điểm ưu tiên" asks for points, not money.
    ("amount", _C(rf"(?<!uu) (?:tien|duoc thuong|muc thuong|luong|tro cap|phu cap|ho tro|muc chi|muc phi|{_FEES})"
                  r"(?: \w+){0,3} bao nhieu "
                  r"| bao nhieu (?:\w+ ){0,3}(?<!uu )(?:tien|muc luong|luong co so) | muc (?:tien )?thuong | (?:muc|so) tien | muc (?:phu cap|tro cap)(?: \w+){0,20} bao nhieu "
                  # "Lệ phí phúc khảo bài thi tuyển công chức là bao nhiêu?" (blind dev32 d32-029)
                  # "Phí dự tuyển … là bao nhiêu?", "Kinh phí … mỗi thí sinh phải nộp bao nhiêu?"
                  rf"| (?:tien thuong|{_FEES})(?: \w+){{0,12}} (?:la|phai nop|nop) bao nhieu "
                  # "Huân chương Lao động hạng Nhì cho tập thể thưởng bao nhiêu?"; not "khen thưởng bao nhiêu người"
                  r"|(?<!khen) thuong bao nhieu (?:tien )?$")),
    ("duration", _C(r" trong thoi gian bao | thoi gian bao ")),
    # "chuyển vào tài khoản vào ngày mấy hằng tháng": which day, unlike "mấy ngày" (blind dev61 d61-053, out of
    # scope, was answered by a clause naming no day)
    ("date", _C(r" khi nao |(?<! nhung) luc nao | ngay nao | ngay may | thang nao | nam nao (?!cung)| bao gio | truoc ngay "
                r"| thoi diem | han chot "
                # not "dài hạn, cuối năm …" (punctuation is folded away): "hạn cuối" is a deadline
                r"|(?<!dai)(?<!ngan) han cuoi | han nop | thoi gian nao | tu (?:ngay|thang) nao | ngay cu the "
                # "đại hội chi bộ nhiệm kỳ nào" asks for the years of a term (blind dev34 d34-007)
                r"| nhiem ky nao ")),
    # "… thì bên nào lập danh sách": a body, even after a count in the asker's story ("cử mấy chị hội viên …",
    # blind dev50 d50-061 was refused "không nêu số lượng")
    ("body", _C(r" (?:co quan|don vi|cap|to chuc|nguoi|bo|so|ban|ben|hoi dong|chu the) nao (?!cung)")),
    ("place", _C(r" o dau | tai dau | noi nao | (?:tinh|thanh pho|huyen|xa|phuong|dia phuong|dia diem) nao (?!cung)"
                 r"| dia diem ")),
    # "… cho mấy hộ nông dân …, thì … cần những tiêu chuẩn gì?": the list asked, not the asker's count (blind
    # dev61 d61-044 was refused "không nêu số lượng")
    ("list", _C(r" nhung gi | nhung (?:\w+ ){1,6}nao | nhung (?:\w+ ){1,3}gi | cac (?:\w+ ){1,6}nao "
                r"| gom (?:nhung )?(?:gi|nhung) "
                r"| bao gom (?:nhung )?(?:gi|nhung)? | gom nhung ")),
    # "gồm mấy bước": the steps themselves answer, as a list; "mấy điểm thì xếp loại giỏi": a score.
    ("list", _C(r" (?:gom|co|bao gom|chia (?:thanh|lam)) (?:bao nhieu|may) (?:buoc|hinh thuc|loai|muc|nhom|tieu chi"
                r"|giai doan|noi dung|cap do) ")),
    ("score", _C(r" (?:bao nhieu|may) diem | so diem (?:\w+ ){0,2}(?:la )?(?:bao nhieu|may) ")),
    ("other", _C(r" (?:bao nhieu|may) ")),    # a count ("mấy người", "bao nhiêu trường hợp")
    # "lấy chức vụ nào làm căn cứ": which one is asked, whatever topic words ("thời gian giữ") come before
    ("other", _C(r" (?:chuc vu|chuc danh|hinh thuc|muc|loai|truong hop|quy dinh|van ban|dieu|khoan|tieu chi) nao (?!cung)")),
]
# "ai" (who) is read on the accented question when it has accents: folded, "ái quốc" would be "ai".
_WHO = _C(r" ai (?!cung)")
YES_NO = _C(r" co (?:duoc|phai|bat buoc|can|bi|the|nen|duoc phep) .* (?:khong|ko|hay khong) ?$"
            r"| (?:duoc|phai|dung|bat buoc|can) (?:khong|ko) ?$| hay khong ?$| co .* khong ?$")
_WEAK = [
    ("body", _C(r" tham quyen ")),
    # "đang trong thời hạn xử lý kỷ luật", "chưa hết thời hạn bổ nhiệm", "trong thời gian đó": the asker's case, not
    # a duration asked (dev14 d14-060 without accents, dev19 d19-021 were refused "không nêu thời hạn");
    # "trong thời hạn nào" still asks one
    ("duration", _C(r" (?<!trong )(?<!het )(?<!con )(?<!qua )thoi han | thoi han (?:nao|bao) "
                    r"| trong thoi gian (?!do |nay |ay )| thoi gian (?:giai quyet|xu ly|thu ly|nop|cong tac|giu) ")),
    ("list", _C(r" ho so | giay to | tai lieu | gom | thu tuc | (?:tieu chuan|dieu kien|nhiem vu|quyen|trach nhiem) "
                r"(?:\w+ ){0,8}(?:gi|nao) ")),
    ("percent", _C(r" (?:ty|ti) le | phan tram | % ")),
]

# "thời gian giữ chức Phó Giám đốc được tính thế nào?": how a period counts is a rule, not a duration to state
# (blind dev53 d53-050 was refused "không nêu thời hạn").
_HOW_COUNTED = _C(r" tinh (?:nhu )?(?:the nao|ra sao) ")
# "được xét tặng định kỳ bao lâu một lần?": how often; "hằng năm", "mỗi quý", "02 năm một lần" answer it (blind
# dev52 d52-015 was refused "không nêu thời hạn" beside "được xét tặng hằng năm").
FREQUENCY_ASKED = _C(r" (?:bao lau|(?:may|bao nhieu) (?:nam|thang|tuan|quy|ngay)) (?:\w+ ){0,2}(?:mot|1) lan |" + _TIMES_A +
                     r"| dinh ky (?:bao lau|(?:may|bao nhieu) (?:nam|thang|quy)) ")
FREQUENCY = _C(r"\b(?:hang|moi) (?:nam|quy|thang|tuan|ngay)\b|\b\d+\s*(?:nam|thang|quy) (?:mot|1) lan\b"
               r"|\b\d+ lan (?:mot |1 |moi |trong )?(?:nam|thang|quy)\b")


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


# Words a Telegram question ends on after its "không": "… có được phúc khảo không ạ?", "… không mọi người".
_PARTICLES = {"a", "nhi", "vay", "nhe", "ha", "ho", "the", "chi", "anh", "em", "ad", "mn", "moi", "nguoi", "ban",
              "cac", "oi", "ta", "ne", "day", "chu", "admin", "ac", "b"}


def particles_dropped(words: list[str]) -> int:
    """How many trailing words are such particles after a "không"/"ko" (0 when none, or no "không" before)."""
    n = 0
    while n < len(words) and words[-1 - n] in _PARTICLES:
        n += 1
    return n if n and n < len(words) and words[-1 - n] in ("khong", "ko") else 0


def question_kind(question: str) -> str:
    """What a question asks for: one of KINDS.

    Cues are read on the accent-folded question, so "Thoi han giai quyet la bao lau" is "duration"
    like its accented form. An interrogative ("bao nhiêu tiền", "bao lâu", "khi nào", "cơ quan nào",
    "ở đâu", "những gì") decides first; then "có được … không"; then topic words ("thời hạn", "hồ sơ").
    """
    q = fold_words(question)
    words = q.split()
    if (n := particles_dropped(words)):
        q = " " + " ".join(words[:-n]) + " "
    accented = " " + " ".join(re.findall(r"[\w%]+", question.lower())) + " "
    for kind, pat in _STRONG:
        if kind == "list" and _WHO.search(accented if has_diacritics(question) else q):
            return "body"               # "gồm những ai": a list of people is asked as "who"
        if pat.search(q):
            return "yesno" if kind == "other" and YES_NO.search(q) and " co bao nhieu " not in q else kind
    if YES_NO.search(q):
        return "yesno"
    for kind, pat in _WEAK:
        if pat.search(q) and not (kind == "duration" and _HOW_COUNTED.search(q)):
            return kind
    return "other"


# ------------------------------------------------------------------------------ what answers a kind

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
    "date": _C(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|ngay\s+\S+\s+thang\s+\S+(?:\s+nam\s+\S+)?|truoc ngay\s+\S+"
               r"|\bthang\s+\d{1,2}\b|\bquy\s+(?:[ivx]+|\d)\b|hang nam|dinh ky|ngay\s+\d{1,2}\b"),
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
        narrow, drop_cited = _date_asked(question)
        if drop_cited:
            flat = _REFERENCE_DATE.sub(" ", flat)
        if narrow is not None:      # "nhiệm kỳ nào": a term's years; "ngày cụ thể nào": a day, not "hằng năm"
            return bool(narrow.search(flat))
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


@lru_cache(maxsize=256)
def _date_asked(question: str) -> tuple[re.Pattern | None, bool]:
    """(what a "date" span must hold: a term's years (_TERM) or a day (_DAY) when the question asks for one,
    None for any date; whether the dates of the documents a span cites are dropped: kept when the question
    names a document by its number, "2437/QĐ-TTg", "22-HD/ĐUK", or asks for one, "hướng dẫn số mấy, ban hành
    ngày nào?"). Read on the question's words, as its kind is (a final "?" does not hide "ngày nào"), once
    per question, not once per candidate span."""
    q = fold_words(question)
    narrow = _TERM if _TERM_ASKED.search(q) else _DAY if _DAY_ASKED.search(q) else None
    return narrow, not (re.search(r"\d+[\w.-]*/", question) or _NUMBER_ASKED.search(q))


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


