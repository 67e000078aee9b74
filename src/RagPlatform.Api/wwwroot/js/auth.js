// API keys in the page. The server asks for a key (401) once keys exist; the page then asks the user
// once, keeps the key in sessionStorage (gone when the tab closes; never a cookie, so another site's
// form cannot use it) and sends it as X-Api-Key on every request. Images and file links cannot carry a
// header, so while a key is set they are fetched with it and shown from blob: URLs.

const StorageKey = "rag-api-key";
let asking = null;

const storedKey = () => sessionStorage.getItem(StorageKey);

/** fetch() with the key; on a 401 asks for a key (once for all requests waiting) and tries again. */
export async function apiFetch(url, options = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = new Headers(options.headers ?? {});
    const key = storedKey();
    if (key) headers.set("X-Api-Key", key);
    const response = await fetch(url, { ...options, headers });
    if (response.status !== 401 || attempt > 0 || options.body instanceof ReadableStream) return response;
    if (!(await askForKey(key ? "That key was refused. Enter another API key:" : "This server needs an API key:"))) return response;
  }
}

function askForKey(message) {
  asking ??= new Promise((resolve) => {
    const dialog = document.getElementById("key-dialog");
    const input = document.getElementById("key-input");
    document.getElementById("key-message").textContent = message;
    input.value = "";
    dialog.addEventListener("close", () => {
      const key = dialog.returnValue === "ok" ? input.value.trim() : "";
      if (key) {
        sessionStorage.setItem(StorageKey, key);
        authorizeAll(document);
      }
      asking = null;
      resolve(Boolean(key));
    }, { once: true });
    dialog.showModal();
  });
  return asking;
}

const isApi = (url) => {
  try {
    const parsed = new URL(url, location.href);
    return parsed.origin === location.origin && parsed.pathname.startsWith("/api/");
  } catch {
    return false;
  }
};

/** Swaps an image's /api/ address for a blob: URL fetched with the key (only while a key is set). */
async function authorize(image) {
  const source = image.getAttribute("src");
  if (!storedKey() || !source || !isApi(source)) return;
  image.dataset.apiSrc = source;
  const response = await apiFetch(source);
  if (!response.ok || image.getAttribute("src") !== source) return;
  image.src = URL.createObjectURL(await response.blob());
}

function authorizeAll(root) {
  for (const image of root.querySelectorAll?.("img[src]") ?? []) authorize(image);
}

/** Watches the page for images (new ones and changed sources) and links to files under /api/. */
export function initAuth() {
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "attributes" && change.target instanceof HTMLImageElement) authorize(change.target);
      for (const node of change.addedNodes) {
        if (node instanceof HTMLImageElement) authorize(node);
        else if (node instanceof Element) authorizeAll(node);
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["src"] });

  document.addEventListener("click", async (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link || !storedKey() || !isApi(link.href) || event.defaultPrevented) return;
    event.preventDefault();
    const response = await apiFetch(link.href);
    if (response.ok) window.open(URL.createObjectURL(await response.blob()), "_blank", "noopener");
  });
}
