"""Text to safe HTML for the web page: query-word highlighting and clause/document rendering.

Everything here escapes its input; the only markup it adds is its own (<mark>, <p>, <table>...).
Highlighting compares words in the search form used by retrieval (canonical tone placement, lower
case), folding diacritics when the question was typed without them, so "thi dua" marks "thi đua"
and "hoà" marks "hòa" — while the text shown is always the document's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ingest.abbreviations import expand_abbreviations
from ingest.normalize import canonical_tones, fold_diacritics, to_nfc
from ingest.types import section_path

_WORD = re.compile(r"\w+", re.UNICODE)
# Question words and particles that would light up half of every clause on their own.
_STOP = frozenset("""
la gi cua va cac nhung cho nao bao nhieu khong ve voi mot nay do de khi hay hoac ai sao the nhu
thi co duoc o tai trong theo tren duoi vay a u nhe ma nen can phai lam
""".split())


@dataclass(frozen=True)
class Terms:
    """The words of a query. Accented words match exactly (tone placement aside), plain ones folded.

    Not every match is marked on its own: a particle ("thì", "có") or a short folded syllable
    ("so" is sơ, số and sở) is marked only inside a run of matching words, so "thi dua" marks
    "thi đua" while a lone "Số:" or "Hồ sơ" stays plain.
    """
    exact: frozenset = frozenset()
    folded: frozenset = frozenset()
    weak_exact: frozenset = frozenset()
    weak_folded: frozenset = frozenset()

    def __bool__(self) -> bool:
        return bool(self.exact or self.folded)

    def level(self, word: str) -> int:
        """3: marked alone; 2: a short folded match; 1: a particle; 0: no match."""
        plain = fold_diacritics(word).lower()
        if self.exact and _canon(word) in self.exact:
            return 3
        if plain in self.folded:
            return 3 if len(plain) >= 4 or plain.isdigit() else 2
        if plain in self.weak_folded or (self.weak_exact and _canon(word) in self.weak_exact):
            return 1
        return 0


def _canon(word: str) -> str:
    return canonical_tones(word).lower()


def query_terms(query: str) -> Terms:
    """The words worth marking in results for `query` (abbreviations expanded)."""
    sets: dict[str, set] = {"exact": set(), "folded": set(), "weak_exact": set(), "weak_folded": set()}
    for word in _WORD.findall(expand_abbreviations(to_nfc(query or ""))):
        plain = fold_diacritics(word).lower()
        if len(plain) < 2 and not plain.isdigit():
            continue
        weak = "weak_" if plain in _STOP else ""
        if word.lower() == plain:
            sets[weak + "folded"].add(plain)
        else:
            sets[weak + "exact"].add(_canon(word))
    return Terms(**{k: frozenset(v) for k, v in sets.items()})


def highlight(text: str, terms: Terms | None) -> Markup:
    """`text` escaped, with the runs of words that match `terms` wrapped in <mark>."""
    text = to_nfc(text or "")
    if not terms:
        return escape(text)
    runs: list[list[tuple[int, int, int]]] = []   # consecutive matching words, separated by spaces only
    prev_end = None
    for m in _WORD.finditer(text):
        lv = terms.level(m.group(0))
        if not lv:
            prev_end = None
            continue
        if runs and prev_end is not None and not text[prev_end:m.start()].strip():
            runs[-1].append((m.start(), m.end(), lv))
        else:
            runs.append([(m.start(), m.end(), lv)])
        prev_end = m.end()
    out, pos = [], 0
    for run in runs:
        levels = [lv for _, _, lv in run]
        if not (3 in levels or (len(run) >= 2 and max(levels) >= 2)):
            continue
        start, end = run[0][0], run[-1][1]
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _loose(line: str) -> str:
    return " ".join(_WORD.findall(fold_diacritics(to_nfc(line)).lower()))


def _is_table_row(line: str) -> bool:
    return " | " in line or (line.startswith("|") and line.endswith("|") and line.count("|") >= 2)


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|") and line.endswith("|"):
        line = line[1:-1]
    return [c.strip() for c in line.split("|")]


def render_text(text: str, terms: Terms | None = None, skip_first_line: str = "") -> Markup:
    """A clause as HTML: paragraphs, and consecutive "a | b | c" lines as one table.

    skip_first_line: drop the first line when it equals this (the Điều heading already shown).
    """
    lines = [ln.strip() for ln in to_nfc(text or "").split("\n")]
    if skip_first_line and lines and _loose(lines[0]) == _loose(skip_first_line):
        lines = lines[1:]
    parts: list[Markup] = []
    table: list[list[str]] = []

    def flush_table() -> None:
        if not table:
            return
        width = max(len(r) for r in table)
        rows = []
        for r in table:
            cells = "".join(f"<td>{highlight(c, terms)}</td>" for c in r + [""] * (width - len(r)))
            rows.append(f"<tr>{cells}</tr>")
        parts.append(Markup('<div class="table-wrap"><table>' + "".join(rows) + "</table></div>"))
        table.clear()

    for line in lines:
        if not line:
            flush_table()
            continue
        if _is_table_row(line):
            table.append(_cells(line))
            continue
        flush_table()
        parts.append(Markup("<p>") + highlight(line, terms) + Markup("</p>"))
    flush_table()
    return Markup("").join(parts)


def slug(label: str) -> str:
    """"Điều 8" → "dieu-8", "Phụ lục II" → "phu-luc-ii"."""
    return re.sub(r"[^a-z0-9]+", "-", fold_diacritics(to_nfc(label)).lower()).strip("-") or "muc"


@dataclass
class Section:
    """A heading in the document view and its table-of-contents entry."""
    anchor: str
    label: str
    title: str
    level: int          # 1 = Phần/Chương/Mục/Phụ lục, 2 = Điều
    chunks: list = field(default_factory=list)  # (chunk dict, html) in order


def _outer_and_dieu(parts: list[str]) -> tuple[list[str], str]:
    """Split a section path into its parts above the Điều and the Điều label ("" when none)."""
    outer = []
    for p in parts:
        if p.lower().startswith("điều "):
            return outer, p
        if p.lower().startswith(("khoản", "điểm", "đoạn")):
            break
        outer.append(p)
    return outer, ""


def _is_heading_line(line: str) -> bool:
    """A short all-capitals line such as "QUY ĐỊNH CHUNG" (the title under "Chương I")."""
    line = line.strip()
    return bool(line) and line.isupper() and len(line) < 200


def _strip_headings(text: str, opened: list[Section], dieu: Section | None) -> str:
    """Drop heading lines at the top of a chunk that the page already shows as headings.

    A chunk may begin with the headings of the sections it opens ("Chương II", "DANH HIỆU THI ĐUA",
    "Điều 8. ..."): each becomes the section's heading (an outer section's title taken from the
    capitals line under its label) instead of being repeated as text.
    """
    lines = text.split("\n")
    for sec in opened:
        if not lines:
            break
        first, label = _loose(lines[0]), _loose(sec.label)
        if first == label:
            lines = lines[1:]
            if lines and _is_heading_line(lines[0]) and not sec.title:
                sec.title = lines[0].strip()
                lines = lines[1:]
        elif first.startswith(label + " ") and _is_heading_line(lines[0]):
            sec.title = sec.title or lines[0].strip()[len(sec.label):].strip(" .:-–")
            lines = lines[1:]
    if dieu is not None and lines and _loose(lines[0]) == _loose(dieu.title):
        lines = lines[1:]
    return "\n".join(lines)


def document_sections(chunks: list[dict], terms: Terms | None = None, cited: int | None = None) -> list[Section]:
    """Group a document's chunks under headings, with unique anchors (#dieu-8, #chuong-ii).

    Only the cited chunk gets its query words highlighted, so the page is not a sea of marks.
    """
    sections: list[Section] = []
    used: dict[str, int] = {}
    current_outer: list[str] = []
    current_dieu = None

    def anchor_for(label: str) -> str:
        base = slug(label)
        used[base] = used.get(base, 0) + 1
        return base if used[base] == 1 else f"{base}-{used[base]}"

    for ch in chunks:
        outer, dieu = _outer_and_dieu(ch.get("section_path") or section_path(ch.get("section", "")))
        opened: list[Section] = []
        if outer and outer != current_outer:
            # Open each outer heading that changed (e.g. a new Chương, then a new Mục inside it).
            common = 0
            while common < min(len(outer), len(current_outer)) and outer[common] == current_outer[common]:
                common += 1
            for label in outer[common:]:
                opened.append(Section(anchor_for(label), label, "", 1))
            current_outer, current_dieu = outer, None
        new_dieu = None
        if dieu and dieu != current_dieu:
            new_dieu = Section(anchor_for(dieu), dieu, (ch.get("dieu") or dieu).strip(), 2)
            current_dieu = dieu
        sections.extend(opened)
        if new_dieu:
            sections.append(new_dieu)
        if not sections:
            sections.append(Section("mo-dau", "Phần mở đầu", "", 1))
        text = _strip_headings(ch.get("text", ""), opened, new_dieu)
        html = render_text(text, terms if ch.get("chunk_id") == cited else None)
        sections[-1].chunks.append((ch, html))
    return sections
