"""A person asked about in a news article ("ai đạt giải nhất", "tên là gì"): do the best passages name one?

Issue 18, item 4 for people. In a regulation "Ai là Chủ tịch Hội đồng …?" is answered by a post
("Thủ tướng Chính phủ"), and bot/answering/question_kind.py's "body" covers it. In a news article the
question asks for a person, and the passage that shares its words often names nobody: "Hội thi 'Bí thư chi
bộ giỏi' … thì ai đạt giải nhất?" was answered by the paragraph on the contest, which names no winner.
When the best passage is a news article's and none of the best three names a person (a Vietnamese full
name: a family name and two or more capitalised syllables, as "Nguyễn Thị Nghĩa"), the answer is
"Tài liệu hiện có không nêu họ tên người …" with the nearest passage.
"""

from __future__ import annotations

import re

from bot.types import Hit
from ingest.normalize import fold_diacritics

DEPTH = 3
# "ai phát biểu", "ai đạt giải", "ai là Bí thư …", "tên là gì", "họ tên": folded.
_ASKS_PERSON = re.compile(r"(?:^| )(?:ai (?!cung)|la ai\b|ten (?:la )?gi\b|ho ten\b|ten cua (?:nguoi|giang vien|dong chi))")
_FAMILY = set("""Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Mai Trịnh Lương
Lâm Hà Tạ Cao Chu Đoàn Trương Thái Tô Kiều La Quách Lưu Tăng Triệu Vương Phùng Nông Hứa Lục Doãn Khúc Âu""".split())
_WORD = re.compile(r"[^\W\d_]+")


def asks_person(question: str) -> bool:
    return _ASKS_PERSON.search(" ".join(_WORD.findall(fold_diacritics(question.lower())))) is not None


def names_person(text: str) -> bool:
    """A family name followed by two capitalised syllables ("Nguyễn Thị Nghĩa"): a place named like a
    family ("Hà Nội", "Lâm Đồng") has one."""
    words = _WORD.findall(text)
    return any(w in _FAMILY and all(n[:1].isupper() for n in words[i + 1:i + 3]) and len(words) > i + 2
               for i, w in enumerate(words))


def person_not_named(question: str, hits: list[Hit]) -> bool:
    """A news article's passage answers first, the question asks who, and no best passage names anyone."""
    if not hits or hits[0].kind != "article" or not asks_person(question):
        return False
    return not any(names_person(h.text) for h in hits[:DEPTH])


__all__ = ["asks_person", "names_person", "person_not_named"]
