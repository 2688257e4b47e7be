"""An award of a kind asked ("Huân chương gì", "Bằng khen của cấp nào") is not stated by a span that names
none (bot/answering/not_stated.py, award_not_named): three writers asked which Huân chương Báo Hải Phòng got
for its 60th anniversary; the article names none, and its sentence on the anniversary was shown."""

from __future__ import annotations

from bot.answering.not_stated import award_not_named
from tests.test_direct import make_service

NEWS = """TIÊU ĐỀ: Chủ động, đổi mới công tác chuyên môn sát nhiệm vụ trọng tâm của thành phố
NGUỒN: Báo Hải Phòng, 10/07/2017
========================================================================
Báo Hải Phòng phát động phong trào thi đua lập thành tích chào mừng kỷ niệm 60 năm Báo Hải Phòng hằng ngày xuất bản số đầu (21-3-1957-21-3-2017).
Năm 2016, Báo Hải Phòng được Ủy ban nhân dân thành phố tặng Cờ thi đua xuất sắc.
"""


def test_the_kind_of_award_asked_must_be_named():
    q = "Báo Hải Phòng được tặng Huân chương gì nhân kỷ niệm 60 năm ra số đầu?"
    assert award_not_named(q, "Báo Hải Phòng phát động phong trào thi đua chào mừng kỷ niệm 60 năm") == "Huân chương"
    assert award_not_named(q, "Báo Hải Phòng được tặng Huân chương Lao động hạng Nhì") == ""
    assert award_not_named("Nam 2017 dang bo duoc tang bang khen cua cap nao", "Đảng bộ được biểu dương") == "Bằng khen"
    assert award_not_named("Năm 2016 Báo Hải Phòng được tặng gì?", "phát động phong trào thi đua") == ""


def test_an_anniversary_sentence_does_not_answer_which_order_was_awarded(tmp_path):
    s = make_service(tmp_path, {"000_hp.txt": NEWS})
    try:
        ans = s.ask("Báo Hải Phòng được tặng Huân chương gì nhân kỷ niệm 60 năm ra số đầu?")
        assert ans.refused and "không nêu Huân chương" in ans.answer, ans.answer
        ans = s.ask("Năm 2016 Báo Hải Phòng được tặng Cờ thi đua gì?")
        assert not ans.refused and "Cờ thi đua xuất sắc" in ans.answer, ans.answer
    finally:
        s.close()
