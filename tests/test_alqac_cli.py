"""ALQAC through the CLI contract: gold matched on a `search --jsonl` result's `section` string (issue 18)."""

from __future__ import annotations

import unicodedata

from benchmarks.alqac_cli import first_hit, gold_sets, section_article
from benchmarks.quality_common import rank_metrics


def test_section_article_reads_the_first_dieu_of_the_label():
    assert section_article("Điều 5") == "5"
    assert section_article("Điều 2 › Khoản 4–8") == "2"
    assert section_article("Chương II › Điều 12 › Khoản 2 › Điểm a") == "12"
    assert section_article("Điều 64a › Khoản 1") == "64a"
    # decomposed Unicode (as some editors write it) names the same Điều
    assert section_article(unicodedata.normalize("NFD", "Điều 31 › Khoản 3")) == "31"


def test_section_without_a_dieu_is_no_article():
    for label in ("Phần mở đầu", "Đoạn 6", "Phụ lục I", "Nơi nhận", "", "Khoản 2"):
        assert section_article(label) is None
    assert section_article("Điều 10 › Khoản 1") != "1"   # "Điều 1" is not a prefix match of "Điều 10"


def test_first_hit_needs_the_gold_law_file_and_its_dieu():
    gold = {("alqac-luat-cu-tru.txt", "20")}
    results = [
        {"rank": 1, "source": "alqac-luat-cu-tru.txt", "section": "Điều 2 › Khoản 20"},   # Khoản 20
        {"rank": 2, "source": "alqac-luat-vien-chuc.txt", "section": "Điều 20"},          # other law
        {"rank": 3, "source": "alqac-luat-cu-tru.txt", "section": "Đoạn 4"},              # no Điều
        {"rank": 4, "source": "alqac-luat-cu-tru.txt", "section": "Điều 20 › Khoản 1"},
    ]
    assert first_hit(results, gold) == 4
    assert first_hit(results[:3], gold) is None


def test_any_of_several_gold_articles_counts_and_metrics_follow():
    items = [{"relevant_articles": [{"law_id": "Luật Cư trú", "article_id": "20"},
                                    {"law_id": "Luật Viên chức", "article_id": 3}]},
             {"relevant_articles": [{"law_id": "Luật Không có", "article_id": "1"}]}]
    by_law = {"Luật Cư trú": "alqac-luat-cu-tru.txt", "Luật Viên chức": "alqac-luat-vien-chuc.txt"}
    gold = gold_sets(items, by_law)
    assert gold[0] == {("alqac-luat-cu-tru.txt", "20"), ("alqac-luat-vien-chuc.txt", "3")}
    hit = [{"rank": 1, "source": "x.txt", "section": "Điều 3"},
           {"rank": 2, "source": "alqac-luat-vien-chuc.txt", "section": "Điều 3 › Khoản 1"}]
    ranks = [first_hit(hit, gold[0]), first_hit(hit, gold[1])]
    assert ranks == [2, None]
    m = rank_metrics(ranks)
    assert (m["recall@1"], m["recall@5"], m["mrr@10"]) == (0.0, 0.5, 0.25)


def test_layout_writes_titled_and_bare_laws(tmp_path):
    import json

    from benchmarks.alqac import write_laws
    from benchmarks.alqac_layout import article, write_both
    law_json = tmp_path / "laws.json"
    law_json.write_text(json.dumps([{"id": "Luật Cư trú", "articles": [
        {"id": "1", "text": "Phạm vi điều chỉnh\n\nLuật này quy định về cư trú."},
        {"id": "2", "text": "Giải thích từ ngữ\n\n1. Chỗ ở hợp pháp là nơi được sử dụng để sinh sống."}]}],
        ensure_ascii=False), encoding="utf-8")
    folders = write_both(law_json, tmp_path / "work", write_laws)
    titled = (folders["title line + Điều"][1] / "alqac-luat-cu-tru.txt").read_text(encoding="utf-8")
    bare = (folders["bare Điều text"][1] / "alqac-luat-cu-tru.txt").read_text(encoding="utf-8")
    assert titled.startswith("LUẬT CƯ TRÚ\n\nĐiều 1. Phạm vi")
    assert bare.startswith("Điều 1. Phạm vi") and titled.endswith(bare)
    assert article("Điều 2 › Khoản 1") == "2" and article("Đoạn 3") is None
