#!/usr/bin/env python3
"""Jekyll parity: build a Jekyll site with real Jekyll and with hoego, compare post by post.

Usage
-----
    python3 bench/jekyll_parity.py SITE [SITE ...] [--hoego PATH] [--out DIR] [--show N]
                                   [--posts-only] [--jekyll PATH] [--keep] [--timeout S]

    HOEGO_BIN=/tmp/hoego-parity python3 bench/jekyll_parity.py ~/blogs/me.github.io --show 5

SITE is a Jekyll site folder (the one holding `_config.yml` and `_posts/`). It is never
modified: it is copied to a temporary folder twice, once for each tool.

What it does, per site
----------------------
1. Jekyll (Debian's `jekyll`, 4.3; `--jekyll` to pick another): the copy gets
   * `_plugins`-style hook `parity_hook.rb` (in its own plugins folder, added to
     `plugins_dir`) that records, for every post, `relative_path`, `url`, the output file
     and the post body right after conversion (`:post_convert`: Liquid + kramdown done,
     layout not applied yet).  This is independent of the theme: the body is exactly what
     `{{ content }}` would insert into any layout.
   * an override config (`--config _config.yml,override.yml`) that removes a `theme:` gem
     that is not installed, `remote_theme`, and `plugins:` entries Ruby cannot `require`.
     When the theme is missing, minimal `_layouts/default.html` / `post.html` (`{{ content }}`
     in `<article id="parity">`) are added where the site has none, so pages still render.
   * with `--theme-dir DIR` (a checkout of the theme), the theme's `_includes`, `_layouts`,
     `_sass`, `_data`, `assets` fill in what the copy lacks; without it, when the theme is
     missing, every `{% include NAME %}` naming a file the site lacks gets an empty stand-in.
   * Sass/SCSS pages are deleted from the copy (Debian's sassc cannot compile Dart-Sass
     themes, and CSS is not what we measure).
   If the build still fails, it retries without the site's own `_plugins`, then with no
   plugins at all; the attempt that worked is reported.  `JEKYLL_NO_BUNDLER_REQUIRE=1` so a
   Gemfile naming unavailable gems does not stop it; `--disable-disk-cache`.
2. hoego (`--hoego PATH`, else `$HOEGO_BIN`, else `hoego` on PATH):
   `hoego build --root COPY --output OUT`.  To map each built post back to its source file,
   the copy gets `templates/post.html` = the default theme's `post.html` (read from
   `themes/default/templates/post.html` next to this script's repository, or `--post-template`)
   with one extra line `<!-- parity-source: {{ page.source }} -->` (`page.source` is the
   source path relative to the site, part of hoego's documented template data).  Nothing
   else in the page changes.  If the site already has `templates/post.html`, that file is
   used as the base.  If hoego fails with the injected template but not without it, the
   run falls back to matching by (date, title) through `search-index.json`.
   If hoego exits non-zero, its exit status and errors are reported, and (unless `--strict`)
   the files named in its `error: PATH: ...` lines are removed from the copy and the build
   retried, so the remaining posts are still measured (noted in the report).
   The post's URL is the `u` of the search index (`search-index.json` and its shards) for that output file (base path
   removed), else derived from the output path.
3. Per post (keyed by source path; Jekyll's posts are the reference):
   * URL parity: Jekyll `page.url` vs hoego URL, compared percent-decoded.  `disk_same`
     says whether the output files are the same relative path.
   * visible text similarity: text of Jekyll's converted body vs text inside hoego's
     `<div class="post-content">` (html.parser; script/style dropped; kramdown's generated
     `#markdown-toc` list left out, since hoego renders its TOC outside the body;
     whitespace collapsed); `difflib.SequenceMatcher` ratio over words.
   * leftover markup in visible text outside <pre>/<code>/math:
     liquid (`{% %}`, `{{ }}`), ial (`{: ...}`, `{:toc}`, ALD), ext (`{::...}`),
     emph (literal `**`, `__` at word edges), math (`$$`), toc (`[TOC]`, `[[toc]]`),
     html (escaped tags shown as text, `markdown="1"`).  "any" counts all but math: a page's
     MathJax/KaTeX typesets a literal `$$…$$` too, so it is reported on its own.
   * toc: Jekyll body has kramdown's `markdown-toc`; hoego page has a `has-toc` article.
4. Output: a readable table (stdout), `OUT/<site>/posts.csv`, `OUT/<site>/posts.json`,
   `OUT/summary.json`; `--show N` prints the N worst posts of each site with a short diff.
   Exit status is 0 whenever the comparison ran (a failed build is a reported result).

Python 3.11 standard library only.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

# --------------------------------------------------------------------------- jekyll side

PARITY_HOOK = r'''
# Written by hoego's bench/jekyll_parity.py into a temporary copy of the site.
require "json"
module ParityHook
  OUT = ENV["PARITY_OUT"]
  def self.record(doc)
    return unless OUT && doc.is_a?(Jekyll::Document) && doc.collection.label == "posts"
    base = doc.site.dest.to_s
    dest = doc.destination(base).to_s.sub(%r!\A#{Regexp.escape(base)}/?!, "")
    row = {
      "path" => doc.relative_path, "url" => doc.url, "dest" => dest,
      "date" => doc.date.strftime("%Y-%m-%d"), "title" => doc.data["title"].to_s,
      "categories" => Array(doc.data["categories"]).map(&:to_s),
      "slug" => doc.data["slug"].to_s, "content" => doc.content.to_s,
    }
    File.open(OUT, "a") { |f| f.puts(JSON.generate(row)) }
  rescue StandardError => e
    warn "parity hook: #{e.class}: #{e.message}"
  end
end
Jekyll::Hooks.register(:posts, :post_convert) { |doc| ParityHook.record(doc) }
# jekyll-include-cache's tag (minimal-mistakes' layouts use it), where that gem is missing:
# the same include, uncached.
unless Liquid::Template.tags["include_cached"]
  Liquid::Template.register_tag("include_cached", Jekyll::Tags::IncludeTag)
end
'''

MIN_LAYOUT = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{{ page.title }}</title></head>\n<body><article id="parity">\n{{ content }}\n</article></body></html>\n'


def load_yaml_keys(text: str) -> dict[str, str]:
    """Very small reader for top-level `key: value` lines of _config.yml (no YAML lib)."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", line)
        if m:
            val = re.sub(r"\s+#.*$", "", m.group(2)).strip().strip("\"'")
            out.setdefault(m.group(1), val)
    return out


