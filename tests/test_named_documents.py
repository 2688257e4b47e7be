"""A question that names a document by its number (bot/answering/retrieve.py).

Party documents are cited without a year ("Theo QĐ 366, …", "Quy định 366-QĐ/TW"). When the document
itself is not indexed, an article that explains it (its legal basis, issue 16) stands in for it.
"""

from types import SimpleNamespace

import pytest

from bot.answering.named_documents import mentioned_numbers, number_named
from bot.answering.retrieve import LAW_NAMED_BOOST, NAMED_DOC_BOOST, HybridRetriever


@pytest.mark.parametrize("question,numbers", [
    ("Theo QĐ 366, số người được xếp HTXSNV không quá bao nhiêu phần trăm?", ["366-qd"]),
    ("xep loai dang vien theo quy dinh 366 the nao", ["366-qd"]),
    ("Quy định 366-QĐ/TW áp dụng từ khi nào?", ["366-qd"]),
    ("Hướng dẫn số 21 về kiểm điểm đảng viên", ["21-hd"]),
    ("Nghị định 90/2020 còn hiệu lực không?", ["90/2020"]),
    ("Quyết định 35/2024/QĐ-UBND của Hà Nội", ["35/2024"]),   # a year: not a Party number
    # a decree or circular cited without its year, as cadres do (blind dev60 d60-007)
    ("Theo bản pháp điển Nghị định 90, viên chức quản lý phải có ít nhất bao nhiêu phần trăm?", ["90/|nd"]),
    ("NĐ 172 quy định thời hiệu xử lý kỷ luật bao lâu?", ["172/|nd"]),
    ("theo thong tu 15 cua bo ke hoach", ["15/|tt"]),
    ("Nghị định 90/2020 hay NĐ 90?", ["90/2020"]),
])
def test_numbers_a_question_names(question, numbers):
    assert mentioned_numbers(question) == numbers


def _retriever(docs: dict) -> HybridRetriever:
    r = HybridRetriever.__new__(HybridRetriever)
    r._docs = docs
    return r


def test_an_article_on_the_named_document_stands_in_for_it():
    article = SimpleNamespace(number="", aliases=[], secondary=True, meta={
        "kind": "explainer", "legal_bases": [{"dieu": "11", "doc": "Quy định 366-QĐ/TW", "number": "366-QĐ/TW"}]})
    decree = SimpleNamespace(number="233/2026/NĐ-CP", aliases=[], secondary=False, meta={}, issuer="Chính phủ",
                             title="Nghị định", doc_type="Nghị định")
    r = _retriever({1: article, 2: decree})
    assert r._doc_factor(1, ["366-qd"], [], [], {}) == (NAMED_DOC_BOOST, False)
    assert r._doc_factor(2, ["366-qd"], [], [], {})[0] != NAMED_DOC_BOOST
    # Without the number in the question the article keeps its usual (secondary) weight.
    assert r._doc_factor(1, [], [], [], {})[0] < 1.0


def test_a_law_named_by_its_title_ranks_as_named():
    """"Theo Luật Cán bộ, công chức năm 2025, …" names Luật 80/2025/QH15 (eval/dev28 d28-010: a decree's clause
    on the same subject was cited first). "xử lý kỷ luật cán bộ, công chức" names no law."""
    law = SimpleNamespace(number="80/2025/QH15", aliases=[], secondary=False, meta={}, issuer="Quốc hội",
                          title="Luật Cán bộ, công chức", doc_type="Luật")
    decree = SimpleNamespace(number="172/2025/NĐ-CP", aliases=[], secondary=False, meta={}, issuer="Chính phủ",
                             title="Nghị định quy định về xử lý kỷ luật cán bộ, công chức", doc_type="Nghị định")
    r = _retriever({1: law, 2: decree})
    plain = r._doc_factor(1, [], [], [], {}, "Công chức không hoàn thành nhiệm vụ bị xử lý thế nào?")[0]
    for q in ("Theo Luật Cán bộ, công chức năm 2025, công chức không hoàn thành nhiệm vụ bị xử lý thế nào?",
              "theo luat can bo cong chuc 2025 ngach cong chuc gom nhung ngach nao"):
        assert r._doc_factor(1, [], [], [], {}, q)[0] == pytest.approx(plain * LAW_NAMED_BOOST)
        assert r._doc_factor(2, [], [], [], {}, q)[0] < plain * LAW_NAMED_BOOST
    for q in ("Thời hiệu xử lý kỷ luật cán bộ, công chức là bao lâu?", "Cán bộ, công chức được nghỉ phép mấy ngày?"):
        assert r._doc_factor(1, [], [], [], {}, q)[0] == pytest.approx(plain)


def test_a_decree_named_without_its_year_ranks_as_named():
    """"Theo bản pháp điển Nghị định 90, …" names the compilation that reproduces 90/2020/NĐ-CP (its alias); a
    plan numbered 90/KH-UBND is not a decree (blind dev60 d60-007 was answered from Nghị định 233 and refused)."""
    assert number_named("90/2020/nd-cp", "90/|nd") and not number_named("90/kh-ubnd", "90/|nd")
    assert not number_named("190/2020/nd-cp", "90/|nd") and number_named("90/2020/nd-cp", "90/2020")
    compilation = SimpleNamespace(number="58/2010/QH12", aliases=["90/2020/NĐ-CP"], secondary=False, meta={},
                                  issuer="Quốc hội", title="Pháp điển", doc_type="Luật")
    plan = SimpleNamespace(number="90/KH-UBND", aliases=[], secondary=False, meta={}, issuer="UBND tỉnh",
                           title="Kế hoạch", doc_type="Kế hoạch")
    r = _retriever({1: compilation, 2: plan})
    assert r._doc_factor(1, ["90/|nd"], [], [], {}) == (NAMED_DOC_BOOST, False)
    assert r._doc_factor(2, ["90/|nd"], [], [], {})[0] != NAMED_DOC_BOOST
