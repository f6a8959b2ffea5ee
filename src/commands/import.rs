//! `hoego import text FILE|DIR…`: each plain-text post becomes a Markdown post in
//! `content/posts/` (see [`crate::import`]), reported in one line. A file that does not
//! import — not text, already Markdown, no date to give it, its post already there — is an
//! error naming it; the others are imported all the same, and the command exits with 1.

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use super::new::{display, front_matter, post_time, posts_dir, write_post};
use crate::config::Config;
use crate::content::slug::slugify;
use crate::error::{Diagnostic, Errors};
use crate::import;
use crate::retro;

pub struct ImportArgs {
    /// The site folder.
    pub root: PathBuf,
    /// Files, and folders whose `.txt` files are imported.
    pub paths: Vec<PathBuf>,
    /// `YYYY-MM-DD`, for texts without a date line.
    pub date: Option<String>,
}

/// The longest slug put in a file name, in bytes (file systems take 255 for the name).
const MAX_SLUG_BYTES: usize = 180;

pub fn run(args: &ImportArgs) -> Result<(), Errors> {
    let config = Config::load(&args.root)?;
    let tz = crate::content::timezone(&config)?;
    let fallback = match &args.date {
        Some(d) => Some(post_time(Some(d), &tz).map_err(|mut e| {
            e.path = "hoego import".into();
            e
        })?),
        None => None,
    };
    let (files, mut errors) = collect(&args.paths);
    let dir = posts_dir(&args.root);
    let mut imported = 0;
    for file in &files {
        match import_file(file, &args.root, &dir, &tz, fallback.as_ref()) {
            Ok(report) => {
                imported += 1;
                println!("{report}");
            }
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    if !files.is_empty() {
        eprintln!("imported {imported} of {} files", files.len());
    }
    Err(Errors(errors))
}

/// The files named, and the `.txt` files in the folders named (in name order; hidden ones
/// left out).
fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::io(path, "read the folder", &e));
                continue;
            }
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                !name.starts_with('.')
                    && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"))
                    && p.is_file()
            })
            .collect();
        if found.is_empty() {
            errors.push(Diagnostic::new(path, "holds no .txt files to import"));
        }
        found.sort();
        files.extend(found);
    }
    (files, errors)
}

/// Reads a file as UTF-8 text, naming the line of the first byte that is not.
fn read_text(file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(file).map_err(|e| Diagnostic::io(file, "read", &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        Diagnostic::new(
            file,
            "is not UTF-8 text; save it as UTF-8 and import it again",
        )
        .at(line, None)
    })?;
    if text.contains('\0') {
        return Err(Diagnostic::new(file, "is a binary file, not text"));
    }
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    if matches!(first.trim_end(), "---" | "+++") {
        return Err(Diagnostic::new(
            file,
            "already has front matter: it is a Markdown post; copy it into content/posts/ as it is",
        )
        .at(1, None));
    }
    Ok(text)
}

