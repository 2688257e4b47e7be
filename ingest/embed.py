"""Embedding backends behind one small interface.

- `OnnxEmbedder`: EmbeddingGemma exported by `ingest.onnx_export` (int8), run with onnxruntime,
  tokenizers and numpy only. The default: ~4x faster than torch fp32, cosine 0.96-0.99 to it.
  Each text runs on one thread; a list of documents is spread over one worker per core.
- `SentenceTransformerEmbedder`: any sentence-transformers model (torch), imported lazily.
- `load_embedder(settings)` picks one and shares it across the process.
- `ingest.embed_adapters` adapts any `Embedder` to LangChain and Chroma.

All vectors are L2-normalised, so cosine = dot product.
"""

from __future__ import annotations

import os

# numpy's OpenBLAS starts one busy-spinning thread per core on its first matrix product and those
# threads steal the two cores from onnxruntime/torch (MODELS.md pitfalls).
# The variable only works before numpy is first imported, so it is set here, above every import
# that pulls numpy in; `_limit_blas_threads` covers the case where numpy was imported earlier.
# OMP_NUM_THREADS and MKL_NUM_THREADS are deliberately left alone: torch reads them for its own
# thread count and would drop to a single thread (seen: torch.get_num_threads() == 1).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json  # noqa: E402
import threading  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Iterable, Iterator, Protocol, runtime_checkable  # noqa: E402

import numpy as np  # noqa: E402


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours taskset/cpusets, unlike os.cpu_count()
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# Documents embedded at once, each on its own single-threaded run: one per core (2 on the target
# machine), at most 4 so a big server does not hold many activations in memory at once.
ONNX_WORKERS = max(1, min(_cores(), 4))


class EmbedderError(RuntimeError):
    """The embedding model cannot be loaded; the message says what to run or set (English, operators)."""


@runtime_checkable
class Embedder(Protocol):
    model_id: str  # stable id; part of every chunk's content hash, so changing it re-embeds everything
    dim: int

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


def _normalise(v: np.ndarray) -> list[float]:
    v = v.astype(np.float32, copy=False)
    return (v / max(float(np.linalg.norm(v)), 1e-12)).tolist()


