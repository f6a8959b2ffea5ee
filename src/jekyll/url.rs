//! Jekyll's URLs, placeholder for placeholder (Jekyll 4.3, `Utils.slugify`, `Drops::UrlDrop`,
//! `URL#sanitize_url`), so that every old link of a migrated blog keeps working:
//! `:title` keeps the file name's case and its `.`, `:slug` is lower-cased, `:categories`
//! are lower-cased and joined with `/` as written, spaces included.

/// Jekyll's slugify modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Runs of anything but letters, marks and digits become `-`.
    Default,
    /// Like default, but `._~!$&'()+,;=@` are kept too.
    Pretty,
}

/// `Utils.slugify(text, mode:, cased:)`: runs of other characters become one `-`, one
/// leading and one trailing `-` are dropped, and the result is lower-cased unless `cased`.
pub fn slugify(text: &str, mode: Mode, cased: bool) -> String {
    let keep = |c: char| {
        c.is_alphabetic()
            || is_mark(c)
            || is_decimal_digit(c)
            || (mode == Mode::Pretty && "._~!$&'()+,;=@".contains(c))
    };
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        if keep(c) {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('-');
            in_run = true;
        }
    }
    let out = out.strip_prefix('-').unwrap_or(&out);
    let out = out.strip_suffix('-').unwrap_or(out);
    if cased {
        out.to_string()
    } else {
        out.to_lowercase()
    }
}

/// Combining marks (`\p{M}`), the ones Korean and Latin text carry: Hangul jamo vowels and
/// finals are letters, so the common ranges suffice.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0x302A..=0x302F | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// `\p{Nd}`: decimal digits (Rust's `is_numeric` also takes `²`, `½`, `Ⅳ`).
fn is_decimal_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '０'..='９' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' | '\u{0966}'..='\u{096F}')
}

/// `:categories`: each category lower-cased, duplicates dropped, joined with `/`.
pub fn categories(cats: &[String]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for c in cats {
        let c = c.to_lowercase();
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.join("/")
}

/// `URL#sanitize_url`: a leading `/`, every `..` turned into `/`, `./` dropped, runs of `/`
/// squeezed into one.
pub fn sanitize(url: &str) -> String {
    let s = format!("/{url}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_keeps_case_and_dots_slug_does_not() {
        assert_eq!(slugify("Linux-basic", Mode::Pretty, true), "Linux-basic");
        assert_eq!(slugify("EP_Main", Mode::Pretty, true), "EP_Main");
        assert_eq!(
            slugify("v1.2 release notes", Mode::Pretty, true),
            "v1.2-release-notes"
        );
        assert_eq!(
            slugify("v1.2 Release", Mode::Default, false),
            "v1-2-release"
        );
        assert_eq!(slugify("2023년 회고!", Mode::Default, false), "2023년-회고");
        assert_eq!(slugify("2023년 회고!", Mode::Pretty, true), "2023년-회고!");
        assert_eq!(
            slugify(" -Hello  World- ", Mode::Default, false),
            "hello-world"
        );
        assert_eq!(slugify("C++ & Rust", Mode::Pretty, true), "C++-&-Rust");
        assert_eq!(slugify("under_score", Mode::Default, false), "under-score");
    }

    #[test]
    fn categories_and_sanitizing() {
        let cats = vec![
            "ML System Design Pattern".to_string(),
            "Dev".into(),
            "dev".into(),
        ];
        assert_eq!(categories(&cats), "ml system design pattern/dev");
        assert_eq!(sanitize("//a//b/../c/./d"), "/a/b/c/d");
        assert_eq!(sanitize("/../../victim.txt"), "/victim.txt");
    }
}
