// How an answer is drawn in the side panel: statements with their [n] source links and a copy
// button each, policy notes as callouts, the guard's notice, next-step chips and the sources. Shared by
// live answers and answers restored after a reload (window.CopilotView, used by panel.js).
(function () {
  "use strict";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // What an agent copies or reads out: no [n] markers, no wrapping quotation marks.
  function spoken(text) {
    return text.replace(/\s*\[\d+\]/g, "").trim().replace(/^["“](.*)["”]$/s, "$1").trim();
  }

  // A paragraph as statements, each ending at its citation markers ("… [2]"): the markers open
  // the source (when ``linked``), and each statement has its own copy button.
  function fillParagraph(paragraph, text, linked) {
    const pieces = text.split(/((?:\s*\[\d+\])+)/);
    for (let i = 0; i < pieces.length; i += 2) {
      const words = pieces[i];
      const marks = pieces[i + 1] || "";
      if (!words.trim() && !marks) continue;
      const statement = el("span", "statement");
      statement.append(document.createTextNode(words.replace(/^\s+/, i ? " " : "")));
      for (const match of marks.matchAll(/\[(\d+)\]/g)) {
        if (linked(+match[1])) {
          const ref = el("button", "cite-ref", `[${match[1]}]`);
          ref.type = "button";
          ref.dataset.cite = match[1];
          ref.setAttribute("aria-label", `Open source ${match[1]}`);
          statement.append(" ", ref);
        } else {
          statement.append(` [${match[1]}]`);
        }
      }
      if (spoken(words)) {
        const copy = el("button", "copy-line", "Copy");
        copy.type = "button";
        copy.dataset.text = spoken(words);
        copy.setAttribute("aria-label", "Copy this statement");
        statement.append(" ", copy);
      }
      paragraph.append(statement);
    }
    return paragraph;
  }

  // A sentence streamed before the final answer: appended as statements (copyable at once), its
  // [n] markers not yet links; the final answer is drawn over it.
  function appendSentence(container, text) {
    let paragraph = container.querySelector(".answer-text.streamed");
    if (paragraph) paragraph.append(" ");
    else {
      paragraph = el("p", "answer-text streamed");
      container.replaceChildren(paragraph);
    }
    fillParagraph(paragraph, text, () => false);
  }

  function noteCallout(text) {
    const box = el("div", "note");
    box.append(el("span", "note-label", "Policy note"), el("p", "note-text", text));
    return box;
  }

  // ``result``: {answer, notes, urgent}; ``citations`` are the sources [n] markers point at.
  function renderAnswerText(container, result, citations) {
    container.replaceChildren();
    const linked = (n) => n >= 1 && n <= citations.length;
    const notes = new Set((result.notes || []).map((n) => n.trim()));
    const shown = new Set();
    const paragraphs = result.answer.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
    paragraphs.forEach((text, i) => {
      if (notes.has(text)) {
        container.append(noteCallout(text));
        shown.add(text);
      } else {
        const className = result.urgent && i === 0 ? "answer-text urgent-text" : "answer-text";
        container.append(fillParagraph(el("p", className), text, linked));
      }
    });
    for (const note of notes) if (!shown.has(note)) container.append(noteCallout(note));
  }

  // Snippets are Markdown source; show them as plain reading text.
  function plainSnippet(text) {
    return text
      .replace(/^#{1,6}\s+/gm, "")
      .replace(/^>\s?/gm, "")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
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
      const open = el("button", "btn-ghost cite-open", "Open document");
      open.type = "button";
      open.dataset.cite = String(i + 1);
      details.append(open);
      item.append(details);
      list.append(item);
    });
    answer.querySelector(".citations").hidden = false;
  }

  // Suggested next steps ({kind, label, script}): a chip shows the label and copies the script.
  function renderNextSteps(answer, steps) {
    if (!steps || !steps.length) return;
    const box = answer.querySelector(".next-steps");
    for (const step of steps) {
      const chip = el("button", `chip next-step next-step-${step.kind}`, step.label);
      chip.type = "button";
      chip.dataset.text = step.script;
      chip.dataset.label = step.label;
      chip.title = step.script;
      box.append(chip);
    }
    box.hidden = false;
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

  window.CopilotView = { el, appendSentence, renderAnswerText, renderCitations, renderGuard, renderNextSteps };
})();
