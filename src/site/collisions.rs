//! Every output file has one owner. Two pages that want one URL do not stop the build: the
//! newer keeps it, the older gets the URL with `-2` (`-3`, …) added to its last part, and a
//! warning names both files and both URLs (`--strict` and `hoego check` fail on it). A page
//! that wants the URL of something the build generates (the feed, a tag page) or of a file
//! it copies is an error naming both; a Jekyll page or file at the top of a Jekyll site
//! that wants a generated one gives way to it with a warning instead.

use std::collections::HashMap;

use super::categories::{self, CATEGORIES_DIR};
use super::render::FEED_FILE;
use super::series::SERIES_DIR;
use super::{ARCHIVE_DIR, PAGINATION_DIR, ROBOTS_TXT, Site, TAGS_DIR, permalink, retro};
use crate::content::Kind;
use crate::error::{Diagnostic, Errors};
use crate::jekyll::pages;
use crate::output::confine;
use crate::search;

/// Folders whose pages the build makes from the posts: tags, categories, series, the home
/// page's later pages.
const GENERATED_DIRS: [&str; 4] = [TAGS_DIR, CATEGORIES_DIR, SERIES_DIR, PAGINATION_DIR];

/// The folder of [`GENERATED_DIRS`] an output file is in, if any. Under `page/` only the
/// numbered folders are the home page's (`page/2/`): TeXt's sample pages at
/// `/page/<name>.html` are the site's own.
fn generated_dir(output: &str) -> Option<&'static str> {
    GENERATED_DIRS.into_iter().find(|d| {
        output
            .strip_prefix(d)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|rest| {
                let first = rest.split('/').next().unwrap_or("");
                *d != PAGINATION_DIR
                    || !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit())
            })
    })
}

impl Site {
    /// A Jekyll page that wants a file the build makes itself (an old `404.md`, a
    /// `tags.md` whose list the theme drew), or a file at the top of a Jekyll site that
    /// would replace one (a `sitemap.xml`), is left out with a warning: hoego's own is the
    /// one the site gets. A `robots.txt` is the exception: the site's own file is
    /// published and hoego writes none (as jekyll-sitemap does). Runs before the posts are
    /// grouped.
    pub(super) fn leave_out_jekyll_pages_at_generated(&mut self) {
        let fixed: HashMap<String, String> = self.fixed_outputs().into_iter().collect();
        let mut warnings = Vec::new();
        if self.config.jekyll.is_some() {
            let root = self.root.clone();
            self.statics.retain(|f| {
                let at_top = f.source.parent() == Some(root.as_path());
                match fixed.get(&f.output).filter(|_| at_top) {
                    Some(what) => {
                        warnings.push(Diagnostic::new(
                            &f.output,
                            format!("left out: hoego makes {what} itself"),
                        ));
                        false
                    }
                    None => true,
                }
            });
        }
        // A page that is only its theme's list layout: hoego's own list stands for it, and
        // where the page was at another URL, a redirect to that list.
        let search = self.theme.templates.contains_key("search.html");
        let list_path = |list| match list {
            pages::List::Archive => Some(format!("/{ARCHIVE_DIR}/")),
            pages::List::Categories => Some(format!("/{CATEGORIES_DIR}/")),
            pages::List::Tags => Some(format!("/{TAGS_DIR}/")),
            pages::List::Home => Some("/".to_string()),
            pages::List::Search => {
                search.then(|| format!("/{}", search::SEARCH_PAGE.trim_end_matches("index.html")))
            }
        };
        let mut lists = Vec::new();
        self.pages.retain(|p| {
            if p.kind != Kind::Page || !p.jekyll_folder {
                return true;
            }
            if pages::layout_only(p) {
                let list = p
                    .front
                    .layout
                    .as_deref()
                    .and_then(pages::list_for_layout)
                    .and_then(list_path);
                let elsewhere =
                    !fixed.contains_key(&p.output) && generated_dir(&p.output).is_none();
                if let Some(list) = list
                    && p.path != list
                    && elsewhere
                {
                    lists.push((p.output.clone(), list));
                }
                return false;
            }
            let made = fixed
                .get(&p.output)
                .cloned()
                .or_else(|| generated_dir(&p.output).map(|d| format!("the pages under `/{d}/`")));
            match made {
                Some(what) => {
                    warnings.push(Diagnostic::new(
                        &p.source,
                        format!("left out: hoego makes {what} itself, at `{}`", p.path),
                    ));
                    false
                }
                None => true,
            }
        });
        self.load_warnings.extend(warnings);
        self.list_redirects = lists;
    }

