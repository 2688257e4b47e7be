"""The province/city alias table (issue 16, issue 18 item 4), checked on lines from the corpus."""

from __future__ import annotations

import pytest

from ingest.places import (all_places, bodies_in, canonical_place, current_place, mentions, merged_from,
                           places_in, same_place)


@pytest.mark.parametrize("alias, name", [
    ("TTH", "Huế"), ("Thừa Thiên Huế", "Huế"), ("Thừa Thiên - Huế", "Huế"), ("thành phố Huế", "Huế"),
    ("TP.HCM", "Hồ Chí Minh"), ("HCM", "Hồ Chí Minh"), ("TPHCM", "Hồ Chí Minh"), ("tphcm", "Hồ Chí Minh"),
    ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"), ("HN", "Hà Nội"), ("Hà Nội", "Hà Nội"), ("ha noi", "Hà Nội"),
    ("HP", "Hải Phòng"), ("TP Hải Phòng", "Hải Phòng"), ("ĐN", "Đà Nẵng"), ("CT", "Cần Thơ"),
    ("Cần Thơ", "Cần Thơ"), ("tỉnh Nam Định", "Nam Định"), ("nam dinh", "Nam Định"),
    ("Khánh Hoà", "Khánh Hòa"), ("Đắc Lắc", "Đắk Lắk"), ("BR-VT", "Bà Rịa - Vũng Tàu"),
])
def test_aliases(alias, name):
    assert canonical_place(alias) == name


def test_unknown_name_is_none():
    assert canonical_place("Khối thi đua") is None and canonical_place("") is None


def test_2025_merger_63_to_34():
    assert len(all_places()) == 63
    assert len({current_place(p) for p in all_places()}) == 34
    assert current_place("Nam Định") == "Ninh Bình" and merged_from("Ninh Bình") == ["Hà Nam", "Nam Định"]
    assert current_place("Hải Dương") == "Hải Phòng" and current_place("Quảng Nam") == "Đà Nẵng"
    assert current_place("Bình Dương") == current_place("Bà Rịa - Vũng Tàu") == "Hồ Chí Minh"
    assert current_place("Sóc Trăng") == current_place("Hậu Giang") == "Cần Thơ"
    assert current_place("Huế") == "Huế" and current_place("Hà Nội") == "Hà Nội"
    # a question naming the new unit finds the article about an old part of it, not a sibling
    assert same_place("Ninh Bình", "Nam Định") and same_place("Nam Định", "Ninh Bình")
    assert not same_place("Hà Nam", "Nam Định")


def test_places_in_real_lines():
    # corpus/002 (a dateline code), corpus/001, corpus/004
    assert places_in("TTH - Quan tâm xây dựng đội ngũ cán bộ chất lượng gắn với đổi mới phương thức sinh hoạt") == ["Huế"]
    assert places_in("Phó bí thư Thường trực Thành ủy, Trưởng Đoàn đại biểu Quốc hội Hải Phòng phát biểu") == ["Hải Phòng"]
    assert places_in("xây dựng tỉnh Nam Định giàu đẹp, văn minh") == ["Nam Định"]


def test_not_places():
    # "phong cách Hồ Chí Minh" is not the city; "05-CT/TW" is a Chỉ thị, not Cần Thơ; a byline is a person
    assert places_in("học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh") == []
    assert places_in("Kết luận số 01-KL/TW của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW") == []
    assert places_in("Bài, ảnh: Thái Bình") == []
    # corpus/003: the city named in full, lower-case "thành phố"
    assert places_in("chính sách đặc thù phát triển thành phố Hồ Chí Minh") == ["Hồ Chí Minh"]


