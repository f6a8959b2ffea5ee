//! Link checking: every internal link, image, script, stylesheet and `#anchor` in the built
//! site must reach a file the build writes (and an element with that id), the way a static
//! server such as GitHub Pages serves the output folder under the site's base path.

pub mod external;
pub mod html;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::content::slug::decode_path;
use crate::output::OutputFile;
use crate::site::Site;
use crate::site::render::{self, Job};

/// One link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The Markdown file that produced the page, or the template of a generated page.
    pub source: String,
    /// The output file the link is in.
    pub output: String,
    /// The URL as written in the page.
    pub url: String,
    /// Why it is broken, with the line of the Markdown source when it is found there.
    pub reason: String,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: broken link `{}` in {} ({})",
            self.source, self.url, self.output, self.reason
        )
    }
}

/// A link to another site, and the first page that has it.
#[derive(Debug, Clone)]
pub struct ExternalLink {
    pub url: String,
    pub source: String,
    pub output: String,
    /// How many times it occurs.
    pub count: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    /// HTML files read.
    pub pages: usize,
    /// Internal links followed (every occurrence).
    pub internal: usize,
    /// Of those, how many carry a `#fragment` that was checked against the target's ids.
    pub anchors: usize,
    /// Links with another scheme (`mailto:`, `tel:`, `data:`…), not checked.
    pub other: usize,
    /// Links to other sites, one entry per URL (without its fragment), sorted by URL.
    pub external: Vec<ExternalLink>,
    pub broken: Vec<Broken>,
}

/// Where a link points.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A path inside the site (relative to the output folder, decoded) and a fragment.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// Root-relative but not under the base path: a server would not find it.
    OutsideBase,
    /// Climbs above the site root with `..`.
    AboveRoot,
    External(String),
    /// Another scheme or nothing to check.
    Other,
}

/// Checks every HTML output of a rendered site. `files` is what
/// [`crate::commands::build::render`] returns; the site's static files count as targets too.
pub fn check(site: &Site, files: &[OutputFile]) -> Report {
    let mut exists: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    exists.extend(site.statics.iter().map(|s| s.output.as_str()));
    exists.extend(site.theme.statics.keys().map(String::as_str));

    let pages: Vec<&OutputFile> = files.iter().filter(|f| is_html(&f.path)).collect();
    let scans: Vec<(&OutputFile, Result<html::Scan, String>)> = pages
        .par_iter()
        .map(|f| (*f, html::scan(&f.data)))
        .collect();
    let anchors: HashMap<&str, HashSet<&str>> = scans
        .iter()
        .filter_map(|(f, s)| s.as_ref().ok().map(|s| (f, s)))
        .map(|(f, s)| {
            (
                f.path.as_str(),
                s.anchors.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let sources = Sources::new(site);

    let mut report = Report {
        pages: pages.len(),
        ..Report::default()
    };
    let mut external: BTreeMap<String, ExternalLink> = BTreeMap::new();
    for (file, scan) in &scans {
        let scan = match scan {
            Ok(scan) => scan,
            Err(e) => {
                report.broken.push(Broken {
                    source: sources.name(site, &file.path),
                    output: file.path.clone(),
                    url: String::new(),
                    reason: format!("the page could not be read as HTML: {e}"),
                });
                continue;
            }
        };
        for url in &scan.links {
            let why = match resolve(site, &file.path, url) {
                Target::Other => {
                    report.other += 1;
                    continue;
                }
                Target::External(u) => {
                    external
                        .entry(u.clone())
                        .and_modify(|e| e.count += 1)
                        .or_insert_with(|| ExternalLink {
                            url: u,
                            source: sources.name(site, &file.path),
                            output: file.path.clone(),
                            count: 1,
                        });
                    continue;
                }
                Target::OutsideBase => {
                    report.internal += 1;
                    format!(
                        "outside the site's base path `{}`; write links as `{}…` or relative",
                        site.base.path, site.base.path
                    )
                }
                Target::AboveRoot => {
                    report.internal += 1;
                    "climbs above the site root".to_string()
                }
                Target::Internal { path, fragment } => {
                    report.internal += 1;
                    let Some(found) = find(&exists, &path) else {
                        report.broken.push(sources.broken(
                            site,
                            file,
                            url,
                            format!("nothing is built at `/{path}`"),
                        ));
                        continue;
                    };
                    let Some(fragment) = fragment else { continue };
                    let Some(ids) = anchors.get(found.as_str()) else {
                        continue;
                    };
                    report.anchors += 1;
                    if ids.contains(fragment.as_str()) || implicit_fragment(&fragment) {
                        continue;
                    }
                    format!("no element with id `{fragment}` in {found}")
                }
            };
            report.broken.push(sources.broken(site, file, url, why));
        }
    }
    report.external = external.into_values().collect();
    // Grouped by the file to fix; within it, in page order.
    report.broken.sort_by(|a, b| a.source.cmp(&b.source));
    report
}

fn is_html(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".htm")
}

/// `#top` and an empty fragment scroll to the top; `#:~:text=` is a text fragment.
fn implicit_fragment(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || fragment.starts_with(":~:")
}

/// The file a static server returns for a site path: the file itself, a folder's
/// `index.html`, or (as GitHub Pages redirects `/about` to `/about/`, and serves `/about`
/// from `about.html`) `path/index.html` or `path.html`.
fn find(exists: &HashSet<&str>, path: &str) -> Option<String> {
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![
            path.to_string(),
            format!("{path}/index.html"),
            format!("{path}.html"),
        ]
    };
    candidates.into_iter().find(|c| exists.contains(c.as_str()))
}

/// Classifies `url`, found in the output file `page`, and resolves it against the page.
fn resolve(site: &Site, page: &str, url: &str) -> Target {
    let url = url.trim();
    let (before, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(decode_path(f))),
        None => (url, None),
    };
    let path_part = |s: &str| -> String {
        let end = s.find('?').unwrap_or(s.len());
        s[..end].to_string()
    };
    if before.is_empty() {
        return match fragment {
            Some(fragment) => Target::Internal {
                path: page.to_string(),
                fragment: Some(fragment),
            },
            None => Target::Other,
        };
    }
    let absolute = if before.starts_with("//") {
        Some(format!("https:{before}"))
    } else {
        match scheme(before) {
            Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                Some(before.to_string())
            }
            Some(_) => return Target::Other,
            None => None,
        }
    };
    let site_path = match absolute {
        Some(abs) => match under_base(&site.base.url, &abs) {
            Some(rest) => path_part(rest),
            None => return Target::External(abs),
        },
        None if before.starts_with('/') => match before.strip_prefix(site.base.path.as_str()) {
            Some(rest) => path_part(rest),
            None if format!("{before}/") == site.base.path => String::new(),
            None => return Target::OutsideBase,
        },
        None => {
            let dir = match page.rfind('/') {
                Some(i) => &page[..=i],
                None => "",
            };
            format!("{dir}{}", path_part(before))
        }
    };
    match normalize(&decode_path(&site_path)) {
        Some(path) => Target::Internal { path, fragment },
        None => Target::AboveRoot,
    }
}

