//! `hoego new --retro [PERIOD] [--template goals|kpt|4l|5f]`: builds the site in memory
//! (writing nothing), finds the last retrospective of the period's kind and the ones before
//! it, and writes a new retrospective dated at the end of the period that starts from them
//! (see [`crate::retro::draft`]). Prints the new file's path; never overwrites a file.

use std::path::PathBuf;

use super::new::{display, front_matter, posts_dir, write_post};
use crate::content::Page;
use crate::content::slug::slugify;
use crate::error::{Diagnostic, Errors};
use crate::retro::carry_over::{self, Source};
use crate::retro::draft::{self, Draft, Earlier, Longest};
use crate::retro::index::facts_of;
use crate::retro::template::Template;
use crate::retro::years;
use crate::retro::{Kind, Period};
use crate::site::{BuildOptions, Site};

pub struct RetroNewArgs {
    pub root: PathBuf,
    /// A period key; `None` for this year (last year in January).
    pub period: Option<String>,
    /// `None`: the last retrospective's format, else goals.
    pub template: Option<Template>,
    pub draft: bool,
}

/// How many periods back a goal's unchecked streak is followed.
const MAX_CHAIN: usize = 12;
/// How many of the period's longest posts are listed.
const LONGEST: usize = 3;

pub fn run(args: &RetroNewArgs) -> Result<(), Errors> {
    let site = Site::load(&BuildOptions {
        root: args.root.clone(),
        base_url: None,
        drafts: false,
        future: false,
    })?;
    let tz = crate::content::timezone(&site.config)?;
    let period = match args.period.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => {
            Period::parse(p).map_err(|why| Diagnostic::new("hoego new --retro", why))?
        }
        _ => Period::reviewed_on(
            Kind::Year,
            jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date(),
        ),
    };
    let (Some(start), Some(end)) = (period.start(), period.end()) else {
        return Err(
            Diagnostic::new("hoego new --retro", "a project has no period to date it by").into(),
        );
    };

    // Every retrospective of the last period of the kind before this one, and the ones
    // before them.
    let chain = chain(&site, &period);
    let language = site.config.language.as_str();
    let to_dir = "posts";
    let earlier: Vec<Earlier> = chain
        .iter()
        .map(|&(i, back)| {
            let page = &site.pages[i];
            let shared = chain.iter().filter(|(_, b)| *b == back).count() > 1;
            Earlier {
                // `2024년 회고`, as the theme's chain links name it; the title when several
                // review one period.
                name: match page.retro.as_deref() {
                    Some(r) if !shared => {
                        let label = r.period.label(&site.labels, language);
                        let name = site.labels.get("retro_title").map_or("", String::as_str);
                        crate::i18n::fill(name, &[("period", label)])
                    }
                    _ => page.title.clone(),
                },
                link: relative_link(to_dir, &crate::site::content_key(page)),
                back,
            }
        })
        .collect();
    let sources: Vec<Source> = chain
        .iter()
        .filter_map(|&(i, back)| {
            let analysis = &site.pages[i].retro.as_deref()?.analysis;
            Some(Source { analysis, back })
        })
        .collect();
    let plan = carry_over::plan(&sources);
    let follows = chain.first().is_some_and(|&(i, _)| {
        site.pages[i]
            .retro
            .as_ref()
            .and_then(|r| r.period.end())
            .and_then(|e| e.tomorrow().ok())
            == Some(start)
    });
    let template = args
        .template
        .unwrap_or_else(|| Template::of_format(sources.first().and_then(|s| s.analysis.format)));

    // The period in numbers.
    let in_period: Vec<&Page> = site
        .posts
        .iter()
        .map(|&i| &site.pages[i])
        .filter(|p| {
            p.date
                .as_ref()
                .is_some_and(|d| (start..=end).contains(&d.date()))
        })
        .collect();
    let year = years::years(in_period.iter().filter_map(|p| facts_of(p)))
        .into_iter()
        .next();
    let mut longest: Vec<&Page> = in_period.clone();
    longest.sort_by_key(|p| std::cmp::Reverse(p.rendered.stats.word_count()));
    let longest: Vec<Longest> = longest
        .into_iter()
        .take(LONGEST)
        .map(|p| Longest {
            title: p.title.clone(),
            link: relative_link(to_dir, &crate::site::content_key(p)),
            words: p.rendered.stats.word_count(),
        })
        .collect();

    let body = draft::body(&Draft {
        language,
        labels: &site.labels,
        period: &period,
        template,
        earlier: &earlier,
        follows,
        plan: &plan,
        numbers: year.as_ref(),
        longest: &longest,
    });
    let title = draft::title(&period, &site.labels, language);
    let date = end
        .to_zoned_datetime(tz)
        .map_err(|e| Diagnostic::new("hoego new --retro", e.to_string()))?;
    let mut front = front_matter(&title, &date, &[draft::tag(language)], args.draft);
    let key = match period {
        Period::Year(y) => y.to_string(),
        _ => format!("\"{}\"", period.key()),
    };
    front.insert_str(front.len() - "---\n".len(), &format!("retro: {key}\n"));
    let slug = slugify(&title);
    let file = posts_dir(&args.root).join(format!("{}-{slug}.md", date.strftime("%Y-%m-%d")));
    write_post(
        &args.root,
        &file,
        &format!("{front}\n{body}"),
        "already exists: not overwritten (move it away to start it again)",
    )?;
    println!("{}", display(&file).display());

    // Notes for the writer, on stderr.
    for &i in &site.retro.index.order {
        let page = &site.pages[i];
        if page.retro.as_ref().is_some_and(|r| r.period == period) {
            eprintln!(
                "note: {} is already a retrospective of {}",
                page.source.display(),
                period.key()
            );
        }
    }
    for &(i, _) in chain.iter().filter(|(_, back)| *back == 0) {
        eprintln!("carried over from {}", site.pages[i].source.display());
    }
    if chain.is_empty() {
        eprintln!(
            "no earlier {} retrospective: started from the {} template",
            period.kind().as_str(),
            template.as_str()
        );
    } else {
        eprintln!("{} goals, {} to try", plan.goals.len(), plan.tries.len());
    }
    if date.timestamp() > jiff::Timestamp::now() {
        eprintln!(
            "note: dated {}, the end of the period: builds leave it out until then (or with --future)",
            date.strftime("%Y-%m-%d")
        );
    }
    Ok(())
}

