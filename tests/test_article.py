"""Articles as sources (issue 16): layout, headline, date, publisher, places, legal bases, chrome.

Lines are copied from corpus/ (the seed news articles) and from ../shared/corpus/articles (explainers).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.article import basis_label, citation_label, date_line, format_basis, is_article
from ingest.legal_refs import legal_bases
from ingest.normalize import clean_spaces
from ingest.structure import parse_document
from ingest.types import DocHeader

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _seed(prefix: str):
    path = next(CORPUS.glob(prefix + "_*.txt"))
    return parse_document(clean_spaces(path.read_text(encoding="utf-8")), path.name)


@pytest.mark.parametrize("line, iso", [
    ("Cập nhật lúc10:20, Thứ Hai, 10/07/2017 (GMT+7)", "2017-07-10"),
    ("Cập nhật lúc 22:40, Thứ Hai, 10/07/2017 (GMT+7)", "2017-07-10"),
    ("24/03/2018 - 14:45", "2018-03-24"),
    ("08:24, 06/01/2023", "2023-01-06"),
    ("Ngày 05/3/2024", "2024-03-05"),
    ("Thứ năm, 12/05/2022 09:15", "2022-05-12"),
    ("10:15, 12/02/2026", "2026-02-12"),
])
def test_date_formats(line, iso):
    assert date_line(line) == iso


@pytest.mark.parametrize("line", [
    "Ngày 14/6/2025, Chính phủ đã ban hành Nghị định 152/2025/NĐ-CP quy định về phân cấp, phân quyền",
    "Hội thao truyền thống lần X của Quỹ phát triển nhà ở Thành phố (3/8/2019)",
    "Chi tiết mức tiền thưởng các danh hiệu thi đua khen thưởng từ ngày 01/7/2025 là bao nhiêu?",
    "32/13/2020",
])
def test_sentences_are_not_date_lines(line):
    assert date_line(line) == ""


@pytest.mark.parametrize("prefix, title, date", [
    ("000", "Chủ động, đổi mới công tác chuyên môn sát nhiệm vụ trọng tâm của thành phố", "10/07/2017"),
    ("001", "Nâng cao chất lượng tham mưu thực hiện thành công chủ đề năm", "10/07/2017"),
    ("002", "Gắn công tác cán bộ với đổi mới phương thức lãnh đạo", "24/03/2018"),
    ("003", "Công tác lãnh đạo, chỉ đạo thực hiện tốt phong trào thi đua “Dân vận khéo” tại Đảng bộ Khối năm 2018",
     ""),
    ("004", "Sôi nổi phong trào thi đua trong Khối các cơ quan Đảng thuộc Tỉnh ủy", "06/01/2023"),
])
def test_seed_headline_not_section_label_and_date(prefix, title, date):
    h = _seed(prefix).header
    assert (h.kind, h.title, h.date, h.secondary) == ("article", title, date, True)
    assert h.meta.get("published", "") == ("-".join(reversed(date.split("/"))) if date else "")


def test_section_label_is_metadata_not_title_nor_text():
    doc = _seed("003")
    assert doc.header.meta["section"] == "Thông tin lý luận"
    assert not any("Thông tin lý luận" in b.text for b in doc.blocks)
    assert _seed("002").header.meta["section"] == "Chính trị - Xã hội Xây dựng Đảng"


def test_dateline_codes_give_publisher_and_province():
    h1 = _seed("001").header     # "(HPĐT)- “Để thực hiện được mục tiêu tăng trưởng kinh tế- xã hội …"
    assert h1.meta["dateline"] == "HPĐT" and h1.meta["publisher"] == "Báo Hải Phòng điện tử"
    assert "Hải Phòng" in h1.meta["places"]
    h2 = _seed("002").header     # "TTH - Quan tâm xây dựng đội ngũ cán bộ chất lượng …"
    assert h2.meta["dateline"] == "TTH" and h2.meta["places"][0] == "Huế"
    assert "Văn phòng UBND tỉnh" in h2.meta["bodies"]
    h4 = _seed("004").header     # footer "BÁO NAM ĐỊNH ĐIỆN TỬ"
    assert h4.meta["publisher"] == "Báo Nam Định" and "Nam Định" in h4.meta["places"]
    assert "Đảng ủy Khối các cơ quan thành phố" in _seed("001").header.meta["bodies"]


def test_chrome_stripped_and_its_dates_ignored():
    doc = _seed("003")
    text = "\n".join(b.text for b in doc.blocks)
    # the related-article list "… (10/8/2019)" and the page's menus are gone; no date taken from them
    assert "(10/8/2019)" not in text and "CÁC TIN BÀI KHÁC" not in text
    assert "Hình ảnh hoạt động" not in text and "Video" not in text.split()
    assert doc.header.date == "" and "published" not in doc.header.meta
    assert "Ban Thường vụ Đảng ủy Khối sẽ tập trung đẩy mạnh" in text     # the article's last words stay
    text2 = "\n".join(b.text for b in _seed("002").blocks)
    assert "Chia sẻ bài viết" not in text2 and "ĐỒNG HÀNH CÙNG DOANH NGHIỆP" not in text2
    assert "Bài, ảnh: Thái Bình" not in text2 and _seed("002").header.meta["author"] == "Thái Bình"
    text4 = "\n".join(b.text for b in _seed("004").blocks)
    assert "Tổng biên tập" not in text4 and "toasoanbnd@gmail.com" not in text4
    assert "các nghị quyết chuyên đề toàn khóa của BCH Đảng bộ tỉnh./." in text4


EXPLAINER = """TIÊU ĐỀ: Giáo viên xét danh hiệu Chiến sĩ thi đua cơ sở phải đáp ứng tiêu chuẩn gì? Hội đồng thi đua khen thưởng gồm những ai?
SỐ HIỆU: (bài viết giải đáp/phân tích, không phải văn bản gốc)
CƠ QUAN BAN HÀNH: Bài viết hỏi-đáp pháp luật (phong cách thuvienphapluat.vn), trích dẫn nguyên văn các điều khoản
NGÀY BAN HÀNH: 2025 (theo nội dung bài)
NGUỒN: github:tnt305/tai_lieu_noi_bo@56eff108 src/etl/dataset/x.md
GHI CHÚ: Nguồn thứ cấp; dùng để kiểm tra truy hồi, đối chiếu với văn bản gốc khi có
========================================================================

