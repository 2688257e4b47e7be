"""What a question asks for: an amount, a percentage, a duration, a date, a body, a place, a list, a score,
a yes/no rule, or something else ("other": a count, a name).

The reader (bot/answering/reader.py) picks, within the best clauses, the span that states the asked kind
(whether a text states it: bot/answering/kind_stated.py); direct.py and refusal say "không nêu" when none
does. Cues are read on the accent-folded question, so a question typed without diacritics gets the same kind,
and on the question's own ask, not the asker's story told before it (bot/answering/question.py).

Pure: imports only bot/answering/question.py's sentence split, ingest.normalize and the standard library.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answering.question import as_question, first_ask, without_story
from ingest.normalize import fold_diacritics, has_diacritics

KINDS = ("amount", "percent", "duration", "date", "body", "place", "list", "score", "yesno", "other")


def fold_words(text: str) -> str:
    """Lower case, accents folded, words separated by single spaces and padded: " co duoc ... khong "."""
    return " " + " ".join(re.findall(r"[\w%]+", fold_diacritics(text.lower()))) + " "


_C = re.compile
# Fees and sums paid by name, asked "… bao nhiêu": "Phí dự tuyển …", "mức thù lao …"; "phi chính phủ" is no fee.
_FEES = r"le phi|hoc phi|kinh phi|chi phi|muc phat|thu lao|phi(?! chinh phu| loi nhuan)"
# "số tiền thưởng đã nhận bị xử lý ra sao?" asks what happens to the sum, not how much it is (blind dev81 d81-063
# was told "không nêu số tiền" beside the clause that says how a false claim is dealt with).
_HANDLED = r"(?:\w+ ){0,6}?(?:xu ly|thu hoi|hoan tra|hoan lai|giai quyet|quan ly|su dung) (?:ra sao|the nao|nhu the nao) "
# "mấy năm nay", "mấy tháng qua", "mấy năm gần đây", "mấy năm rồi mới chuyển sang …": the asker's story tells a
# time, it asks none (blind dev70 d70-007, dev86 d86-003); "chờ mấy năm rồi mới được xét" asks one. Folded, after the
# unit; figures.py reads it too.
STORY_TIME = r"(?:nay|qua|gan day|roi moi (?:chuyen|sang|ve|vao))"
# Cues on the folded question, strongest first: an interrogative word beats a topic word ("thời hạn").
_STRONG = [
    # the unit right after "bao nhiêu"/"mấy" decides first ("bao nhiêu năm công tác", "bao nhiêu ngày")
    # "có mặt ít nhất bao nhiêu phần số tiết": a share of the whole (blind dev117 d117-050 was told "không nêu số
    # lượng" beside "tối thiểu 80% số tiết học"); "bao nhiêu phần mềm", "mấy phần lớn" count things
    ("percent", _C(r" (?:bao nhieu|may) (?:%|phan tram|phan(?= (?:so|tong so|tren|trong) )) ")),
    # "trước mấy hôm": "hôm" is a day in speech (blind dev37 d37-017 was refused "không nêu số lượng")
    # "kỳ họp thứ mấy, ngày nào?" asks an ordinal and a date, not a number of days (blind dev52 d52-037)
    # "có bao nhiêu thời gian để ra quyết định": a duration, not a count (blind dev62 d62-001)
    # "mấy năm nay đang sinh sống ở Úc": the asker's story, not a duration asked (blind dev70 d70-007 was refused
    # "không nêu thời hạn" beside the conditions for sitting the exam)
    ("duration", _C(rf"(?<! thu) (?:bao nhieu|may) (?:nam|thang|ngay|hom|tuan|gio|phut) (?!tuoi|nao |{STORY_TIME} )"
                    r"| bao lau (?!nay )| bao nhieu thoi gian ")),
    # "thưởng mấy lần mức lương cơ sở": a sum in times the base salary, not a count of times
    ("amount", _C(r" bao nhieu (?:tien|dong|trieu|nghin|ngan|ty dong) | (?:bao nhieu|may) lan (?:muc )?luong ")),
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
                  r"| bao nhieu (?:\w+ ){0,3}(?<!uu )(?:tien|muc luong|luong co so) | muc (?:tien )?thuong "
                  rf"| (?:muc|so) tien (?!{_HANDLED})| muc (?:phu cap|tro cap)(?: \w+){{0,20}} bao nhieu "
                  # "thu nhập bình quân đầu người tối thiểu bao nhiêu" (blind dev73 d73-006, out of scope)
                  r"| thu nhap (?:\w+ ){0,6}bao nhieu (?!phan tram|%)"
                  # "Lệ phí phúc khảo bài thi tuyển công chức là bao nhiêu?" (blind dev32 d32-029)
                  # "Phí dự tuyển … là bao nhiêu?", "Kinh phí … mỗi thí sinh phải nộp bao nhiêu?"
                  rf"| (?:tien thuong|{_FEES})(?: \w+){{0,12}} (?:la|phai nop|nop) bao nhieu "
                  # "Huân chương Lao động hạng Nhì cho tập thể thưởng bao nhiêu?"; not "khen thưởng bao nhiêu người"
                  r"|(?<!khen) thuong bao nhieu (?:tien )?$")),
    ("duration", _C(r" trong thoi gian bao | thoi gian bao ")),
    # "chuyển vào tài khoản vào ngày mấy hằng tháng": which day, unlike "mấy ngày" (blind dev61 d61-053, out of
    # scope, was answered by a clause naming no day)
    # "tổ chức hội nghị tổng kết vào tháng mấy?": which month, unlike "mấy tháng" (blind dev73 d73-013, out of scope,
    # was read as a count and answered by the campaign's "đến khi tổ chức thành công Đại hội")
    ("date", _C(r" khi nao |(?<! nhung) luc nao | ngay nao | ngay may | thang (?:nao|may) | nam nao (?!cung)| bao gio | truoc ngay "
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
# So is how a share is formed: "lấy cái gì chia cho cái gì để ra tỷ lệ" is answered by "tính theo tỷ lệ diện tích đã
# giải phóng mặt bằng trên diện tích phải giải phóng" (QĐ 212 Hải Phòng; blind dev106 d106-038 was refused "không nêu
# tỷ lệ" beside it).
_HOW_COUNTED = _C(r" tinh (?:nhu )?(?:the nao|ra sao) | chia cho | cong thuc | cach tinh ")
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
    """What a question asks for: one of KINDS, read on its first ask when that has a kind of its own, else on
    the text after the asker's story (bot/answering/question.py first_ask, without_story)."""
    ask = first_ask(question)
    kind = _kind(ask) if ask else "other"
    return kind if kind != "other" else _kind(without_story(question))


