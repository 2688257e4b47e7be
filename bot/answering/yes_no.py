"""Yes/no questions: whether one is asked ("… có được … không?"), and what it asks may or must be done
("có được họp trực tuyến không?" → "họp trực tuyến").

A yes/no question that also names a figure ("có được trả tiền cho mấy ngày phép không?") asks whether, not how
many: refusal's figure checks and the lead leave it alone. Coverage (bot/answering/coverage.py) and
act_below.py look for the act in the clauses: a clause that shares the question's topic but not its act does
not answer whether the act is allowed.
"""

from __future__ import annotations

import re

from bot.answering.question_kind import YES_NO, fold_words, particles_dropped
from ingest.normalize import fold_diacritics

_C = re.compile


def asks_yes_no(question: str) -> bool:
    """Whether the question is shaped "có được/phải … không?", whatever figure it also names."""
    return YES_NO.search(fold_words(question)) is not None


# "có được", "có phải", "có bị", "có bắt buộc", "có được phép": folded, then the act asked about. "luật có cho phép
# công chức làm việc từ xa … không" asks the act after "cho phép" (blind dev87 d87-003, out of scope, was answered
# with the definition of công chức); "có cho hưởng thêm tiền không" (dev71 d71-037) after "cho".
_MAY = _C(r"^co (?:duoc phep|bat buoc|cho phep|duoc|phai|bi|can|nen|the|cho) ")


# When the act is done is not the act: "lấy làm căn cứ xếp loại chất lượng cuối năm" (dev13 d13-032), "đem ra
# xử lý kỷ luật ngay" (dev23 d23-045); nor is a light verb before it ("đem ra", "đưa ra").
_WHEN = re.compile(r"(?:\s+(?:vào\s+|vao\s+)?(?:(?:cuối|cuoi|đầu|dau|giữa|giua|hằng|hàng|hang|mỗi|moi|trong)\s+"
                   r"(?:năm|nam|tháng|thang|quý|quy|kỳ|ky)(?:\s+nay)?|năm nay|nam nay)"
                   r"|\s+(?:ngay|luôn|luon|liền|lien|nữa|nua)(?:\s+(?:lập tức|lap tuc|được|duoc))?)\s*$"
                   r"|^(?:đem|dem|đưa|dua)\s+ra\s+", re.I)


# A figure asked after the yes/no part: "có phải trải qua thời gian thử thách không, bao nhiêu tháng?", "có được
# hưởng trợ cấp hằng tháng không, mức bao nhiêu?". The act is asked all the same (blind dev73 d73-055, d73-048,
# out of scope, were answered with a clause on another matter that states a figure of the kind). So with the act's
# verb said again: "có bị cắt phụ cấp không, cắt trong mấy tháng?", "có bị cấm đăng ký dự tuyển ở các kỳ sau không,
# cấm trong bao lâu?" (dev76 d76-033, dev52 d52-046, dev69 d69-065, dev77 d77-007, out of scope, were answered).
_THEN_FIGURE = _C(r"^\s*[,;]\s*(?:(?:nếu|neu)\s+(?:có|co)\s+)?(?:(?:thì|thi|là|la)\s+)?(?:(?!bao\b|mấy\b|may\b)\w+\s+){0,3}"
                  r"(?:bao nhiêu|bao nhieu|mấy|may|bao lâu|bao lau)\b[^,;]{0,30}$", re.I)


# "… để người nhà, người quen dựa vào vị trí của mình để trục lợi có bị đưa vào tiêu chí không?" asks whether the
# criteria hold the conduct, not whether anyone does an act: the criterion that names the conduct answers it (blind
# dev79 d79-046 was refused: no clause says "đưa vào tiêu chí"). Coverage still has to find the conduct.
_IN_CRITERIA = _C(r"^(?:dua|tinh|nam|co|thuoc)(?: vao| trong)? (?:cac |nhung )?(?:tieu chi|tieu chuan|noi dung danh gia)\b")


def asked_act(question: str) -> str:
    """What a yes/no question asks may or must be done, as the question wrote it: "Hội đồng kỷ luật công
    chức có được họp trực tuyến không?" → "họp trực tuyến". "" when it is not shaped "có được … không" (or
    "… k?", or "… không, bao nhiêu tháng?")."""
    spans = [m.span() for m in re.finditer(r"[\w%&]+", question)]
    folded = [fold_diacritics(question[a:b].lower()) for a, b in spans]
    if (n := particles_dropped(folded)):
        spans, folded = spans[:-n], folded[:-n]
    ends = [i for i, w in enumerate(folded) if w in ("khong", "ko", "k")]
    last = next((i for i in reversed(ends) if i == len(folded) - 1 or _THEN_FIGURE.match(question[spans[i][1]:])), None)
    if last is None or (folded[last] == "k" and last != len(folded) - 1):
        return ""
    spans, folded = spans[:last + 1], folded[:last + 1]
    end = len(spans) - 1 - (len(spans) > 1 and folded[-2] == "hay")
    for i in range(end):
        m = _MAY.match(" ".join(folded[i:i + 3]) + " ")
        if m:
            start = i + len(m.group(0).split())
            act = question[spans[start][0]:spans[end - 1][1]] if start < end else ""
            return "" if _IN_CRITERIA.match(fold_diacritics(act.lower())) else _WHEN.sub("", act)
    return ""

