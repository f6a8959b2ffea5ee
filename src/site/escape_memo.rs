//! `escape_xml` for long texts, remembered. A theme whose feed escapes each post's content
//! (the built-in feed writes it as CDATA instead, with the `cdata` filter) escapes it once
//! for every feed that carries it: the site's feed and one per tag and category, a dozen
//! times for a typical post. The memo keeps each long text's escaped form, keyed by a
//! 128-bit hash of the text, so it is escaped once and copied after that.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::xml_text::escape_xml;

/// Texts shorter than this are escaped every time: titles, names and links cost less to
/// escape than to look up.
const MIN_LEN: usize = 512;

/// The most escaped text the memo holds; past it, it starts again empty. A long `serve`
/// session sees many versions of the posts being edited.
const MAX_BYTES: usize = 64 << 20;

#[derive(Default)]
pub struct EscapeMemo {
    inner: Mutex<Memo>,
}

#[derive(Default)]
struct Memo {
    escaped: HashMap<u128, Arc<str>>,
    bytes: usize,
}

impl EscapeMemo {
    /// `text` escaped as `escape_xml` writes it.
    pub fn escape(&self, text: &str) -> String {
        if text.len() < MIN_LEN {
            return escape_xml(text);
        }
        let key = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
        if let Some(hit) = self.lock().escaped.get(&key).cloned() {
            return hit.to_string();
        }
        let escaped = escape_xml(text);
        if escaped.len() > MAX_BYTES {
            return escaped;
        }
        let mut memo = self.lock();
        if memo.bytes + escaped.len() > MAX_BYTES {
            *memo = Memo::default();
        }
        memo.bytes += escaped.len();
        memo.escaped.insert(key, escaped.as_str().into());
        escaped
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Memo> {
        // The memo holds only finished strings: one a panicking thread left behind is whole.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_short_texts_come_back_escaped_the_same_way_every_time() {
        let memo = EscapeMemo::default();
        let long = "<p>\"a\" & 'b' 한글</p>\n".repeat(60);
        let other = "<p>\"a\" & 'b' 한국</p>\n".repeat(60);
        assert!(long.len() >= MIN_LEN);
        for _ in 0..3 {
            assert_eq!(memo.escape(&long), escape_xml(&long));
            assert_eq!(memo.escape(&other), escape_xml(&other));
            assert_eq!(memo.escape("<b>"), "&lt;b&gt;");
        }
        assert_eq!(memo.lock().escaped.len(), 2);
    }

    #[test]
    fn the_memo_starts_again_when_full() {
        let memo = EscapeMemo::default();
        let big = "&".repeat(MAX_BYTES / 5 / 2);
        memo.escape(&big);
        assert_eq!(memo.lock().escaped.len(), 1);
        let bigger = "<".repeat(MAX_BYTES / 4);
        assert_eq!(memo.escape(&bigger), "&lt;".repeat(MAX_BYTES / 4));
        let held = memo.lock();
        assert_eq!(held.escaped.len(), 1);
        assert!(held.bytes <= MAX_BYTES);
    }
}
