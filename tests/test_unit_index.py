"""Small-to-big retrieval (issue 18 item 3): units found by keyword, their whole clause returned;
units live and die with their document; an index built before units keeps working and re-ingests
without re-embedding."""

from __future__ import annotations

import logging
import shutil

import pytest

from bot.answering.retrieve import HybridRetriever
from bot.service import Hoidap
from ingest.pipeline import PIPELINE_VERSION, ingest_paths
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

# A long Điều of allowances: its one chunk holds a dozen Điểm, and the figure asked for (the referees'
# allowance) sits deep inside it. Điều 7 and 8 are short and share more of the question's words.
FEES = "\n".join([
    "a) Thuê địa điểm, sân bãi, âm thanh, ánh sáng theo hợp đồng và hóa đơn thực tế;",
    "b) In ấn giấy mời, băng rôn, khẩu hiệu, tài liệu phục vụ lễ khai mạc và bế mạc;",
    "c) Tiền ăn cho vận động viên trong những ngày thi đấu chính thức theo định mức;",
    "d) Thuê phương tiện đưa đón vận động viên từ nơi tập trung đến nơi thi đấu;",
    "đ) Mua cờ, cúp, huy chương, giấy chứng nhận cho các đội đoạt giải;",
    "e) Nhân viên y tế trực tại khu vực thi đấu: 100.000 đồng/người/buổi;",
    "g) Nhân viên phục vụ, bảo vệ, lái xe trong những ngày tổ chức: 80.000 đồng/người/ngày;",
    "h) Bồi dưỡng trọng tài điều hành các trận đấu: 275.000 đồng/người/buổi;",
    "i) Thuốc men, vật tư y tế thông thường cho khu vực thi đấu;",
    "k) Các khoản khác liên quan trực tiếp đến việc tổ chức theo dự toán được duyệt.",
])
DECREE = f"""ỦY BAN NHÂN DÂN TỈNH AN BÌNH
Số: 15/2025/QĐ-UBND
An Bình, ngày 10 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy định về tổ chức hội thao cán bộ, công chức
Điều 5. Nội dung và mức chi tổ chức hội thao
1. Ban tổ chức hội thao được chi các nội dung sau đây:
{FEES}
Điều 7. Trọng tài hội thao
Trọng tài điều hành các trận đấu của hội thao do Ban tổ chức hội thao mời từ các liên đoàn thể thao.
Điều 8. Ban tổ chức hội thao
Ban tổ chức hội thao lập dự toán mức chi bồi dưỡng và trình cấp có thẩm quyền phê duyệt.
"""
OTHER = """Kế hoạch tổ chức hội thi văn nghệ
I. Mục đích
Tổ chức hội thi văn nghệ quần chúng chào mừng ngày thành lập.
II. Thời gian
Hội thi diễn ra vào tháng 9 năm 2025 tại nhà văn hóa.
"""
QUESTION = "Mức chi bồi dưỡng trọng tài điều hành trận đấu hội thao là bao nhiêu?"


def _service(tmp_path, unit_weight: float = 1.0, embedder=None) -> Hoidap:
    return Hoidap(Settings(data_dir=tmp_path / "data", llm="none", unit_weight=unit_weight),
                  embedder=embedder or FakeEmbedder())


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "qd-15.txt").write_text(DECREE, encoding="utf-8")
    (folder / "kh-van-nghe.txt").write_text(OTHER, encoding="utf-8")
    return folder


def _orphans(index) -> int:
    return index.db.execute("SELECT COUNT(*) FROM units WHERE chunk_id NOT IN (SELECT chunk_id FROM chunks)"
                            ).fetchone()[0]


def test_a_figure_deep_in_a_long_dieu_is_found_by_its_unit_and_its_whole_clause_returned(tmp_path, docs):
    svc = _service(tmp_path)
    assert svc.ingest([docs]).ok
    parent = next(c for c in svc.index.document_chunks(svc.index.find_documents("qd-15.txt")[0].doc_id)
                  if "275.000" in c["text"])
    assert len(parent["text"].split()) > 100, "the test needs the figure inside a long clause"
    # Without units the short clauses that share the question's words come first ...
    off = HybridRetriever(svc.index, svc.settings.with_(unit_weight=0.0))
    assert off.search(QUESTION, k=5)[0].chunk_id != parent["chunk_id"]
    # ... the unit list finds the Điểm, which stands for its whole clause ...
    unit_rows = svc.retriever.units(QUESTION, 3)
    assert unit_rows[0][0]["chunk_id"] == parent["chunk_id"]
    assert unit_rows[0][2]["text"].startswith("h) Bồi dưỡng trọng tài")
    assert unit_rows[0][2]["section"].endswith("Điều 5 › Khoản 1 › Điểm h")
    # ... and in the fusion, weighted to count, it brings the whole clause first, not the Điểm alone.
    on = HybridRetriever(svc.index, svc.settings.with_(unit_weight=4.0))
    top = on.search(QUESTION, k=5)[0]
    assert top.chunk_id == parent["chunk_id"] and top.text == parent["text"]
    assert "a) Thuê địa điểm" in top.text and "h) Bồi dưỡng trọng tài" in top.text
    assert svc.retriever.search(QUESTION, k=1, mode="units")[0].chunk_id == parent["chunk_id"]
    svc.close()


