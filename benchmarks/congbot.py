"""CongBot: 53 documents on policy for người có công, and its 86-question benchmark.

The corpus comes pre-chunked (markdown pieces + metadata.json per document); the pieces are joined
back into one markdown file per document, in their order, and ingested by the normal pipeline.
The benchmark's chunk ids changed after it was written, so a retrieved chunk counts as the gold
article by content: word-trigram overlap coefficient ≥ OVERLAP (and ≥ MIN_SHARED shared trigrams)
with a gold text — the benchmark's context pieces that still resolve, or its ground_truth answer.
Answers (`--llm none`) are scored on the key numbers and words of the reference answers.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from benchmarks.common import latency_stats, say
from benchmarks.quality_common import build_service, run_modes

OVERLAP = 0.5
MIN_SHARED = 8
_KIND = {"preamble": 0, "art": 1, "ch": 1, "regulation": 1, "chunk": 1, "appendix": 2}
_NUM = re.compile(r"\d+(?:[.,]\d{3})*(?:,\d+)?%?")
STOP = set("và của cho các được có là theo với trong không thì khi đã này để người một những tại từ về "
           "hoặc nếu do đến bạn em tôi anh chị ông bà ạ nhé như mà sẽ cũng ra vào trên".split())


def _natural(s: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]


def _kind(stem: str, doc_id: str) -> int:
    rest = stem[len(doc_id):].lstrip("_")
    return next((v for k, v in _KIND.items() if rest.startswith(k)), 1)


def _strip_id(text: str, stem: str) -> str:
    lines = text.splitlines()
    if lines and lines[0].lstrip("# ").strip() == stem:
        lines = lines[1:]
    return "\n".join(lines).strip()


def write_docs(data_dir: Path, out_dir: Path) -> dict[str, str]:
    """One markdown file per document (pieces in metadata order, then the rest); returns {piece id: text}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pieces: dict[str, str] = {}
    for doc in sorted(p for p in data_dir.iterdir() if p.is_dir()):
        files = {f.stem: f for f in doc.glob("*.md")}
        order = []
        meta = doc / "metadata.json"
        if meta.exists():
            for c in json.loads(meta.read_text(encoding="utf-8")).get("chunks", []):
                stem = Path(c.get("file_path", "")).stem
                if stem in files and stem not in order:
                    order.append(stem)
        order += sorted((s for s in files if s not in order), key=lambda s: (_kind(s, doc.name), _natural(s)))
        texts = []
        for stem in order:
            t = _strip_id(files[stem].read_text(encoding="utf-8"), stem)
            pieces[stem] = t
            texts.append(t)
        path = out_dir / f"congbot-{doc.name}.md"
        body = "\n\n".join(texts) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != body:
            path.write_text(body, encoding="utf-8")
    return pieces


def _trigrams(text: str) -> set:
    from ingest.normalize import fold_diacritics
    words = re.findall(r"\w+", fold_diacritics(text or "").lower())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def overlap(a: set, b: set) -> tuple[float, int]:
    shared = len(a & b)
    return (shared / min(len(a), len(b)) if a and b else 0.0), shared


def numbers(text: str) -> set[str]:
    """Key numbers: amounts, counts, percentages, years, document numbers (2+ digits; list markers dropped)."""
    out = set()
    for m in _NUM.finditer(text or ""):
        digits = re.sub(r"[.,](?=\d{3}\b)", "", m.group(0))
        if len(re.sub(r"\D", "", digits)) >= 2:
            out.add(digits)
    return out


def words(text: str) -> set[str]:
    from ingest.normalize import fold_diacritics
    return {w for w in re.findall(r"\w+", fold_diacritics(text or "").lower()) if w not in STOP and not w.isdigit()}


