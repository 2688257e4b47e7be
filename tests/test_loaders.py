"""Loaders: each file type on a good fixture, and every kind of bad file as a clear LoaderError.

Binary fixtures are made here: DOCX with python-docx, PDF with matplotlib's PDF backend (DejaVu
Sans gives a real Vietnamese text layer), encrypted PDF with pypdf.
"""

from __future__ import annotations

import io
import os
import pickle
import random
import unicodedata
import zipfile
from pathlib import Path

import pytest

from ingest.legacy import TCVN3, VNI, unicode_to_legacy
from ingest.loaders import SUPPORTED_SUFFIXES, LoaderError, load

DATA = Path(__file__).parent / "data" / "loaders"
PDF_LINES = ["Điều 1. Phạm vi điều chỉnh",
             "1. Thông tư này hướng dẫn công tác thi đua, khen thưởng.",
             "a) Đạt 700 điểm trở lên;"]


def nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- fixtures made in the test ------------------------------------------------------------------

def make_pdf(pages: list[list[str]], image_only: bool = False) -> bytes:
    """A PDF whose pages carry the given lines as real text (or only an image, like a scan)."""
    import numpy as np
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    buf = io.BytesIO()
    with PdfPages(buf) as pdf:
        for page_lines in pages:
            fig = Figure(figsize=(8.27, 11.69))
            if image_only:
                rng = np.random.default_rng(0)
                fig.figimage(rng.random((200, 150)), xo=50, yo=300)
            for i, line in enumerate(page_lines):
                fig.text(0.08, 0.92 - i * 0.04, line, fontsize=11, family="DejaVu Sans")
            pdf.savefig(fig)
    return buf.getvalue()


@pytest.fixture(scope="module")
def text_pdf() -> bytes:
    return make_pdf([PDF_LINES, ["Điều 2. Hiệu lực thi hành", "Thông tư có hiệu lực từ ngày ký."]])


def make_docx(build) -> bytes:
    import docx
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def docx_with_table(document):
    document.sections[0].header.paragraphs[0].text = "ĐẦU TRANG KHÔNG LẤY"
    document.sections[0].footer.paragraphs[0].text = "CHÂN TRANG KHÔNG LẤY"
    document.add_paragraph("Điều 1. Phạm vi điều chỉnh")
    document.add_paragraph("1. Tiêu chuẩn xếp loại như sau:")
    table = document.add_table(rows=4, cols=3)
    for col, text in enumerate(["STT", "Xếp loại", "Điểm"]):
        table.cell(0, col).text = text
    merged = table.cell(1, 0).merge(table.cell(2, 0))  # vertical merge: "1" must appear once
    merged.text = "1"
    table.cell(1, 1).text, table.cell(1, 2).text = "Xuất sắc", "90 trở lên"
    table.cell(2, 1).text, table.cell(2, 2).text = "Tốt", "70 đến dưới 90"
    wide = table.cell(3, 0).merge(table.cell(3, 2))  # horizontal merge: one cell
    wide.text = "Ghi chú: điểm thưởng tối đa 10"
    document.add_paragraph("a) Đạt 700 điểm trở lên;")
    document.add_paragraph("Điều 2. Hiệu lực thi hành")


# -- good files ---------------------------------------------------------------------------------

def test_txt_keeps_lines():
    loaded = load(DATA / "good.txt")
    assert loaded.kind == "txt" and loaded.pages == 1 and loaded.warnings == []
    got = lines(loaded.text)
    for expected in ("Điều 1. Phạm vi điều chỉnh", "a) Chiến sĩ thi đua cơ sở;", "Số: 15/2023/TT-BKHĐT",
                     "1. Thông tư này hướng dẫn về đối tượng, tiêu chuẩn khen thưởng."):
        assert expected in got
    assert nfc(loaded.text)


def test_md_strips_markup_but_keeps_lines():
    loaded = load(DATA / "good.md")
    got = lines(loaded.text)
    assert loaded.kind == "md"
    assert got[0] == "THÔNG TƯ hướng dẫn thi đua"
    assert "Chương I. QUY ĐỊNH CHUNG" in got
    assert "Điều 1. Phạm vi điều chỉnh" in got
    assert "1. Thông tư này áp dụng cho cán bộ, công chức." in got
    assert "2. Danh hiệu gồm:" in got
    assert "a) Chiến sĩ thi đua cơ sở;" in got
    assert "- Lao động tiên tiến" in got
    assert "Ghi chú: xem Phụ lục I." in got
    assert got[-2:] == ["Xuất sắc | 90 trở lên", "Tốt | 70 đến dưới 90"]
    assert "Xếp loại | Điểm" in got
    assert not any(c in loaded.text for c in "*#[]`>") and "---" not in loaded.text
    assert "logo" not in loaded.text and "example.invalid" not in loaded.text


