"""Document header and hierarchy: Phần / Chương / Mục / Điều / Khoản / Điểm / Phụ lục, tables, sections.

`parse_document(text)` turns normalised text into a `ParsedDocument`: the header (số hiệu, loại, cơ quan,
ngày, trích yếu; effective date and relations from `ingest.validity`) and every body line, in order,
as `Block`s that carry their section path. Levels, outermost first:

    vanban  a regulation issued with the document ("QUY ĐỊNH ... (Ban hành kèm theo Quyết định ...)"),
            whose own Điều numbering starts again at 1; label "Quy định", "Quy chế", "Nội quy"
    phuluc  "PHỤ LỤC I", "Phụ lục số 01"; label "Phụ lục I"
    phan, chuong, muc, dieu, khoan, diem   ("Phần I", "Chương II", "Mục 1", "Điều 8", "Khoản 2", "Điểm a")

Documents or regions without Điều (kế hoạch, Phụ lục) use "I." as muc, "1." as khoan, "a)" as diem, the
bố cục of Nghị định 30/2020/NĐ-CP. Articles and news are split at their own headings: level muc, the
label is the heading text itself and the heading field is empty.

Block kinds: "heading" for a line that opens a section (a Khoản/Điểm line only when it titles what
follows, "1. Mục đích"); "table_header"/"table_row" for "cell | cell" rows (the first row of a run is
the header) and for plain-text scoring lines ("Tiêu chí 1: ... (10 điểm)", "- Đạt từ 90 điểm trở lên");
"text" otherwise. Sub-points ("- ", "+ ", "a.1)") and broken lines are joined into the block above.
"""

from __future__ import annotations

import re

from ingest.types import Block, ParsedDocument
from ingest.header import clean_line, is_caps, parse_header
from ingest.validity import extract_validity
from ingest.levels import (DEPTH, BULLET_RE, CHUONG_RE, DIEM_RE, DIEU_RE, KHOAN_RE, LETTER_SECTION_RE, MUC_RE, PHAN_RE,
                            ROMAN_RE, SCORE_RE, SCORE_START_RE, TERMINAL, dieu_heading, law_body,
                            region_start, short_heading, structural, title_like)


# Lines joined into one block stop being joined at this size: each join copies the block, so a
# 100 MB text of short lowercase lines was quadratic (issue 8). Real blocks stay under ~8,000.
MAX_JOINED_CHARS = 20_000


