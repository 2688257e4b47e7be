"""Guard a generated answer: the small local model invents numbers and miscites (MODELS.md).

A generated answer is shown only if (1) it cites at least one source, (2) every [n] it cites is one of
the sources it was given, and (3) every number, date and percentage in it appears in the sources it
cites. Otherwise the caller shows the extractive answer.
"""

from __future__ import annotations

import re

_CITE = re.compile(r"\[(\d{1,2})\]")
# 88, 90%, 01/7/2026, 15/2023/TT-BKHĐT's "15" and "2023", 1.000.000, 2,5
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def cited_indices(answer: str) -> list[int]:
    seen = []
    for m in _CITE.finditer(answer):
        n = int(m.group(1))
        if n not in seen:
            seen.append(n)
    return seen


def _numbers(text: str) -> set[str]:
    out = set()
    for m in _NUMBER.finditer(text):
        tok = m.group(0)
        out.add(tok)
        out.add(tok.replace(".", "").replace(",", ""))   # 1.000.000 == 1000000
        out.add(tok.lstrip("0") or "0")                  # 01 == 1 (dates)
    return out


def check_answer(answer: str, sources: list[str], question: str = "") -> tuple[bool, str]:
    """(ok, reason). `sources` are the texts given to the model, numbered from 1.

    Numbers the user wrote in the question ("88 điểm") may be repeated in the answer.
    """
    cites = cited_indices(answer)
    if not cites:
        return False, "no citation"
    bad = [n for n in cites if n < 1 or n > len(sources)]
    if bad:
        return False, f"cites sources that do not exist: {bad}"
    cited_text = "\n".join(sources[n - 1] for n in cites)
    allowed = _numbers(cited_text) | _numbers(question)
    body = _CITE.sub(" ", answer)
    for m in _NUMBER.finditer(body):
        tok = m.group(0)
        forms = {tok, tok.replace(".", "").replace(",", ""), tok.lstrip("0") or "0"}
        if not forms & allowed:
            return False, f"number {tok!r} is not in the cited sources"
    return True, ""
