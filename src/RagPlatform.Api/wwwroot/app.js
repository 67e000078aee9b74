// RagPlatform's page: a thin client of the HTTP API (no build step, no external assets).
"use strict";

const $ = (id) => document.getElementById(id);
const escapeHtml = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function problemText(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `${response.status}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

async function refreshStatus() {
  const response = await fetch("/api/status");
  if (!response.ok) { $("status").textContent = "Status unavailable"; return; }
  const s = await response.json();
  const dense = s.dense.available ? `dense search on (${s.dense.dimensions}-d)` : `dense search off: ${s.dense.reason}`;
  $("status").textContent = `${s.documents.ready} ready · ${s.queueLength} queued · ${dense}`;
}

async function refreshDocuments() {
  const response = await fetch("/api/documents?take=200");
  if (!response.ok) return;
  const { documents } = await response.json();
  $("documents").innerHTML = documents.map((d) => `
    <tr>
      <td><a href="${d.originalUrl}">${escapeHtml(d.fileName)}</a></td>
      <td class="${d.status === "failed" ? "failed" : ""}">${escapeHtml(d.status)}${d.error ? `: ${escapeHtml(d.error)}` : ""}</td>
      <td><progress max="100" value="${d.progress.percent}" aria-label="${d.progress.pagesDone} of ${d.progress.pagesTotal} pages"></progress></td>
      <td>${d.itemCount}</td>
      <td><button type="button" data-delete="${d.id}" aria-label="Delete ${escapeHtml(d.fileName)}">Delete</button></td>
    </tr>`).join("");
  const busy = documents.some((d) => d.status === "queued" || d.status === "processing");
  setTimeout(() => { refreshDocuments(); refreshStatus(); }, busy ? 700 : 5000);
}

async function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  $("upload-note").textContent = `Uploading ${files.length} file(s)…`;
  const response = await fetch("/api/documents", { method: "POST", body: form });
  $("upload-note").textContent = response.ok ? `Queued ${files.length} file(s).` : `Refused: ${await problemText(response)}`;
  refreshDocuments();
}

function renderHit(hit) {
  const r = hit.region;
  // Text hits show a crop of their region already; images and pages show their box on the page.
  const box = r && hit.modality !== "text"
    ? `<span class="region" style="left:${r.x * 100}%;top:${r.y * 100}%;width:${r.width * 100}%;height:${r.height * 100}%"></span>` : "";
  const snippet = escapeHtml(hit.snippet).replaceAll("«", "<mark>").replaceAll("»", "</mark>");
  const parts = [hit.score.dense != null ? `dense ${hit.score.dense.toFixed(3)}` : null,
    hit.score.lexical != null ? `bm25 ${hit.score.lexical.toFixed(2)}` : null,
    hit.score.rerank != null ? `re-ranked ${hit.score.rerank.toFixed(2)}` : null].filter(Boolean).join(" · ");
  return `<li class="hit">
    <figure><img src="${hit.imageUrl}?maxSide=480" alt="${escapeHtml(hit.modality)} on page ${hit.page} of ${escapeHtml(hit.documentName)}" loading="lazy">${box}</figure>
    <div><strong>${escapeHtml(hit.documentName)}</strong> · page ${hit.page} · ${escapeHtml(hit.modality)}</div>
    <div>${snippet}</div>
    <div class="score">score ${hit.score.final.toFixed(4)}${parts ? ` (${parts})` : ""}</div>
  </li>`;
}

async function search(event) {
  event.preventDefault();
  const form = new FormData();
  form.append("query", $("query").value);
  if ($("modality").value) form.append("modalities", $("modality").value);
  const image = $("query-image").files[0];
  if (image) form.append("image", image, image.name);
  $("search-note").textContent = "Searching…";
  const response = await fetch("/api/search", { method: "POST", body: form });
  if (!response.ok) { $("search-note").textContent = await problemText(response); $("hits").innerHTML = ""; return; }
  const result = await response.json();
  $("search-note").textContent = `${result.hits.length} hits (${result.mode})${result.notice ? ` — ${result.notice}` : ""}`;
  $("hits").innerHTML = result.hits.map(renderHit).join("");
}

$("search-form").addEventListener("submit", search);
$("drop").addEventListener("click", () => $("files").click());
$("drop").addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("files").click(); } });
$("files").addEventListener("change", (e) => upload([...e.target.files]));
$("drop").addEventListener("dragover", (e) => { e.preventDefault(); $("drop").classList.add("over"); });
$("drop").addEventListener("dragleave", () => $("drop").classList.remove("over"));
$("drop").addEventListener("drop", (e) => { e.preventDefault(); $("drop").classList.remove("over"); upload([...e.dataTransfer.files]); });
$("documents").addEventListener("click", async (e) => {
  const id = e.target.dataset?.delete;
  if (id && confirm("Delete this document and everything derived from it?")) {
    await fetch(`/api/documents/${id}`, { method: "DELETE" });
    refreshDocuments();
  }
});

refreshStatus();
refreshDocuments();

// A link such as /?q=revenue+chart opens with that search.
const linked = new URLSearchParams(location.search).get("q");
if (linked) {
  $("query").value = linked;
  $("search-form").requestSubmit();
}
