//! The lines above a copied post's text: its title, the date the platform printed, and the
//! title again where the page repeats it (`Adios 2023, Welcome 2024` twice). A byline
//! (`글 작성자: …`) or a paragraph where a title would be means the copy has no title.

use super::date_line::{self, Stamp};
use super::lines::{Kind, Line};

/// A title longer than this is the first paragraph, not a title.
const MAX_TITLE_CHARS: usize = 120;
/// How many lines the header may have (title, date, repeated title, with room for one
/// more date form).
const MAX_HEADER_LINES: usize = 4;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Header {
    /// The title and its line number.
    pub title: Option<(String, usize)>,
    /// The date and its line number.
    pub date: Option<(Stamp, usize)>,
    /// The line number of the repeated title, dropped.
    pub repeated: Option<usize>,
    /// Index (into the lines) where the body starts.
    pub body_from: usize,
}

/// Lines that name the author rather than the post.
const BYLINES: &[&str] = &[
    "글 작성자",
    "작성자",
    "글쓴이",
    "posted by",
    "written by",
    "by ",
    "author:",
];

fn is_byline(text: &str) -> bool {
    let lower = text.to_lowercase();
    BYLINES.iter().any(|b| lower.starts_with(b))
}

/// Words compared without their spacing.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

pub fn read(lines: &[Line]) -> Header {
    let mut h = Header::default();
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.kind == Kind::Blank {
            continue;
        }
        if seen == MAX_HEADER_LINES {
            break;
        }
        seen += 1;
        let Kind::Text(text) = line.kind else {
            break;
        };
        if h.date.is_none()
            && let Some(stamp) = date_line::parse(text)
        {
            h.date = Some((stamp, line.no));
        } else if let Some((title, _)) = &h.title {
            if h.repeated.is_some() || !same_words(title, text) {
                break;
            }
            h.repeated = Some(line.no);
        } else if text.chars().count() <= MAX_TITLE_CHARS && !is_byline(text) {
            h.title = Some((text.to_string(), line.no));
        } else {
            break;
        }
        h.body_from = i + 1;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;

    #[test]
    fn title_date_and_a_repeat() {
        let text = "2023년 12월 31일 일요일\n\n2023년 회고\n\n본문이 시작된다.\n";
        let h = read(&split(text));
        assert_eq!(h.title, Some(("2023년 회고".to_string(), 3)));
        assert_eq!(
            h.date.map(|(s, l)| (s.date.to_string(), l)),
            Some(("2023-12-31".into(), 1))
        );
        assert_eq!(h.body_from, 3);

        let text = "Adios 2023, Welcome 2024\n\nAdios  2023, Welcome 2024\n\n올해도.\n";
        let h = read(&split(text));
        assert_eq!(h.repeated, Some(3));
        assert_eq!(h.body_from, 3);
        assert!(h.date.is_none());

        let text = "제목\n2024. 1. 2. 10:00\n본문\n본문";
        let h = read(&split(text));
        assert_eq!(h.date.map(|(_, l)| l), Some(2));
        assert_eq!(h.body_from, 2);
    }

    #[test]
    fn a_byline_or_a_paragraph_is_no_title() {
        let h = read(&split("글 작성자: 누군가\n\n본문.\n"));
        assert_eq!((h.title, h.body_from), (None, 0));
        let long = "가".repeat(200);
        let h = read(&split(&long));
        assert_eq!((h.title, h.body_from), (None, 0));
        let h = read(&split("  • 목록으로 시작하는 글\n"));
        assert_eq!((h.title, h.body_from), (None, 0));
        assert_eq!(read(&split("")), Header::default());
    }
}
