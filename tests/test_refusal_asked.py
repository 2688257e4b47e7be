"""The kind of thing asked against the kind of thing stated (bot/answering/asked_kind.py, issue 18 item 4).

A near-topic question finds a clause that states a figure of the asked kind about something else; the
answer must then say the documents do not state it. Each rule is tested on its answerable twin too.
"""

from types import SimpleNamespace

import pytest

from bot.answering.asked_kind import asked, unstated
from tests.test_direct import make_service


def hit(text: str, title: str = "Nghị định quy định về công chức", context: str = ""):
    return SimpleNamespace(text=text, context=context, title=title)


def test_each_question_word_is_read_with_its_own_kind_unit_and_focus():
    both = asked("Viên chức mới được tuyển dụng phải tập sự bao nhiêu tháng và trong thời gian tập sự hưởng "
                 "bao nhiêu phần trăm lương?")
    assert [(a.kind, a.unit) for a in both] == [("duration", "thang"), ("percent", "")]
    assert {"tap", "su"} <= set(both[0].focus) and set(both[1].focus) == {"tap", "su"}   # not "bao nhieu"
    assert [a.kind for a in asked("Quần chúng phải đủ bao nhiêu tuổi mới được kết nạp?")] == ["age"]
    assert [a.kind for a in asked("Mức phụ cấp hằng tháng cho người hoạt động không chuyên trách là bao nhiêu?")] \
        == ["money_or_percent"]
    assert [a.kind for a in asked("han chot nop ban ke khai tai san la ngay nao")] == ["date"]
    # a count, and "khi nào" (the cases as often as a day), are not checked
    assert asked("Đảng bộ có bao nhiêu đảng viên?") == []
    assert asked("Hình thức cảnh cáo áp dụng khi nào?") == []
    # "kéo dài", "thời gian" ask for the kind; the focus is what is measured
    assert asked("Viên chức bị cảnh cáo thì bị kéo dài thời gian nâng lương bao nhiêu tháng?")[0].focus \
        == ("cao", "nang", "luong")


def test_an_age_is_not_a_duration():
    q = "Nữ công chức sinh con được nghỉ chế độ thai sản mấy tháng?"
    age = hit("Công chức nữ đang mang thai, nghỉ thai sản, đang nuôi con dưới 12 tháng tuổi thì chưa xem xét kỷ luật.")
    assert unstated(q, [age]).kind == "duration"
    assert unstated(q, [age, hit("Thời gian nghỉ chế độ thai sản là 06 tháng.")]) is None


def test_a_figure_must_be_in_the_part_that_names_what_is_asked():
    q = "Viên chức bị kỷ luật cảnh cáo thì bị kéo dài thời gian nâng lương bao nhiêu tháng?"
    near = [hit("Thời hạn xử lý kỷ luật không quá 90 ngày; trường hợp phức tạp thì có thể kéo dài nhưng không quá "
                "150 ngày."),
            hit("Công chức đang được cử đi công tác ở nước ngoài từ 03 tháng trở lên hoặc đang nâng lương trước thời hạn.")]
    assert unstated(q, near).kind == "duration"
    stated = hit("Viên chức bị kỷ luật cảnh cáo thì thời gian nâng lương bị kéo dài 06 tháng.")
    assert unstated(q, near + [stated]) is None


def test_the_asked_unit_and_dates_are_not_other_durations():
    q = "Viên chức mới tuyển dụng phải tập sự bao nhiêu tháng?"
    assert unstated(q, [hit("Việc đánh giá thời gian tập sự trước ngày 01 tháng 7 năm 2025 theo Nghị định cũ.")])
    assert unstated(q, [hit("Thời gian tập sự của viên chức là 90 ngày.")])      # asked in months
    assert unstated(q, [hit("Thời gian tập sự của viên chức là 12 tháng.")]) is None


def test_a_table_figure_is_read_with_its_label_and_the_clause_it_is_in():
    q = "Tổng thời gian giải quyết thủ tục xét tặng giải thưởng Hải Thượng Lãn Ông là bao nhiêu ngày?"
    table = hit("Lập hồ sơ trình Bộ Y tế ký Quyết định tặng giải thưởng Hải Thượng Lãn Ông.\n- Công chức thụ lý\n"
                "15 ngày\nTổng thời gian thực hiện TTHC:\n150 ngày", title="Quyết định ban hành quy trình thủ tục")
    assert unstated(q, [table]) is None


def test_an_item_is_read_under_its_lead_in():
    q = "Thí sinh đến muộn bao nhiêu phút thì vẫn được dự thi?"
    lead = hit("1. Thí sinh đến muộn sau thời điểm bắt đầu tính giờ làm bài thì được dự thi nếu:\n"
               "a) Không quá 05 phút đối với bài thi 30 phút;\nb) Không quá 10 phút đối với bài thi từ 60 phút.")
    assert unstated(q, [lead]) is None


THAI_SAN = """CHÍNH PHỦ
Số: 98/2025/NĐ-CP
Hà Nội, ngày 1 tháng 7 năm 2025
NGHỊ ĐỊNH
Quy định về xử lý kỷ luật công chức
Điều 3. Các trường hợp chưa xem xét xử lý kỷ luật
1. Công chức nữ đang nghỉ chế độ thai sản, đang nuôi con dưới 12 tháng tuổi thì chưa xem xét xử lý kỷ luật.
2. Thời hạn xử lý kỷ luật không quá 90 ngày.
Điều 4. Thôi việc
Công chức nghỉ việc theo nguyện vọng thì báo trước.
Trợ cấp do Chính phủ quy định.
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = make_service(tmp_path_factory.mktemp("asked"), {"nd-98.txt": THAI_SAN})
    yield s
    s.close()


def test_the_answer_says_the_duration_is_not_stated(svc):
    ans = svc.ask("Công chức nữ được nghỉ chế độ thai sản mấy tháng?")
    assert ans.refused and ans.answer.startswith("Tài liệu hiện có không nêu thời hạn")
    assert ans.citations and ans.citations[0].source == "nd-98.txt"     # the nearest clause is still shown
    assert not svc.ask("Thời hạn xử lý kỷ luật công chức tối đa bao nhiêu ngày?").refused




def test_an_age_needs_a_number_and_the_head_before_cua_is_what_is_measured():
    q = "Tuổi nghỉ hưu của nữ công chức năm 2026 là bao nhiêu tuổi?"
    assert asked(q)[0].focus == ("tuoi", "nghi", "huu")
    words_only = hit("Công chức khi hết thời hạn bổ nhiệm, tính đến tháng đủ tuổi nghỉ hưu còn dưới 05 năm công tác.")
    assert unstated(q, [words_only]).kind == "age"
    assert unstated(q, [words_only, hit("Tuổi nghỉ hưu của lao động nữ là 56 tuổi 8 tháng.")]) is None


def test_a_list_of_titles_may_share_the_figure_asked():
    q = "Tỷ lệ phiếu đồng ý để xét danh hiệu Anh hùng Lao động là bao nhiêu phần trăm?"
    titles = hit("Đối với cá nhân được đề nghị danh hiệu “Anh hùng Lực lượng vũ trang nhân dân”, “Anh hùng Lao "
                 "động”, “Chiến sĩ thi đua toàn quốc” phải có tỷ lệ phiếu đồng ý từ 90% trở lên.")
    assert unstated(q, [titles]) is None
