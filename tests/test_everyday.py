"""A yes/no question in everyday words ("trả lại tiền học", "nghỉ ngang") is answered by the clause in the
law's words ("đền bù chi phí đào tạo", "bỏ việc"), shown first (bot/answering/everyday.py; eval dev24 d24-010
was refused, dev26 d26-014 showed Khoản 2 of the right Điều)."""

from __future__ import annotations

import pytest

from bot.answering.everyday import in_regulation_words, regulation_words
from tests.test_direct import make_service

# ../shared/corpus luat-80-2025-qh15, Điều 29
LAW = """QUỐC HỘI
Luật số: 80/2025/QH15
LUẬT
CÁN BỘ, CÔNG CHỨC
Điều 29. Trách nhiệm và quyền lợi của công chức trong đào tạo, bồi dưỡng
1. Công chức có trách nhiệm tự nghiên cứu, học tập để nâng cao trình độ và tham gia các lớp đào tạo, bồi dưỡng theo kế hoạch.
2. Công chức tham gia đào tạo, bồi dưỡng phải chấp hành quy định về đào tạo, bồi dưỡng của cơ sở đào tạo, bồi dưỡng và của cơ quan cử đi đào tạo, bồi dưỡng.
3. Công chức được cử tham gia đào tạo, bồi dưỡng được hưởng chế độ, chính sách theo quy định của pháp luật.
4. Công chức được đào tạo nếu tự ý bỏ việc, thôi việc phải đền bù chi phí đào tạo theo quy định của pháp luật.
5. Chính phủ quy định chi tiết Điều này.
Điều 32. Thôi việc đối với công chức
3. Không giải quyết thôi việc đối với công chức đang trong thời gian xem xét xử lý kỷ luật.
"""


def test_everyday_words_read_as_the_laws_where_the_clause_uses_them():
    held = " cong chuc duoc dao tao neu tu y bo viec thoi viec phai den bu chi phi dao tao "
    assert in_regulation_words("phai tra lai tien hoc", held) == "phai den bu chi phi dao tao"
    assert in_regulation_words("nop don xin thoi viec", " khong giai quyet thoi viec ") == "thoi viec"
    assert in_regulation_words("phai tra lai tien hoc", " cong chuc tham gia dao tao ") == "phai tra lai tien hoc"
    assert regulation_words("co phai tra lai tien hoc khong", held) == ["đền bù", "chi phí đào tạo"]


def test_the_clause_in_the_laws_words_answers_first(tmp_path):
    s = make_service(tmp_path, {"luat-80-2025.txt": LAW})
    try:
        for q in ("Công chức được cơ quan cử đi học, học xong lại tự ý nghỉ việc thì có phải trả lại tiền học không?",
                  "Mình là công chức được cử đi học, giờ nghỉ ngang thì có phải bồi thường tiền học không?"):
            ans = s.ask(q)
            assert not ans.refused, (q, ans.answer)
            assert ans.direct and "đền bù chi phí đào tạo" in ans.direct["text"], (q, ans.direct)
    finally:
        s.close()


# nd-170-2025-nd-cp, Điều 51: "có bị giảm phụ cấp không" is answered by "được bảo lưu phụ cấp" (blind dev30 d30-012)
ROTATION = """CHÍNH PHỦ
Số: 170/2025/NĐ-CP
NGHỊ ĐỊNH
Quy định về tuyển dụng, sử dụng và quản lý công chức
Điều 51. Chế độ, chính sách đối với công chức luân chuyển
1. Công chức luân chuyển đến vị trí công tác khác mà phụ cấp chức vụ mới thấp hơn phụ cấp chức vụ đảm nhiệm trước khi luân chuyển thì được bảo lưu phụ cấp chức vụ hiện hưởng trong thời gian luân chuyển.
2. Công chức luân chuyển đến làm việc ở miền núi, biên giới, hải đảo, vùng sâu, vùng xa được hưởng các chế độ, chính sách ưu đãi theo quy định của pháp luật.
"""


