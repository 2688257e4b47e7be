// hoidap staff page: streamed answers ("Hỏi"), upload with progress, confirmations, TOC on phones.
// Untrusted text (answers, clauses, file names) only ever goes into textContent, never innerHTML.
"use strict";

const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function showFlash(text, kind) {
  const box = document.getElementById("js-flash");
  if (!box) return;
  box.textContent = text;
  box.className = "flash " + (kind || "ok");
  box.hidden = false;
}

// ---- confirmations and small layout tweaks ------------------------------------------------------
document.addEventListener("submit", (ev) => {
  const msg = ev.target.dataset && ev.target.dataset.confirm;
  if (msg && !window.confirm(msg)) ev.preventDefault();
});

function setupToc() {
  const toc = document.getElementById("toc");
  if (toc && window.matchMedia("(max-width: 959px)").matches) toc.open = false;
}

function showCitedHeading() {
  // Opened at #chunk-N: when the clause sits near the top of its Điều, show the Điều heading too.
  if (!location.hash.startsWith("#chunk-")) return;
  const target = document.getElementById(location.hash.slice(1));
  const section = target && target.closest("section");
  if (!section) return;
  const gap = target.getBoundingClientRect().top - section.getBoundingClientRect().top;
  if (gap < window.innerHeight * 0.35) section.scrollIntoView({ block: "start" });
  const toc = document.getElementById("toc");
  const link = toc && toc.querySelector(`a[href="#${section.id}"]`);
  if (link) {
    link.classList.add("current");
    toc.scrollTop = Math.max(0, link.offsetTop - toc.clientHeight / 3);
  }
}

// ---- "Hỏi": streamed answers ------------------------------------------------------------------------
const MODE_LABEL = {
  generated: "Câu trả lời soạn từ các nguồn dưới đây",
  extractive: "Trích nguyên văn từ văn bản",
  refused: "Tài liệu hiện có không trả lời được câu hỏi này",
};
const STATE_LABEL = {
  in_force: "đang có hiệu lực", replaced: "đã bị thay thế", amended: "được sửa đổi",
  not_yet: "chưa có hiệu lực", secondary: "tài liệu tham khảo",
};
const asked = [];  // earlier questions of this conversation, for follow-ups
let turnCount = 0;

function answerNodes(text, turnId, direct) {
  // The direct span (the verbatim sentence or list that states what was asked) is marked; put first
  // when the answer text does not hold it (a generated answer).
  const span = direct && direct.text ? direct.text.trim() : "";
  const at = span ? text.indexOf(span) : -1;
  if (span) {
    const frag = document.createDocumentFragment();
    const mark = el("mark", { class: "direct" });
    mark.append(citeNodes(span, turnId));
    if (at < 0) frag.append(mark, "\n\n", citeNodes(text, turnId));
    else frag.append(citeNodes(text.slice(0, at), turnId), mark, citeNodes(text.slice(at + span.length), turnId));
    return frag;
  }
  return citeNodes(text, turnId);
}

function citeNodes(text, turnId) {
  // "[2]" becomes a link to source 2 of this turn; everything else stays plain text.
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(/\[(\d{1,2})\]/g)) {
    frag.append(text.slice(last, m.index));
    frag.append(el("a", { href: `#src-${turnId}-${m[1]}`, class: "cite", text: m[0] }));
    last = m.index + m[0].length;
  }
  frag.append(text.slice(last));
  return frag;
}

function sourceItem(c, turnId) {
  const article = c.kind === "article" || c.kind === "explainer";
  // an article is named by its paper and date, or its headline and date (issue 16)
  const name = article ? c.label : c.number;
  const head = el("a", { href: c.url, class: "cite", text: `[${c.n}] ${name || c.source}` });
  const li = el("li", { id: `src-${turnId}-${c.n}` }, head, " ",
    el("span", { text: article && !c.publisher ? "" : c.title || "" }),
    el("div", { class: "section", text: c.section || "" }));
  if (c.basis_refs && c.basis_refs.length) {
    const basis = el("div", { class: "basis", text: "căn cứ: " });
    c.basis_refs.forEach((b, i) => {
      if (i) basis.append("; ");
      basis.append(b.url ? el("a", { href: b.url, class: "basis-link", text: b.label }) : b.label);
    });
    li.append(basis);
  }
  const status = c.status || STATE_LABEL[c.state] || "";
  if (status) li.append(el("span", { class: `badge state-${c.state || "in_force"}`, text: status }));
  const det = el("details", {}, el("summary", { text: "Nguyên văn" }), el("div", { class: "quote", text: c.text || "" }));
  li.append(det);
  return li;
}