def test_html_visible_text_blocks_and_tables():
    loaded = load(DATA / "good.html")
    got = lines(loaded.text)
    assert loaded.kind == "html"
    assert got[0] == "Điều 1. Phạm vi điều chỉnh"
    assert got[1] == "1. Thông tư này hướng dẫn về tiêu chuẩn\u00a0khen thưởng." or \
        got[1] == "1. Thông tư này hướng dẫn về tiêu chuẩn khen thưởng."
    assert got[2:4] == ["a) Chiến sĩ thi đua cơ sở;", "b) Lao động tiên tiến."]
    assert got[4:7] == ["Xếp loại | Điểm", "Xuất sắc | 90 trở lên", "Tốt | 70 đến dưới 90"]
    assert "Điều 2. Hiệu lực & thi hành" in got
    for hidden in ("secret", "không hiển thị", "Trang chủ", "color", "ẩn đi", "Tiêu đề trang"):
        assert hidden not in loaded.text


def test_html_nested_tables_and_layout_cells(tmp_path):
    page = ("<table><tr><td><p>Điều 1. Một</p><p>1. Hai</p><p>a) Ba</p></td></tr></table>"  # layout
            "<table><tr><td>A</td><td>B<table><tr><td>x</td><td>y</td></tr></table></td></tr></table>")
    got = lines(load(write(tmp_path, "n.htm", page)).text)
    assert got == ["Điều 1. Một", "1. Hai", "a) Ba", "A | B", "x | y"]


def test_html_lists_show_their_markers(tmp_path):
    page = ("<ol><li>Danh hiệu<li>Hình thức</ol><ol type='a' start='2'><li>Tập thể</li></ol>"
            "<ul><li>Cá nhân</li></ul><ol type='I'><li>Chương một</li><li>Chương hai</li></ol>")
    assert lines(load(write(tmp_path, "l.html", page)).text) == [
        "1. Danh hiệu", "2. Hình thức", "b. Tập thể", "- Cá nhân", "I. Chương một", "II. Chương hai"]


def test_html_legacy_charset_meta(tmp_path):
    body = "<html><head><meta charset='windows-1252'></head><body><p>café crème</p></body></html>"
    assert load(write(tmp_path, "w.html", body.encode("cp1252"))).text == "café crème"


@pytest.mark.parametrize("closed", [True, False])
def test_html_deeply_nested_does_not_crash(tmp_path, closed):
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "Điều 9. Rất sâu" + ("</div>" * depth if closed else "") \
        + "<p>Sau cùng</p></body></html>"
    loaded = load(write(tmp_path, "deep.html", page))
    assert lines(loaded.text) == ["Điều 9. Rất sâu", "Sau cùng"]


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    loaded = load(write(tmp_path, "tt.docx", make_docx(docx_with_table)))
    assert loaded.kind == "docx"
    assert lines(loaded.text) == [
        "Điều 1. Phạm vi điều chỉnh",
        "1. Tiêu chuẩn xếp loại như sau:",
        "STT | Xếp loại | Điểm",
        "1 | Xuất sắc | 90 trở lên",
        "| Tốt | 70 đến dưới 90",
        "Ghi chú: điểm thưởng tối đa 10",
        "a) Đạt 700 điểm trở lên;",
        "Điều 2. Hiệu lực thi hành",
    ]
    assert "KHÔNG LẤY" not in loaded.text


def test_docx_nested_table_and_list_numbers(tmp_path):
    def build(document):
        document.add_paragraph("Danh hiệu thi đua", style="List Number")
        document.add_paragraph("Hình thức khen thưởng", style="List Number")
        document.add_paragraph("có gạch đầu dòng", style="List Bullet")
        outer = document.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "Ngoài"
        inner = outer.cell(0, 1).add_table(rows=2, cols=2)
        for r, row in enumerate([["Trong 1", "Trong 2"], ["Trong 3", "Trong 4"]]):
            for c, text in enumerate(row):
                inner.cell(r, c).text = text
        document.add_paragraph("Kết thúc")

    got = lines(load(write(tmp_path, "n.docx", make_docx(build))).text)
    assert got == ["1. Danh hiệu thi đua", "2. Hình thức khen thưởng", "- có gạch đầu dòng",
                   "Ngoài |", "Trong 1 | Trong 2", "Trong 3 | Trong 4", "Kết thúc"]


def test_pdf_text_layer_vietnamese(tmp_path, text_pdf):
    loaded = load(write(tmp_path, "tt.pdf", text_pdf))
    assert loaded.kind == "pdf" and loaded.pages == 2 and loaded.warnings == []
    got = lines(loaded.text)
    assert got[:3] == PDF_LINES
    assert "Điều 2. Hiệu lực thi hành" in got
    assert nfc(loaded.text)


