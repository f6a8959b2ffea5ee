//! Which output folders a build may use: never one that is, holds or lies inside the
//! site's own sources, the file system's root or the home folder. Paths are compared after
//! resolving `..` and the symbolic links of the part that exists.

use std::path::{Component, Path, PathBuf};

use crate::error::Diagnostic;

/// What a site is made from: the output may be none of these, inside none, and hold none.
const SOURCES: &[&str] = &[
    "content",
    "static",
    "templates",
    "themes",
    "_posts",
    "_drafts",
    "_includes",
    "_layouts",
    "_data",
    "config.toml",
    "_config.yml",
    ".git",
];

/// Refuses an output folder that would overwrite or delete the site itself.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = resolve(root);
    let out = resolve(output);
    let refuse = |why: String| {
        Err(Diagnostic::new(
            output,
            format!("{why}; choose another --output"),
        ))
    };
    if out.parent().is_none() {
        return refuse(format!(
            "the output folder resolves to `{}`, the file system's root",
            out.display()
        ));
    }
    if let Some(home) = std::env::var_os("HOME").map(|h| resolve(Path::new(&h)))
        && home.starts_with(&out)
    {
        return refuse(format!(
            "the output folder `{}` is or contains the home folder",
            out.display()
        ));
    }
    if root.starts_with(&out) {
        return refuse(format!(
            "the output folder `{}` is or contains the site folder `{}`",
            out.display(),
            root.display()
        ));
    }
    let public = root.join("public");
    if crate::content::site_owns_public(&root)
        && (out.starts_with(&public) || out.starts_with(resolve(&public)))
    {
        return Err(Diagnostic::new(
            output,
            format!(
                "`{}` holds this Jekyll site's own files (Hyde and Lanyon keep their CSS \
                 and images there), which hoego publishes at /public/ as Jekyll does; \
                 choose another --output, e.g. `--output _site`",
                public.display()
            ),
        ));
    }
    // Everything the build reads: the folders by name (resolved: a source folder may be a
    // link to elsewhere), and a Jekyll site's asset and category `_posts/` folders.
    let mut sources: Vec<PathBuf> = SOURCES.iter().map(|n| root.join(n)).collect();
    if crate::content::is_jekyll_site(&root) {
        sources.extend(crate::content::jekyll_asset_dirs(&root));
        sources.extend(crate::content::category_post_dirs(&root));
    }
    for source in sources {
        let name = source
            .strip_prefix(&root)
            .map(crate::content::slash_path)
            .unwrap_or_default();
        let real = resolve(&source);
        if out.starts_with(&source) || out.starts_with(&real) {
            return refuse(format!(
                "the output folder `{}` is inside the site's `{name}`",
                out.display()
            ));
        }
        if source.exists() && (real.starts_with(&out) || source.starts_with(&out)) {
            return refuse(format!(
                "the output folder `{}` holds the site's `{name}`",
                out.display()
            ));
        }
    }
    Ok(())
}

/// `path` made absolute, its longest existing ancestor canonicalized (links resolved), and
/// the rest appended with `.` and `..` applied lexically.
pub fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest: Vec<Component> = Vec::new();
    let base = loop {
        if let Ok(c) = existing.canonicalize() {
            break c;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => break PathBuf::from("/"),
        }
    };
    let mut out = base;
    for c in rest.into_iter().rev() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(s) => out.push(s),
            Component::RootDir | Component::Prefix(_) => out.push(c.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        std::fs::write(root.join("config.toml"), "").unwrap();
        dir
    }

    #[test]
    fn outputs_that_would_swallow_the_site_are_refused() {
        let dir = site();
        let root = dir.path().join("site");
        for bad in [
            root.join(".."),
            root.join("../site"),
            root.join("."),
            root.clone(),
            root.join("content"),
            root.join("content/posts/../out"),
            root.join("public/../content/x"),
            root.join("config.toml"),
            root.join("themes/x"),
            PathBuf::from("/"),
        ] {
            assert!(
                check_output_dir(&root, &bad).is_err(),
                "{} accepted",
                bad.display()
            );
        }
        for good in [
            root.join("public"),
            root.join("public/../dist"),
            dir.path().join("elsewhere"),
        ] {
            assert!(
                check_output_dir(&root, &good).is_ok(),
                "{} refused",
                good.display()
            );
        }
    }

    #[test]
    fn a_jekyll_sites_category_and_asset_folders_are_sources() {
        let dir = site();
        let root = dir.path().join("site");
        std::fs::write(root.join("_config.yml"), "title: x\n").unwrap();
        std::fs::create_dir_all(root.join("dev/_posts")).unwrap();
        std::fs::create_dir_all(root.join("assets")).unwrap();
        for bad in ["dev", "dev/_posts", "assets", "assets/out"] {
            assert!(check_output_dir(&root, &root.join(bad)).is_err(), "{bad}");
        }
        assert!(check_output_dir(&root, &root.join("_site")).is_ok());
    }

    #[test]
    fn a_jekyll_sites_own_public_folder_is_a_source() {
        let dir = site();
        let root = dir.path().join("site");
        let public = root.join("public");
        std::fs::create_dir_all(public.join("css")).unwrap();
        std::fs::write(public.join("css/hyde.css"), "body {}").unwrap();
        // Not a Jekyll site: `public/` is the output folder, its other files left alone.
        assert!(check_output_dir(&root, &public).is_ok());
        std::fs::write(root.join("_config.yml"), "title: x\n").unwrap();
        for bad in [public.clone(), public.join("out")] {
            let e = check_output_dir(&root, &bad).unwrap_err();
            assert!(e.message.contains("--output _site"), "{}", e.message);
        }
        assert!(check_output_dir(&root, &root.join("_site")).is_ok());
        // Once a hoego build's record is in it, it is hoego's output.
        std::fs::write(public.join(crate::content::OUTPUT_RECORD), "{}").unwrap();
        assert!(check_output_dir(&root, &public).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_resolved_before_comparing() {
        let dir = site();
        let root = dir.path().join("site");
        std::os::unix::fs::symlink(root.join("content"), dir.path().join("link")).unwrap();
        assert!(check_output_dir(&root, &dir.path().join("link/out")).is_err());
        assert!(check_output_dir(&root, &dir.path().join("link")).is_err());
    }
}