    /// Whether the site has a `robots.txt` of its own (in `static/`, or at the top of a
    /// Jekyll site): it is published as it is, and the build writes none.
    pub fn has_own_robots_txt(&self) -> bool {
        self.statics.iter().any(|f| f.output == ROBOTS_TXT)
    }

    /// The files every build writes, however many posts it has.
    fn fixed_outputs(&self) -> Vec<(String, String)> {
        let mut fixed: Vec<(String, String)> = vec![
            ("index.html".into(), "the home page".into()),
            ("404.html".into(), "the 404 page".into()),
            ("feed.xml".into(), "the Atom feed".into()),
            ("sitemap.xml".into(), "the sitemap".into()),
            (
                "css/syntax.css".into(),
                "the highlighting stylesheet".into(),
            ),
            (format!("{TAGS_DIR}/index.html"), "the tag index".into()),
            (format!("{ARCHIVE_DIR}/index.html"), "the archive".into()),
            (
                format!("{}/index.html", retro::TIMELINE_DIR),
                "the timeline of retrospectives".into(),
            ),
            (
                retro::TIMELINE_JSON.into(),
                "the retrospectives' data".into(),
            ),
            (
                format!("{CATEGORIES_DIR}/index.html"),
                "the category index".into(),
            ),
            (
                format!("{SERIES_DIR}/index.html"),
                "the series index".into(),
            ),
        ];
        if self.theme.templates.contains_key("search.html") {
            fixed.push((search::SEARCH_PAGE.into(), "the search page".into()));
        }
        if !self.has_own_robots_txt() {
            fixed.push((ROBOTS_TXT.into(), ROBOTS_TXT.into()));
        }
        for path in &self.feed_copies {
            fixed.push((
                path.clone(),
                "the Atom feed, where the site's own feed was".into(),
            ));
        }
        fixed
    }

    /// The output files of the home page's pages 2, 3, … where jekyll-paginate wrote them
    /// (`paginate_path: /page:num` → `page2/index.html`), each with hoego's page there
    /// (`/page/2/`). None where the two are the same or the site does not paginate.
    fn old_pagination(&self) -> Vec<(String, String)> {
        let Some(pattern) = self
            .config
            .jekyll
            .as_ref()
            .and_then(|j| j.paginate_path.as_deref())
        else {
            return Vec::new();
        };
        (2..=self.page_count())
            .filter_map(|n| {
                // Resolved as a permalink is; one that climbs out gets no redirect.
                let old = confine::resolve_site_path(&pattern.replace(":num", &n.to_string()));
                let (_, out) = permalink::output_file(&old.ok()?);
                let now = format!("{PAGINATION_DIR}/{n}/index.html");
                (confine::check_rel(&out).is_ok() && out != now)
                    .then(|| (out, format!("/{PAGINATION_DIR}/{n}/")))
            })
            .collect()
    }

