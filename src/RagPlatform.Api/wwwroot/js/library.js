// The library: upload, the document list (a page of 200 at a time, newest first, filtered by name
// and status), and the ticked documents that scope the questions.
import { $, escapeHtml, problemText } from "./html.js";
import { apiFetch } from "./auth.js";
import { currentCollection, refreshCollections } from "./collection.js";

const PageSize = 200;

let skip = 0;
let documents = [];
let shown = "";
const selected = new Map(); // id → file name, kept across pages and refreshes
let onSelectionChange = () => {};
let refreshTimer = 0;

/** The ids of the ticked documents; empty means the whole collection. */
export const selectedDocumentIds = () => [...selected.keys()];

/** "all documents" or the ticked names, for the chat panel to say what it asks. */
export function selectionText() {
  const names = [...selected.values()];
  if (!names.length) return "Scope: all documents.";
  return `Scope: ${names.length} ticked document${names.length > 1 ? "s" : ""} (${names.join(", ")}).`;
}

async function refreshStatus() {
  const response = await apiFetch(`/api/status?collection=${encodeURIComponent(currentCollection())}`);
  if (!response.ok) { $("status").textContent = "Status unavailable"; return; }
  const s = await response.json();
  const dense = s.dense.available ? `dense search on (${s.dense.dimensions}-d)` : `dense search off: ${s.dense.reason}`;
  $("status").textContent = `${s.collection ?? currentCollection()}: ${s.documents.ready} ready · ${s.queueLength} queued · ${dense}`;
}

function pagesText(d) {
  const { pagesDone, pagesTotal } = d.progress;
  if (d.status === "ready" || d.status === "failed") return `${pagesTotal}`;
  return pagesTotal ? `${pagesDone} of ${pagesTotal}` : "…";
}

function statusCell(d) {
  if (d.status === "failed") return `<td class="failed">failed${d.error ? `: ${escapeHtml(d.error)}` : ""}</td>`;
  if (d.status === "ready") return `<td class="ready">ready</td>`;
  const label = `${escapeHtml(d.status)}, ${d.progress.pagesDone} of ${d.progress.pagesTotal} pages`;
  return `<td>${escapeHtml(d.status)} <progress max="100" value="${Number(d.progress.percent)}" aria-label="${label}"></progress></td>`;
}

function renderRow(d) {
  const name = escapeHtml(d.fileName);
  return `<tr data-document="${escapeHtml(d.id)}" data-status="${escapeHtml(d.status)}">
    <td><input type="checkbox" data-select="${escapeHtml(d.id)}" aria-label="Ask about ${name}"${selected.has(d.id) ? " checked" : ""}></td>
    <td class="name"><a href="${escapeHtml(d.originalUrl)}">${name}</a></td>
    ${statusCell(d)}
    <td data-label="Pages">${pagesText(d)}</td>
    <td data-label="Items">${Number(d.itemCount)}</td>
    <td><button type="button" data-delete="${escapeHtml(d.id)}" aria-label="Delete ${name}">Delete</button></td>
  </tr>`;
}

function visibleDocuments() {
  const name = $("library-name").value.trim().toLowerCase();
  const status = $("library-status").value;
  return documents.filter((d) => (!status || d.status === status) && (!name || d.fileName.toLowerCase().includes(name)));
}

/** Rewrites the rows only when something changed, and then puts the focus back on the same control,
 * so a periodic refresh never takes it from a keyboard user. */
function render() {
  const visible = visibleDocuments();
  const html = visible.map(renderRow).join("");
  if (html !== shown) {
    const focused = document.activeElement?.closest("#documents [data-select], #documents [data-delete]");
    const key = focused ? (focused.dataset.select ? `[data-select="${focused.dataset.select}"]` : `[data-delete="${focused.dataset.delete}"]`) : null;
    $("documents").innerHTML = html;
    shown = html;
    if (key) $("documents").querySelector(key)?.focus();
  }
  const range = documents.length ? `${skip + 1}–${skip + documents.length}` : "none";
  $("library-range").textContent = `Documents ${range}`;
  $("library-note").textContent = visible.length === documents.length ? "" : `${visible.length} of ${documents.length} on this page match the filter.`;
  $("library-newer").disabled = skip === 0;
  // A full page may have more behind it; a short one is the last.
  $("library-older").disabled = documents.length < PageSize;
}

