"""Export EmbeddingGemma (a sentence-transformers folder) to ONNX, then quantise it to int8.

Run as two separate processes, as `ingest.models.build_onnx_embedder` does:

    python -m ingest.onnx_export export   ST_DIR OUT_DIR   # -> OUT_DIR/model_fp32.onnx + runtime files
    python -m ingest.onnx_export quantize ST_DIR OUT_DIR   # -> OUT_DIR/model_int8.onnx

Separate processes because export peaks near 6 GB and quantising in the same process would keep
that memory alive (7.7 GB measured). Only the transformer goes through ONNX; pooling and the two
Dense layers are a few numpy lines at run time (`ingest.embed.OnnxEmbedder`), so the runtime needs
onnxruntime + tokenizers + numpy and never imports torch. Recipe and measurements: MODELS.md.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import warnings
from pathlib import Path

FP32_NAME = "model_fp32.onnx"
INT8_NAME = "model_int8.onnx"
MANIFEST_NAME = "hoidap_onnx.json"
# The runtime files OnnxEmbedder reads besides the .onnx model.
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
DENSE_DIRS = ("2_Dense", "3_Dense")
PROBE_REF_NAME = "probe_ref.npy"
# Probe passages embedded by torch at export time and by the int8 model after quantising: a broken
# export (e.g. attention turned causal, a baked-in shape) shows up as a low cosine and fails the build
# instead of silently degrading retrieval. The long one passes the 512-token sliding window.
PROBES = [
    "Điều 7. Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng hằng năm cho cá nhân đạt danh hiệu "
    "Lao động tiên tiến và có sáng kiến được công nhận.",
    "Cán bộ, công chức được đánh giá, xếp loại chất lượng theo bốn mức: hoàn thành xuất sắc nhiệm vụ, "
    "hoàn thành tốt nhiệm vụ, hoàn thành nhiệm vụ và không hoàn thành nhiệm vụ. " * 16,  # ~670 tokens
]
# int8 vs torch fp32: 0.96-0.99 on a CPU with VNNI (MODELS.md); 0.989 / 0.950 on an AVX2-only AMD EPYC
# with reduce_range (without it: 0.47 / 0.69, see _needs_reduce_range). A broken export lands far lower.
MIN_PROBE_COSINE = 0.93


def _quiet() -> None:
    """Silence known, harmless noise (progress bars, torchvision/axis-name/pre-processing notices)."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    logging.getLogger("torch.onnx").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message=".*axis name.*")
    warnings.filterwarnings("ignore", category=FutureWarning)


