"""Small parts of the web page: accounts, upload names, highlighting, document structure, the CLI."""

from __future__ import annotations

import unicodedata

import pytest
from click.testing import CliRunner

from bot import users
from bot.web.cli import user_group
from bot.web.text import document_sections, highlight, query_terms, render_text, slug
from bot.uploads import UploadError, check_suffix, safe_filename, vietnamese_reason
from ingest.settings import Settings


@pytest.fixture
def settings(tmp_path):
    return Settings(data_dir=tmp_path / "data", llm="none")


# -- accounts -----------------------------------------------------------------------------------------------

def test_accounts_are_argon2_hashed_and_verified(settings):
    users.add_user(settings, "Lan", "mot-mat-khau-dai", admin=True)
    import sqlite3
    stored = sqlite3.connect(users.db_path(settings)).execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and "mot-mat-khau-dai" not in stored
    u = users.verify(settings, "lan", "mot-mat-khau-dai")  # names are case-insensitive
    assert u and u.name == "Lan" and u.admin
    assert users.verify(settings, "Lan", "sai") is None
    assert users.verify(settings, "ai-do", "mot-mat-khau-dai") is None
    assert users.verify(settings, "../../etc", "x") is None


def test_account_rules(settings):
    users.add_user(settings, "hoa", "12345678")
    with pytest.raises(users.UserError, match="already exists"):
        users.add_user(settings, "HOA", "12345678")
    with pytest.raises(users.UserError, match="at least 8"):
        users.add_user(settings, "binh", "ngan")
    with pytest.raises(users.UserError, match="letters, digits"):
        users.add_user(settings, "x y", "12345678")
    with pytest.raises(users.UserError, match="no user"):
        users.remove_user(settings, "khong-co")
    assert [u.name for u in users.list_users(settings)] == ["hoa"]
    epoch = users.get_user(settings, "hoa").epoch
    users.set_password(settings, "hoa", "abcdefgh")
    assert users.get_user(settings, "hoa").epoch == epoch + 1
    assert users.verify(settings, "hoa", "abcdefgh") and not users.verify(settings, "hoa", "12345678")


def test_cli_user_commands(settings, monkeypatch):
    runner = CliRunner()
    dd = ["--data-dir", str(settings.data_dir)]
    monkeypatch.setenv("HOIDAP_USER_PASSWORD", "mat-khau-tu-env")
    r = runner.invoke(user_group, ["add", "quantri", "--admin", *dd])
    assert r.exit_code == 0 and "created admin account quantri" in r.output
    monkeypatch.delenv("HOIDAP_USER_PASSWORD")
    r = runner.invoke(user_group, ["add", "nhanvien", *dd], input="mat-khau-go-tay\nmat-khau-go-tay\n")
    assert r.exit_code == 0, r.output
    assert "mat-khau-go-tay" not in r.output  # typed without echo
    assert users.verify(settings, "nhanvien", "mat-khau-go-tay")
    r = runner.invoke(user_group, ["add", "nhanvien", *dd], input="mat-khau-go-tay\nmat-khau-go-tay\n")
    assert r.exit_code == 1 and "already exists" in r.output
    r = runner.invoke(user_group, ["add", "ngan", *dd], input="ngan\nngan\n")
    assert r.exit_code == 1 and "at least 8" in r.output
    r = runner.invoke(user_group, ["list", *dd])
    assert "quantri\tadmin" in r.output and "nhanvien\tstaff" in r.output
    r = runner.invoke(user_group, ["remove", "nhanvien", *dd])
    assert r.exit_code == 0 and users.get_user(settings, "nhanvien") is None
    assert runner.invoke(user_group, ["remove", "nhanvien", *dd]).exit_code == 1


# -- upload names ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("../../x.txt", "x.txt"),
    ("..\\..\\windows\\evil.docx", "evil.docx"),
    ("/etc/passwd.txt", "passwd.txt"),
    ("Quyết định 71/2025.pdf", "2025.pdf"),
    ("bad\u202etxt.exe.pdf", "badtxt.exe.pdf"),        # right-to-left override dropped
    ("a\x00b<>:\"|?*.md", "ab.md"),
    ("  ..hidden.txt  ", "hidden.txt"),
    (unicodedata.normalize("NFD", "Thông tư hoà.txt"), "Thông tư hoà.txt"),
])
def test_safe_filename(raw, expected):
    name = safe_filename(raw)
    assert name == expected
    assert unicodedata.is_normalized("NFC", name) and "/" not in name and "\\" not in name


