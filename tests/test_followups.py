"""Follow-ups without an LLM (issue 18): a short question that names nothing of its own continues the last
subject; "còn X …?" asks the same thing about X, so the award the previous question named is not carried.
Questions are those of a cadre's conversation in eval/dev.jsonl's follow-up kind."""

from bot.answering.followup import is_followup, standalone_question


def test_a_short_question_naming_nothing_continues_the_conversation():
    history = ["Hồ sơ đề nghị xét tặng danh hiệu Công dân Thủ đô ưu tú gồm những gì?"]
    assert is_followup("hạn nộp hồ sơ là khi nào?", history)
    assert "Công dân Thủ đô ưu tú" in standalone_question("hạn nộp hồ sơ là khi nào?", history)
    assert not is_followup("hạn nộp hồ sơ là khi nào?", [])


def test_a_question_with_its_own_subject_stands_alone():
    history = ["Hồ sơ đề nghị xét tặng danh hiệu Công dân Thủ đô ưu tú gồm những gì?"]
    assert not is_followup("Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?", history)
    assert not is_followup("Nghị định 90/2020/NĐ-CP còn hiệu lực không?", history)
    assert not is_followup("Thời hiệu xử lý kỷ luật cán bộ, công chức được quy định như thế nào?", history)


def test_a_swapped_subject_replaces_the_previous_award():
    history = ["Mức tiền thưởng danh hiệu Chiến sĩ thi đua cơ sở là bao nhiêu?"]
    q = standalone_question("còn Tập thể lao động xuất sắc được thưởng bao nhiêu?", history)
    assert "Tập thể lao động xuất sắc" in q and "Mức tiền thưởng" in q
    assert "Chiến sĩ thi đua cơ sở" not in q


def test_the_place_and_a_repeated_award_are_carried():
    history = ["Tiêu chuẩn danh hiệu Lao động tiên tiến của tỉnh Bắc Ninh là gì?"]
    q = standalone_question("thế còn tập thể lao động tiên tiến thì sao?", history)
    assert "Bắc Ninh" in q and "Lao động tiên tiến" in q


def test_a_short_question_on_another_topic_stands_alone():
    # typed without accents or capitals, a new subject cannot be told by its capitals: it shares no word
    history = ["Hồ sơ đề nghị xét tặng danh hiệu Công dân Thủ đô ưu tú gồm những gì?"]
    assert not is_followup("muc thuong lao dong tien tien", history)


def test_a_followup_asking_its_own_figure_carries_the_subject_not_the_last_ask():
    prev = "Công chức bị tạm đình chỉ công tác mà chưa bị xử lý kỷ luật thì được hưởng lương thế nào?"
    out = standalone_question("Thế tạm đình chỉ thì tối đa được bao lâu?", [prev])
    # "được hưởng lương thế nào" would pull back the salary clause that answered the last question.
    assert "Công chức bị tạm đình chỉ công tác mà chưa bị xử lý kỷ luật" in out and "lương" not in out
    # "… thì sao?" asks the last question again for another subject: all of it is carried.
    assert "lương" in standalone_question("Còn viên chức thì sao?", [prev])


def test_a_follow_up_of_a_follow_up_keeps_the_first_subject():
    # "Nam phải công tác trong ngành bao nhiêu năm?" only made sense after the Kỷ niệm chương question:
    # the third question is about that Kỷ niệm chương's hồ sơ, not about years of service.
    history = ["Kỷ niệm chương Vì sự nghiệp Kế hoạch và Đầu tư Việt Nam xét tặng cho ai?",
               "Nam phải công tác trong ngành bao nhiêu năm?"]
    q = standalone_question("vậy hồ sơ phải gửi trước ngày nào?", history)
    assert "Kế hoạch và Đầu tư" in q and "bao nhiêu năm" not in q
    # a middle question that swaps in its own subject keeps it
    history = ["Công chức bị khiển trách thì bị kéo dài thời hạn nâng lương bao lâu?", "Còn viên chức thì sao?"]
    assert "viên chức" in standalone_question("vậy thời hiệu là mấy năm?", history)


