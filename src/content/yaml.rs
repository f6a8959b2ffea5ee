//! YAML as Jekyll reads it (Ruby's Psych): a key written twice keeps its last value — with
//! a warning here, where Jekyll says nothing — and `yes`/`no`/`on`/`off` are booleans.

use serde_json::{Map, Value};

/// A mapping parsed from YAML, or the parser's error. As Psych, a comment right after a
/// quoted value (`"a.png"# note`) is read as a comment.
pub fn parse_map(text: &str) -> Result<Option<Value>, serde_saphyr::Error> {
    let options = || {
        serde_saphyr::options! {
            duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
        }
    };
    let first = serde_saphyr::from_str_with_options::<Value>(text, options());
    let Err(e) = first else {
        return first.map(Some);
    };
    // Psych reads `"value"# comment`; YAML 1.2 parsers want a space first.
    let mut fixed = text.to_string();
    let mut error = e;
    for _ in 0..64 {
        if !error.to_string().contains("comments must be separated") {
            break;
        }
        let Some(at) = comment_without_space(&fixed, &error) else {
            break;
        };
        fixed.insert(at, ' ');
        match serde_saphyr::from_str_with_options::<Value>(&fixed, options()) {
            Ok(v) => return Ok(Some(v)),
            Err(e) => error = e,
        }
    }
    Err(error)
}

/// The byte offset of the `#` an error points at (1-based line and column).
fn comment_without_space(text: &str, error: &serde_saphyr::Error) -> Option<usize> {
    let loc = error.location()?;
    let (line, col) = (loc.line() as usize, loc.column() as usize);
    let start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let line_text = text[start..].lines().next()?;
    // The column counts characters; look for a `#` right after a quote near it.
    let chars: Vec<(usize, char)> = line_text.char_indices().collect();
    let from = col.saturating_sub(3);
    chars
        .windows(2)
        .skip(from)
        .take(6)
        .find(|w| matches!(w[0].1, '"' | '\'') && w[1].1 == '#')
        .map(|w| start + w[1].0)
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
    fn a_comment_right_after_a_quoted_value_is_a_comment() {
        let text = "author:\n  avatar: \"/img/a.png\"# path of the avatar\n  bio: \"안녕\"#인사\n";
        let v = parse_map(text).unwrap().unwrap();
        assert_eq!(v["author"]["avatar"], "/img/a.png");
        assert_eq!(v["author"]["bio"], "안녕");
    }

    #[test]
    fn yaml_1_1_booleans() {
        assert_eq!(yaml11_bool("yes"), Some(true));
        assert_eq!(yaml11_bool("Off"), Some(false));
        assert_eq!(yaml11_bool("yesterday"), None);
    }
}
