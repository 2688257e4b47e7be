"""Clauses for other people or another province do not answer (bot/answering/applies_to.py).

Each near-topic question is paired with its answerable twin: the check must refuse the first and
leave the second alone, because a wrong refusal is as bad as a wrong answer.
"""

from bot.answering.answer import refused_answer, scope_lines
from bot.answering.applies_to import (groups_in, other_people, other_place, other_recipient, other_sector,
                                      split_applicable)
from bot.answering.refusal import support, with_place_names
from bot.types import Hit

LAW_80 = dict(title="Luật Cán bộ, công chức", number="80/2025/QH15", issuer="Quốc hội")
BAC_NINH = dict(title="Quyết định ban hành Quy chế thi đua, khen thưởng", number="86/2025/QĐ-UBND",
                issuer="Ủy ban nhân dân tỉnh Bắc Ninh")


def hit(doc_id: int, text: str, title: str, number: str, issuer: str, dieu: str = "") -> Hit:
    return Hit(chunk_id=doc_id * 10, doc_id=doc_id, score=1.0, source=f"{number}.txt", title=title,
               number=number, issuer=issuer, date="", section=dieu, text=text, dieu=dieu, dense_score=0.7)


def records(*docs):
    by_id = {i: {"title": d["title"], "number": d["number"], "issuer": d["issuer"], "meta": d.get("meta", {})}
             for i, d in enumerate(docs, 1)}
    return lambda h: by_id.get(h.doc_id)


STATUTE = [hit(1, "1. Thời hiệu xử lý kỷ luật là 05 năm đối với hành vi vi phạm ít nghiêm trọng; 10 năm đối "
                  "với hành vi vi phạm khác.", dieu="Điều 37. Thời hiệu, thời hạn xử lý kỷ luật cán bộ, công chức",
               **LAW_80),
           hit(1, "2. Thời hạn xử lý kỷ luật cán bộ, công chức không quá 90 ngày.", dieu="Điều 37", **LAW_80)]


def test_groups_named():
    assert groups_in("Cán bộ, công chức bị kỷ luật") == ["cán bộ", "công chức"]
    assert groups_in("thoi hieu ky luat vien chuc") == ["viên chức"]
    assert groups_in("Tiêu chuẩn Chiến sĩ thi đua cơ sở") == []


def test_another_groups_rule_does_not_answer():
    assert other_people("Thời hiệu xử lý kỷ luật đối với viên chức là bao lâu?", STATUTE) == "viên chức / cán bộ, công chức"
    assert other_people("thoi hieu xu ly ky luat vien chuc bao lau", STATUTE) == "viên chức / cán bộ, công chức"
    # The twins: the asked group is named, or several groups are asked, or no group.
    assert other_people("Thời hiệu xử lý kỷ luật đối với công chức là bao lâu?", STATUTE) is None
    assert other_people("Thời hiệu kỷ luật CBCCVC là bao lâu?", STATUTE) is None
    assert other_people("Thời hiệu xử lý kỷ luật là bao lâu?", STATUTE) is None
    # blind dev33 d33-044: a worker on a labour contract is graded under the Bộ luật Lao động, not these rules
    assert groups_in("người lao động làm theo hợp đồng lao động") == ["người lao động"]
    assert other_people("Người lao động làm theo hợp đồng lao động bị kỷ luật thì thời hiệu bao lâu?", STATUTE) == \
        "người lao động / cán bộ, công chức"
    # a Youth Union member is not a Party member: the Party's grading does not grade them
    party = [hit(7, "Đảng viên nghỉ ốm vẫn phải đánh giá xếp loại cuối năm.", "Đánh giá, xếp loại đảng viên", "", "", "")]
    assert other_people("Đoàn viên thanh niên được đánh giá xếp loại chất lượng cuối năm theo mấy mức?", party) == \
        "đoàn viên / đảng viên"
    assert other_people("Đảng viên nghỉ ốm có phải đánh giá xếp loại cuối năm không?", party) is None


def test_the_partys_cadres_are_its_members():
    """Under a Party rule, "cán bộ lãnh đạo" are đảng viên: the criteria for đảng viên answer (eval/dev28.jsonl
    d28-040). Without a Party rule named, cán bộ and đảng viên stay separate groups."""
    party = [hit(7, "- Kết quả khắc phục hoàn thành từ ≥ 80% nội dung, có tiến bộ rõ, được tổ chức đánh giá tốt.",
                 "Nhóm tiêu chí chung đánh giá xếp loại đảng viên năm 2025 theo Quy định 366", "", "", "")]
    for q in ("Với cán bộ lãnh đạo thuộc diện Trung ương quản lý, theo Quy định 366 kết quả khắc phục phải đạt bao nhiêu phần trăm?",
              "Theo 366-QĐ/TW, cán bộ lãnh đạo khắc phục khuyết điểm đạt bao nhiêu phần trăm?"):
        assert other_people(q, party) is None
    assert other_people("Cán bộ lãnh đạo khắc phục khuyết điểm phải đạt bao nhiêu phần trăm?", party) == "cán bộ / đảng viên"