    /// Every output file has one owner: two sources for one URL is an error naming both.
    pub(super) fn check_collisions(&mut self) -> Result<(), Errors> {
        let mut generated = self.fixed_outputs();
        generated.extend(search::generated_paths(self.posts.len()));
        for n in 2..=self.page_count() {
            generated.push((
                format!("{PAGINATION_DIR}/{n}/index.html"),
                format!("page {n} of the home page"),
            ));
        }
        for tag in &self.tags {
            generated.push((
                format!("{TAGS_DIR}/{}/index.html", tag.slug),
                format!("the page of tag `{}`", tag.name),
            ));
            generated.push((
                format!("{TAGS_DIR}/{}/{FEED_FILE}", tag.slug),
                format!("the feed of tag `{}`", tag.name),
            ));
        }
        for c in &self.categories {
            let dir = categories::dir(c);
            generated.push((
                format!("{dir}/index.html"),
                format!("the page of category `{}`", c.path),
            ));
            generated.push((
                format!("{dir}/{FEED_FILE}"),
                format!("the feed of category `{}`", c.path),
            ));
        }
        for g in &self.series {
            generated.push((
                format!("{SERIES_DIR}/{}/index.html", g.slug),
                format!("the page of series `{}`", g.name),
            ));
        }
        let mut owners: HashMap<String, String> = generated.into_iter().collect();
        let mut errors = Vec::new();
        // A tag's page is named after it: a tag too long for a file name is an error at the
        // first post that uses it.
        for tag in &self.tags {
            let out = format!("{TAGS_DIR}/{}/index.html", tag.slug);
            if let (Err(why), Some(&first)) = (confine::check_rel(&out), tag.posts.first()) {
                let page = &self.pages[first];
                let d = Diagnostic::new(&page.source, format!("bad tag `{}`: {why}", tag.name));
                errors.push(match page.front.line("tags") {
                    Some(l) => d.at(l, None),
                    None => d,
                });
            }
        }
        // So are a category's and a series' pages.
        for c in &self.categories {
            let out = format!("{}/{FEED_FILE}", categories::dir(c));
            if let (Err(why), Some(&first)) = (confine::check_rel(&out), c.posts.first()) {
                let page = &self.pages[first];
                let d = Diagnostic::new(&page.source, format!("bad category `{}`: {why}", c.name));
                let line = page
                    .front
                    .line("categories")
                    .or(page.front.line("category"));
                errors.push(match line {
                    Some(l) => d.at(l, None),
                    None => d,
                });
            }
        }
        for g in &self.series {
            let out = format!("{SERIES_DIR}/{}/index.html", g.slug);
            if let (Err(why), Some(&first)) = (confine::check_rel(&out), g.posts.first()) {
                let page = &self.pages[first];
                let d = Diagnostic::new(&page.source, format!("bad series `{}`: {why}", g.name));
                errors.push(match page.front.line("series") {
                    Some(l) => d.at(l, None),
                    None => d,
                });
            }
        }
        self.collisions = self.give_way(&owners);
        let sources = self
            .pages
            .iter()
            .map(|p| (&p.output, p.source.as_path()))
            .chain(self.statics.iter().map(|f| {
                (
                    &f.output,
                    f.source.strip_prefix(&self.root).unwrap_or(&f.source),
                )
            }));
        for (out, source) in sources {
            match owners.get(out) {
                Some(other) => errors.push(Diagnostic::new(
                    source,
                    format!("URL collision: `{out}` is also written by {other}; give one of them another `permalink` or slug"),
                )),
                None => {
                    owners.insert(out.clone(), source.display().to_string());
                }
            }
        }
        // A Jekyll theme's old list URLs give way to every page and file.
        self.list_redirects
            .retain(|(out, _)| !owners.contains_key(out));
        for (out, list) in &self.list_redirects {
            owners.insert(out.clone(), format!("the redirect to `{list}`"));
        }
        // So do the home page's old pages under jekyll-paginate's `paginate_path`.
        self.pagination_redirects = self.old_pagination();
        self.pagination_redirects
            .retain(|(out, _)| !owners.contains_key(out));
        for (out, page) in &self.pagination_redirects {
            owners.insert(out.clone(), format!("the redirect to `{page}`"));
        }
        // Old URLs come last: whatever is really there wins, and the redirect is dropped.
        for i in 0..self.pages.len() {
            let page = &self.pages[i];
            let mut kept = Vec::new();
            let mut dropped = Vec::new();
            for out in &page.redirects {
                match owners.get(out) {
                    Some(other) => dropped.push(Diagnostic::new(
                        &page.source,
                        format!("old URL `{out}` is also written by {other}: no redirect is written there"),
                    )),
                    None => {
                        owners.insert(out.clone(), page.source.display().to_string());
                        kept.push(out.clone());
                    }
                }
            }
            self.pages[i].redirects = kept;
            self.collisions.extend(dropped);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Errors(errors))
        }
    }

    /// Pages that share an output file: all but the newest move to a suffixed URL that
    /// nothing else has. Returns the warnings.
    fn give_way(&mut self, generated: &HashMap<String, String>) -> Vec<Diagnostic> {
        let mut by_output: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in self.pages.iter().enumerate() {
            by_output.entry(p.output.as_str()).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = by_output
            .into_values()
            .filter(|g| g.len() > 1 && !generated.contains_key(&self.pages[g[0]].output))
            .collect();
        if groups.is_empty() {
            return Vec::new();
        }
        let mut taken: std::collections::HashSet<String> = self
            .pages
            .iter()
            .map(|p| p.output.clone())
            .chain(self.statics.iter().map(|s| s.output.clone()))
            .chain(generated.keys().cloned())
            .collect();
        let mut warnings = Vec::new();
        groups.sort();
        for mut group in groups {
            // Newest first; on the same date, by file name.
            group.sort_by(|&a, &b| {
                let (pa, pb) = (&self.pages[a], &self.pages[b]);
                pb.date
                    .cmp(&pa.date)
                    .then_with(|| pa.source.cmp(&pb.source))
            });
            let keeper = group[0];
            for &i in &group[1..] {
                let wanted = self.pages[i].path.clone();
                let jekyll = self.config.jekyll.is_some();
                let (path, output) = (2..)
                    .map(|n| {
                        let p = suffixed(&wanted, n);
                        if jekyll {
                            permalink::output_file_jekyll(&p)
                        } else {
                            permalink::output_file(&p)
                        }
                    })
                    .find(|(_, out)| !taken.contains(out))
                    .unwrap_or_default();
                taken.insert(output.clone());
                let (kp, page) = (&self.pages[keeper], &self.pages[i]);
                let d = Diagnostic::new(
                    &page.source,
                    format!(
                        "{COLLISION} `{wanted}` is also the URL of {} (newer), which keeps it; this post is at `{path}` — give one of them another `permalink` or `slug`",
                        kp.source.display()
                    ),
                );
                warnings.push(match page.front.line("permalink") {
                    Some(l) => d.at(l, None),
                    None => d,
                });
                let page = &mut self.pages[i];
                page.path = path;
                page.output = output;
            }
        }
        warnings
    }
}

const COLLISION: &str = "URL collision:";

/// `/a/b/` → `/a/b-2/`, `/a/b.html` → `/a/b-2.html`.
fn suffixed(path: &str, n: usize) -> String {
    let trimmed = path.trim_end_matches('/');
    let slash = if path.ends_with('/') { "/" } else { "" };
    let (dir, last) = trimmed.rsplit_once('/').unwrap_or(("", trimmed));
    let (stem, ext) = match last.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && slash.is_empty() => (s, format!(".{e}")),
        _ => (last, String::new()),
    };
    format!("{dir}/{stem}-{n}{ext}{slash}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_go_on_the_last_part() {
        assert_eq!(suffixed("/2023/same/", 2), "/2023/same-2/");
        assert_eq!(
            suffixed("/2023/01/01/same.html", 3),
            "/2023/01/01/same-3.html"
        );
        assert_eq!(suffixed("/a", 2), "/a-2");
    }
}
