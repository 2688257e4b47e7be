"""Which rule is in force: replaced, amended, not-yet-in-force and operator-made relations."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.service import Hoidap
from bot.answering.status import compute_statuses, save_manual_relations
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

ROOT = Path(__file__).resolve().parent.parent
NEXT_YEAR = dt.date.today().year + 1

OLD = """ỦY BAN NHÂN DÂN TỈNH AN BÌNH
Số: 35/2024/QĐ-UBND
An Bình, ngày 10 tháng 5 năm 2024
QUYẾT ĐỊNH
Ban hành Quy chế xét tặng danh hiệu Công dân tiêu biểu
Điều 1. Tiêu chuẩn xét tặng danh hiệu Công dân tiêu biểu
Công dân được xét tặng danh hiệu Công dân tiêu biểu khi có thời gian cư trú tại tỉnh từ 10 năm trở lên.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 20 tháng 5 năm 2024.
"""

NEW = """ỦY BAN NHÂN DÂN TỈNH AN BÌNH
Số: 71/2025/QĐ-UBND
An Bình, ngày 01 tháng 8 năm 2025
QUYẾT ĐỊNH
Ban hành Quy chế xét tặng danh hiệu Công dân tiêu biểu (sửa đổi)
Điều 1. Tiêu chuẩn xét tặng danh hiệu Công dân tiêu biểu
Công dân được xét tặng danh hiệu Công dân tiêu biểu khi có thời gian cư trú tại tỉnh từ 05 năm trở lên.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 15 tháng 8 năm 2025 và thay thế Quyết định số 35/2024/QĐ-UBND ngày 10 tháng 5 năm 2024 của Ủy ban nhân dân tỉnh.
"""

AMENDED = """BỘ NỘI VỤ
Số: 05/2023/TT-BNV
Hà Nội, ngày 02 tháng 3 năm 2023
THÔNG TƯ
Hướng dẫn khen thưởng thành tích hiến máu tình nguyện
Điều 1. Mức khen thưởng hiến máu
Cá nhân hiến máu tình nguyện từ 10 lần trở lên được tặng Giấy khen.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực từ ngày 15 tháng 4 năm 2023.
"""

AMENDING = """BỘ NỘI VỤ
Số: 09/2025/TT-BNV
Hà Nội, ngày 02 tháng 6 năm 2025
THÔNG TƯ
Sửa đổi, bổ sung một số điều của Thông tư số 05/2023/TT-BNV
Điều 1. Sửa đổi Điều 1 Thông tư số 05/2023/TT-BNV
Cá nhân hiến máu tình nguyện từ 08 lần trở lên được tặng Giấy khen của Giám đốc Sở.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực từ ngày 01 tháng 7 năm 2025.
"""

FUTURE = f"""BỘ NỘI VỤ
Số: 12/{NEXT_YEAR - 1}/TT-BNV
Hà Nội, ngày 20 tháng 11 năm {NEXT_YEAR - 1}
THÔNG TƯ
Quy định về phụ cấp trách nhiệm công tác thi đua
Điều 1. Mức phụ cấp trách nhiệm công tác thi đua
Người làm công tác thi đua chuyên trách được hưởng phụ cấp trách nhiệm bằng 0,2 mức lương cơ sở.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực từ ngày 01 tháng 01 năm {NEXT_YEAR}.
"""

MANUAL_OLD = """ỦY BAN NHÂN DÂN TỈNH AN BÌNH
Số: 20/2020/QĐ-UBND
An Bình, ngày 01 tháng 3 năm 2020
QUYẾT ĐỊNH
Quy định về khen thưởng đột xuất
Điều 1. Thẩm quyền khen thưởng đột xuất
Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen đột xuất cho cá nhân có hành động dũng cảm.
"""

MANUAL_NEW = """ỦY BAN NHÂN DÂN TỈNH AN BÌNH
Số: 44/2024/QĐ-UBND
An Bình, ngày 01 tháng 3 năm 2024
QUYẾT ĐỊNH
Quy định về khen thưởng đột xuất và khen thưởng theo chuyên đề
Điều 1. Thẩm quyền khen thưởng đột xuất
Giám đốc Sở tặng Giấy khen đột xuất cho cá nhân có hành động dũng cảm.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("versions")
    docs = root / "docs"
    docs.mkdir()
    for name, text in [("qd-35-2024.txt", OLD), ("qd-71-2025.txt", NEW), ("tt-05-2023.txt", AMENDED),
                       ("tt-09-2025.txt", AMENDING), ("tt-12-future.txt", FUTURE),
                       ("qd-20-2020.txt", MANUAL_OLD), ("qd-44-2024.txt", MANUAL_NEW)]:
        (docs / name).write_text(text, encoding="utf-8")
    data = root / "data"
    svc = Hoidap(Settings(data_dir=data, llm="none"), embedder=FakeEmbedder())
    assert svc.ingest([docs]).ok
    save_manual_relations(data, [{"source": "44/2024/QĐ-UBND", "kind": "replaces", "target": "20/2020/QĐ-UBND"}])
    svc.close()
    return root


@pytest.fixture
def svc(corpus):
    s = Hoidap(Settings(data_dir=corpus / "data", llm="none"), embedder=FakeEmbedder())
    yield s
    s.close()


def _docs(svc):
    return {d["source"]: d for d in svc.documents()}


