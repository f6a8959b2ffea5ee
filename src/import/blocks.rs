//! The shape of a copied post: which lines are headings, which make lists, which are
//! paragraphs.
//!
//! Blank lines separate runs of lines. In a run, list lines (with the lines indented under
//! them) make a list, and other lines a paragraph — or, in a text copied without blank
//! lines between its paragraphs, one paragraph each. A short line standing alone (a run of
//! its own, or any line in such a text) followed by a paragraph or a list is a heading:
//! `<커리어>`, `< 24년도 계획 >`, `마무리`, `6. 그럼 2024년에는?`, `1) Keep`. It is not when it
//! reads as a sentence, holds an address or a `label: value`, or is followed by another
//! heading (`XR 앱 만들고 출시하기` before `Product`). Numbered headings continuing one
//! sequence (`1.`, `2)`, `3)` …) are level 2 and one restarting inside it level 3; other
//! headings are level 2, or 3 once a numbered heading has opened the sections.

use super::lines::{Kind, Line, is_space};
use crate::retro::analyze::bracketed;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node<'a> {
    Heading {
        level: u8,
        line: Line<'a>,
    },
    /// Its lines, each kept a line.
    Paragraph(Vec<Line<'a>>),
    /// Items and the lines indented under them (`Kind::Text` lines), in order.
    List(Vec<Line<'a>>),
}

/// Headings are at most this many characters; numbered and bracketed ones may say a little
/// more.
const MAX_HEADING: usize = 40;
const MAX_NUMBERED_HEADING: usize = 60;

struct Seg<'a> {
    lines: &'a [Line<'a>],
    list: bool,
    /// A line on its own: its run has nothing else, or the text has no blank lines.
    alone: bool,
}

pub fn structure<'a>(lines: &'a [Line<'a>]) -> Vec<Node<'a>> {
    let runs: Vec<&[Line]> = lines
        .split(|l| l.kind == Kind::Blank)
        .filter(|r| !r.is_empty())
        .collect();
    let dense = is_dense(&runs);
    let mut segs: Vec<Seg> = Vec::new();
    for run in runs {
        let first = segs.len();
        let mut i = 0;
        while i < run.len() {
            let list = run[i].is_list();
            let mut j = i + 1;
            if list {
                let outer = run[i].indent;
                let mut outer_min = outer;
                while j < run.len() && (run[j].is_list() || run[j].indent > outer_min) {
                    if run[j].is_list() {
                        outer_min = outer_min.min(run[j].indent);
                    }
                    j += 1;
                }
            } else if !dense {
                while j < run.len() && !run[j].is_list() {
                    j += 1;
                }
            }
            segs.push(Seg {
                lines: &run[i..j],
                list,
                alone: j - i == 1 && dense,
            });
            i = j;
        }
        if segs.len() == first + 1 && segs[first].lines.len() == 1 {
            segs[first].alone = true;
        }
    }
    let mut heading = vec![false; segs.len()];
    for k in (0..segs.len()).rev() {
        let next = segs.get(k + 1).map(|s| (s, heading[k + 1]));
        heading[k] = is_heading(&segs[k], next);
    }
    let (mut top, mut sub) = (None, None);
    let mut nodes: Vec<Node> = Vec::new();
    for (seg, is_heading) in segs.iter().zip(heading) {
        if is_heading {
            let line = seg.lines[0];
            let level = match line.kind {
                Kind::Number(n, ..) => numbered_level(n, &mut top, &mut sub),
                _ if top.is_some() => 3,
                _ => 2,
            };
            nodes.push(Node::Heading { level, line });
        } else if !seg.list {
            nodes.push(Node::Paragraph(seg.lines.to_vec()));
        } else if let Some(Node::List(items)) = nodes.last_mut() {
            // A list goes on across blank lines.
            items.extend_from_slice(seg.lines);
        } else {
            nodes.push(Node::List(seg.lines.to_vec()));
        }
    }
    nodes
}

/// Whether paragraphs are copied without blank lines between them: most text lines have
/// another text line next to them.
fn is_dense(runs: &[&[Line]]) -> bool {
    let (mut text, mut joined) = (0usize, 0usize);
    for run in runs {
        for (i, l) in run.iter().enumerate() {
            if l.is_list() {
                continue;
            }
            text += 1;
            let neighbour = |j: Option<usize>| {
                j.and_then(|j| run.get(j))
                    .is_some_and(|n: &Line| !n.is_list() && n.indent == l.indent)
            };
            if neighbour(i.checked_sub(1)) || neighbour(Some(i + 1)) {
                joined += 1;
            }
        }
    }
    text >= 4 && joined * 5 >= text * 3
}

fn is_heading(seg: &Seg, next: Option<(&Seg, bool)>) -> bool {
    if !seg.alone || seg.lines.len() != 1 {
        return false;
    }
    let line = seg.lines[0];
    let Some((next, next_heading)) = next else {
        return false;
    };
    let text = line.text();
    if text.contains("://") || !text.chars().any(char::is_alphanumeric) {
        return false;
    }
    match line.kind {
        Kind::Text(t) if bracketed(t) => t.chars().count() <= MAX_NUMBERED_HEADING,
        Kind::Text(t) => {
            !next_heading && t.chars().count() <= MAX_HEADING && !sentence(t) && !label_value(t)
        }
        Kind::Number(..) => {
            let under = if next.list {
                line.indent == 0 && next.lines[0].indent > 0
            } else {
                true
            };
            !next_heading && under && text.chars().count() <= MAX_NUMBERED_HEADING
        }
        _ => false,
    }
}

/// Whether a line reads as a sentence: closing punctuation, or a Korean sentence ending
/// (`…했다`, `…있죠`, `…할까`, `…해요` — but not a noun such as `개요`, `필요`), or a
/// clause that goes on (`…힘들었지만`, `…어린이집인데`).
fn sentence(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| is_space(c) || "\"'”’)]»」』".contains(c));
    if t.ends_with(['.', '!', '?', '…', '。', '！', '？', ':', ';', ',', '~'])
        || t.ends_with(['다', '죠', '까'])
        || ["지만", "는데", "인데", "은데"]
            .iter()
            .any(|e| t.ends_with(e))
    {
        return true;
    }
    let mut rev = t.chars().rev();
    rev.next() == Some('요') && rev.next().is_some_and(|c| POLITE_BEFORE_YO.contains(c))
}

