"""ALQAC: 17 Vietnamese laws (2,249 articles) and the 729 questions of ALQAC 2025 train.

Each law is written as one text file ("LUẬT …" then "Điều {id}. {text}" per article) and ingested
by the normal pipeline, so chunking (one chunk per short Điều, split at Khoản) is the product's.
A retrieved chunk is a hit when it comes from the gold law's file and its section is the gold Điều.
With the local LLM, a fixed sample of Đúng/Sai and multiple-choice questions is answered from the
top-3 retrieved chunks only.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path

from benchmarks.common import say
from benchmarks.quality_common import build_service, run_modes

PROMPTS = Path(__file__).resolve().parent / "prompts"
_DIEU = re.compile(r"Điều\s+(\d+[a-zđ]?)\b")
LLM_SAMPLE = 30       # 15 Đúng/Sai + 15 multiple choice, fixed seed
LLM_SOURCES = 3


def law_file(law_id: str) -> str:
    from ingest.normalize import fold_diacritics
    slug = re.sub(r"[^a-z0-9]+", "-", fold_diacritics(law_id).lower()).strip("-")
    return f"alqac-{slug}.txt"


def write_laws(law_json: Path, out_dir: Path) -> dict[str, str]:
    """One text file per law; returns {file name: law id}. Unchanged files keep their mtime and bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {}
    for law in json.loads(law_json.read_text(encoding="utf-8")):
        parts = [law["id"].upper(), ""]
        for art in law["articles"]:
            parts.append(f"Điều {art['id']}. {art['text'].strip()}")
            parts.append("")
        name = law_file(law["id"])
        text = "\n".join(parts)
        path = out_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        names[name] = law["id"]
    return names


def article_of(hit) -> str | None:
    m = _DIEU.search(hit.section or "") or _DIEU.search(hit.dieu or "")
    return m.group(1) if m else None


def coverage(svc, names: dict[str, str], law_json: Path) -> dict:
    """How many of the corpus's articles ended up as a chunk labelled with their own Điều."""
    db = svc.index.db
    have = set()
    for source, section, dieu in db.execute("SELECT d.source, c.section, c.dieu FROM chunks c JOIN documents d USING(doc_id)"):
        m = _DIEU.search(section or "") or _DIEU.search(dieu or "")
        if m and source in names:
            have.add((names[source], m.group(1)))
    real = {(law["id"], str(a["id"])) for law in json.loads(law_json.read_text(encoding="utf-8")) for a in law["articles"]}
    return {"articles": len(real), "articles_with_chunks": len(have & real)}


def run(qa_dir: Path, base: Path, llm_sample: int = LLM_SAMPLE, embedder=None, limit: int | None = None) -> dict:
    law_json, q_json = qa_dir / "alqac23_law.json", qa_dir / "alqac25_train.json"
    say("ALQAC: writing one file per law and ingesting …")
    names = write_laws(law_json, base / "alqac_docs")
    svc, info = build_service(base / "alqac_index", base / "alqac_docs", embedder)
    by_law = {v: k for k, v in names.items()}
    items = json.loads(q_json.read_text(encoding="utf-8"))[:limit]
    gold = [{(by_law.get(r["law_id"]), str(r["article_id"])) for r in it["relevant_articles"]} for it in items]

    def relevant(i, hit):
        return (hit.source, article_of(hit)) in gold[i]

    say(f"ALQAC: {len(items)} questions × 3 retrieval modes …")
    modes = run_modes(svc, [it["text"] for it in items], relevant)
    types = {}
    for it in items:
        types[it["question_type"]] = types.get(it["question_type"], 0) + 1
    out = {"questions": len(items), "question_types": types, "index": info, "coverage": coverage(svc, names, law_json),
           "modes": modes}
    if llm_sample:
        out["llm"] = llm_accuracy(svc, items, llm_sample)
    svc.close()
    return out


