//! The user's cache folder: what hoego keeps between builds so that a rebuild can skip work
//! whose result it already has (highlighted code blocks, what the last build wrote).
//!
//! `$HOEGO_CACHE_DIR`, else `$XDG_CACHE_HOME/hoego`, else `%LOCALAPPDATA%\hoego`, else
//! `~/.cache/hoego`. `HOEGO_NO_CACHE=1` turns every cache off. A cache file is only ever a
//! shortcut: losing it, or a damaged one, costs time and never changes the output.

use std::path::{Path, PathBuf};

/// The cache folder, or `None` when caching is off.
pub fn dir() -> Option<PathBuf> {
    if std::env::var_os("HOEGO_NO_CACHE").is_some() {
        return None;
    }
    std::env::var_os("HOEGO_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("hoego")))
        .or_else(|| std::env::var_os("LOCALAPPDATA").map(|d| PathBuf::from(d).join("hoego")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("hoego")))
}

/// The cache file of one `kind` for the folder `of` (a site root, an output folder):
/// `KIND-HASH-vVERSION.bin`, so each folder and each hoego version has its own.
pub fn file_for(kind: &str, of: &Path) -> Option<PathBuf> {
    let dir = dir()?;
    let of = of.canonicalize().unwrap_or_else(|_| of.to_path_buf());
    let hash = xxhash_rust::xxh3::xxh3_64(of.to_string_lossy().as_bytes());
    Some(dir.join(format!(
        "{kind}-{hash:016x}-v{}.bin",
        env!("CARGO_PKG_VERSION")
    )))
}

/// Replaces `path` with `bytes` through a temporary file and a rename. Failing to write a
/// cache is not an error: the next build just does the work again.
pub fn write(path: &Path, bytes: &[u8]) {
    let Some(dir) = path.parent() else { return };
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    let written = std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::write(&tmp, bytes))
        .and_then(|_| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}
