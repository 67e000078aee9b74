// One dialog shows a region on its page, for search hits and cited sources alike: the page image,
// the region as a box over it, the snippet and a link to the original at that page.
import { $, originalAtPage, placeRegion } from "./html.js";

let opener = null;

/** Opens the viewer. `place` has documentId, documentName, page, region (or null), pageImageUrl
 * and snippet; the focus returns to the element that was focused before. */
export function openViewer(place) {
  opener = document.activeElement;
  $("viewer-title").textContent = `${place.documentName} · page ${place.page}`;
  const image = $("viewer-image");
  image.alt = `Page ${place.page} of ${place.documentName}`;
  // 1600 px keeps body text legible on a large screen without sending the full 150 dpi render.
  image.src = `${place.pageImageUrl}?maxSide=1600`;
  const box = $("viewer-region");
  box.hidden = !place.region;
  if (place.region) placeRegion(box, place.region);
  $("viewer-snippet").textContent = (place.snippet ?? "").replaceAll("«", "").replaceAll("»", "");
  const link = $("viewer-original");
  link.href = originalAtPage(place.documentId, place.page);
  link.textContent = `Open the original at page ${place.page}`;
  zoom(false);
  $("viewer").showModal();
  $("viewer-close").focus();
}

function zoom(on) {
  $("viewer-zoom").setAttribute("aria-pressed", String(on));
  document.querySelector(".viewer-page").classList.toggle("zoomed", on);
  if (on && !$("viewer-region").hidden) $("viewer-region").scrollIntoView({ block: "center" });
}

export function initViewer() {
  $("viewer-zoom").addEventListener("click", () => zoom($("viewer-zoom").getAttribute("aria-pressed") !== "true"));
  const dialog = $("viewer");
  $("viewer-close").addEventListener("click", () => dialog.close());
  // A click on the backdrop (the dialog element itself, outside its content) closes it too.
  dialog.addEventListener("click", (e) => { if (e.target === dialog) dialog.close(); });
  // Escape closes a modal dialog natively; either way the focus goes back where it was.
  dialog.addEventListener("close", () => { if (opener?.isConnected) opener.focus(); opener = null; });
}
