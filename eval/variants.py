"""Variants of questions already read, typed the ways Telegram users type them (session 28, issue 18).

    python eval/variants.py eval/dev.jsonl eval/dev2.jsonl … > /tmp/variants.jsonl
    hoidap eval /tmp/variants.jsonl --modes hybrid --answers /tmp/variants.answers.jsonl

Each question gets one variant, in turn:
- P, courtesy: "Cho em hỏi … ạ?" around it;
- T, the old tone placement ("hoà", "thuỷ", "khoẻ") written in Unicode NFD;
- C, chat: lower case, no question mark, "không" → "ko", "được" → "dc", "gì" → "j".

Its history gets the same variant. Ids become "SET:ID:P" (T, C); the gold fields stay. A variant refused where the
question as written was answered shows a way of typing the answering does not read (docs/benchmarks.md, session
28: the courtesy was refused 99 times in 1,275).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

# New tone placement → old, on a syllable's last two letters: "hòa" → "hoà", "thủy" → "thuỷ".
_OLD = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ",
        "ọe": "oẹ", "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}


def courtesy(q: str) -> str:
    q = q.strip()
    head = q[0] if q[:2].isupper() else q[0].lower()     # "CSTĐ …" keeps its capitals
    return f"Cho em hỏi {head}{q[1:].rstrip('?. ')} ạ?"


def old_tones_nfd(q: str) -> str:
    for new, old in _OLD.items():
        q = re.sub(new + r"(?!\w)", old, q)
        q = re.sub(new.capitalize() + r"(?!\w)", old.capitalize(), q)
    return unicodedata.normalize("NFD", q)


def chat(q: str) -> str:
    q = q.lower().rstrip("?. ")
    for word, short in (("không", "ko"), ("được", "dc"), ("gì", "j")):
        q = re.sub(rf"(?<!\w){word}(?!\w)", short, q)
    return q


VARIANTS = (("P", courtesy), ("T", old_tones_nfd), ("C", chat))


def variants(paths: list[str]):
    i = 0
    for path in paths:
        name = Path(path).stem
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            item = json.loads(line)
            tag, form = VARIANTS[i % len(VARIANTS)]
            i += 1
            yield {**item, "id": f"{name}:{item['id']}:{tag}", "question": form(item["question"]),
                   "history": [form(h) for h in item.get("history") or []]}


if __name__ == "__main__":
    for v in variants(sys.argv[1:]):
        print(json.dumps(v, ensure_ascii=False))
