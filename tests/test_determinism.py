"""Same question, same answer (issue 18 item 6): identical results in fresh processes on one index.

The flakiness came from Chroma's local HNSW: every process that opens an index re-inserts the
vectors written since the graph was last saved, in a random order, so processes searched different
graphs. `ingest.chroma.HNSW_CONFIG` saves after every write; these tests would fail without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.settings import Settings
from ingest.chroma import HNSW_CONFIG, open_chroma
from tests.fakes import FakeEmbedder

ROOT = Path(__file__).resolve().parent.parent

# Read back in a fresh process: the top 70 ids (what retrieval asks Chroma for) of fixed queries.
_QUERY = """
import json, sys
import numpy as np
from ingest.settings import Settings
from ingest.chroma import open_chroma
from tests.fakes import FakeEmbedder
col = open_chroma(Settings(data_dir=sys.argv[1]), FakeEmbedder())
q = np.random.default_rng(1).normal(size=(30, 64))
res = col.query(query_embeddings=(q / np.linalg.norm(q, axis=1, keepdims=True)).tolist(), n_results=70)
print(json.dumps(res["ids"]))
"""


def _fresh_process(code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_vector_search_is_the_same_in_every_process(tmp_path):
    import numpy as np

    col = open_chroma(Settings(data_dir=tmp_path), FakeEmbedder())
    assert {k: col.configuration_json["hnsw"][k] for k in HNSW_CONFIG} == HNSW_CONFIG
    rng = np.random.default_rng(0)
    centers = rng.normal(size=(40, 64))
    vecs = centers[rng.integers(0, 40, 1500)] + rng.normal(size=(1500, 64))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = [f"v{i:05d}" for i in range(len(vecs))]
    for i in range(0, len(ids), 256):  # as Index.add_vectors writes
        col.upsert(ids=ids[i:i + 256], embeddings=vecs[i:i + 256].tolist())
    runs = {_fresh_process(_QUERY, str(tmp_path)) for _ in range(3)}
    assert len(runs) == 1, "the same queries gave different neighbours in fresh processes"


def test_an_index_made_before_the_fix_gets_the_fixed_configuration(tmp_path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from ingest.embed_adapters import ChromaEmbeddingFunction
    from ingest.chroma import collection_name

    fake = FakeEmbedder()
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    old = client.create_collection(collection_name(fake), embedding_function=ChromaEmbeddingFunction(fake),
                                   metadata={"hnsw:space": "cosine"})  # what open_chroma made before
    old.upsert(ids=["a", "b"], embeddings=fake.embed_documents(["khen thưởng", "kỷ luật"]))
    assert old.configuration_json["hnsw"]["sync_threshold"] == 1000
    col = open_chroma(Settings(data_dir=tmp_path), fake)
    hnsw = col.configuration_json["hnsw"]
    assert {k: hnsw[k] for k in HNSW_CONFIG} == HNSW_CONFIG and hnsw["space"] == "cosine"
    assert col.count() == 2 and col.configuration_json["embedding_function"]["name"] == "hoidap"


# -- the real embedder, through the CLI ------------------------------------------------------------

QUESTIONS = [
    "Đảng bộ Văn phòng UBND tỉnh có bao nhiêu đảng viên, sinh hoạt ở mấy chi bộ?",
    "Đảng bộ Khối hiện có bao nhiêu cơ sở đảng, số đảng viên là bao nhiêu?",
    "Khối Thi đua các cơ quan Đảng thuộc Tỉnh ủy Nam Định gồm bao nhiêu cơ quan, đơn vị?",
    "Chủ đề năm 2017 mà Khối thi đua các Ban, cơ quan của Thành ủy Hải Phòng tham mưu thực hiện là gì?",
    "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?",
    "phong trao thi dua nam nay co nhung noi dung gi",
    "Hội nghị tổng kết công tác thi đua, khen thưởng được tổ chức khi nào?",
    "Ai được tặng Bằng khen?",
    "Khối thi đua ký kết giao ước thi đua về những nội dung nào?",
    "Tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ là bao nhiêu?",
    "Mức tiền thưởng Huân chương Lao động hạng Ba?",
]


def _hoidap(*args: str, data_dir: Path) -> str:
    env = {**os.environ, "HOIDAP_DATA_DIR": str(data_dir), "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=900)
    assert proc.returncode == 0, f"hoidap {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return proc.stdout


@pytest.mark.models
def test_same_questions_same_results_in_two_processes(tmp_path, models_available):
    data = tmp_path / "data"
    _hoidap("ingest", str(ROOT / "corpus"), data_dir=data)
    questions = tmp_path / "q.jsonl"
    questions.write_text("".join(json.dumps({"id": f"d{i}", "question": q}, ensure_ascii=False) + "\n"
                                 for i, q in enumerate(QUESTIONS)), encoding="utf-8")
    first, second = ([json.loads(line) for line in _hoidap("search", "--jsonl", str(questions), "--k", "5",
                                                           data_dir=data).splitlines()] for _ in range(2))
    assert [r["id"] for r in first] == [f"d{i}" for i in range(len(QUESTIONS))]
    assert all(r["results"] for r in first)
    for a, b in zip(first, second):
        key = [[(h["source"], h["section"], h["text"]) for h in r["results"]] for r in (a, b)]
        assert key[0] == key[1], f"{a['id']}: a different top 5 in a second process"
        for ha, hb in zip(a["results"], b["results"]):
            assert ha["score"] == pytest.approx(hb["score"], abs=1e-6)


def test_the_dense_side_finds_the_true_nearest_clauses(tmp_path):
    """Chroma's HNSW is approximate: on clustered vectors (as clauses of one law are) it leaves true nearest
    neighbours out of the 70 that retrieval asks for. An office index is searched exactly
    (ingest/exact_search.py); the matrix follows writes."""
    import numpy as np

    from ingest.store import Index

    index = Index(Settings(data_dir=tmp_path), FakeEmbedder())
    rng = np.random.default_rng(0)
    dim = len(FakeEmbedder().embed_query("khen thưởng"))
    centers = rng.normal(size=(20, dim))
    vecs = centers[rng.integers(0, 20, 3000)] + 0.5 * rng.normal(size=(3000, dim))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    index.add_vectors([f"v{i:05d}" for i in range(len(vecs))], vecs.tolist())
    queries = rng.normal(size=(30, dim))
    for q in queries:
        got = [vid for vid, _ in index.nearest_vectors(q.tolist(), 70)]
        assert got == [f"v{i:05d}" for i in np.argsort(-(vecs @ (q / np.linalg.norm(q))), kind="stable")[:70]]
    # a vector written later (an upload in a running bot) is found at once
    index.add_vectors(["w00000"], [(queries[0] / np.linalg.norm(queries[0])).tolist()])
    assert index.nearest_vectors(queries[0].tolist(), 1)[0][0] == "w00000"
