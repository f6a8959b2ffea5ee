//! kramdown's tables where they are not GitHub's (Jekyll pages): separator lines with `+`
//! joints (`|----+----|`), a border line above the first row, separator lines between the
//! parts of the body and above a footer (`|====|`), a border line below the last row, and
//! tables without a header row. CommonMark's table extension shows all of these as text
//! (pixyll's and jekyll-theme-yat's demo posts, TeXt's documentation).
//!
//! [`plan`] reads a table's lines as kramdown does; `kramdown::prepare` then makes the
//! source a GitHub table that says the same: borders above the first row are blanked, the
//! header's separator line gets `|` for its `+` joints, and a table without a header gets
//! an empty one. The rows that the other separator lines and that header become are taken
//! out of the parsed events ([`Tables::filter`]), so the HTML holds the table's own rows:
//! a footer's rows are the body's last rows, in one `<tbody>`.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

/// What the preparation changed, as ranges of the prepared text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tables {
    /// Separator lines inside a table: their rows are dropped.
    pub separators: Vec<Range<usize>>,
    /// The empty header rows added to tables that had none: their cells are dropped.
    pub headers: Vec<Range<usize>>,
}

/// A separator line in kramdown's sense: after at most three spaces a `|` or `+`, then
/// only `|`, `+`, `:`, blanks and either `-` (between the parts of a table) or `=` (above
/// its footer), at least one, with a `|` somewhere.
pub fn separator(line: &str) -> Option<Separator> {
    let rest = table_line(line)?;
    if !rest.starts_with(['|', '+']) || !rest.contains('|') {
        return None;
    }
    let other = |b: u8| !matches!(b, b'|' | b'+' | b':' | b' ' | b'\t');
    let mut kinds = rest.bytes().filter(|&b| other(b));
    match kinds.next()? {
        b'-' if kinds.all(|b| b == b'-') => Some(Separator::Part),
        b'=' if kinds.all(|b| b == b'=') => Some(Separator::Footer),
        _ => None,
    }
}

/// The two kinds of separator lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// `|---+---|`: under the header, or between the parts of the body.
    Part,
    /// `|===+===|`: above the footer.
    Footer,
}

/// A table row: a line that starts with `|` (after at most three spaces) and is not a
/// separator line.
pub fn is_row(line: &str) -> bool {
    table_line(line).is_some_and(|rest| rest.starts_with('|')) && separator(line).is_none()
}

/// A line of a table: a row or a separator line.
pub fn is_table_line(line: &str) -> bool {
    is_row(line) || separator(line).is_some()
}

/// What to do with the lines of one table (consecutive table lines between block
/// boundaries), as kramdown reads it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Separator lines before the first row: blanked.
    pub blank: Vec<usize>,
    /// The separator line under the header row: made GitHub's.
    pub header_rule: Option<usize>,
    /// Separator lines after it: their rows are dropped.
    pub drop: Vec<usize>,
    /// A table without a header row: an empty one goes before this line.
    pub header_before: Option<usize>,
}

/// kramdown's reading of a table's lines: separator lines before any row are skipped; the
/// first separator line after rows makes those rows the header; later ones end a part of
/// the body; `|===|` starts the footer. A table with no body part is not one (kramdown
/// leaves a paragraph), nor is one with several header rows, which GitHub's tables cannot
/// say: `None`, the lines are left as they are.
pub fn plan(lines: &[&str]) -> Option<Plan> {
    let mut plan = Plan::default();
    let (mut pending, mut header, mut footer, mut body) = (0, false, false, false);
    let mut first_row = None;
    for (i, line) in lines.iter().enumerate() {
        match separator(line) {
            None => {
                pending += 1;
                first_row.get_or_insert(i);
            }
            Some(_) if first_row.is_none() => plan.blank.push(i),
            Some(Separator::Part) if pending > 0 && !header && !footer => {
                if pending > 1 {
                    return None;
                }
                header = true;
                pending = 0;
                plan.header_rule = Some(i);
            }
            Some(kind) => {
                body |= pending > 0 && !(footer && kind == Separator::Part);
                footer |= kind == Separator::Footer;
                pending = 0;
                plan.drop.push(i);
            }
        }
    }
    body |= pending > 0 && !footer;
    if !body {
        return None;
    }
    if !header {
        plan.header_before = first_row;
    }
    Some(plan)
}

fn table_line(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(' ');
    (line.len() - rest.len() < 4).then(|| rest.trim_end())
}

/// The separator line as GitHub's tables write it: `+` joints become `|`, byte for byte,
/// so offsets do not move.
pub fn rewrite_separator(line: &mut [u8]) {
    for b in line {
        if *b == b'+' {
            *b = b'|';
        }
    }
}

/// What to append to a table's separator line so that it has as many cells as the header
/// row above it: kramdown reads `|n|left|right|result|` over `|:--:|:--:|:--:|` as a table
/// of four columns (problem statements pasted from coding-test sites are written so), while
/// GitHub's tables need the counts to agree. `None` when they do, or the header has fewer.
pub fn separator_padding(header: &str, separator: &str) -> Option<String> {
    // Its `+` joints count as the `|` they become.
    let missing = cells(header).checked_sub(cells(&separator.replace('+', "|")))?;
    if missing == 0 {
        return None;
    }
    let closed = separator.trim_end().ends_with('|');
    let mut pad = String::new();
    for _ in 0..missing {
        pad.push_str(if closed { "---|" } else { "|---" });
    }
    Some(pad)
}

/// An empty header row and its separator for a table whose first row is `row`: as many
/// cells as the row has, the first holding a comment so that the row is not empty text.
pub fn header_for(row: &str) -> String {
    let cells = cells(row);
    let mut out = String::from("|<!-- -->|");
    for _ in 1..cells {
        out.push('|');
    }
    out.push_str("\n|");
    for _ in 0..cells {
        out.push_str("-|");
    }
    out.push('\n');
    out
}