def _sample(items: list[dict], n: int) -> list[dict]:
    rng = random.Random(2025)
    tf = [it for it in items if it["question_type"] == "Đúng/Sai"]
    mc = [it for it in items if it["question_type"] == "Trắc nghiệm"]
    return rng.sample(tf, min(n // 2, len(tf))) + rng.sample(mc, min(n - n // 2, len(mc)))


def _parse(reply: str, kind: str) -> str:
    from ingest.normalize import fold_diacritics
    f = fold_diacritics(reply).lower()
    if kind == "Đúng/Sai":
        m = re.search(r"\b(dung|sai)\b", f)
        return {"dung": "Đúng", "sai": "Sai"}.get(m.group(1), "") if m else ""
    m = re.search(r"\b([ABCD])\b", reply)
    return m.group(1) if m else ""


def llm_accuracy(svc, items: list[dict], n: int) -> dict:
    """Accuracy of the local LLM answering from the top-3 hybrid chunks, on a fixed sample."""
    from bot.answering.llm import LLM, LLMUnavailable, start_local_server
    settings = svc.settings
    if not settings.gguf_path.exists():
        return {"skipped": f"no local GGUF at {settings.gguf_path}"}
    say(f"ALQAC: local LLM on a fixed sample of {n} Đúng/Sai + multiple-choice questions …")
    base = start_local_server(str(settings.gguf_path), settings.llm_threads)
    llm = LLM(base, "local", "", timeout=180, max_tokens=8)
    system = (PROMPTS / "alqac_system.txt").read_text(encoding="utf-8").strip()
    template = (PROMPTS / "alqac_question.txt").read_text(encoding="utf-8").strip()
    rows, ms = [], []
    for it in _sample(items, n):
        hits = svc.retriever.search(it["text"], k=LLM_SOURCES, mode="hybrid")
        sources = "\n\n".join(f"[{i}] {h.title} — {h.section}\n{h.text}" for i, h in enumerate(hits, 1))
        if it["question_type"] == "Đúng/Sai":
            task = "Câu hỏi Đúng/Sai. Trả lời đúng một từ: Đúng hoặc Sai."
            question = it["text"]
        else:
            task = "Câu hỏi trắc nghiệm. Trả lời đúng một chữ cái: A, B, C hoặc D."
            question = it["text"] + "\n" + "\n".join(f"{k}. {v}" for k, v in sorted(it["choices"].items()))
        msgs = [("system", system), ("user", template.format(sources=sources, question=question, task=task))]
        t = time.perf_counter()
        try:
            reply = llm.complete(msgs)
        except LLMUnavailable as exc:
            reply = f"(error: {exc})"
        ms.append((time.perf_counter() - t) * 1000)
        got = _parse(reply, it["question_type"])
        rows.append({"id": it["question_id"], "type": it["question_type"], "gold": it["answer"], "got": got,
                     "reply": reply.strip()[:40], "correct": got == it["answer"]})
        say(f"  {len(rows)}/{n} {it['question_type']}: gold {it['answer']} got {got or reply[:20]!r}")
    out = {"n": len(rows), "seconds_per_question": round(sum(ms) / len(ms) / 1000, 1) if ms else 0,
           "date": time.strftime("%Y-%m-%d %H:%M %Z"), "load_avg": [round(x, 2) for x in os.getloadavg()]}
    for kind in ("Đúng/Sai", "Trắc nghiệm"):
        sub = [r for r in rows if r["type"] == kind]
        if sub:
            out[kind] = {"n": len(sub), "accuracy": round(sum(r["correct"] for r in sub) / len(sub), 3),
                         "unparsed": sum(1 for r in sub if not r["got"])}
    tf = [r for r in rows if r["type"] == "Đúng/Sai"]
    if tf:
        share = sum(r["gold"] == "Đúng" for r in tf) / len(tf)
        out["majority_baseline_dung_sai"] = round(max(share, 1 - share), 3)
    out["rows"] = rows
    return out
