"""Every chunk of a legal document carries its path; "Đoạn N" only for text without legal structure (issue 18)."""

from __future__ import annotations

from ingest.chunk import OPENING, RECIPIENTS, chunk_document
from ingest.normalize import clean_spaces
from ingest.structure import parse_document

# Modelled on Nghị định 170/2025/NĐ-CP and Luật Thi đua, khen thưởng 2022: Khoản with a list of Điểm
# followed by the Khoản's own closing sentence, then a Khoản of several paragraphs.
DECREE = """CHÍNH PHỦ
Số: 98/2025/NĐ-CP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 12 tháng 5 năm 2025
NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Thi đua, khen thưởng
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Thi đua, khen thưởng.
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết một số điều của Luật Thi đua, khen thưởng về danh hiệu thi đua, hình thức khen thưởng, thẩm quyền, thủ tục xét tặng.
Chương II
DANH HIỆU THI ĐUA
Điều 5. Danh hiệu Chiến sĩ thi đua cơ sở
1. Danh hiệu “Chiến sĩ thi đua cơ sở” được xét tặng hằng năm cho cá nhân đạt các tiêu chuẩn sau:
a) Đạt tiêu chuẩn danh hiệu “Lao động tiên tiến” hoặc “Chiến sĩ tiên tiến”;
b) Có sáng kiến được cơ quan, tổ chức, đơn vị công nhận áp dụng tại cơ quan, tổ chức, đơn vị;
c) Có đề tài khoa học đã được nghiệm thu và áp dụng tại cơ quan, tổ chức, đơn vị.
Tỷ lệ cá nhân được công nhận danh hiệu “Chiến sĩ thi đua cơ sở” không quá 15% tổng số cá nhân đạt danh hiệu “Lao động tiên tiến” hoặc “Chiến sĩ tiên tiến”.
2. Thời gian đề nghị xét tặng danh hiệu “Chiến sĩ thi đua cơ sở” do người đứng đầu cơ quan, tổ chức, đơn vị quy định.
Hội đồng Thi đua - Khen thưởng cấp cơ sở giúp người đứng đầu xét, đề nghị công nhận danh hiệu.
Điều 6. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2025.
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Thủ tướng, các Phó Thủ tướng Chính phủ;
- Lưu: VT, TCCV.
TM. CHÍNH PHỦ
"""

# A law written as bare "Điều N. …" text, without any header (how ALQAC laws are often stored):
# articles from Hiến pháp 2013 with paragraphs that follow their Khoản.
PLAIN_LAW = """Điều 1. Nước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập, có chủ quyền, thống nhất và toàn vẹn lãnh thổ, bao gồm đất liền, hải đảo, vùng biển và vùng trời.
Điều 2.
1. Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước pháp quyền xã hội chủ nghĩa của Nhân dân, do Nhân dân, vì Nhân dân.
2. Nước Cộng hòa xã hội chủ nghĩa Việt Nam do Nhân dân làm chủ; tất cả quyền lực nhà nước thuộc về Nhân dân.
Quyền lực nhà nước là thống nhất, có sự phân công, phối hợp, kiểm soát giữa các cơ quan nhà nước trong việc thực hiện các quyền lập pháp, hành pháp, tư pháp.
Điều 21.
1. Mọi người có quyền bất khả xâm phạm về đời sống riêng tư, bí mật cá nhân và bí mật gia đình; có quyền bảo vệ danh dự, uy tín của mình.
2. Mọi người có quyền bí mật thư tín, điện thoại, điện tín và các hình thức trao đổi thông tin riêng tư khác.
Không ai được bóc mở, kiểm soát, thu giữ trái luật thư tín, điện thoại, điện tín và các hình thức trao đổi thông tin riêng tư của người khác.
Điều 22.
Công dân có quyền có nơi ở hợp pháp.
Mọi người có quyền bất khả xâm phạm về chỗ ở. Không ai được tự ý vào chỗ ở của người khác nếu không được người đó đồng ý.
"""

