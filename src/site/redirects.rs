//! Old URLs that still work: `redirect_from` (jekyll-redirect-from) and `aliases` (Hugo,
//! Zola) in a page's front matter write a small page at each old path that sends the
//! browser (and search engines, through `rel=canonical`) to the page's URL. Such a path is
//! confined to the output folder like any other; one that another page or a generated file
//! already has is left out with a warning.

use serde_json::Value;

use super::{Site, permalink};
use crate::content::Page;
use crate::error::Diagnostic;
use crate::markdown::escape_attr;
use crate::output::confine;

/// The old paths a page names, as written.
pub fn named(page: &Page) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["redirect_from", "aliases"] {
        match page.front.extra.get(key) {
            Some(Value::String(s)) => out.push(s.clone()),
            Some(Value::Array(items)) => {
                out.extend(items.iter().filter_map(Value::as_str).map(String::from))
            }
            _ => {}
        }
    }
    out
}

/// The page that sends the browser to `target` (an absolute URL or a path).
pub fn html(target: &str) -> String {
    let t = escape_attr(target);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-US\">\n<meta charset=\"utf-8\">\n<title>Redirecting…</title>\n<link rel=\"canonical\" href=\"{t}\">\n<script>location=\"{t}\"</script>\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n<meta name=\"robots\" content=\"noindex\">\n<h1>Redirecting…</h1>\n<a href=\"{t}\">Click here if you are not redirected.</a>\n</html>\n"
    )
}

impl Site {
    /// Gives every page the output files of its old paths. A path that would leave the
    /// output folder is an error at the page.
    pub(super) fn assign_redirects(&mut self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for page in &mut self.pages {
            page.redirects.clear();
            for old in named(page) {
                let fail = |why: String| {
                    let d = Diagnostic::new(&page.source, format!("bad old URL `{old}`: {why}"));
                    let line = page
                        .front
                        .line("redirect_from")
                        .or_else(|| page.front.line("aliases"));
                    match line {
                        Some(l) => d.at(l, None),
                        None => d,
                    }
                };
                let path = format!("/{}", old.trim().trim_start_matches('/'));
                match confine::resolve_site_path(&path) {
                    Ok(p) if p != "/" => {
                        let (_, output) = permalink::output_file(&p);
                        match confine::check_rel(&output) {
                            Ok(()) => page.redirects.push(output),
                            Err(why) => errors.push(fail(why)),
                        }
                    }
                    Ok(_) => errors.push(fail("it is the home page".into())),
                    Err(why) => errors.push(fail(why)),
                }
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_redirect_page_points_at_the_new_url() {
        let page = html("https://example.com/2024/새-글/");
        assert!(page.contains("<link rel=\"canonical\" href=\"https://example.com/2024/새-글/\">"));
        assert!(page.contains("content=\"0; url=https://example.com/2024/새-글/\""));
        assert!(html("\"><script>").contains("&quot;&gt;&lt;script&gt;"));
    }
}
