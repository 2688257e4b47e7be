"""A slow OpenAI-compatible LLM on loopback, for the tests and the load benchmark alike."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


LLM_MARKER = "nội dung này được quy định cụ thể trong văn bản"
LLM_REPLY = f"Theo nguồn [1], {LLM_MARKER}. Đề nghị xem nguyên văn điều khoản được trích dẫn [1]."


class FakeLLMServer:
    """An OpenAI-compatible /v1/chat/completions on 127.0.0.1 that streams a fixed reply slowly.

    reply: the text, or a function of the request's messages returning it.
    token_delay: seconds before each word. status: answer every request with this HTTP status
    instead (with an error body that echoes the Authorization header when echo_auth is set, as a
    careless proxy might). Records every request (`requests`) and the most served at once (`peak`).
    """

    def __init__(self, reply=LLM_REPLY, token_delay: float = 0.05, status: int = 200, echo_auth: bool = False):
        self.reply, self.token_delay, self.status, self.echo_auth = reply, token_delay, status, echo_auth
        self.requests: list[dict] = []
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()
        self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "FakeLLMServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> "FakeLLMServer":
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
                with outer._lock:
                    outer.requests.append({"messages": body.get("messages", []), "headers": dict(self.headers), "body": body})
                    outer.active += 1
                    outer.peak = max(outer.peak, outer.active)
                try:
                    if outer.status != 200:
                        auth = self.headers.get("authorization", "") if outer.echo_auth else ""
                        self._json(outer.status, {"error": {"message": f"Incorrect API key provided: {auth}",
                                                            "type": "invalid_request_error"}})
                        return
                    reply = outer.reply(body.get("messages", [])) if callable(outer.reply) else outer.reply
                    if body.get("stream"):
                        usage = None
                        if (body.get("stream_options") or {}).get("include_usage"):
                            # words stand in for tokens, as an OpenAI server counts them for the stream
                            prompt = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
                            usage = {"prompt_tokens": prompt, "completion_tokens": len(reply.split()),
                                     "total_tokens": prompt + len(reply.split())}
                        self._stream(reply, usage)
                    else:
                        time.sleep(outer.token_delay * len(reply.split()))
                        self._json(200, _completion(reply))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): fine
                finally:
                    with outer._lock:
                        outer.active -= 1

            def _json(self, status, obj):
                data = json.dumps(obj, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, reply: str, usage: dict | None = None):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                words = reply.split(" ")
                for i, word in enumerate(words):
                    time.sleep(outer.token_delay)
                    piece = word if i == 0 else " " + word
                    self.wfile.write(f"data: {json.dumps(_chunk(piece), ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(f"data: {json.dumps(_chunk('', 'stop'))}\n\n".encode())
                if usage:
                    self.wfile.write(f"data: {json.dumps({**_chunk(''), 'choices': [], 'usage': usage})}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True, name="fake-llm").start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def _chunk(content: str, finish: str | None = None) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()), "model": "fake",
            "choices": [{"index": 0, "delta": {"content": content} if content else {}, "finish_reason": finish}]}


def _completion(text: str) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": "fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