def test_pdf_encrypted_with_empty_user_password_is_read(tmp_path, text_pdf):
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf)))
    writer.encrypt(user_password="", owner_password="chủ sở hữu", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert "Điều 1. Phạm vi điều chỉnh" in load(write(tmp_path, "owner.pdf", buf.getvalue())).text


def test_suffix_is_case_insensitive(tmp_path):
    assert "Điều 1" in load(write(tmp_path, "UPPER.TXT", "Điều 1. X")).text
    assert load(write(tmp_path, "UPPER.HTM", "<p>Điều 1. X</p>")).kind == "html"


def test_nfd_input_comes_back_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Điều 1. Quyết định khen thưởng Chiến sĩ thi đua")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    loaded = load(write(tmp_path, "nfd.txt", decomposed))
    assert loaded.text == "Điều 1. Quyết định khen thưởng Chiến sĩ thi đua"

    def build(document):
        document.add_paragraph(decomposed)
    assert load(write(tmp_path, "nfd.docx", make_docx(build))).text == loaded.text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_files(tmp_path, codec):
    text = "Điều 1. Phạm vi\n1. Một\na) Hai\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    loaded = load(write(tmp_path, "u.txt", data))
    assert loaded.text == text.strip() and loaded.warnings == []


def test_windows_line_endings(tmp_path):
    assert load(write(tmp_path, "crlf.txt", "Điều 1.\r\n1. Một\r\n")).text == "Điều 1.\n1. Một"


@pytest.mark.parametrize("legacy", [TCVN3, VNI])
def test_legacy_encoded_txt_is_converted_and_reported(tmp_path, legacy):
    text = ("Điều 1. Phạm vi điều chỉnh\n1. Người được khen thưởng phải đạt tiêu chuẩn.\n"
            "a) Hoàn thành xuất sắc nhiệm vụ;")
    loaded = load(write(tmp_path, "cu.txt", unicode_to_legacy(text, legacy)))
    assert loaded.text == text
    assert any(f"converted from {legacy}" in w for w in loaded.warnings)


def test_legacy_text_inside_docx_is_converted(tmp_path):
    legacy_chars = unicode_to_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam. Điều 1. Phạm vi điều chỉnh", TCVN3)

    def build(document):  # what Word stores when someone typed with a .VnTime font
        document.add_paragraph(legacy_chars.decode("latin-1"))
    loaded = load(write(tmp_path, "vntime.docx", make_docx(build)))
    assert loaded.text == "Cộng hòa xã hội chủ nghĩa Việt Nam. Điều 1. Phạm vi điều chỉnh"
    assert any("converted from TCVN3" in w for w in loaded.warnings)


# -- bad files: always a LoaderError with a clear reason ------------------------------------------

def reason(path: Path, **limits) -> str:
    with pytest.raises(LoaderError) as info:
        load(path, **limits)
    err = info.value
    assert str(err) == f"{path}: {err.reason}" and "\n" not in str(err)
    return err.reason


def test_unsupported_suffix(tmp_path):
    assert "unsupported file type '.doc'" in reason(write(tmp_path, "old.doc", b"x"))
    assert "unsupported" in reason(write(tmp_path, "noext", b"x"))
    assert "unsupported" in reason(write(tmp_path, "sheet.xlsx", b"PK\x03\x04"))


@pytest.mark.parametrize("name", ["e.txt", "e.md", "e.html", "e.docx", "e.pdf"])
def test_empty_file(tmp_path, name):
    assert reason(write(tmp_path, name, b"")) == "empty file"


def test_whitespace_only_and_no_text(tmp_path):
    assert "only whitespace" in reason(write(tmp_path, "blank.txt", " \n\t\n"))
    assert "no text" in reason(write(tmp_path, "blank.html", "<html><script>x()</script></html>"))


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path, "big.txt", "Điều 1. " * 1000)
    monkeypatch.setattr("builtins.open", lambda *a, **k: pytest.fail("read a file over the limit"))
    why = reason(path, max_bytes=1000)
    assert "too large" in why and "limit" in why


