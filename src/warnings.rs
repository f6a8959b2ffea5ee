//! The build's warnings as a person reads them: every one when there are few, and a warning
//! that repeats (a blog that writes ```` ```code ```` over a hundred posts has hundreds of
//! "unknown language") shown [`SHOWN`] times, then counted in one line.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::error::Diagnostic;

/// What `serve` has printed: after a rebuild it prints only the warnings that are new
/// since the last one (a warning fixed and back again is new).
#[derive(Debug, Default)]
pub struct Shown(HashSet<String>);

impl Shown {
    /// The lines to print for the site's warnings now: those not printed last time.
    pub fn new_lines(&mut self, warnings: &[&Diagnostic]) -> Vec<String> {
        let mut now = HashSet::with_capacity(warnings.len());
        let mut fresh = Vec::new();
        for &w in warnings {
            let text = w.to_string();
            if !self.0.contains(&text) {
                fresh.push(w);
            }
            now.insert(text);
        }
        self.0 = now;
        lines(&fresh, false)
    }
}

/// How many times the same message is shown with its file and line before the rest are
/// counted.
pub const SHOWN: usize = 3;

/// The lines to print for `warnings` (sorted by file and line), without the `warning: `
/// prefix: all of them with `all`, else each message at most [`SHOWN`] times and, at the
/// end, a count of the rest of each.
pub fn lines(warnings: &[&Diagnostic], all: bool) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    // Messages past their limit, in the order they first passed it, with their files.
    let mut over: Vec<(&str, usize, BTreeSet<&Path>)> = Vec::new();
    let mut out = Vec::new();
    for w in warnings {
        let n = seen.entry(w.message.as_str()).or_default();
        *n += 1;
        if all || *n <= SHOWN {
            out.push(w.to_string());
            continue;
        }
        match over.iter_mut().find(|(m, ..)| *m == w.message) {
            Some((_, count, files)) => {
                *count += 1;
                files.insert(&w.path);
            }
            None => over.push((&w.message, 1, BTreeSet::from([w.path.as_path()]))),
        }
    }
    for (message, count, files) in over {
        let files = match files.len() {
            1 => "1 file".to_string(),
            n => format!("{n} files"),
        };
        out.push(format!(
            "{count} more of \"{message}\" ({files}; `hoego build --verbose` lists every one)"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str, line: usize, message: &str) -> Diagnostic {
        Diagnostic::new(path, message).at(line, None)
    }

    #[test]
    fn a_repeated_warning_is_shown_three_times_then_counted() {
        let code = "unknown language `code` in a code block: shown without highlighting";
        let mut all: Vec<Diagnostic> = (1..=8)
            .map(|n| at(&format!("_posts/p{}.md", n % 3), n, code))
            .collect();
        all.push(at("_posts/p9.md", 2, "`title` is written twice"));
        let refs: Vec<&Diagnostic> = all.iter().collect();

        let short = lines(&refs, false);
        assert_eq!(short.len(), SHOWN + 2, "{short:#?}");
        assert_eq!(short[0], format!("_posts/p1.md:1: {code}"));
        assert_eq!(short[2], format!("_posts/p0.md:3: {code}"));
        assert_eq!(short[3], "_posts/p9.md:2: `title` is written twice");
        assert_eq!(
            short[4],
            format!("5 more of \"{code}\" (3 files; `hoego build --verbose` lists every one)")
        );

        let every = lines(&refs, true);
        assert_eq!(every.len(), 9);
        assert!(every.iter().all(|l| !l.contains("more of")));
    }

    #[test]
    fn serve_prints_only_new_warnings() {
        let (a, b) = (at("a.md", 1, "x"), at("b.md", 2, "y"));
        let mut shown = Shown::default();
        assert_eq!(shown.new_lines(&[&a]), ["a.md:1: x"]);
        assert!(shown.new_lines(&[&a]).is_empty());
        assert_eq!(shown.new_lines(&[&a, &b]), ["b.md:2: y"]);
        assert!(shown.new_lines(&[&b]).is_empty());
        assert_eq!(
            shown.new_lines(&[&a, &b]),
            ["a.md:1: x"],
            "fixed, then back"
        );
    }

    #[test]
    fn few_warnings_are_all_shown() {
        let all = [at("a.md", 1, "x"), at("b.md", 1, "x"), at("c.md", 1, "x")];
        let refs: Vec<&Diagnostic> = all.iter().collect();
        assert_eq!(lines(&refs, false), ["a.md:1: x", "b.md:1: x", "c.md:1: x"]);
        let one_more = [&all[0], &all[1], &all[2], &all[0]];
        assert_eq!(
            lines(&one_more, false)[3],
            "1 more of \"x\" (1 file; `hoego build --verbose` lists every one)"
        );
    }
}