def test_a_cut_asked_is_answered_by_what_is_kept(tmp_path):
    held = " duoc bao luu phu cap chuc vu hien huong "
    assert in_regulation_words("bi giam phu cap", held) == "bi bao luu phu cap"
    assert in_regulation_words("diem duoc giu lai", " khong duoc bao luu ket qua ") == "diem duoc bao luu"
    s = make_service(tmp_path, {"nd-170-2025.txt": ROTATION})
    try:
        ans = s.ask("Em đi luân chuyển sang chỗ mới mà phụ cấp chức vụ ở đó thấp hơn chỗ cũ thì có bị giảm phụ cấp không ạ?")
        assert not ans.refused, ans.answer
        assert ans.direct and "bảo lưu phụ cấp chức vụ" in ans.direct["text"], ans.direct
    finally:
        s.close()


# tt-22-2025-tt-bnv, Nội quy Khoản 5; luat-80-2025-qh15 Điều 7 Khoản 5: refused for coverage, the questions in
# everyday words (dev18 d18-002 "chai nước lọc", blind dev31 d31-012 "sếp", "trái luật").
RULES = """BỘ NỘI VỤ
Số: 22/2025/TT-BNV
THÔNG TƯ
Ban hành Nội quy và Quy chế thi tuyển, xét tuyển công chức
NỘI QUY THI TUYỂN, XÉT TUYỂN CÔNG CHỨC
1. Thí sinh phải có mặt tại phòng thi đúng giờ quy định.
5. Chỉ được mang vào phòng thi: thước kẻ, bút viết để làm bài thi; nước uống đựng trong bình chứa trong suốt; các loại giấy tờ, tài liệu theo yêu cầu của từng bài thi; một số loại thuốc mà thi sinh dự thi có bệnh án phải mang theo, trừ trường hợp có quy định khác.
"""


def test_coverage_reads_the_question_in_the_laws_words_too(tmp_path):
    from bot.answering.refusal import support
    from bot.types import Hit
    rule = Hit(chunk_id=1, doc_id=1, score=1.0, source="tt-22.txt", title="Nội quy thi tuyển", number="22/2025/TT-BNV",
               issuer="", date="", section="Nội quy › Khoản 5", text=RULES.split("\n")[-2], dense_score=0.6)
    q = "Đi thi công chức có được phép mang chai nước lọc vào phòng thi không?"
    everyday = support(q, [rule], threshold=0.0)
    assert everyday.pair_coverage > 0 and "chai" not in everyday.missing   # read as "nước uống"
    s = make_service(tmp_path, {"tt-22-2025.txt": RULES})
    try:
        ans = s.ask(q)
        assert not ans.refused and "nước uống đựng trong bình chứa trong suốt" in ans.answer, ans.answer
    finally:
        s.close()


def test_a_law_term_holding_an_everyday_phrase_is_kept():
    # "nghỉ việc riêng" is personal leave: not read as "thôi việc" (dev4 d4-045)
    assert in_regulation_words("xin nghi viec rieng khi con ket hon", " thoi viec ") == "xin nghi viec rieng khi con ket hon"
    assert in_regulation_words("muon nghi viec", " thoi viec ") == "muon thoi viec"


# TT 22/2025 Điều 12 (blind dev33 d33-004: "đề ra sai câu thì có được cho điểm câu đó không" was refused for coverage)
_SAI_SOT = " truong hop co sai sot trong de thi thi tat ca thi sinh duoc tinh diem cho cau co sai sot "
# Luật 80 Điều 33 (blind dev38 d38-014: "có được lên lương sớm hơn bình thường không" was refused for its act)
_NANG_LUONG = " can bo cong chuc duoc khen thuong do co thanh tich xuat sac hoac cong trang thi duoc nang luong truoc thoi han "
# NĐ 170 Điều 12 (dev25 d25-014: "trượt xét tuyển … có được bảo lưu sang kỳ sau không" was refused for coverage)
_TRUNG_TUYEN = " nguoi khong trung tuyen trong ky xet tuyen cong chuc khong duoc bao luu ket qua xet tuyen "
# Luật 80 Điều 11 (dev5 d5-010: "có được trả tiền cho mấy ngày phép không nghỉ không" was refused for its act)
_NGHI_HANG_NAM = (" khong su dung hoac su dung khong het so ngay nghi hang nam thi ngoai tien luong con duoc thanh"
                  " toan them ")
