"""Embedders: the fake used by unit tests, the real ONNX int8 and torch backends, Chroma/LangChain wrappers."""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
import time
import warnings

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from ingest.embed import (Embedder, EmbedderError, OnnxEmbedder, SentenceTransformerEmbedder, iter_document_vectors,
                          load_embedder)
from ingest.embed_adapters import ChromaEmbeddingFunction, LangChainEmbeddings
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

PASSAGES = [
    "Danh hiệu “Chiến sĩ thi đua cơ sở” được xét tặng hằng năm cho cá nhân đạt danh hiệu “Lao động tiên tiến” "
    "và có sáng kiến được cơ quan có thẩm quyền công nhận, áp dụng có hiệu quả trong phạm vi cơ sở.",
    "Cán bộ, công chức bị xử lý kỷ luật bằng hình thức khiển trách thì thời gian nâng lương bị kéo dài 03 tháng "
    "kể từ ngày quyết định kỷ luật có hiệu lực.",
    "Thí sinh đến muộn quá 15 phút sau khi đã bóc đề thi thì không được dự thi. Thí sinh phải mang giấy tờ "
    "tùy thân có ảnh để xuất trình khi cán bộ coi thi yêu cầu.",
]
QUESTIONS = [  # (question, index of the passage that answers it)
    ("Điều kiện để được xét tặng danh hiệu Chiến sĩ thi đua cơ sở là gì?", 0),
    ("Thí sinh đến muộn bao nhiêu phút thì không được vào phòng thi?", 2),
]


def dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b))


def best(embedder: Embedder, question: str) -> int:
    q = embedder.embed_query(question)
    docs = embedder.embed_documents(PASSAGES)
    return max(range(len(docs)), key=lambda i: dot(q, docs[i]))


# -- the fake -------------------------------------------------------------------------------------

def test_fake_embedder_is_deterministic_normalised_and_ranks_shared_words():
    fake = FakeEmbedder()
    assert isinstance(fake, Embedder) and fake.dim == 64 and fake.model_id == "fake-64"
    a, b = fake.embed_documents(PASSAGES[:1]), FakeEmbedder().embed_documents(PASSAGES[:1])
    assert a == b and len(a[0]) == 64 and math.isclose(dot(a[0], a[0]), 1.0, rel_tol=1e-9)
    for question, want in QUESTIONS:
        assert best(fake, question) == want
    # Typed without diacritics still finds the accented passage.
    assert best(fake, "thi sinh den muon bao nhieu phut thi khong duoc du thi") == 2


def test_langchain_wrapper_delegates():
    fake = FakeEmbedder()
    lc = LangChainEmbeddings(fake)
    assert lc.embed_query("khen thưởng") == fake.embed_query("khen thưởng")
    assert lc.embed_documents(PASSAGES) == fake.embed_documents(PASSAGES)


def test_chroma_round_trip_with_our_embedding_function(tmp_path):
    client = chromadb.PersistentClient(path=str(tmp_path), settings=ChromaSettings(anonymized_telemetry=False))
    ef = ChromaEmbeddingFunction(FakeEmbedder())
    col = client.create_collection("chunks", embedding_function=ef)
    col.add(ids=[f"p{i}" for i in range(len(PASSAGES))], documents=PASSAGES)
    for question, want in QUESTIONS:
        assert col.query(query_texts=[question], n_results=1)["ids"] == [[f"p{want}"]]
    # Reopening with our function must not warn (no fallback to Chroma's default, which downloads).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = client.get_collection("chunks", embedding_function=ChromaEmbeddingFunction(FakeEmbedder()))
        res = again.query(query_texts=[QUESTIONS[0][0]], n_results=3, include=["distances"])
    assert res["ids"][0][0] == "p0"
    assert 0.0 <= res["distances"][0][0] < 1.0  # cosine space: distance = 1 - cosine
    assert again.configuration_json["embedding_function"]["name"] == "hoidap"


def test_missing_models_give_clear_errors(tmp_path):
    with pytest.raises(EmbedderError, match="hoidap models fetch"):
        SentenceTransformerEmbedder(tmp_path / "nope")
    with pytest.raises(EmbedderError, match="HOIDAP_EMBED_BACKEND=torch"):
        OnnxEmbedder(tmp_path)
    with pytest.raises(EmbedderError, match="expected auto, onnx or torch"):
        load_embedder(Settings(models_dir=tmp_path, embed_backend="gpu"))
    with pytest.raises(EmbedderError, match="hoidap models fetch"):  # auto falls back to torch, which is missing
        load_embedder(Settings(models_dir=tmp_path))


# -- the real models ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_settings() -> Settings:
    s = Settings.from_env()
    if not (s.onnx_dir / "model_int8.onnx").exists():
        pytest.skip(f"ONNX embedder not built in {s.onnx_dir}; run `hoidap models fetch` (make test does)")
    if not (s.models_dir / "embeddinggemma-300m" / "model.safetensors").exists():
        pytest.skip(f"EmbeddingGemma not in {s.models_dir}; run `hoidap models fetch` (make test does)")
    return s.with_(embed_model="", embed_backend="auto")


@pytest.fixture(scope="module")
def onnx(real_settings) -> Embedder:
    return load_embedder(real_settings)


@pytest.fixture(scope="module")
def torch_st(real_settings) -> Embedder:
    return load_embedder(real_settings.with_(embed_backend="torch"))


