"""A question that names a document by its number (bot/answering/retrieve.py).

Party documents are cited without a year ("Theo QĐ 366, …", "Quy định 366-QĐ/TW"). When the document
itself is not indexed, an article that explains it (its legal basis, issue 16) stands in for it.
"""

from types import SimpleNamespace

import pytest

from bot.answering.retrieve import NAMED_DOC_BOOST, HybridRetriever, mentioned_numbers


@pytest.mark.parametrize("question,numbers", [
    ("Theo QĐ 366, số người được xếp HTXSNV không quá bao nhiêu phần trăm?", ["366-qd"]),
    ("xep loai dang vien theo quy dinh 366 the nao", ["366-qd"]),
    ("Quy định 366-QĐ/TW áp dụng từ khi nào?", ["366-qd"]),
    ("Hướng dẫn số 21 về kiểm điểm đảng viên", ["21-hd"]),
    ("Nghị định 90/2020 còn hiệu lực không?", ["90/2020"]),
    ("Quyết định 35/2024/QĐ-UBND của Hà Nội", ["35/2024"]),   # a year: not a Party number
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
