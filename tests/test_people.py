"""A person asked about in a news article whom no passage names is "không nêu họ tên người", not the
paragraph that shares the question's words (issue 18, item 4; bot/answering/people.py)."""

from __future__ import annotations

import pytest

from bot.answering.people import _says_who, asked_role, asks_person, comrades_for, names_for
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
    ("dip 70 nam Bac Ho ra loi keu goi thi dua ai quoc, dang ky bao nhieu cong trinh?", False),   # ái quốc
    # the name of a thing: a talk, a movement, a piece of software (blind dev51 d51-039 was refused "không nêu
    # họ tên người")
    ("Báo kỷ niệm bao nhiêu năm ra số đầu, và tọa đàm tổ chức nhân dịp đó mang tên gì?", False),
    ("bao hai phong to chuc toa dam ten gi nhan dip ky niem 60 nam", False),
    ("Năm 2018 Đảng ủy Khối chỉ đạo Hội CCB khối thực hiện phong trào thi đua tên là gì?", False),
    ("Phần mềm điều hành tác nghiệp mà Văn phòng UBND tỉnh dùng tên là gì?", False),
    # ... but a person who won a contest, or "ai" beside a talk's name, is still a person
    ("Giảng viên đạt giải 3 hội thi giảng viên lý luận chính trị giỏi năm 2022 tên là gì?", True),
    ("Ai phát biểu tại tọa đàm tên gì?", True),
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
    assert names_for(text, None) is named


@pytest.mark.parametrize("question,role", [
    ("Ai là Bí thư Chi bộ Thông tin - Tin học?", ("bi", "thu", "chi", "bo", "thong")),   # a Chi bộ by its name
    ("HPĐT: ai là người phát biểu chỉ đạo hội nghị?", ("phat", "bieu")),
    ("Ai đang là Bí thư Chi bộ Nội chính - Văn xã?", ("bi", "thu", "chi", "bo", "noi")),
    ("Ai giữ vị trí Phó Chủ tịch thường trực?", ("pho", "chu", "tich", "thuong")),
    ("Hội thi năm 2017 thì ai đạt giải nhất?", ("dat", "giai")),
    ("Năm 2018, Bí thư Đảng ủy Khối TP.HCM là ai?", ("bi", "thu", "dang")),
    ("Bí thư Thành ủy Hải Phòng năm 2017 là ai?", ("bi", "thu", "thanh")),     # not the Bí thư Đảng ủy Khối
    ("Bí thư năm 2017 là ai?", ("bi", "thu")),
    ("pho giam doc trung tam cong nghe sinh hoc ten la gi", ("pho", "giam", "doc", "trung")),
    ("guong cong dan tre tieu bieu o kho bac nha nuoc la ai", None),     # not a post: not checked
    ("Chủ tịch UBND tỉnh TTH hồi năm 2018 là ai vậy mọi người?", ("chu", "tich", "ubnd")),   # not "ai vậy mọi"
])
def test_the_post_or_act_a_who_question_asks_for(question, role):
    assert asked_role(question) == role


def test_a_name_counts_only_in_a_sentence_that_says_the_post_asked():
    text = ("Đồng chí Nguyễn Thị Nghĩa, Phó bí thư Thường trực Thành ủy phát biểu chỉ đạo hội nghị. "
            "Trưởng Ban Dân vận Thành ủy dự hội nghị.")
    assert names_for(text, ("phat", "bieu"))
    assert not names_for(text, ("truong", "ban"))      # the Trưởng Ban is not named
    assert names_for(text, None)
    assert not names_for(text, ("bi", "thu"))           # a Phó bí thư is not the Bí thư asked
    assert names_for("ngoài ra đồng chí Hà Thị Loan, Phó Giám đốc Trung tâm được tôn vinhTôn Đức Thắng.",
                     ("ton", "vinh"))                    # a space lost in the source
    assert names_for("3/9 gương điển hình năm 2018 gồm: Nguyễn Hải Long – Sở Tư pháp TP; Phan Thị Lan Anh – "
                     "Kho bạc Nhà nước TP;", ("kho", "bac"))   # a list joined by ";" is one sentence


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


def test_a_person_named_for_another_post_is_not_the_answer(svc):
    # Nguyễn Thị Thanh Hương is named, as a Bí thư chi bộ; no sentence names who won.
    ans = svc.ask('Hội thi "Bí thư chi bộ giỏi" năm 2017 của Đảng bộ Văn phòng UBND tỉnh thì ai đạt giải nhất?')
    assert ans.refused and ans.answer.startswith("Tài liệu hiện có không nêu họ tên người")


