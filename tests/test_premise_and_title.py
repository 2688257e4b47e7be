"""Two ways a clause that shares the question's words still does not answer it (bot/answering/not_stated.py):

- the span's only figures are ones the question itself states: its premise, not the answer ("biệt phái đủ
  3 năm … gia hạn thêm tối đa bao lâu?" is not answered by "không quá 03 năm", blind dev39 d39-002);
- công chức asked, and the span is Nghị định 233's rule for viên chức (dev39 d39-026);
- the question names one emulation title and the clause shown is about another (bot/answering/emulation_titles.py):
  Hà Nội's “Công dân danh dự Thủ đô” asked, “Công dân Thủ đô ưu tú” answered (dev39 d39-012).
"""

from __future__ import annotations

from contextlib import closing

import pytest

from bot.answering.emulation_titles import named_titles, other_title
from bot.answering.not_stated import echoes_question, other_group
from tests.test_direct import DECREE, make_service

# ../shared/corpus qd-71-2025-qd-ubnd-hanoi (Điều 5 Khoản 2 Điểm c) and nq-83-2025-nq-hdnd-hanoi (Điều 7).
HANOI_71 = """ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI
Số: 71/2025/QĐ-UBND
Hà Nội, ngày 10 tháng 10 năm 2025
QUYẾT ĐỊNH
Về việc ban hành Quy chế xét tặng danh hiệu “Công dân Thủ đô ưu tú”
Điều 5. Quy trình xét tặng
2. Trình tự xét tặng:
c) Thực hiện công khai danh sách các cá nhân dự kiến tặng thưởng trên cổng giao tiếp điện tử của Trung tâm Truyền thông, Dữ liệu và Công nghệ số thành phố Hà Nội để lấy ý kiến nhân dân (trong thời hạn 07 ngày làm việc);
"""
HANOI_83 = """HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI
Số: 83/2025/NQ-HĐND
Hà Nội, ngày 20 tháng 9 năm 2025
NGHỊ QUYẾT
Về xét tặng danh hiệu “Công dân danh dự Thủ đô”
Điều 7. Quyền lợi của cá nhân được tặng danh hiệu
1. Cá nhân được tặng danh hiệu “Công dân danh dự Thủ đô” được hưởng các quyền lợi sau:
a) Được tặng Bằng chứng nhận và Huy hiệu “Công dân danh dự Thủ đô”.
b) Được miễn phí sử dụng các dịch vụ công ích do Ủy ban nhân dân thành phố Hà Nội quy định.
"""

# ../shared/corpus tt-15-2023-tt-bkhdt (Điều 8, Điều 9 Khoản 1 Điểm a–b).
THONG_TU_15 = """BỘ KẾ HOẠCH VÀ ĐẦU TƯ
Số: 15/2023/TT-BKHĐT
Hà Nội, ngày 29 tháng 12 năm 2023
THÔNG TƯ
Hướng dẫn công tác thi đua, khen thưởng ngành Kế hoạch và Đầu tư
Điều 8. Danh hiệu "Tập thể lao động xuất sắc"
1. Danh hiệu “Tập thể lao động xuất sắc” được xét tặng hằng năm cho tập thể đạt các tiêu chuẩn sau đây:
a) Hoàn thành xuất sắc nhiệm vụ được giao và đạt từ 850 điểm trở lên theo Bảng chấm điểm thi đua (Phụ lục 8).
b) Tích cực tham gia phong trào thi đua thường xuyên, thiết thực, hiệu quả.
c) Có 100% cá nhân trong tập thể hoàn thành nhiệm vụ được giao, trong đó có ít nhất 70% cá nhân đạt danh hiệu "Lao động tiên tiến".
Điều 9. Danh hiệu “Tập thể lao động tiên tiến”
1. Danh hiệu “Tập thể lao động tiên tiến” được xét tặng hằng năm cho tập thể đạt các tiêu chuẩn sau đây:
a) Hoàn thành tốt nhiệm vụ được giao và đạt từ 700 điểm trở lên theo Bảng chấm điểm thi đua (Phụ lục 8)
b) Tham gia phong trào thi đua thường xuyên, thiết thực, hiệu quả.
"""