def test_a_clause_naming_no_group_may_apply_to_all():
    hits = [hit(2, "Hồ sơ gồm tờ trình và báo cáo thành tích.", dieu="Điều 34. Hồ sơ", **BAC_NINH)]
    assert other_people("Hồ sơ khen thưởng viên chức gồm những gì?", hits) is None


QN = "Quảng Ninh xét tặng Cờ thi đua của UBND tỉnh cho tập thể theo tiêu chuẩn nào?"
FLAG = [hit(1, "Cờ thi đua của Ủy ban nhân dân tỉnh được xét tặng cho tập thể dẫn đầu khối thi đua.",
            dieu="Điều 3. Tiêu chuẩn xét tặng Cờ thi đua", **BAC_NINH)]


def test_another_provinces_document_does_not_answer():
    docs = records(BAC_NINH)
    assert other_place(QN, FLAG, docs) == "Quảng Ninh / Bắc Ninh"
    assert other_place(QN.replace("Quảng Ninh", "Bắc Ninh"), FLAG, docs) is None
    assert other_place("Cờ thi đua của UBND tỉnh xét tặng theo tiêu chuẩn nào?", FLAG, docs) is None
    # A national document may answer for any province (with a note that it does not name it).
    national = [hit(1, FLAG[0].text, dieu="Điều 3", **LAW_80)]
    assert other_place(QN, national, records(LAW_80)) is None


def test_refusal_says_whose_rules_were_found():
    sup = support("Thời hiệu xử lý kỷ luật đối với viên chức là bao lâu?", STATUTE, threshold=0.0)
    assert not sup.supported and sup.reasons == ["people: viên chức / cán bộ, công chức"]
    text = refused_answer("Thời hiệu xử lý kỷ luật đối với viên chức là bao lâu?", STATUTE, sup.reasons).answer
    assert "quy định cho cán bộ, công chức, không phải cho viên chức" in text

    sup = support(QN, FLAG, threshold=0.0, document_record=records(BAC_NINH))
    assert "place: Quảng Ninh / Bắc Ninh" in sup.reasons
    assert "của tỉnh Bắc Ninh, không áp dụng cho tỉnh Quảng Ninh" in refused_answer(QN, FLAG, sup.reasons).answer

    assert support("Thời hiệu xử lý kỷ luật đối với công chức là bao lâu?", STATUTE, threshold=0.0).supported


def test_a_place_typed_run_together_is_read_as_the_documents_spell_it():
    assert with_place_names("daklak nop ho so truoc ngay nao") == "Đắk Lắk nop ho so truoc ngay nao"
    assert with_place_names("o tphcm co bao nhieu") == "o Hồ Chí Minh co bao nhieu"
    # Codes stay: a document's metadata lists its place's codes.
    assert with_place_names("Đảng bộ tỉnh TTH có") == "Đảng bộ tỉnh TTH có"
    hits = [hit(1, "Hồ sơ đề nghị khen thưởng gửi về Sở Nội vụ tỉnh Đắk Lắk trước ngày 15/12.", dieu="Điều 9",
                **BAC_NINH)]
    typed, spelt = "daklak nop ho so khen thuong ve so noi vu", "Đắk Lắk nộp hồ sơ khen thưởng về Sở Nội vụ"
    # typed run together, the place is not held against the question (its pairs are not asked for)
    assert support(typed, hits).pair_coverage >= support(spelt, hits).pair_coverage


LEAVE = [hit(1, "1. Cán bộ, công chức được nghỉ hằng năm, nghỉ lễ, tết, nghỉ để giải quyết việc riêng theo quy "
                "định của pháp luật về lao động.", dieu="Điều 11. Quyền của cán bộ, công chức về nghỉ ngơi", **LAW_80)]


def test_a_clause_that_refers_the_figure_to_another_law_does_not_state_it():
    from bot.answering.applies_to import referred_elsewhere
    assert referred_elsewhere("Công chức được nghỉ phép năm bao nhiêu ngày?", LEAVE) == "duration"
    # The twins: the clause states the figure itself, or the question asks for no figure.
    stated = [hit(1, LEAVE[0].text.replace("nghỉ hằng năm", "nghỉ hằng năm 12 ngày"), dieu="Điều 11", **LAW_80)]
    assert referred_elsewhere("Công chức được nghỉ phép năm bao nhiêu ngày?", stated) is None
    assert referred_elsewhere("Công chức có những quyền nghỉ ngơi nào?", LEAVE) is None