NEWS = """Sáng 15/11, tại Hội trường UBND tỉnh, Hội đồng Thi đua - Khen thưởng tỉnh tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2025.

Phát biểu tại hội nghị, Phó Chủ tịch UBND tỉnh đề nghị các sở, ngành tiếp tục đổi mới công tác khen thưởng, kịp thời biểu dương người tốt, việc tốt.

Dịp này, 25 tập thể và 40 cá nhân được tặng Bằng khen của Chủ tịch UBND tỉnh vì có thành tích xuất sắc trong phong trào thi đua năm 2025.
"""


def _chunks(text: str, name: str = "doc.txt"):
    return chunk_document(parse_document(clean_spaces(text), name), name)


def _chunk_with(chunks, words: str):
    found = [c for c in chunks if words in c.text]
    assert found, f"no chunk holds {words!r}"
    return found[0]


def _block_with(text: str, words: str):
    doc = parse_document(clean_spaces(text), "doc.txt")
    return next(b for b in doc.blocks if words in b.text)


def test_sentence_after_a_list_of_points_belongs_to_its_khoan():
    block = _block_with(DECREE, "Tỷ lệ cá nhân được công nhận")
    assert [label for _, label, _ in block.path] == ["Chương II", "Điều 5", "Khoản 1"]
    chunk = _chunk_with(_chunks(DECREE), "Tỷ lệ cá nhân được công nhận")
    assert chunk.section.startswith("Chương II › Điều 5")
    assert "Điểm" not in chunk.section
    assert chunk.dieu == "Điều 5. Danh hiệu Chiến sĩ thi đua cơ sở"


def test_second_paragraph_of_a_khoan_keeps_the_khoan():
    block = _block_with(DECREE, "Hội đồng Thi đua - Khen thưởng cấp cơ sở giúp")
    assert [label for _, label, _ in block.path] == ["Chương II", "Điều 5", "Khoản 2"]


def test_paragraphs_between_two_points_stay_in_the_first():
    # Nghị định 172/2025/NĐ-CP, Điều 17 khoản 3: Điểm b has two paragraphs of its own before Điểm c.
    text = DECREE.replace("Điều 6. Hiệu lực thi hành", """Điều 6. Trình tự họp kiểm điểm
3. Trình tự cuộc họp kiểm điểm:
b) Người có hành vi vi phạm trình bày bản kiểm điểm, trong đó nêu rõ hành vi vi phạm và tự nhận hình thức kỷ luật.
Trường hợp người có hành vi vi phạm có mặt tại cuộc họp nhưng không làm bản kiểm điểm thì cuộc họp kiểm điểm vẫn được tiến hành.
Trường hợp người có hành vi vi phạm vắng mặt ở cuộc họp theo thông báo triệu tập lần thứ 2 thì cuộc họp kiểm điểm vẫn được tiến hành.
c) Thành viên tham dự cuộc họp phát biểu, nêu rõ ý kiến về các nội dung quy định tại điểm a khoản này;
d) Người chủ trì cuộc họp kết luận.
Nội dung cuộc họp kiểm điểm phải được lập thành biên bản.
Điều 7. Hiệu lực thi hành""")
    for words in ("có mặt tại cuộc họp", "vắng mặt ở cuộc họp"):
        assert [label for _, label, _ in _block_with(text, words).path][-1] == "Điểm b"
    assert [label for _, label, _ in _block_with(text, "phải được lập thành biên bản").path][-1] == "Khoản 3"


def test_point_that_titles_its_paragraph_keeps_it():
    text = DECREE.replace("c) Có đề tài khoa học đã được nghiệm thu và áp dụng tại cơ quan, tổ chức, đơn vị.",
                          "c) Năng lực chuyên môn\nCó kiến thức chuyên sâu về lĩnh vực công tác được phân công.")
    block = _block_with(text, "Có kiến thức chuyên sâu")
    assert [label for _, label, _ in block.path][-1] == "Điểm c"