@pytest.mark.parametrize("question,span,echoed", [
    ("Công chức biệt phái đủ 3 năm mà muốn gia hạn thì được gia hạn thêm tối đa bao lâu?",
     "Thời gian biệt phái công chức không quá 03 năm, trừ trường hợp thực hiện theo quy định của pháp luật chuyên ngành.", True),
    ("Thời hạn bổ nhiệm dưới 05 năm, vậy cụ thể là mấy năm?", "Thời hạn bổ nhiệm dưới 05 năm áp dụng đối với một số chức danh đặc thù.", True),
    ("Thời gian biệt phái công chức tối đa bao lâu?", "Thời gian biệt phái công chức không quá 03 năm.", False),
    # a share of the time answers: "sớm nhất sau 2/3 thời gian làm bài" (dev4 d4-034)
    ("thi viet tren giay tren 60 phut thi thi sinh som nhat bao lau moi duoc ra khoi phong thi",
     "Đối với bài thi trên giấy có thời gian trên 60 phút, thí sinh chỉ được ra khỏi phòng thi sớm nhất sau 2/3 thời gian làm bài thi.", False),
    # no figure asked: the premise may be repeated ("6 tháng cuối năm … ban hành ngày nào?")
    ("Hướng dẫn về công tác dân vận 6 tháng cuối năm được ban hành ngày nào?", "công tác dân vận 6 tháng cuối năm", False),
    # another figure besides the premise
    ("Đủ 3 năm thì được gia hạn thêm bao lâu?", "Đủ 03 năm thì được gia hạn thêm không quá 02 năm.", False),
])
def test_a_span_that_only_repeats_the_questions_figure_does_not_answer_it(question, span, echoed):
    assert echoes_question(question, span) is echoed


def test_titles_are_matched_longest_first_and_folded():
    assert named_titles("Còn Tập thể lao động tiên tiến thì sao?") == {"Tập thể lao động tiên tiến"}
    assert named_titles("danh hieu chien sy thi dua co so") == {"Chiến sĩ thi đua cơ sở"}
    assert named_titles("Gia đình văn hoá") == {"Gia đình văn hóa"}
    # the second level is written many ways; a level not known is ""
    assert named_titles("CSTĐ: Chiến sĩ thi đua cấp tỉnh") == named_titles("Chiến sĩ thi đua bộ, ban, ngành, tỉnh")
    assert named_titles("Chiến sĩ thi đua các cấp") == {""}


@pytest.mark.parametrize("question,shown,title", [
    ("Người được tặng danh hiệu Công dân Thủ đô ưu tú có được miễn phí dịch vụ công ích không?",
     "Về xét tặng danh hiệu “Công dân danh dự Thủ đô”\nb) Được miễn phí sử dụng các dịch vụ công ích",
     "quy định này đối với danh hiệu “Công dân Thủ đô ưu tú”"),
    ("Danh hiệu \"Gia đình văn hóa\" bao lâu thì được bình xét một lần?",
     "Có 02 lần liên tục được tặng danh hiệu “Chiến sĩ thi đua cơ sở”",
     "quy định này đối với danh hiệu “Gia đình văn hóa”"),
    # the clause names the title asked, or none at all: it may still answer
    ("Còn Tập thể lao động tiên tiến thì phải đạt từ bao nhiêu điểm?",
     "Danh hiệu “Tập thể lao động xuất sắc” … Danh hiệu “Tập thể lao động tiên tiến” đạt từ 80 điểm", ""),
    ("Lao động tiên tiến được thưởng bao nhiêu?", "được thưởng 0,3 lần mức lương cơ sở", ""),
    # "cấp tỉnh" is the law's "bộ, ban, ngành, tỉnh"; a Chiến sĩ thi đua of no known level may be any
    ("Chiến sĩ thi đua cấp tỉnh xét mấy năm một lần?",
     "Danh hiệu “Chiến sĩ thi đua cơ sở” … “Chiến sĩ thi đua bộ, ban, ngành, tỉnh” được xét tặng 3 năm một lần", ""),
    ("Chiến sĩ thi đua cấp tỉnh xét mấy năm một lần?", "Chiến sĩ thi đua các cấp, Chiến sĩ thi đua cơ sở", ""),
    ("Chiến sĩ thi đua cấp tỉnh xét mấy năm một lần?", "Danh hiệu “Chiến sĩ thi đua cơ sở” được xét hằng năm",
     "quy định này đối với danh hiệu “Chiến sĩ thi đua bộ, ban, ngành, tỉnh”"),
    # The Party's badge is not an emulation title: the sum of "Chiến sĩ thi đua toàn quốc", which is given a
    # Huy hiệu too, is not its sum (dev7 d7-041, dev32 d32-012). A clause naming no title may still answer.
    ("Người được tặng Huy hiệu 40 năm tuổi Đảng được thưởng bao nhiêu tiền?",
     "a) Danh hiệu “Chiến sĩ thi đua toàn quốc” được tặng Bằng chứng nhận, khung, Huy hiệu, hộp đựng Huy hiệu và "
     "được thưởng 4,5 lần mức lương cơ sở", "quy định này đối với “Huy hiệu Đảng”"),
    ("huy hieu 50 nam tuoi dang duoc tang kem bao nhieu tien thuong?",
     "Danh hiệu “Chiến sĩ thi đua toàn quốc” được thưởng 4,5 lần mức lương cơ sở", "quy định này đối với “Huy hiệu Đảng”"),
    ("Năm 2022 tỉnh trao bao nhiêu Huy hiệu Đảng?", "trao Huy hiệu 30, 40, 45, 50, 55 năm tuổi Đảng cho 1.200 đảng viên", ""),
])
def test_a_clause_about_another_title_does_not_answer(question, shown, title):
    assert other_title(question, shown) == title


