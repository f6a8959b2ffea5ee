//! kramdown's span IALs: `{: .filepath}` right after inline code, `{: .btn}` after a link,
//! `{: width="400"}` after an image, put on that element instead of shown as text.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{attrs, escape_attr, escape_html};
use crate::jekyll::kramdown::Attrs;

/// A span IAL in the text right after an element: its attributes, and the text that
/// followed it in the same run, which goes after the element.
pub(super) fn take<'a, I>(parser: &mut std::iter::Peekable<I>) -> (Option<Attrs>, Option<String>)
where
    I: Iterator<Item = (usize, Event<'a>, std::ops::Range<usize>)>,
{
    match parser.peek() {
        Some((_, Event::Text(t), _)) if t.starts_with("{:") => {}
        _ => return (None, None),
    }
    // Smart punctuation splits `"400"` into several text events: gather up to the `}`.
    let mut text = String::new();
    while let Some((_, Event::Text(t), _)) = parser.peek() {
        text.push_str(t);
        parser.next();
        if text.contains('}') || text.len() > 512 {
            break;
        }
    }
    match attrs::span_ial(&text) {
        Some((a, used)) => (
            Some(a),
            Some(text[used..].to_string()).filter(|r| !r.is_empty()),
        ),
        None => (None, Some(text)),
    }
}

/// Inline code, with the attributes of its IAL when it has one.
pub(super) fn code(text: CowStr<'_>, ial: Option<Attrs>) -> Event<'_> {
    match ial {
        Some(a) => Event::InlineHtml(
            format!(
                "<code{}>{}</code>",
                attrs::to_html(&a, None),
                escape_html(&text)
            )
            .into(),
        ),
        None => Event::Code(text),
    }
}

/// Closes the link opened at `events[start]`: with an IAL, its start tag is written out with
/// the attributes (and the end tag to match).
pub(super) fn close_link(events: &mut Vec<Event<'_>>, start: Option<usize>, ial: Option<Attrs>) {
    let (Some(i), Some(a)) = (start, ial) else {
        events.push(Event::End(TagEnd::Link));
        return;
    };
    let Some(Event::Start(Tag::Link {
        dest_url, title, ..
    })) = events.get(i)
    else {
        events.push(Event::End(TagEnd::Link));
        return;
    };
    let mut open = format!("<a href=\"{}\"", escape_attr(dest_url));
    if !title.is_empty() {
        open.push_str(&format!(" title=\"{}\"", escape_attr(title)));
    }
    open.push_str(&attrs::to_html(&a, None));
    open.push('>');
    events[i] = Event::InlineHtml(open.into());
    events.push(Event::InlineHtml("</a>".into()));
}
