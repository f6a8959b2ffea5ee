//! `hoego import text`: a post copied as plain text out of a blog platform's page becomes a
//! Markdown post. The text is read line by line ([`lines`]); its first lines give the title
//! and date ([`header`], [`date_line`]); the rest is shaped into headings, lists and
//! paragraphs ([`blocks`]) and written out as Markdown that renders the same words
//! ([`emit`], with [`crate::markdown::plain`]). Nothing here touches the disk: `commands::import` reads the files
//! and writes the posts.

pub mod blocks;
pub mod date_line;
pub mod emit;
pub mod header;
pub mod lines;

pub use emit::Stats;
pub use header::Header;

/// A text converted: what its first lines said, and the Markdown of the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub header: Header,
    /// The post's body as Markdown (without front matter).
    pub body: String,
    pub stats: Stats,
}

pub fn convert(text: &str) -> Converted {
    let lines = lines::split(text);
    let header = header::read(&lines);
    let nodes = blocks::structure(&lines[header.body_from.min(lines.len())..]);
    let (body, stats) = emit::emit(&nodes);
    Converted {
        header,
        body,
        stats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_post() {
        let text = "\
2024년 12월 30일 월요일

2024년 회고

올해를 돌아본다.

< 올해의 목표 >

  • 책 12권 읽기
  • 달리기

10개 중 6개를 달성했다.

마무리

https://example.com/blog 에 더 있다.
";
        let c = convert(text);
        assert_eq!(
            c.header.title.as_ref().map(|t| t.0.as_str()),
            Some("2024년 회고")
        );
        assert_eq!(
            c.body,
            "올해를 돌아본다.\n\n## < 올해의 목표 >\n\n- 책 12권 읽기\n- 달리기\n\n10개 중 6개를 달성했다.\n\n## 마무리\n\n<https://example.com/blog> 에 더 있다.\n"
        );
        assert_eq!((c.stats.headings, c.stats.items, c.stats.links), (2, 2, 1));
    }

    /// Random text made of the pieces the converter looks at: no input makes it panic.
    #[test]
    fn garbage_in_no_panic() {
        const PIECES: &[&str] = &[
            "  ",
            "    ",
            "\t",
            "\n",
            "\n\n",
            "\r\n",
            "• ",
            "- ",
            "* ",
            "1. ",
            "2) ",
            "12. ",
            "#",
            ">",
            "<",
            "[",
            "]",
            "`",
            "*",
            "_",
            "~",
            "\\",
            "&",
            ";",
            ":",
            "https://",
            "a.b/",
            "(",
            ")",
            "년",
            "월",
            "일",
            "2023",
            "12",
            "31",
            "회고",
            "마무리",
            "다.",
            "?",
            "!",
            "\u{a0}",
            "\u{200b}",
            "\u{feff}",
            "가",
            "é",
            "---",
            "===",
            "|",
            "{",
            "}",
            "$",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 80) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let c = convert(&text);
            let _ = crate::retro::outline::of_markdown(&c.body);
        }
    }
}