def test_a_person_a_passage_names_is_answered(svc):
    ans = svc.ask("Ai là Bí thư chi bộ Thông tin - Tin học của Văn phòng UBND tỉnh?")
    assert not ans.refused and "Nguyễn Thị Thanh Hương" in ans.answer


# corpus/001_… and 000_… (Báo Hải Phòng, 2017), shortened: the conference report names the Thành ủy's Phó
# bí thư in every paragraph; another article names the Khối's Bí thư.
CONFERENCE = """Nâng cao chất lượng tham mưu thực hiện thành công chủ đề năm

10/07/2017

(HPĐT)- Các tổ chức cơ sở Đảng trực thuộc Đảng ủy Khối các cơ quan thành phố cần nâng cao chất lượng tham mưu. Đó là chỉ đạo của đồng chí Nguyễn Thị Nghĩa, Phó bí thư Thường trực Thành ủy tại hội nghị Ban chấp hành Đảng bộ Khối các cơ quan thành phố lần thứ 9 năm 2017.

Đồng chí Phó bí thư Thường trực Thành ủy đánh giá, trong 6 tháng đầu năm 2017 Đảng ủy Khối các cơ quan thành phố đã lãnh đạo các tổ chức cơ sở Đảng hoàn thành nhiệm vụ.

Trong 6 tháng cuối năm 2017, các cấp ủy Đảng thuộc Đảng ủy Khối các cơ quan thành phố tiếp tục nâng cao chất lượng sinh hoạt.
"""
SECRETARY = """Khối thi đua các Ban, cơ quan của Thành ủy

05/07/2017

Bám sát nhiệm vụ trọng tâm. Đồng chí Phạm Xuân Thanh, Bí thư Đảng ủy Khối các cơ quan thành phố cho biết: nhiệm vụ trọng tâm là làm tốt công tác tham mưu.
"""


def test_who_holds_a_post_is_found_below_passages_that_name_someone_else(tmp_path):
    from bot.answering.people import passage_naming
    from bot.types import Hit

    def passage(text, doc_id):
        return Hit(chunk_id=doc_id, doc_id=doc_id, score=1.0, source=f"{doc_id}.txt", title="", number="",
                   issuer="", date="", section="Đoạn 1", text=text, kind="article")
    paragraphs = [p for p in CONFERENCE.split("\n\n")[2:]]
    hits = [passage(t, 1) for t in paragraphs] + [passage(SECRETARY.split("\n\n")[2], 2)]
    question = "bi thu Dang uy Khoi cac co quan thanh pho Hai Phong nam 2017 ten la gi?"
    assert passage_naming(question, hits) == 3              # not the Phó bí thư's paragraphs
    s = make_service(tmp_path, {"hp-hoi-nghi.txt": CONFERENCE, "hp-khoi.txt": SECRETARY})
    try:
        ans = s.ask(question)
        assert not ans.refused and ans.answer.startswith("Đồng chí Phạm Xuân Thanh"), ans.answer
    finally:
        s.close()


def test_a_post_is_the_title_of_a_name_next_to_it():
    sentence = ("Bà La Thị Ngọc Tình, Bí thư Chi bộ Tổng hợp - Kinh tế chia sẻ, chi bộ đã lãnh đạo đội ngũ đảng viên "
                "là cán bộ, công chức các phòng chuyên môn bám sát kế hoạch, chương trình công tác của UBND tỉnh, "
                "Chủ tịch UBND tỉnh để xây dựng chương trình công tác định kỳ.")
    assert names_for(sentence, ("bi", "thu", "chi"))
    assert not names_for(sentence, ("chu", "tich", "ubnd"))      # whom the office serves, forty words on
    assert names_for("Đồng chí Phạm Xuân Thanh, Bí thư Đảng ủy Khối các cơ quan thành phố cho biết.",
                     ("bi", "thu", "dang"))


REGULATION = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 15/2025/QĐ-UBND
Hòa Bình, ngày 10 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy chế tổ chức và hoạt động của Hội đồng Thi đua - Khen thưởng tỉnh
Điều 1. Thành phần Hội đồng
1. Chủ tịch Hội đồng là Chủ tịch Ủy ban nhân dân tỉnh.
2. Phó Chủ tịch Thường trực Hội đồng là Giám đốc Sở Nội vụ.
Điều 2. Nhiệm vụ của Chủ tịch Ủy ban nhân dân tỉnh
Chủ tịch Ủy ban nhân dân tỉnh quyết định tặng Bằng khen, danh hiệu Chiến sĩ thi đua cấp tỉnh.
"""


@pytest.fixture(scope="module")
def regulation(tmp_path_factory):
    """A service over REGULATION alone: a post's holder is named nowhere."""
    s = make_service(tmp_path_factory.mktemp("regulation"), {"qd-15-2025.txt": REGULATION})
    yield s
    s.close()


