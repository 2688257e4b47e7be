"""The staff web page through the ASGI test client: auth rules, CSRF, search/ask, uploads, escaping.

The service is the real `Hoidap` over a small decree written for these tests, with the fake embedder
(keyword search does the work for the no-diacritics questions).
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot import users
from bot.service import Hoidap
from bot.web.app import create_app
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

DECREE = """ỦY BAN NHÂN DÂN
TỈNH AN BÌNH
Số: 07/2025/QĐ-UBND
An Bình, ngày 10 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh An Bình
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này quy định về đối tượng, nguyên tắc, danh hiệu thi đua và hình thức khen thưởng trên địa bàn tỉnh An Bình.
Điều 2. Nguyên tắc thi đua, khen thưởng
1. Tự nguyện, tự giác, công khai, đoàn kết, hợp tác và cùng phát triển.
2. Chính xác, công khai, công bằng, kịp thời; một hình thức khen thưởng có thể tặng nhiều lần cho một đối tượng.
Chương II
DANH HIỆU THI ĐUA
Điều 8. Danh hiệu Chiến sĩ thi đua cơ sở
1. Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng hằng năm cho cá nhân đạt các tiêu chuẩn sau:
a) Đạt danh hiệu Lao động tiên tiến;
b) Có sáng kiến được Hội đồng sáng kiến cấp cơ sở công nhận.
2. Tỷ lệ cá nhân được công nhận danh hiệu Chiến sĩ thi đua cơ sở không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến của cơ quan, đơn vị.
Điều 9. Xếp loại đơn vị theo điểm
Đơn vị được xếp loại theo tổng điểm chấm như sau:
Xếp loại | Tổng điểm
Xuất sắc | từ 90 điểm trở lên
Tốt | từ 70 điểm đến dưới 90 điểm
Trung bình | dưới 70 điểm
Điều 10. Hồ sơ đề nghị khen thưởng
Hồ sơ gồm tờ trình, biên bản họp Hội đồng thi đua, khen thưởng và báo cáo thành tích; ghi chú kỹ thuật <script>alert("xss")</script> không được thực thi.
Điều 11. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 20 tháng 3 năm 2025 và thay thế Quyết định số 03/2020/QĐ-UBND ngày 05 tháng 02 năm 2020 của Ủy ban nhân dân tỉnh An Bình.
"""

OLD_DECREE = """ỦY BAN NHÂN DÂN
TỈNH AN BÌNH
Số: 03/2020/QĐ-UBND
An Bình, ngày 05 tháng 02 năm 2020
QUYẾT ĐỊNH
Ban hành Quy định về khen thưởng thành tích kháng chiến cũ
Điều 1. Khen thưởng thành tích kháng chiến
Cá nhân có thành tích kháng chiến được xét tặng Giấy khen của Chủ tịch Ủy ban nhân dân tỉnh.
"""

STAFF, ADMIN, PASSWORD = "nhanvien", "quantri", "mat-khau-rat-dai-1"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A data dir with the decree indexed, one staff and one admin account, and the service."""
    tmp = tmp_path_factory.mktemp("web")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "qd-07-2025-thi-dua.txt").write_text(DECREE, encoding="utf-8")
    (tmp / "docs" / "qd-03-2020-cu.txt").write_text(OLD_DECREE, encoding="utf-8")
    settings = Settings(data_dir=tmp / "data", llm="none")
    service = Hoidap(settings, embedder=FakeEmbedder())
    assert service.ingest([tmp / "docs"]).ok
    users.add_user(settings, STAFF, PASSWORD)
    users.add_user(settings, ADMIN, PASSWORD, admin=True)
    yield settings, service, tmp
    service.close()


@pytest.fixture(scope="module")
def app(env):
    settings, service, _ = env
    return create_app(settings, service)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def login(app, name: str, password: str = PASSWORD) -> tuple[TestClient, str]:
    """A client logged in through the real login form; returns it and its CSRF token."""
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get("/")
    assert page.status_code == 200
    return client, csrf_of(page.text)