/// Syllables that end a verb before a polite `요` (`했어요`, `좋네요`, `뭐예요`, `좋은데요`).
const POLITE_BEFORE_YO: &str = "어아여워와봐줘해돼래에예지네군까세데고서면걸거게나가야죠";

/// `Q: 그래서 얼마나 가까운데?!`, `글 작성자: 누구`: a short label, a colon, a value.
fn label_value(t: &str) -> bool {
    t.split_once(": ")
        .or_else(|| t.split_once("："))
        .is_some_and(|(head, _)| head.chars().count() <= 12)
}

/// The level of a numbered heading: 2 when it starts or continues the top sequence, 3 when
/// it starts or continues a sequence inside it.
fn numbered_level(n: u32, top: &mut Option<u32>, sub: &mut Option<u32>) -> u8 {
    let continues_top = top.is_none_or(|t| n == t + 1);
    let continues_sub = match *sub {
        None => n == 1,
        Some(s) => n == s + 1,
    };
    if continues_top || !continues_sub {
        *top = Some(n);
        *sub = None;
        2
    } else {
        *sub = Some(n);
        3
    }
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;

    /// Each node as a short string: `h2 text`, `p N lines`, `list N lines`.
    fn shape(text: &str) -> Vec<String> {
        let lines = split(text);
        structure(&lines)
            .iter()
            .map(|n| match n {
                Node::Heading { level, line } => format!("h{level} {}", line.raw),
                Node::Paragraph(l) => format!("p{}", l.len()),
                Node::List(l) => format!("list{}", l.len()),
            })
            .collect()
    }

    #[test]
    fn short_lines_before_paragraphs_are_headings() {
        let text = "개요\n\n글.\n\n<일>\n\n올해는 바빴다.\n\n책 12권 읽기\n\nProduct\n\n제품을 만들었다.\n\n무엇을 했을까?!\n\n  • 하나\n  • 둘\n\n마무리\n";
        assert_eq!(
            shape(text),
            [
                "h2 개요",
                "p1",
                "h2 <일>",
                "p1",
                "p1",
                "h2 Product",
                "p1",
                "p1",
                "list2",
                "p1"
            ]
        );
    }

    #[test]
    fn numbered_headings_nest_by_their_sequence() {
        let text = "  1. 목차 하나\n  2. 목차 둘\n\n1. 회사\n\n글.\n\n2) 공부\n\n글.\n\n1) Keep\n\n  1. 기록\n\n2) Try\n\n  1. 운동\n  2. 독서\n\n3. 그럼 내년에는?\n\n글.\n";
        assert_eq!(
            shape(text),
            [
                "list2",
                "h2 1. 회사",
                "p1",
                "h2 2) 공부",
                "p1",
                "h3 1) Keep",
                "list1",
                "h3 2) Try",
                "list2",
                "h2 3. 그럼 내년에는?",
                "p1"
            ]
        );
    }

    #[test]
    fn lists_run_across_blank_lines_and_keep_indented_lines() {
        let text =
            "목표 점검:\n\n  • 하나\n    => 설명\n\n  • 둘\n    • 세부\n      1. 첫째\n\n끝.\n";
        assert_eq!(shape(text), ["p1", "list5", "p1"]);
    }

    #[test]
    fn a_text_without_blank_lines_has_a_paragraph_per_line() {
        let text = "제목 같은 줄\n첫 문장입니다.\n둘째 문장입니다.\n나에게 있었던 일\n- 졸업\n- 결혼\n셋째 문장이다.\n[ FastAPI ]\n넷째.\n";
        assert_eq!(
            shape(text),
            [
                "h2 제목 같은 줄",
                "p1",
                "p1",
                "h2 나에게 있었던 일",
                "list2",
                "p1",
                "h2 [ FastAPI ]",
                "p1"
            ]
        );
    }

    #[test]
    fn what_is_not_a_heading() {
        // Two lines together, a label, an address, a last line, a bullet.
        let text = "Adios 2022\n설명 문장\n\nQ: 왜요\n\n글.\n\n좋아요\n\n글.\n\nhttps://example.com\n\n글.\n\n  • 한 줄\n\n글.\n\n끝맺는 짧은 줄\n";
        assert_eq!(
            shape(text),
            [
                "p2", "p1", "p1", "p1", "p1", "p1", "p1", "list1", "p1", "p1"
            ]
        );
    }
}