def test_who_held_a_post_in_a_year_asks_for_a_person_not_a_regulation(regulation):
    ans = regulation.ask("Chủ tịch UBND tỉnh Hòa Bình năm 2018 là ai?")
    assert ans.refused and ans.answer.startswith("Tài liệu hiện có không nêu họ tên người"), ans.answer
    # Without a year, the regulation's post answers.
    ans = regulation.ask("Ai là Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh?")
    assert not ans.refused and "Chủ tịch Ủy ban nhân dân tỉnh" in ans.answer


@pytest.mark.parametrize("question,held", [
    ("Chủ tịch UBND tỉnh TTH năm 2018 là ai?", True),
    ("Chủ tịch UBND tỉnh TTH hồi năm 2018 là ai vậy mọi người?", True),
    ("Bi thu Thanh uy Hai Phong nam 2017 la ai?", True),
    ("Theo Luật Thi đua, khen thưởng năm 2022, ai là Chủ tịch Hội đồng Thi đua - Khen thưởng Trung ương?", False),
    ("Năm 2025 ai có thẩm quyền tặng Bằng khen?", False),      # not a post
    ("Chủ tịch UBND tỉnh là ai?", False),
])
def test_a_post_held_in_a_year(question, held):
    from bot.answering.people import _post_held_in_a_year
    assert _post_held_in_a_year(question) is held


def test_who_holds_a_post_now_asks_for_a_person_not_a_regulation(regulation):
    # eval dev25: "Ông/bà nào đang là Chủ tịch …?", "Trưởng Ban … hiện nay là ai?" were answered with a clause
    # on the post that names nobody.
    for q in ("Ông/bà nào đang là Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh?",
              "Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh hiện nay là ai?"):
        ans = regulation.ask(q)
        assert ans.refused and ans.answer.startswith("Tài liệu hiện có không nêu họ tên người"), (q, ans.answer)


def test_a_name_asked_of_anyone_is_not_answered_by_a_regulation(regulation):
    # eval dev9 d9-051: "Giảng viên … đạt giải 3 … tên là gì?" was answered with a clause on lecturers
    ans = regulation.ask("Phó Chủ tịch Thường trực Hội đồng Thi đua - Khen thưởng tỉnh Hòa Bình họ tên là gì?")
    assert ans.refused and ans.answer.startswith("Tài liệu hiện có không nêu họ tên người"), ans.answer
    ans = regulation.ask("Thành viên Hội đồng Thi đua - Khen thưởng tỉnh được khen thưởng năm 2024 tên là gì?")
    assert ans.refused, ans.answer
    assert not regulation.ask("Phó Chủ tịch Thường trực Hội đồng Thi đua - Khen thưởng tỉnh là ai?").refused


@pytest.mark.parametrize("question,now", [
    ("Ông/bà nào đang là Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh Nghệ An?", True),
    ("Trưởng Ban Thi đua - Khen thưởng Trung ương hiện nay là ai?", True),
    ("Giám đốc Sở Nội vụ tên là gì?", True),
    ("Ai là Chủ tịch Hội đồng Thi đua - Khen thưởng cấp cơ sở?", False),   # a post answers it
    ("Hiện nay ai có thẩm quyền tặng Bằng khen?", False),                  # not a post
])
def test_a_post_held_now(question, now):
    from bot.answering.people import _post_held_now
    assert _post_held_now(question) is now


def test_a_place_before_a_semicolon_and_a_post_is_no_name():
    # eval dev26 d26-020: QĐ 71's "Nơi nhận" list, "… thành phố Hà Nội; Giám đốc Sở Nội vụ …", named nobody
    assert not names_for("Chánh Văn phòng UBND thành phố Hà Nội; Giám đốc Sở Nội vụ thành phố Hà Nội; Chủ tịch", None)
    assert names_for("Bà La Thị Ngọc Tình, Bí thư Chi bộ Tổng hợp - Kinh tế chia sẻ", ("bi", "thu", "chi"))


