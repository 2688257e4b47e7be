"""An amount or a share asked, and the reader finds no span that states one: the answer says the
documents do not state it, instead of showing a clause without the figure (bot/answering/not_stated.py; two blind
writers asked "Khai gian thành tích … bị phạt tiền bao nhiêu?", out of scope, and got a clause on
discipline)."""

from __future__ import annotations

from tests.test_direct import make_service

# Abridged from an explainer in ../shared/corpus/articles on NĐ 152/2025 (rewards) and its principles.
REWARDS = """Chi tiết mức tiền thưởng các danh hiệu thi đua khen thưởng từ ngày 01/7/2025
Nguyên tắc xét danh hiệu thi đua và hình thức khen thưởng
Trường hợp cá nhân, tập thể bị kỷ luật, sau khi chấp hành xong thời gian kỷ luật, cá nhân, tập thể lập được thành tích thì thành tích khen thưởng được tính từ thời điểm chấp hành xong thời gian thi hành kỷ luật.
Cá nhân, tập thể khai gian thành tích để được khen thưởng thì bị hủy bỏ quyết định khen thưởng và thu hồi hiện vật, tiền thưởng.
Mức tiền thưởng danh hiệu Chiến sĩ thi đua cơ sở
Cá nhân được tặng danh hiệu Chiến sĩ thi đua cơ sở được thưởng 1,0 lần mức lương cơ sở.
"""


def test_an_amount_no_span_states_is_said_not_stated(tmp_path):
    s = make_service(tmp_path, {"tvpl-muc-tien-thuong.txt": REWARDS})
    try:
        ans = s.ask("Khai gian thành tích để được khen thưởng thì bị phạt tiền bao nhiêu?")
        assert ans.refused and ans.answer.startswith("Tài liệu hiện có không nêu số tiền"), ans.answer
        ans = s.ask("Chiến sĩ thi đua cơ sở được thưởng bao nhiêu tiền?")
        assert not ans.refused and "1,0 lần mức lương cơ sở" in ans.answer
    finally:
        s.close()


# ../shared/corpus luat-80-2025-qh15, Điều 37 Khoản 3: a time limit in days, not a delay in months.
LIMIT = ("Thời hạn xử lý kỷ luật không quá 90 ngày; trường hợp vụ việc có tình tiết phức tạp thì thời hạn xử lý "
         "kỷ luật có thể kéo dài nhưng không quá 150 ngày.")


def test_a_duration_asked_in_months_is_not_answered_in_days():
    # three blind writers (eval dev19, dev26, dev27) asked how many months a reprimand delays a pay rise
    from bot.answering.not_stated import span_not_stating
    from bot.answering.question import Question
    from bot.types import Hit
    hit = Hit(chunk_id=1, doc_id=1, score=1.0, source="luat-80-2025.txt", title="Luật Cán bộ, công chức",
              number="80/2025/QH15", issuer="Quốc hội", date="", section="Điều 37 › Khoản 3", text=LIMIT)
    months = Question.of("Công chức bị kỷ luật khiển trách thì bị kéo dài thời gian nâng lương bao nhiêu tháng?")
    assert span_not_stating(months, LIMIT, hit, False) == ("duration", "")
    days = Question.of("Thời hạn xử lý kỷ luật công chức tối đa bao nhiêu ngày?")
    assert span_not_stating(days, LIMIT, hit, False) is None
    # a duration asked without a unit ("bao lâu") is answered in whatever unit the clause uses
    assert span_not_stating(Question.of("Thời hạn xử lý kỷ luật là bao lâu?"), LIMIT, hit, False) is None
