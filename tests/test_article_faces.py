"""Articles in the faces (issue 16): `hoidap list`, citations, `ask --json`, Telegram and the web page show an
article's headline, date and newspaper, and an explainer's legal basis, linked to the clause when that law
is itself indexed.

The index holds the five seed articles of corpus/, an explainer and the law it quotes, both written here
from real lines (../shared/corpus/articles/tvpl-giao-vien-xet-danh-hieu-chien-si-thi-dua-co-so-phai-dap-ung-
tieu-chuan.txt and Điều 23 of Luật Thi đua, khen thưởng 06/2022/QH15). Fake embedder, no LLM.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from bot import users
from bot.answering.extractive import cite_label, doc_name
from bot.service import Hoidap
from bot.telegram.format import (answer_keyboard, render_clause, render_documents, render_search,
                                 render_sources)
from bot.telegram.state import hit_from_dict, hit_to_dict
from bot.web.app import create_app
from ingest.settings import Settings
from tests.fakes import FakeEmbedder

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# (file prefix, headline, list date, citation label)
SEEDS = [
    ("000", "Chủ động, đổi mới công tác chuyên môn sát nhiệm vụ trọng tâm của thành phố", "10/07/2017",
     "Chủ động, đổi mới công tác chuyên môn sát nhiệm vụ trọng tâm của thành phố, 10/07/2017"),
    ("001", "Nâng cao chất lượng tham mưu thực hiện thành công chủ đề năm", "10/07/2017",
     "Báo Hải Phòng điện tử, 10/07/2017"),
    ("002", "Gắn công tác cán bộ với đổi mới phương thức lãnh đạo", "24/03/2018", None),
    # 003 prints no date of its own (only its related-article list has dates): it shows none
    ("003", "Công tác lãnh đạo, chỉ đạo thực hiện tốt phong trào thi đua “Dân vận khéo” tại Đảng bộ Khối năm 2018",
     "", "Công tác lãnh đạo, chỉ đạo thực hiện tốt phong trào thi đua “Dân vận khéo” tại Đảng bộ Khối năm 2018"),
    ("004", "Sôi nổi phong trào thi đua trong Khối các cơ quan Đảng thuộc Tỉnh ủy", "06/01/2023",
     "Báo Nam Định, 06/01/2023"),
]

EXPLAINER = """TIÊU ĐỀ: Giáo viên xét danh hiệu Chiến sĩ thi đua cơ sở phải đáp ứng tiêu chuẩn gì? Hội đồng thi đua khen thưởng gồm những ai?
SỐ HIỆU: (bài viết giải đáp/phân tích, không phải văn bản gốc)
CƠ QUAN BAN HÀNH: Bài viết hỏi-đáp pháp luật (phong cách thuvienphapluat.vn), trích dẫn nguyên văn các điều khoản
NGÀY BAN HÀNH: 2025 (theo nội dung bài)
NGUỒN: github:tnt305/tai_lieu_noi_bo@56eff108 src/etl/dataset/d705878388665c75.md
GHI CHÚ: Nguồn thứ cấp; dùng để kiểm tra truy hồi, đối chiếu với văn bản gốc khi có
========================================================================

Giáo viên xét danh hiệu Chiến sĩ thi đua cơ sở phải đáp ứng tiêu chuẩn gì? Hội đồng thi đua khen thưởng gồm những ai?

Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở đối với giáo viên là gì? Hội đồng thi đua khen thưởng danh hiệu Chiến sĩ thi đua cơ sở đối với giáo viên có những ai? Mức tiền thưởng danh hiệu Chiến sĩ thi đua cơ sở gấp mấy lần mức lương cơ sở?

Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở đối với giáo viên là gì?

Căn cứ Điều 23 Luật Thi đua, khen thưởng 2022 quy định về danh hiệu Chiến sĩ thi đua cơ sở như sau:

Danh hiệu Chiến sĩ thi đua cơ sở để tặng cho cá nhân đạt các tiêu chuẩn sau đây:

- Đạt tiêu chuẩn danh hiệu “Lao động tiên tiến” hoặc “Chiến sĩ tiên tiến”;

- Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được cơ sở công nhận hoặc có đề tài khoa học, đề án khoa học, công trình khoa học và công nghệ đã được nghiệm thu hoặc mưu trí, sáng tạo trong chiến đấu, phục vụ chiến đấu được đơn vị công nhận.

Như vậy, tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở đối với giáo viên như quy định trên.
"""

LAW = """QUỐC HỘI
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Luật số: 06/2022/QH15
Hà Nội, ngày 15 tháng 6 năm 2022

LUẬT
THI ĐUA, KHEN THƯỞNG

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Thi đua, khen thưởng.

Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định về đối tượng, nguyên tắc, nội dung thi đua, tổ chức phong trào thi đua, danh hiệu thi đua, tiêu chuẩn danh hiệu thi đua; hình thức, đối tượng, tiêu chuẩn khen thưởng; thẩm quyền quyết định, trao tặng; thủ tục, hồ sơ đề nghị khen thưởng; quyền, nghĩa vụ của cá nhân, tập thể, hộ gia đình được khen thưởng; quỹ thi đua, khen thưởng; quản lý nhà nước về thi đua, khen thưởng.
Chương II
THI ĐUA, DANH HIỆU THI ĐUA
Điều 23. Danh hiệu “Chiến sĩ thi đua cơ sở”
Danh hiệu “Chiến sĩ thi đua cơ sở” để tặng cho cá nhân đạt các tiêu chuẩn sau đây:
1. Đạt tiêu chuẩn danh hiệu “Lao động tiên tiến” hoặc “Chiến sĩ tiên tiến”;
2. Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được cơ sở công nhận hoặc có đề tài khoa học, đề án khoa học, công trình khoa học và công nghệ đã được nghiệm thu hoặc mưu trí, sáng tạo trong chiến đấu, phục vụ chiến đấu được đơn vị công nhận.
"""

EXPLAINER_QUESTION = "Giáo viên xét danh hiệu Chiến sĩ thi đua cơ sở cần tiêu chuẩn gì? Hội đồng thi đua gồm những ai?"
# answered from the law's Điều 23 and, second, from the explainer (its "giáo viên")
ASK_QUESTION = "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở đối với giáo viên là gì?"
BASIS = "căn cứ: Điều 23 Luật Thi đua, khen thưởng 2022"
PASSWORD = "mat-khau-rat-dai-1"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """The seed articles + the explainer + the law it quotes, indexed; a staff account for the web page."""
    tmp = tmp_path_factory.mktemp("article-faces")
    docs = tmp / "docs"
    docs.mkdir()
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, docs / path.name)
    (docs / "tvpl-giao-vien-chien-si-thi-dua-co-so.txt").write_text(EXPLAINER, encoding="utf-8")
    (docs / "luat-06-2022-qh15-thi-dua-khen-thuong.txt").write_text(LAW, encoding="utf-8")
    settings = Settings(data_dir=tmp / "data", llm="none")
    service = Hoidap(settings, embedder=FakeEmbedder())
    assert service.ingest([docs]).ok
    users.add_user(settings, "nhanvien", PASSWORD)
    yield settings, service, docs
    service.close()


def _hits_of(service, prefix: str):
    """Hits of one seed article, searched for by its own headline."""
    title = next(t for p, t, _, _ in SEEDS if p == prefix)
    hits = [h for h in service.search(title, k=20) if h.source.startswith(prefix + "_")]
    assert hits, prefix
    return hits


def _explainer_hit(service):
    hits = service.search(EXPLAINER_QUESTION, k=20)
    return next(h for h in hits if h.kind == "explainer")


# -- hoidap list ------------------------------------------------------------------------------------

def test_list_shows_title_and_date_of_every_seed_article(env, monkeypatch):
    from bot.cli import main
    settings, service, _ = env
    monkeypatch.setenv("HOIDAP_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("HOIDAP_LLM", "none")
    monkeypatch.setattr("bot.cli.index.make_service", lambda s: service)
    out = CliRunner().invoke(main, ["list"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    rows = {line.split("\t")[0][:3]: line.split("\t") for line in out.output.splitlines() if "\t" in line}
    for prefix, title, date, _ in SEEDS:
        row = rows[prefix]
        assert row[2] == "article"                    # the kind, where a legal document has its số hiệu
        assert row[3].startswith(date or "-")
        assert row[-1].endswith(title), row
    assert rows["001"][-1] == "Báo Hải Phòng điện tử: Nâng cao chất lượng tham mưu thực hiện thành công chủ đề năm"
    assert not any("Thông tin lý luận" in "\t".join(r) for r in rows.values())    # not the site section
    law = next(r for r in rows.values() if r[0].startswith("luat-06"))
    assert law[2] == "06/2022/QH15" and law[3].startswith("15/06/2022") and law[-1] == "Luật Thi đua, khen thưởng"
    listed = json.loads(CliRunner().invoke(main, ["list", "--json"]).output)
    seed1 = next(d for d in listed if d["source"].startswith("001_"))
    assert (seed1["kind"], seed1["published"], seed1["publisher"]) == ("article", "2017-07-10", "Báo Hải Phòng điện tử")


# -- citations ------------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, title, date, label", SEEDS)
def test_seed_article_citation_names_headline_or_paper_and_date(env, prefix, title, date, label):
    _, service, _ = env
    hit = _hits_of(service, prefix)[0]
    assert hit.kind == "article" and hit.title == title and hit.date == date
    if label:
        assert hit.doc_label() == label
    # the extractive answer's citation and the answer text name the article this way, not its site section
    assert doc_name(hit) == hit.doc_label() and cite_label(hit).startswith(hit.doc_label())
    assert "Thông tin lý luận" not in cite_label(hit) and "Chính trị - Xã hội" not in cite_label(hit)
    # ask --json: added fields, existing ones unchanged
    cited = hit.citation()
    assert {"source", "title", "number", "section", "text", "status", "section_path"} <= set(cited)
    assert cited["label"] == hit.doc_label() and cited["kind"] == "article" and cited["date"] == date
    assert cited["published"] == ("-".join(reversed(date.split("/"))) if date else "")
    # Telegram: the paper and date, then the headline (or the headline and date)
    sources = render_sources([hit])
    assert (date or title[:40]) in sources
    assert title[:40].replace("“", "").replace("”", "") in sources.replace("“", "").replace("”", "")


def test_publisher_citation_in_answer_text_and_telegram(env):
    _, service, _ = env
    hit = _hits_of(service, "001")[0]
    assert hit.publisher == "Báo Hải Phòng điện tử" and hit.published == "2017-07-10"
    assert render_sources([hit]).startswith(
        "📚 <b>Nguồn:</b>\n[1] Báo Hải Phòng điện tử, 10/07/2017 — Nâng cao chất lượng tham mưu")
    assert f", {hit.section_path[-1]}" in render_sources([hit])      # which part: two quotes of one article differ
    answer = service.ask("Nâng cao chất lượng tham mưu thực hiện thành công chủ đề năm Hải Phòng", llm="none")
    assert not answer.refused
    top = answer.citations[0]
    assert top.source.startswith("001_")
    # the verbatim span that answers comes first (issue 18), labelled by paper and date, then the clause
    assert "\n(Báo Hải Phòng điện tử, 10/07/2017, " in answer.answer
    assert "Theo Báo Hải Phòng điện tử, 10/07/2017" in answer.answer
    cited = answer.to_json()["citations"][0]
    assert cited["label"] == "Báo Hải Phòng điện tử, 10/07/2017" and cited["publisher"] == "Báo Hải Phòng điện tử"


def test_ask_json_cli_carries_the_added_fields(env, monkeypatch):
    from bot.cli import main
    settings, service, _ = env
    monkeypatch.setenv("HOIDAP_DATA_DIR", str(settings.data_dir))
    monkeypatch.setattr("bot.cli.query.make_service", lambda s: service)
    out = CliRunner().invoke(main, ["ask", ASK_QUESTION, "--json", "--llm", "none"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    cites = json.loads(out.output)["citations"]
    explainer = next(c for c in cites if c["kind"] == "explainer")
    assert explainer["basis"] == BASIS
    ref = explainer["basis_refs"][0]
    assert (ref["label"], ref["dieu"], ref["doc"], ref["year"]) == (
        "Điều 23 Luật Thi đua, khen thưởng 2022", "23", "Luật Thi đua, khen thưởng", "2022")
    law = next(d for d in service.documents() if d["number"] == "06/2022/QH15")
    assert ref["doc_id"] == law["doc_id"]
    clause = service.clause(ref["chunk_id"])
    assert clause.number == "06/2022/QH15" and "Điều 23" in clause.section_path
    law_cite = next((c for c in cites if c["kind"] == "legal"), None)
    assert law_cite is None or (law_cite["basis"] == "" and law_cite["basis_refs"] == [])


# -- the legal basis and its link ------------------------------------------------------------------

def test_explainer_basis_linked_to_the_indexed_law_clause(env):
    _, service, _ = env
    hit = _explainer_hit(service)
    assert hit.basis == BASIS
    ref = hit.basis_refs[0]
    clause = service.clause(ref["chunk_id"])
    assert clause.number == "06/2022/QH15" and clause.section_path[-1] == "Điều 23"
    assert "Chiến sĩ thi đua cơ sở" in clause.text


def test_basis_without_the_law_indexed_shows_but_links_nowhere(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "tvpl-giao-vien.txt").write_text(EXPLAINER, encoding="utf-8")
    service = Hoidap(Settings(data_dir=tmp_path / "data", llm="none"), embedder=FakeEmbedder())
    try:
        assert service.ingest([docs]).ok
        hit = _explainer_hit(service)
        assert hit.basis == BASIS and hit.basis_refs[0]["chunk_id"] is None
        assert "📖" not in render_sources([hit]) and BASIS in render_sources([hit])
        assert not [b for row in answer_keyboard(7, 1, citations=[hit]).inline_keyboard for b in row
                    if b.callback_data.startswith("law:")]
    finally:
        service.close()


def test_telegram_citation_shows_basis_and_a_button_to_the_clause(env):
    _, service, _ = env
    hit = _explainer_hit(service)
    sources = render_sources([hit])
    assert f"↳ <i>{BASIS}</i>" in sources
    buttons = [b for row in answer_keyboard(42, 1, citations=[hit]).inline_keyboard for b in row]
    law = [b for b in buttons if b.callback_data.startswith("law:")]
    assert [(b.text, b.callback_data) for b in law] == [
        ("📖 Căn cứ [1]: Điều 23 Luật Thi đua, khen thưởng 2022", "law:42:1:1")]
    # the stored citation keeps the link (the button is pressed later, after a restart perhaps)
    again = hit_from_dict(json.loads(json.dumps(hit_to_dict(hit), ensure_ascii=False)))
    assert again.basis == BASIS and again.basis_refs == hit.basis_refs
    assert BASIS in "".join(render_search("chiến sĩ thi đua", [hit]))
    clause = service.clause(again.basis_refs[0]["chunk_id"])
    shown = "".join(render_clause(clause, 1, "📖 <b>Căn cứ của [1]:</b> Điều 23 Luật Thi đua, khen thưởng 2022"))
    assert "06/2022/QH15" in shown and "Điều 23" in shown and "Chiến sĩ thi đua cơ sở" in shown


async def test_telegram_law_button_through_the_bot_api_standin(env):
    """The whole flow: a question, the answer's sources with the basis, the button, the law's clause."""
    import asyncio

    from bot.telegram.app import build_application
    from testkit.botapi_standin import BotApiStandin, polling
    settings, service, _ = env
    user = 3001
    with BotApiStandin() as api:
        tg = Settings(data_dir=settings.data_dir, telegram_token=api.token, telegram_api_url=api.url,
                      telegram_users=frozenset({user}), rate_limit_per_minute=30, llm="none")
        async with polling(build_application(tg, service)):
            api.send_text(user, "/tim giáo viên xét danh hiệu chiến sĩ thi đua cơ sở tiêu chuẩn hội đồng")
            await api.until(lambda: len(api.bot_messages(user)) >= 1)
            msg = api.bot_messages(user)[-1]
            assert BASIS in msg["text"]
            buttons = dict(api.buttons(msg))
            label = next(t for t in buttons if t.startswith("📖 Căn cứ ["))
            api.press_button(user, msg, buttons[label])
            await api.until(lambda: len(api.bot_messages(user)) >= 2)
            shown = api.bot_messages(user)[-1]["text"]
            assert "Căn cứ của [" in shown and "06/2022/QH15" in shown and "Điều 23" in shown
            assert "Chiến sĩ tiên tiến" in shown
            await asyncio.sleep(0)


def test_telegram_vanban_shows_title_paper_and_date(env):
    _, service, _ = env
    text = "\n".join(render_documents(service.documents()))
    for _, title, date, _ in SEEDS:
        line = next(ln for ln in text.splitlines() if esc_free(title[:30]) in esc_free(ln))
        assert (date or "đoạn") in line
    assert "Báo Hải Phòng điện tử, 10/07/2017" in text


def esc_free(s: str) -> str:
    return s.replace("“", "").replace("”", "").replace("&amp;", "&")


# -- the web page ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(env):
    settings, service, _ = env
    app = create_app(settings, service)
    client = TestClient(app)
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text).group(1)
    r = client.post("/login", data={"name": "nhanvien", "password": PASSWORD, "csrf_token": token, "next": "/"},
                    follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/")
    return client, re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)


def test_web_result_shows_basis_linked_to_the_law_clause(env, client):
    _, service, _ = env
    web, _ = client
    page = web.get("/", params={"q": EXPLAINER_QUESTION, "mode": "tim"}).text
    assert "căn cứ:" in page and "Điều 23 Luật Thi đua, khen thưởng 2022" in page
    link = re.search(r'<a class="basis-link" href="([^"]+)">Điều 23 Luật Thi đua, khen thưởng 2022</a>', page)
    assert link, page
    law = next(d for d in service.documents() if d["number"] == "06/2022/QH15")
    url = link.group(1).replace("&amp;", "&")
    assert url.startswith(f"/documents/{law['doc_id']}?c=") and "#chunk-" in url
    chunk_id = int(url.rsplit("#chunk-", 1)[1])
    view = web.get(url.split("#")[0]).text
    assert f'<div class="chunk cited" id="chunk-{chunk_id}">' in view and "Chiến sĩ tiên tiến" in view


def test_web_api_citations_carry_article_fields_and_links(env, client):
    _, service, _ = env
    web, token = client
    r = web.post("/api/ask", json={"question": ASK_QUESTION}, headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    cites = r.json()["citations"]
    explainer = next(c for c in cites if c["kind"] == "explainer")
    assert explainer["basis"] == BASIS and explainer["basis_refs"][0]["url"].startswith("/documents/")
    found = web.get("/api/search", params={"q": "Nâng cao chất lượng tham mưu thực hiện thành công chủ đề năm"}).json()
    seed = next(h for h in found["results"] if h["source"].startswith("001_"))
    assert (seed["label"], seed["published"], seed["kind"]) == ("Báo Hải Phòng điện tử, 10/07/2017", "2017-07-10",
                                                                 "article")


def test_web_search_page_names_the_paper_and_date(client):
    web, _ = client
    page = web.get("/", params={"q": "Nâng cao chất lượng tham mưu thực hiện thành công chủ đề năm"}).text
    assert '<span class="num">Báo Hải Phòng điện tử</span>' in page and "đăng ngày 10/07/2017" in page


def test_web_document_list_shows_title_and_date(client):
    web, _ = client
    page = web.get("/documents").text
    for _, title, date, _ in SEEDS:
        assert title[:30] in page
        if date:
            assert f">{date}<" in page
    assert "Bài báo" in page and "Báo Nam Định" in page


# -- matching a basis to an indexed document (pure, with a stand-in index) ------------------------------

def test_basis_linker_matches_by_number_or_name_and_year_and_picks_the_khoan():
    from bot.answering.sources import BasisLinker
    from ingest.legal_refs import legal_bases
    from ingest.types import DocRecord

    def doc(doc_id, number, title, date, meta=None):
        return DocRecord(doc_id=doc_id, path="", source=f"{doc_id}.txt", content_hash="", title=title, number=number,
                         doc_type="", issuer="", date=date, effective_date="", secondary=False, relations=[],
                         n_chunks=0, ingested_at="", meta=meta or {"kind": "legal"})

    class Index:
        chunks = {2: [{"chunk_id": 20, "section_path": ["Chương III", "Điều 30", "Khoản 1"]},
                      {"chunk_id": 21, "section_path": ["Chương III", "Điều 30", "Khoản 7"]},
                      {"chunk_id": 22, "section_path": ["Chương III", "Điều 300"]}],
                  1: [{"chunk_id": 10, "section_path": ["Chương II", "Điều 23"]}]}

        def document_chunks(self, doc_id):
            return self.chunks.get(doc_id, [])

    docs = {1: doc(1, "06/2022/QH15", "Luật Thi đua, khen thưởng", "15/06/2022"),
            2: doc(2, "98/2023/NĐ-CP", "Nghị định quy định chi tiết thi hành Luật Thi đua, khen thưởng", "31/12/2023"),
            3: doc(3, "", "Luật Thi đua, khen thưởng 2022 là gì?", "", {"kind": "explainer"}),
            4: doc(4, "99/2025/QH15", "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng", "01/07/2025")}
    linker = BasisLinker(Index())
    # real sentences from ../shared/corpus/articles (tvpl-xet-danh-hieu-chien-si-thi-dua-co-so-phai-co-…)
    nd = legal_bases("Căn cứ tại khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP quy định chung về hồ sơ, thủ tục khen thưởng")[0]
    assert linker.link(nd, docs, 1) == (2, 21)
    nd30 = legal_bases("Căn cứ Điều 30 Nghị định 98/2023/NĐ-CP quy định")[0]
    assert linker.link(nd30, docs, 1) == (2, 20)          # the Điều's first chunk, not Điều 300
    law = legal_bases("Căn cứ quy định tại khoản 1 Điều 23 Luật Thi đua Khen thưởng năm 2022 có nêu rằng:")[0]
    assert linker.link(law, docs, 1) == (1, 10)           # no comma, other case, "năm": the same law
    other_year = {**law, "year": "2003"}
    assert linker.link(other_year, docs, 1) is None
    missing = legal_bases("Căn cứ Điều 4 Quy định 366-QĐ/TW năm 2025 quy định")[0]
    assert linker.link(missing, docs, 1) is None


def test_cli_search_and_ask_text_name_the_article_and_its_basis(env, monkeypatch):
    from bot.cli import main
    settings, service, _ = env
    monkeypatch.setenv("HOIDAP_DATA_DIR", str(settings.data_dir))
    monkeypatch.setattr("bot.cli.query.make_service", lambda s: service)
    out = CliRunner().invoke(main, ["search", EXPLAINER_QUESTION, "--k", "10"], catch_exceptions=False).output
    assert BASIS in out
    found = json.loads(CliRunner().invoke(main, ["search", "Nâng cao chất lượng tham mưu thực hiện thành công chủ đề năm",
                                                 "--json"]).output)["results"]
    assert any(r["label"] == "Báo Hải Phòng điện tử, 10/07/2017" for r in found)
    out = CliRunner().invoke(main, ["ask", ASK_QUESTION, "--llm", "none"], catch_exceptions=False).output
    assert "Nguồn:" in out and BASIS in out


def test_a_heading_the_headline_already_says_is_not_repeated_in_the_citation():
    from bot.types import Hit
    title = "Danh hiệu Chiến sĩ thi đua cơ sở là gì? Hồ sơ đề nghị xét tặng danh hiệu Chiến sĩ thi đua cơ sở?"
    hit = Hit(chunk_id=1, doc_id=1, score=1.0, source="tvpl.txt", title=title, number="", issuer="", date="",
              section="Danh hiệu Chiến sĩ thi đua cơ sở là gì?", text="…", kind="explainer",
              section_path=["Danh hiệu Chiến sĩ thi đua cơ sở là gì?"])
    assert cite_label(hit).count("Danh hiệu Chiến sĩ thi đua cơ sở là gì?") == 1
    hit.section_path = ["Hồ sơ gồm những gì?"]
    assert cite_label(hit).endswith(", Hồ sơ gồm những gì?")
