//! A disk cache of highlighted code blocks, so a rebuild does not run the highlighter again
//! over code that has not changed. syntect's regex engine (pure Rust, fancy-regex) is most
//! of a build's CPU time on code-heavy blogs, and compiling a large grammar (TypeScript:
//! about a quarter of a second) would otherwise dominate a small site's build.
//!
//! One file per site under the user's cache folder (see [`crate::cache`]). An
//! entry stores the language, the code and the HTML, and is used only when language and code
//! match exactly, so the output is the same with or without the cache. The file keeps the
//! entries the last build used, and is replaced atomically.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const MAGIC: &[u8; 8] = b"hoegoHL1";

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    lang: String,
    code: String,
    html: String,
}

#[derive(Debug, Default)]
pub struct HighlightCache {
    path: Option<PathBuf>,
    loaded: HashMap<u64, Entry>,
    used: Mutex<Vec<u64>>,
    fresh: Mutex<Vec<(u64, Entry)>>,
}

fn key(lang: &str, code: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    lang.hash(&mut h);
    code.hash(&mut h);
    h.finish()
}

/// Where the cache of the site at `root` lives, or `None` when caching is off.
pub fn default_path(root: &Path) -> Option<PathBuf> {
    crate::cache::file_for("highlight", root)
}

impl HighlightCache {
    /// Loads the cache at `path`; a missing or unreadable file is an empty cache.
    pub fn open(path: Option<PathBuf>) -> HighlightCache {
        let loaded = path
            .as_deref()
            .and_then(|p| std::fs::read(p).ok())
            .map(|b| decode(&b))
            .unwrap_or_default();
        HighlightCache {
            path,
            loaded,
            ..HighlightCache::default()
        }
    }

    pub fn get(&self, lang: &str, code: &str) -> Option<String> {
        let k = key(lang, code);
        let e = self
            .loaded
            .get(&k)
            .filter(|e| e.lang == lang && e.code == code)?;
        self.used.lock().unwrap_or_else(|e| e.into_inner()).push(k);
        Some(e.html.clone())
    }

    pub fn put(&self, lang: &str, code: &str, html: &str) {
        if self.path.is_none() {
            return;
        }
        let entry = Entry {
            lang: lang.to_string(),
            code: code.to_string(),
            html: html.to_string(),
        };
        self.fresh
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((key(lang, code), entry));
    }

    /// Writes the entries this build used or made, when they differ from what was loaded.
    /// Failing to write the cache is not an error: the next build just highlights again.
    pub fn save(&self) {
        let Some(path) = &self.path else { return };
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner()).clone();
        used.sort_unstable();
        used.dedup();
        let fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        if fresh.is_empty() && used.len() == self.loaded.len() {
            return;
        }
        let mut entries: Vec<(u64, &Entry)> = used
            .iter()
            .filter_map(|k| self.loaded.get(k).map(|e| (*k, e)))
            .collect();
        entries.extend(fresh.iter().map(|(k, e)| (*k, e)));
        entries.sort_by_key(|(k, _)| *k);
        entries.dedup_by_key(|(k, _)| *k);
        let mut out = Vec::with_capacity(
            entries
                .iter()
                .map(|(_, e)| e.lang.len() + e.code.len() + e.html.len() + 12)
                .sum::<usize>()
                + 8,
        );
        out.extend_from_slice(MAGIC);
        for (_, e) in entries {
            for field in [&e.lang, &e.code, &e.html] {
                out.extend_from_slice(&(field.len() as u32).to_le_bytes());
                out.extend_from_slice(field.as_bytes());
            }
        }
        crate::cache::write(path, &out);
    }
}

fn decode(bytes: &[u8]) -> HashMap<u64, Entry> {
    let mut map = HashMap::new();
    let Some(mut rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return map;
    };
    let field = |rest: &mut &[u8]| -> Option<String> {
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let text = std::str::from_utf8(rest.get(4..4 + len)?).ok()?.to_string();
        *rest = &rest[4 + len..];
        Some(text)
    };
    while !rest.is_empty() {
        let (Some(lang), Some(code), Some(html)) =
            (field(&mut rest), field(&mut rest), field(&mut rest))
        else {
            // A torn or foreign file: keep what was read before the damage.
            break;
        };
        map.insert(key(&lang, &code), Entry { lang, code, html });
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_exact_match() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let c = HighlightCache::open(Some(path.clone()));
        assert_eq!(c.get("rust", "fn a() {}"), None);
        c.put("rust", "fn a() {}", "<span>fn</span>");
        c.save();
        let c = HighlightCache::open(Some(path.clone()));
        assert_eq!(
            c.get("rust", "fn a() {}").as_deref(),
            Some("<span>fn</span>")
        );
        assert_eq!(c.get("rust", "fn b() {}"), None);
        assert_eq!(c.get("python", "fn a() {}"), None);
    }

    #[test]
    fn unused_entries_are_dropped_and_damage_is_survived() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let c = HighlightCache::open(Some(path.clone()));
        c.put("a", "1", "x");
        c.put("b", "2", "y");
        c.save();
        let c = HighlightCache::open(Some(path.clone()));
        assert!(c.get("a", "1").is_some());
        c.save(); // "b" was not used by this build
        assert_eq!(HighlightCache::open(Some(path.clone())).loaded.len(), 1);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() - 1);
        std::fs::write(&path, &bytes).unwrap();
        assert!(HighlightCache::open(Some(path.clone())).loaded.is_empty());
        std::fs::write(&path, b"not a cache").unwrap();
        assert!(HighlightCache::open(Some(path)).loaded.is_empty());
    }
}