def test_a_clause_that_refers_the_very_matter_asked_does_not_state_it_even_with_another_figure():
    # blind dev35 d35-030, dev33 d33-027: "lưu trữ bao nhiêu năm" was answered with the year within which the
    # papers are handed over, in a clause that leaves keeping them to the archives law (TT 22/2025 Điều 25)
    from bot.answering.applies_to import referred_elsewhere
    archive = [hit(2, "2. Trong thời hạn 01 năm kể từ ngày kết thúc kỳ tuyển dụng công chức, Ủy viên kiêm Thư ký "
                      "Hội đồng bàn giao toàn bộ hồ sơ cho lưu trữ của cơ quan để tổ chức lưu trữ theo quy định của "
                      "pháp luật về lưu trữ./.", "Thông tư", "22/2025/TT-BNV", "Bộ Nội vụ", dieu="Điều 25")]
    assert referred_elsewhere("Bài thi tuyển công chức phải lưu trữ tối thiểu bao nhiêu năm?", archive) == "duration"
    # the period the clause states is what a question on handing over asks
    assert referred_elsewhere("Thư ký Hội đồng phải bàn giao hồ sơ trong thời hạn bao lâu?", archive) is None
    # the matter's words elsewhere in the question are not what is asked (dev24 d24-013)
    assert referred_elsewhere("Hồ sơ lưu trữ được bàn giao trong bao nhiêu ngày?", archive) is None


def test_the_referring_clause_is_shown_with_what_it_does_not_state():
    from bot.answering.answer import not_stated_answer, referred_kind
    sup = support("Công chức được nghỉ phép năm bao nhiêu ngày?", LEAVE, threshold=0.0)
    assert "referred: duration" in sup.reasons and not sup.supported
    kind = referred_kind(sup.reasons)
    assert kind == "duration"
    ans = not_stated_answer("Công chức được nghỉ phép năm bao nhiêu ngày?", LEAVE, kind, referred=True)
    assert ans.refused and "không nêu thời hạn" in ans.answer and "dẫn chiếu" in ans.answer
    assert "theo quy định của pháp luật về lao động" in ans.answer   # the clause itself, for checking


def test_a_yes_no_question_with_a_figure_in_it_is_not_a_figure_question():
    from bot.answering.applies_to import referred_elsewhere
    q = "Tôi không nghỉ hết phép năm. Công chức có được trả tiền cho mấy ngày phép không nghỉ không?"
    assert referred_elsewhere(q, LEAVE) is None


def test_answers_prefer_the_clauses_for_the_asked_place_and_group():
    from bot.answering.applies_to import prefer_applicable
    hcm = dict(title="Dân vận khéo tại Đảng bộ Khối", number="", issuer="", meta={"kind": "article", "places": ["Hồ Chí Minh"]})
    hue = dict(title="Gắn công tác cán bộ với đổi mới", number="", issuer="", meta={"kind": "article", "places": ["Huế"]})
    hits = [hit(1, "Năm 2018 có 52 đồng chí hoàn thành xuất sắc nhiệm vụ.", **{k: hcm[k] for k in ("title", "number", "issuer")}),
            hit(2, "Năm 2017 có 16 đồng chí hoàn thành xuất sắc nhiệm vụ.", **{k: hue[k] for k in ("title", "number", "issuer")})]
    docs = records(hcm, hue)
    q = "Năm 2017 Đảng bộ VP UBND tỉnh TTH có bao nhiêu đồng chí hoàn thành xuất sắc nhiệm vụ?"
    assert [h.doc_id for h in prefer_applicable(q, hits, docs)] == [2, 1]
    assert [h.doc_id for h in prefer_applicable(q.replace("tỉnh TTH", "Khối"), hits, docs)] == [1, 2]
    # The group: a đảng viên question is read from the đảng viên rule before the viên chức one.
    vc = hit(1, "Tỷ lệ viên chức xếp loại hoàn thành xuất sắc nhiệm vụ không quá 20%.", **LAW_80)
    dv = hit(2, "Số đảng viên xếp loại hoàn thành xuất sắc nhiệm vụ không quá 20%.", **LAW_80)
    q = "xep loai dang vien hoan thanh xuat sac nhiem vu khong qua bao nhieu phan tram"
    assert [h.doc_id for h in prefer_applicable(q, [vc, dv], records(LAW_80, LAW_80))] == [2, 1]


