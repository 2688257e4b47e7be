"""Answers with a fake embedder: extractive quotes, scoring thresholds, refusal, follow-ups, guard."""

import pytest

from bot.answering.guard import check_answer
from bot.service import Hoidap
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

DECREE = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 12/2025/QĐ-UBND
Hòa Bình, ngày 10 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy định đánh giá, xếp loại và thi đua, khen thưởng
Chương I
QUY ĐỊNH CHUNG
Điều 1. Danh hiệu Chiến sĩ thi đua cơ sở
1. Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng cho cá nhân đạt các tiêu chuẩn sau:
a) Đạt danh hiệu Lao động tiên tiến;
b) Có sáng kiến được cơ quan có thẩm quyền công nhận.
2. Tỷ lệ cá nhân được công nhận danh hiệu Chiến sĩ thi đua cơ sở không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến.
Điều 2. Danh hiệu Tập thể lao động tiên tiến
Danh hiệu Tập thể lao động tiên tiến được xét tặng cho tập thể hoàn thành tốt nhiệm vụ và có trên 50% cá nhân đạt danh hiệu Lao động tiên tiến.
Chương II
ĐÁNH GIÁ, XẾP LOẠI
Điều 3. Mức xếp loại theo điểm
Căn cứ tổng điểm tự chấm và kết quả thẩm định, cán bộ được xếp loại như sau:
a) Hoàn thành xuất sắc nhiệm vụ: từ 90 điểm trở lên;
b) Hoàn thành tốt nhiệm vụ: từ 70 điểm đến dưới 90 điểm;
c) Hoàn thành nhiệm vụ: từ 50 điểm đến dưới 70 điểm;
d) Không hoàn thành nhiệm vụ: dưới 50 điểm.
Điều 4. Hồ sơ đề nghị khen thưởng
Hồ sơ gồm tờ trình, biên bản họp Hội đồng thi đua, khen thưởng và báo cáo thành tích; nộp trước ngày 15 tháng 11 hằng năm.
"""


def decree_service(root, llm: str = "none") -> Hoidap:
    """A service over DECREE alone (fake embedder), indexed under `root`."""
    (root / "docs").mkdir()
    (root / "docs" / "qd-12-2025.txt").write_text(DECREE, encoding="utf-8")
    s = Hoidap(Settings(data_dir=root / "data", llm=llm), embedder=FakeEmbedder())
    assert s.ingest([root / "docs"]).ok
    return s


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = decree_service(tmp_path_factory.mktemp("answers"))
    yield s
    s.close()


def test_extractive_answer_quotes_clause_with_citation(svc):
    ans = svc.ask("Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?")
    assert not ans.refused and ans.mode == "extractive"
    assert "Đạt danh hiệu Lao động tiên tiến" in ans.answer
    c = ans.citations[0]
    assert c.number == "12/2025/QĐ-UBND" and "Điều 1" in c.section and c.source == "qd-12-2025.txt"
    assert c.text in svc.index.document_chunks(c.doc_id)[c.position]["text"]


def test_no_diacritics_question(svc):
    ans = svc.ask("ty le chien si thi dua co so toi da bao nhieu phan tram")
    assert not ans.refused
    assert "15%" in ans.answer


def test_scoring_question_applies_thresholds(svc):
    ans = svc.ask("Cán bộ đạt 88 điểm thì xếp loại gì?")
    assert not ans.refused
    assert "Hoàn thành tốt nhiệm vụ: từ 70 điểm đến dưới 90 điểm" in ans.answer
    assert "88" in ans.answer
    ans = svc.ask("don vi dat 95 diem thi xep loai gi")
    assert "Hoàn thành xuất sắc nhiệm vụ: từ 90 điểm trở lên" in ans.answer


def test_out_of_scope_is_refused(svc):
    ans = svc.ask("Mức phạt vi phạm nồng độ cồn khi lái xe máy là bao nhiêu?")
    assert ans.refused and ans.mode == "refused"
    assert "không quy định" in ans.answer
    assert ans.citations == []


def test_followup_carries_previous_subject(svc):
    ans = svc.ask("thế còn tập thể thì sao?", history=["Tiêu chuẩn danh hiệu lao động tiên tiến là gì?"])
    assert not ans.refused
    assert any("Tập thể lao động tiên tiến" in c.text for c in ans.citations)


def test_empty_and_emoji_questions_get_a_clear_reply(svc):
    for q in ["", "   ", "🙂🙂🙂"]:
        ans = svc.ask(q)
        assert ans.refused and ans.answer


def test_very_long_question_does_not_crash(svc):
    ans = svc.ask("chiến sĩ thi đua " * 2000)
    assert ans.answer


def test_json_contract_fields(svc):
    out = svc.ask("Hồ sơ đề nghị khen thưởng gồm những gì?").to_json("q1")
    assert set(out) >= {"id", "answer", "refused", "citations", "timings_ms"}
    assert set(out["citations"][0]) >= {"source", "title", "number", "section", "text"}
    assert set(out["timings_ms"]) >= {"retrieve", "generate", "total"}


@pytest.mark.parametrize("answer,ok", [
    ("Tỷ lệ không quá 15% [1].", True),
    ("Tỷ lệ không quá 20% [1].", False),          # invented number
    ("Tỷ lệ không quá 15%.", False),               # no citation
    ("Tỷ lệ không quá 15% [4].", False),           # cites a source that was not given
    ("Với 88 điểm, xếp loại Hoàn thành tốt nhiệm vụ (từ 70 đến dưới 90 điểm) [1].", True),
])
def test_guard(answer, ok):
    sources = ["Tỷ lệ không quá 15% tổng số. Hoàn thành tốt nhiệm vụ: từ 70 điểm đến dưới 90 điểm"]
    assert check_answer(answer, sources, question="88 điểm thì xếp loại gì")[0] is ok


def test_the_guard_does_not_take_a_fraction_or_date_for_a_count():
    # session 19, `make run`: the local model read "3/9 gương điển hình" as "tuyên dương 3 cá nhân"
    sources = ["3/9 gương điển hình “Công dân trẻ tiêu biểu TP.HCM” năm 2018 gồm: Nguyễn Hải Long; ban hành "
               "ngày 01/7/2026 theo Thông tư 15/2023/TT-BKHĐT; tuyên dương 63 cá nhân điển hình."]
    assert not check_answer("Năm 2018 tuyên dương 3 cá nhân điển hình [1].", sources)[0]
    assert check_answer("Năm 2018 tuyên dương 63 cá nhân điển hình [1].", sources)[0]
    assert check_answer("3/9 gương điển hình là Công dân trẻ tiêu biểu [1].", sources)[0]
    assert check_answer("Có hiệu lực từ ngày 01/7/2026 theo Thông tư 15/2023 [1].", sources)[0]
    assert not check_answer("Theo Thông tư số 15 [1].", sources)[0]


# -- what the local model says, measured on eval/dev.jsonl, and what the user is shown instead -----------

@pytest.fixture
def llm_svc(tmp_path, monkeypatch):
    from tests.test_injection import with_llm
    s = decree_service(tmp_path, llm="http://127.0.0.1:9/v1")
    yield s, (lambda reply: with_llm(s, monkeypatch, reply))
    s.close()


def test_the_models_no_information_shows_the_clause_instead_of_refusing(llm_svc, monkeypatch):
    svc, set_reply = llm_svc
    set_reply("KHÔNG_CÓ_THÔNG_TIN")
    ans = svc.ask("Hồ sơ đề nghị khen thưởng gồm những gì?")
    assert not ans.refused and ans.mode == "extractive" and "tờ trình" in ans.answer
    # An operator with a stronger model may let its judgement refuse weakly supported answers.
    import dataclasses
    monkeypatch.setattr(svc, "settings", dataclasses.replace(svc.settings, llm_refuses=True))
    monkeypatch.setattr("bot.answering.lead.LLM_NO_INFO_THRESHOLD", 99.0)
    assert svc.ask("Hồ sơ đề nghị khen thưởng gồm những gì?").refused


def test_a_reply_that_restates_the_question_or_lacks_the_asked_figure_is_not_shown(llm_svc):
    svc, set_reply = llm_svc
    q = "Tỷ lệ cá nhân được công nhận Chiến sĩ thi đua cơ sở tối đa là bao nhiêu phần trăm?"
    for reply in (q + " [1]", "Tỷ lệ được quy định tại văn bản, tính trên số cá nhân đạt Lao động tiên tiến [1]."):
        set_reply(reply)
        ans = svc.ask(q)
        assert ans.mode == "extractive" and "15%" in ans.answer, reply
    set_reply("Không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến [1].")
    assert svc.ask(q).mode == "generated"


def test_a_khoan_is_quoted_under_its_dieu_heading():
    """nd-172-2025-nd-cp Điều 3 › Khoản 2: the Khoản alone never says it lists the cases "chưa xem xét xử lý
    kỷ luật"; the quote comes under the Điều's heading. A chunk that holds the heading is not given it twice."""
    from bot.answering.extractive import extractive_answer
    from bot.types import Hit
    khoan = ("2. Cán bộ, công chức là nữ giới đang trong thời gian mang thai, nghỉ thai sản, đang nuôi con dưới "
             "12 tháng tuổi.")
    head = "Điều 3. Các trường hợp chưa xem xét xử lý kỷ luật"
    hit = Hit(chunk_id=2, doc_id=1, score=1.0, source="nd-172.txt", title="Nghị định xử lý kỷ luật",
              number="172/2025/NĐ-CP", issuer="Chính phủ", date="", section="Chương I › Điều 3 › Khoản 2",
              text=khoan, dieu=head)
    text, _ = extractive_answer("Cán bộ nữ nuôi con dưới 12 tháng tuổi có bị xem xét kỷ luật không?", [hit])
    assert f"«{head}\n…\n2. Cán bộ" in text
    first = Hit(chunk_id=1, doc_id=1, score=1.0, source="nd-172.txt", title="Nghị định xử lý kỷ luật",
                number="172/2025/NĐ-CP", issuer="Chính phủ", date="", section="Chương I › Điều 3 › Khoản 1",
                text=f"{head}\n1. Cán bộ, công chức đang điều trị bệnh hiểm nghèo;", dieu=head)
    text, _ = extractive_answer("Trường hợp nào chưa xem xét xử lý kỷ luật?", [first])
    assert text.count(head) == 1


