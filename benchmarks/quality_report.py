"""The markdown and the recall@k plot of the "External benchmarks" section."""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import environment_md, md_table
from benchmarks.quality_common import KS, MODES


def plot(res: dict, path: Path) -> Path | None:
    """recall@k (k = 1..10) of keyword, dense and hybrid retrieval, one panel per benchmark."""
    sets = [(name, res[key]["modes"]) for key, name in (("alqac", "ALQAC 2025 train (729 q)"),
                                                         ("congbot", "CongBot benchmark_86q"))
            if isinstance(res.get(key), dict) and "modes" in res[key]]
    if not sets:
        return None
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, len(sets), figsize=(5.5 * len(sets), 4), squeeze=False)
    for ax, (name, modes) in zip(axes[0], sets):
        for mode, style in zip(MODES, ("s--", "o:", "D-")):
            ax.plot(KS, [modes[mode][f"recall@{k}"] for k in KS], style, label=mode)
        ax.set_title(name)
        ax.set_xlabel("k")
        ax.set_ylabel("recall@k")
        ax.set_xticks(KS)
        ax.set_ylim(0, 1)
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _mode_table(modes: dict) -> str:
    rows = [[m, modes[m]["recall@1"], modes[m]["recall@5"], modes[m]["recall@10"], modes[m]["mrr@10"],
             modes[m]["latency"]["p50_ms"], modes[m]["latency"]["p95_ms"]] for m in MODES if m in modes]
    return md_table(["retrieval", "recall@1", "recall@5", "recall@10", "MRR@10", "p50 ms", "p95 ms"], rows)


def render(res: dict, plot_rel: str | None) -> str:
    out = ["## External benchmarks (`make bench-quality`)", "",
           environment_md(res["environment"], res.get("settings")), ""]
    if res.get("skipped"):
        return "\n".join(out + [f"Skipped: {res['skipped']}", ""])
    if plot_rel:
        out += [f"![recall@k for keyword, dense and hybrid retrieval]({plot_rel})", ""]
    a = res.get("alqac")
    if a:
        cov = a["coverage"]
        out += ["### ALQAC (17 laws, 2,249 articles; 729 questions of alqac25_train)", "",
                _mode_table(a["modes"]), "",
                f"Index: {a['index']['documents']} documents, {a['index']['chunks']} chunks; "
                f"{cov['articles_with_chunks']} of {cov['articles']} articles have a chunk labelled with their Điều. "
                f"Question types: {a['question_types']}. A hit is a chunk of the gold law and gold Điều "
                f"(any of the gold articles when there are several); the question text alone is the query "
                f"(multiple-choice options not appended). One gold reference (Luật Trồng trọt, Điều 64) is not "
                f"in the corpus, so that question cannot be hit.", ""]
        llm = a.get("llm")
        if llm and "n" in llm:
            rows = [[k, llm[k]["n"], llm[k]["accuracy"], llm[k]["unparsed"]] for k in ("Đúng/Sai", "Trắc nghiệm") if k in llm]
            out += [f"LLM accuracy on a **fixed sample of {llm['n']}** questions (seed 2025; the full 673 Đúng/Sai and "
                    f"multiple-choice questions would take ~{llm['seconds_per_question'] * 673 / 3600:.1f} h on 2 cores): "
                    f"local Qwen2.5-Coder-1.5B Q4_K_M answering from the top-3 hybrid chunks only "
                    f"({llm['seconds_per_question']} s per question; run {llm.get('date', '?')}, load average "
                    f"{llm.get('load_avg', '?')}).", "",
                    md_table(["type", "questions", "accuracy", "unparsed replies"], rows), "",
                    f"Majority-class baseline for the Đúng/Sai sample: {llm.get('majority_baseline_dung_sai')}.", ""]
        elif llm:
            out += [f"LLM accuracy: skipped ({llm.get('skipped')}).", ""]
    c = res.get("congbot")
    if c:
        ans = c["answers"]
        out += ["### CongBot (53 documents on người có công; benchmark_86q)", "",
                _mode_table(c["modes"]), "",
                f"Index: {c['index']['documents']} documents, {c['index']['chunks']} chunks (the corpus pieces joined "
                f"back into one file per document, re-chunked by hoidap). Gold by content, since the benchmark's "
                f"chunk ids changed ({c['contexts_resolved']} context ids still resolve): a retrieved chunk is "
                f"relevant when its word-trigram overlap coefficient with a resolved context piece or with the "
                f"ground_truth text is ≥ 0.5 with ≥ 8 shared trigrams.", "",
                "Answers, extractive (`--llm none`), scored against the reference answers:", "",
                md_table(["metric", f"all {ans['n']} questions (a refusal scores 0)",
                          f"the {ans['answered']['n']} answered"], [
                    ["key numbers of the reference present (mean over references with numbers)",
                     ans["all"]["number_recall_mean"], ans["answered"]["number_recall_mean"]],
                    ["all key numbers present", ans["all"]["all_numbers_present"], ans["answered"]["all_numbers_present"]],
                    ["reference content words present (mean)", ans["all"]["word_recall_mean"],
                     ans["answered"]["word_recall_mean"]],
                    ["first citation from a gold document", ans["all"]["first_citation_gold_document"],
                     ans["answered"]["first_citation_gold_document"]]]), "",
                f"Refused: {ans['refused']} of {ans['n']} ({ans['refused_where_reference_says_partly_not_covered']} "
                f"of them where the reference itself says the documents do not settle the question; "
                f"{ans['references_partly_not_covered']} references say so in all). Ask latency p50 / p95: "
                f"{ans['latency']['p50_ms']} / {ans['latency']['p95_ms']} ms.", "",
                "Key numbers: every number of 2+ digits in the reference answer (amounts, counts, percentages, "
                "years, document numbers); words: its content words, accent-folded, minus a short stop list. "
                "The reference answers are written prose, so word recall is a rough guide only.", ""]
    r = res.get("refusal")
    if r:
        out += ["### Refusal across corpora (`ask --llm none`)", "",
                "Answerable questions should not be refused (wrong refusals are as bad as inventions); "
                "out-of-scope ones should. Each set is asked of the index named; see benchmarks/refusal.py.", "",
                md_table(["question set", "kind", "questions", "refused", "rate"],
                         [[x["set"], x["kind"], x["n"], x["refused"], x["rate"]] for x in r["rows"]]), "",
                "The same sets at other coverage thresholds (HOIDAP_REFUSAL_THRESHOLD; the name, document and "
                "figure checks unchanged): share refused.", "",
                md_table(["question set", "kind", *[f"t={t}" for t in r.get("sweep_thresholds", [])]],
                         [[x["set"], x["kind"], *x.get("sweep", {}).values()] for x in r["rows"]]), "",
                "Wrongly refused answerable questions / unrefused out-of-scope ones (first 40 ids): " +
                "; ".join(f"{x['set']}: {', '.join(x['ids']) or '—'}" for x in r["rows"]), ""]
    return "\n".join(out)
