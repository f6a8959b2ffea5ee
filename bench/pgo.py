#!/usr/bin/env python3
"""Builds hoego in release mode with profile-guided optimization: what the release
workflow ships and what `bench/compare.py` measures.

    python3 bench/pgo.py [--target TRIPLE] [--zig] [--target-dir DIR]

1. builds an instrumented hoego (`-Cprofile-generate`) in target/pgo-generate/;
2. runs it over this repository's own sites: a training blog made from the example blog's
   posts (each written again under 60 other years, so the listings, feeds, pagination and
   search index see a few hundred posts), the example blog itself with and without its
   caches, and the Jekyll test fixtures;
3. merges the counts with the toolchain's `llvm-profdata` (`rustup component add
   llvm-tools`);
4. builds hoego again with them (`-Cprofile-use`) into DIR (default target/pgo, so that
   it does not displace a plain `cargo build --release`): DIR/release/hoego, or
   DIR/TRIPLE/release/hoego with `--target`. The last line printed is its path.

The training runs only what is in this repository, so a release build needs nothing else;
BENCHMARKS.md has what it buys on the generated corpora, which it never sees. `--zig`
builds the final binary with `cargo zigbuild` (the release workflow's static Linux
binaries). The instrumented one is always built by cargo itself, for the same target so
that the functions' names match (cargo-zigbuild's linker wrapper cannot link the
profiler's runtime): the target must run on this machine, and a musl target needs
`musl-gcc` (Debian's and Ubuntu's musl-tools) for the C code.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = ".exe" if os.name == "nt" else ""
# How many times the training blog repeats the example blog's posts.
COPIES = 60


def cargo(rustflags, target_dir, target, zig):
    cmd = ["cargo", "zigbuild" if zig else "build", "--release", "--locked"]
    if target:
        cmd += ["--target", target]
    env = dict(os.environ, CARGO_TARGET_DIR=target_dir)
    # RUSTFLAGS from the caller (none in the workflows) are kept, the profile flag added.
    env["RUSTFLAGS"] = " ".join(f for f in [os.environ.get("RUSTFLAGS", ""), rustflags] if f)
    subprocess.run(cmd, cwd=REPO, env=env, check=True)
    sub = [target] if target else []
    return os.path.join(target_dir, *sub, "release", "hoego" + EXE)


def profdata_tool():
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True,
                             text=True, check=True).stdout.strip()
    found = glob.glob(os.path.join(sysroot, "lib", "rustlib", "*", "bin", "llvm-profdata" + EXE))
    if not found:
        sys.exit("llvm-profdata not found in the Rust toolchain: rustup component add llvm-tools")
    return found[0]


def earlier(text, pattern, years):
    """`text` with the year that `pattern`'s second group matches moved back `years`."""
    return re.sub(pattern, lambda m: m.group(1) + str(int(m.group(2)) - years), text, count=1)


def training_blog(dest):
    """The example blog with each post written again under COPIES earlier years."""
    shutil.copy(os.path.join(REPO, "config.toml"), dest)
    shutil.copytree(os.path.join(REPO, "content"), os.path.join(dest, "content"))
    posts = os.path.join(dest, "content", "posts")
    originals = sorted(os.listdir(posts))
    for n in range(1, COPIES + 1):
        for name in originals:
            with open(os.path.join(posts, name), encoding="utf-8") as f:
                text = f.read()
            text = earlier(text, r"(?m)^(date\s*[:=]\s*)(\d{4})", n)
            new = earlier(name, r"^()(\d{4})", n)
            with open(os.path.join(posts, new), "w", encoding="utf-8") as f:
                f.write(text)


def train(hoego, work, raw):
    env = dict(os.environ, LLVM_PROFILE_FILE=os.path.join(raw, "%m-%p.profraw"))

    def build(root, cache=None):
        out = os.path.join(work, "out")
        shutil.rmtree(out, ignore_errors=True)
        run_env = dict(env, **({"HOEGO_CACHE_DIR": cache} if cache else {"HOEGO_NO_CACHE": "1"}))
        subprocess.run([hoego, "build", "--root", root, "--output", out], env=run_env,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    blog = os.path.join(work, "blog")
    os.mkdir(blog)
    training_blog(blog)
    build(blog)
    build(REPO)
    cache = os.path.join(work, "cache")
    build(REPO, cache)
    build(REPO, cache)
    for site in sorted(glob.glob(os.path.join(REPO, "tests", "fixtures", "jekyll", "*", "site"))):
        build(site)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--target", help="a target triple this machine runs")
    ap.add_argument("--zig", action="store_true", help="build with cargo zigbuild")
    ap.add_argument("--target-dir", default=os.path.join(REPO, "target", "pgo"),
                    help="cargo's target folder for the final build (default: target/pgo)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="hoego-pgo-")
    try:
        raw = os.path.join(work, "raw")
        print("pgo: building the instrumented hoego", flush=True)
        # With cargo itself: cargo-zigbuild's linker wrapper cannot link the profiler's
        # runtime. For the same target, so that the functions' names match the final build's.
        gen_dir = os.path.join(REPO, "target", "pgo-generate")
        # The folder compiled in stays the same, so a second run reuses the build; the
        # training sets where the counts go (LLVM_PROFILE_FILE).
        instrumented = cargo(f"-Cprofile-generate={gen_dir}", gen_dir, args.target, False)
        print("pgo: training", flush=True)
        train(instrumented, work, raw)
        merged = os.path.join(work, "hoego.profdata")
        profiles = glob.glob(os.path.join(raw, "*.profraw"))
        subprocess.run([profdata_tool(), "merge", "-o", merged] + profiles, check=True)
        print(f"pgo: {len(profiles)} profiles merged; building with them", flush=True)
        final = cargo(f"-Cprofile-use={merged}", os.path.abspath(args.target_dir), args.target,
                      args.zig)
        print(final)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
