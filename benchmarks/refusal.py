"""Refusal across corpora: how often answerable questions are refused, and out-of-scope ones are not.

A refusal rule fitted on one question set learns its wording (the first one, fitted on
eval/dev.jsonl, refused 11% of a held-out set and 34% of CongBot's answerable questions), so it is
measured on several, each with the product's own `ask --llm none` path:

- answerable: eval/dev.jsonl (in scope) and eval/heldout.jsonl on the dev index (corpus/ + the
  shared documents); CongBot's 86 questions on the CongBot index; a fixed sample of 150 ALQAC
  questions on the ALQAC index (both built by the ALQAC and CongBot parts);
- out of scope: eval/dev.jsonl's out-of-scope questions and eval/oos.jsonl (45 near-topic + 15
  far) on the dev index; the CongBot and ALQAC questions asked of the dev index; the dev set's
  in-scope questions asked of the CongBot and ALQAC indexes (another domain's documents).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from benchmarks.common import ROOT, load_jsonl, say
from benchmarks.quality_common import build_service

ALQAC_SAMPLE, SEED = 150, 7


def _dev_docs(shared: Path, out: Path) -> Path:
    """corpus/ + ../shared/corpus/*.txt + articles/ in one folder (copies keep mtimes: re-runs embed nothing)."""
    out.mkdir(parents=True, exist_ok=True)
    for src in [*sorted((ROOT / "corpus").glob("*.txt")), *sorted((shared / "corpus").glob("*.txt")),
                *sorted((shared / "corpus" / "articles").glob("*.txt"))]:
        dst = out / src.name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copy2(src, dst)
    return out


SWEEP = (0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6)


def _refused(svc, questions: list[dict], signals: list | None = None) -> list[bool]:
    """The product's decision for each question. `signals` gets, per question, (coverage score, refused
    by another check, rescued by a score scale), from which the sweep recomputes the decision at other
    thresholds; the retrieval is repeated for that, through the same functions `ask` uses."""
    from bot.answering.answer import check_support, retrieve_clauses, scale_rescues
    from bot.answering.followup import standalone_question
    out = []
    for q in questions:
        ans = svc.ask(q["question"], history=q.get("history") or [], llm="none")
        out.append(ans.refused)
        if signals is not None:
            text = standalone_question(q["question"], q.get("history") or [])
            hits = retrieve_clauses(svc.retriever, text)
            sup = check_support(svc.retriever, text, hits, svc.refusal_threshold)
            other = [r for r in sup.reasons if r != "coverage"]
            signals.append((sup.score, bool(other), not other and scale_rescues(text, hits, sup)))
    return out


def _sweep(signals: list) -> dict:
    return {f"{t:.1f}": round(sum(1 for sc, other, rescued in signals if other or (sc < t and not rescued))
                              / len(signals), 3) for t in SWEEP} if signals else {}


def _row(name: str, kind: str, svc, questions: list[dict]) -> dict:
    signals: list = []
    flags = _refused(svc, questions, signals)
    n, k = len(flags), sum(flags)
    ids_of_interest = [q["id"] for q, f in zip(questions, flags) if f == (kind == "answerable")]
    return {"set": name, "kind": kind, "n": n, "refused": k, "rate": round(k / n, 3) if n else 0.0,
            "ids": ids_of_interest[:40], "sweep": _sweep(signals)}


def run(qa_dir: Path, base: Path, shared: Path, embedder=None) -> dict:
    dev = load_jsonl(ROOT / "eval" / "dev.jsonl")
    held = load_jsonl(ROOT / "eval" / "heldout.jsonl")
    oos = load_jsonl(ROOT / "eval" / "oos.jsonl")
    dev_in = [q for q in dev if q.get("gold_source")]
    dev_oos = [q for q in dev if not q.get("gold_source")]
    raw = json.loads((qa_dir / "congbot" / "benchmark_86q.json").read_text(encoding="utf-8"))
    congbot = [{"id": "cb" + str(it["id"]), "question": it["question"]}
               for it in (raw["benchmark"] if isinstance(raw, dict) else raw)]
    alqac_all = json.loads((qa_dir / "alqac25_train.json").read_text(encoding="utf-8"))
    alqac = [{"id": it["question_id"], "question": it["text"]}
             for it in random.Random(SEED).sample(alqac_all, min(ALQAC_SAMPLE, len(alqac_all)))]

    rows = []
    say("Refusal: dev index (corpus/ + shared documents) …")
    svc, info = build_service(base / "dev_index", _dev_docs(shared, base / "dev_docs"), embedder)
    for name, kind, qs in (("eval/dev.jsonl in scope", "answerable", dev_in),
                           ("eval/heldout.jsonl", "answerable", held),
                           ("eval/dev.jsonl out of scope", "out of scope", dev_oos),
                           ("eval/oos.jsonl near-topic", "out of scope", [q for q in oos if "far" not in q.get("notes", "")[:20]]),
                           ("eval/oos.jsonl far off-topic", "out of scope", [q for q in oos if "far" in q.get("notes", "")[:20]]),
                           ("CongBot questions → dev index", "out of scope", congbot),
                           (f"ALQAC sample ({ALQAC_SAMPLE}) → dev index", "out of scope", alqac)):
        rows.append(_row(name, kind, svc, qs))
    svc.close()
    for key, label, own in (("congbot", "CongBot", congbot), ("alqac", "ALQAC", alqac)):
        path = base / f"{key}_index"
        if not (path / "hoidap.sqlite").exists():
            say(f"Refusal: {path} missing (run the {label} part first); skipped")
            continue
        from bot.service import Hoidap
        from ingest.settings import Settings
        s = Hoidap(Settings.from_env(data_dir=path), embedder=embedder)
        own_name = f"{label} own questions" + (f" (sample of {ALQAC_SAMPLE})" if key == "alqac" else "")
        rows.append(_row(own_name, "answerable", s, own))
        rows.append(_row(f"dev in-scope questions → {label} index", "out of scope", s, dev_in))
        s.close()
    return {"dev_index": info, "rows": rows, "sweep_thresholds": list(SWEEP)}
