"""A news article's credits (byline, photo captions, the paper's masthead) answer "who wrote / photographed /
edits it", cited, and nothing else (ingest/article.py, bot/answering/credits.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answering.credits import asked_credits
from bot.service import Hoidap
from ingest.normalize import clean_spaces
from ingest.settings import Settings
from ingest.structure import parse_document
from tests.fakes import FakeEmbedder

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _seed(prefix: str):
    path = next(CORPUS.glob(prefix + "_*.txt"))
    return parse_document(clean_spaces(path.read_text(encoding="utf-8")), path.name)


def _credits(prefix: str) -> dict[str, dict]:
    return {c["label"]: c for c in _seed(prefix).header.meta.get("credits", [])}


def test_byline_caption_masthead_and_signature_are_kept_as_credits():
    nd = _credits("004")      # Báo Nam Định: byline glued to the footer, then the masthead
    assert nd["Bài và ảnh"]["name"] == "Xuân Thu"
    assert nd["Tổng biên tập"]["line"] == "Tổng biên tập: Phạm Văn Trường"
    assert nd["Phó Tổng biên tập"]["name"] == "Trần Vân Anh, Nguyễn Thị Thu Thủy"
    assert nd["Tòa soạn"]["name"].startswith("Số 68 Trần Phú")
    hp = _credits("000")      # Báo Hải Phòng: a photo caption, and the author signed under the last paragraph
    assert hp["Ảnh"]["name"] == "Duy Thính"
    assert hp["Ảnh"]["caption"] == "Khối thi đua các Ban, cơ quan của Thành ủy ký kết giao ước thi đua năm 2017."
    assert hp["Tác giả"]["name"] == "Hoàng Yên"
    assert _credits("002")["Bài, ảnh"]["name"] == "Thái Bình"
    # still chrome to the index: no chunk holds the masthead
    assert "Tổng biên tập" not in "\n".join(b.text for b in _seed("004").blocks)


@pytest.mark.parametrize("question,label", [
    ("Tổng biên tập Báo Nam Định là ai?", "Tổng biên tập"),
    ("pho tong bien tap bao nam dinh la ai", "Phó Tổng biên tập"),
    ("Bài về Đảng bộ Văn phòng UBND tỉnh do ai viết?", "Bài"),
    ("ai chup anh khoi thi dua ky ket giao uoc nam 2017", "Ảnh"),
    ("Tòa soạn Báo Nam Định ở đâu?", "Tòa soạn"),
    ("Tác giả sáng kiến được khen thưởng thế nào?", None),      # a regulation's author, not an article's
    ("Giải thưởng cho tác giả công trình khoa học là bao nhiêu?", None),
    ("Ai có thẩm quyền tặng Bằng khen?", None),
    ("Thí sinh có được chụp ảnh đề thi không?", None),          # not who took a photo
    ("Năm 2022 Báo Nam Định có bao nhiêu phóng viên được tặng CSTĐ?", None),   # a count (dev12 d12-066)
    ("Ảnh lễ ký kết giao ước thi đua năm 2017 do ai chụp?", "Ảnh"),
])
def test_which_credit_a_question_asks(question, label):
    labels = asked_credits(question)
    assert (labels[0] if labels else None) == label


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    root = tmp_path_factory.mktemp("credits")
    (root / "docs").mkdir()
    for prefix in ("000", "002", "004"):
        src = next(CORPUS.glob(prefix + "_*.txt"))
        shutil.copy(src, root / "docs" / src.name)
    s = Hoidap(Settings(data_dir=root / "data", llm="none"), embedder=FakeEmbedder())
    assert s.ingest([root / "docs"]).ok
    yield s
    s.close()


def test_the_papers_editor_is_answered_from_its_masthead_and_cited(svc):
    ans = svc.ask("Tổng biên tập Báo Nam Định là ai?")
    assert not ans.refused
    assert ans.answer.startswith("Tổng biên tập: Phạm Văn Trường")
    assert ans.citations[0].source.startswith("004_") and ans.citations[0].text == "Tổng biên tập: Phạm Văn Trường"
    assert ans.direct["text"] == "Tổng biên tập: Phạm Văn Trường" and ans.direct["unit"] == "credit"


def test_author_and_photographer(svc):
    ans = svc.ask("Bài viết về Đảng bộ Văn phòng UBND tỉnh năm 2018 do ai viết?")
    assert not ans.refused and ans.answer.startswith("Bài, ảnh: Thái Bình")
    ans = svc.ask("ai chup anh khoi thi dua cac ban, co quan cua thanh uy ky ket giao uoc thi dua nam 2017 vay")
    assert not ans.refused and ans.answer.startswith("Ảnh: Duy Thính")
    assert "ký kết giao ước thi đua năm 2017" in ans.citations[0].text     # the caption it signs is quoted
    headline = "Chủ động, đổi mới công tác chuyên môn sát nhiệm vụ trọng tâm của thành phố"
    assert ans.answer.count(headline) == 2      # once in the short citation, once above the quote, not three times


def test_another_papers_editor_is_not_answered_with_this_one(svc):
    ans = svc.ask("Tổng biên tập Báo Đà Nẵng là ai?")
    assert "Phạm Văn Trường" not in ans.answer
