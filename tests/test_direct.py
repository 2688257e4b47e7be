"""Answers that answer (issue 18, items 1 and 4), through the whole ask path with the fake embedder.

- the reader's span (bot/answering/reader.py) is shown first, verbatim, for each kind of question, and
  comes back as `direct` in `ask --json`; a list cut by a chunk boundary is shown whole;
- a province named by abbreviation or by the name its article's dateline stands for is answered;
- a place name no source mentions does not refuse a strongly covered question: the answer says so;
- an amount/duration asked that no clause states is "không nêu", not a clause about something else.

Documents are written here from real corpus lines (the file each comes from is named above it).
"""

from __future__ import annotations

import json

import pytest

from bot.service import Hoidap
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

# ../shared/corpus nd-170-2025-nd-cp (Nghị định 170/2025/NĐ-CP): Điều 26 Khoản 2, Điều 16 Khoản 4 Điểm b,
# Điều 35 (Hồ sơ bổ nhiệm); kh-0125-kh-ubnd-daklak: the date and body of Mục IV; nd-172-2025: Điều 26 Khoản 1.
DECREE = """CHÍNH PHỦ
Số: 170/2025/NĐ-CP
Hà Nội, ngày 30 tháng 6 năm 2025
NGHỊ ĐỊNH
Quy định về tuyển dụng, sử dụng và quản lý công chức
Chương I
QUY ĐỊNH CHUNG
Điều 16. Chấm thi và phúc khảo
4. Việc chấm thi và phúc khảo:
b) Trường hợp môn nghiệp vụ chuyên ngành lựa chọn thi viết:
Chậm nhất là 15 ngày kể từ ngày kết thúc thi viết phải hoàn thành việc chấm thi và công bố kết quả thi trên trang thông tin điện tử của cơ quan có thẩm quyền tuyển dụng, đồng thời thông báo việc nhận đơn phúc khảo. Thời hạn nhận đơn phúc khảo là 05 ngày làm việc kể từ ngày công bố kết quả thi.
Điều 26. Biệt phái công chức
1. Cơ quan quản lý công chức cử công chức đến làm việc tại cơ quan, tổ chức, đơn vị khác theo yêu cầu nhiệm vụ.
2. Thời gian biệt phái công chức không quá 03 năm, trừ trường hợp thực hiện theo quy định của pháp luật chuyên ngành.
3. Cán bộ, công chức đang bị tạm giữ, tạm giam mà chưa bị xử lý kỷ luật thì được hưởng 50% của mức lương hiện hưởng, cộng với phụ cấp chức vụ lãnh đạo.
Điều 27. Trình khen thưởng
Hồ sơ trình, đề nghị Chủ tịch UBND tỉnh xem xét tặng Bằng khen cho các tập thể, cá nhân gửi về Sở Nội vụ (qua Phòng Xây dựng chính quyền) trước ngày 31/3/2026 để tổng hợp, thẩm định.
Điều 28. Thi tuyển
Thí sinh không được mang điện thoại vào phòng thi. Thí sinh được ra ngoài phòng thi sau 30 phút làm bài.
Điều 29. Mức thưởng
Danh hiệu “Chiến sĩ thi đua cơ sở” được tặng Bằng chứng nhận, khung và được thưởng 1,0 lần mức lương cơ sở.
Điều 35. Hồ sơ bổ nhiệm
Hồ sơ nhân sự bổ nhiệm phải được cấp có thẩm quyền xác nhận hoặc chứng thực theo quy định, bao gồm:
1. Tờ trình về việc bổ nhiệm do người đứng đầu cơ quan, tổ chức, đơn vị ký.
2. Biên bản hội nghị, bản tổng hợp kết quả kiểm phiếu kèm theo biên bản kiểm phiếu ở các bước trong quy trình bổ nhiệm.
3. Sơ yếu lý lịch do cá nhân tự khai theo mẫu quy định có dán ảnh màu khổ 4x6, được cơ quan trực tiếp quản lý xác nhận và đóng dấu.
4. Bản tự kiểm điểm 03 năm công tác gần nhất.
5. Đánh giá, nhận xét của chi bộ, đảng ủy cơ quan nơi công tác về phẩm chất đạo đức, lối sống, ý thức tổ chức kỷ luật.
"""

