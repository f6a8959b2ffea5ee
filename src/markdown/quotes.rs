//! Typographic quotes next to Korean, Japanese and Chinese text.
//!
//! With smart punctuation on (every Jekyll site: kramdown curls quotes by default),
//! pulldown-cmark curls `"` and `'` as commonmark.js does: a quote may close only before
//! whitespace, punctuation or the end of the line, and open only after whitespace,
//! punctuation or the start of the line. Korean writes its particles right after a closing
//! quote, so in `"무엇"을` the second `"` sits between two letters and can do neither: it
//! comes out as an opening quote, `“무엇“을`. `'회고'는` comes out `’회고’는`.
//!
//! The amendment, in the spirit of markdown-cjk-friendly's for emphasis (see [`super::cjk`]):
//! a CJK character beside a quote counts as whitespace and punctuation do. A quote followed
//! by one may close; a quote preceded by one may open. Pairing is then pulldown-cmark's own:
//! a `"` closes the open `"` if it may close, and otherwise is an opening quote; a `'` is an
//! apostrophe unless it closes an open `'`.
//!
//! [`apply`] works on pulldown-cmark's events before anything merges them: every quote it
//! made is a `Text` event of one curly quote over one `"` or `'` of the source. Quotes are
//! paired within one block (a paragraph, heading, table cell or list item), and the text of
//! a link or image pairs on its own, as in pulldown-cmark. Only the blocks where some quote
//! touches CJK text are paired again; elsewhere the events stay exactly as they were.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::cjk::{OffsetEvent, is_cjk, is_inline, is_punctuation};

/// Re-pairs the quotes of every block where one touches CJK text.
pub fn apply<'a>(source: &str, mut events: Vec<OffsetEvent<'a>>) -> Vec<OffsetEvent<'a>> {
    // ASCII text has no CJK beside its quotes (one SIMD pass); then, any quote at all.
    if source.is_ascii() || !source.bytes().any(|b| b == b'"' || b == b'\'') {
        return events;
    }
    // The quotes of each open scope: the block, then each link or image inside it.
    let mut open: Vec<Vec<usize>> = vec![Vec::new()];
    let mut scopes: Vec<Vec<usize>> = Vec::new();
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Text(t) if is_made_quote(source, t, range) => {
                if let Some(scope) = open.last_mut() {
                    scope.push(i);
                }
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => open.push(Vec::new()),
            Event::End(TagEnd::Link | TagEnd::Image) if open.len() > 1 => {
                scopes.extend(open.pop());
            }
            // Emphasis, code, breaks: the block goes on (links and images are above).
            e if is_inline(e) => {}
            // A block starts or ends: whatever is open is done.
            _ => {
                scopes.append(&mut open);
                open.push(Vec::new());
            }
        }
    }
    scopes.extend(open);
    for scope in scopes {
        let quotes: Vec<Quote> = scope
            .iter()
            .map(|&i| Quote::at(source, i, events[i].1.start))
            .collect();
        if !quotes.iter().any(|q| q.touches_cjk) {
            continue;
        }
        for (i, curly) in pair(&quotes) {
            events[i].0 = Event::Text(CowStr::Borrowed(curly));
        }
    }
    events
}

/// A `Text` event pulldown-cmark made from one `"` or `'`.
fn is_made_quote(source: &str, text: &str, range: &std::ops::Range<usize>) -> bool {
    range.len() == 1
        && matches!(source.as_bytes().get(range.start), Some(b'"' | b'\''))
        && matches!(text, "“" | "”" | "‘" | "’")
}

struct Quote {
    event: usize,
    double: bool,
    can_open: bool,
    can_close: bool,
    touches_cjk: bool,
}

impl Quote {
    /// The quote at `pos` (event `event`), with pulldown-cmark's flags plus the amendment.
    fn at(source: &str, event: usize, pos: usize) -> Quote {
        let double = source.as_bytes()[pos] == b'"';
        // The start of a line is an edge, as in pulldown-cmark's first pass.
        let prev = source[..pos].chars().next_back().filter(|&c| c != '\n');
        let next = source[pos + 1..].chars().next().filter(|&c| c != '\n');
        let cjk = |c: Option<char>| c.is_some_and(|c| is_cjk(c as u32));
        let blank = |c: Option<char>| c.is_some_and(char::is_whitespace);
        let punct = |c: Option<char>| c.is_some_and(is_punctuation);
        let can_open = next.is_some()
            && !blank(next)
            && (prev.is_none()
                || blank(prev)
                || punct(prev) && (double || !matches!(prev, Some(']' | ')')))
                || cjk(prev));
        let can_close = prev.is_some()
            && !blank(prev)
            && (next.is_none() || blank(next) || punct(next) || cjk(next));
        Quote {
            event,
            double,
            can_open,
            can_close,
            touches_cjk: cjk(prev) || cjk(next),
        }
    }
}

