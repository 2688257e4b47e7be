"""The legal bases an article quotes, as structured references.

"Căn cứ Điều 23 Luật Thi đua, khen thưởng 2022 quy định …"
    -> {"diem": None, "khoan": None, "dieu": "23", "doc": "Luật Thi đua, khen thưởng", "year": "2022", "number": None}
"theo khoản 2 Điều 24 Nghị định 98/2023/NĐ-CP"
    -> {"khoan": "2", "dieu": "24", "doc": "Nghị định 98/2023/NĐ-CP", "year": "2023", "number": "98/2023/NĐ-CP"}
Only references that name an Điều: they are what a cadre can look up in the primary text.
"""

from __future__ import annotations

import re

from ingest.validity import normalize_number

_UNIT = (r"(?:(?:[Đđ]iểm\s+(?P<diem>[a-zđ])\s*,?\s+)?(?:[Kk]hoản\s+(?P<khoan>\d{1,3})\s*,?\s+)?"
         r"(?:Điều|điều)\s+(?P<dieu>\d{1,3}[a-zđ]?))")
# A law is named by words (its name may hold commas: "Thi đua, khen thưởng"); the name ends at the
# year, at "số", at punctuation or at the verb that follows it.
_STOP = (r"(?:quy định|có|như|thì|nêu|được|về|hiện hành|sửa đổi|và|hướng dẫn|đã|ban hành|cụ thể|tại|"
         r"các|những|này|trong|đối|khi|để|là|thay thế|bao gồm|gồm|năm|mới nhất|sau|cho|với|từ|thì)")
_LAW = (rf"(?P<lawtype>Bộ luật|Luật)\s+(?P<name>(?:(?!{_STOP}\b)[^\W\d_]+(?:,\s*|\s+)){{0,9}}"
        rf"(?!{_STOP}\b)[^\W\d_]+)"
        r"(?:\s+số\s+(?P<lawno>\d{1,3}/\d{4}/QH\d{1,2}))?(?:\s+(?:năm\s+)?(?P<lawyear>(?:19|20)\d{2})(?!\d|/))?")
_NO = r"\d{1,5}(?:/\d{4})?/[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-ZĐ][A-Za-zĐđ0-9&]*)*|\d{1,5}-[A-ZĐ]{1,6}[/-][A-ZĐ]{1,8}"
_DOC = (r"(?P<doctype>Thông tư liên tịch|Nghị định|Nghị quyết|Thông tư|Quyết định|Quy định|Chỉ thị|Hướng dẫn|"
        rf"Công văn|Kết luận|Pháp lệnh)\s+(?:số\s+)?(?P<no>{_NO})(?:\s+(?:năm\s+)?(?P<docyear>(?:19|20)\d{{2}})(?!\d|/))?")
_REF_RE = re.compile(rf"{_UNIT}\s*(?:(?:của|tại|thuộc)\s+)?(?:{_LAW}|{_DOC})")


def _number(raw: str) -> str:
    n = normalize_number(raw)
    # "366-QĐ-TW" is how articles often misprint "366-QĐ/TW"
    return re.sub(r"^(\d+-[A-ZĐ]+)-(TW)$", r"\1/\2", n or raw)


def parse_ref(m: re.Match) -> dict:
    if m.group("lawtype"):
        name = re.sub(r"[\s,]+$", "", m.group("name"))
        doc = f"{m.group('lawtype')} {name}"
        number = m.group("lawno")
        year = m.group("lawyear") or (number.split("/")[1] if number else None)
    else:
        number = _number(m.group("no"))
        doc = f"{m.group('doctype')} {number}"
        y = re.search(r"/((?:19|20)\d{2})/", number)
        year = m.group("docyear") or (y.group(1) if y else None)
    return {"diem": m.group("diem"), "khoan": m.group("khoan"), "dieu": m.group("dieu"),
            "doc": doc, "year": year, "number": number}


def legal_bases(text: str, limit: int = 12) -> list[dict]:
    """Each distinct (Điểm/Khoản/Điều, document) the text refers to, in order of first mention."""
    out, seen = [], set()
    for m in _REF_RE.finditer(text or ""):
        ref = parse_ref(m)
        key = (ref["diem"], ref["khoan"], ref["dieu"], re.sub(r"[\s,]+", " ", ref["doc"]).casefold(), ref["year"])
        if key not in seen:
            seen.add(key)
            out.append(ref)
        if len(out) >= limit:
            break
    return out


def format_basis(ref: dict) -> str:
    """ "Điều 23 Luật Thi đua, khen thưởng 2022"; "khoản 2 Điều 24 Nghị định 98/2023/NĐ-CP"."""
    parts = []
    if ref.get("diem"):
        parts.append(f"điểm {ref['diem']}")
    if ref.get("khoan"):
        parts.append(f"khoản {ref['khoan']}")
    if ref.get("dieu"):
        parts.append(f"Điều {ref['dieu']}")
    doc = ref.get("doc", "")
    parts.append(doc)
    if ref.get("year") and ref["year"] not in doc:
        parts.append(ref["year"])
    s = " ".join(p for p in parts if p)
    return s[:1].upper() + s[1:] if s.startswith("điểm") or s.startswith("khoản") else s


def basis_label(meta: dict, limit: int = 2) -> str:
    """ "căn cứ: Điều 23 Luật Thi đua, khen thưởng 2022" for an explainer's citation, "" when none."""
    refs = (meta or {}).get("legal_bases") or []
    if not refs:
        return ""
    return "căn cứ: " + "; ".join(format_basis(r) for r in refs[:limit])
