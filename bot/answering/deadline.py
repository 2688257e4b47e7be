"""A deadline asked ("hạn chót gửi hồ sơ là ngày nào?", "phải nộp trước ngày nào?"): does the span shown
first set one?

Issue 18, item 4 for deadlines. Development sets ask for a filing deadline more than for any other date:
81 questions across eval/dev*.jsonl. The 46 answerable ones were all answered with a span that sets the
deadline in words ("trước ngày 31 tháng 3", "chậm nhất là ngày 15 tháng 8", "Thời hạn …"). The out-of-scope
ones (Nghệ An's plan, which sets none; a Kỷ niệm chương no document covers) were answered with a clause of
the same plan that shares the question's words and names a date of another kind: an anniversary ("06/01/1946
- 06/01/2026"), or no date at all. A date alone is therefore not enough; a plan is full of them. The words
that set a deadline are.

A deadline asked of a title ("danh hiệu “Công dân danh dự Thủ đô”") is set only by a span whose clause or
document names that title: QĐ 71's "trước ngày 31 tháng 3 hằng năm" is the deadline of “Công dân Thủ đô
ưu tú”, another title (bot/answering/counts.py asked_title, the same rule for counts).

The day of an event asked ("Tọa đàm … của Báo Hải Phòng diễn ra ngày nào?"): a news story dates several
events, and the span shown first must be about the one asked. Four blind writers asked the date of a
Tọa đàm the story does not date; the answer was the date of a hội nghị in the next sentence
(eval/dev9.jsonl d9-060, dev10 d10-049, dev28 d28-050, dev29 d29-047).
"""

from __future__ import annotations

import re

from bot.answering.counts import asked_title
from bot.answering.kind_stated import PERIOD, RELATIVE_TIME
from ingest.normalize import fold_diacritics

# Folded. "nộp … khi nào" / "gửi … ngày nào" ask for the time of a filing; "hạn chót", "hạn cuối", "hạn
# nộp", "trước ngày nào", "chậm nhất ngày nào" for its last day.
# Not "dài hạn, cuối năm …" (punctuation is folded away; dev45 d45-022).
_ASKS = re.compile(r"\b(?<!dai )(?<!ngan )han (?:chot|cuoi|nop|gui)\b|\btruoc ngay (?:nao|may)\b"
                   r"|\bcham nhat (?:la )?(?:vao )?(?:ngay|khi|luc) (?:nao|may)\b"
                   r"|\bthoi han (?:nop|gui)\b|\b(?:nop|gui)\b.*\b(?:khi nao|luc nao|ngay nao|ngay may)\b")
# Words that set a deadline: "trước ngày 31/3", "chậm nhất", "thời hạn", "hạn chót", "trước 30/9", "trước
# tháng 12", "kể từ ngày" (a number of days counted from an event), "trong vòng", "trong thời hạn", and a time set
# by an event or a working day ("ngay sau khi kết thúc buổi thi", "trong ngày làm việc tiếp theo"; kind_stated.py).
_SETS = re.compile(r"\btruoc (?:ngay|thoi diem|thang|\d)|\bcham nhat\b|\bthoi han\b|\bhan (?:chot|cuoi|nop|gui)\b"
                   r"|\bke tu\b|\btrong vong\b|\bthoi gian (?:nop|gui|nhan|trinh)\b|" + RELATIVE_TIME)


def folded_words(text: str) -> str:
    """Lower-case, accent-folded words joined by single spaces (the form these checks match)."""
    return " ".join(re.findall(r"\w+", fold_diacritics(text.lower())))


def asks_deadline(question: str) -> bool:
    return _ASKS.search(folded_words(question)) is not None


# Events a story dates, folded: the first one the question names is the one asked.
_EVENTS = re.compile(r"\b(toa dam|hoi thao|hoi nghi|hoi thi|dai hoi|cuoc thi|phien hop|ky hop|le (?:ky niem|phat dong|trao|"
                     r"tuyen duong|ton vinh|khai mac|be mac|tong ket))\b")
_WHEN = re.compile(r"\b(?:ngay nao|khi nao|luc nao|bao gio|thoi diem nao|ngay cu the|thang (?:nao|may))\b")


# "lần thứ mấy" asks the number, it names none (blind dev118 d118-057 was told "không nêu thời điểm" beside "hội
# nghị … lần thứ 9, … diễn ra chiều ngày 10-7" for "là hội nghị lần thứ mấy, diễn ra ngày nào?").
_NTH = re.compile(r"\blan thu (?!may\b|bao nhieu\b|nao\b)(\w+)")
# "Đợt thi đua chào mừng Đại hội XIV … kéo dài đến khi nào?" asks about the campaign; the event is its occasion.
_CAMPAIGN = re.compile(r"\b(?:dot|phong trao|ke hoach|chuong trinh|chao mung|huong toi)\b")


def event_not_dated(question: str, span: str) -> bool:
    """The question asks when an event it names took place, and the span shown first does not name it,
    or names another of its sessions ("lần thứ 9" for "hội nghị … lần thứ 8", eval/dev11.jsonl d11-006)."""
    q, f = folded_words(question), folded_words(span)
    event = _EVENTS.search(q)
    if not (event and _WHEN.search(q)) or _CAMPAIGN.search(q[:event.start()]):
        return False
    asked, stated = set(_NTH.findall(q)), set(_NTH.findall(f))
    return event.group(1) not in f or bool(asked and stated) and not asked & stated


def deadline_not_set(question: str, span: str, title: str = "") -> bool:
    """The question asks for a deadline and the span shown first (read with its document's title) sets
    none, sets one for another period ("hằng năm" for "hằng tháng"), or for a title other than the one asked."""
    if not asks_deadline(question):
        return False
    if _SETS.search(folded_words(span)) is None:
        return True
    # "phiếu theo dõi, đánh giá hằng tháng … trước ngày mấy?" is not answered by "trước ngày 15 tháng 12 hàng năm":
    # that is the yearly grading's deadline (blind dev82 d82-016, out of scope).
    asked, stated = set(PERIOD.findall(folded_words(question))), set(PERIOD.findall(folded_words(span)))
    if asked and stated and not asked & stated:
        return True
    named = asked_title(question)
    return bool(named) and not named <= set(folded_words(f"{title} {span}").split())


__all__ = ["asks_deadline", "deadline_not_set", "event_not_dated", "folded_words"]