def top_level_list(text: str, key: str) -> list[str] | None:
    """Items of a top-level YAML list `key:` (block `- x` or flow `[a, b]`)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(rf"^{re.escape(key)}\s*:\s*(.*?)\s*$", line)
        if not m:
            continue
        rest = re.sub(r"\s+#.*$", "", m.group(1))
        if rest.startswith("["):
            return [x.strip().strip("\"'") for x in rest.strip("[]").split(",") if x.strip()]
        if rest:
            return [rest.strip("\"'")]
        items = []
        for nxt in lines[i + 1:]:
            if not nxt.strip() or nxt.lstrip().startswith("#"):
                continue
            mm = re.match(r"^\s*-\s*(.+?)\s*$", nxt)
            if not mm:
                break
            items.append(re.sub(r"\s+#.*$", "", mm.group(1)).strip("\"'"))
        return items
    return None


def ruby_can_require(names: list[str]) -> dict[str, bool]:
    if not names:
        return {}
    script = "require 'json'; require 'jekyll'; r = {}; ARGV.each { |n| begin; require n; r[n] = true; rescue LoadError, StandardError; r[n] = false; end }; puts JSON.generate(r)"
    try:
        p = subprocess.run(["ruby", "-e", script, *names], capture_output=True, text=True, timeout=120)
        return json.loads(p.stdout.strip().splitlines()[-1])
    except Exception:
        return {n: False for n in names}


def gem_installed(name: str) -> bool:
    script = "begin; Gem::Specification.find_by_name(ARGV[0]); puts 'yes'; rescue Gem::MissingSpecError; puts 'no'; end"
    try:
        p = subprocess.run(["ruby", "-e", script, name], capture_output=True, text=True, timeout=60)
        return p.stdout.strip() == "yes"
    except Exception:
        return False


def psych_symbol_files(files: list[Path]) -> list[str]:
    if not files:
        return []
    script = ("require 'yaml'; require 'date'; ARGV.each { |f| begin; YAML.safe_load(File.read(f), "
              "permitted_classes: [Date, Time], aliases: true); rescue Psych::DisallowedClass; puts f; "
              "rescue StandardError; end }")
    try:
        p = subprocess.run(["ruby", "-e", script, *map(str, files)], capture_output=True, text=True, timeout=120)
        return [l for l in p.stdout.splitlines() if l.strip()]
    except Exception:
        return []


def yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def copy_site(src: Path, dst: Path, posts_only: bool) -> None:
    if not posts_only:
        shutil.copytree(src, dst, symlinks=True, ignore=shutil.ignore_patterns(".git", "_site", ".jekyll-cache", ".sass-cache", "node_modules", "public"))
        return
    dst.mkdir(parents=True)
    for name in ("_config.yml", "_includes", "_layouts", "_data", "_posts", "_drafts"):
        p = src / name
        if p.is_dir():
            shutil.copytree(p, dst / name, symlinks=True)
        elif p.is_file():
            shutil.copy2(p, dst / name)
    for p in src.rglob("_posts"):
        rel = p.relative_to(src)
        if p.is_dir() and len(rel.parts) > 1 and not any(x.startswith((".", "_site")) for x in rel.parts[:-1]):
            shutil.copytree(p, dst / rel, symlinks=True, dirs_exist_ok=True)


def jekyll_build(site: Path, work: Path, jekyll: str, timeout: int, theme_dir: Path | None = None) -> dict:
    """Build with Jekyll, return {'ok', 'attempt', 'log', 'posts': [rows], 'seconds'}."""
    cfg_path = site / "_config.yml"
    cfg_text = cfg_path.read_text(encoding="utf-8", errors="replace") if cfg_path.exists() else ""
    keys = load_yaml_keys(cfg_text)
    notes: list[str] = []

    # Sass pages: not measured, and Debian's sassc cannot build Dart-Sass themes.
    for p in list(site.rglob("*.scss")) + list(site.rglob("*.sass")):
        if "_sass" not in p.relative_to(site).parts:
            p.unlink()
    # Jekyll 4.3.1 on Ruby 3.1 (Psych 4) stops on a data file holding a YAML symbol
    # (`key: :WORD ...`), which older Jekyll read fine; such files are not post content.
    bad = psych_symbol_files([p for p in (site / "_data").rglob("*") if p.suffix in (".yml", ".yaml")] if (site / "_data").is_dir() else [])
    for b in bad:
        Path(b).unlink()
    if bad:
        notes.append("data files with YAML symbols removed: " + ",".join(Path(b).name for b in bad))
    plugdir = work / "parity-plugin"
    plugdir.mkdir(exist_ok=True)
    (plugdir / "parity_hook.rb").write_text(PARITY_HOOK, encoding="utf-8")

    override: dict[str, object] = {}
    theme = keys.get("theme", "")
    theme_missing = bool(keys.get("remote_theme")) or (bool(theme) and not gem_installed(theme))
    if theme and theme_missing:
        notes.append(f"theme {theme} not installed: cleared")
    if keys.get("remote_theme"):
        notes.append(f"remote_theme {keys['remote_theme']} cleared")
    if theme or keys.get("remote_theme"):
        # `null` would keep the old value (Jekyll merges configs skipping nil); a non-String
        # theme is ignored with a warning.
        override["theme"] = False
        override["remote_theme"] = False
    if theme_dir:
        merged = 0
        for sub in ("_includes", "_layouts", "_sass", "_data", "assets"):
            src = theme_dir / sub
            if not src.is_dir():
                continue
            for f in src.rglob("*"):
                if f.is_file():
                    dst = site / sub / f.relative_to(src)
                    if not dst.exists():
                        dst.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(f, dst)
                        merged += 1
        notes.append(f"theme files merged from {theme_dir}: {merged}")
    if theme_missing and not theme_dir:
        # Includes the missing theme would have provided: empty stand-ins, so the build goes
        # on (the post body then lacks what the include would have inserted).
        inc = site / "_includes"
        names = set()
        for f in site.rglob("*"):
            if f.suffix.lower() in (".md", ".markdown", ".html") and f.is_file():
                try:
                    t = f.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                names.update(re.findall(r"\{%-?\s*include(?:_cached)?\s+([\w./-]+)", t))
        stubs = [n for n in sorted(names) if ".." not in n and not (inc / n).exists()]
        for n in stubs:
            (inc / n).parent.mkdir(parents=True, exist_ok=True)
            (inc / n).write_text("", encoding="utf-8")
        if stubs:
            notes.append(f"empty stand-ins for {len(stubs)} theme includes: " + ",".join(stubs[:8]))
    if theme_missing or not (site / "_layouts").is_dir():
        lay = site / "_layouts"
        lay.mkdir(exist_ok=True)
        added = []
        for name in ("default.html", "post.html", "page.html", "single.html", "home.html"):
            if not (lay / name).exists():
                (lay / name).write_text(MIN_LAYOUT, encoding="utf-8")
                added.append(name)
        if added:
            notes.append("minimal layouts added: " + ",".join(added))
    plugins = top_level_list(cfg_text, "plugins") or top_level_list(cfg_text, "gems") or []
    avail = ruby_can_require(plugins)
    kept = [p for p in plugins if avail.get(p)]
    dropped = [p for p in plugins if not avail.get(p)]
    if dropped:
        notes.append("plugins dropped (not installed): " + ",".join(dropped))
    override["plugins"] = kept
    site_plugins_dir = keys.get("plugins_dir") or "_plugins"
    own_plugins = (site / site_plugins_dir).resolve()

    attempts = [
        ("as is", [str(own_plugins), str(plugdir)], kept, False),
        ("minimal layouts", [str(own_plugins), str(plugdir)], kept, True),
        ("minimal layouts, site _plugins disabled", [str(plugdir)], kept, True),
        ("minimal layouts, all plugins disabled", [str(plugdir)], [], True),
    ]
    log_all = []
    t0 = time.monotonic()
    for label, pdirs, plist, minimal in attempts:
        if minimal:
            # The hook reads each post before its layout is applied, so layouts do not change
            # what is measured; a theme's layouts may need tags of plugins we lack.
            lay = site / "_layouts"
            shutil.rmtree(lay, ignore_errors=True)
            lay.mkdir()
            names = {"default.html", "post.html", "page.html", "single.html", "home.html"}
            for f in site.rglob("*"):
                if f.suffix.lower() in (".md", ".markdown", ".html") and f.is_file() and "_site" not in f.parts:
                    try:
                        head = f.read_text(encoding="utf-8", errors="replace")[:3000]
                    except OSError:
                        continue
                    m = re.search(r"^layout\s*:\s*[\"']?([\w./-]+)", head, re.M)
                    if m:
                        names.add(m.group(1) if m.group(1).endswith(".html") else m.group(1) + ".html")
            for n in names:
                if "/" not in n and n != ".html":
                    (lay / n).write_text(MIN_LAYOUT, encoding="utf-8")
        ov = dict(override)
        ov["plugins"] = plist
        ov["plugins_dir"] = pdirs
        ov["safe"] = False
        lines = []
        for k, v in ov.items():
            if v is None:
                lines.append(f"{k}: null")
            elif isinstance(v, list):
                lines.append(f"{k}: [" + ", ".join(yaml_str(x) for x in v) + "]")
            elif isinstance(v, bool):
                lines.append(f"{k}: {'true' if v else 'false'}")
            else:
                lines.append(f"{k}: {yaml_str(str(v))}")
        ovf = work / "parity-override.yml"
        ovf.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = work / "jekyll-out"
        rec = work / "jekyll-posts.jsonl"
        for p in (out,):
            shutil.rmtree(p, ignore_errors=True)
        rec.unlink(missing_ok=True)
        configs = ([str(cfg_path)] if cfg_path.exists() else []) + [str(ovf)]
        env = dict(os.environ, PARITY_OUT=str(rec), JEKYLL_NO_BUNDLER_REQUIRE="1", LC_ALL="C.UTF-8", JEKYLL_ENV="production")
        cmd = [jekyll, "build", "--source", str(site), "--destination", str(out), "--config", ",".join(configs), "--disable-disk-cache"]
        try:
            p = subprocess.run(cmd, cwd=site, env=env, capture_output=True, text=True, timeout=timeout)
            rc, log = p.returncode, (p.stdout + p.stderr)
        except subprocess.TimeoutExpired as e:
            rc, log = -1, f"timeout after {timeout}s"
        log_all.append(f"--- attempt: {label} (exit {rc})\n{log}")
        if rc == 0:
            rows = {}
            if rec.exists():
                for line in rec.read_text(encoding="utf-8").splitlines():
                    r = json.loads(line)
                    rows[r["path"]] = r  # last render wins
            return {"ok": True, "attempt": label, "notes": notes, "log": "\n".join(log_all), "posts": list(rows.values()), "seconds": time.monotonic() - t0, "out": out}
    return {"ok": False, "attempt": "failed", "notes": notes, "log": "\n".join(log_all), "posts": [], "seconds": time.monotonic() - t0, "out": None}


# --------------------------------------------------------------------------- hoego side

def find_default_post_template(explicit: str | None) -> str | None:
    cands = [Path(explicit)] if explicit else []
    here = Path(__file__).resolve().parent.parent
    cands += [here / "themes/default/templates/post.html", Path("/work/main/themes/default/templates/post.html")]
    for c in cands:
        if c.is_file():
            return c.read_text(encoding="utf-8")
    return None


MARKER_RE = re.compile(r"<!-- parity-source: (.*?) -->")


def inject_marker(tpl: str) -> str | None:
    marker = "<!-- parity-source: {{ page.source }} -->\n"
    m = re.search(r'<div class="post-content', tpl)
    if m:
        return tpl[: m.start()] + marker + tpl[m.start():]
    m = re.search(r"\{\{\s*page\.content", tpl)
    if m:
        return tpl[: m.start()] + marker + tpl[m.start():]
    return None


def hoego_build(site: Path, work: Path, hoego: str, template: str | None, timeout: int, retry_without_bad: bool = True) -> dict:
    out = work / "hoego-out"
    notes = []
    injected = False
    own = site / "templates" / "post.html"
    own_existed = own.is_file()
    base_tpl = own.read_text(encoding="utf-8") if own_existed else template
    if base_tpl:
        new = inject_marker(base_tpl)
        if new:
            own.parent.mkdir(parents=True, exist_ok=True)
            own.write_text(new, encoding="utf-8")
            injected = True
    if not injected:
        notes.append("no post template to mark: matching by date+title")

    def run() -> tuple[int, str, float]:
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.monotonic()
        try:
            p = subprocess.run([hoego, "build", "--root", str(site), "--output", str(out)], capture_output=True, text=True, timeout=timeout)
            return p.returncode, p.stdout + p.stderr, time.monotonic() - t0
        except subprocess.TimeoutExpired:
            return -1, f"timeout after {timeout}s", time.monotonic() - t0

    rc, log, secs = run()
    if rc != 0 and injected and "post.html" in log:
        marked = own.read_text(encoding="utf-8")
        own.unlink()
        if own_existed:
            own.write_text(base_tpl, encoding="utf-8")
        rc2, log2, secs2 = run()
        if rc2 == 0:
            notes.append("hoego failed with the marked template; matched by date+title instead")
            rc, log, secs, injected = rc2, log + "\n--- retry without marker\n" + log2, secs2, False
        else:
            own.write_text(marked, encoding="utf-8")
    first_rc = rc
    if rc != 0 and retry_without_bad:
        # Measure the rest anyway: drop the files hoego names in its errors and build again.
        removed: list[str] = []
        for _ in range(8):
            bad = []
            for line in log.splitlines():
                m = re.match(r"^error: (.+?)(?::\d+)*: ", line)
                if m and (site / m.group(1)).is_file() and m.group(1) not in removed:
                    bad.append(m.group(1))
            if not bad:
                break
            for b in dict.fromkeys(bad):
                (site / b).unlink()
                removed.append(b)
            rc, log2, secs = run()
            log = log + "\n--- retry without " + ", ".join(bad) + "\n" + log2
            if rc == 0:
                break
        if removed:
            notes.append(f"exit {first_rc}; numbers below from a rebuild without {len(removed)} file(s) hoego rejected: " + ", ".join(removed[:6]) + (" …" if len(removed) > 6 else ""))
    return {"rc": first_rc, "rc_final": rc, "log": log, "seconds": secs, "out": out, "marked": injected, "notes": notes}


def hoego_posts(res: dict) -> list[dict]:
    """Posts of hoego's output: [{source, file, url, title, date, html}]"""
    out: Path = res["out"]
    if res.get("rc_final", res["rc"]) != 0 or not out.is_dir():
        return []
    index = {}
    si = out / "search-index.json"
    entries = []
    if si.is_file():
        try:
            # The manifest lists the shards ("search/shard-0.json?v=…"); each has its posts.
            manifest = json.loads(si.read_text(encoding="utf-8"))
            for shard in manifest.get("shards", []):
                f = out / shard["url"].split("?")[0]
                entries += json.loads(f.read_text(encoding="utf-8")).get("posts", [])
        except Exception:
            entries = []
    # search-index URLs carry the base path (e.g. /blog/); strip leading segments until the
    # URL names a file of the output.
    for e in entries:
        path = urllib.parse.unquote(urllib.parse.urlsplit(e.get("u", "")).path)
        segs = path.split("/")
        for cut in range(1, len(segs)):
            rest = "/" + "/".join(segs[cut:])
            f = out / rest.lstrip("/")
            cand = [f / "index.html"] if rest.endswith("/") else [f, Path(str(f) + ".html"), f / "index.html"]
            hit = next((c for c in cand if c.is_file()), None)
            if hit:
                index[hit.resolve()] = {"url": rest, "title": e.get("t", ""), "date": e.get("d", "")}
                break
    posts = []
    for f in out.rglob("*.html"):
        try:
            text = f.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if res["marked"]:
            m = MARKER_RE.search(text)
            if not m:
                continue
            source = html.unescape(m.group(1))
        else:
            if f.resolve() not in index:
                continue
            source = None
        meta = index.get(f.resolve())
        rel = f.relative_to(out).as_posix()
        if meta:
            url = meta["url"]
        else:
            url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        posts.append({"source": source, "file": rel, "url": url, "title": meta["title"] if meta else "", "date": meta["date"] if meta else "", "html": text})
    return posts


