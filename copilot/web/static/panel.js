// The agents' side panel: ask, stream the answer (SSE over fetch), show sources and notices,
// copy, and rate. Plain JavaScript, no libraries, no network beyond this server.
(function () {
  "use strict";

  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
  const form = document.getElementById("ask-form");
  const question = document.getElementById("question");
  const send = document.getElementById("send");
  const turns = document.getElementById("turns");
  const empty = document.getElementById("empty");
  const status = document.getElementById("ask-status");
  const template = document.getElementById("turn-template");
  let conversationId = null;
  let busy = false;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function postJSON(url, body, accept) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, Accept: accept || "application/json" },
      body: JSON.stringify(body),
    });
  }

  async function errorText(response) {
    if (response.status === 401) return "Your sign-in has expired. Reload the page to sign in again.";
    try {
      const data = await response.json();
      if (typeof data.detail === "string") return data.detail;
      if (Array.isArray(data.detail)) return data.detail.map((d) => `${d.field}: ${d.problem}`).join("; ");
    } catch (_) { /* not JSON */ }
    return `The copilot could not answer (HTTP ${response.status}).`;
  }

  // Server-sent events arrive in chunks; split complete events on blank lines.
  async function* readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const raw = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = "message";
        const data = [];
        for (const line of raw.split("\n")) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        }
        if (data.length) yield { event, data: JSON.parse(data.join("\n")) };
      }
    }
  }

  function renderAnswerText(container, result) {
    container.replaceChildren();
    const notes = new Set((result.notes || []).map((n) => n.trim()));
    const shown = new Set();
    const paragraphs = result.answer.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
    paragraphs.forEach((text, i) => {
      if (notes.has(text)) {
        container.append(noteCallout(text));
        shown.add(text);
      } else if (result.urgent && i === 0) {
        container.append(el("p", "answer-text urgent-text", text));
      } else {
        container.append(el("p", "answer-text", text));
      }
    });
    for (const note of notes) if (!shown.has(note)) container.append(noteCallout(note));
  }

  function noteCallout(text) {
    const box = el("div", "note");
    box.append(el("span", "note-label", "Policy note"), el("p", "note-text", text));
    return box;
  }

  // Snippets are Markdown source; show them as plain reading text.
  function plainSnippet(text) {
    return text
      .replace(/^#{1,6}\s+/gm, "")
      .replace(/^>\s?/gm, "")
      .replace(/\*\*(.+?)\*\*/g, "$1")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }

  function describeCitation(c) {
    const parts = [c.section, c.page ? `p. ${c.page}` : "", c.last_updated ? `updated ${c.last_updated}` : ""];
    return parts.filter(Boolean).join(" · ");
  }

  function renderCitations(answer, citations) {
    if (!citations.length) return;
    const list = answer.querySelector(".citation-list");
    citations.forEach((c, i) => {
      const item = el("li", "citation");
      const details = el("details");
      const summary = el("summary");
      summary.append(el("span", "cite-num", `${i + 1}`), el("span", "cite-title", c.title));
      const meta = describeCitation(c);
      if (meta) summary.append(el("span", "cite-meta", meta));
      details.append(summary);
      if (c.snippet) details.append(el("blockquote", "snippet", plainSnippet(c.snippet)));
      details.append(el("p", "cite-source", c.source));
      item.append(details);
      list.append(item);
    });
    answer.querySelector(".citations").hidden = false;
  }

  function renderGuard(answer, result) {
    if (result.verdict === "pass") return;
    const box = answer.querySelector(".notice-guard");
    box.classList.add(result.verdict === "blocked" ? "notice-blocked" : "notice-revised");
    const heading = result.verdict === "blocked"
      ? "Blocked: the draft broke policy and could not be fixed, so a safe reply is shown."
      : "Revised: the draft broke policy and was reworded.";
    box.append(el("p", "notice-title", heading));
    const list = el("ul", "rules");
    const seen = new Set();
    for (const v of result.violations || []) {
      const key = `${v.rule}|${v.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const li = el("li");
      li.append(el("strong", "", v.rule), document.createTextNode(` — ${v.message}`));
      list.append(li);
    }
    if (list.children.length) box.append(list);
    box.hidden = false;
  }

  function renderFinal(answer, payload) {
    const result = payload.result;
    answer.dataset.answerId = payload.answer_id;
    answer.dataset.answerText = result.answer;
    renderAnswerText(answer.querySelector(".answer-body"), result);
    if (result.urgent) answer.querySelector(".banner-urgent").hidden = false;
    if (payload.phi_notice) {
      const phi = answer.querySelector(".notice-phi");
      phi.textContent = payload.phi_notice.charAt(0).toUpperCase() + payload.phi_notice.slice(1);
      phi.hidden = false;
    }
    renderGuard(answer, result);
    renderCitations(answer, result.citations || []);
    answer.querySelector(".answer-actions").hidden = false;
  }

  function showError(answer, message) {
    const body = answer.querySelector(".answer-body");
    body.replaceChildren(el("p", "alert alert-error", message));
  }

  async function ask(text) {
    busy = true;
    send.disabled = true;
    turns.setAttribute("aria-busy", "true");
    status.textContent = "Answering…";
    empty.hidden = true;
    const turn = template.content.firstElementChild.cloneNode(true);
    turn.querySelector(".question-text").textContent = text;
    turns.append(turn);
    const answer = turn.querySelector(".answer");
    const textBox = answer.querySelector(".answer-text");
    turn.scrollIntoView({ block: "start", behavior: "smooth" });
    try {
      const response = await postJSON("/api/ask/stream", { question: text, conversation_id: conversationId }, "text/event-stream");
      if (!response.ok) { showError(answer, await errorText(response)); return; }
      let first = true;
      for await (const { event, data } of readEvents(response)) {
        if (event === "sentence") {
          if (first) { textBox.textContent = ""; first = false; }
          textBox.textContent += (textBox.textContent ? " " : "") + data.text;
        } else if (event === "final") {
          conversationId = data.conversation_id;
          renderFinal(answer, data);
        } else if (event === "error") {
          showError(answer, data.detail);
        }
      }
      status.textContent = "Answer ready.";
    } catch (err) {
      showError(answer, "The connection to the copilot was lost. Please try again.");
    } finally {
      busy = false;
      send.disabled = false;
      turns.setAttribute("aria-busy", "false");
      question.focus();
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text || busy) return;
    question.value = "";
    ask(text);
  });

  question.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  document.getElementById("new-conversation").addEventListener("click", () => {
    conversationId = null;
    turns.replaceChildren();
    empty.hidden = false;
    status.textContent = "New conversation started.";
    question.focus();
  });

  async function sendFeedback(answer, rating, comment) {
    const response = await postJSON("/api/feedback", { answer_id: answer.dataset.answerId, rating, comment });
    return response.ok ? "" : await errorText(response);
  }

  turns.addEventListener("click", async (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const answer = button.closest(".answer");
    if (button.classList.contains("copy")) {
      try {
        await navigator.clipboard.writeText(answer.dataset.answerText || "");
        button.textContent = "Copied ✓";
      } catch (_) {
        button.textContent = "Copy failed — select the text";
      }
      setTimeout(() => { button.textContent = "Copy answer"; }, 2000);
    } else if (button.classList.contains("rate")) {
      const rating = button.dataset.rating;
      answer.querySelectorAll(".rate").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
      answer.dataset.rating = rating;
      const feedbackForm = answer.querySelector(".feedback-form");
      const note = feedbackForm.querySelector(".feedback-status");
      feedbackForm.hidden = false;
      const problem = await sendFeedback(answer, rating, "");
      note.textContent = problem || "Thanks! Add a comment if you like.";
      feedbackForm.querySelector(".feedback-comment").focus();
    }
  });

  turns.addEventListener("submit", async (event) => {
    const feedbackForm = event.target.closest(".feedback-form");
    if (!feedbackForm) return;
    event.preventDefault();
    const answer = feedbackForm.closest(".answer");
    const comment = feedbackForm.querySelector(".feedback-comment").value.trim();
    const note = feedbackForm.querySelector(".feedback-status");
    const problem = await sendFeedback(answer, answer.dataset.rating || "down", comment);
    note.textContent = problem || "Feedback sent. Thank you.";
  });

  // Label the per-answer comment boxes (ids must be unique per answer).
  let labelCounter = 0;
  new MutationObserver(() => {
    turns.querySelectorAll(".feedback-comment:not([id])").forEach((box) => {
      box.id = `feedback-comment-${++labelCounter}`;
      box.closest(".feedback-form").querySelector(".feedback-label").htmlFor = box.id;
    });
  }).observe(turns, { childList: true });

  question.focus();
})();
