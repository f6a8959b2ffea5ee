// hoego live reload: injected by `hoego serve` into HTML responses, never written to disk.
(() => {
  "use strict";
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__hoego/livereload";
  let attempts = 0;
  let overlay = null;

  function showError(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "hoego-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#1e1e1e;color:#f3f3f3;border-left:6px solid #e5484d;border-radius:8px;" +
        "padding:1rem 1.25rem;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
        "box-shadow:0 8px 32px rgba(0,0,0,.35);white-space:pre-wrap;word-break:break-word";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "hoego: the build failed; showing the last good version.\n\n" + message;
  }

  function hideError() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const href = new URL(link.href);
      if (href.host !== location.host) continue;
      href.searchParams.set("hoego-reload", Date.now().toString());
      link.href = href.toString();
    }
  }

  function connect() {
    const ws = new WebSocket(url);
    ws.onopen = () => {
      // Back after the server restarted: the site may have changed meanwhile.
      if (attempts > 0) location.reload();
      attempts = 0;
    };
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === "reload") location.reload();
      else if (msg.type === "css") { hideError(); swapStylesheets(); }
      else if (msg.type === "error") showError(msg.message);
      else if (msg.type === "ok") hideError();
    };
    ws.onclose = () => {
      attempts += 1;
      setTimeout(connect, Math.min(2000, 100 * attempts));
    };
  }

  window.__hoegoLiveReload = true;
  connect();
})();
