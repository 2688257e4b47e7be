"""Which unit received an award: the clauses that answer must speak of that award (bot/answering/recipients.py)."""

from __future__ import annotations

import pytest

from bot.answering.recipients import asked_award, award_not_held
from bot.answering.refusal import support
from bot.types import Hit


def _hit(text: str, doc: int = 1) -> Hit:
    return Hit(chunk_id=doc, doc_id=doc, score=1.0, source=f"d{doc}.txt", title="Sôi nổi phong trào thi đua",
               number="", issuer="", date="", section="Đoạn 3", text=text)


@pytest.mark.parametrize("question,award", [
    ("Năm 2022 Khối thi đua có đơn vị nào được tặng Cờ thi đua không?", "co thi dua"),
    ("Năm 2022 đơn vị nào dẫn đầu Khối và được Cờ thi đua?", "co thi dua"),
    ("nam 2018 don vi nao duoc tang co thi dua cua chinh phu", "co thi dua"),   # typed without accents
    ("Ai được tặng Bằng khen năm 2018?", "bang khen"),
    ("Ai có thẩm quyền tặng Bằng khen?", ""),            # who gives it: a regulation's body
    ("Tiêu chuẩn tặng Cờ thi đua của Bộ là gì?", ""),    # no recipient asked
])
def test_the_award_a_question_asks_the_recipient_of(question, award):
    assert asked_award(question) == award


PARAGRAPH = ("Năm 2022, các cơ quan, đơn vị trong Khối Thi đua đã tích cực tham mưu, hoàn thành tốt nhiệm vụ "
             "chính trị được giao; Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy tổ chức ký kết giao ước thi đua.")


def test_clauses_that_never_name_the_award_do_not_answer_who_got_it():
    q = "Năm 2022 Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy có đơn vị nào được tặng Cờ thi đua không?"
    assert award_not_held(q, [_hit(PARAGRAPH)]) == "được tặng Cờ thi đua"
    named = PARAGRAPH + " Văn phòng Tỉnh ủy được tặng Cờ thi đua của UBND tỉnh."
    assert award_not_held(q, [_hit(PARAGRAPH), _hit(named, 2)]) == ""
    sup = support(q, [_hit(PARAGRAPH)])
    assert not sup.supported and "act: được tặng Cờ thi đua" in sup.reasons
