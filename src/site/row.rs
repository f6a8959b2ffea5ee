//! A post as a listing shows it, with only the fields the theme can read.
//!
//! Every listing page turns its posts into template values: the archive and a large tag's
//! page hold thousands. Serializing the dozen fields a theme's lists read, not all 35 of
//! [`PageData`], is what keeps long listings cheap in time and memory. Which fields each
//! template can read is decided from the theme's text by [`super::row_fields`].

use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::context::PageData;
use crate::theme::Theme;

/// Declares the fields of [`PageData`] a row can carry, in the struct's order: the mask's
/// bits and the serializer come from one list. A field marked `optional` is left out when
/// `None`,
/// as `PageData` leaves it out.
macro_rules! row_fields {
    ($($name:ident $(: $kind:ident)?),* $(,)?) => {
        /// The field names, in [`PageData`]'s order.
        pub const FIELDS: &[&str] = &[$(stringify!($name)),*];

        impl Serialize for Row<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (d, keep) = (self.data, self.keep);
                let mut out = serializer.serialize_struct("PageData", keep.len())?;
                let mut bit = 0;
                $(
                    if keep.has(bit) {
                        row_fields!(@field out, d, $name $($kind)?);
                    }
                    bit += 1;
                )*
                let _ = bit;
                out.end()
            }
        }
    };
    (@field $out:ident, $d:ident, $name:ident optional) => {
        if let Some(v) = &$d.$name {
            $out.serialize_field(stringify!($name), v)?;
        }
    };
    (@field $out:ident, $d:ident, $name:ident) => {
        $out.serialize_field(stringify!($name), &$d.$name)?;
    };
}

row_fields!(
    title,
    url,
    permalink,
    slug,
    date,
    year,
    updated,
    tags,
    categories,
    category_links,
    description,
    summary,
    summary_text,
    has_more,
    content: optional,
    toc,
    show_toc,
    math,
    mermaid,
    word_count,
    reading_time,
    draft,
    pinned,
    author,
    image,
    lang,
    extra,
    source,
    previous,
    next,
    translations,
    series,
    related,
    comments,
    retro: optional,
);

/// Which of [`FIELDS`] rows carry: one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowMask(u64);

impl RowMask {
    /// Every field: for a theme whose reads cannot be told from its text.
    pub fn all() -> RowMask {
        RowMask((1u64 << FIELDS.len()) - 1)
    }

    /// The fields among `names`.
    pub fn of<'n>(names: impl IntoIterator<Item = &'n str>) -> RowMask {
        let mut bits = 0u64;
        for name in names {
            if let Some(i) = FIELDS.iter().position(|f| *f == name) {
                bits |= 1 << i;
            }
        }
        RowMask(bits)
    }

    fn has(self, bit: usize) -> bool {
        self.0 & (1 << bit) != 0
    }

    fn len(self) -> usize {
        self.0.count_ones() as usize
    }
}

/// A post in a listing: its data and the fields the theme reads.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    pub data: &'a PageData<'a>,
    pub keep: RowMask,
}

/// The fields each template's listings carry.
pub struct RowMasks(Option<HashMap<String, RowMask>>);

impl RowMasks {
    pub fn of(theme: &Theme) -> RowMasks {
        RowMasks(super::row_fields::row_fields(theme).map(|by_template| {
            by_template
                .into_iter()
                .map(|(t, names)| (t, RowMask::of(names.iter().map(String::as_str))))
                .collect()
        }))
    }

    /// Every field into every template.
    pub fn every_field() -> RowMasks {
        RowMasks(None)
    }

    /// The fields rows carry into `template`: every field when the theme's reads cannot be
    /// told.
    pub fn get(&self, template: &str) -> RowMask {
        self.0
            .as_ref()
            .and_then(|m| m.get(template))
            .copied()
            .unwrap_or(RowMask::all())
    }
}

/// A page as listings keep it: [`PageData`] in a one-off build, or the JSON value `serve`
/// keeps to compare between edits (every field).
pub trait Listed: Sync {
    type Row<'r>: Serialize
    where
        Self: 'r;
    fn row(&self, keep: RowMask) -> Self::Row<'_>;
}

impl Listed for PageData<'_> {
    type Row<'r>
        = Row<'r>
    where
        Self: 'r;
    fn row(&self, keep: RowMask) -> Row<'_> {
        Row { data: self, keep }
    }
}

impl Listed for serde_json::Value {
    type Row<'r> = &'r serde_json::Value;
    fn row(&self, _: RowMask) -> &serde_json::Value {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mask_has_one_bit_per_field_and_fits() {
        assert!(FIELDS.len() < 64);
        assert_eq!(RowMask::all().len(), FIELDS.len());
        let m = RowMask::of(["title", "url", "no_such_field"]);
        assert_eq!(m.len(), 2);
        assert!(m.has(0) && m.has(1) && !m.has(2));
    }

    /// A row with every field is the page's data as `PageData` serializes it; one with a
    /// few fields has exactly those.
    #[test]
    fn rows_serialize_as_page_data_does() {
        use crate::site::context::{Detail, page_data};
        use crate::site::{BuildOptions, Site};
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        std::fs::write(root.join("config.toml"), "title = \"t\"\n").unwrap();
        std::fs::write(
            root.join("content/posts/2024-12-31-a.md"),
            "---\ntitle: 2024년 회고\ntags: [회고]\ncategories: [삶]\nextra: {mood: 3}\n---\n\
             - [x] 책 읽기\n\n<!-- more -->\n\n## 다음\n\n본문\n",
        )
        .unwrap();
        let site = Site::load(&BuildOptions {
            root: root.to_path_buf(),
            base_url: None,
            drafts: false,
            future: false,
        })
        .unwrap();
        for detail in [Detail::Listing, Detail::Full] {
            let data = page_data(&site, 0, detail);
            let whole = serde_json::to_value(&data).unwrap();
            let all = Row {
                data: &data,
                keep: RowMask::all(),
            };
            assert_eq!(serde_json::to_value(all).unwrap(), whole);
            let few = Row {
                data: &data,
                keep: RowMask::of(["title", "tags", "content"]),
            };
            let few = serde_json::to_value(few).unwrap();
            let keys: Vec<&str> = few
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let want: &[&str] = if detail == Detail::Full {
                &["content", "tags", "title"]
            } else {
                &["tags", "title"]
            };
            assert_eq!(keys, want);
            assert_eq!(few["tags"], whole["tags"]);
        }
    }
}
