// Small pieces every part of the page shares: lookups, escaping, problem documents, region boxes.

export const $ = (id) => document.getElementById(id);

/** Escapes text for insertion into HTML, attributes included. Everything from the server or the
 * user goes through this before it meets innerHTML. */
export const escapeHtml = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The human sentence of an RFC 7807 problem response, or the status line when the body is not one. */
export async function problemText(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `${response.status} ${response.statusText}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

/** Places a box over a page: regions are fractions of the page, origin top-left. Set through the
 * CSSOM (style attributes are refused by the content security policy); Number() keeps anything but
 * numbers out. */
export function placeRegion(element, region) {
  const percent = (value) => `${(Number(value) * 100).toFixed(3)}%`;
  Object.assign(element.style, { left: percent(region.x), top: percent(region.y), width: percent(region.width), height: percent(region.height) });
}

/** Marks the search terms the server wrapped in «…» in a snippet. */
export const highlightedSnippet = (snippet) => escapeHtml(snippet).replaceAll("«", "<mark>").replaceAll("»", "</mark>");

/** The original file scrolled to a page: PDF viewers honour #page=N; images ignore it. */
export const originalAtPage = (documentId, page) => `/api/documents/${encodeURIComponent(documentId)}/original#page=${Number(page)}`;
