//! Lines already highlighted in this build. syntect highlights a block line by line, and each
//! line's HTML depends only on the line and on the parser state before it (the grammar's
//! context stack and the open scopes). Blog code repeats lines across posts (imports,
//! closing braces, the same snippet in a series), so a line met again in the same state is
//! taken from here instead of running the grammar's regexes over it again. The result is
//! exactly what the highlighter would produce: an entry is used only when the line and the
//! whole state before it are equal.

use std::collections::HashMap;
use std::sync::Mutex;

use syntect::parsing::{ParseState, ScopeStack};

/// A cap on remembered lines, so a site of unusual code cannot grow the memo without bound.
const MAX_ENTRIES: usize = 500_000;

#[derive(Clone)]
pub struct State {
    pub parse: ParseState,
    pub scopes: ScopeStack,
    /// `<span>`s opened and not yet closed.
    pub open: isize,
}

struct Entry {
    syntax: Box<str>,
    line: Box<str>,
    before: (ParseState, ScopeStack),
    after: (ParseState, ScopeStack),
    html: Box<str>,
    delta: isize,
}

#[derive(Default)]
pub struct LineMemo {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Entries by a hash of syntax name and line.
    entries: HashMap<u64, Vec<Entry>>,
    count: usize,
}

fn key(syntax: &str, line: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(syntax.as_bytes());
    h.update(&[0]);
    h.update(line.as_bytes());
    h.digest()
}

impl LineMemo {
    /// Appends to `out` the HTML of `line` highlighted from `state` and advances `state`, if
    /// this build has highlighted that line from that state before; else returns false.
    pub fn get(&self, syntax: &str, line: &str, state: &mut State, out: &mut String) -> bool {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let found = inner.entries.get(&key(syntax, line)).and_then(|bucket| {
            bucket.iter().find(|e| {
                &*e.line == line
                    && &*e.syntax == syntax
                    && e.before.0 == state.parse
                    && e.before.1 == state.scopes
            })
        });
        let Some(e) = found else { return false };
        state.parse = e.after.0.clone();
        state.scopes = e.after.1.clone();
        state.open += e.delta;
        out.push_str(&e.html);
        true
    }

    /// Remembers that `line` highlighted from `before` gave `html` and left `after`.
    pub fn put(&self, syntax: &str, line: &str, before: State, after: &State, html: &str) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.count >= MAX_ENTRIES {
            return;
        }
        inner.count += 1;
        inner
            .entries
            .entry(key(syntax, line))
            .or_default()
            .push(Entry {
                syntax: syntax.into(),
                line: line.into(),
                delta: after.open - before.open,
                before: (before.parse, before.scopes),
                after: (after.parse.clone(), after.scopes.clone()),
                html: html.into(),
            });
    }
}
