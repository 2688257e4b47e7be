"""How well accents come back on a question typed without them (ingest/accents.py, session 19).

Every question of eval/dev*.jsonl that carries accents is stripped of them (NFD, marks removed, đ → d)
and restored by the keyword index of a data dir (`hoidap ingest` or `hoidap eval` builds one); a
syllable counts as right when it comes back as the question wrote it (tone placement made canonical,
case and punctuation ignored). Numbers are left out. `--old` also scores the word-by-word restorer of
earlier versions (each folded word's commonest corpus spelling, question words first), rebuilt from the
same index's tokens, for the before/after figure in docs/benchmarks.md.

    PYTHONPATH=$PWD python -m benchmarks.accents --data-dir DIR [--old] [--errors N]
    PYTHONPATH=$PWD python -m benchmarks.accents --write FILE

--write writes the answerable, single-turn questions with accents, stripped of them, as an eval set
(`hoidap eval FILE --llm none`), to compare with the same questions as typed.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from benchmarks.common import ROOT
from ingest.accents import QUESTION_WORDS
from ingest.normalize import canonical_tones, fold_diacritics, has_diacritics
from ingest.settings import Settings
from ingest.store import Index

_EDGES = re.compile(r"^(\W*)(.*?)(\W*)$", re.S)
_PUNCT = "?,.:;!()\"“”'"


def questions() -> list[str]:
    out = []
    for path in sorted((ROOT / "eval").glob("dev*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and has_diacritics(q := json.loads(line)["question"]):
                out.append(q)
    return out


def score(restore, qs: list[str], errors: Counter | None = None) -> tuple[int, int]:
    right = total = 0
    for q in qs:
        got, want = restore(fold_diacritics(q)).split(), canonical_tones(q).split()
        if len(got) != len(want):
            continue
        for g, w in zip(got, want):
            g, w = canonical_tones(g.lower()).strip(_PUNCT), w.lower().strip(_PUNCT)
            if not w or w.isdigit():
                continue
            total += 1
            right += g == w
            if g != w and errors is not None:
                errors[(w, g)] += 1
    return right, total


def word_by_word(tokens: list[list[str]]):
    """The restorer of earlier versions: longest corpus word first, its commonest spelling."""
    counts = Counter(t for doc in tokens for t in doc if not t.startswith("~"))
    best: dict[str, tuple[int, str]] = {}
    for tok, n in counts.items():
        f = fold_diacritics(tok)
        if f not in best or n > best[f][0]:
            best[f] = (n, tok)
    old_words = {k: v for k, v in QUESTION_WORDS.items() if k in (
        "co", "khong", "duoc", "la", "gi", "nao", "cua", "va", "phai", "bao_nhieu", "bao_lau", "khi_nao", "o_dau",
        "the_nao", "nhu_the_nao")}

    def restore(text: str) -> str:
        parts = [_EDGES.match(w).groups() for w in text.split()]
        out, i = [], 0
        while i < len(parts):
            for n in (3, 2, 1):
                run = parts[i:i + n]
                if (len(run) < n or any(p[2] for p in run[:-1]) or any(p[0] for p in run[1:])
                        or not all(p[1] for p in run)):
                    continue
                key = "_".join(p[1].lower() for p in run)
                word = old_words.get(key) or (best[key][1] if key in best else None)
                if word:
                    out.append(f"{run[0][0]}{word.replace('_', ' ')}{run[-1][2]}")
                    i += n
                    break
            else:
                out.append("".join(parts[i]))
                i += 1
        return " ".join(out)
    return restore


def write_stripped(path: Path) -> int:
    """The answerable, single-turn accented questions of eval/dev*.jsonl, stripped of their accents."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for src in sorted((ROOT / "eval").glob("dev*.jsonl")):
            for line in src.read_text(encoding="utf-8").splitlines():
                item = json.loads(line) if line.strip() else {}
                if item.get("gold_source") and not item.get("history") and has_diacritics(item["question"]):
                    out.write(json.dumps(item | {"question": fold_diacritics(item["question"])}, ensure_ascii=False) + "\n")
                    n += 1
    return n


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--write", type=Path, help="write the stripped questions as an eval set and stop")
    ap.add_argument("--old", action="store_true", help="also score the word-by-word restorer")
    ap.add_argument("--errors", type=int, default=0, help="show the N commonest wrong syllables")
    args = ap.parse_args(argv)
    if args.write:
        print(f"{write_stripped(args.write)} questions written to {args.write}")
        return
    if not args.data_dir:
        ap.error("--data-dir is required")
    index = Index(Settings(data_dir=args.data_dir), embedder=None)
    qs, errors = questions(), Counter()
    right, total = score(index.keyword().restore_diacritics, qs, errors)
    print(f"{len(qs)} questions, {total} syllables: in context {right / total:.2%} right")
    if args.old:
        _, tokens = index._all_tokens()
        right, total = score(word_by_word(tokens), qs)
        print(f"{' ' * len(str(len(qs)))}  word by word {right / total:.2%} right")
    for (want, got), n in errors.most_common(args.errors):
        print(f"  {want} → {got}: {n}")


if __name__ == "__main__":
    main()