# corpus/002_9383db14de2cda84.txt (Báo Thừa Thiên Huế): the dateline "TTH -" is its only place name.
ARTICLE_TTH = """Chính trị - Xã hội Xây dựng Đảng

24/03/2018 - 14:45

Gắn công tác cán bộ với đổi mới phương thức lãnh đạo

TTH - Quan tâm xây dựng đội ngũ cán bộ chất lượng gắn với đổi mới phương thức sinh hoạt, nâng cao sức chiến đấu của các tổ chức Đảng là những kết quả nổi bật trong công tác xây dựng Đảng của Đảng bộ Văn phòng UBND tỉnh.

Đảng bộ Văn phòng UBND tỉnh có 81 đảng viên, sinh hoạt ở 7 chi bộ trực thuộc. Năm 2017, có 16 đồng chí hoàn thành xuất sắc nhiệm vụ, 64 đồng chí hoàn thành tốt nhiệm vụ; Đảng bộ đạt danh hiệu trong sạch vững mạnh tiêu biểu.

Bài, ảnh: Thái Bình
"""

# corpus/003_85dbedb9a6bdd942.txt (Đảng bộ Khối, TP.HCM), its layout as a Sài Gòn Giải Phóng article.
ARTICLE_HCM = """Thông tin lý luận

10/07/2018 - 09:30

Phong trào thi đua “Dân vận khéo” tại Đảng bộ Khối năm 2018

SGGP - Đảng bộ Khối hiện có 72 cơ sở đảng gồm 50 đảng bộ và 22 chi bộ cơ sở. Số đảng viên là 8.023 trong tổng số 20.466 cán bộ, công chức, viên chức và người lao động.

Đảng ủy Khối lãnh đạo trực tiếp 03 đoàn thể khối, bao gồm Công đoàn viên chức có 71 công đoàn cơ sở với 19.372 đoàn viên; Đoàn TNCS Khối có 59 cơ sở đoàn với 6.114 đoàn viên.
"""


def make_service(root, files: dict[str, str]) -> Hoidap:
    (root / "docs").mkdir()
    for name, text in files.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    s = Hoidap(Settings(data_dir=root / "data", llm="none"), embedder=FakeEmbedder())
    assert s.ingest([root / "docs"]).ok
    return s


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    s = make_service(tmp_path_factory.mktemp("articles"), {"tth.txt": ARTICLE_TTH, "sggp.txt": ARTICLE_HCM})
    yield s
    s.close()


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = make_service(tmp_path_factory.mktemp("direct"), {"nd-170-2025.txt": DECREE, "tth.txt": ARTICLE_TTH,
                                                         "sggp.txt": ARTICLE_HCM})
    yield s
    s.close()