def test_answers_read_from_the_asked_ministrys_clauses():
    # "Bộ KH&CN" is answered from the article on Bộ Khoa học và Công nghệ, not from Bộ KHĐT's Thông tư,
    # whose clause states the same kind of figure with more of the question's words.
    from bot.answering.applies_to import split_applicable
    khdt = dict(title="Thông tư hướng dẫn thi đua, khen thưởng ngành Kế hoạch và Đầu tư",
                number="15/2023/TT-BKHĐT", issuer="Bộ Kế hoạch và Đầu tư")
    khcn = dict(title="Tiêu chuẩn xét tặng Bằng khen của Bộ Khoa học và Công nghệ", number="", issuer="",
                meta={"kind": "explainer"})
    hits = [hit(1, "Bằng khen của Bộ: cá nhân có thời gian công tác 20 năm đối với nam, 15 năm đối với nữ.", **khdt),
            hit(2, "Bằng khen của Bộ Khoa học và Công nghệ: công tác từ 10 năm đối với nam, 08 năm đối với nữ.",
                **{k: khcn[k] for k in ("title", "number", "issuer")})]
    q = "Xét Bằng khen của Bộ KH&CN cho cá nhân công tác lâu năm thì nam, nữ cần bao nhiêu năm?"
    ok, rest = split_applicable(q, hits, records(khdt, khcn))
    assert [h.doc_id for h in ok] == [2] and [h.doc_id for h in rest] == [1]
    assert split_applicable(q.replace("Bộ KH&CN", "Bộ"), hits, records(khdt, khcn)) == (hits, [])


COLLECTIVE_TABLE = dict(title="Tổng hợp mức tiền thưởng dành cho các danh hiệu tập thể năm 2025",
                        number="", issuer="", dieu="Những danh hiệu tập thể năm 2025 có mức tiền thưởng ra sao?")
PERSONAL = dict(title="Mức tiền thưởng danh hiệu Chiến sĩ thi đua cơ sở", number="", issuer="",
                dieu="Mức tiền thưởng danh hiệu Chiến sĩ thi đua cơ sở là bao nhiêu?")


def test_an_award_for_a_person_is_not_answered_from_a_table_for_collectives():
    hits = [hit(2, "1. Đối với cá nhân: a) Danh hiệu Chiến sĩ thi đua toàn quốc được thưởng 4,5 lần mức lương "
                   "cơ sở;", **PERSONAL),
            hit(3, "Huân chương Lao động hạng Nhì | 11 lần mức lương cơ sở | Huân chương Lao động hạng Ba | "
                   "9 lần mức lương cơ sở", **COLLECTIVE_TABLE)]
    asked = "Cá nhân được tặng Huân chương Lao động hạng Ba thì được thưởng bao nhiêu lần mức lương cơ sở?"
    assert other_recipient(asked, hits) == "cá nhân / tập thể"
    # the twin: the same award for a collective is answered from that table
    assert other_recipient("Tập thể được tặng Huân chương Lao động hạng Ba được thưởng bao nhiêu?", hits) is None
    # no recipient named, or a clause headed for the asked one: nothing to say
    assert other_recipient("Huân chương Lao động hạng Ba được thưởng bao nhiêu?", hits) is None
    assert other_recipient("Cá nhân đạt Chiến sĩ thi đua toàn quốc được thưởng bao nhiêu?", hits) is None


def test_a_title_for_collectives_in_a_heading_is_not_who_the_clause_is_for():
    """Bắc Ninh's "Điều 4. … Tập thể lao động tiên tiến, Lao động tiên tiến và Giấy khen" also heads the
    Giấy khen for a cá nhân (blind dev62 d62-045 was refused "cá nhân / tập thể")."""
    heading = dict(title="Quy định về công tác thi đua, khen thưởng tỉnh Bắc Ninh", number="86/2025/QĐ-UBND",
                   issuer="UBND tỉnh Bắc Ninh",
                   dieu="Điều 4. Đối tượng, tiêu chuẩn xét tặng Tập thể lao động tiên tiến, Lao động tiên tiến và "
                        "Giấy khen")
    hits = [hit(2, "3. Giấy khen của thủ trưởng các cơ quan, đơn vị a) Đối với cá nhân: Giấy khen để tặng cho cá "
                   "nhân gương mẫu …", **heading)]
    asked = "Muốn nhận Giấy khen của thủ trưởng cơ quan ở tỉnh Bắc Ninh thì một cá nhân phải đáp ứng những tiêu chuẩn nào?"
    assert other_recipient(asked, hits) is None
    # a heading that is for collectives still is
    collective = dict(heading, dieu="Điều 5. Tiêu chuẩn khen thưởng đối với tập thể")
    assert other_recipient(asked, [hit(2, "Giấy khen để tặng cho tập thể …", **collective)]) == "cá nhân / tập thể"
    # without an award's title, one clause headed for tập thể among others is no reason to refuse
    assert other_recipient("Cá nhân được thưởng bao nhiêu lần mức lương cơ sở?", hits[::-1]) is None