function renderAnswer(turn, data, provisional) {
  const body = turn.querySelector(".body");
  body.replaceChildren();
  const mode = data.refused ? "refused" : data.mode;
  body.append(el("div", { class: "mode", text: (MODE_LABEL[mode] || "") + (provisional ? " — đang soạn câu trả lời đầy đủ…" : "") }));
  for (const w of data.warnings || []) body.append(el("p", { class: "warning", text: "⚠ " + w }));
  const ans = el("div", { class: "answer" });
  // `body` is the answer without its warning lines: they are shown above it, once.
  ans.append(answerNodes(data.body || data.answer || "", turn.dataset.turn, data.direct));
  body.append(ans);
  if (data.citations && data.citations.length) {
    const list = el("ol", { class: "sources" });
    for (const c of data.citations) list.append(sourceItem(c, turn.dataset.turn));
    body.append(el("h3", { text: "Nguồn" }), list);
  } else if (data.refused && data.nearest && data.nearest.length) {
    const list = el("ul", { class: "sources" });
    for (const d of data.nearest) {
      const label = [d.number, d.title || d.source].filter(Boolean).join(" — ");
      list.append(el("li", { text: label || JSON.stringify(d) }));
    }
    body.append(el("h3", { text: "Văn bản gần nhất" }), list);
  }
}

function parseFrame(frame) {
  let event = "message";
  const data = [];
  for (const line of frame.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return data.length ? { event, data: JSON.parse(data.join("\n")) } : null;
}

async function ask(question, form) {
  const conv = document.getElementById("conversation");
  const id = String(++turnCount);
  const turn = el("article", { class: "turn", "data-turn": id },
    el("p", { class: "question", text: question }),
    el("div", { class: "body" }, el("p", { class: "spinner", text: "Đang tìm trong văn bản" })));
  conv.append(turn);
  turn.scrollIntoView({ block: "nearest" });
  const fd = new FormData(form);
  const payload = { question, history: asked.slice(-5) };
  for (const key of ["document", "issuer"]) if (fd.get(key)) payload[key] = fd.get(key);
  if (fd.get("year")) payload.year = Number(fd.get("year"));
  if (fd.get("all") === "1") payload.all_versions = true;
  const button = document.getElementById("go");
  button.disabled = true;
  let generated = null;
  try {
    const resp = await fetch("/api/ask?stream=1", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf(), Accept: "text/event-stream" },
      body: JSON.stringify(payload),
    });
    if (resp.status === 401) { window.location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search); return; }
    if (!resp.ok) {
      let msg = "Không trả lời được, vui lòng thử lại.";
      try { msg = (await resp.json()).detail || msg; } catch (e) { /* not JSON */ }
      turn.querySelector(".body").replaceChildren(el("p", { class: "error", text: msg }));
      return;
    }
    const reader = resp.body.getReader();
    const decoder = new TextDecoder();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buf.indexOf("\n\n")) >= 0) {
        const msg = parseFrame(buf.slice(0, cut));
        buf = buf.slice(cut + 2);
        if (!msg) continue;
        if (msg.event === "extractive") renderAnswer(turn, msg.data, true);
        else if (msg.event === "token") {
          if (generated === null) {
            generated = "";
            const body = turn.querySelector(".body");
            body.querySelector(".answer") || body.append(el("div", { class: "answer" }));
            const mode = body.querySelector(".mode");
            if (mode) mode.textContent = "Đang soạn câu trả lời…";
          }
          generated += msg.data.t;
          turn.querySelector(".answer").textContent = generated;
        } else if (msg.event === "final") renderAnswer(turn, msg.data, false);
        else if (msg.event === "error") turn.querySelector(".body").replaceChildren(el("p", { class: "error", text: msg.data.message }));
      }
    }
    asked.push(question);
    document.getElementById("conv-tools").hidden = false;
  } catch (err) {
    turn.querySelector(".body").replaceChildren(el("p", { class: "error", text: "Mất kết nối tới máy chủ, vui lòng thử lại." }));
  } finally {
    button.disabled = false;
  }
}