def test_the_quoted_clause_holds_the_span_shown_first():
    """The span shown first is in the verbatim clause below it, where the cadre checks it (corpus/003: the
    headline shares the question's words, the count is on the next line; eval/dev20.jsonl d20-030)."""
    from bot.answering.direct import Direct
    from bot.answering.extractive import extractive_answer
    from bot.types import Hit
    headline = "Công tác lãnh đạo, chỉ đạo thực hiện tốt phong trào thi đua “Dân vận khéo” tại Đảng bộ Khối năm 2018"
    count = "Đảng bộ Khối hiện có 72 cơ sở đảng gồm 50 đảng bộ và 22 chi bộ cơ sở."
    filler = "\n".join(f"Năm 2018, Ban Thường vụ Đảng ủy Khối lãnh đạo phong trào thi đua “Dân vận khéo” ở cơ sở {i}."
                       for i in range(8))
    hit = Hit(chunk_id=1, doc_id=1, score=1.0, source="003.txt", title=headline, number="", issuer="",
              date="", section="Đoạn 1", text=f"{headline}\n{filler}\n{count}")
    q = "Bài về phong trào “Dân vận khéo” năm 2018 ở TP.HCM cho biết Đảng bộ Khối có bao nhiêu cơ sở đảng?"
    text, _ = extractive_answer(q, [hit], Direct(text=count, hit=hit, kind="other", unit="sentence"))
    quote = text[text.index("«"):]
    assert count in quote


