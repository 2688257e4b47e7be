"""An explainer article that both retrievers rank first is not set below a primary document (issue 18).

The secondary factor puts an article below "the primary document saying the same". When the dense and the
keyword retriever both rank one article's passage first, no primary clause says the same better: on fused
reciprocal ranks a fixed factor of 0.85 moved a first-in-both passage below clauses ranked about tenth, and
a decree about *viên chức* answered a question about *đảng viên*. Texts modelled on ../shared/corpus
articles/tvpl-tong-hop-phieu-bieu-quyet-xep-loai-chat-luong-dang-vien and nd-233-2026-nd-cp Điều 14.
"""

from __future__ import annotations

import pytest

from bot.service import Hoidap
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

ARTICLE = """TIÊU ĐỀ: Đảng viên nghỉ ốm đau có phải đánh giá xếp loại cuối năm không?
SỐ HIỆU: (bài viết giải đáp/phân tích, không phải văn bản gốc)
CƠ QUAN BAN HÀNH: Bài viết hỏi-đáp pháp luật (phong cách thuvienphapluat.vn), trích dẫn nguyên văn các điều khoản
NGÀY BAN HÀNH: 2025 (theo nội dung bài)
GHI CHÚ: Nguồn thứ cấp; dùng để kiểm tra truy hồi, đối chiếu với văn bản gốc khi có
========================================================================

Đảng viên nghỉ ốm đau có phải đánh giá xếp loại cuối năm không?

Theo tiểu mục 7.5 Mục 7 Hướng dẫn 43-HD/BTCTW, đảng viên nghỉ ốm vẫn phải đánh giá xếp loại cuối năm.

Như vậy, Đảng viên nghỉ ốm vẫn phải đánh giá xếp loại cuối năm. Cụ thể, Đảng viên nghỉ ốm với tổng thời gian trong năm từ 03 tháng trở lên thì kết quả xếp loại chất lượng là kết quả của thời gian làm việc thực tế.
"""

DECREE = """CHÍNH PHỦ
Số: 233/2026/NĐ-CP
Hà Nội, ngày 15 tháng 5 năm 2026
NGHỊ ĐỊNH
Quy định về đánh giá, xếp loại chất lượng đối với đơn vị sự nghiệp công lập và viên chức
Điều 14. Trường hợp đặc biệt trong đánh giá, xếp loại chất lượng viên chức
1. Viên chức có thời gian làm việc trong năm chưa đủ 06 tháng thì không xếp loại chất lượng.
2. Viên chức nghỉ ốm hoặc nghỉ thai sản thì kết quả xếp loại chất lượng cuối năm là kết quả của thời gian làm việc thực tế.
Điều 15. Thời điểm xếp loại chất lượng viên chức
Thời điểm xếp loại chất lượng viên chức được tiến hành trước ngày 5 tháng 12 hằng năm.
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    root = tmp_path_factory.mktemp("consensus")
    docs = root / "docs"
    docs.mkdir()
    (docs / "tvpl-dang-vien-nghi-om.txt").write_text(ARTICLE, encoding="utf-8")
    (docs / "nd-233-2026.txt").write_text(DECREE, encoding="utf-8")
    s = Hoidap(Settings(data_dir=root / "data", llm="none"), embedder=FakeEmbedder())
    assert s.ingest([docs]).ok
    yield s
    s.close()


def test_an_article_first_in_both_retrievers_stays_first(svc):
    q = "Đảng viên nghỉ ốm có phải đánh giá xếp loại cuối năm không?"
    retriever = svc.retriever
    dense = retriever.dense(q, 5)
    kw = retriever.keyword(q, 5)
    assert dense[0][0]["chunk_id"] == kw[0][0]["chunk_id"]        # both put the article's passage first
    hits = svc.search(q, k=5)
    assert hits[0].secondary and hits[0].source == "tvpl-dang-vien-nghi-om.txt"


def test_an_article_first_in_one_retriever_only_is_still_set_below(svc):
    # The rule itself stays for the rest: the article's other passages are demoted as before.
    hits = svc.search("Thời điểm xếp loại chất lượng viên chức hằng năm", k=5)
    assert not hits[0].secondary
