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
