//! Is this post a retrospective, and of what period? Front matter decides when it says;
//! otherwise the title, then the tags, then the opening paragraphs. Every post passes through
//! here, so the common case (no keyword anywhere) is a few substring searches.

use jiff::civil::Date;

use super::forms::{self, Mention};
use super::period::{Kind, Period};
use super::spec::Spec;

/// What the detector looks at.
#[derive(Debug, Clone, Copy)]
pub struct Post<'a> {
    pub title: &'a str,
    pub tags: &'a [String],
    /// A 회고 category says so as a tag does: Jekyll blogs file their retrospectives under
    /// one.
    pub categories: &'a [String],
    /// The Markdown body (only its opening is read).
    pub body: &'a str,
    pub date: Option<Date>,
    pub spec: Option<&'a Spec>,
}

/// Where the decision came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    FrontMatter,
    Title,
    Tags,
    Opening,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::FrontMatter => "front_matter",
            Source::Title => "title",
            Source::Tags => "tags",
            Source::Opening => "opening",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub period: Period,
    pub source: Source,
}

/// What a title says on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A retrospective of this period.
    Retro(Period),
    /// Says it is not one (`회고 잘하는 법`, `회고를 쓰는 이유`).
    Not,
    /// Says nothing either way: tags or the opening may.
    Silent,
}

pub fn detect(post: &Post) -> Option<Detected> {
    let date = post.date;
    let found = |period: Period, source| Some(Detected { period, source });
    match post.spec {
        Some(Spec::Off) => return None,
        Some(Spec::Period(p)) => return found(p.clone(), Source::FrontMatter),
        Some(Spec::Kind(k)) => {
            let hint = Some(*k);
            let mentions = forms::periods_in(post.title, hint, date);
            let period = mentions
                .into_iter()
                .map(|m| m.period)
                .find(|p| p.kind() == *k)
                .unwrap_or_else(|| from_date(*k, date));
            return found(period, Source::FrontMatter);
        }
        Some(Spec::On) => {
            let period = match title_verdict(post.title, date) {
                Verdict::Retro(p) => p,
                _ => period_without_keyword(post, date),
            };
            return found(period, Source::FrontMatter);
        }
        None => {}
    }
    match title_verdict(post.title, date) {
        Verdict::Retro(p) => found(p, Source::Title),
        Verdict::Not => None,
        Verdict::Silent if tags_say_so(post.labels()) => {
            found(period_from_tags(post, date), Source::Tags)
        }
        Verdict::Silent => opening_period(post.body, post.title, date).map(|p| Detected {
            period: p,
            source: Source::Opening,
        }),
    }
}

/// The period of a post known to be a retrospective whose title has no keyword: a period in
/// the title, else in the opening, else the kind its tags name, else the year of its date.
fn period_without_keyword(post: &Post, date: Option<Date>) -> Period {
    named_period(post, date).unwrap_or_else(|| from_date(hint(post).unwrap_or(Kind::Year), date))
}

/// The period of a post only its tags call a retrospective: as [`period_without_keyword`],
/// except that when nothing names a period or a kind and the post was written far from a
/// year's turn (March to October), it reviews a project or an event, named by its title:
/// `서버 언어 전환 이야기`, tagged 회고 in April, is not that year's retrospective.
fn period_from_tags(post: &Post, date: Option<Date>) -> Period {
    named_period(post, date).unwrap_or_else(|| match (hint(post), date) {
        (None, Some(d)) if (3..=10).contains(&d.month()) => {
            Period::Project(Some(post.title.trim().to_string()))
        }
        (hint, _) => from_date(hint.unwrap_or(Kind::Year), date),
    })
}

/// The kind the tags or the title name without a number.
fn hint(post: &Post) -> Option<Kind> {
    tag_hint(post.labels()).or_else(|| forms::kind_hint(post.title))
}