def _kind(question: str) -> str:
    """What one question asks for.

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
    q = _after_condition(q, accented, has_diacritics(question))
    for kind, pat in _WEAK:
        if pat.search(q) and not (kind in ("duration", "percent") and _HOW_COUNTED.search(q)):
            return kind
    return "other"


# "nếu số người đạt tỷ lệ phiếu lại nhiều hơn tỷ lệ khen thưởng cho phép thì Hội đồng chọn thế nào?": a topic word of
# the condition is not what is asked (blind dev110 d110-061 and dev111 d111-066 were refused "không nêu tỷ lệ"). Typed
# without accents, "thi" may be the exam: the part after it must ask ("thế nào", "gì", "nào", "đâu", "ai").
_CONDITION = _C(r" (?:neu|khi|truong hop|ma) ")
_ASKING = _C(r" (?:the nao|ra sao|gi|nao|dau|ai) ")


def _after_condition(q: str, accented: str, marked: bool) -> str:
    """The folded ask after "nếu/khi/trường hợp/mà … thì", or `q` as it is."""
    text, sep = (accented, " thì ") if marked else (q, " thi ")
    i = text.rfind(sep)
    if i < 0 or not _CONDITION.search(fold_words(text[:i])):
        return q
    rest = fold_words(text[i + len(sep) - 1:])
    return rest if len(rest.split()) >= 2 and (marked or _ASKING.search(rest)) else q


# "“Thi đua” được hiểu là gì?", "Khen thưởng là gì?", "Trong quy chế thi công chức, chữ 'bài làm' được hiểu là gì?":
# what a term means is asked, and the line that opens with the term and "là" defines it. Read folded, as typed
# without accents too.
_DEFINED = _C(r"^\W*(?:.{0,80}?(?: thi|,) )?(?:(?:chu|tu|cum tu|khai niem|thuat ngu) )?[\"“‘']?([^\"”’'?,]{2,40}?)[\"”’']? "
              r"(?:duoc hieu |duoc dinh nghia |(?:co )?nghia )?la gi\W*$")


@lru_cache(maxsize=256)
def defined_term(question: str) -> str:
    """The term whose meaning the question asks, folded ("bai lam"), or ""; once per question, not once per clause."""
    m = _DEFINED.match(fold_diacritics(question.strip().lower()))
    return m.group(1).strip() if m else ""


def definition(question: str, text: str) -> str:
    """The line of `text` that defines the term a "X là gì?" question asks about ("1. Thi đua là hoạt động …",
    "*2. Bài làm* là nội dung …"), matched without accents so that a term typed without them is found, or ""."""
    term = fold_words(defined_term(as_question(question).text)).strip()
    if not term:
        return ""
    opens = _C(rf"^(?:\d+ )?{re.escape(term)} (?:duoc hieu )?la ")
    for line in text.split("\n"):
        if "?" not in line and opens.match(fold_words(line).lstrip()):   # not a heading asking it
            return line.strip()
    return ""
