"""Pieces of the OCR path that need no Tesseract: TSV parsing, page of each chunk, CER, schema migration."""

from __future__ import annotations

import sqlite3

from benchmarks.ocr import cer
from ingest.loaders.ocr import OcrOptions, PageText, page_result, parse_tsv
from ingest.pagemap import assign_pages
from ingest.settings import Settings
from ingest.store import Index
from ingest.types import Chunk
from tests.fakes import FakeEmbedder

TSV = "\n".join([
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t",
    "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t96.5\tĐiều",
    "5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t93.5\t1.",
    "5\t1\t1\t1\t2\t1\t0\t0\t10\t10\t90\tPhạm",
    "5\t1\t1\t1\t2\t2\t0\t0\t10\t10\t-1\t ",
    "5\t1\t2\t1\t1\t1\t0\t0\t10\t10\t40\tvi",
    "5\t1\t2\t1\t1\t2\t0\t0\t10\t10\t7.4\t'_",
    "5\t1\t2\t1\t1\t3\t0\t0\t10\t10\t87\t-",
])


def test_parse_tsv_lines_blocks_and_mean_confidence():
    text, conf = parse_tsv(TSV)
    assert text == "Điều 1.\nPhạm\n\nvi -"          # the low-confidence speck "'_" is dropped, the dash kept
    assert conf == (96.5 + 93.5 + 90 + 40 + 87) / 5
    assert parse_tsv(TSV.split("\n")[0]) == ("", None)


def test_page_result_reports_low_and_blank_pages():
    pages = [PageText(1, "Điều 1. Văn bản có lớp chữ, đủ dài để có nghĩa."),
             PageText(2, "Điều 2. Trang quét đọc kém nhưng vẫn có chữ để lập chỉ mục.", scanned=True, confidence=61.2),
             PageText(3, "", scanned=True, confidence=None),
             PageText(4, "", scanned=True, error="OCR took longer than 5 s (HOIDAP_OCR_TIMEOUT)"),
             PageText(5, "Tà HN thư àc tín cấy Ki GIẾT c kới ý KIÊN", scanned=True, confidence=12.1)]
    r = page_result(pages, "pdf", OcrOptions(min_conf=70))
    assert [n for n, _, _ in r.page_texts] == [1, 2]
    assert r.ocr["low_confidence_pages"] == [2] and r.ocr["blank_pages"] == [3, 4, 5]
    assert r.ocr["scanned_pages"] == [2, 3, 4, 5] and r.ocr["confidence"] == {"2": 61.2, "5": 12.1}
    assert any(w.startswith("page 5: no text recognised, only a picture or noise (confidence 12%") for w in r.warnings)
    assert any("trang 2: nhận dạng kém, 61%" in w for w in r.warnings)
    assert any(w.startswith("page 3: no text recognised") for w in r.warnings)
    assert any(w.startswith("page 4: OCR took longer") for w in r.warnings)
    assert "Điều 2" in r.text and "GIẾT" not in r.text and r.pages == 5


def _chunk(text, position):
    return Chunk(text=text, embed_text=text, section="", position=position)


def test_assign_pages_follows_the_text_forward():
    pages = [(1, "Điều 1. Phạm vi điều chỉnh\nQuy định này áp dụng cho cán bộ.", False),
             (2, "Điều 2. Tiêu chuẩn\nCá nhân   đạt danh hiệu\nLao động tiên tiến.", True)]
    chunks = [_chunk("Điều 1. Phạm vi điều chỉnh Quy định này", 0),
              _chunk("Điều 2. Tiêu chuẩn\nCá nhân đạt danh hiệu Lao động tiên tiến.", 1),
              _chunk("văn bản viết lại không tìm thấy", 2)]
    assign_pages(chunks, pages)
    assert [(c.page, c.scanned) for c in chunks] == [(1, False), (2, True), (2, True)]
    plain = [_chunk("Điều 1.", 0)]
    assign_pages(plain, [])
    assert plain[0].page == 0 and plain[0].scanned is False


def test_cer():
    assert cer("kitten", "sitting") == 0.5
    assert cer("Điều  1\nPhạm vi", "Điều 1 Phạm vi") == 0.0
    assert cer("Điều", "Dieu") == 0.5


def test_old_index_gets_the_ocr_columns(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db = sqlite3.connect(data / "hoidap.sqlite")
    db.executescript("""
    CREATE TABLE documents (doc_id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, source TEXT NOT NULL,
      content_hash TEXT NOT NULL, title TEXT, number TEXT, doc_type TEXT, issuer TEXT, date TEXT,
      effective_date TEXT, secondary INTEGER DEFAULT 0, relations TEXT DEFAULT '[]',
      n_chunks INTEGER, pages INTEGER DEFAULT 1, ingested_at TEXT);
    CREATE TABLE chunks (chunk_id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, position INTEGER, section TEXT,
      dieu TEXT, parent TEXT, text TEXT, embed_text TEXT, vec_id TEXT NOT NULL, tokens TEXT);
    INSERT INTO documents (doc_id, path, source, content_hash, n_chunks) VALUES (1, '/a.txt', 'a.txt', 'h', 1);
    INSERT INTO chunks (doc_id, position, text, vec_id) VALUES (1, 0, 'Điều 1.', 'v');
    """)
    db.commit()
    db.close()
    index = Index(Settings(data_dir=data), FakeEmbedder())
    doc = index.documents()[0]
    assert doc.ocr == {}
    assert index.document_chunks(1)[0]["page"] == 0 and index.document_chunks(1)[0]["scanned"] is False


def test_marks_for_list_and_citations():
    from ingest.loaders.ocr import list_mark
    from ingest.pagemap import page_label

    assert list_mark({}) == ""
    assert list_mark({"scanned_pages": [1, 2], "confidence": {"1": 96.0, "2": 61.2},
                      "low_confidence_pages": [2]}) == "bản quét; nhận dạng kém: trang 2 (61%)"
    assert list_mark({"scanned_pages": [1], "confidence": {"1": 96.0}, "low_confidence_pages": []}) == "bản quét"
    assert page_label({"page": 2, "scanned": True}) == "trang 2, bản quét"
    assert page_label({"page": 3, "scanned": False}) == "trang 3"
    assert page_label({"page": 0, "scanned": False}) == ""
