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


# ------------------------------------------------------------------ a named title mentioned only in a list

from bot.answering.named_thing import mentioned_in_passing  # noqa: E402

LIST_OF_TITLES = hit("Đối với cá nhân được đề nghị danh hiệu “Anh hùng Lực lượng vũ trang nhân dân”, “Anh hùng Lao "
                     "động”, “Chiến sĩ thi đua toàn quốc” phải có tỷ lệ phiếu đồng ý từ 90% trở lên.")
COMMA_LIST = hit("Không tính thâm niên đối với cá nhân đạt danh hiệu Anh hùng Lao động, Chiến sĩ thi đua toàn quốc, "
                 "danh hiệu vinh dự Nhà nước.")


def test_a_title_named_only_in_lists_of_titles_is_mentioned_in_passing():
    q = "Tiêu chuẩn phong tặng danh hiệu Anh hùng Lao động cho cá nhân là gì?"
    assert mentioned_in_passing(q, [LIST_OF_TITLES, COMMA_LIST]) == "Anh hùng Lao động"
    subject = hit("Danh hiệu “Anh hùng Lao động” để tặng cho cá nhân có thành tích đặc biệt xuất sắc trong lao động.")
    assert mentioned_in_passing(q, [LIST_OF_TITLES, subject]) is None
    # named nowhere: left to the other checks
    assert mentioned_in_passing(q, [hit("Danh hiệu “Lao động tiên tiến” xét tặng hằng năm.")]) is None


def test_a_title_that_is_its_sentences_subject_is_not_in_passing():
    q = "Kỷ niệm chương Vì sự nghiệp phát triển Giao thông vận tải có xét tặng cho người làm đường thủy không?"
    h = hit("- Kỷ niệm chương “Vì sự nghiệp phát triển Giao thông vận tải Việt Nam” để tặng cho cá nhân làm việc "
            "trong lĩnh vực giao thông, vận tải, gồm: đường bộ, đường sắt, đường thủy nội địa.")
    assert mentioned_in_passing(q, [h]) is None


TITLES = """BỘ LAO ĐỘNG
Số: 16/2023/TT-BLĐTBXH
Hà Nội, ngày 1 tháng 7 năm 2023
THÔNG TƯ
Hướng dẫn thi đua, khen thưởng
Điều 2. Tiêu chuẩn xét tặng danh hiệu “Lao động tiên tiến”
Danh hiệu “Lao động tiên tiến” xét tặng hằng năm cho cá nhân hoàn thành tốt nhiệm vụ.
Điều 3. Tỷ lệ phiếu
Cá nhân được đề nghị danh hiệu “Anh hùng Lực lượng vũ trang nhân dân”, “Anh hùng Lao động”, “Chiến sĩ thi đua toàn quốc” phải có tỷ lệ phiếu đồng ý từ 90% trở lên.
"""


def test_the_answer_says_the_title_is_only_listed(tmp_path):
    s = make_service(tmp_path, {"tt-16.txt": TITLES})
    try:
        ans = s.ask("Tiêu chuẩn phong tặng danh hiệu Anh hùng Lao động cho cá nhân là gì?")
        assert ans.refused and "chỉ nhắc đến “Anh hùng Lao động” trong danh sách" in ans.answer
        assert not s.ask("Tiêu chuẩn xét tặng danh hiệu Lao động tiên tiến là gì?").refused
    finally:
        s.close()


def test_a_yes_no_rule_no_clause_speaks_of_is_not_stated():
    q = "Tiền thưởng danh hiệu thi đua có phải nộp thuế thu nhập cá nhân không?"
    near = [hit("Chính phủ quy định thủ tục hủy bỏ quyết định tặng danh hiệu thi đua và thu hồi tiền thưởng.")]
    rule = unstated(q, near)
    assert rule.kind == "yesno" and rule.label == "nộp thuế thu nhập cá nhân"
    assert rule.what == "quy định về việc “nộp thuế thu nhập cá nhân”"
    assert unstated(q, near + [hit("Tiền thưởng thi đua không phải nộp thuế thu nhập cá nhân.")]) is None
    # half the rule's words in one part answers a paraphrase
    assert unstated("Sáng kiến đã dùng rồi thì có được tính tiếp không?",
                    [hit("Sáng kiến đã được tính để xét danh hiệu thì không dùng lại.")]) is None


