// The collection the page works in: picked from the existing ones or typed as a new name, kept in the
// address (/?collection=…&q=…, left out for "default") and sent with every upload, listing, search
// and question. A new name becomes a collection with its first upload.
import { $, escapeHtml, problemText } from "./html.js";
import { apiFetch } from "./auth.js";

export const DefaultCollection = "default";
const NamePattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

let current = DefaultCollection;
let onChange = () => {};

/** The collection every request of the page names. */
export const currentCollection = () => current;

/** The address's collection, "default" when it names none (or a name that cannot be one). */
function fromUrl() {
  const name = new URLSearchParams(location.search).get("collection") ?? DefaultCollection;
  return NamePattern.test(name) ? name : DefaultCollection;
}

/** Adds the collection to a search's query string (nothing for "default", so old links stay short). */
export function addCollectionParam(params) {
  if (current !== DefaultCollection) params.set("collection", current);
  return params;
}

export async function refreshCollections() {
  const response = await apiFetch("/api/collections");
  if (!response.ok) { $("collection-note").textContent = await problemText(response); return; }
  const { collections } = await response.json();
  $("collection-names").innerHTML = collections.map((c) =>
    `<option value="${escapeHtml(c.name)}">${escapeHtml(`${c.name} (${c.documentCount} documents)`)}</option>`).join("");
}

function use(name, pushUrl) {
  if (name === current) return;
  current = name;
  $("collection").value = name;
  if (pushUrl) {
    // A new collection starts without a query: the old one's words may mean nothing there.
    const params = addCollectionParam(new URLSearchParams());
    history.pushState(null, "", params.toString() ? `/?${params}` : "/");
  }
  onChange();
}

/** Wires the picker; `changed` runs after the collection changed (to reload the panels). */
export function initCollection(changed) {
  onChange = changed;
  current = fromUrl();
  $("collection").value = current;
  $("collection-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const name = $("collection").value.trim();
    if (!NamePattern.test(name)) {
      $("collection-note").textContent = "A collection name has 1 to 64 characters: lower-case letters a-z, digits, '-' and '_', starting with a letter or digit.";
      return;
    }
    $("collection-note").textContent = "";
    use(name, true);
  });
  // Back and forward may cross collections.
  window.addEventListener("popstate", () => use(fromUrl(), false));
  refreshCollections();
}
