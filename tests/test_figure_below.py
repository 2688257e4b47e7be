"""A figure asked for that the five best clauses lack is read from a sibling clause of the same document ranked
6th–10th (bot/answering/figure_below.py), and a line wrapped mid-sentence is read whole (bot/answering/spans.py)."""

from __future__ import annotations

from bot.answering.figure_below import figure_below
from bot.answering.reader import read
from bot.types import Hit


def _hit(cid: int, text: str, doc: int = 1, dieu: str = "") -> Hit:
    return Hit(chunk_id=cid, doc_id=doc, score=1.0 - cid / 100, source=f"doc{doc}.txt", title="Quy định",
               number="212/2025/QĐ-UBND", issuer="", date="", section=f"Điều {cid}", text=text, dieu=dieu)


PLAIN = [_hit(i, "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức theo các tiêu chí của Quy định này.")
         for i in range(5)]


def test_the_sibling_with_the_asked_subject_and_figure_is_chosen():
    hits = PLAIN + [
        _hit(5, "Điều 5. Tiêu chí đánh giá kết quả thực hiện nhiệm vụ (80 điểm)", dieu="Điều 5. Tiêu chí đánh giá kết quả"),
        _hit(6, "Điều 9. Trình tự, thủ tục đánh giá, xếp loại chất lượng"),
        _hit(7, "Điều 4. Tiêu chí chung về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức (20 điểm)",
             dieu="Điều 4. Tiêu chí chung về đánh giá"),
    ]
    q = "Nhóm tiêu chí chung đánh giá cán bộ, công chức, viên chức tối đa bao nhiêu điểm?"
    assert figure_below(q, hits, ["score"]) == 7


def test_no_sibling_of_the_same_document_or_in_the_unit_asked_is_none():
    other_doc = PLAIN + [_hit(5, "Tiêu chí chung về đánh giá (20 điểm)", doc=2)]
    assert figure_below("Tiêu chí chung tối đa bao nhiêu điểm?", other_doc, ["score"]) is None
    # "mấy ngày làm việc" is not answered by "trong một năm"
    year = PLAIN + [_hit(5, "Trong một năm mỗi cá nhân chỉ được đề nghị xét tặng Bằng khen một lần.")]
    assert figure_below("Bằng khen được giải quyết trong mấy ngày làm việc?", year, ["duration"]) is None
    days = PLAIN + [_hit(5, "Hồ sơ đề nghị xét tặng Bằng khen được giải quyết trong 10 ngày làm việc.")]
    assert figure_below("Bằng khen được giải quyết trong mấy ngày làm việc?", days, ["duration"]) == 5
    assert figure_below("Bằng khen được giải quyết trong mấy ngày làm việc?", PLAIN, ["duration"]) is None


PLAN = """2. Thời gian thi đua
a) Thời gian thi đua chia thành 02 đợt:
- Đợt 01 dự kiến: Cao điểm tập
trung trong 10 ngày làm việc (từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12 năm 2025);
- Đợt 02 dự kiến: Thực hiện vét
trong 03 ngày làm việc (từ ngày 08 đến ngày 10 tháng 12 năm 2025)."""


def test_a_line_wrapped_mid_sentence_is_read_with_its_start_and_01_is_1():
    span = read("Đợt 1 phong trào thi đua kéo dài mấy ngày làm việc?", [PLAN])
    assert span is not None and "10 ngày làm việc" in span.text and "Đợt 01" in span.text
    span = read("Đợt 2 thực hiện vét trong mấy ngày làm việc?", [PLAN])
    assert span is not None and "03 ngày làm việc" in span.text


# -- the keyword index's own best clauses (figure_below.keyword_pool) ------------------------------------------

