//! The site's posts as the search index reads them ([`crate::search::Posts`]).

use super::Site;
use crate::content::slug::slugify;
use crate::search::{Listed, Post, Posts};

impl Posts for Site {
    fn listed(&self) -> Vec<Listed<'_>> {
        self.posts
            .iter()
            .map(|&i| {
                let page = &self.pages[i];
                Listed {
                    source: &page.source,
                    secs: page.date.as_ref().map(|d| d.timestamp().as_second()),
                }
            })
            .collect()
    }

    fn post(&self, index: usize) -> Post<'_> {
        let page = &self.pages[self.posts[index]];
        Post {
            title: &page.title,
            url: self.base.href(&page.path),
            date: page
                .date
                .as_ref()
                .map(|d| d.strftime("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            tags: page
                .front
                .tags
                .iter()
                .filter(|t| !slugify(t).is_empty())
                .map(String::as_str)
                .collect(),
            description: page.front.description.as_deref().unwrap_or(""),
            html: page.rendered.html(),
        }
    }
}
