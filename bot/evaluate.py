"""`hoidap eval`: retrieval and answer quality on a JSONL of questions with gold sources.

A retrieved clause counts as relevant when it comes from the gold document and contains the gold
quote (whitespace- and case-insensitive) or sits in the gold Điều.
"""

from __future__ import annotations

import json
import re
import time

from bot.answering.followup import standalone_question
from ingest.normalize import fold_diacritics, search_form

_DIEU = re.compile(r"Điều\s+(\d+)")


def load_items(path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                items.append(json.loads(line))
    return items


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", search_form(s or "")).strip()


def is_relevant(row: dict, item: dict) -> bool:
    """From the gold document (or one of `alt_sources` holding the same clause) and on the gold clause."""
    if not item.get("gold_source"):
        return False
    quote = _norm(item.get("gold_quote") or "")
    if row["source"] in (item.get("alt_sources") or []) and row["source"] != item["gold_source"]:
        return bool(quote) and quote in _norm(row["text"])
    if row["source"] != item["gold_source"]:
        return False
    if quote and quote in _norm(row["text"]):
        return True
    gold_dieu = _DIEU.findall(item.get("gold_section") or "")
    if gold_dieu:
        have = _DIEU.findall(f"{row['section']} {row.get('dieu', '')}")
        return bool(have) and have[0] == gold_dieu[0]
    return not quote


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    idx = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[idx]


def contains_all(answer: str, needles: list[str]) -> bool:
    a = fold_diacritics(_norm(answer))
    return all(fold_diacritics(_norm(n)) in a for n in needles)


def evaluate(service, items: list[dict], modes=("dense", "keyword", "hybrid"), llm_mode: str = "none",
             answers_out=None) -> dict:
    retriever = service.retriever
    in_scope = [it for it in items if it.get("gold_source")]
    report: dict = {"n_questions": len(items), "n_in_scope": len(in_scope), "retrieval": {}, "answers": {}}
    for mode in modes:
        ranks, lat = [], []
        for it in in_scope:
            q = standalone_question(it["question"], it.get("history") or [])
            t = time.perf_counter()
            hits = retriever.search(q, k=10, mode=mode)
            lat.append((time.perf_counter() - t) * 1000)
            rank = next((i for i, h in enumerate(hits, 1) if is_relevant(h.to_dict(), it)), None)
            ranks.append(rank)
        n = len(ranks) or 1
        report["retrieval"][mode] = {
            "recall@1": sum(1 for r in ranks if r and r <= 1) / n,
            "recall@5": sum(1 for r in ranks if r and r <= 5) / n,
            "recall@10": sum(1 for r in ranks if r and r <= 10) / n,
            "mrr@10": sum(1 / r for r in ranks if r) / n,
            "latency_ms_p50": percentile(lat, 50), "latency_ms_p95": percentile(lat, 95),
            "misses": [it["id"] for it, r in zip(in_scope, ranks) if not r or r > 5],
        }
    contains, cite_ok, answered_in, lat = 0, 0, 0, []
    tp = fp = fn = 0
    wrong_refusals, unrefused_ids = [], []
    answer_modes: dict[str, int] = {}
    leads = LeadTally()
    out = open(answers_out, "w", encoding="utf-8") if answers_out else None
    for it in items:
        t = time.perf_counter()
        ans = service.ask(it["question"], history=it.get("history") or [], llm=llm_mode)
        lat.append((time.perf_counter() - t) * 1000)
        answer_modes[ans.mode] = answer_modes.get(ans.mode, 0) + 1
        if out:
            out.write(json.dumps(ans.to_json(it["id"]), ensure_ascii=False) + "\n")
            out.flush()
        oos = not it.get("gold_source")
        if llm_mode != "none" and not oos and not ans.refused:
            leads.add(ans, it.get("must_contain") or [])
        if ans.refused and oos:
            tp += 1
        elif ans.refused and not oos:
            fp += 1
            wrong_refusals.append(it["id"])
        elif not ans.refused and oos:
            fn += 1
            unrefused_ids.append(it["id"])
        if not oos and not ans.refused:
            answered_in += 1
            if contains_all(ans.answer, it.get("must_contain") or []):
                contains += 1
            if ans.citations and ans.citations[0].source in [it["gold_source"], *(it.get("alt_sources") or [])]:
                cite_ok += 1
    if out:
        out.close()
    n_oos = sum(1 for it in items if not it.get("gold_source"))
    n_in = len(in_scope) or 1
    report["answers"] = {
        "llm": llm_mode,
        "answer_contains_rate": contains / n_in,
        "citation_accuracy": cite_ok / n_in,
        "refusal_precision": tp / (tp + fp) if tp + fp else 0.0,
        "refusal_recall": tp / n_oos if n_oos else 0.0,
        "wrong_refusal_rate": fp / n_in,
        "latency_ms_p50": percentile(lat, 50), "latency_ms_p95": percentile(lat, 95),
        "wrong_refusals": wrong_refusals, "out_of_scope_answered": unrefused_ids,
        "modes": answer_modes,   # final answers: generated / extractive / refused
    }
    if llm_mode != "none":
        report["answers"]["lead"] = leads.report()
    return report


class LeadTally:
    """Issue 17: how the LLM's lead did on answered in-scope questions. The full answer always keeps the
    verbatim quote under the lead, so "answer contains" cannot drop with it; "lead contains" is whether
    the lead on its own states the asked facts, compared with the extractive answer alone."""

    def __init__(self):
        self.n = self.shown = self.lead_contains = self.extractive_contains = 0
        self.notes: dict[str, int] = {}
        self.first_token: list[float] = []
        self.prompt_tokens: list[float] = []

    def add(self, ans, must: list[str]) -> None:
        self.n += 1
        extractive = ans.answer[len(ans.lead):] if ans.lead else ans.answer
        self.extractive_contains += contains_all(extractive, must)
        if ans.lead:
            self.shown += 1
            self.lead_contains += contains_all(ans.lead, must)
        elif ans.llm_note:
            self.notes[ans.llm_note] = self.notes.get(ans.llm_note, 0) + 1
        if ans.llm and ans.llm.get("first_token_ms") is not None:
            self.first_token.append(ans.llm["first_token_ms"])
            self.prompt_tokens.append(ans.llm.get("prompt_tokens") or 0)

    def report(self) -> dict:
        n = self.n or 1
        return {"answered": self.n, "shown": self.shown, "dropped_by_guard": self.n - self.shown - sum(self.notes.values()),
                "notes": self.notes, "lead_contains": self.lead_contains,
                "lead_contains_rate_of_shown": self.lead_contains / self.shown if self.shown else 0.0,
                "extractive_contains_rate": self.extractive_contains / n,
                "first_token_ms_p50": percentile(self.first_token, 50),
                "first_token_ms_p95": percentile(self.first_token, 95),
                "prompt_tokens_p50": percentile(self.prompt_tokens, 50)}


def format_table(report: dict) -> str:
    lines = [f"{report['n_questions']} questions ({report['n_in_scope']} in scope)", "",
             "| retrieval | recall@1 | recall@5 | recall@10 | MRR@10 | p50 ms | p95 ms |",
             "|---|---|---|---|---|---|---|"]
    for mode, r in report["retrieval"].items():
        lines.append(f"| {mode} | {r['recall@1']:.3f} | {r['recall@5']:.3f} | {r['recall@10']:.3f} | "
                     f"{r['mrr@10']:.3f} | {r['latency_ms_p50']:.0f} | {r['latency_ms_p95']:.0f} |")
    a = report["answers"]
    lines += ["", f"answers (llm={a['llm']}): contains {a['answer_contains_rate']:.3f}, "
              f"citation accuracy {a['citation_accuracy']:.3f}, refusal precision {a['refusal_precision']:.3f}, "
              f"refusal recall {a['refusal_recall']:.3f}, wrong refusals {a['wrong_refusal_rate']:.3f}, "
              f"latency p50 {a['latency_ms_p50']:.0f} ms / p95 {a['latency_ms_p95']:.0f} ms",
              "final answers by mode: " + ", ".join(f"{k} {v}" for k, v in sorted(a.get("modes", {}).items()))]
    if "lead" in a:
        ld = a["lead"]
        lines.append(f"leads: {ld['shown']} shown of {ld['answered']} answered ({ld['dropped_by_guard']} dropped by the "
                     f"guard, notes {ld['notes']}); lead alone contains the facts {ld['lead_contains']} of "
                     f"{ld['shown']}; extractive alone {ld['extractive_contains_rate']:.3f}; first token p50 "
                     f"{ld['first_token_ms_p50']:.0f} ms, p95 {ld['first_token_ms_p95']:.0f} ms")
    for mode, r in report["retrieval"].items():
        if r["misses"]:
            lines.append(f"{mode} misses@5: {', '.join(r['misses'])}")
    if a["wrong_refusals"]:
        lines.append("wrong refusals: " + ", ".join(a["wrong_refusals"]))
    if a["out_of_scope_answered"]:
        lines.append("out-of-scope answered: " + ", ".join(a["out_of_scope_answered"]))
    return "\n".join(lines)
