"""A group of people narrowed by a status the clauses never mention ("đảng viên dự bị", "thí sinh là người
khuyết tật", "nhân viên làm bán thời gian").

The clauses on the group ("đảng viên", "thí sinh") cover every word of the question but the status, and a
rule for the whole group does not say whether it holds for a probationary member, a disabled candidate or a
part-time worker: the documents may set it elsewhere, or not at all. Blind writers asked about "đảng viên
dự bị" in four sets (eval dev4 d4-012, dev14 d14-030, dev25 d25-047, dev30 d30-040), a part-time worker
and a disabled candidate too; every one was out of scope, and each was answered from the group's rule.

So when the question names a group followed by one of these statuses, and none of the best clauses (with
their Điều) mentions the status, the question is refused and the answer says which words the sources do not
mention. Only statuses that set a person apart from the group's rule are listed: "đang đi học", "vừa"
or "từng" describe an event, and the clauses that answer name it in other words.
"""

from __future__ import annotations

import re

from bot.answering.question import as_question, syllables, without_story

_GROUPS = (r"dang vien|cong chuc|vien chuc|can bo|thi sinh|nguoi lao dong|nhan vien|giao vien|hoc vien|"
           r"giang vien|nguoi du tuyen|ca nhan")
_STATUSES = (r"du bi|khuyet tat|ban thoi gian|thoi vu|hop dong|tap su|thu viec|nghi huu|cao tuoi|lon tuoi|"
             r"nuoc ngoai|nu")
# the status right after the group, or after "là (người)", "làm", "đang là", "(đang) trong thời gian" ("công
# chức đang trong thời gian tập sự", blind dev36 d36-047, was answered from the council's membership rule)
_NARROWED = re.compile(rf"\b(?P<group>{_GROUPS}) (?:(?:dang )?la (?:nguoi )?|lam (?:viec )?|(?:dang )?trong thoi gian )?"
                       rf"(?P<status>{_STATUSES})\b")
# An allowance is narrowed the same way by its kind: a clause on "phụ cấp chức vụ" does not say whether
# "phụ cấp khu vực" is kept (blind dev35 d35-006). The clause must name the kind with the word "phụ cấp".
_ALLOWANCE = re.compile(r"\b(?P<status>phu cap (?:khu vuc|cong vu|tham nien|kiem nhiem|uu dai|trach nhiem|luu tru|doc hai|"
                        r"luu dong|thu hut|chuc vu|dung lop))\b")


def unheld_status(question: str, hits: list) -> str:
    """The group and status the question names ("đảng viên dự bị", as typed), or the kind of allowance
    ("phụ cấp khu vực"), when none of `hits` mentions it; "" otherwise."""
    q = as_question(question)
    folded = " ".join(q.syllables)
    m = _NARROWED.search(folded) or _ALLOWANCE.search(folded)
    if m is None or _whole_group_asked(q.text, m):
        return ""
    status = m.group("status")
    for h in hits:
        text = " ".join(syllables(f"{h.title} {h.section} {h.text} {getattr(h, 'context', '')}"))
        if f" {status} " in f" {text} ":
            return ""
    words = q.expanded.split()
    n_before, n = len(folded[:m.start()].split()), len(m.group(0).split())
    typed = " ".join(words[n_before:n_before + n]) if len(words) == len(folded.split()) else m.group(0)
    return typed.strip(" ,.?;:")


def _whole_group_asked(text: str, m: re.Match) -> bool:
    """The status is in the asker's story, and the ask after it names the group without it: "… sợ mấy thí sinh
    lớn tuổi lúng túng không vào được phần mềm. Quy chế có giao giám thị hướng dẫn, hỗ trợ thí sinh đăng nhập
    không?" asks about every thí sinh (blind dev96 d96-016 was refused: "không nói đến: thí sinh lớn tuổi"). An
    ask that does not name the group ("Tôi là đảng viên dự bị. Tôi có được bầu không?") is about the story's."""
    ask = without_story(text)
    if ask == text or "group" not in m.groupdict():
        return False
    said = f" {' '.join(syllables(ask))} "
    return f" {m.group('group')} " in said and not _NARROWED.search(said)


__all__ = ["unheld_status"]
