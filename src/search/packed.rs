//! Tokens as the index holds them: most (every Hangul and CJK token, most words) take at
//! most 8 bytes and are kept as a `u64`, which sorts, deduplicates and compares faster than
//! strings. [`each_packed`] cuts text as `each_token` does, straight into that form.

use std::borrow::Cow;

use super::tokens::{Class, class, is_plain, word_key};

/// A token of up to 8 bytes as the index holds it: its UTF-8 zero-padded into a `u64`, the
/// first byte lowest. Tokens have no NUL, so the padding is never part of one.
pub(super) fn pack(token: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b[..token.len()].copy_from_slice(token);
    u64::from_le_bytes(b)
}

/// `bytes[from..to]` (at most 8 bytes) packed as [`pack`] does: one load and a mask when
/// eight bytes are there to read.
fn pack_at(bytes: &[u8], from: usize, to: usize) -> u64 {
    match bytes
        .get(from..from + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
    {
        Some(eight) if to - from < 8 => {
            u64::from_le_bytes(eight) & ((1u64 << (8 * (to - from))) - 1)
        }
        Some(eight) => u64::from_le_bytes(eight),
        None => pack(&bytes[from..to]),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// A packed token of ASCII bytes lower-cased, eight bytes at once: the high bit of a byte's
/// sum with `0x80 - b'A'` says it is at least `A`, with `0x80 - b'Z' - 1` that it is past
/// `Z` (bytes below `0x80` never carry into the next).
fn ascii_lower(v: u64) -> u64 {
    let at_least_a = v + ONES * (0x80 - b'A' as u64);
    let past_z = v + ONES * (0x80 - b'Z' as u64 - 1);
    v | ((at_least_a & !past_z & (ONES * 0x80)) >> 2)
}

/// [`each_token`](super::tokens::each_token) as the index keeps tokens, without making a
/// string of each: a token of up to 8 bytes (every Hangul and CJK token, most words) comes
/// to `short` packed ([`pack`]), a longer one to `long`. The same tokens in the same order:
/// one pass over the bytes that emits a bigram as soon as its second character is read.
/// `text` is already normalized.
pub(super) fn each_packed<'a>(
    text: &'a str,
    short: &mut impl FnMut(u64),
    long: &mut impl FnMut(Cow<'a, str>),
) {
    scan::<false>(text, short, long);
}

/// [`each_packed`] on text not yet normalized, in the same pass as the check
/// [`normalize`](super::tokens::normalize) starts with: when every character of `text` is
/// NFKC on its own and does not combine (ASCII and Hangul syllables are, without a table
/// lookup), `text` is its own NFKC and this returns true. Otherwise it stops at the first
/// character that is not and returns false; what it gave until then came from text that
/// normalizing may change, and the caller starts again from `normalize(text)`.
pub(super) fn each_packed_plain<'a>(
    text: &'a str,
    short: &mut impl FnMut(u64),
    long: &mut impl FnMut(Cow<'a, str>),
) -> bool {
    scan::<true>(text, short, long)
}

/// The pass of [`each_packed`] and, with `CHECK`, [`each_packed_plain`].
#[inline(always)]
fn scan<'a, const CHECK: bool>(
    text: &'a str,
    short: &mut impl FnMut(u64),
    long: &mut impl FnMut(Cow<'a, str>),
) -> bool {
    let bytes = text.as_bytes();
    let mut current = Class::Space;
    // Where the current run began; in a Hangul or CJK run, where its last character began
    // and how many it has so far.
    let mut start = 0;
    let mut prev = 0;
    let mut chars = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let Some((k, next)) = char_at::<CHECK>(text, i) else {
            return false;
        };
        if k != current {
            end_run(text, current, start, i, chars, short, long);
            current = k;
            start = i;
            chars = 0;
        }
        if matches!(k, Class::Hangul | Class::Cjk) {
            // Characters of these classes take 3 or 4 bytes: a bigram fits in 8.
            if chars > 0 {
                short(pack_at(bytes, prev, next));
            }
            prev = i;
            chars += 1;
        }
        i = next;
    }
    end_run(text, current, start, bytes.len(), chars, short, long);
    true
}

/// The class of the character at byte `i` of `text` and where the next one begins; with
/// `CHECK`, none for a character that is not NFKC on its own or combines.
#[inline(always)]
fn char_at<const CHECK: bool>(text: &str, i: usize) -> Option<(Class, usize)> {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        let k = if b.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Space
        };
        return Some((k, i + 1));
    }
    // A Hangul syllable (U+AC00–U+D7A3) takes three bytes that begin with 0xEA–0xED.
    if (0xEA..=0xED).contains(&b) && i + 2 < bytes.len() {
        let c = (u32::from(b & 0x0F) << 12)
            | (u32::from(bytes[i + 1] & 0x3F) << 6)
            | u32::from(bytes[i + 2] & 0x3F);
        if (0xAC00..=0xD7A3).contains(&c) {
            return Some((Class::Hangul, i + 3));
        }
    }
    let c = text[i..].chars().next()?;
    if CHECK && !is_plain(c) {
        return None;
    }
    Some((class(c), i + c.len_utf8()))
}

