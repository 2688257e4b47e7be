"""The benchmark code paths run end to end on a tiny synthetic corpus (fake embedder, no ../shared).

No timing assertions: speed targets live in the benchmarks themselves, not in tests.
"""

from __future__ import annotations

import json

import pytest

from benchmarks import alqac, congbot, latency, scale
from benchmarks.common import md_table, write_section
from benchmarks.embed_variants import recall_at
from benchmarks.quality_common import build_service, rank_metrics
from benchmarks.quality_report import plot, render as render_quality
from benchmarks.speed_report import render as render_speed
from bot.service import Hoidap
from ingest.settings import Settings

LAWS = [
    {"id": "Luật Thi đua, khen thưởng", "articles": [
        {"id": "1", "text": "Phạm vi điều chỉnh\n\nLuật này quy định về đối tượng, nguyên tắc, nội dung thi đua, "
                            "tiêu chuẩn danh hiệu thi đua và hình thức khen thưởng."},
        {"id": "2", "text": "Danh hiệu Chiến sĩ thi đua cơ sở\n\n1. Danh hiệu Chiến sĩ thi đua cơ sở được xét "
                            "tặng hằng năm cho cá nhân đạt danh hiệu Lao động tiên tiến.\n2. Cá nhân có sáng kiến "
                            "được công nhận."},
        {"id": "3", "text": "Thời hạn gửi hồ sơ\n\nHồ sơ đề nghị khen thưởng gửi trước ngày 15 tháng 3 hằng năm."}]},
    {"id": "Luật Viên chức", "articles": [
        {"id": "1", "text": "Phạm vi điều chỉnh\n\nLuật này quy định về viên chức, quyền và nghĩa vụ của viên chức."},
        {"id": "29", "text": "Đơn phương chấm dứt hợp đồng\n\nĐơn vị sự nghiệp công lập được đơn phương chấm dứt "
                             "hợp đồng khi viên chức có 02 năm liên tiếp bị phân loại đánh giá ở mức độ không "
                             "hoàn thành nhiệm vụ."}]},
]
QUESTIONS = [
    {"question_id": "t1", "question_type": "Đúng/Sai", "answer": "Đúng",
     "text": "Viên chức 02 năm liên tiếp không hoàn thành nhiệm vụ thì bị đơn phương chấm dứt hợp đồng, đúng hay sai?",
     "relevant_articles": [{"law_id": "Luật Viên chức", "article_id": "29"}]},
    {"question_id": "t2", "question_type": "Tự luận", "answer": "15 tháng 3",
     "text": "Hồ sơ đề nghị khen thưởng gửi trước ngày nào?",
     "relevant_articles": [{"law_id": "Luật Thi đua, khen thưởng", "article_id": "3"}]},
]
CONGBOT_PIECES = {
    "01_2020_TT_BTC_preamble": "THÔNG TƯ\nQuy định chế độ trợ cấp người có công",
    "01_2020_TT_BTC_art1": "Điều 1. Trợ cấp thăm viếng mộ liệt sĩ\n\n1. Thân nhân liệt sĩ được hỗ trợ tiền tàu xe "
                           "theo đơn giá 2.000 đồng/km nhưng tối đa không quá 2.400.000 đồng/người, mỗi năm một lần.",
    "01_2020_TT_BTC_art2": "Điều 2. Trợ cấp giáo dục\n\nThời gian hưởng trợ cấp hằng tháng được cấp đủ 12 tháng "
                           "cho một năm học đối với con của thương binh đang học đại học.",
}
CONGBOT_BENCH = {"benchmark": [
    {"id": "q1", "question": "Đi thăm mộ liệt sĩ được hỗ trợ tiền tàu xe bao nhiêu?",
     "answer": "Hỗ trợ 2.000 đồng/km, tối đa 2.400.000 đồng/người.", "contexts": ["01_2020_TT_BTC_art1"],
     "ground_truth": "Theo Điều 1, thân nhân liệt sĩ được hỗ trợ tiền tàu xe theo đơn giá 2.000 đồng/km nhưng "
                     "tối đa không quá 2.400.000 đồng/người, mỗi năm một lần."},
    {"id": "q2", "question": "Con thương binh học đại học được trợ cấp mấy tháng một năm?",
     "answer": "Được cấp đủ 12 tháng cho một năm học.", "contexts": ["01_2020_TT_BTC_old_art9"],
     "ground_truth": "Thời gian hưởng trợ cấp hằng tháng được cấp đủ 12 tháng cho một năm học đối với con của "
                     "thương binh đang học đại học."},
]}


@pytest.fixture
def qa_dir(tmp_path):
    qa = tmp_path / "qa"
    (qa / "congbot" / "corpus" / "data" / "01_2020_TT_BTC").mkdir(parents=True)
    (qa / "alqac23_law.json").write_text(json.dumps(LAWS, ensure_ascii=False), encoding="utf-8")
    (qa / "alqac25_train.json").write_text(json.dumps(QUESTIONS, ensure_ascii=False), encoding="utf-8")
    doc = qa / "congbot" / "corpus" / "data" / "01_2020_TT_BTC"
    for stem, text in CONGBOT_PIECES.items():
        (doc / f"{stem}.md").write_text(f"# {stem}\n{text}\n", encoding="utf-8")
    (doc / "metadata.json").write_text(json.dumps({"chunks": [{"file_path": f"/data/x/{s}.md"} for s in CONGBOT_PIECES]}),
                                       encoding="utf-8")
    (qa / "congbot" / "benchmark_86q.json").write_text(json.dumps(CONGBOT_BENCH, ensure_ascii=False), encoding="utf-8")
    return qa


