"""The kind of figure a question asks for, and whether a clause states one: an amount of money, a
percentage, a duration, an age, a score; a size, a material, a colour or a temperature, which a description states. A clause with
no figure of that kind cannot answer "được thưởng bao nhiêu tiền?" (refusal.py, check 3; the measurements are
in bot/answering/focus.py's docstring, where these checks began).
"""

from __future__ import annotations

import re

from bot.answering.question import as_question, without_story
from bot.answering.kind_stated import TIMES_100, answers_how_long
from bot.answering.question_kind import STORY_TIME
from ingest.normalize import search_form

# What kind of figure a question asks for (matched on the folded question), and how a clause states it.
_NUMBER = r"(?:\d+(?:[.,]\d+)*|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nửa)"
FIGURES = {
    "money": (r"\b(bao nhi?e?u tien|tien thuong .*bao nhieu|muc (tien|thuong|chi|ho tro|tro cap)\b.*bao nhieu|"
              r"bao nhieu dong|duoc thuong bao nhieu(?! diem)|duoc ho tro bao nhieu|bao nhieu trieu|thu lao\b.*bao nhieu|"
              r"le phi\b.*bao nhieu|"
              # "mỗi tháng phải trả khoảng bao nhiêu?", "mức phí bao nhiêu" (eval/dev33.jsonl d33-055, d33-058)
              r"\b(?:phai )?tra (?:khoang |het |mat )?bao nhieu\b(?! (?:nam|thang|ngay|nguoi|lan|diem|ban|bo|loai))|"
              # "tiền xăng xe … được thanh toán bao nhiêu một cây số" (blind dev93 d93-045, out of scope)
              r"\b(?:thanh toan|chi tra|boi thuong|den bu) (?:\w+ )?bao nhieu\b(?! (?:nam|thang|ngay|tuan|nguoi|lan|diem|ban|bo|loai|phan tram))|"
              r"\bmuc phi\b.*bao nhieu|\bthu nhap\b(?: \w+){0,6} bao nhieu\b(?! phan tram| ?%))",   # points: "score"
              # A bare 3.510.000 is a table's amount whose unit ("Đơn vị: đồng") is in its heading.
              r"(\d[\d.,]*\s*(đồng|triệu|nghìn|ngàn|tỷ)\b(?!\s*lệ)|lần mức lương cơ sở|\d+[.,]?\d*\s*lần\b|mức lương cơ sở"
              r"|\d[\d.,]*\s*(\([^)]{1,20}\)\s*)?tháng\s+(tiền\s+)?lương"
              r"|\b\d{1,3}(?:\.\d{3}){2,}\b)"),
    "percent": (r"\b(bao nhieu phan tram|may phan tram|ty le\b.*(bao nhieu|may|toi da|toi thieu)|bao nhieu %|phan tram)",
                r"(%|phần trăm|\d+\s*/\s*\d+|một nửa|quá nửa|\btrên\s+50|\bsố phiếu)"),
    "duration": (r"\b(may thang|bao nhieu thang|may nam|bao nhieu nam|bao lau|may ngay|bao nhieu ngay|trong vong bao|"
                 # the asker's story tells a time, it asks none (question_kind.STORY_TIME)
                 r"thoi han .*bao|may tuan|bao nhieu gio|may gio|may phut|bao nhieu phut)(?! " + STORY_TIME + r"\b)",
                 r"(?<!ngày )(?<!tháng )\b" + _NUMBER + r"\s*(\([^)]{1,20}\)\s*)?(ngày|tháng|năm|tuần|giờ|phút)\b"
                 r"(?!\s*tuổi)"),   # "dưới 12 tháng tuổi" is a child's age, not a duration
    # "Sắp đến tuổi nghỉ hưu thì … thông báo trước bao lâu?" names the age but asks for a duration.
    # "còn trong độ tuổi lao động" states the asker's age group; it asks none (blind dev56 d56-024 was refused).
    "age": (r"\b(bao nhi?e?u tuoi|may tuoi|(?<!trong )do tuoi|tuoi toi da|tuoi toi thieu|"
            # "kéo dài … đến tuổi nghỉ hưu thì phải được bao nhiêu % … đồng ý?" asks a share (dev40 d40-022)
            # "… quy định về tuổi nghỉ hưu, đó là nghị định số mấy?" asks a number that names (blind dev96 d96-038)
            r"tuoi nghi huu\b.*(?<!\bso )(?<!\bthu )\b(bao nhi?e?u|may)\b(?! (thang|ngay|nam|tuan|gio|phut|lan|phan tram)\b| ?%))",
            r"\b\d+\s*(\([^)]{1,20}\)\s*)?tuổi"),   # "đủ tuổi nghỉ hưu" names an age, states none
    "score": (r"\b(bao nhieu diem|may diem)", r"\d+\s*(\([^)]{1,20}\)\s*)?điểm"),
    # How big a badge or a certificate is, and what it is made of: a clause that names the thing without
    # describing it does not answer (blind dev82 d82-028, dev84 d84-019, out of scope, were answered with "Tên Kỷ
    # niệm chương: …"). Its size is stated in units or a paper size ("300x120x30 mm", "khổ A5", "dài 80 phân").
    "size": (r"\b(kich thuoc|kich co)\b",
             r"(kích thước|kích cỡ|\d+\s*(mm|cm|phân)\b|\d+\s*x\s*\d+|khổ\s+a\d|đường kính)"),
    "material": (r"\b(chat lieu|lam bang (?:gi|chat gi|vat lieu gi))\b",
                 r"(chất liệu|mạ (vàng|bạc)|làm bằng|bằng (đồng|vàng|bạc|da|nhựa|gỗ|kim loại|hợp kim|vải|giấy)|bọc da|kim loại|hợp kim)"),
    # Its colour and a room's temperature likewise: "Phù hiệu … Ban giám sát có màu gì" was answered with the
    # rule that sets the Ban up, "phòng thi … giữ nhiệt độ bao nhiêu độ" with the room's computers (blind dev88
    # d88-007, d88-057, out of scope). Colour only as typed with accents: folded, "mẫu gì" (a form) is "mau gi".
    "color": (r"\b(mau (gi|nao|sac))\b",
              r"(màu\s+(xanh|đỏ|vàng|đen|trắng|tím|hồng|nâu|xám|bạc|cam|ghi)|màu sắc|màu mực)"),
    "temperature": (r"\b(nhiet do|bao nhieu do c?)\b", r"(\d+\s*(°|độ\s*c\b|độ\b))"),
}
# Said in words, not numbers (asks_for_figure); "color" is read from the accented question only (asked_figures).
_IN_WORDS = {"material", "color"}
_COLOR = re.compile(r"\bmàu\s+(gì|nào|sắc)\b")


