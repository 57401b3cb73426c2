// The admin page: upload, delete and re-index through the JSON API (CSRF header included). Each
// change is a job: the page polls /api/jobs/{id} and shows its progress, then its outcome.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
  const POLL_MS = 500;
  const EXISTS = / exists; send replace=true/;

  async function call(method, url, body) {
    const response = await fetch(url, { method, credentials: "same-origin", headers: { "X-CSRF-Token": csrf }, body });
    let data = null;
    try { data = await response.json(); } catch (_) { /* empty */ }
    if (!response.ok) {
      const detail = data && (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail));
      throw new Error(detail || `HTTP ${response.status}`);
    }
    return data;
  }

  const plural = (n, word) => `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;

  function progressText(job) {
    if (job.state === "queued") return job.phase === "waiting for another index run" ? "Waiting for another index run to finish…" : "Queued…";
    if (job.phase === "embedding" && job.total) return `Indexing: ${job.done.toLocaleString()} of ${plural(job.total, "chunk")} embedded`;
    if (job.phase === "re-checking knowledge gaps") return "Indexed; re-checking the knowledge gaps…";
    return "Indexing…";
  }

  function outcomeText(job) {
    if (job.state === "failed") return `Failed: ${job.error}`;
    const report = job.report || {};
    const what = job.path ? `${job.path} ${job.action}` : "Re-indexed";
    const failed = (report.failed || []).length;
    const parts = [`${what}: ${plural(report.documents || 0, "document")}, ${plural(report.chunks || 0, "chunk")} in the index`];
    if (failed) parts.push(`${plural(failed, "file")} failed`);
    if (job.gaps_closed) parts.push(`${plural(job.gaps_closed, "knowledge gap")} now answered and closed`);
    return `${parts.join("; ")}.`;
  }

  // Follow one job until it ends; `show` gets every view of it.
  async function follow(url, show) {
    for (;;) {
      const job = await call("GET", url);
      show(job);
      if (job.state === "done" || job.state === "failed") return job;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  // A status line with a progress bar, for one card.
  function tracker(statusId, barId) {
    const status = document.getElementById(statusId);
    const bar = document.getElementById(barId);
    return {
      say(text) { status.textContent = text; },
      show(job) {
        const ended = job.state === "done" || job.state === "failed";
        status.textContent = ended ? outcomeText(job) : progressText(job);
        bar.hidden = ended || !job.total;
        if (job.total) { bar.max = job.total; bar.value = job.done; }
      },
    };
  }

  async function run(tracking, request) {
    const accepted = await request();
    const job = await follow(accepted.url, tracking.show);
    refreshJobs();
    if (job.state === "done") listsChanged();
    return job;
  }

  // The server-rendered lists (documents, failures, gaps) are now out of date: say so.
  function listsChanged() {
    document.getElementById("lists-stale").hidden = false;
  }

  const reindex = document.getElementById("reindex");
  const reindexTracking = tracker("reindex-status", "reindex-progress");
  reindex.addEventListener("click", async () => {
    reindex.disabled = true;
    reindexTracking.say("Starting…");
    try {
      await run(reindexTracking, () => call("POST", "/api/index"));
    } catch (err) {
      reindexTracking.say(`Failed: ${err.message}`);
    } finally {
      reindex.disabled = false;
    }
  });

  const upload = document.getElementById("upload-form");
  const uploadButton = upload.querySelector('button[type="submit"]');
  const replaceBox = document.getElementById("upload-replace");
  const replaceOffer = document.getElementById("replace-offer");
  const uploadTracking = tracker("upload-status", "upload-progress");

  async function send() {
    replaceOffer.hidden = true;
    uploadButton.disabled = true;
    uploadTracking.say("Uploading…");
    const body = new FormData(upload);
    if (!replaceBox.checked) body.delete("replace");
    try {
      await run(uploadTracking, () => call("POST", "/api/documents", body));
    } catch (err) {
      if (EXISTS.test(err.message)) {
        const path = err.message.split(" exists")[0];
        uploadTracking.say(`${path} is already in the knowledge base.`);
        replaceOffer.hidden = false;
      } else {
        uploadTracking.say(`Rejected: ${err.message}`);
      }
    } finally {
      uploadButton.disabled = false;
    }
  }

  upload.addEventListener("submit", (event) => { event.preventDefault(); send(); });
  document.getElementById("replace-confirm").addEventListener("click", () => { replaceBox.checked = true; send(); });
  document.getElementById("replace-cancel").addEventListener("click", () => {
    replaceOffer.hidden = true;
    uploadTracking.say("Not uploaded. Choose another name in the folder field to keep both.");
  });

  document.querySelectorAll("button.delete").forEach((button) => {
    button.addEventListener("click", async () => {
      const path = button.dataset.path;
      if (!confirm(`Remove ${path} from the knowledge base? A copy is kept on the server.`)) return;
      button.disabled = true;
      const row = button.closest("tr");
      const status = row.querySelector(".row-status");
      try {
        const accepted = await call("DELETE", `/api/documents/${path.split("/").map(encodeURIComponent).join("/")}`);
        const job = await follow(accepted.url, (view) => { status.textContent = view.state === "done" ? "Removed" : progressText(view); });
        if (job.state === "failed") { status.textContent = `Not removed: ${job.error}`; button.disabled = false; } else listsChanged();
        refreshJobs();
      } catch (err) {
        status.textContent = `Could not delete: ${err.message}`;
        button.disabled = false;
      }
    });
  });

  document.querySelectorAll("button.dismiss-gap").forEach((button) => {
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await call("DELETE", `/api/gaps/${encodeURIComponent(button.dataset.key)}`);
        button.closest("tr").remove();
      } catch (err) {
        button.disabled = false;
        button.textContent = `Could not dismiss: ${err.message}`;
      }
    });
  });

  // The recent jobs table, from /api/jobs.
  const jobsBody = document.getElementById("jobs-body");
  const when = (stamp) => new Date(stamp).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

  async function refreshJobs() {
    let jobs;
    try { jobs = await call("GET", "/api/jobs"); } catch (_) { return; }
    jobsBody.replaceChildren(...jobs.map((job) => {
      const row = document.createElement("tr");
      row.dataset.state = job.state;
      const ended = job.state === "done" || job.state === "failed";
      const cells = [when(job.created_at), job.path || (job.rebuild ? "Rebuild" : "Re-index"), job.state, ended ? outcomeText(job) : progressText(job)];
      for (const text of cells) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }));
    document.getElementById("jobs-empty").hidden = jobs.length > 0;
    if (jobs.some((job) => job.state === "queued" || job.state === "running")) setTimeout(refreshJobs, POLL_MS * 4);
  }
  refreshJobs();
})();
