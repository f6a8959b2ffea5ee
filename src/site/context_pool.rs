//! Each render thread keeps its own copy of the context every page shares (`site` and the
//! labels `t`, a few hundred values) and adds one page's variables to it for the page's
//! render, instead of copying the shared context for every page.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;
use tera::Context;

/// A new number for shared contexts that changed: a thread's copies of older ones are
/// dropped when it meets a newer one.
pub fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[derive(Default)]
struct Pool {
    generation: u64,
    contexts: Vec<(u8, Context)>,
}

thread_local! {
    static POOL: RefCell<Pool> = RefCell::new(Pool::default());
}

/// Calls `f` with `shared` (kind `kind` of generation `generation`) plus the variables of
/// `page`.
pub fn with_page<R>(
    shared: &Context,
    (generation, kind): (u64, u8),
    page: Context,
    f: impl FnOnce(&Context) -> R,
) -> R {
    let Value::Object(vars) = page.into_json() else {
        return f(shared);
    };
    let keys: Vec<String> = vars.keys().cloned().collect();
    let page = Context::from_value(Value::Object(vars)).unwrap_or_default();
    if keys.iter().any(|k| shared.contains_key(k)) {
        // A page variable that hides a shared one: on a copy of its own.
        let mut full = shared.clone();
        full.extend(page);
        return f(&full);
    }
    POOL.with_borrow_mut(|pool| {
        if pool.generation != generation {
            *pool = Pool {
                generation,
                contexts: Vec::new(),
            };
        }
        let at = match pool.contexts.iter().position(|(k, _)| *k == kind) {
            Some(at) => at,
            None => {
                pool.contexts.push((kind, shared.clone()));
                pool.contexts.len() - 1
            }
        };
        let ctx = &mut pool.contexts[at].1;
        ctx.extend(page);
        let out = f(ctx);
        for k in &keys {
            ctx.remove(k);
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_sees_the_shared_context_and_only_its_own_variables() {
        let mut shared = Context::new();
        shared.insert("site", &"blog");
        let generation = next_generation();
        let mut first = Context::new();
        first.insert("page", &"a");
        let seen = with_page(&shared, (generation, 0), first, |c| c.clone().into_json());
        assert_eq!(seen, serde_json::json!({"site": "blog", "page": "a"}));
        let mut second = Context::new();
        second.insert("paginator", &1);
        let seen = with_page(&shared, (generation, 0), second, |c| c.clone().into_json());
        assert_eq!(seen, serde_json::json!({"site": "blog", "paginator": 1}));
        // A newer shared context replaces the thread's copy.
        shared.insert("site", &"renamed");
        let seen = with_page(&shared, (next_generation(), 0), Context::new(), |c| {
            c.clone().into_json()
        });
        assert_eq!(seen, serde_json::json!({"site": "renamed"}));
        // A page variable named like a shared one wins, and does not stay.
        let mut hiding = Context::new();
        hiding.insert("site", &"mine");
        let seen = with_page(&shared, (generation, 0), hiding, |c| c.clone().into_json());
        assert_eq!(seen, serde_json::json!({"site": "mine"}));
    }
}