/// A period the title names, else the opening.
fn named_period(post: &Post, date: Option<Date>) -> Option<Period> {
    let hint = hint(post);
    choose(forms::periods_in(post.title, hint, date), hint, date)
        .or_else(|| opening_period(post.body, post.title, date))
}

fn from_date(kind: Kind, date: Option<Date>) -> Period {
    match date {
        Some(d) if kind != Kind::Project => Period::reviewed_on(kind, d),
        _ => Period::Project(None),
    }
}

/// Among the periods a text names, the one it reviews: of the hinted kind when there is one,
/// else the first that had started when the post was written (`Adios 2023, Welcome 2024`
/// written on 2023-12-31 reviews 2023).
fn choose(mentions: Vec<Mention>, hint: Option<Kind>, date: Option<Date>) -> Option<Period> {
    if let Some(k) = hint
        && let Some(m) = mentions.iter().find(|m| m.period.kind() == k)
    {
        return Some(m.period.clone());
    }
    let started = |p: &Period| match (p.start(), date) {
        (Some(s), Some(d)) => s <= d,
        _ => true,
    };
    let pick = mentions
        .iter()
        .find(|m| started(&m.period))
        .or(mentions.first())
        .map(|m| m.period.clone())?;
    // `2025년 월간 회고`: the year is named, the month comes from the date within it.
    if let (Some(k), Period::Year(y), Some(d)) = (hint, &pick, date)
        && k > Kind::Year
        && k != Kind::Project
        && d.year() == *y
    {
        return Some(Period::reviewed_on(k, d));
    }
    Some(pick)
}

/// Korean words that merely contain 회고: a memoir, an exhibition, a retrospective tone.
const NOT_AFTER_HOEGO: &[char] = &['록', '전', '담', '적', '조'];

/// Words that make a retrospective with a period (or a kind word): 결산 alone is bookkeeping.
const SOFT: &[&str] = &[
    "결산",
    "돌아보",
    "돌아본",
    "되돌아",
    "보내며",
    "보내는",
    "마무리하며",
    "reflection on",
    "reflections on",
    "reflecting on",
    "looking back",
    "look back",
    "in review",
    "recap",
    "retro ",
    "retro:",
];

/// Titles about retrospectives in general, not one, whatever else they say.
const META: &[&str] = &[
    "회고 방법",
    "회고방법",
    "회고법",
    "회고하는 법",
    "회고하는 방법",
    "회고 잘",
    "회고를 잘",
    "회고 템플릿",
    "회고 양식",
    "회고 도구",
    "회고 툴",
    "회고 가이드",
    "회고란",
    "회고 란",
    "회고의 중요성",
    "회고 문화",
    "회고 프로세스",
    "회고 진행",
    "회고 퍼실리테이",
    "회고 모임",
    "회고 팁",
    "회고를 위한",
    "회고를 하는 이유",
    "회고를 쓰는 이유",
    "회고하는 이유",
    "how to",
    "retrospective template",
    "retrospectives",
];

/// Words that make a title about retrospectives in general when it names no period.
const META_WITHOUT_PERIOD: &[&str] = &[
    "하는 법",
    "하는법",
    "하는 방법",
    "잘하는",
    "잘 하는",
    "잘하기",
    "템플릿",
    "양식",
    "가이드",
    "하는 이유",
    "쓰는 이유",
    "template",
    "guide",
    " tips",
    "facilitat",
    "meeting",
    "how we",
];

/// `회고` as a word (not 회고록): its char range.
fn hoego_at(chars: &[char]) -> Option<(usize, usize)> {
    (0..chars.len().saturating_sub(1)).find_map(|i| {
        (chars[i] == '회'
            && chars[i + 1] == '고'
            && !chars
                .get(i + 2)
                .is_some_and(|c| NOT_AFTER_HOEGO.contains(c)))
        .then_some((i, i + 2))
    })
}

/// `retrospective` (not the plural) or `year in review`: its char range.
fn english_at(lower: &str) -> Option<(usize, usize)> {
    for word in ["retrospective", "year in review", "year-in-review"] {
        if let Some(pos) = lower.find(word) {
            let end = pos + word.len();
            if lower[end..].starts_with('s') {
                continue;
            }
            let start = lower[..pos].chars().count();
            return Some((start, start + word.chars().count()));
        }
    }
    None
}