STEPS = [  # QĐ 3621's procedure table: every step shares the award's words, one states the share of votes
    "Kính gửi: Hội đồng xét tặng giải thưởng Hải Thượng Lãn Ông cấp Bộ. Xét thành tích của các cá nhân và kết "
    "quả bỏ phiếu kín, Hội đồng cấp cơ sở đề nghị tặng giải thưởng Hải Thượng Lãn Ông.",
    "Thành phần hồ sơ: Tờ trình của Hội đồng cơ sở gửi Hội đồng cấp Bộ xét tặng giải thưởng Hải Thượng Lãn Ông.",
    "Biên bản họp Hội đồng cấp cơ sở xét tặng giải thưởng Hải Thượng Lãn Ông.",
    "Trước ngày 31 tháng 7, Cục Quản lý Y, Dược cổ truyền hướng dẫn xét tặng giải thưởng Hải Thượng Lãn Ông.",
    "Lập hồ sơ trình Bộ Y tế ký Quyết định tặng giải thưởng Hải Thượng Lãn Ông.",
]
VOTES = ("Tổ chức họp Hội đồng cấp cơ sở:\n- Chỉ những cá nhân đạt ít nhất\n80% số phiếu tín nhiệm trên tổng số "
         "thành viên Hội đồng cơ sở mới được lập danh sách đề nghị lên Hội đồng cấp Bộ.")


class KeywordRetriever:
    """The parts of HybridRetriever that figure_below reads: the keyword side ranks the table's row 3rd."""

    def __init__(self, clauses: dict[int, Hit], keyword_ranked: list[int]):
        self.clauses, self.keyword_ranked = clauses, keyword_ranked

    def allowed_docs(self, filters):
        return None

    def keyword(self, query, n, allowed=None):
        return [({"chunk_id": c, "doc_id": self.clauses[c].doc_id}, 10.0 - i) for i, c in enumerate(self.keyword_ranked[:n])]

    def clause(self, chunk_id):
        return self.clauses.get(chunk_id)

    def with_context(self, hit):
        return hit


def test_a_row_only_the_keyword_index_ranks_high_states_the_missing_percent():
    from bot.answering.figure_below import stated_elsewhere
    fused = [_hit(i, t) for i, t in enumerate(STEPS)]
    votes, other = _hit(40, VOTES), _hit(41, "Chỉ những cá nhân đạt ít nhất 90% số phiếu đồng ý.", doc=2)
    retriever = KeywordRetriever({h.chunk_id: h for h in [*fused, votes, other]}, [0, 1, 41, 40, 2])
    q = "Cá nhân phải đạt tối thiểu bao nhiêu phần trăm phiếu tín nhiệm của Hội đồng cơ sở để được lập danh sách?"
    hits = stated_elsewhere(retriever, q, fused, "percent")
    assert hits is not None and hits[0].chunk_id == 40     # not the other document's 90%
    assert [h.chunk_id for h in hits[1:6]] == [0, 1, 2, 3, 4]
    # Not in the keyword index's best either: nothing to move
    assert stated_elsewhere(KeywordRetriever(retriever.clauses, [0, 1, 2]), q, fused, "percent") is None


class AnswerRetriever(KeywordRetriever):
    """... and what answering reads besides: the five best clauses in fused order, idf, the document."""

    def search(self, query, k=10, filters=None, all_versions=False):
        return [self.clauses[i] for i in range(5)][:k]

    def folded_idf(self, syllable):
        return 2.0

    def document_text(self, hit):
        from bot.answering.focus import folded
        return folded(" ".join(c.text for c in self.clauses.values()))

    def status(self, doc_id, section=""):
        from bot.answering.status import DocStatus
        return DocStatus()


def test_the_answer_quotes_the_row_instead_of_saying_the_percent_is_not_stated():
    from bot.answering.answer import AnswerSetup, answer_question

    fused = [_hit(i, t) for i, t in enumerate(STEPS)]
    retriever = AnswerRetriever({h.chunk_id: h for h in [*fused, _hit(40, VOTES)]}, [0, 1, 40, 2])
    q = "Xét giải thưởng Hải Thượng Lãn Ông, cá nhân phải đạt tối thiểu bao nhiêu phần trăm phiếu tín nhiệm của Hội đồng cơ sở?"
    ans = answer_question(AnswerSetup(retriever, None, threshold=0.0), q, [])
    assert not ans.refused and "80% số phiếu tín nhiệm" in ans.answer
    assert ans.citations[0].chunk_id == 40