/// The part of an absolute URL after the site's base URL, when it is under it.
fn under_base<'a>(base_url: &str, url: &'a str) -> Option<&'a str> {
    let (base_scheme, base_rest) = base_url.split_once("://")?;
    let (scheme, rest) = url.split_once("://")?;
    let http = |s: &str| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https");
    if !http(base_scheme) || !http(scheme) {
        return None;
    }
    let split = |s: &str| match s.find(['/', '?']) {
        Some(i) => (s[..i].to_string(), i),
        None => (s.to_string(), s.len()),
    };
    let (base_host, _) = split(base_rest);
    let (host, at) = split(rest);
    if !host.eq_ignore_ascii_case(&base_host) {
        return None;
    }
    let path = &rest[at..];
    let base_path = &base_rest[base_host.len()..];
    let base_path = if base_path.is_empty() { "/" } else { base_path };
    if let Some(after) = path.strip_prefix(base_path) {
        Some(after)
    } else if path.is_empty() || format!("{path}/") == base_path {
        Some("")
    } else {
        None
    }
}

/// The URL scheme of `s`, if it has one (`mailto`, `https`…).
fn scheme(s: &str) -> Option<&str> {
    let i = s.find(':')?;
    let scheme = &s[..i];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

/// Resolves `.` and `..` in a relative path, keeping a trailing `/`; `None` above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for seg in &segments {
        match *seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if matches!(segments.last(), Some(&"" | &"." | &"..")) && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Output path → what produced it, for messages.
struct Sources<'a> {
    pages: HashMap<&'a str, usize>,
    generated: HashMap<String, String>,
}

