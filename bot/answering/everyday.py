"""Everyday words for an act, and the words regulations use for it ("trả lại tiền học" is "đền bù chi phí
đào tạo", "bãi công" is "đình công").

A cadre asks in his own words; the clause that answers uses the law's. Two checks read the question by
its words and missed such a clause: the act check of a yes/no question (bot/answering/coverage.py
act_not_found: "Các điều khoản tìm được không nói đến việc “trả lại tiền học”") and the reader, which then
showed another Khoản of the right Điều first (bot/answering/direct.py). Both now also read the law's words,
where the clause uses them. Blind writers used these pairs (eval dev4, dev5, dev18, dev24, dev26).
"nộp đơn xin" / "làm đơn xin" only say how the act is asked for: "nộp đơn xin thôi việc" is held by
"giải quyết thôi việc".
"""

from __future__ import annotations

from ingest.normalize import fold_diacritics, fold_iy

EVERYDAY = {
    "trả lại": ("đền bù", "hoàn trả", "bồi hoàn", "bồi thường"), "bồi thường": ("đền bù", "bồi hoàn"),
    "tiền học": ("chi phí đào tạo",), "trả tiền": ("thanh toán", "chi trả"), "bãi công": ("đình công",),
    "nghỉ phép": ("nghỉ hằng năm",), "phép năm": ("nghỉ hằng năm",), "ngày phép": ("ngày nghỉ hằng năm",), "nghỉ việc": ("thôi việc", "bỏ việc"),
    "nghỉ ngang": ("bỏ việc", "thôi việc"), "đuổi việc": ("buộc thôi việc",), "chai nước": ("nước uống",),
    "nước lọc": ("nước uống",), "nộp đơn xin": ("",), "làm đơn xin": ("",), "viết đơn xin": ("",),
    "đi làm": ("công tác",), "nghỉ đẻ": ("thai sản",), "nghỉ sinh": ("thai sản",),
    # "có bị giảm phụ cấp không" is answered by "được bảo lưu phụ cấp chức vụ" (NĐ 170 Điều 27, 51)
    "giảm phụ cấp": ("bảo lưu phụ cấp",), "giảm lương": ("bảo lưu lương",), "giữ lại": ("bảo lưu",),
    "sếp": ("cấp trên", "người đứng đầu"), "trái luật": ("trái pháp luật",),
    # "đề ra sai câu thì có được cho điểm không": "có sai sót trong đề thi thì … được tính điểm" (TT 22/2025, dev33)
    "cho điểm": ("tính điểm", "chấm điểm"),
    # "Hải Phòng chấm điểm, xếp loại cán bộ hằng năm nhằm mục đích gì", "lúc họp nhận xét, chấm điểm anh em đồng
    # nghiệp": staff say "chấm điểm" for the "đánh giá, xếp loại" of cadres (QĐ 212 Hải Phòng Điều 2, Luật 80 Điều 13;
    # blind dev80 d80-031, dev79 d79-013 and dev36 d36-016 "ai chấm điểm đánh giá hằng tháng" were refused for coverage)
    "chấm điểm": ("đánh giá",), "đề ra sai": ("sai sót trong đề thi",), "đề sai": ("sai sót trong đề thi",),
    # "có được lên lương sớm hơn bình thường không" is "nâng lương trước thời hạn" (Luật 80 Điều 33, blind
    # dev38 d38-014 was refused: "Các điều khoản tìm được không nói đến việc “lên lương sớm hơn bình thường”")
    "lên lương": ("nâng lương", "nâng bậc lương"), "tăng lương": ("nâng lương", "nâng bậc lương"),
    "sớm hơn bình thường": ("trước thời hạn",), "sớm hơn": ("trước thời hạn",), "trước hạn": ("trước thời hạn",),
    # "trượt xét tuyển … có được bảo lưu không" is "người không trúng tuyển … không được bảo lưu kết quả" (NĐ 170
    # Điều 10, 12; dev25 d25-014, dev27 d27-006 were refused)
    "thi trượt": ("không trúng tuyển",), "trượt": ("không trúng tuyển",), "rớt": ("không trúng tuyển",),
    # "nhiều người cùng đủ chuẩn khen thưởng … có ưu tiên chị em phụ nữ không" is "khi có nhiều cá nhân, tập
    # thể cùng đủ điều kiện, tiêu chuẩn thì lựa chọn cá nhân nữ" (NĐ 152/2025 Điều 4 as an article quotes it;
    # blind dev38 d38-047 and dev26 d26-054 were refused for coverage). "chị" and "em" are glue syllables.
    "chị em phụ nữ": ("cá nhân nữ", "nữ"), "chị em": ("cá nhân nữ", "nữ"), "phụ nữ": ("cá nhân nữ", "nữ"),
    "đủ chuẩn": ("đủ điều kiện tiêu chuẩn", "đủ tiêu chuẩn", "đủ điều kiện"), "ưu tiên": ("lựa chọn",),
    "nhiều người": ("nhiều cá nhân",),
    # "chưa được xóa án tích thì có được nộp hồ sơ thi công chức không?" is "không được đăng ký dự tuyển công
    # chức" (Luật 80 Điều 19; blind dev43 d43-036 was refused for its act)
    "nộp hồ sơ thi": ("đăng ký dự tuyển",), "nộp hồ sơ dự thi": ("đăng ký dự tuyển",), "đăng ký thi": ("đăng ký dự tuyển",),
    # "có phải trả tận tay cho những ai không" is "chi trả trực tiếp cho … người cao tuổi sống một mình" (KH 157
    # Cần Thơ; blind dev47 d47-030 was refused for its act); "nộp tận tay" is "nộp trực tiếp"
    "tận tay": ("trực tiếp",),
    # A transfer told as "chuyển sang tòa khác … có cần ý kiến của tòa cũ không" is "chuyển công tác … ý kiến nhận
    # xét của cơ quan, đơn vị cũ" (the Tòa án article; blind dev45 d45-011, dev47 d47-050, dev49 d49-051 asked it)
    "tòa cũ": ("đơn vị cũ", "cơ quan cũ"), "tòa mới": ("đơn vị mới", "cơ quan mới"),
    "chỗ cũ": ("đơn vị cũ", "cơ quan cũ"), "chỗ mới": ("đơn vị mới", "cơ quan mới", "vị trí việc làm mới"),
    "nơi cũ": ("đơn vị cũ", "cơ quan cũ"), "nơi mới": ("đơn vị mới", "cơ quan mới"),
    "trường cũ": ("đơn vị cũ", "cơ quan cũ"), "trường mới": ("đơn vị mới", "cơ quan mới"),
    "chuyển sang": ("chuyển công tác",),
    # "có tự động thôi chức phó phòng không" is "đương nhiên thôi giữ chức vụ" (Luật 80 Điều 31; dev36 d36-025);
    # "cấp trên chưa đồng ý … có phải làm tiếp không" is "chưa được người đứng đầu … đồng ý thì vẫn phải tiếp tục
    # thực hiện" (NĐ 170 Điều 52; dev36 d36-008)
    "tự động": ("đương nhiên",), "làm tiếp": ("tiếp tục",), "cấp trên": ("người đứng đầu", "cấp có thẩm quyền"),
    # "có bị tính là căn cứ hạ loại cả hai năm không" is "chỉ tính là căn cứ xếp loại chất lượng ở một năm" (HD
    # 11127 Đồng Nai; dev45 d45-015); "nuôi con nhỏ chưa đủ 3 tuổi" is "nuôi con dưới 36 tháng tuổi" (NĐ 170
    # Điều 25; dev35 d35-051)
    "hạ loại": ("xếp loại",), "chưa đủ 3 tuổi": ("dưới 36 tháng tuổi",), "dưới 3 tuổi": ("dưới 36 tháng tuổi",),
    # "khai báo … thì có được nhẹ tay khi xử lý kỷ luật không" is a "tình tiết giảm nhẹ" (NĐ 172 Điều 4; blind dev72
    # d72-039 was refused for its act)
    "nhẹ tay": ("giảm nhẹ",), "xử nhẹ": ("giảm nhẹ",), "châm chước": ("giảm nhẹ",),
    # "đi thi mà nói chuyện với người ngồi bên cạnh … thì bị xử lý kiểu gì" is "trao đổi với thí sinh khác" (TT
    # 22/2025 Nội quy Điều 2; blind dev73 d73-021 was refused for coverage)
    "nói chuyện": ("trao đổi",), "người ngồi bên cạnh": ("thí sinh khác",), "người ngồi cạnh": ("thí sinh khác",),
    "người bên cạnh": ("thí sinh khác",),
    # "lãnh đạo có phải gặp trực tiếp công chức đó để nói rõ lý do không" is "cần gặp gỡ công chức nêu rõ mục đích,
    # sự cần thiết của việc biệt phái" (NĐ 170 Điều 26 Khoản 6; dev76 d76-015 was refused for its act)
    "gặp trực tiếp": ("gặp gỡ", "gặp"), "nói rõ": ("nêu rõ",), "lý do": ("mục đích", "lý do"),
    # "… tòa tuyên không có tội thì có được lấy lại danh hiệu không" is "được phục hồi và trao lại danh hiệu" (the
    # article on Luật TĐKT Điều 93; blind dev83 d83-051); "được thi thố sòng phẳng, ngang nhau" is "Bảo đảm cạnh
    # tranh, bình đẳng" (Luật 80 Điều 18; blind dev84 d84-069). Both were refused for their act.
    "lấy lại": ("trao lại", "phục hồi", "khôi phục"), "sòng phẳng": ("bình đẳng", "công bằng"),
    "ngang nhau": ("bình đẳng",), "thi thố": ("cạnh tranh",),
    # "khi tiếp dân thì công chức phải có thái độ và cách nói năng như thế nào" is "Trong giao tiếp với Nhân dân, …
    # ngôn ngữ giao tiếp phải chuẩn mực" (Luật 80 Điều 13 Khoản 2; blind dev84 d84-024 was shown Khoản 1, "ở công sở")
    "tiếp dân": ("giao tiếp với nhân dân", "tiếp công dân"), "nói năng": ("ngôn ngữ giao tiếp",),
    # "Ngoài đi thi ra thì còn cách nào khác để được tuyển làm công chức" is "thi tuyển hoặc xét tuyển" (Luật 80
    # Điều 20); "phần thi hỏi đáp trực tiếp với thí sinh" is "bài thi vấn đáp" (TT 22/2025 Quy chế Điều 5); "máy
    # móc, xe cộ cơ quan giao cho mình dùng" is "tài sản công được giao" (Luật 80 Điều 7). Blind dev88 d88-056,
    # d88-068 and d88-010 were refused for coverage.
    "đi thi": ("thi tuyển", "dự thi", "thi"), "hỏi đáp trực tiếp": ("vấn đáp", "phỏng vấn"),
    "máy móc": ("tài sản", "trang thiết bị", "phương tiện"), "xe cộ": ("tài sản", "phương tiện", "xe ô tô"),
    # "tự rèn giũa, học hành suốt cả đời", "tự rèn luyện, học hỏi liên tục" is "không ngừng tu dưỡng, học tập suốt
    # đời" (Luật 80 Điều 12; blind dev95 d95-041, dev96 d96-019); "gánh trách nhiệm" is "chịu trách nhiệm" (Điều 8,
    # dev95 d95-064); "giao xuống cấp dưới" is "phân cấp" (NĐ 170 Điều 67, dev95 d95-058). All refused for coverage.
    "rèn giũa": ("tu dưỡng", "rèn luyện"), "rèn luyện": ("rèn luyện", "tu dưỡng"), "học hành": ("học tập",),
    "học hỏi": ("học tập",), "liên tục": ("liên tục", "không ngừng"), "suốt cả đời": ("suốt đời",),
    "cả đời": ("suốt đời",), "gánh": ("chịu",), "giao xuống": ("phân cấp", "ủy quyền"),
    # "có bị từ chối giải quyết thôi việc không" is "Lý do không giải quyết thôi việc" (NĐ 170 Điều 57; blind dev101
    # d101-053 was refused for its act). Not "từ chối" alone: "từ chối nhận danh hiệu" is an act of its own.
    "từ chối giải quyết": ("không giải quyết",), "từ chối cho": ("không cho", "không đồng ý cho"),
    # "có được chuyển sang làm công chức theo luật mới không" is "được chuyển thành cán bộ, công chức theo quy định
    # của Luật này" (Luật 80 Điều 45; blind dev107 d107-013); "phương án có phải nêu bao nhiêu người đủ chuẩn để xếp
    # sang chỗ mới" is "Số lượng công chức đáp ứng đủ tiêu chuẩn … để bố trí vào vị trí việc làm mới" (NĐ 170 Điều 23;
    # dev108 d108-041). Both were refused for their act. Not "đề nghị xem xét lại" for "kiến nghị": with the clause that
    # says so not retrieved, "phản ánh … kiến nghị" held in two other clauses answered dev108 d108-040 with the wrong one.
    "chuyển sang làm": ("chuyển thành",), "bao nhiêu người": ("số lượng",), "xếp sang": ("bố trí vào", "bố trí"),
    # TT 22/2025 writes "máy vi tính" throughout: "phần mềm dùng để thi công chức trên máy tính" is "Phần mềm thi trên
    # máy vi tính" (blind dev100 d100-024 was refused for coverage)
    "máy tính": ("máy vi tính",),
}


