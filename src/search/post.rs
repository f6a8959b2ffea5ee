//! One post's share of the index: what a result shows, and the distinct tokens it is found by.

use std::borrow::Cow;
use std::collections::HashSet;

use super::fxhash::FxBuild;
use super::json::push_json_str;
use super::packed::{each_packed, each_packed_plain};
use super::tokens::normalize;
use super::{Post, SNIPPET_CHARS};
use crate::markdown::text::{opening, plain_text};

/// A post's distinct tokens, before interning.
#[derive(Debug, Default)]
pub(super) struct Tokens {
    /// Tokens of up to 8 bytes (most: a Hangul bigram is 6), each its UTF-8 zero-padded into
    /// a `u64` ([`super::packed::pack`]; [`super::packed::unpack`] gives the text back), ascending.
    pub short: Vec<u64>,
    /// Longer tokens, in no order.
    pub long: Vec<String>,
}

/// A post's short tokens as they are cut. A token equal to the last one in its slot of
/// `seen` (4,096 slots, by a multiplicative hash) is a repeat and is not pushed: most repeats
/// of a word or bigram never reach the sort. A token is never 0 (it has a first byte), so
/// the empty slots match none.
struct Shorts {
    list: Vec<u64>,
    seen: [u64; 4096],
}

impl Shorts {
    fn push(&mut self, token: u64) {
        let slot = (token.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize;
        if self.seen[slot] != token {
            self.seen[slot] = token;
            self.list.push(token);
        }
    }
}

/// A post's result data and its distinct tokens. The data is the post's JSON object without
/// its opening brace and without the fields that place it among other posts
/// (`"t":…,"u":…,"d":…,"g":[…],"b":…}`): the shard writes those in front ([`super::shard`]).
pub(super) fn prepare(post: &Post) -> (String, Tokens) {
    let body = plain_text(&post.html);

    let mut json = String::with_capacity(SNIPPET_CHARS * 2 + 200);
    json.push_str("\"t\":");
    push_json_str(&mut json, post.title);
    json.push_str(",\"u\":");
    push_json_str(&mut json, &post.url);
    json.push_str(",\"d\":");
    push_json_str(&mut json, &post.date);
    json.push_str(",\"g\":[");
    for (n, tag) in post.tags.iter().enumerate() {
        if n > 0 {
            json.push(',');
        }
        push_json_str(&mut json, tag);
    }
    json.push_str("],\"b\":");
    push_json_str(&mut json, opening(&body, SNIPPET_CHARS));
    json.push('}');

    // Most tokens (a Hangul bigram is 6 bytes) fit in a u64: collected, then sorted and
    // deduplicated, which is faster than a hash set of them ([`Shorts`]).
    let mut shorts = Shorts {
        list: Vec::with_capacity(body.len() / 3 + 64),
        seen: [0; 4096],
    };
    let mut long: HashSet<Cow<str>, FxBuild> = HashSet::default();
    let texts = [post.title, post.description, body.as_str()];
    for text in texts.into_iter().chain(post.tags.iter().copied()) {
        // Nearly every text is its own NFKC, which the tokenizer tells as it goes.
        let mark = shorts.list.len();
        let mut longs = Vec::new();
        if each_packed_plain(text, &mut |t| shorts.push(t), &mut |t| longs.push(t)) {
            long.extend(longs);
            continue;
        }
        shorts.list.truncate(mark);
        shorts.seen.fill(0);
        let text = normalize(text);
        each_packed(&text, &mut |t| shorts.push(t), &mut |t| {
            long.insert(Cow::Owned(t.into_owned()));
        });
    }
    let mut short = shorts.list;
    short.sort_unstable();
    short.dedup();
    // Kept until the shard interns them, a shard's posts at a time: without the repeats'
    // room (the capacity is a third of the body's bytes).
    short.shrink_to_fit();
    let long = long.into_iter().map(Cow::into_owned).collect();
    (json, Tokens { short, long })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::packed::unpack;

    #[test]
    fn prepared_tokens_are_the_tokenizers_keys() {
        let post = Post {
            title: "2023년 회고",
            url: "/2023/".into(),
            date: "2023-12-31".into(),
            tags: vec!["회고", "Kubernetes"],
            description: "한 해를 돌아보며",
            html: Cow::Borrowed(
                "<p>서울에서 <strong>Rust</strong>와 TypeScript를 배웠다. \
                 supercalifragilistic 책 日本語</p>",
            ),
        };
        let (json, tokens) = prepare(&post);
        assert!(json.starts_with("\"t\":\"2023년 회고\""), "{json}");
        let mut got: Vec<String> = tokens.short.iter().map(|&t| unpack(t)).collect();
        assert!(got.iter().all(|t| t.len() <= 8));
        assert!(tokens.long.iter().all(|t| t.len() > 8));
        got.extend(tokens.long);
        got.sort();
        let text = "2023년 회고 한 해를 돌아보며 서울에서 Rust와 TypeScript를 배웠다. \
                    supercalifragilistic 책 日本語 회고 Kubernetes";
        assert_eq!(got, super::super::tokenize(text));
    }

    #[test]
    fn a_text_that_is_not_its_own_nfkc_is_cut_again_normalized() {
        // "서울가" then a final jamo, which makes "가" into "각": the tokens cut before the jamo
        // included "울가", which the normalized text does not have, and "서울", which it does
        // and which no text before has. Long words before and after; a ligature (NFKC "fi")
        // in the title.
        let post = Post {
            title: "proﬁle",
            url: "/p/".into(),
            date: String::new(),
            tags: vec!["서울가\u{11A8}"],
            description: "",
            html: Cow::Borrowed(
                "<p>Kubernetes 서울가\u{11A8} internationalization e\u{301}cole</p>",
            ),
        };
        let (_, tokens) = prepare(&post);
        let mut got: Vec<String> = tokens.short.iter().map(|&t| unpack(t)).collect();
        got.extend(tokens.long);
        got.sort();
        let text = "proﬁle Kubernetes 서울가\u{11A8} internationalization e\u{301}cole \
                    서울가\u{11A8}";
        let want = super::super::tokenize(text);
        assert!(want.iter().any(|t| t == "울각") && want.iter().any(|t| t == "profile"));
        assert!(want.iter().any(|t| t == "서울") && !want.iter().any(|t| t == "울가"));
        assert_eq!(got, want);
    }

    #[test]
    fn repeats_are_dropped_and_nothing_else_when_slots_collide() {
        // 6,000 distinct Hangul bigrams and as many words, each twice, in an order that
        // makes the slots of the repeat filter collide many times over.
        let syllables: String = (0xAC00u32..0xAC00 + 6_000)
            .filter_map(char::from_u32)
            .collect();
        let words: Vec<String> = (0..6_000).map(|n| format!("w{n}")).collect();
        let body = format!(
            "{syllables} {} {syllables} {}",
            words.join(" "),
            words.join(" ")
        );
        let post = Post {
            title: "",
            url: "/p/".into(),
            date: String::new(),
            tags: Vec::new(),
            description: "",
            html: Cow::Owned(format!("<p>{body}</p>")),
        };
        let (_, tokens) = prepare(&post);
        let mut got: Vec<String> = tokens.short.iter().map(|&t| unpack(t)).collect();
        got.extend(tokens.long);
        got.sort();
        assert_eq!(got, super::super::tokenize(&body));
        assert!(got.len() > 11_000, "{}", got.len());
    }
}