def _limit_blas_threads() -> None:
    """Cap BLAS threads at 1 even if numpy was imported before this module set the env var."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # optional (comes with scikit-learn); the env var above then must do
        return
    ThreadpoolController().select(internal_api="openblas").limit(limits=1)  # never torch's own pools


class OnnxEmbedder:
    """EmbeddingGemma via onnxruntime: prompt + text -> tokens -> transformer -> mean -> Dense x2 -> L2.

    Every text is run alone (no padding) on ONE thread. Documents are spread over `workers` threads
    that share the session (onnxruntime releases the GIL and `run` is thread-safe), so a list of
    texts uses every core without splitting any single text's arithmetic across threads:
    - no per-operator thread hand-offs (costly with spinning off, which a shared machine needs):
      6% less CPU per chunk for a whole ingest; see docs/benchmarks.md "Ingest embedder speed";
    - the same vector as the text alone, bit for bit, in any process and with any number of
      workers (a text's float sums always happen on one thread, in one order).
    Batches are no faster way out: even texts of exactly equal length (no padding) change each
    other's vectors in an int8 batch (cos 0.975-0.99), as dynamic quantisation scales per tensor.
    """

    def __init__(self, onnx_dir: str | Path, model_file: str = "model_int8.onnx", workers: int = ONNX_WORKERS):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        onnx_dir = Path(onnx_dir)
        if not (onnx_dir / model_file).exists():
            raise EmbedderError(f"ONNX embedder not found: {onnx_dir / model_file}. Build it with "
                                f"`hoidap models fetch`, or set HOIDAP_EMBED_BACKEND=torch.")
        manifest = json.loads((onnx_dir / "hoidap_onnx.json").read_text(encoding="utf-8"))
        self.prompts: dict[str, str] = json.loads((onnx_dir / "prompts.json").read_text(encoding="utf-8"))
        pooling = json.loads((onnx_dir / "pooling.json").read_text(encoding="utf-8"))
        # One text per call means the mask is all ones, so plain mean == ST's masked mean with
        # the prompt included; any other pooling would need code here.
        if not (pooling.get("pooling_mode_mean_tokens") and pooling.get("include_prompt", True)):
            raise EmbedderError(f"{onnx_dir}/pooling.json: only mean pooling over all tokens is supported")
        # Both Dense layers are linear without bias, so they fold into one 768x768 matrix:
        # same result, an eighth of the work per text.
        w0, w1 = (np.load(onnx_dir / name) for name in manifest["dense"])  # (out, in) each
        self._proj = (w1 @ w0).T.astype(np.float32)  # x @ proj == W1 (W0 x)
        self.dim = int(self._proj.shape[1])
        variant = "onnx-int8" if "int8" in model_file else "onnx-fp32"
        self.model_id = f"{manifest['source']}/{variant}"

        self._tok = Tokenizer.from_file(str(onnx_dir / "tokenizer.json"))  # post-processor adds <bos>/<eos>
        self._tok.enable_truncation(max_length=int(manifest["max_seq_length"]))
        self._tok.no_padding()
        so = ort.SessionOptions()
        # One thread per run: parallelism comes from running several texts at once (see the class doc).
        so.intra_op_num_threads = 1
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self._session = ort.InferenceSession(str(onnx_dir / model_file), so, providers=["CPUExecutionProvider"])
        self._inputs = [i.name for i in self._session.get_inputs()]  # input_ids, attention_mask
        self.workers = max(1, int(workers))
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        _limit_blas_threads()

    def _embed(self, text: str) -> list[float]:
        # Exactly one text per run: with int8 weights, padding inside a batch changes the vectors
        # (cos 0.94-0.97 against the text alone, MODELS.md), and even texts of equal length share
        # one activation scale in a batch (dynamic quantisation is per tensor).
        ids = np.asarray([self._tok.encode(text).ids], dtype=np.int64)
        feeds = dict(zip(self._inputs, (ids, np.ones_like(ids))))
        hidden = self._session.run(None, feeds)[0][0]  # (tokens, 768)
        return _normalise(hidden.mean(axis=0) @ self._proj)

    def _executor(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="hoidap-embed")
            return self._pool

    def iter_documents(self, texts: Iterable[str]) -> Iterator[list[float]]:
        """The vectors of `texts`, in their order, each yielded as soon as it and those before it are done.

        Up to `workers` texts are embedded at once. Each vector is exactly the one `embed_documents([t])`
        gives for the text alone. Stopping early cancels the texts not yet started.
        """
        prompt = self.prompts.get("document", "")
        items = [prompt + t for t in texts]
        if self.workers == 1 or len(items) < 2:
            for t in items:
                yield self._embed(t)
            return
        yield from self._executor().map(self._embed, items)  # map keeps input order

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return list(self.iter_documents(texts))

    def embed_query(self, text: str) -> list[float]:
        return self._embed(self.prompts.get("query", "") + text)


def iter_document_vectors(embedder: Embedder, texts: list[str]) -> Iterator[list[float]]:
    """Document vectors of `texts` in order, one yielded per text (for progress bars).

    Uses the embedder's own parallel `iter_documents` when it has one (ONNX); any other embedder
    gets one text per call, as before (batches of padded texts were slower on 2 cores, MODELS.md).
    """
    parallel = getattr(embedder, "iter_documents", None)
    if parallel is not None:
        yield from parallel(texts)
        return
    for text in texts:
        yield embedder.embed_documents([text])[0]


class SentenceTransformerEmbedder:
    """Any sentence-transformers model on torch, loaded from a folder or the local Hugging Face cache."""

    def __init__(self, path_or_hub_id: str | Path):
        name = str(path_or_hub_id)
        is_path = Path(name).expanduser().exists() or name.startswith(("/", ".", "~"))  # else "org/name" hub id
        if is_path and not Path(name).expanduser().exists():
            raise EmbedderError(f"Embedding model folder not found: {name}. Run `hoidap models fetch`, or set "
                                f"HOIDAP_EMBED_MODEL to a sentence-transformers folder.")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # no hub is reachable; fail fast instead of retrying
        # torch's OpenMP threads busy-wait between operations; when the 2 cores are shared with other
        # work that collapsed throughput 15x (0.15 vs 2.0 passages/s measured). Only takes effect if
        # torch is not imported yet.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise EmbedderError("sentence-transformers is not installed: pip install sentence-transformers "
                                "(or use the ONNX backend, HOIDAP_EMBED_BACKEND=onnx)") from exc
        hf_logging.disable_progress_bar()  # the weight-loading bar is noise in CLI output and logs
        try:
            self._model = SentenceTransformer(str(Path(name).expanduser()) if is_path else name,
                                              device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise EmbedderError(f"Cannot load embedding model {name!r} ({exc}). Run `hoidap models fetch`, or "
                                f"set HOIDAP_EMBED_MODEL to a sentence-transformers folder or a hub id "
                                f"already in the local Hugging Face cache.") from exc
        prompts = self._model.prompts or {}
        self._doc_prompt = "document" if "document" in prompts else None
        self._query_prompt = "query" if "query" in prompts else None
        self.dim = int(self._model.get_embedding_dimension())
        self.model_id = f"{Path(name).name if is_path else name}/torch"

    def _encode(self, texts: list[str], prompt_name: str | None) -> list[list[float]]:
        # batch_size=1: padding made batches slower on 2 CPU cores (MODELS.md, 3.5 vs 2.1-2.9 passages/s).
        vecs = self._model.encode(texts, prompt_name=prompt_name, batch_size=1, normalize_embeddings=True,
                                  show_progress_bar=False, convert_to_numpy=True)
        return [v.astype(np.float32).tolist() for v in vecs]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(list(texts), self._doc_prompt) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text], self._query_prompt)[0]


_CACHE: dict[tuple[str, str], Embedder] = {}
_CACHE_LOCK = threading.Lock()


def load_embedder(settings) -> Embedder:
    """The embedder `settings` asks for, loaded once per process and shared.

    `settings.embed_backend`: "auto" (ONNX int8 when it is built and no HOIDAP_EMBED_MODEL is set,
    else sentence-transformers on `settings.embed_model_path`), "onnx" or "torch".
    Raises EmbedderError with an operator-facing message when the model is missing.
    """
    backend = (settings.embed_backend or "auto").lower()
    if backend == "auto":
        built = (Path(settings.onnx_dir) / "model_int8.onnx").exists()
        backend = "onnx" if built and not settings.embed_model else "torch"
    if backend == "onnx":
        if settings.embed_model:
            raise EmbedderError("HOIDAP_EMBED_BACKEND=onnx serves only the built-in EmbeddingGemma; unset "
                                "HOIDAP_EMBED_MODEL or use HOIDAP_EMBED_BACKEND=torch")
        key = ("onnx", str(settings.onnx_dir))
    elif backend == "torch":
        key = ("torch", str(settings.embed_model_path))
    else:
        raise EmbedderError(f"HOIDAP_EMBED_BACKEND={settings.embed_backend!r}: expected auto, onnx or torch")
    # Held during loading so two threads asking at once load the ~1 GB model only once.
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = OnnxEmbedder(key[1]) if backend == "onnx" else SentenceTransformerEmbedder(key[1])
        return _CACHE[key]
