"""A ceiling asked is not answered by a floor, nor a floor by a ceiling (bot/answering/bounds.py,
other_bound): "luân chuyển tối đa bao nhiêu năm" against "ít nhất 3 năm" says the documents do not state
it (blind dev30 d30-054; dev2 d2-034 "tối đa bao nhiêu tuổi" against "Đủ 18 tuổi trở lên"). Also the
question cues read with it: a day asked as "ngày cụ thể nào", an allowance asked as "phụ cấp bao nhiêu"."""

from __future__ import annotations

import pytest

from bot.answering.bounds import other_bound
from bot.answering.not_stated import span_not_stating
from bot.answering.question import Question
from bot.types import Hit
from bot.answering.kind_stated import states
from bot.answering.question_kind import question_kind
from tests.test_direct import make_service

DECREE = """CHÍNH PHỦ
Số: 170/2025/NĐ-CP
NGHỊ ĐỊNH
Quy định về tuyển dụng, sử dụng và quản lý công chức
Điều 26. Biệt phái công chức
1. Thời hạn biệt phái công chức không quá 03 năm, trừ một số ngành, lĩnh vực do Chính phủ quy định.
Điều 48. Thời gian luân chuyển
Thời gian luân chuyển ít nhất 3 năm (36 tháng) đối với một lần luân chuyển. Trường hợp đặc biệt do cấp có thẩm quyền xem xét, quyết định.
"""


def test_the_other_bound_alone_does_not_state_the_one_asked():
    assert other_bound("Thời gian luân chuyển công chức tối đa là bao nhiêu năm?",
                       "Thời gian luân chuyển ít nhất 3 năm (36 tháng) đối với một lần luân chuyển.") == "mức tối đa"
    assert other_bound("Người dự tuyển công chức tối đa bao nhiêu tuổi?", "c) Đủ 18 tuổi trở lên;") == "mức tối đa"
    assert other_bound("Thời hạn biệt phái tối thiểu bao lâu?", "Thời hạn biệt phái không quá 03 năm") == "mức tối thiểu"
    # the bound asked is stated, both are, or none is asked
    assert other_bound("Thời hạn biệt phái tối đa bao lâu?", "Thời hạn biệt phái không quá 03 năm") == ""
    assert other_bound("Luân chuyển tối đa mấy năm?", "ít nhất 3 năm và không quá 5 năm") == ""
    assert other_bound("Thời gian luân chuyển là bao lâu?", "ít nhất 3 năm") == ""
    assert other_bound("Luân chuyển tối thiểu mấy năm?", "Thời gian luân chuyển ít nhất 3 năm") == ""