def test_bodies_in_article_text():
    text = ("Đồng chí Phạm Xuân Thanh, Bí thư Đảng ủy Khối các cơ quan thành phố cho biết: …\n"
            "Đảng ủy Khối các cơ quan thành phố phát động sâu rộng phong trào thi đua")
    assert bodies_in(text) == ["Đảng ủy Khối các cơ quan thành phố"]
    kept = bodies_in("Khối thi đua các Ban, cơ quan của Thành ủy", keep=["Khối thi đua các Ban, cơ quan của Thành ủy"])
    assert kept[0] == "Khối thi đua các Ban, cơ quan của Thành ủy"


def test_mentions_counts_metadata_and_aliases():
    doc = {"title": "Gắn công tác cán bộ với đổi mới phương thức lãnh đạo", "issuer": "",
           "meta": {"kind": "article", "dateline": "TTH", "places": [], "bodies": ["Văn phòng UBND tỉnh"]}}
    assert mentions(doc, "Thừa Thiên Huế") and mentions(doc, "TTH") and mentions(doc, "Huế")
    assert mentions(doc, "Văn phòng Ủy ban nhân dân tỉnh Thừa Thiên Huế")
    assert not mentions(doc, "Hải Phòng")
    nam_dinh = {"title": "Sôi nổi phong trào thi đua", "meta": {"kind": "article", "places": ["Nam Định"]}}
    assert mentions(nam_dinh, "tỉnh Ninh Bình") and mentions(nam_dinh, "Nam Định")
    assert not mentions(nam_dinh, "Hà Nam")
    decree = {"title": "Quyết định ban hành Quy định về tiêu chí đánh giá",
              "issuer": "Ủy ban nhân dân thành phố Hải Phòng", "meta": {"kind": "legal"}}
    assert mentions(decree, "HP") and mentions(decree, "UBND thành phố Hải Phòng")
    assert mentions("Đảng ủy Khối các cơ quan thành phố", "Đảng ủy Khối các cơ quan thành phố")


def test_aliases_and_search_terms_for_retrieval():
    from ingest.places import aliases_of, search_terms
    assert {"Thừa Thiên Huế", "TTH", "Huế"} <= set(aliases_of("Huế"))
    assert "Ninh Bình" in aliases_of("Nam Định")
    line = search_terms({"kind": "article", "places": ["Huế"], "publisher": "Báo Thừa Thiên Huế"})
    assert "TTH" in line and "Báo Thừa Thiên Huế" in line
    assert search_terms({}) == ""


def test_an_ambiguous_code_is_a_place_where_nothing_else_can_be_meant():
    # blind dev33 d33-040, d33-025: "Ở BN, …", "HP lưu giữ …" name Bắc Ninh and Hải Phòng; elsewhere "CT" is a
    # Chỉ thị, "NA" or "HP" a person's initials
    from ingest.places import place_spans
    assert places_in("Ở BN, hồ sơ đề nghị CSTĐ toàn quốc gửi ai?") == ["Bắc Ninh"]
    assert places_in("HP lưu giữ tài liệu đánh giá dưới hình thức nào?") == ["Hải Phòng"]
    assert places_in("tại NA thì hạn nộp là khi nào?") == ["Nghệ An"]
    assert places_in("Chỉ thị 05-CT/TW và CT số 3 của Thủ tướng") == []
    assert places_in("Ông HP nói, theo QĐ số 5, BN quy định") == []
    assert place_spans("Ở BN, hồ sơ") == [(2, 4, "Bắc Ninh")]


def test_party_bodies_abbreviated_are_written_out():
    from ingest.abbreviations import expand_abbreviations
    assert expand_abbreviations("báo cáo BTV Tỉnh ủy trước khi trình TTg") == \
        "báo cáo BTV (ban thường vụ) Tỉnh ủy trước khi trình TTg (thủ tướng)"
    assert "UBKT (ủy ban kiểm tra)" in expand_abbreviations("UBKT Tỉnh ủy")
    # a code with a Vietnamese capital ("Ô") is read too (blind dev35 d35-052)
    assert expand_abbreviations("giải thưởng HTLÔ") == "giải thưởng HTLÔ (hải thượng lãn ông)"
    assert expand_abbreviations("ông Tâm") == "ông Tâm"