Giáo viên xét danh hiệu Chiến sĩ thi đua cơ sở phải đáp ứng tiêu chuẩn gì? Hội đồng thi đua khen thưởng gồm những ai?

Giáo viên xét danh hiệu Chiến sĩ thi đua cơ sở phải đáp ứng tiêu chuẩn gì? Hội đồng thi đua khen thưởng gồm những ai?

Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở đối với giáo viên là gì?

Căn cứ Điều 23 Luật Thi đua, khen thưởng 2022 quy định về danh hiệu Chiến sĩ thi đua cơ sở như sau:

Danh hiệu “Chiến sĩ thi đua cơ sở” được xét tặng hằng năm cho cá nhân đạt các tiêu chuẩn sau đây:

Giáo viên xét danh hiệu Chiến sĩ thi đua cơ sở phải đáp ứng tiêu chuẩn gì? Hội đồng thi đua khen thưởng gồm những ai? (Hình từ Internet)

>> Danh sách Trưởng Công an xã 34 tỉnh thành sau sáp nhập tỉnh mới nhất 2025

Căn cứ tại khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP quy định chung về hồ sơ, thủ tục khen thưởng, như sau:

Quý khách cần hỏi thêm thông tin về có thể đặt câu hỏi tại đây.
"""


def test_explainer_title_bases_and_chrome():
    doc = parse_document(EXPLAINER, "bai-viet.txt")
    h = doc.header
    assert h.kind == "explainer" and h.secondary and h.date == "" and h.meta["year"] == "2025"
    assert h.title.startswith("Giáo viên xét danh hiệu Chiến sĩ thi đua cơ sở")
    assert h.meta["legal_bases"][0] == {"diem": None, "khoan": None, "dieu": "23",
                                        "doc": "Luật Thi đua, khen thưởng", "year": "2022", "number": None}
    text = "\n".join(b.text for b in doc.blocks)
    assert "(Hình từ Internet)" not in text and "Quý khách" not in text and "34 tỉnh thành" not in text
    assert text.count("Hội đồng thi đua khen thưởng gồm những ai?") == 1     # the repeated headline
    assert basis_label(h.meta) == ("căn cứ: Điều 23 Luật Thi đua, khen thưởng 2022; "
                                   "Khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP")


@pytest.mark.parametrize("sentence, ref", [
    ("Căn cứ Điều 23 Luật Thi đua, khen thưởng 2022 quy định về danh hiệu Chiến sĩ thi đua cơ sở như sau:",
     {"diem": None, "khoan": None, "dieu": "23", "doc": "Luật Thi đua, khen thưởng", "year": "2022", "number": None}),
    ("Căn cứ theo quy định tại khoản 2 Điều 24 Nghị định 98/2023/NĐ-CP quy định",
     {"diem": None, "khoan": "2", "dieu": "24", "doc": "Nghị định 98/2023/NĐ-CP", "year": "2023",
      "number": "98/2023/NĐ-CP"}),
    ("Căn cứ quy định tại khoản 1 Điều 22 Luật Thi đua Khen thưởng năm 2022 có nêu rằng:",
     {"diem": None, "khoan": "1", "dieu": "22", "doc": "Luật Thi đua Khen thưởng", "year": "2022", "number": None}),
    ("Theo Điều 4 Quy định 366-QĐ/TW năm 2025 quy định cụ thể căn cứ kiểm điểm",
     {"diem": None, "khoan": None, "dieu": "4", "doc": "Quy định 366-QĐ/TW", "year": "2025", "number": "366-QĐ/TW"}),
])
def test_legal_basis_parsed_from_a_sentence(sentence, ref):
    assert legal_bases(sentence) == [ref]


def test_format_basis_and_citation_label():
    ref = legal_bases("theo khoản 2 Điều 24 Nghị định 98/2023/NĐ-CP")[0]
    assert format_basis(ref) == "Khoản 2 Điều 24 Nghị định 98/2023/NĐ-CP"
    h1 = _seed("001").header
    assert citation_label(h1.meta, h1.title, h1.date) == "Báo Hải Phòng điện tử, 10/07/2017"
    h0 = _seed("000").header
    assert citation_label(h0.meta, h0.title) == f"{h0.title}, 10/07/2017"
    assert is_article(h0.meta) and not is_article({"kind": "legal"})


DECREE = """ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG -------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------

