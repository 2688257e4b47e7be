"""A yes/no question about a case no clause speaks of is "không nêu quy định cho trường hợp …", not the
clause on a neighbouring topic (issue 18, item 4; bot/answering/yes_no.py)."""

from __future__ import annotations

import pytest

from bot.answering.yes_no import asked_case, case_not_covered
from bot.types import Hit
from tests.test_direct import ARTICLE_TTH, DECREE, make_service

# ../shared/corpus nd-170-2025-nd-cp, Điều 59 › Khoản 1: the time counted for a severance allowance.
SEVERANCE = """CHÍNH PHỦ
Số: 171/2025/NĐ-CP
NGHỊ ĐỊNH
Quy định về thôi việc đối với công chức
Điều 59. Trợ cấp thôi việc
1. Thời gian được tính trợ cấp thôi việc là tổng thời gian tính theo năm có đóng bảo hiểm xã hội bắt buộc chưa nhận trợ cấp thôi việc, bao gồm thời gian nghỉ thai sản của công chức.
"""


def hit(text: str, title: str = "Nghị định") -> Hit:
    return Hit(chunk_id=1, doc_id=1, score=1.0, source="nd.txt", title=title, number="", issuer="", date="",
               section="Điều 1", text=text)


@pytest.mark.parametrize("question,case", [
    ("Thời gian nghỉ thai sản có được tính để nâng bậc lương không?", "duoc tinh de nang bac luong"),
    ("Thí sinh có được mang điện thoại vào phòng thi không?", "duoc mang dien thoai vao phong thi"),
    ("Thời gian biệt phái tối đa là bao lâu?", ""),      # not a yes/no question
])
def test_the_asked_case(question, case):
    assert asked_case(question) == case


def test_a_case_the_clauses_do_not_speak_of():
    q = "Thời gian nghỉ thai sản của công chức có được tính để nâng bậc lương thường xuyên không?"
    assert case_not_covered(q, [hit("Thời gian được tính trợ cấp thôi việc là tổng thời gian có đóng bảo hiểm.")])
    assert not case_not_covered(q, [hit("Thời gian nghỉ thai sản được tính để xét nâng bậc lương thường xuyên.")])
    assert not case_not_covered("Hồ sơ gồm những gì?", [hit("Không liên quan.")])   # not a yes/no question


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = make_service(tmp_path_factory.mktemp("yes_no"), {"nd-170-2025.txt": DECREE, "nd-171.txt": SEVERANCE,
                                                         "tth.txt": ARTICLE_TTH})
    yield s
    s.close()


def test_a_permission_no_clause_states_is_said_not_stated(svc):
    ans = svc.ask("Thời gian nghỉ thai sản của công chức có được tính để nâng bậc lương thường xuyên không?")
    assert ans.refused and ans.direct is None
    assert ans.answer.startswith("Tài liệu hiện có không nêu quy định cho trường hợp")
    assert ans.citations     # the nearest clause is shown, with its citation


def test_a_permission_a_clause_states_is_answered(svc):
    ans = svc.ask("Thí sinh có được mang điện thoại vào phòng thi không?")
    assert not ans.refused and "không được mang điện thoại" in ans.answer