def test_the_premise_through_ask(tmp_path):
    with closing(make_service(tmp_path, {"nd-170-2025.txt": DECREE})) as s:
        ans = s.ask("Thời gian biệt phái công chức không quá 3 năm, vậy cụ thể là bao lâu?")
        assert ans.refused and "không nêu thời hạn" in ans.answer, ans.answer
        ans = s.ask("Thời gian biệt phái công chức tối đa là bao lâu?")
        assert not ans.refused and "03 năm" in ans.answer, ans.answer


def test_the_other_hanoi_title_through_ask(tmp_path):
    with closing(make_service(tmp_path, {"qd-71-2025.txt": HANOI_71, "nq-83-2025.txt": HANOI_83})) as s:
        ans = s.ask("Hà Nội lấy ý kiến nhân dân về người dự kiến được tặng danh hiệu Công dân danh dự Thủ đô "
                    "trong bao nhiêu ngày làm việc?")
        assert ans.refused and "“Công dân danh dự Thủ đô”" in ans.answer, ans.answer
        ans = s.ask("Hà Nội lấy ý kiến nhân dân về người dự kiến được tặng danh hiệu Công dân Thủ đô ưu tú "
                    "trong bao nhiêu ngày làm việc?")
        assert not ans.refused and "07 ngày làm việc" in ans.answer, ans.answer
        ans = s.ask("Người được tặng danh hiệu Công dân Thủ đô ưu tú có được miễn phí sử dụng dịch vụ công ích không?")
        assert ans.refused and "“Công dân Thủ đô ưu tú”" in ans.answer, ans.answer
        ans = s.ask("Người được tặng danh hiệu Công dân danh dự Thủ đô có được miễn phí sử dụng dịch vụ công ích không?")
        assert not ans.refused and "miễn phí" in ans.answer, ans.answer


def test_a_follow_up_on_another_title_is_read_from_its_own_article(tmp_path):
    with closing(make_service(tmp_path, {"tt-15-2023.txt": THONG_TU_15})) as s:
        first = "Theo TT 15/2023/TT-BKHĐT, danh hiệu Tập thể lao động xuất sắc phải đạt bao nhiêu điểm theo Bảng chấm điểm?"
        ans = s.ask(first)
        assert not ans.refused and "850 điểm" in ans.direct["text"], ans.answer
        ans = s.ask("Còn Tập thể lao động tiên tiến thì phải đạt từ bao nhiêu điểm?", history=[first])
        assert not ans.refused and "700 điểm" in ans.direct["text"], ans.answer
        assert "Điều 9" in ans.citations[0].section


