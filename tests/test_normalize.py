"""Vietnamese normalisation: NFC/NFD, odd spaces, tone placement, folding, abbreviations, tokens."""

import unicodedata

import pytest

from ingest.abbreviations import expand_abbreviations
from ingest.normalize import (canonical_tones, clean_spaces, fold_diacritics, index_tokens, query_tokens, search_form,
                              to_nfc)


def test_nfd_input_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Chiến sĩ thi đua")
    assert nfd != "Chiến sĩ thi đua"
    assert to_nfc(nfd) == "Chiến sĩ thi đua"
    assert index_tokens(nfd) == index_tokens("Chiến sĩ thi đua")


def test_odd_spaces_and_zero_width_are_cleaned():
    assert clean_spaces("Điều\u00a05.\u200b  Tiêu\tchuẩn\r\n") == "Điều 5. Tiêu chuẩn"


@pytest.mark.parametrize("old,new", [
    ("hoà", "hòa"), ("Hoà Bình", "Hòa Bình"), ("CỘNG HOÀ", "CỘNG HÒA"), ("thuỷ", "thủy"),
    ("uỷ ban", "ủy ban"), ("tuỳ", "tùy"), ("qúy", "quý"), ("khoẻ", "khỏe"), ("loà", "lòa"),
])
def test_tone_placement_variants_are_one_word(old, new):
    assert canonical_tones(old) == canonical_tones(new)
    assert search_form(old) == search_form(new)


@pytest.mark.parametrize("word", ["người", "hoàn", "quyết", "giữ", "thuận", "khuỷu", "được", "xuất"])
def test_correctly_placed_words_are_unchanged(word):
    assert canonical_tones(word) == word


def test_folding_handles_d_bar():
    assert fold_diacritics("Đảng ủy đã đánh giá") == "Dang uy da danh gia"
    assert fold_diacritics("ĐIỀU") == "DIEU"


def test_unaccented_question_matches_accented_text_tokens():
    doc = set(index_tokens("Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở"))
    q = query_tokens("tieu chuan chien si thi dua co so")
    # Every token is in the document but the other spellings of a final i ("sỹ" for "sĩ").
    assert q and {t for t in q if t not in doc} == {"~sy", "~thy"}


def test_accented_question_keeps_exact_tokens():
    q = query_tokens("Chiến sĩ thi đua")
    assert "chiến" in q and "~chien" in q


@pytest.mark.parametrize("abbr,expansion", [
    ("TĐKT", "thi đua khen thưởng"), ("CSTĐ", "chiến sĩ thi đua"), ("LĐTT", "lao động tiên tiến"),
    ("UBND", "ủy ban nhân dân"), ("HTXSNV", "hoàn thành xuất sắc nhiệm vụ"), ("TDKT", "thi đua khen thưởng"),
    ("cstd", "chiến sĩ thi đua"), ("ubnd", "ủy ban nhân dân"),
    # NĐ 170 Điều 6's priority groups as a candidate types them ("hoàn thành NVQS")
    ("NVQS", "nghĩa vụ quân sự"), ("nvqs", "nghĩa vụ quân sự"), ("TNXP", "thanh niên xung phong"),
    ("KNC", "kỷ niệm chương"),     # "KNC “Vì sự nghiệp LĐTBXH”" (eval/dev19.jsonl d19-050)
    ("BC", "báo cáo"),     # "có phải làm BC tự đánh giá không?" (blind dev55 d55-063)
    ("TAND", "tòa án nhân dân"), ("VKSND", "viện kiểm sát nhân dân"),   # dev75 d75-037 "TAND: HĐTĐKT cơ sở …"
])
def test_abbreviations_expand(abbr, expansion):
    assert expansion in expand_abbreviations(f"Tiêu chuẩn {abbr} năm 2025")


def test_abbreviation_inside_document_number_is_left_alone():
    out = expand_abbreviations("theo 90/2020/NĐ-CP")
    assert out == "theo 90/2020/NĐ-CP"


def test_short_lowercase_words_are_not_abbreviations():
    assert expand_abbreviations("tt cc vc") == "tt cc vc"