def test_a_percent_on_another_subject_in_the_best_clauses_does_not_hide_the_row():
    """The refusal's figure check passes (a % is there); "không nêu tỷ lệ" must not: the row states it."""
    from bot.answering.answer import AnswerSetup, answer_question
    steps = STEPS[:3] + ["Phấn đấu 100% thủ tục hành chính được tiếp nhận trực tuyến."] + STEPS[4:]

    fused = [_hit(i, t) for i, t in enumerate(steps)]
    q = "Xét giải thưởng Hải Thượng Lãn Ông, cá nhân phải đạt tối thiểu bao nhiêu phần trăm phiếu tín nhiệm của Hội đồng cơ sở?"
    without = answer_question(AnswerSetup(AnswerRetriever({h.chunk_id: h for h in fused}, [0, 1, 2]), None, 0.0), q, [])
    assert without.refused and "không nêu tỷ lệ" in without.answer
    retriever = AnswerRetriever({h.chunk_id: h for h in [*fused, _hit(40, VOTES)]}, [0, 1, 40, 2])
    ans = answer_question(AnswerSetup(retriever, None, threshold=0.0), q, [])
    assert not ans.refused and "80% số phiếu tín nhiệm" in ans.answer


def test_a_percent_below_the_clauses_read_does_not_hide_the_row():
    """Refusal and not_stated read five clauses and find a % in the fifth (another document's vote share);
    the reader reads fewer and finds no span: the row that states it is read before "không nêu tỷ lệ"
    (blind dev30 d30-028, asked without accents)."""
    from bot.answering.answer import AnswerSetup, answer_question
    csr = "Xét danh hiệu Chiến sĩ thi đua cơ sở, cá nhân phải có tỷ lệ phiếu đồng ý từ 70% trở lên của Hội đồng."
    fused = [_hit(i, t) for i, t in enumerate(STEPS[:4])] + [_hit(4, csr, doc=2)]
    q = ("De duoc Hoi dong cap co so dua vao danh sach de nghi giai thuong Hai Thuong Lan Ong len Hoi dong cap Bo, "
         "ca nhan phai dat bao nhieu phan tram phieu tin nhiem?")
    without = answer_question(AnswerSetup(AnswerRetriever({h.chunk_id: h for h in fused}, [0, 1, 2]), None, 0.0), q, [])
    assert without.refused and "không nêu tỷ lệ" in without.answer, without.answer
    retriever = AnswerRetriever({h.chunk_id: h for h in [*fused, _hit(40, VOTES)]}, [0, 1, 40, 2])
    ans = answer_question(AnswerSetup(retriever, None, threshold=0.0), q, [])
    assert not ans.refused and "80% số phiếu tín nhiệm" in ans.answer.split("\n")[0], ans.answer
    assert ans.citations[0].chunk_id == 40


def test_a_day_asked_is_read_from_a_clause_below_the_three_the_reader_read():
    """"… kéo dài từ ngày nào đến ngày nào?": the reader reads three clauses; the plan's "Thời gian thi đua"
    ranked 4th states the days (eval/dev7.jsonl d7-060). A cited document's date does not count."""
    from bot.answering.figure_below import stated_elsewhere
    texts = ["d) Đẩy mạnh công tác chi trả trợ cấp xã hội không dùng tiền mặt.",
             "PHỤ LỤC THANG ĐIỂM THI ĐUA PHONG TRÀO CHI TRẢ KHÔNG DÙNG TIỀN MẶT",
             "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/8/2025 của Ủy ban nhân dân thành phố.",
             PLAN, "Khen thưởng đợt cao điểm: Giấy khen của Chủ tịch UBND."]
    hits = [_hit(i, t) for i, t in enumerate(texts)]
    retriever = KeywordRetriever({h.chunk_id: h for h in hits}, [])
    q = "Đợt cao điểm phong trào chi trả không dùng tiền mặt kéo dài từ ngày nào đến ngày nào?"
    found = stated_elsewhere(retriever, q, hits, "date", first=3)
    assert found is not None and found[0].chunk_id == 3
    assert stated_elsewhere(retriever, q, hits, "date") is None        # from the fifth on, as before
    assert stated_elsewhere(retriever, q, hits[:3] + hits[4:], "date", first=3) is None   # 12/KH-UBND's date