def _save_runtime_files(st_dir: Path, out_dir: Path) -> None:
    """Copy tokenizer, prompts, pooling config and the Dense weights (as .npy) next to the model."""
    import numpy as np
    from safetensors.numpy import load_file

    for name in TOKENIZER_FILES:
        shutil.copy2(st_dir / name, out_dir / name)
    st_config = json.loads((st_dir / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    (out_dir / "prompts.json").write_text(json.dumps(st_config.get("prompts", {}), ensure_ascii=False, indent=2),
                                          encoding="utf-8")
    shutil.copy2(st_dir / "1_Pooling" / "config.json", out_dir / "pooling.json")
    dense = []
    for i, sub in enumerate(DENSE_DIRS):
        cfg = json.loads((st_dir / sub / "config.json").read_text(encoding="utf-8"))
        # Bias-free identity-activation layers are all the runtime implements; refuse anything else
        # rather than silently produce different vectors.
        if cfg.get("bias") or not cfg.get("activation_function", "").endswith("Identity"):
            raise SystemExit(f"{sub}: unsupported Dense layer config {cfg}")
        weight = load_file(str(st_dir / sub / "model.safetensors"))["linear.weight"]  # (out, in)
        np.save(out_dir / f"dense_{i}.npy", weight.astype(np.float32))
        dense.append(f"dense_{i}.npy")
    max_len = json.loads((st_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))["max_seq_length"]
    manifest = {"source": st_dir.name, "max_seq_length": max_len, "dense": dense,
                "dim": int(weight.shape[0])}
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def export(st_dir: Path, out_dir: Path) -> None:
    """Write OUT_DIR/model_fp32.onnx (one file) and the runtime files."""
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    _quiet()
    st = SentenceTransformer(str(st_dir), device="cpu")
    out_dir.mkdir(parents=True, exist_ok=True)
    ref = st.encode(PROBES, prompt_name="document", normalize_embeddings=True, batch_size=1)
    np.save(out_dir / PROBE_REF_NAME, ref.astype(np.float32))
    transformer = st[0].auto_model.eval()

    class Wrapper(torch.nn.Module):
        """(input_ids, attention_mask) -> last_hidden_state; no KV cache so no extra outputs."""

        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            return self.model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).last_hidden_state

    # A padded batch of 2: with a batch of 1 the exporter bakes the batch size in as a constant,
    # and the padding makes it trace the masked path.
    enc = st.tokenizer(["title: none | text: Điều 1. Phạm vi điều chỉnh", "xin chào"],
                       padding=True, return_tensors="pt")
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq", max=2048)
    shapes = {"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}}
    with torch.no_grad():
        torch.onnx.export(Wrapper(transformer).eval(), (enc["input_ids"], enc["attention_mask"]),
                          str(out_dir / FP32_NAME),
                          input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                          dynamo=True, opset_version=18, optimize=True, dynamic_shapes=shapes,
                          external_data=False)  # 1.2 GB fits in one protobuf (< 2 GB)
    _save_runtime_files(st_dir, out_dir)


def _needs_reduce_range() -> bool:
    """True on x86 CPUs without VNNI. There onnxruntime's u8 x s8 int8 kernels add pairs of products
    in 16 bits and saturate, which wrecked the vectors (probe cosine 0.47); 7-bit weights cannot
    overflow (onnxruntime's own advice for such CPUs). CPUs with VNNI keep full 8-bit weights."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return " avx2" in flags and "vnni" not in flags


def quantize(out_dir: Path) -> None:
    """Write OUT_DIR/model_int8.onnx: dynamic int8 weights, per channel (QUInt8 was 20-35% slower).

    Then embed the probes with the runtime embedder and exit non-zero if they drift from torch.
    """
    import numpy as np
    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(logging.ERROR)  # "consider pre-processing" notice: no gain measured
    reduce = _needs_reduce_range()
    quantize_dynamic(out_dir / FP32_NAME, out_dir / INT8_NAME, weight_type=QuantType.QInt8, per_channel=True,
                     reduce_range=reduce)

    from ingest.embed import OnnxEmbedder

    got = np.asarray(OnnxEmbedder(out_dir, INT8_NAME).embed_documents(PROBES))
    cosines = (got * np.load(out_dir / PROBE_REF_NAME)).sum(axis=1)
    print(f"int8 vs torch fp32 cosine on probes: {', '.join(f'{c:.4f}' for c in cosines)}"
          f"{' (reduce_range: CPU without VNNI)' if reduce else ''}")
    if cosines.min() < MIN_PROBE_COSINE:
        (out_dir / INT8_NAME).unlink()
        raise SystemExit(f"error: int8 model drifts from torch (cosine {cosines.min():.3f} < {MIN_PROBE_COSINE})")


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("export", "quantize"):
        print("usage: python -m ingest.onnx_export {export|quantize} ST_DIR OUT_DIR", file=sys.stderr)
        return 2
    step, st_dir, out_dir = argv[0], Path(argv[1]), Path(argv[2])
    if step == "export":
        if not (st_dir / "model.safetensors").exists():
            print(f"error: {st_dir} is not the EmbeddingGemma folder (run `hoidap models fetch`)", file=sys.stderr)
            return 1
        export(st_dir, out_dir)
    else:
        if not (out_dir / FP32_NAME).exists():
            print(f"error: {out_dir / FP32_NAME} missing; run the export step first", file=sys.stderr)
            return 1
        quantize(out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
