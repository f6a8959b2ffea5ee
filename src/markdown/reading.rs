//! Word count and reading time that are right for Korean.
//!
//! Whitespace tokenising counts `서울에서는` as one word, so Korean posts look short and read
//! "fast". We count each script in its own unit and add up the minutes:
//! - Latin (and other alphabetic) words: 238 words/min, the silent-reading mean for
//!   non-fiction in Brysbaert (2019), "How many words do we read per minute?",
//!   Journal of Memory and Language 109, 104047.
//! - Hangul syllables: 500 syllables/min. Song, Kim & Hyung (2016, J Korean Ophthalmol Soc
//!   57(4), 642–649) measured 202 eojeol/min silently at about 2.9 syllables per eojeol
//!   (≈590 syllables/min on easy text); we round down for blog prose.
//! - Kana: 500 characters/min, and Han ideographs: 300 characters/min, from the IReST reading
//!   rates (Trauzettel-Klosinski & Dietz 2012: Japanese 357, Chinese 255 characters/min aloud)
//!   scaled by the silent/aloud ratio Brysbaert reports for English (≈1.3).

const LATIN_PER_MIN: f64 = 238.0;
const HANGUL_PER_MIN: f64 = 500.0;
const KANA_PER_MIN: f64 = 500.0;
const HAN_PER_MIN: f64 = 300.0;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TextStats {
    pub latin_words: usize,
    pub hangul: usize,
    pub kana: usize,
    pub han: usize,
    in_word: bool,
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9D}')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