async function refreshDocuments() {
  clearTimeout(refreshTimer);
  const response = await apiFetch(`/api/documents?skip=${skip}&take=${PageSize}&collection=${encodeURIComponent(currentCollection())}`);
  if (response.ok) {
    documents = (await response.json()).documents;
    render();
  }
  const busy = documents.some((d) => d.status === "queued" || d.status === "processing");
  refreshTimer = setTimeout(() => { refreshDocuments(); refreshStatus(); }, busy ? 700 : 5000);
}

const Outcomes = {
  accepted: "queued",
  duplicate: "already uploaded",
  replaced: "replaced, queued again",
  unchanged: "unchanged (same bytes)",
  rejected: "refused",
};

// Every file's outcome stays listed (refused ones with their reason) until the next upload.
function showOutcomes(results) {
  $("upload-results").innerHTML = results.map((r) =>
    `<li data-outcome="${escapeHtml(r.outcome)}"><span class="file">${escapeHtml(r.fileName)}</span>: ` +
    `${escapeHtml(Outcomes[r.outcome] ?? r.outcome)}${r.detail ? ` — ${escapeHtml(r.detail)}` : ""}</li>`).join("");
}

async function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  form.append("collection", currentCollection());
  for (const file of files) form.append("files", file, file.name);
  if ($("replace-same-name").checked) form.append("replace", "byName");
  $("upload-note").textContent = `Uploading ${files.length} file(s)…`;
  $("upload-results").innerHTML = "";
  const response = await apiFetch("/api/documents", { method: "POST", body: form });
  const body = await response.clone().json().catch(() => null);
  const results = Array.isArray(body?.documents) ? body.documents : [];
  if (results.length) {
    const refused = results.filter((r) => r.outcome === "rejected").length;
    $("upload-note").textContent = refused
      ? `${results.length - refused} of ${results.length} file(s) taken; ${refused} refused.`
      : `${results.length} file(s) taken.`;
    showOutcomes(results);
  } else {
    $("upload-note").textContent = response.ok ? `Queued ${files.length} file(s).` : `Refused: ${await problemText(response)}`;
  }
  skip = 0;
  refreshDocuments();
  refreshCollections();
}

/** Shows another collection: its first page, nothing ticked. */
export function reloadLibrary() {
  skip = 0;
  documents = [];
  selected.clear();
  onSelectionChange();
  render();
  refreshStatus();
  refreshDocuments();
}

async function remove(id) {
  if (!confirm("Delete this document and everything derived from it?")) return;
  const response = await apiFetch(`/api/documents/${encodeURIComponent(id)}`, { method: "DELETE" });
  if (!response.ok) { $("upload-note").textContent = `Not deleted: ${await problemText(response)}`; return; }
  if (selected.delete(id)) onSelectionChange();
  refreshDocuments();
}

function page(by) {
  skip = Math.max(0, skip + by);
  refreshDocuments();
}

export function initLibrary(selectionChanged) {
  onSelectionChange = selectionChanged;
  $("drop").addEventListener("click", () => $("files").click());
  $("drop").addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("files").click(); } });
  $("files").addEventListener("change", (e) => { upload([...e.target.files]); e.target.value = ""; });
  $("drop").addEventListener("dragover", (e) => { e.preventDefault(); $("drop").classList.add("over"); });
  $("drop").addEventListener("dragleave", () => $("drop").classList.remove("over"));
  $("drop").addEventListener("drop", (e) => { e.preventDefault(); $("drop").classList.remove("over"); upload([...e.dataTransfer.files]); });
  $("documents").addEventListener("click", (e) => { if (e.target.dataset?.delete) remove(e.target.dataset.delete); });
  $("documents").addEventListener("change", (e) => {
    const id = e.target.dataset?.select;
    if (!id) return;
    if (e.target.checked) selected.set(id, documents.find((d) => d.id === id)?.fileName ?? id);
    else selected.delete(id);
    shown = visibleDocuments().map(renderRow).join(""); // the box already shows the tick
    onSelectionChange();
  });
  $("library-name").addEventListener("input", render);
  $("library-status").addEventListener("change", render);
  $("library-newer").addEventListener("click", () => page(-PageSize));
  $("library-older").addEventListener("click", () => page(PageSize));
  refreshStatus();
  refreshDocuments();
}