/// What a title says (see [`Verdict`]).
pub fn title_verdict(title: &str, date: Option<Date>) -> Verdict {
    // Fast path for every post: no keyword, nothing to say.
    let lower = title.to_lowercase();
    let has_hoego = lower.contains("회고");
    let soft = SOFT.iter().any(|w| lower.contains(w)) || lower.ends_with(" retro");
    let has_english = lower.contains("retrospective") || lower.contains("year-in-review");
    if !has_hoego && !soft && !has_english {
        return Verdict::Silent;
    }
    let chars: Vec<char> = title.chars().collect();
    let strong_at = hoego_at(&chars).or_else(|| english_at(&lower));
    if strong_at.is_none() && !soft {
        // Only 회고록 and the like: a memoir, unless it names the period it records
        // (`2024 회고록`, as some write their yearly retrospective).
        if lower.contains("회고록") && !META.iter().any(|w| lower.contains(w)) {
            let hint = forms::kind_hint(title);
            if let Some(p) = choose(forms::periods_in(title, hint, date), hint, date) {
                return Verdict::Retro(p);
            }
        }
        return Verdict::Silent;
    }
    if META.iter().any(|w| lower.contains(w)) {
        return Verdict::Not;
    }
    let hint = forms::kind_hint(title);
    let period = choose(forms::periods_in(title, hint, date), hint, date);
    if let Some(p) = period {
        return Verdict::Retro(p);
    }
    if META_WITHOUT_PERIOD.iter().any(|w| lower.contains(w)) {
        return Verdict::Not;
    }
    let Some((start, end)) = strong_at else {
        return match hint {
            Some(k) => Verdict::Retro(from_date(k, date)),
            None => Verdict::Silent,
        };
    };
    if let Some(k) = hint {
        return Verdict::Retro(from_date(k, date));
    }
    let rest: String = chars[end.min(chars.len())..].iter().collect();
    if !ends_a_title(&rest) {
        return Verdict::Not;
    }
    let before: String = chars[..start.min(chars.len())].iter().collect();
    // `우테코 레벨1 회고` names its project before the keyword, `[회고] 우테코 레벨2` after it.
    let after = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    let named = project_name(&before).or_else(|| {
        (!rest.trim_start().starts_with(|c: char| c.is_alphanumeric()))
            .then(|| project_name(after))
            .flatten()
    });
    match named {
        Some(name) => Verdict::Retro(Period::Project(Some(name))),
        None => Verdict::Retro(from_date(Kind::Year, date)),
    }
}

/// Whether what follows the keyword leaves it as the title's subject: nothing, punctuation,
/// a subtitle, or a verb ending (`회고하며`, `회고를 작성하며`).
fn ends_a_title(rest: &str) -> bool {
    let r = rest.trim_start();
    let Some(first) = r.chars().next() else {
        return true;
    };
    if !('가'..='힣').contains(&first) {
        return true;
    }
    const GOOD: &[&str] = &[
        "하며",
        "하면서",
        "해보며",
        "해 보며",
        "해본다",
        "해 본다",
        "해보기",
        "해 보기",
        "합니다",
        "하기",
        "하다",
        "글",
        "편",
        "와 ",
        "과 ",
        "및",
        "겸",
    ];
    if GOOD.iter().any(|g| r.starts_with(g)) {
        return true;
    }
    if let Some(after) = r.strip_prefix("를 ").or_else(|| r.strip_prefix("을 ")) {
        const VERBS: &[&str] = &[
            "작성", "써", "쓰", "해", "하", "남기", "정리", "시작", "마치",
        ];
        return VERBS.iter().any(|v| after.starts_with(v));
    }
    false
}

