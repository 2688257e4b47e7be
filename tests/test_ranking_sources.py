"""Which clauses rank first (issue 18): not a plan's recipients list, and for a question naming a replaced
document, also the document that replaced it.

Texts are modelled on ../shared/corpus kh-0124-kh-ubnd-daklak (a plan whose "Nơi nhận" names every body
of the province) and on nd-233-2026-nd-cp Điều 19 ("Nghị định số 90/2020/NĐ-CP … hết hiệu lực").
"""

from __future__ import annotations

import pytest

from bot.answering.ranking import is_boilerplate
from bot.service import Hoidap
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

PLAN = """ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK
Số: 124/KH-UBND
Đắk Lắk, ngày 10 tháng 10 năm 2025
KẾ HOẠCH
Phát động Đợt thi đua lập thành tích chào mừng Đại hội lần thứ XIV của Đảng
I. MỤC ĐÍCH, YÊU CẦU
1. Biểu dương, tôn vinh các tập thể, cá nhân có thành tích xuất sắc trong Đợt thi đua.
II. HÌNH THỨC KHEN THƯỞNG
1. Các hình thức khen thưởng bao gồm: Huân chương Lao động; Bằng khen của Thủ tướng Chính phủ; Bằng khen của Chủ tịch UBND tỉnh; Giấy khen.
Nơi nhận:
- Ban Thi đua - Khen thưởng Trung ương (b/c);
- TT. Tỉnh ủy; TT. HĐND tỉnh (b/c);
- CT, PCT UBND tỉnh;
- Ủy ban MTTQ Việt Nam tỉnh và các đoàn thể tỉnh;
- Các Sở, ban, ngành; UBND các xã, phường;
- Báo và Phát thanh, Truyền hình Đắk Lắk;
- Lưu: VT, NV.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""

OLD = """CHÍNH PHỦ
Số: 90/2020/NĐ-CP
Hà Nội, ngày 13 tháng 8 năm 2020
NGHỊ ĐỊNH
Về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức
Điều 1. Tiêu chí xếp loại chất lượng viên chức
Viên chức được xếp loại chất lượng ở mức hoàn thành tốt nhiệm vụ khi đạt các tiêu chí về chính trị tư tưởng.
Điều 2. Xếp loại chất lượng viên chức không hoàn thành nhiệm vụ
Viên chức có thời gian làm việc trong năm chưa đủ 06 tháng thì không thực hiện xếp loại chất lượng viên chức.
Điều 3. Xếp loại chất lượng viên chức hoàn thành xuất sắc nhiệm vụ
Viên chức được xếp loại hoàn thành xuất sắc nhiệm vụ khi có nhiều thành tích nổi bật.
Điều 4. Xếp loại chất lượng viên chức hoàn thành nhiệm vụ
Viên chức được xếp loại hoàn thành nhiệm vụ khi đạt các tiêu chí cơ bản.
Điều 5. Thẩm quyền xếp loại chất lượng viên chức
Người đứng đầu đơn vị sự nghiệp công lập xếp loại chất lượng viên chức.
Điều 6. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 10 năm 2020.
"""

NEW = """CHÍNH PHỦ
Số: 233/2026/NĐ-CP
Hà Nội, ngày 15 tháng 5 năm 2026
NGHỊ ĐỊNH
Quy định về đánh giá, xếp loại chất lượng đối với đơn vị sự nghiệp công lập và viên chức
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về đánh giá, xếp loại chất lượng đơn vị sự nghiệp công lập và viên chức.
Điều 2. Hiệu lực thi hành
1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.
2. Nghị định số 90/2020/NĐ-CP ngày 13 tháng 8 năm 2020 của Chính phủ hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực.
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    root = tmp_path_factory.mktemp("ranking_sources")
    docs = root / "docs"
    docs.mkdir()
    for name, text in [("kh-124.txt", PLAN), ("nd-90-2020.txt", OLD), ("nd-233-2026.txt", NEW)]:
        (docs / name).write_text(text, encoding="utf-8")
    s = Hoidap(Settings(data_dir=root / "data", llm="none"), embedder=FakeEmbedder())
    assert s.ingest([docs]).ok
    yield s
    s.close()


def test_a_recipients_list_is_boilerplate():
    assert is_boilerplate({"section": "Nơi nhận"})
    assert not is_boilerplate({"section": "Mục III › Khoản 3"})
    assert not is_boilerplate({"section": "Điều 5 › Khoản 1"})


def test_a_recipients_list_ranks_below_the_clause(svc):
    # The question names the bodies the plan is sent to: the recipients list shares the most words with it.
    hits = svc.search("Kế hoạch của tỉnh Đắk Lắk gửi Ban Thi đua - Khen thưởng Trung ương, Tỉnh ủy, HĐND tỉnh, "
                      "các Sở, ban, ngành có những hình thức khen thưởng nào?", k=10)
    sections = [h.section for h in hits if h.source == "kh-124.txt"]
    assert sections[0] == "Mục II › Khoản 1"
    assert "Nơi nhận" not in sections[:3]   # below the plan's own clauses


def test_a_named_replaced_document_brings_its_replacement(svc):
    retriever = svc.retriever
    retriever._refresh_docs()
    assert retriever.successors(["90/2020"]) == ["233/2026"]
    assert retriever.successors(["233/2026"]) == []
    # Named by number, the old decree's seven clauses were all boosted and filled the first places.
    hits = svc.search("Nghị định 90/2020/NĐ-CP còn hiệu lực thi hành không?", k=5)
    assert any(h.source == "nd-233-2026.txt" and "hết hiệu lực" in h.text for h in hits[:3])