def test_a_cited_documents_number_is_no_share():
    """"Thông tư số 24/2024/TT-BYT" is not "2/3", nor a "Số phiếu" heading a share: the row that states 80%
    is moved first, not the list of forms above it (blind dev32 d32-024)."""
    forms = _hit(5, "Biên bản kiểm phiếu tín nhiệm của Hội đồng cấp cơ sở xét giải thưởng Hải Thượng Lãn Ông "
                    "(Mẫu số 04 - Phụ lục số 02 Thông tư số 24/2024/TT-BYT)\nSố phiếu")
    votes = _hit(6, VOTES)
    q = "xet giai thuong Hai Thuong Lan Ong, o hoi dong cap co so phai dat it nhat bao nhieu phan tram phieu tin nhiem?"
    hits = [_hit(i, t) for i, t in enumerate(STEPS)] + [forms, votes]
    assert figure_below(q, hits, ["percent"]) == 6
    assert figure_below(q, hits[:6], ["percent"]) is None


def test_a_figure_the_best_clause_refers_elsewhere_is_not_looked_for_below():
    # a sibling stating some duration answered ten out-of-scope questions ("khiếu nại quyết định kỷ luật … bao
    # nhiêu ngày?" with another rule's "trong thời hạn 30 ngày"): the referral refuses (session 28)
    from bot.answering.figure_below import reordered
    refers = _hit(0, "Điều 41. Hồ sơ bổ nhiệm lại 1. Hồ sơ bổ nhiệm lại thực hiện theo quy định của pháp luật về "
                     "cán bộ, công chức.")
    states = _hit(1, "3. Sơ yếu lý lịch do cá nhân tự khai. 4. Bản tự kiểm điểm 03 năm công tác gần nhất.")
    q = "Hồ sơ đề nghị bổ nhiệm thì bản tự kiểm điểm phải viết cho mấy năm công tác?"
    retriever = AnswerRetriever({h.chunk_id: h for h in [refers, states, *PLAIN[2:]]}, [0, 1])
    assert reordered(retriever, q, ["referred: duration"]) is None


def test_a_floor_asked_is_read_from_a_clause_below_when_the_best_gives_the_ceiling():
    # blind dev65 d65-017: "chiếm tối thiểu bao nhiêu" (a share) found "không vượt quá 20%" first; "ít nhất 30% nhiệm vụ
    # hoàn thành vượt mức yêu cầu" was the keyword index's, below the five
    from bot.answering.answer import AnswerSetup, answer_question
    from bot.answering.question_kind import question_kind
    q = "Muốn đơn vị sự nghiệp được công nhận hoàn thành xuất sắc thì số nhiệm vụ làm vượt yêu cầu phải chiếm tối thiểu bao nhiêu?"
    assert question_kind(q) == "percent"
    cap = ("a) Tỷ lệ đơn vị sự nghiệp công lập được xếp loại “Hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% trong "
           "tổng số đơn vị sự nghiệp công lập được xếp loại “Hoàn thành tốt nhiệm vụ”.")
    floor = ("1. Hoàn thành xuất sắc nhiệm vụ: Đạt từ 90 điểm trở lên, đồng thời: a) Hoàn thành 100% các nhiệm vụ được "
             "giao, đúng thời hạn; trong đó có ít nhất 30% nhiệm vụ hoàn thành vượt mức yêu cầu;")
    fused = [_hit(0, cap), _hit(1, cap.replace("a) ", "b) ")), *PLAIN[2:]]
    without = answer_question(AnswerSetup(AnswerRetriever({h.chunk_id: h for h in fused}, [0, 1]), None, 0.0), q, [])
    assert without.refused and "không nêu mức tối thiểu" in without.answer, without.answer
    retriever = AnswerRetriever({h.chunk_id: h for h in [*fused, _hit(40, floor)]}, [0, 40, 1])
    ans = answer_question(AnswerSetup(retriever, None, threshold=0.0), q, [])
    assert not ans.refused and "ít nhất 30% nhiệm vụ" in ans.answer, ans.answer