@pytest.mark.parametrize("question,kind,span", [
    ("Thời gian biệt phái công chức tối đa là bao lâu?", "duration",
     "Thời gian biệt phái công chức không quá 03 năm"),
    ("Thời hạn nhận đơn phúc khảo là bao lâu?", "duration",
     "Thời hạn nhận đơn phúc khảo là 05 ngày làm việc kể từ ngày công bố kết quả thi."),
    ("Công chức đang bị tạm giam chưa bị xử lý kỷ luật được hưởng bao nhiêu phần trăm lương?", "percent",
     "được hưởng 50% của mức lương hiện hưởng"),
    ("Chiến sĩ thi đua cơ sở được thưởng bao nhiêu tiền?", "amount", "được thưởng 1,0 lần mức lương cơ sở"),
    ("Hồ sơ đề nghị tặng Bằng khen phải gửi trước ngày nào?", "date", "trước ngày 31/3/2026"),
    ("Hồ sơ đề nghị Chủ tịch UBND tỉnh tặng Bằng khen gửi về cơ quan nào?", "body", "gửi về Sở Nội vụ"),
    ("Thí sinh có được mang điện thoại vào phòng thi không?", "yesno",
     "Thí sinh không được mang điện thoại vào phòng thi."),
    ("Hồ sơ bổ nhiệm gồm những gì?", "list", "5. Đánh giá, nhận xét của chi bộ"),
])
def test_the_span_that_states_it_is_shown_first(svc, question, kind, span):
    ans = svc.ask(question)
    assert not ans.refused, ans.answer
    assert ans.direct is not None and ans.direct["kind"] == kind
    assert span in ans.direct["text"]
    # first, verbatim, and cited: the clause it comes from is citation [1]
    assert ans.answer.startswith(ans.direct["text"].strip())
    assert ans.direct["text"].strip() in ans.citations[0].text
    assert ans.direct["section"] == ans.citations[0].section and ans.direct["source"] == ans.citations[0].source


def test_a_list_is_shown_whole(svc):
    ans = svc.ask("Hồ sơ bổ nhiệm gồm những gì?")
    d = ans.direct["text"]
    assert d.startswith("Hồ sơ nhân sự bổ nhiệm") and d.index("1. Tờ trình") < d.index("5. Đánh giá") and d.endswith("kỷ luật.")
    assert ans.direct["unit"] == "list"


def test_direct_in_ask_json(svc, monkeypatch):
    from click.testing import CliRunner

    import bot.cli.query
    from bot.cli import main
    monkeypatch.setattr(bot.cli.query, "make_service", lambda settings: svc)
    args = ["--llm", "none", "--data-dir", str(svc.settings.data_dir)]
    r = CliRunner().invoke(main, ["ask", "Thời gian biệt phái công chức tối đa là bao lâu?", "--json", *args])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert set(out["direct"]) == {"text", "source", "number", "section", "section_path", "kind", "unit"}
    assert "không quá 03 năm" in out["direct"]["text"] and out["direct"]["number"] == "170/2025/NĐ-CP"
    assert out["direct"]["section_path"][-1].startswith("Điều 26") or "Điều 26" in out["direct"]["section"]
    # the contract's other fields are unchanged
    assert {"answer", "refused", "citations", "timings_ms", "mode"} <= set(out)
    # a refused answer has "direct": null
    r = CliRunner().invoke(main, ["ask", "Mức phạt vi phạm nồng độ cồn khi lái xe máy?", "--json", *args])
    assert json.loads(r.output)["direct"] is None
    # the plain CLI shows the span first
    r = CliRunner().invoke(main, ["ask", "Thời gian biệt phái công chức tối đa là bao lâu?", *args])
    assert r.output.startswith("Thời gian biệt phái công chức không quá 03 năm"), r.output


def test_a_province_named_by_its_datelines_abbreviation_is_answered(articles):
    svc = articles
    for q in ("Đảng bộ Văn phòng UBND tỉnh Thừa Thiên Huế có bao nhiêu đảng viên?",
              "Ở TTH, Đảng bộ Văn phòng UBND tỉnh có bao nhiêu đảng viên?",
              # typed without accents and the code in lower case, as on a phone
              "dang uy van phong ubnd tinh tth co bao nhieu dang vien"):
        ans = svc.ask(q)
        assert not ans.refused, (q, ans.answer)
        assert ans.citations[0].source == "tth.txt" and "81 đảng viên" in ans.answer
        assert not any("không nêu" in w for w in ans.warnings)


def test_tp_hcm_from_a_saigon_giai_phong_article(articles):
    svc = articles
    for q in ("Đảng bộ Khối ở Thành phố Hồ Chí Minh có bao nhiêu cơ sở đảng?",
              "Đảng bộ Khối TP.HCM có bao nhiêu cơ sở đảng?"):
        ans = svc.ask(q)
        assert not ans.refused, (q, ans.answer)
        assert ans.citations[0].source == "sggp.txt" and "72 cơ sở đảng" in ans.answer


