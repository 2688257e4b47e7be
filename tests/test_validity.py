"""Số hiệu normalisation, effective dates and relations (thay thế, bãi bỏ, hết hiệu lực, sửa đổi)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.structure import parse_document
from ingest.types import DocHeader
from ingest.validity import extract_validity, find_numbers, normalize_number, number_key, parse_vn_date

DATA = Path(__file__).parent / "data" / "structure"
CORPUS = Path("/work/shared/corpus")


@pytest.mark.parametrize("raw, expected", [
    ("Nghị định số 90/2020/NĐ-CP", "90/2020/NĐ-CP"),
    ("QĐ 71/2025/QĐ-UBND", "71/2025/QĐ-UBND"),
    ("15/2023/TT- BKHĐT", "15/2023/TT-BKHĐT"),
    ("15 / 2023 / TT -BKHĐT", "15/2023/TT-BKHĐT"),
    ("90/2020/nđ-cp", "90/2020/NĐ-CP"),
    ("90/2020/N\u00d0-CP", "90/2020/NĐ-CP"),                 # Icelandic Eth from bad PDF text layers
    ("Luật số: 80/2025/QH15", "80/2025/QH15"),
    ("Số: 0124/KH-UBND", "0124/KH-UBND"),
    ("Quyết định số 1147-QĐ/BTGDVTW", "1147-QĐ/BTGDVTW"),
    ("Nghị định 90/2020", "90/2020"),
    ("90/2020/NĐ-CP - Chính phủ", "90/2020/NĐ-CP"),
    ("(bài viết giải đáp/phân tích, không phải văn bản gốc)", ""),
    ("ngày 13/08/2020", ""),
])
def test_normalize_number(raw, expected):
    assert normalize_number(raw) == expected


def test_number_key_folds_accents_and_case():
    assert number_key("Nghị định số 90/2020/NĐ-CP") == "90/2020/nd-cp"
    assert number_key("90/2020/nđ-cp") == number_key("90/2020/ND-CP") == "90/2020/nd-cp"
    assert number_key("15/2023/TT- BKHĐT") == "15/2023/tt-bkhdt"


def test_find_numbers_skips_dates_and_submissions():
    nums = [n for _, _, n in find_numbers("Tờ trình số 382/TTr-UBND ngày 01/7/2026 về Quyết định số 35/2024/QĐ-UBND")]
    assert nums == ["35/2024/QĐ-UBND"]


def test_parse_vn_date():
    assert parse_vn_date("Hà Nội, ngày 26 tháng 12 năm 2023") == "26/12/2023"
    assert parse_vn_date("từ ngày 01/7/2026") == "01/07/2026"
    assert parse_vn_date("ngày 15 tháng 02.năm 2024") == "15/02/2024"
    assert parse_vn_date("ngày 31 tháng 02 năm 2024") == ""


def _h(number="45/2026/QĐ-UBND", date="15/12/2026", title="", secondary=False) -> DocHeader:
    return DocHeader(number=number, date=date, title=title, secondary=secondary)


def _rels(rels):
    return {(r.kind, r.target, r.partial, r.effective) for r in rels}


def test_decree_fixture():
    text = (DATA / "quyet_dinh_thi_dua.txt").read_text(encoding="utf-8")
    header = parse_document(text).header
    eff, rels = extract_validity(text, header)
    # Phụ lục II holds a model decision "có hiệu lực kể từ ngày ký": not this document's date
    assert eff == "01/01/2027"
    assert _rels(rels) == {
        ("replaces", "35/2024/QĐ-UBND", False, "01/01/2027"),
        ("repeals", "13/2024/QĐ-UBND", True, "01/01/2027"),       # only Điều 5 of it
        ("ends", "20/2023/QĐ-UBND", False, "01/01/2027"),
    }
    # legal bases (Căn cứ ... thay thế / sửa đổi, bổ sung ...) and the amender in brackets are not relations
    targets = {r.target for r in rels}
    assert not targets & {"91/2017/NĐ-CP", "90/2020/NĐ-CP", "98/2023/NĐ-CP", "08/2024/QĐ-UBND", "45/2026/QĐ-UBND"}


@pytest.mark.parametrize("sentence, date, expected", [
    ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.", "03/12/2025", "03/12/2025"),
    ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành.", "24/11/2025", "24/11/2025"),
    ("1. Thông tư này có hiệu lực thi hành sau 45 ngày kể từ ngày ký.", "26/12/2023", "09/02/2024"),
    ("1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.", "26/06/2026", "01/07/2026"),
    ("Thông tư này có hiệu lực thi hành kể từ ngày 10/12/2025.", "19/10/2025", "10/12/2025"),
    ("1. Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 02.năm 2024.", "29/12/2023", "15/02/2024"),
    ("Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025, trừ trường hợp quy định tại khoản 2 Điều này.",
     "24/06/2025", "01/07/2025"),
    ("Trường hợp đã tuyển dụng trước ngày Nghị định này có hiệu lực thì tiếp tục thực hiện.", "30/06/2025", ""),
    ("Quyết định kỷ luật có hiệu lực 12 tháng kể từ ngày có hiệu lực thi hành.", "30/06/2025", ""),
])
def test_effective_date(sentence, date, expected):
    eff, _ = extract_validity("Điều 1. Phạm vi\n" + sentence, _h(date=date))
    assert eff == expected


def test_ends_with_amender_in_brackets_and_relation_date():
    text = ("Điều 19. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.\n"
            "2. Nghị định số 90/2020/NĐ-CP ngày 13 tháng 8 năm 2020 của Chính phủ về đánh giá, xếp loại chất lượng "
            "cán bộ, công chức, viên chức (được sửa đổi, bổ sung tại Nghị định số 48/2023/NĐ-CP ngày 17 tháng 7 năm 2023) "
            "hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực.")
    eff, rels = extract_validity(text, _h(number="233/2026/NĐ-CP", date="26/06/2026"))
    assert eff == "01/07/2026"
    assert _rels(rels) == {("ends", "90/2020/NĐ-CP", False, "01/07/2026")}


def test_ends_list_after_colon():
    text = ("Điều 71. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2025.\n"
            "2. Các văn bản quy phạm pháp luật sau đây hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành:\n"
            "a) Nghị định số 06/2010/NĐ-CP ngày 25 tháng 01 năm 2010 của Chính phủ quy định những người là công chức;\n"
            "b) Nghị định số 116/2024/NĐ-CP ngày 17 tháng 9 năm 2024 của Chính phủ sửa đổi, bổ sung một số điều của "
            "Nghị định số 138/2020/NĐ-CP ngày 27 tháng 11 năm 2020.\n"
            "3. Văn bản số 01/2099/NĐ-CP được nhắc đến ở đây không hết hiệu lực.")
    _, rels = extract_validity(text, _h(number="170/2025/NĐ-CP", date="30/06/2025"))
    assert {(r.kind, r.target) for r in rels} == {("ends", "06/2010/NĐ-CP"), ("ends", "116/2024/NĐ-CP")}


def test_ends_with_specific_date():
    text = "3. Quyết định số 12/2020/QĐ-UBND hết hiệu lực kể từ ngày 01/7/2026."
    _, rels = extract_validity(text, _h())
    assert _rels(rels) == {("ends", "12/2020/QĐ-UBND", False, "01/07/2026")}


def test_repeal_of_provisions_is_partial_for_every_target():
    text = ("2. Bãi bỏ các quy định về xử lý kỷ luật cán bộ, công chức tại Nghị định số 112/2020/NĐ-CP ngày 18 tháng 9 "
            "năm 2020 của Chính phủ và Nghị định số 71/2023/NĐ-CP ngày 20 tháng 9 năm 2023 của Chính phủ sửa đổi, "
            "bổ sung một số điều của Nghị định số 112/2020/NĐ-CP.")
    _, rels = extract_validity(text, _h(number="172/2025/NĐ-CP"))
    assert {(r.kind, r.target, r.partial) for r in rels} == {
        ("repeals", "112/2020/NĐ-CP", True), ("repeals", "71/2023/NĐ-CP", True)}


def test_replace_and_repeal_in_one_sentence():
    text = ("2. Thông tư này thay thế Thông tư số 07/2018/TT-BKHĐT ngày 27 tháng 12 năm 2018 hướng dẫn công tác thi đua "
            "và bãi bỏ các Quyết định số 1731/QĐ-BKHĐT ngày 29 tháng 12 năm 2021 ban hành Quy chế xét sáng kiến, "
            "Quyết định số 768/QĐ-BKHĐT ngày 17 tháng 6 năm 2013 về Quy chế xét tặng Kỷ niệm chương.")
    _, rels = extract_validity(text, _h(number="15/2023/TT-BKHĐT"))
    assert {(r.kind, r.target, r.partial) for r in rels} == {
        ("replaces", "07/2018/TT-BKHĐT", False), ("repeals", "1731/QĐ-BKHĐT", False),
        ("repeals", "768/QĐ-BKHĐT", False)}


def test_amends_is_partial():
    text = ("Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 90/2020/NĐ-CP ngày 13 tháng 8 năm 2020 của Chính phủ\n"
            "1. Sửa đổi khoản 2 Điều 5 như sau:\n"
            "Điều 2. Nghị định này có hiệu lực thi hành kể từ ngày 15 tháng 9 năm 2023.")
    eff, rels = extract_validity(text, _h(number="48/2023/NĐ-CP", date="17/07/2023"))
    assert eff == "15/09/2023"
    assert _rels(rels) == {("amends", "90/2020/NĐ-CP", True, "15/09/2023")}


def test_amends_from_title():
    title = "Nghị định sửa đổi, bổ sung một số điều của Nghị định số 112/2020/NĐ-CP về xử lý kỷ luật"
    _, rels = extract_validity("Điều 1. Nội dung\n", _h(number="71/2023/NĐ-CP", title=title))
    assert {(r.kind, r.target, r.partial) for r in rels} == {("amends", "112/2020/NĐ-CP", True)}


@pytest.mark.parametrize("sentence", [
    "Căn cứ Nghị định số 48/2023/NĐ-CP của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 90/2020/NĐ-CP;",
    "- Căn cứ Quyết định số 23/2024/QĐ-UBND thay thế Quyết định số 10/2020/QĐ-UBND;",
    "Xét Tờ trình số 382/TTr-UBND đề nghị ban hành Nghị quyết thay thế Nghị quyết số 32/2024/NQ-HĐND;",
    "Luật Cán bộ, công chức số 22/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 52/2019/QH14.",
    "Nghị định số 91/2017/NĐ-CP đã hết hiệu lực từ ngày 01/01/2024.",
    "Nội dung này được thay thế bằng quy định tại Quyết định số 12/2024/QĐ-UBND.",
    "Trường hợp các văn bản dẫn chiếu được sửa đổi, bổ sung hoặc thay thế thì áp dụng văn bản mới.",
    "Đề nghị phản ánh về Bộ để nghiên cứu sửa đổi, bổ sung Thông tư số 15/2023/TT-BKHĐT cho phù hợp.",
])
def test_no_false_relations(sentence):
    _, rels = extract_validity("Điều 1. Phạm vi\n" + sentence, _h())
    assert rels == []


def test_preamble_and_secondary_sources_state_nothing():
    text = ("TIÊU ĐỀ: Pháp điển\nGHI CHÚ: Có thể đã bị thay thế bởi NĐ 233/2026/NĐ-CP\n" + "=" * 30 + "\n"
            "Điều 1. Nội dung\n")
    assert extract_validity(text, _h()) == ("", [])
    article = "Nghị định này thay thế Nghị định số 91/2017/NĐ-CP và có hiệu lực từ ngày 01/01/2024."
    assert extract_validity(article, _h(number="", secondary=True)) == ("", [])


def test_no_self_relation():
    _, rels = extract_validity("Quyết định số 45/2026/QĐ-UBND hết hiệu lực kể từ ngày 01/01/2030.", _h())
    assert rels == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
@pytest.mark.parametrize("stem, effective, relation", [
    ("nd-233-2026", "01/07/2026", ("ends", "90/2020/NĐ-CP", False, "01/07/2026")),
    ("tt-15-2023", "09/02/2024", ("replaces", "07/2018/TT-BKHĐT", False, "09/02/2024")),
    ("qd-71-2025", "06/12/2025", ("replaces", "35/2024/QĐ-UBND", False, "06/12/2025")),
    ("luat-80-2025", "01/07/2025", ("ends", "22/2008/QH12", False, "01/07/2025")),
])
def test_known_cases_in_shared_corpus(stem, effective, relation):
    path = next(CORPUS.glob(f"{stem}*.txt"))
    header = parse_document(path.read_text(encoding="utf-8"), path.name).header
    assert header.effective_date == effective
    assert relation in _rels(header.relations)
