//! A plain-text post line by line: how far each line is indented, and whether it is blank,
//! a bullet (`•`, `-`, `▪` …), a numbered line (`1.`, `2)`) or text.

/// What a line is, with its text after the indentation and the marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    Blank,
    Bullet(&'a str),
    /// `6. 그럼 2024년에는?`: the number, whether it is followed by `)` (else `.`), the text.
    Number(u32, bool, &'a str),
    Text(&'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the file.
    pub no: usize,
    /// Columns of leading white space (a tab counts four).
    pub indent: usize,
    pub kind: Kind<'a>,
    /// The line without its indentation and trailing white space, marker and all.
    pub raw: &'a str,
}

impl<'a> Line<'a> {
    /// The line's words: the text after the indentation, with its marker for list lines.
    pub fn text(&self) -> &'a str {
        match self.kind {
            Kind::Blank => "",
            Kind::Bullet(t) | Kind::Number(_, _, t) | Kind::Text(t) => t,
        }
    }

    pub fn is_list(&self) -> bool {
        matches!(self.kind, Kind::Bullet(_) | Kind::Number(..))
    }
}

/// Characters a blog platform's copy leaves as bullets.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '●', '○', '■', '□', '‣', '⁃', '∙', '·', '-', '*', '+', '–',
];

/// White space around text: Unicode spaces (no-break ones included) and the zero-width
/// characters copies from web pages carry.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
}

/// Splits a text into classified lines (`\n` or `\r\n` ends a line).
pub fn split(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| classify(i + 1, raw.strip_suffix('\r').unwrap_or(raw)))
        .collect()
}

fn classify(no: usize, raw: &str) -> Line<'_> {
    let mut indent = 0;
    let mut start = raw.len();
    for (i, c) in raw.char_indices() {
        if !is_space(c) {
            start = i;
            break;
        }
        indent += match c {
            '\t' => 4,
            '\u{3000}' => 2,
            _ => usize::from(!matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}')),
        };
    }
    let rest = raw[start..].trim_end_matches(is_space);
    let kind = if rest.is_empty() {
        Kind::Blank
    } else if let Some(t) = bullet(rest) {
        Kind::Bullet(t)
    } else if let Some((n, paren, t)) = numbered(rest) {
        Kind::Number(n, paren, t)
    } else {
        Kind::Text(rest)
    };
    Line {
        no,
        indent,
        kind,
        raw: rest,
    }
}

/// `• 텍스트` → `텍스트`: a bullet character, white space, then words.
fn bullet(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let after = &s[first.len_utf8()..];
    let text = after.trim_start_matches(is_space);
    // `--`, `**` and the like are not bullets; nor is a bullet with nothing after it.
    (text.len() < after.len() && !text.is_empty()).then_some(text)
}

/// `12. 텍스트` / `3) Try` → (12, false, `텍스트`): one to three digits, `.` or `)`, white
/// space, then words (`2023. 12. 31.` has four digits and is a date, `3.5점` a number).
fn numbered(s: &str) -> Option<(u32, bool, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let paren = match s.as_bytes().get(digits) {
        Some(b'.') => false,
        Some(b')') => true,
        _ => return None,
    };
    let after = &s[digits + 1..];
    let text = after.trim_start_matches(is_space);
    if text.len() == after.len() || text.is_empty() {
        return None;
    }
    Some((s[..digits].parse().ok()?, paren, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(usize, Kind<'_>)> {
        split(text)
            .into_iter()
            .map(|l| (l.indent, l.kind))
            .collect()
    }

    #[test]
    fn bullets_numbers_and_text() {
        assert_eq!(
            kinds("  • 하나\n    • 둘\n\u{a0}\n  1. 셋\n3) Try\n- 넷\n2023. 12. 31.\n3.5점\n--\n•"),
            [
                (2, Kind::Bullet("하나")),
                (4, Kind::Bullet("둘")),
                (1, Kind::Blank),
                (2, Kind::Number(1, false, "셋")),
                (0, Kind::Number(3, true, "Try")),
                (0, Kind::Bullet("넷")),
                (0, Kind::Text("2023. 12. 31.")),
                (0, Kind::Text("3.5점")),
                (0, Kind::Text("--")),
                (0, Kind::Text("•")),
            ]
        );
    }

    #[test]
    fn tabs_crlf_and_zero_width_spaces() {
        let lines = split("\u{feff}제목\r\n\t• 항목\r\n\u{200b}\r\n");
        assert_eq!(lines[0].kind, Kind::Text("제목"));
        assert_eq!((lines[1].indent, lines[1].kind), (4, Kind::Bullet("항목")));
        assert_eq!(lines[2].kind, Kind::Blank);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].no, 2);
    }
}