def test_decree_opening_and_signature_are_named_not_doan():
    chunks = _chunks(DECREE)
    assert not [c.section for c in chunks if c.section.startswith("Đoạn")]
    assert chunks[0].section == OPENING
    assert _chunk_with(chunks, "Nơi nhận").section == RECIPIENTS


def test_plain_text_law_has_no_doan_chunks_and_keeps_dieu():
    doc = parse_document(clean_spaces(PLAIN_LAW), "hien-phap.txt")
    assert not doc.header.secondary   # a run of "Điều 1., 2., …" is a law, a primary text
    chunks = chunk_document(doc, "hien-phap.txt")
    assert not [c.section for c in chunks if c.section.startswith("Đoạn")]
    assert all(c.dieu for c in chunks), [(c.section, c.text[:40]) for c in chunks if not c.dieu]
    assert _chunk_with(chunks, "Không ai được bóc mở").section.startswith("Điều 21")
    assert _chunk_with(chunks, "Quyền lực nhà nước là thống nhất").section.startswith("Điều 2")
    block = _block_with(PLAIN_LAW, "Không ai được bóc mở")
    assert [label for _, label, _ in block.path] == ["Điều 21", "Khoản 2"]


def test_article_quoting_a_few_dieu_is_still_an_article():
    article = ("Theo quy định hiện hành, danh hiệu được xét như sau.\n"
               "Điều 23. Danh hiệu Chiến sĩ thi đua cơ sở\n1. Đạt tiêu chuẩn danh hiệu Lao động tiên tiến.\n"
               "Như vậy, cá nhân cần có sáng kiến được công nhận.\n"
               "Điều 24. Danh hiệu Lao động tiên tiến\n1. Hoàn thành tốt nhiệm vụ được giao.\n"
               "Điều 25. Danh hiệu Chiến sĩ thi đua cấp tỉnh\n1. Có thành tích tiêu biểu xuất sắc.\n")
    block = _block_with(article, "Như vậy, cá nhân")
    assert "Điều 23" not in [label for _, label, _ in block.path]


def test_text_without_legal_structure_gets_doan():
    chunks = _chunks(NEWS, "tin.txt")
    assert any(c.section.startswith("Đoạn ") for c in chunks)
    assert not any(c.section in (OPENING, RECIPIENTS) for c in chunks)


def test_heading_lines_go_with_the_dieu_they_open():
    # one sentence of ~180 words: too long to share a chunk with the heading lines under the old rule
    long_khoan = "1. " + ", ".join(["cơ quan, tổ chức, đơn vị thực hiện việc bổ nhiệm lại theo quy định"] * 14) + "."
    text = DECREE.replace("Điều 6. Hiệu lực thi hành", f"Mục 4\nBỔ NHIỆM LẠI\nĐiều 6. Thời hạn bổ nhiệm lại\n{long_khoan}\n"
                                                       f"2. {long_khoan[3:]}\nĐiều 7. Hiệu lực thi hành")
    chunks = _chunks(text)
    assert all(c.dieu for c in chunks if "Điều 6." in c.text)
    assert not [c for c in chunks if c.text.rstrip().endswith("Điều 6. Thời hạn bổ nhiệm lại")]


# ------------------------------------------------------------------------------ small-to-big units

def test_child_units_point_at_their_chunk_with_their_own_path():
    from ingest.units import child_units
    doc = parse_document(clean_spaces(DECREE), "nd.txt")
    chunks, units = chunk_document(doc, "nd.txt"), child_units(doc, "nd.txt")
    point = next(u for u in units if u.text.startswith("b) Có sáng kiến"))
    assert point.section == "Chương II › Điều 5 › Khoản 1 › Điểm b"
    assert point.text in chunks[point.of].text and point.of == point.position
    assert point.dieu == chunks[point.of].dieu == "Điều 5. Danh hiệu Chiến sĩ thi đua cơ sở"
    assert "Điểm b" in point.embed_text and point.embed_text.endswith(point.text)
    closing = next(u for u in units if u.text.startswith("Tỷ lệ cá nhân"))
    assert closing.section == "Chương II › Điều 5 › Khoản 1"
    assert all(u.text in chunks[u.of].text for u in units)