def test_metadata_extracted(svc):
    d = _docs(svc)
    assert d["qd-71-2025.txt"]["number"] == "71/2025/QĐ-UBND"
    assert d["qd-71-2025.txt"]["effective_date"] == "15/08/2025"
    rels = d["qd-71-2025.txt"]["relations"]
    assert any(r["kind"] == "replaces" and r["target"] == "35/2024/QĐ-UBND" for r in rels)
    assert any(r["kind"] == "amends" and r["target"] == "05/2023/TT-BNV" for r in d["tt-09-2025.txt"]["relations"])


def test_statuses(svc):
    d = _docs(svc)
    assert d["qd-35-2024.txt"]["state"] == "replaced"
    assert "71/2025/QĐ-UBND" in d["qd-35-2024.txt"]["status"]
    assert d["qd-71-2025.txt"]["state"] == "in_force"
    assert d["tt-05-2023.txt"]["state"] == "amended"
    assert "09/2025/TT-BNV" in d["tt-05-2023.txt"]["status"]
    assert d["tt-12-future.txt"]["state"] == "not_yet"
    assert f"01/01/{NEXT_YEAR}" in d["tt-12-future.txt"]["status"]
    # the operator-made relation
    assert d["qd-20-2020.txt"]["state"] == "replaced"
    assert "44/2024/QĐ-UBND" in d["qd-20-2020.txt"]["status"]


def test_in_force_document_is_preferred(svc):
    ans = svc.ask("Thời gian cư trú để xét tặng danh hiệu Công dân tiêu biểu là bao lâu?")
    assert not ans.refused
    assert ans.citations[0].source == "qd-71-2025.txt"
    assert "05 năm" in ans.answer


def test_named_old_document_is_answered_with_warning(svc):
    ans = svc.ask("Theo Quyết định 35/2024 thời gian cư trú để xét tặng Công dân tiêu biểu là bao lâu?")
    assert ans.citations[0].source == "qd-35-2024.txt"
    assert "10 năm" in ans.answer
    assert any("71/2025/QĐ-UBND" in w for w in ans.warnings)
    assert "bị thay thế" in ans.citations[0].status


def test_all_versions_keeps_raw_ranking(svc):
    hits = svc.search("thời gian cư trú công dân tiêu biểu", k=5, all_versions=True)
    assert {h.source for h in hits[:2]} == {"qd-35-2024.txt", "qd-71-2025.txt"}


def test_not_yet_in_force_is_cited_with_its_date(svc):
    ans = svc.ask("Phụ cấp trách nhiệm công tác thi đua chuyên trách là bao nhiêu?")
    assert ans.citations[0].source == "tt-12-future.txt"
    assert f"01/01/{NEXT_YEAR}" in ans.citations[0].status
    assert any("chưa có hiệu lực" in w for w in ans.warnings)


def test_operator_relation_survives_reingest(corpus, svc):
    # re-ingest everything (as after an upgrade): the hand-made relation is kept
    (corpus / "docs" / "qd-20-2020.txt").write_text(MANUAL_OLD + "\n", encoding="utf-8")
    assert svc.ingest([corpus / "docs"]).ok
    assert _docs(svc)["qd-20-2020.txt"]["state"] == "replaced"


def test_status_in_list_and_ask_json(corpus):
    env = {**os.environ, "HOIDAP_DATA_DIR": str(corpus / "data")}
    # `list` reads only the registry; no embedding needed
    out = subprocess.run([sys.executable, "-m", "bot.cli", "list"], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("qd-35-2024.txt"))
    assert "bị thay thế bởi 71/2025/QĐ-UBND" in line and "35/2024/QĐ-UBND" in line


def test_ask_json_has_status_per_citation(svc):
    out = svc.ask("Theo Quyết định 35/2024 thời gian cư trú là bao lâu?").to_json("x")
    assert all("status" in c for c in out["citations"])
    assert "bị thay thế" in out["citations"][0]["status"]


def test_compute_statuses_pending_replacement():
    """A replacement that takes effect later leaves the old document in force until then."""
    from ingest.types import DocRecord, Relation
    old = DocRecord(1, "/a", "a.txt", "h", "A", "1/2020/NĐ-CP", "Nghị định", "", "01/01/2020", "", False, [], 1, "")
    new = DocRecord(2, "/b", "b.txt", "h2", "B", "2/2026/NĐ-CP", "Nghị định", "", "01/06/2026", "01/07/2026",
                    False, [Relation("ends", "1/2020/NĐ-CP")], 1, "")
    st = compute_statuses([old, new], [], today=dt.date(2026, 6, 15))
    assert st[1].state == "in_force" and "01/07/2026" in st[1].label
    st = compute_statuses([old, new], [], today=dt.date(2026, 7, 2))
    assert st[1].state == "replaced"
    assert st[2].state == "in_force"


def test_validity_question_answered_from_relations(svc):
    ans = svc.ask("Quyết định 35/2024/QĐ-UBND còn hiệu lực không?")
    assert not ans.refused
    assert "bị thay thế bởi 71/2025/QĐ-UBND" in ans.answer
    assert ans.citations[0].source == "qd-71-2025.txt"
    assert "35/2024/QĐ-UBND" in ans.citations[0].text       # the clause that states the replacement
    ans = svc.ask("Thông tư 05/2023/TT-BNV còn được áp dụng không?")
    assert "sửa đổi, bổ sung bởi 09/2025/TT-BNV" in ans.answer
    # a circular named without its year, as cadres cite it
    ans = svc.ask("Thông tư 05 còn được áp dụng không?")
    assert "sửa đổi, bổ sung bởi 09/2025/TT-BNV" in ans.answer
    ans = svc.ask("Quyết định 71/2025/QĐ-UBND có hiệu lực từ khi nào?")
    assert "đang có hiệu lực" in ans.answer and "15/08/2025" in ans.answer
