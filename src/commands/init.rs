//! `hoego init [DIR]`: a new site ready to build and to publish on GitHub Pages.
//!
//! The files are templates under `src/commands/init/`, built into the binary.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

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
    /// Where the site will be published (`--url`), written as `base_url`. When `None` and
    /// standard input is a terminal, it is asked for.
    pub url: Option<String>,
}

/// The `config.toml` of a new site: the template, with `base_url` set when known.
fn config(base_url: Option<&str>) -> String {
    match base_url {
        Some(url) => CONFIG.replacen(
            "\nbase_url = \"/\"\n",
            &format!("\nbase_url = {}\n", toml::Value::String(url.into())),
            1,
        ),
        None => CONFIG.to_string(),
    }
}

/// Checks a site address as `--url` or the prompt takes it: `http(s)://host/path`, with no
/// query or fragment. Returns it with a trailing slash and the scheme and host in lower case.
pub fn normalize_url(input: &str) -> Result<String, String> {
    let url = input.trim();
    let example = "like https://user.github.io/blog/";
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("`{url}` is not a site address {example}"))?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(format!("`{url}` must start with https:// (or http://)"));
    }
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if host.is_empty() {
        return Err(format!("`{url}` has no host: write it {example}"));
    }
    if host.contains('@') {
        return Err(format!("`{url}` has a user name in it: write it {example}"));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"\\<>?#`".contains(*c))
    {
        return Err(format!(
            "`{url}` contains {c:?}: a site address has no spaces, quotes, query or #fragment"
        ));
    }
    let path = if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    };
    Ok(format!("{scheme}://{}{path}", host.to_ascii_lowercase()))
}

/// The GitHub Pages address of a repository, from its Git remote URL:
/// `https://<owner>.github.io/<repo>/`, or `https://<owner>.github.io/` for the repository
/// named `<owner>.github.io`. Reads the HTTPS (`https://github.com/o/r.git`), SSH
/// (`git@github.com:o/r.git`, `ssh://git@github.com/o/r`) and `git://` forms; `None` for
/// other hosts.
pub fn pages_url_from_remote(remote: &str) -> Option<String> {
    let remote = remote.trim();
    let (authority, path) = match remote.split_once("://") {
        Some((_, rest)) => rest.split_once('/')?,
        // scp-like: [user@]host:path
        None => remote.split_once(':')?,
    };
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    if !host.eq_ignore_ascii_case("github.com") && !host.eq_ignore_ascii_case("www.github.com") {
        return None;
    }
    let path = path.trim_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let (owner, repo) = path.split_once('/')?;
    if owner.is_empty() || repo.is_empty() || repo.contains('/') {
        return None;
    }
    let owner = owner.to_ascii_lowercase();
    if repo.eq_ignore_ascii_case(&format!("{owner}.github.io")) {
        Some(format!("https://{owner}.github.io/"))
    } else {
        Some(format!("https://{owner}.github.io/{repo}/"))
    }
}

/// A guess at the site's address from `git remote get-url origin`, run in `dir` or the
/// nearest folder above it that exists.
fn guess_url(dir: &Path) -> Option<String> {
    let abs = std::path::absolute(dir).ok()?;
    let existing = abs.ancestors().find(|a| a.is_dir())?;
    let out = std::process::Command::new("git")
        .args(["remote", "get-url", "origin"])
        .current_dir(existing)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    pages_url_from_remote(&String::from_utf8_lossy(&out.stdout))
}

/// Asks for the site's address on the terminal; Enter takes the guess, or without one
/// leaves `base_url = "/"` (`None`).
fn ask_url(guess: Option<&str>) -> Option<String> {
    let mut stderr = std::io::stderr();
    let _ = writeln!(
        stderr,
        "Where will the site be published? The feed, the sitemap and social links need the full address."
    );
    let mut line = String::new();
    loop {
        let _ = match guess {
            Some(g) => write!(stderr, "Site address [{g}]: "),
            None => write!(
                stderr,
                "Site address, e.g. https://<user>.github.io/<repo>/ (Enter: decide later): "
            ),
        };
        let _ = stderr.flush();
        line.clear();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => {
                let _ = writeln!(stderr);
                return None;
            }
            Ok(_) => {}
        }
        let answer = line.trim();
        if answer.is_empty() {
            return guess.map(str::to_string);
        }
        if answer == "/" {
            return None;
        }
        match normalize_url(answer) {
            Ok(url) => return Some(url),
            Err(e) => {
                let _ = writeln!(stderr, "  {e}");
            }
        }
    }
}

