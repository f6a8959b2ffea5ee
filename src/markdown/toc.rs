//! Table of contents: headings nested by level, handed to templates.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    /// `#` plus the percent-encoded id.
    pub url: String,
    pub children: Vec<TocEntry>,
}

/// Nests a flat list of headings: each heading becomes a child of the nearest earlier
/// heading with a smaller level.
pub fn nest(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for entry in flat {
        insert(&mut roots, entry);
    }
    roots
}

fn insert(siblings: &mut Vec<TocEntry>, entry: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => siblings.push(entry),
    }
}

/// kramdown's `{:toc}` list: `<ul id="markdown-toc">` with nested lists, each entry linking
/// to its heading.
pub fn kramdown_html(entries: &[TocEntry]) -> String {
    fn list(entries: &[TocEntry], out: &mut String, top: bool) {
        out.push_str(if top {
            "<ul id=\"markdown-toc\">\n"
        } else {
            "<ul>\n"
        });
        for e in entries {
            out.push_str(&format!(
                "<li><a href=\"{}\" id=\"markdown-toc-{}\">{}</a>",
                super::escape_attr(&e.url),
                super::escape_attr(&e.id),
                super::escape_html(&e.title)
            ));
            if !e.children.is_empty() {
                out.push('\n');
                list(&e.children, out, false);
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    let mut out = String::new();
    if !entries.is_empty() {
        list(entries, &mut out, true);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(level: u8, id: &str) -> TocEntry {
        TocEntry {
            level,
            id: id.into(),
            title: id.into(),
            url: format!("#{id}"),
            children: vec![],
        }
    }

    #[test]
    fn nests_by_level() {
        let toc = nest(vec![
            e(2, "a"),
            e(3, "a1"),
            e(3, "a2"),
            e(4, "a2x"),
            e(2, "b"),
            e(4, "b-deep"),
        ]);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children.len(), 2);
        assert_eq!(toc[0].children[1].children[0].id, "a2x");
        assert_eq!(toc[1].children[0].id, "b-deep");
    }

    #[test]
    fn starts_deeper_than_later_headings() {
        let toc = nest(vec![e(3, "x"), e(2, "y")]);
        assert_eq!(toc.len(), 2);
    }
}
