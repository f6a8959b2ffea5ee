//! The nodes of a copied post written out as Markdown: `##` headings, paragraphs whose lines
//! stay lines (a `\` hard break between them), and lists nested by their indentation —
//! bullets as `-`, numbered items with their own numbers — with the lines indented under an
//! item kept in it.

use super::blocks::Node;
use super::lines::{Kind, Line};
use crate::markdown::plain::{heading, inline, line_start};

/// What the Markdown holds, for the report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub headings: usize,
    pub lists: usize,
    pub items: usize,
    pub links: usize,
}

pub fn emit(nodes: &[Node]) -> (String, Stats) {
    let mut stats = Stats::default();
    let mut blocks: Vec<String> = Vec::with_capacity(nodes.len());
    for node in nodes {
        blocks.push(match node {
            Node::Heading { level, line } => {
                stats.headings += 1;
                format!(
                    "{} {}",
                    "#".repeat(usize::from(*level)),
                    heading(line.raw, &mut stats.links)
                )
            }
            Node::Paragraph(lines) => lines
                .iter()
                .map(|l| line_start(inline(l.raw, &mut stats.links)))
                .collect::<Vec<_>>()
                .join("\\\n"),
            Node::List(lines) => {
                stats.lists += 1;
                list(lines, &mut stats)
            }
        });
    }
    let mut out = blocks.join("\n\n");
    if !out.is_empty() {
        out.push('\n');
    }
    (out, stats)
}

/// An item being written: where its marker stood in the text, where its words start in
/// the Markdown, and how many items are nested in it so far.
struct Frame {
    source: usize,
    column: usize,
    children: usize,
}

fn list(lines: &[Line], stats: &mut Stats) -> String {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut stack: Vec<Frame> = Vec::new();
    for line in lines {
        let text = line_start(inline(line.text(), &mut stats.links));
        let marker = match line.kind {
            Kind::Bullet(_) => "- ".to_string(),
            Kind::Number(n, paren, _) => format!("{n}{} ", if paren { ')' } else { '.' }),
            Kind::Text(_) => {
                // A line indented under an item: in the deepest item it is indented under.
                let depth = stack.len();
                while stack.len() > 1 && stack.last().is_some_and(|f| f.source >= line.indent) {
                    stack.pop();
                }
                let column = stack.last().map_or(0, |f| f.column);
                if stack.len() == depth {
                    if let Some(last) = out.last_mut() {
                        last.push('\\');
                    }
                } else {
                    // After the items nested in it: a paragraph of its own.
                    out.push(String::new());
                }
                out.push(format!("{}{text}", " ".repeat(column)));
                continue;
            }
            Kind::Blank => continue,
        };
        stats.items += 1;
        while stack.last().is_some_and(|f| f.source >= line.indent) {
            stack.pop();
        }
        let column = stack.last().map_or(0, |f| f.column);
        if let Some(parent) = stack.last_mut() {
            // A numbered list may interrupt its parent's text only when it starts at 1.
            let starts_elsewhere = matches!(line.kind, Kind::Number(n, ..) if n != 1);
            if parent.children == 0 && starts_elsewhere {
                out.push(String::new());
            }
            parent.children += 1;
        }
        out.push(format!("{}{marker}{text}", " ".repeat(column)));
        stack.push(Frame {
            source: line.indent,
            column: column + marker.len(),
            children: 0,
        });
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::blocks::structure;
    use super::super::lines::split;
    use super::*;

    fn md(text: &str) -> String {
        let lines = split(text);
        emit(&structure(&lines)).0
    }

    #[test]
    fn nested_lists_and_their_indented_lines() {
        let text = "  • 팀\n    • 문서화 => 했다\n      => 덧붙임\n    => 팀 전체에 대해\n  • 운동\n    1. 달리기\n    2. 수영\n\n  • 독서\n";
        assert_eq!(
            md(text),
            "- 팀\n  - 문서화 => 했다\\\n    => 덧붙임\n\n  => 팀 전체에 대해\n- 운동\n  1. 달리기\n  2. 수영\n- 독서\n"
        );
    }

    #[test]
    fn numbered_items_keep_their_numbers() {
        assert_eq!(
            md("  1. 하나\n    • 세부\n  2. 둘\n  10. 열\n"),
            "1. 하나\n   - 세부\n2. 둘\n10. 열\n"
        );
        // A nested list starting at 3 after its parent's text needs a blank line.
        assert_eq!(md("  • 목표\n    3. 셋째\n"), "- 목표\n\n  3. 셋째\n");
    }

    #[test]
    fn paragraphs_keep_their_lines_and_headings_their_words() {
        let (out, stats) = emit(&structure(&split(
            "< 24년도 계획 >\n\n올해는 https://example.com 에서\n*별표* 문장.\n",
        )));
        assert_eq!(
            out,
            "## < 24년도 계획 >\n\n올해는 <https://example.com> 에서\\\n\\*별표\\* 문장.\n"
        );
        assert_eq!(
            stats,
            Stats {
                headings: 1,
                lists: 0,
                items: 0,
                links: 1
            }
        );
    }
}
