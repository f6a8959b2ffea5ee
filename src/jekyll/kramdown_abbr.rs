//! kramdown's abbreviations (Jekyll pages): a line `*[HTML]: Hyper Text Markup Language`
//! defines one and is not shown; every `HTML` in the text (not in code, not in an image's
//! alt text) becomes `<abbr title="Hyper Text Markup Language">HTML</abbr>`. As in kramdown,
//! an abbreviation is found where the characters around it are not ASCII letters, digits or
//! `_`: `HTML과` and `한HTML` have it, `HTMLs` and `xHTML` do not. An empty definition gives
//! `<abbr>` without a title.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The abbreviations a page defines, longest first (so `HTML5` wins over `HTML`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Abbreviations {
    list: Vec<(String, String)>,
}

/// `*[ABBR]: title` (after at most three spaces): the abbreviation and its title.
pub fn definition(line: &str) -> Option<(String, String)> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let rest = rest.strip_prefix("*[")?;
    let (abbr, title) = rest.split_once("]:")?;
    if abbr.is_empty() || abbr.contains(']') || abbr.trim() != abbr {
        return None;
    }
    Some((abbr.to_string(), title.trim().to_string()))
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Abbreviations {
    /// Adds a definition; a later one of the same abbreviation replaces it.
    pub fn define(&mut self, abbr: String, title: String) {
        self.list.retain(|(a, _)| *a != abbr);
        self.list.push((abbr, title));
        self.list.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The events with each abbreviation in their text marked up.
    pub fn apply<'a>(&self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len());
        let mut in_image = 0usize;
        for event in events {
            match &event {
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                Event::Text(text) if in_image == 0 => {
                    if let Some(parts) = self.split(text) {
                        out.extend(parts);
                        continue;
                    }
                }
                _ => {}
            }
            out.push(event);
        }
        out
    }

    /// The text as text and `<abbr>` events, or `None` when it holds no abbreviation.
    fn split<'a>(&self, text: &str) -> Option<Vec<Event<'a>>> {
        let mut parts = Vec::new();
        let mut copied = 0;
        let mut at = 0;
        while at < text.len() {
            let before = text[..at].chars().next_back();
            let found = (!is_word(before))
                .then(|| {
                    self.list.iter().find(|(abbr, _)| {
                        text[at..].starts_with(abbr.as_str())
                            && !is_word(text[at + abbr.len()..].chars().next())
                    })
                })
                .flatten();
            match found {
                Some((abbr, title)) => {
                    if copied < at {
                        parts.push(Event::Text(CowStr::from(text[copied..at].to_string())));
                    }
                    parts.push(Event::InlineHtml(CowStr::from(html(abbr, title))));
                    at += abbr.len();
                    copied = at;
                }
                None => at += text[at..].chars().next().map_or(1, char::len_utf8),
            }
        }
        if parts.is_empty() {
            return None;
        }
        if copied < text.len() {
            parts.push(Event::Text(CowStr::from(text[copied..].to_string())));
        }
        Some(parts)
    }
}

fn html(abbr: &str, title: &str) -> String {
    use crate::markdown::{escape_attr, escape_html};
    if title.is_empty() {
        format!("<abbr>{}</abbr>", escape_html(abbr))
    } else {
        format!(
            "<abbr title=\"{}\">{}</abbr>",
            escape_attr(title),
            escape_html(abbr)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbrs(defs: &[(&str, &str)]) -> Abbreviations {
        let mut a = Abbreviations::default();
        for (k, v) in defs {
            a.define(k.to_string(), v.to_string());
        }
        a
    }

    fn render(a: &Abbreviations, text: &str) -> String {
        let events = a.apply(vec![Event::Text(CowStr::from(text.to_string()))]);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    #[test]
    fn definitions_are_kramdowns() {
        assert_eq!(
            definition("*[HTML]: Hyper Text Markup Language"),
            Some(("HTML".into(), "Hyper Text Markup Language".into()))
        );
        assert_eq!(definition("   *[빈]:"), Some(("빈".into(), String::new())));
        for line in [
            "    *[A]: b",
            "*[]: b",
            "*[A] b",
            "* [A]: b",
            "*[ A]: b",
            "text *[A]: b",
        ] {
            assert_eq!(definition(line), None, "{line}");
        }
    }

    /// The cases checked against kramdown 2.4: `한HTML과` and `HTML.` have it, `HTMLs` and
    /// `xHTML` do not.
    #[test]
    fn abbreviations_are_found_where_kramdown_finds_them() {
        let a = abbrs(&[("HTML", "Hyper Text <Markup>"), ("W3C", "")]);
        assert_eq!(
            render(&a, "한HTML과 HTMLs xHTML HTML. W3C"),
            "한<abbr title=\"Hyper Text &lt;Markup&gt;\">HTML</abbr>과 HTMLs xHTML \
             <abbr title=\"Hyper Text &lt;Markup&gt;\">HTML</abbr>. <abbr>W3C</abbr>"
        );
        assert_eq!(render(&a, "nothing here"), "nothing here");
    }

    #[test]
    fn the_longest_abbreviation_wins_and_a_later_definition_replaces() {
        let mut a = abbrs(&[("HTML", "old"), ("HTML5", "five")]);
        a.define("HTML".into(), "new".into());
        assert_eq!(
            render(&a, "HTML5 HTML"),
            "<abbr title=\"five\">HTML5</abbr> <abbr title=\"new\">HTML</abbr>"
        );
    }

    #[test]
    fn an_images_alt_text_is_left_alone() {
        let a = abbrs(&[("HTML", "t")]);
        let events = a.apply(vec![
            Event::Start(Tag::Image {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url: "x.png".into(),
                title: "".into(),
                id: "".into(),
            }),
            Event::Text("HTML".into()),
            Event::End(TagEnd::Image),
        ]);
        assert_eq!(events[1], Event::Text("HTML".into()));
    }
}
