// The search panel: the form, the URL that follows it (/?q=…, shareable and bookmarkable), and the
// hits, each a link that opens the viewer on its page with its region highlighted.
import { $, escapeHtml, highlightedSnippet, originalAtPage, placeRegion, problemText } from "./html.js";
import { apiFetch } from "./auth.js";
import { addCollectionParam, currentCollection } from "./collection.js";
import { openViewer } from "./viewer.js";

/** CSS pixels per rendered pixel that show a text crop at about its printed size: pages are
 * rendered at 150 dpi, CSS has 96 px to the inch. */
const PrintScale = 96 / 150;

let hits = [];

function scoreText(score) {
  const parts = [score.dense != null ? `dense ${score.dense.toFixed(3)}` : null,
    score.lexical != null ? `bm25 ${score.lexical.toFixed(2)}` : null,
    score.rerank != null ? `re-ranked ${score.rerank.toFixed(2)}` : null].filter(Boolean).join(" · ");
  return `score ${score.final.toFixed(4)}${parts ? ` (${parts})` : ""}`;
}

function renderHit(hit, index) {
  const name = escapeHtml(hit.documentName);
  const kind = escapeHtml(hit.modality);
  // A page hit shows the whole page, so its region can be drawn on the card; a text hit shows a crop
  // of its region and an image hit the image itself, so both are their region already.
  const box = hit.region && hit.modality === "page" ? `<span class="region" data-region="${escapeHtml(JSON.stringify(hit.region))}"></span>` : "";
  const image = hit.modality === "text"
    ? `<img class="crop" src="${escapeHtml(hit.imageUrl)}?maxSide=1280" alt="Text on page ${hit.page} of ${name}" loading="lazy">`
    : `<img src="${escapeHtml(hit.imageUrl)}?maxSide=480" alt="${kind} on page ${hit.page} of ${name}" loading="lazy">`;
  return `<li class="hit hit-${kind}">
    <a class="hit-link" href="${escapeHtml(originalAtPage(hit.documentId, hit.page))}" data-hit="${index}">
      <figure>${image}${box}</figure>
      <span class="hit-title"><strong>${name}</strong> · page ${hit.page} · ${kind}</span>
    </a>
    <div class="snippet">${highlightedSnippet(hit.snippet)}</div>
    <div class="score">${scoreText(hit.score)}</div>
  </li>`;
}

async function runSearch() {
  const form = new FormData();
  form.append("query", $("query").value);
  form.append("collection", currentCollection());
  if ($("modality").value) form.append("modalities", $("modality").value);
  const image = $("query-image").files[0];
  if (image) form.append("image", image, image.name);
  $("search-note").textContent = "Searching…";
  const response = await apiFetch("/api/search", { method: "POST", body: form });
  if (!response.ok) {
    $("search-note").textContent = await problemText(response);
    hits = [];
    $("hits").innerHTML = "";
    return;
  }
  const result = await response.json();
  hits = result.hits;
  $("search-note").textContent = `${hits.length} hits (${result.mode})${result.notice ? ` — ${result.notice}` : ""}`;
  $("hits").innerHTML = hits.map(renderHit).join("");
  // Placed through the CSSOM: the content security policy allows no style attributes.
  for (const box of $("hits").querySelectorAll(".region[data-region]")) placeRegion(box, JSON.parse(box.dataset.region));
}

/** The address of a text search; an image cannot live in a URL, so image searches keep the page's. */
function searchUrl() {
  const params = addCollectionParam(new URLSearchParams());
  if ($("query").value.trim()) params.set("q", $("query").value.trim());
  if ($("modality").value) params.set("kind", $("modality").value);
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

/** Fills the form from the address and searches when it names a query. */
export function searchFromUrl() {
  const params = new URLSearchParams(location.search);
  $("query").value = params.get("q") ?? "";
  $("modality").value = params.get("kind") ?? "";
  if ($("query").value) {
    runSearch();
  } else {
    hits = [];
    $("hits").innerHTML = "";
    $("search-note").textContent = "";
  }
}

export function initSearch() {
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!$("query-image").files.length && `${location.pathname}${location.search}` !== searchUrl()) {
      history.pushState(null, "", searchUrl());
    }
    runSearch();
  });
  window.addEventListener("popstate", searchFromUrl);
  $("hits").addEventListener("click", (e) => {
    const link = e.target.closest("a[data-hit]");
    // Modified clicks keep their usual meaning: the original in a new tab or window.
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    openViewer(hits[Number(link.dataset.hit)]);
  });
  // Text crops at print size (never wider than their card), instead of squeezed to a thumbnail.
  $("hits").addEventListener("load", (e) => {
    if (e.target.classList?.contains("crop")) e.target.style.width = `${Math.round(e.target.naturalWidth * PrintScale)}px`;
  }, true);
  searchFromUrl();
}