/// The retrospectives of `period`'s kind before it, newest first, for [`MAX_CHAIN`] periods:
/// page indexes, each with how many periods back it is (0: the last period reviewed).
fn chain(site: &Site, period: &Period) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut last: Option<&Period> = None;
    for &i in &site.retro.index.order {
        let Some(r) = site.pages[i].retro.as_deref() else {
            continue;
        };
        if r.period.kind() != period.kind() || r.period.order() >= period.order() {
            continue;
        }
        let back = match (last, out.last()) {
            (Some(p), Some(&(_, back))) if *p == r.period => back,
            (_, Some(&(_, back))) => back + 1,
            _ => 0,
        };
        if back == MAX_CHAIN {
            break;
        }
        out.push((i, back));
        last = Some(&r.period);
    }
    out
}

/// The relative link from a post in `from_dir` to the content file `to` (both under
/// `content/`), with the characters a Markdown link or the link resolver would misread
/// percent-encoded (Hangul stays readable).
fn relative_link(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let target: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&target[common..]);
    let mut out = String::new();
    for c in parts.join("/").chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '%' | '#' | '?' | '\\' | '[' | ']' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_content_files() {
        assert_eq!(
            relative_link("posts", "posts/2025-12-31-회고.md"),
            "2025-12-31-회고.md"
        );
        assert_eq!(relative_link("posts", "posts/2024/a b.md"), "2024/a%20b.md");
        assert_eq!(
            relative_link("posts", "dev/posts/(x).md"),
            "../dev/posts/%28x%29.md"
        );
        assert_eq!(relative_link("posts", "50%.md"), "../50%25.md");
    }
}
