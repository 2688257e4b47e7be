"""The product's ranking rules on top of fused retrieval scores, and the one deterministic order.

- Authority (issue 18 item 5): a question naming no place or body prefers national documents to a
  province's on the same topic; a question naming a province or body prefers that one's documents
  and sets other provinces' aside (bot/answering/authority.py tells which is which).
- Articles (issue 16): among news/explainer articles, the newer account first (documents.meta
  "published", else its "year").
- Diversity (issue 18 item 6): at most MAX_PER_DOC clauses of one group in the first TOP places,
  unless nothing else relevant is left — so one article's adjacent chunks cannot fill the top 5. A
  group is one Điều of a legal document (its Khoản and continuation chunks are neighbours of one
  clause), else the first part of the section (a plan's "Mục III", an explainer's question heading,
  a news story's headline — the whole story): different Điều of one law, different parts of one plan
  are different answers and keep their places (ALQAC's long laws need that).
- A chunk's own demotions: a recipients list and signature ("Nơi nhận"), and a plan's first chunk that
  holds only its heading (issuer, motto, "Số: …", date line, title), rank at half their score unless the
  question asks about the document itself ("ban hành ngày nào").
- Leaders or not: a clause headed for those who hold a leading office ranks below one for those who do
  not when the question asks about the latter, and the reverse.
- Determinism (issue 18 item 6): every order is total — score, then the raw-score tie-break, then
  doc_id, position and chunk_id — never set or dict order; raw similarities are rounded so the last
  bits of a float sum (thread-dependent in the embedder) cannot swap two clauses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.answering.authority import LOCAL, doc_places, level, of_place, of_scope, sector_rule
from ingest.normalize import fold_diacritics

LOCAL_FACTOR = 0.9          # a province's clause below a national one of similar score (question names no place)
SCOPE_BOOST = 1.25          # the question names this document's place or body
OTHER_PLACE_FACTOR = 0.8    # the question names a place; this document is another province's
# … and the named place's own document is among the candidates: its passage wins even when fusion scores
# it at half another province's ("Dang bo Van phong UBND tinh TTH co bao nhieu dang vien?": the Huế
# article's passage against a Đắk Lắk plan's list of bodies, eval/dev14.jsonl d14-067).
OTHER_PLACE_BESIDE_OWN = 0.5
ARTICLE_YEAR_FACTOR = 0.02  # per year an article is older than the newest article among the candidates
ARTICLE_AGE_CAP = 0.1
TOP = 5
MAX_PER_DOC = 2
RELEVANT_SHARE = 0.5        # below this share of the best score a clause no longer counts as relevant
SCORE_DIGITS = 9            # fused scores compared to this many decimals
SIM_DIGITS = 5              # raw dense/keyword scores rounded before they order anything


@dataclass
class Candidate:
    chunk_id: int
    doc_id: int
    position: int
    score: float
    tiebreak: float = 0.0
    parent: str = ""        # the group within the document (group_of)

    @property
    def group(self) -> tuple[int, str]:
        return self.doc_id, self.parent

    def key(self) -> tuple:
        return (-round(self.score, SCORE_DIGITS), -round(self.tiebreak, SCORE_DIGITS), self.doc_id,
                self.position, self.chunk_id)


_CONTAINERS = ("Phần", "Chương", "Phụ lục", "Danh mục")


def group_of(row: dict) -> str:
    """The enclosing Điều, else the section path down to its first unit below Phần/Chương/Phụ lục
    ("Mục III", "Phụ lục › Mục II", a headline)."""
    if row.get("parent"):
        return row["parent"]
    labels = (row.get("section") or "").split(" › ")
    n = 1
    while n < len(labels) and labels[n - 1].startswith(_CONTAINERS):
        n += 1
    return " › ".join(labels[:n])


def ordered(cands: list[Candidate]) -> list[Candidate]:
    """Best first, ties broken by the raw scores, then by document, position and chunk id."""
    return sorted(cands, key=Candidate.key)


def stable_raw(pairs: list[tuple[dict, float]]) -> list[tuple[dict, float]]:
    """One retriever's (row, score) list in a total order: rounded score, then chunk id."""
    return sorted(((row, round(float(s), SIM_DIGITS)) for row, s in pairs),
                  key=lambda p: (-p[1], p[0]["chunk_id"]))


def authority_factor(doc, places: list[str], names: list[str], question: str = "", own_found: bool = False) -> float:
    """The multiplier the question's scope (places, names from authority.question_scope) gives a document;
    a general question (no place, no body) prefers the rule for everyone to a province's or a sector's.
    own_found: a document of the named place is among the candidates, so another province's ranks lower."""
    if places or names:
        # Another province's document stays below, even when it names a body the question names too: every
        # province has its "Ban Tuyên giáo" (dev13 d13-046 typed without accents ranked Nam Định's article first).
        if places and doc_places(doc) and level(doc) != "national" and not of_place(doc, places):
            return OTHER_PLACE_BESIDE_OWN if own_found else OTHER_PLACE_FACTOR
        if of_scope(doc, places, names):
            return SCOPE_BOOST
        return 1.0
    return LOCAL_FACTOR if level(doc) == LOCAL or sector_rule(doc, question) else 1.0


def published(doc) -> dt.date | None:
    meta = getattr(doc, "meta", None) or {}
    iso = meta.get("published") or ""
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        year = str(meta.get("year") or "")[:4]
        return dt.date(int(year), 7, 1) if year.isdigit() else None