@pytest.fixture(scope="module")
def staff(app):
    return login(app, STAFF)


@pytest.fixture(scope="module")
def admin(app):
    return login(app, ADMIN)


def doc_sources(client) -> dict[str, int]:
    return {d["source"]: d["n_chunks"] for d in client.get("/api/documents").json()}


# -- access rules ---------------------------------------------------------------------------------------

def test_anonymous_pages_redirect_to_login(app):
    client = TestClient(app)
    for path in ["/", "/documents", "/documents/1", "/?q=thi+dua"]:
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/login?next=")
    r = client.get("/?q=thi+dua")
    assert "Đăng nhập" in r.text and 'value="/?q=thi+dua"' in r.text


def test_anonymous_api_is_401(app):
    client = TestClient(app)
    assert client.get("/api/search", params={"q": "thi đua"}).status_code == 401
    assert client.get("/api/documents").status_code == 401
    assert client.get("/api/me").status_code == 401
    r = client.post("/api/ask", json={"question": "thi đua"})
    assert r.status_code == 401 and r.json()["detail"] == "Vui lòng đăng nhập."
    assert client.post("/api/documents", files={"file": ("a.txt", b"x")}).status_code == 401
    assert client.delete("/api/documents/qd-07-2025-thi-dua.txt").status_code == 401


