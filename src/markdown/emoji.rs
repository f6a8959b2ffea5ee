//! GitHub's `:shortcode:` emoji (Jekyll's jemoji, the gemoji names): `:tada:` → 🎉 in text,
//! never in code. Names it does not know stay as written.

/// The text with every known `:name:` replaced; `None` when there is none.
pub fn replace(text: &str) -> Option<String> {
    memchr::memchr(b':', text.as_bytes())?;
    let mut out = String::new();
    let mut copied = 0;
    let mut search = 0;
    while let Some(open) = text[search..].find(':').map(|i| search + i) {
        let after = open + 1;
        let Some(len) = text[after..].find(':') else {
            break;
        };
        let name = &text[after..after + len];
        let plausible = !name.is_empty()
            && name.len() <= 40
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_+-".contains(&b));
        match plausible.then(|| emojis::get_by_shortcode(name)).flatten() {
            Some(e) => {
                out.push_str(&text[copied..open]);
                out.push_str(e.as_str());
                copied = after + len + 1;
                search = copied;
            }
            // The closing colon may open the next shortcode.
            None => search = after + len,
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_shortcodes_become_emoji() {
        assert_eq!(
            replace("축하 :tada: 합니다 :+1:").unwrap(),
            "축하 🎉 합니다 👍"
        );
        assert_eq!(replace("시간 10:30:00, :not_an_emoji_name:"), None);
        assert_eq!(replace("a::smile:").unwrap(), "a:😄");
        assert_eq!(replace("no colon"), None);
    }
}
