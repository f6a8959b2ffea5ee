//! Posting lists as strings: whichever is shorter of a bitmap and gap-encoded numbers, both in
//! the URL-safe base64 alphabet (the format is in the module doc of [`super`]).

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A posting list (ascending post numbers below `n`) as the shorter of gaps and bitmap.
pub(super) fn encode_postings(list: &[u32], n: usize, out: &mut String) {
    out.clear();
    let mut prev: Option<u32> = None;
    for &p in list {
        let mut v = match prev {
            Some(q) => p - q,
            None => p,
        };
        prev = Some(p);
        loop {
            let digit = v & 31;
            v >>= 5;
            let more = if v > 0 { 32 } else { 0 };
            out.push(ALPHABET[(digit | more) as usize] as char);
            if v == 0 {
                break;
            }
        }
    }
    let bitmap_len = n.div_ceil(6) + 1;
    if out.len() > bitmap_len {
        let mut bits = vec![0u8; n.div_ceil(6)];
        for &p in list {
            bits[p as usize / 6] |= 1 << (p % 6);
        }
        out.clear();
        out.push('~');
        // Trailing empty characters are left out.
        let used = bits.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
        out.extend(bits[..used].iter().map(|b| ALPHABET[*b as usize] as char));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_postings(s: &str) -> Vec<u32> {
        let value = |c: char| ALPHABET.iter().position(|a| *a as char == c).unwrap() as u32;
        let mut out = Vec::new();
        if let Some(bits) = s.strip_prefix('~') {
            for (i, c) in bits.chars().enumerate() {
                let v = value(c);
                out.extend(
                    (0..6)
                        .filter(|b| v & (1 << b) != 0)
                        .map(|b| i as u32 * 6 + b),
                );
            }
            return out;
        }
        let (mut num, mut shift, mut prev) = (0u32, 0, None::<u32>);
        for c in s.chars() {
            let v = value(c);
            num |= (v & 31) << shift;
            shift += 5;
            if v & 32 == 0 {
                let p = prev.map_or(num, |q| q + num);
                out.push(p);
                prev = Some(p);
                num = 0;
                shift = 0;
            }
        }
        out
    }

    #[test]
    fn posting_lists_round_trip() {
        let mut s = String::new();
        for (list, n) in [
            (vec![0u32], 1usize),
            (vec![5, 40, 1000, 1001], 2000),
            ((0..1000).collect::<Vec<u32>>(), 1000),
            ((0..500).map(|i| i * 2).collect(), 1000),
            (vec![31, 32, 1023, 1024, 70000], 70001),
        ] {
            encode_postings(&list, n, &mut s);
            assert_eq!(decode_postings(&s), list, "{s}");
            assert!(s.len() <= n.div_ceil(6) + 1);
        }
        encode_postings(&(0..1000).collect::<Vec<u32>>(), 1000, &mut s);
        assert!(s.starts_with('~'));
    }
}
