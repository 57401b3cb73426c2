// The source sheet: a citation opens its document beside the answer, scrolled to the cited
// section, which is highlighted. Documents are shown as text (Markdown headings kept as
// headings, links and emphasis as plain words). Used by panel.js through window.CopilotSheet.
(function () {
  "use strict";

  const dialog = document.getElementById("source-sheet");
  const body = dialog.querySelector(".sheet-body");
  const heading = dialog.querySelector(".sheet-title");
  const meta = dialog.querySelector(".sheet-meta");
  const documents = new Map();

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function plain(text) {
    return text
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\*\*(.+?)\*\*/g, "$1")
      .replace(/__(.+?)__/g, "$1")
      .replace(/`([^`]+)`/g, "$1")
      .replace(/^>\s?/, "");
  }

  const normal = (text) => plain(text).toLowerCase().replace(/\s+/g, " ").trim();

  function renderPage(page) {
    const box = el("section", "sheet-page");
    if (page.number) {
      box.dataset.page = String(page.number);
      box.append(el("p", "sheet-page-label", `Page ${page.number}`));
    }
    let lines = [];
    const flush = () => {
      if (lines.length) box.append(el("p", "sheet-text", lines.map(plain).join("\n")));
      lines = [];
    };
    for (const line of page.text.split("\n")) {
      const match = /^(#{1,6})\s+(.*)$/.exec(line.trim());
      if (match) {
        flush();
        const level = match[1].length;
        const node = el(`h${Math.min(6, level + 2)}`, "sheet-heading", plain(match[2]).trim());
        node.dataset.level = String(level);
        box.append(node);
      } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
        flush();
        box.append(el("hr", "sheet-rule"));
      } else if (!line.trim()) {
        flush();
      } else {
        lines.push(line);
      }
    }
    flush();
    return box;
  }

  // The heading the citation's section path ends with ("Doc > Part > Section"), preferring one
  // under the path's parent heading; then that heading and everything under it.
  function citedBlock(citation) {
    let scope = [...body.querySelectorAll(".sheet-page")];
    const onPage = scope.filter((p) => p.dataset.page === String(citation.page));
    if (onPage.length) scope = onPage;
    const parts = (citation.section || "").split(">").map(normal).filter(Boolean);
    const headings = scope.flatMap((p) => [...p.querySelectorAll(".sheet-heading")]);
    for (let depth = parts.length - 1; depth >= 0; depth -= 1) {
      const found = headings.filter((h) => normal(h.textContent) === parts[depth]);
      if (!found.length) continue;
      const start = found.find((h) => depth === 0 || underHeading(h, parts[depth - 1])) || found[0];
      const block = [start];
      for (let next = start.nextElementSibling; next; next = next.nextElementSibling) {
        if (next.classList.contains("sheet-heading") && +next.dataset.level <= +start.dataset.level) break;
        block.push(next);
      }
      return block;
    }
    const probe = normal((citation.snippet || "").split("\n").find((l) => l.trim() && !l.startsWith("#")) || "").slice(0, 60);
    const paragraph = probe && scope.flatMap((p) => [...p.querySelectorAll(".sheet-text")])
      .find((p) => normal(p.textContent).includes(probe));
    if (paragraph) return [paragraph];
    return scope.length && citation.page ? [scope[0]] : [];
  }

  function underHeading(node, parentText) {
    for (let prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
      if (prev.classList.contains("sheet-heading") && +prev.dataset.level < +node.dataset.level) {
        return normal(prev.textContent) === parentText;
      }
    }
    return false;
  }

  async function load(source) {
    if (!documents.has(source)) {
      const response = await fetch(`/api/sources/document?path=${encodeURIComponent(source)}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        const error = new Error(response.status === 401 ? "expired" : "unavailable");
        error.status = response.status;
        try { error.detail = (await response.json()).detail; } catch (_) { /* not JSON */ }
        throw error;
      }
      documents.set(source, await response.json());
    }
    return documents.get(source);
  }

  async function open(citation, onExpired) {
    heading.textContent = citation.title || citation.source;
    meta.textContent = [citation.section, citation.page ? `p. ${citation.page}` : "",
      citation.last_updated ? `updated ${citation.last_updated}` : ""].filter(Boolean).join(" · ");
    body.replaceChildren(el("p", "muted", "Opening the document…"));
    if (!dialog.open) dialog.showModal();
    let doc;
    try {
      doc = await load(citation.source);
    } catch (error) {
      if (error.status === 401 && onExpired) { dialog.close(); onExpired(); return; }
      body.replaceChildren(el("p", "alert alert-error", error.detail || "This document cannot be shown right now."));
      return;
    }
    body.replaceChildren(...doc.pages.map(renderPage));
    if (doc.status !== "current") body.prepend(el("p", "notice notice-revised", `This document is ${doc.status}.`));
    const block = citedBlock(citation);
    block.forEach((node) => node.classList.add("cited"));
    if (block.length) body.scrollTop = Math.max(0, block[0].offsetTop - 12);
  }

  dialog.querySelector(".sheet-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });

  window.CopilotSheet = { open };
})();