def test_a_place_no_source_names_is_a_note_when_the_rest_is_covered(svc):
    ans = svc.ask("Ở tỉnh Quảng Ninh, thời gian biệt phái công chức tối đa là bao lâu?")
    assert not ans.refused, ans.answer
    assert "03 năm" in ans.answer
    assert "Lưu ý: văn bản trích dẫn không nêu “tỉnh Quảng Ninh”." in ans.warnings
    assert "tỉnh Quảng Ninh" in ans.answer
    # the same question without a place has no note
    assert not any("không nêu" in w for w in svc.ask("Thời gian biệt phái công chức tối đa là bao lâu?").warnings)


@pytest.mark.parametrize("question, name", [
    ("Tỉnh Quảng Ninh quy định thời gian biệt phái công chức tối đa là bao lâu?", "Quảng Ninh"),
    ("Theo quy định của UBND tỉnh Quảng Ninh, thời gian biệt phái công chức tối đa là bao lâu?", "Quảng Ninh"),
    # a ministry at the sentence's start, and typed in lower case without accents
    ("Bộ Công an quy định thời gian biệt phái công chức tối đa là bao lâu?", "Bộ Công an"),
    ("bo cong an quy dinh thoi gian biet phai cong chuc toi da la bao lau", "Bộ Công an"),
])
def test_the_rules_a_province_or_ministry_makes_are_not_answered_by_a_national_clause(svc, question, name):
    # "X quy định …" asks for X's own rule, which no indexed document states; "Ở tỉnh X, …" gets the note
    ans = svc.ask(question)
    assert ans.refused and name in ans.answer, ans.answer


def test_another_provinces_document_still_refuses(tmp_path):
    from tests.test_answers import DECREE as HOA_BINH
    s = make_service(tmp_path, {"qd-12-2025.txt": HOA_BINH})
    try:
        ans = s.ask("Ở tỉnh Quảng Ninh, hồ sơ đề nghị khen thưởng gồm những gì?")
        assert ans.refused and "Quảng Ninh" in ans.answer
    finally:
        s.close()


def test_a_duration_not_stated_is_said_not_stated(svc):
    ans = svc.ask("Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng trong thời hạn bao lâu?")
    assert ans.refused and ans.direct is None
    assert ans.answer.startswith("Tài liệu hiện có không nêu thời hạn")
    # the nearest clause is shown, with its citation
    assert "Chiến sĩ thi đua cơ sở" in ans.answer and ans.citations and "Điều 29" in ans.citations[0].section
    # stated: answered
    assert not svc.ask("Thời hạn nhận đơn phúc khảo là bao lâu?").refused


def test_faces_highlight_the_direct_span():
    from bot.telegram.format import render_answer
    from bot.types import Answer
    from bot.web.present import answer_json
    direct = {"text": "Thời gian biệt phái công chức không quá 03 năm <3", "source": "nd.txt", "number": "170/2025/NĐ-CP",
              "section": "Điều 26 › Khoản 2", "section_path": ["Điều 26", "Khoản 2"], "kind": "duration", "unit": "sentence"}
    ans = Answer(question="q", answer=direct["text"] + "\n(170/2025/NĐ-CP, Điều 26 [1])\n\nTheo …", refused=False,
                 direct=direct)
    html = render_answer(ans)[0]
    assert html.startswith("<b>Thời gian biệt phái công chức không quá 03 năm &lt;3</b>")
    # a generated answer without the span: the span is put first, in bold
    ans.answer = "Tối đa 03 năm [1]."
    assert render_answer(ans)[0].startswith("<b>Thời gian biệt phái") and "Tối đa 03 năm" in render_answer(ans)[0]
    assert answer_json(ans)["direct"] == direct
    ans.direct = None
    assert answer_json(ans)["direct"] is None and "<b>" not in render_answer(ans)[0]


