"""A duration asked outright that the three best clauses do not state, and a follow-up that asks a figure in its
own words (bot/answering/not_stated.py, answer.py, direct.py).

- "Đợt 1 … kéo dài mấy ngày làm việc?" was answered with the plan's Phụ lục, which states no duration, while
  its "Thời gian thi đua" ranked fifth says "10 ngày làm việc" (dev21 d21-031, dev26 d26-035): a duration
  not in the span is looked for from the 4th clause on, and "không nêu" when none states it.
- "… bản tự kiểm điểm … viết cho mấy năm công tác gần nhất" after "Hồ sơ bổ nhiệm gồm những giấy tờ gì?" was
  read with both questions' words, which chose the photo's "06 tháng" (dev33 d33-029).
"""

from __future__ import annotations

from contextlib import closing

from bot.answering.not_stated import span_not_stating
from bot.answering.question import Question
from bot.types import Hit
from tests.test_direct import make_service

# ../shared/corpus nd-170-2025-nd-cp, Điều 35 Khoản 1–4.
HO_SO = """CHÍNH PHỦ
Số: 170/2025/NĐ-CP
Hà Nội, ngày 30 tháng 6 năm 2025
NGHỊ ĐỊNH
Quy định về tuyển dụng, sử dụng và quản lý công chức
Điều 35. Hồ sơ bổ nhiệm
Hồ sơ nhân sự bổ nhiệm phải được cấp có thẩm quyền xác nhận hoặc chứng thực theo quy định, bao gồm:
1. Tờ trình về việc bổ nhiệm do người đứng đầu cơ quan, tổ chức, đơn vị ký.
2. Biên bản hội nghị, bản tổng hợp kết quả kiểm phiếu kèm theo biên bản kiểm phiếu ở các bước trong quy trình bổ nhiệm.
3. Sơ yếu lý lịch do cá nhân tự khai theo mẫu quy định có dán ảnh màu khổ 4x6, được cơ quan trực tiếp quản lý xác nhận và đóng dấu; ảnh chụp trong thời hạn 06 tháng trước ngày nộp hồ sơ.
4. Bản tự kiểm điểm 03 năm công tác gần nhất.
"""


def _hit(text: str) -> Hit:
    return Hit(chunk_id=1, doc_id=1, score=1.0, source="kh-157.txt", title="Kế hoạch phát động phong trào thi đua",
               number="157/KH-UBND", issuer="", date="", section="Phụ lục", text=text)


def test_a_duration_asked_outright_and_not_in_the_span_is_looked_for_lower():
    shown = _hit("Tỷ lệ % người hưởng trợ cấp xã hội mở mới tài khoản")
    asked = Question.of("Đợt 1 phong trào thi đua chi trả không dùng tiền mặt ở Cần Thơ kéo dài mấy ngày làm việc?")
    assert span_not_stating(asked, None, shown, False) == ("duration", "")
    # a yes/no question that names days, or a duration only read into the question, is not asked outright
    assert span_not_stating(Question.of("Công chức có được trả tiền cho mấy ngày phép không nghỉ không?"),
                            None, shown, False) is None
    assert span_not_stating(Question.of("Công chức bị tạm giam thì trong thời gian đó hưởng lương thế nào?"),
                            None, shown, False) is None


def test_a_follow_up_asking_a_figure_in_its_own_words_is_read_with_them(tmp_path):
    with closing(make_service(tmp_path, {"nd-170-2025.txt": HO_SO})) as s:
        first = "Hồ sơ bổ nhiệm công chức giữ chức vụ lãnh đạo, quản lý gồm những giấy tờ gì?"
        ans = s.ask("the ban tu kiem diem trong ho so thi phai viet cho may nam cong tac gan nhat", history=[first])
        assert not ans.refused and ans.direct and "03 năm" in ans.direct["text"], ans.answer
        assert "06 tháng" not in ans.direct["text"]


def test_a_bare_how_much_asks_again_what_the_last_question_asked():
    """"Thế hạng Ba thì được bao nhiêu?" after "… Huân chương Lao động hạng Nhất thì được thưởng mấy lần mức lương
    cơ sở …?" asks the same sum for the other class: the earlier ask is carried, with the class swapped (dev45
    d45-041 was told "không nêu số lượng")."""
    from bot.answering.followup import standalone_question
    from bot.answering.question_kind import question_kind
    first = "Tập thể được tặng Huân chương Lao động hạng Nhất thì được thưởng mấy lần mức lương cơ sở theo Nghị định 152?"
    whole = standalone_question("Thế hạng Ba thì được bao nhiêu?", [first])
    assert "hạng Ba thì được thưởng mấy lần mức lương cơ sở" in whole and "hạng Nhất" not in whole
    assert question_kind(whole) == "amount"
    # a follow-up that names what it counts asks its own figure: the earlier ask stays behind
    own = standalone_question("Vậy tối đa bao nhiêu người?", [first])
    assert "mấy lần mức lương" not in own
