"""A chunk that ends on its lead-in ("… đạt các tiêu chuẩn sau đây:") is shown with the items that open the
next chunks of its Điều (bot/answering/direct.py, continuation): TT 16/2023 Điều 2 is split after its
lead-in, and "phải đạt mức nào" was answered by the lead-in alone (blind dev30 d30-029)."""

from __future__ import annotations

from tests.test_direct import make_service

CIRCULAR = """BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
Số: 16/2023/TT-BLĐTBXH
Hà Nội, ngày 29 tháng 12 năm 2023
THÔNG TƯ
Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng trong lĩnh vực lao động, người có công và xã hội
Điều 2. Tiêu chuẩn xét tặng danh hiệu “Lao động tiên tiến”
Danh hiệu “Lao động tiên tiến” để xét tặng hằng năm cho cá nhân làm việc tại các đơn vị thuộc, trực thuộc Bộ đạt các tiêu chuẩn sau đây:
1. Hoàn thành tốt nhiệm vụ trở lên dựa trên kết quả của cấp có thẩm quyền đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức và người lao động theo quy định của Luật Cán bộ, công chức, Luật Viên chức, các văn bản hướng dẫn thi hành và các văn bản khác có liên quan.
2. Gương mẫu, chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước, nội quy, quy chế của cơ quan, đơn vị.
3. Tích cực học tập chính trị, văn hóa, chuyên môn, nghiệp vụ và tham gia các hoạt động xã hội.
4. Có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua do Bộ trưởng Bộ Lao động - Thương binh và Xã hội (sau đây gọi tắt là Bộ trưởng), Thủ trưởng đơn vị phát động hoặc tham gia các phong trào thi đua khác do cấp có thẩm quyền phát động theo quy định.

"""


def test_a_lead_in_ending_its_chunk_is_shown_with_the_items_after_it(tmp_path):
    s = make_service(tmp_path, {"tt-16-2023.txt": CIRCULAR})
    try:
        doc = s.index.documents()[0]
        dieu2 = [c["text"] for c in s.index.document_chunks(doc.doc_id) if c["text"].startswith("Điều 2.")]
        assert dieu2[0].rstrip().endswith("đạt các tiêu chuẩn sau đây:")    # the chunker split after the lead-in
        ans = s.ask("Làm ở đơn vị thuộc Bộ LĐTBXH muốn được Lao động tiên tiến thì xếp loại cuối năm phải đạt mức nào?")
        d = ans.direct["text"]
        assert d.startswith("Danh hiệu “Lao động tiên tiến” để xét tặng hằng năm"), d
        assert "1. Hoàn thành tốt nhiệm vụ trở lên" in d and "4. Có tinh thần tự lực" in d
        assert "Điều 3" not in d and ans.answer.startswith(d)
    finally:
        s.close()


def test_a_list_asked_and_no_span_read_shows_the_lead_in_with_its_items(tmp_path):
    # blind dev31 d31-022: "cần thêm những tiêu chuẩn gì" read no span; the lead-in chunk alone was quoted
    s = make_service(tmp_path, {"tt-16-2023.txt": CIRCULAR})
    try:
        ans = s.ask("Trong ngành Lao động - Thương binh và Xã hội, ngoài việc hoàn thành tốt nhiệm vụ trở lên thì cá "
                    "nhân cần thêm những tiêu chuẩn gì để được xét danh hiệu Lao động tiên tiến?")
        d = (ans.direct or {}).get("text", "")
        assert "3. Tích cực học tập chính trị" in d and "4. Có tinh thần tự lực, tự cường" in d, ans.answer
    finally:
        s.close()


# An explainer quoting a law's definitions under its lead-in (tvpl-danh-hieu-chien-si-thi-dua-co-so-la-gi).
EXPLAINER = """TIÊU ĐỀ: Danh hiệu Chiến sĩ thi đua cơ sở là gì? Hồ sơ đề nghị xét tặng danh hiệu Chiến sĩ thi đua cơ sở?
NGUỒN: thuvienphapluat.vn
========================================================================
Danh hiệu Chiến sĩ thi đua cơ sở là gì?
Căn cứ theo Điều 3 Luật Thi đua, khen thưởng 2022 quy định như sau:
Giải thích từ ngữ
Trong Luật này, các từ ngữ dưới đây được hiểu như sau:
1. Thi đua là hoạt động có tổ chức do người có thẩm quyền phát động với sự tham gia tự nguyện của cá nhân, tập thể, hộ gia đình.
2. Khen thưởng là việc ghi nhận, biểu dương, tôn vinh và khuyến khích bằng lợi ích vật chất đối với cá nhân, tập thể, hộ gia đình có thành tích trong xây dựng và bảo vệ Tổ quốc.
"""


def test_a_lead_in_span_is_shown_with_the_line_it_introduces(tmp_path):
    from bot.answering.direct import definition
    assert definition('Theo Luật Thi đua, khen thưởng thì "thi đua" được hiểu là gì?', EXPLAINER).startswith("1. Thi đua là")
    assert definition("Khen thưởng là gì?", EXPLAINER).startswith("2. Khen thưởng là")
    assert definition("Danh hiệu Chiến sĩ thi đua cơ sở là gì?", EXPLAINER) == ""
    s = make_service(tmp_path, {"tvpl-cstdcs.txt": EXPLAINER})
    try:
        ans = s.ask('Theo Luật Thi đua, khen thưởng thì "thi đua" được hiểu là gì?')
        d = (ans.direct or {}).get("text", "")
        assert "1. Thi đua là hoạt động có tổ chức do người có thẩm quyền phát động" in d, ans.answer
        assert not d.rstrip().endswith(":")
    finally:
        s.close()