def article_age_factors(docs: list) -> dict[int, float]:
    """doc_id -> multiplier for the dated articles among `docs`: the newest 1.0, older ones a little less."""
    dated = {d.doc_id: published(d) for d in docs if getattr(d, "is_article", False)}
    dated = {k: v for k, v in dated.items() if v}
    if len(dated) < 2:
        return {}
    newest = max(dated.values())
    return {k: 1.0 - min(ARTICLE_AGE_CAP, ARTICLE_YEAR_FACTOR * (newest - v).days / 365.25)
            for k, v in dated.items()}


def diversify(ranked: list[Candidate], top: int | None = None, per_doc: int | None = None,
              share: float | None = None, exempt: frozenset[int] = frozenset()) -> list[Candidate]:
    """At most `per_doc` clauses of one group (a Điều, or a document without Điều) in the first `top`
    places, as long as other clauses score at least `share` of the best; the clauses set aside follow.
    Documents in `exempt` (the question names them) keep all their places."""
    if not ranked:
        return ranked
    top = TOP if top is None else top
    per_doc = MAX_PER_DOC if per_doc is None else per_doc
    floor = ranked[0].score * (RELEVANT_SHARE if share is None else share)
    head: list[Candidate] = []
    later: list[tuple[int, Candidate]] = []
    counts: dict[tuple[int, str], int] = {}
    for i, c in enumerate(ranked):
        if len(head) < top and c.score >= floor and (c.doc_id in exempt or counts.get(c.group, 0) < per_doc):
            head.append(c)
            counts[c.group] = counts.get(c.group, 0) + 1
        else:
            later.append((i, c))
    return head + [c for _, c in sorted(later, key=lambda p: p[0])]


# -- a chunk's own demotions ------------------------------------------------------------------

# A document's recipients list and signature ("Nơi nhận: - Ban Thi đua …; - Lưu: VT") state no rule, but
# share the plan's every name with the question and can outrank the clause that answers it.
BOILERPLATE_FACTOR = 0.5
_BOILERPLATE = ("Nơi nhận",)


def is_boilerplate(row: dict) -> bool:
    """A chunk that is a document's recipients list and signature block, not one of its clauses."""
    return (row.get("section") or "").split(" › ")[-1].startswith(_BOILERPLATE)


# The lines of a document's heading: issuer and title in capitals, motto, "Số: …", "Hà Nội, ngày …".
_HEADING_LINE = re.compile(r"^(?:.*Độc lập\s*[-–]\s*Tự do.*|\s*Số:.*|[\w .]{2,40}, ngày \d.*)$")
# "… ban hành ngày nào?", "số hiệu", "ai ký": then the heading is the answer.
_ASKS_ABOUT_DOCUMENT = re.compile(r"\b(ban hanh|ky ngay|ngay ky|so hieu|nguoi ky|ai ky)\b")


# "… không giữ chức vụ lãnh đạo, quản lý" and "… giữ chức vụ lãnh đạo, quản lý" head two Điều with the same
# words (QĐ 212's Điều 6 and 7, the Party's two frameworks): the one the question negates or not is asked.
OTHER_OFFICE_FACTOR = 0.8
_OFFICE = re.compile(r"\b(khong )?giu chuc vu\b")


def holds_office(text: str) -> bool | None:
    """True: "giữ chức vụ" (a leader); False: "không giữ chức vụ"; None: neither, or both."""
    found = {bool(m.group(1)) for m in _OFFICE.finditer(fold_diacritics(text.lower()))}
    return None if len(found) != 1 else not found.pop()


def other_office(asked: bool | None, row: dict) -> bool:
    """The chunk's Điều or heading is for leaders and the question for non-leaders, or the reverse."""
    if asked is None:
        return False
    heading = holds_office(f"{row.get('dieu') or ''} {row.get('section') or ''}")
    return heading is not None and heading != asked


def asks_about_document(question: str) -> bool:
    return _ASKS_ABOUT_DOCUMENT.search(fold_diacritics(question.lower())) is not None


@dataclass(frozen=True)
class ChunkAsk:
    """What of the question a chunk's own demotions look at, read once per search."""
    about_document: bool
    office: bool | None

    @classmethod
    def of(cls, question: str) -> "ChunkAsk":
        return cls(asks_about_document(question), holds_office(question))


def chunk_factor(row: dict, asked: ChunkAsk) -> float:
    """A chunk's own multiplier: a recipients list or a heading-only first chunk, a clause for the other
    office (leaders / non-leaders)."""
    factor = 1.0
    if is_boilerplate(row) or (is_heading_only(row) and not asked.about_document):
        factor *= BOILERPLATE_FACTOR
    if other_office(asked.office, row):
        factor *= OTHER_OFFICE_FACTOR
    return factor


def is_heading_only(row: dict) -> bool:
    """A plan's first chunk that holds only its heading: it shares the title's every word with a
    question about the plan ("đợt thi đua chào mừng Đại hội XIV, Đắk Lắk …") and states nothing."""
    if not (row.get("section") or "").endswith("Phần mở đầu"):
        return False
    rest = [ln for ln in (row.get("text") or "").splitlines()
            if ln != ln.upper() and not _HEADING_LINE.match(ln.strip())]
    return len(" ".join(rest).split()) < 12


def same_part_ranks(hits: list) -> list[int]:
    """Each hit's rank, or the rank of the first hit from the same part of the same document (one
    section label): the chunker cut a long table or Khoản there, and which piece ranks first is noise
    (the reader's rank decay, bot/answering/reader.py)."""
    first: dict[tuple, int] = {}
    return [first.setdefault((h.doc_id, h.section), i) for i, h in enumerate(hits)]
