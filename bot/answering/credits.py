"""Who wrote a news article, who took its photos, who edits the paper: answered from the article's credits.

A reader of the seed news asks "bài này ai viết?", "ai chụp ảnh …?" or "Tổng biên tập Báo Nam Định là ai?".
The byline, the photo captions and the paper's masthead are site chrome to the index (ingest/article.py
keeps them out of the chunks, where they would match every question about the paper), so no clause
states them and the question was refused. Ingest keeps them in the article's metadata (`meta["credits"]`,
each the line as printed); this module answers from there, citing the article and quoting the line.

Only a news article's credits answer, and only when the question asks for one in so many words: "tác giả"
alone is also the author of a sáng kiến or a công trình in the regulations. A question naming a province
the article is not about (another paper's editor) gets no credit answer; the usual checks then refuse it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answering.direct import Direct
from bot.answering.extractive import cite_label, doc_name
from bot.answering.question import as_question
from bot.types import Answer, Hit
from ingest.places import mentions, places_in

# Folded (no accents, lower case) cues → the credit labels that answer them.
_BYLINES = ("Bài", "Bài và ảnh", "Bài, ảnh", "Bài & ảnh", "Tin", "Tin và ảnh", "Tin, ảnh", "Nhóm PV", "Tác giả")
_ASKS = [
    (re.compile(r"\bpho tong bien tap\b"), ("Phó Tổng biên tập",)),
    (re.compile(r"(?<!pho )\btong bien tap\b"), ("Tổng biên tập",)),
    (re.compile(r"\b(?:toa soan|tru so)\b.*\b(?:o dau|dia chi|nam o|dat o)\b|\bdia chi (?:cua )?(?:toa soan|bao)\b"),
     ("Tòa soạn", "Toà soạn", "Trụ sở", "Địa chỉ")),
    (re.compile(r"\b(?:so )?dien thoai\b.*\b(?:toa soan|bao)\b|\b(?:toa soan|bao)\b.*\bdien thoai\b|\bhotline\b"),
     ("Điện thoại", "Đường dây nóng", "Hotline")),
    # who took it, not "có được chụp ảnh đề thi không" (a candidate's question on TT 22)
    (re.compile(r"\bai (?:da |la nguoi )?chup\b|\bnguoi chup\b|\bchup boi\b|\b(?:do|cua) ai chup\b"
                r"|\banh (?:do|cua|la cua) ai\b|\btac gia (?:cua )?(?:buc |tam )?anh\b"),
     ("Ảnh", "Bài và ảnh", "Bài, ảnh", "Bài & ảnh", "Tin và ảnh", "Tin, ảnh")),
    (re.compile(r"\bai (?:la )?(?:nguoi )?viet\b|\bnguoi viet\b|\bviet boi\b|\b(?:but danh|phong vien) (?:nao|la ai|gi)\b|"
                r"\b(?:do|cua) ai viet\b|\btac gia\b.*\b(?:bai|bao|tin)\b|\b(?:bai|bao|tin)\b.*\btac gia\b"),
     _BYLINES),
]
# "tác giả sáng kiến/công trình/đề tài …" is a regulation's author, not an article's; "bao nhiêu phóng viên …"
# asks for a count.
_NOT_ARTICLE_RE = re.compile(r"\b(?:sang kien|cong trinh|de tai|tac pham|giai phap|tac quyen|giai thuong|bao nhieu"
                             r"|may)\b")
_WORD_RE = re.compile(r"\w+")


def asked_credits(question: str) -> tuple[str, ...]:
    """The credit labels a question asks for, most specific first; () when it asks none."""
    folded = as_question(question).lower_folded
    if _NOT_ARTICLE_RE.search(folded):
        return ()
    for cue, labels in _ASKS:
        if cue.search(folded):
            return labels
    return ()


def _pick(credits: list[dict], labels: tuple[str, ...], question: str) -> dict | None:
    """The credit that answers: a photo's by its caption's words in the question, else the first label asked."""
    wanted = [c for c in credits if c.get("label") in labels]
    if not wanted:
        return None
    words = set(_WORD_RE.findall(as_question(question).lower_folded))

    def overlap(c: dict) -> float:
        cap = set(_WORD_RE.findall(as_question(c.get("caption", "")).lower_folded))
        return len(cap & words) / len(cap) if cap else 0.0

    by_caption = max(wanted, key=overlap)
    if overlap(by_caption) >= 0.5:
        return by_caption
    return min(wanted, key=lambda c: labels.index(c["label"]) if c["label"] in labels else len(labels))


def _elsewhere(question: str, record) -> bool:
    """The question names a province the article is not about ("Tổng biên tập Báo Hải Phòng")."""
    return any(not mentions(record, p) for p in places_in(as_question(question).text))


def _about(question: str, hit: Hit, document_text) -> float:
    """How much of the question the article's whole text says, words and word pairs: the article the
    question is about ("bài về Đảng bộ Văn phòng UBND tỉnh năm 2018") may rank below another paper's."""
    words = _WORD_RE.findall(as_question(question).lower_folded)
    if document_text is None or not words:
        return 0.0
    text = document_text(hit)          # folded, single-spaced, padded
    have = set(text.split())
    pairs = [f" {a} {b} " for a, b in zip(words, words[1:])]
    return (len(set(words) & have) / len(set(words))
            + (sum(p in text for p in pairs) / len(pairs) if pairs else 0.0))


def credits_answer(question: str, hits: list[Hit], record_of, document_text=None) -> Answer | None:
    """The credit line asked for, from the news article among the hits that has it and shares most
    words with the question (the better-ranked on a tie); or None.
    document_text: hit → its document's folded text (Retriever.document_text)."""
    labels = asked_credits(question)
    if not labels or record_of is None:
        return None
    found = []
    for rank, h in enumerate(hits[:8]):
        record = record_of(h)
        meta = getattr(record, "meta", None) or {}
        if (meta.get("kind") != "article" or not meta.get("credits") or _elsewhere(question, record)
                or any(f[2].doc_id == h.doc_id for f in found)):
            continue
        credit = _pick(meta["credits"], labels, question)
        if credit is not None:
            found.append((-_about(question, h, document_text), rank, h, credit))
    if found:
        _, _, h, credit = min(found, key=lambda f: f[:2])
        quote = f"{credit['caption']} {credit['line']}" if credit.get("caption") else credit["line"]
        where = "chú thích ảnh" if credit.get("caption") else (
            "cuối bài" if credit["label"] in _BYLINES or "ảnh" in credit["label"] else "thông tin tòa soạn")
        cited = replace(h, section=where, section_path=[where], text=quote, context="")
        name = doc_name(cited)   # the paper and date, or the headline and date when the paper is unknown
        name = name if h.title in name else f"{name} — {h.title}"
        text = (f"{credit['line']}\n({cite_label(cited)} [1])\n\n"
                f"Theo {name}, {where} [1]:\n«{quote}»")
        direct = Direct(text=credit["line"], hit=cited, kind="body", unit="credit")
        return Answer(question=question, answer=text, refused=False, citations=[cited], mode="extractive",
                      direct=direct.as_dict())
    return None