# nd-170-2025-nd-cp style: a Khoản whose Điểm are long enough that the chunker cuts the list between chunks.
_CRITERIA = ("phẩm chất chính trị, đạo đức, lối sống, ý thức tổ chức kỷ luật, tinh thần đoàn kết, tác phong, lề lối "
             "làm việc và việc thực hiện các quy định về những điều đảng viên không được làm")
LONG_LIST = f"""CHÍNH PHỦ
Số: 99/2025/NĐ-CP
Hà Nội, ngày 1 tháng 7 năm 2025
NGHỊ ĐỊNH
Quy định về đánh giá cán bộ
Điều 5. Tiêu chí đánh giá cán bộ
1. Các tiêu chí đánh giá cán bộ lãnh đạo quản lý gồm:
""" + "\n".join(f"{c}) Tiêu chí {c}: {_CRITERIA};" for c in "abcdefgh") + """
2. Kết quả đánh giá được lưu vào hồ sơ cán bộ.
"""


def test_a_list_cut_by_a_chunk_boundary_is_shown_whole(tmp_path):
    s = make_service(tmp_path, {"nd-99.txt": LONG_LIST})
    try:
        doc = s.index.documents()[0]
        assert len(s.index.document_chunks(doc.doc_id)) > 2          # the list really is split
        ans = s.ask("Các tiêu chí đánh giá cán bộ lãnh đạo quản lý gồm những gì?")
        d = ans.direct["text"]
        assert d.startswith("Các tiêu chí đánh giá cán bộ lãnh đạo quản lý gồm:")
        assert all(f"{c}) Tiêu chí {c}:" in d for c in "abcdefgh")
        assert "2. Kết quả đánh giá" not in d                         # the next Khoản is not part of it
        assert ans.answer.startswith(d)
    finally:
        s.close()


# nd-233-2026-nd-cp, Điều 12 Khoản 4 (OCR text): the items say what they say only under the lead-in.
XEP_LOAI = """CHÍNH PHỦ
Số: 233/2026/NĐ-CP
Hà Nội, ngày 1 tháng 7 năm 2026
NGHỊ ĐỊNH
Quy định về đánh giá, xếp loại chất lượng viên chức
Điều 12. Mức xếp loại chất lượng viên chức
1. Hoàn thành xuất sắc nhiệm vụ: Đạt từ 90 điểm trở lên.
4. Không hoàn thành nhiệm vụ thuộc một trong các trường hợp sau:
a) Có kết quả theo dõi, đánh giá của năm dưới 50 điểm;
b) Bị cấp có thẩm quyền kết luận có biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống, “tự diễn biến”, “tự chuyển hóa”;
c) Có hành vi tham nhũng, lãng phí và bị xử lý theo quy định của pháp luật.
"""


def test_an_item_shown_first_comes_with_its_lead_in(tmp_path):
    s = make_service(tmp_path, {"nd-233.txt": XEP_LOAI})
    try:
        ans = s.ask("Viên chức có biểu hiện tự diễn biến, tự chuyển hóa thì bị xếp loại chất lượng ở mức nào?")
        d = ans.direct["text"]
        assert d.startswith("4. Không hoàn thành nhiệm vụ thuộc một trong các trường hợp sau:")
        assert "b) Bị cấp có thẩm quyền kết luận" in d and ans.answer.startswith(d)
    finally:
        s.close()