def test_the_answer_names_the_rule_not_stated(svc):
    ans = svc.ask("Công chức nghỉ việc theo nguyện vọng có được nhận trợ cấp thôi việc một lần không?")
    assert ans.refused and ans.answer.startswith("Tài liệu hiện có không nêu quy định về việc “nhận trợ cấp thôi việc "
                                                 "một lần”")
    assert not svc.ask("Công chức nữ nghỉ chế độ thai sản có bị xem xét xử lý kỷ luật không?").refused


def test_an_age_needs_a_number_and_the_head_before_cua_is_what_is_measured():
    q = "Tuổi nghỉ hưu của nữ công chức năm 2026 là bao nhiêu tuổi?"
    assert asked(q)[0].focus == ("tuoi", "nghi", "huu")
    words_only = hit("Công chức khi hết thời hạn bổ nhiệm, tính đến tháng đủ tuổi nghỉ hưu còn dưới 05 năm công tác.")
    assert unstated(q, [words_only]).kind == "age"
    assert unstated(q, [words_only, hit("Tuổi nghỉ hưu của lao động nữ là 56 tuổi 8 tháng.")]) is None


# ------------------------------------------------------------------ a word no indexed clause uses

from bot.answering.named_thing import unknown_words  # noqa: E402


def test_a_two_syllable_word_the_corpus_never_uses_is_a_thing_no_document_names():
    known = {"ho", "so", "dang", "ky", "du", "tuyen", "vien", "chuc", "giao", "bao", "nhieu"}
    idf = lambda s: 1.0 if s in known else 9.0          # noqa: E731 — 9.0: no chunk holds it
    q = "Hồ sơ đăng ký dự tuyển viên chức giáo viên mầm non gồm những giấy tờ gì?"
    key = {"ho", "so", "dang", "ky", "du", "tuyen", "vien", "chuc", "giao", "mam", "non"}
    assert unknown_words(q, idf, key) == ["mầm non"]
    # one unknown syllable is as often a typo: not a thing
    assert unknown_words("Hồ sơ dự tuyển viên chức bao nhiu ngày?", idf, key | {"nhiu"}) == []


def test_the_answer_names_the_word_no_document_uses(svc):
    ans = svc.ask("Thời hạn xử lý kỷ luật công chức ngành hóa chất là bao nhiêu ngày?")
    assert ans.refused and "Các văn bản tìm được không nói đến: “ngành hóa chất”" in ans.answer
    assert not svc.ask("Thời hạn xử lý kỷ luật công chức là bao nhiêu ngày?").refused


def test_a_how_question_needs_the_thing_it_names():
    q = "Công chức nghỉ hưu trước tuổi thì lương hưu được tính như thế nào?"
    near = [hit("Trước 03 tháng tính đến thời điểm nghỉ hưu, người có thẩm quyền ra quyết định nghỉ hưu.")]
    how = unstated(q, near)
    assert how.kind == "how" and how.what == "quy định về “lương hưu”"
    assert unstated(q, near + [hit("Lương hưu được tính theo số năm đóng bảo hiểm xã hội.")]) is None
    assert unstated("Thí sinh mang điện thoại vào phòng thi tuyển công chức bị xử lý thế nào?",
                    [hit("Thí sinh dự thi tuyển công chức mang điện thoại vào phòng thi thì bị đình chỉ thi.")]) is None


def test_a_list_of_titles_may_share_the_figure_asked():
    q = "Tỷ lệ phiếu đồng ý để xét danh hiệu Anh hùng Lao động là bao nhiêu phần trăm?"
    assert mentioned_in_passing(q, [LIST_OF_TITLES]) is None
    assert unstated(q, [LIST_OF_TITLES]) is None


def test_a_yes_no_rule_is_read_over_a_whole_sentence_with_its_list():
    q = "Thí sinh có được mang điện thoại vào phòng thi tuyển công chức không?"
    rule = hit("Thí sinh không được thực hiện các hành vi sau:\nd) Mang vào phòng thi: Các loại giấy tờ, tài liệu không "
               "theo yêu cầu của bài thi; điện thoại di động, máy ghi âm, máy ảnh.")
    assert unstated(q, [rule]) is None
