//! One post's share of the index: what a result shows, and the distinct tokens it is found by.

use std::borrow::Cow;
use std::collections::HashSet;

use super::fxhash::FxBuild;
use super::json::push_json_str;
use super::tokens::{each_token, normalize};
use super::{Post, SNIPPET_CHARS};
use crate::markdown::text::{opening, plain_text};

/// A post's result data and its distinct tokens (each followed by a newline), before
/// interning. The data is the post's JSON object without its opening brace and without the
/// fields that place it among other posts (`"t":…,"u":…,"d":…,"g":[…],"b":…}`): the shard
/// writes those in front ([`super::shard`]).
pub(super) fn prepare(post: &Post) -> (String, String) {
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

    let texts: Vec<Cow<str>> = [post.title, post.description, body.as_str()]
        .into_iter()
        .chain(post.tags.iter().copied())
        .map(normalize)
        .collect();
    // Most tokens (a Hangul bigram is 6 bytes) fit in a u64: collected with repeats, then
    // sorted and deduplicated, which is faster than a hash set of them.
    let mut short: Vec<u64> = Vec::with_capacity(body.len() / 3 + 64);
    let mut long: HashSet<Cow<str>, FxBuild> = HashSet::default();
    for text in &texts {
        each_token(text, &mut |t| {
            if t.len() <= 8 {
                let mut b = [0u8; 8];
                b[..t.len()].copy_from_slice(t.as_bytes());
                short.push(u64::from_le_bytes(b));
            } else {
                long.insert(t);
            }
        });
    }
    short.sort_unstable();
    short.dedup();
    let mut tokens = String::with_capacity((short.len() + long.len()) * 8);
    for t in short {
        let b = t.to_le_bytes();
        let len = b.iter().position(|b| *b == 0).unwrap_or(8);
        // Whole tokens, and tokens have no NUL: the bytes are the token's UTF-8.
        tokens.push_str(std::str::from_utf8(&b[..len]).unwrap_or_default());
        tokens.push('\n');
    }
    for t in long {
        tokens.push_str(&t);
        tokens.push('\n');
    }
    (json, tokens)
}