def _fold(text: str) -> str:
    """Folded as the clauses' syllables are (bot/answering/question.syllables): "đăng ký" is "dang ki"."""
    return fold_iy(fold_diacritics(text))


_FOLDED = {_fold(k): tuple(_fold(v) for v in vs) for k, vs in EVERYDAY.items()}
# The law's own terms that hold an everyday phrase: "nghỉ việc riêng" is personal leave, not "thôi việc"
# (dev4 d4-045 was answered from the rules on leaving the service once coverage read the law's words).
_TERMS = ("nghi viec rieng",)


def in_regulation_words(act: str, held: str) -> str:
    """The act (folded syllables) with its everyday words replaced by the regulation's, where the clauses
    (`held`, folded syllables joined by spaces) use them; "" drops a phrase that only says how it is asked."""
    out = f" {act} "
    for everyday, legal in _FOLDED.items():
        if f" {everyday} " in out and not any(everyday in t and f" {t} " in out for t in _TERMS):
            found = next((w for w in legal if not w or f" {w} " in held), None)
            if found is not None:
                out = out.replace(f" {everyday} ", f" {found} " if found else " ")
    return out.strip()


def regulation_words(question_folded: str, clause_folded: str) -> list[str]:
    """The law's words (as the law writes them) for the everyday words of the question that the clause
    uses: read with the question, they lead the reader to the clause's own sentence."""
    q, c = f" {question_folded} ", f" {clause_folded} "
    return [word for (everyday, folded), words in zip(_FOLDED.items(), EVERYDAY.values()) if f" {everyday} " in q
            for f, word in zip(folded, words) if f and f" {f} " in c]


__all__ = ["EVERYDAY", "in_regulation_words", "regulation_words"]
