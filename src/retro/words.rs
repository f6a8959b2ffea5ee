//! Word lists searched for in every paragraph of a retrospective, in one pass each
//! (Aho-Corasick), ASCII letters in any case; and a quick letter-or-digit test that spares
//! Hangul and ASCII the Unicode tables.

use aho_corasick::AhoCorasick;

pub struct Words(Option<AhoCorasick>);

impl Words {
    pub fn new(words: &[&str]) -> Words {
        Words(
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(words)
                .ok(),
        )
    }

    /// Whether any of the words occurs in `haystack`.
    pub fn any_in(&self, haystack: &[u8]) -> bool {
        self.0.as_ref().is_some_and(|ac| ac.is_match(haystack))
    }
}

/// A memo of verdicts by a 64-bit hash of what they are about: headings repeat from post to
/// post (`마무리`, `Keep`, `내년 목표`), so each thread keeps what it worked out. The key is
/// already a hash (xxh3): the map does not hash it again.
pub type Memo<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<IdentityHasher>>;

#[derive(Default)]
pub struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The memo key of a text and a number (a period, say).
pub fn memo_key(text: &str, n: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(text.as_bytes(), n)
}

/// `char::is_alphanumeric`, answered without a table lookup for ASCII and Hangul syllables.
pub fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('가'..='힣').contains(&c) {
        true
    } else {
        c.is_alphanumeric()
    }
}