def test_child_units_of_a_long_paragraph_are_sentence_windows():
    from ingest.units import WINDOW_WORDS, child_units
    sentence = "Hội đồng xét duyệt hồ sơ đề nghị khen thưởng của các tập thể, cá nhân trong thời hạn quy định."
    text = DECREE.replace("Điều 6. Hiệu lực thi hành", "Điều 6. Xét duyệt\n" + " ".join([sentence] * 12)
                          + "\nĐiều 7. Hiệu lực thi hành")
    doc = parse_document(clean_spaces(text), "nd.txt")
    chunks = chunk_document(doc, "nd.txt")
    windows = [u for u in child_units(doc, "nd.txt") if u.section == "Chương II › Điều 6"]
    assert len(windows) >= 2
    assert all(len(w.text.split()) <= WINDOW_WORDS and w.text in chunks[w.of].text for w in windows)


def test_child_unit_table_row_carries_its_header():
    from ingest.units import child_units
    table = ("Điều 8. Mức tiền thưởng\nMức tiền thưởng như sau:\n"
             "Danh hiệu | Mức thưởng (lần mức lương cơ sở)\n"
             "Chiến sĩ thi đua toàn quốc | 4,5\nChiến sĩ thi đua cơ sở | 1,0\nLao động tiên tiến | 0,3\n")
    text = DECREE.replace("Điều 6. Hiệu lực thi hành", table + "Điều 9. Hiệu lực thi hành")
    doc = parse_document(clean_spaces(text), "nd.txt")
    row = next(u for u in child_units(doc, "nd.txt") if u.text.startswith("Chiến sĩ thi đua cơ sở |"))
    assert "Danh hiệu | Mức thưởng (lần mức lương cơ sở)" in row.embed_text
    assert row.text == "Chiến sĩ thi đua cơ sở | 1,0"


def test_chunk_paths_benchmark_prints_its_table(tmp_path, capsys):
    import json

    from benchmarks.chunk_paths import main
    (tmp_path / "corpus" / "qa").mkdir(parents=True)
    law = {"id": "Hiến pháp", "articles": [{"id": str(n), "text": text} for n, text in enumerate(
        PLAIN_LAW.replace("Điều 2.\n", "Điều 2. ").split("Điều ")[1:], 1)]}
    law["articles"] = [{"id": a["id"], "text": a["text"].split(".", 1)[1].strip()} for a in law["articles"]]
    (tmp_path / "corpus" / "qa" / "alqac23_law.json").write_text(json.dumps([law]), encoding="utf-8")
    (tmp_path / "corpus" / "nd-98.txt").write_text(DECREE, encoding="utf-8")
    assert main(["--shared", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "| shared directives | 1 |" in out and "ALQAC laws" in out
    assert main(["--shared", str(tmp_path / "missing")]) == 1


def test_bare_law_text_is_a_primary_document():
    """A law written as plain "Điều 1. …" text has no header, yet it is a law: not an article, not secondary."""
    text = ("Điều 1. Phạm vi điều chỉnh\nLuật này quy định về thi đua, khen thưởng.\n"
            "Điều 2. Đối tượng áp dụng\n1. Công dân Việt Nam.\n2. Cơ quan nhà nước.\n"
            "Điều 3. Nguyên tắc\nTự nguyện, tự giác.\n")
    doc = parse_document(text, "law.txt")
    assert doc.header.secondary is False and doc.header.kind == "legal"