def test_not_stated_reads_an_accented_subject_with_its_accents():
    """ "Thế thời gian biệt phái tối đa là bao lâu?" after a question on biệt phái: folded, the subject
    "biet phai" was two function words, and a clause stating "không quá 03 năm" was said not to state a
    duration (eval/dev10 d10-034). An unaccented question whose abbreviation expands with accents
    ("ubnd" → "ủy ban nhân dân") is still read folded."""
    from bot.answering.not_stated import _subject, not_stated
    from bot.types import Hit
    clause = ("2. Thời gian biệt phái công chức không quá 03 năm, trừ trường hợp thực hiện theo quy định của pháp "
              "luật chuyên ngành.")
    hit = Hit(chunk_id=1, doc_id=1, score=1.0, source="nd-170.txt", title="Nghị định 170", number="170/2025/NĐ-CP",
              issuer="Chính phủ", date="", section="Điều 26 › Khoản 2", text=clause)
    assert not_stated("Thế thời gian biệt phái tối đa là bao lâu? Công chức được cử đi biệt phái", [hit]) is None
    from bot.answering.question import as_question
    assert "biệt phái" in _subject(as_question("Thời gian biệt phái tối đa là bao lâu?").reading)
    unaccented = as_question("dang bo van phong ubnd co bao nhieu").reading
    assert "uy ban nhan dan" in unaccented and _subject(unaccented).isascii()


def test_an_unaccented_question_is_read_folded_even_where_an_abbreviation_expands_with_accents():
    """ "ubnd" expands to "ủy ban nhân dân": the question then had accents, the reader compared "dang vien"
    with "đảng viên", and the seed question got no sentence first (corpus/002, Báo Thừa Thiên Huế)."""
    from bot.answering.direct import find_direct
    from bot.types import Hit
    text = ("Đảng ủy Văn phòng UBND tỉnh họp, ra nghị quyết lãnh đạo công tác năm 2018\n"
            "Đảng bộ Văn phòng UBND tỉnh có 81 đảng viên, sinh hoạt ở 7 chi bộ trực thuộc.")
    hit = Hit(chunk_id=1, doc_id=1, score=1.0, source="002.txt", title="Báo Thừa Thiên Huế", number="",
              issuer="", date="", section="", text=text)
    direct = find_direct("dang uy van phong ubnd tinh tth co bao nhieu dang vien", [hit])
    assert direct is not None and "81 đảng viên" in direct.text


def test_a_duration_asked_in_years_is_not_stated_by_days():
    """ "… giải thưởng Hải Thượng Lãn Ông là bao nhiêu năm?" (years of service, which QĐ 3621 does not give)
    was answered "5 ngày", a procedure step's time (eval/dev12 d12-040). A neighbouring unit still fits, and
    "bao lâu" names no unit."""
    from bot.answering.not_stated import not_stated
    from bot.answering.kind_stated import states
    from bot.types import Hit
    step = ("Tổ chức họp Hội đồng cấp cơ sở xét tặng giải thưởng Hải Thượng Lãn Ông cho cá nhân có thời gian "
            "công tác trong ngành | 5 ngày")
    hit = Hit(chunk_id=1, doc_id=1, score=1.0, source="qd-3621.txt", title="Quyết định 3621", number="3621/QĐ-BYT",
              issuer="Bộ Y tế", date="", section="Danh mục", text=step)
    assert not_stated("Thời gian công tác tối thiểu để được xét tặng giải thưởng Hải Thượng Lãn Ông là bao nhiêu năm?",
                      [hit]) == "duration"
    assert not_stated("Hội đồng cấp cơ sở xét tặng giải thưởng Hải Thượng Lãn Ông trong bao lâu?", [hit]) is None
    assert not states("duration", "5 ngày", "… là bao nhiêu năm?")
    assert states("duration", "36 tháng", "… là bao nhiêu năm?") and states("duration", "5 ngày", "… bao lâu?")


