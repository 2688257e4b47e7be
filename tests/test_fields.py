"""A labelled field ("Thời gian thực hiện: Từ tháng 10/2025 …") answers a date or duration question that
names its label, even from a clause ranked below the reader's depth (bot/answering/fields.py)."""

from __future__ import annotations

import pytest

from bot.answering.direct import find_direct
from bot.answering.fields import field_answer
from bot.types import Hit

PLAN = "Kế hoạch phát động Đợt thi đua lập thành tích chào mừng Đại hội lần thứ XIV của Đảng"


def _hit(cid: int, text: str, doc: int = 1, section: str = "Mục IV › Khoản 3") -> Hit:
    return Hit(chunk_id=cid, doc_id=doc, score=1.0, source=f"doc{doc}.txt", title=PLAN, number="0124/KH-UBND",
               issuer="UBND tỉnh Đắk Lắk", date="", section=section, text=text)


# ../shared/corpus kh-0124-kh-ubnd-daklak: the opening lines and the task list share the plan's title with the
# question and rank first; the field is in Mục II, ranked fifth.
OPENING = ("Thực hiện Quyết định số 2437/QĐ-TTg ngày 04/11/2025 của Thủ tướng Chính phủ, UBND tỉnh phát động Đợt "
           "thi đua lập thành tích chào mừng Đại hội lần thứ XIV của Đảng.")
TASKS = ("3. Sở Văn hóa, Thể thao và Du lịch: Phối hợp tuyên truyền về Đợt thi đua lập thành tích chào mừng Đại hội "
         "đại biểu toàn quốc lần thứ XIV của Đảng.")
CONTENT = ("II. NỘI DUNG THI ĐUA\n1. Chủ đề thi đua\n“Lập thành tích chào mừng Đại hội XIV của Đảng”.\n"
           "2. Thời gian thực hiện: Từ tháng 10/2025 đến khi tổ chức thành công Đại hội Đại biểu toàn quốc lần thứ XIV "
           "của Đảng.\n3. Đối tượng: các sở, ban, ngành.")
# ../shared/corpus qd-3621-qd-byt: the procedure's total, label and value on two lines, below the steps.
STEPS = "1.1. Trước ngày 31 tháng 7 của năm xét tặng, Cục Quản lý Y, Dược cổ truyền có văn bản thông báo\n5 ngày"
TOTAL = "- Công chức tiếp nhận hồ sơ tại bộ phận Một cửa\n01 ngày\nTổng thời gian thực hiện TTHC:\n150 ngày"


def test_the_plans_dates_field_answers_when_it_is_carried_out():
    hits = [_hit(1, TASKS), _hit(2, OPENING, section="Phần mở đầu"), _hit(3, TASKS), _hit(4, OPENING),
            _hit(5, CONTENT, section="Mục II › Khoản 1–3")]
    for q in ("Đợt thi đua chào mừng Đại hội XIV do UBND tỉnh Đắk Lắk phát động được thực hiện từ thời điểm nào?",
              "dot thi dua chao mung dai hoi XIV cua tinh Dak Lak duoc thuc hien tu thang nao?"):
        d = find_direct(q, hits)
        assert d is not None and d.hit.chunk_id == 5
        assert d.text.startswith("2. Thời gian thực hiện: Từ tháng 10/2025")


def test_a_procedures_total_time_answers_its_total_not_a_steps_days():
    hits = [_hit(1, STEPS), _hit(2, STEPS), _hit(3, TOTAL)]
    d = find_direct("Tổng thời gian giải quyết thủ tục xét tặng giải thưởng là bao nhiêu ngày?", hits)
    assert d is not None and d.text == "Tổng thời gian thực hiện TTHC:\n150 ngày"


@pytest.mark.parametrize("question,hits", [
    # The label shares only "thời gian" with the question: it picks no field.
    ("Thời gian nghỉ phép năm của công chức là bao nhiêu ngày?", [_hit(1, CONTENT)]),
    # Not the best document's clause: another plan's field answers nothing here.
    ("Đợt thi đua được thực hiện từ thời điểm nào?", [_hit(1, TASKS), _hit(2, CONTENT, doc=2)]),
    # tt-15-2023-tt-bkhdt Điều 22: the label names "sáng kiến", the question asks for khen thưởng's deadline.
    ("Đơn vị gửi hồ sơ đề nghị khen thưởng thuộc thẩm quyền Bộ trưởng trước ngày nào?",
     [_hit(1, "1. Thời gian gửi hồ sơ đề nghị công nhận sáng kiến: Các đơn vị gửi hồ sơ trước ngày 01/11 hằng năm.")]),
    # qd-1147 Phụ lục II: a form's blank is no answer.
    ("Giấy chứng nhận ghi thời gian bồi dưỡng từ ngày nào?",
     [_hit(1, "3. Thời gian bồi dưỡng: từ ngày...tháng...năm …. đến ngày... tháng...năm ….")]),
    # A question that asks for no date or duration.
    ("Chủ đề thực hiện đợt thi đua là gì?", [_hit(1, CONTENT)]),
])
def test_no_field_when_the_label_or_the_kind_does_not_fit(question, hits):
    from bot.answering.reader import question_kind
    assert field_answer(question, question_kind(question), hits) is None


def test_a_follow_up_matches_the_label_with_its_own_words():
    """The question made whole from a follow-up carries the earlier question's "sáng kiến"; the label is
    matched against the last message (eval/dev8.jsonl d8-062)."""
    innovation = _hit(1, "1. Thời gian gửi hồ sơ đề nghị công nhận sáng kiến: Các đơn vị gửi hồ sơ trước ngày "
                         "01/11 hằng năm.")
    whole = ("Hồ sơ đề nghị công nhận sáng kiến phải gửi trước ngày nào? Còn hồ sơ đề nghị khen thưởng thuộc "
             "thẩm quyền Bộ trưởng thì hạn gửi là khi nào?")
    assert find_direct(whole, [innovation]).text.startswith("1. Thời gian gửi hồ sơ đề nghị công nhận sáng kiến")
    latest = "Còn hồ sơ đề nghị khen thưởng thuộc thẩm quyền Bộ trưởng thì hạn gửi là khi nào?"
    d = find_direct(whole, [innovation], latest=latest)
    assert d is None or not d.text.startswith("1. Thời gian gửi hồ sơ")

