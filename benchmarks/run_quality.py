"""`make bench-quality`: ALQAC and CongBot, retrieval recall@k / MRR for keyword, dense and hybrid,
LLM accuracy on a fixed ALQAC sample, CongBot answer scoring, refusal rates across corpora; writes the "External benchmarks"
section of docs/benchmarks.md and docs/benchmarks/recall_at_k.png, and prints the section. The OCR part
(benchmarks/ocr.py: scans and photos of corpus pages) writes its own "ocr" section.

  python -m benchmarks.run_quality [--only alqac|congbot|refusal|ocr] [--ocr-pages 12] [--llm-sample 30] [--work-dir D]

Reads ../shared/corpus/qa (HOIDAP_SHARED_DIR to change) and skips with a clear message without it.
Indexes are kept under the work dir, so a re-run embeds nothing.
"""

from __future__ import annotations

import argparse
import json

from benchmarks.common import PLOTS, ROOT, environment, say, shared_dir, work_dir, write_section
from benchmarks.quality_report import plot, render

RESULTS = ROOT / "benchmarks" / "results" / "quality.json"
OCR_RESULTS = ROOT / "benchmarks" / "results" / "ocr.json"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["alqac", "congbot", "refusal", "ocr"])
    ap.add_argument("--ocr-pages", type=int, default=12, help="corpus pages rendered as scans and photos")
    ap.add_argument("--llm-sample", type=int, default=30, help="ALQAC questions answered by the local LLM (0 = none)")
    ap.add_argument("--work-dir")
    ap.add_argument("--no-doc", action="store_true", help="print only; leave docs/benchmarks.md alone")
    a = ap.parse_args(argv)
    env = environment()
    if a.only in (None, "ocr"):
        _ocr_part(a, env)
        if a.only == "ocr":
            return
    qa = shared_dir() / "corpus" / "qa"
    res = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    res["environment"] = env
    from ingest.settings import Settings
    s = Settings.from_env()
    res["settings"] = {"Retrieval": f"hybrid = weighted RRF (k=60) of dense {s.dense_weight} / keyword "
                                    f"{s.keyword_weight}, 60 candidates each; k = 10",
                       "Embedder": "ONNX int8 EmbeddingGemma-300M (HOIDAP_EMBED_BACKEND=" + s.embed_backend + ")",
                       "Keyword": "bm25s (k1 1.2, b 0.75) over pyvi words + accent-folded syllables"}
    if not qa.is_dir():
        msg = f"{qa} not found: the external benchmarks need ../shared/corpus/qa (set HOIDAP_SHARED_DIR)"
        say(msg)
        print(msg)
        return
    base = work_dir(a.work_dir)
    res.pop("skipped", None)
    if a.only in (None, "alqac"):
        from benchmarks import alqac
        prev_llm = (res.get("alqac") or {}).get("llm")
        res["alqac"] = alqac.run(qa, base, llm_sample=a.llm_sample)
        if not a.llm_sample and prev_llm:   # keep the last LLM sample rather than dropping it
            res["alqac"]["llm"] = prev_llm
    if a.only in (None, "congbot"):
        from benchmarks import congbot
        res["congbot"] = congbot.run(qa, base)
    if a.only in (None, "refusal"):
        from benchmarks import refusal
        res["refusal"] = refusal.run(qa, base, shared_dir())
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    png = plot(res, PLOTS / "recall_at_k.png")
    body = render(res, "benchmarks/recall_at_k.png" if png else None)
    if not a.no_doc:
        slim = json.loads(json.dumps(res))
        for key in ("alqac", "congbot"):   # per-question ranks stay in benchmarks/results/quality.json
            for m in (slim.get(key) or {}).get("modes", {}).values():
                m.pop("ranks", None)
        write_section("quality", body, slim)
    print(body)


def _ocr_part(a, env: dict) -> None:
    from benchmarks import ocr
    from benchmarks.common import environment_md
    res = ocr.run(shared_dir(), work_dir(a.work_dir), pages=a.ocr_pages)
    res["environment"] = env
    OCR_RESULTS.parent.mkdir(parents=True, exist_ok=True)
    OCR_RESULTS.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    body = ocr.render(res) + "\n\n" + environment_md(env, {"OCR": ocr.tesseract_version()})
    if not a.no_doc:
        slim = {k: v for k, v in res.items() if k != "environment"}
        write_section("ocr", body, slim)
    print(body)


if __name__ == "__main__":
    main()
