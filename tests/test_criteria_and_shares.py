"""Session 36: reading slips found on the unseen rounds dev115 to dev120.

- a criterion written in a grade's words ("Hoàn thành xuất sắc nhiệm vụ được giao;") is no grade heading, so the
  criteria below it are not skipped as another grade's (grades.py);
- "ít nhất bao nhiêu phần số tiết" asks for a share, as "bao nhiêu phần trăm" does (question_kind.py);
- a form's blank "ngày … tháng … năm …" dates nothing, and "trong ngày tiếp nhận … hoặc trong ngày làm việc tiếp
  theo" answers when (kind_stated.py, deadline.py);
- "hội nghị lần thứ mấy, diễn ra ngày nào" names no session the span must repeat (deadline.py).
"""

from bot.answering.grades import grade_above
from bot.answering.question_kind import question_kind
from bot.answering.reader import read

# QĐ 86/2025/QĐ-UBND Bắc Ninh, Điều 3 Khoản 2 Điểm b, as the chunk holds it
LXS_BAC_NINH = (
    "b) Tiêu chuẩn: Danh hiệu “Tập thể lao động xuất sắc” để tặng hằng năm cho tập thể đạt các tiêu chuẩn sau đây:\n"
    "Hoàn thành xuất sắc nhiệm vụ được giao;\n"
    "Tích cực tham gia phong trào thi đua thường xuyên, thiết thực, hiệu quả;\n"
    "Có 100% cá nhân trong tập thể hoàn thành nhiệm vụ được giao, trong đó có ít nhất là 70% cá nhân đạt danh hiệu "
    "“Lao động tiên tiến”;\n"
    "Có cá nhân đạt danh hiệu “Chiến sĩ thi đua cơ sở”;")


def test_a_criterion_in_a_grades_words_is_no_heading():
    # blind dev117 d117-022 was told "không nêu tỷ lệ" beside "Có 100% cá nhân … hoàn thành nhiệm vụ được giao"
    assert grade_above(LXS_BAC_NINH, LXS_BAC_NINH.index("Có 100%")) is None
    assert grade_above("3. Hoàn thành nhiệm vụ\na) Có 70% …", 24) == "hoan thanh"
    # QĐ 212 Hải Phòng's headings, each the grade alone (dev46 d46-020 read Khoản 1's 90 points for Khoản 3)
    for heading, grade in (("1. Hoàn thành xuất sắc nhiệm vụ", "xuat sac"), ("2. Hoàn thành tốt nhiệm vụ", "tot"),
                           ("4. Không hoàn thành nhiệm vụ", "khong")):
        assert grade_above(f"{heading}\n\nĐạt được tiêu chí sau đây …", len(heading) + 2) == grade
    assert grade_above("a) Hoàn thành tốt nhiệm vụ trở lên;\nb) Có 70% …", 36) is None


def test_the_share_of_individuals_is_read_under_such_a_criterion():
    question = ("Theo quy định thi đua của uỷ ban tỉnh Bắc Ninh, muốn đạt danh hiệu Tập thể lao động xuất sắc thì tập thể "
                "phải có bao nhiêu phần trăm cá nhân hoàn thành nhiệm vụ được giao?")
    span = read(question, [LXS_BAC_NINH], kind="percent")
    assert span is not None and "100%" in span.text, span


def test_how_many_parts_of_the_whole_asks_a_share():
    # blind dev117 d117-050 was told "không nêu số lượng" beside "tham dự tối thiểu 80% số tiết học"
    assert question_kind("Nghỉ nhiều buổi thì phải có mặt ít nhất bao nhiêu phần số tiết mới được làm bài thu hoạch?") \
        == "percent"
    assert question_kind("phai co mat it nhat bao nhieu phan tong so tiet hoc?") == "percent"
    # things counted in parts are not shares
    assert question_kind("Đơn vị đã đưa vào sử dụng bao nhiêu phần mềm cải cách hành chính?") != "percent"


def test_a_forms_blank_date_states_no_day():
    # blind dev116 d116-058 ("khi nào trung tâm cấp bản sao?") was answered from Mẫu 6.2's blank date line
    from bot.answering.kind_stated import states
    question = "Vậy khi nào trung tâm cấp bản sao cho tôi?"
    assert not states("date", "…., ngày … tháng … năm …. GIÁM ĐỐC", question)
    assert not states("date", "ngày ..... tháng ..... năm 20...", question)
    assert states("date", "Hà Nội, ngày 12 tháng 3 năm 2024", question)


def test_the_same_or_next_working_day_answers_when():
    # … and its clause, "Trong ngày tiếp nhận … hoặc trong ngày làm việc tiếp theo", was said to state no time
    from bot.answering.deadline import deadline_not_set
    from bot.answering.kind_stated import states
    question = ("Chiều nay gần 16 giờ tôi mới ra trung tâm chính trị phường nộp đơn xin bản sao. Vậy khi nào trung tâm "
                "cấp bản sao cho tôi?")
    span = ("Trong ngày tiếp nhận đề nghị cấp bản sao hoặc trong ngày làm việc tiếp theo (nếu việc tiếp nhận đơn sau "
            "15 giờ), Trung tâm thực hiện đối chiếu, kiểm tra sổ gốc cấp giấy chứng nhận")
    assert states("date", span, question)
    assert not deadline_not_set(question, span)
    assert deadline_not_set(question, "Trung tâm thực hiện đối chiếu, kiểm tra sổ gốc cấp giấy chứng nhận")


def test_which_session_asked_names_no_session():
    # blind dev118 d118-057 was told "không nêu thời điểm" beside "hội nghị … lần thứ 9, … diễn ra chiều ngày 10-7"
    from bot.answering.deadline import event_not_dated
    question = ("Hội nghị Ban Chấp hành Đảng bộ Khối các cơ quan thành phố Hải Phòng sơ kết 6 tháng đầu năm 2017 là hội "
                "nghị lần thứ mấy, diễn ra ngày nào?")
    span = "tại hội nghị Ban chấp hành Đảng bộ Khối các cơ quan thành phố lần thứ 9, sơ kết công tác 6 tháng đầu năm"
    assert not event_not_dated(question, span)
    # a session named is still held to
    assert event_not_dated("Hội nghị Ban chấp hành lần thứ 8 diễn ra ngày nào?", span)