@pytest.mark.models
def test_auto_backend_is_onnx_int8_and_shared(onnx, real_settings):
    assert isinstance(onnx, OnnxEmbedder)
    assert onnx.model_id == "embeddinggemma-300m/onnx-int8" and onnx.dim == 768
    assert load_embedder(real_settings.with_(embed_backend="onnx")) is onnx  # one model per process


@pytest.mark.models
def test_onnx_int8_matches_torch_fp32(onnx, torch_st):
    assert torch_st.model_id == "embeddinggemma-300m/torch"
    for a, b in zip(onnx.embed_documents(PASSAGES), torch_st.embed_documents(PASSAGES)):
        assert dot(a, b) >= 0.95
    for question, _ in QUESTIONS:
        assert dot(onnx.embed_query(question), torch_st.embed_query(question)) >= 0.95


@pytest.mark.models
def test_query_and_document_prompts_differ(onnx):
    text = QUESTIONS[0][0]
    q, d = onnx.embed_query(text), onnx.embed_documents([text])[0]
    assert math.isclose(dot(q, q), 1.0, rel_tol=1e-5)
    assert dot(q, d) < 0.99


@pytest.mark.models
def test_right_passage_ranks_first(onnx, torch_st):
    for embedder in (onnx, torch_st):
        for question, want in QUESTIONS:
            assert best(embedder, question) == want, (embedder.model_id, question)


def test_importing_embed_keeps_torch_threads():
    """embed.py caps numpy's OpenBLAS threads; it must not cap torch's (MKL/OMP_NUM_THREADS would)."""
    code = "import {} torch; print(torch.get_num_threads())"
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    plain, ours = (subprocess.run([sys.executable, "-c", code.format(m)], capture_output=True, text=True,
                                  env=env, check=True).stdout for m in ("", "ingest.embed,"))
    assert ours == plain


# -- several documents at once (issue 17) ---------------------------------------------------------

class _JitteryParallelFake(FakeEmbedder):
    """A fake with the ONNX embedder's `iter_documents`: texts finish in a random order on 4 threads."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.calls = 0

    def iter_documents(self, texts):
        from concurrent.futures import ThreadPoolExecutor

        delays = [self.rng.random() * 0.004 for _ in texts]

        def one(pair):
            time.sleep(pair[1])
            return self._vector(pair[0])

        with ThreadPoolExecutor(4) as pool:
            yield from pool.map(one, zip(texts, delays))


class _CountingFake(FakeEmbedder):
    def __init__(self):
        self.batches: list[int] = []

    def embed_documents(self, texts):
        self.batches.append(len(texts))
        return super().embed_documents(texts)


def test_iter_document_vectors_keeps_order_and_one_text_per_call_without_parallel_support():
    texts = [p + f" {i}" for i, p in enumerate(PASSAGES * 3)]
    plain = _CountingFake()
    assert list(iter_document_vectors(plain, texts)) == FakeEmbedder().embed_documents(texts)
    assert plain.batches == [1] * len(texts)
    assert list(iter_document_vectors(_JitteryParallelFake(1), texts)) == FakeEmbedder().embed_documents(texts)


def test_ingest_order_and_ids_stay_deterministic_with_parallel_embedding(tmp_path):
    """Each chunk's stored vector is its own text's, and ids are the same whatever finished first."""
    from pathlib import Path

    from ingest.pipeline import ingest_paths
    from ingest.store import Index

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    runs = []
    for seed in (1, 2):
        settings = Settings(data_dir=tmp_path / f"d{seed}")
        index = Index(settings, _JitteryParallelFake(seed))
        assert ingest_paths(index, [corpus], settings).ok
        rows = index.db.execute("SELECT c.chunk_id, d.source, c.position, c.vec_id, c.embed_text FROM chunks c "
                                "JOIN documents d USING(doc_id) ORDER BY c.chunk_id").fetchall()
        got = index.collection.get(ids=[r[3] for r in rows], include=["embeddings"])
        stored = dict(zip(got["ids"], got["embeddings"]))
        for r in rows:
            assert max(abs(a - b) for a, b in zip(stored[r[3]], FakeEmbedder()._vector(r[4]))) < 1e-6
        runs.append([r[:4] for r in rows])
        index.close()
    assert runs[0] == runs[1] and len(runs[0]) > 50


def _real_texts() -> list[str]:
    """About 120 real units: the corpus/ chunks as embedded (title + path + text) and their bare text."""
    from pathlib import Path

    from ingest.files import iter_files
    from ingest.pipeline import prepare_file

    files = iter_files([Path(__file__).resolve().parent.parent / "corpus"])[0]
    out: list[str] = []
    for f in files:
        chunks = prepare_file(f, f.name, Settings(), "test")[1]
        out += [c.embed_text for c in chunks] + [c.text for c in chunks]
    return out


@pytest.mark.models
def test_parallel_onnx_vectors_equal_one_at_a_time(real_settings):
    texts = _real_texts()
    assert len(texts) >= 100
    embedder = OnnxEmbedder(real_settings.onnx_dir, workers=2)
    alone = [embedder.embed_documents([t])[0] for t in texts]   # one text per call: no pool
    together = list(embedder.iter_documents(texts))               # two at a time, in order
    for i, (a, b) in enumerate(zip(alone, together)):
        assert dot(a, b) >= 0.999, (i, texts[i][:80])
        assert max(abs(x - y) for x, y in zip(a, b)) < 1e-6, (i, texts[i][:80])
    assert len(together) == len(texts)
    assert embedder.embed_documents(texts[:7]) == together[:7]
