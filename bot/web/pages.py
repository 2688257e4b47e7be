"""The HTML pages: login, search/ask, documents list (upload/remove for admins), document view."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from bot import users
from bot.uploads import accept_attribute, accepted_types
from bot.users import User
from bot.web import auth, present
from bot.web.api import remove_document, upload_from_request
from bot.web.text import document_sections, query_terms
from bot.web.uploads import UploadError, ingest_upload

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    """A page with the shared context: account, CSRF token, and the one-shot flash message."""
    context.setdefault("user", None)
    flash = request.session.pop("flash", None) if "flash" in request.session else None
    return request.app.state.templates.TemplateResponse(
        request, template, {"csrf_token": auth.csrf_token(request), "flash": flash, **context},
        status_code=status, headers={"Cache-Control": "no-store"})


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, message=message, user=auth.session_user(request))


def _flash(request: Request, text: str, kind: str = "ok") -> None:
    request.session["flash"] = {"kind": kind, "text": text}


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def _form_csrf(request: Request) -> dict:
    form = await request.form(max_files=0, max_fields=20)
    if not auth.csrf_ok(request, form.get(auth.CSRF_FIELD)):
        raise HTTPException(403, "Phiên làm việc đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.")
    return form


# -- login -----------------------------------------------------------------------------------------------

@router.get("/login")
async def login_page(request: Request, next: str = "/"):
    if auth.session_user(request):
        return _redirect(auth.safe_next(next))
    return render(request, "login.html", next=auth.safe_next(next))


@router.post("/login")
async def login_submit(request: Request):
    form = await request.form(max_files=0, max_fields=10)
    name = str(form.get("name", ""))[:64]
    password = str(form.get("password", ""))[:users.MAX_PASSWORD]
    next_url = auth.safe_next(str(form.get("next", "/")))
    if not auth.csrf_ok(request, form.get(auth.CSRF_FIELD)):
        return render(request, "login.html", status=403, next=next_url, name=name,
                      error="Phiên đăng nhập đã hết hạn. Vui lòng thử lại.")
    throttle: auth.LoginThrottle = request.app.state.throttle
    address = request.client.host if request.client else ""
    if throttle.blocked(address, name):
        return render(request, "login.html", status=429, next=next_url, name=name,
                      error="Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.")
    user = await auth.check_password(request, name, password)
    if user is None:
        throttle.failed(address, name)
        return render(request, "login.html", status=401, next=next_url, name=name,
                      error="Sai tên đăng nhập hoặc mật khẩu.")
    throttle.succeeded(address, name)
    auth.log_in(request, user)
    return _redirect(next_url)


@router.post("/logout")
async def logout(request: Request):
    await _form_csrf(request)
    auth.log_out(request)
    return _redirect("/login")


# -- search and ask ----------------------------------------------------------------------------------------

@router.get("/")
async def search_page(request: Request, q: str = "", mode: str = "tim", document: str = "", issuer: str = "",
                      year: str = "", all_: str = Query("", alias="all"), user: User = Depends(auth.page_user)):
    service = request.app.state.service
    mode = "hoi" if mode == "hoi" else "tim"
    q = q.strip()
    filters = present.clean_filters(document, issuer, year)
    all_versions = all_ == "1"
    error, results = "", []
    docs = await run_in_threadpool(service.documents)
    if len(q) > present.MAX_QUERY:
        error = f"Câu hỏi quá dài (tối đa {present.MAX_QUERY} ký tự)."
    elif q and mode == "tim":
        try:
            hits = await run_in_threadpool(service.search, q, k=10, filters=filters or None,
                                           all_versions=all_versions)
            states = present.doc_states(docs)
            results = [present.hit_json(h, rank=i, query=q, states=states) for i, h in enumerate(hits, 1)]
        except Exception:
            log.exception("search failed")
            error = "Lỗi khi tra cứu. Vui lòng thử lại sau."
    return render(request, "search.html", user=user, nav="search", q=q, mode=mode, filters=filters,
                  options=present.filter_options(docs), results=results, terms=query_terms(q),
                  all_versions=all_versions,
                  error=error, n_docs=len(docs), labels=present.STATE_LABELS)


# -- documents ------------------------------------------------------------------------------------------------

@router.get("/documents")
async def documents_page(request: Request, user: User = Depends(auth.page_user)):
    docs = await run_in_threadpool(request.app.state.service.documents)
    docs = [present.document_json(d) for d in docs]
    return render(request, "documents.html", user=user, nav="documents", docs=docs, labels=present.STATE_LABELS,
                  max_mb=request.app.state.settings.max_file_mb, accept=accept_attribute(), types=accepted_types(),
                  total_chunks=sum(d.get("n_chunks") or 0 for d in docs))


@router.get("/documents/{doc_id}")
async def document_page(request: Request, doc_id: str, q: str = "", c: str = "",
                        user: User = Depends(auth.page_user)):
    service = request.app.state.service
    if not doc_id.isdigit():
        raise HTTPException(404, "Không tìm thấy văn bản này.")
    docs = await run_in_threadpool(service.documents)
    doc = next((d for d in docs if d["doc_id"] == int(doc_id)), None)
    if doc is None:
        raise HTTPException(404, "Không tìm thấy văn bản này (có thể đã bị gỡ).")
    chunks = await run_in_threadpool(service.document_chunks, int(doc_id))
    cited = int(c) if c.isdigit() else None
    sections = document_sections(chunks, query_terms(q[:present.MAX_QUERY]), cited)
    return render(request, "document.html", user=user, nav="documents", doc=present.document_json(doc), sections=sections,
                  cited=cited, q=q, labels=present.STATE_LABELS)


@router.post("/documents/upload")
async def upload_page(request: Request, user: User = Depends(auth.page_user)):
    """The form fallback for uploads without JavaScript (the page uses XHR to /api/documents)."""
    if not user.admin:
        raise HTTPException(403, "Chỉ quản trị viên được tải văn bản lên.")
    form, upload = await upload_from_request(request)
    try:
        if not auth.csrf_ok(request, form.get(auth.CSRF_FIELD)):
            raise HTTPException(403, "Phiên làm việc đã hết hạn. Vui lòng tải lại trang rồi thử lại.")
        result = await ingest_upload(request.app.state.service, request.app.state.settings, upload,
                                     request.app.state.upload_lock)
        _flash(request, result.message, "ok" if result.ok else "error")
    except UploadError as exc:
        _flash(request, exc.message, "error")
    finally:
        await form.close()
    return _redirect("/documents")


@router.post("/documents/remove")
async def remove_page(request: Request, user: User = Depends(auth.page_user)):
    if not user.admin:
        raise HTTPException(403, "Chỉ quản trị viên được gỡ văn bản.")
    form = await _form_csrf(request)
    try:
        removed = await remove_document(request, str(form.get("name", "")), user)
        _flash(request, f"Đã gỡ: {', '.join(removed)}.")
    except HTTPException as exc:
        _flash(request, str(exc.detail), "error")
    return _redirect("/documents")
