"""A yes/no question's act that the three best clauses lack is read from a sibling clause of the same document
ranked lower (bot/answering/act_below.py): "… có được truy tặng không" is answered by the resolution's
"không áp dụng hình thức truy tặng" (Điều 3), ranked 4th under its other Điều (eval/dev22.jsonl d22-035)."""

from __future__ import annotations

from bot.answering.act_below import act_below, act_reordered
from bot.types import Hit


def _hit(cid: int, text: str, doc: int = 1) -> Hit:
    return Hit(chunk_id=cid, doc_id=doc, score=1.0 - cid / 100, source=f"doc{doc}.txt", title="Nghị quyết",
               number="83/2025/NQ-HĐND", issuer="", date="", section=f"Điều {cid}", text=text)


def idf(syllable: str) -> float:
    return 1.0


SUBJECT = [
    _hit(0, "Điều 9. Tổ chức trao tặng. Lễ trao tặng danh hiệu “Công dân danh dự Thủ đô” gắn với ngày lễ lớn."),
    _hit(1, "Điều 8. Quyền lợi của cá nhân được tặng danh hiệu “Công dân danh dự Thủ đô”."),
    _hit(2, "Điều 10. Thu hồi danh hiệu “Công dân danh dự Thủ đô” khi thành tích không đảm bảo."),
]
PRINCIPLE = _hit(3, "Điều 3. Nguyên tắc xét tặng. Mỗi cá nhân chỉ được tặng danh hiệu “Công dân danh dự Thủ đô” "
                    "một lần; không áp dụng hình thức truy tặng.")
Q = "danh hieu cong dan danh du thu do co duoc truy tang khong"


def test_the_lower_clause_holding_the_whole_act_is_found():
    assert act_below(Q, SUBJECT + [PRINCIPLE], idf) == 3
    assert act_below("Danh hiệu Công dân danh dự Thủ đô có được truy tặng không?", SUBJECT + [PRINCIPLE], idf) == 3


def test_another_document_a_partial_act_or_no_yes_no_question_is_none():
    other = _hit(3, PRINCIPLE.text, doc=2)
    assert act_below(Q, SUBJECT + [other], idf) is None
    # "truy tặng bằng tiền": the clause holds "truy tặng", not the whole act
    assert act_below("Danh hiệu Công dân danh dự Thủ đô có được truy tặng bằng tiền mặt không?",
                     SUBJECT + [PRINCIPLE], idf) is None
    assert act_below("Nguyên tắc xét tặng danh hiệu Công dân danh dự Thủ đô là gì?", SUBJECT + [PRINCIPLE], idf) is None


class Retriever:
    folded_idf = staticmethod(idf)

    def with_context(self, h):
        h.context = ""


def test_moved_first_only_when_the_act_check_alone_refused():
    hits = SUBJECT + [PRINCIPLE, _hit(4, "Điều 4. Thẩm quyền tặng, thu hồi danh hiệu.")]
    moved = act_reordered(Retriever(), Q, hits, ["act: truy tang"])
    assert moved is not None and moved[0].chunk_id == 3 and len(moved) == len(hits)
    assert [h.chunk_id for h in moved[1:]] == [0, 1, 2, 4]
    assert act_reordered(Retriever(), Q, hits, ["act: truy tang", "place: Hà Nội"]) is None
    assert act_reordered(Retriever(), Q, hits, ["coverage"]) is None


# tt-22-2025-tt-bnv: the rules on preparing the computers rank first on "thi … trên máy tính"; the Nội quy's
# Khoản 11 writes the act asked, "làm lại bài", word for word (blind dev34 d34-045, dev38 d38-026, dev39 d39-030).
MAY_THI = [
    _hit(0, "Mục 2. TỔ CHỨC THI TRÊN MÁY TÍNH. Điều 10. Chuẩn bị cho bài thi trên máy vi tính. 1. Máy chủ được bố "
            "trí ở địa điểm an toàn, dữ liệu câu hỏi và đáp án được truyền đến các máy trạm, máy thi."),
    _hit(1, "3. Phòng thi trên máy vi tính: a) Máy thi trong phòng thi được bố trí bảo đảm khoảng cách."),
    _hit(2, "Điều 6. Hồ sơ đăng ký dự thi.", doc=2),
    _hit(3, "11. Trường hợp tổ chức thi trên máy vi tính: a) Trường hợp gặp sự cố về máy trong quá trình thi thì "
            "thí sinh báo ngay cho giám thị phòng thi; thí sinh được làm lại bài thi ngay trong buổi thi."),
]


def test_a_lower_clause_writing_the_act_word_for_word_comes_first():
    from bot.answering.act_below import phrase_below
    q = "Đang thi công chức trên máy tính mà máy bị treo, đơ giữa chừng thì có được làm lại bài không?"
    assert phrase_below(q, MAY_THI) == 3
    assert phrase_below("may bi loi thi co duoc lam lai bai khong", MAY_THI) == 3     # typed without accents
    assert phrase_below(q, [MAY_THI[3]] + MAY_THI[:3]) is None      # the best clause writes it already
    assert phrase_below("Máy bị treo thì có được thi lại không?", MAY_THI) is None   # two syllables: too little
    other_doc = MAY_THI[:3] + [_hit(3, MAY_THI[3].text, doc=2)]
    assert phrase_below(q, other_doc) is None                       # another document's clause stays where it is
    # an explainer article's heading asks the act: it is a question, not the rule (dev22 d22-043)
    heading = MAY_THI[:3] + [_hit(3, "Thí sinh có được làm lại bài thi khi máy bị lỗi không?\nTheo quy định …")]
    assert phrase_below(q, heading) is None


def test_among_the_three_best_the_clause_writing_the_acts_head_answers():
    # dev75 d75-010: "Anh em trong phòng …" ranked NĐ 172's clause on relatives first
    from bot.answering.act_below import act_among_best
    kin = _hit(0, "11. Không được cử vợ, chồng; anh, chị, em ruột … bị xem xét xử lý kỷ luật là thành viên Hội đồng.")
    old = _hit(1, "10. Cán bộ, công chức chuyển sang cơ quan, tổ chức, đơn vị mới …")
    rule = _hit(2, "5. Các trường hợp không thực hiện điều động: a) Công chức đang trong quá trình bị xem xét, xử lý kỷ luật;")
    q = "Anh em trong phòng đang bị xem xét kỷ luật thì cơ quan có được điều động đi đơn vị khác không?"
    assert act_among_best(q, [kin, old, rule]) == 2
    assert act_among_best(q, [rule, kin, old]) is None     # the best writes it
    assert act_among_best("Anh em trong phòng bị xem xét kỷ luật thì sao?", [kin, old, rule]) is None   # no act
