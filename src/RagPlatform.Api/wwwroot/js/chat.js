// The chat panel: questions to POST /api/chat with the answer streamed in as server-sent events,
// the conversations kept by the server, and citation chips that open the viewer on the cited region.
import { $, escapeHtml, problemText } from "./html.js";
import { apiFetch } from "./auth.js";
import { currentCollection } from "./collection.js";
import { answerHtml, sourceOf, streamingHtml, toolHtml } from "./answer.js";
import { readEvents } from "./sse.js";
import { openViewer } from "./viewer.js";

let conversationId = null;
let busy = false;
let scope = () => [];
const answers = new WeakMap(); // turn element → its AnswerDto, for the chips inside it
const noticesShown = new Set();

function turnElement(question) {
  const turn = document.createElement("li");
  turn.className = "turn";
  turn.innerHTML = `<p class="question"><span class="visually-hidden">Question: </span>${escapeHtml(question)}</p>
    <ul class="tools" aria-label="Searches so far"></ul>
    <div class="answer" aria-live="polite" aria-busy="true" data-state="streaming"><span class="help">Searching the documents…</span></div>`;
  return turn;
}

/** Shows a notice (e.g. no language model configured) once per page, not under every answer. */
function showNotice(notice) {
  if (!notice || noticesShown.has(notice)) return;
  noticesShown.add(notice);
  $("chat-notice").textContent = notice;
  $("chat-notice").hidden = false;
}

function finish(turn, answer) {
  answers.set(turn, answer);
  const box = turn.querySelector(".answer");
  box.innerHTML = answerHtml(answer);
  box.dataset.state = "final";
  box.setAttribute("aria-busy", "false");
  turn.querySelector(".tools").innerHTML = "";
  showNotice(answer.notice);
}

function fail(turn, message) {
  const box = turn.querySelector(".answer");
  box.innerHTML = `<p class="error" role="alert">${escapeHtml(message)}</p>`;
  box.dataset.state = "error";
  box.setAttribute("aria-busy", "false");
}

async function ask(question) {
  const turn = turnElement(question);
  $("chat-log").append(turn);
  turn.scrollIntoView({ block: "nearest" });
  const request = { question, conversationId, documentIds: scope(), mode: $("chat-mode").value, stream: true, collection: currentCollection() };
  let response;
  try {
    response = await apiFetch("/api/chat", { method: "POST", headers: { "Content-Type": "application/json", Accept: "text/event-stream" }, body: JSON.stringify(request) });
  } catch (error) {
    fail(turn, `The server could not be reached: ${error.message}`);
    return;
  }
  if (!response.ok) { fail(turn, await problemText(response)); return; }

  let raw = "";
  let ended = false;
  try {
    for await (const { event, data } of readEvents(response)) {
      if (event === "conversation") conversationId = data.conversationId;
      else if (event === "tool") turn.querySelector(".tools").insertAdjacentHTML("beforeend", toolHtml(data));
      else if (event === "delta") { raw += data.text; turn.querySelector(".answer").innerHTML = streamingHtml(raw); }
      else if (event === "answer") { finish(turn, data); ended = true; }
      else if (event === "error") { fail(turn, data.detail || data.title || "The answer failed."); ended = true; }
    }
  } catch (error) {
    fail(turn, `The answer was cut off: ${error.message}`);
    return;
  }
  if (!ended) fail(turn, "The answer stopped before it was complete.");
}

function conversationHtml(c) {
  const title = escapeHtml(c.title || "Untitled");
  const current = c.id === conversationId ? ` aria-current="true"` : "";
  return `<li><button type="button" class="link" data-open="${escapeHtml(c.id)}"${current}>${title}</button>
    <span class="help">${Number(c.turnCount)} question${c.turnCount === 1 ? "" : "s"}</span>
    <button type="button" data-forget="${escapeHtml(c.id)}" aria-label="Delete conversation ${title}">Delete</button></li>`;
}

async function refreshConversations() {
  const response = await apiFetch(`/api/conversations?collection=${encodeURIComponent(currentCollection())}`);
  if (!response.ok) { $("conversations").innerHTML = `<li class="help">${escapeHtml(await problemText(response))}</li>`; return; }
  const { conversations } = await response.json();
  $("conversations").innerHTML = conversations.length ? conversations.map(conversationHtml).join("") : `<li class="help">No conversations yet.</li>`;
}

async function openConversation(id) {
  const response = await apiFetch(`/api/conversations/${encodeURIComponent(id)}`);
  if (!response.ok) { $("chat-notice").textContent = await problemText(response); $("chat-notice").hidden = false; return; }
  const conversation = await response.json();
  conversationId = conversation.id;
  $("chat-log").replaceChildren(...conversation.turns.map((t) => {
    const turn = turnElement(t.question);
    finish(turn, t.answer);
    return turn;
  }));
  refreshConversations();
  $("chat-question").focus();
}

async function forgetConversation(id) {
  if (!confirm("Delete this conversation?")) return;
  const response = await apiFetch(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
  if (!response.ok && response.status !== 404) { $("chat-notice").textContent = await problemText(response); $("chat-notice").hidden = false; }
  if (id === conversationId) startConversation();
  refreshConversations();
}

/** A new, empty conversation (after the collection changed: the old one belongs to the old collection). */
export function resetChat() {
  startConversation();
}

function startConversation() {
  conversationId = null;
  $("chat-log").replaceChildren();
  refreshConversations();
}

/** Wires the panel; `documentScope` returns the ids the questions are limited to (empty: all). */
export function initChat(documentScope) {
  scope = documentScope;
  $("chat-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const question = $("chat-question").value.trim();
    if (busy || !question) return;
    busy = true;
    $("chat-send").disabled = true;
    $("chat-question").value = "";
    try {
      await ask(question);
    } finally {
      busy = false;
      $("chat-send").disabled = false;
      refreshConversations();
    }
  });
  // Enter sends, Shift+Enter is a new line; an input method composing a word keeps its Enter.
  $("chat-question").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); $("chat-form").requestSubmit(); }
  });
  $("chat-log").addEventListener("click", (e) => {
    const cite = e.target.closest("[data-cite]");
    const answer = cite && answers.get(cite.closest(".turn"));
    const source = answer && sourceOf(answer, Number(cite.dataset.cite));
    if (source) openViewer(source);
  });
  $("conversations").addEventListener("click", (e) => {
    const button = e.target.closest("button");
    if (button?.dataset.open) openConversation(button.dataset.open);
    else if (button?.dataset.forget) forgetConversation(button.dataset.forget);
  });
  $("chat-new").addEventListener("click", () => { startConversation(); $("chat-question").focus(); });
  refreshConversations();
}
