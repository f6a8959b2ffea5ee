//! Bytes to a `String`, checked with SIMD (`simdutf8`): std's check goes a character at a
//! time through Hangul, and a build checks every post as it reads it and, in a large build,
//! every page's HTML as it unpacks it.

use std::string::FromUtf8Error;

/// `bytes` as a `String`, or std's error (which says where the first bad byte is).
pub fn string_from(bytes: Vec<u8>) -> Result<String, FromUtf8Error> {
    match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: `from_utf8` has just checked that all of `bytes` is valid UTF-8.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(_) => String::from_utf8(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_comes_back_and_invalid_bytes_are_located() {
        let line = "회고 2025 — ok\n";
        let text = line.repeat(50);
        assert_eq!(string_from(text.clone().into_bytes()).unwrap(), text);
        // A bad byte at the start of the sixth line.
        let mut bad = text.into_bytes();
        bad.insert(5 * line.len(), 0xff);
        let e = string_from(bad).unwrap_err();
        assert_eq!(e.utf8_error().valid_up_to(), 5 * line.len());
    }
}