impl TextStats {
    /// Adds a run of text. Runs are joined as if separated by a space.
    pub fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII, most of any text: no decoding.
                if b.is_ascii_alphanumeric() || (self.in_word && b == b'\'') {
                    if !self.in_word {
                        self.latin_words += 1;
                        self.in_word = true;
                    }
                } else {
                    self.in_word = false;
                }
                i += 1;
                continue;
            }
            let c = if (0xE0..0xF0).contains(&b) && i + 2 < bytes.len() {
                // Three bytes (Hangul, kana, Han): decoded in place; `text` is UTF-8, so
                // the next two bytes continue this character.
                i += 3;
                let code = (u32::from(b & 0x0F) << 12)
                    | (u32::from(bytes[i - 2] & 0x3F) << 6)
                    | u32::from(bytes[i - 1] & 0x3F);
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            } else {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                c
            };
            if is_hangul(c) {
                self.hangul += 1;
                self.in_word = false;
            } else if is_kana(c) {
                self.kana += 1;
                self.in_word = false;
            } else if is_han(c) {
                self.han += 1;
                self.in_word = false;
            } else if c.is_alphanumeric() || (self.in_word && c == '’') {
                if !self.in_word {
                    self.latin_words += 1;
                    self.in_word = true;
                }
            } else {
                self.in_word = false;
            }
        }
        self.in_word = false;
    }

    /// Words for alphabetic text plus characters for Korean, Japanese and Chinese.
    pub fn word_count(&self) -> usize {
        self.latin_words + self.hangul + self.kana + self.han
    }

    /// The language the text is mostly written in, told by its script: `ko` when Hangul takes
    /// most of its reading time, `ja` when kana and Han do (with kana among them), `zh` when Han
    /// alone does. `None` for text mostly in another script (Latin could be any of dozens of
    /// languages) and for less than a sentence or two of text.
    pub fn script_language(&self) -> Option<&'static str> {
        let minutes = |n: usize, per: f64| n as f64 / per;
        let ko = minutes(self.hangul, HANGUL_PER_MIN);
        let ja = minutes(self.kana, KANA_PER_MIN) + minutes(self.han, HAN_PER_MIN);
        let total = ko + ja + minutes(self.latin_words, LATIN_PER_MIN);
        let most = |part: f64| part > total / 2.0;
        if self.hangul >= 20 && most(ko) {
            Some("ko")
        } else if self.kana + self.han >= 20 && most(ja) {
            // Japanese writes kana between its Han; a tenth of the characters at least.
            Some(if self.kana * 10 >= self.kana + self.han {
                "ja"
            } else {
                "zh"
            })
        } else {
            None
        }
    }

    /// Whole minutes, rounded up, at least one.
    pub fn reading_minutes(&self) -> usize {
        let minutes = self.latin_words as f64 / LATIN_PER_MIN
            + self.hangul as f64 / HANGUL_PER_MIN
            + self.kana as f64 / KANA_PER_MIN
            + self.han as f64 / HAN_PER_MIN;
        (minutes.ceil() as usize).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(s: &str) -> TextStats {
        let mut t = TextStats::default();
        t.add(s);
        t
    }

    #[test]
    fn hangul_counts_syllables_not_spaces() {
        let t = stats("서울에서는 비가 왔다.");
        assert_eq!(t.hangul, 9);
        assert_eq!(t.latin_words, 0);
        assert_eq!(t.word_count(), 9);
    }

    /// The counts, one character at a time: what `add`'s byte-level paths must agree with.
    fn by_chars(s: &str) -> TextStats {
        let mut t = TextStats::default();
        for c in s.chars() {
            let word = c.is_alphanumeric() && !(is_hangul(c) || is_kana(c) || is_han(c));
            let joins = t.in_word && (c == '\'' || c == '’');
            t.hangul += usize::from(is_hangul(c));
            t.kana += usize::from(is_kana(c));
            t.han += usize::from(is_han(c));
            if word && !t.in_word {
                t.latin_words += 1;
            }
            t.in_word = word || joins;
        }
        t.in_word = false;
        t
    }

    #[test]
    fn every_width_of_character_is_counted_as_one_at_a_time() {
        for text in [
            "서울에서는 비가 왔다. LLM을 썼다",
            "café naïve ÉCOLE it's don’t",
            "日本語のテキスト 𠀀𠀁 한자 漢字",
            "ᄀᄁ ㄱㄴ ｶﾀｶﾅ ½ ① €5 x\u{301}",
            "",
        ] {
            assert_eq!(stats(text), by_chars(text), "{text}");
        }
    }

    #[test]
    fn mixed_text() {
        let t = stats("LLM 개발자가 되다: it's 2023!");
        assert_eq!(t.latin_words, 3, "{t:?}"); // LLM, it's, 2023
        assert_eq!(t.hangul, 6);
        let t = stats("日本語のテキスト");
        assert_eq!(t.han, 3);
        assert_eq!(t.kana, 5);
    }

    #[test]
    fn the_script_most_of_the_text_is_in_names_its_language() {
        let ko = "오늘은 회고를 쓴다. 올해 세운 목표 가운데 절반을 이뤘고, 내년에는 Rust와 Kubernetes를 더 깊이 공부하고 싶다.";
        assert_eq!(stats(ko).script_language(), Some("ko"));
        let ja = "今年の振り返りを書きます。目標の半分を達成しました。来年はもっと深くRustを勉強したいと思っています。";
        assert_eq!(stats(ja).script_language(), Some("ja"));
        let zh = "今年的回顾：我完成了一半的目标。明年我想更深入地学习编程语言和分布式系统，并且每个月写一篇博客文章。";
        assert_eq!(stats(zh).script_language(), Some("zh"));
        // English with a few Korean words, a short Korean line, and no text: not told.
        let en = "This year I moved to Seoul (서울) and started learning Korean. I wrote twelve posts,                   gave two talks and finished the marathon I had put off since the spring.";
        assert_eq!(stats(en).script_language(), None);
        assert_eq!(stats("짧은 글").script_language(), None);
        assert_eq!(stats("").script_language(), None);
    }

    #[test]
    fn reading_time_for_korean_is_by_syllable() {
        // 1,500 syllables at 500/min: three minutes, whatever the spacing.
        let t = stats(&"가나다라마 ".repeat(300));
        assert_eq!(t.reading_minutes(), 3);
        let t = stats(&"word ".repeat(476));
        assert_eq!(t.reading_minutes(), 2);
        assert_eq!(stats("").reading_minutes(), 1);
    }
}