/// pulldown-cmark's pairing: the curly quote each of `quotes` becomes.
fn pair(quotes: &[Quote]) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = Vec::with_capacity(quotes.len());
    let mut single_open: Option<usize> = None;
    let mut double_open = false;
    for q in quotes {
        if q.double {
            if q.can_close && double_open {
                double_open = false;
                out.push((q.event, "”"));
            } else {
                double_open |= q.can_open;
                out.push((q.event, "“"));
            }
        } else {
            match single_open {
                Some(k) if q.can_close => {
                    out[k].1 = "‘";
                    single_open = None;
                }
                _ if q.can_open => single_open = Some(out.len()),
                _ => {}
            }
            out.push((q.event, "’"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    fn curl(md: &str, amend: bool) -> String {
        let events: Vec<_> = Parser::new_ext(
            md,
            Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_TABLES,
        )
        .into_offset_iter()
        .collect();
        let events = if amend {
            super::apply(md, events)
        } else {
            events
        };
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        html
    }

    #[test]
    fn a_quote_before_a_particle_closes() {
        let cases = [
            (
                "\"메서드를 참조하는 그 무엇\"을 만든다",
                "“메서드를 참조하는 그 무엇”을 만든다",
            ),
            ("'회고'는 \"좋아\"라고 했다", "‘회고’는 “좋아”라고 했다"),
            ("\"**강조**\"를 했다", "“<strong>강조</strong>”를 했다"),
            ("그는\"안녕\"이라고 했다", "그는“안녕”이라고 했다"),
            ("\"Rust\"를 배웠다", "“Rust”를 배웠다"),
            // An apostrophe in English inside Korean text stays one.
            ("it's \"좋다\"고", "it’s “좋다”고"),
            // A lone quote before a letter is an opening one.
            ("따옴표 \"하나", "따옴표 “하나"),
            // Japanese and Chinese text next to ASCII quotes.
            ("\"東京\"は大きい", "“東京”は大きい"),
        ];
        for (md, want) in cases {
            assert_eq!(curl(md, true), format!("<p>{want}</p>\n"), "{md}");
        }
        // What pulldown-cmark alone does with the first two.
        assert!(curl(cases[0].0, false).contains("무엇“을"));
        assert!(curl(cases[1].0, false).contains("’회고’는"));
    }

    #[test]
    fn text_without_cjk_beside_its_quotes_is_left_as_it_was() {
        for md in [
            "He said \"hi\" and it's \"fine\"; 5'10\" tall.",
            "한글 문장. He said \"hi\" and 'yes'.",
            "\"unclosed and 'odd' quote\"s",
            "\"한글\" 'quoted' words",
        ] {
            assert_eq!(curl(md, true), curl(md, false), "{md}");
        }
    }

    #[test]
    fn quotes_in_quotations_and_tables() {
        assert_eq!(
            curl("> \"인용\"은\n> 여러 줄", true),
            "<blockquote>\n<p>“인용”은\n여러 줄</p>\n</blockquote>\n"
        );
        let table = curl("| \"표\"는 | 'a'b |\n|---|---|\n| \"칸\"의 | x |", true);
        assert!(table.contains("<th>“표”는</th>"), "{table}");
        assert!(table.contains("<td>“칸”의</td>"), "{table}");
    }

    #[test]
    fn links_and_blocks_pair_their_quotes_apart() {
        // The link text's quotes pair inside it; the paragraph's around it.
        assert_eq!(
            curl("\"밖 [\"안\"은](/a) 끝\"이다", true),
            "<p>“밖 <a href=\"/a\">“안”은</a> 끝”이다</p>\n"
        );
        // An open quote does not reach into the next paragraph.
        assert_eq!(
            curl("\"열기만\n\n닫기\"는", true),
            "<p>“열기만</p>\n<p>닫기“는</p>\n"
        );
        // Code keeps its straight quotes.
        assert_eq!(
            curl("`\"코드\"는` \"글\"은", true),
            "<p><code>\"코드\"는</code> “글”은</p>\n"
        );
    }
}
