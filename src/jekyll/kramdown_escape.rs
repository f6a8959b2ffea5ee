//! kramdown's backslash escapes, for text that CommonMark keeps as it is written. kramdown
//! knows only `$$…$$` as math: `$x\_i$` is text to it, whose `\_` becomes `_` before MathJax
//! reads the page, and Jekyll blogs write single-dollar math that way so that kramdown makes
//! no emphasis of the underscores. hoego parses `$…$` as math, where escapes stay, so on a
//! Jekyll page it takes them out as kramdown would.

use std::borrow::Cow;

/// The characters kramdown lets a backslash escape (`ESCAPED_CHARS` in kramdown 2).
const ESCAPABLE: &[u8] = b"\\.*_+`<>()[]{}#!:|\"'$=-";

/// `text` with each of kramdown's escapes (`\_`, `\{`, `\|`, `\\`, …) made the character it
/// escapes.
pub fn unescape(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let escapes =
        |i: usize| bytes[i] == b'\\' && bytes.get(i + 1).is_some_and(|b| ESCAPABLE.contains(b));
    if !(0..bytes.len()).any(escapes) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if escapes(i) {
            out.push_str(&text[copied..i]);
            copied = i + 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_their_characters() {
        assert_eq!(unescape(r"\mathbf{x}\_\ell"), r"\mathbf{x}_\ell");
        assert_eq!(unescape(r"u \in \{1, \cdots, U\}"), r"u \in {1, \cdots, U}");
        assert_eq!(unescape(r"q \; \| \; p"), r"q \; | \; p");
        // `\\` is one backslash, and the character after it is not escaped by it.
        assert_eq!(unescape(r"a \\ b \\\_"), r"a \ b \_");
        // TeX commands are not escapes: a letter after the backslash stays.
        assert!(matches!(unescape(r"\alpha + \beta^2"), Cow::Borrowed(_)));
        assert_eq!(unescape("끝에 \\"), "끝에 \\");
    }
}