def run(qa_dir: Path, base: Path, embedder=None, limit: int | None = None) -> dict:
    cb = qa_dir / "congbot"
    say("CongBot: joining the corpus pieces into one file per document and ingesting …")
    pieces = write_docs(cb / "corpus" / "data", base / "congbot_docs")
    svc, info = build_service(base / "congbot_index", base / "congbot_docs", embedder)
    raw = json.loads((cb / "benchmark_86q.json").read_text(encoding="utf-8"))
    items = (raw["benchmark"] if isinstance(raw, dict) else raw)[:limit]
    resolved = sum(1 for it in items for c in it.get("contexts", []) if c in pieces)
    total_ctx = sum(len(it.get("contexts", [])) for it in items)
    golds = []
    for it in items:
        gt = it.get("ground_truth")
        gt = gt if isinstance(gt, str) else json.dumps(gt, ensure_ascii=False)
        golds.append([_trigrams(pieces[c]) for c in it.get("contexts", []) if c in pieces] + [_trigrams(gt)])
    cache: dict[int, set] = {}

    def relevant(i, hit):
        tri = cache.setdefault(hit.chunk_id, _trigrams(hit.text))
        return any((lambda o: o[0] >= OVERLAP and o[1] >= MIN_SHARED)(overlap(tri, g)) for g in golds[i])

    say(f"CongBot: {len(items)} questions × 3 retrieval modes …")
    modes = run_modes(svc, [it["question"] for it in items], relevant)
    out = {"questions": len(items), "contexts_resolved": f"{resolved}/{total_ctx}", "index": info, "modes": modes,
           "answers": answer_scores(svc, items, [p.name for p in (cb / "corpus" / "data").iterdir() if p.is_dir()])}
    svc.close()
    return out


_NOT_COVERED = re.compile(r"không (?:có )?quy định cụ thể|không đề cập|không nêu cụ thể|không quy định về")


def answer_scores(svc, items: list[dict], doc_ids: list[str]) -> dict:
    """Extractive answers vs the reference answers: key numbers and words present, cited document.

    Each score is given over all questions (a refusal scores 0) and over the answered ones only.
    """
    rows, ms = [], []
    for it in items:
        t = time.perf_counter()
        ans = svc.ask(it["question"], llm="none")
        ms.append((time.perf_counter() - t) * 1000)
        text = ans.answer   # what the user reads first; the cited clauses' full text is not counted
        ref = it.get("answer") or ""
        gt = it.get("ground_truth") if isinstance(it.get("ground_truth"), str) else ""
        ref_nums, rw = numbers(ref), words(ref)
        gold_docs = {f"congbot-{d}.md" for c in it.get("contexts", []) for d in doc_ids if c.startswith(d + "_")}
        rows.append({"refused": ans.refused, "partly_uncovered": bool(_NOT_COVERED.search(gt + " " + ref)),
                     "nums": len(ref_nums & numbers(text)) / len(ref_nums) if ref_nums else None,
                     "words": len(rw & words(text)) / len(rw) if rw else None,
                     "doc": bool(ans.citations) and ans.citations[0].source in gold_docs})

    def scores(sub: list[dict]) -> dict:
        nums = [r["nums"] for r in sub if r["nums"] is not None]
        wr = [r["words"] for r in sub if r["words"] is not None]
        return {"n": len(sub), "with_numbers": len(nums),
                "number_recall_mean": round(sum(nums) / len(nums), 3) if nums else None,
                "all_numbers_present": round(sum(1 for x in nums if x == 1.0) / len(nums), 3) if nums else None,
                "word_recall_mean": round(sum(wr) / len(wr), 3) if wr else None,
                "first_citation_gold_document": round(sum(r["doc"] for r in sub) / len(sub), 3) if sub else None}

    refused = [r for r in rows if r["refused"]]
    return {"n": len(rows), "refused": len(refused),
            "refused_where_reference_says_partly_not_covered": sum(r["partly_uncovered"] for r in refused),
            "references_partly_not_covered": sum(r["partly_uncovered"] for r in rows),
            "all": scores(rows), "answered": scores([r for r in rows if not r["refused"]]),
            "latency": latency_stats(ms)}
