"""ALQAC keyword-only, without a model: how the way the laws are written, and the way gold is matched,
move the figures under a given code tree (issue 18, "CLI contract vs internal retriever").

The laws are written twice, with the "LUẬT …" title line (as benchmarks/alqac.py) and as bare
"Điều N. …" text (as the independent run did), indexed with the tests' fake embedder (keyword
retrieval does not use it, so the figures are the real keyword ones), and each question's first hit
is scored twice: on `section` alone (the CLI contract) and on `section`, else `dieu` (benchmarks/alqac.py).
An older tree is measured by putting it first on PYTHONPATH (its ingest/ and bot/ are imported; this
tree's testkit/ supplies the fake embedder):

    git archive REV | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old:$PWD python benchmarks/alqac_layout.py --tag old --work-dir D [--out F]
    PYTHONPATH=$PWD python benchmarks/alqac_layout.py --tag now --work-dir D

The laws go to D/alqac_docs and D/alqac_plain_docs (the folders benchmarks/alqac_cli.py uses), the
indexes to D/fake_index_TAG_titled and D/fake_index_TAG_bare; a re-run embeds nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

_DIEU = re.compile(r"(?<!\w)Điều\s+(\d+[a-zđ]?)(?!\w)")
QA = Path("/work/shared/corpus/qa")


def article(label: str | None) -> str | None:
    """benchmarks/alqac_cli.py's section_article, repeated: this file must run under trees without it."""
    m = _DIEU.search(unicodedata.normalize("NFC", label or ""))
    return m.group(1) if m else None


def write_both(law_json: Path, base: Path, write_laws) -> dict[str, tuple[str, Path]]:
    """{variant: (short name, folder)}: titled as benchmarks/alqac.py writes them, and the same
    without the title line. Unchanged files are left alone (the index keys documents by path)."""
    titled, bare = base / "alqac_docs", base / "alqac_plain_docs"
    write_laws(law_json, titled)
    bare.mkdir(parents=True, exist_ok=True)
    for f in sorted(titled.glob("alqac-*.txt")):
        text = f.read_text(encoding="utf-8").split("\n", 2)[2]
        if not (bare / f.name).exists() or (bare / f.name).read_text(encoding="utf-8") != text:
            (bare / f.name).write_text(text, encoding="utf-8")
    return {"title line + Điều": ("titled", titled), "bare Điều text": ("bare", bare)}


def measure(qa: Path, work: Path, tag: str) -> dict:
    from benchmarks.alqac import law_file, write_laws
    from benchmarks.quality_common import build_service, rank_metrics
    from testkit.fake_embedder import FakeEmbedder
    items = json.loads((qa / "alqac25_train.json").read_text(encoding="utf-8"))
    gold = [{(law_file(r["law_id"]), str(r["article_id"])) for r in it["relevant_articles"]} for it in items]
    out = {}
    for variant, (short, docs) in write_both(qa / "alqac23_law.json", work, write_laws).items():
        svc, info = build_service(work / f"fake_index_{tag}_{short}", docs, FakeEmbedder())
        sections = [r[0] for r in svc.index.db.execute("SELECT section FROM chunks")]
        by_section, by_either = [], []
        for it, g in zip(items, gold):
            hits = svc.retriever.search(it["text"], k=10, mode="keyword")
            by_section.append(next((i for i, h in enumerate(hits, 1) if (h.source, article(h.section)) in g), None))
            by_either.append(next((i for i, h in enumerate(hits, 1)
                                   if (h.source, article(h.section) or article(h.dieu)) in g), None))
        svc.close()
        out[variant] = {"chunks": len(sections), "without_dieu": sum(article(s) is None for s in sections),
                        "section_only": rank_metrics(by_section), "section_or_dieu": rank_metrics(by_either),
                        "ranks_section_only": by_section}
        m = out[variant]["section_only"]
        print(f"{variant}: {len(sections)} chunks, {out[variant]['without_dieu']} without a Điều; keyword "
              f"R@1 {m['recall@1']:.3f} R@5 {m['recall@5']:.3f} R@10 {m['recall@10']:.3f} MRR {m['mrr@10']:.3f}; "
              f"section-or-dieu matching "
              f"{'the same' if by_section == by_either else 'differs'}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work-dir", type=Path, required=True, help="where the laws and the fake-embedder indexes go")
    ap.add_argument("--tag", default="now", help="names this tree's indexes (e.g. old, now)")
    ap.add_argument("--qa", type=Path, default=QA)
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args(argv)
    if not (a.qa / "alqac25_train.json").exists():
        print(f"error: no ALQAC data in {a.qa}", file=sys.stderr)
        return 1
    a.work_dir.mkdir(parents=True, exist_ok=True)
    res = measure(a.qa, a.work_dir, a.tag)
    if a.out:
        a.out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
