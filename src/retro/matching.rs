//! Is this year's goal the one set last year? Goals are compared after normalising them
//! (NFKC, lower case, no punctuation, emoji or spaces, common particles and verb endings
//! dropped: `블로그에 글 쓰기` and `블로그 글쓰기!` are the same text) by the Sørensen–Dice
//! coefficient of their character bigrams.
//!
//! [`THRESHOLD`] is 0.6: the tests below hold pairs that are one goal edited a little (a
//! word added or dropped, a typo, a particle, a different ending) above it, and pairs of
//! different goals that share words (`영어 공부` / `일본어 공부`, `블로그 글 쓰기` /
//! `블로그 이전하기`) below it. One normalised text containing the other counts as a match too
//! (`책 12권 읽기` / `책 12권 읽기 (소설 포함)`).

use unicode_normalization::UnicodeNormalization;

pub const THRESHOLD: f64 = 0.6;

/// Particles dropped from the end of a word of at least three characters (one-character
/// particles) or four (two-character ones).
const PARTICLES_1: &[char] = &[
    '을', '를', '은', '는', '이', '가', '에', '와', '과', '의', '도', '로',
];
const PARTICLES_2: &[&str] = &["에서", "에게", "으로", "까지", "부터", "처럼"];

/// Endings dropped from the end of the whole goal, longest first.
const ENDINGS: &[&str] = &[
    "해보기",
    "해본다",
    "하겠다",
    "합니다",
    "하였다",
    "했다",
    "한다",
    "하자",
    "할것",
    "하기",
    "기",
];

/// The comparable form of a goal.
pub fn normalize(text: &str) -> String {
    // ASCII and Hangul syllables are their own NFKC form, and only ASCII has case: most
    // goals need no Unicode tables at all.
    let plain = text
        .chars()
        .all(|c| c.is_ascii() || ('가'..='힣').contains(&c));
    let nfkc: String = if plain {
        text.to_ascii_lowercase()
    } else if unicode_normalization::is_nfkc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        text.chars().flat_map(char::to_lowercase).collect()
    } else {
        text.nfkc().flat_map(char::to_lowercase).collect()
    };
    let mut out = String::with_capacity(nfkc.len());
    for word in nfkc.split(|c: char| !super::words::alnum(c)) {
        let n = word.chars().count();
        let word = match PARTICLES_2.iter().find(|p| word.ends_with(**p)) {
            Some(p) if n >= 4 => &word[..word.len() - p.len()],
            _ => match word.chars().next_back() {
                Some(last) if n >= 3 && PARTICLES_1.contains(&last) => {
                    &word[..word.len() - last.len_utf8()]
                }
                _ => word,
            },
        };
        out.push_str(word);
    }
    for ending in ENDINGS {
        if let Some(stem) = out.strip_suffix(ending)
            && stem.chars().count() >= 2
        {
            return stem.to_string();
        }
    }
    out
}

/// A goal ready to compare: its normal form and sorted bigrams.
#[derive(Debug, Clone)]
pub struct Key {
    text: String,
    bigrams: Vec<(char, char)>,
}

impl Key {
    pub fn new(goal: &str) -> Key {
        let text = normalize(goal);
        let chars: Vec<char> = text.chars().collect();
        let mut bigrams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        bigrams.sort_unstable();
        Key { text, bigrams }
    }

    /// The normal form compared.
    pub fn normal(&self) -> &str {
        &self.text
    }
}

