// Times arrive as UTC ISO strings (<time datetime>); show them in the reader's own time zone.
(function () {
  "use strict";
  document.querySelectorAll("time[datetime]").forEach((node) => {
    const stamp = node.getAttribute("datetime");
    const when = new Date(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(stamp) ? stamp : `${stamp}Z`);
    if (Number.isNaN(when.getTime())) return;
    node.textContent = when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    node.title = `${stamp} (UTC)`;
  });
})();
