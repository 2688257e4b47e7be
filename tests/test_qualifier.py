"""A group narrowed by a status no best clause mentions ("đảng viên dự bị", "nhân viên làm bán thời gian")
is refused, naming it (bot/answering/qualifier.py): the group's rule does not say it holds for them
(eval dev4 d4-012, dev14 d14-030, dev25 d25-047, blind dev30 d30-040 and d30-042)."""

from __future__ import annotations

from bot.answering.qualifier import unheld_status
from bot.types import Hit
from tests.test_direct import make_service


def _hit(text: str) -> Hit:
    return Hit(chunk_id=1, doc_id=1, score=1.0, source="qd-366.txt", title="Quy định", number="366-QĐ/TW",
               issuer="", date="", section="Điều 4", text=text)


RULE = _hit("Đảng viên được xếp loại “Hoàn thành xuất sắc nhiệm vụ” khi đạt các tiêu chí sau.")


def test_the_status_is_named_as_typed_when_no_clause_mentions_it():
    assert unheld_status("Đảng viên dự bị có được xếp loại Hoàn thành xuất sắc nhiệm vụ không?", [RULE]) == "Đảng viên dự bị"
    assert unheld_status("dang vien du bi co duoc xep loai HTXSNV khong", [RULE]) == "dang vien du bi"
    assert unheld_status("Thí sinh là người khuyết tật có được cộng điểm ưu tiên không?", [RULE]) == \
        "Thí sinh là người khuyết tật"
    assert unheld_status("Nhân viên làm bán thời gian có được xét Lao động tiên tiến không?", [RULE]) == \
        "Nhân viên làm bán thời gian"
    # blind dev36 d36-047: "đang trong thời gian tập sự" narrows the group as "tập sự" does
    assert unheld_status("Công chức đang trong thời gian tập sự có được cử làm ủy viên Hội đồng kỷ luật không?",
                         [RULE]) == "Công chức đang trong thời gian tập sự"


def test_a_clause_mentioning_the_status_or_no_status_asked_is_no_reason():
    probation = _hit("Đảng viên dự bị không xếp loại “Hoàn thành xuất sắc nhiệm vụ”.")
    assert unheld_status("Đảng viên dự bị có được xếp loại Hoàn thành xuất sắc nhiệm vụ không?", [RULE, probation]) == ""
    assert unheld_status("Đảng viên có được xếp loại Hoàn thành xuất sắc nhiệm vụ không?", [RULE]) == ""
    # an event, not a status: the clause names it in other words
    assert unheld_status("Đảng viên đang đi học dài hạn có phải xếp loại không?", [RULE]) == ""


def test_an_allowance_of_another_kind_is_not_held_by_the_clause():
    # blind dev35 d35-006: "bảo lưu phụ cấp khu vực" was answered by NĐ 170 Điều 27's "bảo lưu phụ cấp chức vụ"
    kept = _hit("Công chức giữ chức vụ lãnh đạo được điều động đến vị trí công tác khác mà phụ cấp chức vụ mới "
                "thấp hơn phụ cấp chức vụ hiện đảm nhiệm thì được bảo lưu phụ cấp chức vụ trong thời gian 06 tháng.")
    assert unheld_status("Công chức được điều động thì có được bảo lưu phụ cấp khu vực không?", [kept]) == \
        "phụ cấp khu vực"
    assert unheld_status("Trưởng phòng bị điều động có được bảo lưu phụ cấp chức vụ không?", [kept]) == ""
    # "khu vực" elsewhere in a clause is not the allowance
    area = _hit("Thí sinh không được rời khỏi khu vực thi.")
    assert unheld_status("Công chức có được hưởng phụ cấp khu vực không?", [area]) == "phụ cấp khu vực"


PARTY = """BAN CHẤP HÀNH TRUNG ƯƠNG
Số: 366-QĐ/TW
QUY ĐỊNH
Về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị
Điều 4. Xếp loại chất lượng đảng viên
1. Đảng viên được xếp loại “Hoàn thành xuất sắc nhiệm vụ” khi đạt các tiêu chí: có phẩm chất chính trị, đạo đức, lối sống mẫu mực; hoàn thành xuất sắc nhiệm vụ được giao.
2. Tỷ lệ đảng viên xếp loại “Hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số đảng viên xếp loại “Hoàn thành tốt nhiệm vụ”.
"""


def test_the_groups_rule_does_not_answer_for_a_status_it_never_names(tmp_path):
    s = make_service(tmp_path, {"qd-366.txt": PARTY})
    try:
        ans = s.ask("Đảng viên dự bị có được xếp loại Hoàn thành xuất sắc nhiệm vụ không?")
        assert ans.refused and "“Đảng viên dự bị”" in ans.answer, ans.answer
        ans = s.ask("Đảng viên được xếp loại Hoàn thành xuất sắc nhiệm vụ khi đạt tiêu chí gì?")
        assert not ans.refused, ans.answer
    finally:
        s.close()


def test_a_status_in_the_story_does_not_narrow_an_ask_about_the_whole_group():
    # blind dev96 d96-016 was refused: "không nói đến: thí sinh lớn tuổi", a worry of the asker's story
    from bot.answering.qualifier import unheld_status
    q = ("Lần đầu tôi làm giám thị phòng thi công chức trên máy tính, sợ mấy thí sinh lớn tuổi lúng túng không vào "
         "được phần mềm. Quy chế có giao giám thị hướng dẫn, hỗ trợ thí sinh đăng nhập không?")
    assert unheld_status(q, []) == ""
    # the asker's own status, asked about without naming the group again, still narrows it
    assert unheld_status("Tôi là đảng viên dự bị. Tôi có được bầu vào chi ủy không?", []) == "đảng viên dự bị"
    assert unheld_status("Tôi là đảng viên dự bị. Đảng viên dự bị có được bầu không?", []) != ""
