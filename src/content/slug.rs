//! Slugs and anchors that keep Hangul, and hrefs that are percent-encoded correctly.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;

/// `2023년 회고!` → `2023년-회고`: NFC, ASCII lower-cased, punctuation dropped, spaces to `-`.
/// Returns an empty string only when the input has no letters or digits at all.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.nfc() {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '.' || c == '/' {
            pending_dash = true;
        }
    }
    out
}

/// GitHub-style heading id: lower-case, punctuation dropped, each space a `-` (runs are kept,
/// as GitHub does), Unicode letters kept.
pub fn heading_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().nfc() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// Characters escaped in a URL path: controls, space, non-ASCII and the delimiters that
/// would end or change a path. `/` is kept.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'[')
    .add(b']');

/// Percent-encodes a URL path (or fragment), keeping `/`.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// Decodes a percent-encoded path; invalid UTF-8 is replaced rather than refused.
pub fn decode_path(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_hangul() {
        assert_eq!(slugify("2023년 회고"), "2023년-회고");
        assert_eq!(slugify("Diary - 2023년 회고"), "diary-2023년-회고");
        assert_eq!(slugify("  Hello, World!  "), "hello-world");
        assert_eq!(slugify("Rust 1.75: what's new?"), "rust-1-75-whats-new");
        assert_eq!(slugify("“강조”와 (괄호)"), "강조와-괄호");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn slugs_are_nfc() {
        // 한 written as decomposed jamo (NFD) becomes the precomposed syllable.
        let nfd: String = "한글".nfd().collect();
        assert_ne!(nfd, "한글");
        assert_eq!(slugify(&nfd), "한글");
    }

    #[test]
    fn heading_ids_are_github_style() {
        assert_eq!(heading_id("2023년 회고"), "2023년-회고");
        assert_eq!(heading_id("Keep / Problem / Try"), "keep--problem--try");
        assert_eq!(heading_id("Strongman과 일하는 법"), "strongman과-일하는-법");
        assert_eq!(heading_id("C++ & Rust"), "c--rust");
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("/2023/2023년-회고/"),
            "/2023/2023%EB%85%84-%ED%9A%8C%EA%B3%A0/"
        );
        assert_eq!(encode_path("/a b/?#"), "/a%20b/%3F%23");
        assert_eq!(decode_path(&encode_path("/2023/회고/")), "/2023/회고/");
    }
}