def test_safe_filename_rejects_empty_and_limits_length():
    for raw in ["", "..", "/", "....", None]:
        with pytest.raises(UploadError):
            safe_filename(raw)
    long = safe_filename("a" * 500 + ".docx")
    assert len(long) <= 120 and long.endswith(".docx")
    with pytest.raises(UploadError, match="không được hỗ trợ"):
        check_suffix("run.sh")
    check_suffix("VAN-BAN.PDF")


def test_loader_reasons_become_vietnamese():
    assert "mật khẩu" in vietnamese_reason("PDF is encrypted (password-protected)")
    assert "ảnh quét" in vietnamese_reason("scanned PDF: no text layer")
    assert "TCVN3" in vietnamese_reason("legacy TCVN3 encoding detected")
    assert vietnamese_reason("something odd") == "Không đọc được nội dung tệp."


# -- highlighting and structure ----------------------------------------------------------------------------

def test_plain_query_marks_accented_words():
    html = highlight("Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng", query_terms("chien si thi dua co so"))
    assert html == "Danh hiệu <mark>Chiến sĩ thi đua cơ sở</mark> được xét tặng"


def test_tone_placement_variants_and_abbreviations():
    assert "<mark>hòa giải</mark>" in highlight("công tác hòa giải ở cơ sở", query_terms("hoà giải"))
    assert "<mark>thi đua khen thưởng</mark>" in highlight("Hội đồng thi đua khen thưởng", query_terms("TĐKT"))


def test_short_syllables_and_particles_are_not_marked_alone():
    terms = query_terms("88 diem thi xep loai gi")
    html = highlight("Đạt 88 điểm thì xếp loại Tốt. Kỳ thi tuyển; Số: 12", terms)
    assert "<mark>88 điểm thì xếp loại</mark>" in html
    assert "Kỳ thi tuyển" in html and "<mark>Số</mark>" not in html


def test_highlight_escapes_html():
    html = highlight('<img src=x onerror="alert(1)"> thi đua', query_terms("thi dua"))
    assert "<img" not in html and "&lt;img" in html and "<mark>thi đua</mark>" in html


def test_render_text_tables_and_paragraphs():
    html = render_text("Điều 9. Xếp loại\nXếp loại | Điểm\nTốt | 90 <b>\nGhi chú", skip_first_line="Điều 9: Xếp loại")
    assert html.startswith('<div class="table-wrap"><table><tr><td>Xếp loại</td><td>Điểm</td></tr>')
    assert "<td>90 &lt;b&gt;</td>" in html and html.endswith("<p>Ghi chú</p>")


def test_document_sections_anchors_and_headings():
    chunks = [
        {"chunk_id": 1, "section": "Đoạn 1", "dieu": "", "text": "QUYẾT ĐỊNH"},
        {"chunk_id": 2, "section": "Chương I", "dieu": "", "text": "Chương I\nQUY ĐỊNH CHUNG"},
        {"chunk_id": 3, "section": "Chương I › Điều 1", "dieu": "Điều 1. Phạm vi", "text": "Điều 1. Phạm vi\nNội dung"},
        {"chunk_id": 4, "section": "Chương II › Điều 8 › Khoản 1", "dieu": "Điều 8. Danh hiệu",
         "text": "Chương II\nDANH HIỆU THI ĐUA\nĐiều 8. Danh hiệu\n1. Khoản một"},
        {"chunk_id": 5, "section": "Chương II › Điều 8 › Khoản 2", "dieu": "Điều 8. Danh hiệu", "text": "2. Khoản hai"},
        {"chunk_id": 6, "section": "Phụ lục › Điều 8", "dieu": "Điều 8. Mẫu", "text": "Mẫu"},
    ]
    secs = document_sections(chunks, query_terms("khoan hai"), cited=5)
    anchors = [s.anchor for s in secs]
    assert anchors == ["mo-dau", "chuong-i", "dieu-1", "chuong-ii", "dieu-8", "phu-luc", "dieu-8-2"]
    assert secs[1].title == "QUY ĐỊNH CHUNG" and secs[4].title == "Điều 8. Danh hiệu"
    assert [c["chunk_id"] for c, _ in secs[4].chunks] == [4, 5]
    assert str(secs[2].chunks[0][1]) == "<p>Nội dung</p>"  # heading not repeated
    assert secs[3].title == "DANH HIỆU THI ĐUA" and str(secs[4].chunks[0][1]) == "<p>1. Khoản một</p>"
    assert "<mark>" in str(secs[4].chunks[1][1]) and "<mark>" not in str(secs[4].chunks[0][1])
    assert slug("Phụ lục II") == "phu-luc-ii"
