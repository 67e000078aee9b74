// Renders an answer of /api/chat (AnswerDto of the answering contract): its text with [n] as
// citation chips, weakly supported and uncited sentences flagged in place, the cited sources, the
// images the model was shown, and how it was produced.
import { escapeHtml } from "./html.js";

const CitationMarker = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** The text as it streams: plain, escaped, the [n] markers still raw (sources come at the end). */
export const streamingHtml = (text) => escapeHtml(text);

/** The source an answer numbered n, or undefined. */
export const sourceOf = (answer, number) =>
  (answer.sources ?? []).find((s) => s.number === number) ?? (answer.citations ?? []).find((c) => c.number === number);

function chip(answer, number) {
  const source = sourceOf(answer, number);
  if (!source) return `[${number}]`;
  const label = `Source ${number}: ${source.documentName}, page ${source.page}`;
  return `<button type="button" class="chip" data-cite="${number}" aria-label="${escapeHtml(label)}" title="${escapeHtml(label)}">${number}</button>`;
}

function inlineHtml(answer, text) {
  return escapeHtml(text).replace(CitationMarker, (_, list) => list.split(",").map((n) => chip(answer, Number(n.trim()))).join(""));
}

/** Where each flagged sentence sits in the text; a sentence not found verbatim is listed below the
 * answer instead, so no flag is lost. */
function flagsOf(answer) {
  const flags = [];
  for (const claim of answer.claims ?? []) {
    if (!claim.weak) continue;
    const score = claim.support == null ? "" : ` (${Number(claim.support).toFixed(2)})`;
    flags.push({ sentence: claim.sentence, kind: "weak", label: `weak support${score}` });
  }
  for (const sentence of answer.unsupported ?? []) flags.push({ sentence, kind: "unsupported", label: "no source cited" });
  const placed = [];
  const unplaced = [];
  for (const flag of flags) {
    const sentence = flag.sentence.trim();
    const start = sentence ? answer.text.indexOf(sentence) : -1;
    const end = start + sentence.length;
    if (start >= 0 && !placed.some((p) => start < p.end && p.start < end)) placed.push({ ...flag, start, end });
    else unplaced.push(flag);
  }
  return { placed: placed.sort((a, b) => a.start - b.start), unplaced };
}

function textHtml(answer, placed) {
  let html = "";
  let at = 0;
  for (const flag of placed) {
    html += inlineHtml(answer, answer.text.slice(at, flag.start));
    html += `<span class="flag flag-${flag.kind}">${inlineHtml(answer, answer.text.slice(flag.start, flag.end))}`
      + ` <span class="flag-label">${escapeHtml(flag.label)}</span></span>`;
    at = flag.end;
  }
  return html + inlineHtml(answer, answer.text.slice(at));
}

function citedHtml(answer) {
  const cited = answer.citations ?? [];
  if (!cited.length) return "";
  return `<ul class="cited" aria-label="Cited sources">${cited.map((c) => `<li>${chip(answer, c.number)}
    ${escapeHtml(c.documentName)} · page ${Number(c.page)}</li>`).join("")}</ul>`;
}

function imagesHtml(answer) {
  const seen = (answer.images ?? []).map((i) => ({ number: i.sourceNumber, url: sourceOf(answer, i.sourceNumber)?.imageUrl ?? `/api/items/${i.itemId}/image` }));
  for (const s of answer.sources ?? []) {
    if (s.sentAsImage && !seen.some((i) => i.number === s.number)) seen.push({ number: s.number, url: s.imageUrl });
  }
  if (!seen.length) return "";
  return `<figure class="sent-images"><figcaption>Images the model was shown</figcaption>${seen.map((i) => {
    const source = sourceOf(answer, i.number);
    const name = source ? `source ${i.number}, ${source.documentName} page ${source.page}` : `source ${i.number}`;
    return `<button type="button" class="thumb" data-cite="${Number(i.number)}" aria-label="Open ${escapeHtml(name)}">`
      + `<img src="${escapeHtml(i.url)}?maxSide=256" alt="" loading="lazy"></button>`;
  }).join("")}</figure>`;
}

function detailsHtml(answer, unplaced) {
  const parts = [];
  if (unplaced.length) {
    parts.push(`<ul class="flags-list" aria-label="Sentences to check">${unplaced.map((f) =>
      `<li class="flag flag-${f.kind}">${inlineHtml(answer, f.sentence)} <span class="flag-label">${escapeHtml(f.label)}</span></li>`).join("")}</ul>`);
  }
  if (answer.removedCitations?.length) {
    parts.push(`<p class="help">Removed citations that named no source: ${answer.removedCitations.map((n) => `[${Number(n)}]`).join(" ")}.</p>`);
  }
  if (answer.toolCalls?.length) {
    parts.push(`<details class="tools"><summary>Searches the model ran (${answer.toolCalls.length})</summary><ul>${answer.toolCalls.map(toolHtml).join("")}</ul></details>`);
  }
  const { inputTokens, outputTokens } = answer.usage ?? {};
  const usage = inputTokens != null && outputTokens != null ? ` · ${Number(inputTokens)} tokens in, ${Number(outputTokens)} out` : "";
  parts.push(`<p class="answer-meta">${escapeHtml(answer.mode)}${answer.model ? ` · ${escapeHtml(answer.model)}` : ""}${usage}</p>`);
  return parts.join("");
}

/** One tool call of the agentic mode, as the stream's tool event or the answer's toolCalls hold it. */
export function toolHtml(call) {
  const query = call.arguments?.query ?? JSON.stringify(call.arguments ?? {});
  return `<li>${escapeHtml(call.name)}: “${escapeHtml(query)}” → ${escapeHtml(call.result)}</li>`;
}

/** The final, checked answer. */
export function answerHtml(answer) {
  answer = { ...answer, text: answer.text ?? "" };
  const { placed, unplaced } = flagsOf(answer);
  return `<div class="answer-text${answer.notFound ? " not-found" : ""}">${textHtml(answer, placed)}</div>`
    + citedHtml(answer) + imagesHtml(answer) + detailsHtml(answer, unplaced);
}