/// Words that say nothing about what a retrospective is of.
const FILLER: &[&str] = &[
    "나의",
    "내",
    "짧은",
    "간단한",
    "조금",
    "늦은",
    "이른",
    "빠른",
    "개인",
    "첫",
    "솔직한",
    "작은",
    "소소한",
    "그냥",
    "나만의",
    "my",
    "a",
    "an",
    "the",
    "short",
    "quick",
    "brief",
    "personal",
    "diary",
    "일기",
];

/// The project a title's words before the keyword name, or `None` when they name nothing
/// but filler (`짧은 회고`: a retrospective of its time, not of a project).
fn project_name(before: &str) -> Option<String> {
    let cleaned: String = before
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|w| !FILLER.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.is_empty() {
        return None;
    }
    let name = before
        .trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != ']')
        .trim();
    // `CS224W 짧은 회고`, `구름톤 12기 후기와 회고`: the words that qualify the keyword or
    // join another to it are not the project's name. Each word with where it ends.
    let mut words: Vec<(&str, usize)> = name
        .split_whitespace()
        .map(|w| (w, w.as_ptr() as usize - name.as_ptr() as usize + w.len()))
        .collect();
    while words.len() > 1
        && words.last().is_some_and(|(w, _)| {
            let w = w.to_lowercase();
            FILLER.contains(&w.as_str()) || JOINING.contains(&w.as_str())
        })
    {
        words.pop();
    }
    let end = words.last().map_or(name.len(), |&(_, end)| end);
    Some(name[..end].to_string())
}

/// Words that join a second name to the keyword: `후기와 회고`, `review and retrospective`.
const JOINING: &[&str] = &[
    "및",
    "그리고",
    "와",
    "과",
    "후기와",
    "후기랑",
    "후기및",
    "소감과",
    "리뷰와",
    "정리와",
    "and",
    "&",
    "+",
];

/// Tags that mark a retrospective (compared without case, spaces, `-` and `_`).
const TAGS: &[&str] = &[
    "회고",
    "연간회고",
    "연말회고",
    "한해회고",
    "주간회고",
    "월간회고",
    "일간회고",
    "분기회고",
    "반기회고",
    "회고글",
    "결산",
    "연말결산",
    "retrospective",
    "retrospectives",
    "retrospect",
    "retro",
    "yearinreview",
    "yearreview",
    "annualreview",
    "weeklyreview",
    "monthlyreview",
];

fn tag_key(tag: &str) -> String {
    tag.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

impl Post<'_> {
    /// Its tags, then its categories.
    fn labels(&self) -> impl Iterator<Item = &String> {
        self.tags.iter().chain(self.categories)
    }
}

pub fn tags_say_so<'t>(mut labels: impl Iterator<Item = &'t String>) -> bool {
    labels.any(|t| TAGS.contains(&tag_key(t).as_str()))
}

fn tag_hint<'t>(labels: impl Iterator<Item = &'t String>) -> Option<Kind> {
    labels
        .filter(|t| TAGS.contains(&tag_key(t).as_str()))
        .find_map(|t| forms::kind_hint(t))
}

/// How far into the body the opening is looked for.
const OPENING_BYTES: usize = 2000;
/// Paragraphs of the opening read for any mention of the period reviewed; later ones (up to
/// [`OPENING_BYTES`]) only for a sentence that declares it (see [`declares`]).
const OPENING_PARAGRAPHS: usize = 3;
const MAX_PARAGRAPHS: usize = 8;

/// After the keyword in an opening sentence: a retrospective that is another one
/// (`2022년 회고에서 말했듯`, `2022년 회고에 이어`).
const ELSEWHERE: &[&str] = &[
    "에서",
    "에 이어",
    "에이어",
    "를 보니",
    "를 보면",
    "을 보면",
    "를 다시",
    "을 다시",
    "를 읽",
    "을 읽",
    "는 여기",
    "링크",
    "글은",
];

