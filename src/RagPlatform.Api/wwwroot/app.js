// RagPlatform's page: a thin client of the HTTP API (no build step, no external assets). Each
// panel lives in its own module under js/; this file only wires them together.
import { $ } from "./js/html.js";
import { initAuth } from "./js/auth.js";
import { initChat, resetChat } from "./js/chat.js";
import { initCollection, refreshCollections } from "./js/collection.js";
import { initLibrary, reloadLibrary, selectedDocumentIds, selectionText } from "./js/library.js";
import { initSearch, searchFromUrl } from "./js/search.js";
import { initViewer } from "./js/viewer.js";

initAuth();
// First: every panel's first request names the collection of the address.
initCollection(() => {
  reloadLibrary();
  resetChat();
  searchFromUrl();
  refreshCollections();
});
initViewer();
initSearch();
initLibrary(() => { $("chat-scope").textContent = selectionText(); });
initChat(selectedDocumentIds);