def test_a_chi_bo_is_told_from_the_others_by_its_name():
    # dev17 d17-034, dev11 d11-012 (out of scope): "Bí thư Chi bộ Hành chính - Quản trị … tên gì" was answered with
    # "Bà La Thị Ngọc Tình, Bí thư Chi bộ Tổng hợp- Kinh tế": another Chi bộ's secretary.
    other = "Bà La Thị Ngọc Tình, Bí thư Chi bộ Tổng hợp- Kinh tế chia sẻ, xác định nhiệm vụ được giao"
    assert asked_role("bi thu chi bo hanh chinh - quan tri cua van phong ubnd tinh TTH ten gi") == \
        ("bi", "thu", "chi", "bo", "hanh")
    assert not names_for(other, asked_role("Bí thư Chi bộ Hành chính - Quản trị tên gì?"))
    assert names_for(other, asked_role("Bí thư Chi bộ Tổng hợp - Kinh tế là ai?"))
    # the Chi bộ named in the passage, its secretary in the next sentence (dev11 d11-011)
    passage = ("Tại Chi bộ Thông tin- Tin học, việc chọn chuyên đề để sinh hoạt hằng quý đã mang lại nhiều kết quả. "
               "Bí thư chi bộ Nguyễn Thị Thanh Hương cho biết, nhờ có các nghị quyết …")
    assert names_for(passage, asked_role("Ai là Bí thư Chi bộ Thông tin - Tin học của Văn phòng UBND tỉnh?"))
    assert asked_role("Bí thư chi bộ đó là ai?") == ("bi", "thu", "chi")


def test_an_act_asked_of_comrades_is_answered_by_their_post(tmp_path):
    """ "phân công ai tham dự …?": "phân công các đồng chí Thường vụ Đảng ủy tham dự …" answers it, with no full
    name (blind dev57 d57-014 was refused "không nêu họ tên người"); a name asked still needs a name."""
    passage = ("Đáng chú ý, phân công các đồng chí Thường vụ Đảng ủy tham dự để đánh giá và định hướng tại mỗi buổi "
               "sinh hoạt Đảng ở các chi bộ.")
    q = "Đảng ủy Văn phòng UBND tỉnh TTH phân công ai tham dự để đánh giá tại mỗi buổi sinh hoạt Đảng?"
    assert comrades_for(passage, asked_role(q)) and not names_for(passage, asked_role(q))
    assert not comrades_for("phân công đồng chí ấy tham dự", asked_role(q))       # a pronoun is no post
    s = make_service(tmp_path, {"tth.txt": ARTICLE.replace("Bài, ảnh: Thái Bình", passage + "\n\nBài, ảnh: Thái Bình")})
    try:
        ans = s.ask(q)
        assert not ans.refused and "Thường vụ Đảng ủy" in ans.answer
        # asked for a name, the post is no answer
        assert not _says_who("Ai tham dự sinh hoạt chi bộ, họ tên là gì?", passage, ("tham", "du"))
    finally:
        s.close()


def test_who_did_an_act_is_answered_by_the_leaders_of_a_body_who_did_it():
    # blind dev84 d84-064 was refused "không nêu họ tên người": the story names the body's leaders, no person
    from bot.answering.people import asked_role, names_for
    role = asked_role("Trong bài báo Nam Định về Khối các cơ quan Đảng, ai trao Huy hiệu Đảng cho các đảng viên đợt 7-11?")
    assert role == ("trao", "huy")
    assert names_for("Lãnh đạo Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh trao tặng Huy hiệu Đảng cho những đảng "
                     "viên nhiều năm tuổi Đảng đợt 7-11", role)
    # the act without a doer, or a doer without the act, names nobody
    assert not names_for("Hội nghị trao tặng Huy hiệu Đảng cho những đảng viên nhiều năm tuổi Đảng", role)
    assert not names_for("Lãnh đạo Đảng ủy Khối dự hội nghị tổng kết", role)
    # a post asked still needs a person named
    assert not names_for("Lãnh đạo Đảng ủy Khối trao tặng Huy hiệu Đảng", asked_role("Bí thư Đảng ủy Khối là ai?"))


def test_who_appraised_is_answered_by_the_experts_a_standing_committee_invited():
    # blind dev87 d87-063: "… các công trình thi đua … do ai thẩm định?"
    from bot.answering.people import asked_role, names_for
    role = asked_role("Các công trình thi đua của Đảng bộ Khối do ai thẩm định?")
    assert names_for("Ban Thường vụ Đảng ủy Khối mời các chuyên gia trong khối để thẩm định các công trình thi đua.", role)
