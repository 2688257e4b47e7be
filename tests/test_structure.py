"""The structure parser on fixtures written for it (decree, kế hoạch, news, article) and on the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.structure import parse_document

DATA = Path(__file__).parent / "data" / "structure"
CORPUS = Path("/work/shared/corpus")


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _labels(block) -> list[str]:
    return [label for _, label, _ in block.path]


def _block(doc, startswith: str):
    found = [b for b in doc.blocks if b.text.startswith(startswith)]
    assert found, f"no block starts with {startswith!r}"
    return found[0]


@pytest.fixture(scope="module")
def decree():
    return parse_document(_read("quyet_dinh_thi_dua.txt"), "quyet_dinh_thi_dua.txt")


# ------------------------------------------------------------------------------------------ decree

def test_decree_header(decree):
    h = decree.header
    assert h.number == "45/2026/QĐ-UBND"
    assert h.doc_type == "Quyết định"
    assert h.issuer == "Ủy ban nhân dân tỉnh Bắc Ninh"
    assert h.date == "15/12/2026"
    assert h.title == "Quyết định ban hành Quy chế thi đua, khen thưởng và đánh giá, xếp loại tập thể trên địa bàn tỉnh Bắc Ninh"
    assert h.secondary is False


def test_decree_validity_filled_in(decree):
    h = decree.header
    assert h.effective_date == "01/01/2027"
    kinds = {(r.kind, r.target) for r in h.relations}
    assert ("replaces", "35/2024/QĐ-UBND") in kinds


def test_point_path(decree):
    b = _block(decree, "a) Đạt 700 điểm trở lên")
    assert _labels(b) == ["Chương II", "Điều 8", "Khoản 2", "Điểm a"]
    assert [lvl for lvl, _, _ in b.path] == ["chuong", "dieu", "khoan", "diem"]


def test_headings_and_titles(decree):
    dieu = _block(decree, "Điều 8. Xếp loại")
    assert dieu.kind == "heading"
    assert dieu.path[-1] == ("dieu", "Điều 8", "Xếp loại tập thể theo điểm chấm")
    chuong = _block(decree, "Chương II")
    assert chuong.kind == "heading"
    # a chapter title split over two capitalised lines is one heading
    assert chuong.path == [("chuong", "Chương II", "DANH HIỆU THI ĐUA VÀ TIÊU CHUẨN XẾP LOẠI")]
    khoan = _block(decree, "2. Mức xếp loại")
    assert khoan.kind == "heading" and khoan.path[-1] == ("khoan", "Khoản 2", "Mức xếp loại")
    assert _block(decree, "1. Tự nguyện").kind == "text"


def test_sub_points_stay_in_their_point(decree):
    b = _block(decree, "b) Có sáng kiến được cơ sở công nhận")
    assert "- sáng kiến ứng dụng công nghệ thông tin." in b.text
    assert _labels(b) == ["Chương II", "Điều 5", "Khoản 1", "Điểm b"]


def test_dieu_references_are_not_headings(decree):
    for start in ("Điều này không áp dụng", "Điều 24 Luật Thi đua", "Điều 3. Đối tượng áp dụng được hiểu"):
        b = _block(decree, start)
        assert b.kind == "text", start
    # the quoted "Điều 3." inside Điều 9 stays in Điều 9 (Điều numbers only go up)
    assert _labels(_block(decree, "Điều 3. Đối tượng áp dụng được hiểu")) == ["Chương III", "Điều 9", "Khoản 1"]
    assert _labels(_block(decree, "Điều này không áp dụng")) == ["Chương I", "Điều 2", "Khoản 2"]
    dieu_headings = [b.path[-1][1] for b in decree.blocks if b.kind == "heading" and b.path[-1][0] == "dieu"]
    assert dieu_headings[:11] == [f"Điều {n}" for n in range(1, 12)]


def test_signature_block_leaves_the_last_dieu(decree):
    assert _block(decree, "Nơi nhận:").path == []


def test_appendix_and_scoring_table(decree):
    head = _block(decree, "PHỤ LỤC I")
    assert head.kind == "heading"
    assert head.path == [("phuluc", "Phụ lục I", "BẢNG CHẤM ĐIỂM THI ĐUA ĐỐI VỚI TẬP THỂ")]
    header_row = _block(decree, "TT | Tiêu chí | Điểm tối đa")
    assert header_row.kind == "table_header"
    assert _labels(header_row) == ["Phụ lục I"]
    row = _block(decree, "1 | Kết quả thực hiện nhiệm vụ chuyên môn | 600")
    assert row.kind == "table_row" and _labels(row) == ["Phụ lục I"]
    grade = _block(decree, "a) Hoàn thành xuất sắc nhiệm vụ: từ 90 điểm trở lên")
    assert _labels(grade) == ["Phụ lục I", "Mục I", "Điểm a"]
    bonus = _block(decree, "Tiêu chí 1: Có sáng kiến được công nhận (10 điểm)")
    assert bonus.kind == "table_row" and _labels(bonus) == ["Phụ lục I", "Mục II"]
    # a model decision printed in Phụ lục II restarts at Điều 1 inside the appendix
    assert _labels(_block(decree, "Điều 1. Công nhận danh hiệu")) == ["Phụ lục II", "Điều 1"]


def _assert_nothing_lost(text: str, doc) -> None:
    joined = "\n".join(b.text for b in doc.blocks).split("\n")
    body = text.split("=" * 20, 1)[1].split("\n", 1)[1] if "=" * 20 in text[:3000] else text
    expected = [ln.strip() for ln in body.split("\n") if ln.strip()]
    assert [ln.strip() for ln in joined] == expected


def test_no_text_lost(decree):
    _assert_nothing_lost(_read("quyet_dinh_thi_dua.txt"), decree)


# ---------------------------------------------------------------------------------------- kế hoạch

def test_plan_sections():
    doc = parse_document(_read("ke_hoach_thi_dua.txt"))
    h = doc.header
    assert (h.number, h.doc_type, h.date) == ("1021/KH-UBND", "Kế hoạch", "05/03/2026")
    assert h.issuer == "Ủy ban nhân dân tỉnh Nghệ An"
    assert h.title == "Kế hoạch phát động phong trào thi đua chuyển đổi số năm 2026 trên địa bàn tỉnh Nghệ An"
    assert h.secondary is False
    roman = _block(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    assert roman.kind == "heading" and roman.path == [("muc", "Mục I", "MỤC ĐÍCH, YÊU CẦU")]
    assert _labels(_block(doc, "a) Khơi dậy tinh thần")) == ["Mục I", "Khoản 1", "Điểm a"]
    assert _block(doc, "1. Mục đích").kind == "heading"
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert [b.text[:12] for b in rows] == ["Tiêu chí 1: ", "Tiêu chí 2: ", "- Đạt từ 90 ", "- Đạt từ 70 "]
    assert all(_labels(b) == ["Mục II", "Khoản 2"] for b in rows)
    bullets = _block(doc, "- Chủ trì, hướng dẫn")
    assert "- Tổng hợp, báo cáo" in bullets.text and _labels(bullets) == ["Mục III", "Khoản 1"]
    _assert_nothing_lost(_read("ke_hoach_thi_dua.txt"), doc)


# -------------------------------------------------------------------------------------------- news

def test_news_is_secondary_and_split_at_subheadings():
    text = _read("tin_bai.txt")
    doc = parse_document(text, "tin_bai.txt")
    h = doc.header
    assert h.secondary is True and h.number == ""
    assert h.title == "Sôi nổi phong trào thi đua yêu nước tại Khối các cơ quan tỉnh"
    assert h.relations == [] and h.effective_date == ""
    assert doc.blocks[0].kind == "heading"
    sub = _block(doc, "Đổi mới nội dung, hình thức thi đua")
    assert sub.kind == "heading" and sub.path == [("muc", "Đổi mới nội dung, hình thức thi đua", "")]
    mention = _block(doc, "Căn cứ Điều 24 Nghị định 152/2025")
    assert mention.kind == "text" and [lvl for lvl, _, _ in mention.path] == ["muc"]
    assert _labels(_block(doc, "Công tác khen thưởng")) == ["Khen thưởng kịp thời, đúng người đúng việc"]
    _assert_nothing_lost(text, doc)


ARTICLE = """TIÊU ĐỀ: Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở năm 2026 là gì?
SỐ HIỆU: (bài viết giải đáp/phân tích, không phải văn bản gốc)
CƠ QUAN BAN HÀNH: Bài viết hỏi-đáp pháp luật (phong cách thuvienphapluat.vn), trích dẫn nguyên văn các điều khoản
NGÀY BAN HÀNH: 2026 (theo nội dung bài)
NGUỒN: github:example/repo@abc1234 dataset/bai-viet.md
GHI CHÚ: Nguồn thứ cấp
==========================================================================

Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở năm 2026 là gì?
Căn cứ Điều 23 Luật Thi đua, khen thưởng 2022 quy định như sau:
Điều 23. Danh hiệu “Chiến sĩ thi đua cơ sở”
Danh hiệu “Chiến sĩ thi đua cơ sở” để tặng cho cá nhân đạt các tiêu chuẩn sau đây:
1. Đạt tiêu chuẩn danh hiệu “Lao động tiên tiến”;
2. Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được cơ sở công nhận.
Như vậy, cá nhân phải đạt đồng thời hai tiêu chuẩn nêu trên. Nghị định 91/2017/NĐ-CP đã hết hiệu lực.
Hồ sơ đề nghị xét tặng gồm những gì?
Điều 5. Hồ sơ đề nghị
Hồ sơ gồm tờ trình, biên bản họp và báo cáo thành tích.
"""


def test_article_is_secondary_with_question_sections():
    doc = parse_document(ARTICLE, "tvpl-bai-viet.txt")
    h = doc.header
    assert h.secondary is True
    assert h.title == "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở năm 2026 là gì?"
    assert h.relations == []
    assert not any(b.text.startswith(("TIÊU ĐỀ", "SỐ HIỆU", "=====")) for b in doc.blocks)
    q1 = "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở năm 2026 là gì?"
    assert _block(doc, "Căn cứ Điều 23").kind == "text"
    quoted = _block(doc, "1. Đạt tiêu chuẩn")
    assert _labels(quoted) == [q1, "Điều 23", "Khoản 1"]
    # the article's own words after the quotation go back to the question's section
    assert _labels(_block(doc, "Như vậy,")) == [q1]
    # a quoted Điều with a smaller number is fine in an article (no ordering there)
    assert _labels(_block(doc, "Hồ sơ gồm")) == ["Hồ sơ đề nghị xét tặng gồm những gì?", "Điều 5"]
    _assert_nothing_lost(ARTICLE, doc)


def test_preamble_wins_over_body_header():
    text = ("TIÊU ĐỀ: Quyết định ban hành Quy chế thi đua\nSỐ HIỆU: 45/2026/QĐ-UBND\n"
            "CƠ QUAN BAN HÀNH: Ủy ban nhân dân tỉnh Bắc Ninh\nNGÀY BAN HÀNH: 15/12/2026\n"
            "NGUỒN: github:example/repo@abc src/qd.md (bản markdown từ trang văn bản pháp luật)\n" + "=" * 40 + "\n\n"
            + _read("quyet_dinh_thi_dua.txt"))
    doc = parse_document(text)
    assert doc.header.title == "Quyết định ban hành Quy chế thi đua"
    assert doc.header.doc_type == "Quyết định" and doc.header.secondary is False
    assert doc.blocks[0].text == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert doc.header.effective_date == "01/01/2027"


def test_markdown_regulation_restarts_numbering():
    text = ("BỘ NỘI VỤ\nSố: 22/2025/TT-BNV\nHà Nội, ngày 19 tháng 10 năm 2025\nTHÔNG TƯ\nBan hành Quy chế thi tuyển\n"
            "Căn cứ Luật Cán bộ, công chức;\nĐiều 1. Ban hành kèm theo Thông tư này Quy chế thi tuyển.\n"
            "Điều 2. Thông tư này có hiệu lực thi hành kể từ ngày 10/12/2025.\n"
            "## QUY CHẾ THI TUYỂN CÔNG CHỨC\n(Kèm theo Thông tư số 22/2025/TT-BNV)\nChương I\nQUY ĐỊNH CHUNG\n"
            "Điều 1. Phạm vi điều chỉnh\nQuy chế này quy định việc thi tuyển.\n")
    doc = parse_document(text)
    assert doc.header.issuer == "Bộ Nội vụ" and doc.header.doc_type == "Thông tư"
    assert doc.header.effective_date == "10/12/2025"
    b = _block(doc, "Quy chế này quy định")
    assert b.path[0] == ("vanban", "Quy chế", "THI TUYỂN CÔNG CHỨC")
    assert _labels(b) == ["Quy chế", "Chương I", "Điều 1"]


def test_header_from_docx_table_rows():
    text = ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 15/2023/TT- BKHĐT | Hà Nội, ngày 26 tháng 12 năm 2023\nTHÔNG TƯ\n"
            "Hướng dẫn công tác thi đua, khen thưởng ngành Kế hoạch và Đầu tư\nCăn cứ Luật Thi đua, khen thưởng;\n"
            "Điều 1. Hiệu lực thi hành\nThông tư này có hiệu lực thi hành sau 45 ngày kể từ ngày ký.\n")
    doc = parse_document(text)
    h = doc.header
    assert (h.number, h.doc_type, h.issuer, h.date) == ("15/2023/TT-BKHĐT", "Thông tư", "Bộ Kế hoạch và Đầu tư",
                                                        "26/12/2023")
    assert h.title == "Thông tư hướng dẫn công tác thi đua, khen thưởng ngành Kế hoạch và Đầu tư"
    assert h.effective_date == "09/02/2024"
    # header rows are text, not a table
    assert all(b.kind == "text" for b in doc.blocks[:5])


def test_capitalised_header_and_heading_forms():
    text = ("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\nSố: 12/2026/QĐ-UBND\nCần Thơ, ngày 02 tháng 01 năm 2026\n"
            "QUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH VỀ THI ĐUA, KHEN THƯỞNG TRÊN ĐỊA BÀN THÀNH PHỐ CẦN THƠ\n"
            "Căn cứ Luật Thi đua, khen thưởng;\n"
            "PHẦN THỨ NHẤT\nNHỮNG QUY ĐỊNH CHUNG\nChương I. PHẠM VI ÁP DỤNG\nMục 1\nĐỐI TƯỢNG\n"
            "Điều 5\nGiải thích từ ngữ\nTrong Quy định này, các từ ngữ dưới đây được hiểu như sau:\n"
            "Phần thứ hai\nChương 2 - TỔ CHỨC THỰC HIỆN\nĐiều 7 Trách nhiệm của cơ quan\nNội dung.\n")
    doc = parse_document(text)
    h = doc.header
    assert h.issuer == "Ủy ban nhân dân thành phố Cần Thơ"
    assert h.title == "Quyết định ban hành quy định về thi đua, khen thưởng trên địa bàn thành phố Cần Thơ"
    assert _block(doc, "Trong Quy định này").path == [
        ("phan", "Phần thứ nhất", "NHỮNG QUY ĐỊNH CHUNG"), ("chuong", "Chương I", "PHẠM VI ÁP DỤNG"),
        ("muc", "Mục 1", "ĐỐI TƯỢNG"), ("dieu", "Điều 5", "Giải thích từ ngữ")]
    assert _labels(_block(doc, "Nội dung.")) == ["Phần thứ hai", "Chương 2", "Điều 7"]


def test_empty_text():
    doc = parse_document("  \n\n", "rong.txt")
    assert doc.blocks == [] and doc.header.title == "rong.txt" and doc.header.secondary


# ---------------------------------------------------------------------------------- shared corpus

@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [], ids=lambda p: p.name[:40])
def test_shared_corpus_document(path):
    text = path.read_text(encoding="utf-8")
    doc = parse_document(text, path.name)
    h = doc.header
    assert h.number, path.name
    assert h.title and h.date and h.doc_type and not h.secondary
    sections = [b for b in doc.blocks if b.kind == "heading" and b.path]
    assert any(b.path[-1][0] == "dieu" for b in sections) or len(sections) >= 3
    _assert_nothing_lost(text, doc)


@pytest.mark.skipif(not (CORPUS / "articles").is_dir(), reason="../shared/corpus not present")
def test_shared_articles_are_secondary():
    for path in sorted((CORPUS / "articles").glob("*.txt")):
        doc = parse_document(path.read_text(encoding="utf-8"), path.name)
        assert doc.header.secondary, path.name
        assert doc.header.relations == [], path.name
        assert doc.blocks, path.name