def test_a_question_wrapped_in_courtesy_is_answered_like_the_bare_one(svc):
    # session 28: "Cho em hỏi … ạ?" around 1,275 development questions refused 99 that were answered bare
    for q in ("Cho em hỏi ty le chien si thi dua co so toi da bao nhieu phan tram ạ?",
              "Dạ anh chị cho mình hỏi là tỷ lệ chiến sĩ thi đua cơ sở tối đa bao nhiêu phần trăm ạ?",
              "xin hoi: ty le chien si thi dua co so toi da bao nhieu phan tram"):
        ans = svc.ask(q)
        assert not ans.refused and "15%" in ans.answer, q
    # a follow-up's cue still starts it: "còn …"
    ans = svc.ask("Cho em hỏi còn cán bộ đạt 95 điểm thì sao ạ?", history=["Cán bộ đạt 88 điểm thì xếp loại gì?"])
    assert not ans.refused and "từ 90 điểm trở lên" in ans.answer


def test_chat_shortenings_and_lower_case_codes():
    from bot.answering.question import clean_question
    from ingest.abbreviations import expand_abbreviations
    assert expand_abbreviations("knc của bộ lđtbxh có tên đầy đủ là j") == \
        "knc (kỷ niệm chương) của bộ lđtbxh có tên đầy đủ là gì"
    assert expand_abbreviations("qđ 2579: đvsn dc xét bk ko") == \
        "quyết định 2579: đvsn (đơn vị sự nghiệp) được xét bằng khen không"
    assert expand_abbreviations("số 90/2020/NĐ-CP, tp.hcm") == "số 90/2020/NĐ-CP, tp.hcm"
    assert clean_question("Cho em hỏi hạn nộp hồ sơ ạ?") == "hạn nộp hồ sơ?"
    assert clean_question("Xin thôi việc thì sao?") == "Xin thôi việc thì sao?"
    assert clean_question("Cho em hỏi") == "Cho em hỏi" and clean_question("Cho em hỏi ạ") == "Cho em hỏi ạ"
    assert clean_question("Em chào anh chị ạ. Em muốn hỏi thời hạn nộp hồ sơ?") == "thời hạn nộp hồ sơ?"
    assert clean_question("Cho em hỏi chút ạ, thời hạn là bao lâu?") == "thời hạn là bao lâu?"
    assert clean_question("cho e hỏi hạn nộp") == "hạn nộp"
