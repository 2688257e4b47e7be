"""The JSON API behind the page: /api/search, /api/ask (JSON or streamed), /api/documents, sessions."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from bot.users import User
from bot.web import auth, present
from bot.web.schemas import (UPLOAD_BODY, AskRequest, AskResponse, LoginRequest, Me, RemoveResponse,
                             SearchResponse, UploadResponse)
from bot.web.uploads import UploadError, ingest_upload

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["api"])
BUSY = "Hệ thống đang bận, vui lòng thử lại sau ít phút."
ASK_FAILED = "Đã xảy ra lỗi khi trả lời. Vui lòng thử lại."
BUSY_QUOTED = "Hệ thống đang bận, vui lòng thử lại sau ít phút. Dưới đây là trích dẫn nguyên văn phù hợp nhất."


# -- sessions ------------------------------------------------------------------------------------------

@router.post("/login", response_model=Me, summary="Log in (JSON body only) and get the CSRF token")
async def api_login(body: LoginRequest, request: Request) -> Me:
    throttle: auth.LoginThrottle = request.app.state.throttle
    address = request.client.host if request.client else ""
    if throttle.blocked(address, body.name):
        raise HTTPException(429, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.")
    user = await auth.check_password(request, body.name, body.password)
    if user is None:
        throttle.failed(address, body.name)
        raise HTTPException(401, "Sai tên đăng nhập hoặc mật khẩu.")
    throttle.succeeded(address, body.name)
    auth.log_in(request, user)
    return Me(user=user.name, admin=user.admin, csrf_token=auth.csrf_token(request))


@router.get("/me", response_model=Me, summary="The logged-in account and its CSRF token")
async def api_me(request: Request, user: User = Depends(auth.api_user)) -> Me:
    return Me(user=user.name, admin=user.admin, csrf_token=auth.csrf_token(request))


@router.post("/logout", dependencies=[Depends(auth.api_writer)])
async def api_logout(request: Request) -> dict:
    auth.log_out(request)
    return {"ok": True}


# -- reading -------------------------------------------------------------------------------------------

@router.get("/search", response_model=SearchResponse, summary="Hybrid search over the indexed clauses")
async def api_search(request: Request, q: str = Query(..., min_length=1, max_length=present.MAX_QUERY),
                     k: int = Query(10, ge=1, le=50), document: Optional[str] = None,
                     issuer: Optional[str] = None, year: Optional[int] = Query(None, ge=1900, le=2100),
                     all_versions: bool = Query(False, description="Also rank replaced documents normally."),
                     user: User = Depends(auth.api_user)) -> SearchResponse:
    if not q.strip():
        raise HTTPException(400, "Vui lòng nhập từ khoá cần tìm.")
    service = request.app.state.service
    filters = present.clean_filters(document, issuer, year)
    try:
        hits = await run_in_threadpool(service.search, q, k=k, filters=filters or None,
                                       all_versions=all_versions)
        states = present.doc_states(await run_in_threadpool(service.documents))
    except Exception:
        log.exception("search failed")
        raise HTTPException(500, "Lỗi khi tra cứu. Vui lòng thử lại sau.")
    results = [present.hit_json(h, rank=i, query=q, states=states) for i, h in enumerate(hits, 1)]
    return SearchResponse(query=q, filters=filters, results=results)


async def _acquire_slot(request: Request) -> None:
    try:
        await asyncio.wait_for(request.app.state.ask_slots.acquire(), timeout=request.app.state.ask_wait)
    except asyncio.TimeoutError:
        raise HTTPException(503, BUSY, headers={"Retry-After": "30"})


def _start_ask(request: Request, body: AskRequest, emit) -> asyncio.Future:
    """Run service.ask in a worker thread; `emit(event, data)` is called from that thread.

    The answer slot bounds retrieval, the CPU-heavy part every ask has: it is given back as soon
    as the extractive answer is made (or the work ends), not when the client goes away. The lead
    that may follow waits in the LLM's own short queue, which answers "busy" rather than letting
    an ask wait for it (issue 17: 52 of 60 asks got 503 after 30 s while the LLM held every slot).
    """
    loop = asyncio.get_running_loop()
    service = request.app.state.service
    slots: asyncio.Semaphore = request.app.state.ask_slots
    filters = present.clean_filters(body.document, body.issuer, body.year) or None
    history = [h[:present.MAX_QUERY] for h in body.history[-10:] if isinstance(h, str)]

    released = threading.Event()
    states: dict = {}

    def release():
        if not released.is_set():
            released.set()
            loop.call_soon_threadsafe(slots.release)

    def on_extractive(a):
        emit("extractive", present.answer_json(a, states))
        release()

    def work():
        nonlocal states
        try:
            states = present.doc_states(service.documents())
            answer = service.ask(
                body.question, history=history, filters=filters, all_versions=body.all_versions,
                on_extractive=on_extractive, on_token=lambda t: emit("token", {"t": t}))
            if answer.llm_note == "busy":
                # The generator's own queue is full (more answer slots than it takes, or an LLM shared
                # with other work): the quoted answer with the busy note, not an error (issue 8).
                answer.warnings.insert(0, BUSY_QUOTED)
            final = present.answer_json(answer, states)
            emit("final", final)
            return final
        except Exception:
            log.exception("ask failed")
            emit("error", {"message": ASK_FAILED})
            return None
        finally:
            release()

    return loop.run_in_executor(None, work)


def _check_question(body: AskRequest) -> None:
    if not body.question.strip():
        raise HTTPException(400, "Vui lòng nhập câu hỏi.")
    if len(body.question) > present.MAX_QUERY:
        raise HTTPException(400, f"Câu hỏi quá dài (tối đa {present.MAX_QUERY} ký tự).")


@router.post("/ask", response_model=AskResponse, summary="Answer a question with numbered sources",
             description="With `?stream=1` the reply is text/event-stream: `extractive` (the quoted answer, "
                         "at once), `token` ({t}) while the LLM writes, then `final` (as the JSON reply) or "
                         "`error` ({message}).")
async def api_ask(body: AskRequest, request: Request, stream: bool = False,
                  user: User = Depends(auth.api_writer)):
    _check_question(body)
    await _acquire_slot(request)
    if not stream:
        future = _start_ask(request, body, lambda event, data: None)
        final = await future
        if final is None:
            raise HTTPException(500, ASK_FAILED)
        return final

    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()

    def emit(event, data):
        loop.call_soon_threadsafe(queue.put_nowait, (event, data))

    future = _start_ask(request, body, emit)
    future.add_done_callback(lambda _: queue.put_nowait((None, None)))

    async def events():
        yield ": ok\n\n"  # headers and a first byte at once, so the page can show "đang trả lời…"
        while True:
            event, data = await queue.get()
            if event is None:
                return
            yield f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get("/documents", summary="Indexed documents with chunk counts, dates and status")
async def api_documents(request: Request, user: User = Depends(auth.api_user)) -> list[dict]:
    docs = await run_in_threadpool(request.app.state.service.documents)
    return [present.document_json(d) for d in docs]


# -- writing (admins) ----------------------------------------------------------------------------------

def check_length(request: Request) -> None:
    """Refuse an oversized upload from its Content-Length, before reading the body."""
    limit = int(request.app.state.settings.max_file_mb * (1 << 20)) + 64 * 1024  # + multipart overhead
    length = request.headers.get("content-length")
    if length is None:
        raise HTTPException(411, "Thiếu độ dài dữ liệu (Content-Length).")
    try:
        size = int(length)
    except ValueError:
        raise HTTPException(400, "Content-Length không hợp lệ.")
    if size > limit:
        mb = request.app.state.settings.max_file_mb
        raise HTTPException(413, f"Tệp quá lớn (tối đa {mb:g} MB).")


async def upload_from_request(request: Request):
    """The one file of a multipart upload, after the auth and length checks (so the body is read last)."""
    check_length(request)
    try:
        form = await request.form(max_files=1, max_fields=5)
    except Exception:
        raise HTTPException(400, "Dữ liệu tải lên không hợp lệ.")
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise HTTPException(400, "Chưa chọn tệp để tải lên.")
    return form, upload


@router.post("/documents", response_model=UploadResponse, openapi_extra=UPLOAD_BODY,
             summary="Upload and ingest one document (admin)",
             responses={413: {"description": "Too large"}, 415: {"description": "Unsupported type"},
                        422: {"description": "Unreadable file; the index is unchanged"}})
async def api_upload(request: Request, user: User = Depends(auth.api_admin_writer)):
    form, upload = await upload_from_request(request)
    try:
        result = await ingest_upload(request.app.state.service, request.app.state.settings, upload,
                                     request.app.state.upload_lock)
    except UploadError as exc:
        return JSONResponse({"ok": False, "detail": exc.message, "message": exc.message,
                             "name": upload.filename or ""}, status_code=exc.status)
    finally:
        await form.close()
    log.info("upload by %s: %s: %s", user.name, result.name, "ok" if result.ok else "refused")
    body = {"ok": result.ok, "name": result.name, "message": result.message, "chunks": result.chunks,
            "report": result.report}
    if not result.ok:
        return JSONResponse({**body, "detail": result.message}, status_code=422)
    return body


@router.delete("/documents/{name:path}", response_model=RemoveResponse,
               summary="Remove a document by file name or số hiệu (admin)")
async def api_remove(name: str, request: Request,
                     user: User = Depends(auth.api_admin_writer)) -> RemoveResponse:
    removed = await remove_document(request, name, user)
    return RemoveResponse(removed=removed, message=f"Đã gỡ: {', '.join(removed)}.")


async def remove_document(request: Request, name: str, user: User) -> list[str]:
    """Remove by name; 404 when nothing matched. Shared with the documents page."""
    name = (name or "").strip()
    if not name:
        raise HTTPException(400, "Chưa chọn văn bản cần gỡ.")
    async with request.app.state.upload_lock:
        removed = (await run_in_threadpool(request.app.state.service.remove, name)).removed
    if not removed:
        raise HTTPException(404, f"Không có văn bản «{name}» trong chỉ mục.")
    log.info("removed by %s: %s", user.name, ", ".join(removed))
    return removed
