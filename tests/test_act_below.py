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
