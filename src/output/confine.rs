//! Every file the build writes or deletes is inside the output folder: relative paths are
//! checked lexically before use, and the folders on the way are walked without following
//! symbolic links, so neither `..` in a permalink nor a link planted in the output can lead
//! outside it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Names hoego keeps for its own bookkeeping inside the output folder.
pub const RESERVED_PREFIX: &str = ".hoego-";

/// The longest file or folder name most file systems accept, in bytes.
pub const MAX_NAME_BYTES: usize = 255;

/// Why `rel` (a relative output path with `/` separators) cannot be written, if it cannot.
pub fn check_rel(rel: &str) -> Result<(), String> {
    if rel.is_empty() {
        return Err("the output path is empty".into());
    }
    if rel.starts_with('/') {
        return Err(format!("`{rel}` is not relative to the output folder"));
    }
    for (i, seg) in rel.split('/').enumerate() {
        check_segment(seg).map_err(|why| format!("`{rel}`: {why}"))?;
        // Hidden names belong to other tools (`.git/`); only GitHub Pages' own are written.
        let allowed = i == 0 && (seg == ".nojekyll" || seg == ".well-known");
        if seg.starts_with('.') && !allowed {
            return Err(format!(
                "`{rel}`: `{seg}` is a hidden name; hoego writes no hidden files but .nojekyll and .well-known/"
            ));
        }
    }
    Ok(())
}

/// What the previous output has where a changed file of this build goes, that the move-in
/// would replace: a file where a folder must go, or a folder where a file must go. Those
/// are fine when hoego made them (`owned`) or with `--clean`; never when hidden. Links are
/// replaced (the link, not what it points to). Returns why it is not fine.
pub fn in_the_way(
    out: &Path,
    rel: &str,
    owned: &dyn Fn(&str) -> bool,
    clean: bool,
    checked: &mut std::collections::HashSet<String>,
) -> Result<(), String> {
    let mut end = 0;
    while let Some(i) = rel[end..].find('/').map(|i| end + i) {
        let folder = &rel[..i];
        end = i + 1;
        if !checked.insert(folder.to_string()) {
            continue;
        }
        let meta = fs::symlink_metadata(join(out, folder));
        if let Ok(m) = meta
            && m.is_file()
            && !owned(folder)
            && !clean
        {
            return Err(format!(
                "`{folder}` is a file hoego did not make, where the build needs a folder for `{rel}`; move it, or build with --clean"
            ));
        }
    }
    let target = join(out, rel);
    if !fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
        return Ok(());
    }
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(&target)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_dir() {
            continue;
        }
        let inner = entry
            .path()
            .strip_prefix(out)
            .map(crate::content::slash_path)
            .unwrap_or_default();
        if is_hidden(&inner) || !owned(&inner) && !clean {
            foreign.push(inner);
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    Err(format!(
        "`{rel}` is a folder holding files hoego did not make ({}{}), where the build writes a file; move them{}",
        shown.join(", "),
        if foreign.len() > 5 { ", …" } else { "" },
        if foreign.iter().any(|f| is_hidden(f)) {
            ""
        } else {
            ", or build with --clean"
        }
    ))
}

fn check_segment(seg: &str) -> Result<(), String> {
    match seg {
        "" => Err("it has an empty path segment".into()),
        "." | ".." => Err(format!("`{seg}` would leave its folder")),
        _ if seg.contains('\0') => Err("it contains a NUL character".into()),
        _ if seg.contains('\\') => {
            Err("it contains `\\`, a path separator on Windows; use `/`".into())
        }
        _ if seg.len() > MAX_NAME_BYTES => Err(format!(
            "the name `{}…` is {} bytes long; file systems allow {MAX_NAME_BYTES}",
            seg.chars().take(20).collect::<String>(),
            seg.len()
        )),
        _ => Ok(()),
    }
}

/// A site path (`/a/./b/../c/`) resolved lexically: `.` and empty segments dropped, `..`
/// taking back the segment before it. `Err` when `..` would climb above the site's root.
/// The trailing `/` is kept.
pub fn resolve_site_path(path: &str) -> Result<String, String> {
    let mut segs: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if segs.pop().is_none() {
                    return Err(format!(
                        "`{path}` climbs out of the site with `..`: every page must stay inside the output folder"
                    ));
                }
            }
            s => segs.push(s),
        }
    }
    let mut out = String::with_capacity(path.len() + 1);
    out.push('/');
    out.push_str(&segs.join("/"));
    if path.ends_with('/') && !segs.is_empty() {
        out.push('/');
    }
    Ok(out)
}

/// Whether any path segment starts with `.`: hoego never deletes such files (`.git/`,
/// `.well-known/`, a deploy tool's state).
pub fn is_hidden(rel: &str) -> bool {
    rel.split('/').any(|s| s.starts_with('.'))
}

/// `root/rel` for a checked `rel`.
pub fn join(root: &Path, rel: &str) -> PathBuf {
    let mut p = root.to_path_buf();
    for seg in rel.split('/') {
        p.push(seg);
    }
    p
}