def test_a_swapped_grade_replaces_the_previous_grade():
    # The earlier grade's words would lead the reader back to its threshold ("xuất sắc … 95 điểm").
    prev = "Cần Thơ chấm điểm công tác dân vận, cơ quan đạt bao nhiêu điểm thì xếp loại hoàn thành xuất sắc?"
    q = standalone_question("Còn loại hoàn thành tốt thì sao?", [prev])
    assert "xuất sắc" not in q and "Cần Thơ chấm điểm công tác dân vận" in q
    prev = "Viên chức phải đạt bao nhiêu điểm mới được xếp loại hoàn thành xuất sắc nhiệm vụ?"
    q = standalone_question("Còn mức hoàn thành nhiệm vụ thì cần bao nhiêu điểm?", [prev])
    assert "xuất sắc" not in q and "Viên chức phải đạt bao nhiêu điểm" in q
    # the same grade asked again keeps the previous question whole
    assert "xuất sắc" in standalone_question("Còn đơn vị hoàn thành xuất sắc nhiệm vụ thì sao?", [prev])
    # typed as cadres shorten it (blind dev57 d57-046)
    prev = "ĐV ko giữ chức vụ LĐQL muốn xếp loại HTXSNV theo QĐ 366 thì phải có ít nhất bao nhiêu % nhiệm vụ?"
    q = standalone_question("Vậy còn mức hoàn thành nhiệm vụ thì số nhiệm vụ chậm tiến độ tối đa bao nhiêu?", [prev])
    assert "HTXSNV" not in q and "QĐ 366" in q


def test_a_followup_naming_its_own_place_leaves_the_earlier_document_and_place_behind():
    # eval/dev23.jsonl d23-004: NĐ 233 (viên chức, national) then Hải Phòng's QĐ 212
    q = standalone_question("Còn theo quy định tiêu chí đánh giá CBCCVC của Hải Phòng thì phần tiêu chí chung được "
                            "bao nhiêu điểm?", ["NĐ 233/2026 chấm khung tiêu chí chung của viên chức tối đa bao nhiêu điểm"])
    assert "233" not in q and "Hải Phòng" in q and "tiêu chí chung" in q
    q = standalone_question("Còn ở Bắc Ninh thì sao?", ["Ở Hà Nội mỗi năm xét tặng tối đa bao nhiêu người?"])
    assert "Hà Nội" not in q and "Bắc Ninh" in q and "tối đa bao nhiêu người" in q
    # the same place, or none of its own: the earlier one stays
    q = standalone_question("Còn tập thể thì sao?", ["Ở Hà Nội mỗi năm xét tặng tối đa bao nhiêu người?"])
    assert "Hà Nội" in q


def test_an_nfd_or_old_tone_history_is_read_like_the_question(tmp_path):
    # eval/dev.jsonl q072: typed in NFD, the earlier question kept its award title and the answer changed
    import unicodedata

    from bot.answering.question import Question
    from tests.test_direct import DECREE, make_service
    s = make_service(tmp_path, {"nd-170-2025.txt": DECREE})
    try:
        q = "còn Tập thể lao động xuất sắc được thưởng bao nhiêu?"
        hist = "Danh hiệu Chiến sĩ thi đua cơ sở được thưởng bao nhiêu tiền?"
        nfc = s.ask(q, history=[hist])
        nfd = s.ask(unicodedata.normalize("NFD", q), history=[unicodedata.normalize("NFD", hist)])
        assert nfd.standalone_question == nfc.standalone_question and nfd.answer == nfc.answer
    finally:
        s.close()
    # the old tone placement is read in the placement every comparison uses
    assert Question.of("Thành uỷ có được hoà giải không?").expanded == Question.of("Thành ủy có được hòa giải không?").expanded


def test_a_question_that_points_back_continues_the_conversation():
    # eval dev24 d24-025 and d24-028, written blind: "phong trào đó", "danh hiệu này" name no subject of their own
    prev = ("Kế hoạch 157/KH-UBND của Cần Thơ đặt chỉ tiêu ít nhất bao nhiêu phần trăm người hưởng trợ cấp xã hội "
            "mở mới tài khoản?")
    q = "Đợt cao điểm đầu tiên của phong trào đó kéo dài bao nhiêu ngày làm việc?"
    assert is_followup(q, [prev])
    out = standalone_question(q, [prev])
    # the document pointed at is carried; the earlier ask ("bao nhiêu phần trăm") would pull back its answer
    assert "Kế hoạch 157/KH-UBND của Cần Thơ" in out and "phần trăm" not in out
    prev = "Mỗi năm Hà Nội xét tặng danh hiệu “Công dân Thủ đô ưu tú” cho tối đa bao nhiêu người?"
    out = standalone_question("Tiền thưởng cho người được tặng danh hiệu này chi từ nguồn kinh phí nào?", [prev])
    assert "“Công dân Thủ đô ưu tú”" in out and "tối đa" not in out
    # a document or place named after the ask is still carried
    out = standalone_question("vậy hồ sơ đó gửi về đâu?", ["Hồ sơ đề nghị tặng Bằng khen gồm những gì theo "
                                                          "Quyết định 86 của Bắc Ninh?"])
    assert "Hồ sơ đề nghị tặng Bằng khen" in out and "Quyết định 86" in out and "Bắc Ninh" in out
    assert "những gì" not in out
    # "Thủ đô" folds like "đó": read with its diacritics, a question naming the title stands alone
    assert not is_followup("Danh hiệu Công dân Thủ đô ưu tú được tặng cho những ai?", ["Luật Cán bộ, công chức có hiệu lực từ ngày nào?"])


