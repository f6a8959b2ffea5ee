#!/usr/bin/env python3
"""The drafting loop, measured: `hoego serve --watch` against `hugo server` on one corpus.

    python3 bench/serve_latency.py [--posts 1000] [--edits 10] [--shared ../shared]

Both servers run on the same generated corpus (jekyll layout for hoego, hugo layout plus
bench/hugo-site/ for Hugo). A real headless Chromium (Debian's chromium + chromium-driver,
driven over the W3C WebDriver REST API) keeps one post open. Each edit appends a new
paragraph to that post's file; the script notes the time just before the write and reads,
in the browser, when the reloaded page had parsed (`performance.timeOrigin` plus the
navigation entry's `domContentLoadedEventEnd`): the difference is save-to-reload, debounce
included. Each server's own rebuild time is read from its log ("... in N ms" for hoego,
"Total in N ms" for Hugo). A full `hoego build` of the same corpus is timed for comparison.
"""
import argparse
import html
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from compare import ensure_hugo

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", "--window-size=1280,900"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    def __init__(self, profile):
        self.port = free_port()
        self.proc = subprocess.Popen(["chromedriver", f"--port={self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/status", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        binary = next((b for b in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] if os.path.exists(b)), "chromium")
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": binary, "args": CHROME_ARGS + [f"--user-data-dir={profile}"]}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        url = self.base + (path if path == "/session" else f"/session/{self.session}{path}")
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.load(resp)["value"]

    def goto(self, url):
        self.call("POST", "/url", {"url": url})

    def eval(self, script):
        return self.call("POST", "/execute/sync", {"script": script, "args": []})

    def close(self):
        try:
            self.call("DELETE", "")
        except Exception:
            pass
        self.proc.kill()


class Server:
    """A server process whose output lines are collected with the time they arrived."""

    def __init__(self, cmd, cwd, ready):
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.time() + 300
        while not any(re.search(ready, l) for _, l in self.snapshot()):
            if time.time() > deadline or self.proc.poll() is not None:
                sys.exit("server did not start:\n" + "\n".join(l for _, l in self.snapshot()))
            time.sleep(0.05)

    def _read(self):
        for line in self.proc.stdout:
            with self.lock:
                self.lines.append((time.time(), line.rstrip("\n")))

    def snapshot(self):
        with self.lock:
            return list(self.lines)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


LOADED = """
return document.body && document.body.innerText.includes('%s')
  ? performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd
  : 0;
"""


def measure(driver, server, page_url, path, edits, log_pattern, label, pause):
    driver.goto(page_url)
    time.sleep(1.0)
    latencies, rebuilds = [], []
    for i in range(edits):
        marker = f"EDIT{label.upper()}{i}X{int(time.time() * 1000) % 100000}"
        seen = len(server.snapshot())
        t_save = time.time()
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\n\n새 문단 {marker}\n")
        loaded = 0
        deadline = time.time() + 30
        while not loaded and time.time() < deadline:
            loaded = driver.eval(LOADED % marker) or 0
            if not loaded:
                time.sleep(0.005)
        if not loaded:
            print(f"  {label}: edit {i + 1} never showed up in the browser")
            continue
        latencies.append(loaded - t_save * 1000)
        time.sleep(pause)
        for _, line in server.snapshot()[seen:]:
            m = re.search(log_pattern, line)
            if m:
                rebuilds.append(float(m.group(1)))
        print(f"  {label}: edit {i + 1}: save-to-reload {latencies[-1]:6.1f} ms"
              + (f", rebuild {rebuilds[-1]:.0f} ms" if rebuilds else ""), flush=True)
    return latencies, rebuilds


def page_path(public, source):
    """The site path of the post built from `source`: the one HTML file that has the last
    line of its body (listings show only the opening, feeds are XML)."""
    lines = [l.strip() for l in open(source, encoding="utf-8").read().split("\n") if len(l.strip()) > 30]
    needle = html.escape(lines[-1][:60], quote=False)
    for dirpath, _, files in os.walk(public):
        for f in files:
            if f.endswith(".html"):
                full = os.path.join(dirpath, f)
                if needle in open(full, encoding="utf-8").read():
                    rel = os.path.relpath(full, public).replace(os.sep, "/")
                    rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
                    return "/" + urllib.parse.quote(rel)
    sys.exit(f"no page of {public} shows the end of {source}")


def median(xs):
    return f"{statistics.median(xs):.1f} ms" if xs else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between edits")
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--hoego", help="a hoego binary to measure instead of building this checkout's")
    args = ap.parse_args()

    gen = os.path.join(args.shared, "bench", "gen_corpus.py")
    if args.hoego:
        hoego = os.path.abspath(args.hoego)
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        hoego = os.path.join(REPO, "target", "release", "hoego")
    work = tempfile.mkdtemp(prefix="hoego-serve-bench-")
    hdir, gdir = os.path.join(work, "hoego"), os.path.join(work, "hugo")
    subprocess.run([sys.executable, gen, "--posts", str(args.posts), "--out", hdir, "--layout", "jekyll"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, gen, "--posts", str(args.posts), "--out", gdir, "--layout", "hugo"], check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(os.path.join(REPO, "bench", "hugo-site"), gdir, dirs_exist_ok=True)
    with open(os.path.join(hdir, "config.toml"), "w") as f:
        f.write('title = "bench"\nbase_url = "https://example.com/"\npaginate = 10\n')

    # A post in the middle of the corpus that is not a draft.
    names = sorted(n for n in os.listdir(os.path.join(hdir, "_posts")))
    name = next(n for n in names[len(names) // 2:] if "published: false" not in open(os.path.join(hdir, "_posts", n), encoding="utf-8").read())
    stem = name[:-3]
    full = []
    for _ in range(3):
        subprocess.run(["sync"])
        time.sleep(1)
        t = time.perf_counter()
        subprocess.run([hoego, "build", "--base-url", "/"], cwd=hdir, check=True, stdout=subprocess.DEVNULL)
        full.append((time.perf_counter() - t) * 1000)

    profile = tempfile.mkdtemp(prefix="hoego-chrome-")
    driver = WebDriver(profile)
    results = {}
    try:
        server = Server([hoego, "serve", "--watch", "--port", "0"], hdir, r"serving .* at http://")
        url = next(re.search(r"(http://\S+)", l).group(1) for _, l in server.snapshot() if "serving" in l)
        page = url.rstrip("/") + page_path(os.path.join(hdir, "public"), os.path.join(hdir, "_posts", name))
        results["hoego"] = measure(driver, server, page, os.path.join(hdir, "_posts", name), args.edits,
                                   r"in (\d+) ms", "hoego", args.pause)
        server.stop()
        if not args.no_hugo:
            hugo = ensure_hugo(os.path.join(os.path.expanduser("~"), ".cache", "hoego-bench"))
            port = free_port()
            server = Server([hugo, "server", "--port", str(port), "--bind", "127.0.0.1"], gdir, r"Web Server is available")
            page = f"http://localhost:{port}/posts/{urllib.parse.quote(stem)}/"
            results["Hugo"] = measure(driver, server, page, os.path.join(gdir, "content", "posts", name), args.edits,
                                      r"Total in (\d+) ms", "hugo", args.pause)
            server.stop()
    finally:
        driver.close()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{args.posts} posts, {args.edits} edits of one post, medians:")
    print("| server | rebuild after one edit | save-to-reload in Chromium |")
    print("|---|---:|---:|")
    for label, (lat, reb) in results.items():
        print(f"| {label} | {median(reb)} | {median(lat)} |")
    print(f"| hoego full build (`hoego build`, process) | {median(full)} | |")


if __name__ == "__main__":
    main()
