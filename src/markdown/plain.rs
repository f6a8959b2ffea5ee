//! Plain text as Markdown source that renders to the same words: the characters Markdown
//! would read as syntax are escaped, and web addresses become links (`<https://…>`). For
//! text hoego writes into posts: imported plain text, goals carried into a new
//! retrospective.

/// The text of one line as inline Markdown; `links` counts the addresses made links.
pub fn inline(text: &str, links: &mut usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        if (c == 'h' || c == 'H')
            && !prev.is_some_and(|p| p.is_alphanumeric())
            && let Some(len) = url_at(&chars[i..])
        {
            out.push('<');
            out.extend(&chars[i..i + len]);
            out.push('>');
            *links += 1;
            i += len;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' => next.is_some_and(|n| n.is_ascii_punctuation()) || next.is_none(),
            '`' | '*' | '~' | '[' | '$' => true,
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(n)),
            '&' => entity_like(&chars[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// After `&`: `#…;` or letters and digits then `;`, which Markdown would read as a
/// character reference.
fn entity_like(rest: &[char]) -> bool {
    let body = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    body > 0 && rest.get(body) == Some(&';')
}

/// The length of a web address starting here: `http://` or `https://`, then ASCII up to
/// white space, a non-ASCII letter (a particle after it: `…/a에서`) or `<>"`; closing
/// punctuation at its end stays outside, and a `)` only when it closes a `(` inside.
fn url_at(chars: &[char]) -> Option<usize> {
    let head: String = chars
        .iter()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = if head.starts_with("https://") {
        8
    } else if head.starts_with("http://") {
        7
    } else {
        return None;
    };
    let mut end = scheme
        + chars[scheme..]
            .iter()
            .take_while(|c| c.is_ascii_graphic() && !"<>\"`".contains(**c))
            .count();
    while let Some(&last) = chars[..end].last() {
        let opens = chars[..end].iter().filter(|c| **c == '(').count();
        let closes = chars[..end].iter().filter(|c| **c == ')').count();
        if ".,;:!?'*_~]".contains(last) || (last == ')' && closes > opens) {
            end -= 1;
        } else {
            break;
        }
    }
    // A scheme with nothing after it is no address.
    (end > scheme + 1).then_some(end)
}

/// Escapes what would make a line of a paragraph something else at its start: a heading
/// (`#`), a quote (`>`), a definition (`: `), a bullet (`- `), a long number with a dot (`2023. 12. 31.`,
/// which Markdown reads as list item 2023), a rule or setext underline (`---`, `===`), or a
/// table's delimiter row. `line` is already escaped inline and has no indentation.
pub fn line_start(line: String) -> String {
    let rule = line.chars().all(|c| "-=: |".contains(c)) && line.contains(['-', '=']);
    let mut chars = line.chars();
    let first = chars.next();
    let spaced = chars.next().is_none_or(char::is_whitespace);
    let marker = spaced && matches!(first, Some(':' | '-' | '+'));
    if rule || marker || matches!(first, Some('#' | '>')) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && line[digits + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
    {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line
}

/// Heading text: inline escapes, and no `{…}` attributes or closing `#`s at its end.
pub fn heading(text: &str, links: &mut usize) -> String {
    inline(text, links)
        .replace('{', "\\{")
        .replace(" #", " \\#")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> (String, usize) {
        let mut n = 0;
        let out = line_start(inline(text, &mut n));
        (out, n)
    }

    #[test]
    fn addresses_become_links() {
        assert_eq!(
            md("A: https://youtu.be/x?si=a&t=1051"),
            ("A: <https://youtu.be/x?si=a&t=1051>".to_string(), 1)
        );
        assert_eq!(
            md("(참고: https://example.com/a_(b)).").0,
            "(참고: <https://example.com/a_(b)>)."
        );
        assert_eq!(
            md("https://example.com/글에서").0,
            "<https://example.com/>글에서"
        );
        assert_eq!(md("http:// 와 shttp://x").1, 0);
    }

    #[test]
    fn markdown_syntax_is_escaped() {
        assert_eq!(md("*가짜연구소 6-7기").0, "\\*가짜연구소 6-7기");
        assert_eq!(
            md("@harings__의 그림, snake_case").0,
            "@harings\\_\\_의 그림, snake_case"
        );
        assert_eq!(md("[ FastAPI ]").0, "\\[ FastAPI ]");
        assert_eq!(
            md("<가짜연구소> <b>굵게</b>").0,
            "<가짜연구소> \\<b>굵게\\</b>"
        );
        assert_eq!(md("S&M, &amp; &#35;").0, "S&M, \\&amp; \\&#35;");
        assert_eq!(md("1~2달, `code`").0, "1\\~2달, \\`code\\`");
        assert_eq!(md("a\\b c\\*").0, "a\\b c\\\\\\*");
        assert_eq!(md("# 해시").0, "\\# 해시");
        assert_eq!(md("> 인용").0, "\\> 인용");
        assert_eq!(md("---").0, "\\---");
        assert_eq!(md("2023. 12. 31. 일요일").0, "2023\\. 12. 31. 일요일");
        assert_eq!(md("2023.12.31").0, "2023.12.31");
        assert_eq!(md("=> 이건").0, "=> 이건");
        assert_eq!(md(": 정의").0, "\\: 정의");
        assert_eq!(md("|---|:-:|").0, "\\|---|:-:|");
        assert_eq!(md("평범한 문장.").0, "평범한 문장.");
    }

    #[test]
    fn headings_keep_their_braces_and_hashes() {
        let mut n = 0;
        assert_eq!(heading("C# {초안} #1", &mut n), "C# \\{초안} \\#1");
    }
}