/// Makes `root/rel_dir` a real folder, walking down from `root` without following links:
/// a symbolic link or a file where a folder belongs is removed (the link itself, never what
/// it points to) and replaced by a folder.
pub fn ensure_dir(root: &Path, rel_dir: &str) -> io::Result<PathBuf> {
    let mut dir = root.to_path_buf();
    for seg in rel_dir.split('/').filter(|s| !s.is_empty()) {
        dir.push(seg);
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => continue,
            Ok(_) => fs::remove_file(&dir)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        match fs::create_dir(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(dir)
}

/// Whether every folder between `root` and `root/rel` is a real folder (no link on the
/// way), so that touching `root/rel` touches a file inside `root`.
pub fn real_parents(root: &Path, rel: &str) -> bool {
    let mut dir = root.to_path_buf();
    let segs: Vec<&str> = rel.split('/').collect();
    for seg in &segs[..segs.len().saturating_sub(1)] {
        dir.push(seg);
        if !fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            return false;
        }
    }
    true
}

/// Removes the file `root/rel` if it is there and reached through real folders only.
pub fn remove_file(root: &Path, rel: &str) -> io::Result<bool> {
    if !real_parents(root, rel) {
        return Ok(false);
    }
    match fs::remove_file(join(root, rel)) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Removes the folders of `rel` that are left empty, deepest first, up to (not including)
/// `root`.
pub fn prune_empty_parents(root: &Path, rel: &str) {
    let mut segs: Vec<&str> = rel.split('/').collect();
    segs.pop();
    while !segs.is_empty() {
        if fs::remove_dir(join(root, &segs.join("/"))).is_err() {
            break;
        }
        segs.pop();
    }
}

/// Renames `from` to `to`; across file systems (the output folder holds a mount point),
/// copies into a temporary file beside `to` and renames that.
pub fn rename_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    match fs::rename(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(EXDEV) => {
            let meta = fs::symlink_metadata(from)?;
            if meta.is_dir() {
                fs::create_dir(to)?;
                for entry in fs::read_dir(from)? {
                    let entry = entry?;
                    rename_or_copy(&entry.path(), &to.join(entry.file_name()))?;
                }
                fs::remove_dir(from)
            } else {
                let name = to
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let (mut file, tmp) = create_new_beside(to, &format!("copy-{name}"))?;
                let copied = fs::File::open(from).and_then(|mut src| io::copy(&mut src, &mut file));
                drop(file);
                copied.and_then(|_| fs::rename(&tmp, to)).inspect_err(|_| {
                    let _ = fs::remove_file(&tmp);
                })?;
                fs::remove_file(from)
            }
        }
        Err(e) => Err(e),
    }
}

/// A new file beside `path` named `.hoego-<what>-<unique>`, created so that nothing already
/// there — a file, or a link planted to make hoego write elsewhere — is ever opened.
pub fn create_new_beside(path: &Path, what: &str) -> io::Result<(fs::File, PathBuf)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(
            "{RESERVED_PREFIX}{what}-{}-{nanos:x}-{n}",
            std::process::id()
        ));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e),
        }
    }
}

/// "Invalid cross-device link" on Linux and macOS.
#[cfg(unix)]
const EXDEV: i32 = 18;
/// ERROR_NOT_SAME_DEVICE.
#[cfg(not(unix))]
const EXDEV: i32 = 17;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_dot_resolves_lexically_and_never_climbs_out() {
        assert_eq!(resolve_site_path("/a/../b/").unwrap(), "/b/");
        assert_eq!(resolve_site_path("/a/./b//c").unwrap(), "/a/b/c");
        assert_eq!(resolve_site_path("/a/..").unwrap(), "/");
        assert_eq!(resolve_site_path("/").unwrap(), "/");
        for bad in [
            "/../x.txt",
            "/../../victim.txt",
            "/a/../../b/",
            "..",
            "/a/b/../../../",
        ] {
            assert!(resolve_site_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn relative_paths_are_checked_segment_by_segment() {
        assert!(check_rel("2023/회고/index.html").is_ok());
        assert!(check_rel(".nojekyll").is_ok());
        assert!(check_rel(".well-known/security.txt").is_ok());
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a/./b",
            "a\\..\\b",
            "a\0b",
            ".hoego-manifest.json",
            ".git/HEAD",
            "a/.htaccess",
        ] {
            assert!(check_rel(bad).is_err(), "{bad:?}");
        }
        let long = format!("{}/index.html", "가".repeat(90));
        let err = check_rel(&long).unwrap_err();
        assert!(err.contains("270 bytes"), "{err}");
    }

    #[test]
    fn hidden_paths() {
        assert!(is_hidden(".git/config"));
        assert!(is_hidden("a/.well-known/x"));
        assert!(!is_hidden("a/b.html"));
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_output_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let outside = dir.path().join("outside");
        fs::create_dir_all(&out).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("keep.html"), "outside").unwrap();
        std::os::unix::fs::symlink(&outside, out.join("2023")).unwrap();
        // Deleting through the link does nothing.
        assert!(!remove_file(&out, "2023/keep.html").unwrap());
        assert!(outside.join("keep.html").exists());
        // Making the folder replaces the link, not what it points to.
        let made = ensure_dir(&out, "2023/a").unwrap();
        assert!(fs::symlink_metadata(out.join("2023")).unwrap().is_dir());
        assert!(made.ends_with("2023/a"));
        assert_eq!(
            fs::read_to_string(outside.join("keep.html")).unwrap(),
            "outside"
        );
    }
}
