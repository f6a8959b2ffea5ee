//! A post or a standalone page, as loaded from one Markdown file.

use std::path::PathBuf;

use jiff::ZonedDateTime;

use super::front_matter::FrontMatter;
use crate::markdown::Rendered;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Post,
    Page,
}

#[derive(Debug)]
pub struct Page {
    pub kind: Kind,
    /// Source file relative to the site root, e.g. `content/posts/2023-12-31-회고.md`.
    pub source: PathBuf,
    /// Folder of the source relative to `content/`, for resolving relative links (`posts`).
    pub content_dir: String,
    pub title: String,
    pub slug: String,
    /// The slug as written: front matter `slug`, else the file name after its date (Jekyll's
    /// `:title` is made from it).
    pub file_slug: String,
    pub date: Option<ZonedDateTime>,
    pub updated: Option<ZonedDateTime>,
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of the source file where `body` starts.
    pub body_line: usize,
    /// Site path without the base path, decoded: `/2023/2023년-회고/`.
    pub path: String,
    /// Output file relative to the output folder: `2023/2023년-회고/index.html`.
    pub output: String,
    pub rendered: Rendered,
    /// Problems found while loading that do not stop the build.
    pub notes: Vec<crate::error::Diagnostic>,
    /// From a Jekyll `_posts/` or `_drafts/` folder.
    pub jekyll_folder: bool,
    /// Output files of the page's old URLs (`redirect_from`, `aliases`).
    pub redirects: Vec<String>,
    /// Set when rendering finds the post is a retrospective.
    pub retro: Option<Box<crate::retro::PageRetro>>,
}

impl Page {
    pub fn is_post(&self) -> bool {
        self.kind == Kind::Post
    }

    /// A copy of the page as it was loaded, before its Markdown was rendered: what `serve`
    /// keeps while the file does not load.
    pub fn clone_source(&self) -> Page {
        Page {
            kind: self.kind,
            source: self.source.clone(),
            content_dir: self.content_dir.clone(),
            title: self.title.clone(),
            slug: self.slug.clone(),
            file_slug: self.file_slug.clone(),
            date: self.date.clone(),
            updated: self.updated.clone(),
            front: self.front.clone(),
            body: self.body.clone(),
            body_line: self.body_line,
            path: String::new(),
            output: String::new(),
            rendered: Default::default(),
            notes: self.notes.clone(),
            jekyll_folder: self.jekyll_folder,
            redirects: Vec::new(),
            retro: None,
        }
    }

    /// The line in the source file of a byte offset into `body`.
    pub fn line_of(&self, body_offset: usize) -> usize {
        line_in(&self.body, self.body_line, body_offset)
    }
}

/// The line of a byte offset into `text`, whose first line is `first_line` of its file.
pub fn line_in(text: &str, first_line: usize, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    first_line + text[..offset].matches('\n').count()
}
