//! Retrospective formats and their sections: KPT (Keep / Problem / Try), 4L (Liked /
//! Learned / Lacked / Longed for), 5F (Fact / Feeling / Finding / Future action / Feedback)
//! and AAR (Intended / Actual / Difference / Lessons), under English names or Korean glosses,
//! with numbering, brackets and emoji around them (`## 🎯 Future action(향후 행동)`,
//! `3) Try`, `[Keep]`).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Kpt,
    FourL,
    FiveF,
    Aar,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Kpt, Format::FourL, Format::FiveF, Format::Aar];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Kpt => "kpt",
            Format::FourL => "4l",
            Format::FiveF => "5f",
            Format::Aar => "aar",
        }
    }

    /// Section names with their English spellings and Korean glosses.
    fn names(
        self,
    ) -> &'static [(
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    )] {
        match self {
            Format::Kpt => &[
                (
                    "Keep",
                    &["keep"],
                    &["킵", "유지할 점", "유지할 것", "계속할 것"],
                ),
                ("Problem", &["problem"], &["프라블럼", "문제점"]),
                ("Try", &["try"], &["트라이", "시도할 점", "시도할 것"]),
            ],
            Format::FourL => &[
                ("Liked", &["liked"], &["좋았던 점", "좋았던 것"]),
                ("Learned", &["learned", "learnt"], &["배운 점", "배운 것"]),
                (
                    "Lacked",
                    &["lacked"],
                    &["부족했던 점", "부족한 점", "아쉬웠던 점", "아쉬운 점"],
                ),
                (
                    "Longed for",
                    &["longed for", "longed"],
                    &["바라는 점", "바랐던 점", "바라는 것"],
                ),
            ],
            Format::FiveF => &[
                ("Fact", &["fact"], &["사실"]),
                ("Feeling", &["feeling"], &["느낌", "감정"]),
                ("Finding", &["finding"], &["깨달음", "발견"]),
                (
                    "Future action",
                    &["future action"],
                    &["향후 행동", "앞으로 할 일"],
                ),
                ("Feedback", &["feedback"], &["피드백"]),
            ],
            Format::Aar => &[
                (
                    "Intended",
                    &["intended", "what was supposed to happen", "expected"],
                    &["의도한 것", "기대했던 것", "목표했던 것"],
                ),
                (
                    "Actual",
                    &["actual", "what actually happened", "what happened"],
                    &["실제 결과", "실제로 일어난 일"],
                ),
                (
                    "Difference",
                    &["difference", "why"],
                    &["차이", "차이와 원인"],
                ),
                (
                    "Lessons",
                    &["lessons", "what we learned", "what can we learn"],
                    &["교훈", "개선점"],
                ),
            ],
        }
    }

    /// Sections whose items are plans for the next period.
    pub fn is_next(self, name: &str) -> bool {
        matches!(
            (self, name),
            (Format::Kpt, "Try") | (Format::FiveF, "Future action")
        )
    }
}

/// A heading or label as the words it says: numbering (`3)`, `1.`, `①`), brackets, emoji,
/// symbols and a trailing colon removed.
pub fn clean_label(text: &str) -> String {
    thread_local! {
        static LABELS: std::cell::RefCell<super::words::Memo<String>> = Default::default();
    }
    if text.len() > 160 {
        return cleaned(text);
    }
    let key = super::words::memo_key(text, 0);
    if let Some(known) = LABELS.with(|m| m.borrow().get(&key).cloned()) {
        return known;
    }
    let label = cleaned(text);
    LABELS.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(key, label.clone());
    });
    label
}

