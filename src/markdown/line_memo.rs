//! Lines already highlighted in this build. syntect highlights a block line by line, and each
//! line's HTML depends only on the line and on the parser state before it (the grammar's
//! context stack and the open scopes). Blog code repeats lines across posts (imports,
//! closing braces, the same snippet in a series), so a line met again in the same state is
//! taken from here instead of running the grammar's regexes over it again. The result is
//! exactly what the highlighter would produce: an entry is used only when the line and the
//! whole state before it are equal.
//!
//! The memo is kept per thread: with the Oniguruma regex engine a parser state holds the
//! engine's match registers, which may not cross threads. Each rayon thread remembers the
//! lines it highlighted; the grammars are the same for every build, so an entry stays true
//! from one build of `serve` to the next.

use std::cell::RefCell;
use std::collections::HashMap;

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

/// The line memo of the current thread.
#[derive(Default)]
pub struct LineMemo;

thread_local! {
    static MEMO: RefCell<Inner> = RefCell::new(Inner::default());
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
        MEMO.with_borrow(|inner| Self::get_in(inner, syntax, line, state, out))
    }

    fn get_in(
        inner: &Inner,
        syntax: &str,
        line: &str,
        state: &mut State,
        out: &mut String,
    ) -> bool {
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
        MEMO.with_borrow_mut(|inner| Self::put_in(inner, syntax, line, before, after, html));
    }

    fn put_in(
        inner: &mut Inner,
        syntax: &str,
        line: &str,
        before: State,
        after: &State,
        html: &str,
    ) {
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
