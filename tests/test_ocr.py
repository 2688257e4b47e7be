"""OCR in ingest (issue 14): scans and photos made at run time from text, ingested and searched.

Needs Debian's tesseract-ocr + tesseract-ocr-vie (`make test` installs them). Without them these
tests skip, except under CI=true where that is a failure: the feature would otherwise go untested.
"""

from __future__ import annotations

import io
import os
import subprocess

import pytest
from PIL import Image

from benchmarks.scans import as_photo, render_pages, save_pdf
from bot.service import Hoidap
from ingest.loaders import IMAGE_SUFFIXES, SUPPORTED_SUFFIXES
from ingest.loaders.ocr import OcrOptions, OcrUnavailable, check_available
from ingest.pipeline import ingest_paths
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

DECREE = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 12/2025/QĐ-UBND
Hòa Bình, ngày 10 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy định về công tác thi đua, khen thưởng
Điều 1. Danh hiệu Chiến sĩ thi đua cơ sở
1. Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng cho cá nhân đạt danh hiệu Lao động tiên tiến và có sáng kiến được công nhận.
2. Tỷ lệ cá nhân được công nhận không quá 15% tổng số cá nhân đạt Lao động tiên tiến."""

SECOND = """Điều 2. Xếp loại chất lượng cán bộ
Cán bộ đạt từ 90 điểm trở lên được xếp loại Hoàn thành xuất sắc nhiệm vụ.
Cán bộ đạt dưới 50 điểm bị xếp loại Không hoàn thành nhiệm vụ."""


@pytest.fixture(scope="module")
def tesseract():
    try:
        check_available(OcrOptions())
    except OcrUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{exc} (make test installs it)")
        pytest.skip(str(exc))


@pytest.fixture
def svc(tmp_path):
    s = Hoidap(Settings(data_dir=tmp_path / "data", llm="none"), embedder=FakeEmbedder())
    yield s
    s.close()


def _page(text: str):
    return render_pages(text, dpi=200, max_pages=1)[0]


def _chunks(svc, source: str) -> list[dict]:
    doc = next(d for d in svc.index.documents() if d.source == source)
    return svc.index.document_chunks(doc.doc_id)


def test_image_suffixes_are_supported():
    assert {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"} == IMAGE_SUFFIXES
    assert IMAGE_SUFFIXES <= SUPPORTED_SUFFIXES


def test_scanned_image_is_indexed_searched_and_cited_by_page(svc, tmp_path, tesseract):
    path = tmp_path / "qd-12.png"
    _page(DECREE).save(path, dpi=(200, 200))
    report = svc.ingest([path])
    assert report.ok and report.added == ["qd-12.png"], report.failed
    doc = svc.index.documents()[0]
    assert doc.number == "12/2025/QĐ-UBND"          # the header parser works on recognised text
    assert doc.ocr["scanned_pages"] == [1] and doc.ocr["confidence"]["1"] > 85
    assert report.ocr["qd-12.png"]["low_confidence_pages"] == []
    hits = svc.search("tỷ lệ cá nhân được công nhận chiến sĩ thi đua cơ sở", k=3)
    assert "không quá 15%" in hits[0].text
    chunk = svc.index.chunks_by_ids([hits[0].chunk_id])[hits[0].chunk_id]
    assert chunk["page"] == 1 and chunk["scanned"] is True
    # the document view shows the recognised text
    assert any("Chiến sĩ thi đua cơ sở" in c["text"] for c in svc.document_chunks(doc.doc_id))


def test_mixed_pdf_text_page_and_scanned_page(svc, tmp_path, tesseract):
    from pypdf import PdfReader, PdfWriter

    text_pdf = tmp_path / "text.pdf"
    text_pdf.write_bytes(_text_pdf(["Quy dinh thi dua cua don vi so 7 nam 2025",
                                    "Dieu 1. Pham vi dieu chinh: cong tac thi dua cua don vi"]))
    scan = io.BytesIO()
    _page(SECOND).save(scan, "PDF", resolution=200)
    writer = PdfWriter()
    for source in (PdfReader(text_pdf), PdfReader(scan)):
        for page in source.pages:
            writer.add_page(page)
    mixed = tmp_path / "hon-hop.pdf"
    with open(mixed, "wb") as f:
        writer.write(f)
    report = svc.ingest([mixed])
    assert report.ok, report.failed
    pages = {(c["page"], c["scanned"]) for c in _chunks(svc, "hon-hop.pdf")}
    assert pages == {(1, False), (2, True)}
    assert svc.index.documents()[0].ocr["scanned_pages"] == [2]
    hit = svc.search("cán bộ đạt dưới 50 điểm xếp loại", k=1)[0]
    assert "Không hoàn thành nhiệm vụ" in hit.text
    assert svc.index.chunks_by_ids([hit.chunk_id])[hit.chunk_id]["page"] == 2


def test_low_confidence_page_is_reported_marked_and_indexed(tmp_path, tesseract):
    path = tmp_path / "mo.png"
    _page(DECREE).save(path, dpi=(200, 200))
    settings = Settings(data_dir=tmp_path / "data", llm="none", ocr_min_conf=99.5)
    s = Hoidap(settings, embedder=FakeEmbedder())
    report = s.ingest([path])
    assert report.ok
    (source, warning), = [w for w in report.warnings if "low OCR confidence" in w[1]]
    assert source == "mo.png" and "trang 1: nhận dạng kém," in warning and "%" in warning
    doc = s.index.documents()[0]
    assert doc.ocr["low_confidence_pages"] == [1] and doc.n_chunks > 0
    s.close()


def test_page_without_text_is_reported_not_indexed(svc, tmp_path, tesseract):
    from PIL import ImageDraw

    stamp = Image.new("L", (1654, 2339), 255)
    ImageDraw.Draw(stamp).ellipse((600, 900, 1050, 1350), outline=60, width=18)
    tiff = tmp_path / "ho-so.tiff"
    _page(DECREE).save(tiff, save_all=True, append_images=[stamp], dpi=(200, 200))
    report = svc.ingest([tiff])
    assert report.ok and report.added == ["ho-so.tiff"]           # a multi-page TIFF is one document
    assert any("page 2: no text recognised" in w for _, w in report.warnings)
    doc = svc.index.documents()[0]
    assert doc.ocr["blank_pages"] == [2] and doc.ocr["scanned_pages"] == [1, 2]
    assert {c["page"] for c in _chunks(svc, "ho-so.tiff")} == {1}
    # an image with nothing but a stamp is not a document
    stamp.save(tmp_path / "con-dau.png")
    report = svc.ingest([tmp_path / "con-dau.png"])
    assert not report.ok and "no text recognised" in report.failed[0][1]


def test_multipage_tiff_pages_and_max_pages(svc, tmp_path, tesseract):
    tiff = tmp_path / "hai-trang.tif"
    _page(DECREE).save(tiff, save_all=True, append_images=[_page(SECOND)], dpi=(200, 200))
    report = svc.ingest([tiff])
    assert report.ok and report.pages == 2
    assert {c["page"] for c in _chunks(svc, "hai-trang.tif")} == {1, 2}
    limited = Hoidap(Settings(data_dir=tmp_path / "d2", llm="none", max_pages=1), embedder=FakeEmbedder())
    report = limited.ingest([tiff])
    assert not report.ok and "too many pages (2; the limit is 1)" in report.failed[0][1]
    limited.close()


def test_exif_orientation_is_respected(svc, tmp_path, tesseract):
    # stored on its side, with EXIF orientation 6 ("rotate 90° clockwise to view"), as a phone does
    sideways = _page(DECREE).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "dien-thoai.jpg"
    sideways.convert("RGB").save(path, "JPEG", quality=90, exif=exif)
    report = svc.ingest([path])
    assert report.ok, report.failed
    assert svc.index.documents()[0].number == "12/2025/QĐ-UBND"


def test_page_scanned_a_few_degrees_askew_reads(svc, tmp_path, tesseract):
    path = tmp_path / "lech.png"
    _page(DECREE).rotate(3, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC).save(path)
    assert svc.ingest([path]).ok
    doc = svc.index.documents()[0]
    assert doc.number == "12/2025/QĐ-UBND" and doc.ocr["confidence"]["1"] > 80


def test_phone_photo_reads(svc, tmp_path, tesseract):
    path = tmp_path / "anh-chup.jpg"
    as_photo(_page(DECREE), seed=3).save(path, "JPEG", quality=80)
    assert svc.ingest([path]).ok
    assert "không quá 15%" in svc.search("tỷ lệ được công nhận không quá bao nhiêu", k=1)[0].text


def test_missing_tesseract_skips_scans_with_one_line_naming_the_package(tmp_path):
    """Runs without Tesseract installed too: the command setting points at a binary that does not exist."""
    (tmp_path / "docs").mkdir()
    _page(DECREE).save(tmp_path / "docs" / "scan.png")
    (tmp_path / "docs" / "qd.txt").write_text(DECREE, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", llm="none", tesseract=str(tmp_path / "no-such-tesseract"))
    s = Hoidap(settings, embedder=FakeEmbedder())
    report = s.ingest([tmp_path / "docs"])
    assert report.added == ["qd.txt"]                              # nothing else changes
    (name, reason), = report.failed
    assert name.endswith("scan.png") and "\n" not in reason
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in reason
    s.close()


def test_missing_tesseract_for_a_scanned_pdf(tmp_path):
    save_pdf([_page(DECREE)], tmp_path / "scan.pdf")
    settings = Settings(data_dir=tmp_path / "data", llm="none", tesseract="/nonexistent/tesseract")
    report = ingest_paths(Hoidap(settings, embedder=FakeEmbedder()).index, [tmp_path / "scan.pdf"], settings)
    (_, reason), = report.failed
    assert "scanned PDF" in reason and "tesseract-ocr" in reason


def test_ocr_time_limit_per_page(svc, tmp_path, tesseract):
    path = tmp_path / "cham.png"
    _page(DECREE).save(path)
    settings = Settings(data_dir=tmp_path / "d3", llm="none", ocr_timeout=0.01)
    s = Hoidap(settings, embedder=FakeEmbedder())
    report = s.ingest([path])
    assert not report.ok and "OCR took longer than 0.01 s" in report.failed[0][1]
    s.close()


def test_corrupt_image_is_skipped_and_index_unchanged(svc, tmp_path, tesseract):
    good = tmp_path / "qd.txt"
    good.write_text(DECREE, encoding="utf-8")
    svc.ingest([good])
    generation = svc.index.generation()
    png = io.BytesIO()
    _page(DECREE).save(png, "PNG")
    broken = tmp_path / "hong.png"
    broken.write_bytes(png.getvalue()[:200])                     # header fine, image data cut off
    fake = tmp_path / "khong-phai-anh.jpg"
    fake.write_bytes(b"this is not a JPEG at all" * 10)
    report = svc.ingest([broken, fake])
    assert not report.ok and len(report.failed) == 2
    reasons = dict(report.failed)
    assert "corrupt image" in reasons[str(broken)] or "not a readable image" in reasons[str(broken)]
    assert "not a readable image" in reasons[str(fake)]
    assert svc.index.generation() == generation and [d.source for d in svc.index.documents()] == ["qd.txt"]


def test_decompression_bomb_guard_stays_on(svc, tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    path = tmp_path / "lon.png"
    Image.new("L", (200, 200), 255).save(path)                   # 40 000 px > 2 x 1000
    report = svc.ingest([path])
    assert not report.ok and "too large to read safely" in report.failed[0][1]


def test_unsupported_type_named_explicitly_fails_but_walks_ignore_it(svc, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "bang-tinh.xlsx").write_bytes(b"PK\x03\x04 not really")
    (folder / "qd.txt").write_text(DECREE, encoding="utf-8")
    report = svc.ingest([folder])
    assert report.ok and report.ignored == [str(folder / "bang-tinh.xlsx")]
    report = svc.ingest([folder / "bang-tinh.xlsx"])
    assert not report.ok
    (name, reason), = report.failed
    assert name.endswith("bang-tinh.xlsx") and "unsupported file type '.xlsx'" in reason


def test_symlink_outside_the_folder_is_not_followed_unless_allowed(tmp_path):
    secret = tmp_path / "ngoai" / "bi-mat.txt"
    secret.parent.mkdir()
    secret.write_text(DECREE, encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "qd.txt").write_text(SECOND, encoding="utf-8")
    (folder / "lien-ket.txt").symlink_to(secret)
    (folder / "noi-bo.txt").symlink_to(folder / "qd.txt")        # inside the folder: followed
    settings = Settings(data_dir=tmp_path / "data", llm="none")
    index = Hoidap(settings, embedder=FakeEmbedder()).index
    report = ingest_paths(index, [folder], settings)
    assert "lien-ket.txt" not in report.added and "noi-bo.txt" in report.added
    (name, warning), = report.warnings                         # the link inside the folder is no concern
    assert name.endswith("lien-ket.txt") and "outside" in warning and "not followed" in warning
    report = ingest_paths(index, [folder], settings, follow_external_symlinks=True)
    assert "lien-ket.txt" in report.added


def test_killed_ocr_run_leaves_the_index_at_its_previous_version(tmp_path):
    """kill -9 while Tesseract is reading a page: the earlier version of every document stays live."""
    import sys
    import time

    slow = tmp_path / "slow-tesseract"
    started = tmp_path / "ocr-started"
    slow.write_text(f"#!/bin/sh\nif [ \"$1\" = --list-langs ]; then echo vie; exit 0; fi\n"
                    f"touch {started}\nsleep 60\n")
    slow.chmod(0o755)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "qd.txt").write_text(DECREE, encoding="utf-8")
    script = ("import sys; from pathlib import Path; from ingest.pipeline import ingest_paths; "
              "from ingest.settings import Settings; from ingest.store import Index; "
              "from tests.fakes import FakeEmbedder; "
              f"s = Settings(data_dir=Path({str(tmp_path / 'data')!r}), tesseract=sys.argv[1]); "
              f"r = ingest_paths(Index(s, FakeEmbedder()), [Path({str(folder)!r})], s); "
              "sys.exit(0 if r.ok else 1)")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": root}
    assert subprocess.run([sys.executable, "-c", script, "tesseract"], cwd=root, env=env, timeout=300).returncode == 0
    (folder / "qd.txt").write_text(DECREE.replace("15%", "20%"), encoding="utf-8")
    _page(SECOND).save(folder / "scan.png")
    p = subprocess.Popen([sys.executable, "-c", script, str(slow)], cwd=root, env=env, start_new_session=True)
    deadline = time.time() + 120
    while not started.exists() and time.time() < deadline and p.poll() is None:
        time.sleep(0.2)
    assert started.exists(), "OCR never started"
    os.killpg(p.pid, 9)
    p.wait(timeout=30)
    index = Hoidap(Settings(data_dir=tmp_path / "data", llm="none"), embedder=FakeEmbedder()).index
    docs = index.documents()
    assert [d.source for d in docs] == ["qd.txt"]
    assert any("15%" in c["text"] for c in index.document_chunks(docs[0].doc_id))


def test_progress_counts_pages(svc, tmp_path, tesseract):
    tiff = tmp_path / "hai.tiff"
    _page(DECREE).save(tiff, save_all=True, append_images=[_page(SECOND)])
    events = []
    svc.ingest([tiff], progress=events.append)
    ocr = [(e["done"], e["total"]) for e in events if e["stage"] == "ocr"]
    assert ocr == [(0, 2), (1, 2), (2, 2)]


def _text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, ASCII), written by hand."""
    content = "BT /F1 12 Tf 72 770 Td 16 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               "/Resources << /Font << /F1 5 0 R >> >> >>",
               f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out