function setupSearchForm() {
  const form = document.getElementById("search-form");
  if (!form) return;
  const input = document.getElementById("q");
  const button = document.getElementById("go");
  const modeOf = () => (form.querySelector('input[name="mode"]:checked') || {}).value;
  form.addEventListener("change", (ev) => {
    if (ev.target.name !== "mode") return;
    const asking = modeOf() === "hoi";
    button.textContent = asking ? "Hỏi" : "Tìm";
    input.placeholder = asking ? "Đặt câu hỏi, ví dụ: 88 điểm thì xếp loại gì?" : "Từ khoá hoặc câu hỏi, có dấu hay không dấu đều được";
    if (asking && !document.getElementById("conversation")) form.submit();
  });
  form.addEventListener("submit", (ev) => {
    if (modeOf() !== "hoi" || !document.getElementById("conversation")) return;
    ev.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    const url = new URL(location.href);
    url.searchParams.set("mode", "hoi");
    url.searchParams.set("q", q);
    if (asked.length === 0) window.history.replaceState(null, "", url);
    input.value = "";
    input.placeholder = "Hỏi tiếp, ví dụ: thế còn tập thể thì sao?";
    ask(q, form);
  });
  const conv = document.getElementById("conversation");
  if (conv && conv.dataset.question) ask(conv.dataset.question, form);
  const restart = document.getElementById("new-conversation");
  if (restart) restart.addEventListener("click", () => {
    asked.length = 0;
    conv.replaceChildren();
    document.getElementById("conv-tools").hidden = true;
    input.value = "";
    input.focus();
  });
}

// ---- upload with progress -------------------------------------------------------------------------------
function setupUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const bar = document.getElementById("upload-progress");
  const status = document.getElementById("upload-status");
  const note = sessionStorage.getItem("hoidap-flash");
  if (note) { sessionStorage.removeItem("hoidap-flash"); const n = JSON.parse(note); showFlash(n.text, n.kind); }
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const file = form.querySelector('input[type="file"]').files[0];
    if (!file) return;
    const maxMb = Number(form.dataset.maxMb || "0");
    status.className = "upload-status";
    if (maxMb && file.size > maxMb * 1048576) {
      status.textContent = `Tệp quá lớn (tối đa ${maxMb} MB).`;
      status.className = "upload-status error";
      return;
    }
    const data = new FormData();
    data.append("file", file);
    const xhr = new XMLHttpRequest();
    const button = form.querySelector("button");
    button.disabled = true;
    bar.hidden = false; bar.value = 0;
    status.textContent = "Đang tải lên…";
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      bar.value = Math.round((100 * e.loaded) / e.total);
      status.textContent = `Đang tải lên… ${bar.value}%`;
    });
    xhr.upload.addEventListener("load", () => { bar.removeAttribute("value"); status.textContent = "Đang đọc và lập chỉ mục văn bản…"; });
    xhr.addEventListener("load", () => {
      button.disabled = false;
      bar.hidden = true;
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      const text = body.message || body.detail || `Lỗi ${xhr.status}.`;
      if (xhr.status === 200 && body.ok) {
        sessionStorage.setItem("hoidap-flash", JSON.stringify({ text, kind: "ok" }));
        window.location.reload();
      } else {
        status.textContent = text;
        status.className = "upload-status error";
      }
    });
    xhr.addEventListener("error", () => {
      button.disabled = false; bar.hidden = true;
      status.textContent = "Mất kết nối khi tải lên, vui lòng thử lại.";
      status.className = "upload-status error";
    });
    xhr.open("POST", "/api/documents");
    xhr.setRequestHeader("X-CSRF-Token", csrf());
    xhr.send(data);
  });
}

// After "load": the browser's own jump to the #fragment has happened by then.
window.addEventListener("load", () => requestAnimationFrame(showCitedHeading));

document.addEventListener("DOMContentLoaded", () => {
  setupToc();
  setupSearchForm();
  setupUpload();
});