# qd-1147-qd-btgdvtw, Điều 10: the duration asked is in Khoản 3, a sibling of the Khoản that ranks first.
CAP_LAI = """BAN TUYÊN GIÁO VÀ DÂN VẬN TRUNG ƯƠNG
Số: 1147-QĐ/BTGDVTW
Hà Nội, ngày 01 tháng 12 năm 2025
QUY CHẾ
Bồi dưỡng, giảng dạy của Trung tâm chính trị xã, phường, đặc khu
Điều 10. Thu hồi, hủy bỏ, cấp lại giấy chứng nhận
1. Thu hồi, hủy bỏ giấy chứng nhận trong các trường hợp sau đây:
a) Người có hành vi gian lận về hồ sơ, học tập, thi cử, làm bài thu hoạch cuối khóa;
b) Người ký cấp giấy chứng nhận không đúng thẩm quyền;
c) Giấy chứng nhận được sử dụng không chính danh;
d) Giấy chứng nhận tẩy xóa, sửa chữa;
e) Giấy chứng nhận bị lỗi phôi, lỗi kĩ thuật trình bày, lỗi chính tả, lôi nội dung thông tin, lỗi in ấn (do phía Trung tâm);
f) Trường hợp giấy chứng nhận tại điểm e, khoản 5, Điều 9 của Quy chế này.
2. Giám đốc trung tâm ra quyết định, tổ chức thu hồi, hủy giấy chứng nhận; có biên bản ghi rõ số vào sổ gốc của giấy chứng nhận bị hủy bỏ, lý do, cách thức hủy bỏ; lưu trữ vào hồ sơ. Trường hợp tại điểm a), b), c), d) khoản 1, Điều 10 của Quy chế này, Trung tâm gửi quyết định đến người bị thu hồi giấy chứng nhận, cơ quan kiểm tra phát hiện sai phạm (nếu có), cơ quan người bị thu hồi giấy chứng nhận đang công tác (nếu có) và các cơ quan, tổ chức có liên quan.
3. Cấp lại giấy chứng nhận
a. Trường hợp giấy chứng nhận bị lỗi theo quy định tại điểm e, khoản 1, Điều 10 của Quy chế này sẽ được cấp lại. Người đề nghị cấp lại có đơn, kèm theo giấy chứng nhận bị lỗi.
b. Trong 03 ngày làm việc kể từ ngày tiếp nhận đơn đề nghị cấp giấy chứng nhận, giám đốc Trung tâm tổ chức kiểm tra, đối chiếu, nếu đủ điều kiện thì cấp lại.
"""


def test_a_figure_in_a_sibling_khoan_of_the_best_clause_is_shown(tmp_path):
    """The best clause (Khoản 1, on revoking) states no duration; its Điều's Khoản 3, in its context, does:
    that sentence is shown first, cited to its own Khoản (blind dev37 d37-022)."""
    from bot.answering.direct import find_direct
    s = make_service(tmp_path, {"qd-1147.txt": CAP_LAI})
    try:
        doc = s.index.documents()[0]
        chunks = s.index.document_chunks(doc.doc_id)
        first = next(c for c in chunks if "1. Thu hồi" in c["text"])
        assert not any("03 ngày" in c["text"] for c in chunks if c["chunk_id"] == first["chunk_id"])
        best = s.retriever.with_context(s.retriever.clause(first["chunk_id"]))
        q = "giấy chứng nhận bồi dưỡng bị in sai thông tin, xin cấp lại thì bao lâu thì có?"
        d = find_direct(q, [best], None, s.retriever)
        assert d is not None and d.text.startswith("Trong 03 ngày làm việc")
        assert "Khoản 3" in d.hit.section
    finally:
        s.close()


def test_a_number_and_a_day_asked_are_not_a_number_of_days():
    """ "hướng dẫn số mấy, ngày nào": "mấy" asks for the document's number, "ngày nào" for its day; read across
    the comma, "mấy ngày" asked for days and the span's "6 tháng" was said not to state them (eval dev32 d32-050)."""
    from bot.answering.not_stated import _other_unit
    q = "Năm 2018 Ban Thường vụ ban hành hướng dẫn số mấy, ngày nào để định hướng công tác dân vận 6 tháng cuối năm?"
    span = "Hướng dẫn số 22-HD/ĐUK ngày 30/7/2018 về định hướng công tác dân vận 6 tháng cuối năm 2018"
    assert not _other_unit(q, span)
    assert _other_unit("Nộp hồ sơ trước mấy hôm?", "thời hạn 03 tháng")
    assert not _other_unit("Nộp hồ sơ trước mấy hôm?", "trước 10 ngày")