fn import_file(
    file: &Path,
    root: &Path,
    dir: &Path,
    tz: &TimeZone,
    fallback: Option<&ZonedDateTime>,
) -> Result<String, Diagnostic> {
    let text = read_text(file)?;
    let c = import::convert(&text);
    if c.header.title.is_none() && c.body.trim().is_empty() {
        return Err(Diagnostic::new(file, "has no text to import"));
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut notes: Vec<String> = Vec::new();
    let title = match &c.header.title {
        Some((t, _)) => t.clone(),
        None => {
            notes.push("no title line: titled after the file name".into());
            stem.clone()
        }
    };
    let (date, from) = date_of(&c, &title, tz, fallback).ok_or_else(|| {
        Diagnostic::new(
            file,
            "has no date line (such as `2023년 12월 31일`) and names no period it reviews; \
             give one with --date YYYY-MM-DD",
        )
    })?;
    let slug = [slugify(&title), slugify(&stem)]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "post".into());
    let name = format!("{}-{}.md", date.strftime("%Y-%m-%d"), shorten(&slug));
    crate::output::confine::check_rel(&name).map_err(|why| Diagnostic::new(file, why))?;
    let target = dir.join(&name);
    let post = format!("{}\n{}", front_matter(&title, &date, &[], false), c.body);
    write_post(
        root,
        &target,
        &post,
        "already exists: not overwritten (move it away, or rename the text file, to import again)",
    )
    .map_err(|d| Diagnostic::new(file, format!("{}: {}", d.path.display(), d.message)))?;

    if let Some(line) = c.header.repeated {
        notes.push(format!("the title repeated on line {line} dropped"));
    }
    if let Some(r) = retro_summary(&title, &c.body, &date) {
        notes.push(r);
    }
    let s = c.stats;
    Ok(format!(
        "{} → {}: “{title}”, {} ({from}); {} headings, {} lists ({} items), {} links{}",
        display(file).display(),
        display(&target).display(),
        date.strftime("%Y-%m-%d"),
        s.headings,
        s.lists,
        s.items,
        s.links,
        notes.iter().map(|n| format!("; {n}")).collect::<String>()
    ))
}

/// The post's date and where it came from: the date line, `--date`, or the end of the
/// period a retrospective names in its title or opening.
fn date_of(
    c: &import::Converted,
    title: &str,
    tz: &TimeZone,
    fallback: Option<&ZonedDateTime>,
) -> Option<(ZonedDateTime, String)> {
    if let Some((stamp, line)) = c.header.date {
        let time = stamp.time.unwrap_or(jiff::civil::Time::midnight());
        let when = tz.to_zoned_datetime(stamp.date.to_datetime(time)).ok()?;
        return Some((when, format!("line {line}")));
    }
    if let Some(d) = fallback {
        return Some((d.clone(), "--date".into()));
    }
    let detected = retro::detect(&retro::Post {
        title,
        tags: &[],
        categories: &[],
        body: &c.body,
        date: None,
        spec: None,
    })?;
    let end = detected.period.end()?;
    let when = end.to_zoned_datetime(tz.clone()).ok()?;
    Some((
        when,
        format!(
            "the end of {}, the period it reviews",
            detected.period.key()
        ),
    ))
}

/// What the retrospectives feature will find in the post, in a few words.
fn retro_summary(title: &str, body: &str, date: &ZonedDateTime) -> Option<String> {
    let detected = retro::detect(&retro::Post {
        title,
        tags: &[],
        categories: &[],
        body,
        date: Some(date.date()),
        spec: None,
    })?;
    let blocks = retro::outline::of_markdown(body);
    let a = retro::analyze::analyze(&blocks, &detected.period, &[]);
    let mut s = format!("a retrospective of {}", detected.period.key());
    let done = a.goals.iter().filter(|g| g.done).count();
    if !a.goals.is_empty() {
        s.push_str(&format!(", {done} of {} goals", a.goals.len()));
    } else if let Some(st) = a.stated {
        s.push_str(&format!(", {} of {} goals as it states", st.done, st.total));
    }
    s.push_str(&format!(", {} next goals", a.next_goals.len()));
    if let Some(f) = a.format {
        s.push_str(&format!(", {}", f.as_str().to_uppercase()));
    }
    Some(s)
}

/// A slug cut to [`MAX_SLUG_BYTES`] at a `-` (or a character) boundary.
fn shorten(slug: &str) -> &str {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    let mut end = MAX_SLUG_BYTES;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    match slug[..end].rfind('-') {
        Some(dash) if dash > MAX_SLUG_BYTES / 2 => &slug[..dash],
        _ => &slug[..end],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_slugs_are_cut_at_a_dash() {
        let slug = "회고-".repeat(50);
        let short = shorten(&slug);
        assert!(short.len() <= MAX_SLUG_BYTES && !short.ends_with('-'));
        assert!(short.starts_with("회고-회고"));
        assert_eq!(shorten("짧은-슬러그"), "짧은-슬러그");
    }
}