def test_a_followup_asking_which_body_carries_the_subject_not_the_last_ask():
    # eval dev26 d26-017: "thuộc biên chế của cơ quan nào" pulled back the clause on biên chế
    out = standalone_question("Trường hợp được cử đi biệt phái thì cơ quan nào trả lương?",
                              ["Công chức được điều động sang cơ quan khác thì thuộc biên chế của cơ quan nào?"])
    assert "Công chức được điều động sang cơ quan khác" in out and "biên chế" not in out


def test_a_followup_asking_when_the_document_takes_effect_leaves_the_last_ask_behind():
    # eval dev28 d28-032: the earlier ask (kỷ luật khiển trách) pulled back the clause that answered it
    prev = ("Em làm công chức ở Hải Phòng, hồi tháng 5 em bị kỷ luật khiển trách. Cuối năm nay đánh giá thì em còn "
            "được hoàn thành tốt nhiệm vụ không hay bị xếp loại thấp nhất ạ?")
    out = standalone_question("Còn cái quy định tiêu chí đánh giá đó của Hải Phòng có hiệu lực từ ngày nào vậy?", [prev])
    assert "khiển trách" not in out and "Hải Phòng" in out
    # the subject before the earlier ask is what finds the document
    out = standalone_question("Quy định đó có hiệu lực từ khi nào?",
                              ["Tiêu chí đánh giá cán bộ, công chức ở Hải Phòng gồm những gì?"])
    assert "Tiêu chí đánh giá cán bộ, công chức ở Hải Phòng" in out and "những gì" not in out
    out = standalone_question("vay quyet dinh nay ban hanh ngay nao", ["Quyết định 86 của Bắc Ninh quy định hồ sơ "
                                                                     "đề nghị Bằng khen gồm những gì?"])
    assert "Quyết định 86" in out and "những gì" not in out


def test_a_contrast_follow_up_asking_another_kind_leaves_the_earlier_ask_behind():
    """"Còn … trước bao lâu?" after "… trước ngày nào?" asks a duration (blind dev60 d60-020); "còn thi hộ … hình
    thức gì?" after "… bị trừ bao nhiêu điểm?" asks no score (dev61 d61-052). Both were refused the old kind."""
    from bot.answering.question_kind import question_kind
    prev = ("Hồ sơ đề nghị tặng Kỷ niệm chương ngành Kế hoạch và Đầu tư cho người trong ngành phải gửi trước "
            "ngày nào?")
    out = standalone_question("Còn người ngoài ngành thì phải gửi hồ sơ trước bao lâu?", [prev])
    assert "Kỷ niệm chương ngành Kế hoạch và Đầu tư" in out and "ngày nào" not in out
    assert question_kind(out) == "duration"
    prev = "Thí sinh thi tuyển công chức bị cảnh cáo trong bài thi thì bị trừ bao nhiêu điểm?"
    out = standalone_question("còn thi hộ hay đánh tráo bài làm thì bị xử lý hình thức gì?", [prev])
    assert "thi tuyển công chức" in out and "bao nhiêu điểm" not in out
    # the same kind asked again: the earlier question is carried whole
    prev = "Chiến sĩ thi đua cơ sở được thưởng bao nhiêu tiền?"
    assert "bao nhiêu tiền" in standalone_question("Còn Lao động tiên tiến thì được bao nhiêu tiền?", [prev])


def test_they_in_a_follow_up_are_the_people_the_conversation_named():
    # blind dev68 d68-029: "họ" named the city besides and was read alone, then refused
    prev = "Người nước ngoài được tặng danh hiệu Công dân danh dự Thủ đô có những quyền lợi gì?"
    q = "Khi họ sang Hà Nội thì thành phố có tổ chức đón tiếp theo nghi lễ gì không?"
    assert is_followup(q, [prev])
    assert "Công dân danh dự Thủ đô" in standalone_question(q, [prev])
    # "họ tên", "họ và tên" ask a name; without a conversation nothing is carried
    assert not is_followup("Họ và tên Chủ tịch UBND tỉnh Thừa Thiên Huế năm 2018?", ["Quyết định 86 do ai ký?"])
    assert not is_followup(q, [])
