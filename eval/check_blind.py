"""Validate eval/blind.jsonl (the blind question set) against the corpus files.

Checks, for every line: required fields, kind and answer_kind; gold_quote is 5-25 words and
occurs (NFC, whitespace collapsed) on a single line of gold_source; every must_contain string
occurs in gold_source (case-insensitive, same normalisation); gold_section "Điều N" exists in
the gold file; alt_sources exist; out-of-scope items have no gold, no must_contain and a notes
field; national_vs_local items carry notes. --fix-alt adds to alt_sources every other corpus
file that contains the same gold_quote (keeping hand-listed ones). Prints counts at the end.

Usage: python eval/check_blind.py [--fix-alt] [--file eval/blind.jsonl] [CORPUS_DIR...]
Only reads files; it does not import or run the bot.
"""
import collections
import json
import sys
from pathlib import Path

# eval/ is this script's folder
from check_dev import alt_source_errors, answerable_errors, containing, read_set, record_errors

ROOT = Path(__file__).resolve().parent.parent
# shared/ sits next to the project checkout (../shared); a git worktree under wt/ has it at ../../shared
_BASE = next((b for b in (ROOT.parent, ROOT.parent.parent) if (b / "shared" / "corpus").is_dir()), ROOT.parent)
DEFAULT_DIRS = [ROOT / "corpus", _BASE / "shared" / "corpus", _BASE / "shared" / "corpus" / "articles"]
KINDS = {"seed", "direct", "paraphrase", "no_diacritics", "abbreviation", "tone_variant",
         "national_vs_local", "out_of_scope"}
ANSWER_KINDS = {"amount", "percent", "duration", "date", "body", "place", "list", "yesno", "other"}
REQUIRED = ["id", "question", "history", "gold_source", "alt_sources", "gold_section",
            "gold_quote", "must_contain", "kind", "answer_kind"]


def main():
    args, files, records = read_set(ROOT / "eval" / "blind.jsonl", DEFAULT_DIRS, fix_alt=True)
    errors, seen = [], set()
    for r in records:
        rid = r.get("id")
        errors += record_errors(r, REQUIRED, KINDS, seen)
        if r.get("answer_kind") not in ANSWER_KINDS:
            errors.append(f"{rid}: bad answer_kind {r.get('answer_kind')}")
        if r.get("history") != []:
            errors.append(f"{rid}: history should be []")
        if r.get("kind") == "out_of_scope":
            if r.get("gold_source") is not None or r.get("must_contain") or r.get("alt_sources"):
                errors.append(f"{rid}: out_of_scope must have gold_source null, no must_contain/alt")
            if not r.get("notes"):
                errors.append(f"{rid}: out_of_scope needs notes (what was grepped)")
            continue
        if r.get("kind") == "national_vs_local" and not r.get("notes"):
            errors.append(f"{rid}: national_vs_local needs notes (the provincial document)")
        errors += answerable_errors(r, files)
        if r.get("gold_source") not in files:
            continue
        hits = containing(files, r.get("gold_quote", ""))
        errors += alt_source_errors(r, hits, files, args.fix_alt)
    if args.fix_alt:
        args.file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                             encoding="utf-8")
    for e in errors:
        print(e)
    kinds = collections.Counter(r.get("kind") for r in records)
    aks = collections.Counter(r.get("answer_kind") for r in records if r.get("kind") != "out_of_scope")
    golds = collections.Counter(r.get("gold_source") for r in records if r.get("gold_source"))
    print("kinds:", dict(sorted(kinds.items())))
    print("answer_kind (answerable):", dict(sorted(aks.items())))
    print(f"answerable: {sum(1 for r in records if r.get('gold_source'))}, "
          f"distinct gold documents: {len(golds)}")
    print(f"{len(records)} records, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
