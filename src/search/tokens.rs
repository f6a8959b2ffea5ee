//! The tokenizer: text cut into index keys by script (see the module doc of [`super`]).
//! `themes/default/static/js/search.js` cuts queries the same way.

use std::borrow::Cow;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::MAX_WORD_CHARS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Not part of any token.
    Space,
    /// Letters and digits of alphabetic scripts (and anything else alphanumeric).
    Word,
    Hangul,
    /// Han ideographs and kana.
    Cjk,
}

pub(super) fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Space
        };
    }
    match c {
        '\u{AC00}'..='\u{D7A3}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{D7B0}'..='\u{D7FF}' => Class::Hangul,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{FF66}'..='\u{FF9D}' => Class::Cjk,
        c if c.is_alphanumeric() => Class::Word,
        _ => Class::Space,
    }
}

/// NFKC, skipping the work for text that is already normalized (nearly all of it): text
/// whose every character is NFKC on its own and does not combine (ASCII and Hangul
/// syllables are, without a table lookup) is NFKC as a whole.
pub(super) fn normalize(text: &str) -> Cow<'_, str> {
    let plain = text.chars().all(is_plain);
    if plain || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// Whether `c` is NFKC on its own and does not combine with what comes before it: a text of
/// such characters is NFKC as a whole.
pub(super) fn is_plain(c: char) -> bool {
    c.is_ascii()
        || ('\u{AC00}'..='\u{D7A3}').contains(&c)
        || (canonical_combining_class(c) == 0
            && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// A word as the index keys it: lower-cased, at most [`MAX_WORD_CHARS`] characters.
pub(super) fn word_key(word: &str) -> Cow<'_, str> {
    // As JavaScript's `toLowerCase`, which search.js applies to the query.
    let lower: Cow<str> = if !word.is_ascii() {
        Cow::Owned(word.to_lowercase())
    } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    if lower.len() <= MAX_WORD_CHARS {
        return lower;
    }
    match lower.char_indices().nth(MAX_WORD_CHARS) {
        Some((cut, _)) => Cow::Owned(lower[..cut].to_string()),
        None => lower,
    }
}

/// Cuts `text` (already normalized) into runs of one class, in order, and calls `on_run`
/// with each run's class and byte range. For a Hangul or CJK run it also passes the byte
/// offset of each of the run's characters and then the run's end.
pub(super) fn each_run(text: &str, mut on_run: impl FnMut(Class, usize, usize, &[usize])) {
    let mut run: Vec<usize> = Vec::new();
    let mut current = Class::Space;
    let mut start = 0;
    let mut flush = |class: Class, start: usize, end: usize, run: &mut Vec<usize>| {
        if class != Class::Space {
            run.push(end);
            on_run(class, start, end, run);
            run.clear();
        }
    };
    for (i, c) in text.char_indices() {
        let k = class(c);
        if k != current {
            flush(current, start, i, &mut run);
            current = k;
            start = i;
        }
        if matches!(k, Class::Hangul | Class::Cjk) {
            run.push(i);
        }
    }
    flush(current, start, text.len(), &mut run);
}

/// Calls `emit` with every token of `text` (already normalized), in order, repeats included.
pub(super) fn each_token<'a>(text: &'a str, emit: &mut impl FnMut(Cow<'a, str>)) {
    each_run(text, |class, start, end, offsets| match class {
        Class::Word => emit(word_key(&text[start..end])),
        _ => {
            // A one-character run is kept whole; longer runs become bigrams.
            if offsets.len() == 2 {
                emit(Cow::Borrowed(&text[start..end]));
            }
            for w in offsets.windows(3) {
                emit(Cow::Borrowed(&text[w[0]..w[2]]));
            }
        }
    });
}

/// The distinct tokens of a text, sorted: what the index keys a post by.
pub fn tokenize(text: &str) -> Vec<String> {
    let text = normalize(text);
    let mut out = Vec::new();
    each_token(&text, &mut |t| out.push(t.into_owned()));
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser's query semantics (search.js), over an index of `docs`: which docs match.
    fn search(docs: &[&str], query: &str) -> Vec<usize> {
        let index: Vec<Vec<String>> = docs.iter().map(|d| tokenize(d)).collect();
        let query = normalize(query);
        type Requirement = Box<dyn Fn(&str) -> bool>;
        let mut requirements: Vec<Requirement> = Vec::new();
        let mut runs: Vec<(Class, String)> = Vec::new();
        for c in query.chars() {
            let k = class(c);
            match runs.last_mut() {
                Some((last, s)) if *last == k => s.push(c),
                _ => runs.push((k, c.to_string())),
            }
        }
        for (k, run) in runs {
            match k {
                Class::Space => {}
                Class::Word => {
                    let w = word_key(&run).into_owned();
                    if w.chars().count() >= 2 {
                        requirements.push(Box::new(move |key| key.starts_with(&w)));
                    } else {
                        requirements.push(Box::new(move |key| key == w));
                    }
                }
                Class::Hangul | Class::Cjk => {
                    let chars: Vec<char> = run.chars().collect();
                    if chars.len() == 1 {
                        requirements.push(Box::new(move |key| key.contains(&run)));
                    }
                    for pair in chars.windows(2) {
                        let bigram: String = pair.iter().collect();
                        requirements.push(Box::new(move |key| key == bigram));
                    }
                }
            }
        }
        (0..docs.len())
            .filter(|&d| {
                !requirements.is_empty()
                    && requirements
                        .iter()
                        .all(|r| index[d].iter().any(|key| r(key)))
            })
            .collect()
    }

    #[test]
    fn hangul_words_are_found_by_their_parts() {
        assert_eq!(tokenize("서울은"), ["서울", "울은"]);
        assert_eq!(tokenize("책"), ["책"]);
        let docs = ["서울은 맑았다.", "서울에서 만나요", "부산은 흐림"];
        assert_eq!(search(&docs, "서울"), [0, 1]);
        assert_eq!(search(&docs, "서울은"), [0]);
        assert_eq!(search(&docs, "서울에서"), [1]);
        assert_eq!(search(&docs, "울"), [0, 1]);
        assert_eq!(search(&docs, "은"), [0, 2]);
        assert_eq!(search(&docs, "대구"), Vec::<usize>::new());
    }

    #[test]
    fn latin_words_fold_case_and_match_by_prefix() {
        assert_eq!(tokenize("Rust와 RUST, rust!"), ["rust", "와"]);
        let docs = [
            "Learning Rust properly",
            "Trusting the process",
            "Kubernetes",
        ];
        assert_eq!(search(&docs, "rust"), [0]);
        assert_eq!(search(&docs, "RUST"), [0]);
        assert_eq!(search(&docs, "kube"), [2]);
        assert_eq!(search(&docs, "Ｒｕｓｔ"), [0], "full-width letters");
        assert_eq!(tokenize("ÉCOLE")[0], "école");
        let long = "a".repeat(40);
        assert_eq!(tokenize(&long)[0].chars().count(), MAX_WORD_CHARS);
    }

    #[test]
    fn mixed_korean_and_digits() {
        assert_eq!(tokenize("2023년 회고"), ["2023", "년", "회고"]);
        let docs = ["2023년 회고: 한 해를 돌아보며", "2024년 계획", "회고 모음"];
        assert_eq!(search(&docs, "2023년 회고"), [0]);
        assert_eq!(search(&docs, "회고"), [0, 2]);
        assert_eq!(search(&docs, "년"), [0, 1]);
        assert_eq!(search(&docs, "LLM을 썼다"), Vec::<usize>::new());
        assert_eq!(search(&["LLM을 썼다"], "llm"), [0]);
    }

    #[test]
    fn cjk_and_decomposed_hangul() {
        assert_eq!(tokenize("日本語"), ["日本", "本語"]);
        assert_eq!(search(&["東京タワーに行った"], "タワー"), [0]);
        // 서울 written as decomposed jamo (as macOS file names are) is found by 서울.
        let nfd: String = "서울은".nfd().collect();
        assert_ne!(nfd, "서울은");
        assert_eq!(search(&[&nfd], "서울"), [0]);
    }
}
