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