HAI_PHONG = dict(title="Quy định về tiêu chí đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
                 number="212/2025/QĐ-UBND", issuer="Ủy ban nhân dân thành phố Hải Phòng")


def test_the_reader_reads_the_criteria_for_the_office_asked():
    leaders = hit(1, "1. Hoàn thành xuất sắc nhiệm vụ: a) Có tổng số điểm trên 90 điểm đến 100 điểm.",
                  dieu="Điều 7. Tiêu chí xếp loại chất lượng cán bộ, công chức, viên chức giữ chức vụ lãnh đạo, quản lý",
                  **HAI_PHONG)
    others = hit(1, "1. Hoàn thành xuất sắc nhiệm vụ: Có tổng số điểm trên 90 điểm trở lên.",
                 dieu="Điều 6. Tiêu chí xếp loại chất lượng công chức, viên chức không giữ chức vụ lãnh đạo, quản lý",
                 **HAI_PHONG)
    ok, rest = split_applicable("Ở Hải Phòng, CBCCVC giữ chức vụ lãnh đạo, quản lý phải đạt bao nhiêu điểm để được "
                                "xếp loại hoàn thành xuất sắc nhiệm vụ?", [others, leaders], records(HAI_PHONG))
    assert ok == [leaders] and rest == [others]
    ok, rest = split_applicable("Ở Hải Phòng, công chức không giữ chức vụ lãnh đạo phải đạt bao nhiêu điểm?",
                                [leaders, others], records(HAI_PHONG))
    assert ok == [others] and rest == [leaders]


ND_233 = dict(title="Nghị định quy định về đánh giá, xếp loại chất lượng đối với đơn vị sự nghiệp công lập và viên chức",
              number="233/2026/NĐ-CP", issuer="Chính phủ")


def test_a_clause_for_the_asked_group_ranked_third_still_answers():
    # Two viên chức clauses outrank Luật 80's Điều 38, which answers for công chức: no refusal.
    hits = [hit(2, "a) Viên chức bị xử lý kỷ luật trong năm đánh giá thì xếp loại không hoàn thành nhiệm vụ.",
                dieu="Điều 14. Xếp loại chất lượng viên chức", **ND_233),
            hit(2, "b) Viên chức có hành vi vi phạm nhưng chưa có quyết định xử lý kỷ luật.",
                dieu="Điều 14. Xếp loại chất lượng viên chức", **ND_233),
            hit(1, "4. Trường hợp bị xử lý kỷ luật về hành vi không liên quan đến hoạt động công vụ thì không tính "
                   "là căn cứ để xếp loại chất lượng.", dieu="Điều 38. Đánh giá, xếp loại cán bộ, công chức", **LAW_80)]
    asked = "Công chức bị kỷ luật vì chuyện riêng thì có bị lấy làm căn cứ xếp loại chất lượng không?"
    assert other_people(asked, hits) is None
    assert other_people(asked, hits[:2]) == "công chức / viên chức"


TT_15 = dict(title="Thông tư hướng dẫn công tác thi đua, khen thưởng ngành Kế hoạch và Đầu tư",
             number="15/2023/TT-BKHĐT", issuer="Bộ Kế hoạch và Đầu tư")
TT_16 = dict(title="Thông tư quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng "
                   "trong lĩnh vực lao động, người có công và xã hội",
             number="16/2023/TT-BLĐTBXH", issuer="Bộ Lao động - Thương binh và Xã hội")


