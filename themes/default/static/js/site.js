/* hoego default theme: the light/dark toggle, copy buttons and keyboard scrolling for code
   blocks, and comments (giscus or utterances) loaded when they come near the screen.
   The labels come from the data-* attributes of this script's own <script> element. */
(function () {
  "use strict";
  var script = document.currentScript || {};
  var data = script.dataset || {};
  var root = document.documentElement;
  var KEY = "hoego-theme";
  var darkQuery = window.matchMedia ? matchMedia("(prefers-color-scheme: dark)") : null;

  /* ---------- light / dark ---------- */

  function chosen() {
    var t = root.getAttribute("data-theme");
    return t === "light" || t === "dark" ? t : null;
  }
  function effective() {
    return chosen() || (darkQuery && darkQuery.matches ? "dark" : "light");
  }
  var listeners = [];
  function themeChanged() {
    var theme = effective();
    var buttons = document.querySelectorAll("[data-theme-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
    }
    for (var k = 0; k < listeners.length; k++) listeners[k](theme);
  }
  function setupToggle() {
    var buttons = document.querySelectorAll("[data-theme-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var next = effective() === "dark" ? "light" : "dark";
        root.setAttribute("data-theme", next);
        try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: this page only */ }
        themeChanged();
      });
    }
    if (darkQuery) {
      var onSystem = function () { if (!chosen()) themeChanged(); };
      if (darkQuery.addEventListener) darkQuery.addEventListener("change", onSystem);
      else if (darkQuery.addListener) darkQuery.addListener(onSystem);
    }
    window.addEventListener("storage", function (e) {
      if (e.key !== KEY) return;
      if (e.newValue === "light" || e.newValue === "dark") root.setAttribute("data-theme", e.newValue);
      else root.removeAttribute("data-theme");
      themeChanged();
    });
    themeChanged();
  }

  /* ---------- code blocks ---------- */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }

  function setupCode() {
    var blocks = document.querySelectorAll(".prose pre:not(.mermaid)");
    var label = data.codeBlock || "Code block {n}";
    for (var i = 0; i < blocks.length; i++) {
      (function (pre, n) {
        var code = pre.querySelector("code") || pre;
        var wrap = document.createElement("div");
        wrap.className = "code-block";
        pre.parentNode.insertBefore(wrap, pre);
        wrap.appendChild(pre);
        var button = document.createElement("button");
        button.type = "button";
        button.className = "copy-code";
        button.textContent = data.copy || "Copy";
        button.setAttribute("aria-label", (data.copyLabel || "Copy code") + " " + n);
        var status = document.createElement("span");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        var timer = null;
        button.addEventListener("click", function () {
          copyText(code.textContent.replace(/\n$/, "")).then(function () {
            button.textContent = data.copied || "Copied";
            button.setAttribute("data-copied", "");
            status.textContent = data.copied || "Copied";
            clearTimeout(timer);
            timer = setTimeout(function () {
              button.textContent = data.copy || "Copy";
              button.removeAttribute("data-copied");
              status.textContent = "";
            }, 2000);
          }, function () { /* nothing copied: the button stays as it was */ });
        });
        wrap.appendChild(button);
        wrap.appendChild(status);
        pre.setAttribute("data-code-label", label.replace("{n}", n) + (pre.dataset.lang ? " (" + pre.dataset.lang + ")" : ""));
      })(blocks[i], i + 1);
    }
    scrollable();
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) return;
      pending = true;
      setTimeout(function () { pending = false; scrollable(); }, 150);
    });
  }

  /* A code block wider than its box is a named region the keyboard can scroll (focus, then
     the arrow keys); one that fits is not a tab stop. */
  function scrollable() {
    var blocks = document.querySelectorAll("pre[data-code-label]");
    for (var i = 0; i < blocks.length; i++) {
      var pre = blocks[i];
      if (pre.scrollWidth > pre.clientWidth + 1) {
        pre.setAttribute("tabindex", "0");
        pre.setAttribute("role", "region");
        pre.setAttribute("aria-label", pre.getAttribute("data-code-label"));
      } else {
        pre.removeAttribute("tabindex");
        pre.removeAttribute("role");
        pre.removeAttribute("aria-label");
      }
    }
  }

  /* ---------- comments ---------- */

  var GISCUS = "https://giscus.app";
  var UTTERANCES = "https://utteranc.es";

  function commentsTheme(provider, theme) {
    if (provider === "utterances") return theme === "dark" ? "github-dark" : "github-light";
    return theme === "dark" ? "dark" : "light";
  }

  function loadComments(box) {
    if (box.getAttribute("data-loaded")) return;
    box.setAttribute("data-loaded", "");
    var d = box.dataset;
    var s = document.createElement("script");
    s.async = true;
    s.crossOrigin = "anonymous";
    var theme = commentsTheme(d.comments, effective());
    var attrs;
    if (d.comments === "utterances") {
      s.src = UTTERANCES + "/client.js";
      attrs = { "repo": d.repo, "issue-term": d.mapping, "theme": theme };
      if (d.label) attrs.label = d.label;
    } else {
      s.src = GISCUS + "/client.js";
      attrs = {
        "data-repo": d.repo, "data-repo-id": d.repoId,
        "data-category": d.category, "data-category-id": d.categoryId,
        "data-mapping": d.mapping, "data-strict": "1",
        "data-reactions-enabled": d.reactions, "data-emit-metadata": "0",
        "data-input-position": d.inputPosition, "data-theme": theme,
        "data-lang": d.lang, "data-loading": "lazy"
      };
    }
    for (var k in attrs) s.setAttribute(k, attrs[k]);
    box.appendChild(s);
    listeners.push(function (t) {
      var frame = box.querySelector("iframe");
      if (!frame || !frame.contentWindow) return;
      var themeName = commentsTheme(d.comments, t);
      if (d.comments === "utterances") {
        frame.contentWindow.postMessage({ type: "set-theme", theme: themeName }, UTTERANCES);
      } else {
        frame.contentWindow.postMessage({ giscus: { setConfig: { theme: themeName } } }, GISCUS);
      }
    });
  }

  function setupComments() {
    var boxes = document.querySelectorAll("[data-comments]");
    if (!boxes.length) return;
    if (!("IntersectionObserver" in window)) {
      for (var i = 0; i < boxes.length; i++) loadComments(boxes[i]);
      return;
    }
    var seen = new IntersectionObserver(function (entries) {
      for (var j = 0; j < entries.length; j++) {
        if (entries[j].isIntersecting) {
          seen.unobserve(entries[j].target);
          loadComments(entries[j].target);
        }
      }
    }, { rootMargin: "0px 0px 600px 0px" });
    for (var k = 0; k < boxes.length; k++) seen.observe(boxes[k]);
  }

  function start() {
    setupToggle();
    setupCode();
    setupComments();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