def test_ocr_benchmark_part_runs_end_to_end(tmp_path, tesseract):
    from benchmarks import ocr

    res = ocr.run(tmp_path / "no-shared", tmp_path, pages=1, embedder=FakeEmbedder(), distractors=1)
    assert res["pages"] == 1 and set(res["ocr"]) == {"scan", "photo", "poor photo"}
    assert res["ocr"]["scan"]["cer_mean"] < 0.05 and res["retrieval"]["scan"]["n"] == res["questions"] > 0
    assert "| scan |" in ocr.render(res)


def test_missing_tesseract_mostly_typed_pdf_keeps_its_text_pages(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_text_pdf(["Dieu 1. Pham vi dieu chinh cua quy dinh thi dua nay"]))).pages:
        writer.add_page(page)
    scan = io.BytesIO()
    _page(SECOND).save(scan, "PDF", resolution=200)
    writer.add_page(PdfReader(scan).pages[0])
    path = tmp_path / "hon-hop.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    settings = Settings(data_dir=tmp_path / "data", llm="none", tesseract="/nonexistent/tesseract")
    s = Hoidap(settings, embedder=FakeEmbedder())
    report = s.ingest([path])
    assert report.ok and report.added == ["hon-hop.pdf"]
    (_, warning), = report.warnings
    assert "page(s) 2 have no text layer" in warning and "tesseract-ocr" in warning
    s.close()