def test_question_cues():
    assert question_kind("Lễ tổng kết phong trào tổ chức vào ngày cụ thể nào?") == "date"
    assert question_kind("Thành viên Hội đồng được hưởng phụ cấp bao nhiêu mỗi tháng?") == "amount"
    assert question_kind("Mức phụ cấp hằng tháng cho người hoạt động không chuyên trách ở thôn là bao nhiêu?") == "amount"
    assert question_kind("Giảng viên được hưởng phụ cấp bao nhiêu phần trăm?") == "percent"
    # blind dev32 d32-029: a fee asked at the end of a long subject
    from bot.answering.figures import asked_figures
    assert question_kind("Lệ phí phúc khảo bài thi tuyển công chức là bao nhiêu?") == "amount"
    assert asked_figures("Lệ phí phúc khảo bài thi tuyển công chức là bao nhiêu?") == ["money"]
    # blind dev33 d33-055, d33-058: a rent or a fee asked as what one pays
    assert asked_figures("Tiền thuê nhà ở công vụ tính thế nào, mỗi tháng phải trả khoảng bao nhiêu?") == ["money"]
    assert asked_figures("Mở thẻ ATM có phải trả phí không, mức phí bao nhiêu?") == ["money"]
    assert asked_figures("Phải trả bao nhiêu ngày phép?") != ["money"]
    # a fee without "lệ"/"kinh"/"chi" is money too; "phi chính phủ" is not a fee
    assert question_kind("Phí dự tuyển công chức năm 2025 là bao nhiêu?") == "amount"
    assert question_kind("Kinh phí tổ chức thi tuyển công chức mỗi thí sinh phải nộp bao nhiêu?") == "amount"
    assert question_kind("Tổ chức phi chính phủ có bao nhiêu thành viên?") == "other"
    # times the base salary is a sum; "thưởng bao nhiêu" asks money, "khen thưởng bao nhiêu" a count
    assert question_kind("Tập thể lao động xuất sắc thì được thưởng mấy lần lương cơ sở?") == "amount"
    assert question_kind("Huân chương Lao động hạng Nhì cho tập thể thưởng bao nhiêu?") == "amount"
    assert question_kind("Tỉnh đã khen thưởng bao nhiêu tập thể?") == "other"
    assert question_kind("Một năm được đề nghị khen thưởng mấy lần?") == "other"
    assert question_kind("Mức phạt hành chính đối với hành vi gian lận hồ sơ khen thưởng là bao nhiêu?") == "amount"
    # blind dev43 d43-038: a fee for a contracted expert
    assert question_kind("Ký hợp đồng với chuyên gia thì mức thù lao tối đa mỗi tháng là bao nhiêu?") == "amount"
    # "dài hạn, cuối năm …" is no deadline ("hạn cuối"): the place asked decides (dev45 d45-022)
    assert question_kind("Mình sinh hoạt đảng tạm ở chi bộ nơi đi học dài hạn, cuối năm thì xếp loại ở đâu?") == "place"
    assert question_kind("Hạn cuối nộp hồ sơ là ngày nào?") == "date"
    from bot.answering.deadline import asks_deadline
    assert not asks_deadline("Mình sinh hoạt đảng tạm ở chi bộ nơi đi học dài hạn, cuối năm thì xếp loại ở đâu?")
    assert asks_deadline("Hạn cuối nộp hồ sơ là ngày nào?")
    # a multiple of another sum states an amount: "bằng 1,5 lần mức tiền thưởng tương ứng" (dev25 d25-019)
    assert states("amount", "Hộ gia đình được nhận Bằng, khung và mức tiền thưởng bằng 1,5 lần mức tiền thưởng tương ứng")


def test_a_day_written_out_after_thoi_gian_is_not_a_duration():
    """"thời gian tập sự trước ngày 01 tháng 7 năm 2025" names a day: "bao nhiêu tháng" is not stated by it."""
    from bot.answering.kind_stated import states
    assert not states("duration", "Việc nhận xét, đánh giá đối với thời gian tập sự trước ngày 01 tháng 7 năm 2025 "
                                  "được thực hiện theo Nghị định số 138/2020/NĐ-CP")
    assert not states("duration", "thời gian giữ chức vụ tính đến ngày 15 tháng 12 năm 2025")
    assert states("duration", "thời gian công tác 5 năm 2 tháng")
    assert states("duration", "Thời hạn giải quyết là 30 ngày làm việc")