ND_233 = "Nghị định quy định về đánh giá, xếp loại chất lượng đối với đơn vị sự nghiệp công lập và viên chức"


@pytest.mark.parametrize("question,span,title,group", [
    ("Kết quả xếp loại chất lượng công chức phải cập nhật lên CSDL quốc gia về CBCCVC chậm nhất mấy ngày?",
     "Thực hiện cập nhật, đồng bộ kết quả theo dõi, đánh giá và xếp loại chất lượng viên chức vào Cơ sở dữ liệu "
     "quốc gia về cán bộ, công chức, viên chức chậm nhất 05 ngày sau khi có kết quả.", ND_233, "công chức"),
    # a rule for all the groups, or a document for both, may answer
    ("Công chức nghỉ ốm 4 tháng có được xếp loại không?", "Cán bộ, công chức, viên chức nghỉ ốm từ 03 tháng",
     "Quy định tiêu chí đánh giá cán bộ, công chức và viên chức", ""),
    ("Viên chức được đánh giá khi nào?", "viên chức được đánh giá vào cuối năm", ND_233, ""),
    # "Luật Cán bộ, công chức" names a law, not the group asked
    ("Theo Luật Cán bộ, công chức, ai đánh giá người đứng đầu?", "viên chức do người đứng đầu đánh giá", ND_233, ""),
])
def test_a_span_for_the_other_group_in_its_own_decree_does_not_answer(question, span, title, group):
    assert other_group(question, span, title) == group


def test_the_span_is_not_read_from_a_clause_on_another_title(tmp_path):
    # The follow-up's question carries the first one's words: the 15% for Chiến sĩ thi đua cơ sở shared more
    # of them than Điều 2, ranked first, on Tập thể lao động tiên tiến.
    from tests.test_answers import decree_service
    with closing(decree_service(tmp_path)) as s:
        first = "Tỷ lệ Chiến sĩ thi đua cơ sở là bao nhiêu?"
        ans = s.ask("Thế còn Tập thể lao động tiên tiến?", history=[first])
        assert not ans.refused and "trên 50%" in ans.direct["text"], ans.answer
        assert "15%" not in ans.direct["text"]


_ORDERS = ("Huân chương Hồ Chí Minh | 61 lần mức lương cơ sở | "
           "Huân chương Độc lập hạng Nhì, Huân chương Quân công hạng nhì | 25 lần mức lương cơ sở | Huân chương Lao động "
           "hạng Ba, Huân chương Chiến công hạng Ba, Huân chương Bảo vệ Tổ quốc hạng Ba và Huân chương Dũng cảm | 9 lần "
           "mức lương cơ sở |")


def test_an_orders_class_is_read_from_its_own_row_or_not_stated():
    """A class of an order ("Huân chương Độc lập hạng Ba") is not answered by the order's other class, nor by
    another order's row with the same class, nor, for a sum, by a sentence that names no order at all."""
    from bot.answering.emulation_titles import other_class
    from bot.answering.reader import read
    ask = "Huân chương Độc lập hạng Ba được thưởng bao nhiêu lần mức lương cơ sở?"
    note = "quy định này đối với “Huân chương Độc lập hạng Ba”"
    assert other_class(ask, "Huân chương Độc lập hạng Nhì, Huân chương Quân công hạng nhì | 25 lần") == note
    assert other_class(ask, "Huân chương Lao động hạng Ba, Huân chương Chiến công hạng Ba | 9 lần") == note
    assert other_class(ask, "Mức lương cơ sở là 2.340.000 đồng/tháng.") == ""
    assert other_class(ask, "Mức lương cơ sở là 2.340.000 đồng/tháng.", named=True) == note
    # listed classes name each; the class asked is there
    assert other_class("huan chuong lao dong hang ba cho tap the?", "+ Huân chương Lao động hạng Nhất, hạng Nhì, hạng Ba;") == ""
    # the reader takes the asked class's row, and none when no row is the order's in that class
    span = read("Tập thể được Huân chương Lao động hạng Ba thưởng bao nhiêu lần mức lương cơ sở?", [_ORDERS])
    assert span is not None and span.text.startswith("Huân chương Lao động hạng Ba") and "9 lần" in span.text
    assert read(ask, [_ORDERS]) is None
