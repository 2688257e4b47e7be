"""The index: idempotent re-ingest, replace-on-change, remove, and an interrupted ingest."""

from pathlib import Path

import pytest

from bot.service import Hoidap
from ingest.pipeline import ingest_paths
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

DECREE = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 12/2025/QĐ-UBND
Hòa Bình, ngày 10 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy định về công tác thi đua, khen thưởng
Điều 1. Danh hiệu Chiến sĩ thi đua cơ sở
1. Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng cho cá nhân đạt các tiêu chuẩn sau:
a) Đạt danh hiệu Lao động tiên tiến;
b) Có sáng kiến được công nhận.
2. Tỷ lệ cá nhân được công nhận không quá 15% tổng số cá nhân đạt Lao động tiên tiến.
Điều 2. Xếp loại
Cán bộ đạt từ 90 điểm trở lên được xếp loại Hoàn thành xuất sắc nhiệm vụ.
"""

OTHER = """Kế hoạch tổ chức hội thi văn nghệ
I. Mục đích
Tổ chức hội thi văn nghệ quần chúng chào mừng ngày thành lập.
II. Thời gian
Hội thi diễn ra vào tháng 9 năm 2025 tại nhà văn hóa.
"""


class CountingEmbedder(FakeEmbedder):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def embed_documents(self, texts):
        self.calls += len(texts)
        return super().embed_documents(texts)


@pytest.fixture
def env(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "qd-12.txt").write_text(DECREE, encoding="utf-8")
    (docs / "kh-van-nghe.txt").write_text(OTHER, encoding="utf-8")
    emb = CountingEmbedder()
    svc = Hoidap(Settings(data_dir=tmp_path / "data", llm="none"), embedder=emb)
    yield svc, docs, emb
    svc.close()


def _sources(svc):
    return sorted(d.source for d in svc.index.documents())


def test_reingest_unchanged_does_no_embedding(env):
    svc, docs, emb = env
    r1 = svc.ingest([docs])
    assert r1.ok and sorted(r1.added) == ["kh-van-nghe.txt", "qd-12.txt"]
    first_calls = emb.calls
    assert first_calls == r1.embedded > 0
    r2 = svc.ingest([docs])
    assert r2.unchanged == sorted(r2.unchanged) and len(r2.unchanged) == 2
    assert emb.calls == first_calls, "unchanged files must not be embedded again"
    assert svc.index.chunk_count() == r1.chunks


def test_changed_file_is_replaced_as_a_unit(env):
    svc, docs, emb = env
    svc.ingest([docs])
    before = {d.source: d for d in svc.index.documents()}
    (docs / "qd-12.txt").write_text(DECREE.replace("15%", "20%"), encoding="utf-8")
    r = svc.ingest([docs])
    assert r.updated == ["qd-12.txt"] and r.unchanged == ["kh-van-nghe.txt"]
    after = {d.source: d for d in svc.index.documents()}
    assert after["qd-12.txt"].content_hash != before["qd-12.txt"].content_hash
    texts = " ".join(c["text"] for c in svc.index.document_chunks(after["qd-12.txt"].doc_id))
    assert "20%" in texts and "15%" not in texts
    # only the changed chunk needed a new vector; the unchanged ones are reused
    assert 0 < r.embedded < after["qd-12.txt"].n_chunks + 1
    # no orphan vectors left behind
    live = {r[0] for r in svc.index.db.execute("SELECT vec_id FROM chunks")}
    assert set(svc.index.collection.get(include=[])["ids"]) == live
    hits = svc.search("tỷ lệ chiến sĩ thi đua cơ sở", k=3)
    assert "20%" in hits[0].text


def test_remove_document(env):
    svc, docs, _ = env
    svc.ingest([docs])
    assert svc.remove("qd-12.txt").removed == ["qd-12.txt"]
    assert _sources(svc) == ["kh-van-nghe.txt"]
    assert all(h.source != "qd-12.txt" for h in svc.search("chiến sĩ thi đua", k=5))
    assert svc.remove("nope.txt").removed == []


def test_interrupted_ingest_leaves_old_index_intact(env, tmp_path):
    svc, docs, emb = env
    svc.ingest([docs])
    before = {d.source: d.content_hash for d in svc.index.documents()}
    n_before = svc.index.chunk_count()
    (docs / "qd-12.txt").write_text(DECREE + "\nĐiều 3. Hiệu lực\nQuyết định có hiệu lực từ ngày ký.\n",
                                    encoding="utf-8")
    (docs / "new.txt").write_text(OTHER.replace("văn nghệ", "thể thao"), encoding="utf-8")

    def boom(texts):
        raise KeyboardInterrupt  # Ctrl-C in the middle of embedding
    emb.embed_documents = boom
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(svc.index, [docs], settings=svc.settings)
    # reopen from disk, as a restarted process would
    svc2 = Hoidap(svc.settings, embedder=FakeEmbedder())
    after = {d.source: d.content_hash for d in svc2.index.documents()}
    assert after == before
    assert svc2.index.chunk_count() == n_before
    assert svc2.search("chiến sĩ thi đua cơ sở", k=1)[0].source == "qd-12.txt"
    # the next ingest completes the work
    r = svc2.ingest([docs])
    assert r.ok and "qd-12.txt" in r.updated and "new.txt" in r.added


def test_bad_files_are_reported_and_others_indexed(env):
    svc, docs, _ = env
    (docs / "empty.txt").write_text("", encoding="utf-8")
    (docs / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (docs / "notes.xyz").write_text("ignored type")
    r = svc.ingest([docs])
    failed = {Path(p).name for p, _ in r.failed}
    assert failed == {"empty.txt", "broken.docx"}
    assert sorted(r.added) == ["kh-van-nghe.txt", "qd-12.txt"]
    assert any(p.endswith("notes.xyz") for p in r.ignored)
    assert not r.ok


def test_same_document_under_two_names_is_indexed_once(env):
    svc, docs, _ = env
    (docs / "copy-of-qd-12.txt").write_text(DECREE, encoding="utf-8")
    r = svc.ingest([docs])
    assert len(r.duplicates) == 1
    assert len([d for d in svc.index.documents() if "12" in d.source]) == 1


def test_a_copy_is_a_copy_after_a_pipeline_version_change(env):
    # The file was indexed by an older pipeline; a copy under another name comes before the original is re-read.
    svc, docs, _ = env
    svc.ingest([docs / "qd-12.txt"])
    svc.index.db.execute("UPDATE documents SET content_hash = replace(content_hash, '|v', '|vOLD')")
    svc.index.db.commit()
    (docs / "copy-of-qd-12.txt").write_text(DECREE, encoding="utf-8")
    r = svc.ingest([docs / "copy-of-qd-12.txt"])
    assert len(r.duplicates) == 1 and not r.added
    r = svc.ingest([docs / "qd-12.txt"])               # the original itself is re-read, not a duplicate
    assert r.updated == ["qd-12.txt"] and not r.duplicates
    assert len([d for d in svc.index.documents() if "12" in d.source]) == 1


def test_structure_metadata_reaches_hits(env):
    svc, docs, _ = env
    svc.ingest([docs])
    hit = svc.search("tỷ lệ cá nhân được công nhận chiến sĩ thi đua", k=1)[0]
    assert hit.number == "12/2025/QĐ-UBND"
    assert "Điều 1" in hit.section
    assert hit.source == "qd-12.txt"


def test_an_unaccented_question_gets_its_question_words_back():
    # A news corpus writes "cơ" (cơ quan) and "báo" (Báo …) more often than "có" and "bao": the lead then
    # wrote "cơ báo 81 đảng viên". Corpus words of more syllables still come first ("co quan" → "cơ quan").
    from ingest.accents import AccentModel
    from ingest.keyword import KeywordIndex
    corpus = [["cơ", "quan", "khen", "thưởng", "đảng", "viên"], ["báo", "cơ", "quan", "nào", "nhiều"]]
    kw = KeywordIndex(None, [], 0, AccentModel.build(corpus))
    assert kw.restore_diacritics("co bao nhieu dang vien?") == "có bao nhiêu đảng viên?"
    assert kw.restore_diacritics("co quan nao xet khen thuong?") == "cơ quan nào xet khen thưởng?"


def test_accents_are_restored_from_the_neighbouring_syllables():
    # session 19: word by word, "thi" was always "thi" (thi đua), "tien" always "tiến" (tiên tiến) and
    # "du bao nhieu" came back "dự báo nhiều"; read as a chain, the neighbours decide
    from ingest.accents import AccentModel
    corpus = [["thi", "đua", "khen", "thưởng"], ["dự", "thi", "tuyển", "công", "chức"], ["lao", "động", "tiên",
              "tiến"], ["tiên", "tiến"], ["tiền", "thưởng", "được", "tính"], ["dự", "báo"], ["đủ", "tuổi"]]
    m = AccentModel.build(corpus)
    assert m.restore("Tap the duoc khen thuong thi tien thuong bao nhieu?") == \
        "Tap the được khen thưởng thì tiền thưởng bao nhiêu?"
    assert m.restore("co duoc du thi tuyen cong chuc khong") == "có được dự thi tuyển công chức không"
    assert m.restore("phai du bao nhieu tuoi") == "phải dự bao nhiêu tuổi"
    assert m.restore("lao dong tien tien") == "lao động tiên tiến"
    # accented words, unknown words, numbers and punctuation stay as typed; restored words are lower case
    assert m.restore("Thi đua 2025, xyz?") == "thi đua 2025, xyz?"
    assert m.restore("Thi dua khen thuong") == "thi đua khen thưởng"


def test_a_keyword_index_saved_with_the_old_word_map_is_rebuilt(tmp_path):
    import json
    from ingest.keyword import FORMAT, KeywordIndex
    folder = tmp_path / "bm25"
    tokens = [["khen", "~khen", "thưởng", "~thuong", "khen_thưởng", "~khen_thuong"], ["thi", "~thi", "đua", "~dua"]]
    KeywordIndex.build([1, 2], tokens, 7).save(folder)
    assert json.loads((folder / "hoidap.json").read_text())["format"] == FORMAT
    assert KeywordIndex.load_or_build(folder, 7, lambda: ([], [])).restore_diacritics("khen thuong") == "khen thưởng"
    # an index an earlier version saved: same generation, a word map for accents, no format
    (folder / "accents.json").write_text(json.dumps({"khen_thuong": "khen_thưởng"}))
    (folder / "hoidap.json").write_text(json.dumps({"generation": 7, "n": 2}))
    rebuilt = KeywordIndex.load_or_build(folder, 7, lambda: ([1, 2], tokens))
    assert rebuilt.restore_diacritics("thi dua") == "thi đua"
    assert json.loads((folder / "hoidap.json").read_text())["format"] == FORMAT