/// The tokens a run makes that were not emitted while it was read: a word, or a Hangul or
/// CJK run of one character, kept whole.
fn end_run<'a>(
    text: &'a str,
    class: Class,
    start: usize,
    end: usize,
    chars: usize,
    short: &mut impl FnMut(u64),
    long: &mut impl FnMut(Cow<'a, str>),
) {
    let bytes = text.as_bytes();
    match class {
        Class::Space => {}
        Class::Word => {
            if end - start <= 8 {
                let v = pack_at(bytes, start, end);
                if v & (ONES * 0x80) == 0 {
                    return short(ascii_lower(v));
                }
            }
            let key = word_key(&text[start..end]);
            if key.len() <= 8 {
                short(pack(key.as_bytes()));
            } else {
                long(key);
            }
        }
        Class::Hangul | Class::Cjk => {
            if chars == 1 {
                short(pack_at(bytes, start, end));
            }
        }
    }
}

/// The text of a packed token.
pub(super) fn unpack(token: u64) -> String {
    let b = token.to_le_bytes();
    let len = b.iter().position(|b| *b == 0).unwrap_or(8);
    // Whole tokens, and tokens have no NUL: the bytes are the token's UTF-8.
    String::from_utf8_lossy(&b[..len]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokens::{each_token, normalize};

    /// What `each_packed` gives, as `each_token`'s tokens would be kept by the index.
    #[derive(Debug, PartialEq)]
    enum Kept {
        Short(u64),
        Long(String),
    }

    fn packed(text: &str) -> Vec<Kept> {
        let out = std::cell::RefCell::new(Vec::new());
        each_packed(
            text,
            &mut |t| out.borrow_mut().push(Kept::Short(t)),
            &mut |t| out.borrow_mut().push(Kept::Long(t.into_owned())),
        );
        out.into_inner()
    }

    fn reference(text: &str) -> Vec<Kept> {
        let mut out = Vec::new();
        each_token(text, &mut |t| {
            out.push(if t.len() <= 8 {
                Kept::Short(pack(t.as_bytes()))
            } else {
                Kept::Long(t.into_owned())
            })
        });
        out
    }

    #[test]
    fn packed_tokens_are_the_tokenizers_tokens() {
        // Words of every length around 8 bytes and case, at the text's end (where fewer
        // than 8 bytes are left to load) and not; letters whose lower case is longer.
        for text in [
            "Rust",
            "RUST",
            "rust",
            "AbCdEfGh",
            "AbCdEfGhI",
            "a1Z9",
            "@[`{",
            "ÉCOLE",
            "École",
            "İİİİ",
            "İ",
            "ß",
            "Ａｂ",
            "서울은",
            "책",
            "日本語",
            "𠀀𠀁",
            "𠀀",
            "日𠀀本",
            "가𠀀나",
            "2023년 회고: Kubernetes와 TypeScript",
            "x",
            "ZZZZZZZZ ",
            "ABCDEFGH!",
            // The ends of the Hangul syllables, and other characters whose first byte is
            // also 0xEA–0xED: Yi, Meetei Mayek, Hangul Jamo Extended-A and -B, unassigned.
            "\u{D7A3}\u{D7A4}\u{D7A3}",
            "\u{ABFF}가\u{AC01}",
            "\u{A000}가\u{ABC0}",
            "\u{A960}힣\u{D7B0}",
        ] {
            let text = normalize(text);
            assert_eq!(packed(&text), reference(&text), "{text}");
        }
        assert_eq!(packed("Rust"), [Kept::Short(pack(b"rust"))]);
    }

    proptest::proptest! {
        #[test]
        fn packed_tokens_match_on_any_text(
            // Beside Hangul syllables, characters whose first byte is also 0xEA–0xED:
            // Yi (a word), Hangul Jamo Extended-A and -B, the unassigned U+D7A4.
            text in "[a-zA-Z0-9 .@\\[`{ÉéİßＡ가-힣ㄱ-ㅎ\u{1100}-\u{1112}\u{A000}-\u{A002}\u{A960}\u{D7A4}\u{D7B0}\u{ABC0}日本語タワー\u{20000}-\u{20005}]{0,40}"
        ) {
            let text = normalize(&text);
            proptest::prop_assert_eq!(packed(&text), reference(&text));
        }

    }
}