impl<'a> Sources<'a> {
    fn new(site: &'a Site) -> Sources<'a> {
        let pages = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.output.as_str(), i))
            .collect();
        let generated = render::jobs(site)
            .into_iter()
            .filter_map(|job| {
                let output = render::output_path(site, job);
                if matches!(job, Job::Page(_)) {
                    return None;
                }
                let template = render::template_name(site, job);
                let origin = site
                    .theme
                    .templates
                    .get(template.as_deref().unwrap_or(""))
                    .map(|t| t.origin.display().to_string())
                    .unwrap_or_else(|| format!("{output} (generated)"));
                Some((output, origin))
            })
            .collect();
        Sources { pages, generated }
    }

    /// The Markdown file of a page, or the template of a generated output.
    fn name(&self, site: &Site, output: &str) -> String {
        match self.pages.get(output) {
            Some(&i) => site.pages[i].source.display().to_string(),
            None => self
                .generated
                .get(output)
                .cloned()
                .unwrap_or_else(|| output.to_string()),
        }
    }

    /// A broken link, blamed on the page's Markdown file (with the line that has the link
    /// when it is written there) or on the template that generated the page.
    fn broken(&self, site: &Site, file: &OutputFile, url: &str, why: String) -> Broken {
        let mut source = self.name(site, &file.path);
        let mut reason = why;
        if let Some(&i) = self.pages.get(file.path.as_str()) {
            let page = &site.pages[i];
            match markdown_line(site, page, url) {
                Some(line) => reason = format!("line {line}: {reason}"),
                None if !in_rendered(&page.rendered.html(), url) => {
                    reason = format!("{reason}; the link comes from the page's template")
                }
                None => {}
            }
        } else if let Some(page) = site
            .posts
            .iter()
            .map(|&i| &site.pages[i])
            .find(|p| in_rendered(&p.rendered.summary, url))
        {
            // A listing shows the post's summary: the link is the post's.
            source = page.source.display().to_string();
            reason = match markdown_line(site, page, url) {
                Some(line) => format!("line {line}, in the post's summary: {reason}"),
                None => format!("in the post's summary: {reason}"),
            };
        }
        Broken {
            source,
            output: file.path.clone(),
            url: url.to_string(),
            reason,
        }
    }
}

/// The source line of a link, when the Markdown has it as written, or without the base path
/// that the build adds to root-relative links.
fn markdown_line(site: &Site, page: &crate::content::Page, url: &str) -> Option<usize> {
    let mut needles = vec![url.to_string(), decode_path(url)];
    if let Some(rest) = url.strip_prefix(site.base.path.as_str()) {
        needles.push(format!("/{rest}"));
        needles.push(decode_path(&format!("/{rest}")));
    }
    needles.retain(|n| n.len() > 1);
    page.body
        .lines()
        .position(|line| {
            needles.iter().any(|n| {
                line.match_indices(n.as_str()).any(|(i, _)| {
                    // A whole URL: not a prefix of a longer one.
                    let after = line[i + n.len()..].chars().next();
                    !matches!(after, Some(c) if c.is_alphanumeric() || "/-_.#%".contains(c))
                })
            })
        })
        .map(|i| page.body_line + i)
}

/// Whether the Markdown's own HTML has the link (rather than the template around it).
fn in_rendered(html: &str, url: &str) -> bool {
    html.contains(&format!("\"{url}\""))
        || html.contains(&format!("\"{}\"", url.replace('&', "&amp;")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_dot_segments() {
        assert_eq!(normalize("a/b/../c/").as_deref(), Some("a/c/"));
        assert_eq!(normalize("a/./b.png").as_deref(), Some("a/b.png"));
        assert_eq!(normalize("a/..").as_deref(), Some(""));
        assert_eq!(normalize("").as_deref(), Some(""));
        assert_eq!(normalize("../x"), None);
    }

    #[test]
    fn absolute_urls_under_the_base() {
        let base = "https://user.github.io/blog/";
        assert_eq!(
            under_base(base, "https://user.github.io/blog/a/"),
            Some("a/")
        );
        assert_eq!(under_base(base, "http://USER.github.io/blog"), Some(""));
        assert_eq!(under_base(base, "https://user.github.io/other/"), None);
        assert_eq!(under_base(base, "https://example.com/blog/"), None);
        assert_eq!(under_base("/", "https://example.com/"), None);
        assert_eq!(
            under_base("https://example.com/", "https://example.com"),
            Some("")
        );
    }

    #[test]
    fn schemes() {
        assert_eq!(scheme("mailto:a@b.c"), Some("mailto"));
        assert_eq!(scheme("https://x"), Some("https"));
        assert_eq!(scheme("/a:b"), None);
        assert_eq!(scheme("2023:회고"), None);
    }
}
