//! The language of a Jekyll blog whose `_config.yml` names none (no `lang`, `locale` or
//! `default_lang`). Jekyll's themes then say `en`; hoego reads the newest posts and, where
//! their text is mostly in one script that names a language (Hangul, kana, Han), takes it:
//! the theme's labels, dates and `<html lang>` follow. Most of the Korean Jekyll blogs we
//! build against name no language.

use std::path::Path;

use crate::markdown::reading::TextStats;

/// How many of the newest posts are read, and how much of each.
const POSTS: usize = 30;
const BYTES: usize = 64 * 1024;

/// The language the newest posts under `posts` (a `_posts` folder) are mostly written in,
/// by [`TextStats::script_language`]; `None` when that says nothing or there are no posts.
pub fn of_posts(posts: &Path) -> Option<&'static str> {
    // Nothing through a link: a `_posts` that is one may lead out of the site, and the
    // files linked inside it are skipped (they are not files to `is_file`).
    let mut files: Vec<(std::ffi::OsString, std::path::PathBuf)> = walkdir::WalkDir::new(posts)
        .follow_root_links(false)
        .max_depth(4)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "md" || x == "markdown")
        })
        .map(|e| (e.file_name().to_owned(), e.into_path()))
        .collect();
    // Newest first: post file names start with their dates.
    files.sort_unstable_by(|a, b| b.0.cmp(&a.0));
    let mut stats = TextStats::default();
    for (_, path) in files.iter().take(POSTS) {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(BYTES)]);
        add_prose(&mut stats, &text);
    }
    stats.script_language()
}

/// Counts the lines of a post's prose: not its front matter, and not its code (fenced, or in
/// `{% highlight %}`), which is in Latin letters whatever language the post is written in.
fn add_prose(stats: &mut TextStats, text: &str) {
    let mut fence: Option<&str> = None;
    for line in crate::content::front_matter::body(text).lines() {
        let trimmed = line.trim_start();
        let liquid = trimmed.starts_with("{%");
        match fence {
            Some(f) if trimmed.starts_with(f) || (liquid && trimmed.contains(f)) => fence = None,
            Some(_) => {}
            None if trimmed.starts_with("```") => fence = Some("```"),
            None if trimmed.starts_with("~~~") => fence = Some("~~~"),
            None if liquid && trimmed.contains("highlight") => fence = Some("endhighlight"),
            None => stats.add(line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_posts_script_names_the_language() {
        let dir = tempfile::tempdir().unwrap();
        let posts = dir.path().join("_posts");
        std::fs::create_dir_all(posts.join("dev")).unwrap();
        assert_eq!(of_posts(&posts), None);
        // Older English posts, newer Korean ones (one in a sub-folder), and a file that is
        // not a post.
        for n in 0..40 {
            std::fs::write(
                posts.join(format!("2019-01-{:02}-old.md", n % 28 + 1)),
                "---\ntitle: Old notes\n---\nShort notes in English about the tools I used then.\n",
            )
            .unwrap();
        }
        for n in 0..POSTS - 1 {
            let (dir, ext) = if n % 2 == 0 {
                ("", "md")
            } else {
                ("dev", "markdown")
            };
            std::fs::write(
                posts.join(dir).join(format!("2024-{:02}-01-p{n}.{ext}", n % 12 + 1)),
                "---\ntitle: 회고\n---\n올해는 새 팀에 들어가 처음 석 달을 낯설게 보냈고, 여름부터 일이 손에 붙었다.\n",
            )
            .unwrap();
        }
        std::fs::write(posts.join("2025-01-01-notes.txt"), "English ".repeat(500)).unwrap();
        // Code in a Korean post: not prose.
        std::fs::write(
            posts.join("2024-12-31-code.md"),
            format!(
                "---\ntitle: Code only\n---\n풀이.\n```cpp\n{0}```\n{{% highlight js %}}\n{0}{{% endhighlight %}}\n",
                "int main() { return 0; }\n".repeat(400)
            ),
        )
        .unwrap();
        assert_eq!(of_posts(&posts), Some("ko"));
        assert_eq!(of_posts(&dir.path().join("nowhere")), None);
    }

    #[cfg(unix)]
    #[test]
    fn posts_behind_a_link_are_not_read() {
        // A site whose `_posts` is a link to a folder elsewhere, and one whose `_posts` links
        // each post: neither is read.
        let outside = tempfile::tempdir().unwrap();
        let text = "---\ntitle: 밖\n---\n사이트 밖에 있는 글이라서 이 글의 언어로 사이트를 정하면 안 된다.\n";
        for n in 0..3 {
            std::fs::write(
                outside.path().join(format!("2024-01-0{}-x.md", n + 1)),
                text,
            )
            .unwrap();
        }
        let site = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("_posts")).unwrap();
        assert_eq!(of_posts(&site.path().join("_posts")), None);
        let other = tempfile::tempdir().unwrap();
        let posts = other.path().join("_posts");
        std::fs::create_dir(&posts).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("2024-01-01-x.md"),
            posts.join("2024-01-01-x.md"),
        )
        .unwrap();
        assert_eq!(of_posts(&posts), None);
        // The same text as a file of the site's own is read.
        std::fs::write(posts.join("2024-02-01-y.md"), text).unwrap();
        assert_eq!(of_posts(&posts), Some("ko"));
    }
}