/// The GitHub Pages workflow, pinned to this version of hoego.
pub fn pages_workflow() -> String {
    PAGES_WORKFLOW
        .replace("{{HOEGO_VERSION}}", env!("CARGO_PKG_VERSION"))
        .replace("{{HOEGO_REPOSITORY}}", env!("CARGO_PKG_REPOSITORY"))
}

/// Every file of a new site, by path relative to the site folder.
fn files() -> Result<Vec<(String, String)>, Diagnostic> {
    let tz = crate::tz::get(TIMEZONE).map_err(|e| Diagnostic::new("hoego init", e.to_string()))?;
    let now = post_time(None, &tz)?;
    let post = format!(
        "content/posts/{}-{}.md",
        now.strftime("%Y-%m-%d"),
        slugify(FIRST_POST_TITLE)
    );
    Ok(vec![
        ("config.toml".into(), config(None)),
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
    let url = match &args.url {
        Some(url) => Some(normalize_url(url).map_err(|e| Diagnostic::new("--url", e))?),
        None => None,
    };
    let mut files = files()?;
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
    // Asked only once nothing is in the way, and only of a person at a terminal.
    let url = match url {
        Some(url) => Some(url),
        None if std::io::stdin().is_terminal() => ask_url(guess_url(dir).as_deref()),
        None => None,
    };
    files[0].1 = config(url.as_deref());
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
    if url.is_none() {
        println!(
            "\nbase_url is \"/\": set the site's address in config.toml (or run hoego init --url URL) \
             so that the feed, the sitemap and social links are absolute"
        );
    }
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
        let c = crate::config::Config::parse(&config(None)).unwrap();
        assert_eq!(c.timezone, TIMEZONE);
        assert_eq!(c.language, "ko");
        assert_eq!(c.base_url, "/");
        let c = crate::config::Config::parse(&config(Some("https://a.github.io/b/"))).unwrap();
        assert_eq!(c.base_url, "https://a.github.io/b/");
        assert_eq!(c.timezone, TIMEZONE);
    }

    #[test]
    fn urls_are_checked_and_end_with_a_slash() {
        for (input, want) in [
            (
                "https://user.github.io/blog",
                "https://user.github.io/blog/",
            ),
            (
                " https://user.github.io/blog/ ",
                "https://user.github.io/blog/",
            ),
            ("HTTPS://Blog.Example.COM", "https://blog.example.com/"),
            ("http://localhost:8080/a/b", "http://localhost:8080/a/b/"),
        ] {
            assert_eq!(normalize_url(input).as_deref(), Ok(want), "{input}");
        }
        for bad in [
            "/",
            "user.github.io/blog",
            "ftp://example.com/",
            "https://",
            "https:///blog/",
            "https://user@example.com/",
            "https://example.com/a b/",
            "https://example.com/?q=1",
            "https://example.com/#top",
            "https://example.com/\"/",
        ] {
            assert!(normalize_url(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn the_pages_address_is_guessed_from_the_git_remote() {
        let project = Some("https://someone.github.io/my-blog/".to_string());
        for remote in [
            "https://github.com/someone/my-blog.git",
            "https://github.com/someone/my-blog",
            "https://github.com/someone/my-blog/\n",
            "https://someone:token@github.com/someone/my-blog.git",
            "http://www.github.com/someone/my-blog",
            "git@github.com:someone/my-blog.git",
            "git@github.com:someone/my-blog",
            "ssh://git@github.com/someone/my-blog.git",
            "ssh://git@github.com:22/someone/my-blog.git",
            "git://github.com/someone/my-blog.git",
            "https://github.com/SomeOne/my-blog.git",
        ] {
            assert_eq!(pages_url_from_remote(remote), project, "{remote}");
        }
        let user_site = Some("https://someone.github.io/".to_string());
        for remote in [
            "git@github.com:someone/someone.github.io.git",
            "https://github.com/SomeOne/someone.github.io",
        ] {
            assert_eq!(pages_url_from_remote(remote), user_site, "{remote}");
        }
        for remote in [
            "https://gitlab.com/someone/my-blog.git",
            "git@example.com:someone/my-blog.git",
            "/home/someone/my-blog",
            "file:///home/someone/my-blog.git",
            "https://github.com/someone",
            "https://github.com/someone/my-blog/tree/main",
            "",
        ] {
            assert_eq!(pages_url_from_remote(remote), None, "{remote}");
        }
    }
}
