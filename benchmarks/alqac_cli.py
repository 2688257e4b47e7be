"""ALQAC through the CLI contract (issue 18): what an outsider who reads the README measures.

The 17 laws are written exactly as benchmarks/alqac.py writes them and indexed with `hoidap ingest`;
the 729 questions go through one `hoidap search --jsonl FILE --k 10` process, and a result is a hit
when its `source` is the gold law's file and its `section` string names the gold Điều. Nothing but
the documented JSON is read (no `dieu`, no internal Hit), so a gap against the internal figure of
benchmarks/alqac.py is a gap in the contract. The index lives in WORK/alqac_index with the laws in
WORK/alqac_docs, the layout benchmarks/alqac.py uses, so both measure the same index.

    PYTHONPATH=$PWD python -m benchmarks.alqac_cli [--work-dir D] [--plain] [--limit N] [--out F]
        [--internal [--update-quality]]

--plain writes the laws as bare "Điều N. …" text (no title line), as the independent run did, into
their own index. --internal also runs benchmarks/alqac.py on the same index and compares the two
ranks question by question (--update-quality: as the "alqac" block of benchmarks/results/quality.json).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from benchmarks.common import ROOT, environment, say, shared_dir, work_dir
from benchmarks.quality_common import rank_metrics

_DIEU = re.compile(r"(?<!\w)Điều\s+(\d+[a-zđ]?)(?!\w)")


def section_article(section: str) -> str | None:
    """The Điều a result's `section` names ("Chương II › Điều 5 › Khoản 2" → "5"), read as a user
    would read it: the first "Điều N" of the label; None for "Phần mở đầu", "Đoạn 3", "Phụ lục"."""
    m = _DIEU.search(unicodedata.normalize("NFC", section or ""))
    return m.group(1) if m else None


def first_hit(results: list[dict], gold: set[tuple[str, str]]) -> int | None:
    """1-based rank of the first result whose (source, Điều of its section) is a gold article."""
    for i, r in enumerate(results, 1):
        if (r.get("source"), section_article(r.get("section", ""))) in gold:
            return int(r.get("rank") or i)
    return None


def gold_sets(items: list[dict], by_law: dict[str, str]) -> list[set[tuple[str, str]]]:
    """Per question, the (file name, article id) pairs of its relevant articles."""
    return [{(by_law.get(r["law_id"]), str(r["article_id"])) for r in it["relevant_articles"]} for it in items]


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=env, text=True, **kw)


def ingest(data_dir: Path, docs_dir: Path) -> float:
    """`hoidap ingest DOCS` (incremental: an unchanged folder costs seconds); returns seconds."""
    import time
    t = time.perf_counter()
    say(f"hoidap ingest --data-dir {data_dir} {docs_dir} …")
    proc = _cli("ingest", "--data-dir", str(data_dir), str(docs_dir), stdout=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit(f"error: hoidap ingest failed (exit {proc.returncode})")
    say("  " + proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "  (no summary)")
    return round(time.perf_counter() - t, 1)


def search(data_dir: Path, items: list[dict], qfile: Path, k: int) -> dict[str, list[dict]]:
    """One `hoidap search --jsonl` process for every question; {question id: results}."""
    with open(qfile, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps({"id": it["question_id"], "question": it["text"]}, ensure_ascii=False) + "\n")
    say(f"hoidap search --jsonl ({len(items)} questions, k={k}) …")
    proc = _cli("search", "--data-dir", str(data_dir), "--jsonl", str(qfile), "--k", str(k),
                stdout=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit(f"error: hoidap search failed (exit {proc.returncode})")
    out = {}
    for line in proc.stdout.splitlines():
        if line.strip():
            obj = json.loads(line)
            out[obj["id"]] = obj["results"]
    return out


def write_plain(law_json: Path, out_dir: Path) -> dict[str, str]:
    """The laws without their title line (bare "Điều N. …" text); same file names as write_laws."""
    import tempfile
    from benchmarks.alqac import write_laws
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="alqac-titled-") as tmp:
        names = write_laws(law_json, Path(tmp))
        for name in names:
            text = (Path(tmp) / name).read_text(encoding="utf-8").split("\n", 2)[2]
            path = out_dir / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
    return names


def run(qa_dir: Path, base: Path, plain: bool = False, limit: int | None = None, k: int = 10) -> dict:
    from benchmarks.alqac import write_laws
    law_json, q_json = qa_dir / "alqac23_law.json", qa_dir / "alqac25_train.json"
    env = environment()
    if plain:
        docs, data = base / "alqac_plain_docs", base / "alqac_plain_index"
        names = write_plain(law_json, docs)
    else:
        docs, data = base / "alqac_docs", base / "alqac_index"
        names = write_laws(law_json, docs)
    seconds = ingest(data, docs)
    by_law = {v: n for n, v in names.items()}
    items = json.loads(q_json.read_text(encoding="utf-8"))[:limit]
    gold = gold_sets(items, by_law)
    results = search(data, items, base / ("alqac_questions_plain.jsonl" if plain else "alqac_questions.jsonl"), k)
    ranks = [first_hit(results.get(it["question_id"], []), g) for it, g in zip(items, gold)]
    sections = [r.get("section", "") for rs in results.values() for r in rs]
    laws = "bare Điều text" if plain else "title line + Điều (as benchmarks/alqac.py)"
    return {"environment": env, "laws": laws,
            "index": str(data), "ingest_seconds": seconds, "questions": len(items),
            "results_without_dieu": sum(section_article(s) is None for s in sections), "results": len(sections),
            "hybrid": rank_metrics(ranks), "ranks": ranks, "ids": [it["question_id"] for it in items],
            "top": {it["question_id"]: [(r["source"], r["section"]) for r in results.get(it["question_id"], [])]
                    for it in items}}


def internal(qa_dir: Path, base: Path, limit: int | None = None) -> dict:
    """benchmarks/alqac.py on the same index (its ingest finds every file unchanged); no LLM sample."""
    from benchmarks import alqac
    res = alqac.run(qa_dir, base, llm_sample=0, limit=limit)
    res["environment"] = environment()
    return res


def compare(cli_ranks: list, internal_ranks: list, ids: list[str]) -> dict:
    """Questions whose first-hit rank differs between the CLI contract and the internal retriever."""
    diff = [(qid, a, b) for qid, a, b in zip(ids, cli_ranks, internal_ranks) if a != b]
    return {"questions_compared": min(len(cli_ranks), len(internal_ranks)), "different_rank": len(diff),
            "cli_worse": sum(1 for _, a, b in diff if b and (a is None or a > b)), "examples": diff[:40]}


def update_quality(alqac_res: dict, path: Path) -> None:
    """Replace only the "alqac" block of quality.json, keeping its last LLM sample."""
    res = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    prev_llm = (res.get("alqac") or {}).get("llm")
    res["alqac"] = alqac_res
    if prev_llm and "llm" not in alqac_res:
        res["alqac"]["llm"] = prev_llm
    path.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work-dir", default=None, help="holds alqac_docs/ and alqac_index/ (default $HOIDAP_BENCH_DIR)")
    ap.add_argument("--plain", action="store_true", help="laws as bare 'Điều N.' text, no title line")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--out", type=Path, default=None, help="write the JSON result here")
    ap.add_argument("--internal", action="store_true",
                    help="also run benchmarks/alqac.py (internal retriever) on the same index and compare per question")
    ap.add_argument("--update-quality", action="store_true",
                    help="with --internal: write its result as the alqac block of benchmarks/results/quality.json")
    a = ap.parse_args(argv)
    qa = shared_dir() / "corpus" / "qa"
    if not (qa / "alqac25_train.json").exists():
        qa = Path("/work/shared/corpus/qa")
    if not (qa / "alqac25_train.json").exists():
        print("error: no ALQAC data (../shared/corpus/qa; set HOIDAP_SHARED_DIR)", file=sys.stderr)
        return 1
    base = work_dir(a.work_dir)
    res = run(qa, base, plain=a.plain, limit=a.limit, k=a.k)
    if a.out:   # written now too, so a failing internal run keeps the CLI figures
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    if a.internal and not a.plain:
        inner = internal(qa, base, a.limit)
        res["internal"] = {m: {k: v for k, v in r.items() if k != "ranks"} for m, r in inner["modes"].items()}
        res["internal_index"] = inner["index"]
        res["compare"] = compare(res["ranks"], inner["modes"]["hybrid"]["ranks"], res["ids"])
        if a.update_quality:
            update_quality(inner, ROOT / "benchmarks" / "results" / "quality.json")
    if a.out:
        a.out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    m = res["hybrid"]
    print(f"ALQAC via `hoidap search --jsonl` ({res['laws']}): {res['questions']} questions; R@1 {m['recall@1']:.3f} "
          f"R@5 {m['recall@5']:.3f} R@10 {m['recall@10']:.3f} MRR@10 {m['mrr@10']:.3f}; "
          f"{res['results_without_dieu']} of {res['results']} results have no Điều in their section")
    if "internal" in res:
        h = res["internal"]["hybrid"]
        print(f"internal retriever (benchmarks/alqac.py), hybrid: R@1 {h['recall@1']:.3f} R@5 {h['recall@5']:.3f} "
              f"R@10 {h['recall@10']:.3f} MRR@10 {h['mrr@10']:.3f}; rank differs on "
              f"{res['compare']['different_rank']} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
