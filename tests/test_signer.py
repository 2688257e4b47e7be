"""Who signed a document is answered from its signature block (bot/answering/signer.py): the line that
closes the "Nơi nhận" chunk, quoted and cited (blind dev30 d30-027 got the plan's heading instead)."""

from __future__ import annotations

import pytest

from bot.answering.signer import asks_signer, signature
from tests.test_direct import make_service

PLAN = """ỦY BAN NHÂN DÂN TỈNH NGHỆ AN
Số: 982/KH-UBND
Nghệ An, ngày 10 tháng 9 năm 2025
KẾ HOẠCH
Triển khai Đợt thi đua lập thành tích chào mừng Đại hội lần thứ XIV của Đảng
I. MỤC ĐÍCH, YÊU CẦU
1. Phát động Đợt thi đua sâu rộng trong các cơ quan, đơn vị trên địa bàn tỉnh.
2. Sở Nội vụ hướng dẫn khen thưởng Đợt thi đua; tham mưu biểu dương các tập thể, cá nhân tiêu biểu.
Nơi nhận:
- Bộ Nội vụ (Báo cáo);
- Thường trực Tỉnh ủy (Báo cáo);
- PCT UBND tỉnh Phùng Thành Vinh;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phùng Thành Vinh
"""


def test_the_signature_line_and_name_are_read():
    assert signature("- Lưu: VT.\nCHỦ TỊCH Phùng Thị Hồng Hà") == ("CHỦ TỊCH Phùng Thị Hồng Hà", "CHỦ TỊCH",
                                                                "Phùng Thị Hồng Hà")
    line, office, name = signature("- Lưu HCTĐKT.\nK/T TRƯỞNG BAN PHÓ TRƯỞNG BAN Ngô Đông Hải")
    assert name == "Ngô Đông Hải" and office == "TRƯỞNG BAN PHÓ TRƯỞNG BAN"
    assert signature("- Lưu: VT.\nCHỦ TỊCH QUỐC HỘI") is None          # reproduced without the signer
    assert signature("- Sở Nội vụ;\n- Lưu: VT, NC (TP, Loan).") is None


def test_only_a_question_on_who_signed_asks():
    assert asks_signer("Ai ký Kế hoạch 982/KH-UBND?") and asks_signer("nguoi ky nghi quyet 83 la ai")
    assert asks_signer("Quy chế này do ai ký ban hành?")
    assert not asks_signer("Ai là người đứng đầu Hội đồng Thi đua - Khen thưởng tỉnh?")


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = make_service(tmp_path_factory.mktemp("signer"), {"kh-982.txt": PLAN})
    yield s
    s.close()


@pytest.mark.parametrize("question", ["Ai ký Kế hoạch 982/KH-UBND?", "ai ky ke hoach 982/KH-UBND cua Nghe An"])
def test_the_signer_is_answered_with_the_block_quoted(svc, question):
    ans = svc.ask(question)
    assert not ans.refused and ans.answer.startswith("Người ký: Phùng Thành Vinh."), ans.answer
    assert "«TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phùng Thành Vinh»" in ans.answer
    assert ans.citations[0].number == "982/KH-UBND" and ans.direct["unit"] == "signature"


def test_who_may_sign_is_not_who_signed(svc):
    # no số hiệu and no "văn bản này": the question asks for an authority, not this plan's signer
    ans = svc.ask("Ai ký quyết định khen thưởng Đợt thi đua?")
    assert not ans.answer.startswith("Người ký:"), ans.answer