Số: 212/2025/QĐ-UBND

Hải Phòng, ngày 18 tháng 11 năm 2025

QUYẾT ĐỊNH

BAN HÀNH QUY ĐỊNH VỀ TIÊU CHÍ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC

Căn cứ Luật Cán bộ, công chức số 80/2025/QH15;
Căn cứ Điều 23 Luật Thi đua, khen thưởng 2022;
Ngày 05/3/2024

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy định về tiêu chí đánh giá.
"""


def test_legal_document_is_not_an_article():
    h = parse_document(DECREE, "qd-212.txt").header
    assert h.kind == "legal" and not h.secondary
    assert (h.number, h.date, h.doc_type) == ("212/2025/QĐ-UBND", "18/11/2025", "Quyết định")
    assert h.issuer == "Ủy ban nhân dân thành phố Hải Phòng" and h.meta["places"] == ["Hải Phòng"]
    assert "legal_bases" not in h.meta and "published" not in h.meta


def test_header_defaults_keep_old_behaviour():
    assert DocHeader().kind == "" and DocHeader().meta == {}


def test_store_keeps_meta_and_migrates_an_old_index(tmp_path):
    import sqlite3

    from ingest.settings import Settings
    from ingest.store import Index
    from tests.fakes import FakeEmbedder

    data = tmp_path / "data"
    data.mkdir()
    old = sqlite3.connect(data / "hoidap.sqlite")     # an index made before the meta column existed
    old.executescript("CREATE TABLE documents (doc_id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, "
                      "source TEXT NOT NULL, content_hash TEXT NOT NULL, title TEXT, number TEXT, doc_type TEXT, "
                      "issuer TEXT, date TEXT, effective_date TEXT, secondary INTEGER DEFAULT 0, "
                      "relations TEXT DEFAULT '[]', n_chunks INTEGER, pages INTEGER DEFAULT 1, ingested_at TEXT);"
                      "INSERT INTO documents (path, source, content_hash, title) VALUES ('/old.txt', 'old.txt', 'h', 'Cũ');")
    old.close()
    index = Index(Settings(data_dir=data, llm="none"), FakeEmbedder())
    assert index.documents()[0].meta == {} and index.documents()[0].kind == ""
    h = _seed("001").header
    doc_id = index.put_document("/x/001.txt", "001.txt", "hash", h, [], [], [])
    rec = index.document(doc_id)
    assert rec.title == "Nâng cao chất lượng tham mưu thực hiện thành công chủ đề năm" and rec.date == "10/07/2017"
    assert rec.meta["publisher"] == "Báo Hải Phòng điện tử" and rec.is_article and rec.kind == "article"
    from ingest.places import mentions     # refusal's scope check on the record the store returns
    assert mentions(rec, "HP") and mentions(rec, "Đảng ủy Khối các cơ quan thành phố Hải Phòng")
    assert not mentions(rec, "Đà Nẵng")
    index.close()
