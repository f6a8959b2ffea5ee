//! The shape of a post as the analysis needs it: headings, paragraphs and list items (with
//! their task-list state and nesting), collected from the pulldown-cmark events the Markdown
//! renderer already walks, so a retrospective is parsed once. Code, tables, HTML, footnotes
//! and image descriptions are left out. A paragraph is its span of the Markdown source (with
//! its emphasis and link syntax): nothing is copied for the many paragraphs that turn out to
//! say nothing the analysis looks for.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block<'a> {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: Cow<'a, str>,
        /// Inside a list item: a later paragraph of a loose item, or the lines after an
        /// item's first one (text pasted without blank lines runs on into the item before).
        continuation: bool,
    },
    Item {
        /// Which list (numbered in order of appearance; a nested list is another list).
        list: u32,
        /// 0 for a top-level item, 1 inside it, …
        depth: u8,
        /// Index (in the block list) of the item this one is nested in.
        parent: Option<usize>,
        /// `Some(done)` for a task-list item (`- [x]` / `- [ ]`).
        task: Option<bool>,
        /// The item's own text: its first line (the lines after it follow as a
        /// continuation paragraph).
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    Heading(u8),
    /// Inside a list item, and where in the source it starts.
    Paragraph(bool, usize),
    Item(usize),
}

/// Collects [`Block`]s from events (feed every event the parser produces, in order, with
/// its source range).
#[derive(Debug)]
pub struct Collector<'a> {
    source: &'a str,
    blocks: Vec<Block<'a>>,
    text: String,
    capture: Capture,
    items: Vec<usize>,
    lists: Vec<u32>,
    next_list: u32,
    /// Inside code, tables, HTML blocks, footnotes, images: text not collected.
    skip: u32,
    /// The paragraph being read has text of its own (not only an image).
    paragraph_text: bool,
}

impl<'a> Collector<'a> {
    /// A collector for the events of `source`.
    pub fn new(source: &'a str) -> Collector<'a> {
        Collector {
            source,
            blocks: Vec::new(),
            text: String::new(),
            capture: Capture::None,
            items: Vec::new(),
            lists: Vec::new(),
            next_list: 0,
            skip: 0,
            paragraph_text: false,
        }
    }

    pub fn finish(mut self) -> Vec<Block<'a>> {
        self.close_item_text();
        self.blocks
    }

    fn close_item_text(&mut self) {
        if let Capture::Item(i) = self.capture {
            let mut owned = std::mem::take(&mut self.text);
            let text = owned.trim();
            let (first, rest) = match text.split_once('\n') {
                Some((first, rest)) => (clean(first), rest),
                // Most items are one line with single spaces: kept as they are, no copy.
                None if !text.contains(['\t', '\r']) && !text.contains("  ") => {
                    let (start, len) = (owned.len() - owned.trim_start().len(), text.len());
                    owned.truncate(start + len);
                    owned.drain(..start);
                    (owned, "")
                }
                None => (clean(text), ""),
            };
            let rest: Vec<String> = rest.lines().map(clean).filter(|l| !l.is_empty()).collect();
            if let Some(Block::Item { text: t, .. }) = self.blocks.get_mut(i)
                && t.is_empty()
            {
                *t = first;
            }
            if !rest.is_empty() {
                self.blocks.push(Block::Paragraph {
                    text: Cow::Owned(rest.join("\n")),
                    continuation: true,
                });
            }
            self.capture = Capture::None;
        }
    }