/// How alike two goals are, from 0 to 1.
pub fn similarity(a: &Key, b: &Key) -> f64 {
    if a.text.is_empty() || b.text.is_empty() {
        return 0.0;
    }
    if a.text == b.text {
        return 1.0;
    }
    let (short, long) = if a.text.len() <= b.text.len() {
        (a, b)
    } else {
        (b, a)
    };
    let short_len = short.text.chars().count();
    if short_len >= 4
        && long.text.contains(&short.text)
        && short_len * 2 >= long.text.chars().count()
    {
        return 1.0;
    }
    if a.bigrams.is_empty() || b.bigrams.is_empty() {
        return 0.0;
    }
    // Common bigrams, counted with multiplicity: a merge of two sorted lists.
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.bigrams.len() && j < b.bigrams.len() {
        match a.bigrams[i].cmp(&b.bigrams[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * common as f64 / (a.bigrams.len() + b.bigrams.len()) as f64
}

/// Pairs each of `wanted` with at most one of `found` (and each of `found` with at most
/// one), best matches first, above [`THRESHOLD`]: for each of `wanted`, the index in `found`.
pub fn assign(wanted: &[Key], found: &[Key]) -> Vec<Option<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, w) in wanted.iter().enumerate() {
        for (j, f) in found.iter().enumerate() {
            let s = similarity(w, f);
            if s >= THRESHOLD {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = vec![None; wanted.len()];
    let mut taken = vec![false; found.len()];
    for (_, i, j) in pairs {
        if out[i].is_none() && !taken[j] {
            out[i] = Some(j);
            taken[j] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> f64 {
        similarity(&Key::new(a), &Key::new(b))
    }

    #[test]
    fn normal_forms() {
        assert_eq!(normalize("Rust 공부하기!"), "rust공부");
        assert_eq!(normalize("블로그에 글 쓰기 ✍️"), "블로그글쓰");
        assert_eq!(normalize("ＲＵＳＴ　공부"), "rust공부");
        assert_eq!(normalize("책 12권 읽기."), "책12권읽");
        assert_eq!(normalize("운동"), "운동");
        assert_eq!(normalize("달리기"), "달리");
        assert_eq!(normalize("🏃"), "");
    }

    #[test]
    fn one_goal_edited_a_little_matches() {
        for (a, b) in [
            ("일주일에 세 번 달리기", "일주일에 세 번씩 달리기"),
            ("매주 블로그 글 쓰기", "매주 블로그에 글 한 편 쓰기"),
            (
                "사이드 프로젝트 공개하기",
                "사이드 프로젝트를 사용자에게 공개하기",
            ),
            ("RTRFT CoLM 액셉되기", "RTRFT CoLM 억셉되기"),
            ("책 12권 읽기", "책 12권 읽기 (소설 포함)"),
            ("Rust 공부하기", "Rust 공부"),
            ("오픈소스에 첫 기여 해 보기", "오픈소스에 첫 기여하기"),
            ("Ship a side project", "Ship the side project"),
            (
                "밤 11시 30분에 노트북 덮기",
                "밤 11시 30분이 되면 노트북 덮기",
            ),
        ] {
            assert!(sim(a, b) >= THRESHOLD, "{a} / {b}: {}", sim(a, b));
        }
    }

    #[test]
    fn different_goals_sharing_words_do_not() {
        for (a, b) in [
            ("블로그 글 쓰기", "블로그 이전하기"),
            ("영어 공부", "일본어 공부"),
            ("책 12권 읽기", "책 출판하기"),
            ("책 12권 읽기", "책 20권 읽기"),
            (
                "매달 2번 이상 스포츠하기",
                "매달 프로덕트 관련 글 하나 이상 발행하기",
            ),
            ("운동", "운동화 사기"),
        ] {
            assert!(sim(a, b) < THRESHOLD, "{a} / {b}: {}", sim(a, b));
        }
    }

    #[test]
    fn assignment_is_one_to_one_best_first() {
        let wanted: Vec<Key> = ["영어 공부", "일본어 공부", "마라톤"]
            .iter()
            .map(|t| Key::new(t))
            .collect();
        let found: Vec<Key> = ["일본어 공부하기", "영어 공부하기"]
            .iter()
            .map(|t| Key::new(t))
            .collect();
        assert_eq!(assign(&wanted, &found), [Some(1), Some(0), None]);
    }
}
