"""Validate eval/dev.jsonl against the corpus files it refers to.

Checks, for every line: required fields and kinds; gold_quote is 5-25 words and
occurs verbatim (NFC, whitespace collapsed) on a single line of gold_source;
alt_sources exist in the corpus; out-of-scope items have no gold.
Optionally (--fix-alt) adds to alt_sources every other corpus file that contains
the same gold_quote (an identical clause quoted by several documents), keeping
hand-listed alternatives (documents that answer the same point in other words).

Usage: python eval/check_dev.py [--fix-alt] CORPUS_DIR... (default: corpus,
../shared/corpus, ../shared/corpus/articles relative to the project root).
Exit status 1 if any check fails; missing corpus directories are reported, not fatal.
"""
import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [ROOT / "corpus", ROOT.parent / "shared" / "corpus",
                ROOT.parent / "shared" / "corpus" / "articles"]
KINDS = {"direct", "no_diacritics", "paraphrase", "followup", "scoring",
         "abbreviation", "tone_variant", "out_of_scope", "old_vs_new"}
REQUIRED = ["id", "question", "history", "gold_source", "gold_section",
            "gold_quote", "must_contain", "kind"]


def norm(text: str) -> str:
    """NFC + collapse all whitespace (incl. NBSP) to single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def load_corpus(dirs):
    """Map file basename -> list of normalised lines (non-recursive per dir)."""
    files = {}
    for d in dirs:
        if not d.is_dir():
            print(f"note: corpus dir missing, skipped: {d}", file=sys.stderr)
            continue
        for p in sorted(d.glob("*.txt")):
            files[p.name] = [norm(line) for line in p.read_text(encoding="utf-8").splitlines()]
    return files


def record_errors(r: dict, required, kinds, seen: set) -> list[str]:
    """The checks every evaluation set shares: required fields, a unique id, a known kind."""
    rid, errors = r.get("id"), []
    for f in required:
        if f not in r:
            errors.append(f"{rid}: missing field {f}")
    if rid in seen:
        errors.append(f"{rid}: duplicate id")
    seen.add(rid)
    if r.get("kind") not in kinds:
        errors.append(f"{rid}: bad kind {r.get('kind')}")
    return errors


def alt_source_errors(r: dict, hits: list[str], files: dict, fix: bool) -> list[str]:
    """With fix, alt_sources becomes every other file holding the quote plus the hand-listed ones;
    then every alt_source must be a corpus file."""
    src = r.get("gold_source")
    if fix:
        alt = [h for h in hits if h != src]
        alt += [a for a in r.get("alt_sources", []) if a not in alt and a != src]
        r["alt_sources"] = alt
    return [f"{r.get('id')}: alt_source not in corpus: {a}" for a in r.get("alt_sources", []) if a not in files]


def answerable_errors(r: dict, files: dict) -> list[str]:
    """The checks every answerable record gets: a 5–25-word quote on one line of its gold file, 1–3
    must_contain strings all in that file, and a heading for the Điều its gold_section names."""
    rid, src, quote = r.get("id"), r.get("gold_source"), r.get("gold_quote", "")
    errors = []
    n_words = len(norm(quote).split())
    if not 5 <= n_words <= 25:
        errors.append(f"{rid}: gold_quote has {n_words} words")
    mc = r.get("must_contain", [])
    if not 1 <= len(mc) <= 3:
        errors.append(f"{rid}: must_contain should have 1-3 strings")
    if src not in files:
        return errors + [f"{rid}: gold_source not in corpus: {src}"]
    if not any(norm(quote) in line for line in files[src]):
        errors.append(f"{rid}: quote not found on one line of {src}: {quote!r}")
    body = " ".join(files[src]).casefold()
    errors += [f"{rid}: must_contain {s!r} not in {src}" for s in mc if norm(s).casefold() not in body]
    m = re.match(r"Điều ([0-9][0-9A-Za-zĐ.]*)", r.get("gold_section", ""))
    if m and not any(line.startswith(f"Điều {m.group(1)}.") for line in files[src]):
        errors.append(f"{rid}: gold_section {r['gold_section']!r} has no heading in {src}")
    return errors


def containing(files, quote):
    q = norm(quote)
    return sorted(name for name, lines in files.items() if any(q in line for line in lines))


def read_set(default_file: Path, default_dirs: list[Path], fix_alt: bool = False):
    """The checkers' command line: (args, the corpus files by name, the question set's records)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--file", type=Path, default=default_file)
    if fix_alt:
        ap.add_argument("--fix-alt", action="store_true")
    args = ap.parse_args()
    files = load_corpus(args.dirs or default_dirs)
    records = [json.loads(l) for l in args.file.read_text(encoding="utf-8").splitlines() if l.strip()]
    return args, files, records


def main():
    args, files, records = read_set(ROOT / "eval" / "dev.jsonl", DEFAULT_DIRS, fix_alt=True)
    errors, seen = [], set()
    for r in records:
        rid = r.get("id")
        errors += record_errors(r, REQUIRED, KINDS, seen)
        if r.get("kind") == "out_of_scope":
            if r.get("gold_source") is not None or r.get("must_contain"):
                errors.append(f"{rid}: out_of_scope must have gold_source null and no must_contain")
            continue
        if r.get("kind") == "old_vs_new" and not all(k in r for k in ("old_source", "new_source", "notes")):
            errors.append(f"{rid}: old_vs_new needs old_source, new_source, notes")
        src, quote = r.get("gold_source"), r.get("gold_quote", "")
        n_words = len(norm(quote).split())
        if not 5 <= n_words <= 25:
            errors.append(f"{rid}: gold_quote has {n_words} words")
        if not 1 <= len(r.get("must_contain", [])) <= 3:
            errors.append(f"{rid}: must_contain should have 1-3 strings")
        if src not in files:
            errors.append(f"{rid}: gold_source not in corpus: {src}")
            continue
        hits = containing(files, quote)
        if src not in hits:
            errors.append(f"{rid}: quote not found in {src}: {quote!r}")
        errors += alt_source_errors(r, hits, files, args.fix_alt)
    if args.fix_alt:
        args.file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                             encoding="utf-8")
    for e in errors:
        print(e)
    print(f"{len(records)} records, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
