"""A figure asked for no particular role is read from the general item of a Khoản, not from a role's
special case that shares more words with the question (bot/answering/direct.py, _general_case).

TT 16/2023 Điều 6 Khoản 3: "a) … từ đủ 15 năm" (anyone in the sector), "b) Lãnh đạo Bộ, Lãnh đạo Sở Lao
động - Thương binh và Xã hội … 05 năm …", "c) Lãnh đạo cấp phòng … 10 năm …". A question naming the
sector ("Cán bộ ngành LĐTBXH …") matched b) and c) on the sector's name and was answered "05 năm".
"""

import pytest

from bot.answering.clause_parts import special_case
from bot.answering.direct import find_direct
from tests.test_direct import make_service

TT16 = """BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
Số: 16/2023/TT-BLĐTBXH

THÔNG TƯ
Quy định chi tiết Luật Thi đua, khen thưởng trong lĩnh vực lao động, người có công và xã hội

Điều 6. Tên Kỷ niệm chương, đối tượng và tiêu chuẩn xét tặng Kỷ niệm chương của Bộ
1. Tên Kỷ niệm chương: “Vì sự nghiệp Lao động - Thương binh và Xã hội” (sau đây gọi tắt là Kỷ niệm chương).
2. Đối tượng tặng Kỷ niệm chương: Cá nhân có nhiều đóng góp cho sự nghiệp xây dựng và phát triển của Ngành. Kỷ niệm chương chỉ có một hạng và mỗi cá nhân chỉ được tặng một lần.
3. Cá nhân đang công tác trong Ngành được xét tặng Kỷ niệm chương khi đạt một trong các tiêu chuẩn sau:
a) Có thời gian công tác từ đủ 15 năm trở lên, luôn chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước và nội quy, quy chế của cơ quan.
Cá nhân có thời gian công tác trong lĩnh vực lao động, người có công và xã hội ở Bộ, ban, ngành, tỉnh khác nhưng sau đó chuyển sang Ngành làm việc thì thời gian đó được cộng gộp để tính là thời gian công tác trong Ngành, được xét tặng Kỷ niệm chương theo quy định của Thông tư này; trường hợp đã được tặng Kỷ niệm chương của Bộ, ngành khác thì không xét tặng.
b) Lãnh đạo Bộ, Lãnh đạo các đơn vị thuộc Bộ, Lãnh đạo Sở Lao động - Thương binh và Xã hội có thời gian công tác liên tục trong Ngành từ đủ 05 năm trở lên nếu được điều động sang công tác tại Bộ, ban, ngành, tỉnh khác hoặc có thông báo nghỉ hưu; Lãnh đạo Sở Lao động - Thương binh và Xã hội được xét theo đề nghị của Sở Lao động - Thương binh và Xã hội.
c) Lãnh đạo cấp phòng các đơn vị thuộc Bộ và tương đương, Lãnh đạo cấp phòng các đơn vị thuộc Sở Lao động - Thương binh và Xã hội và tương đương, Lãnh đạo Phòng Lao động - Thương binh và Xã hội cấp huyện có thời gian công tác liên tục trong Ngành từ đủ 10 năm trở lên nếu được điều động sang công tác tại Bộ, ban, ngành, tỉnh khác hoặc có thông báo nghỉ hưu;
4. Cá nhân đang công tác ngoài Ngành được xét tặng Kỷ niệm chương khi có thời gian công tác từ 05 năm trở lên (hoặc ít nhất một nhiệm kỳ công tác đối với cá nhân là người nước ngoài), phối hợp chặt chẽ với Ngành thực hiện có hiệu quả các chế độ, chính sách.
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = make_service(tmp_path_factory.mktemp("general"), {"tt-16-2023-tt-bldtbxh.txt": TT16})
    yield s
    s.close()


def test_a_roles_item_is_a_special_case_only_when_the_question_names_no_role():
    item = "b) Lãnh đạo Bộ, Lãnh đạo Sở Lao động - Thương binh và Xã hội có thời gian công tác từ đủ 05 năm"
    assert special_case(item, "Cán bộ ngành LĐTBXH công tác bao nhiêu năm thì được Kỷ niệm chương?")
    assert not special_case(item, "Lãnh đạo Sở LĐTBXH công tác bao nhiêu năm thì được Kỷ niệm chương?")
    assert not special_case("a) Có thời gian công tác từ đủ 15 năm trở lên", "công tác bao nhiêu năm?")
    # "Trường hợp" opens many items and is no role.
    assert not special_case("b) Trường hợp cá nhân chuyển công tác có thời gian 05 năm", "công tác bao nhiêu năm?")
    # A role in other words is still a role: "Trưởng phòng" asks for "c) Lãnh đạo cấp phòng …".
    assert not special_case("c) Lãnh đạo cấp phòng các đơn vị thuộc Sở có thời gian công tác từ đủ 10 năm",
                            "Trưởng phòng thuộc Sở LĐTBXH sắp nghỉ hưu thì phải công tác bao nhiêu năm?")


def test_the_general_item_answers_and_is_cited(svc):
    ans = svc.ask("Cán bộ công tác liên tục trong Ngành Lao động - Thương binh và Xã hội bao nhiêu năm thì được "
                  "xét tặng Kỷ niệm chương?")
    assert "15 năm" in ans.direct["text"] and "05 năm" not in ans.direct["text"]
    assert ans.citations[0].section.endswith("Điểm a")
    # A question naming the role gets the role's item.
    ans = svc.ask("Lãnh đạo Sở Lao động - Thương binh và Xã hội công tác liên tục trong Ngành bao nhiêu năm thì "
                  "được xét tặng Kỷ niệm chương?")
    assert "05 năm" in ans.direct["text"] and ans.citations[0].section.endswith("Điểm b")


def test_a_lead_in_ending_the_best_clause_is_read_with_its_items(svc):
    # The best clause is "Điều 6 › Khoản 1–3", ending on "… khi đạt một trong các tiêu chuẩn sau:"; its
    # Điểm are the next chunks. The figure is read from them, and the Điểm that states it is cited.
    q = ("Kỷ niệm chương Vì sự nghiệp Lao động - Thương binh và Xã hội: cá nhân đang công tác trong Ngành "
         "cần bao nhiêu năm?")
    best = svc.search(q)[0]
    assert best.section.endswith("Khoản 1–3")
    direct = find_direct(q, [best], None, svc.retriever)
    assert "15 năm" in direct.text and direct.hit.section.endswith("Điểm a")
    ans = svc.ask(q)
    assert "15 năm" in ans.direct["text"] and ans.citations[0].section.endswith("Điểm a")
