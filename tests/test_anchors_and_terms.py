"""Session 34: the kinds of answer a clause gives without a calendar figure, and what a term means.

- "từ bao nhiêu trở lên" asks a bound, not a count (counts.py);
- "tính từ ngày nào" is answered by an event the period starts from (kind_stated.py);
- a document's effective date asked must be stated by a text that says so (not_stated.py);
- "chữ 'bài làm' được hiểu là gì?" is answered by the line that defines it (question_kind.definition, rescues.py).
"""

from bot.answering.counts import counted
from bot.answering.kind_stated import states
from bot.answering.not_stated import effect_not_dated, span_not_stating
from bot.answering.question import Question
from bot.answering.question_kind import defined_term, definition
from bot.answering.rescues import defined_in
from bot.types import Hit


def _hit(text, number="3621/QĐ-BYT", title="Quyết định về quy trình giải quyết thủ tục hành chính", section="Điều 1"):
    return Hit(chunk_id=1, doc_id=1, score=1.0, source="x.txt", title=title, number=number, issuer="", date="",
               section=section, text=text)


def test_a_bound_from_which_is_no_count():
    # blind dev98 d98-003 was told "không nêu số lượng" beside "đạt từ 90 điểm trở lên"
    assert counted("Theo Quy định 366, đảng viên phải đạt tổng điểm đánh giá từ bao nhiêu trở lên mới được xếp loại "
                   "hoàn thành xuất sắc nhiệm vụ?") == ()
    assert counted("dang vien phai dat tong diem tu bao nhieu tro len") == ()
    assert counted("Mỗi hội đồng có mấy trợ lý?") != ()   # "trợ lý" is still counted


ANCHOR = ("Trường hợp vì lý do khách quan mà thời điểm ký quyết định bổ nhiệm lại sau ngày hết thời hạn bổ nhiệm thì "
          "thời hạn bổ nhiệm của quyết định mới được tính từ ngày hết thời hạn bổ nhiệm của quyết định cũ.")


def test_the_day_a_period_is_counted_from_is_an_event():
    # blind dev97 d97-038 was refused "không nêu thời điểm"
    q = ("Quyết định bổ nhiệm lại ký chậm sau ngày hết thời hạn bổ nhiệm vì lý do khách quan thì thời hạn của quyết "
         "định mới được tính từ ngày nào?")
    assert states("date", ANCHOR, q)
    assert states("date", ANCHOR, "thoi han cua quyet dinh moi duoc tinh tu ngay nao")
    # not for any day asked: "họp ngày nào" needs a day, and a date written out is no event
    assert not states("date", ANCHOR, "Hội đồng họp vào ngày nào?")
    assert not states("date", "Thời hạn được tính từ ngày …… tháng ……", q)


def test_the_day_a_document_takes_effect_is_not_the_day_it_is_cited_by():
    # blind dev98 d98-042 (out of scope) was answered with the date QĐ 3621 cites Thông tư 24 by (its signing)
    cited = ("- Thông tư số 24/2024/TT-BYT ngày 29 tháng 10 năm 2024 của Bộ trưởng Bộ Y tế sửa đổi, bổ sung một số "
             "điều của Thông tư số 16/2020/TT-BYT.")
    q = "Thông tư 24/2024/TT-BYT sửa đổi tiêu chuẩn xét tặng giải thưởng có hiệu lực thi hành từ ngày nào?"
    assert effect_not_dated(q, cited, _hit(cited))
    assert span_not_stating(Question.of(q), cited, _hit(cited), False) == ("date", "")
    own = "Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 12 năm 2024."
    assert not effect_not_dated(q, own, _hit(own, number="24/2024/TT-BYT", title="Thông tư sửa đổi"))
    # the day it was issued is asked otherwise
    assert not effect_not_dated("Thông tư 24/2024/TT-BYT ban hành ngày nào?", cited, _hit(cited))


DEFINITIONS = ("Điều 3. Giải thích từ ngữ\nTrong Quy chế này, các từ ngữ dưới đây được hiểu như sau:\n"
               "*1. Bài thi* là từ dùng chung cho phần thi, bài thi, môn thi.\n"
               "*2. Bài làm* là nội dung thí sinh trình bày theo yêu cầu của đề thi theo quy định.\n"
               "*3. Đề thi* là tập hợp các câu hỏi của từng bài thi.")


def test_the_line_defining_the_term_asked_is_read():
    # blind dev98 d98-036 was refused for coverage; read, it got item 1 ("Bài thi") first
    q = "Trong quy chế thi công chức, chữ 'bài làm' được hiểu là gì?"
    assert defined_term(q) == "bai lam"
    assert definition(q, DEFINITIONS).startswith("*2. Bài làm* là nội dung")
    assert definition("trong quy che thi cong chuc, chu 'bai lam' duoc hieu la gi", DEFINITIONS).startswith("*2.")
    assert definition("“Đề thi” là gì?", DEFINITIONS).startswith("*3. Đề thi*")
    assert definition("Phiếu chấm là gì?", DEFINITIONS) == ""


def test_a_clause_defining_the_term_answers_it():
    hit = _hit(DEFINITIONS, number="22/2025/TT-BNV", title="Quy chế thi tuyển công chức", section="Điều 3")
    assert defined_in("Trong quy chế thi công chức, chữ 'bài làm' được hiểu là gì?", [hit])
    assert not defined_in("Trong quy chế thi công chức, chữ 'phách' được hiểu là gì?", [hit])
    assert not defined_in("Bài làm có phải nộp không?", [hit])


