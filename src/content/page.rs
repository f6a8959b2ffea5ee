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
    /// Set when rendering finds the post is a retrospective.
    pub retro: Option<Box<crate::retro::PageRetro>>,
}

impl Page {
    pub fn is_post(&self) -> bool {
        self.kind == Kind::Post
    }

    /// The line in the source file of a byte offset into `body`.
    pub fn line_of(&self, body_offset: usize) -> usize {
        let offset = body_offset.min(self.body.len());
        self.body_line + self.body[..offset].matches('\n').count()
    }
}