def test_a_sectors_deadline_does_not_answer_for_a_province_or_another_sector():
    deadline = hit(1, "b) Khen thưởng tổng kết năm: Khối thi đua các Sở, Ban gửi hồ sơ đề nghị khen thưởng trước "
                      "ngày 20/01 hằng năm.", dieu="Điều 22. Thời gian gửi hồ sơ", **TT_15)
    blocs = hit(1, "Khối thi đua số 5: Sở Kế hoạch và Đầu tư Nghệ An, Sở Kế hoạch và Đầu tư Hà Tĩnh.",
                dieu="Phụ lục. Danh sách khối thi đua", **TT_15)
    medal = hit(2, "1. Tên Kỷ niệm chương: “Vì sự nghiệp Lao động - Thương binh và Xã hội”.",
                dieu="Điều 6. Kỷ niệm chương của Bộ", **TT_16)
    recs = records(TT_15, TT_16)
    # Bộ KHĐT's deadline for its own Khối thi đua is not Nghệ An's …
    asked = "nghe an quy dinh ho so khen thuong tong ket nam phai gui So Noi vu truoc ngay nao?"
    assert other_sector(asked, [deadline, medal], recs) == "Nghệ An / Kế hoạch và Đầu tư"
    # … but its annex that names the province answers "which bloc"; a question naming the sector is its own.
    assert other_sector("Sở Kế hoạch và Đầu tư Nghệ An thuộc khối thi đua nào?", [blocs], recs) is None
    assert other_sector("Ngành Kế hoạch và Đầu tư gửi hồ sơ tổng kết năm trước ngày nào?", [deadline], recs) is None
    # A question on Bộ LĐTBXH's Kỷ niệm chương is not answered from Bộ KHĐT's deadline.
    asked = "Hồ sơ đề nghị tặng Kỷ niệm chương “Vì sự nghiệp Lao động - Thương binh và Xã hội” gửi trước ngày nào?"
    assert other_sector(asked, [deadline, medal], recs) == ("ngành lao động, người có công và xã hội / "
                                                           "Kế hoạch và Đầu tư")
    lines = scope_lines(["sector: Nghệ An / Kế hoạch và Đầu tư"])
    assert lines == ["Điều khoản tìm được là quy định riêng của ngành Kế hoạch và Đầu tư, không áp dụng cho tỉnh Nghệ An."]
    ok, rest = split_applicable(asked, [medal, deadline], recs)
    assert ok == [medal] and rest == [deadline]


def test_an_articles_figure_for_another_year_does_not_answer():
    from bot.answering.applies_to import other_year
    news = {"title": "Gắn công tác cán bộ với đổi mới phương thức lãnh đạo", "meta": {"kind": "article"}}
    span = "Năm 2017, có 16 đồng chí hoàn thành xuất sắc nhiệm vụ, 64 đồng chí hoàn thành tốt nhiệm vụ."
    assert other_year("TTH: năm 2018 Đảng bộ có bao nhiêu đồng chí hoàn thành xuất sắc nhiệm vụ?", span, news) \
        == "2018 / 2017"
    assert other_year("Năm 2017 Đảng bộ có bao nhiêu đồng chí hoàn thành xuất sắc nhiệm vụ?", span, news) is None
    assert other_year("Đảng bộ có bao nhiêu đồng chí hoàn thành xuất sắc nhiệm vụ?", span, news) is None
    # a year framing the whole sentence dates every clause of it
    framed = span.replace("vụ.", "vụ; Đảng bộ đạt danh hiệu trong sạch vững mạnh tiêu biểu.")
    assert other_year("Năm 2018 Đảng bộ đạt danh hiệu gì?", framed, news) == "2018 / 2017"
    # a year inside another clause names another event, not the year of the figure asked
    listed = ("- Tổ chức “Ngày thứ bảy tình nguyện” trong liên hoan cấp Thành lần 7 - năm 2017; tuyên dương, "
              "trao giải thưởng cho 76 gương cấp khối, 14 gương cấp Cụm; giới thiệu 07 đồng chí tuyên dương;")
    assert other_year("Năm 2018 Đảng bộ Khối tuyên dương bao nhiêu gương cấp Cụm?", listed, news) is None
    assert other_year("Năm 2018 liên hoan cấp Thành lần thứ mấy?", listed, news) == "2018 / 2017"
    # an explainer's years are those of the decrees it quotes; a law's are dates of issue and effect
    assert other_year("Năm 2025 mức lương cơ sở là bao nhiêu?", "lương cơ sở năm 2024 là 2.340.000 đồng",
                      {"meta": {"kind": "explainer"}}) is None
    law = dict(LAW_80, meta={"kind": "legal"})
    assert other_year("Luật Cán bộ, công chức 2025 áp dụng đánh giá từ ngày nào?", "từ ngày 01 tháng 01 năm 2026",
                      law) is None
    # a period that spans the asked year covers it (blind dev61 d61-065)
    plan = "Kế hoạch số 103/KH-UBND về thi đua thực hiện văn hóa công sở, giai đoạn 2019-2025"
    assert other_year("Theo bài báo tổng kết năm 2022, Kế hoạch 103 áp dụng cho giai đoạn nào?", plan, news) is None
    assert other_year("Năm 2026 kế hoạch nào được thực hiện?", plan, news) == "2026 / 2019"
    # a figure asked for one year is not the period's (dev36 d36-041, out of scope)
    assert other_year("Năm 2022 trường có bao nhiêu giảng viên cơ hữu?", plan, news) == "2022 / 2019"
    lines = not_stated("TTH: năm 2018 có bao nhiêu đồng chí?")
    assert lines.startswith("Tài liệu hiện có không nêu số liệu năm 2018")