def test_criteria_after_a_lead_in_do_not_answer_an_amount(tmp_path):
    from bot.answering.direct import find_direct
    s = make_service(tmp_path, {"tt-16-2023.txt": CIRCULAR})
    try:
        r = s.retriever
        lead = [h for h in r.search("tiêu chuẩn danh hiệu Lao động tiên tiến", k=8) if h.text.rstrip().endswith(":")]
        assert lead, "the lead-in chunk is retrieved"
        listed = find_direct("Cá nhân cần những tiêu chuẩn gì để được xét danh hiệu Lao động tiên tiến?", lead,
                             r.folded_idf, r)
        assert listed is not None and "4. Có tinh thần tự lực" in listed.text
        # "bao nhiêu tiền": the criteria state no amount; no span, so "không nêu số tiền" follows
        assert find_direct("Danh hiệu Lao động tiên tiến được thưởng bao nhiêu tiền?", lead, r.folded_idf, r) is None
    finally:
        s.close()


class _Chunks:
    """The store's read API as body_heading uses it: a document's chunks in order."""

    def __init__(self, chunks):
        self.chunks = chunks

    def document_chunks(self, doc_id):
        return self.chunks


def test_a_task_asked_by_who_does_it_is_shown_under_its_bodys_heading():
    """A plan's "Tổ chức thực hiện" heads each body's tasks with its name ("3. Ngân hàng Nhà nước chi nhánh khu
    vực 14"), which the chunker left at the end of the chunk before the task: "cơ quan nào chỉ đạo các ngân hàng
    thương mại …" is answered by that heading, not the task alone (KH 157/KH-UBND Cần Thơ, dev43 d43-027)."""
    from types import SimpleNamespace

    from bot.answering.clause_parts import body_heading
    from bot.types import Hit
    before = {"position": 22, "section": "Mục V › Khoản 2–3",
              "text": "2. Sở Nội vụ\nPhối hợp Sở Y tế thẩm định, lập thủ tục xét trình Chủ tịch Ủy ban nhân dân thành "
                      "phố tặng Bằng khen.\n3. Ngân hàng Nhà nước chi nhánh khu vực 14"}
    task = "a) Chỉ đạo các Ngân hàng thương mại trên địa bàn chủ động phối hợp với Sở Y tế triển khai thực hiện."
    hit = Hit(chunk_id=23, doc_id=1, score=1.0, source="kh-157.txt", title="Kế hoạch", number="157/KH-UBND",
              issuer="", date="", section="Mục V › Khoản 3 › Điểm a", text=task, position=23)
    retriever = SimpleNamespace(index=_Chunks([before, {"position": 23, "section": hit.section, "text": task}]))
    assert body_heading(retriever, hit, 0) == "3. Ngân hàng Nhà nước chi nhánh khu vực 14"
    # the heading above the item in its own chunk; past the Khoản's other items
    own = "1. Sở Y tế\na) Chủ trì triển khai Kế hoạch;\nb) Theo dõi, đôn đốc;\nc) Tổng hợp kết quả."
    hit2 = Hit(chunk_id=21, doc_id=1, score=1.0, source="kh-157.txt", title="Kế hoạch", number="157/KH-UBND",
               issuer="", date="", section="Mục V › Khoản 1", text=own, position=21)
    assert body_heading(retriever, hit2, own.index("c)")) == "1. Sở Y tế"
    # a heading that names no body is no answer to "who"
    aim = "1. Mục đích, yêu cầu\na) Phát động phong trào thi đua sâu rộng."
    hit3 = Hit(chunk_id=5, doc_id=1, score=1.0, source="kh-157.txt", title="Kế hoạch", number="157/KH-UBND",
               issuer="", date="", section="Mục I › Khoản 1", text=aim, position=5)
    assert body_heading(retriever, hit3, aim.index("a)")) == ""


PLAN = """ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ
Số: 157/KH-UBND
Cần Thơ, ngày 18 tháng 11 năm 2025
KẾ HOẠCH
Phát động phong trào thi đua chi trả trợ giúp xã hội không dùng tiền mặt

V. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
a) Chủ trì, phối hợp với các sở, ban ngành liên quan triển khai, đôn đốc thực hiện Kế hoạch này;
b) Tham mưu Ủy ban nhân dân thành phố tổng kết Kế hoạch này.
2. Sở Nội vụ
Phối hợp Sở Y tế thẩm định, lập thủ tục xét trình Chủ tịch Ủy ban nhân dân thành phố tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc.
3. Sở Khoa học và Công nghệ
Theo chức năng, nhiệm vụ phối hợp, hỗ trợ, chia sẻ kinh nghiệm trong công tác chi trả không dùng tiền mặt.
"""


def test_a_paragraph_under_a_bodys_heading_is_shown_with_it(tmp_path):
    """A body's task written as a paragraph under its heading, not as a Điểm ("2. Sở Nội vụ" / "Phối hợp Sở Y
    tế thẩm định …"): "cơ quan nào thẩm định …" opens with the heading, not with the partner the task names."""
    from contextlib import closing
    with closing(make_service(tmp_path, {"kh-157.txt": PLAN})) as s:
        ans = s.ask("Cơ quan nào thẩm định, lập thủ tục xét trình tặng Bằng khen trong phong trào chi trả không dùng tiền mặt?")
        d = ans.direct["text"]
        assert d.startswith("2. Sở Nội vụ") and "Phối hợp Sở Y tế thẩm định" in d, d