class _Parser:
    """One pass over the body lines, keeping the current path and the block being filled."""

    def __init__(self, lines: list[str], header_end: int, secondary: bool):
        self.lines = lines
        self.header_end = header_end
        # A text with no header (no số hiệu, no type) counts as secondary, but when its body is a run of
        # "Điều 1.", "Điều 2." … it is a law written as plain text (issue 18: ALQAC laws), not an article,
        # and its Khoản paragraphs must keep their Điều.
        self.secondary = secondary and not law_body(lines[header_end:])
        self.blocks: list[Block] = []
        self.path: list[tuple[str, str, str]] = []
        self.last_dieu: int | None = None
        self.in_table = False
        self.open_text: Block | None = None
        self.questions = secondary and sum(1 for ln in lines if clean_line(ln).endswith("?")) > 0
        self.region_has_dieu = self._regions_with_dieu()

    # -- regions --------------------------------------------------------------------------------------
    def _region_start(self, i: int) -> tuple[str, str, str] | None:
        """(level, label, heading) when line i opens a Phụ lục or a regulation issued with the document."""
        return None if i < self.header_end else region_start(self.lines, i, self.secondary)

    def _regions_with_dieu(self) -> dict[int, bool]:
        """Region start index -> whether the region holds Điều headings (decides "1." = Khoản vs section)."""
        out, start = {0: False}, 0
        for i, line in enumerate(self.lines):
            if self._region_start(i):
                start = i
                out[start] = False
            elif DIEU_RE.match(clean_line(line)):
                out[start] = True
        return out

    # -- blocks ---------------------------------------------------------------------------------------
    def _emit(self, text: str, kind: str) -> Block:
        block = Block(text=text, path=list(self.path), kind=kind)
        self.blocks.append(block)
        self.open_text = block if kind == "text" else None
        return block

    def _open(self, level: str, label: str, heading: str) -> None:
        depth = DEPTH[level]
        self.path = [p for p in self.path if DEPTH[p[0]] < depth] + [(level, label, heading)]

    def _caps_continuation(self, i: int, limit: int = 3) -> list[int]:
        """Indexes of the capitalised heading lines that follow a "Chương I" / "PHỤ LỤC 1" line."""
        out, j = [], i + 1
        while j < len(self.lines) and len(out) < limit:
            s = clean_line(self.lines[j])
            if not s:
                j += 1
                continue
            if not is_caps(s) or structural(s) or "CỘNG HÒA" in s or s.startswith("("):
                break
            out.append(j)
            j += 1
        return out

    def _next_nonempty(self, i: int) -> str:
        for j in range(i + 1, min(i + 6, len(self.lines))):
            s = clean_line(self.lines[j])
            if s:
                return s
        return ""

    def _accept_dieu(self, n: int | None) -> bool:
        """Điều numbers only go up; a smaller one is a quotation (a new regulation restarts at a region)."""
        if self.secondary or n is None or self.last_dieu is None:
            return True
        return self.last_dieu < n <= self.last_dieu + 30 or n == 1

    def _leaf_kind(self, i: int, level: str, rest: str) -> tuple[str, str]:
        """(kind, heading) of a Khoản/Điểm line: a heading when it titles what follows ("1. Mục đích")."""
        nxt = self._next_nonempty(i)
        child = (DIEM_RE.match(nxt) if level == "khoan" else None) or BULLET_RE.match(nxt)
        paragraph = (nxt and not structural(nxt) and not DIEM_RE.match(nxt) and not is_caps(nxt)
                     and len(nxt) > max(60, 2 * len(rest)))
        if title_like(rest) and (child or paragraph):
            return "heading", rest
        m = re.match(r"([^:]{2,60}):\s", rest)
        if m and not re.search(r"\d", m.group(1)) and len(m.group(1).split()) <= 8:
            return "text", m.group(1).strip()
        return "text", ""

    def parse(self) -> list[Block]:
        i = 0
        while i < len(self.lines):
            raw = self.lines[i].strip()
            s = clean_line(raw)
            if not raw:
                i += 1
                continue
            if i < self.header_end or not s:   # header lines; rules such as "______" are kept as text
                self._emit(raw, "text")
                i += 1
                continue
            i = self._line(i, raw, s)
        return self.blocks

    def _line(self, i: int, raw: str, s: str) -> int:
        """Handle line i; returns the index of the next line to read."""
        region = self._region_start(i)
        has_dieu = self.region_has_dieu.get(max(k for k in self.region_has_dieu if k <= i), False)
        inside_dieu = any(p[0] == "dieu" for p in self.path)
        table_row = " | " in s or s.startswith("| ")
        if not table_row:
            self.in_table = False
        if region:
            level, label, heading = region
            self.path, self.last_dieu = [], None
            return self._heading_with_caps(i, raw, level, label, heading)
        if (m := PHAN_RE.match(s)) and m.group(1) and (not m.group(2) or not m.group(2)[0].islower()):
            label = "Phần " + (m.group(1).lower() if m.group(1).upper().startswith("THỨ") else m.group(1))
            return self._heading_with_caps(i, raw, "phan", label, m.group(2))
        if (m := CHUONG_RE.match(s)) and m.group(1) and (not m.group(2) or not m.group(2)[0].islower()):
            return self._heading_with_caps(i, raw, "chuong", f"Chương {m.group(1)}", m.group(2))
        if (m := MUC_RE.match(s)) and m.group(1) and (not m.group(2) or m.group(2)[0].isupper()):
            return self._heading_with_caps(i, raw, "muc", f"Mục {m.group(1)}", m.group(2))
        d = dieu_heading(s)
        if d and self._accept_dieu(d[2]):
            num, rest, n = d
            if n is not None:
                if self.last_dieu is not None and n <= self.last_dieu and not self.secondary:
                    self.path = [p for p in self.path if DEPTH[p[0]] == 0]   # a regulation restarting at 1
                self.last_dieu = n
            nxt = i + 1
            if not rest:   # "Điều 5" alone, its title on the next line
                j = next((k for k in range(i + 1, min(i + 4, len(self.lines))) if self.lines[k].strip()), None)
                if j is not None and title_like(clean_line(self.lines[j])) and not structural(clean_line(self.lines[j])):
                    rest, raw, nxt = clean_line(self.lines[j]), raw + "\n" + self.lines[j].strip(), j + 1
            self._open("dieu", f"Điều {num}", short_heading(rest))
            self._emit(raw, "heading")
            return nxt
        if (m := ROMAN_RE.match(s)) and m.group(1) and (not has_dieu or not inside_dieu):
            self._open("muc", f"Mục {m.group(1)}", short_heading(m.group(2)))
            self._emit(raw, "heading")
            return i + 1
        if (m := LETTER_SECTION_RE.match(s)) and is_caps(m.group(2)) and not inside_dieu:
            self._open("phan", f"Phần {m.group(1)}", short_heading(m.group(2)))
            self._emit(raw, "heading")
            return i + 1
        if (m := KHOAN_RE.match(s)) and not table_row:
            kind, heading = self._leaf_kind(i, "khoan", m.group(2))
            self._open("khoan", f"Khoản {m.group(1)}", short_heading(heading))
            self._emit(raw, kind)
            return i + 1
        if m := DIEM_RE.match(s):
            kind, heading = self._leaf_kind(i, "diem", m.group(2))
            self._open("diem", f"Điểm {m.group(1)}", short_heading(heading))
            self._emit(raw, kind)
            return i + 1
        if s.startswith("Nơi nhận"):   # signature block: no longer part of the last Điều
            self.path = [p for p in self.path if DEPTH[p[0]] == 0]
        if table_row:
            self._emit(raw, "table_row" if self.in_table else "table_header")
            self.in_table = True
            return i + 1
        if SCORE_RE.search(s) and (SCORE_START_RE.match(s) or len(s) <= 160) and not s.endswith(":"):
            self._emit(raw, "table_row")
            return i + 1
        if self.secondary and self._section_heading(i, s):
            self._open("muc", short_heading(s, 120), "")   # the heading itself is the label
            self._emit(raw, "heading")
            return i + 1
        if self.open_text is not None and self.open_text.path == self.path and (
                len(self.open_text.text) < MAX_JOINED_CHARS) and (
                BULLET_RE.match(s) or s[0].islower() or self.open_text.text[-1:].isalnum()
                and BULLET_RE.match(self.open_text.text[self.open_text.text.rfind("\n") + 1:])):
            self.open_text.text += "\n" + raw
            return i + 1
        if self.secondary and not BULLET_RE.match(s) and self.path and self.path[-1][0] in ("khoan", "diem"):
            self.path = [p for p in self.path if DEPTH[p[0]] <= DEPTH["muc"]]   # the article's words after a quote
        elif self._closes_points(i, s):
            self.path = self.path[:-1]   # the sentence after a list of Điểm belongs to their Khoản (or Điều)
        self._emit(raw, "text")
        return i + 1

    def _closes_points(self, i: int, s: str) -> bool:
        """A paragraph that follows the last Điểm of a list rather than continuing it: it comes right
        after a Điểm line that ends with a full stop (not a title such as "a) Vòng 1: Môn thi …", not a
        lead-in ending with ":", not a Điểm already continued by a paragraph), it is a sentence of its
        own, and no further Điểm follows it. Such a closing sentence states the Khoản's rule
        ("Trường hợp …", "Chính phủ quy định chi tiết khoản này."), so it is cited as the Khoản."""
        if self.secondary or not self.path or self.path[-1][0] != "diem" or not self.blocks:
            return False
        last = self.blocks[-1]
        if last.kind == "heading" or last.path != self.path or not DIEM_RE.match(clean_line(last.text)):
            return False
        if BULLET_RE.match(s) or not s[0].isupper() or self._point_follows(i):
            return False
        return last.text.rstrip().endswith((".", "./.", ".”", '."'))

    def _point_follows(self, i: int, limit: int = 40) -> bool:
        """Whether another Điểm comes after line i before the next Khoản/Điều/heading: then the
        paragraphs in between are the current Điểm's own (a Điểm of several paragraphs)."""
        for j in range(i + 1, min(i + 1 + limit, len(self.lines))):
            t = clean_line(self.lines[j])
            if not t:
                continue
            if DIEM_RE.match(t):
                return True
            if structural(t) or self._region_start(j):
                return False
        return False

    def _heading_with_caps(self, i: int, raw: str, level: str, label: str, heading: str) -> int:
        heading = heading.strip(" .:-–")
        cont = [] if heading and level != "vanban" else self._caps_continuation(i)
        text = "\n".join([raw] + [self.lines[j].strip() for j in cont])
        heading = " ".join([heading] + [clean_line(self.lines[j]) for j in cont]).strip()
        self._open(level, label, short_heading(heading))
        self._emit(text, "heading")
        return (cont[-1] if cont else i) + 1

    def _section_heading(self, i: int, s: str) -> bool:
        """A heading of an article (a question) or of a news story (a short line before a paragraph)."""
        if BULLET_RE.match(s) or len(s) > 200 or s.startswith((">>", "(", "Ảnh")):
            return False
        if self.questions:
            return s.endswith("?")
        words = s.split()
        nxt = self._next_nonempty(i)
        return (2 <= len(words) <= 16 and s[-1] not in TERMINAL + "?" and s[0].isupper()
                and not re.search(r"\d{1,2}[:/]\d{2}", s) and len(nxt) > max(100, 1.5 * len(s))
                and (nxt[-1] in ".:;!?…" or len(nxt) > 200))


