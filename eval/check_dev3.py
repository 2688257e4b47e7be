"""Validate eval/dev3.jsonl (the third development set, written blind) against the corpus files.

Checks, for every line: required fields; kind is answerable/out_of_scope; answer_kind is one of
check_blind's kinds (null for out-of-scope); history is [] or, for a follow-up, a list of the
earlier questions; gold_quote is 5-25 words and occurs
(NFC, whitespace collapsed) on a single line of gold_source; every must_contain string occurs in
gold_source (case-insensitive, same normalisation); a gold_section "Điều N" has a heading in the
gold file; out-of-scope items have no gold, no must_contain and a notes field. Prints counts.

Usage: python eval/check_dev3.py [--file eval/dev3.jsonl] [CORPUS_DIR...]
Only reads files; it does not import or run the bot.
"""
import collections
import sys
from pathlib import Path

from check_blind import ANSWER_KINDS, DEFAULT_DIRS  # eval/ is this script's folder
from check_dev import answerable_errors as shared_answerable_errors
from check_dev import read_set, record_errors

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"answerable", "out_of_scope"}
REQUIRED = ["id", "question", "history", "gold_source", "gold_section", "gold_quote",
            "must_contain", "kind", "answer_kind"]


def history_ok(history) -> bool:
    """[] for most items; a follow-up (dev7 onward) lists the earlier user questions, oldest first."""
    return isinstance(history, list) and all(isinstance(h, str) and h.strip() for h in history)


def answerable_errors(r: dict, files: dict) -> list[str]:
    errors = [] if r.get("answer_kind") in ANSWER_KINDS else [f"{r.get('id')}: bad answer_kind {r.get('answer_kind')}"]
    return errors + shared_answerable_errors(r, files)


def main():
    args, files, records = read_set(ROOT / "eval" / "dev3.jsonl", DEFAULT_DIRS, fix_alt=False)
    errors, seen = [], set()
    for r in records:
        rid = r.get("id")
        errors += record_errors(r, REQUIRED, KINDS, seen)
        if not history_ok(r.get("history")):
            errors.append(f"{rid}: history should be [] or a list of earlier questions (follow-ups)")
        if r.get("kind") == "out_of_scope":
            if r.get("gold_source") is not None or r.get("must_contain") or r.get("answer_kind") is not None:
                errors.append(f"{rid}: out_of_scope must have gold_source/answer_kind null and no must_contain")
            if not r.get("notes"):
                errors.append(f"{rid}: out_of_scope needs notes (what was grepped)")
        else:
            errors += answerable_errors(r, files)
    for e in errors:
        print(e)
    kinds = collections.Counter(r.get("kind") for r in records)
    aks = collections.Counter(r.get("answer_kind") for r in records if r.get("kind") == "answerable")
    golds = collections.Counter(r.get("gold_source") for r in records if r.get("gold_source"))
    print("kinds:", dict(sorted(kinds.items())))
    print("answer_kind (answerable):", dict(sorted(aks.items())))
    print(f"distinct gold documents: {len(golds)}")
    print(f"{len(records)} records, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
