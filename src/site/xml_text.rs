//! Text into XML, for the feed and sitemap templates: `escape_xml` and `cdata`. Both leave
//! out the characters XML 1.0 does not allow anywhere: one stray control character pasted
//! into a post (a U+001C in one of the Korean blogs tried) made every feed carrying it
//! unreadable to a feed reader. A web page shows nothing for them either.

use std::borrow::Cow;

/// A C0 control character other than tab, line feed and carriage return.
fn control(b: u8) -> bool {
    b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r'
}

/// Whether `s` has a character XML 1.0 does not allow: a control character of
/// [`control`], or one of the noncharacters U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`).
/// The first test runs over every byte of a post's HTML for every feed that carries it, so
/// it is written as a branch-free fold over blocks that the compiler vectorizes.
fn has_non_xml(s: &str) -> bool {
    let b = s.as_bytes();
    let controls = b
        .chunks(256)
        .any(|c| c.iter().fold(0u8, |m, &x| m | u8::from(control(x))) != 0);
    controls
        || memchr::memmem::find_iter(b, b"\xEF\xBF")
            .any(|i| matches!(b.get(i + 2), Some(0xBE | 0xBF)))
}

/// `s` without the characters of [`has_non_xml`]; borrowed when it has none.
fn xml_chars(s: &str) -> Cow<'_, str> {
    if !has_non_xml(s) {
        return Cow::Borrowed(s);
    }
    let allowed = |c: char| {
        let forbidden = (c.is_ascii() && control(c as u8)) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
        !forbidden
    };
    Cow::Owned(s.chars().filter(|&c| allowed(c)).collect())
}

/// `&`, `<`, `>`, `"` and `'` as XML entities (as Tera's `escape_xml` writes them), copying
/// the text between them in runs.
pub fn escape_xml(s: &str) -> String {
    let s = xml_chars(s);
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

/// `s` as one or more CDATA sections: `<![CDATA[…]]>`, each `]]>` in it split across two
/// sections (`]]` ends one, `>` begins the next), so no text can close the section early.
pub fn cdata(s: &str) -> String {
    const OPEN: &str = "<![CDATA[";
    const CLOSE: &str = "]]>";
    let s = xml_chars(s);
    let mut out = String::with_capacity(s.len() + OPEN.len() + CLOSE.len());
    out.push_str(OPEN);
    let mut from = 0;
    for at in memchr::memmem::find_iter(s.as_bytes(), CLOSE) {
        out.push_str(&s[from..at + 2]);
        out.push_str(CLOSE);
        out.push_str(OPEN);
        from = at + 2;
    }
    out.push_str(&s[from..]);
    out.push_str(CLOSE);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_xml_writes_what_teras_own_filter_writes() {
        let text = "a & b < c > d \"e\" 'f' 한글 <p>&amp;</p> é";
        let mut builtin = tera::Tera::default();
        builtin
            .add_raw_template("t", "{{ x | escape_xml | safe }}")
            .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("x", text);
        let expected = builtin.render("t", &ctx).unwrap();
        assert_eq!(escape_xml(text), expected);
        assert_eq!(escape_xml(""), "");
        assert_eq!(escape_xml("plain"), "plain");
    }

    #[test]
    fn cdata_sections_hold_any_text() {
        assert_eq!(cdata(""), "<![CDATA[]]>");
        assert_eq!(cdata("<p>a & b</p>"), "<![CDATA[<p>a & b</p>]]>");
        // A `]]>` in the text is split: no section ends before the text does.
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(
            cdata("]]>]]>"),
            "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>"
        );
        assert_eq!(cdata("]]]>"), "<![CDATA[]]]]]><![CDATA[>]]>");
    }

    #[test]
    fn characters_xml_forbids_are_left_out() {
        // Tab, line feed and carriage return stay; other controls and U+FFFE/U+FFFF go.
        let text = "a\u{1c}b\tc\nd\r\ne\u{0}f\u{8}g\u{1b}[31mh\u{FFFE}i\u{FFFF}j";
        assert_eq!(cdata(text), "<![CDATA[ab\tc\nd\r\nefg[31mhij]]>");
        assert_eq!(escape_xml(text), "ab\tc\nd\r\nefg[31mhij");
        // Characters near them stay: U+FFFD, U+FFE6 (￦, also `EF BF …`), U+007F, Hangul.
        let kept = "\u{FFFD}\u{FFE6}\u{7F}한글 ｢全角｣";
        assert_eq!(cdata(kept), format!("<![CDATA[{kept}]]>"));
        assert_eq!(escape_xml(kept), kept);
        // A control character deep in a long text, past the first block.
        let long = format!("{}\u{1c}{}", "가".repeat(300), "x".repeat(300));
        assert_eq!(
            escape_xml(&long),
            format!("{}{}", "가".repeat(300), "x".repeat(300))
        );
    }
}