def test_a_day_asked_and_no_span_read_is_not_stated():
    shown = Hit(chunk_id=1, doc_id=1, score=1.0, source="kh-0125.txt", title="Kế hoạch", number="0125/KH-UBND",
                issuer="", date="", section="Phần mở đầu",
                text="Thực hiện Chỉ thị số 46-CT/TW của Bộ Chính trị về lãnh đạo cuộc bầu cử đại biểu Quốc hội khoá XVI.")
    asked = Question.of("Ngày bầu cử đại biểu Quốc hội khóa XVI là ngày nào?")
    assert span_not_stating(asked, None, shown, False) == ("date", "")
    # "khi nào" may ask for the cases a rule applies in: not refused for want of a day
    assert span_not_stating(Question.of("Kế hoạch này áp dụng khi nào?"), None, shown, False) is None
    # the day a cited document was issued is not the day asked, unless the question names that document
    cited = Hit(**{**shown.__dict__, "text": "Thực hiện Hướng dẫn số 22-HD/ĐUK ngày 30/7/2018 của Ban Thường vụ."})
    assert span_not_stating(asked, None, cited, False) == ("date", "")
    named = Question.of("Hướng dẫn số 22-HD/ĐUK được ban hành ngày nào?")
    assert span_not_stating(named, None, cited, False) is None
    # a plan's dateline dates the plan: it answers when the plan was issued, not when the election is
    dateline = "Đắk Lắk, ngày 18 tháng 11 năm 2025"
    assert span_not_stating(asked, dateline, shown, False) == ("date", "")
    assert span_not_stating(Question.of("Kế hoạch 0125/KH-UBND ban hành ngày nào?"), dateline, shown, False) is None


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = make_service(tmp_path_factory.mktemp("bounds"), {"nd-170-2025.txt": DECREE})
    yield s
    s.close()


def test_a_ceiling_asked_against_a_floor_is_not_stated(svc):
    ans = svc.ask("Thời gian luân chuyển công chức tối đa là bao nhiêu năm?")
    assert ans.refused and "không nêu mức tối đa" in ans.answer, ans.answer
    assert "ít nhất 3 năm" in ans.answer          # the nearest clause is still shown
    ans = svc.ask("Thời gian luân chuyển công chức tối thiểu là bao nhiêu năm?")
    assert not ans.refused and "ít nhất 3 năm" in ans.answer.split("\n")[0], ans.answer


def test_the_bound_is_read_on_the_last_message_of_a_follow_up():
    # the earlier question's "tối đa" is in the standalone question, not in what is asked now (dev26 d26-051)
    standalone = Question.of("Còn hồ sơ học viên thì lưu trữ bao lâu? Tỷ lệ học viên được khen thưởng tối đa là bao nhiêu?")
    span = "Hồ sơ học viên được lưu trữ ít nhất 5 năm."
    shown = Hit(chunk_id=1, doc_id=1, score=1.0, source="qd.txt", title="Quy chế", number="1147-QĐ/BTGDVTW",
                issuer="", date="", section="Điều 12", text=span)
    assert span_not_stating(standalone, span, shown, False, "Còn hồ sơ học viên thì lưu trữ bao lâu?") is None
    assert span_not_stating(standalone, span, shown, False) == ("duration", "mức tối đa")


def test_a_formulas_times_100_percent_states_no_share():
    # dev16 d16-015 (out of scope, typed without accents): "hai phong dat chi tieu bao nhieu phan tram nguoi huong
    # tro cap …" was answered with QĐ 212's scoring formula "Số lượng công việc hoàn thành … / x 100% x 25"
    from bot.answering.figures import states_figure
    formula = "Số lượng công việc hoàn thành đạt tiến độ trở lên / x 100% x 25"
    assert not states("percent", formula) and not states_figure("percent", formula)
    assert not states("percent", "Tỷ lệ = A/B × 100%")
    assert states("percent", "tỷ lệ cử tri đi bầu đạt 98% trở lên") and states_figure("percent", "đạt 98%")


def test_bodies_outside_the_administration_are_bodies():
    # QĐ 86 Bắc Ninh Điều 13 gives each body its part: "a) Công an tỉnh: Tổng hợp danh sách …" answers "cơ quan nào
    # gom lại" (dev45 d45-042 opened with the Sở Nội vụ item; dev43 d43-055 with Thanh tra tỉnh's)
    assert states("body", "a) Công an tỉnh: Tổng hợp danh sách các cán bộ, công chức vi phạm")
    assert states("body", "d) Thuế tỉnh, Bảo hiểm xã hội tỉnh: Xác nhận việc thực hiện nghĩa vụ nộp ngân sách")
    assert states("body", "3. Ngân hàng Nhà nước chi nhánh khu vực 14")
    # words that name a body only at the head of a numbered heading stay out of running text
    assert not states("body", "Trường hợp cán bộ nghỉ hưu trước thời điểm đánh giá")
    assert not states("body", "Báo cáo kết quả thực hiện gửi trước ngày 15/12")