def test_wrong_password_and_unknown_user_refused(app):
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    for name, pw in [(STAFF, "sai-mat-khau"), ("khong-ton-tai", PASSWORD), ("", "")]:
        r = client.post("/login", data={"name": name, "password": pw, "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 401
        assert "Sai tên đăng nhập hoặc mật khẩu." in r.text
    assert client.get("/", follow_redirects=False).status_code == 303
    assert client.post("/api/login", json={"name": STAFF, "password": "sai"}).status_code == 401


def test_repeated_wrong_passwords_are_throttled(app):
    client = TestClient(app)
    body = {"name": "doan-mo", "password": "sai-mat-khau"}
    codes = [client.post("/api/login", json=body).status_code for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429


def test_login_redirects_only_to_local_paths(app):
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"name": STAFF, "password": PASSWORD, "csrf_token": token,
                                    "next": "//evil.example/x"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_api_login_gives_csrf_token_and_logout_ends_session(app):
    client = TestClient(app)
    me = client.post("/api/login", json={"name": STAFF, "password": PASSWORD}).json()
    assert me["user"] == STAFF and me["admin"] is False and me["csrf_token"]
    assert client.get("/api/me").json()["csrf_token"] == me["csrf_token"]
    assert client.post("/api/logout").status_code == 403  # no CSRF header
    assert client.post("/api/logout", headers={"X-CSRF-Token": me["csrf_token"]}).status_code == 200
    assert client.get("/api/me").status_code == 401


def test_session_cookie_is_signed_httponly_and_tamper_proof(app):
    client, _ = login(app, STAFF)
    cookie = client.cookies.get("hoidap_session")
    assert cookie
    forged = TestClient(app)
    forged.cookies.set("hoidap_session", cookie[:-3] + ("AAA" if not cookie.endswith("AAA") else "BBB"))
    assert forged.get("/api/me").status_code == 401
    r = TestClient(app).post("/api/login", json={"name": STAFF, "password": PASSWORD})
    set_cookie = r.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=lax" in set_cookie


def test_security_headers(staff):
    client, _ = staff
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"


def test_password_change_and_removal_end_sessions(env, app):
    settings, _, _ = env
    users.add_user(settings, "tam-thoi", PASSWORD)
    client, _ = login(app, "tam-thoi")
    users.set_password(settings, "tam-thoi", "mat-khau-moi-12345")
    assert client.get("/api/me").status_code == 401
    client, _ = login(app, "tam-thoi", "mat-khau-moi-12345")
    users.remove_user(settings, "tam-thoi")
    assert client.get("/", follow_redirects=False).status_code == 303


# -- search and ask -------------------------------------------------------------------------------------

def test_staff_can_search_without_diacritics(staff):
    client, _ = staff
    r = client.get("/api/search", params={"q": "tieu chuan chien si thi dua co so", "k": 5})
    assert r.status_code == 200
    results = r.json()["results"]
    # Ranking is retrieval's business (and the embedder here is fake): the clause must be near the top.
    top = next(x for x in results[:3] if "Điều 8" in x["section"])
    assert top["number"] == "07/2025/QĐ-UBND" and top["source"] == "qd-07-2025-thi-dua.txt"
    assert top["date"] == "10/03/2025" and top["dieu"].startswith("Điều 8.")
    assert top["url"].endswith(f"#chunk-{top['chunk_id']}") and "state" in top and "status" in top


def test_search_page_highlights_accented_text_for_plain_query(staff):
    client, _ = staff
    r = client.get("/", params={"q": "tieu chuan chien si thi dua co so"})
    assert r.status_code == 200
    assert "<mark>Chiến sĩ thi đua cơ sở</mark>" in r.text
    assert "07/2025/QĐ-UBND" in r.text and "Điều 8" in r.text


def test_search_filters(staff):
    client, _ = staff
    q = {"q": "chien si thi dua"}
    assert client.get("/api/search", params={**q, "document": "07/2025/QĐ-UBND"}).json()["results"]
    assert client.get("/api/search", params={**q, "year": 2025}).json()["results"]
    assert client.get("/api/search", params={**q, "year": 1999}).json()["results"] == []
    assert client.get("/api/search", params={**q, "k": 500}).status_code == 422
    page = client.get("/", params={**q, "year": "1999"})
    assert "Không tìm thấy điều khoản nào" in page.text


def test_staff_can_ask_json(staff):
    client, token = staff
    r = client.post("/api/ask", json={"question": "Tỷ lệ chiến sĩ thi đua cơ sở tối đa bao nhiêu?"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    body = r.json()
    assert not body["refused"] and "15%" in body["answer"]
    cite = body["citations"][0]
    assert cite["n"] == 1 and "Điều 8" in cite["section"] and cite["number"] == "07/2025/QĐ-UBND"
    assert cite["url"].startswith(f"/documents/{cite['doc_id']}?") and "status" in cite


def test_staff_can_ask_streamed(staff):
    client, token = staff
    with client.stream("POST", "/api/ask?stream=1", json={"question": "ty le chien si thi dua co so"},
                       headers={"X-CSRF-Token": token}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        raw = "".join(r.iter_text())
    events = [(m.group(1), json.loads(m.group(2))) for m in re.finditer(r"event: (\w+)\ndata: (.*)\n\n", raw)]
    names = [e for e, _ in events]
    assert names[0] == "extractive" and names[-1] == "final"
    final = events[-1][1]
    assert final["citations"] and "15%" in final["answer"]


def test_out_of_scope_question_is_refused(staff):
    client, token = staff
    body = client.post("/api/ask", json={"question": "Mức phạt nồng độ cồn khi lái xe máy là bao nhiêu?"},
                       headers={"X-CSRF-Token": token}).json()
    assert body["refused"] and body["citations"] == []


def test_bad_questions_get_clear_messages(staff):
    client, token = staff
    h = {"X-CSRF-Token": token}
    r = client.post("/api/ask", json={"question": "   "}, headers=h)
    assert r.status_code == 400 and r.json()["detail"] == "Vui lòng nhập câu hỏi."
    r = client.post("/api/ask", json={"question": "a" * 5000}, headers=h)
    assert r.status_code == 400 and "quá dài" in r.json()["detail"]
    r = client.post("/api/ask", json={"nope": 1}, headers=h)
    assert r.status_code == 422 and "không hợp lệ" in r.json()["detail"]
    r = client.post("/api/ask", content=b"{broken", headers={**h, "Content-Type": "application/json"})
    assert r.status_code == 422


def test_busy_server_sheds_questions(env):
    settings, service, _ = env
    busy = create_app(settings, service, ask_slots=0, ask_wait=0.05)
    client, token = login(busy, STAFF)
    r = client.post("/api/ask", json={"question": "thi đua"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 503 and "đang bận" in r.json()["detail"]


# -- CSRF ---------------------------------------------------------------------------------------------------

def test_csrf_enforced_on_api(staff, admin):
    client, token = staff
    for headers in ({}, {"X-CSRF-Token": "sai"}, {"X-CSRF-Token": token + "x"}):
        r = client.post("/api/ask", json={"question": "thi đua"}, headers=headers)
        assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    aclient, atoken = admin
    before = doc_sources(aclient)
    r = aclient.post("/api/documents", files={"file": ("moi.txt", DECREE.replace("07/2025", "08/2025").encode())},
                     headers={"X-CSRF-Token": token})  # another session's token
    assert r.status_code == 403
    assert aclient.delete("/api/documents/qd-07-2025-thi-dua.txt").status_code == 403
    assert doc_sources(aclient) == before


def test_csrf_enforced_on_forms(app, admin):
    client, token = admin
    r = client.post("/documents/remove", data={"name": "qd-07-2025-thi-dua.txt"})
    assert r.status_code == 403
    r = client.post("/documents/remove", data={"name": "qd-07-2025-thi-dua.txt", "csrf_token": "sai"})
    assert r.status_code == 403 and "Phiên làm việc" in r.text
    assert "qd-07-2025-thi-dua.txt" in doc_sources(client)
    assert client.post("/logout", data={}).status_code == 403
    fresh = TestClient(app)
    fresh.get("/login")
    r = fresh.post("/login", data={"name": STAFF, "password": PASSWORD, "csrf_token": "sai"}, follow_redirects=False)
    assert r.status_code == 403


# -- admin: upload and remove ------------------------------------------------------------------------------

def test_staff_cannot_upload_or_remove(staff):
    client, token = staff
    h = {"X-CSRF-Token": token}
    r = client.post("/api/documents", files={"file": ("a.txt", b"Noi dung")}, headers=h)
    assert r.status_code == 403 and "quản trị" in r.json()["detail"]
    assert client.delete("/api/documents/qd-07-2025-thi-dua.txt", headers=h).status_code == 403
    r = client.post("/documents/remove", data={"name": "qd-07-2025-thi-dua.txt", "csrf_token": token})
    assert r.status_code == 403
    assert "qd-07-2025-thi-dua.txt" in doc_sources(client)
    page = client.get("/documents").text
    assert 'id="upload-form"' not in page and "/documents/remove" not in page


NEW_DOC = """BỘ NỘI VỤ
Số: 99/2025/TT-BNV
Hà Nội, ngày 01 tháng 6 năm 2025
THÔNG TƯ
Hướng dẫn về danh hiệu Lao động tiên tiến
Điều 1. Danh hiệu Lao động tiên tiến
Danh hiệu Lao động tiên tiến được xét tặng cho cá nhân hoàn thành tốt nhiệm vụ, chấp hành tốt chủ trương, chính sách và tham gia các phong trào thi đua của cơ quan.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực kể từ ngày ký.
"""


def test_admin_uploads_then_removes(env, admin):
    settings, _, _ = env
    client, token = admin
    h = {"X-CSRF-Token": token}
    r = client.post("/api/documents", files={"file": ("../../TT 99 lao động tiên tiến.txt", NEW_DOC.encode())},
                    headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] and body["name"] == "TT 99 lao động tiên tiến.txt" and body["chunks"] >= 1
    assert "Đã nạp" in body["message"]
    assert (Path(settings.data_dir) / "uploads" / body["name"]).is_file()
    assert not (Path(settings.data_dir).parent / "TT 99 lao động tiên tiến.txt").exists()
    assert body["name"] in doc_sources(client)
    hits = client.get("/api/search", params={"q": "danh hieu lao dong tien tien"}).json()["results"]
    assert any(x["number"] == "99/2025/TT-BNV" for x in hits)
    # The same file again changes nothing.
    again = client.post("/api/documents", files={"file": (body["name"], NEW_DOC.encode())}, headers=h).json()
    assert again["ok"] and "không thay đổi" in again["message"]

    r = client.delete(f"/api/documents/{body['name']}", headers=h)
    assert r.status_code == 200 and r.json()["removed"] == [body["name"]]
    assert body["name"] not in doc_sources(client)
    assert not (Path(settings.data_dir) / "uploads" / body["name"]).exists()
    assert client.delete(f"/api/documents/{body['name']}", headers=h).status_code == 404


def test_upload_and_remove_through_page_forms(admin):
    client, token = admin
    r = client.post("/documents/upload", data={"csrf_token": token},
                    files={"file": ("tt-99.txt", NEW_DOC.encode())})
    assert r.status_code == 200 and "Đã nạp «tt-99.txt»" in r.text  # redirected to the list, with the message
    assert "tt-99.txt" in doc_sources(client)
    r = client.post("/documents/remove", data={"name": "tt-99.txt", "csrf_token": token})
    assert r.status_code == 200 and "Đã gỡ: tt-99.txt." in r.text
    assert "tt-99.txt" not in doc_sources(client)


@pytest.mark.parametrize("name, content, status, message", [
    ("hong.pdf", b"this is not a pdf at all \x00\x01\x02" * 50, 422, "Không nạp được «hong.pdf»"),
    ("hong.docx", b"PK\x03\x04 truncated zip", 422, "Không nạp được «hong.docx»"),
    ("rong.txt", b"", 422, "Tệp rỗng"),
    ("virus.exe", b"MZ\x90\x00", 415, "không được hỗ trợ"),
    ("..", b"abc", 422, "Tên tệp không hợp lệ"),
])
def test_bad_upload_gives_clear_message_and_index_unchanged(env, admin, name, content, status, message):
    settings, _, _ = env
    client, token = admin
    before = doc_sources(client)
    r = client.post("/api/documents", files={"file": (name, content)}, headers={"X-CSRF-Token": token})
    assert r.status_code == status, r.text
    body = r.json()
    assert message in body["detail"] and body["ok"] is False
    assert doc_sources(client) == before
    # no kept, staged or backup file remains (the empty staging folder uploads/.incoming may)
    leftovers = [p.name for p in (Path(settings.data_dir) / "uploads").rglob("*") if p.is_file()]
    assert leftovers == []
    assert client.get("/api/search", params={"q": "chien si thi dua"}).json()["results"]


def test_bad_upload_does_not_replace_a_good_one(env, admin):
    settings, _, _ = env
    client, token = admin
    h = {"X-CSRF-Token": token}
    assert client.post("/api/documents", files={"file": ("tt-99.pdf.txt", NEW_DOC.encode())}, headers=h).json()["ok"]
    n_before = doc_sources(client)["tt-99.pdf.txt"]
    r = client.post("/api/documents", files={"file": ("tt-99.pdf.txt", b"\x89PNG\r\n\x1a\n\x00\x00IHDR" * 20)},
                    headers=h)
    assert r.status_code == 422 and "Chỉ mục không thay đổi" in r.json()["detail"]
    assert doc_sources(client)["tt-99.pdf.txt"] == n_before
    kept = (Path(settings.data_dir) / "uploads" / "tt-99.pdf.txt").read_bytes()
    assert kept == NEW_DOC.encode()
    assert client.delete("/api/documents/tt-99.pdf.txt", headers=h).status_code == 200


def test_oversized_upload_refused_before_reading(env):
    settings, service, _ = env
    small = create_app(settings.with_(max_file_mb=0.01), service)
    client, token = login(small, ADMIN)
    r = client.post("/api/documents", files={"file": ("lon.txt", b"a" * 200_000)}, headers={"X-CSRF-Token": token})
    assert r.status_code == 413 and "quá lớn" in r.json()["detail"]


# -- pages: document view, escaping, OpenAPI -----------------------------------------------------------------

def test_document_view_opens_at_cited_clause(staff):
    client, _ = staff
    results = client.get("/api/search", params={"q": "chien si thi dua co so"}).json()["results"]
    top = next(x for x in results if "Điều 8" in x["section"])
    r = client.get(top["url"].split("#")[0])
    assert r.status_code == 200
    html = r.text
    assert 'id="dieu-8"' in html and 'href="#dieu-8"' in html and 'href="#chuong-ii"' in html
    assert f'class="chunk cited" id="chunk-{top["chunk_id"]}"' in html
    assert "<mark>" in html  # the question's words, in the cited clause
    assert "<td>Xuất sắc</td><td>từ 90 điểm trở lên</td>" in html  # the scoring table is a table
    assert client.get("/documents/99999").status_code == 404
    assert client.get("/documents/abc").status_code == 404


def test_html_in_documents_and_questions_is_escaped(staff):
    client, _ = staff
    page = client.get("/", params={"q": "ghi chu ky thuat"}).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page.replace("&quot;", "&#34;")
    decree = next(d for d in client.get("/api/documents").json() if d["number"] == "07/2025/QĐ-UBND")
    doc = client.get(decree["url"]).text
    assert "<script>alert" not in doc and "&lt;script&gt;alert" in doc
    evil = '"><script>alert(1)</script>'
    for mode in ("tim", "hoi"):
        page = client.get("/", params={"q": evil, "mode": mode}).text
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_documents_page_lists_counts_dates_status(admin):
    client, _ = admin
    html = client.get("/documents").text
    assert "07/2025/QĐ-UBND" in html and "10/03/2025" in html and 'id="upload-form"' in html
    assert re.search(r'data-label="Số đoạn">\d+<', html)
    docs = client.get("/api/documents").json()
    d = next(x for x in docs if x["number"] == "07/2025/QĐ-UBND")
    assert d["n_chunks"] >= 4 and d["date"] == "10/03/2025" and "state" in d


def test_openapi_schema_served(app):
    r = TestClient(app).get("/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path in ("/api/search", "/api/ask", "/api/documents", "/api/documents/{name}", "/api/login"):
        assert path in paths, path
    assert "multipart/form-data" in paths["/api/documents"]["post"]["requestBody"]["content"]
    assert "/login" not in paths  # pages stay out of the API schema


def test_secret_file_is_private_and_sessions_survive_restart(env, app):
    settings, service, _ = env
    path = Path(settings.data_dir) / "web_secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    client, _ = login(app, STAFF)
    restarted = create_app(settings, service)
    again = TestClient(restarted)
    again.cookies.set("hoidap_session", client.cookies.get("hoidap_session"))
    assert again.get("/api/me").json()["user"] == STAFF
    other = create_app(settings.with_(web_secret="x" * 40), service)
    moved = TestClient(other)
    moved.cookies.set("hoidap_session", client.cookies.get("hoidap_session"))
    assert moved.get("/api/me").status_code == 401


def test_status_shown_next_to_each_result(staff):
    """A replaced document says so, with the document that replaced it (issue 10)."""
    client, _ = staff
    q = {"q": "khen thuong thanh tich khang chien", "all_versions": "true"}
    results = client.get("/api/search", params=q).json()["results"]
    old = next(x for x in results if x["number"] == "03/2020/QĐ-UBND")
    assert old["state"] == "replaced" and "07/2025/QĐ-UBND" in old["status"]
    page = client.get("/", params={"q": q["q"], "all": "1"}).text
    assert 'class="badge state-replaced"' in page and "bị thay thế bởi 07/2025/QĐ-UBND" in page
    docs = client.get("/documents").text
    assert "bị thay thế bởi 07/2025/QĐ-UBND" in docs


def test_unexpected_error_gives_vietnamese_apology(env):
    settings, service, _ = env

    class Broken:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise RuntimeError("index exploded")
            return fail

    app = create_app(settings, Broken())
    client = TestClient(app, raise_server_exceptions=False)
    client.post("/api/login", json={"name": STAFF, "password": PASSWORD})
    r = client.get("/api/search", params={"q": "thi đua"})
    assert r.status_code == 500 and r.json()["detail"] == "Lỗi khi tra cứu. Vui lòng thử lại sau."
    r = client.get("/documents")
    assert r.status_code == 500 and "Lỗi hệ thống" in r.text and "index exploded" not in r.text
