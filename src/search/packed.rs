//! Tokens as the index holds them: most (every Hangul and CJK token, most words) take at
//! most 8 bytes and are kept as a `u64`, which sorts, deduplicates and compares faster than
//! strings. [`each_packed`] cuts text as `each_token` does, straight into that form.

use std::borrow::Cow;

use super::tokens::{Class, each_run, word_key};

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

/// [`each_token`](super::tokens::each_token) as the index keeps tokens, without making a string of each: a token of up
/// to 8 bytes (every Hangul and CJK token, most words) comes to `short` packed ([`pack`]), a
/// longer one to `long`. The same tokens in the same order.
pub(super) fn each_packed<'a>(
    text: &'a str,
    short: &mut impl FnMut(u64),
    long: &mut impl FnMut(Cow<'a, str>),
) {
    let bytes = text.as_bytes();
    each_run(text, |class, start, end, offsets| match class {
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
        _ => {
            // Characters of these classes take 3 or 4 bytes: a bigram fits in 8.
            if offsets.len() == 2 {
                short(pack_at(bytes, start, end));
            }
            for w in offsets.windows(3) {
                short(pack_at(bytes, w[0], w[2]));
            }
        }
    });
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
        ] {
            let text = normalize(text);
            assert_eq!(packed(&text), reference(&text), "{text}");
        }
        assert_eq!(packed("Rust"), [Kept::Short(pack(b"rust"))]);
    }

    proptest::proptest! {
        #[test]
        fn packed_tokens_match_on_any_text(
            text in "[a-zA-Z0-9 .@\\[`{ÉéİßＡ가-힣ㄱ-ㅎ\u{1100}-\u{1112}日本語タワー\u{20000}-\u{20005}]{0,40}"
        ) {
            let text = normalize(&text);
            proptest::prop_assert_eq!(packed(&text), reference(&text));
        }

    }
}
