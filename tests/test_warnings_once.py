"""A warning ("Lưu ý: …") is shown once in every face: the answer text carries it for the JSON contract, and
the faces show `warnings` on their own, so they render `Answer.body()`, the text without them."""

from __future__ import annotations

from bot.answering.notes import with_warnings
from bot.cli.render import print_answer
from bot.telegram.format import render_answer
from bot.types import Answer
from bot.web.present import answer_json

NOTE = "Lưu ý: văn bản trích dẫn không nêu số lượng mà câu hỏi hỏi."
STATUS = "Lưu ý: văn bản 12/2019/QĐ-UBND đã bị thay thế."
TEXT = "Thành phần Hội đồng gồm Chủ tịch, các Phó Chủ tịch và các ủy viên.\n«Điều 10. …»"


def answer() -> Answer:
    return Answer(question="Hội đồng có bao nhiêu Phó Chủ tịch?", answer=with_warnings(TEXT, [NOTE, STATUS]),
                  refused=False, warnings=[NOTE, STATUS])


def test_the_answer_keeps_its_warnings_and_the_body_drops_them():
    a = answer()
    assert a.answer.endswith(STATUS) and NOTE in a.answer        # the JSON contract is unchanged
    assert a.body() == TEXT
    assert Answer(question="q", answer=TEXT, refused=False).body() == TEXT   # no warnings: as it is


def test_the_terminal_shows_each_warning_once(capsys):
    print_answer(answer())
    out = capsys.readouterr().out
    assert out.count(NOTE) == 1 and out.count(STATUS) == 1


def test_telegram_shows_each_warning_once():
    html = "\n".join(render_answer(answer()))
    assert html.count(NOTE) == 1


def test_the_web_page_gets_the_body_and_the_warnings_apart():
    data = answer_json(answer())
    assert data["body"] == TEXT and data["warnings"] == [NOTE, STATUS]
    assert data["answer"] == answer().answer
