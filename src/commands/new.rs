//! `hoego new "제목"`: a new post in `content/posts/`, dated in the site's time zone.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::config::Config;
use crate::content::slug::slugify;
use crate::error::{Diagnostic, Errors};

pub struct NewArgs {
    /// The site folder.
    pub root: PathBuf,
    pub title: String,
    /// `YYYY-MM-DD`; today in the site's time zone when absent.
    pub date: Option<String>,
    pub draft: bool,
}

pub fn run(args: &NewArgs) -> Result<(), Errors> {
    let config = Config::load(&args.root)?;
    let tz = crate::content::timezone(&config)?;
    let when = post_time(args.date.as_deref(), &tz)?;
    let title = args.title.trim();
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Diagnostic::new(
            "hoego new",
            format!("the title `{title}` has no letters or digits to name the file after"),
        )
        .into());
    }
    let file = posts_dir(&args.root).join(format!("{}-{slug}.md", when.strftime("%Y-%m-%d")));
    let text = format!("{}\n", front_matter(title, &when, &[], args.draft));
    write_post(
        &args.root,
        &file,
        &text,
        "already exists; choose another title or --date (nothing was written)",
    )?;
    println!("{}", display(&file).display());
    Ok(())
}

/// The post's date: midnight of `--date`, or now (whole seconds), in the site's zone.
pub fn post_time(date: Option<&str>, tz: &TimeZone) -> Result<ZonedDateTime, Diagnostic> {
    match date {
        Some(raw) => {
            let day: Date = raw.trim().parse().map_err(|_| {
                Diagnostic::new(
                    "hoego new",
                    format!("--date `{raw}` is not a date: write it as YYYY-MM-DD"),
                )
            })?;
            day.to_zoned_datetime(tz.clone())
                .map_err(|e| Diagnostic::new("hoego new", format!("--date `{raw}`: {e}")))
        }
        None => {
            let now = jiff::Timestamp::now().as_second();
            let now = jiff::Timestamp::from_second(now)
                .map_err(|e| Diagnostic::new("hoego new", e.to_string()))?;
            Ok(now.to_zoned_datetime(tz.clone()))
        }
    }
}

/// YAML front matter between `---` lines: the title quoted (a JSON string is a valid YAML
/// double-quoted scalar, so quotes, colons and `#` are safe), the date with its UTC offset.
pub fn front_matter(title: &str, date: &ZonedDateTime, tags: &[&str], draft: bool) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let tags: Vec<String> = tags.iter().map(|t| quote(t)).collect();
    let mut text = format!(
        "---\ntitle: {}\ndate: {}\ntags: [{}]\n",
        quote(title),
        date.strftime("%Y-%m-%d %H:%M:%S %z"),
        tags.join(", ")
    );
    if draft {
        text.push_str("draft: true\n");
    }
    text.push_str("---\n");
    text
}

/// `content/posts/`, or Jekyll's `_posts/` when the site keeps its posts there.
pub fn posts_dir(root: &Path) -> PathBuf {
    let content = root.join("content");
    if !content.join("posts").is_dir() && !content.is_dir() && root.join("_posts").is_dir() {
        root.join("_posts")
    } else {
        content.join("posts")
    }
}

/// Writes a new post file inside the site folder `root`: the folders on the way are created,
/// the folder it goes in must resolve to a place inside the site (not through a link to
/// elsewhere), and the file must not exist yet (checked and created in one step, so a file
/// or link of that name is never written through). `exists` says what to do when it does.
pub fn write_post(root: &Path, path: &Path, text: &str, exists: &str) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Diagnostic::io(parent, "create folder", &e))?;
        let inside = match (root.canonicalize(), parent.canonicalize()) {
            (Ok(r), Ok(p)) => p.starts_with(r),
            _ => false,
        };
        if !inside {
            return Err(Diagnostic::new(
                display(parent),
                "is not inside the site folder (a link to elsewhere?); nothing was written",
            ));
        }
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::new(display(path), exists)
            } else {
                Diagnostic::io(path, "create", &e)
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Diagnostic::io(path, "write", &e))
}

/// A path as the user typed it, without a leading `./`.
pub fn display(path: &Path) -> &Path {
    path.strip_prefix(".").unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_quotes_the_title_and_keeps_the_offset() {
        let tz = crate::tz::get("Asia/Seoul").unwrap();
        let when = post_time(Some("2024-12-31"), &tz).unwrap();
        let fm = front_matter("따옴표 \"와\" 콜론: #해시", &when, &[], true);
        assert_eq!(
            fm,
            "---\ntitle: \"따옴표 \\\"와\\\" 콜론: #해시\"\ndate: 2024-12-31 00:00:00 +0900\ntags: []\ndraft: true\n---\n"
        );
    }

    #[test]
    fn bad_dates_are_refused() {
        let tz = crate::tz::get("UTC").unwrap();
        assert!(post_time(Some("2024-13-01"), &tz).is_err());
        assert!(post_time(Some("어제"), &tz).is_err());
        assert!(post_time(None, &tz).is_ok());
    }
}