/// How many cells a row has: the pipes that are not escaped, less the leading one and a
/// trailing one.
fn cells(row: &str) -> usize {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let mut pipes = 0;
    let mut escaped = false;
    let bytes = row.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && !escaped && i + 1 < bytes.len() {
            pipes += 1;
        }
        escaped = b == b'\\' && !escaped;
    }
    pipes + 1
}

impl Tables {
    pub fn is_empty(&self) -> bool {
        self.separators.is_empty() && self.headers.is_empty()
    }

    /// The parsed events without the rows of separator lines and the cells of added header
    /// rows.
    pub fn filter<'a>(
        &self,
        events: Vec<(Event<'a>, Range<usize>)>,
    ) -> Vec<(Event<'a>, Range<usize>)> {
        let within = |ranges: &[Range<usize>], at: usize| {
            let i = ranges.partition_point(|r| r.end < at);
            ranges.get(i).is_some_and(|r| r.contains(&at))
        };
        let mut out = Vec::with_capacity(events.len());
        let mut dropping: Option<TagEnd> = None;
        for (event, range) in events {
            if let Some(end) = dropping {
                if matches!(&event, Event::End(e) if *e == end) {
                    dropping = None;
                    if end == TagEnd::TableHead {
                        out.push((event, range));
                    }
                }
                continue;
            }
            match &event {
                Event::Start(Tag::TableRow) if within(&self.separators, range.start) => {
                    dropping = Some(TagEnd::TableRow);
                    continue;
                }
                Event::Start(Tag::TableHead) if within(&self.headers, range.start) => {
                    dropping = Some(TagEnd::TableHead);
                }
                _ => {}
            }
            out.push((event, range));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_separator_line_is_padded_to_the_header() {
        assert_eq!(
            separator_padding("|n|\tleft|\tright|\tresult|", "|:--:|:--:|:--:|").as_deref(),
            Some("---|")
        );
        assert_eq!(
            separator_padding("| a | b | c |", "|---|---").as_deref(),
            Some("|---")
        );
        assert_eq!(separator_padding("| a | b |", "|---|---|"), None);
        assert_eq!(separator_padding("| a | b | c |", "|---+---+--:|"), None);
        assert_eq!(separator_padding("| a |", "|---|---|"), None);
        // An escaped pipe is text in its cell.
        assert_eq!(separator_padding("| a \\| b | c |", "|---|---|"), None);
    }

    #[test]
    fn separator_lines_are_kramdowns() {
        for line in [
            "|---+---|",
            "|-----------------|:-----------|:---------------:|",
            "|-|:-|:-:|-:",
            "| - | - |",
            "   |---",
        ] {
            assert_eq!(separator(line), Some(Separator::Part), "{line}");
            assert!(!is_row(line), "{line}");
        }
        for line in ["|===", "|=====+=====|"] {
            assert_eq!(separator(line), Some(Separator::Footer), "{line}");
        }
        for line in [
            "---",
            "+---+---+",
            "| a | b |",
            "    |---|",
            "|",
            "|  |",
            "|-=-|",
            "| -- not --- |",
        ] {
            assert_eq!(separator(line), None, "{line}");
        }
        assert!(is_row("| a | b |"));
        assert!(!is_row("a | b"));
    }

    /// The cases checked against kramdown 2.4 (`Kramdown::Document.new(text, input: "GFM")`).
    #[test]
    fn plans_follow_kramdown() {
        let p = |text: &str| plan(&text.lines().collect::<Vec<_>>());
        // A GitHub table: nothing to do.
        assert_eq!(
            p("| a | b |\n|---|---|\n| c | d |"),
            Some(Plan {
                header_rule: Some(1),
                ..Plan::default()
            })
        );
        // Borders, a separator inside the body and a footer.
        assert_eq!(
            p(
                "|---+---|\n| a | b |\n|---+---|\n| c | d |\n|---+---|\n| e | f |\n|===+===|\n| g | h |\n|---+---|"
            ),
            Some(Plan {
                blank: vec![0],
                header_rule: Some(2),
                drop: vec![4, 6, 8],
                header_before: None,
            })
        );
        // No header: a border above the rows only.
        assert_eq!(
            p("|--|--|\n| a | b |\n| c | d |"),
            Some(Plan {
                blank: vec![0],
                header_before: Some(1),
                ..Plan::default()
            })
        );
        // A border below makes the rows the header of a table without a body: kramdown
        // keeps the lines as a paragraph.
        assert_eq!(p("|---+---|\n| a | b |\n| c | d |\n|---+---|"), None);
        // Two header rows.
        assert_eq!(p("| a | b |\n| c | d |\n|---+---|\n| e | f |"), None);
        // Rows, then a footer: no header.
        assert_eq!(
            p("| a | b |\n|===|\n| c | d |"),
            Some(Plan {
                drop: vec![1],
                header_before: Some(0),
                ..Plan::default()
            })
        );
    }

    #[test]
    fn an_added_header_has_the_rows_cells() {
        assert_eq!(header_for("| a | b | c |"), "|<!-- -->|||\n|-|-|-|\n");
        assert_eq!(header_for("|a|b"), "|<!-- -->||\n|-|-|\n");
        assert_eq!(header_for(r"| a \| b | c |"), "|<!-- -->||\n|-|-|\n");
        assert_eq!(header_for("| 한 |"), "|<!-- -->|\n|-|\n");
    }

    #[test]
    fn separators_become_githubs() {
        let mut line = b"|-----+--:|".to_vec();
        rewrite_separator(&mut line);
        assert_eq!(line, b"|-----|--:|");
    }
}