def test_units_are_replaced_and_removed_with_their_document(tmp_path, docs):
    svc = _service(tmp_path)
    svc.ingest([docs])
    doc = svc.index.find_documents("qd-15.txt")[0]
    n_units = svc.index.db.execute("SELECT COUNT(*) FROM units WHERE doc_id=?", (doc.doc_id,)).fetchone()[0]
    assert n_units >= 10   # every Điểm of Điều 5, and each short Điều as its own unit
    (docs / "qd-15.txt").write_text(DECREE.replace("275.000", "300.000"), encoding="utf-8")
    r = svc.ingest([docs])
    assert r.updated == ["qd-15.txt"] and _orphans(svc.index) == 0
    texts = [t for (t,) in svc.index.db.execute("SELECT text FROM units")]
    assert any("300.000" in t for t in texts) and not any("275.000" in t for t in texts)
    assert svc.remove("qd-15.txt").removed == ["qd-15.txt"]
    left = {d for (d,) in svc.index.db.execute("SELECT DISTINCT doc_id FROM units")}
    assert left == {d.doc_id for d in svc.index.documents()} and _orphans(svc.index) == 0
    assert all(h.source != "qd-15.txt" for h in svc.retriever.search(QUESTION, k=5, mode="units"))
    svc.close()


def test_a_failed_write_leaves_the_document_and_its_units_as_they_were(tmp_path, docs, monkeypatch):
    svc = _service(tmp_path)
    svc.ingest([docs])
    before = svc.index.db.execute("SELECT chunk_id, text FROM units ORDER BY unit_id").fetchall()
    (docs / "qd-15.txt").write_text(DECREE.replace("275.000", "300.000"), encoding="utf-8")

    def boom(cur, doc_id, units):
        raise RuntimeError("disk full")
    monkeypatch.setattr(svc.index.units, "write", boom)
    with pytest.raises(RuntimeError):
        ingest_paths(svc.index, [docs], settings=svc.settings)
    assert svc.index.db.execute("SELECT chunk_id, text FROM units ORDER BY unit_id").fetchall() == before
    assert svc.retriever.search(QUESTION, k=1, mode="units")[0].text.count("275.000") == 1
    svc.close()


class Counting(FakeEmbedder):
    calls = 0

    def embed_documents(self, texts):
        Counting.calls += len(texts)
        return super().embed_documents(texts)


def test_units_off_by_default_index_nothing_and_keep_existing_hashes(tmp_path, docs):
    svc = Hoidap(Settings(data_dir=tmp_path / "data", llm="none"), embedder=FakeEmbedder())
    assert svc.settings.unit_weight == 0.0
    svc.ingest([docs])
    assert svc.index.units.count() == 0 and not (tmp_path / "data" / "bm25_units" / "params.index.json").exists()
    # no units tag: the hash is the one an index made without units has
    assert all(d.content_hash.endswith(f"|v{PIPELINE_VERSION}") for d in svc.index.documents())
    assert svc.ingest([docs]).unchanged == ["kh-van-nghe.txt", "qd-15.txt"]
    svc.close()


def test_an_index_built_before_units_answers_then_switches_without_embedding(tmp_path, docs, caplog):
    svc = _service(tmp_path, unit_weight=0.0)
    svc.ingest([docs])
    n_chunks = svc.index.chunk_count()
    svc.index.db.executescript("DROP TABLE units;")   # as an index made before units existed
    svc.close()
    shutil.rmtree(tmp_path / "data" / "bm25_units")

    Counting.calls = 0
    on = _service(tmp_path, unit_weight=1.0, embedder=Counting())
    with caplog.at_level(logging.WARNING):
        hits = on.search(QUESTION, k=3)
    assert hits and hits[0].source == "qd-15.txt"   # the chunks only, as before
    assert "no retrieval units" in caplog.text and "hoidap ingest" in caplog.text
    r = on.ingest([docs])
    assert r.ok and r.updated == ["kh-van-nghe.txt", "qd-15.txt"]
    assert r.embedded == 0 and Counting.calls == 0, "unchanged chunks must reuse their vectors"
    assert on.index.chunk_count() == n_chunks and on.index.units.count() > 0
    assert on.retriever.search(QUESTION, k=1, mode="units")[0].source == "qd-15.txt"
    on.close()
    # Switched off again: one more re-parse drops the units, still without embedding.
    off = _service(tmp_path, unit_weight=0.0, embedder=Counting())
    r = off.ingest([docs])
    assert r.updated == ["kh-van-nghe.txt", "qd-15.txt"] and Counting.calls == 0
    assert off.index.units.count() == 0 and off.index.chunk_count() == n_chunks
    off.close()


def test_tokens_by_line_are_the_chunks_tokens():
    """Ingest segments each distinct line once (titles and headings repeat); the tokens are unchanged."""
    from ingest.normalize import index_tokens, index_tokens_by_line
    cache: dict = {}
    texts = [f"Quyết định 15/2025/QĐ-UBND về hội thao CBCC\nĐiều 5 Nội dung và mức chi › Khoản 1\n{line}"
             for line in FEES.split("\n")] + [DECREE, "  Hòa   bình\n\n\nTĐKT  năm 2025 "]
    assert [index_tokens_by_line(t, cache) for t in texts] == [index_tokens(t) for t in texts]
    assert len(cache) < sum(len(t.split("\n")) for t in texts)   # the repeated lines were segmented once