def not_stated(question):
    from bot.answering.answer import not_stated_answer
    h = hit(5, "Năm 2017, có 16 đồng chí hoàn thành xuất sắc nhiệm vụ.", title="Gắn công tác cán bộ", number="",
            issuer="")
    return not_stated_answer(question, [h], "", what="số liệu năm 2018").answer


# tt-16-2023-tt-bldtbxh, Điều 6: Bộ LĐTBXH's Kỷ niệm chương. "Kỷ niệm chương ngành Tài chính" names another
# ministry's sector as "Bộ Tài chính" would (dev23 d23-015, dev29 d29-050 were answered from this Điều).
MEDAL_CIRCULAR = """BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
Số: 16/2023/TT-BLĐTBXH
THÔNG TƯ
Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng trong lĩnh vực lao động, người có công và xã hội
Điều 6. Tên Kỷ niệm chương, đối tượng và tiêu chuẩn xét tặng Kỷ niệm chương của Bộ
1. Tên Kỷ niệm chương: “Vì sự nghiệp Lao động - Thương binh và Xã hội” (sau đây gọi tắt là Kỷ niệm chương).
3. Cá nhân đang công tác trong Ngành được xét tặng Kỷ niệm chương khi có thời gian công tác từ đủ 15 năm trở lên.
4. Cá nhân đang công tác ngoài Ngành được xét tặng Kỷ niệm chương khi có thời gian công tác từ 05 năm trở lên.
"""


def test_a_sector_named_as_nganh_sets_the_scope(tmp_path):
    from bot.answering.focus import scope_names
    assert "ngành Tài chính" in scope_names("Kỷ niệm chương ngành Tài chính xét tặng cho người công tác bao nhiêu năm?")
    assert "Bộ Tài chính" in scope_names("Bộ Tài chính xét tặng Kỷ niệm chương cho người công tác bao nhiêu năm?")
    # a ministry's documents name its sector by the ministry or the field (dev25 d25-035, Bộ Xây dựng)
    from bot.answering.focus import folded, missing_names
    asked = "Người ngành Xây dựng đã nhận Kỷ niệm chương thì sau bao lâu được xét lần hai?"
    assert missing_names(asked, [folded("Thông tư 15/2025/TT-BXD của Bộ Xây dựng")]) == []
    assert missing_names(asked, [folded("công tác trong lĩnh vực xây dựng")]) == []
    assert missing_names(asked, [folded("Thông tư 16/2023/TT-BLĐTBXH")]) == ["ngành Xây dựng"]
    from tests.test_direct import make_service
    s = make_service(tmp_path, {"tt-16-2023.txt": MEDAL_CIRCULAR})
    try:
        ans = s.ask("Kỷ niệm chương ngành Tài chính được xét tặng cho cá nhân có thời gian công tác bao nhiêu năm?")
        assert ans.refused and "“ngành Tài chính”" in ans.answer, ans.answer
        ans = s.ask("Kỷ niệm chương của Bộ LĐTBXH xét tặng cho cá nhân công tác trong Ngành bao nhiêu năm?")
        assert not ans.refused and "15 năm" in ans.answer, ans.answer
    finally:
        s.close()


def test_a_reference_within_the_same_text_hands_nothing_elsewhere():
    # dev75 d75-003: "thực hiện theo quy định tại Điều 35 Nghị định này" is not another text; the 06 tháng asked is
    # in the next chunk of the same Điều, which figure_below then finds
    from bot.answering.applies_to import referred_elsewhere
    text = ("Điều 41. Hồ sơ bổ nhiệm lại, kéo dài thời gian giữ chức vụ 1. Hồ sơ đề nghị bổ nhiệm lại thực hiện theo "
            "quy định tại Điều 35 Nghị định này. 2. Hồ sơ đề nghị kéo dài thời gian giữ chức vụ, bao gồm:")
    inner = [hit(1, text, "Nghị định", "170/2025/NĐ-CP", "Chính phủ", dieu="Điều 41")]
    q = "Hồ sơ kéo dài thời gian giữ chức vụ thì giấy khám sức khỏe phải được cấp trong thời hạn bao lâu?"
    assert referred_elsewhere(q, inner) is None
    outer = [hit(1, text.replace("tại Điều 35 Nghị định này", "của pháp luật về y tế"), "Nghị định", "170/2025/NĐ-CP",
                 "Chính phủ", dieu="Điều 41")]
    assert referred_elsewhere(q, outer) == "duration"