# NĐ 152/2025 Điều 4 as an article quotes it (blind dev38 d38-047, dev26 d26-054: "đủ chuẩn khen thưởng … có ưu tiên
# chị em phụ nữ không" were refused)
_CA_NHAN_NU = (" khi co nhieu ca nhan tap the cung du dieu kien tieu chuan thi lua chon ca nhan nu hoac tap the co ty le"
               " nu tu 70 tro len de xet khen thuong ")
# Luật 80 Điều 19 (blind dev43 d43-036: "chưa được xóa án tích thì có được nộp hồ sơ thi công chức không?" was refused
# for its act). The law's words are matched as the clauses' syllables are folded: "đăng ký" is "dang ki".
_DU_TUYEN = " nhung nguoi sau day khong duoc dang ki du tuyen cong chuc "
# KH 157 Cần Thơ (blind dev47 d47-030: "Đơn vị chi trả có phải trả tận tay cho những ai không?" was refused for its act)
_TRUC_TIEP = " bo tri nguon luc to chuc chi tra truc tiep cho mot so doi tuong dac thu nhu nguoi cao tuoi song mot minh "
# The Tòa án article (blind dev45 d45-011, dev47 d47-050, dev49 d49-051: a court clerk moved mid-year, "có cần ý kiến
# của tòa cũ không?", were refused for coverage)
_DON_VI_CU = (" truong hop ca nhan chuyen cong tac co thoi gian cong tac o co quan don vi cu tu 06 thang tro len phai co"
              " y kien nhan xet cua co quan don vi cu ")
# Luật 80 Điều 31 (dev36 d36-025: "chức phó phòng cũ có tự động thôi không?" was refused for coverage)
_DUONG_NHIEN = " duoc bo nhiem chuc vu lanh dao quan li moi thi duong nhien thoi giu chuc vu lanh dao quan li dang dam nhiem "
# NĐ 170 Điều 52 (dev36 d36-008: "cấp trên chưa đồng ý thì … phải làm tiếp?" was refused for coverage)
_TIEP_TUC = (" chua duoc nguoi dung dau co quan to chuc don vi dong y thi van phai tiep tuc thuc hien chuc trach nhiem vu ")


