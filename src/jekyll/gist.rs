//! jekyll-gist's `{% gist user/id [file] %}` (a plugin GitHub Pages runs): the script tag
//! that shows the gist. jekyll-gist also fetches the gist's text for a `<noscript>` copy;
//! hoego does not go to the network during a build, so readers without JavaScript get the
//! link inside the script's fallback instead.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What may not stand as it is in a gist's file name in a query string.
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'\'')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`');

/// The HTML for a gist tag whose arguments are `id` (`user/hash` or `hash`) and an optional
/// file name; `None` when the id is not one (jekyll-gist's build fails there).
pub fn html(id: &str, file: Option<&str>) -> Option<String> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'/' | b'.'))
            && !s.split('/').any(|part| part.is_empty() || part == "..")
    };
    if !valid(id) {
        return None;
    }
    let mut url = format!("https://gist.github.com/{id}");
    let page = url.clone();
    url.push_str(".js");
    if let Some(file) = file.filter(|f| !f.is_empty()) {
        url.push_str("?file=");
        url.extend(utf8_percent_encode(file, QUERY));
    }
    Some(format!(
        "<script src=\"{url}\"> </script><noscript><a href=\"{page}\">{page}</a></noscript>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_jekyll_gist_writes() {
        assert_eq!(
            html("parkr/931c1c8d465a04042403", None).unwrap(),
            "<script src=\"https://gist.github.com/parkr/931c1c8d465a04042403.js\"> </script>\
             <noscript><a href=\"https://gist.github.com/parkr/931c1c8d465a04042403\">\
             https://gist.github.com/parkr/931c1c8d465a04042403</a></noscript>"
        );
        let one = html("931c1c8d465a04042403", Some("회고 \"메모\".md")).unwrap();
        assert!(
            one.starts_with(
                "<script src=\"https://gist.github.com/931c1c8d465a04042403.js?file=\
                 %ED%9A%8C%EA%B3%A0%20%22%EB%A9%94%EB%AA%A8%22.md\">"
            ),
            "{one}"
        );
    }

    #[test]
    fn an_id_that_is_not_one_makes_nothing() {
        for bad in ["", "a/../b", "a//b", "x\" onload=\"alert(1)", "<b>", "a b"] {
            assert!(html(bad, None).is_none(), "{bad}");
        }
    }
}
