//! Embeds the default theme (themes/default) into the binary, so `hoego build` works in a
//! folder that has no `themes/`, with its templates already parsed (`build/template_ast.rs`),
//! and sets `HOEGO_BUILD_VERSION` for `hoego --version`.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "build/template_ast.rs"]
mod template_ast;

fn main() {
    // Read when the script runs, not when it is compiled (`env!`): `cargo package` verifies
    // the crate in this repository's target/, and cargo gives that build and the checkout's
    // the same build-script folders, so a compiled-in path could be the package's.
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    version(&root);
    theme(&root);
    link_at_fixed_address();
}

/// Links the `hoego` executable at a fixed address on Linux with glibc, as Go links Hugo's.
/// A position-independent executable carries about 83,000 relocations that the loader
/// applies at every start, writing to 500 pages: 1 ms of CPU and 1 to 2 ms of a 65 ms
/// 100-post build (BENCHMARKS.md). The code is still compiled position-independent and the
/// shared libraries still load at random addresses; only the executable's own does not.
/// `HOEGO_PIE=1` keeps the default (packagers whose policy requires PIE).
fn link_at_fixed_address() {
    println!("cargo:rerun-if-env-changed=HOEGO_PIE");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    if target("CARGO_CFG_TARGET_OS") == "linux"
        && target("CARGO_CFG_TARGET_ENV") == "gnu"
        && std::env::var_os("HOEGO_PIE").is_none()
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// `0.1.0 (abc1234 2026-11-27)` when built from a Git checkout (the commit and its date),
/// plain `0.1.0` otherwise, as from the crate package, which has no `.git`.
fn version(root: &Path) {
    let version = env!("CARGO_PKG_VERSION");
    let full = match git_commit(root) {
        Some((commit, date)) => format!("{version} ({commit} {date})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=HOEGO_BUILD_VERSION={full}");
}

fn git_commit(root: &Path) -> Option<(String, String)> {
    // Only this repository's own checkout (`.git` is a file in a worktree): a package
    // unpacked inside some other repository must not take that one's commit.
    if !root.join(".git").exists() {
        // A missing file makes cargo run this again on every build. That matters after
        // `cargo package` verified the crate in this repository's target/ (see main): without
        // it the checkout's next build would keep the package's version, without a commit.
        println!("cargo:rerun-if-changed={}", root.join(".git").display());
        return None;
    }
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
        (out.status.success() && !text.is_empty()).then_some(text)
    };
    let commit = git(&["rev-parse", "--short=7", "HEAD"])?;
    let date = git(&["log", "-1", "--format=%cs", "HEAD"])?;
    // Run again when HEAD moves: HEAD itself (another branch), the branch it points to (a
    // commit), packed-refs (a branch packed by `git gc`). Only files that exist: cargo runs a
    // build script whose listed file is missing on every build.
    let mut watch = vec!["HEAD".to_string(), "packed-refs".to_string()];
    watch.extend(git(&["symbolic-ref", "-q", "HEAD"]));
    for name in watch {
        if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
            let path = root.join(PathBuf::from(path));
            if path.is_file() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    Some((commit, date))
}

fn theme(root: &Path) {
    let root = root.join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    // Only what a build uses: templates and static files (not the README screenshot).
    files.retain(|f| f.starts_with("templates/") || f.starts_with("static/"));
    files.sort();
    let mut out = String::from(
        "/// Every file of themes/default: (path relative to the theme, contents).\npub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for rel in &files {
        let abs = root.join(rel);
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("default_theme.rs"), out).unwrap();
    // Read as `theme.rs` reads the embedded bytes, so the parsed text is the text compared.
    let templates: Vec<(String, String)> = files
        .iter()
        .filter_map(|rel| {
            let name = rel.strip_prefix("templates/")?;
            let bytes = std::fs::read(root.join(rel)).unwrap();
            Some((
                name.to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ))
        })
        .collect();
    std::fs::write(
        out_dir.join("default_theme_ast.rs"),
        template_ast::module(&templates),
    )
    .unwrap();
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if !entry.file_name().to_string_lossy().starts_with('.') {
            let rel = path.strip_prefix(root).unwrap();
            files.push(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
}