def test_chat_shortenings_are_written_out_in_place():
    """"tối đa bn bài/ngày?" asks a count: "bn" is "bao nhiêu" (blind dev60 d60-031, out of scope, was answered
    with a clause giving no number: the count asked went unread). Upper-case "BN" (Bắc Ninh) stays as it is."""
    from bot.answering.counts import counted
    from bot.answering.question import as_question
    q = as_question("Thi CC viết trên giấy, mỗi thành viên Ban chấm thi được chấm tối đa bn bài/ngày?")
    assert "tối đa bao nhiêu bài" in q.expanded and counted(q.reading) == ("bai",)
    assert expand_abbreviations("gửi qua bưu điện đc ko") == "gửi qua bưu điện được không"
    assert expand_abbreviations("hồ sơ xét khen ntn, nộp trc ngày nào") == "hồ sơ xét khen như thế nào, nộp trước ngày nào"
    assert expand_abbreviations("Hướng dẫn TĐKT BN") == "Hướng dẫn TĐKT (thi đua khen thưởng) BN"


def test_query_also_looks_for_the_other_spelling_of_a_final_i_or_y():
    from ingest.normalize import fold_iy, other_iy
    # Documents write "Chiến sĩ thi đua", "kỷ luật"; cadres also type "Chiến sỹ", "kỉ luật".
    assert {"~si", "~chien_si"} <= set(query_tokens("Chiến sỹ thi đua cơ sở"))
    assert "~ky" in query_tokens("ki luat cong chuc")
    assert fold_iy("chien sy ky luat thuy loi quy dinh") == "chien si ki luat thuy loi quy dinh"
    assert other_iy("thuy") is None and other_iy("quy") is None and other_iy("y") is None


def test_a_ministrys_joined_code_is_written_out_as_one():
    # "Bộ KH&CN" is Khoa học và Công nghệ: its "KH" alone read as "kế hoạch" sent "Hoi dong TDKT Bo KH&CN hop khi
    # co it nhat bao nhieu thanh vien du?" (dev7 d7-040 typed without accents) to Bộ KHĐT's Thông tư.
    out = expand_abbreviations("Hội đồng TĐKT Bộ KH&CN họp khi nào?")
    assert "(khoa học và công nghệ)" in out and "kế hoạch" not in out
    assert "(khoa học và công nghệ)" in expand_abbreviations("bo kh&cn")
    # "KH" is "kế hoạch" everywhere else, "KH&ĐT" too; the other ministries' codes set a scope, unexpanded
    assert expand_abbreviations("Bo KH&DT") == "Bo KH (kế hoạch)&DT"
    assert expand_abbreviations("KH 157") == "KH (kế hoạch) 157"
    assert expand_abbreviations("ngành GD&ĐT") == "ngành GD&ĐT"


def test_posts_and_members_shortened_in_chat():
    # blind dev51 d51-056 ("CT UBND xã có thẩm quyền ký …" was refused: no document names "CT"), d51-062
    assert "CT (chủ tịch) UBND (ủy ban nhân dân) xã" in expand_abbreviations("CT UBND xã có thẩm quyền ký QĐ không")
    assert "PCT (phó chủ tịch)" in expand_abbreviations("PCT UBND tỉnh")
    assert "ĐV (đảng viên)" in expand_abbreviations("ĐV ko giữ chức vụ LĐQL")
    assert "LĐQL (lãnh đạo quản lý)" in expand_abbreviations("ĐV ko giữ chức vụ LĐQL")
    assert expand_abbreviations("Chỉ thị số 05-CT/TW") == "Chỉ thị số 05-CT/TW"   # "CT" in a số hiệu is Chỉ thị


def test_groups_and_titles_shortened_in_recruitment_and_award_questions():
    # blind dev49 d49-036 ("tuyen nguoi dtts"), d49-059 ("anh hung llvtnd") typed without accents
    assert "(dân tộc thiểu số)" in expand_abbreviations("ưu tiên người dtts không")
    assert "(lực lượng vũ trang nhân dân)" in expand_abbreviations("anh hung llvtnd thuong bao nhieu")


def test_words_glued_where_markup_was_stripped_are_split():
    # the seed article corpus/003_…: "được tôn vinhTôn Đức Thắng" (dev14 d14-053 was refused: no document
    # names "Tôn Đức Thắng")
    assert clean_spaces("được tôn vinhTôn Đức Thắng lần thứ XVIII") == "được tôn vinh Tôn Đức Thắng lần thứ XVIII"
    for kept in ("iPhone", "eKYC", "TP.HCM", "90/2020/NĐ-CP", "KH&CN", "ĐẢNG BỘ", "Hải Phòng"):
        assert clean_spaces(kept) == kept