def test_a_document_in_effect_from_its_signing_states_the_day_asked():
    # dev45 d45-045: "có hiệu lực từ khi nào?" is answered by "có hiệu lực kể từ ngày ký ban hành"
    text = "Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành."
    q = "QĐ 3621/QĐ-BYT ban hành quy trình giải quyết TTHC lĩnh vực TĐKT có hiệu lực từ khi nào?"
    assert states("date", text, q)
    assert not effect_not_dated(q, text, _hit(text, number="3621/QĐ-BYT"))


def test_the_third_marking_is_no_meetings_number():
    from bot.answering.named_documents import event_ordinals
    # blind dev100 d100-067 was refused: "Các văn bản tìm được không nói đến: “lần thứ 3”"
    assert event_ordinals("Bài thi viết trên giấy đã chấm tới lần thứ 3 mà điểm của ba thành viên chấm vẫn lệch nhau "
                          "thì xử lý thế nào?") == []
    # a meeting, a congress or an award's round named by number still is one
    assert event_ordinals("hoi nghi BCH dang bo khoi cac co quan tp hai phong lan thu 9 nam 2017")
    assert event_ordinals("Kết quả xử lý kỷ luật tại Kỳ họp lần thứ 28 của Ủy ban Kiểm tra")
    assert event_ordinals("Ai được tôn vinh “Tôn Đức Thắng” lần thứ XVIII?")


def test_a_server_typed_without_accents_is_no_count():
    # blind dev102 d102-059 was told "không nêu số lượng" for "may chu" (máy chủ read as "mấy chủ")
    assert counted("thi cong chuc tren may tinh xong ca thi thi du lieu tren may chu duoc giu lai hay phai xoa di") == ()
    assert counted("phong thi bo tri may may tram") == ("may tram",)   # "mấy máy trạm" still counts
    assert counted("hoi dong gom may thanh vien")[0] == "thanh vien"


def test_refusing_to_settle_a_resignation_is_the_laws_not_settling_it():
    from bot.answering.everyday import in_regulation_words
    # blind dev101 d101-053 was refused for its act, "từ chối giải quyết thôi việc"
    held = "c ly do khong giai quyet thoi viec doi voi cong chuc"
    assert in_regulation_words("co bi tu choi giai quyet thoi viec khong", held) == "co bi khong giai quyet thoi viec khong"
    assert in_regulation_words("co duoc tu choi nhan danh hieu khong", held) == "co duoc tu choi nhan danh hieu khong"


ROUND_1 = ("a) Vòng 1: Môn thi điều kiện kiểm tra kiến thức, năng lực chung\n"
           "Hình thức thi: Thi trắc nghiệm trên máy vi tính.\n"
           "Nội dung thi: 60 câu hỏi đánh giá năng lực tư duy, năng lực ứng dụng kiến thức vào thực tiễn.\n"
           "Thời gian thi: 60 phút.\n"
           "Người dự tuyển trả lời đúng từ 50% số câu hỏi trở lên thì được thi tiếp vòng 2.")


def test_a_labelled_field_the_reader_shows_is_stated():
    from bot.answering.not_stated import not_stated
    # blind dev101 d101-021 was refused "không nêu thời hạn" beside "Thời gian thi: 60 phút."
    hit = _hit(ROUND_1, number="170/2025/NĐ-CP", title="Nghị định về tuyển dụng công chức",
               section="Điều 9 › Khoản 2 › Điểm a")
    assert not_stated("Thi cong chuc ngach chuyen vien, vong 1 trac nghiem tren may tinh thi lam bai trong bao lau?",
                      [hit]) is None
    # a duration the Điểm does not state is still not stated
    assert not_stated("Kết quả thi vòng 1 được bảo lưu trong bao lâu?", [hit]) == "duration"


def test_by_what_means_is_no_award_title():
    from bot.answering.focus import award_titles, scope_names
    # blind dev104 d104-043 was refused: "Các văn bản tìm được không nói đến: “bằng cách”"
    q = ("Một người nước ngoài được tặng Công dân danh dự Thủ đô nhưng đang ở nước ngoài, không sang dự lễ được thì Hà "
         "Nội trao danh hiệu bằng cách nào?")
    assert "bằng cách" not in award_titles(q) and "bằng cách" not in scope_names(q)
    assert award_titles("Danh hiệu Nghệ nhân Nhân dân gồm những tiêu chuẩn nào?") == ["Nghệ nhân Nhân dân"]


def test_counted_in_is_a_light_act():
    from bot.answering.coverage import act_not_found
    # blind dev104 d104-064 was refused for its act, "cộng vào"
    clause = _hit("Cá nhân bị kỷ luật từ mức khiển trách trở lên thì thời gian bị kỷ luật không được tính là thời gian "
                  "xét tặng Kỷ niệm chương.")
    q = ("Mình từng bị khiển trách mất một năm. Khi tính thâm niên xét Kỷ niệm chương thì năm bị kỷ luật đó có được "
         "cộng vào không?")
    assert act_not_found(q, [clause], lambda t: 3.0) == ""
    assert act_not_found("Năm bị kỷ luật có được cộng điểm thưởng không?", [clause], lambda t: 3.0) != ""