@pytest.mark.parametrize("question,kind", [
    # "bao nhiêu thời gian" is a duration, not a count (blind dev62 d62-001)
    ("Sau khi Hội đồng kỷ luật gửi văn bản kiến nghị thì cấp có thẩm quyền có bao nhiêu thời gian để ra quyết "
     "định kỷ luật công chức?", "duration"),
    # a criterion named by its share, its points asked (dev62 d62-053)
    ("Thế còn tiêu chí tỷ lệ được phát hành thẻ ATM thì điểm chuẩn bao nhiêu?", "score"),
    ("tieu chi ty le mo tai khoan diem chuan la bao nhieu", "score"),
    ("Tỷ lệ đảng viên hoàn thành xuất sắc tối đa bao nhiêu?", "percent"),
    # "mấy hộ" is the asker's story; "những tiêu chuẩn gì" is asked (dev61 d61-044)
    ("Xã muốn đề nghị danh hiệu Lao động tiên tiến cho mấy hộ nông dân sản xuất giỏi. Theo quy định của tỉnh thì "
     "nông dân muốn đạt Lao động tiên tiến cần những tiêu chuẩn gì?", "list"),
    # "ngày mấy" asks which day; "mấy ngày" how many (dev61 d61-053)
    ("tro cap xa hoi o can tho chuyen vao tai khoan vao ngay may hang thang vay ad", "date"),
    ("Hội đồng phải họp trong vòng mấy ngày?", "duration"),
])
def test_the_kind_asked_is_read_from_the_ask_not_the_topic_words(question, kind):
    assert question_kind(question) == kind


def test_a_share_of_the_period_states_a_duration():
    """"được giảm bao nhiêu thời gian?" is answered by "được giảm 1/3 thời gian" (dev29 d29-044)."""
    assert states("duration", "Cá nhân là nữ lãnh đạo, quản lý được giảm 1/3 thời gian so với quy định chung.",
                  "Nữ lãnh đạo được giảm bao nhiêu thời gian giữ chức vụ?")
    assert not states("duration", "theo Nghị định 24/2024", "Nữ lãnh đạo được giảm bao nhiêu thời gian giữ chức vụ?")


def test_the_bound_asked_is_stated_with_a_figure_of_the_kind_asked():
    # what a clause below must state to answer in place of one giving the other bound (answer.py, blind dev65 d65-017)
    from bot.answering.bounds import states_bound
    q = "Số nhiệm vụ làm vượt yêu cầu phải chiếm tối thiểu bao nhiêu?"
    assert states_bound(q, "trong đó có ít nhất 30% nhiệm vụ hoàn thành vượt mức yêu cầu;", "percent")
    assert states_bound(q, "có 30% nhiệm vụ trở lên hoàn thành vượt mức", "percent")
    assert not states_bound(q, "không vượt quá 20% tổng số đơn vị", "percent")
    # a ceiling of another kind ("dưới 12 tháng") is not the share asked (dev42 d42-042, out of scope)
    q = "Giảng viên được khen thưởng hằng năm với tỷ lệ tối đa bao nhiêu phần trăm?"
    assert not states_bound(q, "Giảng viên nữ có con nhỏ dưới 12 tháng được giảm 15% định mức", "percent")
    assert states_bound(q, "Tỷ lệ khen thưởng mỗi lớp không quá 10% số học viên", "percent")
    assert states_bound("Biệt phái tối đa bao lâu?", "Thời hạn biệt phái không quá 03 năm", "duration")
    assert not states_bound("Biệt phái bao lâu?", "Thời hạn biệt phái không quá 03 năm", "duration")
