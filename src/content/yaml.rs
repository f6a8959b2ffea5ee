//! YAML as Jekyll reads it (Ruby's Psych): a key written twice keeps its last value — with
//! a warning here, where Jekyll says nothing — and `yes`/`no`/`on`/`off` are booleans.

use serde_json::{Map, Value};

/// A mapping parsed from YAML, or the parser's error.
pub fn parse_map(text: &str) -> Result<Option<Value>, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
    };
    serde_saphyr::from_str_with_options::<Value>(text, options).map(Some)
}

/// Psych reads the YAML 1.1 words for true and false (`yes`, `off`, …) as booleans; a YAML
/// 1.2 parser keeps them as strings. Keys hoego reads as booleans accept them.
pub fn yaml11_bool(s: &str) -> Option<bool> {
    match s {
        "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => Some(true),
        "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => Some(false),
        _ => None,
    }
}

/// Top-level keys written more than once: `(key, line of the first, line of the repeat)`,
/// lines 1-based within `text`.
pub fn duplicate_keys(text: &str) -> Vec<(String, usize, usize)> {
    let mut seen: Map<String, Value> = Map::new();
    let mut dups = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(key) = top_level_key(line) else {
            continue;
        };
        match seen.get(key).and_then(Value::as_u64) {
            Some(first) => dups.push((key.to_string(), first as usize, i + 1)),
            None => {
                seen.insert(key.to_string(), Value::from(i + 1));
            }
        }
    }
    dups
}

/// The key of a `key: value` line at the top level (no indentation, not a list item or
/// comment), quotes removed.
fn top_level_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '-' | '#' | '[' | '{' | '|' | '>' | '!' | '&' | '*')
    {
        return None;
    }
    let colon = line
        .find(": ")
        .or_else(|| line.strip_suffix(':').map(|s| s.len()))?;
    let key = line[..colon].trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    (!key.is_empty() && !key.contains('#')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_of_a_repeated_key_wins_and_is_reported() {
        let text = "title: 첫째\ntags: [a]\ntitle: 둘째\nnested:\n  title: x\n";
        let v = parse_map(text).unwrap().unwrap();
        assert_eq!(v["title"], "둘째");
        assert_eq!(duplicate_keys(text), [("title".to_string(), 1, 3)]);
    }

    #[test]
    fn yaml_1_1_booleans() {
        assert_eq!(yaml11_bool("yes"), Some(true));
        assert_eq!(yaml11_bool("Off"), Some(false));
        assert_eq!(yaml11_bool("yesterday"), None);
    }
}
