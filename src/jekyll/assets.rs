//! Templates among a Jekyll site's asset files. Jekyll runs every file that starts with
//! front matter through Liquid, wherever it is: Chirpy keeps its feed, `robots.txt`, 404
//! page, search data and service worker under `assets/` that way (`permalink: /feed.xml`),
//! minimal-mistakes its search index script. They are the theme's machinery for what
//! hoego's own theme makes itself; copied as they are, they would be published as Liquid
//! source (`/assets/feed.xml` was not even XML). Like the templates at the site's top
//! ([`crate::content`]), they are left out.

use std::path::Path;

/// Kinds of files that are never text with front matter: not opened to look.
const BINARY: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tif", "tiff", "heic", "psd",
    "woff", "woff2", "ttf", "otf", "eot", "pdf", "zip", "gz", "tgz", "bz2", "xz", "7z", "mp4",
    "webm", "mov", "m4v", "avi", "mp3", "m4a", "wav", "ogg", "flac", "wasm", "svgz", "jar",
];

/// Whether an asset file is a Liquid template: it starts with front matter. Files of the
/// [`BINARY`] kinds are not read.
pub fn is_template(path: &Path) -> bool {
    let binary = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| BINARY.iter().any(|b| b.eq_ignore_ascii_case(e)));
    !binary && super::pages::has_front_matter(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_that_starts_with_front_matter_is_a_template() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, text: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        assert!(is_template(&file(
            "feed.xml",
            b"---\nlayout: compress\npermalink: /feed.xml\n---\n{% capture %}"
        )));
        assert!(is_template(&file(
            "sw.js",
            b"---\r\nlayout: compress\r\n---\r\n"
        )));
        assert!(is_template(&file("bom.json", b"\xEF\xBB\xBF---\n---\n[]")));
        assert!(!is_template(&file("app.js", b"const a = 1;\n")));
        assert!(!is_template(&file("rule.css", b"--- {}\n")));
        // An image is not opened, whatever its first bytes.
        assert!(!is_template(&file("odd.PNG", b"---\n---\n")));
    }
}
