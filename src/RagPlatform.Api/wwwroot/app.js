// RagPlatform's page: a thin client of the HTTP API (no build step, no external assets). Each
// panel lives in its own module under js/; this file only wires them together.
import { $ } from "./js/html.js";
import { initAuth } from "./js/auth.js";
import { initChat } from "./js/chat.js";
import { initLibrary, selectedDocumentIds, selectionText } from "./js/library.js";
import { initSearch } from "./js/search.js";
import { initViewer } from "./js/viewer.js";

initAuth();
initViewer();
initSearch();
initLibrary(() => { $("chat-scope").textContent = selectionText(); });
initChat(selectedDocumentIds);