def test_the_asked_groups_clause_ranked_below_another_groups_answers():
    # blind dev93 d93-018: NĐ 233's criteria for viên chức ranked above Luật 80 Điều 25's for công chức
    from bot.answering.people_below import people_below
    nd233 = dict(title="Nghị định quy định về đánh giá, xếp loại chất lượng viên chức", number="233/2026/NĐ-CP",
                 issuer="Chính phủ")
    q = "Khi đánh giá công chức làm ở bộ phận tiếp dân thì có xét đến thái độ phục vụ người dân và doanh nghiệp không?"
    others = [hit(2, "đ) Thái độ phục vụ người sử dụng dịch vụ sự nghiệp công và các tổ chức, cá nhân có liên quan",
                  dieu="Điều 5. Đánh giá viên chức", **nd233) for _ in range(3)]
    law = hit(1, "b) Năng lực chuyên môn; thái độ phục vụ người dân, doanh nghiệp đối với các vị trí việc làm tiếp "
                 "xúc trực tiếp với người dân, doanh nghiệp", dieu="Điều 25. Đánh giá công chức", **LAW_80)
    off = hit(1, "1. Công chức được nghỉ hằng năm theo quy định của pháp luật về lao động.", dieu="Điều 11", **LAW_80)
    off.dense_score = law.dense_score = 0.5   # the embedder's cosine for a clause ranked this low
    hits = others + [off, law]
    reasons = [f"people: {other_people(q, hits)}"]
    assert reasons == ["people: công chức / viên chức"]
    alone = lambda h: support(q, [h]).supported   # noqa: E731
    assert people_below(q, hits, reasons, alone)[0] is law     # the first below that covers the question alone
    # a near-topic question: the asked group's clauses below are on other subjects, so the refusal stands
    assert people_below("Công chức có được xét thái độ phục vụ khách du lịch nước ngoài không?", others + [off],
                        reasons, alone) is None
    assert people_below(q, hits, reasons + ["coverage"], alone) is None   # refused for more than its people


def test_cong_chuc_la_dang_vien_are_cong_chuc():
    # blind dev92 d92-033 (out of scope): the Party's thời hiệu was answered with Luật 80 Điều 37, whose Khoản 2
    # ("Cán bộ, công chức là đảng viên có hành vi vi phạm …") had read as a rule for đảng viên
    assert groups_in("a) Cán bộ, công chức là đảng viên có hành vi vi phạm đến mức phải kỷ luật") == ["cán bộ", "công chức"]
    assert groups_in("Đảng viên vi phạm thì bao lâu hết thời hiệu?") == ["đảng viên"]
    law = hit(1, "1. Thời hiệu xử lý kỷ luật là 05 năm. 2. Cán bộ, công chức là đảng viên có hành vi vi phạm đến mức "
                 "phải kỷ luật bằng hình thức khai trừ thì không áp dụng thời hiệu.", dieu="Điều 37", **LAW_80)
    assert other_people("Đảng viên vi phạm thì sau bao nhiêu năm là hết thời hạn xử lý kỷ luật về Đảng?", [law]) == \
        "đảng viên / cán bộ, công chức"


def test_a_figure_is_not_read_from_the_asked_groups_clause_below():
    # dev9 d9-033 (out of scope): NĐ 233 Điều 14 holds "biệt phái viên chức" and states other periods
    from bot.answering.people_below import people_below
    nd170 = dict(title="Nghị định quy định về tuyển dụng, sử dụng và quản lý công chức", number="170/2025/NĐ-CP",
                 issuer="Chính phủ")
    nd233 = dict(title="Nghị định quy định về đánh giá, xếp loại chất lượng viên chức", number="233/2026/NĐ-CP",
                 issuer="Chính phủ")
    q = "Thời gian biệt phái viên chức tối đa là bao lâu?"
    top = [hit(1, "2. Thời gian biệt phái công chức không quá 03 năm.", dieu="Điều 26. Biệt phái công chức", **nd170)
           for _ in range(3)]
    below = hit(2, "Viên chức được cử biệt phái có thời gian làm việc từ 06 tháng trở lên thì đơn vị nơi biệt phái "
                   "đánh giá.", dieu="Điều 14", **nd233)
    reasons = [f"people: {other_people(q, top + [below])}"]
    assert reasons == ["people: viên chức / công chức"]
    assert people_below(q, top + [below], reasons, lambda h: True) is None