/// The period an opening sentence says the post reviews: `2023년 회고와 2024년 계획을
/// 세워본다`, `This is my 2023 retrospective`. A period glued to the keyword, written while or
/// soon after it ran; the latest such one wins. Past the first paragraphs (an author's
/// introduction, a quote) only a sentence that sets out to do it counts: `이 글에서 2023년을
/// 회고해 보려 합니다`.
pub fn opening_period(body: &str, title: &str, date: Option<Date>) -> Option<Period> {
    let mut end = body.len().min(OPENING_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let head = &body[..end];
    let has_keyword = memchr::memmem::find(head.as_bytes(), "회고".as_bytes()).is_some()
        || memchr::memmem::find(head.as_bytes(), b"etrospective").is_some()
        || memchr::memmem::find(head.as_bytes(), b"n review").is_some();
    if !has_keyword {
        return None;
    }
    let mut best: Option<Period> = None;
    for (n, para) in opening_paragraphs(head, title).into_iter().enumerate() {
        let chars: Vec<char> = para.chars().collect();
        for m in forms::periods_in(&para, None, date) {
            if !reviews_here(&chars, m.end) || !plausible(&m.period, date) {
                continue;
            }
            if n >= OPENING_PARAGRAPHS && !declares(&chars, m.end) {
                continue;
            }
            let later = best.as_ref().is_none_or(|b| m.period.order() > b.order());
            if later {
                best = Some(m.period);
            }
        }
    }
    best
}

/// Whether the keyword follows a period mention ending at `end` and speaks of this post.
fn reviews_here(chars: &[char], end: usize) -> bool {
    let mut k = end;
    while k < chars.len() && (chars[k].is_whitespace() || "의을를".contains(chars[k])) {
        k += 1;
    }
    let rest: String = chars[k..chars.len().min(k + 40)].iter().collect();
    let lower = rest.to_lowercase();
    let after = if let Some(r) = rest.strip_prefix("회고") {
        if r.starts_with(NOT_AFTER_HOEGO) {
            return false;
        }
        r
    } else {
        let Some(keyword) = ["retrospective", "year in review", "in review"]
            .into_iter()
            .find(|k| lower.starts_with(k))
        else {
            return false;
        };
        // ASCII keywords: as long in `rest` as in `lower`.
        return !names_a_link(&rest[keyword.len()..]);
    };
    !ELSEWHERE.iter().any(|e| after.starts_with(e)) && !names_a_link(after)
}

/// Whether the text after the keyword closes a link's text (`[2021년 회고](/2021/)`): the
/// period and keyword are the title of another post the opening links to.
fn names_a_link(after: &str) -> bool {
    after.starts_with("](") || after.starts_with("][")
}

/// What follows a period mention that sets out to review it now: `을 회고하고자`,
/// `를 회고합니다`, `을 회고해 보려 한다` — the period as the object of the verb.
fn declares(chars: &[char], end: usize) -> bool {
    const VERBS: &[&str] = &[
        "해보고자",
        "해 보고자",
        "하고자",
        "해보려",
        "해 보려",
        "하려",
        "해봅니다",
        "해 봅니다",
        "합니다",
        "해본다",
        "해 본다",
    ];
    let rest: String = chars[end.min(chars.len())..chars.len().min(end + 16)]
        .iter()
        .collect();
    let Some(after) = rest.strip_prefix(['을', '를']) else {
        return false;
    };
    after
        .trim_start()
        .strip_prefix("회고")
        .is_some_and(|verb| VERBS.iter().any(|v| verb.starts_with(v)))
}

/// A period a post may review: started by the time it was written, and not over for more
/// than about a year.
fn plausible(p: &Period, date: Option<Date>) -> bool {
    let (Some(d), Some(start), Some(end)) = (date, p.start(), p.end()) else {
        return true;
    };
    let limit = d.checked_sub(jiff::Span::new().days(400)).unwrap_or(d);
    start <= d && end >= limit
}

/// The first paragraphs of the body as plain lines: headings and quotes lose their
/// markers; images, comments, fences and a repeat of the title are skipped.
fn opening_paragraphs(head: &str, title: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let p = current.trim();
        if !p.is_empty() && p != title.trim() {
            out.push(p.to_string());
        }
        current.clear();
    };
    for line in head.lines() {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut current, &mut out);
            if out.len() >= MAX_PARAGRAPHS {
                break;
            }
            continue;
        }
        if t.starts_with("![")
            || t.starts_with("<!--")
            || t.starts_with("```")
            || t.starts_with('<')
        {
            continue;
        }
        let t = t.trim_start_matches(['#', '>']).trim();
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(t);
    }
    flush(&mut current, &mut out);
    out.truncate(MAX_PARAGRAPHS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    /// (kind, period key) a title alone gives, written on `on`.
    fn title(t: &str, on: &str) -> Option<(Kind, String)> {
        match title_verdict(t, date(on)) {
            Verdict::Retro(p) => Some((p.kind(), p.key())),
            _ => None,
        }
    }

    #[test]
    fn titles_with_a_period() {
        let on = "2026-03-31";
        for (t, kind, key) in [
            ("[Daily] 26/03/30 일간회고", Kind::Day, "2026-03-30"),
            ("[Weekly] 26/02 1주차 주간회고", Kind::Week, "2026-W06"),
            ("[Monthly] 26/02 월간회고", Kind::Month, "2026-02"),
            ("2024년 7월 회고", Kind::Month, "2024-07"),
            ("2024년 3분기 회고", Kind::Quarter, "2024-Q3"),
            ("2025년 상반기 회고", Kind::Half, "2025-H1"),
            ("조금 빠른 2023 회고", Kind::Year, "2023"),
            ("22년 회고", Kind::Year, "2022"),
            ("Reflection on 2025", Kind::Year, "2025"),
            ("2023 Retrospective", Kind::Year, "2023"),
            ("[Yearly] 25년 연간회고", Kind::Year, "2025"),
            ("2024 회고 ( 우테코를 마무리하며 )", Kind::Year, "2024"),
            ("Diary - 2023년 회고", Kind::Year, "2023"),
            (
                "2023년 회고 - 머신러닝 엔지니어로, 리더로",
                Kind::Year,
                "2023",
            ),
            ("2024년을 보내며", Kind::Year, "2024"),
            ("2025년 상반기 돌아보기", Kind::Half, "2025-H1"),
            ("2023 결산", Kind::Year, "2023"),
            ("Looking back at 2024", Kind::Year, "2024"),
            ("2024 Year in Review", Kind::Year, "2024"),
            ("My 2025 in review", Kind::Year, "2025"),
            ("Q3 2025 retro", Kind::Quarter, "2025-Q3"),
            ("2025년 월간 회고", Kind::Month, "2025-12"),
        ] {
            let on = if t.contains("2025년 월간") {
                "2025-12-30"
            } else {
                on
            };
            assert_eq!(title(t, on), Some((kind, key.to_string())), "{t}");
        }
        // Written in January's second week, about the year before.
        assert_eq!(
            title("1월 둘째주에 작성하는 2023 회고💫", "2024-01-13"),
            Some((Kind::Year, "2023".to_string()))
        );
    }

    #[test]
    fn titles_without_a_period() {
        let on = "2025-11-20";
        for (t, kind, key) in [
            ("우테코 레벨1 회고", Kind::Project, "project"),
            ("글또 9기 회고", Kind::Project, "project"),
            ("[BE] 4주차 미션 회고", Kind::Project, "project"),
            ("CS224W 짧은 회고", Kind::Project, "project"),
            ("결제 서버 장애 이슈 회고", Kind::Project, "project"),
            ("사이드 프로젝트 회고 (1)", Kind::Project, "project"),
            ("Project Atlas retrospective", Kind::Project, "project"),
            ("주간 회고", Kind::Week, "2025-W47"),
            ("월간 회고", Kind::Month, "2025-11"),
            ("연말 회고", Kind::Year, "2025"),
            ("연말 결산", Kind::Year, "2025"),
            ("한 해를 돌아보며", Kind::Year, "2025"),
            ("짧은 회고", Kind::Year, "2025"),
            ("회고", Kind::Year, "2025"),
            ("한 해를 회고하며", Kind::Year, "2025"),
        ] {
            assert_eq!(title(t, on), Some((kind, key.to_string())), "{t}");
        }
        let Verdict::Retro(Period::Project(Some(name))) = title_verdict("우테코 레벨1 회고", None)
        else {
            panic!("a project");
        };
        assert_eq!(name, "우테코 레벨1");
        for (t, want) in [
            ("CS224W 짧은 회고", "CS224W"),
            (
                "구름톤(9oormthon in JEJU) 12기 우수상 백엔드(backend) 후기와 회고",
                "구름톤(9oormthon in JEJU) 12기 우수상 백엔드(backend)",
            ),
            (
                "Project Atlas review and retrospective",
                "Project Atlas review",
            ),
            ("짧은 프로젝트 및 회고", "짧은 프로젝트"),
        ] {
            let Verdict::Retro(Period::Project(Some(name))) = title_verdict(t, None) else {
                panic!("{t}: a project");
            };
            assert_eq!(name, want, "{t}");
        }
    }

    #[test]
    fn titles_that_are_not_retrospectives() {
        let on = "2025-11-20";
        for t in [
            "회고록",
            "할머니의 회고록을 읽고",
            "피카소 회고전 관람기",
            "2023년 여행기",
            "Rust 1.75 release notes",
            "회고 잘하는 법",
            "KPT 회고 템플릿 공유",
            "회고를 쓰는 이유",
            "좋은 회고란 무엇인가",
            "팀 회고 문화 만들기",
            "회고의 힘",
            "How to run a sprint retrospective",
            "Agile Retrospectives 책 리뷰",
            "회계 결산 자동화",
            "월말 결산 배치 장애 대응",
            "Rust 비동기 돌아보기",
            "Retro gaming on a Raspberry Pi",
            "2024년 읽은 책",
            "Notes on coffee",
        ] {
            assert_eq!(title(t, on), None, "{t}");
        }
        assert_eq!(title_verdict("회고 잘하는 법", None), Verdict::Not);
        assert_eq!(title_verdict("2023년 여행기", None), Verdict::Silent);
        assert_eq!(title_verdict("회고록", None), Verdict::Silent);
        // With the period it records, 회고록 is the year's retrospective.
        assert_eq!(
            title("2024 회고록", "2024-12-31"),
            Some((Kind::Year, "2024".to_string()))
        );
    }

    fn post<'a>(title: &'a str, tags: &'a [String], body: &'a str, on: &str) -> Post<'a> {
        Post {
            title,
            tags,
            categories: &[],
            body,
            date: date(on),
            spec: None,
        }
    }

    #[test]
    fn tags_make_a_retrospective_of_the_date_or_the_title() {
        let tags = vec!["회고".to_string(), "일상".to_string()];
        let d = detect(&post("Adios 2023, Welcome 2024", &tags, "", "2023-12-31")).unwrap();
        assert_eq!((d.period.key(), d.source), ("2023".into(), Source::Tags));
        let d = detect(&post("Notes on coffee", &tags, "", "2024-01-05")).unwrap();
        assert_eq!(d.period.key(), "2023");
        // Far from a year's turn, with nothing that names a period, a project or an event.
        let d = detect(&post("서버 언어 전환 이야기", &tags, "", "2022-04-23")).unwrap();
        assert_eq!(
            d.period,
            Period::Project(Some("서버 언어 전환 이야기".into()))
        );
        let d = detect(&post("2022년 상반기", &tags, "", "2022-07-02")).unwrap();
        assert_eq!(d.period.key(), "2022-H1");
        let d = detect(&post("오랜만의 글", &tags, "", "2022-11-30")).unwrap();
        assert_eq!(d.period.key(), "2022");
        let weekly = vec!["주간회고".to_string()];
        let d = detect(&post("이번 주 기록", &weekly, "", "2026-03-29")).unwrap();
        assert_eq!(d.period.key(), "2026-W13");
        let none = vec!["일상".to_string()];
        assert!(detect(&post("Notes on coffee", &none, "", "2024-01-05")).is_none());
        // A title about retrospectives is not one, whatever its tags.
        assert!(detect(&post("회고 잘하는 법", &tags, "", "2024-01-05")).is_none());
    }

    #[test]
    fn the_opening_can_say_it() {
        let none: Vec<String> = Vec::new();
        let body = "Adios 2023, Welcome 2024\n\n올해도 어김없이 2023년 회고와 2024년 계획을 세워본다.\n\n본문";
        let d = detect(&post("Adios 2023, Welcome 2024", &none, body, "2023-12-31")).unwrap();
        assert_eq!((d.period.key(), d.source), ("2023".into(), Source::Opening));
        let body =
            "2022년 회고에 이어 두 번째 회고!! 2023 회고를 위해 2022 회고를 오랜만에 보게 되었다.";
        assert_eq!(
            opening_period(body, "", date("2023-12-31")).map(|p| p.key()),
            Some("2023".into())
        );
        let body = "This is my 2025 retrospective, written on a train.";
        assert_eq!(
            opening_period(body, "", date("2025-12-30")).map(|p| p.key()),
            Some("2025".into())
        );
        // Another retrospective, mentioned: not this one.
        for body in [
            "지난 2023년 회고에서 말했듯이 올해는 Rust를 공부했다.",
            "2023년 회고록을 읽었다.",
            "2023년은 바빴다. 회고는 나중에.",
            "오늘은 2019년 회고를 다시 읽었다.",
            // A link to it (otzslayer's `단상 (2021/01/20)` opens so).
            "이전 [2021년 회고](https://example.com/2021/) 포스트에서 말씀드렸듯 바쁘게 지낸다.",
            "As I wrote in [my 2023 retrospective][r], the plan changed.",
        ] {
            assert!(
                detect(&post("Rust 공부", &none, body, "2024-05-01")).is_none(),
                "{body}"
            );
        }
        // Deep in the body is not the opening.
        let body = format!("{}\n\n2024년 회고와 계획.", "첫 문단.\n\n".repeat(5));
        assert!(detect(&post("메모", &none, &body, "2024-12-31")).is_none());
        // Unless a sentence there sets out to review it (after an author's introduction).
        let body = format!(
            "{}\n\n짧은 인용으로 시작한 이 글에서, 바쁘게 지나간 2023년을 회고해보고자 해요.",
            "저를 소개합니다.\n\n".repeat(4)
        );
        let d = detect(&post("003_ab", &none, &body, "2023-12-31")).unwrap();
        assert_eq!((d.period.key(), d.source), ("2023".into(), Source::Opening));
        for later in ["2022년을 회고해보면 아쉽다.", "2022년 회고는 여기."] {
            let body = format!("{}\n\n{later}", "첫 문단.\n\n".repeat(4));
            assert!(
                detect(&post("메모", &none, &body, "2023-06-01")).is_none(),
                "{later}"
            );
        }
    }

    #[test]
    fn front_matter_wins() {
        let none: Vec<String> = Vec::new();
        let off = Spec::Off;
        let mut p = post("2025년 회고", &none, "", "2025-12-31");
        p.spec = Some(&off);
        assert!(detect(&p).is_none());
        let year = Spec::Period(Period::Year(2024));
        p.spec = Some(&year);
        assert_eq!(detect(&p).unwrap().period.key(), "2024");
        let month = Spec::Kind(Kind::Month);
        let mut q = post("메모", &none, "", "2025-12-31");
        q.spec = Some(&month);
        assert_eq!(detect(&q).unwrap().period.key(), "2025-12");
        let on = Spec::On;
        q.spec = Some(&on);
        assert_eq!(detect(&q).unwrap().period.key(), "2025");
    }
}
