//! `hoego init [DIR]`: a new site ready to build and to publish on GitHub Pages.
//!
//! The files are templates under `src/commands/init/`, built into the binary.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use super::new::{display, front_matter, post_time};
use crate::content::slug::slugify;
use crate::error::{Diagnostic, Errors};

const CONFIG: &str = include_str!("init/config.toml");
const FIRST_POST: &str = include_str!("init/first-post.md");
const ABOUT: &str = include_str!("init/about.md");
const GITIGNORE: &str = include_str!("init/gitignore");
const PAGES_WORKFLOW: &str = include_str!("init/pages.yml");

/// The first post's title; its file is named after it.
const FIRST_POST_TITLE: &str = "첫 글을 쓰며";
/// The zone `config.toml` above is written with.
const TIMEZONE: &str = "Asia/Seoul";

pub struct InitArgs {
    pub dir: PathBuf,
    /// Overwrite files that already exist.
    pub force: bool,
}

/// The GitHub Pages workflow, pinned to this version of hoego.
pub fn pages_workflow() -> String {
    PAGES_WORKFLOW
        .replace("{{HOEGO_VERSION}}", env!("CARGO_PKG_VERSION"))
        .replace("{{HOEGO_REPOSITORY}}", env!("CARGO_PKG_REPOSITORY"))
}

/// Every file of a new site, by path relative to the site folder.
fn files() -> Result<Vec<(String, String)>, Diagnostic> {
    let tz = TimeZone::get(TIMEZONE).map_err(|e| Diagnostic::new("hoego init", e.to_string()))?;
    let now = post_time(None, &tz)?;
    let post = format!(
        "content/posts/{}-{}.md",
        now.strftime("%Y-%m-%d"),
        slugify(FIRST_POST_TITLE)
    );
    Ok(vec![
        ("config.toml".into(), CONFIG.into()),
        (
            post,
            format!(
                "{}\n{FIRST_POST}",
                front_matter(FIRST_POST_TITLE, &now, &["블로그"], false)
            ),
        ),
        ("content/about.md".into(), ABOUT.into()),
        (".gitignore".into(), GITIGNORE.into()),
        (".github/workflows/pages.yml".into(), pages_workflow()),
    ])
}

pub fn run(args: &InitArgs) -> Result<(), Errors> {
    let files = files()?;
    let dir = &args.dir;
    if !args.force {
        let existing: Vec<Diagnostic> = files
            .iter()
            .map(|(rel, _)| dir.join(rel))
            .filter(|p| std::fs::symlink_metadata(p).is_ok())
            .map(|p| {
                Diagnostic::new(
                    display(&p),
                    "already exists; nothing was written (use --force to overwrite)",
                )
            })
            .collect();
        if !existing.is_empty() {
            return Err(Errors(existing));
        }
    }
    for (rel, text) in &files {
        let path = dir.join(rel);
        write(&path, text)?;
        println!("created {}", display(&path).display());
    }
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    println!(
        "\nnext: {cd}hoego serve --watch   (write with `hoego new \"제목\"`, check links with `hoego check`)\n\
         publish: push to GitHub and set Settings → Pages → Source to \"GitHub Actions\""
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Diagnostic::io(parent, "create folder", &e))?;
    }
    std::fs::write(path, text).map_err(|e| Diagnostic::io(path, "write", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_is_pinned_to_this_version() {
        let w = pages_workflow();
        assert!(w.contains(&format!("HOEGO_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"))));
        assert!(!w.contains("{{HOEGO"), "unreplaced placeholder:\n{w}");
    }

    #[test]
    fn the_config_template_parses() {
        let c = crate::config::Config::parse(CONFIG).unwrap();
        assert_eq!(c.timezone, TIMEZONE);
        assert_eq!(c.language, "ko");
    }
}