def test_missing_directory_and_unreadable(tmp_path, monkeypatch):
    assert reason(tmp_path / "missing.txt") == "file not found"
    (tmp_path / "dir.txt").mkdir()
    assert reason(tmp_path / "dir.txt") == "not a regular file"
    path = write(tmp_path, "locked.txt", "Điều 1.")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr("builtins.open", denied)
    assert "permission denied" in reason(path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a mode-000 file")
def test_unreadable_for_real(tmp_path):
    path = write(tmp_path, "locked.txt", "Điều 1.")
    path.chmod(0)
    try:
        assert "permission denied" in reason(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("name", ["bin.txt", "bin.md", "bin.pdf", "bin.docx"])
def test_binary_garbage_renamed(tmp_path, name):
    garbage = random.Random(7).randbytes(4096)
    why = reason(write(tmp_path, name, b"\x89PNG\r\n\x1a\n" + garbage))
    assert any(word in why for word in ("binary", "not a PDF", "not a valid zip", "not a .docx"))


def test_corrupt_and_truncated_docx(tmp_path):
    good = make_docx(docx_with_table)
    assert "zip" in reason(write(tmp_path, "cut.docx", good[: len(good) // 2]))
    flipped = bytearray(good)
    start = good.index(b"word/document.xml") + 200  # inside that member's compressed data
    flipped[start:start + 64] = bytes(64)
    assert "corrupt" in reason(write(tmp_path, "flipped.docx", bytes(flipped)))
    not_word = io.BytesIO()
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert "word/document.xml is missing" in reason(write(tmp_path, "zip.docx", not_word.getvalue()))
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)
    assert "old binary .doc or a password-protected" in reason(write(tmp_path, "ole.docx", ole))


def _zip_bomb(member_mb: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/bomb.xml", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(member_mb):
                member.write(chunk)
    return buf.getvalue()


@pytest.mark.parametrize("member_mb", [30, 210])
def test_docx_zip_bomb_is_refused(tmp_path, member_mb):
    data = _zip_bomb(member_mb)
    assert len(data) < 1_000_000
    assert "zip bomb" in reason(write(tmp_path, "bomb.docx", data))


def test_pdf_truncated(tmp_path, text_pdf):
    assert "truncated" in reason(write(tmp_path, "cut.pdf", text_pdf[: len(text_pdf) * 2 // 3]))


def test_pdf_corrupt_body(tmp_path):
    assert "PDF" in reason(write(tmp_path, "junk.pdf", b"%PDF-1.4\n" + bytes(2000) + b"\n%%EOF\n"))


def test_pdf_password_protected(tmp_path, text_pdf):
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf)))
    writer.encrypt(user_password="mật khẩu", owner_password="chủ", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert "password-protected PDF" in reason(write(tmp_path, "locked.pdf", buf.getvalue()))


def test_pdf_scanned_without_text_layer(tmp_path):
    why = reason(write(tmp_path, "scan.pdf", make_pdf([[], []], image_only=True)))
    assert "scanned PDF with no text layer" in why and "OCR" in why


def test_pdf_too_many_pages(tmp_path, text_pdf):
    why = reason(write(tmp_path, "tt.pdf", text_pdf), max_pages=1)
    assert "too many pages (2; the limit is 1)" in why


def test_loader_error_pickles_and_is_one_line(tmp_path):
    err = LoaderError(tmp_path / "a.pdf", "first line\nsecond   line")
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) == f"{tmp_path / 'a.pdf'}: first line second line"
    assert again.reason == "first line second line" and again.path == err.path


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES))
def test_random_damage_never_escapes_as_another_exception(tmp_path, suffix, text_pdf):
    """Cut or scribble over good files at random places: text or a LoaderError, nothing else."""
    good = {".pdf": text_pdf, ".docx": make_docx(docx_with_table)}.get(
        suffix, (DATA / "good.html").read_bytes())
    rng = random.Random(suffix)
    for trial in range(12):
        data = bytearray(good)
        if trial % 2:
            data = data[: rng.randrange(1, len(data))]
        else:
            for _ in range(8):
                at = rng.randrange(len(data))
                data[at:at + 16] = rng.randbytes(16)
        path = write(tmp_path, f"t{trial}{suffix}", bytes(data))
        try:
            loaded = load(path)
        except LoaderError:
            continue
        assert isinstance(loaded.text, str) and nfc(loaded.text)


def test_docx_multilevel_numbering_like_a_decree(tmp_path):
    """Word's automatic numbering "Điều %1." / "%2." / "%3)" is written out as a reader sees it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(document):
        numbering = document.part.numbering_part.element
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            + "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                      f'<w:lvlText w:val="{text}"/></w:lvl>'
                      for i, (fmt, text) in enumerate([("decimal", "Điều %1."), ("decimal", "%2."),
                                                       ("lowerLetter", "%3)")]))
            + '</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        for level, text in [(0, "Phạm vi điều chỉnh"), (1, "Thông tư này quy định:"), (2, "Đối tượng;"),
                            (2, "Tiêu chuẩn."), (1, "Không áp dụng cho:"), (2, "Người lao động."),
                            (0, "Hiệu lực thi hành")]:
            paragraph = document.add_paragraph(text)
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    got = lines(load(write(tmp_path, "nd.docx", make_docx(build))).text)
    assert got == ["Điều 1. Phạm vi điều chỉnh", "1. Thông tư này quy định:", "a) Đối tượng;",
                   "b) Tiêu chuẩn.", "2. Không áp dụng cho:", "a) Người lao động.", "Điều 2. Hiệu lực thi hành"]