# ------------------------------------------------------------------------------------------ header

def parse_document(text: str, source_name: str = "") -> ParsedDocument:
    """Header and blocks of one document.

    Args:
        text: Unicode-NFC, whitespace-cleaned text, lines separated by "\\n"; may start with the corpus
            preamble (TIÊU ĐỀ / SỐ HIỆU / CƠ QUAN BAN HÀNH / NGÀY BAN HÀNH / NGUỒN / GHI CHÚ, then "====").
        source_name: file name, used as the title of last resort.
    Returns:
        ParsedDocument whose blocks hold every non-empty body line, in order (preamble excluded).
    """
    header, body, header_end = parse_header(text, source_name)
    if header.secondary and law_body(body[header_end:]):
        # A law written as plain "Điều 1. …" text (ALQAC) has no header, but it is a primary text: it
        # must rank and be cited as one, not as an article.
        header.secondary = False
        header.kind = "legal"
    blocks = _Parser(body, header_end, header.secondary).parse()
    if header.secondary and blocks and not any(b.kind == "heading" for b in blocks[:1]):
        blocks[0].kind = "heading"   # the headline of a news story
    header.effective_date, header.relations = extract_validity(text, header)
    return ParsedDocument(header=header, blocks=blocks)


__all__ = ["parse_document"]
