// The agents' side panel: ask, stream the answer (SSE over fetch), show sources and notices,
// copy, rate, restore the conversation after a reload and sign in again without losing the
// question. Plain JavaScript, no libraries, no network beyond this server. Drawing is in
// answer_view.js (window.CopilotView), the source sheet in sheet.js (window.CopilotSheet).
(function () {
  "use strict";

  const { el, appendSentence, renderAnswerText, renderCitations, renderGuard, renderNextSteps } =
    window.CopilotView;
  let csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
  const form = document.getElementById("ask-form");
  const question = document.getElementById("question");
  const send = document.getElementById("send");
  const turns = document.getElementById("turns");
  const empty = document.getElementById("empty");
  const status = document.getElementById("ask-status");
  const template = document.getElementById("turn-template");
  const conversation = document.querySelector(".conversation");
  const reauth = document.getElementById("reauth");
  const STORED = "copilot.conversation";
  const LONG_QUESTION = 280;
  // The open conversation survives a reload; where the browser refuses storage to a framed
  // panel (another site's agent desktop), the panel works without it.
  const remember = {
    get() { try { return sessionStorage.getItem(STORED); } catch (_) { return null; } },
    set(id) { try { sessionStorage.setItem(STORED, id); } catch (_) { /* not kept */ } },
    forget() { try { sessionStorage.removeItem(STORED); } catch (_) { /* not kept */ } },
  };
  let conversationId = remember.get();
  let busy = false;
  let pending = "";  // a question kept while the agent signs in again

  async function postJSON(url, body, accept) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, Accept: accept || "application/json" },
      body: JSON.stringify(body),
    });
  }

  async function errorText(response) {
    if (response.status === 401) return "Your sign-in has expired. Sign in again below.";
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
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
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
    } finally {
      reader.cancel().catch(() => {});  // a reader left early lets the connection go
    }
  }

  const squash = (text) => text.replace(/\s+/g, " ").trim();

  function newTurn(text) {
    const turn = template.content.firstElementChild.cloneNode(true);
    turn.querySelector(".question-text").textContent = text;
    if (text.length > LONG_QUESTION || text.split("\n").length > 5) {
      turn.querySelector(".question").classList.add("collapsed");
      turn.querySelector(".question-toggle").hidden = false;
    }
    turns.append(turn);
    empty.hidden = true;
    return turn;
  }

  function showSearchedAs(turn, typed, searched) {
    if (!searched || squash(searched) === squash(typed)) return;
    const line = turn.querySelector(".searched-as");
    line.querySelector(".searched-text").textContent = searched;
    line.hidden = false;
  }

  function renderFinal(turn, payload) {
    const answer = turn.querySelector(".answer");
    const result = payload.result;
    const citations = result.citations || [];
    answer.dataset.answerId = payload.answer_id;
    answer.dataset.answerText = result.answer;
    answer.citations = citations;
    renderAnswerText(answer.querySelector(".answer-body"), result, citations);
    if (result.urgent) answer.querySelector(".banner-urgent").hidden = false;
    if (payload.phi_notice) {
      const phi = answer.querySelector(".notice-phi");
      phi.textContent = payload.phi_notice.charAt(0).toUpperCase() + payload.phi_notice.slice(1);
      phi.hidden = false;
    }
    renderGuard(answer, result);
    renderNextSteps(answer, result.next_steps);
    renderCitations(answer, citations);
    answer.querySelector(".answer-actions").hidden = false;
  }

  // A stored turn (after a reload): the redacted question, the answer and its documents.
  function renderStored(stored) {
    const turn = newTurn(stored.question);
    turn.classList.add("restored");
    const answer = turn.querySelector(".answer");
    answer.dataset.answerId = stored.answer_id;
    answer.dataset.answerText = stored.answer;
    answer.citations = stored.sources;
    renderAnswerText(answer.querySelector(".answer-body"), stored, []);
    if (stored.urgent) answer.querySelector(".banner-urgent").hidden = false;
    renderGuard(answer, { verdict: stored.verdict, violations: [] });
    renderNextSteps(answer, stored.next_steps);
    renderCitations(answer, stored.sources);
    answer.querySelector(".answer-actions").hidden = false;
  }

  // The agent's recent conversations; picking one shows it and continues it.
  const history = document.getElementById("history");
  const historyButton = document.getElementById("show-history");

  async function toggleHistory() {
    if (!history.hidden) { history.hidden = true; historyButton.setAttribute("aria-expanded", "false"); return; }
    const list = history.querySelector(".history-list");
    const response = await fetch("/api/conversations", { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (response.status === 401) { showReauth("Your sign-in has expired; sign in again to see your conversations."); return; }
    const recent = response.ok ? await response.json() : [];
    list.replaceChildren(...recent.map((c) => {
      const pick = el("button", "history-item");
      pick.type = "button";
      pick.dataset.conversation = c.conversation_id;
      const when = new Date(c.last_at).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
      pick.append(el("span", "history-question", c.first_question),
        el("span", "history-meta", `${c.turns} question${c.turns > 1 ? "s" : ""} · ${when}`));
      if (c.conversation_id === conversationId) pick.setAttribute("aria-current", "true");
      const item = el("li");
      item.append(pick);
      return item;
    }));
    if (!recent.length) list.append(el("li", "muted", "No earlier conversations."));
    history.hidden = false;
    historyButton.setAttribute("aria-expanded", "true");
  }

  historyButton.addEventListener("click", toggleHistory);
  history.addEventListener("click", (event) => {
    const pick = event.target.closest(".history-item");
    if (!pick || busy) return;
    conversationId = pick.dataset.conversation;
    remember.set(conversationId);
    turns.replaceChildren();
    history.hidden = true;
    historyButton.setAttribute("aria-expanded", "false");
    restore().finally(() => question.focus());
  });

  async function restore() {
    if (!conversationId) return;
    const response = await fetch(`/api/conversations/${encodeURIComponent(conversationId)}`, {
      credentials: "same-origin", headers: { Accept: "application/json" },
    });
    if (!response.ok) return;
    const stored = await response.json();
    stored.turns.forEach(renderStored);
    if (stored.turns.length) {
      status.textContent = `Restored ${stored.turns.length} earlier question(s) of this conversation.`;
      reveal(turns.lastElementChild, "auto");
    }
  }

  function showError(answer, message) {
    answer.querySelector(".answer-body").replaceChildren(el("p", "alert alert-error", message));
  }

  // Bring a turn's question to the top of the conversation (only the conversation scrolls, never
  // the page or an agent desktop framing the panel).
  function reveal(turn, behavior) {
    conversation.scrollTo({ top: turn.offsetTop - 8, behavior });
  }

  function showReauth(message) {
    reauth.hidden = false;
    reauth.querySelector(".reauth-error").textContent = "";
    reauth.querySelector("#reauth-password").focus();
    status.textContent = message;
  }

  function askAgainAfterSignIn(turn, text) {
    turn.remove();
    empty.hidden = turns.children.length > 0;
    pending = text;
    question.value = text;
    showReauth("Your sign-in has expired; your question is kept.");
  }

  async function ask(text) {
    busy = true;
    send.disabled = true;
    turns.setAttribute("aria-busy", "true");
    status.textContent = "Answering…";
    const turn = newTurn(text);
    const answer = turn.querySelector(".answer");
    let expired = false;
    reveal(turn, "smooth");
    try {
      const response = await postJSON("/api/ask/stream", { question: text, conversation_id: conversationId }, "text/event-stream");
      if (response.status === 401) { expired = true; askAgainAfterSignIn(turn, text); return; }
      if (!response.ok) { showError(answer, await errorText(response)); return; }
      for await (const { event, data } of readEvents(response)) {
        if (event === "sentence") {
          appendSentence(answer.querySelector(".answer-body"), data.text);
        } else if (event === "restart") {  // the model broke off; the documents' answer follows
          answer.querySelector(".answer-body").replaceChildren();
        } else if (event === "final") {
          conversationId = data.conversation_id;
          remember.set(conversationId);
          showSearchedAs(turn, text, data.result.redacted_question);
          renderFinal(turn, data);
          reveal(turn, "auto");
          break;  // the last event: the panel takes the next question now, not when the stream closes
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
      if (!expired) question.focus();
    }
  }

  // Sign in again in place: the sign-in form's nonce from /login, then its POST; the new
  // session's CSRF token comes from the panel page the sign-in redirects to.
  async function signInAgain(user, password) {
    const parse = (html) => new DOMParser().parseFromString(html, "text/html");
    const loginPage = parse(await (await fetch("/login", { credentials: "same-origin" })).text());
    const body = new URLSearchParams({
      username: user, password, next: "/",
      form_token: loginPage.querySelector('input[name="form_token"]')?.value || "",
    });
    const response = await fetch("/login", { method: "POST", body, credentials: "same-origin" });
    const page = parse(await response.text());
    const token = page.querySelector('meta[name="csrf-token"]')?.content;
    if (!response.ok || !token || new URL(response.url).pathname !== "/") {
      return page.querySelector(".alert-error")?.textContent || `Sign-in failed (HTTP ${response.status}).`;
    }
    csrf = token;
    return "";
  }

  reauth.addEventListener("submit", async (event) => {
    event.preventDefault();
    const user = reauth.querySelector("#reauth-user").value.trim();
    const password = reauth.querySelector("#reauth-password");
    const button = reauth.querySelector("button[type=submit]");
    button.disabled = true;
    const problem = await signInAgain(user, password.value).catch(() => "The copilot cannot be reached. Try again.");
    button.disabled = false;
    if (problem) {
      reauth.querySelector(".reauth-error").textContent = problem;
      password.select();
      return;
    }
    password.value = "";
    reauth.hidden = true;
    // A question kept at expiry is sent now (as the box shows it); otherwise nothing is sent.
    const text = pending && (question.value.trim() || pending);
    pending = "";
    if (text) { question.value = ""; ask(text); } else question.focus();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text || busy || !reauth.hidden) return;
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
    remember.forget();
    turns.replaceChildren();
    empty.hidden = false;
    status.textContent = "New conversation started.";
    question.focus();
  });

  async function sendFeedback(answer, rating, comment) {
    const response = await postJSON("/api/feedback", { answer_id: answer.dataset.answerId, rating, comment });
    if (response.status === 401) showReauth("Your sign-in has expired; sign in again, then send the feedback again.");
    return response.ok ? "" : await errorText(response);
  }

  async function copyText(button, text, label) {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied ✓";
    } catch (_) {
      button.textContent = "Copy failed — select the text";
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  }

  turns.addEventListener("click", async (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const answer = button.closest(".answer");
    if (button.classList.contains("copy")) {
      copyText(button, answer.dataset.answerText || "", "Copy answer");
    } else if (button.classList.contains("copy-line")) {
      copyText(button, button.dataset.text, "Copy");
    } else if (button.classList.contains("next-step")) {
      copyText(button, button.dataset.text, button.dataset.label);
    } else if (button.dataset.cite) {
      const citation = answer.citations[+button.dataset.cite - 1];
      const expired = () => showReauth("Your sign-in has expired; sign in again to open the source.");
      if (citation) window.CopilotSheet.open(citation, expired);
    } else if (button.classList.contains("question-toggle")) {
      const asked = button.closest(".turn").querySelector(".question");
      const collapsed = asked.classList.toggle("collapsed");
      button.textContent = collapsed ? "Show the whole question" : "Show less";
      button.setAttribute("aria-expanded", String(!collapsed));
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

  restore().finally(() => question.focus());
})();
