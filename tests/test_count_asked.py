"""A count asked ("có bao nhiêu Phó Chủ tịch?") is not answered by a span that states no number: the answer
says "không nêu số lượng" and shows the clause (bot/answering/answer.py, question_kind.asks_count)."""

import pytest

from tests.test_direct import make_service


def council(members: str) -> str:
    return f"""ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Số: 86/2025/QĐ-UBND

QUYẾT ĐỊNH
Ban hành Quy định về công tác thi đua, khen thưởng tỉnh Bắc Ninh

Điều 8. Hội đồng Thi đua - Khen thưởng tỉnh
1. Hội đồng Thi đua - Khen thưởng tỉnh do Chủ tịch Ủy ban nhân dân tỉnh quyết định thành lập.
2. Thành phần Hội đồng Thi đua - Khen thưởng tỉnh gồm: a) Chủ tịch Hội đồng là Chủ tịch Ủy ban nhân dân tỉnh; {members} c) Các Ủy viên Hội đồng là lãnh đạo các sở, ngành.
"""


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    unnamed = make_service(tmp_path_factory.mktemp("count0"), {"qd-86.txt": council("b) Các Phó Chủ tịch Hội đồng;")})
    counted = make_service(tmp_path_factory.mktemp("count2"),
                           {"qd-86.txt": council("b) 02 Phó Chủ tịch Hội đồng là Giám đốc Sở Nội vụ và một Phó Chủ tịch;")})
    yield unnamed, counted
    unnamed.close()
    counted.close()


QUESTION = "Hội đồng Thi đua - Khen thưởng tỉnh Bắc Ninh có bao nhiêu Phó Chủ tịch Hội đồng?"


def test_no_number_in_the_clause_says_the_count_is_not_stated(services):
    unnamed, counted = services
    ans = unnamed.ask(QUESTION)
    assert ans.refused and ans.answer.startswith("Tài liệu hiện có không nêu số lượng")
    assert ans.citations and "Phó Chủ tịch" in ans.answer   # the nearest clause is still shown
    # the same question over a clause that states the number is answered
    ans = counted.ask(QUESTION)
    assert not ans.refused and "02 Phó Chủ tịch" in ans.answer
