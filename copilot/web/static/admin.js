// The admin page: upload, delete and re-index through the JSON API (CSRF header included).
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

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

  const reindex = document.getElementById("reindex");
  const reindexStatus = document.getElementById("reindex-status");
  reindex.addEventListener("click", async () => {
    reindex.disabled = true;
    reindexStatus.textContent = "Indexing…";
    try {
      const report = await call("POST", "/api/index");
      reindexStatus.textContent = `Done: ${report.documents} documents, ${report.failed.length} failed. Reloading…`;
      setTimeout(() => location.reload(), 800);
    } catch (err) {
      reindexStatus.textContent = `Failed: ${err.message}`;
    } finally {
      reindex.disabled = false;
    }
  });

  const upload = document.getElementById("upload-form");
  const uploadStatus = document.getElementById("upload-status");
  upload.addEventListener("submit", async (event) => {
    event.preventDefault();
    uploadStatus.textContent = "Uploading and indexing…";
    const body = new FormData(upload);
    if (!document.getElementById("upload-replace").checked) body.delete("replace");
    try {
      const change = await call("POST", "/api/documents", body);
      uploadStatus.textContent = `${change.path}: ${change.action}. ${change.message || "Indexed."} Reloading…`;
      setTimeout(() => location.reload(), 800);
    } catch (err) {
      const exists = /exists; send replace=true/.test(err.message);
      uploadStatus.textContent = exists
        ? `${err.message.split(" exists")[0]} is already in the knowledge base. Tick "Replace an existing document" and upload again to replace it.`
        : `Rejected: ${err.message}`;
    }
  });

  document.querySelectorAll("button.delete").forEach((button) => {
    button.addEventListener("click", async () => {
      const path = button.dataset.path;
      if (!confirm(`Remove ${path} from the knowledge base? A copy is kept on the server.`)) return;
      try {
        await call("DELETE", `/api/documents/${path.split("/").map(encodeURIComponent).join("/")}`);
        location.reload();
      } catch (err) {
        alert(`Could not delete: ${err.message}`);
      }
    });
  });
})();
