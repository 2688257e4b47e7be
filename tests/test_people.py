"""A person asked about in a news article whom no passage names is "không nêu họ tên người", not the
paragraph that shares the question's words (issue 18, item 4; bot/answering/people.py)."""

from __future__ import annotations

import pytest

from bot.answering.people import asks_person, names_person
from tests.test_direct import make_service

# corpus/002_9383db14de2cda84.txt (Báo Thừa Thiên Huế), shortened: one secretary is named, the contest's
# winner is not.
ARTICLE = """Chính trị - Xã hội Xây dựng Đảng

24/03/2018 - 14:45

Gắn công tác cán bộ với đổi mới phương thức lãnh đạo

TTH - Đảng bộ Văn phòng UBND tỉnh có 81 đảng viên, sinh hoạt ở 7 chi bộ trực thuộc.

Bí thư chi bộ Thông tin - Tin học Nguyễn Thị Thanh Hương cho biết, cán bộ, đảng viên đã ứng dụng thành công nhiều phần mềm cải cách hành chính.

Hội thi "Bí thư chi bộ giỏi" năm 2017 của Đảng bộ Văn phòng UBND tỉnh đã tổ chức thành công với sự tham gia của 7 chi bộ trực thuộc.

Qua Hội thi "Bí thư chi bộ giỏi", các bí thư chi bộ được bồi dưỡng kỹ năng tổ chức sinh hoạt chi bộ, nâng cao chất lượng sinh hoạt.

Giải nhất, giải nhì và giải ba của Hội thi được trao cho các bí thư chi bộ có phần thi xuất sắc, được Đảng ủy khen thưởng.

Bài, ảnh: Thái Bình
"""


@pytest.mark.parametrize("question,asks", [
    ("Hội thi năm 2017 thì ai đạt giải nhất?", True),
    ("Giảng viên đạt giải 3 tên là gì?", True),
    ("Ai là Bí thư chi bộ Thông tin - Tin học?", True),
    ("Hồ sơ gồm những gì?", False),
    ("Ai cũng được dự thi không?", False),
])
def test_a_question_that_asks_for_a_person(question, asks):
    assert asks_person(question) is asks


@pytest.mark.parametrize("text,named", [
    ("Bí thư chi bộ Nguyễn Thị Thanh Hương cho biết", True),
    ("đồng chí Lê Văn Thành phát biểu", True),
    ("Hội đồng nhân dân tỉnh Hà Nam, tỉnh Lâm Đồng", False),   # places named like a family
    ("Bài, ảnh: Thái Bình", False),
])
def test_a_passage_that_names_a_person(text, named):
    assert names_person(text) is named


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = make_service(tmp_path_factory.mktemp("people"), {"tth.txt": ARTICLE})
    yield s
    s.close()


def test_a_person_no_passage_names_is_said_not_stated(tmp_path):
    s = make_service(tmp_path, {"tth.txt": ARTICLE.replace("Bí thư chi bộ Thông tin - Tin học Nguyễn Thị Thanh Hương cho biết, ", "")})
    try:
        ans = s.ask('Hội thi "Bí thư chi bộ giỏi" năm 2017 của Đảng bộ Văn phòng UBND tỉnh thì ai đạt giải nhất?')
        assert ans.refused and ans.answer.startswith("Tài liệu hiện có không nêu họ tên người")
        assert ans.citations     # the nearest passage is shown, with its citation
    finally:
        s.close()


def test_a_person_a_passage_names_is_answered(svc):
    ans = svc.ask('Hội thi "Bí thư chi bộ giỏi" năm 2017 của Đảng bộ Văn phòng UBND tỉnh thì ai đạt giải nhất?')
    assert not ans.refused       # a name is there: the passage is shown for the reader to judge
    ans = svc.ask("Ai là Bí thư chi bộ Thông tin - Tin học của Văn phòng UBND tỉnh?")
    assert not ans.refused and "Nguyễn Thị Thanh Hương" in ans.answer