def test_alqac_and_congbot_paths(qa_dir, tmp_path, fake_embedder):
    res = {"alqac": alqac.run(qa_dir, tmp_path / "work", llm_sample=0, embedder=fake_embedder)}
    a = res["alqac"]
    assert a["questions"] == 2 and a["coverage"]["articles"] == 5
    assert a["coverage"]["articles_with_chunks"] == 5          # every article became a chunk labelled "Điều N"
    assert set(a["modes"]) == {"keyword", "dense", "hybrid"}
    assert a["modes"]["keyword"]["recall@10"] == 1.0           # both gold articles are found by words alone
    res["congbot"] = congbot.run(qa_dir, tmp_path / "work", embedder=fake_embedder)
    c = res["congbot"]
    assert c["contexts_resolved"] == "1/2"
    assert c["modes"]["keyword"]["recall@10"] == 1.0           # q2 matched through its ground_truth text
    assert c["answers"]["n"] == 2
    # a second run re-uses the index: nothing is embedded again
    again = congbot.run(qa_dir, tmp_path / "work", embedder=fake_embedder)
    assert "0 embedded" in again["index"]["summary"]
    res["environment"] = {"date": "d", "cpu": "c", "cores": 2, "ram": "r", "os": "o", "python": "3.11",
                          "commit": "x", "load_avg": [0, 0, 0], "versions": {}}
    png = plot(res, tmp_path / "plot.png")
    assert png and png.stat().st_size > 1000
    text = render_quality(res, "plot.png")
    assert "ALQAC" in text and "CongBot" in text
    # Refusal across corpora: the eval sets on a small "dev" index, the two benchmarks on theirs.
    from benchmarks import refusal
    from tests.test_answers import DECREE
    shared = tmp_path / "shared"
    (shared / "corpus").mkdir(parents=True)
    (shared / "corpus" / "qd-12-2025.txt").write_text(DECREE, encoding="utf-8")
    res["refusal"] = r = refusal.run(qa_dir, tmp_path / "work", shared, embedder=fake_embedder)
    by_set = {x["set"]: x for x in r["rows"]}
    assert by_set["eval/heldout.jsonl"]["n"] == 45 and by_set["eval/oos.jsonl near-topic"]["n"] == 45
    assert by_set["CongBot own questions"]["n"] == 2 and "ALQAC own questions (sample of 150)" in by_set
    assert all(set(x["sweep"]) == {f"{t:.1f}" for t in refusal.SWEEP} for x in r["rows"])
    assert "Refusal across corpora" in render_quality(res, None)


def test_speed_paths(tmp_path, fake_embedder):
    docs = tmp_path / "docs"
    docs.mkdir()
    for law in LAWS:
        (docs / alqac.law_file(law["id"])).write_text(
            law["id"].upper() + "\n\n" + "\n\n".join(f"Điều {a['id']}. {a['text']}" for a in law["articles"]),
            encoding="utf-8")
    svc, info = build_service(tmp_path / "data", docs, fake_embedder)
    assert info["chunks"] >= 5
    qs = [q["text"] for q in QUESTIONS] + ["Danh hiệu Chiến sĩ thi đua cơ sở xét cho ai?"]
    res = {"search": latency.search_latency(svc, qs), "ask_extractive": latency.ask_latency(svc, qs),
           "concurrency": latency.concurrency(svc, qs, n=4)}
    assert res["search"]["n"] == 3 and res["concurrency"]["n"] == 4

    big = Hoidap(Settings(data_dir=tmp_path / "scale", llm="none"), embedder=fake_embedder)
    built = scale.build(big.index, scale.source_chunks(tmp_path / "data" / "hoidap.sqlite"), size=250)
    assert built["chunks"] == 250 and big.index.chunk_count() == 250
    q = scale.query(big, qs)
    assert q["n"] == 3
    q["peak_rss_mb"], q["rss_mb_process_start"], q["disk"] = 1.0, 0.0, scale.disk_usage(tmp_path / "scale")
    res["scale"] = {"250": {"build": {**built, "wall_s": 1, "peak_rss_mb": 1}, "query": q}}
    res["environment"] = {"date": "d", "cpu": "c", "cores": 2, "ram": "r", "os": "o", "python": "3.11",
                          "commit": "x", "load_avg": [0, 0, 0], "versions": {}}
    text = render_speed(res)
    assert "Query latency" in text and "Scale" in text


def test_recall_pool_and_metrics():
    import numpy as np
    work = {"questions": [{"pool": [1, 2, 3], "relevant": [2]}, {"pool": [1, 2, 3], "relevant": [3]}]}
    result = {"ids": ["1", "2", "3"], "doc_vecs": np.eye(3, dtype=np.float32),
              "query_vecs": np.asarray([[0, 1, 0], [1, 0, 0]], dtype=np.float32)}
    assert recall_at(work, result, k=1) == 0.5
    m = rank_metrics([1, None, 3, 11])
    assert m["recall@1"] == 0.25 and m["recall@10"] == 0.5 and m["mrr@10"] == pytest.approx((1 + 1 / 3) / 4, abs=1e-4)


def test_sections_are_replaced_alone(tmp_path):
    doc = tmp_path / "b.md"
    write_section("speed", "speed one", {"a": 1}, doc)
    write_section("quality", md_table(["x"], [[1.5]]), {"b": 2}, doc)
    write_section("speed", "speed two", {"a": 3}, doc)
    text = doc.read_text()
    assert "speed two" in text and "speed one" not in text and "| 1.500 |" in text
    assert text.count("<!-- BEGIN speed -->") == 1 and text.count("<!-- BEGIN quality -->") == 1
