"""How often the reader's span holds the asked facts, given the right clauses (issue 18, item 1).

For each question of eval/dev.jsonl and eval/heldout.jsonl with a gold document and `must_contain`
facts, the gold document is chunked as `hoidap ingest` would (no index, no embedding). Its chunks are
put in order of how many of the facts each holds (the gold quote first), the first three are given
to `bot.answering.reader.read`, and the span counts as right when it holds every fact. Questions whose
facts are not all in one chunk are left out. This measures the reader's choice inside the right
clauses, not retrieval.

    PYTHONPATH=$PWD python -m benchmarks.reader_spans [--shared DIR] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from benchmarks.chunk_paths import chunks_of
from benchmarks.common import ROOT, shared_dir
from bot.answering.reader import question_kind, read
from ingest.normalize import fold_diacritics

SETS = ("eval/dev.jsonl", "eval/heldout.jsonl")


def _f(text: str) -> str:
    return fold_diacritics(text.lower())


def run(shared: Path, verbose: bool = False) -> dict[str, Counter]:
    roots = [shared / "corpus", shared / "corpus" / "articles", ROOT / "corpus"]
    cache: dict[str, list] = {}
    by_kind: dict[str, Counter] = {}
    for name in SETS:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            it = json.loads(line)
            must = it.get("must_contain") or []
            path = next((r / it.get("gold_source", "") for r in roots if it.get("gold_source")
                         and (r / it["gold_source"]).is_file()), None)
            if not must or path is None:
                continue
            if path.name not in cache:
                cache[path.name] = chunks_of(path)
            quote = _f(it.get("gold_quote", ""))[:60]
            ranked = sorted(cache[path.name], key=lambda c: (-(bool(quote) and quote in _f(c.text)),
                                                             -sum(_f(m) in _f(c.text) for m in must)))
            clauses = [c.text for c in ranked[:3]]
            if not clauses or not all(_f(m) in _f(clauses[0]) for m in must):
                continue
            kind = question_kind(it["question"])
            span = read(it["question"], clauses, kind=kind)
            ok = span is not None and all(_f(m) in _f(span.text) for m in must)
            c = by_kind.setdefault(kind, Counter())
            c["questions"] += 1
            c["none"] += span is None
            c["right"] += ok
            if span is not None:
                c["span_chars"] += len(span.text)
                c["clause_chars"] += len(clauses[span.clause])
            if verbose and not ok:
                print(f"{kind:8} {it['question'][:90]!r} → {span.text[:100] if span else None!r}", file=sys.stderr)
    return by_kind


def table(by_kind: dict[str, Counter]) -> str:
    lines = ["| question kind | questions | span holds every fact | no span (None) | span length / its clause's |",
             "|---|---|---|---|---|"]
    total = Counter()
    for kind in sorted(by_kind, key=lambda k: -by_kind[k]["questions"]):
        c = by_kind[kind]
        total.update(c)
        lines.append(f"| {kind} | {c['questions']} | {c['right']} ({c['right'] / c['questions']:.0%}) | {c['none']} "
                     f"| {c['span_chars'] / max(c['clause_chars'], 1):.0%} |")
    if total["questions"]:
        lines.append(f"| all | {total['questions']} | {total['right']} ({total['right'] / total['questions']:.0%}) "
                     f"| {total['none']} | {total['span_chars'] / max(total['clause_chars'], 1):.0%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (default: ../shared, else /work/shared)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each miss on stderr")
    args = ap.parse_args(argv)
    shared = args.shared or next((d for d in (shared_dir(), Path("/work/shared")) if (d / "corpus").is_dir()), None)
    if shared is None or not (shared / "corpus").is_dir():
        print("error: no shared corpus found (pass --shared DIR)", file=sys.stderr)
        return 1
    print(table(run(shared, args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