@pytest.mark.parametrize("act,held,read", [
    ("de ra sai cau thi thi sinh co duoc cho diem cau do", _SAI_SOT,
     "sai sot trong de thi cau thi thi sinh co duoc tinh diem cau do"),
    ("co duoc cho diem khong", " cham thi theo dap an ", "co duoc cho diem khong"),
    ("len luong som hon binh thuong", _NANG_LUONG, "nang luong truoc thoi han"),
    ("len luong som hon binh thuong", " duoc tang bang khen ", "len luong som hon binh thuong"),
    ("truot xet tuyen cong chuc", _TRUNG_TUYEN, "khong trung tuyen xet tuyen cong chuc"),
    ("thi truot cong chuc", _TRUNG_TUYEN, "khong trung tuyen cong chuc"),
    ("truot xet tuyen", " thi tuyen cong chuc ", "truot xet tuyen"),
    ("tra tien cho may ngay phep khong nghi", _NGHI_HANG_NAM, "thanh toan cho may ngay nghi hang nam khong nghi"),
    ("nhieu nguoi cung du chuan khen thuong co uu tien chi em phu nu", _CA_NHAN_NU,
     "nhieu ca nhan cung du dieu kien tieu chuan khen thuong co lua chon ca nhan nu"),
    ("uu tien chi em", " uu tien xet tuyen ", "uu tien chi em"),
    ("nop ho so thi cong chuc", _DU_TUYEN, "dang ki du tuyen cong chuc"),
    ("nop ho so thi cong chuc", " thi tuyen cong chuc ", "nop ho so thi cong chuc"),
    ("tra tan tay cho nhung ai", _TRUC_TIEP, "tra truc tiep cho nhung ai"),
    ("chuyen sang toa khac co can y kien cua toa cu", _DON_VI_CU,
     "chuyen cong tac toa khac co can y kien cua don vi cu"),
    ("da lam o cho cu 7 thang", _DON_VI_CU, "da lam o don vi cu 7 thang"),
    ("co can y kien cua toa cu", " toa an nhan dan cap huyen ", "co can y kien cua toa cu"),
    ("chuc pho phong cu co tu dong thoi", _DUONG_NHIEN, "chuc pho phong cu co duong nhien thoi"),
    ("cap tren chua dong y thi co phai lam tiep", _TIEP_TUC,
     "nguoi dung dau chua dong y thi co phai tiep tuc"),
    ("co bi tinh la can cu ha loai ca hai nam", " chi tinh la can cu xep loai chat luong o mot nam danh gia ",
     "co bi tinh la can cu xep loai ca hai nam"),
    ("dang nuoi con nho chua du 3 tuoi", " dang nuoi con duoi 36 thang tuoi tru truong hop co nguyen vong ",
     "dang nuoi con nho duoi 36 thang tuoi"),
    # blind dev72 d72-039: "có được nhẹ tay khi xử lý kỷ luật không" (NĐ 172 Điều 4 Khoản 3)
    ("duoc nhe tay khi xu li ki luat", " thi duoc giam nhe muc ki luat ", "duoc giam nhe khi xu li ki luat"),
    ("duoc nhe tay khi xu li ki luat", " hinh thuc ki luat canh cao ", "duoc nhe tay khi xu li ki luat"),
    # blind dev73 d73-021: "nói chuyện với người ngồi bên cạnh" (TT 22/2025 Nội quy Điều 2 Khoản 2)
    ("noi chuyen voi nguoi ngoi ben canh", " b trao doi voi thi sinh khac va da bi nhac nho ",
     "trao doi voi thi sinh khac"),
    # dev76 d76-015: "gặp trực tiếp công chức đó để nói rõ lý do" (NĐ 170 Điều 26 Khoản 6)
    ("gap truc tiep cong chuc de noi ro li do", " can gap go cong chuc neu ro muc dich su can thiet ",
     "gap go cong chuc de neu ro muc dich"),
    ("gap truc tiep cong chuc", " tiep nhan cong chuc ", "gap truc tiep cong chuc"),
    # blind dev80 d80-031: "lúc họp nhận xét, chấm điểm anh em đồng nghiệp" (Luật 80 Điều 13 Khoản 1 Điểm b)
    ("hop nhan xet cham diem dong nghiep", " khach quan khi nhan xet danh gia dong nghiep ",
     "hop nhan xet danh gia dong nghiep"),
    ("cham diem bai thi", " cham thi theo dap an ", "cham diem bai thi"),
    # blind dev83 d83-051 and dev84 d84-069 were refused for their act
    ("co duoc lay lai danh hieu", " thi duoc phuc hoi va trao lai danh hieu vinh du nha nuoc ",
     "co duoc trao lai danh hieu"),
    # blind dev84 d84-024: "khi tiếp dân … cách nói năng" (Luật 80 Điều 13 Khoản 2 Điểm b)
    ("khi tiep dan thi cach noi nang", " trong giao tiep voi nhan dan ngon ngu giao tiep phai chuan muc ",
     "khi giao tiep voi nhan dan thi cach ngon ngu giao tiep"),
    ("duoc thi tho song phang ngang nhau", " 2 bao dam canh tranh binh dang ", "duoc canh tranh binh dang binh dang"),
])
def test_everyday_words_said_plainly_are_the_laws_where_the_clause_has_them(act, held, read):
    """Each everyday phrase is read in the law's words where the clause (`held`) uses them, and kept where it
    does not."""
    assert in_regulation_words(act, held) == read