    pub fn event(&mut self, event: &Event<'_>, range: Range<usize>) {
        // A paragraph's text is its source span: only headings and items collect theirs.
        let collecting =
            self.skip == 0 && matches!(self.capture, Capture::Heading(_) | Capture::Item(_));
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(*tag, range),
            Event::Text(t) | Event::Code(t) => {
                if collecting {
                    self.text.push_str(t);
                } else if self.skip == 0 {
                    self.paragraph_text = true;
                }
            }
            Event::SoftBreak | Event::HardBreak if collecting => self.text.push('\n'),
            Event::TaskListMarker(done) => {
                if let Some(&i) = self.items.last()
                    && let Some(Block::Item { task, .. }) = self.blocks.get_mut(i)
                {
                    *task = Some(*done);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::CodeBlock(_)
            | Tag::Table(_)
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::Image { .. }
            | Tag::MetadataBlock(_) => self.skip += 1,
            _ if self.skip > 0 => {}
            Tag::Heading { level, .. } => {
                self.close_item_text();
                self.text.clear();
                self.capture = Capture::Heading(*level as u8);
            }
            Tag::Paragraph => match self.capture {
                // The first paragraph of a loose list item is its text.
                Capture::Item(_) if self.text.trim().is_empty() => {}
                _ => {
                    self.close_item_text();
                    self.text.clear();
                    self.capture = Capture::Paragraph(!self.items.is_empty(), range.start);
                    self.paragraph_text = false;
                }
            },
            Tag::List(_) => {
                self.close_item_text();
                self.lists.push(self.next_list);
                self.next_list += 1;
            }
            Tag::Item => {
                self.close_item_text();
                let index = self.blocks.len();
                self.blocks.push(Block::Item {
                    list: self.lists.last().copied().unwrap_or(0),
                    depth: u8::try_from(self.items.len()).unwrap_or(u8::MAX),
                    parent: self.items.last().copied(),
                    task: None,
                    text: String::new(),
                });
                self.items.push(index);
                self.text.clear();
                self.capture = Capture::Item(index);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::CodeBlock
            | TagEnd::Table
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::Image
            | TagEnd::MetadataBlock(_) => self.skip = self.skip.saturating_sub(1),
            _ if self.skip > 0 => {}
            TagEnd::Heading(_) => {
                if let Capture::Heading(level) = self.capture {
                    let text = clean(&self.text);
                    self.blocks.push(Block::Heading { level, text });
                }
                self.text.clear();
                self.capture = Capture::None;
            }
            TagEnd::Paragraph => match self.capture {
                Capture::Paragraph(continuation, start) => {
                    let text = self
                        .source
                        .get(start..range.end.max(start))
                        .unwrap_or("")
                        .trim();
                    if !text.is_empty() && self.paragraph_text {
                        self.blocks.push(Block::Paragraph {
                            text: Cow::Borrowed(text),
                            continuation,
                        });
                    }
                    self.capture = Capture::None;
                }
                Capture::Item(_) => self.close_item_text(),
                _ => {}
            },
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Item => {
                self.close_item_text();
                self.items.pop();
            }
            _ => {}
        }
    }
}

impl crate::markdown::Observer for Collector<'_> {
    fn event(&mut self, event: &Event<'_>, range: Range<usize>) {
        Collector::event(self, event, range);
    }
}

/// Text with its whitespace runs (line breaks included) folded into single spaces.
fn clean(text: &str) -> String {
    let text = text.trim();
    if !text.contains(['\n', '\t', '\r']) && !text.contains("  ") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The blocks of a Markdown text on its own (tests, and callers without a renderer).
pub fn of_markdown(markdown: &str) -> Vec<Block<'_>> {
    let options = pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let mut c = Collector::new(markdown);
    for (event, range) in pulldown_cmark::Parser::new_ext(markdown, options).into_offset_iter() {
        c.event(&event, range);
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row<'a> = (u32, u8, Option<usize>, Option<bool>, &'a str);

    fn items<'a>(blocks: &'a [Block<'a>]) -> Vec<Row<'a>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Item {
                    list,
                    depth,
                    parent,
                    task,
                    text,
                } => Some((*list, *depth, *parent, *task, text.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn tasks_nesting_and_paragraphs() {
        let md = "# 제목\n\n첫 문단\n둘째 줄.\n\n- [x] 책 읽기\n- [ ] 달리기\n  - 주 3회\n\n1. 하나\n\n   설명 문단\n2. 둘\n\n```\n- 코드 속 목록\n```\n\n| a |\n|---|\n| 표 |\n";
        let blocks = of_markdown(md);
        assert_eq!(
            blocks[0],
            Block::Heading {
                level: 1,
                text: "제목".into()
            }
        );
        assert_eq!(
            blocks[1],
            Block::Paragraph {
                text: "첫 문단\n둘째 줄.".into(),
                continuation: false,
            }
        );
        assert_eq!(
            items(&blocks),
            [
                (0, 0, None, Some(true), "책 읽기"),
                (0, 0, None, Some(false), "달리기"),
                (1, 1, Some(3), None, "주 3회"),
                (2, 0, None, None, "하나"),
                (2, 0, None, None, "둘"),
            ]
        );
        assert!(blocks.contains(&Block::Paragraph {
            text: "설명 문단".into(),
            continuation: true,
        }));
        let all = format!("{blocks:?}");
        assert!(!all.contains("코드 속") && !all.contains('표'), "{all}");
    }

    #[test]
    fn item_text_stops_at_its_nested_list() {
        let blocks = of_markdown("- 다음 주 계획은:\n  - 운동 세 번\n  - 책 한 권\n");
        assert_eq!(
            items(&blocks),
            [
                (0, 0, None, None, "다음 주 계획은:"),
                (1, 1, Some(0), None, "운동 세 번"),
                (1, 1, Some(0), None, "책 한 권"),
            ]
        );
    }

    #[test]
    fn image_text_is_not_prose() {
        let blocks = of_markdown("![사진 설명](a.png)\n\n글.\n");
        assert_eq!(
            blocks,
            [Block::Paragraph {
                text: "글.".into(),
                continuation: false,
            }]
        );
    }

    #[test]
    fn lines_run_on_into_an_item_follow_it() {
        // Pasted text without blank lines: the lines after an item are part of it.
        let blocks = of_markdown("- 마지막 항목\n다음 제목\n그 아래 문장.\n- 다음 항목\n");
        let item = |text: &str| Block::Item {
            list: 0,
            depth: 0,
            parent: None,
            task: None,
            text: text.into(),
        };
        assert_eq!(
            blocks,
            [
                item("마지막 항목"),
                Block::Paragraph {
                    text: "다음 제목\n그 아래 문장.".into(),
                    continuation: true,
                },
                item("다음 항목"),
            ]
        );
    }
}
