"""A plan's heading chunk (issuer, motto, "Số: …", date line, title in capitals) states nothing, yet it
shares every word of the plan's title with a question about the plan. It ranks below the plan's clauses
unless the question asks about the document itself (bot/answering/ranking.py, is_heading_only)."""

import pytest

from bot.answering.ranking import is_heading_only
from tests.test_direct import make_service

PLAN = """ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 0124/KH-UBND
Đắk Lắk, ngày 18 tháng 11 năm 2025
KẾ HOẠCH
PHÁT ĐỘNG ĐỢT THI ĐUA LẬP THÀNH TÍCH CHÀO MỪNG ĐẠI HỘI LẦN THỨ XIV CỦA ĐẢNG

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

Động viên cán bộ, công chức, viên chức và người lao động thi đua hoàn thành nhiệm vụ năm 2025.

II. NỘI DUNG

1. Đối tượng

Các cơ quan, đơn vị, địa phương trên địa bàn tỉnh.

2. Thời gian

Đợt thi đua bắt đầu từ ngày ký đến hết ngày 31 tháng 3 năm 2026.

3. Khen thưởng

Gồm: Huân chương Lao động; Bằng khen của Thủ tướng Chính phủ; Bằng khen của Chủ tịch UBND tỉnh; Giấy khen.
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = make_service(tmp_path_factory.mktemp("heading"), {"kh-0124-daklak.txt": PLAN})
    yield s
    s.close()


def test_a_heading_only_chunk_is_recognised():
    heading = {"section": "Phần mở đầu", "text": PLAN.split("\n\nI.")[0]}
    assert is_heading_only(heading)
    preamble = {"section": "Phần mở đầu", "text": "NGHỊ ĐỊNH\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 "
                "năm 2025;\nCăn cứ Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025;"}
    assert not is_heading_only(preamble)
    assert not is_heading_only({"section": "Mục II › Khoản 3", "text": "3. Hình thức khen thưởng"})


def test_the_plans_clause_answers_not_its_heading(svc):
    hits = svc.search("Đợt thi đua lập thành tích chào mừng Đại hội XIV của Đảng ở Đắk Lắk khen thưởng những gì?")
    assert "Huân chương Lao động" in hits[0].text
    # Asked about the document itself, the heading is the answer.
    hits = svc.search("Kế hoạch đợt thi đua chào mừng Đại hội XIV của Đắk Lắk ban hành ngày nào?")
    assert "ngày 18 tháng 11 năm 2025" in hits[0].text