# --------------------------------------------------------------------------- text extraction

BLOCK = {"p", "div", "section", "article", "header", "footer", "aside", "nav", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "figure", "figcaption", "hr", "br", "details", "summary", "main", "form", "img", "iframe", "video", "audio", "caption"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
DROP = {"script", "style", "template", "noscript", "svg"}
CODE = {"pre", "code", "kbd", "samp", "tt"}


class Extract(HTMLParser):
    """Collect visible text inside a container (whole document if `container` is None).

    `text`: all visible text; `prose`: the same without code/pre and math, for the markup check.
    """

    def __init__(self, container=None):
        super().__init__(convert_charrefs=True)
        self.container = container
        self.depth = 0 if container is None else -1  # -1: not yet inside
        self.done = False
        self.stack: list[str] = []
        self.skip = 0
        self.code = 0
        self.math = 0
        self.toc = 0
        self.text: list[str] = []
        self.prose: list[str] = []
        self.has_toc = False
        self.has_toc_article = False

    def inside(self):
        return self.depth >= 0 and not self.done

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "article" and "has-toc" in cls:
            self.has_toc_article = True
        if self.done:
            return
        if self.depth < 0:
            if self.container(tag, a, cls):
                self.depth = 0
                self.stack = [tag]
            return
        if tag in VOID:
            if tag in BLOCK:
                self._sp()
            if tag == "img" and a.get("alt") is not None:
                pass
            return
        self.stack.append(tag)
        if tag in DROP:
            self.skip += 1
        if tag in CODE:
            self.code += 1
        if ("math" in cls or tag == "math" or "katex" in cls or "MathJax" in cls or (a.get("type") or "").startswith("math/")):
            self.math += 1
            self.stack[-1] = tag + "\0math"
        if a.get("id") == "markdown-toc" or "markdown-toc" in cls or "rouge-gutter" in cls or "lineno" in cls or "gutter" in cls:
            self.has_toc = self.has_toc or a.get("id") == "markdown-toc"
            self.toc += 1
            self.stack[-1] = self.stack[-1] + "\0toc"
        if tag in BLOCK:
            self._sp()

    def handle_startendtag(self, tag, attrs):
        if self.inside() and tag in BLOCK:
            self._sp()

    def handle_endtag(self, tag):
        if not self.inside():
            return
        if tag in VOID:
            return
        # pop to the matching tag (tolerate sloppy HTML)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].split("\0")[0] == tag:
                for t in self.stack[i:][::-1]:
                    base = t.split("\0")[0]
                    if base in DROP:
                        self.skip -= 1
                    if base in CODE:
                        self.code -= 1
                    if "\0math" in t:
                        self.math -= 1
                    if "\0toc" in t:
                        self.toc -= 1
                del self.stack[i:]
                break
        if tag in BLOCK:
            self._sp()
        if self.container is not None and not self.stack:
            self.done = True

    def handle_data(self, data):
        if not self.inside() or self.skip or self.toc:
            return
        self.text.append(data)
        if not self.code and not self.math:
            self.prose.append(data)
        else:
            self.prose.append(" ")

    def _sp(self):
        self.text.append(" ")
        self.prose.append(" ")


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def extract(html_text: str, container=None) -> tuple[str, str, bool, bool]:
    p = Extract(container)
    p.feed(html_text)
    p.close()
    return norm("".join(p.text)), norm("".join(p.prose)), p.has_toc, p.has_toc_article


def hoego_container(tag, a, cls):
    return tag == "div" and "post-content" in cls


MARKUP = {
    "liquid": re.compile(r"\{%-?\s*[a-z_]+.*?%\}|\{\{-?\s*[^{}]*?\}\}", re.S),
    "ial": re.compile(r"\{:(?!:)[^{}\n]*\}"),
    "ext": re.compile(r"\{::[a-z]+"),
    "emph": re.compile(r"\*\*|(?<![\w])__(?=\S)|(?<=\S)__(?![\w])"),
    "math": re.compile(r"\$\$"),
    "toc": re.compile(r"\[TOC\]|\[\[_?toc_?\]\]", re.I),
    "html": re.compile(r"</?(div|span|details|summary|img|br|p|iframe|figure|center|font|table)\b[^>]*>|markdown=[\"']1[\"']", re.I),
}


# `$$` is left out of "any": MathJax/KaTeX in the page typesets `$$…$$` as well as `\(…\)`.
ANY_KINDS = ("liquid", "ial", "ext", "emph", "toc", "html")


def markup_counts(prose: str) -> dict[str, int]:
    return {k: len(r.findall(prose)) for k, r in MARKUP.items()}


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    wa, wb = a.split(), b.split()
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    if sm.real_quick_ratio() < 0.5:
        return round(sm.quick_ratio() if len(wa) + len(wb) > 40000 else sm.ratio(), 4)
    return round(sm.ratio(), 4)


LOOSE = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00ab": '"', "\u00bb": '"'})


def loose(t: str) -> str:
    """Typography-insensitive text: smart quotes, dashes and ellipses made plain, and inline
    math's `\\(x\\)` written `$x$`: kramdown leaves single-dollar math as text for the page's
    MathJax, hoego writes MathJax's own delimiters, and both typeset the same."""
    t = t.translate(LOOSE).replace("--", "-").replace("\\(", "$").replace("\\)", "$")
    return re.sub(r"\s+", " ", t)


def decode_url(u: str) -> str:
    return urllib.parse.unquote(u or "")


# --------------------------------------------------------------------------- comparison

USED_NAMES: set[str] = set()


def compare_site(src: Path, args, hoego: str, template: str | None) -> dict:
    name = src.name if src.name not in ("source", "docs", ".") else f"{src.parent.name}-{src.name}"
    if args.name_prefix:
        name = args.name_prefix + name
    base, k = name, 2
    while name in USED_NAMES:
        name, k = f"{base}-{k}", k + 1
    USED_NAMES.add(name)
    work = Path(tempfile.mkdtemp(prefix=f"parity-{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}-"))
    jsite, hsite = work / "jekyll-site", work / "hoego-site"
    copy_site(src, jsite, args.posts_only)
    copy_site(src, hsite, args.posts_only)

    j = jekyll_build(jsite, work, args.jekyll, args.timeout, Path(args.theme_dir).resolve() if args.theme_dir else None)
    h = hoego_build(hsite, work, hoego, template, args.timeout, not args.strict)
    hposts = hoego_posts(h)
    # With `collections_dir`, Jekyll's relative_path starts at the collections folder
    # (`_posts/a.md`); hoego's page.source at the site (`docs/_posts/a.md`).
    cfg = src / "_config.yml"
    m = re.search(r"^collections_dir\s*:\s*['\"]?([^'\"#\n]+)", cfg.read_text(encoding="utf-8", errors="replace"),
                  re.M) if cfg.is_file() else None
    if m:
        prefix = m.group(1).strip().strip("./") + "/"
        for p in hposts:
            if p["source"] and p["source"].startswith(prefix):
                p["source"] = p["source"][len(prefix):]
    by_source = {p["source"]: p for p in hposts if p["source"]}
    by_key = {}
    for p in hposts:
        by_key.setdefault((p["date"], p["title"]), []).append(p)

    rows = []
    used = set()
    for jp in sorted(j["posts"], key=lambda r: r["path"]):
        hp = by_source.get(jp["path"])
        if hp is None and not h["marked"]:
            cands = [c for c in by_key.get((jp["date"], jp["title"]), []) if id(c) not in used]
            hp = cands[0] if cands else None
        jtext, jprose, jtoc, _ = extract(jp["content"])
        row = {
            "source": jp["path"], "jekyll_url": jp["url"], "jekyll_file": jp["dest"],
            "hoego_url": "", "hoego_file": "", "url_same": False, "disk_same": False,
            "similarity": 0.0, "sim_loose": 0.0, "toc_jekyll": jtoc, "toc_hoego": False,
            "jekyll_words": len(jtext.split()), "hoego_words": 0,
        }
        jm = markup_counts(jprose)
        for k, v in jm.items():
            row[f"j_{k}"] = v
        for k in MARKUP:
            row[f"h_{k}"] = 0
        if hp is not None:
            used.add(id(hp))
            htext, hprose, _, htoc = extract(hp["html"], hoego_container)
            row.update({
                "hoego_url": hp["url"], "hoego_file": hp["file"],
                "url_same": decode_url(hp["url"]) == decode_url(jp["url"]),
                "disk_same": hp["file"] == jp["dest"] or (hp["file"].endswith("/index.html") and jp["dest"] == hp["file"]),
                "similarity": similarity(jtext, htext), "sim_loose": similarity(loose(jtext), loose(htext)), "toc_hoego": htoc,
                "hoego_words": len(htext.split()),
            })
            for k, v in markup_counts(hprose).items():
                row[f"h_{k}"] = v
            row["_htext"] = htext
        else:
            row["hoego_url"] = "(missing)"
        row["_jtext"] = jtext
        rows.append(row)
    jsources = {r["source"] for r in rows}
    hoego_only = [p["source"] or p["file"] for p in hposts if id(p) not in used and (p["source"] not in jsources)]

    res = {"site": name, "path": str(src), "work": str(work), "jekyll_ok": j["ok"], "jekyll_attempt": j["attempt"],
           "jekyll_notes": j["notes"], "jekyll_seconds": round(j["seconds"], 1), "jekyll_log_tail": tail("\n".join(l for l in j["log"].splitlines() if not l.lstrip().startswith("from ")), 12),
           "hoego_rc": h["rc"], "hoego_seconds": round(h["seconds"], 2), "hoego_notes": h["notes"],
           "hoego_log_errors": hoego_errors(h["log"]), "hoego_warnings": count_warnings(h["log"]),
           "hoego_posts": len(hposts), "hoego_only": hoego_only, "rows": rows}
    outdir = Path(args.out) / name
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "jekyll.log").write_text(j["log"], encoding="utf-8")
    (outdir / "hoego.log").write_text(h["log"], encoding="utf-8")
    public = [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]
    if public:
        with open(outdir / "posts.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(public[0].keys()))
            w.writeheader()
            w.writerows(public)
    (outdir / "posts.json").write_text(json.dumps({k: v for k, v in res.items() if k != "rows"} | {"posts": public}, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return res


def tail(s: str, n: int) -> str:
    return "\n".join(s.strip().splitlines()[-n:])


def hoego_errors(log: str) -> list[str]:
    return [l for l in log.splitlines() if re.match(r"^\s*(error|Error)\b", l)][:20]


def count_warnings(log: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for l in log.splitlines():
        m = re.match(r"^warning: (?:[^:]*:\d+: )?(.*)$", l)
        if m:
            key = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|\d+", "…", m.group(1))[:70]
            out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1])[:12])


def summarize(res: dict) -> dict:
    rows = res["rows"]
    n = len(rows)
    pct = lambda k: round(100.0 * k / n, 1) if n else 0.0
    s = {
        "site": res["site"], "jekyll": "ok" if res["jekyll_ok"] else "FAIL", "hoego_rc": res["hoego_rc"],
        "posts": n, "hoego_posts": res["hoego_posts"],
        "missing": sum(1 for r in rows if r["hoego_url"] == "(missing)"),
        "url_same%": pct(sum(r["url_same"] for r in rows)),
        "sim95%": pct(sum(r["similarity"] >= 0.95 for r in rows)),
        "sim_mean": round(sum(r["similarity"] for r in rows) / n, 3) if n else 0.0,
        "loose95%": pct(sum(r["sim_loose"] >= 0.95 for r in rows)),
    }
    for side in ("j", "h"):
        for k in ("liquid", "ial", "emph"):
            s[f"{side}_{k}"] = sum(1 for r in rows if r[f"{side}_{k}"])
        s[f"{side}_any"] = sum(1 for r in rows if any(r[f"{side}_{k}"] for k in ANY_KINDS))
        s[f"{side}_math"] = sum(1 for r in rows if r[f"{side}_math"])
    s["toc_j/h"] = f"{sum(r['toc_jekyll'] for r in rows)}/{sum(1 for r in rows if r['toc_jekyll'] and r['toc_hoego'])}"
    return s


def table(summaries: list[dict]) -> str:
    cols = ["site", "jekyll", "hoego_rc", "posts", "hoego_posts", "missing", "url_same%", "sim95%", "loose95%", "sim_mean",
            "j_liquid", "h_liquid", "j_ial", "h_ial", "j_emph", "h_emph", "j_any", "h_any", "j_math", "h_math", "toc_j/h"]
    data = [[str(s.get(c, "")) for c in cols] for s in summaries]
    if len(summaries) > 1:
        tot = {"site": "TOTAL"}
        P = sum(s["posts"] for s in summaries)
        tot["posts"] = P
        for c in ("hoego_posts", "missing", "j_liquid", "h_liquid", "j_ial", "h_ial", "j_emph", "h_emph", "j_any", "h_any", "j_math", "h_math"):
            tot[c] = sum(s[c] for s in summaries)
        for c in ("url_same%", "sim95%", "loose95%"):
            tot[c] = round(sum(s[c] * s["posts"] for s in summaries) / P, 1) if P else 0.0
        tot["sim_mean"] = round(sum(s["sim_mean"] * s["posts"] for s in summaries) / P, 3) if P else 0.0
        data.append([str(tot.get(c, "")) for c in cols])
    w = [max([len(c), *(len(r[i]) for r in data)]) for i, c in enumerate(cols)]
    line = lambda r: "  ".join(x.ljust(w[i]) if i == 0 else x.rjust(w[i]) for i, x in enumerate(r))
    out = [line(cols), line(["-" * x for x in w])]
    out += [line(r) for r in data]
    return "\n".join(out)


def show_worst(res: dict, n: int) -> str:
    def badness(r):
        marks = sum(r[f"h_{k}"] for k in MARKUP) - sum(r[f"j_{k}"] for k in MARKUP)
        return (r["similarity"] - (0 if r["url_same"] else 0.05) - 0.01 * max(marks, 0))
    rows = sorted(res["rows"], key=badness)[:n]
    out = [f"\n== {res['site']}: {len(rows)} worst posts"]
    for r in rows:
        hm = {k: r[f'h_{k}'] for k in MARKUP if r[f'h_{k}']}
        jm = {k: r[f'j_{k}'] for k in MARKUP if r[f'j_{k}']}
        out.append(f"- {r['source']}  sim={r['similarity']}  url {'==' if r['url_same'] else '!='}  jekyll={r['jekyll_url']}  hoego={r['hoego_url']}")
        if hm or jm:
            out.append(f"    leftover markup: hoego={hm} jekyll={jm}")
        if "_htext" in r:
            a = wrap(r["_jtext"]); b = wrap(r["_htext"])
            d = list(difflib.unified_diff(a, b, "jekyll", "hoego", n=0, lineterm=""))[2:]
            d = [x for x in d if not x.startswith("@@")]
            for x in d[:10]:
                out.append("    " + x[:160])
            if len(d) > 10:
                out.append(f"    … {len(d) - 10} more diff lines")
    return "\n".join(out)


def wrap(t: str) -> list[str]:
    # one "line" per sentence-ish chunk, so diffs stay short
    parts = re.split(r"(?<=[.!?。])\s+|\s(?=#)", t)
    return [p for p in parts if p]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Compare a Jekyll site built by Jekyll and by hoego.", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("What it does")[0])
    ap.add_argument("sites", nargs="+", help="Jekyll site folder(s)")
    ap.add_argument("--hoego", default=os.environ.get("HOEGO_BIN") or shutil.which("hoego") or "hoego")
    ap.add_argument("--jekyll", default=shutil.which("jekyll") or "jekyll")
    ap.add_argument("--out", default="parity-out", help="folder for per-post CSV/JSON and logs (default ./parity-out)")
    ap.add_argument("--show", type=int, default=0, help="list the N worst posts of each site with a short diff")
    ap.add_argument("--posts-only", action="store_true", help="copy only _config.yml, _posts (and <cat>/_posts), _drafts, _includes, _layouts, _data")
    ap.add_argument("--post-template", help="hoego's default post.html to mark (default: themes/default/templates/post.html of this repo)")
    ap.add_argument("--theme-dir", help="for Jekyll only: a theme checkout whose _includes/_layouts/_sass/_data/assets fill in what the site lacks (stands in for a remote_theme/gem theme Debian lacks)")
    ap.add_argument("--strict", action="store_true", help="when hoego's build fails, report no posts (default: also rebuild without the files its errors name, and measure those)")
    ap.add_argument("--name-prefix", default="", help="prefix for site names in the report")
    ap.add_argument("--keep", action="store_true", help="keep the temporary build folders")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per build (default 900)")
    args = ap.parse_args(argv)

    template = find_default_post_template(args.post_template)
    results, summaries = [], []
    for s in args.sites:
        src = Path(s).resolve()
        if not src.is_dir():
            print(f"skip {s}: not a folder", file=sys.stderr)
            continue
        print(f"… {src}", file=sys.stderr, flush=True)
        try:
            res = compare_site(src, args, args.hoego, template)
        except Exception as e:  # report, never crash the whole run
            print(f"  error comparing {s}: {e.__class__.__name__}: {e}", file=sys.stderr)
            continue
        results.append(res)
        summaries.append(summarize(res))

    print(table(summaries))
    print("\nposts = Jekyll's posts (reference); url_same% = Jekyll URL == hoego URL (percent-decoded);"
          "\nsim95% = visible text similarity >= 0.95 (loose95%: the same with smart quotes/dashes made plain and inline math as $x$); j_/h_ = posts with leftover Liquid / IAL / emphasis / any markup"
          "\n(Jekyll / hoego), outside code; any = liquid, IAL/ALD, {::ext}, emphasis, [TOC], tags shown as text; math = literal $$"
          "\n(not in any: a page's MathJax typesets it); toc_j/h = posts with kramdown TOC in Jekyll / of those, hoego shows a TOC.")
    for res in results:
        print(f"\n[{res['site']}] jekyll: {'ok' if res['jekyll_ok'] else 'FAILED'} ({res['jekyll_attempt']}, {res['jekyll_seconds']}s)"
              + (f"; {'; '.join(res['jekyll_notes'])}" if res["jekyll_notes"] else ""))
        if not res["jekyll_ok"]:
            print("  " + res["jekyll_log_tail"].replace("\n", "\n  "))
        print(f"  hoego: exit {res['hoego_rc']} ({res['hoego_seconds']}s), {res['hoego_posts']} posts"
              + (f"; {'; '.join(res['hoego_notes'])}" if res["hoego_notes"] else ""))
        for e in res["hoego_log_errors"][:5]:
            print("  " + e[:200])
        if res["hoego_warnings"]:
            print("  warnings: " + "; ".join(f"{v}× {k}" for k, v in list(res["hoego_warnings"].items())[:6]))
        if res["hoego_only"]:
            print(f"  hoego-only posts ({len(res['hoego_only'])}): " + ", ".join(res["hoego_only"][:5]))
        if args.show:
            print(show_worst(res, args.show))
    Path(args.out).mkdir(parents=True, exist_ok=True)
    (Path(args.out) / "summary.json").write_text(json.dumps(summaries, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