def asked_figures(question: str) -> list[str]:
    """Read after the asker's story: "mấy năm nay đang sinh sống ở Úc" asks nothing (question.without_story)."""
    q = as_question(without_story(question))
    f = q.search_folded
    return [kind for kind, (asked, _) in FIGURES.items() if re.search(asked, f)
            and (kind != "color" or _COLOR.search(search_form(q.text).lower()))]


# Any figure or date at all ("bao nhiêu", "mấy người", "khi nào", "chậm nhất"): wider than FIGURES,
# whose kinds a clause must state, because here only the answer's having some number is checked.
_ASKS_FOR_NUMBER = re.compile(r"\b(bao nhieu|may (nguoi|lan|ngay|thang|nam|cau|phut)|khi nao|luc nao|ngay nao|cham nhat|"
                              r"truoc ngay|thoi han)\b")


def asks_for_figure(question: str) -> bool:
    """The question wants a number or a date in its answer."""
    numbers = set(asked_figures(question)) - _IN_WORDS
    return bool(numbers) or _ASKS_FOR_NUMBER.search(as_question(question).search_folded) is not None


def states_figure(kind: str, text: str) -> bool:
    text = search_form(text).lower()
    if kind == "percent":
        text = TIMES_100.sub(" ", text)     # a formula's "x 100%" states no share
    return re.search(FIGURES[kind][1], text) is not None


def missing_figures(question: str, texts: list[str]) -> list[str]:
    """Kinds of figure the question asks for that none of the texts states."""
    return [k for k in asked_figures(question) if not any(states_figure(k, t) or
                                                          (k == "duration" and answers_how_long(question, t))
                                                          for t in texts)]