fn cleaned(text: &str) -> String {
    let t = text.trim();
    // Leading numbering: digits followed by `)` `.` or `:`, or a circled number.
    let t = {
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        let rest = &t[digits..];
        if digits > 0 && digits <= 2 && rest.starts_with([')', '.', ':']) {
            &rest[1..]
        } else {
            t.trim_start_matches(|c: char| ('①'..='⑳').contains(&c))
        }
    };
    // Kept characters, with every run of anything else folded into one space.
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if super::words::alnum(c) || "()'’-&/,.?!".contains(c) {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    let trimmed = out.trim_end_matches(['.', ' ']);
    out.truncate(trimmed.len());
    out
}

/// A label that names a section of a format: (format, section name, named in English).
pub fn section_of(label: &str) -> Option<(Format, &'static str, bool)> {
    if label.chars().count() > 40 {
        return None;
    }
    let lower = label.to_lowercase();
    for format in Format::ALL {
        for (name, english, korean) in format.names() {
            for e in *english {
                if let Some(rest) = lower.strip_prefix(e) {
                    let rest = rest.strip_prefix('s').unwrap_or(rest);
                    if ends_name(rest) {
                        return Some((format, name, true));
                    }
                }
            }
            for k in *korean {
                if lower.strip_prefix(k).is_some_and(ends_name) {
                    return Some((format, name, false));
                }
            }
        }
    }
    None
}

/// Whether the rest of a label after a section name leaves the name alone: nothing, or a
/// gloss in brackets or after punctuation (`Try (시도)`, `Keep - 계속할 것`), not more words.
fn ends_name(rest: &str) -> bool {
    rest.trim_start()
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The format a post follows, from the section labels it has: two sections of one format
/// named in English, or three in any language; the format with the most wins.
pub fn choose_format(found: &[(Format, &'static str, bool)]) -> Option<Format> {
    Format::ALL
        .into_iter()
        .filter_map(|f| {
            let mut names: Vec<&str> = found
                .iter()
                .filter(|(g, _, _)| *g == f)
                .map(|(_, n, _)| *n)
                .collect();
            names.sort_unstable();
            names.dedup();
            let english = found.iter().any(|(g, _, e)| *g == f && *e);
            let ok = (names.len() >= 2 && english) || names.len() >= 3;
            ok.then_some((f, names.len()))
        })
        .max_by_key(|(f, n)| (*n, std::cmp::Reverse(*f as u8)))
        .map(|(f, _)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_their_decoration() {
        assert_eq!(clean_label("3) Try"), "Try");
        assert_eq!(
            clean_label("🎯 Future action(향후 행동)"),
            "Future action(향후 행동)"
        );
        assert_eq!(clean_label("< 24년도 계획 >"), "24년도 계획");
        assert_eq!(clean_label("[ Keep ]:"), "Keep");
        assert_eq!(clean_label("① 좋았던 점"), "좋았던 점");
        assert_eq!(clean_label("2024년 목표"), "2024년 목표");
    }

    #[test]
    fn section_names() {
        let s = |l: &str| section_of(&clean_label(l)).map(|(f, n, _)| (f, n));
        assert_eq!(s("Keep"), Some((Format::Kpt, "Keep")));
        assert_eq!(s("1) Keep"), Some((Format::Kpt, "Keep")));
        assert_eq!(s("Problems"), Some((Format::Kpt, "Problem")));
        assert_eq!(s("Try (시도할 것)"), Some((Format::Kpt, "Try")));
        assert_eq!(
            s("## 🎯 Future action(향후 행동)"),
            Some((Format::FiveF, "Future action"))
        );
        assert_eq!(s("📌 Fact(사실)"), Some((Format::FiveF, "Fact")));
        assert_eq!(s("Longed for"), Some((Format::FourL, "Longed for")));
        assert_eq!(s("배운 점"), Some((Format::FourL, "Learned")));
        assert_eq!(
            s("What was supposed to happen?"),
            Some((Format::Aar, "Intended"))
        );
        assert_eq!(s("Keeping fit"), None);
        assert_eq!(s("Trying new things"), None);
        assert_eq!(s("사실 나는"), None);
        assert_eq!(
            s("배운 점이 많았던 한 해였고 그래서 길게 적어 보는 문단입니다 아주 길게"),
            None
        );
    }

    #[test]
    fn a_format_needs_more_than_one_section() {
        let kpt = [(Format::Kpt, "Keep", true), (Format::Kpt, "Try", true)];
        assert_eq!(choose_format(&kpt), Some(Format::Kpt));
        assert_eq!(choose_format(&kpt[..1]), None);
        // Two Korean glosses are everyday headings (배운 점, 아쉬운 점), three are a format.
        let ko = [
            (Format::FourL, "Learned", false),
            (Format::FourL, "Lacked", false),
        ];
        assert_eq!(choose_format(&ko), None);
        let ko3 = [
            (Format::FourL, "Learned", false),
            (Format::FourL, "Lacked", false),
            (Format::FourL, "Liked", false),
        ];
        assert_eq!(choose_format(&ko3), Some(Format::FourL));
    }
}
